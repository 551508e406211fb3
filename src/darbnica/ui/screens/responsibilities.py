"""Responsibilities across all workshops: every open promise by place, due date and owner, overdue ones marked.

The list comes from the catalog (no workshop file is read to show it), with what other laptops recorded folded in.
Changing a status of this laptop's workshop opens that one workshop through the store, writes the change and
closes it again, so a workshop open in another darbnica is refused with a message naming who has it, and nothing
else is touched; of another laptop's workshop, it is recorded as an event beside it (:mod:`darbnica.promises`).
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static

from darbnica.errors import DarbnicaError
from darbnica.followup import TASK_ORDERS, OpenTask, open_tasks, sort_tasks
from darbnica.model import Status
from darbnica.promises import set_status
from darbnica.rules import next_status
from darbnica.store.catalog import from_other_laptops, laptop_label
from darbnica.text import display
from darbnica.ui.screens.base import DarbnicaScreen
from darbnica.ui.widgets.columns import cell, cursor_key, fit_columns, status_width
from darbnica.ui.widgets.footer import KeyFooter

ORDERS = TASK_ORDERS
WIDE = 120
"""From this width on, the workshop each promise was made at is shown too."""
NARROW = 100
"""Below this width, with a laptop column to fit, the place and the owner get less room."""
WHOLE = ("what", "who", "due")
"""The columns whose text wraps rather than being cut: what was promised, by whom, and by when (a day, or words
such as "when the grant comes")."""


class TaskTable(DataTable[Text]):
    HELP_HEADING = "help.tasks_table"
    BINDINGS = [
        Binding("s", "screen.cycle_status", "key.status"),
        Binding("o", "screen.sort", "key.sort"),
        Binding("escape", "screen.back", "key.back_to_library"),
        # The first and the last promise, not the first and last column (DataTable's own Home and End).
        Binding("home", "scroll_top", show=False),
        Binding("end", "scroll_bottom", show=False),
    ]


class ResponsibilitiesScreen(DarbnicaScreen[None]):
    def compose(self) -> ComposeResult:
        yield Static(Content(self.app.t("tasks.heading")), id="tasks-title")
        yield Static(id="tasks-status")
        yield TaskTable(id="tasks", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.order = ORDERS[0]
        entries = self.app.library.listing().entries
        self.tasks = open_tasks(entries)
        self.shared = from_other_laptops(entries, self.app.library.device)
        """Another laptop's workshops are in the archive: each row names its workshop's laptop."""
        self.statuses: dict[str, Status] = {}  # changed here: shown until the list is read again
        self._width = 0
        self.query_one(TaskTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            self.call_after_refresh(self.show)  # the table's own width is the new one only after this layout

    @staticmethod
    def key_of(item: OpenTask) -> str:
        return f"{item.entry.id}#{item.task.id}"

    def _sorted(self) -> list[OpenTask]:
        return sort_tasks(self.tasks, self.order)

    def _status(self, item: OpenTask) -> Status:
        return self.statuses.get(self.key_of(item), Status(item.task.status))

    def _still_open(self, item: OpenTask) -> bool:
        return self._status(item) in (Status.PLANNED, Status.IN_PROGRESS)

    def _row(self, item: OpenTask, columns: list[tuple[str, int]]) -> list[Text]:
        status = self._status(item)
        overdue = item.overdue and self._still_open(item)
        values = {
            "place": display(item.entry.place) or "–",
            "due": (f"⚠ {display(item.task.due)}" if overdue else display(item.task.due)) or "–",  # a sign, not colour
            "who": display(item.task.who) or "–",
            "what": display(item.task.what),
            "status": self.app.t(f"status.{status.value}"),
            "workshop": display(f"{item.entry.date} {item.entry.title}"),
            "laptop": display(laptop_label(item.entry, self.app.library.device, self.app.t("library.this_laptop"))),
        }
        changed = status != Status(item.task.status)
        styles = {"due": "bold" if overdue else "", "status": "bold" if changed else ""}
        # What was promised, by whom and by when are read whole (over more lines at 80 columns); the rest is cut.
        return [cell(values[key], width, style=styles.get(key, ""), wrap=key in WHOLE) for key, width in columns]

    def show(self) -> None:
        table = self.query_one(TaskTable)
        row = table.cursor_row
        width = table.size.width or self.size.width
        narrow = self.shared and width < NARROW  # at 80 columns "what" keeps 12 characters, and nothing scrolls
        # Below WIDE the owner's name wraps in fewer cells, and what was promised gets them.
        who = 9 if narrow else 10 if width < WIDE else 14
        fixed = [("place", 10 if narrow else 12), ("due", 12), ("who", who)]
        fixed.append(("status", status_width(self.app.t, "tasks.column_status")))  # "in progress" whole
        if width >= WIDE:
            fixed.append(("workshop", 30 if self.shared else 34))
        if self.shared:
            fixed.append(("laptop", 10 if narrow else 12))
        columns = fit_columns(width, fixed, "what", 3)
        table.clear(columns=True)
        for key, size in columns:
            table.add_column(self.app.t(f"tasks.column_{key}"), key=key, width=size)
        for item in self._sorted():
            table.add_row(*self._row(item, columns), key=self.key_of(item), height=None)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        # As the rows say now: a promise marked done or dropped here stays in the list, but is no longer open.
        still_open = [item for item in self.tasks if self._still_open(item)]
        overdue = sum(1 for item in still_open if item.overdue)
        self.query_one("#tasks-status", Static).update(
            Content(
                self.app.t("tasks.count", count=len(still_open), overdue=overdue)
                + " · "
                + self.app.t("library.sorted", by_key=f"tasks.order_{self.order}")
            )
        )
        self.query_one(TaskTable).display = bool(self.tasks)
        if not self.tasks:
            self.query_one("#tasks-status", Static).update(Content(self.app.t("tasks.none")))

    def _selected(self) -> OpenTask | None:
        key = cursor_key(self.query_one(TaskTable))
        return next((item for item in self.tasks if self.key_of(item) == key), None)

    def action_cycle_status(self) -> None:
        item = self._selected()
        if item is None:
            return
        key = self.key_of(item)
        status = next_status(self.statuses.get(key, Status(item.task.status)))
        try:
            change = set_status(self.app.library, item.entry.id, item.task.id, status)
        except DarbnicaError as error:
            self.app.report(error)
            return
        if change.as_event:
            self.notify(self.app.t("tasks.recorded", device=change.owner))
        self.statuses[key] = status
        self.show()

    def action_sort(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self.show()

    @on(DataTable.RowSelected, "#tasks")
    def review(self) -> None:
        from darbnica.ui.screens.review import ReviewScreen

        item = self._selected()
        if item is None:
            return
        try:
            workshop = self.app.library.read(item.entry.id)
        except DarbnicaError as error:
            self.app.report(error)
            return
        steps = [s.key for s in workshop.plan.steps if s.kind == "actions"]
        self.app.push_screen(ReviewScreen(workshop, steps[0] if steps else None))

    def action_back(self) -> None:
        self.dismiss()

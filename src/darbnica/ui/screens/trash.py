"""The trash: deleted workshops, restored with one key, removed for good only after a second, explicit choice."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static

from darbnica.errors import DarbnicaError
from darbnica.text import display
from darbnica.ui.screens.base import DarbnicaScreen
from darbnica.ui.screens.manage import ConfirmDialog
from darbnica.ui.widgets.columns import cell, cursor_key, fit_columns
from darbnica.ui.widgets.footer import KeyFooter

COLUMNS = (("deleted", 16), ("date", 10), ("place", 14))


class TrashTable(DataTable[Text]):
    HELP_HEADING = "help.trash_table"
    BINDINGS = [
        Binding("r", "screen.restore", "key.restore"),
        Binding("x", "screen.empty", "key.empty_trash"),
        Binding("escape", "screen.back", "key.back_to_library"),
    ]


class TrashScreen(DarbnicaScreen[None]):
    def compose(self) -> ComposeResult:
        yield Static(Content(self.app.t("trash.heading")), id="trash-title")
        yield Static(id="trash-status")
        yield TrashTable(id="trash", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(TrashTable).focus()

    def on_resize(self) -> None:
        self.show()

    def show(self) -> None:
        table = self.query_one(TrashTable)
        columns = fit_columns(table.size.width or self.size.width, COLUMNS, "title", len(COLUMNS))
        table.clear(columns=True)
        for key, width in columns:
            table.add_column(self.app.t(f"trash.column_{key}"), key=key, width=width)
        items = self.app.library.trashed()
        for item in items:
            table.add_row(*(cell(display(getattr(item, key)) or "–", width) for key, width in columns), key=item.id)
        text = self.app.t("trash.count", count=len(items)) if items else self.app.t("trash.empty")
        self.query_one("#trash-status", Static).update(Content(text))

    @on(DataTable.RowSelected, "#trash")
    def action_restore(self) -> None:
        workshop_id = cursor_key(self.query_one(TrashTable))
        if workshop_id is None:
            return
        try:
            self.app.library.restore(workshop_id)
        except DarbnicaError as error:
            self.app.report(error)
            return
        self.notify(self.app.t("trash.restored", id=workshop_id))
        self.show()

    def action_empty(self) -> None:
        count = self.query_one(TrashTable).row_count
        if not count:
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                removed = self.app.library.empty_trash()
            except DarbnicaError as error:
                self.app.report(error)
            else:
                self.notify(self.app.t("trash.emptied", count=removed))
            self.show()

        question = self.app.t("trash.empty_question", count=count)
        self.app.push_screen(ConfirmDialog(question, self.app.t("trash.empty_confirm"), safe_default=True), confirmed)

    def action_back(self) -> None:
        self.dismiss()

"""The context step: where and when, who is in the room, and how deeply the room is engaged.

Every field is kept as it is typed (a date once it is a whole date), so there is nothing to forget to save, and
typing into one field is one step of the undo history. When the workshop changes otherwise (undo, redo), the
fields show its new values; a field being typed into is left alone while its own value has not changed.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static

from darbnica.errors import InvalidInput
from darbnica.i18n import pick
from darbnica.model import Choice, Workshop
from darbnica.rules import checked_date
from darbnica.text import LINE_LIMIT, clean_line
from darbnica.ui.screens.step import StepScreen
from darbnica.ui.widgets.choice_list import ChoiceList
from darbnica.ui.widgets.text_input import TextInput

DETAILS = ("title", "place", "date", "facilitator")
COUNT_DIGITS = 6
NEW_GROUP = ("new-group", "new-count")
"""The fields of a group the facilitator adds: its name and its count, added together by Enter."""


class HeadcountGrid(Grid):
    """One row a kind of participant: the plan's groups first, then any the facilitator added."""

    def __init__(self, screen: ContextScreen, id: str) -> None:  # noqa: A002
        super().__init__(id=id)
        self.owner = screen

    def groups(self, workshop: Workshop) -> list[str]:
        planned = [g.key for g in self.owner.step.groups]
        return planned + [h.group for h in workshop.headcounts if h.group not in planned]

    def compose(self) -> ComposeResult:
        workshop = self.owner.editor.workshop
        self.shown = self.groups(workshop)
        counts = {h.group: h.count for h in workshop.headcounts}
        for number, key in enumerate(self.shown):
            count = counts.get(key)
            yield Label(Content(self.owner.group_label(key)), classes="group-label")
            yield TextInput(
                str(count) if count else "",
                type="integer",
                limit=COUNT_DIGITS,
                name=key,
                id=f"count-{number}",
                classes="count",
            )


class ContextScreen(StepScreen):
    def compose_body(self) -> ComposeResult:
        t = self.app.t
        workshop = self.editor.workshop
        with VerticalScroll(id="context"):
            with Horizontal(id="details"):
                for name in DETAILS:
                    with Vertical(classes="detail"):
                        yield Label(t(f"context.{name}"))
                        yield TextInput(
                            str(getattr(workshop, name)),
                            id=name,
                            limit=LINE_LIMIT,
                            placeholder=t("context.date_format") if name == "date" else "",
                        )
            yield Label(t("context.who"), classes="section")
            yield HeadcountGrid(self, id="headcounts")
            with Horizontal(id="new-group-row"):
                yield TextInput(
                    placeholder=t("context.other_group"), id="new-group", limit=LINE_LIMIT, entered=self.add_group
                )
                yield TextInput(
                    placeholder=t("context.count"),
                    id="new-count",
                    type="integer",
                    limit=COUNT_DIGITS,
                    entered=self.add_group,
                )
            yield Static(id="total")
            if self.step.levels:
                yield Label(t("context.engagement"), classes="section")
                yield ChoiceList(
                    [self._level_label(level) for level in self.step.levels],
                    self._engagement(workshop),
                    single=True,
                    id="engagement",
                )

    def _level_label(self, level: Choice) -> Content:
        description = pick(level.description, self.lang) if level.description else ""
        return Content.assemble((pick(level.label, self.lang), "bold"), f" — {description}" if description else "")

    def _engagement(self, workshop: Workshop) -> set[int]:
        levels = [level.key for level in self.step.levels]
        return {levels.index(workshop.engagement)} if workshop.engagement in levels else set()

    def on_mount(self) -> None:
        self.shown = self.editor.workshop
        self.restore_fields((*NEW_GROUP, "date"))
        self._show_total()
        self.first_field().focus()

    def leave(self) -> bool:
        """A group half added (its name or count typed, Enter not pressed) is kept for when the step is shown
        again, as a half-typed note is; so is a date not yet whole (the workshop keeps its last whole one)."""
        date = self.query_one("#date", Input).value
        half_date = ("date",) if self._cleaned("date", date) != self.editor.workshop.date else ()
        self.keep_fields((*NEW_GROUP, *half_date))  # kept when not blank
        return True

    def first_field(self) -> Input:
        # The first detail still empty (the facilitator, usually: the form asked for the title and place), else the
        # first head-count: typing must never add to a field already filled in.
        empty = [name for name in DETAILS if not getattr(self.editor.workshop, name)]
        return self.query_one(f"#{empty[0]}" if empty else ".count", Input)

    def show_workshop(self, workshop: Workshop) -> None:
        super().show_workshop(workshop)
        before, self.shown = self.shown, workshop
        for name in DETAILS:
            if getattr(workshop, name) != getattr(before, name):
                field = self.query_one(f"#{name}", Input)
                if self._cleaned(name, field.value) != getattr(workshop, name):
                    field.value = getattr(workshop, name)  # changed by undo or redo, not by typing here
        grid = self.query_one(HeadcountGrid)
        if grid.groups(workshop) != grid.shown:
            grid.refresh(recompose=True)
        elif workshop.headcounts != before.headcounts:
            # Only the groups whose count changed: the others may hold digits typed after a Tab in the same burst,
            # not saved yet, and writing the workshop's older count back into them would lose those keys.
            counts = {h.group: h.count for h in workshop.headcounts}
            counted = {h.group: h.count for h in before.headcounts}
            for field in self.query(".count").results(Input):
                count = counts.get(field.name or "", 0)
                if count != counted.get(field.name or "", 0) and int(field.value or 0) != count:
                    field.value = str(count) if count else ""
        if self.step.levels and workshop.engagement != before.engagement:
            self.query_one("#engagement", ChoiceList).show_ticked(self._engagement(workshop))
        self._show_total()

    @staticmethod
    def _cleaned(name: str, value: str) -> str:
        try:
            return checked_date(value) if name == "date" else clean_line(value)
        except InvalidInput:
            return value

    # -- head-counts ---------------------------------------------------------------------------------------

    def group_label(self, key: str) -> str:
        choice = next((g for g in self.step.groups if g.key == key), None)
        return pick(choice.label, self.lang) if choice else key

    @on(Input.Changed, "#new-group, #new-count")
    def _show_total(self) -> None:
        """The room's total, and while a group is half added, that Enter adds it: until then it is not counted."""
        t = self.app.t
        total = t("context.total", count=self.editor.workshop.people)
        pending = any(self.query_one(f"#{key}", Input).value.strip() for key in NEW_GROUP)
        self.query_one("#total", Static).update(Content(f"{total} · {t('context.enter_adds')}" if pending else total))

    @on(Input.Changed, ".count")
    def count_changed(self, event: Input.Changed) -> None:
        # The field as it is now, not as the message says it was: typed fast, the next keys are in the field
        # before this message is handled, and saving the older value would write it back over them.
        value = event.input.value.strip()
        if value.isdigit() or not value:
            self.attempt(lambda: self.editor.set_headcount(event.input.name or "", int(value or 0)))

    def add_group(self, _typed: str) -> bool:
        """Enter in the new group's name or count: the group is added with its count, and both fields cleared."""
        name_field = self.query_one("#new-group", Input)
        count_field = self.query_one("#new-count", Input)
        count = count_field.value.strip()
        if not name_field.value.strip():
            self.set_focus(name_field)
            return False
        if not count.isdigit() or int(count) == 0:
            self.set_focus(count_field)
            return False
        if self.attempt(lambda: self.editor.set_headcount(name_field.value, int(count))) is not None:
            self.editor.set_draft(self.step.key, "")  # the group is in: a kept half-typed copy of it must go
            name_field.clear()
            count_field.clear()
            self.set_focus(name_field)
        return False  # both fields are cleared above (or kept, to be corrected)

    # -- details and engagement ------------------------------------------------------------------------------

    @on(Input.Changed, "#title, #place, #date, #facilitator")
    def detail_changed(self, event: Input.Changed) -> None:
        name, value = event.input.id, event.input.value  # as it is now (see count_changed)
        assert name in DETAILS
        if self._to_save(event.input, value):
            self.attempt(lambda: self.editor.set_details(**{name: value}))
            if name == "date" and '"date"' in self.editor.workshop.drafts.get(self.step.key, ""):
                self.keep_fields(NEW_GROUP)  # whole now: a half of it kept from before must not come back over it

    def _to_save(self, field: Input, value: str) -> bool:
        if field.id == "date":
            try:
                checked_date(value)
            except InvalidInput:
                field.add_class("invalid")  # kept once it is a whole date
                return False
            field.remove_class("invalid")
        # A workshop keeps a title: the old one stays until a new one is typed.
        return field.id != "title" or bool(value.strip())

    @on(ChoiceList.Changed, "#engagement")
    def engagement_changed(self, event: ChoiceList.Changed) -> None:
        level = self.step.levels[event.index].key
        self.attempt(lambda: self.editor.set_engagement(level))

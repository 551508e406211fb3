"""The context step: where and when, who is in the room, and how deeply the room is engaged.

Every field is saved as it is typed (a date once it is a whole date), so there is nothing to forget to save.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static

from darbnica.errors import InvalidInput
from darbnica.i18n import pick
from darbnica.model import Choice
from darbnica.store.workshop import checked_date
from darbnica.text import LINE_LIMIT
from darbnica.ui.screens.step import StepScreen
from darbnica.ui.widgets.choice_list import ChoiceList
from darbnica.ui.widgets.step_header import StepHeader

DETAILS = ("title", "place", "date", "facilitator")


class HeadcountGrid(Grid):
    """One row a kind of participant: the plan's groups first, then any the facilitator added."""

    def __init__(self, screen: ContextScreen, id: str) -> None:  # noqa: A002
        super().__init__(id=id)
        self.owner = screen

    def compose(self) -> ComposeResult:
        step = self.owner.step
        headcounts = self.owner.editor.workshop.headcounts
        counts = {h.group: h.count for h in headcounts}
        planned = [g.key for g in step.groups]
        for number, key in enumerate(planned + [h.group for h in headcounts if h.group not in planned]):
            count = counts.get(key)
            yield Label(Content(self.owner.group_label(key)), classes="group-label")
            yield Input(
                str(count) if count else "",
                type="integer",
                max_length=6,
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
                        yield Input(
                            str(getattr(workshop, name)),
                            id=name,
                            max_length=LINE_LIMIT,
                            placeholder=t("context.date_format") if name == "date" else "",
                        )
            yield Label(t("context.who"), classes="section")
            yield HeadcountGrid(self, id="headcounts")
            with Horizontal(id="new-group-row"):
                yield Input(placeholder=t("context.other_group"), id="new-group", max_length=LINE_LIMIT)
                yield Input(placeholder=t("context.count"), id="new-count", type="integer", max_length=6)
            yield Static(id="total")
            if self.step.levels:
                yield Label(t("context.engagement"), classes="section")
                levels = [level.key for level in self.step.levels]
                yield ChoiceList(
                    [self._level_label(level) for level in self.step.levels],
                    {levels.index(workshop.engagement)} if workshop.engagement in levels else set(),
                    single=True,
                    id="engagement",
                )

    def _level_label(self, level: Choice) -> Content:
        description = pick(level.description, self.lang) if level.description else ""
        return Content.assemble((pick(level.label, self.lang), "bold"), f" — {description}" if description else "")

    def on_mount(self) -> None:
        super().on_mount()
        self._show_total()
        self.query_one("#place" if not self.editor.workshop.place else "#title", Input).focus()

    # -- head-counts ---------------------------------------------------------------------------------------

    def group_label(self, key: str) -> str:
        choice = next((g for g in self.step.groups if g.key == key), None)
        return pick(choice.label, self.lang) if choice else key

    def reload(self) -> None:
        self.query_one("#headcounts", Grid).refresh(recompose=True)
        self._show_total()

    def _show_total(self) -> None:
        self.query_one("#total", Static).update(Content(self.app.t("context.total", count=self.editor.workshop.people)))

    @on(Input.Changed, ".count")
    def count_changed(self, event: Input.Changed) -> None:
        group = event.input.name or ""
        value = event.value.strip()
        current = next((h.count for h in self.editor.workshop.headcounts if h.group == group), 0)
        if (value and not value.isdigit()) or int(value or 0) == current:
            self.unsaved.discard(event.input)  # nothing to save: a change refused before must not come back
        elif self.unsaved.save(event.input, lambda: self.editor.file.set_headcount(group, int(value or 0))):
            self._show_total()

    @on(Input.Submitted, "#new-group, #new-count")
    def add_group(self) -> None:
        name_field = self.query_one("#new-group", Input)
        count_field = self.query_one("#new-count", Input)
        count = count_field.value.strip()
        if not name_field.value.strip():
            name_field.focus()
            return
        if not count.isdigit() or int(count) == 0:
            count_field.focus()
            return
        if self.attempt(lambda: self.editor.file.set_headcount(name_field.value, int(count))) is not None:
            name_field.clear()
            count_field.clear()
            self.reload()

    # -- details and engagement ------------------------------------------------------------------------------

    @on(Input.Changed, "#title, #place, #date, #facilitator")
    def detail_changed(self, event: Input.Changed) -> None:
        name = event.input.id
        assert name in DETAILS
        if self._to_save(event.input, event.value):
            if self.unsaved.save(event.input, lambda: self.editor.file.set_details(**{name: event.value})):
                header = self.query_one(StepHeader)
                header.workshop = self.editor.workshop  # the title, place and date at the top follow what is typed
                header.refresh()
        else:
            self.unsaved.discard(event.input)  # nothing to save: a value refused before must not come back

    def _to_save(self, field: Input, value: str) -> bool:
        if value.strip() == getattr(self.editor.workshop, str(field.id)):
            return False
        if field.id == "date":
            try:
                checked_date(value)
            except InvalidInput:
                field.add_class("invalid")  # saved once it is a whole date
                return False
            field.remove_class("invalid")
        # A workshop keeps a title: the old one stays until a new one is typed.
        return field.id != "title" or bool(value.strip())

    @on(ChoiceList.Changed, "#engagement")
    def engagement_changed(self, event: ChoiceList.Changed) -> None:
        level = self.step.levels[event.index].key
        self.unsaved.save(event.choice_list, lambda: self.editor.file.set_engagement(level))

"""The principles step: where the group stands on each principle today (1-5) and how it will live it (notes)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from darbnica.i18n import pick
from darbnica.model import RATING_RANGE, Choice, Workshop
from darbnica.rules import rating_text
from darbnica.ui.screens.notes import NotesScreen
from darbnica.ui.widgets.in_order import KeysInOrder


class PrincipleList(KeysInOrder, OptionList):
    """The principles with their ratings. A digit rates the highlighted principle; 0 clears it."""

    HELP_HEADING = "help.principles_list"
    BINDINGS = [
        Binding("1", "screen.rate(1)", "key.rate", key_display="1–5"),
        *(Binding(str(n), f"screen.rate({n})", "key.rate", show=False) for n in range(2, RATING_RANGE.stop)),
        Binding("0", "screen.rate(0)", "key.clear_rating", show=False),
        Binding("escape", "screen.focus_input", "key.back_to_input", show=False),
    ]


class PrinciplesScreen(NotesScreen):
    ratings_shown: dict[str, int] | None = None
    """The ratings the list shows, so it is made again only when they change."""

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="columns"):
            with Vertical(id="principles-column"):
                yield Label(self.app.t("principles.rating"), classes="section")
                yield PrincipleList(id="principles")
            with Vertical(id="notes-column"):
                yield from super().compose_body()

    def _option(self, number: int, principle: Choice, workshop: Workshop) -> Option:
        text = Content.assemble(
            (f"{number}. {pick(principle.label, self.lang)}\n", "bold"),
            ("   " + rating_text(workshop.ratings.get(principle.key)), "$accent"),
        )
        return Option(text, id=principle.key)

    def show_workshop(self, workshop: Workshop) -> None:
        super().show_workshop(workshop)
        ratings = dict(workshop.ratings)
        if ratings == self.ratings_shown:
            return
        self.ratings_shown = ratings
        principles = self.query_one("#principles", PrincipleList)
        highlighted = principles.highlighted
        principles.set_options(self._option(n, p, workshop) for n, p in enumerate(self.step.tags, 1))
        principles.highlighted = highlighted if highlighted is not None else 0

    @on(OptionList.OptionHighlighted, "#principles")
    def principle_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.note_input.show_tag(self.step, event.option.id, self.lang)  # new notes go to this principle

    @on(OptionList.OptionSelected, "#principles")
    def principle_selected(self) -> None:
        self.action_focus_input()

    def action_rate(self, rating: int) -> None:
        option = self.query_one("#principles", PrincipleList).highlighted_option
        if option is not None and option.id is not None:
            principle = option.id
            self.attempt(lambda: self.editor.set_rating(principle, rating or None))

"""The home screen: start a new workshop or continue one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from darbnica.store.catalog import Entry
from darbnica.text import display
from darbnica.ui.screens.base import DarbnicaScreen
from darbnica.ui.screens.new_workshop import NewWorkshopScreen

NEW = "new"


class HomeScreen(DarbnicaScreen[None]):
    BINDINGS = [Binding("n", "new_workshop", "key.new_workshop")]

    def compose(self) -> ComposeResult:
        t = self.app.t
        yield Static(Content.assemble(("darbnica", "bold $accent"), "  ", t("home.tagline")), id="home-title")
        yield OptionList(id="workshops")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_list()
        self.query_one("#workshops").focus()

    def _entry(self, entry: Entry) -> Content:
        t = self.app.t
        where = " · ".join(display(x) for x in (entry.date, entry.place) if x)
        counts = t("home.counts", notes=entry.notes, open=entry.open_actions)
        return Content.assemble((display(entry.title), "bold"), "\n", ("   " + where, ""), ("   " + counts, "dim"))

    def refresh_list(self) -> None:
        listing = self.app.library.listing()
        for problem in listing.problems:
            self.app.report(problem)
        options = self.query_one("#workshops", OptionList)
        options.set_options(
            [
                Option(Content.styled("＋ " + self.app.t("home.new"), "bold $success"), id=NEW),
                *(Option(self._entry(entry), id=entry.id) for entry in listing.entries),
            ]
        )
        options.highlighted = 1 if listing.entries else 0

    @on(OptionList.OptionSelected, "#workshops")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == NEW:
            self.action_new_workshop()
        elif event.option.id:
            self.app.open_workshop(event.option.id)

    def action_new_workshop(self) -> None:
        def created(workshop_id: str | None) -> None:
            if workshop_id:
                self.app.open_workshop(workshop_id)

        self.app.push_screen(NewWorkshopScreen(), created)

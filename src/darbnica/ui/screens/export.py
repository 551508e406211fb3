"""Exporting from the app: pick a format, see (and change) where it goes, and be told where it went."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from darbnica.errors import DarbnicaError
from darbnica.summary import export as exporting
from darbnica.summary.build import earlier_of
from darbnica.ui.screens.base import DarbnicaModal
from darbnica.ui.widgets.choice_list import ChoiceList
from darbnica.ui.widgets.text_input import TextInput

if TYPE_CHECKING:
    from darbnica.ui.app import DarbnicaApp

DEFAULT_FORMAT = "html"


class PathInput(TextInput):
    """The file name, where the dialog opens; ↑ / ↓ choose the format from here too (in the list, its own keys do).

    Bound here, not on the dialog: the input's own keys run in the order typed, so an Enter typed in the same burst
    as the arrows saves the format they chose (a dialog's binding ran after the Enter had saved).
    """

    BINDINGS = [Binding("up", "screen.choose(-1)", show=False), Binding("down", "screen.choose(1)", show=False)]


class ExportDialog(DarbnicaModal[tuple[str, Path] | None]):
    """Returns the chosen format and file, or ``None``. The file defaults to the data folder's ``exports/``."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, workshop_id: str, link: str | None) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.link = link
        self.format = DEFAULT_FORMAT

    def default(self, fmt: str) -> str:
        return str(exporting.default_path(self.app.paths, self.workshop_id, fmt))

    def compose(self) -> ComposeResult:
        t = self.app.t
        with Vertical(classes="dialog"):
            yield Label(Content(t("export.title")), classes="dialog-title")
            # Marked (●) / ( ) and highlighted where chosen: a radio set's dot told them apart by colour alone.
            yield ChoiceList(
                [Content(t(f"export.{fmt}")) for fmt in exporting.FORMATS],
                {exporting.FORMATS.index(self.format)},
                single=True,
                follow_highlight=True,
                id="export-format",
            )
            yield Label(Content(t("export.path")), id="export-path-label")
            yield PathInput(self.default(self.format), id="export-path", limit=4096)
            yield Static(id="export-problem")
            yield Label(Content(t("export.help")), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(ChoiceList.Changed, "#export-format")
    def format_changed(self, event: ChoiceList.Changed) -> None:
        if event.moved and event.index != event.choice_list.highlighted:
            return  # the highlight has moved on since (↓↓ in one burst): the later choice stands
        self.choose(exporting.FORMATS[event.index])
        if not event.moved:
            self.query_one("#export-path", Input).focus()  # Enter or Space made the choice: Enter now saves

    def choose(self, chosen: str) -> None:
        if chosen == self.format:
            # Already chosen: the list reporting a move the arrows made, after an Enter in the same burst may have
            # said why that format cannot be saved; what it said stands.
            return
        path = self.query_one("#export-path", Input)
        if path.value == self.default(self.format):  # not changed by hand: follow the format
            path.value = self.default(chosen)
        self.format = chosen
        self.query_one("#export-problem").display = False

    @on(Input.Submitted, "#export-path")
    def save(self) -> None:
        problem = self.query_one("#export-problem", Static)
        value = self.query_one("#export-path", Input).value.strip()
        if self.format == "svg" and not self.link:
            problem.update(Content(self.app.t("qr.no_link")))
            problem.display = True
        elif value:
            path = Path(value).expanduser()  # a bare name goes into exports/, not wherever the app was started
            self.dismiss((self.format, path if path.is_absolute() else self.app.paths.exports / path))

    def action_choose(self, step: int) -> None:
        # Chosen here and now, not when the list reports its highlight: an Enter typed in the same burst as the
        # arrows reaches the file name first, and must save the format the arrows chose.
        place = min(max(exporting.FORMATS.index(self.format) + step, 0), len(exporting.FORMATS) - 1)
        self.choose(exporting.FORMATS[place])
        self.query_one("#export-format", ChoiceList).highlighted = place

    def action_cancel(self) -> None:
        self.dismiss(None)


def export_open_workshop(app: DarbnicaApp) -> None:
    """Ask where to export the open workshop, write it in a worker thread, and say where it went."""
    if app.editor is None:
        return
    link = app.sharing.link()

    def chosen(choice: tuple[str, Path] | None) -> None:
        if choice is None or app.editor is None:
            return
        fmt, path = choice
        workshop = app.editor.workshop  # taken on the interface's thread; only reading happens in the worker
        library = app.library

        def write() -> None:
            try:
                earlier = earlier_of(library.read, workshop)  # a follow-up names the workshop it follows
                text = exporting.render(workshop, fmt, link, earlier, journal=library.journal_of(workshop.id))
                written = exporting.write(path, text)
            except DarbnicaError as error:
                app.call_from_thread(app.report, error)
            else:
                app.call_from_thread(app.notify, app.t("export.done", path=str(written)), timeout=12)

        app.run_worker(write, thread=True, group="export")

    app.push_screen(ExportDialog(app.editor.workshop.id, link), chosen)

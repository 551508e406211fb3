"""Exporting from the app: pick a format, see (and change) where it goes, and be told where it went.

The dialog stays open while the file is written and closes once it is, saying where it went; a file that cannot be
written (a folder that is not there, a full stick, a name that is a folder) is said in the dialog, with the name
kept to change. Closing as Enter is pressed made the screen below draw itself again while the file was written,
and a refusal came as a message after the dialog had gone with the name typed into it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
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
SAY_SAVING_AFTER = 0.3
"""Seconds a file takes to be written before the dialog says it is being saved (a USB stick can take seconds)."""

Export = Callable[[str, Path], Callable[[], Path]]
"""Given the format and file chosen (on the interface's thread, which takes the workshop as it is at Enter), the
work that writes it (run in a worker thread); it returns the file written or raises a :class:`DarbnicaError`."""


class PathInput(TextInput):
    """The file name, where the dialog opens; ↑ / ↓ choose the format from here too (in the list, its own keys do).

    Bound here, not on the dialog: the input's own keys run in the order typed, so an Enter typed in the same burst
    as the arrows saves the format they chose (a dialog's binding ran after the Enter had saved).
    """

    BINDINGS = [Binding("up", "screen.choose(-1)", show=False), Binding("down", "screen.choose(1)", show=False)]


class ExportDialog(DarbnicaModal[Path | None]):
    """Writes the open workshop as chosen and returns the file written, or ``None`` (Esc). The file defaults to the
    data folder's ``exports/``. Esc while a file is written closes the dialog; the file is still written and said."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, workshop_id: str, link: str | None, export: Export) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.link = link
        self.export = export
        self.format = DEFAULT_FORMAT
        self.writing = False

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
        if self.writing:
            return  # the file being written is the one chosen: its format and name stay as they are meanwhile
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
        if self.writing:
            return  # Enter again while the file is written: it is written once
        value = self.query_one("#export-path", Input).value.strip()
        if self.format == "svg" and not self.link:
            self.say(self.app.t("qr.no_link"))
        elif value:
            path = Path(value).expanduser()  # a bare name goes into exports/, not wherever the app was started
            self.writing = True
            self.set_timer(SAY_SAVING_AFTER, self._still_writing)
            self._write(self.export(self.format, path if path.is_absolute() else self.app.paths.exports / path))

    def say(self, text: str, *, problem: bool = True) -> None:
        line = self.query_one("#export-problem", Static)
        line.update(Content(text))
        line.set_class(not problem, "-progress")
        line.display = True

    def _still_writing(self) -> None:
        if self.writing:
            self.say(self.app.t("export.saving"), problem=False)

    @work(thread=True, group="export", description="writing an export")  # (the default describes the arguments)
    def _write(self, write: Callable[[], Path]) -> None:
        app = self.app
        try:
            written = write()
        except DarbnicaError as error:
            app.call_from_thread(self._refused, error)
        else:
            app.call_from_thread(self._written, written)

    def _written(self, path: Path) -> None:
        self.app.notify(self.app.t("export.done", path=str(path)), timeout=12)
        if self.app.screen is self:  # not closed meanwhile (Esc)
            self.dismiss(path)

    def _refused(self, error: DarbnicaError) -> None:
        if self.app.screen is not self:
            self.app.report(error)  # closed meanwhile: said where everything else is
            return
        self.writing = False
        self.say(self.app.message(error))
        self.query_one("#export-path", Input).focus()

    def action_choose(self, step: int) -> None:
        # Chosen here and now, not when the list reports its highlight: an Enter typed in the same burst as the
        # arrows reaches the file name first, and must save the format the arrows chose.
        if self.writing:
            return
        place = min(max(exporting.FORMATS.index(self.format) + step, 0), len(exporting.FORMATS) - 1)
        self.choose(exporting.FORMATS[place])
        self.query_one("#export-format", ChoiceList).highlighted = place

    def action_cancel(self) -> None:
        self.dismiss(None)


def export_open_workshop(app: DarbnicaApp) -> None:
    """Ask where to export the open workshop; the dialog writes it in a worker thread and says where it went."""
    if app.editor is None:
        return
    link = app.sharing.link()
    library = app.library
    editor = app.editor

    def export(fmt: str, path: Path) -> Callable[[], Path]:
        workshop = editor.workshop  # taken on the interface's thread; only reading happens in the worker

        def write() -> Path:
            earlier = earlier_of(library.read, workshop)  # a follow-up names the workshop it follows
            text = exporting.render(workshop, fmt, link, earlier, journal=library.journal_of(workshop.id))
            return exporting.write(path, text, exports=app.paths.exports)

        return write

    app.push_screen(ExportDialog(editor.workshop.id, link, export))

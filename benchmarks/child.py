"""One benchmark process: start an app, run one scenario, print what it measured as one JSON line, exit.

    python benchmarks/child.py floor ROWS                     a bare Textual app: header, a table of ROWS, footer
    python benchmarks/child.py widgets                        the library screen's widgets, without darbnica
    python benchmarks/child.py home DATA                      darbnica at its home screen (the library)
    python benchmarks/child.py workshop DATA ID STEP          darbnica with a workshop open at STEP
    python benchmarks/child.py note-add DATA ID STEP RUNS     add RUNS notes, each drawn once it is on disk
    python benchmarks/child.py note-add-floor DATA ID STEP RUNS
                                                              the same in a minimal Textual app (an Input, a list)
    python benchmarks/child.py keys-saving DATA ID STEP RUNS DELAY
                                                              a letter while a note is saved (fsync DELAY s), idle
    python benchmarks/child.py step-switch DATA ID STEP RUNS  PgDn to the next step (PgUp back, not timed): the
                                                              first (its screen made), then the others (kept)
    python benchmarks/child.py step-switch-floor DATA ID STEP NEXT RUNS [kept]
                                                              the same between two screens of a bare Textual app,
                                                              made anew at every switch (or, with ``kept``, kept)
    python benchmarks/child.py library DATA RUNS QUERY        back to the library from a workshop; filter it
    python benchmarks/child.py search DATA RUNS WORD FTS      a word people wrote, typed into the library's filter
                                                              (and the plain FTS5 table FTS queried for it)
    python benchmarks/child.py search-floor FTS RUNS WORD     the same word typed into a bare Textual app that
                                                              queries FTS and shows the hits in a table
    python benchmarks/child.py export DATA ID STEP RUNS       export md, html and svg from the app
    python benchmarks/child.py share-keys DATA ID STEP KEYS PHASES LOADS [phones]
                                                              keys in share mode, idle and while a room loads
                                                              the summary (or, with ``phones``, LOADS phones take
                                                              part: phones_load.py)

darbnica is started through its own command line (``darbnica --data-dir DATA ...``), exactly as a user starts it;
only the app class it makes is swapped for an instrumented subclass (see :mod:`frames`). Times are
``time.monotonic()`` values, comparable with the parent process's on the same machine.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frames import FrameSink, Scenario, instrumented, sink
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen

if TYPE_CHECKING:
    from darbnica.ui.app import DarbnicaApp

RESULT: dict[str, Any] = {}
SHARE_LOAD = Path(__file__).with_name("share_load.py")
PHONES_LOAD = Path(__file__).with_name("phones_load.py")
FLOOR_TEXT = "darbnica"
NOTE = "Vajag soliņus gar upi un apgaismojumu pie tilta"
"""A typical note; each one gets a unique word at its end so the frame that shows it can be recognised."""


class Floor(App[None]):
    """The floor for start-up and memory: a bare Textual app with a header, a table and a footer; the table holds
    as many rows as darbnica's library lists (made in memory: reading and checking them is darbnica's own work)."""

    BINDINGS = [Binding("ctrl+q", "quit", "Quit")]

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        from textual.widgets import DataTable, Footer, Header

        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        from textual.widgets import DataTable

        table = self.query_one(DataTable)
        table.add_columns("Datums", "Nosaukums", "Vieta", "Vadītājs")
        table.add_rows(
            (f"2026-{1 + n % 12:02}-{1 + n % 28:02}", f"{FLOOR_TEXT} {n}", "Tūja", "Ilze Kalniņa")
            for n in range(self.rows)
        )


class NoteAddFloor(App[None]):
    """The note-add floor: the simplest correct program that takes a note. An input and a list of the step's
    notes; Enter writes the workshop's file with the note in it (the same JSON, encoded whole) atomically (a new
    file written and fsynced, renamed over the old one, the folder fsynced), and only then lists the note."""

    def __init__(self, workshop: Path, path: Path, step: str) -> None:
        super().__init__()
        self.path = path
        self.step = step
        self.tables: dict[str, Any] = json.loads(workshop.read_bytes())
        notes = self.tables["notes"]
        self.texts = [d["text"] for _, d in sorted(notes.items(), key=lambda i: int(i[0])) if d["step"] == step]
        self.next_id = max(map(int, notes), default=0) + 1

    def compose(self) -> ComposeResult:
        from textual.widgets import Input, OptionList

        yield OptionList(*self.texts)
        yield Input()

    def on_mount(self) -> None:
        from textual.widgets import Input

        self.query_one(Input).focus()

    def on_input_submitted(self, event: Any) -> None:
        from textual.widgets import Input, OptionList

        note = {"step": self.step, "text": event.value, "created": time.strftime("%Y-%m-%dT%H:%M:%S")}
        self.tables["notes"][str(self.next_id)] = note
        self.next_id += 1
        payload = json.dumps(self.tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        temp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, self.path)
        folder = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
        notes = self.query_one(OptionList)
        notes.add_option(event.value)
        notes.highlighted = notes.option_count - 1  # the newest in view, as darbnica keeps it
        self.query_one(Input).value = ""


class SwitchFloor(App[None]):
    """The step-switch floor: a bare Textual app with two screens, each a header, a list of as many rows as
    darbnica's step shows, and a footer; PgDn makes the other screen anew and switches to it, as darbnica does."""

    BINDINGS = [Binding("pagedown", "switch", "Next", priority=True)]

    def __init__(self, lists: tuple[list[str], list[str]]) -> None:
        super().__init__()
        self.lists = lists
        self.shown = 0

    def on_mount(self) -> None:
        self.push_screen(FloorScreen(self.lists[0], "a"))

    def action_switch(self) -> None:
        self.shown = 1 - self.shown
        self.switch_screen(FloorScreen(self.lists[self.shown], "ab"[self.shown]))


class KeptSwitchFloor(SwitchFloor):
    """Not the floor, a reference: the same two screens, each made the first time it is shown and installed, so
    that a switch shows it again (as darbnica keeps its step screens); what keeping buys a bare Textual app."""

    def on_mount(self) -> None:
        for name, rows in zip("ab", self.lists, strict=True):
            self.install_screen(FloorScreen(rows, name), name)
        self.push_screen("a")

    def action_switch(self) -> None:
        self.shown = 1 - self.shown
        self.switch_screen("ab"[self.shown])


class FloorScreen(Screen[None]):
    def __init__(self, rows: list[str], name: str) -> None:
        super().__init__(name=name)
        self.rows = rows

    def compose(self) -> ComposeResult:
        from textual.widgets import Footer, Header, OptionList

        yield Header()
        yield OptionList(*self.rows)
        yield Footer()


class SearchFloor(App[None]):
    """Not the issue's floor, a reference beside it: the simplest Textual program that searches and shows what it
    found. A filter, a count line and a table of every workshop; each word typed asks the same FTS5 table as the
    floor, on an open connection, and the table shows the hits (keys typed together ask once, as darbnica does)."""

    def __init__(self, fts: str) -> None:
        super().__init__()
        import sqlite3

        self.db = sqlite3.connect(fts)
        self.everyone = [row[0] for row in self.db.execute("SELECT DISTINCT workshop FROM texts ORDER BY workshop")]
        self.typed = 0

    def compose(self) -> ComposeResult:
        from textual.widgets import DataTable, Footer, Input, Static

        yield Static(FLOOR_TEXT)
        yield Input(placeholder="Type to find")
        yield Static(id="count")
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        from textual.widgets import DataTable

        self.query_one(DataTable).add_column("Workshop")
        self.show(self.everyone)
        self.query_one("Input").focus()

    def on_input_changed(self, event: Any) -> None:
        self.typed += 1
        self.call_later(self.search, self.typed, event.value.strip())

    def search(self, typed: int, word: str) -> None:
        if typed != self.typed:
            return  # more keys came: the last one searches
        query = "SELECT DISTINCT workshop FROM texts WHERE texts MATCH ?"
        self.show([row[0] for row in self.db.execute(query, (f'"{word}"*',))] if word else self.everyone)

    def show(self, workshops: list[str]) -> None:
        from textual.widgets import DataTable, Static

        table = self.query_one(DataTable)
        table.clear()
        table.add_rows([workshop] for workshop in workshops)
        self.query_one("#count", Static).update(f"{len(workshops)} of {len(self.everyone)} workshops")


class Widgets(App[None]):
    """Not a floor, a reference: the widgets of darbnica's library screen (a title, an input with the focus, a
    count line, a scrolling table, a footer of the same keys) in a Textual app without darbnica, empty. What
    darbnica's start-up costs beyond it is darbnica's own."""

    BINDINGS = [Binding("f1", "bell", "Keys"), Binding("ctrl+n", "bell", "New workshop"), Binding("ctrl+q", "quit")]

    def compose(self) -> ComposeResult:
        from textual.widgets import DataTable, Footer, Input, Static

        yield Static(FLOOR_TEXT)
        yield Input(placeholder="Type to find")
        yield Static("0 of 0 workshops")
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("Input").focus()


# -- scenarios ------------------------------------------------------------------------------------------------


def until_idle(ready: Callable[[App[Any]], bool]) -> Scenario:
    """Wait for the first screen to be ready and the app to go idle; record the last frame's time."""

    async def scenario(pilot: Pilot[Any]) -> None:
        app = pilot.app
        driver = sink()
        await driver.until(lambda: ready(app))
        RESULT["ready"] = await driver.quiet(app)
        app.exit()

    return scenario


def home_ready(app: App[Any]) -> bool:
    from darbnica.ui.screens.home import HomeScreen

    screen = app.screen
    listed: list[object] = getattr(screen, "entries", [])  # the home screen reads the catalog when it is mounted
    return isinstance(screen, HomeScreen) and bool(listed) and screen.table.row_count == len(listed)


def notes_ready(app: App[Any]) -> bool:
    from darbnica.ui.app import DarbnicaApp
    from darbnica.ui.screens.notes import NotesScreen

    screen = app.screen
    if not isinstance(app, DarbnicaApp) or app.editor is None or not isinstance(screen, NotesScreen):
        return False
    # Every note of the step is listed (the list may hold headings of groups as well).
    return screen.is_mounted and screen.note_list.option_count >= len(app.editor.workshop.notes_in(screen.step.key))


async def ready_app(pilot: Pilot[Any], ready: Callable[[App[Any]], bool]) -> tuple[DarbnicaApp, FrameSink]:
    """darbnica and its driver, once ``ready`` holds for the app and it has gone idle."""
    from darbnica.ui.app import DarbnicaApp

    app = pilot.app
    assert isinstance(app, DarbnicaApp)
    driver = sink()
    await driver.until(lambda: ready(app))
    await driver.quiet(app)
    return app, driver


def note_add(runs: int) -> Scenario:
    """Enter in the note input to the first frame with the note in the list and nothing left saying "saving":
    the note drawn as saved (the writer thread has it on disk)."""

    async def scenario(pilot: Pilot[Any]) -> None:
        from darbnica.ui.screens.notes import NotesScreen

        app, driver = await ready_app(pilot, notes_ready)
        screen = app.screen
        assert isinstance(screen, NotesScreen) and app.editor is not None
        editor = app.editor
        path = editor.path
        app_times = []
        for run in range(runs):
            marker = f"b{os.getpid()}n{run}x"
            screen.note_input.value = f"{NOTE} {marker}"
            await driver.quiet(app, 0.1)
            # The handler empties the input as it adds the note to the list: from then on the marker on screen is
            # the note in the list, not the text typed in the input.
            driver.expect(
                marker,
                when=lambda: not screen.note_input.value,
                settled=lambda: editor.on_disk and not screen.note_input.border_subtitle,
            )
            sent = driver.press("enter")
            app_times.append(await driver.seen() - sent)
            assert marker in path.read_text(encoding="utf-8"), "the note was drawn as saved but is not on disk"
            await driver.quiet(app, 0.1)
        RESULT.update(app=app_times, notes=len(editor.workshop.notes))
        app.exit()

    return scenario


def note_add_floor(runs: int) -> Scenario:
    async def scenario(pilot: Pilot[Any]) -> None:
        from textual.widgets import Input

        app = pilot.app
        assert isinstance(app, NoteAddFloor)
        driver = sink()
        await driver.until(lambda: True)
        await driver.quiet(app)
        field = app.query_one(Input)
        times = []
        for run in range(runs):
            marker = f"f{os.getpid()}n{run}x"
            field.value = f"{NOTE} {marker}"
            await driver.quiet(app, 0.1)
            driver.expect(marker, when=lambda: not field.value)
            sent = driver.press("enter")
            times.append(await driver.seen() - sent)
            assert marker in app.path.read_text(encoding="utf-8")
            await driver.quiet(app, 0.1)
        RESULT.update(floor=times)
        app.exit()

    return scenario


def keys_saving(runs: int) -> Scenario:
    """A letter typed into the note input, to the frame that shows it: on an idle app, and just after Enter, while
    the writer thread is saving that note (on a disk whose fsync is slow: see ``main``), alternately."""

    async def scenario(pilot: Pilot[Any]) -> None:
        from darbnica.ui.screens.notes import NotesScreen

        app, driver = await ready_app(pilot, notes_ready)
        screen = app.screen
        assert isinstance(screen, NotesScreen) and app.editor is not None
        editor = app.editor
        times: dict[str, list[float]] = {"idle": [], "saving": []}
        field = screen.note_input

        async def letter(kind: str, marker: str) -> None:
            field.value = f"{NOTE} {marker}"
            field.cursor_position = len(field.value)
            await driver.until(lambda: True)
            await asyncio.sleep(0.05)  # the value drawn; a save, if one started, is still in its first fsync
            if kind == "saving":
                assert not editor.on_disk, "the save ended before the key was typed: make the fsync slower"
            driver.expect(f"{marker}q", when=lambda: field.value.endswith("q"))
            sent = driver.press("q", "q")
            times[kind].append(await driver.seen() - sent)

        for run in range(runs):
            marker = f"s{os.getpid()}n{run}"
            await letter("idle", f"{marker}i")
            await driver.quiet(app, 0.1)
            driver.expect(f"{marker}iq", when=lambda: not field.value)
            driver.press("enter")  # the note is drawn at once; its save takes two slow fsyncs
            await driver.seen()
            await letter("saving", f"{marker}s")
            assert editor.flush(), "the disk refused the note"
            field.value = ""
            await driver.quiet(app, 0.1)
        RESULT.update(times)
        app.exit()

    return scenario


def step_switch(runs: int) -> Scenario:
    """PgDn to the first frame of the next step with its notes listed; PgUp back (not timed)."""

    async def scenario(pilot: Pilot[Any]) -> None:
        from darbnica.ui.screens.notes import NotesScreen

        app, driver = await ready_app(pilot, notes_ready)
        first = app.screen
        assert isinstance(first, NotesScreen)
        start = first.step.key

        def elsewhere() -> bool:
            screen = app.screen
            return isinstance(screen, NotesScreen) and screen.step.key != start and notes_ready(app)

        def back() -> bool:
            screen = app.screen
            return isinstance(screen, NotesScreen) and screen.step.key == start and notes_ready(app)

        times = []
        for _ in range(runs + 1):  # the first makes a screen: RUNS after it
            driver.expect("", when=elsewhere)
            sent = driver.press("pagedown")
            times.append(await driver.seen() - sent)
            await driver.quiet(app, 0.1)
            driver.press("pageup")
            await driver.until(back)
            await driver.quiet(app, 0.1)
        # The first PgDn makes the next step's screen; later ones show it again (darbnica keeps step screens).
        RESULT.update(first=times[:1], app=times[1:])
        app.exit()

    return scenario


def step_switch_floor(runs: int) -> Scenario:
    async def scenario(pilot: Pilot[Any]) -> None:
        from textual.widgets import OptionList

        app = pilot.app
        assert isinstance(app, SwitchFloor)
        driver = sink()
        counted = runs + 1 if isinstance(app, KeptSwitchFloor) else runs  # its first switch is not counted

        def showing(name: str) -> bool:
            screen = app.screen
            return screen.name == name and screen.query_one(OptionList).option_count == len(screen.rows)  # type: ignore[attr-defined]

        await driver.until(lambda: showing("a"))
        await driver.quiet(app)
        times = []
        for _ in range(counted):
            driver.expect("", when=lambda: showing("b"))
            sent = driver.press("pagedown")
            times.append(await driver.seen() - sent)
            await driver.quiet(app, 0.1)
            driver.press("pagedown")
            await driver.until(lambda: showing("a"))
            await driver.quiet(app, 0.1)
        # A kept floor's first switch makes its second screen, as darbnica's first visit does: not counted.
        RESULT.update(floor=times[1:] if isinstance(app, KeptSwitchFloor) else times)
        app.exit()

    return scenario


def fts_floor(db: Any, word: str) -> tuple[float, int]:
    """The search floor: a plain SQLite FTS5 table of the same text asked for the workshops with a word that
    begins so. Returns seconds and how many workshops it found."""
    start = time.monotonic()
    found = db.execute("SELECT DISTINCT workshop FROM texts WHERE texts MATCH ?", (f'"{word}"*',)).fetchall()
    return time.monotonic() - start, len(found)


def search_words(runs: int, word: str, fts: str) -> Scenario:
    """The last key of a word typed into the library's filter (all at once, as fast typing arrives), to the
    frame whose count line gives every workshop with the word: the hits complete."""

    async def scenario(pilot: Pilot[Any]) -> None:
        import sqlite3

        from textual.widgets import Input

        from darbnica.store.search import search
        from darbnica.ui.screens.home import HomeScreen

        app, driver = await ready_app(pilot, home_ready)
        home = app.screen
        assert isinstance(home, HomeScreen)
        await driver.until(lambda: home.indexed)  # the index is in step with the files (it is, when generated)
        await driver.quiet(app)
        total = len(home.entries)
        library = app.library
        hits = search(home.entries, word, library.path_of, library.index)
        narrowed = app.t("library.count", shown=len(hits), total=total)
        db = sqlite3.connect(fts)
        fts_floor(db, word)  # the first query reads the table's pages into the cache, as the app's has
        app_times, floor_times = [], []
        for _ in range(runs):
            took, found = fts_floor(db, word)
            floor_times.append(took)
            driver.expect(narrowed)
            for character in word:
                sent = driver.press(character, character)
            app_times.append(await driver.seen() - sent)
            await driver.quiet(app, 0.15)
            home.query_one("#filter", Input).value = ""
            await driver.quiet(app, 0.15)
        db.close()
        RESULT.update(app=app_times, floor=floor_times, hits=len(hits), floor_hits=found, workshops=total)
        app.exit()

    return scenario


def search_floor(runs: int, word: str) -> Scenario:
    """The same word typed into :class:`SearchFloor`, last key to the frame whose count line gives every hit."""

    async def scenario(pilot: Pilot[Any]) -> None:
        from textual.widgets import Input

        app = pilot.app
        assert isinstance(app, SearchFloor)
        driver = sink()
        await driver.until(lambda: bool(app.screen_stack) and bool(app.screen.query("#count")))
        await driver.quiet(app)
        total = len(app.everyone)
        _, hits = fts_floor(app.db, word)
        times = []
        for _ in range(runs):
            driver.expect(f"{hits} of {total} workshops")
            for character in word:
                sent = driver.press(character, character)
            times.append(await driver.seen() - sent)
            await driver.quiet(app, 0.15)
            app.query_one(Input).value = ""
            await driver.quiet(app, 0.15)
        RESULT.update(app=times, hits=hits)
        app.exit()

    return scenario


def library(runs: int, query: str) -> Scenario:
    async def scenario(pilot: Pilot[Any]) -> None:
        from textual.widgets import Input

        from darbnica.store.search import search
        from darbnica.ui.screens.home import HomeScreen

        app, driver = await ready_app(pilot, home_ready)
        home = app.screen
        assert isinstance(home, HomeScreen)
        total = len(home.entries)
        everything = app.t("library.count", shown=total, total=total)
        library = app.library
        # Every workshop with the word in its details or in what was written: what the list shows once complete.
        hits = search(home.entries, query, library.path_of, library.index)
        narrowed = app.t("library.count", shown=len(hits), total=total)
        opened, filtered = [], []
        for _ in range(runs):
            # Continue the newest workshop (Tab to the list, e), then Tab to its note list: Ctrl+W in the note
            # input deletes a word, as in any Textual input.
            driver.press("tab")
            await driver.quiet(app, 0.1)
            driver.press("e", "e")
            await driver.until(lambda: app.screen is not home)
            await driver.quiet(app, 0.1)
            driver.press("tab")
            await driver.quiet(app, 0.15)
            driver.expect(everything, when=lambda: app.screen is home)
            sent = driver.press("ctrl+w")
            opened.append(await driver.seen() - sent)
            await driver.quiet(app, 0.15)
            driver.expect(narrowed)
            for character in query:  # all at once, as fast typing arrives
                sent = driver.press(character, character)
            filtered.append(await driver.seen() - sent)
            home.query_one("#filter", Input).value = ""
            await driver.quiet(app, 0.15)
        RESULT.update(open=opened, filter=filtered, workshops=total)
        app.exit()

    return scenario


def export(runs: int) -> Scenario:
    async def scenario(pilot: Pilot[Any]) -> None:
        from markdown_it import MarkdownIt
        from textual.widgets import Input

        from darbnica.summary import build_summary, to_markdown
        from darbnica.summary.export import FORMATS
        from darbnica.ui.screens.export import ExportDialog
        from darbnica.ui.widgets.choice_list import ChoiceList

        app, driver = await ready_app(pilot, notes_ready)
        assert app.editor is not None
        # The Markdown an export makes, made here without the export's own code: that keeps the summary it builds
        # once per workshop, and the app must build it itself, as in a fresh app.
        markdown = to_markdown(build_summary(app.editor.workshop, app.sharing.link()))
        parser = MarkdownIt("js-default").enable("table")
        saved = app.t("export.done", path="").strip()  # the start of the message: a long path may wrap
        app_times, floor_times = [], []
        for run in range(runs):
            start = time.monotonic()
            parser.render(markdown)
            floor_times.append(time.monotonic() - start)
            took = 0.0
            for fmt in ("md", "html", "svg"):
                driver.press("ctrl+e")
                await driver.until(lambda: isinstance(app.screen, ExportDialog))
                await driver.quiet(app, 0.1)
                dialog = app.screen
                dialog.query_one("#export-format", ChoiceList).highlighted = FORMATS.index(fmt)  # as ↓ chooses
                await driver.quiet(app, 0.1)
                assert isinstance(dialog, ExportDialog) and dialog.format == fmt
                name = f"b{run}{fmt}.{fmt}"
                dialog.query_one("#export-path", Input).value = name
                await driver.quiet(app, 0.1)
                driver.expect(saved, when=lambda: not isinstance(app.screen, ExportDialog))
                sent = driver.press("enter")
                took += await driver.seen() - sent
                assert (app.paths.exports / name).stat().st_size > 0
                await driver.quiet(app, 0.1)
                app.clear_notifications()
            app_times.append(took)
        RESULT.update(app=app_times, floor=floor_times, markdown=len(markdown))
        app.exit()

    return scenario


def share_keys(keys: int, phases: int, loads: int, phones: bool = False) -> Scenario:
    """Share mode on (127.0.0.1); a letter typed into the note input, then Enter, ``keys`` times each phase, in
    phases alternately idle and while ``share_load.py hammer`` loads the summary, ``loads`` phones at a time (or,
    with ``phones``, while ``phones_load.py hammer`` plays ``loads`` phones on live pages, half of them sending
    notes and dots)."""

    async def scenario(pilot: Pilot[Any]) -> None:
        from darbnica.ui.screens.notes import NotesScreen

        app, driver = await ready_app(pilot, notes_ready)
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        app.sharing.host, app.sharing.port = "127.0.0.1", 0
        await app.sharing.start()
        url = app.sharing.url
        assert url is not None
        await driver.quiet(app)
        times: dict[str, list[float]] = {
            f"{key}_{kind}": [] for key in ("letter", "enter") for kind in ("idle", "loaded")
        }
        hammered: list[dict[str, Any]] = []
        runs = iter(range(keys * phases * 2))

        async def measure(kind: str) -> None:
            for _ in range(keys):
                marker = f"k{os.getpid()}n{next(runs)}x"
                screen.note_input.value = f"{NOTE} {marker}"
                screen.note_input.cursor_position = len(screen.note_input.value)  # typing goes on at the end
                await driver.quiet(app, 0.1)
                driver.expect(f"{marker}q", when=lambda: screen.note_input.value.endswith("q"))
                sent = driver.press("q", "q")
                times[f"letter_{kind}"].append(await driver.seen() - sent)
                await driver.quiet(app, 0.1)
                driver.expect(f"{marker}q", when=lambda: not screen.note_input.value)
                sent = driver.press("enter")
                times[f"enter_{kind}"].append(await driver.seen() - sent)
                await driver.quiet(app, 0.1)

        for _ in range(phases):
            await measure("idle")
            load = [PHONES_LOAD, "hammer", url, "--phones"] if phones else [SHARE_LOAD, "hammer", url, "--loads"]
            room = await asyncio.create_subprocess_exec(
                sys.executable, *map(str, load), str(loads),
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            )  # fmt: skip
            assert room.stdout is not None
            assert (await room.stdout.readline()).strip() == b"loading"
            await measure("loaded")
            out, _ = await room.communicate(b"")  # its standard input closes: it ends its round and reports
            hammered.append(json.loads(out.decode().splitlines()[-1]))
        await app.sharing.stop()
        RESULT.update(times, hammer=hammered)
        app.exit()

    return scenario


# -- starting the apps ----------------------------------------------------------------------------------------


def run_darbnica(scenario: Scenario, args: list[str]) -> None:
    """Run ``darbnica ARGS`` as its command line does, with the app class instrumented."""
    from textual.widgets import Input

    import darbnica.ui.app
    from darbnica.cli import main

    # A blinking cursor is a new frame twice a second: the app would never be idle. (A class-wide default, as the
    # tests set it; mypy sees the reactive descriptor, not its value.)
    Input.cursor_blink = False  # type: ignore[assignment]
    app_class = instrumented(darbnica.ui.app.DarbnicaApp, scenario)

    darbnica.ui.app.DarbnicaApp = app_class  # type: ignore[misc]  # the command line makes the app it finds there
    main(["--lang", "lv", *args], standalone_mode=False)


def slow(delay: float) -> None:
    """A disk whose every fsync takes ``delay`` seconds more, as on a USB stick (as ``tests/slow_disk.py``)."""
    real = os.fsync

    def fsync(fd: Any) -> None:
        time.sleep(delay)
        real(fd)

    os.fsync = fsync


def peak_memory() -> int:
    """This process's peak resident memory in KiB, since it started this program.

    Linux's ``ru_maxrss`` survives ``exec``: a child started from a large benchmark process would report that
    process's size. ``VmHWM`` belongs to the program's own memory map.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    (line,) = [line for line in status.splitlines() if line.startswith("VmHWM:")]
    return int(line.split()[1])


def main(argv: list[str]) -> None:
    kind, *rest = argv
    if kind == "floor":
        (rows,) = rest
        instrumented(Floor, until_idle(lambda app: True))(int(rows)).run()
    elif kind == "widgets":
        from textual.widgets import Input

        Input.cursor_blink = False  # type: ignore[assignment]  # as for darbnica (see run_darbnica)
        instrumented(Widgets, until_idle(lambda app: True))().run()
    elif kind == "home":
        (data,) = rest
        run_darbnica(until_idle(home_ready), ["--data-dir", data])
    elif kind == "workshop":
        data, workshop, step = rest
        run_darbnica(until_idle(notes_ready), ["--data-dir", data, "open", workshop, "--step", step])
    elif kind == "note-add":
        data, workshop, step, runs = rest
        run_darbnica(note_add(int(runs)), ["--data-dir", data, "open", workshop, "--step", step])
    elif kind == "note-add-floor":
        data, workshop, step, runs = rest
        from textual.widgets import Input

        from darbnica.paths import resolve_paths
        from darbnica.store import Library

        Input.cursor_blink = False  # type: ignore[assignment]  # as for darbnica (see run_darbnica)
        paths = resolve_paths(Path(data))
        # Its own file beside darbnica's data (not among the workshops), grown by its own notes from run to run.
        scratch = paths.data / "floor-note-add.json"
        source = scratch if scratch.exists() else Library(paths).path_of(workshop)
        instrumented(NoteAddFloor, note_add_floor(int(runs)))(source, scratch, step).run()
    elif kind == "keys-saving":
        data, workshop, step, runs, delay = rest
        slow(float(delay))
        run_darbnica(keys_saving(int(runs)), ["--data-dir", data, "open", workshop, "--step", step])
    elif kind == "step-switch":
        data, workshop, step, runs = rest
        run_darbnica(step_switch(int(runs)), ["--data-dir", data, "open", workshop, "--step", step])
    elif kind == "step-switch-floor":
        data, workshop, step, following, runs, *kept = rest
        from darbnica.paths import resolve_paths
        from darbnica.store import Library

        tables = json.loads(Library(resolve_paths(Path(data))).path_of(workshop).read_bytes())
        notes = sorted(tables["notes"].items(), key=lambda item: int(item[0]))
        here, there = ([str(d["text"]) for _, d in notes if d["step"] == key] for key in (step, following))
        floor = KeptSwitchFloor if kept == ["kept"] else SwitchFloor
        instrumented(floor, step_switch_floor(int(runs)))((here, there)).run()
    elif kind == "search":
        data, runs, word, fts = rest
        run_darbnica(search_words(int(runs), word, fts), ["--data-dir", data])
    elif kind == "search-floor":
        fts, runs, word = rest
        from textual.widgets import Input

        Input.cursor_blink = False  # type: ignore[assignment]  # as for darbnica (see run_darbnica)
        instrumented(SearchFloor, search_floor(int(runs), word))(fts).run()
    elif kind == "library":
        data, runs, query = rest
        run_darbnica(library(int(runs), query), ["--data-dir", data])
    elif kind == "export":
        data, workshop, step, runs = rest
        run_darbnica(export(int(runs)), ["--data-dir", data, "open", workshop, "--step", step])
    elif kind == "share-keys":
        data, workshop, step, keys, phases, loads, *room = rest
        scenario = share_keys(int(keys), int(phases), int(loads), phones=room == ["phones"])
        run_darbnica(scenario, ["--data-dir", data, "open", workshop, "--step", step])
    else:
        raise SystemExit(f"unknown scenario {kind!r}")
    FrameSink.latest = None
    RESULT["maxrss"] = peak_memory()
    print(json.dumps(RESULT))


if __name__ == "__main__":
    main(sys.argv[1:])

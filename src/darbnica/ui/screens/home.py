"""The home screen is the library: every workshop, found by typing, sorted, opened to review or to continue.

The list comes from the catalog, so it appears at once however many workshops there are. Typing filters it by
title, place and facilitator, and a worker thread looks the typed words up in what people wrote (notes,
responsibilities, the vision): in the full-text index for every workshop it holds as its file is now, at each key,
and in the files of the others once typing pauses, showing its progress when that takes a while. Once the list is
shown, another worker brings the index in step with the files (after a crash, a copy of the folder, a lost
index), with its progress too. The workers only read workshops; every change (details, copy, delete, restore) is
made here, on the app's thread, through the store.
"""

from __future__ import annotations

import operator
import time
from collections.abc import Collection, Sequence

from rich.cells import cell_len
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from darbnica.editing import Editor
from darbnica.errors import DarbnicaError
from darbnica.followup import open_counts
from darbnica.i18n import pick
from darbnica.model import Workshop
from darbnica.store.catalog import Entry, from_other_laptops, laptop_label
from darbnica.store.library import Listing
from darbnica.store.search import SortKey, details_text, filter_entries, found_in_index, scan, sort_entries, words
from darbnica.text import LINE_LIMIT, display
from darbnica.ui.screens.base import DarbnicaScreen
from darbnica.ui.widgets.columns import fit_columns
from darbnica.ui.widgets.footer import KeyFooter
from darbnica.ui.widgets.library_table import LibraryTable
from darbnica.ui.widgets.long_table import Column
from darbnica.ui.widgets.text_input import TextInput

FILTER_DELAY = 0.08
"""Seconds the list waits for the next key before showing what matches: fast typing redraws a long list once."""
SEARCH_DELAY = 0.25
"""Seconds of no typing before workshop files are read for the words: a whole word, not every letter, starts a
search that reads files. With every workshop in the index, each key searches at once."""
PROGRESS_AFTER = 0.3
"""Seconds a search runs before its progress is shown."""
REPORT_EVERY = 0.1
"""Seconds between the search worker's reports to the screen."""
REDRAW_EVERY = 0.5
"""Seconds between redraws of the list while a search adds what it finds."""
FOLDER_CHECK_SECONDS = 2.0
"""How often the library looks (one stat of the workshops folder) whether workshops were made, changed or deleted
elsewhere, such as `darbnica new` in another terminal, and if so lists them again."""
SORTS = list(SortKey)
WIDE = 100
"""From this width on the plan column is shown too."""
WIDER = 140
"""From this width on the facilitator column is shown too, and the place gets room for a neighbourhood's name."""
PLAN_WIDTHS = (17, 42)
"""The plan column's least and most cells: as wide as the longest plan's name within them, where the title keeps
:data:`TITLE_ROOM` (the plan's name whole from 160 columns, "Sabiedrības virzīta attīstība: darbnīca")."""
TITLE_ROOM = 38
"""The cells the title keeps before the plan's column takes more than its least."""
LAPTOP = 12
"""The laptop column's width, shown only when the archive holds another laptop's workshops (its name is its host's
name and four hex digits: the end, which tells two laptops of one name apart, is what an ellipsis would hide, so
wider terminals get more of it)."""
NUMBERS = ("notes", "open")
"""Columns aligned to the right."""


class HomeScreen(DarbnicaScreen[None]):
    """Typing goes to the filter from the start; ↑ and ↓ move through the list meanwhile, Enter reviews. The
    letter keys act on the list once it has the focus (Tab), so a typed word never triggers them."""

    NEW_WORKSHOP = Binding("ctrl+n", "new_workshop", "key.new_workshop", priority=True)
    BINDINGS = [NEW_WORKSHOP]

    def compose(self) -> ComposeResult:
        t = self.app.t
        yield Static(Content.assemble(("darbnica", "bold $accent"), "  ", t("home.tagline")), id="home-title")
        yield TextInput(placeholder=t("library.filter_placeholder"), id="filter", limit=LINE_LIMIT)
        yield Static(id="library-status")
        yield LibraryTable(id="workshops")
        # The key that works while typing goes to the filter (the list's own "n" would be typed into it).
        yield Static(id="library-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.entries: list[Entry] = []
        self.still_open: dict[str, int] = {}
        """Each listed workshop's open responsibilities, a promise carried into a follow-up counted there only."""
        self.shared = False
        self.sort = SortKey.DATE
        self.found_in_notes: dict[str, Entry] = {}
        self._stale_hits: set[str] = set()
        """Workshops found before the list was read again (back from one of them), shown until the search
        made again for the same words says whether they are still found: the list did not drop to "0 of 10000"."""
        self._fresh_hits: set[str] = set()
        """The workshops the running search has found so far."""
        self.searching: tuple[float, int, int] | None = None  # (started, files done, files in all)
        self.searched: str | None = None
        """The words the list's last search of the notes was for, once it is done (``None`` until then)."""
        self._empty_said: str | None = None
        """What the line below an empty list says (``None``: the list is not empty, or not yet searched)."""
        self.indexing: tuple[float, int, int] | None = None  # (started, workshops read, to read)
        self.indexed = False
        """Whether the index holds every workshop listed as its file is now: a search then reads no file."""
        self._search_timer: Timer | None = None
        self._typed = 0
        """Counts the changes of the filter, so that a search asked for an older one is not started."""
        self._show_timer: Timer | None = None
        self._drawn: tuple[list[str], list[tuple[str, int]]] = ([], [])  # the rows and columns on screen
        self._drawn_at = 0.0
        self._folded: tuple[list[Entry], list[str]] = ([], [])
        """The entries, and their details folded (see :meth:`_details`)."""
        self._shown: tuple[tuple[object, ...], list[Entry]] | None = None
        """What :meth:`shown` last gave, and for what: the entries and what the notes search found (the very
        objects: compared by identity), how many it found, the filter, the order."""
        self.app.library.index.check_soon()  # beside reading the catalog: the index check worker follows it
        self.refresh_list()
        self.query_one("#filter").focus()
        self.set_interval(FOLDER_CHECK_SECONDS, self.check_folder)

    async def recompose(self) -> None:
        """Made again in another interface language: the new list is drawn once it has its size."""
        await super().recompose()
        self._drawn = ([], [])
        self._empty_said = None  # the line below the list is made again too, empty
        self.query_one("#filter").focus()

    @property
    def table(self) -> LibraryTable:
        return self.query_one(LibraryTable)

    @property
    def filter_text(self) -> str:
        return self.query_one("#filter", Input).value

    # -- the list -----------------------------------------------------------------------------------------

    def refresh_list(self, only: Collection[str] | None = None) -> None:
        """Read the catalog again (after a change, or coming back from a workshop) and show it.

        ``only``: the workshops whose files may have changed here (the one just closed); the list is drawn with
        the others as last listed, and every file is looked at right after it is on screen, the list corrected at
        once if any changed meanwhile (a `darbnica new` in another terminal)."""
        self._folder_seen = self.app.library.folder_stamp()  # before listing: a change during it is seen next time
        listing = self.app.library.listing(only)
        self._take(listing)
        if only is not None:
            self.call_after_refresh(self._look_at_every_file)

    def _look_at_every_file(self) -> None:
        if not self.is_attached:
            return
        if not self.is_active:  # a dialog opened at once, maybe about the highlighted workshop: look once it closes
            self._folder_seen = None
            return
        self._folder_seen = self.app.library.folder_stamp()
        listing = self.app.library.listing()
        if listing.problems or not self._same(listing.entries):
            self._take(listing)

    def _same(self, entries: list[Entry]) -> bool:
        return len(entries) == len(self.entries) and all(map(operator.is_, entries, self.entries))

    def _take(self, listing: Listing) -> None:
        """Show the workshops of ``listing`` and say what is wrong."""
        for problem in listing.problems:
            self.app.report(problem)
        # Back from a workshop nothing else usually changed: the same entries (the catalog's very objects) draw the
        # same rows, and an index in step with them still is (one that someone else damaged or deleted meanwhile
        # only makes a search read the files).
        # The list itself is kept too, so what was worked out from it (the shown list, the folded details) holds.
        if not self._same(listing.entries):
            self.entries = listing.entries
            self.still_open = open_counts(self.entries)
            self.indexed = False  # until the index worker has compared it with this list
            self._drawn = ([], [])
        self.shared = from_other_laptops(self.entries, self.app.library.device)
        """Another laptop's workshops are listed: each row names its laptop."""
        listed = {e.id: e for e in self.entries} if self.found_in_notes else {}
        still = {key: listed[key] for key in self.found_in_notes if key in listed}
        self._search_again()
        if still and words(self.filter_text):
            self.found_in_notes, self._stale_hits = still, set(still)
        self.show()
        if not self.indexed:
            self.call_after_refresh(self.keep_index, self.entries)

    def shown(self) -> list[Entry]:
        """The workshops the list shows: matching by their details, or found in their notes; in the chosen order."""
        # Asked again for the same (the list's size settling at start, a search's progress), it is the same: not
        # filtered and sorted again (with 10,000 workshops that took 7 ms each time).
        found = self.found_in_notes
        key = (self.entries, found, len(found), self.filter_text, self.sort)
        kept = self._shown
        if kept is not None and all(map(operator.is_, kept[0][:2], key[:2])) and kept[0][2:] == key[2:]:
            return kept[1]
        details = self._details() if self.filter_text.strip() else None  # nothing typed: nothing to fold
        matching = filter_entries(self.entries, self.filter_text, details, also=found)
        # The entries are listed newest first: kept in that order, the workshops found need no sorting.
        shown = matching if self.sort is SortKey.DATE else sort_entries(matching, self.sort)
        self._shown = (key, shown)
        return shown

    def _details(self) -> list[str]:
        """Each entry's title, place and facilitator, folded for matching: worked out once for each listing, not
        at every key (a function call each that took 10 ms with 10,000 workshops)."""
        if self._folded[0] is not self.entries:
            self._folded = (self.entries, [details_text(e) for e in self.entries])
        return self._folded[1]

    def _columns(self) -> list[tuple[str, int]]:
        width = self.table.size.width
        shared = self.shared
        # At 80 columns the title keeps 20 characters; on a wide screen a neighbourhood's place ("Grīziņkalns,
        # Rīga") is whole, as is more of the plan's name, and the title still has fifty.
        place = 22 if width >= WIDER else 12 if shared and width < WIDE else 14
        after = [*([("facilitator", 16)] if width >= WIDER else []), ("notes", 6), ("open", 6)]
        if shared:
            after.append(("laptop", LAPTOP if width < WIDE else 18))
        if width < WIDE:
            return fit_columns(width, [("date", 10), ("place", place), *after], "title", 2)
        least, most = PLAN_WIDTHS
        plan = min(max(least, self._longest_plan_name()), most)
        columns = fit_columns(width, [("date", 10), ("place", place), ("plan", least), *after], "title", 2)
        spare = dict(columns)["title"] - TITLE_ROOM  # what the title can give the plan beyond its least
        plan = min(plan, least + max(0, spare))
        return fit_columns(width, [("date", 10), ("place", place), ("plan", plan), *after], "title", 2)

    def _longest_plan_name(self) -> int:
        """The cells of the longest installed plan's name, in the language shown (a few plans: asked each time)."""
        names = (str(pick(plan.title, self.app.lang)) for plan in self.app.plans.plans.values())
        return max(map(cell_len, names), default=0)

    def _texts(self, entry: Entry, columns: list[tuple[str, int]]) -> list[str]:
        plan = self.app.plans.plans.get(entry.plan)  # a plan no longer installed: its name is all there is
        values = {
            "date": entry.date,
            "place": entry.place,
            # A follow-up marked: at 80 columns, with no plan column, it and the meeting it follows read the same.
            "title": f"↳ {entry.title}" if entry.follows else entry.title,
            "plan": str(pick(plan.title, self.app.lang)) if plan is not None else entry.plan,
            "notes": str(entry.notes),
            "open": str(self.still_open.get(entry.id, 0) or "–"),
            "facilitator": entry.facilitator or "–",
            "laptop": laptop_label(entry, self.app.library.device, self.app.t("library.this_laptop")),
        }
        return [display(values[key]) for key, _ in columns]

    def show(self) -> None:
        """Draw the list, unless it would show exactly what it shows already."""
        table = self.table
        if not table.size.width:
            # Not laid out yet (the screen is being mounted): the columns would fit the wrong width and every row
            # be drawn again a moment later, which with a thousand workshops doubles the start-up. The list's
            # first size draws it.
            return
        kept = self.highlighted_id()
        columns = self._columns()
        shown = self.shown()
        ids = [e.id for e in shown]
        self._drawn_at = time.monotonic()
        if (ids, columns) == self._drawn:
            self._show_empty(shown)  # the same (empty) list, now searched through
            self._show_status(len(shown))
            return
        self._drawn = (ids, columns)
        headings = [Column(self.app.t(f"library.column_{key}"), width, key in NUMBERS) for key, width in columns]
        table.show(headings, ids, lambda index: self._texts(shown[index], columns))
        # The new rows are drawn in the same frame as the count line: the list's own request to be drawn reaches
        # the screen a moment after the count line's, and a frame due meanwhile drew the count alone (with 10,000
        # workshops, a search's hits came a frame later, 8 ms). Its scroll bar follows when the list is laid out.
        self.refresh()
        if kept in ids:
            table.move_cursor(ids.index(kept))
        self._show_empty(shown)
        self._show_status(len(shown))

    def _show_empty(self, shown: Sequence[Entry]) -> None:
        """Below an empty list, why it is empty: no workshops yet, or none with what was typed (once searched)."""
        t, empty = self.app.t, self.query_one("#library-empty", Static)
        typed = self.filter_text.strip()
        said = None
        if not self.entries:
            # The key that works while typing goes to the filter (the list's own "n" would be typed into it).
            said = t("library.empty", shortcut=self.app.get_key_display(self.NEW_WORKSHOP))
        elif not shown and typed and self.searched == self.filter_text:
            said = t("library.nothing_found", query=typed)
        if said is not None and said != self._empty_said:  # an update lays the screen out again: only a new line
            empty.update(Content(said))
        self._empty_said = said
        empty.display = said is not None

    def _show_status(self, count: int | None = None) -> None:
        t = self.app.t
        count = self.table.row_count if count is None else count
        parts = [
            t("library.count", shown=count, total=len(self.entries)),
            t("library.sorted", by_key=f"library.sort_{self.sort.value}"),
        ]
        if self.searching is not None:
            started, done, total = self.searching
            if time.monotonic() - started >= PROGRESS_AFTER:
                parts.append(t("library.searching", done=done, total=total))
        elif self.found_in_notes:
            parts.append(t("library.found_in_notes", count=len(self.found_in_notes)))
        if self.indexing is not None and time.monotonic() - self.indexing[0] >= PROGRESS_AFTER:
            parts.append(t("library.indexing", done=self.indexing[1], total=self.indexing[2]))
        self.query_one("#library-status", Static).update(Content(" · ".join(parts)))

    @on(LibraryTable.Resized)
    def _fit_columns(self) -> None:
        self.show()  # the columns fit the list's width; nothing is drawn again if they are the same

    def highlighted_id(self) -> str | None:
        return self.table.highlighted_key

    # -- finding ------------------------------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        """Filter by the details once typing pauses; search the notes a moment later."""
        self._search_again()
        self._show_timer = self.set_timer(FILTER_DELAY, self.show)

    def _search_again(self) -> None:
        """Forget what the last search found, and search the notes for the filter once typing pauses."""
        self.workers.cancel_group(self, "search")
        self.searching = None
        self.searched = None
        self.found_in_notes = {}
        self._stale_hits, self._fresh_hits = set(), set()
        for timer in (self._search_timer, self._show_timer):
            if timer is not None:
                timer.stop()
        self._typed += 1
        if not words(self.filter_text):
            return
        if self.indexed:
            # After the keys already waiting: keys typed together start one search, for all of them.
            self.call_later(self._start_search, self._typed)
        else:
            self._search_timer = self.set_timer(SEARCH_DELAY, self._start_search)

    def _start_search(self, typed: int | None = None) -> None:
        if typed is not None and typed != self._typed:
            return  # typing went on: the search for the last key is on its way
        query = self.filter_text
        if self.indexed:  # the index answers for every workshop listed, at once: nothing to leave out first
            self.searching = (time.monotonic(), 0, len(self.entries))
            self.search_notes(query, self.entries, self._details(), indexed=True)
            return
        shown = {e.id for e in self.shown()} - self._stale_hits  # those found before are read again
        pairs = zip(self.entries, self._details(), strict=True)
        rest, details = [], []
        for entry, text in pairs:  # newest first: the files the index cannot answer for are read in that order
            if entry.id not in shown:
                rest.append(entry)
                details.append(text)
        if rest:
            self.searching = (time.monotonic(), 0, len(rest))
            self.search_notes(query, rest, details)
        else:
            self.searched = query
            self._stale_hits = set()  # every one of them is listed by its details
            self.show()

    # A description of its own: Textual's default is the repr of the arguments, which for a thousand entries took
    # 10 ms at every search (and 100 ms with 10,000), before the worker even started.
    @work(thread=True, exclusive=True, group="search", description="searching the notes")
    def search_notes(
        self, query: str, entries: Sequence[Entry], details: Sequence[str], *, indexed: bool = False
    ) -> None:
        """Read the workshop files for ``query`` (in a thread: only reading, never writing). ``indexed``: the index
        was found in step with ``entries`` (see :meth:`keep_index`) and answers for all of them at once."""
        worker = get_current_worker()
        found: list[Entry] = []
        reported = time.monotonic()
        library = self.app.library
        if indexed:
            answer = found_in_index(entries, query, library.index, details)
            if answer is not None:
                self.app.call_from_thread(self._found, query, answer, len(entries), len(entries))
                return
        for done, match in enumerate(scan(entries, query, library.path_of, library.index, details), 1):
            if worker.is_cancelled:
                return
            if match is not None:
                found.append(match)
            if time.monotonic() - reported >= REPORT_EVERY or done == len(entries):
                self.app.call_from_thread(self._found, query, found, done, len(entries))
                found = []
                reported = time.monotonic()

    def _found(self, query: str, found: list[Entry], done: int, total: int) -> None:
        if query != self.filter_text or self.searching is None:
            return  # typing went on; that search was cancelled
        self.searching = (self.searching[0], done, total) if done < total else None
        self.found_in_notes.update((e.id, e) for e in found)
        self._fresh_hits.update(e.id for e in found)
        if self.searching is None:
            self.searched = query
            if self._stale_hits:  # those found before and not now go; a new dict, so the shown list is made again
                gone = self._stale_hits - self._fresh_hits
                self.found_in_notes = {k: e for k, e in self.found_in_notes.items() if k not in gone}
                self._stale_hits = set()
        if self.searching is None or (found and time.monotonic() - self._drawn_at >= REDRAW_EVERY):
            self.show()
        else:
            self._show_status()

    # -- the index ------------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", description="keeping the index in step")  # (as above)
    def keep_index(self, entries: Sequence[Entry]) -> None:
        """Bring the index in step with the listed workshops' files (in a thread: it reads them, and writes only
        the index)."""
        worker = get_current_worker()
        started = time.monotonic()
        reported = started

        def progress(done: int, total: int) -> None:
            nonlocal reported
            if time.monotonic() - reported >= REPORT_EVERY:
                reported = time.monotonic()
                self.app.call_from_thread(self._indexing, entries, (started, done, total))

        whole = self.app.library.index.refresh(entries, self.app.library.path_of, progress, lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._indexing, entries, None, whole)

    def _indexing(self, entries: Sequence[Entry], progress: tuple[float, int, int] | None, whole: bool = False) -> None:
        if entries is not self.entries:
            return  # listed again meanwhile: that list has a worker of its own
        self.indexing = progress
        if progress is None:
            self.indexed = whole
        self._show_status()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.review()

    @on(LibraryTable.Typed)
    def typed_in_list(self, event: LibraryTable.Typed) -> None:
        field = self.query_one("#filter", Input)
        field.focus()
        field.insert_text_at_cursor(event.character)

    def on_screen_resume(self) -> None:
        self.query_one("#filter").focus()  # back from a workshop, a review or a dialog: typing finds again
        self.check_folder()

    def check_folder(self) -> None:
        """List the workshops again if their folder changed, while the list is what the facilitator looks at (not
        under a dialog, which may be about the highlighted workshop)."""
        if self.is_active and self.app.library.folder_stamp() != self._folder_seen:
            self.refresh_list()

    def on_key(self, event: events.Key) -> None:
        """↑ and ↓ in the filter move through the list, so typing, choosing and Enter are one motion."""
        if event.key in ("up", "down") and self.focused is self.query_one("#filter"):
            event.stop()
            self.table.action_cursor_down() if event.key == "down" else self.table.action_cursor_up()

    def action_focus_filter(self) -> None:
        self.query_one("#filter").focus()

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.show()

    # -- opening ------------------------------------------------------------------------------------------

    @on(LibraryTable.RowSelected, "#workshops")
    def review(self) -> None:
        """Open the highlighted workshop in review mode."""
        from darbnica.ui.screens.review import ReviewScreen

        workshop_id = self.highlighted_id()
        if workshop_id is not None and (workshop := self._read(workshop_id)) is not None:
            self.app.push_screen(ReviewScreen(workshop))

    def action_resume(self) -> None:
        workshop_id = self.highlighted_id()
        if workshop_id is not None:
            self.app.open_workshop(workshop_id)

    # The forms and dialogs below are imported when first used, not when darbnica starts.

    def action_new_workshop(self) -> None:
        self._create()

    def action_follow_up(self) -> None:
        workshop_id = self.highlighted_id()
        if workshop_id is not None and (workshop := self._read(workshop_id)) is not None:
            self._create(follows=workshop)

    def _create(self, follows: Workshop | None = None) -> None:
        from darbnica.ui.screens.new_workshop import NewWorkshopScreen

        def created(workshop_id: str | None) -> None:
            if workshop_id:
                self.app.open_workshop(workshop_id)

        self.app.push_screen(NewWorkshopScreen(follows=follows), created)

    def action_responsibilities(self) -> None:
        from darbnica.ui.screens.responsibilities import ResponsibilitiesScreen

        self.app.push_screen(ResponsibilitiesScreen(), lambda _: self.refresh_list())

    def action_trash(self) -> None:
        from darbnica.ui.screens.trash import TrashScreen

        self.app.push_screen(TrashScreen(), lambda _: self.refresh_list())

    # -- looking after the library ----------------------------------------------------------------------------

    def _read(self, workshop_id: str) -> Workshop | None:
        try:
            return self.app.library.read(workshop_id)
        except DarbnicaError as error:
            self.app.report(error)
            self.refresh_list()
            return None

    def action_details(self) -> None:
        from darbnica.ui.screens.manage import DetailsDialog

        workshop_id = self.highlighted_id()
        if workshop_id is None or (workshop := self._read(workshop_id)) is None:
            return

        def save(details: dict[str, str]) -> None:
            with Editor.open(self.app.library, workshop_id) as editor:
                editor.set_details(**details)

        def closed(saved: bool | None) -> None:
            if saved:
                self.refresh_list()

        self.app.push_screen(DetailsDialog(workshop, save), closed)

    def action_duplicate(self) -> None:
        from darbnica.ui.screens.dialogs import TextDialog

        workshop_id = self.highlighted_id()
        if workshop_id is None or (workshop := self._read(workshop_id)) is None:
            return

        def named(title: str | None) -> None:
            if not title:
                return
            try:
                copy = self.app.library.duplicate(workshop_id, title=title)
            except DarbnicaError as error:
                self.app.report(error)
                return
            self.refresh_list()
            self._highlight(copy)
            self.notify(self.app.t("library.copied", title=title))

        title = self.app.t("library.copy_title", title=workshop.title)
        self.app.push_screen(TextDialog(self.app.t("library.copy_heading"), title, limit=LINE_LIMIT), named)

    def action_delete(self) -> None:
        from darbnica.ui.screens.manage import ConfirmDialog

        workshop_id = self.highlighted_id()
        entry = next((e for e in self.entries if e.id == workshop_id), None)
        if entry is None:
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.app.library.delete(entry.id)
            except DarbnicaError as error:
                self.app.report(error)
                return
            self.refresh_list()
            self.notify(self.app.t("library.deleted", title=entry.title))

        question = self.app.t("library.delete_question", title=entry.title)
        self.app.push_screen(ConfirmDialog(question, self.app.t("library.delete_confirm")), confirmed)

    def _highlight(self, workshop_id: str) -> None:
        ids = [e.id for e in self.shown()]
        if workshop_id in ids:
            self.table.move_cursor(ids.index(workshop_id))

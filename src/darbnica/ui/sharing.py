"""Share mode: the open workshop's live summary served to the room, started from the app's own event loop, and
the room's phones (:class:`~darbnica.room.Room`) while it is on.

One process, one writer: the server answers on a thread of its own but reads the workshop the app holds only on
the app's loop, so a note is on the phones at the next reload. Widgets that show the link subscribe to
:attr:`changed`.

What phones send reaches the room (and its journal) on the server's thread; each change is handed to the app's
loop, where a note sent to a step that shows phone notes at once goes into the workshop through the editor, dots
from phones are put in as totals, and :attr:`Sharing.room_changed` is published for the screens. When sharing
starts, the room's journal is read again: what a crash or a kill kept out of the workshop file goes in (or back
into the queue), so nothing a phone was told was received is lost.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.signal import Signal

from darbnica.editing import Editor
from darbnica.errors import DarbnicaError, NotFound
from darbnica.i18n import Phrase
from darbnica.model import Workshop
from darbnica.share.addresses import Addresses
from darbnica.share.links import DEFAULT_PORT, lan_address, share_url, summary_link

if TYPE_CHECKING:
    # The room is loaded with the first room opened (share mode, or a journal from phones): most workshops
    # never have one.
    from darbnica.room import PhoneNote, Room, RoomEvent
    from darbnica.share.server import SummaryServer
    from darbnica.ui.app import DarbnicaApp

log = logging.getLogger(__name__)


class Sharing:
    def __init__(self, app: DarbnicaApp, host: str | None = None, port: int = DEFAULT_PORT) -> None:
        self.app = app
        self.host = host
        """Where to listen; this machine's LAN address when ``None`` (tests use 127.0.0.1)."""
        self.port = port
        self.server: SummaryServer | None = None
        self.changed: Signal[str | None] = Signal(app, "sharing")
        """Published with the served address (``None`` when sharing stops)."""
        self.room: Room | None = None
        """The phones of the shared workshop, while sharing; ``None`` otherwise."""
        self.room_changed: Signal[RoomEvent] = Signal(app, "room")
        """Published on the app's loop after each change the room made (a note received, dots, a phone blocked),
        once the workshop has what goes in at once."""
        self._unlisten: list[Callable[[], None]] = []
        self.addresses = Addresses(app.paths.share_links)
        """Each workshop's token, scribe's token, port and form key, kept for a while: a re-share, or the app started
        again after a crash, keeps the QR code phones already scanned and the pages they have open (the port only
        changes if another program took it meanwhile)."""
        self._shutting: set[asyncio.Task[None]] = set()
        """The servers of workshops just closed, stopping (their rooms close after them)."""

    @property
    def scribe_url(self) -> str | None:
        """The scribe's link while sharing: for a helper who types for people without phones (F10 shows it)."""
        server = self.server
        if server is None or server.scribe_token is None:
            return None
        return share_url(server.host, server.port, server.scribe_token)

    @property
    def url(self) -> str | None:
        """Where the summary is served now, if it is."""
        return self.server.url if self.server else None

    def link(self) -> str | None:
        """The link participants get for the open workshop: while sharing, the participant page (it links to the
        summary); else the public one, if configured."""
        if self.app.editor is None:
            return None
        if self.url is not None:
            return self.url
        return summary_link(self.app.settings.public_link, self.app.editor.workshop.id)

    def _workshop(self) -> Workshop:
        if self.app.editor is None:
            raise NotFound("error.no_workshop", ref="-")
        return self.app.editor.workshop

    async def start(self) -> None:
        from darbnica.share.server import SummaryServer  # aiohttp is loaded when share mode is first turned on

        if self._shutting:  # the workshop was closed with share mode on and opened again: its old room closes first
            await asyncio.gather(*self._shutting)
        editor = self.app.editor
        if editor is None or self.server is not None:
            return
        workshop_id = editor.workshop.id
        address = self.addresses.get(workshop_id, self.port)
        public = summary_link(self.app.settings.public_link, workshop_id)
        host = self.host or lan_address()
        server = SummaryServer(
            self._workshop,
            host=host,
            port=address.port,
            token=address.token,
            link=public,
            secret=address.key,
            scribe_token=address.scribe,
        )
        try:
            if self.room is None:  # no phone had sent anything when the workshop opened (or another program had it)
                self.room = self._open_room(editor)
            server.room = self.room
            await server.start()
        except DarbnicaError as error:
            self.app.report(error)
            return
        self.server = server
        self.addresses.served_on(workshop_id, address, server.port)
        self.changed.publish(server.url)

    async def stop(self) -> None:
        """Stop serving; the room stays while its workshop is open, so the queue keeps what waits."""
        if self.server is not None:
            server, self.server = self.server, None
            await server.stop()
            self.changed.publish(None)
        if self._shutting:  # a workshop closed just before: its server is down and its room closed when this returns
            await asyncio.gather(*self._shutting)

    # -- the room -------------------------------------------------------------------------------------------

    def enter(self) -> None:
        """The app opened a workshop: open its room if its phones ever sent anything (a journal beside it), so
        what waits is in the queue without share mode. A workshop no phone has reached gets its room, and its
        journal file, only when share mode is first turned on."""
        editor = self.app.editor
        if editor is None or self.room is not None:
            return
        if not self.app.library.journal_of(editor.workshop.id).exists():
            return
        if self._shutting:  # closed with share mode on and opened again at once: its old room must close first
            self._keep(asyncio.ensure_future(self._enter_after(editor)))
            return
        self._enter(editor)

    def _enter(self, editor: Editor) -> None:
        try:
            self.room = self._open_room(editor)
        except DarbnicaError as error:  # another darbnica shares it now: the notes wait for it (said here)
            self.app.report(error)

    def leave(self) -> None:
        """The app is closing the open workshop: stop serving it, and close its room once the server is down
        (a request still running meanwhile is journaled, and settled the next time the workshop opens)."""
        for unlisten in self._unlisten:
            unlisten()
        self._unlisten = []
        room, self.room = self.room, None
        server, self.server = self.server, None
        if server is None:
            if room is not None:
                room.close()
            return
        self.changed.publish(None)
        self._keep(asyncio.ensure_future(self._shut(server, room)))

    def _keep(self, task: asyncio.Task[None]) -> None:
        self._shutting.add(task)  # referenced until done, and awaited by stop()
        task.add_done_callback(self._shutting.discard)

    @staticmethod
    async def _shut(server: SummaryServer, room: Room | None) -> None:
        try:
            await server.stop()
        finally:
            if room is not None:
                room.close()

    async def _enter_after(self, editor: Editor) -> None:
        await asyncio.gather(*(task for task in self._shutting if task is not asyncio.current_task()))
        if self.app.editor is editor and self.room is None:  # still open, and share mode not turned on meanwhile
            self._enter(editor)
            self.changed.publish(self.url)  # the share line and the queue count what waits

    def _open_room(self, editor: Editor) -> Room:
        """The room of ``editor``'s workshop, with what its journal holds settled: notes of steps that show
        phone notes at once go in, the others wait in the queue; dots are put in as totals."""
        from darbnica.room import Room

        room = Room(self.app.library.journal_of(editor.workshop.id))
        room.update(editor.workshop)
        loop = asyncio.get_running_loop()

        def heard(event: RoomEvent) -> None:  # on the thread that made the change, usually the server's
            try:
                loop.call_soon_threadsafe(self._on_loop, room, event)
            except RuntimeError:
                pass  # the app's loop has closed: the journal has it, the workshop's next opening settles it

        def changed(changed_editor: Editor) -> None:
            room.update(changed_editor.workshop)
            loop.call_soon(self._settle_dots, room)  # after this change has reached every listener

        self._unlisten = [room.listen(heard), editor.listen(changed)]
        self.room = room  # now, not when this returns: the dots settled below are this room's (else none were)
        for note in room.waiting(editor.workshop):
            self._let_in(editor, note)
        self._settle_dots(room)
        return room

    def _on_loop(self, room: Room, event: RoomEvent) -> None:
        from darbnica.room import DotsChanged, JournalRefused, NoteReceived

        editor = self.app.editor
        if room is not self.room or editor is None:
            return  # sharing stopped meanwhile: the journal keeps it for the next time
        if isinstance(event, JournalRefused):  # the phone was told to send again; the facilitator is told why
            self.app.report(DarbnicaError("room.journal_refused", detail=Phrase.of(event.error)))
            return
        if isinstance(event, NoteReceived):
            self._let_in(editor, event.note)
        elif isinstance(event, DotsChanged):
            self._settle_dots(room)
        self.room_changed.publish(event)

    def _let_in(self, editor: Editor, note: PhoneNote) -> None:
        """Put ``note`` on the wall if its step shows phone notes at once (else it waits for the facilitator)."""
        if not editor.workshop.room_step(note.step).show_at_once:
            return
        try:
            editor.take_phone_notes([(note.step, note.text, note.ref)])
        except DarbnicaError as error:  # the plan changed under it: it stays in the queue
            log.warning("phone note %s stays in the queue: %s", note.ref, error)

    def _settle_dots(self, room: Room) -> None:
        """Make each note's dots from phones what the room counted (after a crash, an undo, a restart)."""
        editor = self.app.editor
        if room is not self.room or editor is None:
            return
        for note_id, total in room.phone_dots(editor.workshop).items():
            note = editor.note(note_id)
            if note.phone_votes != total:
                try:
                    editor.add_phone_dots(note, total - note.phone_votes)
                except DarbnicaError as error:
                    log.warning("phone dots of note %d not put in: %s", note_id, error)

    async def new_link(self) -> None:
        """A new link for the open workshop (and a new scribe's link): a photographed QR code stops working. While
        sharing, the server starts again at the new address at once."""
        editor = self.app.editor
        if editor is None:
            return
        self.addresses.forget(editor.workshop.id)
        if self.server is not None:
            await self.stop()
            await self.start()

    async def toggle(self) -> None:
        await (self.stop() if self.server else self.start())

"""The app's side of the room: while sharing, what phones send reaches the open workshop on the app's own loop
(a show-at-once step's notes go straight in, dots as totals), the screens hear of each change, and after a kill
the journal's notes are settled again when the workshop opens."""

from __future__ import annotations

import threading

from darbnica.editing import Editor
from darbnica.room import DotsChanged, NoteReceived, Room, RoomEvent, SenderBlocked
from darbnica.store import Library
from darbnica.ui.screens.notes import NotesScreen
from darbnica.ui.widgets.share_status import ShareStatus
from tests.ui.conftest import messages, settle, until


def from_server(call, *args):
    """Run a phone's call on another thread, as the share server does, and return its result."""
    out: list[object] = []
    thread = threading.Thread(target=lambda: out.append(call(*args)), name="share-server")
    thread.start()
    thread.join()
    return out[0]


async def start_sharing(app, pilot) -> Room:
    app.sharing.host, app.sharing.port = "127.0.0.1", 0
    await app.sharing.start()
    await pilot.pause()
    assert app.sharing.room is not None
    return app.sharing.room


async def test_phone_notes_wait_or_go_in_at_once_and_the_screens_hear_of_them(app_factory, workshop_id, library):
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.sharing.room is None  # not sharing: no room
        room = await start_sharing(app, pilot)
        heard: list[tuple[RoomEvent, bool]] = []
        app.sharing.room_changed.subscribe(
            app.screen, lambda event: heard.append((event, threading.current_thread() is threading.main_thread()))
        )
        editor = app.editor
        assert editor is not None

        waits = from_server(room.receive, "phone-a", "ref-waiting-1", "problem", "Gaida vadītāju")
        await until(pilot, lambda: len(heard) == 1)
        assert heard[0] == (NoteReceived(waits), True)  # published on the app's loop
        assert room.waiting(editor.workshop) == [waits]  # approve first: the default
        assert not any(n.ref == waits.ref for n in editor.workshop.notes)

        editor.set_room("future", show_at_once=True)
        at_once = from_server(room.receive, "phone-b", "ref-at-once-1", "future", "Uzreiz uz sienas")
        await until(pilot, lambda: len(heard) == 2)
        (on_wall,) = [n for n in editor.workshop.notes if n.ref == at_once.ref]
        assert (on_wall.step, on_wall.text, on_wall.source) == ("future", "Uzreiz uz sienas", "phone")
        assert room.waiting(editor.workshop) == [waits]

        editor.set_room("future", voting=True, budget=2)
        from_server(room.vote, "phone-a", "future", on_wall.id, 1)
        from_server(room.vote, "phone-c", "future", on_wall.id, 1)
        await until(pilot, lambda: len(heard) == 4)
        assert heard[3][0] == DotsChanged("future", on_wall.id, 2)
        assert editor.note(on_wall.id).phone_votes == 2  # only the total, in the workshop
        editor.set_votes(editor.note(on_wall.id), 5)  # dots counted on the wall, then undone: phones' stay
        editor.undo()
        await pilot.pause()
        assert editor.note(on_wall.id).phone_votes == 2

        assert room.block_sender(waits.ref) == 1
        await until(pilot, lambda: len(heard) == 5)
        assert heard[4][0] == SenderBlocked((waits.ref,))
        assert room.waiting(editor.workshop) == []

        await settle(pilot)
        await app.sharing.stop()
        assert app.sharing.server is None and app.sharing.room is room  # the queue keeps its room, share mode off
        assert app.close_workshop()
        assert app.sharing.room is None  # the room goes with its workshop
    assert library.read(workshop_id).notes[-1].phone_votes == 2


async def test_after_a_kill_sharing_again_settles_the_journal(app_factory, workshop_id, library: Library):
    # What a killed app leaves: notes journaled and acknowledged, the workshop file without them.
    with Editor.open(library, workshop_id) as editor:
        editor.set_room("future", show_at_once=True)
        workshop = editor.workshop
    room = Room(library.journal_of(workshop_id))
    room.update(workshop)
    room.receive("phone-a", "ref-queued-01", "problem", "Rindā")
    room.receive("phone-a", "ref-at-once-01", "future", "Uzreiz")
    room.close()

    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(120, 36)) as pilot:
        room = await start_sharing(app, pilot)
        editor = app.editor
        assert editor is not None
        assert [n.text for n in editor.workshop.notes if n.source == "phone"] == ["Uzreiz"]
        assert [n.text for n in room.waiting(editor.workshop)] == ["Rindā"]
        await settle(pilot)
    assert [n.ref for n in library.read(workshop_id).notes] == ["ref-at-once-01"]


async def test_a_note_posted_from_a_phone_reaches_the_badge_and_at_once_the_projector(app_factory, workshop_id):
    from tests.unit.test_phone_page import Phone

    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(160, 45)) as pilot:
        await start_sharing(app, pilot)
        server = app.sharing.server
        assert server is not None and app.sharing.link() == server.url  # the QR code leads to the phones' page
        phone = Phone(server)
        try:
            assert (await phone.send("Nav autobusa svētdienās")).status == 200
            await until(pilot, lambda: "1 note from phones waits" in str(app.screen.query_one(ShareStatus).render()))
            screen = app.screen
            assert isinstance(screen, NotesScreen)
            assert screen.note_list.option_count == 0  # approve first: not on the projector yet

            assert app.editor is not None
            app.editor.set_room("problem", show_at_once=True)
            await pilot.pause()
            assert (await phone.send("Slidotava ziemā")).status == 200
            await until(pilot, lambda: screen.note_list.option_count == 1)  # no key pressed
            assert (
                str(screen.note_list.get_option_at_index(0).prompt).removesuffix("\n")
                == "Slidotava ziemā  · from a phone"
            )
        finally:
            await phone.close()
        await settle(pilot)


async def test_a_phone_note_the_disk_refuses_is_said_on_the_laptop(app_factory, workshop_id, monkeypatch) -> None:
    from tests.unit.test_phone_page import Phone

    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await start_sharing(app, pilot)
        assert app.sharing.server is not None
        phone = Phone(app.sharing.server)
        try:
            await phone.get("?lang=en")

            def full(fd: int) -> None:
                raise OSError(28, "No space left on device")

            monkeypatch.setattr("darbnica.journal.os.fsync", full)
            reply = await phone.send("Nav autobusa svētdienās")
            monkeypatch.undo()
            # The phone is told to send again; the facilitator was told nothing, and the room's notes went on failing.
            assert reply.status == 503
            await until(pilot, lambda: any("could not be kept" in message for message in messages(app)))
            (said,) = [message for message in messages(app) if "could not be kept" in message]
            assert "The disk is full" in said and ".phones.jsonl" in said
        finally:
            await phone.close()
        await settle(pilot)


async def test_a_new_link_ends_the_old_one_and_the_scribes_link_is_on_the_laptop_only(app_factory, workshop_id):
    from textual.widgets import Static

    from tests.unit.test_phone_page import Phone

    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(160, 45)) as pilot:
        await start_sharing(app, pilot)
        old = app.sharing.server
        assert old is not None and old.scribe_token not in (None, old.token)
        scribe_url = app.sharing.scribe_url
        assert scribe_url is not None and scribe_url.endswith(old.scribe_token)

        await pilot.press("f10")
        await pilot.pause()
        # The projector may be showing the queue: the link is there only when asked for, and goes again.
        line = app.screen.query_one("#queue-scribe", Static)
        assert old.scribe_token not in str(line.render()) and "L shows the scribe's link" in str(line.render())
        await pilot.press("l")
        assert scribe_url in str(line.render())
        await pilot.press("l")
        assert old.scribe_token not in str(line.render())
        await pilot.press("escape", "f5")
        await pilot.pause()
        on_card = " ".join(str(widget.render()) for widget in app.screen.query(Static))
        assert app.sharing.url in on_card and old.scribe_token not in on_card  # the room sees only its own link
        await pilot.press("escape")

        await app.sharing.new_link()  # the palette's "New link for phones"
        await pilot.pause()
        new = app.sharing.server
        assert new is not None and new.token != old.token and new.scribe_token != old.scribe_token
        photographed, scanned = Phone(new, token=old.token), Phone(new)
        try:
            assert (await photographed.get()).status == 404  # a photographed code leads nowhere now
            assert (await scanned.get()).status == 200
        finally:
            await photographed.close()
            await scanned.close()
        await settle(pilot)


async def test_closed_while_sharing_and_opened_again_at_once_the_queue_is_back(app_factory, workshop_id):
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(120, 36)) as pilot:
        room = await start_sharing(app, pilot)
        from_server(room.receive, "phone-a", "ref-waiting-1", "problem", "Gaida vadītāju")
        await pilot.pause()
        assert app.close_workshop() and app.open_workshop(workshop_id, "problem")  # the old server still stopping
        await until(pilot, lambda: app.sharing.room is not None and app.sharing.room is not room)
        assert app.sharing.url is None
        await until(pilot, lambda: "1 note from phones waits" in str(app.screen.query_one(ShareStatus).render()))
        await settle(pilot)


async def test_the_app_started_again_shares_the_workshop_at_the_same_link(app_factory, workshop_id):
    # After a crash or a restart in the middle of a workshop the link changed: the code the room scanned, and the
    # pages phones had open (with a note waiting to be sent again), led nowhere.
    from tests.unit.test_phone_page import Phone

    first = app_factory(workshop_id, "problem")
    async with first.run_test(size=(120, 36)) as pilot:
        await start_sharing(first, pilot)
        link, scribe, port = first.sharing.url, first.sharing.scribe_url, first.sharing.server.port
        phone = Phone(first.sharing.server)  # its cookies and its page outlive the app's run, as a phone's do
        assert (await phone.get()).status == 200
    again = app_factory(workshop_id, "problem")  # the same data folder, a new run
    try:
        async with again.run_test(size=(120, 36)) as pilot:
            again.sharing.host, again.sharing.port = "127.0.0.1", port
            await again.sharing.start()
            await pilot.pause()
            assert (again.sharing.url, again.sharing.scribe_url) == (link, scribe)
            # The page opened before the restart still sends: its form token is good, the note is received.
            reply = await phone.post("/note", phone.form("Pirms restarta uzrakstīta"), follow=False)
            assert reply.status == 303
            await again.sharing.new_link()  # "New link for phones": a new one, and kept so from now on
            await pilot.pause()
            renewed = again.sharing.url
            assert renewed != link and (await phone.get()).status == 404
            await settle(pilot)
    finally:
        await phone.close()
    last = app_factory(workshop_id, "problem")
    async with last.run_test(size=(120, 36)) as pilot:
        last.sharing.host, last.sharing.port = "127.0.0.1", 0
        await last.sharing.start()
        await pilot.pause()
        assert last.sharing.url.rsplit("/", 1)[1] == renewed.rsplit("/", 1)[1]
        await settle(pilot)


async def test_dots_a_phone_was_told_of_before_a_crash_are_in_the_workshop_when_it_opens(
    app_factory, workshop_id, library
) -> None:
    from darbnica.editing import Editor
    from darbnica.room import Room

    with Editor.open(library, workshop_id) as editor:
        note = editor.add_note("problem", "Autobuss")
        editor.set_room("problem", voting=True)
        room = Room(library.journal_of(workshop_id))
        room.update(editor.workshop)
        room.vote("phone-a", "problem", note.id, 1)  # journaled and acknowledged; the app was killed before it went in
        room.close()
    assert library.read(workshop_id).notes[0].phone_votes == 0
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.editor is not None
        await until(pilot, lambda: app.editor.workshop.notes[0].phone_votes == 1)  # the settle on open did nothing

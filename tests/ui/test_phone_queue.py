"""Moderating the room's phones on the projector laptop: the badge, the queue (F10), and how phones take part.

The notes arrive as the share server hands them to the room: on a thread of their own (the server's), journaled
before they are acknowledged. What a test checks is what the facilitator sees and what the file then holds.
"""

from __future__ import annotations

import asyncio
import signal
from types import SimpleNamespace

from textual.widgets import OptionList

from darbnica.room import PhoneNote
from darbnica.store import Library
from darbnica.ui.app import DarbnicaApp
from darbnica.ui.screens.dialogs import GroupPicker, NotePicker, TextDialog
from darbnica.ui.screens.queue import PhoneQueue
from darbnica.ui.widgets.note_list import GROUP_PREFIX, NoteList
from darbnica.ui.widgets.share_status import ShareStatus
from tests.ui.conftest import messages, settle, type_into, until

PHONE, NEIGHBOUR = "phone-one-aaaaaaaaaaaaaaaa", "phone-two-bbbbbbbbbbbbbbbb"


async def sharing(app: DarbnicaApp, pilot) -> None:
    app.sharing.host, app.sharing.port = "127.0.0.1", 0
    await pilot.press("f6")
    await until(pilot, lambda: app.sharing.room is not None)


async def send(app: DarbnicaApp, pilot, text: str, ref: str, step: str = "problem", phone: str = PHONE) -> PhoneNote:
    """A phone's note as the server's thread hands it in; it returns once the note is on disk."""
    room = app.sharing.room
    assert room is not None
    note = await asyncio.to_thread(room.receive, phone, ref, step, text)
    await pilot.pause()
    return note


def wall(app: DarbnicaApp, step: str = "problem") -> list[str]:
    assert app.editor is not None
    return [note.text for note in app.editor.workshop.shown_in(step)]


def queue_rows(app: DarbnicaApp) -> list[str]:
    options = app.screen.query_one("#queue", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_phone_note_waits_counted_on_the_badge_and_approved_it_is_on_the_wall(
    app_factory, workshop_id: str, library: Library
) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(160, 45)) as pilot:
        await sharing(app, pilot)
        await send(app, pilot, "Nav autobusa svētdienās", "ref-00000001")
        await send(app, pilot, "Jāņa suns rej", "ref-00000002", phone=NEIGHBOUR)
        badge = str(app.screen.query_one(ShareStatus).render())
        assert "2 notes from phones wait (F10)" in badge
        assert wall(app) == []  # approve first is the default: nothing reached the projector yet

        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, PhoneQueue)
        assert queue_rows(app) == ["Nav autobusa svētdienās", "Jāņa suns rej"]
        assert PHONE not in " ".join(str(w.render()) for w in app.screen.query("Static"))  # never which phone
        await pilot.press("enter")
        await until(pilot, lambda: queue_rows(app) == ["Jāņa suns rej"])
        assert wall(app) == ["Nav autobusa svētdienās"]
        await pilot.press("escape")
        await pilot.pause()
        listed = app.screen.query_one("#notes", OptionList)
        line = str(listed.get_option_at_index(0).prompt)
        assert "Nav autobusa svētdienās" in line and "from a phone" in line  # marked, and still never which phone
        await settle(pilot)
    note = library.read(workshop_id).notes[0]
    assert (note.text, note.source, note.ref) == ("Nav autobusa svētdienās", "phone", "ref-00000001")


async def test_edit_then_approve_hide_merge_and_a_heading(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(160, 45)) as pilot:
        await sharing(app, pilot)
        assert app.editor is not None
        bus = app.editor.add_note("problem", "Nav autobusa")
        for n, text in enumerate(["Jānis Bērziņš nesakopj grāvi", "Reklāma: pērciet!", "Nav busa", "Ceļš"], 1):
            await send(app, pilot, text, f"ref-0000000{n}")
        await pilot.press("f10")
        await pilot.pause()

        await pilot.press("e")  # edit, to take a neighbour's name out, then approve
        await until(pilot, lambda: isinstance(app.screen, TextDialog))
        await type_into(pilot, "#dialog-input", "Grāvji nav sakopti")
        await until(pilot, lambda: isinstance(app.screen, PhoneQueue) and len(queue_rows(app)) == 3)

        await pilot.press("h")  # hidden: kept in the file, not on the wall
        await until(pilot, lambda: queue_rows(app) == ["Nav busa", "Ceļš"])

        await pilot.press("m")  # merged into the note on the wall that says the same
        await until(pilot, lambda: isinstance(app.screen, NotePicker))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PhoneQueue) and queue_rows(app) == ["Ceļš"])

        await pilot.press("g")  # under a new heading
        await until(pilot, lambda: isinstance(app.screen, GroupPicker))
        await type_into(pilot, "#new-heading", "Ceļi")
        await until(pilot, lambda: isinstance(app.screen, PhoneQueue) and queue_rows(app) == [])

        workshop = app.editor.workshop
        assert wall(app) == ["Nav autobusa", "Grāvji nav sakopti", "Ceļš"]
        hidden = [n for n in workshop.notes if n.hidden]
        assert [(n.text, n.merged_into) for n in hidden] == [("Reklāma: pērciet!", None), ("Nav busa", bus.id)]
        road = next(n for n in workshop.notes if n.text == "Ceļš")
        assert road.group is not None and workshop.groups[0].title == "Ceļi"
        assert "Jānis Bērziņš" not in " ".join(n.text for n in workshop.notes)

        await pilot.press("escape")
        await settle(pilot)
        drawn = app.screen.query_one(NoteList)
        ids = [drawn.get_option_at_index(i).id for i in range(drawn.option_count)]
        # On the laptop's wall too, under its new heading, which counts it: it was drawn last, its heading at (0).
        heading = ids.index(f"{GROUP_PREFIX}{road.group}")
        assert ids[heading + 1] == str(road.id) and str(drawn.get_option_at_index(heading).prompt).endswith("(1)")
        await pilot.press("ctrl+z")  # one undo: the last one let in is back in the queue
        await until(pilot, lambda: "Ceļš" not in wall(app))
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(app.screen, PhoneQueue) and queue_rows(app) == ["Ceļš"])


async def test_approve_all_and_block_one_phone(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(120, 36)) as pilot:
        await sharing(app, pilot)
        await send(app, pilot, "Rupjība", "ref-bad00001", phone=NEIGHBOUR)
        await send(app, pilot, "Laba doma", "ref-good0001")
        await send(app, pilot, "Vēl rupjība", "ref-bad00002", phone=NEIGHBOUR)
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("b")  # the highlighted note's phone: both of its notes leave the queue
        await until(pilot, lambda: queue_rows(app) == ["Laba doma"])
        assert "This phone is blocked; 2 of its notes left the queue." in messages(app)
        room = app.sharing.room
        assert room is not None
        refused = None
        try:
            await asyncio.to_thread(room.receive, NEIGHBOUR, "ref-bad00003", "problem", "Atkal")
        except Exception as error:  # noqa: BLE001 — what the phone is told is the server's; here: refused
            refused = error
        assert refused is not None and queue_rows(app) == ["Laba doma"]

        await send(app, pilot, "Otra laba doma", "ref-good0002")
        await pilot.press("A")
        await until(pilot, lambda: queue_rows(app) == [])
        assert wall(app) == ["Laba doma", "Otra laba doma"]

        for number in range(3):  # a flood: hidden in one press, kept in the file, never on the wall
            await send(app, pilot, f"Surogātpasts {number}", f"ref-spam000{number}")
        await until(pilot, lambda: len(queue_rows(app)) == 3)
        await pilot.press("H")
        await until(pilot, lambda: queue_rows(app) == [])
        assert wall(app) == ["Laba doma", "Otra laba doma"] and "All 3 notes hidden" in " ".join(messages(app))
        assert app.editor is not None and sum(1 for note in app.editor.workshop.notes if note.hidden) == 3


async def test_show_at_once_puts_a_phone_note_on_the_projector_without_a_key(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(120, 36)) as pilot:
        await sharing(app, pilot)
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("s")
        await until(pilot, lambda: "notes show at once" in str(app.screen.query_one("#queue-room").render()))
        await pilot.press("escape")
        await pilot.pause()
        await send(app, pilot, "Uzreiz uz sienas", "ref-at0nce01")
        await until(pilot, lambda: wall(app) == ["Uzreiz uz sienas"])
        notes = app.screen.query_one("#notes", OptionList)
        assert "Uzreiz uz sienas" in str(notes.get_option_at_index(0).prompt)  # drawn, no key pressed


async def test_a_note_sent_from_an_earlier_step_waits_under_that_step(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop_id, "future")
    async with app.run_test(size=(120, 36)) as pilot:
        await sharing(app, pilot)
        await send(app, pilot, "Vēl par problēmu", "ref-late0001", step="problem")
        await pilot.press("f10")
        await pilot.pause()
        assert queue_rows(app) == []  # this step's queue
        await pilot.press("t")  # every step's, with the step it belongs to
        await until(pilot, lambda: queue_rows(app) == ["Problēma: Vēl par problēmu"])  # in the workshop's words
        await pilot.press("enter")
        await until(pilot, lambda: wall(app, "problem") == ["Vēl par problēmu"])


async def test_voting_on_phones_opens_with_a_budget_and_reveals_on_the_facilitators_key(
    app_factory, workshop_id: str
) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(120, 36)) as pilot:
        await sharing(app, pilot)
        await pilot.press("f10")
        await pilot.pause()
        line = app.screen.query_one("#queue-room")
        assert "voting closed" in str(line.render())
        await pilot.press("v", "plus", "plus")
        await until(pilot, lambda: "voting open, 5 dots each · totals hidden on phones" in str(line.render()))
        await pilot.press("r")
        await until(pilot, lambda: "totals shown on phones" in str(line.render()))
        for _ in range(15):
            await pilot.press("plus")
        assert app.editor is not None and app.editor.workshop.room_step("problem").budget == 12
        await pilot.press("v")
        await until(pilot, lambda: "voting closed" in str(line.render()))


async def test_without_share_mode_the_queue_says_how_phones_join(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop_id, "problem", lang="lv")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        empty = str(app.screen.query_one("#queue-empty").render())
        assert "Koplietošana ir izslēgta: F6 to ieslēdz" in " ".join(empty.split())


async def test_after_a_kill_the_journals_notes_wait_in_the_queue_without_share_mode(
    app_factory, workshop_id: str, library: Library
) -> None:
    # A real crash: `darbnica share` takes phones' notes over 127.0.0.1, each fsynced before its 303, and is killed.
    from tests.stress.test_phones_crash import start_server
    from tests.unit.test_phone_page import Phone

    server, link = start_server(library.paths, workshop_id)
    try:
        port, token = link.rsplit(":", 1)[1].split("/")
        phones = [Phone(SimpleNamespace(port=int(port), token=token)) for _ in range(2)]  # type: ignore[arg-type]
        try:
            for phone, text in [(phones[0], "Nav autobusa"), (phones[1], "Reklāma: pērciet!"), (phones[0], "Ceļš")]:
                assert (await phone.send(text, step="problem")).status == 200  # "received": on disk
        finally:
            for phone in phones:
                await phone.close()
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)

    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.sharing.url is None  # share mode is off
        line = app.screen.query_one(ShareStatus)
        assert line.display and "3 notes from phones wait (F10)" in str(line.render())
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(app.screen, PhoneQueue))
        assert queue_rows(app) == ["Nav autobusa", "Reklāma: pērciet!", "Ceļš"]
        await pilot.press("enter")  # approved: on the wall
        await until(pilot, lambda: queue_rows(app) == ["Reklāma: pērciet!", "Ceļš"])
        await pilot.press("h")  # hidden
        await until(pilot, lambda: queue_rows(app) == ["Ceļš"])
        assert "1 note from phones waits (F10)" in str(app.screen.query_one(ShareStatus).render())
        assert wall(app) == ["Nav autobusa"]
        await settle(pilot)
    kept = library.read(workshop_id).notes
    assert [(n.text, n.hidden, n.source) for n in kept] == [
        ("Nav autobusa", False, "phone"),
        ("Reklāma: pērciet!", True, "phone"),
    ]

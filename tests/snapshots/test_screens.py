"""What people look at, as SVG snapshots (pytest-textual-snapshot): every step once as the room sees it, a small
and a very large terminal, the other two themes, and the screens and moments that matter in the room: the
library, review, the dialogs, the QR code, the projector view, the top notes, the timer's alert, the key help.

After a change to what a screen shows, look at the differences (``snapshot_report.html``), then accept them with
``pytest tests/snapshots --snapshot-update``.
"""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from darbnica.editing import Editor
from darbnica.paths import Paths
from darbnica.plan import DEFAULT_PLAN, load_plans
from darbnica.settings import Settings
from darbnica.store import Library
from darbnica.ui.app import DarbnicaApp

STEPS = ("context", "problem", "future", "vision", "principles", "responsibilities", "closing")
PUBLIC = "https://example.lv/darbnicas/{id}.html"


@pytest.fixture(autouse=True)
def same_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """A workshop's id ends in random digits; here they are always the same, as the QR code of its link is."""
    monkeypatch.setattr("darbnica.store.library.secrets.token_hex", lambda size: "0a1b"[: size * 2])


class SnapshotDay(datetime.date):
    """The day the snapshots were taken: the new-workshop form offers today's date, which must not move them."""

    @classmethod
    def today(cls) -> SnapshotDay:
        return cls(2026, 12, 2)


@pytest.fixture(autouse=True)
def same_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("darbnica.ui.screens.new_workshop.date", SnapshotDay)


class StillClock:
    """A clock that stands still until a snapshot moves it: nothing depends on the time of day."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def a_workshop_in_progress(paths: Paths, lang: str) -> str:
    """A workshop with something on every step; the same every run (fixed date, no clock)."""
    library = Library(paths)
    plan = load_plans(paths).get(DEFAULT_PLAN)
    title = "Tūjas nākotne" if lang == "lv" else "The future of Tūja"
    workshop_id = library.create(title=title, plan=plan, place="Tūja", date="2026-03-14", facilitator="Ilze", lang=lang)
    with Editor.open(library, workshop_id) as file:
        file.set_headcount("residents", 23)
        file.set_headcount("municipality", 2)
        file.set_engagement("together")
        transport = file.add_group("problem", "Satiksme" if lang == "lv" else "Transport")
        for text, tag, votes in (
            ("Nav autobusa svētdienās", "need", 7),
            ("Slidotava ziemā", "want", 2),
            ("Jauniešiem nav kur satikties vakaros", "need", 5),
        ):
            note = file.add_note("problem", text, tag)
            file.set_votes(note, votes)
        file.group_note(file.note(1), transport.id)
        for text, tag in (("Upe un mežs", "strength"), ("Brīvprātīgo ugunsdzēsēji", "capacity"), ("Skola", "resource")):
            file.add_note("future", text, tag)
        file.set_vision("Tūja — zaļš ciems, kur jaunieši paliek un vecie jūtas droši.")
        file.set_vision_check(0, True)
        file.add_note("vision", "Vilciens uz Rīgu katru stundu", "connected")
        file.set_rating("shared-vision", 3)
        file.set_rating("learning", 4)
        file.add_note("principles", "Sāksim ar mazu talku", "learning")
        file.add_action("Izveidot ciema WhatsApp grupu", who="Anna", due="2026-04-01", first_step="Uzaicināt kaimiņus")
        file.add_note("closing", "Kopā ir jautrāk")
    return workshop_id


def app_at(
    paths: Paths, step: str | None, *, lang: str = "lv", theme: str = "projector-light", clock: StillClock | None = None
) -> DarbnicaApp:
    workshop_id = a_workshop_in_progress(paths, lang)
    settings = Settings(public_link=PUBLIC)  # a lasting link: the QR code is the same every run
    return DarbnicaApp(
        paths,
        lang=lang,
        settings=settings,
        workshop=workshop_id if step else None,
        step=step,
        theme=theme,
        clock=clock or StillClock(),
    )


@pytest.mark.parametrize("step", STEPS)
def test_every_step_as_the_room_sees_it(snap_compare, paths: Paths, step: str) -> None:
    assert snap_compare(app_at(paths, step), terminal_size=(160, 45))


@pytest.mark.parametrize(
    ("step", "lang", "size"),
    [
        ("problem", "en", (80, 24)),
        ("responsibilities", "en", (80, 24)),
        ("context", "lv", (80, 24)),
        ("vision", "lv", (240, 67)),
        ("problem", "lv", (240, 67)),
    ],
    ids=["problem-en-80x24", "responsibilities-en-80x24", "context-lv-80x24", "vision-240x67", "problem-240x67"],
)
def test_small_and_large_terminals(snap_compare, paths: Paths, step: str, lang: str, size: tuple[int, int]) -> None:
    assert snap_compare(app_at(paths, step, lang=lang), terminal_size=size)


@pytest.mark.parametrize("theme", ["projector-dark", "high-contrast"])
def test_the_other_themes(snap_compare, paths: Paths, theme: str) -> None:
    assert snap_compare(app_at(paths, "problem", theme=theme), terminal_size=(120, 36))


Before = Callable[[Any], Awaitable[None]]


async def _on_notes(pilot: Any) -> None:
    pilot.app.screen.query_one("#notes").focus()
    await pilot.pause()


async def _export_path_shown_the_same(pilot: Any) -> None:
    await pilot.press("ctrl+e")
    await pilot.pause()
    # The folder is the test's own temporary one: shown as the facilitator's would be.
    field = pilot.app.screen.query_one("#export-path")
    field.value = "/home/ilze/.local/share/darbnica/exports/" + field.value.rsplit("/", 1)[-1]
    await pilot.pause()


MOMENTS: dict[str, tuple[str | None, list[str], Before | None, tuple[int, int]]] = {
    # name: (step, keys, what to do first, size)
    "library": (None, [], None, (120, 36)),
    "new-workshop": (None, ["ctrl+n"], None, (100, 36)),
    "review": (None, ["enter", "pagedown", "_"], None, (120, 36)),
    "edit-note": ("problem", ["e"], _on_notes, (100, 30)),
    "votes": ("problem", ["v"], _on_notes, (100, 30)),
    "heading": ("problem", ["g"], _on_notes, (100, 30)),
    "top-notes": ("problem", ["p"], _on_notes, (160, 45)),
    "step-picker": ("future", ["ctrl+g"], None, (100, 30)),
    "export": ("closing", [], _export_path_shown_the_same, (100, 30)),
    "qr": ("problem", ["f5"], None, (120, 36)),
    "projector-view": ("problem", ["f3"], None, (160, 45)),
    "key-help": ("problem", ["f1"], None, (120, 40)),
    "phone-queue": ("problem", ["f10"], None, (100, 30)),
}


@pytest.mark.parametrize("moment", MOMENTS)
def test_what_people_look_at(snap_compare, paths: Paths, moment: str) -> None:
    step, keys, before, size = MOMENTS[moment]
    assert snap_compare(app_at(paths, step), press=keys, run_before=before, terminal_size=size)


def test_the_timer_alert(snap_compare, paths: Paths) -> None:
    clock = StillClock()

    async def over_time(pilot: Any) -> None:
        await pilot.press("f7")  # start: 25 minutes planned for the problem step
        clock.now += 26 * 60  # one minute over
        await pilot.pause(0.6)  # the next tick shows it

    assert snap_compare(app_at(paths, "problem", clock=clock), run_before=over_time, terminal_size=(160, 45))


def a_shared_archive(paths: Paths) -> DarbnicaApp:
    """This laptop ("muiza-1a2b") with a workshop of its own and one that laptop "skola-9f8e" made."""
    paths.data.mkdir(parents=True, exist_ok=True)
    device = paths.data / "device.txt"
    device.write_text("skola-9f8e\n", encoding="ascii")
    a_workshop_in_progress(paths, "lv")
    device.write_text("muiza-1a2b\n", encoding="ascii")
    library = Library(paths)
    plan = load_plans(paths).get(DEFAULT_PLAN)
    own = library.create(title="Jūras ciems", plan=plan, place="Salacgrīva", date="2026-05-02", facilitator="Jānis")
    with Editor.open(library, own) as file:
        file.add_action("Sarunāt autobusu svētdienām", who="Pēteris", due="2026-06-01")
    return DarbnicaApp(paths, lang="lv", settings=Settings(public_link=PUBLIC), clock=StillClock())


@pytest.mark.parametrize("keys", [[], ["tab", "a"]], ids=["library", "responsibilities"])
def test_a_shared_archive_names_each_workshops_laptop(snap_compare, paths: Paths, keys: list[str]) -> None:
    assert snap_compare(a_shared_archive(paths), press=keys, terminal_size=(80, 24))

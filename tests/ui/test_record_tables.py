"""The tasks in a review and in the closing's summary: a table where it fits, each task told in a few lines where
a table's rows would wrap, and an open task whose day has passed marked ⚠, as the other task lists mark it."""

from __future__ import annotations

from datetime import date as Date

import pytest
from rich.cells import cell_len
from textual.geometry import Region
from textual.selection import Selection
from textual.widgets import Static

from darbnica.editing import Editor
from darbnica.model import Plan, Status, StepKind
from darbnica.store import Library
from darbnica.summary import build_summary
from darbnica.ui.screens.review import ReviewScreen
from darbnica.ui.screens.summary_view import SummaryScreen
from tests.ui.test_words import screen_text

TASKS = [
    # what, who, due, first step, status
    ("Apzināt brīvprātīgos", "Kristaps", "2025-08-15", "Sarunāt telpu", Status.IN_PROGRESS),
    ("Izveidot kopīgu pasākumu kalendāru", "Līga", "2025-10-02", "Uzrakstīt e-pastu", Status.DONE),
    ("Salabot soliņus parkā", "Jānis", "2999-05-01", "Nopirkt dēļus", Status.PLANNED),
]


def a_workshop_with_tasks(library: Library, plan: Plan) -> str:
    workshop_id = library.create(title="Salacgrīva", plan=plan, place="Salacgrīva", date="2025-05-19", lang="lv")
    with Editor.open(library, workshop_id) as file:
        for what, who, due, first_step, status in TASKS:
            file.add_action(what, who=who, due=due, first_step=first_step, status=status)
    return workshop_id


def actions_step(plan: Plan) -> str:
    return next(step.key for step in plan.steps if step.kind is StepKind.ACTIONS)


def test_only_the_screens_day_marks_an_open_task_whose_day_has_passed(library: Library, plan: Plan) -> None:
    workshop = library.read(a_workshop_with_tasks(library, plan))
    rows = lambda summary: summary.section(actions_step(plan)).blocks[-1].rows  # noqa: E731
    marked = rows(build_summary(workshop, today=Date(2026, 12, 7)))
    assert [row[2] for row in marked] == ["⚠ 2025-08-15", "2025-10-02", "2999-05-01"]  # done: not late
    # The exports and the phones' page are the record as it was made, the same on any day.
    assert [row[2] for row in rows(build_summary(workshop))] == ["2025-08-15", "2025-10-02", "2999-05-01"]


@pytest.mark.parametrize("size", [(80, 24), (160, 45), (240, 67)])
async def test_a_review_shows_the_tasks_whole_at_every_size(
    app_factory, library: Library, plan: Plan, size: tuple[int, int]
) -> None:
    workshop_id = a_workshop_with_tasks(library, plan)
    app = app_factory(lang="lv")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.push_screen(ReviewScreen(library.read(workshop_id), actions_step(plan)))
        await pilot.pause()
        await pilot.pause()
        lines = [line.strip() for line in screen_text(app).splitlines()]
        if size[0] == 80:
            # Too narrow for the table: each task under its name, each cell under its heading, none cut or wrapped.
            for what, who, _due, first_step, _status in TASKS[:2]:  # the third is below, scrolled to with ↓
                assert f"• {what}" in lines
                assert f"Kurš: {who}" in lines
                assert f"Pirmais solis: {first_step}" in lines
            assert "Līdz kuram laikam: ⚠ 2025-08-15" in lines
            assert "Līdz kuram laikam: 2025-10-02" in lines
            assert "Statuss: notiek" in lines and "Statuss: izdarīts" in lines
        else:
            # Wide enough: one line a task, the heading above, and the late one marked.
            assert any(line.split() == "Kas Kurš Līdz kuram laikam Pirmais solis Statuss".split() for line in lines)
            for what, who, _due, first_step, _status in TASKS:
                assert any(line.startswith(what) and who in line and first_step in line for line in lines), what
            assert any(line.startswith("Apzināt") and "⚠ 2025-08-15" in line for line in lines)
            assert not any("⚠ 2025-10-02" in line or "⚠ 2999-05-01" in line for line in lines)


@pytest.mark.parametrize("width", [80, 160])
async def test_the_reviews_whole_summary_tells_the_tasks_as_the_closing_step_does(
    app_factory, library: Library, plan: Plan, width: int
) -> None:
    workshop_id = a_workshop_with_tasks(library, plan)
    app = app_factory(lang="lv")
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        app.push_screen(ReviewScreen(library.read(workshop_id), actions_step(plan)))
        await pilot.pause()
        await pilot.press("s")  # the whole summary, as participants will read it
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = app.screen.query_one("#summary-view-lines", Static)
        lines = [strip.text.rstrip() for strip in summary.render_lines(Region(0, 0, *summary.outer_size))]
        assert lines[0].strip() == "Salacgrīva" and all(cell_len(line) <= summary.outer_size.width for line in lines)
        told = [line.strip() for line in lines]
        if width == 80:  # a wrapped table row cannot be read: each task in lines, under its name
            for what, who, _due, first_step, _status in TASKS:
                assert f"• {what}" in told and f"Kurš: {who}" in told and f"Pirmais solis: {first_step}" in told
            assert "Līdz kuram laikam: ⚠ 2025-08-15" in told
        else:
            assert any(line.startswith("Apzināt") and "⚠ 2025-08-15" in line for line in told)
        assert not any("⚠ 2025-10-02" in line for line in told)  # done: not late


async def test_the_closing_summary_beside_the_qr_tells_each_task_in_lines_at_80_columns(
    app_factory, library: Library, plan: Plan
) -> None:
    workshop_id = a_workshop_with_tasks(library, plan)
    closing = plan.steps[-1].key
    app = app_factory(workshop=workshop_id, step=closing, lang="lv")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        summary = app.screen.query_one("#summary-lines", Static)
        lines = [strip.text.strip() for strip in summary.render_lines(Region(0, 0, *summary.outer_size))]
        assert summary.outer_size.width < 60  # beside the QR code: no room for the table
        for what, who, _due, first_step, _status in TASKS:
            assert f"• {what}" in lines and f"Kurš: {who}" in lines and f"Pirmais solis: {first_step}" in lines
        assert "Līdz kuram laikam: ⚠ 2025-08-15" in lines
        copied = summary.get_selection(Selection(None, None))
        assert copied is not None and "   Kurš: Kristaps\n" in copied[0]  # copied as it reads


@pytest.mark.parametrize("width", [40, 45, 50, 240])
async def test_the_closing_summary_fits_its_tasks_to_any_width_and_copies_as_it_reads(
    app_factory, library: Library, plan: Plan, width: int
) -> None:
    workshop_id = a_workshop_with_tasks(library, plan)
    app = app_factory(workshop=workshop_id, step=plan.steps[-1].key, lang="lv")
    async with app.run_test(size=(width, 67 if width == 240 else 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        summary = app.screen.query_one("#summary-lines", Static)
        lines = [strip.text.rstrip() for strip in summary.render_lines(Region(0, 0, *summary.outer_size))]
        if width == 240:  # room for the table beside the QR code: one line a task
            assert any(line.startswith("Apzināt brīvprātīgos") and "⚠ 2025-08-15" in line for line in lines)
        else:  # a sliver beside the QR code (a few cells): drawn, and no line wider than it
            assert summary.content_size.width < 10 and lines
            assert all(cell_len(line) <= summary.outer_size.width for line in lines)
        # Selected whole and copied, the summary is the text on screen, tasks included (one text, not pieces).
        copied = summary.get_selection(Selection(None, None))
        assert copied is not None and "Kristaps" in copied[0].replace("\n", "").replace(" ", "")


@pytest.mark.parametrize("width", range(40, 52))
async def test_the_closing_step_with_notes_runs_on_a_narrow_terminal(
    app_factory, library: Library, plan: Plan, width: int
) -> None:
    workshop_id = a_workshop_with_tasks(library, plan)
    closing = plan.steps[-1].key
    with Editor.open(library, workshop_id) as file:
        file.add_note(closing, "Katru mēnesi kopīga sapulce pie veikala")
    app = app_factory(workshop=workshop_id, step=closing, lang="lv")
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.screen.query_one("#summary-lines", Static).display


async def test_a_long_task_wraps_under_its_own_text_in_a_narrow_review(
    app_factory, library: Library, plan: Plan
) -> None:
    workshop_id = library.create(title="Salacgrīva", plan=plan, place="Salacgrīva", date="2025-05-19", lang="lv")
    what = "Sarīkot talku pludmalē kopā ar skolu, pagastu, makšķerniekiem un visiem, kam rūp mūsu jūras krasts"
    step = "Piezvanīt direktorei un pašvaldībai par maisiem, cimdiem un par to, kas aizvedīs savākto"
    with Editor.open(library, workshop_id) as file:
        file.add_action(what, who="Kristaps", first_step=step)
    app = app_factory(lang="lv")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(ReviewScreen(library.read(workshop_id), actions_step(plan)))
        await pilot.pause()
        await pilot.pause()
        lines = screen_text(app).splitlines()
        first = next(i for i, line in enumerate(lines) if "• Sarīkot" in line)
        bullet = lines[first].index("•")
        # The name's second line starts under its text, the first step's under its own, both past the bullet.
        assert lines[first + 1].index(lines[first + 1].strip()[0]) == bullet + 2
        said = next(i for i, line in enumerate(lines) if "Pirmais solis:" in line)
        assert lines[said + 1].index(lines[said + 1].strip()[0]) == lines[said].index("Pirmais")
        # and every word is there, in order
        joined = " ".join(" ".join(lines[first : said + 2]).split())
        assert what in joined and step in joined

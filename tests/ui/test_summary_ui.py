"""The summary in the app: the QR code a phone can scan, share mode, the closing step and exporting."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest
import zxingcpp
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import Input, OptionList, Static

from darbnica.paths import Paths
from darbnica.settings import Settings
from darbnica.ui.app import DarbnicaApp
from darbnica.ui.screens.closing import ClosingScreen
from darbnica.ui.screens.export import ExportDialog
from darbnica.ui.screens.qr import QRScreen
from darbnica.ui.widgets.qr import QRCode
from darbnica.ui.widgets.share_status import ShareStatus
from tests.ui.conftest import messages, settle, until

PUBLIC = "https://example.lv/darbnicas/{id}.html"
LINKS = [
    "http://10.0.0.2:8765/abc",  # 24 characters
    "http://192.168.100.123:8765/Zq3xW9kLmN0",  # 39: a LAN share link
    "https://example.lv/darbnicas/2026-03-14-tuja-3f9a.html",  # 54: a public link
    "https://www.example-municipality.lv/sabiedriba/darbnicas/2026/03/2026-03-14-tujas-nakotne-3f9a/kopsavilkums.html",
]


def paint(widget: QRCode, cell: int = 6) -> memoryview:
    """Draw what the widget renders, cell by cell from its characters and colours, as a grey image (one byte a
    pixel, rows of pixels): ▀ is its foreground colour above its background colour; any other character shows its
    background. (A bytearray, not an imaging library: Pillow, once installed, would slow every ``import qrcode``
    of the app in this environment, as it is not on a facilitator's laptop.)"""
    width, height = widget.size
    across, down = width * cell, height * cell * 2
    pixels = bytearray([128]) * (across * down)

    def fill(left: int, top: int, grey: int) -> None:
        for row in range(top, top + cell):
            pixels[row * across + left : row * across + left + cell] = bytes([grey]) * cell

    for y, strip in enumerate(widget.render_lines(Region(0, 0, width, height))):
        x = 0
        for segment in strip:
            style = segment.style
            assert style is not None
            fg = grey_of(style.color.get_truecolor()) if style.color else 128
            bg = grey_of(style.bgcolor.get_truecolor()) if style.bgcolor else 128
            for char in segment.text:
                fill(x * cell, y * 2 * cell, fg if char == "▀" else bg)
                fill(x * cell, (y * 2 + 1) * cell, bg)
                x += 1
    return memoryview(pixels).cast("B", (down, across))


def grey_of(colour: tuple[int, int, int]) -> int:
    red, green, blue = colour
    return (299 * red + 587 * green + 114 * blue) // 1000


def decoded(widget: QRCode) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(paint(widget), try_invert=False)]


class QRApp(App[None]):
    def __init__(self, link: str | None) -> None:
        super().__init__()
        self.link = link

    def compose(self) -> ComposeResult:
        yield QRCode(self.link, no_link="no link", too_small="too small")


@pytest.mark.parametrize("link", LINKS, ids=[f"{len(link)} chars" for link in LINKS])
@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
async def test_the_terminal_qr_code_scans_to_the_exact_link(link: str, size: tuple[int, int]) -> None:
    app = QRApp(link)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        widget = app.query_one(QRCode)
        if widget.code_size is None:  # it does not fit: it says so instead of drawing half a code
            assert len(link) > 100 and size == (80, 24)
            assert "too small" in "".join(strip.text for strip in widget.render_lines(Region(0, 0, *size)))
            return
        assert decoded(widget) == [link]


async def test_the_code_is_dark_on_light_whatever_the_theme() -> None:
    app = QRApp(LINKS[1])
    async with app.run_test(size=(80, 24)) as pilot:
        for theme in ("textual-dark", "textual-light", "nord"):
            app.theme = theme
            await pilot.pause()
            widget = app.query_one(QRCode)
            colours = {
                (segment.style.color.get_truecolor(), segment.style.bgcolor.get_truecolor())
                for strip in widget.render_lines(Region(0, 0, 80, 24))
                for segment in strip
                if segment.text.startswith("▀") and segment.style and segment.style.color and segment.style.bgcolor
            }
            assert {c for pair in colours for c in pair} == {(0, 0, 0), (255, 255, 255)}
            assert decoded(widget) == [LINKS[1]]


async def test_a_bigger_screen_draws_bigger_modules() -> None:
    app = QRApp(LINKS[1])
    async with app.run_test(size=(80, 24)) as pilot:
        small = app.query_one(QRCode).code_size
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        big = app.query_one(QRCode).code_size
    assert small == (37, 19)  # 29 modules and a quiet zone of 4 modules, two modules a row
    assert big == (74, 37)  # each module two columns wide and one row tall


def public_app(paths: Paths, workshop: str, step: str | None = None) -> DarbnicaApp:
    return DarbnicaApp(paths, lang="en", settings=Settings(public_link=PUBLIC), workshop=workshop, step=step)


async def test_f5_shows_the_qr_code_full_screen_from_every_step(paths: Paths, workshop_id: str) -> None:
    app = public_app(paths, workshop_id)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.editor is not None
        for step in app.editor.workshop.plan.steps:
            app.go_to_step(step.key)
            await pilot.pause()
            await pilot.press("f5")
            await pilot.pause()
            assert isinstance(app.screen, QRScreen), step.key
            link = PUBLIC.format(id=workshop_id)
            assert decoded(app.screen.query_one("#qr-full", QRCode)) == [link]
            assert str(app.screen.query_one("#qr-link", Static).render()) == link
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen.step.key == step.key  # type: ignore[attr-defined]


async def test_the_qr_code_opens_without_a_message_left_over_it(paths: Paths, workshop_id: str) -> None:
    # At 80×24 the export's "Saved to …" lay over the code's corner for its few seconds, and a phone could not scan.
    app = public_app(paths, workshop_id, "problem")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("Saved to /home/ilze/summary.html")
        await pilot.pause()
        assert list(app._notifications)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, QRScreen)
        assert list(app._notifications) == []
        assert decoded(app.screen.query_one("#qr-full", QRCode)) == [PUBLIC.format(id=workshop_id)]


async def test_without_a_link_the_qr_screen_says_how_to_get_one(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        widget = app.screen.query_one("#qr-full", QRCode)
        text = "".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.size)))
        assert "No link yet: F6 shares the summary" in " ".join(text.split())


async def fetch(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


async def test_share_mode_serves_the_live_summary_and_stops_with_the_app(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(120, 36)) as pilot:
        app.sharing.host, app.sharing.port = "127.0.0.1", 0
        assert not app.screen.query_one(ShareStatus).display
        await pilot.press("f6")
        await pilot.pause()
        url = app.sharing.url
        assert url is not None and url.startswith("http://127.0.0.1:")
        status_line = app.screen.query_one(ShareStatus)
        assert status_line.display and url in str(status_line.render())

        status, page = await fetch(url)
        assert status == 200 and "Tūjas nākotne" in page and "Nav autobusa" not in page
        assert (await fetch(url.rsplit("/", 1)[0] + "/nottheToken"))[0] == 404

        field = app.screen.query_one("#note-input", Input)
        field.value = "Nav autobusa svētdienās"
        await pilot.press("enter")
        await pilot.pause()
        assert "Nav autobusa svētdienās" in (await fetch(url))[1]  # the next request shows the new note

        await pilot.press("f6")  # off: the address stops answering
        await pilot.pause()
        assert app.sharing.url is None and not status_line.display
        with pytest.raises(aiohttp.ClientConnectionError):
            await fetch(url)

        await pilot.press("f6")  # on again: the same address, so the QR code on the phones still works
        await pilot.pause()
        assert app.sharing.url == url and (await fetch(url))[0] == 200
    with pytest.raises(aiohttp.ClientConnectionError):  # the app has quit: so has the server
        await fetch(url)


async def share_with_f6(app: DarbnicaApp, pilot) -> str:
    """Share mode turned on as the facilitator does (F6), served on this computer alone; its link."""
    app.sharing.host, app.sharing.port = "127.0.0.1", 0
    await pilot.press("f6")
    await pilot.pause()
    assert app.sharing.url is not None
    return app.sharing.url


@pytest.mark.parametrize("width", [80, 160])
async def test_the_share_line_gives_the_whole_link_at_any_width(app_factory, workshop_id: str, width: int) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(width, 30)) as pilot:
        url = await share_with_f6(app, pilot)
        status_line = app.screen.query_one(ShareStatus)
        shown = str(status_line.render())
        assert url in shown and len(shown) <= status_line.content_size.width  # nothing of it cut off
        # The sentence around the link where there is room for it; at 80 columns the link and that no phone can
        # open it (the laptop shares only with itself here).
        assert ("Served to this computer only" in shown) == (width == 160) and "this computer only" in shown


async def test_a_share_line_too_narrow_for_the_link_keeps_its_start_in_view(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(44, 30)) as pilot:
        await share_with_f6(app, pilot)
        status_line = app.screen.query_one(ShareStatus)
        (line,) = [strip.text for strip in status_line.render_lines(Region(0, 0, *status_line.size))]
        # One line, the link's start on it: wrapped, the link went to a second line that is never shown.
        assert "● http://127.0.0.1:" in line


@pytest.mark.parametrize("size", [(80, 24), (160, 45), (240, 67)], ids=["80x24", "160x45", "240x67"])
async def test_the_join_card_shows_the_halls_wifi_as_a_second_code_while_sharing(
    paths: Paths, workshop_id: str, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Served on loopback (tests stay on this machine), the link is taken for one on the hall's network.
    monkeypatch.setattr("darbnica.ui.screens.qr.this_computer_only", lambda link: False)
    settings = Settings(wifi_name='Tautas nams; "2"', wifi_password="sēta:123\\")
    app = DarbnicaApp(paths, lang="lv", workshop=workshop_id, step="problem", settings=settings)
    async with app.run_test(size=size) as pilot:
        app.sharing.host, app.sharing.port = "127.0.0.1", 0
        await pilot.press("f5")
        await pilot.pause()
        wifi = app.screen.query_one("#wifi-card")
        assert isinstance(app.screen, QRScreen) and not wifi.display  # not shared on this network: no Wi-Fi to join
        await pilot.press("f6")
        await until(pilot, lambda: app.sharing.url is not None and wifi.display)
        await pilot.pause()
        # What a phone's camera reads: the network's name and password, escaped as the WIFI: form wants.
        wifi_code = 'WIFI:T:WPA;S:Tautas nams\\; \\"2\\";P:sēta\\:123\\\\;;'
        wifi_qr = app.screen.query_one("#qr-wifi", QRCode)
        if size == (80, 24):  # no room for two codes: the network in words, never half a code
            assert wifi_qr.code_size is None
            drawn = " ".join("".join(s.text for s in wifi_qr.render_lines(Region(0, 0, *wifi_qr.size))).split())
            assert 'Tautas nams; "2"' in drawn and "sēta:123\\" in drawn
        else:
            assert decoded(wifi_qr) == [wifi_code]
        assert decoded(app.screen.query_one("#qr-full", QRCode)) == [app.sharing.link()]
        shown = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "Tautas nams" in shown and "izslēdziet mobilos datus" in shown and str(app.sharing.url) in shown


async def test_without_wifi_in_the_settings_the_join_card_has_one_code(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(160, 45)) as pilot:
        app.sharing.host, app.sharing.port = "127.0.0.1", 0
        await pilot.press("f6", "f5")
        await until(pilot, lambda: app.sharing.url is not None and app.screen.query_one("#qr-hint").display)
        assert not app.screen.query_one("#wifi-card").display
        assert decoded(app.screen.query_one("#qr-full", QRCode)) == [app.sharing.link()]
        # It leads to the participant page: the caption says to take part, not only to read the summary.
        assert (
            str(app.screen.query_one("#qr-caption", Static).render())
            == "Scan to take part: notes and dots from your phone"
        )


async def test_a_link_no_phone_can_open_says_so_on_the_join_card(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(160, 45)) as pilot:
        app.sharing.host, app.sharing.port = "127.0.0.1", 0  # what a laptop on no network shares
        await pilot.press("f6", "f5")
        await until(pilot, lambda: app.sharing.url is not None and app.screen.query_one("#qr-hint").display)
        hint = str(app.screen.query_one("#qr-hint", Static).render())
        # Turning mobile data off would not help: the laptop itself must join a network, and share again.
        assert "No phone can open this link" in hint and "F6 twice" in hint and "mobile data" not in hint


async def test_closing_the_workshop_stops_sharing(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(120, 36)) as pilot:
        app.sharing.host, app.sharing.port = "127.0.0.1", 0
        await pilot.press("f6")
        await pilot.pause()
        url = app.sharing.url
        assert url is not None
        app.close_workshop()
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.sharing.url is None
        with pytest.raises(aiohttp.ClientConnectionError):
            await fetch(url)


async def test_the_closing_step_shows_the_qr_code_the_link_and_the_top_of_the_summary(
    paths: Paths, workshop_id: str
) -> None:
    app = public_app(paths, workshop_id, "closing")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClosingScreen)
        link = PUBLIC.format(id=workshop_id)
        assert decoded(screen.query_one(QRCode)) == [link]
        assert str(screen.query_one("#closing-link", Static).render()) == link
        top = str(screen.query_one("#summary-lines", Static).render())
        assert top.startswith("Tūjas nākotne\nVieta: Tūja")
        field = screen.query_one("#note-input", Input)
        field.value = "Kopā ir jautrāk"
        await pilot.press("enter")  # the closing step still takes closing reflections
        await pilot.pause()
        assert app.editor is not None and app.editor.workshop.notes[-1].text == "Kopā ir jautrāk"


async def open_export(pilot) -> ExportDialog:
    """Ctrl+E, and the export dialog it opens."""
    await pilot.press("ctrl+e")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


async def test_export_asks_where_and_says_where_it_went(app_factory, workshop_id: str, paths: Paths) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_export(pilot)
        target = paths.exports / f"{workshop_id}.html"
        assert dialog.query_one("#export-path", Input).value == str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert f"Saved to {target}" in messages(app)
        await settle(pilot)
        assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


async def test_a_file_that_cannot_be_written_is_said_in_the_dialog_with_the_name_kept(
    app_factory, workshop_id: str, paths: Paths
) -> None:
    app = app_factory(workshop_id, "problem")
    taken = paths.exports / "taken.html"
    taken.mkdir(parents=True)  # a folder where the file would go
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_export(pilot)
        path = dialog.query_one("#export-path", Input)
        path.value = str(taken)
        await pilot.press("enter")
        await until(pilot, lambda: not dialog.writing)
        problem = dialog.query_one("#export-problem", Static)
        assert app.screen is dialog and problem.display and str(taken) in str(problem.render())
        assert path.value == str(taken) and app.focused is path
        assert not any("Saved" in message for message in messages(app))
        path.value = str(paths.exports / "other.html")  # the name changed, Enter again: saved, and the dialog goes
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is not dialog)
        assert f"Saved to {paths.exports / 'other.html'}" in messages(app)
        await settle(pilot)
    assert (paths.exports / "other.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


async def test_a_folder_that_is_not_there_is_said_not_made(app_factory, workshop_id: str, tmp_path: Path) -> None:
    # The stick is not plugged in: saving to its path must not make the folder on the laptop and say "saved".
    stick = tmp_path / "media" / "usb"
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_export(pilot)
        path = dialog.query_one("#export-path", Input)
        path.value = str(stick / "tuja.html")
        await pilot.press("enter")
        await until(pilot, lambda: not dialog.writing)
        problem = str(dialog.query_one("#export-problem", Static).render())
        assert app.screen is dialog and f"there is no folder {stick}" in problem
        assert path.value == str(stick / "tuja.html") and app.focused is path
        assert not (tmp_path / "media").exists()
        assert not any("Saved" in message for message in messages(app))


async def test_a_slow_file_is_said_being_saved_and_esc_leaves_it_written(
    app_factory, workshop_id: str, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from darbnica.summary import export as exporting

    release, real_write = threading.Event(), exporting.write

    def slow_write(path: Path, text: str, **where: Path) -> Path:  # a USB stick: the write waits for the test
        assert release.wait(10)
        return real_write(path, text, **where)

    monkeypatch.setattr(exporting, "write", slow_write)
    app = app_factory(workshop_id, "problem")
    target = paths.exports / f"{workshop_id}.html"
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_export(pilot)
        await pilot.press("enter", "enter")  # twice: written once
        problem = dialog.query_one("#export-problem", Static)
        await until(pilot, lambda: problem.display)
        assert str(problem.render()) == "Saving…" and app.screen is dialog
        name = dialog.query_one("#export-path", Input).value
        await pilot.press("up")  # the file being written stays the one chosen
        await pilot.pause()
        assert dialog.format == "html" and dialog.query_one("#export-path", Input).value == name
        assert problem.display and str(problem.render()) == "Saving…"
        await pilot.press("escape")  # closes at once; the file is still written, and said
        await pilot.pause()
        assert app.screen is not dialog and not target.exists()
        release.set()
        await until(pilot, lambda: f"Saved to {target}" in messages(app))
        await settle(pilot)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sum("Saved to" in message for message in messages(app)) == 1


def shown_choices(dialog: ExportDialog) -> tuple[list[str], int | None]:
    """The format list's lines as the room reads them, and which line the highlight is on."""
    choices = dialog.query_one("#export-format", OptionList)
    lines = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
    return lines, choices.highlighted


async def test_export_follows_the_format_and_refuses_a_qr_code_without_a_link(
    app_factory, workshop_id: str, paths: Paths, tmp_path: Path
) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_export(pilot)
        path = dialog.query_one("#export-path", Input)
        await pilot.press("shift+tab", "down")  # from HTML to the QR code
        await pilot.pause()
        assert path.value == str(paths.exports / f"{workshop_id}-qr.svg")
        await pilot.press("enter")  # the choice is made: on to the file
        assert app.focused is path
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and dialog.query_one("#export-problem").display
        await pilot.press("shift+tab", "up", "up")  # markdown, to a name of the facilitator's own
        await pilot.pause()
        path.value = "tuja.md"
        path.focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert (paths.exports / "tuja.md").read_text(encoding="utf-8").startswith("# Tūjas nākotne")


async def test_the_chosen_format_is_marked_and_highlighted(app_factory, workshop_id: str) -> None:
    """Not by a dot's colour alone: the chosen line reads (●), the others ( ), and the highlight is on it."""
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_export(pilot)
        lines, highlighted = shown_choices(dialog)
        assert [line[:4] for line in lines] == ["( ) ", "(●) ", "( ) ", "( ) "]
        assert "HTML" in lines[1] and highlighted == 1
        await pilot.press("shift+tab", "down", "down")
        await pilot.pause()
        lines, highlighted = shown_choices(dialog)
        assert [line[:4] for line in lines] == ["( ) ", "( ) ", "( ) ", "(●) "]
        assert "JSON" in lines[3] and highlighted == 3


async def test_a_follow_ups_export_names_the_workshop_it_follows(app_factory, paths: Paths, workshop_id: str) -> None:
    from darbnica.followup import follow_up
    from darbnica.plan import load_plans
    from darbnica.store import Library

    library = Library(paths)
    earlier = library.read(workshop_id)
    follow = follow_up(library, workshop_id, title="Otrā tikšanās", plan=load_plans(paths).get("follow-up-meeting"))
    app = app_factory(follow)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_export(pilot)
        target = paths.exports / "follow.md"
        await pilot.press("shift+tab", "up")  # the format list, from HTML up to Markdown
        await pilot.pause()
        dialog.query_one("#export-path", Input).value = str(target)
        dialog.query_one("#export-path", Input).focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
    text = target.read_text(encoding="utf-8")
    assert earlier.title in text and workshop_id not in text  # by its title, as the command line's export does


async def test_up_and_down_choose_the_format_from_the_file_name(app_factory, workshop_id: str, paths: Paths) -> None:
    # The dialog opens in the file name; ↑ / ↓ choose the format there too, and the name follows the format.
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_export(pilot)
        path = dialog.query_one("#export-path", Input)
        assert app.focused is path and dialog.format == "html"
        await pilot.press("up")
        await pilot.pause()
        assert dialog.format == "md" and path.value == str(paths.exports / f"{workshop_id}.md")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
    assert (paths.exports / f"{workshop_id}.md").read_text(encoding="utf-8").startswith("# ")

"""Commands that move workshops in and out: export, import, and share (the live summary on the local network)."""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import click

from darbnica.cli import Env, pass_env
from darbnica.editing import Editor
from darbnica.errors import DarbnicaError, InvalidInput
from darbnica.i18n import Phrase
from darbnica.model import Workshop
from darbnica.room import JournalRefused, NoteReceived, PhoneNote, Room, RoomEvent
from darbnica.share.addresses import Addresses
from darbnica.share.links import DEFAULT_PORT, lan_address, share_url, summary_link, this_computer_only
from darbnica.share.source import WorkshopOnDisk
from darbnica.store.archive import is_archive, read_archive, write_archive
from darbnica.store.library import ImportOutcome, read_export
from darbnica.summary import export as exporting
from darbnica.summary.build import earlier_of
from darbnica.summary.qr import half_blocks, qr_matrix

LINK = re.compile(r"https?://[^\s<>]+")


@click.command()
@click.argument("workshop", required=False)
@click.option("--format", "fmt", type=click.Choice(exporting.FORMATS), default="json", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout)."
)
@click.option("--link", help="The summary's link, for its QR code (default: public_link from the settings).")
@click.option("--all", "everything", is_flag=True, help="Every workshop, into one archive file (needs -o).")
@pass_env
def export(env: Env, workshop: str | None, fmt: str, output: Path | None, link: str | None, everything: bool) -> None:
    """Export WORKSHOP: md and html are the summary, svg the QR code of its link, json a full, lossless copy that
    `darbnica import` reads back.

    With --all, every workshop goes into one archive (a zip of those JSON copies): a backup, or a way to move a
    whole library to another computer.
    """
    if everything:
        if workshop is not None or output is None:
            raise InvalidInput("error.export_all_usage")
        exported = write_archive(env.library, output.absolute())
        for problem in exported.problems:
            env.warn(env.message(problem))
        click.echo(env.t("cli.exported_all", count=exported.count, path=output), err=True)
        return
    if workshop is None:
        raise InvalidInput("error.export_all_usage")
    if link is not None and not LINK.fullmatch(link):
        raise InvalidInput("error.bad_link", value=link)
    data = env.library.read(workshop)
    link = link or summary_link(env.settings.public_link, data.id)
    if link and fmt != "json" and this_computer_only(link):  # said, not dropped in silence: another may be meant
        env.warn(env.t("cli.link_qr_here" if fmt == "svg" else "cli.link_left_out", link=link))
    text = exporting.render(data, fmt, link, earlier_of(env.library.read, data), env.library.journal_of(data.id))
    if output is None:
        click.echo(text, nl=False)
        return
    click.echo(env.t("cli.exported", path=exporting.write(output, text)), err=True)


@click.command()
@click.argument("workshop")
@click.option("--host", help="Address to listen on (default: this computer's address on the local network).")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True, help="0: any port.")
@click.option(
    "--show-at-once",
    is_flag=True,
    help="Put notes from phones on the wall at once (every step), instead of keeping them for the app's queue.",
)
@pass_env
def share(env: Env, workshop: str, host: str | None, port: int, show_at_once: bool) -> None:
    """Serve WORKSHOP to phones on the local network until Ctrl+C: the participant page, where the room sends
    notes (kept in the workshop's journal, for the app's queue, F10) and reads the summary."""
    source = WorkshopOnDisk(env.library, env.library.resolve(workshop))
    # A damaged file is reported here, not to the first phone; another laptop's workshop is not shared from this
    # one, since the notes phones send wait for this laptop's app, which cannot take them into it.
    env.library.check_owner(source())
    try:
        asyncio.run(_serve(env, source, host or lan_address(), port, show_at_once))
    except KeyboardInterrupt:
        click.echo(env.t("share.stopped"))


async def _serve(env: Env, source: WorkshopOnDisk, host: str, port: int, show_at_once: bool) -> None:
    from darbnica.room import Room
    from darbnica.share.server import SummaryServer  # aiohttp only for this command

    public = summary_link(env.settings.public_link, source.workshop_id)
    room = Room(env.library.journal_of(source.workshop_id))
    room.listen(lambda event: _say_refusal(env, event))
    with contextlib.ExitStack() as stack:
        stack.callback(room.close)
        if show_at_once:
            # The workshop is then open for changes here (the app cannot open it meanwhile): each note goes in.
            editor = stack.enter_context(Editor.open(env.library, source.workshop_id))
            workshop = _let_through(editor, room, lambda error: env.warn(env.message(error)))
        else:
            workshop = _follow_file(source, room)
        # The file is read again only when it has changed: another process writes it while phones reload.
        # The same address as the app's share mode, kept for a restart in the middle of a workshop; the scribe's
        # link is for a helper who types for people without phones (no per-phone limit). A port given wins.
        addresses = Addresses(env.paths.share_links)
        address = addresses.get(source.workshop_id, port)
        scribe = address.scribe
        server = SummaryServer(
            workshop,
            host=host,
            port=address.port if port in (DEFAULT_PORT, 0) else port,
            token=address.token,
            secret=address.key,
            link=public,
            room=room,
            scribe_token=scribe,
        )
        url = await server.start()
        addresses.served_on(source.workshop_id, address, server.port)
        try:
            local = host.startswith("127.") or host in ("localhost", "::1")
            said = [
                env.t("share.local_only" if local else "share.serving", url=url),
                env.t("share.summary_at", url=f"{url}/summary"),
                env.t("share.scribe", url=share_url(server.host, server.port, scribe)),
            ]
            if public:
                said.append(env.t("share.public", url=public))
            for line in said:
                click.echo(line)
            if sys.stdout.isatty():
                click.echo(_qr_or_why(env, url, said))
            click.echo(env.t("share.stop_hint"))
            await asyncio.Event().wait()
        finally:
            await server.stop()


FOLLOW_SECONDS = 0.5
"""How often ``darbnica share`` looks at the workshop file for the app's or another command's changes."""


def _follow_file(source: WorkshopOnDisk, room: Room) -> Callable[[], Workshop]:
    """The workshop as its file holds it, given to the room whenever it changed (a request, or every half a
    second for the live pages): phones' notes wait in the journal for the app's queue."""

    def current() -> Workshop:
        workshop = source()
        if workshop is not room.workshop:
            room.update(workshop)
        return workshop

    room.update(source())

    async def follow() -> None:
        while True:
            await asyncio.sleep(FOLLOW_SECONDS)
            try:
                current()
            except DarbnicaError:
                pass  # said to the phones that ask, by the server

    task = asyncio.ensure_future(follow())
    _FOLLOWERS.add(task)
    return current


_FOLLOWERS: set[asyncio.Task[None]] = set()
"""The tasks that follow files (kept, so they are not collected while they run)."""


def _say_refusal(env: Env, event: RoomEvent) -> None:
    """A note or dot the disk refused: the phone was told to send it again, and whoever runs this is told why."""
    if isinstance(event, JournalRefused):
        env.warn(env.message(DarbnicaError("room.journal_refused", detail=Phrase.of(event.error))))


def _let_through(editor: Editor, room: Room, say: Callable[[DarbnicaError], None]) -> Callable[[], Workshop]:
    """Every step shows phone notes at once, and each note the room receives goes in through ``editor``, on
    this loop; what the journal holds from before goes in now (what cannot, stays in the journal and is said)."""
    loop = asyncio.get_running_loop()
    for step in editor.workshop.plan.steps:
        if step.takes_notes:
            editor.set_room(step.key, show_at_once=True)
    editor.listen(lambda changed: room.update(changed.workshop))
    room.update(editor.workshop)

    def let_in(note: PhoneNote) -> None:
        try:
            editor.take_phone_notes([(note.step, note.text, note.ref)])
        except DarbnicaError as error:  # the plan changed under it: it stays in the journal, for the queue
            say(error)

    def heard(event: RoomEvent) -> None:
        if isinstance(event, NoteReceived):
            loop.call_soon_threadsafe(let_in, event.note)

    room.listen(heard)
    for note in room.waiting(editor.workshop):
        let_in(note)
    return lambda: editor.workshop


def terminal_qr(link: str) -> str:
    """The QR code in half-block characters, black on white whatever the terminal's colours."""
    dark, light = (0, 0, 0), (255, 255, 255)
    return "\n".join(
        "".join(click.style("▀", fg=dark if upper else light, bg=dark if lower else light) for upper, lower in row)
        for row in half_blocks(qr_matrix(link))
    )


LINES_BELOW_QR = 2
"""What ``darbnica share`` prints under its QR code: the stop hint, and the line the cursor waits on."""


def _qr_or_why(env: Env, link: str, above: list[str]) -> str:
    """The QR code, if the terminal shows it whole with the lines ``above`` it (as they wrap); else a line saying
    so. A code taller than the window scrolls its top off, or the links above it (one wider wraps): what is left
    could not be scanned, or the address and the scribe's link would be gone for nothing."""
    cells = half_blocks(qr_matrix(link))
    size = shutil.get_terminal_size()
    columns = max(1, size.columns)
    text_rows = sum(max(1, -(-len(line) // columns)) for line in above)
    rows, width = text_rows + len(cells) + LINES_BELOW_QR, len(cells[0])
    if rows > size.lines or width > size.columns:
        return env.t("share.qr_too_small", need=f"{rows} × {width}", have=f"{size.lines} × {size.columns}")
    return terminal_qr(link)


@click.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Replace a different workshop that has the same id.")
@pass_env
def import_(env: Env, path: Path, replace: bool) -> None:
    """Import a workshop from a JSON export, or every workshop from an `export --all` archive."""
    if is_archive(path):
        imported = read_archive(env.library, path, replace_existing=replace)
        for outcome in (ImportOutcome.UNCHANGED, ImportOutcome.REPLACED):
            for workshop_id in imported.ids(outcome):
                click.echo(env.t(f"cli.import_{outcome.value}", id=workshop_id))
        counts = {outcome.value: len(imported.ids(outcome)) for outcome in ImportOutcome}
        click.echo(env.t("cli.imported_all", **counts))
        return
    workshop_id, outcome = env.library.import_data(read_export(path), replace_existing=replace)
    click.echo(env.t(f"cli.import_{outcome.value}", id=workshop_id))

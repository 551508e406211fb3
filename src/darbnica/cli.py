"""The command line: ``darbnica`` opens the app; subcommands script the same core.

Every subcommand works on the data folder (``--data-dir`` or ``DARBNICA_HOME``, else the platform's folder), speaks
the interface language (``--lang``), and on a problem prints one clear line and exits non-zero without writing
anything.
"""

from __future__ import annotations

import asyncio
import gc
import json
import re
import sys
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn

import click

from darbnica.errors import CorruptFile, DarbnicaError, InvalidInput
from darbnica.followup import FOLLOW_UP_PLAN, follow_up
from darbnica.i18n import LANGS, Translate, detect_lang, pick, translator
from darbnica.paths import Paths, builtin_plans, builtin_themes, resolve_paths
from darbnica.plan import PlanLibrary, load_plans
from darbnica.settings import Settings, load_settings
from darbnica.share.links import DEFAULT_PORT, lan_address, summary_link
from darbnica.store import Library
from darbnica.store.archive import is_archive, read_archive, write_archive
from darbnica.store.library import ImportOutcome
from darbnica.store.search import place_matches, search
from darbnica.store.storage import load_json
from darbnica.summary import export as exporting
from darbnica.summary.qr import half_blocks, qr_matrix
from darbnica.text import NOTE_LIMIT, checked

LINK = re.compile(r"https?://[^\s<>]+")


@dataclass
class Env:
    """What every command needs, made once from the global options."""

    paths: Paths
    lang: str
    settings: Settings
    theme: str | None = None

    @cached_property
    def t(self) -> Translate:
        return translator(self.lang)

    @cached_property
    def library(self) -> Library:
        return Library(self.paths)

    @cached_property
    def plans(self) -> PlanLibrary:
        plans = load_plans(self.paths)
        for problem in plans.problems:
            self.warn(self.message(problem))
        return plans

    def message(self, error: DarbnicaError) -> str:
        return self.t(error.key, **error.params)

    def warn(self, text: str) -> None:
        click.echo(f"darbnica: {text}", err=True)

    def fail(self, error: DarbnicaError) -> NoReturn:
        self.warn(self.message(error))
        raise SystemExit(1)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DarbnicaError as error:
            env = ctx.find_object(Env) or Env(resolve_paths(), detect_lang(), Settings())
            env.fail(error)


pass_env = click.make_pass_decorator(Env)


@click.group(cls=_Group, invoke_without_command=True)
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), help="Folder for workshops and settings.")
@click.option("--lang", type=click.Choice(LANGS), help="Interface language (default: from the locale).")
@click.option("--theme", help="The app's theme, e.g. projector-light, projector-dark, high-contrast.")
@click.version_option(package_name="darbnica", prog_name="darbnica")  # looked up only for --version
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None, lang: str | None, theme: str | None) -> None:
    """darbnica: guide a community-led development workshop on a projector.

    Without a command, opens the app at its home screen.
    """
    paths = resolve_paths(data_dir)
    settings = load_settings(paths)
    ctx.obj = env = Env(paths=paths, lang=lang or settings.lang or detect_lang(), settings=settings, theme=theme)
    for problem in settings.problems:
        env.warn(env.message(problem))
    if ctx.invoked_subcommand is None:
        _run_app(ctx.obj)


def _run_app(env: Env, workshop: str | None = None, step: str | None = None, follow: bool = False) -> None:
    from darbnica.ui.app import make_app  # imported here so scripted commands do not pay for Textual
    from darbnica.ui.themes import load_themes

    if env.theme is not None:
        themes = load_themes(env.paths).themes
        if env.theme not in themes:
            raise DarbnicaError("error.no_theme", theme=env.theme, known=", ".join(themes))
    app = make_app(
        env.paths, lang=env.lang, settings=env.settings, workshop=workshop, step=step, theme=env.theme, follow=follow
    )
    # Everything imported so far lives as long as the app: exempt it from garbage collection, which otherwise
    # walks those hundreds of thousands of objects again at every full collection (about 25 ms at start-up
    # with a thousand workshops, and a pause at any moment later, a note being added included).
    gc.freeze()
    app.run()
    if app.return_code:
        raise SystemExit(app.return_code)


@main.command("open")
@click.argument("workshop")
@click.option("--step", help="Key of the step to open at (see `darbnica plans`).")
@click.option("--follow", is_flag=True, help="Read-only: follow the workshop open in another darbnica, live.")
@pass_env
def open_(env: Env, workshop: str, step: str | None, follow: bool) -> None:
    """Open WORKSHOP (its id or a unique prefix) in the app."""
    workshop_id = env.library.resolve(workshop)
    if step is not None:
        env.library.read(workshop_id).plan.step(step)  # fail here, in the terminal, not inside the app
    _run_app(env, workshop_id, step, follow)


@main.command()
@click.argument("title")
@click.option("--place", default="", help="Village or neighbourhood.")
@click.option("--plan", "plan_name", help="Session plan name (see `darbnica plans`).")
@click.option("--date", help="YYYY-MM-DD (default: today).")
@click.option("--facilitator", help="Who leads the workshop.")
@click.option("--lang", type=click.Choice(LANGS), help="The workshop's language (default: the interface's).")
@click.option(
    "--follow-up",
    "follows",
    metavar="WORKSHOP",
    help="Follow WORKSHOP up: same place, its vision and open responsibilities carried over.",
)
@pass_env
def new(
    env: Env,
    title: str,
    place: str,
    plan_name: str | None,
    date: str | None,
    facilitator: str | None,
    lang: str | None,
    follows: str | None,
) -> None:
    """Create a workshop and print its id."""
    if follows is not None:
        if place:
            raise InvalidInput("error.follow_up_place")
        plan = env.plans.get(plan_name or (FOLLOW_UP_PLAN if FOLLOW_UP_PLAN in env.plans.plans else env.settings.plan))
        workshop_id = follow_up(
            env.library, follows, title=title, plan=plan, date=date, facilitator=facilitator, lang=lang
        )
        click.echo(workshop_id)
        return
    workshop_id = env.library.create(
        title=title,
        plan=env.plans.get(plan_name or env.settings.plan),
        place=place,
        date=date,
        facilitator=facilitator or "",
        lang=lang or env.lang,
    )
    click.echo(workshop_id)


@main.command()
@click.argument("workshop")
@click.argument("step")
@click.argument("text")
@click.option("--tag", help="The note's tag (see `darbnica plans`).")
@pass_env
def add(env: Env, workshop: str, step: str, text: str, tag: str | None) -> None:
    """Add a note to STEP of WORKSHOP. With TEXT "-", add one note per line of standard input."""
    if text == "-":
        lines = [(n, line) for n, line in enumerate(sys.stdin.read().splitlines(), 1) if line.strip()]
    else:
        lines = [(1, text)]
    for number, line in lines:  # check everything before writing anything
        try:
            checked(line, NOTE_LIMIT, field="note")
        except InvalidInput as error:
            raise InvalidInput("error.on_line", line=number, problem=env.message(error)) from None
    if not lines:
        raise InvalidInput("error.empty", what_key="field.note")
    with env.library.open(workshop) as file:
        target = file.step(step)
        file.add_notes(target.key, [line for _, line in lines], tag=tag)  # one write: a full disk adds none
        click.echo(env.t("cli.added", count=len(lines), step=target.key, workshop=file.id))


@main.command("list")
@click.option("--place", help="Only workshops in this place (case and diacritics do not matter).")
@click.option("--search", "query", metavar="TEXT", help="Only workshops with every word of TEXT anywhere in them.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_env
def list_(env: Env, place: str | None, query: str | None, as_json: bool) -> None:
    """List the workshops, newest first."""
    listing = env.library.listing()
    for problem in listing.problems:
        env.warn(env.message(problem))
    entries = listing.entries
    if place:
        entries = [e for e in entries if place_matches(e, place)]
    if query:
        entries = search(entries, query, env.library.path_of)
    if as_json:
        click.echo(json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=2))
        return
    if not entries:
        click.echo(env.t("cli.nothing_found" if listing.entries else "cli.no_workshops"))
        return
    for e in entries:
        counts = env.t("cli.counts", notes=e.notes, open=e.open_actions)
        click.echo(f"{e.id}  {e.date or '-':10}  {e.place or '-'}  «{e.title}»  {counts}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_env
def plans(env: Env, as_json: bool) -> None:
    """List the session plans and their steps."""
    library = env.plans
    if as_json:
        data = [
            {
                "name": plan.name,
                "title": dict(plan.title),
                "minutes": plan.minutes,
                "source": str(library.sources[plan.name]),
                "steps": [
                    {
                        "key": s.key,
                        "kind": s.kind.value,
                        "minutes": s.minutes,
                        "tags": [t.key for t in s.tags],
                    }
                    for s in plan.steps
                ],
            }
            for plan in library.plans.values()
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for plan in library.plans.values():
        click.echo(f"{plan.name}  «{pick(plan.title, env.lang)}»  {plan.minutes} min  ({library.sources[plan.name]})")
        for step in plan.steps:
            tags = ", ".join(t.key for t in step.tags)
            click.echo(f"  {step.key:18} {step.kind.value:11} {step.minutes:3} min  {tags}")


@main.command()
@pass_env
def locate(env: Env) -> None:
    """Print where workshops, settings, plans and themes live."""
    rows = [
        ("data", env.paths.data),
        ("workshops", env.paths.workshops),
        ("exports", env.paths.exports),
        ("config", env.paths.config),
        ("plans", builtin_plans()),
        ("user plans", env.paths.user_plans),
        ("themes", builtin_themes()),
        ("user themes", env.paths.user_themes),
        ("settings", env.paths.settings),
    ]
    for name, path in rows:
        click.echo(f"{name:12} {path}")


@main.command()
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
    text = exporting.render(data, fmt, link or summary_link(env.settings.public_link, data.id))
    if output is None:
        click.echo(text, nl=False)
        return
    click.echo(env.t("cli.exported", path=exporting.write(output, text)), err=True)


@main.command()
@click.argument("workshop")
@pass_env
def show(env: Env, workshop: str) -> None:
    """Print WORKSHOP's summary: readable text (Markdown), in the workshop's language."""
    data = env.library.read(workshop)
    click.echo(exporting.render(data, "md", summary_link(env.settings.public_link, data.id)), nl=False)


@main.command()
@click.argument("workshop")
@click.option("--host", help="Address to listen on (default: this computer's address on the local network).")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True, help="0: any port.")
@pass_env
def share(env: Env, workshop: str, host: str | None, port: int) -> None:
    """Serve WORKSHOP's live summary to phones on the local network, until Ctrl+C."""
    workshop_id = env.library.resolve(workshop)
    env.library.read(workshop_id)  # a damaged file is reported here, not to the first phone
    try:
        asyncio.run(_serve(env, workshop_id, host or lan_address(), port))
    except KeyboardInterrupt:
        click.echo(env.t("share.stopped"))


async def _serve(env: Env, workshop_id: str, host: str, port: int) -> None:
    from darbnica.share.server import SummaryServer  # aiohttp only for this command

    public = summary_link(env.settings.public_link, workshop_id)
    server = SummaryServer(lambda: env.library.read(workshop_id), host=host, port=port, link=public)
    url = await server.start()
    try:
        local = host.startswith("127.") or host in ("localhost", "::1")
        click.echo(env.t("share.local_only" if local else "share.serving", url=url))
        if public:
            click.echo(env.t("share.public", url=public))
        if sys.stdout.isatty():
            click.echo(terminal_qr(public or url))
        click.echo(env.t("share.stop_hint"))
        await asyncio.Event().wait()
    finally:
        await server.stop()


def terminal_qr(link: str) -> str:
    """The QR code in half-block characters, black on white whatever the terminal's colours."""
    dark, light = (0, 0, 0), (255, 255, 255)
    return "\n".join(
        "".join(click.style("▀", fg=dark if upper else light, bg=dark if lower else light) for upper, lower in row)
        for row in half_blocks(qr_matrix(link))
    )


@main.command("import")
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
    try:
        data = load_json(path)  # also refuses what json.loads raises other errors for: "[[[[…", a 5,000-digit number
    except CorruptFile as error:
        raise InvalidInput("error.import_invalid", detail=str(error)) from None
    workshop_id, outcome = env.library.import_data(data, replace_existing=replace)
    click.echo(env.t(f"cli.import_{outcome.value}", id=workshop_id))


@main.command()
@click.argument("workshop")
@pass_env
def delete(env: Env, workshop: str) -> None:
    """Move WORKSHOP to the trash (`darbnica restore` brings it back)."""
    click.echo(env.t("cli.deleted", id=env.library.delete(workshop)))


@main.command()
@click.argument("workshop")
@pass_env
def restore(env: Env, workshop: str) -> None:
    """Bring WORKSHOP back from the trash."""
    click.echo(env.t("cli.restored", id=env.library.restore(workshop)))


@main.command()
@click.option("--empty", is_flag=True, help="Delete everything in the trash for good (asks first).")
@click.option("--yes", is_flag=True, help="With --empty: do not ask.")
@pass_env
def trash(env: Env, empty: bool, yes: bool) -> None:
    """List the workshops in the trash, or empty it."""
    items = env.library.trashed()
    if not items:
        click.echo(env.t("cli.trash_is_empty"))
        return
    if not empty:
        for item in items:
            click.echo(f"{item.id}  {item.deleted or '-':16}  {item.place or '-'}  «{item.title}»")
        return
    if not yes and not click.confirm(env.t("cli.trash_confirm", count=len(items)), default=False):
        click.echo(env.t("cli.trash_kept"))
        return
    click.echo(env.t("cli.trash_emptied", count=env.library.empty_trash()))

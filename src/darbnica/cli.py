"""The command line: ``darbnica`` opens the app; subcommands script the same core.

Every subcommand works on the data folder (``--data-dir`` or ``DARBNICA_HOME``, else the platform's folder), speaks
the interface language (``--lang``), and on a problem prints one clear line and exits non-zero without writing
anything.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn

import click

from darbnica import __version__
from darbnica.errors import CorruptFile, DarbnicaError, InvalidInput
from darbnica.i18n import LANGS, Translate, detect_lang, pick, translator
from darbnica.paths import Paths, builtin_plans, resolve_paths
from darbnica.plan import PlanLibrary, load_plans
from darbnica.settings import Settings, load_settings
from darbnica.store import Library
from darbnica.store.library import export_json
from darbnica.store.storage import load_json
from darbnica.text import NOTE_LIMIT, checked

EXPORT_FORMATS = ("json",)


@dataclass
class Env:
    """What every command needs, made once from the global options."""

    paths: Paths
    lang: str
    settings: Settings

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
@click.version_option(__version__, prog_name="darbnica")
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None, lang: str | None) -> None:
    """darbnica: guide a community-led development workshop on a projector.

    Without a command, opens the app at its home screen.
    """
    paths = resolve_paths(data_dir)
    settings = load_settings(paths)
    ctx.obj = env = Env(paths=paths, lang=lang or settings.lang or detect_lang(), settings=settings)
    for problem in settings.problems:
        env.warn(env.message(problem))
    if ctx.invoked_subcommand is None:
        _run_app(ctx.obj)


def _run_app(env: Env, workshop: str | None = None, step: str | None = None) -> None:
    from darbnica.ui.app import make_app  # imported here so scripted commands do not pay for Textual

    app = make_app(env.paths, lang=env.lang, settings=env.settings, workshop=workshop, step=step)
    app.run()
    if app.return_code:
        raise SystemExit(app.return_code)


@main.command("open")
@click.argument("workshop")
@click.option("--step", help="Key of the step to open at (see `darbnica plans`).")
@pass_env
def open_(env: Env, workshop: str, step: str | None) -> None:
    """Open WORKSHOP (its id or a unique prefix) in the app."""
    workshop_id = env.library.resolve(workshop)
    if step is not None:
        env.library.read(workshop_id).plan.step(step)  # fail here, in the terminal, not inside the app
    _run_app(env, workshop_id, step)


@main.command()
@click.argument("title")
@click.option("--place", default="", help="Village or neighbourhood.")
@click.option("--plan", "plan_name", help="Session plan name (see `darbnica plans`).")
@click.option("--date", help="YYYY-MM-DD (default: today).")
@click.option("--facilitator", default="", help="Who leads the workshop.")
@click.option("--lang", type=click.Choice(LANGS), help="The workshop's language (default: the interface's).")
@pass_env
def new(
    env: Env,
    title: str,
    place: str,
    plan_name: str | None,
    date: str | None,
    facilitator: str,
    lang: str | None,
) -> None:
    """Create a workshop and print its id."""
    workshop_id = env.library.create(
        title=title,
        plan=env.plans.get(plan_name or env.settings.plan),
        place=place,
        date=date,
        facilitator=facilitator,
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
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_env
def list_(env: Env, as_json: bool) -> None:
    """List the workshops, newest first."""
    listing = env.library.listing()
    for problem in listing.problems:
        env.warn(env.message(problem))
    if as_json:
        click.echo(json.dumps([asdict(e) for e in listing.entries], ensure_ascii=False, indent=2))
        return
    if not listing.entries:
        click.echo(env.t("cli.no_workshops"))
        return
    for e in listing.entries:
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
        ("user themes", env.paths.user_themes),
        ("settings", env.paths.settings),
    ]
    for name, path in rows:
        click.echo(f"{name:12} {path}")


@main.command()
@click.argument("workshop")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="json", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout)."
)
@pass_env
def export(env: Env, workshop: str, fmt: str, output: Path | None) -> None:
    """Export WORKSHOP. JSON is a full, lossless copy that `darbnica import` reads back."""
    text = export_json(env.library.read(workshop))
    if output is None:
        click.echo(text, nl=False)
        return
    from darbnica.store.storage import atomic_write

    atomic_write(output.absolute(), text.encode("utf-8"))
    click.echo(env.t("cli.exported", path=output), err=True)


@main.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Replace a different workshop that has the same id.")
@pass_env
def import_(env: Env, path: Path, replace: bool) -> None:
    """Import a workshop from a JSON export."""
    try:
        data = load_json(path)  # also refuses what json.loads raises other errors for: "[[[[…", a 5,000-digit number
    except CorruptFile as error:
        raise InvalidInput("error.import_invalid", detail=str(error)) from None
    workshop_id, outcome = env.library.import_data(data, replace_existing=replace)
    click.echo(env.t(f"cli.import_{outcome.value}", id=workshop_id))

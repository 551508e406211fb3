"""Commands on workshops: open, new, add, list, show, plans, locate."""

from __future__ import annotations

import json
import sys

import click

from darbnica.cli import Env, pass_env, run_app
from darbnica.editing import Editor
from darbnica.errors import InvalidInput
from darbnica.followup import FOLLOW_UP_PLAN, follow_up, open_counts
from darbnica.i18n import LANGS, pick
from darbnica.paths import builtin_plans, builtin_themes
from darbnica.share.links import summary_link
from darbnica.store.catalog import plain
from darbnica.store.search import place_matches, search
from darbnica.tagging import matching_tags
from darbnica.text import NOTE_LIMIT, checked

LOCK_WAIT = 5.0
"""Seconds `add` waits for another process to let go of the workshop before it says who has it."""


@click.command("open")
@click.argument("workshop")
@click.option("--step", help="Key of the step to open at (see `darbnica plans`).")
@click.option("--follow", is_flag=True, help="Read-only: follow the workshop open in another darbnica, live.")
@pass_env
def open_(env: Env, workshop: str, step: str | None, follow: bool) -> None:
    """Open WORKSHOP (its id or a unique prefix) in the app."""
    workshop_id = env.library.resolve(workshop)
    if step is not None:
        env.library.read(workshop_id).plan.step(step)  # fail here, in the terminal, not inside the app
    run_app(env, workshop_id, step, follow)


@click.command()
@click.argument("title")
@click.option("--place", default="", help="Village or neighbourhood.")
@click.option("--plan", "plan_name", help="Session plan name (see `darbnica plans`).")
@click.option("--date", help="YYYY-MM-DD (default: today; a follow-up: a month after the earlier workshop).")
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


@click.command()
@click.argument("workshop")
@click.argument("step")
@click.argument("text")
@click.option("--tag", help="The note's tag: its word, as the room sees it, or its key (see `darbnica plans`).")
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
    # Another command adding at the same moment holds the workshop for a few milliseconds: wait for it a moment
    # rather than refuse (an app that has the workshop open holds it all along, and is named after the wait).
    with Editor.open(env.library, workshop, wait=LOCK_WAIT) as editor:
        target = editor.step(step)
        if tag is not None and target.tag(tag) is None:
            # The word the room sees ("vēlme", "vel", "want") names the tag here too, as after "#" in the app.
            named = matching_tags(target.tags, tag)
            tag = named[0].key if len(named) == 1 else tag
        editor.add_notes(target.key, [line for _, line in lines], tag=tag)  # one write: a full disk adds none
        title = pick(target.title, editor.workshop.lang)
        click.echo(env.t("cli.added", count=len(lines), step=title, workshop=editor.workshop.id))


@click.command("list")
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
        library = env.library
        library.index.refresh(listing.entries, library.path_of)  # what changed since it was last kept in step
        entries = search(entries, query, library.path_of, library.index)
    if as_json:
        click.echo(json.dumps(plain(entries), ensure_ascii=False, indent=2))
        return
    if not entries:
        click.echo(env.t("cli.nothing_found" if listing.entries else "cli.no_workshops"))
        return
    still_open = open_counts(listing.entries)  # a promise carried into a follow-up counts there (as `tasks`)
    for e in entries:
        counts = f"{env.t('cli.notes', count=e.notes)}, {env.t('cli.open_tasks', count=still_open[e.id])}"
        who = "  ".join(filter(None, [e.facilitator, e.device and f"@{e.device}"]))  # who led it, on which laptop
        line = f"{e.id}  {e.date or '-':10}  {e.place or '-'}  {env.t('cli.title', title=e.title)}  {counts}  {who}"
        click.echo(line.rstrip())


@click.command()
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
        title = env.t("cli.title", title=pick(plan.title, env.lang))
        click.echo(f"{plan.name}  {title}  {plan.minutes} min  ({library.sources[plan.name]})")
        for step in plan.steps:
            tags = ", ".join(t.key for t in step.tags)
            click.echo(f"  {step.key:18} {step.kind.value:11} {step.minutes:3} min  {tags}")


@click.command()
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


@click.command()
@click.argument("workshop")
@pass_env
def show(env: Env, workshop: str) -> None:
    """Print WORKSHOP's summary: readable text (Markdown), in the workshop's language."""
    data = env.library.read(workshop)
    from darbnica.summary import export as exporting
    from darbnica.summary.build import earlier_of

    link = summary_link(env.settings.public_link, data.id)
    click.echo(exporting.render(data, "md", link, earlier_of(env.library.read, data)), nl=False)

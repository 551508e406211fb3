"""The promises across the shared archive: ``darbnica tasks`` lists the open ones, ``darbnica status`` changes one
(on any laptop: see :mod:`darbnica.promises`), ``darbnica take-over`` makes another laptop's workshop this one's."""

from __future__ import annotations

import json

import click

from darbnica.cli import Env, pass_env
from darbnica.followup import open_tasks
from darbnica.model import Status
from darbnica.promises import set_status

LOCK_WAIT = 5.0
"""Seconds `status` waits for a command that holds the workshop for a moment (the app holds it all along)."""


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_env
def tasks(env: Env, as_json: bool) -> None:
    """List the open responsibilities of every workshop, by place and due date (⚠: overdue)."""
    listing = env.library.listing()
    for problem in listing.problems:
        env.warn(env.message(problem))
    found = open_tasks(listing.entries)
    if as_json:
        rows = [
            {
                "workshop": item.entry.id,
                "task": item.task.id,
                "place": item.entry.place,
                "date": item.entry.date,
                "title": item.entry.title,
                "what": item.task.what,
                "who": item.task.who,
                "due": item.task.due,
                "status": item.task.status,
                "overdue": item.overdue,
                "facilitator": item.entry.facilitator,
                "device": item.entry.device,
            }
            for item in found
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(env.t("tasks.none"))
        return
    for item in found:
        entry, task = item.entry, item.task
        due = f"⚠ {task.due}" if item.overdue else task.due or "-"
        where = "  ".join(filter(None, [entry.facilitator, entry.device and f"@{entry.device}"]))
        status = env.t(f"status.{task.status}")
        what = f"{task.who or '-'}  {task.what}  [{status}]"
        line = f"{entry.id} #{task.id}  {entry.place or '-'}  {due}  {what}  {where}"
        click.echo(line.rstrip())


@click.command()
@click.argument("workshop")
@click.argument("task", type=click.IntRange(min=1))
@click.argument("status", type=click.Choice([s.value for s in Status]))
@pass_env
def status(env: Env, workshop: str, task: int, status: str) -> None:
    """Give TASK (its number, as `darbnica tasks` shows it) of WORKSHOP a new STATUS, on any laptop."""
    change = set_status(env.library, workshop, task, Status(status), wait=LOCK_WAIT)
    said = env.t(f"status.{change.status.value}")
    if change.as_event:
        click.echo(env.t("cli.status_recorded", id=change.workshop, task=task, status=said, device=change.owner))
    else:
        click.echo(env.t("cli.status_written", id=change.workshop, task=task, status=said))


@click.command("take-over")
@click.argument("workshop")
@pass_env
def take_over(env: Env, workshop: str) -> None:
    """Make WORKSHOP this laptop's: from then on it is changed here, and no longer on the laptop that had it."""
    workshop_id, previous = env.library.take_over(workshop)
    if previous is None:
        click.echo(env.t("cli.already_owner", id=workshop_id))
    else:
        click.echo(env.t("cli.taken_over", id=workshop_id, device=previous or "-"))

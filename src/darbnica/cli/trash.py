"""Commands for the trash: delete (to the trash), restore, and list or empty the trash."""

from __future__ import annotations

import click

from darbnica.cli import Env, pass_env


@click.command()
@click.argument("workshop")
@pass_env
def delete(env: Env, workshop: str) -> None:
    """Move WORKSHOP to the trash (`darbnica restore` brings it back)."""
    click.echo(env.t("cli.deleted", id=env.library.delete(workshop)))


@click.command()
@click.argument("workshop")
@pass_env
def restore(env: Env, workshop: str) -> None:
    """Bring WORKSHOP back from the trash."""
    click.echo(env.t("cli.restored", id=env.library.restore(workshop)))


@click.command()
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
            click.echo(
                f"{item.id}  {item.deleted or '-':16}  {item.place or '-'}  {env.t('cli.title', title=item.title)}"
            )
        return
    if not yes and not env.confirm(env.t("cli.trash_confirm", count=len(items))):
        click.echo(env.t("cli.trash_kept"))
        return
    click.echo(env.t("cli.trash_emptied", count=env.library.empty_trash()))

"""``darbnica sync``: share the archive with other laptops through git (see :mod:`darbnica.sync`); ``darbnica
resolve``: settle the copies a sync kept when a workshop changed on two laptops."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from darbnica.cli import Env, pass_env
from darbnica.errors import DarbnicaError
from darbnica.store.conflicts import Keep, conflict_of, device_of
from darbnica.sync import Outcome, Sync, sync_error


class _ProgressLine:
    """One line on standard error, rewritten in place as a long transfer goes on (only on a terminal)."""

    def __init__(self, env: Env) -> None:
        self.env = env
        self.shown = False
        self.live = sys.stderr.isatty()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.live:
            return
        text = self.env.t("cli.sync_progress", stage=self.env.t(f"cli.sync_stage_{stage}"))
        if total:
            text += f" {done}/{total}"
        click.echo(f"\r{text[:78]:78}", nl=False, err=True)
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            click.echo(f"\r{'':78}\r", nl=False, err=True)
            self.shown = False


@click.command("sync")
@click.option(
    "--remote",
    metavar="URL",
    help="Set the shared archive once: a folder with a bare git repository, "
    "or a git URL (SSH or HTTPS, with your own keys; no password is stored).",
)
@click.option(
    "--bundle",
    "bundle",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write this laptop's archive to FILE (for a USB stick) instead of syncing with the remote.",
)
@click.option(
    "--from-bundle",
    "from_bundle",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    metavar="FILE",
    help="Take in the workshops a bundle from another laptop carries.",
)
@pass_env
def sync(env: Env, remote: str | None, bundle: Path | None, from_bundle: Path | None) -> None:
    """Record this laptop's workshops, take the shared archive's, and send this laptop's."""
    progress = _ProgressLine(env)
    syncing = Sync(env.paths, progress)
    try:
        if remote is not None:
            syncing.set_remote(remote)
            click.echo(env.t("cli.sync_remote_set", remote=syncing.remote))
        if bundle is not None:
            outcome = syncing.write_bundle(bundle)
        elif from_bundle is not None:
            outcome = syncing.read_bundle(from_bundle)
        else:
            outcome = syncing.run()
    except DarbnicaError:
        progress.clear()
        raise
    except Exception as error:  # git, the network or the disk: one clear line, the folder as it was
        progress.clear()
        raise sync_error(error) from error
    finally:
        syncing.close()
    progress.clear()
    _tell(env, outcome, syncing, bundle, from_bundle)


def _tell(env: Env, outcome: Outcome, syncing: Sync, bundle: Path | None, from_bundle: Path | None) -> None:
    for workshop_id in outcome.skipped:
        env.warn(env.t("cli.sync_skipped", id=workshop_id))
    if outcome.committed:
        click.echo(env.t("cli.sync_committed", count=outcome.committed))
    if outcome.received:
        click.echo(env.t("cli.sync_received", count=len(outcome.received)))
    for conflict in outcome.conflicts:
        env.warn(env.t("cli.sync_conflict", file=str(env.paths.data / conflict)))
    if bundle is not None:
        click.echo(env.t("cli.sync_bundle_written", file=str(bundle)))
    elif from_bundle is not None:
        click.echo(env.t("cli.sync_bundle_read", file=str(from_bundle)))
    elif syncing.remote is None:
        click.echo(env.t("cli.sync_local_only"))
    elif outcome.pushed:
        click.echo(env.t("cli.sync_pushed", remote=syncing.remote))
    else:
        click.echo(env.t("cli.sync_up_to_date", remote=syncing.remote))


@click.command()
@click.argument("copy", required=False)
@click.option(
    "--keep",
    type=click.Choice([k.value for k in Keep]),
    help="this: keep this laptop's copy; other: take the other laptop's; both: the other becomes a new workshop.",
)
@pass_env
def resolve(env: Env, copy: str | None, keep: str | None) -> None:
    """List the copies a sync kept beside workshops that changed on two laptops, or settle COPY (its file name, or
    its workshop's id) with --keep."""
    library = env.library
    if copy is None or keep is None:
        copies = library.conflicts()
        if not copies:
            click.echo(env.t("cli.no_conflicts"))
            return
        for path in copies:
            click.echo(env.t("cli.conflict_line", file=path.name, id=conflict_of(path), device=device_of(path)))
        click.echo(env.t("cli.conflict_how"))
        return
    click.echo(env.t("cli.resolved", id=library.resolve_conflict(copy, Keep(keep))))

"""The command line: ``darbnica`` opens the app; subcommands script the same core.

Every subcommand works on the data folder (``--data-dir`` or ``DARBNICA_HOME``, else the platform's folder), speaks
the interface language (``--lang``), and on a problem prints one clear line and exits non-zero without writing
anything. The subcommands live in ``workshops.py`` (open, new, add, list, show, plans, locate), ``exchange.py``
(export, import, share), ``trash.py`` (delete, restore, trash), ``sharing.py`` (sync, resolve) and ``promises.py``
(tasks, status, take-over), and are imported only when used: starting the app does not load the code for archives,
exports, git or the share server.
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn

import click

from darbnica.errors import DarbnicaError
from darbnica.i18n import LANGS, Translate, detect_lang, translator
from darbnica.paths import Paths, resolve_paths
from darbnica.plan import PlanLibrary, load_plans
from darbnica.settings import Settings, load_settings
from darbnica.store import Library
from darbnica.text import display


@dataclass
class Env:
    """What every command needs, made once from the global options."""

    paths: Paths
    lang: str
    settings: Settings
    theme: str | None = None
    chosen_lang: str | None = None
    """The language given with --lang, if it was: the app remembers it in the settings (a command does not)."""

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
        click.echo(f"darbnica: {display(text)}", err=True)

    def fail(self, error: DarbnicaError) -> NoReturn:
        self.warn(self.message(error))
        raise SystemExit(1)

    def confirm(self, question: str) -> bool:
        """Ask ``question`` in the interface language (click's own ``confirm`` speaks only English): only a yes,
        in either language, says yes; Enter alone says no."""
        yes, no = self.t("cli.yes").split(), self.t("cli.no").split()
        while True:
            typed = click.prompt(f"{question} [{self.t('cli.yes_no')}]", default="", show_default=False)
            answer = typed.strip().casefold()
            if answer in yes:
                return True
            if not answer or answer in no:
                return False
            click.echo(self.t("cli.answer_yes_no"))


# Command name → (module in this package, function): loaded on first use.
COMMANDS = {
    "open": ("workshops", "open_"),
    "new": ("workshops", "new"),
    "add": ("workshops", "add"),
    "list": ("workshops", "list_"),
    "show": ("workshops", "show"),
    "plans": ("workshops", "plans"),
    "locate": ("workshops", "locate"),
    "export": ("exchange", "export"),
    "import": ("exchange", "import_"),
    "share": ("exchange", "share"),
    "delete": ("trash", "delete"),
    "restore": ("trash", "restore"),
    "trash": ("trash", "trash"),
    "sync": ("sharing", "sync"),
    "resolve": ("sharing", "resolve"),
    "tasks": ("promises", "tasks"),
    "status": ("promises", "status"),
    "take-over": ("promises", "take_over"),
}


class _HeldWarnings(logging.Handler):
    """What the core logs while a command runs (a catalog that could not be updated, a lock's record not written).

    Without a handler Python would print each record raw to stderr in the middle of the command's output, so an
    error would no longer be one line. They are held instead: a command that fails prints only its error (they
    were side effects of the same cause); one that succeeds prints each distinct one after, as a clean line.
    """

    SHOWN = 5

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message not in self.messages:
            self.messages.append(message)

    def show(self, warn: Callable[[str], None]) -> None:
        for message in self.messages[: self.SHOWN]:
            warn(message)
        if len(self.messages) > self.SHOWN:
            warn(f"… {len(self.messages) - self.SHOWN} more")


def usage_problem(env: Env, error: click.UsageError) -> str:
    """A command typed wrong, said in the interface language: what is wrong, the command's usage, where its help is."""
    t = env.t
    param = getattr(error, "param", None)
    name = param.get_error_hint(error.ctx) if param is not None and error.ctx is not None else ""
    name = name.replace("'", "").replace('"', "")
    if isinstance(error, click.MissingParameter):
        problem = t("cli.usage_missing", name=name)
    elif isinstance(error, click.NoSuchOption):
        problem = t("cli.usage_no_option", name=error.option_name)
    elif isinstance(error, click.BadParameter) and param is not None and isinstance(param.type, click.Choice):
        problem = t("cli.usage_choose", name=name, known=", ".join(map(str, param.type.choices)))
    elif isinstance(error, click.BadParameter):
        problem = t("cli.usage_bad", name=name, problem=error.message)
    else:
        problem = t("cli.usage_other", problem=error.message)
    lines = [f"darbnica: {display(problem)}"]
    if error.ctx is not None:
        path = error.ctx.command_path
        usage = error.ctx.command.collect_usage_pieces(error.ctx)
        lines.append(t("cli.usage_line", usage=" ".join([path, *usage])))
        lines.append(t("cli.usage_help", command=f"{path} --help"))
    return "\n".join(lines)


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(f"darbnica.cli.{module}"), name)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        core = logging.getLogger("darbnica")
        held = _HeldWarnings()
        core.addHandler(held)
        core.propagate = False
        try:
            result = super().invoke(ctx)
        except DarbnicaError as error:
            self._env(ctx).fail(error)
        except click.UsageError as error:
            env = self._env(ctx)
            if env.lang == "en":
                raise  # click says it in English already
            click.echo(usage_problem(env, error), err=True)  # click's own words would be English
            raise SystemExit(error.exit_code) from None
        except (click.Abort, KeyboardInterrupt, EOFError):
            # click would print "Aborted!" in English; the same in the interface language.
            click.echo(err=True)
            self._env(ctx).warn(self._env(ctx).t("cli.aborted"))
            raise SystemExit(1) from None
        finally:
            core.removeHandler(held)
            core.propagate = True
        done = ctx.find_object(Env)
        if done is not None:
            held.show(done.warn)
        return result

    @staticmethod
    def _env(ctx: click.Context) -> Env:
        return ctx.find_object(Env) or Env(resolve_paths(), detect_lang(), Settings())


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
    chosen = lang or settings.lang or detect_lang()
    ctx.obj = env = Env(paths=paths, lang=chosen, settings=settings, theme=theme, chosen_lang=lang)
    for problem in settings.problems:
        env.warn(env.message(problem))
    if ctx.invoked_subcommand is None:
        run_app(ctx.obj)


FRAMES_PER_SECOND = 240
"""The most frames a second the app draws (Textual's ``TEXTUAL_FPS``; its own default is 60, which a user's own
setting still overrides). Textual draws a change at once, but one that comes within 1/60 s of the last frame waits
for the next sixtieth: the frame that shows a note saved (the writer's report, a few milliseconds after the note
was drawn "saving") and a key typed right after Enter waited up to 17 ms. Frames are drawn only when something
changed, so an idle app draws no more often."""


def use_frame_rate() -> None:
    """Set the app's frame cap; read by Textual when it is first imported, so this comes before."""
    os.environ.setdefault("TEXTUAL_FPS", str(FRAMES_PER_SECOND))


def run_app(env: Env, workshop: str | None = None, step: str | None = None, follow: bool = False) -> None:
    use_frame_rate()
    # Imported here, so that scripted commands do not pay for Textual (and looked up in its module, where the
    # benchmarks put an instrumented subclass).
    from darbnica.ui import app as ui_app
    from darbnica.ui.themes import load_themes

    if env.theme is not None:
        themes = load_themes(env.paths).themes
        if env.theme not in themes:
            raise DarbnicaError("error.no_theme", theme=env.theme, known=", ".join(themes))
    app = ui_app.DarbnicaApp(
        env.paths, lang=env.lang, settings=env.settings, workshop=workshop, step=step, theme=env.theme, follow=follow
    )
    # The language and theme chosen on the command line are the facilitator's choice for the next start too, as
    # when chosen in the app; a scripted command's --lang is for that command only.
    if env.chosen_lang is not None:
        app.remember("lang", env.chosen_lang)
    if env.theme is not None:
        app.remember("theme", env.theme)
    # Everything imported so far lives as long as the app: exempt it from garbage collection, which otherwise
    # walks those hundreds of thousands of objects again at every full collection (about 25 ms at start-up
    # with a thousand workshops, and a pause at any moment later, a note being added included).
    gc.freeze()
    app.run()
    if app.return_code:
        raise SystemExit(app.return_code)

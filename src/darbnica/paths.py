"""Where darbnica keeps things. The one place tests point somewhere else.

Precedence: ``--data-dir`` on the command line, then ``DARBNICA_HOME``, then the platform's usual folders.
When a folder is given explicitly, the configuration lives inside it (``<dir>/config``) so one folder holds a
whole installation: handy on a USB stick, and what the tests use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "darbnica"
ENV_HOME = "DARBNICA_HOME"


@dataclass(frozen=True)
class Paths:
    data: Path
    config: Path

    @property
    def workshops(self) -> Path:
        return self.data / "workshops"

    @property
    def exports(self) -> Path:
        return self.data / "exports"

    @property
    def catalog(self) -> Path:
        return self.data / "catalog.json"

    @property
    def search_index(self) -> Path:
        """The full-text index of what people wrote: derived from the workshop files, made again when lost."""
        return self.data / "search.sqlite3"

    @property
    def sync_repo(self) -> Path:
        """The git repository ``darbnica sync`` commits the workshops and the trash to (:mod:`darbnica.sync`)."""
        return self.data / "sync.git"

    @property
    def share_links(self) -> Path:
        """Each shared workshop's address, kept for a restart in the middle of it (:mod:`darbnica.share.addresses`)."""
        return self.data / "share-links.json"

    @property
    def events(self) -> Path:
        """What other laptops recorded about workshops they do not own (:mod:`darbnica.store.events`)."""
        return self.data / "events"

    @property
    def trash(self) -> Path:
        """Deleted workshops, kept whole until the trash is emptied: ``<data>/trash/<id>.json``."""
        return self.data / "trash"

    @property
    def user_plans(self) -> Path:
        return self.config / "plans"

    @property
    def user_themes(self) -> Path:
        return self.config / "themes"

    @property
    def settings(self) -> Path:
        return self.config / "settings.toml"


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> Paths:
    """The folders to use, from an explicit folder, the environment, or the platform defaults."""
    chosen = data_dir or os.environ.get(ENV_HOME)
    if chosen:
        root = Path(chosen).expanduser().absolute()
        return Paths(data=root, config=root / "config")
    return Paths(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )


def _shipped(name: str) -> Path:
    # In an installed wheel the folder is package data; in a source checkout (editable install) it sits at the
    # top of the repository.
    packaged = Path(__file__).resolve().parent / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / name


def builtin_plans() -> Path:
    return _shipped("sessions")


def builtin_themes() -> Path:
    return _shipped("themes")

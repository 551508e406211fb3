"""Sharing the archive through git: ``darbnica sync``.

The data folder's workshop files and trash are committed to a git repository of darbnica's own, ``<data>/sync.git``
(bare: git never checks files out into the data folder, darbnica writes them itself). dulwich does the git work in
pure Python, so a laptop needs no git program; the remote is anything git reaches: a bare repository on a shared
folder or USB stick, or a git server over SSH or HTTPS, with the user's own keys and credential helpers (darbnica
stores no password and refuses a URL that carries one). A bundle file carries the same commits between laptops that
never meet a network.

A sync is: commit what the atomic writes left (each changed workshop read under its lock, so never half a change
and never a workshop open for writing elsewhere), take the remote's commits, merge them file by file, write the
files that came from others (each under its lock, atomically), then push. Nothing in the data folder changes until
every object is on disk here; a sync killed or refused at any moment leaves every file whole, and the next sync
finishes the work. One workshop file has one owner, so the same file rarely changes on two laptops; when it does
(files copied by hand), this laptop's copy stays in place and the other is kept beside it as
``<id>.conflict-<device>-<hash>``, for :mod:`darbnica.cli` to show and resolve: nothing is merged silently.
"""

from darbnica.sync.history import FOLDERS, Outcome, Progress, Repository
from darbnica.sync.transport import Sync, checked_remote, sync_error

__all__ = ["FOLDERS", "Outcome", "Progress", "Repository", "Sync", "checked_remote", "sync_error"]

"""The remote and the bundles of ``darbnica sync``: fetching the other laptops' commits, pushing ours, and the same
carried in a file on a USB stick (the commits and the merge are :mod:`.history`'s).
"""

from __future__ import annotations

import errno
import io
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from darbnica.errors import DarbnicaError, InvalidInput
from darbnica.paths import Paths
from darbnica.store.storage import atomic_write, ensure_folder, write_failed
from darbnica.sync.history import BRANCH, LOCK_WAIT, THEIRS, Outcome, Progress, Repository, quiet

PUSH_TRIES = 3
"""Times to take the remote's new commits and push again when another laptop pushed in between."""


class _RemoteMoved(Exception):
    """Another laptop pushed between our fetch and our push."""


def sync_error(error: BaseException) -> DarbnicaError:
    """A failure of git, the network or the disk as one clear line; the data folder is as it was."""
    if isinstance(error, DarbnicaError):
        return error
    from dulwich.file import FileLocked

    if isinstance(error, FileLocked):  # a sync killed while it held the shared folder's branch (git leaves it too)
        return DarbnicaError("error.sync_remote_locked", file=os.fsdecode(error.lockfilename))
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES):
        return write_failed(error, Path(error.filename or "."))
    detail = str(error).strip() or type(error).__name__
    return DarbnicaError("error.sync_failed", detail=detail.splitlines()[0][:300])


def checked_remote(url: str) -> str:
    """A remote as given, refused if it carries a password: darbnica keeps none (use SSH keys or git's helpers)."""
    url = url.strip()
    if not url:
        raise InvalidInput("error.sync_no_remote")
    parts = urlsplit(url)
    if parts.scheme and parts.password:
        raise InvalidInput("error.sync_password_in_url")
    if not parts.scheme and not re.match(r"^[\w.-]+@[\w.-]+:", url):
        return str(Path(url).expanduser().absolute())  # a folder: the same wherever the command was run from
    return url


class Sync(Repository):
    """``darbnica sync`` for one data folder: one at a time, with the remote or a bundle."""

    def __init__(self, paths: Paths, progress: Progress = quiet) -> None:
        super().__init__(paths, progress)
        self._stage = "fetch"

    # -- one sync at a time ------------------------------------------------------------------------------------

    def run(self) -> Outcome:
        """Commit, take the remote's work, push: the whole ``darbnica sync``."""
        with self._exclusive():
            return self._run()

    def write_bundle(self, target: Path) -> Outcome:
        """Commit, then write every commit of the archive to ``target`` for another laptop."""
        with self._exclusive():
            return self._write_bundle(target)

    def read_bundle(self, source: Path) -> Outcome:
        """Commit, then take the commits a bundle carries as if pulled from a remote."""
        with self._exclusive():
            return self._read_bundle(source)

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """One sync of this data folder at a time. Holding it, a git lock file left in the repository can only be
        a killed sync's (git's own ``*.lock`` files are made, written and renamed): it is removed, or every later
        sync would be refused. That is any of them: a ref's, the config's, and a loose object's or a pack index's
        (a sync killed while storing an object leaves its lock, and the next sync stores the same object)."""
        from filelock import FileLock, Timeout

        ensure_folder(self.paths.data)
        lock = FileLock(self.paths.data / ".sync.lock", timeout=LOCK_WAIT)
        try:
            lock.acquire()
        except Timeout:
            raise DarbnicaError("error.sync_running") from None
        try:
            if self.root.is_dir():
                for leftover in self.root.rglob("*.lock"):
                    leftover.unlink(missing_ok=True)
            yield
        finally:
            lock.release()

    @property
    def remote(self) -> str | None:
        try:
            return str(self.repo.get_config().get((b"remote", b"origin"), b"url").decode("utf-8"))
        except KeyError:
            return None

    def set_remote(self, url: str) -> None:
        config = self.repo.get_config()
        config.set((b"remote", b"origin"), b"url", checked_remote(url).encode("utf-8"))
        config.write_to_path()

    # -- the remote ------------------------------------------------------------------------------------------

    def _client(self) -> tuple[Any, str]:
        from dulwich.client import get_transport_and_path

        remote = self.remote
        if remote is None:
            raise InvalidInput("error.sync_no_remote")
        client, path = get_transport_and_path(remote)
        return client, path

    def _git_progress(self, data: bytes) -> None:
        """A server's own progress ("Receiving objects:  45% (450/1000)"): its numbers, in our words."""
        found = re.findall(rb"\((\d+)/(\d+)\)", data)
        if found:
            done, total = found[-1]
            self.progress(self._stage, int(done), int(total))

    def fetch(self) -> bytes | None:
        """The remote's tip, its objects now here (``None``: the remote is empty)."""
        client, path = self._client()
        self._stage = "fetch"
        self.progress("fetch", 0, 0)

        def wants(refs: Mapping[bytes, bytes], depth: int | None = None) -> list[bytes]:
            tip = refs.get(BRANCH)
            return [tip] if tip is not None and tip not in self.repo.object_store else []

        result = client.fetch(path, self.repo, determine_wants=wants, progress=self._git_progress)
        tip = result.refs.get(BRANCH)
        if tip is not None:
            self.repo.refs[THEIRS] = tip
        return bytes(tip) if tip is not None else None

    def push(self, expected: bytes | None, tip: bytes) -> None:
        client, path = self._client()
        self._stage = "push"
        self.progress("push", 0, 0)

        def update(refs: dict[bytes, bytes]) -> dict[bytes, bytes]:
            if refs.get(BRANCH) != expected:
                raise _RemoteMoved
            return {**refs, BRANCH: tip}

        target = path.encode() if isinstance(path, str) else path
        result = client.send_pack(target, update, self.repo.generate_pack_data, progress=self._git_progress)
        errors = {ref: why for ref, why in (getattr(result, "ref_status", None) or {}).items() if why}
        if errors:
            raise DarbnicaError("error.sync_failed", detail="; ".join(f"{r.decode()}: {w}" for r, w in errors.items()))
        self.repo.refs[THEIRS] = tip

    def _run(self) -> Outcome:
        """Commit, take the remote's work, push: the whole ``darbnica sync``."""
        outcome = Outcome()
        ours = self.commit_local(outcome)
        if self.remote is None:
            return outcome
        for _ in range(PUSH_TRIES):
            theirs = self.fetch()
            tip = self.merge(ours, theirs, outcome) if theirs is not None else ours
            if tip is None or tip == theirs:
                return outcome
            try:
                self.push(theirs, tip)
            except _RemoteMoved:
                ours = tip
                continue
            outcome.pushed = True
            return outcome
        raise DarbnicaError("error.sync_busy")

    # -- bundles --------------------------------------------------------------------------------------------------

    def _write_bundle(self, target: Path) -> Outcome:
        """Commit, then write every commit of the archive to ``target`` (atomically) for another laptop."""
        from dulwich.bundle import create_bundle_from_repo, write_bundle

        outcome = Outcome()
        if self.commit_local(outcome) is None:
            raise DarbnicaError("error.sync_nothing_to_bundle")
        self.progress("bundle", 0, 0)
        bundle = create_bundle_from_repo(self.repo, refs=cast(Any, [BRANCH]))
        buffer = io.BytesIO()
        write_bundle(buffer, bundle)
        bundle.close()
        atomic_write(target, buffer.getvalue())
        return outcome

    def _read_bundle(self, source: Path) -> Outcome:
        """Commit, then take the commits a bundle carries as if pulled from a remote."""
        from dulwich.bundle import read_bundle

        outcome = Outcome()
        ours = self.commit_local(outcome)
        try:
            with source.open("rb") as file:
                bundle = read_bundle(file)
                try:
                    references: Any = bundle.references
                    tip = references.get(BRANCH)
                    if tip is None:
                        raise DarbnicaError("error.sync_bad_bundle", file=str(source))
                    missing = [sha for sha, _ in bundle.prerequisites if sha not in self.repo.object_store]
                    if missing:
                        raise DarbnicaError("error.sync_bad_bundle", file=str(source))
                    self.progress("bundle", 0, 0)
                    bundle.store_objects(self.repo.object_store)
                finally:
                    bundle.close()
        except (ValueError, AssertionError, KeyError) as error:
            raise DarbnicaError("error.sync_bad_bundle", file=str(source)) from error
        self.merge(ours, bytes(tip), outcome)
        return outcome

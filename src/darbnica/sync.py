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

from __future__ import annotations

import errno
import io
import logging
import os
import re
import secrets
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from darbnica.errors import DarbnicaError, InvalidInput, Locked
from darbnica.paths import Paths
from darbnica.store.conflicts import CONFLICT, conflict_name
from darbnica.store.device import device_id
from darbnica.store.library import slug
from darbnica.store.lock import WorkshopLock
from darbnica.store.storage import atomic_write, dump_json, ensure_folder, load_json, sync_folder, write_failed
from darbnica.store.trash import JOURNAL_SUFFIX

log = logging.getLogger(__name__)

BRANCH = b"refs/heads/main"
THEIRS = b"refs/remotes/origin/main"
APPLYING = b"refs/darbnica/applying"
FOLDERS = ("workshops", "trash", "events")
"""What is shared: the workshops, the trash (a deletion travels as a move into the trash) and the events other
laptops recorded about workshops they do not own (each written once under a name of its own: no lock, no merge).
Not the catalog or the search index (made again from the files), not settings, plans or themes (each laptop's
own)."""
FILE_MODE = 0o100644
LOCK_WAIT = 2.0
"""Seconds to wait for a command line that holds a workshop for a moment; the app holds it all along."""
PUSH_TRIES = 3
"""Times to take the remote's new commits and push again when another laptop pushed in between."""

Progress = Callable[[str, int, int], None]
"""Called with a stage (``read``, ``fetch``, ``write``, ``push``, ``bundle``), how far it is and of how much (0
when not known), for a progress line."""
Tree = dict[bytes, bytes]
"""A commit's files: path in the repository → blob id."""


def _quiet(stage: str, done: int, total: int) -> None:
    pass


@dataclass
class Outcome:
    """What a sync did, for the command line to tell."""

    committed: int = 0
    """Files of this laptop's that were new or changed since the last sync."""
    received: list[str] = field(default_factory=list)
    """Files written here from other laptops' commits."""
    conflicts: list[str] = field(default_factory=list)
    """Copies kept beside a workshop that changed differently here and elsewhere."""
    skipped: list[str] = field(default_factory=list)
    """Workshops open for writing in another darbnica: their last synced version was shared instead."""
    pushed: bool = False


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


def _shared(name: str) -> bool:
    """A file of the data folder that travels: a workshop, its phones' journal, a kept conflict copy."""
    if name.startswith("."):
        return False  # locks, lock owners, temporary files of a write in progress
    return name.endswith((".json", JOURNAL_SUFFIX)) or CONFLICT in name


class Sync:
    """The sync repository of one data folder."""

    def __init__(self, paths: Paths, progress: Progress = _quiet) -> None:
        self.paths = paths
        self.root = paths.sync_repo
        self.progress = progress
        self._repo: Any = None
        self._stage = "fetch"
        self._pending_cache: dict[str, list[Any]] = {}

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
        sync would be refused."""
        from filelock import FileLock, Timeout

        ensure_folder(self.paths.data)
        lock = FileLock(self.paths.data / ".sync.lock", timeout=LOCK_WAIT)
        try:
            lock.acquire()
        except Timeout:
            raise DarbnicaError("error.sync_running") from None
        try:
            if self.root.is_dir():
                for leftover in [*self.root.glob("*.lock"), *self.root.glob("refs/**/*.lock")]:
                    leftover.unlink(missing_ok=True)
            yield
        finally:
            lock.release()

    # -- the repository ----------------------------------------------------------------------------------------

    @property
    def repo(self) -> Any:
        if self._repo is None:
            from dulwich.repo import Repo

            if (self.root / "HEAD").exists():
                self._repo = Repo(str(self.root))
            else:
                ensure_folder(self.root.parent)
                # Made under a temporary name and renamed: a sync killed here leaves no half-made repository.
                temp = self.root.with_name(f".{self.root.name}.{secrets.token_hex(4)}.tmp")
                Repo.init_bare(str(temp), mkdir=True).close()
                os.replace(temp, self.root)
                self._repo = Repo(str(self.root))
        return self._repo

    @property
    def device(self) -> str:
        """This laptop's name in the shared archive (its host name and four random hex digits)."""
        return device_id(self.paths)

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

    def close(self) -> None:
        if self._repo is not None:
            self._repo.close()
            self._repo = None

    def _head(self) -> bytes | None:
        try:
            return bytes(self.repo.refs[BRANCH])
        except KeyError:
            return None

    def _tree_of(self, commit: bytes | None) -> Tree:
        if commit is None:
            return {}
        from dulwich.object_store import iter_tree_contents

        tree = self.repo[commit].tree
        return {bytes(e.path): bytes(e.sha) for e in iter_tree_contents(self.repo.object_store, tree)}

    # -- this laptop's work ------------------------------------------------------------------------------------

    @property
    def _cache_path(self) -> Path:
        return self.root / "darbnica-files.json"

    def _load_cache(self) -> dict[str, list[Any]]:
        """Each shared file's inode, size and time when its blob was last made: an unchanged file is not read
        again, so a sync after one change costs a look at each file's status, not reading the archive."""
        try:
            data = load_json(self._cache_path)
        except (OSError, DarbnicaError):
            return {}
        return data if isinstance(data, dict) else {}

    def _files(self) -> Iterator[tuple[str, Path]]:
        for folder in FOLDERS:
            base = self.paths.data / folder
            if not base.is_dir():
                continue
            for path in sorted(base.iterdir()):
                if _shared(path.name) and path.is_file():
                    yield f"{folder}/{path.name}", path

    def snapshot(self, outcome: Outcome) -> Tree:
        """The data folder's shared files as blobs in the repository (new ones stored), each changed workshop read
        under its lock. A workshop another darbnica has open keeps the version last committed."""
        from dulwich.objects import Blob

        previous = self._tree_of(self._head())
        cache = self._load_cache()
        files = list(self._files())
        by_workshop: dict[str, list[tuple[str, Path]]] = {}
        for name, path in files:
            by_workshop.setdefault(path.name.partition(".")[0] + "/" + name.split("/")[0], []).append((name, path))
        tree: Tree = {}
        fresh: dict[str, list[Any]] = {}
        store = self.repo.object_store
        done = 0
        for key, group in by_workshop.items():
            stats = {name: path.stat() for name, path in group}
            known = {name: cache.get(name) for name, _ in group}
            if all(_same(known[name], stats[name]) for name, _ in group):
                for name, _ in group:
                    tree[name.encode()] = str(known[name][3]).encode()  # type: ignore[index]
                    fresh[name] = known[name]  # type: ignore[assignment]
            else:
                workshop_id, _, folder = key.partition("/")
                try:
                    with self._held(folder, workshop_id):
                        for name, path in group:
                            stat = path.stat()
                            blob = Blob.from_string(path.read_bytes())
                            if blob.id not in store:
                                store.add_object(blob)
                            tree[name.encode()] = bytes(blob.id)
                            fresh[name] = [stat.st_ino, stat.st_size, stat.st_mtime_ns, blob.id.decode()]
                            outcome.committed += 1
                except Locked:
                    outcome.skipped.append(workshop_id)
                    for name, _ in group:
                        if name.encode() in previous:
                            tree[name.encode()] = previous[name.encode()]
            done += len(group)
            self.progress("read", done, len(files))
        self._pending_cache = fresh
        return tree

    def _save_cache(self) -> None:
        try:
            atomic_write(self._cache_path, dump_json(self._pending_cache))
        except DarbnicaError as error:
            log.warning("could not keep the sync's file list (the next sync reads every file): %s", error)

    @contextmanager
    def _held(self, folder: str, workshop_id: str) -> Iterator[None]:
        """The workshop's lock (taken for a workshop file, its journal and its conflict copies alike; a file in the
        trash has no writer, it is only ever moved whole)."""
        if folder != "workshops":
            yield
            return
        lock = WorkshopLock(self.paths.workshops / f"{workshop_id}.json", wait=LOCK_WAIT)
        lock.acquire()
        try:
            yield
        finally:
            lock.release()

    def commit(self, tree: Tree, parents: list[bytes], message: str) -> bytes:
        from dulwich.index import commit_tree
        from dulwich.objects import Commit

        commit = Commit()
        blobs: Any = [(p, s, FILE_MODE) for p, s in sorted(tree.items())]  # dulwich types ids as ObjectID (bytes)
        commit.tree = commit_tree(self.repo.object_store, blobs)
        commit.parents = cast(Any, parents)
        who = f"{self.device} <{self.device}@darbnica>".encode()
        commit.author = commit.committer = who
        commit.author_time = commit.commit_time = int(time.time())
        commit.author_timezone = commit.commit_timezone = 0
        commit.encoding = b"UTF-8"
        commit.message = message.encode("utf-8")
        self.repo.object_store.add_object(commit)
        return bytes(commit.id)

    def commit_local(self, outcome: Outcome) -> bytes | None:
        """Commit this laptop's changes since the last sync; return the commit now at the tip (``None``: empty)."""
        self._finish_interrupted(outcome)
        tree = self.snapshot(outcome)
        head = self._head()
        if tree == self._tree_of(head) and head is not None:
            self._save_cache()
            return head
        if head is None and not tree:
            return None
        commit = self.commit(tree, [head] if head else [], f"darbnica on {self.device}: {outcome.committed} files")
        self.repo.refs[BRANCH] = commit
        self._save_cache()
        return commit

    # -- taking others' work -------------------------------------------------------------------------------------

    def _device_of(self, commit: bytes) -> str:
        author = self.repo[commit].author.decode("utf-8", "replace")
        found = re.search(r"<([^@>]*)@", author)
        return slug(found.group(1) if found else "other", limit=30)

    def merge(self, ours: bytes | None, theirs: bytes, outcome: Outcome) -> bytes:
        """The commit joining ``theirs`` into ``ours``, file by file; the data folder is brought to its files."""
        from dulwich.graph import find_merge_base

        if ours is None or ours == theirs:
            result = theirs
        else:
            bases = find_merge_base(self.repo, cast(Any, [ours, theirs]))
            base = bytes(bases[0]) if bases else None
            if base == theirs:
                return ours  # nothing new from them
            if base == ours:
                result = theirs  # only theirs moved on: take it as it is
            else:
                merged = self._merged(self._tree_of(base), self._tree_of(ours), self._tree_of(theirs), theirs, outcome)
                result = self.commit(merged, [ours, theirs], f"darbnica on {self.device}: merged")
        # Noted before the first file is written: a sync killed while writing finishes the job next time instead of
        # taking the files it had written for this laptop's own changes (which would clash with theirs later).
        self.repo.refs[APPLYING] = result
        self._bring_folder(self._tree_of(ours), self._tree_of(result), outcome)
        self.repo.refs[BRANCH] = result
        del self.repo.refs[APPLYING]
        return result

    def _finish_interrupted(self, outcome: Outcome) -> None:
        """Finish writing the files of a commit a killed sync had begun to bring into the folder."""
        try:
            target = bytes(self.repo.refs[APPLYING])
        except KeyError:
            return
        try:
            self._bring_folder(self._tree_of(self._head()), self._tree_of(target), outcome, resuming=True)
        except DarbnicaError as error:
            if error.key != "error.sync_changed_meanwhile":
                raise
            # Changed here since: left to the merge, which keeps both copies if they differ.
            log.warning("an interrupted sync could not be finished as it was: %s", error)
        else:
            self.repo.refs[BRANCH] = target
        del self.repo.refs[APPLYING]

    def _merged(self, base: Tree, ours: Tree, theirs: Tree, their_commit: bytes, outcome: Outcome) -> Tree:
        merged: Tree = {}
        device = self._device_of(their_commit)
        for path in sorted(set(base) | set(ours) | set(theirs)):
            b, o, t = base.get(path), ours.get(path), theirs.get(path)
            if o == t or b == t:
                chosen = o
            elif b == o:
                chosen = t
            elif o is None or t is None:
                chosen = o or t  # changed on one laptop, deleted on the other: the change is kept
            else:
                # Changed differently on both: ours stays in place, theirs is kept beside it.
                folder, _, name = path.decode().partition("/")
                kept = f"{folder}/{conflict_name(name, device, t.decode('ascii'))}".encode()
                merged[kept] = t
                outcome.conflicts.append(kept.decode())
                chosen = o
            if chosen is not None:
                merged[path] = chosen
        return merged

    def _bring_folder(self, before: Tree, after: Tree, outcome: Outcome, *, resuming: bool = False) -> None:
        """Write the files that differ between the commits, each changed workshop under its lock; refused before
        anything is written if a workshop to change is open, or changed since the snapshot."""
        changed = sorted(path for path in set(before) | set(after) if before.get(path) != after.get(path))
        if not changed:
            return
        groups: dict[tuple[str, str], list[bytes]] = {}
        for path in changed:
            folder, _, name = path.decode().partition("/")
            groups.setdefault((folder, name.partition(".")[0]), []).append(path)
        with ExitStack() as held:
            for folder, workshop_id in groups:
                held.enter_context(self._held(folder, workshop_id))
            for path in changed:  # still as committed? (a note added between the snapshot and now)
                here = self.paths.data / path.decode()
                found = _blob_id_of(here)
                if found != before.get(path) and not (resuming and found == after.get(path)):
                    raise DarbnicaError("error.sync_changed_meanwhile", file=str(here))
            for number, path in enumerate(changed, 1):
                here = self.paths.data / path.decode()
                blob = after.get(path)
                if blob is None:
                    here.unlink(missing_ok=True)
                    sync_folder(here.parent)
                else:
                    ensure_folder(here.parent)
                    atomic_write(here, self.repo[blob].as_raw_string())
                if path.decode() not in outcome.conflicts:
                    outcome.received.append(path.decode())
                self.progress("write", number, len(changed))
        # The files are as the commit has them: remember their status so the next sync does not read them again.
        fresh = self._load_cache()
        for path in changed:
            here = self.paths.data / path.decode()
            name = path.decode()
            if path in after and here.exists():
                stat = here.stat()
                fresh[name] = [stat.st_ino, stat.st_size, stat.st_mtime_ns, after[path].decode()]
            else:
                fresh.pop(name, None)
        self._pending_cache = fresh
        self._save_cache()

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


def _same(known: list[Any] | None, stat: os.stat_result) -> bool:
    return (
        isinstance(known, list)
        and len(known) == 4
        and known[:3] == [stat.st_ino, stat.st_size, stat.st_mtime_ns]
        and isinstance(known[3], str)
    )


def _blob_id_of(path: Path) -> bytes | None:
    from dulwich.objects import Blob

    try:
        return bytes(Blob.from_string(path.read_bytes()).id)
    except FileNotFoundError:
        return None

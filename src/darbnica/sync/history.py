"""The sync repository of one data folder: this laptop's work committed, the others' merged file by file, and the
folder brought to the result (see :mod:`darbnica.sync` for the whole sync; the remote and bundles are
:mod:`.transport`'s).
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from darbnica.errors import DarbnicaError, Locked
from darbnica.paths import Paths
from darbnica.store.conflicts import CONFLICT, conflict_name
from darbnica.store.device import device_id
from darbnica.store.library import slug
from darbnica.store.lock import WorkshopLock
from darbnica.store.storage import atomic_write, dump_json, ensure_folder, load_json, sync_folder
from darbnica.store.trash import JOURNAL_SUFFIX
from darbnica.sync.claims import claim_unowned

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

Progress = Callable[[str, int, int], None]
"""Called with a stage (``read``, ``fetch``, ``write``, ``push``, ``bundle``), how far it is and of how much (0
when not known), for a progress line."""
Tree = dict[bytes, bytes]
"""A commit's files: path in the repository → blob id."""


def quiet(stage: str, done: int, total: int) -> None:
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


def _shared(name: str) -> bool:
    """A file of the data folder that travels: a workshop, its phones' journal, an event, a kept conflict copy."""
    if name.startswith("."):
        return False  # locks, lock owners, temporary files of a write in progress
    return name.endswith((".json", JOURNAL_SUFFIX)) or CONFLICT in name


class Repository:
    """The sync repository of one data folder: what this laptop commits and how others' commits come in."""

    def __init__(self, paths: Paths, progress: Progress = quiet) -> None:
        self.paths = paths
        self.root = paths.sync_repo
        self.progress = progress
        self._repo: Any = None
        self._pending_cache: dict[str, list[Any]] = {}
        self._trees: dict[bytes, Tree] = {}

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
        if commit not in self._trees:  # a commit never changes: its files are listed once a sync
            from dulwich.object_store import iter_tree_contents

            tree = self.repo[commit].tree
            found = {bytes(e.path): bytes(e.sha) for e in iter_tree_contents(self.repo.object_store, tree)}
            self._trees[commit] = found
        return dict(self._trees[commit])

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

    def _files(self) -> Iterator[tuple[str, Path, os.stat_result]]:
        """Each shared file with its status, by name: one listing and one ``stat`` a file (the folder's listing
        already says which entries are files), as this is what a sync after one change costs per file."""
        for folder in FOLDERS:
            try:
                with os.scandir(self.paths.data / folder) as listed:
                    entries = sorted((e for e in listed if _shared(e.name) and e.is_file()), key=lambda e: e.name)
            except FileNotFoundError:
                continue
            for entry in entries:
                yield f"{folder}/{entry.name}", Path(entry.path), entry.stat()

    def snapshot(self, outcome: Outcome) -> Tree:
        """The data folder's shared files as blobs in the repository (new ones stored), each changed workshop read
        under its lock. A workshop another darbnica has open keeps the version last committed."""
        from dulwich.objects import Blob

        previous = self._tree_of(self._head())
        cache = self._load_cache()
        files = list(self._files())
        by_workshop: dict[str, list[tuple[str, Path]]] = {}
        stats: dict[str, os.stat_result] = {}
        for name, path, stat in files:
            by_workshop.setdefault(path.name.partition(".")[0] + "/" + name.split("/")[0], []).append((name, path))
            stats[name] = stat
        tree: Tree = {}
        fresh: dict[str, list[Any]] = {}
        store = self.repo.object_store
        done = 0
        for key, group in by_workshop.items():
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
        commit.author_time = int(time.time())
        # Later than its parents, whatever this laptop's clock says. Finding what two laptops' work has in common
        # walks the history newest commit first (git's way, and dulwich's); a commit older than its parent (made
        # on a laptop whose clock is behind, on top of another's work: a hall with no network to set the clock)
        # lets it report an older commit as common too, and that one made every workshop changed since it look
        # changed on both laptops.
        commit.commit_time = max([commit.author_time, *(self.repo[p].commit_time + 1 for p in parents)])
        commit.author_timezone = commit.commit_timezone = 0
        commit.encoding = b"UTF-8"
        commit.message = message.encode("utf-8")
        self.repo.object_store.add_object(commit)
        return bytes(commit.id)

    def commit_local(self, outcome: Outcome) -> bytes | None:
        """Commit this laptop's changes since the last sync; return the commit now at the tip (``None``: empty)."""
        self._finish_interrupted(outcome)
        shared = {path.decode().partition("/")[2].partition(".")[0] for path in self._tree_of(self._head())}
        claim_unowned(self.paths, self.device, shared)  # before the snapshot, which then takes the claims along
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
            # The nearest common ancestor: with commit times that never go backwards, the latest (one found beside
            # it can only be an ancestor of it, or another laptop's equally near one).
            base = bytes(max(bases, key=lambda b: self.repo[b].commit_time)) if bases else None
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

"""darbnica sync: laptops with their own data folders sharing one archive through a bare git repository."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from click.testing import CliRunner
from dulwich.graph import find_merge_base
from dulwich.objects import Commit
from dulwich.repo import Repo

from darbnica.cli import main
from darbnica.editing import Editor
from darbnica.paths import resolve_paths
from darbnica.store import Library
from darbnica.store.conflicts import conflicts_in
from darbnica.store.lock import WorkshopLock
from darbnica.sync import Sync


@pytest.fixture
def server(tmp_path: Path) -> Path:
    """The municipality's shared folder: a bare repository, as `git init --bare` makes it."""
    from dulwich.repo import Repo

    path = tmp_path / "server.git"
    Repo.init_bare(str(path), mkdir=True).close()
    return path


class Laptop:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.library = Library(resolve_paths(folder))

    def run(self, *args: str, code: int = 0) -> str:
        result = CliRunner().invoke(main, ["--data-dir", str(self.folder), *args], catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result.output

    def new(self, title: str, *extra: str) -> str:
        return self.run("new", title, "--place", "Tūja", "--date", "2026-03-14", *extra).strip()

    def follow_up(self, title: str, earlier: str) -> str:
        return self.run("new", title, "--date", "2026-06-01", "--follow-up", earlier).strip()

    def ids(self) -> list[str]:
        return [e.id for e in self.library.listing().entries]

    def notes(self, workshop_id: str) -> list[str]:
        return [n.text for n in self.library.read(workshop_id).notes]


@pytest.fixture
def laptops(tmp_path: Path, server: Path) -> list[Laptop]:
    made = [Laptop(tmp_path / name) for name in ("a", "b", "c")]
    for laptop in made:
        laptop.run("sync", "--remote", str(server))
    return made


def test_a_workshop_made_on_one_laptop_is_followed_up_on_another(laptops: list[Laptop]) -> None:
    a, b, c = laptops
    first = a.new("Tūjas nākotne", "--facilitator", "Ilze")
    a.run("add", first, "problem", "Nav autobusa")
    with Editor.open(a.library, first) as editor:
        editor.add_action("Uzrakstīt pašvaldībai", who="Anna")
    assert "Sent to the shared archive" in a.run("sync")

    assert "Received from other laptops (files: 1)" in b.run("sync")
    assert b.ids() == [first] and b.notes(first) == ["Nav autobusa"]
    later = b.follow_up("Atkal Tūjā", first)
    b.run("sync")

    a.run("sync")
    c.run("sync")
    for laptop in laptops:
        assert sorted(laptop.ids()) == sorted([first, later])
        follow = laptop.library.read(later)
        assert follow.follows == first and [x.what for x in follow.actions] == ["Uzrakstīt pašvaldībai"]
    assert "Up to date" in a.run("sync")


def test_nothing_changes_without_a_remote(tmp_path: Path) -> None:
    alone = Laptop(tmp_path / "alone")
    workshop_id = alone.new("Viens")
    before = alone.library.path_of(workshop_id).read_bytes()
    assert "no shared archive is set" in alone.run("sync")
    assert alone.library.path_of(workshop_id).read_bytes() == before


def test_the_same_workshop_changed_on_two_laptops_keeps_both_copies(laptops: list[Laptop]) -> None:
    a, b, _ = laptops
    workshop_id = a.new("Tūjas nākotne")
    a.run("sync")
    b.run("sync")
    # B takes the workshop over while A, offline, still types into it: both changed it before either synced.
    a.run("add", workshop_id, "problem", "rakstīts uz A")
    b.run("take-over", workshop_id)
    b.run("add", workshop_id, "problem", "rakstīts uz B")
    a.run("sync")
    said = b.run("sync")
    assert "Kept both copies" in said
    kept = conflicts_in(b.library.paths.workshops)
    assert len(kept) == 1 and kept[0].name.startswith(f"{workshop_id}.conflict-")
    assert b.notes(workshop_id) == ["rakstīts uz B"]  # this laptop's copy stays in place
    theirs = json.loads(kept[0].read_text(encoding="utf-8"))
    assert [n["text"] for n in theirs["notes"].values()] == ["rakstīts uz A"]  # theirs kept beside it, whole
    assert b.ids() == [workshop_id]  # the copy is not listed as a second workshop

    listed = b.run("list")  # the library says so until someone chooses (the app reports the same problem)
    assert f"{workshop_id} changed on this laptop and on " in listed and "darbnica resolve" in listed
    assert kept[0].name in b.run("resolve")

    a.run("sync")  # the copy travels, so every laptop sees it and nothing is lost wherever it is settled
    assert [p.name for p in conflicts_in(a.library.paths.workshops)] == [kept[0].name]
    said = a.run("resolve", workshop_id, "--keep", "both")
    (new_id,) = [word.rstrip(".") for word in said.split() if word.startswith("2026-03-14-tuja-")]
    assert new_id != workshop_id
    assert sorted(a.ids()) == sorted([workshop_id, new_id]) and not conflicts_in(a.library.paths.workshops)
    assert sorted(a.notes(workshop_id) + a.notes(new_id)) == ["rakstīts uz A", "rakstīts uz B"]
    a.run("sync")
    b.run("sync")
    assert sorted(b.ids()) == sorted(a.ids()) and not conflicts_in(b.library.paths.workshops)
    assert "No kept copies" in b.run("resolve")


def test_a_kept_copy_can_take_the_workshops_place_or_go(laptops: list[Laptop]) -> None:
    a, b, _ = laptops
    for keep, expected in (("other", ["rakstīts uz A"]), ("this", ["rakstīts uz B"])):
        workshop_id = a.new(f"Tūja {keep}")
        a.run("sync")
        b.run("sync")
        a.run("add", workshop_id, "problem", "rakstīts uz A")
        b.run("take-over", workshop_id)
        b.run("add", workshop_id, "problem", "rakstīts uz B")
        a.run("sync")
        b.run("sync")
        (copy,) = conflicts_in(b.library.paths.workshops)
        b.run("resolve", copy.name, "--keep", keep)
        assert b.notes(workshop_id) == expected and not conflicts_in(b.library.paths.workshops)


def test_a_bundle_carries_the_archive_there_and_back(tmp_path: Path) -> None:
    a, b = Laptop(tmp_path / "a"), Laptop(tmp_path / "b")
    stick = tmp_path / "usb" / "darbnica.bundle"
    stick.parent.mkdir()
    first = a.new("Tūjas nākotne")
    a.run("add", first, "problem", "Nav autobusa")
    assert "Bundle written" in a.run("sync", "--bundle", str(stick))
    b.run("sync", "--from-bundle", str(stick))
    assert b.notes(first) == ["Nav autobusa"]
    later = b.follow_up("Atkal", first)
    b.run("sync", "--bundle", str(stick))
    a.run("sync", "--from-bundle", str(stick))
    assert sorted(a.ids()) == sorted([first, later])
    assert a.library.read(later).follows == first


def test_a_file_that_is_not_a_bundle_changes_nothing(tmp_path: Path) -> None:
    a = Laptop(tmp_path / "a")
    first = a.new("Tūjas nākotne")
    junk = tmp_path / "junk.bundle"
    junk.write_bytes(b"not a bundle at all\n")
    said = a.run("sync", "--from-bundle", str(junk), code=1)
    assert "darbnica:" in said and "Traceback" not in said
    assert a.ids() == [first]


def test_an_unreachable_remote_says_so_and_changes_nothing(laptops: list[Laptop], tmp_path: Path) -> None:
    a = laptops[0]
    first = a.new("Tūjas nākotne")
    before = a.library.path_of(first).read_bytes()
    said = a.run("sync", "--remote", str(tmp_path / "usb-stick-pulled-out" / "server.git"), code=1)
    assert "The sync stopped" in said and "Traceback" not in said
    assert a.library.path_of(first).read_bytes() == before and a.ids() == [first]


def test_no_password_is_kept(laptops: list[Laptop]) -> None:
    said = laptops[0].run("sync", "--remote", "https://ilze:slepens@git.example.lv/arhivs.git", code=1)
    assert "keeps none" in said
    config = (laptops[0].folder / "sync.git" / "config").read_text(encoding="utf-8")
    assert "slepens" not in config


def test_a_workshop_open_for_writing_is_not_read_without_its_lock(laptops: list[Laptop]) -> None:
    a, b, _ = laptops
    first = a.new("Tūjas nākotne")
    a.run("sync")
    a.run("add", first, "problem", "pēc sinhronizācijas")
    lock = WorkshopLock(a.library.path_of(first))  # the app has it open (in a real app: another process)
    lock.acquire()
    try:
        sync = Sync(a.library.paths)
        outcome = sync.run()
        sync.close()
    finally:
        lock.release()
    assert outcome.skipped == [first]
    b.run("sync")
    assert b.notes(first) == []  # the version last synced whole, not whatever was on disk mid-session
    a.run("sync")
    b.run("sync")
    assert b.notes(first) == ["pēc sinhronizācijas"]


def test_a_second_sync_reads_only_what_changed(laptops: list[Laptop], monkeypatch: pytest.MonkeyPatch) -> None:
    a = laptops[0]
    ids = [a.new(f"Darbnīca {n}") for n in range(5)]
    for workshop_id in ids:  # events are looked at the same way: by their status, not read again
        a.library.events.record_owner(workshop_id, a.library.device)
    assert len(list(a.library.paths.events.iterdir())) == 5
    a.run("sync")
    a.run("add", ids[2], "problem", "jauna doma")
    read: list[str] = []
    original = Path.read_bytes

    def counting(self: Path) -> bytes:
        if self.parent.name in ("workshops", "events"):
            read.append(self.name)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    sync = Sync(a.library.paths)
    outcome = sync.run()
    sync.close()
    assert outcome.committed == 1 and outcome.pushed
    assert set(read) == {f"{ids[2]}.json"}


class Clocks:
    """The laptops' clocks, as the commits of their syncs read them: a second passes at each reading; each laptop
    is some seconds ahead or behind (a hall with no network to set the time, a flat clock battery)."""

    def __init__(self, off: dict[str, int]) -> None:
        self.seconds = 1_700_000_000
        self.off = off
        self.laptop = ""

    def time(self) -> float:
        self.seconds += 1
        return float(self.seconds + self.off[self.laptop])


def test_laptops_whose_clocks_disagree_share_without_false_conflicts(
    laptops: list[Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Finding what two laptops' work has in common walks the history newest commit first, by commit time. With one
    # laptop 7 s behind and one 7 s ahead, and syncs that could not send (no network for the moment), commits
    # came out older than their parents, and the walk reported the archive's first commit as common beside the
    # right one; the first was used, and a workshop changed since it on both sides would be kept twice.
    from darbnica.errors import DarbnicaError
    from darbnica.sync import history

    a, b, c = laptops
    by_name = {"a": a, "b": b, "c": c}
    clocks = Clocks({"a": 0, "b": -7, "c": 7})
    monkeypatch.setattr(history, "time", clocks)
    own = {name: laptop.new(f"Darbnīca {name}") for name, laptop in by_name.items()}
    added: dict[str, list[str]] = {workshop_id: [] for workshop_id in own.values()}

    def offline(*args: object) -> None:
        raise DarbnicaError("error.sync_failed", detail="the network dropped")

    def sync(name: str, sent: bool = True) -> None:
        text = f"piezīme {sum(map(len, added.values()))}"
        by_name[name].run("add", own[name], "problem", text)
        added[own[name]].append(text)
        clocks.laptop = name
        with monkeypatch.context() as network:
            if not sent:
                network.setattr(Sync, "push", offline)
            said = by_name[name].run("sync", code=0 if sent else 1)
        assert "Kept both copies" not in said

    for name, sent in [("a", True), ("c", False), ("b", True), ("b", True), ("c", False), ("a", True), ("c", True)]:
        sync(name, sent)
    for name in "abcabc":
        clocks.laptop = name
        by_name[name].run("sync")
    for laptop in laptops:
        assert not conflicts_in(laptop.library.paths.workshops)
        assert {i: laptop.notes(i) for i in own.values()} == added
        repo = Repo(str(laptop.library.paths.sync_repo))
        commits = history_of(repo, bytes(repo.refs[cast(Any, b"refs/heads/main")]))
        for commit in commits.values():  # never older than what it was made on, whatever the laptop's clock
            assert all(commit.commit_time > commits[p].commit_time for p in commit.parents)
            if len(commit.parents) == 2:  # and what two lines of work have in common is found exactly
                assert set(find_merge_base(repo, commit.parents)) == nearest_common(commits, *commit.parents)
        repo.close()


def history_of(repo: Repo, tip: bytes) -> dict[bytes, Commit]:
    found: dict[bytes, Commit] = {}
    todo = [tip]
    while todo:
        sha = todo.pop()
        if sha not in found:
            commit = repo[cast(Any, sha)]
            assert isinstance(commit, Commit)
            found[sha] = commit
            todo.extend(commit.parents)
    return found


def nearest_common(commits: dict[bytes, Commit], one: bytes, other: bytes) -> set[bytes]:
    """The common ancestors of two commits that are not ancestors of another common one (by walking it all)."""

    def below(sha: bytes) -> set[bytes]:
        seen, todo = set(), [sha]
        while todo:
            here = todo.pop()
            if here not in seen:
                seen.add(here)
                todo.extend(commits[here].parents)
        return seen

    common = below(one) & below(other)
    return {c for c in common if not any(c != d and c in below(d) for d in common)}


def test_a_deleted_workshop_goes_to_the_trash_everywhere(laptops: list[Laptop]) -> None:
    a, b, _ = laptops
    first = a.new("Tūjas nākotne")
    a.run("sync")
    b.run("sync")
    a.run("delete", first)
    a.run("sync")
    b.run("sync")
    assert b.ids() == []
    assert [item.id for item in b.library.trashed()] == [first]
    b.run("restore", first)
    b.run("sync")
    a.run("sync")
    assert a.ids() == [first]


def test_every_view_names_the_facilitator_and_the_laptop_of_each_workshop(laptops: list[Laptop]) -> None:
    a, b, _ = laptops
    first = a.new("Tūjas nākotne", "--facilitator", "Ilze")
    a.run("sync")
    b.run("sync")
    later = b.follow_up("Atkal Tūjā", first)  # followed up on another laptop: that laptop's now
    b.run("sync")
    a.run("sync")
    laptop_a, laptop_b = a.library.device, b.library.device
    assert laptop_a != laptop_b
    for laptop in (a, b):
        lines = {line.split()[0]: line for line in laptop.run("list").splitlines()}
        assert lines[first].endswith(f"Ilze  @{laptop_a}") and lines[later].endswith(f"Ilze  @{laptop_b}")
        listed = {entry["id"]: entry["device"] for entry in json.loads(laptop.run("list", "--json"))}
        assert listed == {first: laptop_a, later: laptop_b}


def test_a_laptop_changes_only_its_own_workshops_until_it_takes_one_over(laptops: list[Laptop]) -> None:
    a, b, _ = laptops
    first = a.new("Tūjas nākotne")
    a.run("sync")
    b.run("sync")
    said = b.run("add", first, "problem", "rakstīts uz B", code=1)
    assert f"workshop of laptop {a.library.device}" in said and f"darbnica take-over {first}" in said
    assert b.notes(first) == []
    # Nor served to phones from here: their notes would wait for this laptop's app, which cannot take them in.
    assert "darbnica take-over" in b.run("share", first, "--host", "127.0.0.1", "--port", "0", code=1)
    assert f"is this laptop's now (it was {a.library.device}'s)" in b.run("take-over", first)
    b.run("add", first, "problem", "rakstīts uz B")
    b.run("sync")
    a.run("sync")
    assert "darbnica take-over" in a.run("add", first, "problem", "rakstīts uz A", code=1)
    for laptop in (a, b):  # both laptops agree whose it is now
        assert [e["device"] for e in json.loads(laptop.run("list", "--json"))] == [b.library.device]
        assert laptop.notes(first) == ["rakstīts uz B"]
        assert not conflicts_in(laptop.library.paths.workshops)


def test_a_promise_marked_done_on_a_third_laptop_is_done_in_every_view_on_every_laptop(
    laptops: list[Laptop],
) -> None:
    a, b, c = laptops
    first = a.new("Tūjas nākotne", "--facilitator", "Ilze")
    with Editor.open(a.library, first) as editor:
        editor.add_action("Uzrakstīt pašvaldībai", who="Anna", due="2026-05-01")
        editor.add_action("Sarunāt autobusu", who="Jānis", due="2026-06-01")
    a.run("sync")
    b.run("sync")
    later = b.follow_up("Atkal Tūjā", first)  # B follows up A's workshop: both promises carried into B's file
    b.run("sync")
    c.run("sync")
    # The municipality, on C, sees the promises where they are kept now (the follow-up) and marks one done.
    listed = {(t["workshop"], t["what"]): t["task"] for t in json.loads(c.run("tasks", "--json"))}
    assert set(listed) == {(later, "Uzrakstīt pašvaldībai"), (later, "Sarunāt autobusu")}
    b_file = c.library.path_of(later).read_bytes()
    said = c.run("status", later, str(listed[later, "Uzrakstīt pašvaldībai"]), "done")
    assert f"recorded beside the workshop of laptop {b.library.device}" in said
    assert c.library.path_of(later).read_bytes() == b_file  # B's file is not rewritten on C
    for laptop in (c, a, b, c, a):
        laptop.run("sync")

    def views(laptop: Laptop) -> dict[str, object]:
        """What a person looks at: the library, the responsibilities listing, the follow-up's summary."""
        entries = {e["id"]: (e["open_actions"], e["device"]) for e in json.loads(laptop.run("list", "--json"))}
        tasks = sorted((t["workshop"], t["what"], t["status"]) for t in json.loads(laptop.run("tasks", "--json")))
        summary = laptop.run("show", later)
        written = [line for line in summary.splitlines() if "Uzrakstīt pašvaldībai" in line]
        return {"list": entries, "tasks": tasks, "summary": written, "listed": laptop.run("tasks")}

    seen = {laptop.library.device: views(laptop) for laptop in laptops}
    first_seen = seen[a.library.device]
    assert first_seen["list"] == {first: (2, a.library.device), later: (1, b.library.device)}
    assert first_seen["tasks"] == [(later, "Sarunāt autobusu", "planned")]
    assert "| done |" in str(first_seen["summary"]) and "Uzrakstīt" not in str(first_seen["listed"])
    assert all(view == first_seen for view in seen.values()), seen  # every laptop shows the same
    # The owner's next change writes the folded status into its file; the views stay the same everywhere.
    b.run("add", later, "changes", "Autobuss joprojām nav")
    assert b'"done"' in b.library.path_of(later).read_bytes()
    for laptop in (b, a, c):
        laptop.run("sync")
    for laptop in laptops:
        assert views(laptop) == first_seen and not conflicts_in(laptop.library.paths.workshops)


def test_two_laptops_taking_the_same_workshop_over_agree_on_one_owner(laptops: list[Laptop]) -> None:
    a, b, c = laptops
    first = a.new("Tūjas nākotne")
    for laptop in laptops:
        laptop.run("sync")
    b.run("take-over", first)  # both, offline, before either synced
    c.run("take-over", first)
    for laptop in (b, c, a, b):
        laptop.run("sync")
    owners = {laptop.library.device: json.loads(laptop.run("list", "--json"))[0]["device"] for laptop in laptops}
    assert set(owners.values()) == {c.library.device}  # the later take-over, on every laptop
    assert "darbnica take-over" in b.run("add", first, "problem", "rakstīts uz B", code=1)
    c.run("add", first, "problem", "rakstīts uz C")


def test_a_workshop_made_before_sharing_becomes_the_laptop_s_that_first_shares_it(laptops: list[Laptop]) -> None:
    from dataclasses import replace

    a, b, _ = laptops
    first = a.new("Tūjas nākotne")
    a.library._write(replace(a.library.read(first), device=""))  # as the files made before sharing are
    before = a.library.path_of(first).read_bytes()
    a.run("sync")
    assert a.library.path_of(first).read_bytes() == before  # claimed by an event, the file left as it was
    b.run("sync")
    assert "darbnica take-over" in b.run("add", first, "problem", "rakstīts uz B", code=1)
    a.run("add", first, "problem", "rakstīts uz A")
    for laptop in (a, b):
        assert [e["device"] for e in json.loads(laptop.run("list", "--json"))] == [a.library.device]


@pytest.fixture
def http_server(server: Path) -> Iterator[str]:
    """The same bare repository served over HTTP (git's smart protocol), on 127.0.0.1: an ordinary git server."""
    import threading

    from dulwich.repo import Repo
    from dulwich.server import BackendRepo, DictBackend
    from dulwich.web import WSGIRequestHandlerLogger, WSGIServerLogger, make_server, make_wsgi_chain

    repo = Repo(str(server))
    repos: dict[str, BackendRepo] = {"/": repo}
    app = make_wsgi_chain(DictBackend(repos))
    httpd = make_server("127.0.0.1", 0, app, handler_class=WSGIRequestHandlerLogger, server_class=WSGIServerLogger)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    thread.join(timeout=10)
    repo.close()


def test_an_archive_on_a_git_server_over_http_is_shared(tmp_path: Path, http_server: str) -> None:
    a, b = Laptop(tmp_path / "a"), Laptop(tmp_path / "b")
    for laptop in (a, b):
        laptop.run("sync", "--remote", http_server)
    first = a.new("Tūjas nākotne")
    a.run("add", first, "problem", "Nav autobusa")
    assert "Sent to the shared archive" in a.run("sync")
    assert "Received from other laptops (files: 1)" in b.run("sync")
    assert b.ids() == [first] and b.notes(first) == ["Nav autobusa"]
    later = b.follow_up("Atkal Tūjā", first)
    b.run("sync")
    a.run("sync")
    assert sorted(a.ids()) == sorted([first, later])

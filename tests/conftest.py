"""Every test gets its own empty data folder; nothing touches the real one."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from darbnica.editing import Editor
from darbnica.model import Plan
from darbnica.paths import ENV_HOME, Paths, resolve_paths
from darbnica.plan import DEFAULT_PLAN, load_plans
from darbnica.store import Library
from tests.faults import Disk
from tests.figures import FIGURE


def pytest_configure(config: pytest.Config) -> None:
    # Tests stop `darbnica share` with SIGINT, as Ctrl+C does. Started in the background by a shell (`cmd &`, nohup,
    # some CI runners), this process has SIGINT ignored, every program it starts inherits that, and Python then
    # never turns Ctrl+C into KeyboardInterrupt: the share command ran on and the tests timed out. A handler here
    # becomes the default disposition again in every program the tests start.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv(ENV_HOME, str(home))
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    return home


@pytest.fixture
def paths(data_home: Path) -> Paths:
    return resolve_paths()


@pytest.fixture
def library(paths: Paths) -> Library:
    return Library(paths)


@pytest.fixture
def plan(paths: Paths) -> Plan:
    return load_plans(paths).get(DEFAULT_PLAN)


@pytest.fixture
def workshop_id(library: Library, plan: Plan) -> str:
    return library.create(title="Tūjas nākotne", plan=plan, place="Tūja", date="2026-03-14", facilitator="Ilze")


@pytest.fixture
def opened(library: Library, workshop_id: str) -> Iterator[Editor]:
    """The workshop open for changes, each written before it returns (as the command line does)."""
    with Editor.open(library, workshop_id) as editor:
        yield editor


@pytest.fixture
def editor(opened: Editor) -> Editor:
    return opened


@pytest.fixture
def paths_factory(tmp_path: Path):
    """Another, separate data folder (for moving workshops between installations)."""

    def make(name: str) -> Paths:
        return resolve_paths(tmp_path / name)

    return make


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch, data_home: Path) -> Disk:
    """The data folder's disk, working until a test calls ``disk.refuse(kind)`` (see ``tests/faults.py``)."""
    return Disk(monkeypatch, data_home)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """The figures the stress tests measured (tests/stress/conftest.py), from their reports: here, at the top, so
    the process that prints the summary has it when the tests ran in pytest-xdist's workers."""
    lines = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == FIGURE
    ]
    if lines:
        terminalreporter.section("darbnica stress figures")
        for line in lines:
            terminalreporter.write_line(str(line))

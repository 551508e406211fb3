"""The stress tests' size (see ``size.py``) in the header, and their figures at the end of the run."""

from __future__ import annotations

import pytest

from tests.stress.size import SEED, SIZE

FIGURES = pytest.StashKey[list[str]]()


def pytest_report_header() -> str:
    return f"darbnica stress size: {SIZE.name} ({SIZE.kills} kills, {SIZE.examples} examples a property), seed {SEED}"


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> list[str]:
    """Lines a stress test wants printed at the end of the run (its measurements)."""
    return request.config.stash.setdefault(FIGURES, [])


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    lines = config.stash.get(FIGURES, [])
    if lines:
        terminalreporter.section("darbnica stress figures")
        for line in lines:
            terminalreporter.write_line(line)

"""The stress tests' size (see ``size.py``) in the header, and their figures at the end of the run.

A stress test's figures travel with its report (``user_properties``), so they are printed at the end (by
``tests/conftest.py``) whether the tests ran in this process or in pytest-xdist's workers.
"""

from __future__ import annotations

import pytest

from tests.figures import FIGURE
from tests.stress.size import SEED, SIZE


def pytest_report_header() -> str:
    return f"darbnica stress size: {SIZE.name} ({SIZE.kills} kills, {SIZE.examples} examples a property), seed {SEED}"


class Figures(list[str]):
    """Lines a stress test wants printed at the end of the run (its measurements)."""

    def __init__(self, node: pytest.Item) -> None:
        super().__init__()
        self.node = node

    def append(self, line: str) -> None:
        super().append(line)
        self.node.user_properties.append((FIGURE, line))


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Figures:
    return Figures(request.node)

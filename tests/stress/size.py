"""How big the stress and property tests are: small in every test run, full with ``DARBNICA_STRESS=full``.

    DARBNICA_STRESS=full .venv/bin/pytest tests/stress

``DARBNICA_STRESS_SEED=<n>`` repeats a crash run exactly as far as the random kill moments go (the figures print
the seed of each run).
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    name: str
    kills: int
    """Writer processes killed with SIGKILL in the crash test."""
    examples: int
    """Examples each property test tries."""


FULL = Size("full", kills=400, examples=2000)
CI = Size("ci", kills=40, examples=150)

SIZE = FULL if os.environ.get("DARBNICA_STRESS") == "full" else CI
SEED = int(os.environ.get("DARBNICA_STRESS_SEED") or random.randrange(1_000_000))

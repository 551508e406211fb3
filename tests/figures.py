"""The name under which a test's report carries a figure to print at the end of the run (see tests/conftest.py)."""

FIGURE = "darbnica stress figure"

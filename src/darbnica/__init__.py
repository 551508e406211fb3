"""darbnica: a projector app that guides a community-led development workshop."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("darbnica")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

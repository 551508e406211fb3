"""darbnica: a projector app that guides a community-led development workshop."""


def __getattr__(name: str) -> str:
    # The version is looked up when asked for: importlib.metadata would add about 10 ms and 1.5 MB to every start.
    if name != "__version__":
        raise AttributeError(f"module 'darbnica' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("darbnica")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0"

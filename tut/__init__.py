"""tut: testing time-use survey questions about supervisory care."""

from typing import Any

__all__ = ["__version__"]


def __getattr__(name: str) -> Any:
    """``tut.__version__``, looked up on first use: importlib.metadata costs every command
    (``tut compare`` among them) 0.03-0.05 s of start-up, and only --version and the report
    footer need it."""
    if name != "__version__":
        raise AttributeError(f"module 'tut' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("tut")
    except PackageNotFoundError:  # running from a source tree without installation
        found = "0.0.0+local"
    globals()["__version__"] = found
    return found

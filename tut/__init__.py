"""tut: testing time-use survey questions about supervisory care."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tut")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+local"

__all__ = ["__version__"]

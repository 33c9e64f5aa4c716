"""The installed jiezhen version (one place, read by the User-Agent and --version)."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("jiezhen")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.1.0"

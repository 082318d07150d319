"""dprkfilm-graph: a linked-data knowledge graph of North Korean films and their song records."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dprkfilm-graph")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]

"""followprune — rank the accounts you follow and prune the noise, with review and undo."""

from __future__ import annotations

import logging

# A library logs through its own logger and leaves output to the application: without this,
# Python's last-resort handler would print a logged traceback on a user's terminal.
logging.getLogger("followprune").addHandler(logging.NullHandler())


def __getattr__(name: str) -> str:
    # The version is looked up on first use: importlib.metadata costs ~20 ms at start-up and
    # every `prune` run imports this package, while only `--version` (which Click looks up
    # itself) and callers of `followprune.__version__` need it (issue 17).
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("followprune")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0.0.0+unknown"
    globals()["__version__"] = found
    return found

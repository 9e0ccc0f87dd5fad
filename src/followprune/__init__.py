"""followprune — rank the accounts you follow and prune the noise, with review and undo."""

from __future__ import annotations

import logging
from importlib.metadata import PackageNotFoundError, version

# A library logs through its own logger and leaves output to the application: without this,
# Python's last-resort handler would print a logged traceback on a user's terminal.
logging.getLogger("followprune").addHandler(logging.NullHandler())

try:
    __version__ = version("followprune")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

"""Fake X API v2 server for tests: real HTTP on loopback, spec-validated responses.

    from tests.fakex import FakeX, make_state
    with FakeX(make_state(n_following=20, seed=1)) as fx:
        fx.base_url  # "http://127.0.0.1:PORT"

Modules: state (State, builders, make_state), server (FakeX, ServerConfig, Clock, standalone
CLI), faults (error bodies, Fault factories), openapi (spec validation; needs the spec file).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import faults
    from .server import Clock, FakeX, RequestRecord, ServerConfig
    from .state import (
        Credentials,
        State,
        empty_state,
        make_post,
        make_state,
        make_user,
        snowflake,
        snowflake_time,
    )

# Lazy (PEP 562): importing server.py here would make `python -m tests.fakex.server` run a
# second copy of the module and warn.
_EXPORTS = {
    "Clock": "server", "FakeX": "server", "RequestRecord": "server", "ServerConfig": "server",
    "Credentials": "state", "State": "state", "empty_state": "state", "make_post": "state",
    "make_state": "state", "make_user": "state", "snowflake": "state",
    "snowflake_time": "state",
}

__all__ = [
    "Clock", "Credentials", "FakeX", "RequestRecord", "ServerConfig", "State", "empty_state",
    "faults", "make_post", "make_state", "make_user", "snowflake", "snowflake_time",
]


def __getattr__(name: str) -> Any:
    if name == "faults":
        return importlib.import_module(".faults", __name__)
    if name in _EXPORTS:
        return getattr(importlib.import_module("." + _EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

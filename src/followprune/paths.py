"""Where followprune keeps its files. FOLLOWPRUNE_HOME puts everything under one folder
(tests and portable installs use it); otherwise the platform's own directories."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "followprune"


@dataclass(frozen=True)
class Paths:
    config_dir: Path
    data_dir: Path
    log_dir: Path
    # What can be fetched again (the semantic model); None: a folder under data_dir.
    cache_root: Path | None = None

    @property
    def cache_dir(self) -> Path:
        return self.cache_root if self.cache_root is not None else self.data_dir / "cache"

    @property
    def model_cache_dir(self) -> Path:
        return self.cache_dir / "models"

    @property
    def default_config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def store_file(self) -> Path:
        return self.data_dir / "followprune.sqlite3"

    @property
    def tokens_file(self) -> Path:
        return self.data_dir / "x-tokens.json"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "run.lock"

    def account_lock_file(self, network: str, account_id: str) -> Path:
        safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in account_id)
        return self.data_dir / "locks" / f"{network}-{safe}.lock"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "followprune.log"


def resolve_paths() -> Paths:
    home = os.environ.get("FOLLOWPRUNE_HOME")
    if home:
        root = Path(home).expanduser()
        return Paths(config_dir=root, data_dir=root, log_dir=root / "logs")
    import platformdirs

    return Paths(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME)),
        data_dir=Path(platformdirs.user_data_dir(APP_NAME)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME)),
        cache_root=Path(platformdirs.user_cache_dir(APP_NAME)),
    )


def write_private_json(path: Path, data: object) -> None:
    """Write a secret (a login, a session) readable by you only: a tmp file created 0600,
    fsync, rename. A crash leaves the old or the new file, never half of one: losing a
    rotated refresh token would force a new login."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)  # O_CREAT's mode does not apply to an existing tmp file
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def delete_file(path: Path) -> bool:
    """Delete a file; False if there was none."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True

"""Where followprune keeps its files. FOLLOWPRUNE_HOME puts everything under one folder
(tests and portable installs use it); otherwise the platform's own directories."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "followprune"


@dataclass(frozen=True)
class Paths:
    config_dir: Path
    data_dir: Path
    log_dir: Path

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
    )

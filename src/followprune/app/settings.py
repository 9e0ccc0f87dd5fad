"""Writing the example config where the user keeps theirs, without losing an existing file."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from followprune.config import config_file_path
from followprune.errors import InputError
from followprune.paths import resolve_paths


@dataclass(frozen=True)
class Written:
    path: Path
    backup: Path | None


def example_config_text() -> str:
    return resources.files("followprune.data").joinpath("config.example.toml").read_text("utf-8")


def write_example_config(target: Path | None, *, force: bool) -> Written:
    path, _ = config_file_path(resolve_paths(), target)
    backup = None
    if path.exists():
        if not force:
            raise InputError(f"{path} already exists; nothing was changed",
                             hint="use --force to replace it (the old file is kept as .bak)")
        backup = path.with_suffix(path.suffix + ".bak")
    tmp = path.with_suffix(path.suffix + ".tmp")
    try:
        if backup is not None:
            shutil.copy2(path, backup)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(example_config_text(), encoding="utf-8")
        tmp.replace(path)  # atomic: a crash never leaves half a config
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}",
                         hint="choose another place with --path") from None
    return Written(path, backup)

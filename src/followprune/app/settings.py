"""Writing the example config where the user keeps theirs, without losing an existing file."""

from __future__ import annotations

import os
import shutil
from contextlib import suppress
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
    if path.is_symlink():
        # A config kept elsewhere (a dotfiles repository) and linked here: the link is the
        # person's choice, so the file it points to is written; a link to nothing is refused.
        if not path.exists():
            raise InputError(f"{path} is a link to {os.readlink(path)}, which does not exist;"
                             " nothing was changed",
                             hint="fix or remove the link, or choose another place with --path")
        path = path.resolve()
    try:
        is_other = path.exists() and not path.is_file()
    except OSError as exc:  # a name too long for the file system
        raise InputError(f"cannot write {str(path)[:120]}: {exc.strerror or exc}",
                         hint="choose another place with --path") from None
    if is_other or not path.name:
        # --force "replaces" by renaming a new file over the old one: over /dev/null (run as
        # root) that swapped the device for a text file; over a folder it failed half-way.
        raise InputError(f"{path} is not a regular file (a folder or a device?); nothing was"
                         " changed", hint="give --path the config file's own name, e.g."
                         " ~/.config/followprune/config.toml")
    if path.exists():
        if not force:
            raise InputError(f"{path} already exists; nothing was changed",
                             hint="use --force to replace it (the old file is kept as .bak)")
        backup = path.with_suffix(path.suffix + ".bak")
    blocked = next((p for p in path.parents if p.exists()), None)
    if blocked is not None and not blocked.is_dir():
        # "cannot write …/afile/c.toml: File exists" named no file that exists.
        raise InputError(f"cannot write {path}: {blocked} is a file, not a folder; nothing was"
                         " changed", hint="choose another place with --path (or"
                         " FOLLOWPRUNE_HOME)")
    tmp = path.with_suffix(path.suffix + ".tmp")
    backup_was_there = backup is not None and backup.exists()
    try:
        if backup is not None:
            shutil.copy2(path, backup)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(example_config_text(), encoding="utf-8")
        tmp.replace(path)  # atomic: a crash never leaves half a config
    except OSError as exc:
        # The old file is still in place (the replace is atomic): leave the folder as it was,
        # with no .tmp holding a whole config beside it and no .bak made for nothing.
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        if backup is not None and not backup_was_there:
            with suppress(OSError):
                backup.unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror}",
                         hint="choose another place with --path") from None
    return Written(path, backup)

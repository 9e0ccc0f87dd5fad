from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import click

from followprune.cli.options import FilePath
from followprune.cli.state import get_state


@click.group()
def config() -> None:
    """Write a starting config, or show the settings in force."""


@config.command()
@click.option("--force", is_flag=True, help="Replace an existing file (a backup is kept).")
@click.option("--path", "target", type=FilePath(), default=None,
              help="Where to write (default: --config, FOLLOWPRUNE_CONFIG or the platform dir).")
def init(force: bool, target: Path | None) -> None:
    """Write a commented config file from config.example.toml."""
    from followprune.app.settings import write_example_config

    state = get_state()
    requested = target or state.config_file
    with _nothing_left_on_failure(_destination(requested)):
        written = write_example_config(requested, force=force)
    state.consoles.out.print(f"Wrote {written.path}")
    if written.backup:
        state.consoles.note(f"The previous file was kept as {written.backup}")


def _destination(requested: Path | None) -> Path | None:
    """The file `write_example_config` writes (a link is written through), or None when the
    name cannot even be looked at: then it refuses before writing anything."""
    from followprune.config import config_file_path
    from followprune.paths import resolve_paths

    path, _ = config_file_path(resolve_paths(), requested)
    try:
        return path.resolve() if path.is_symlink() else path
    except OSError:
        return None


def _fingerprint(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


@contextmanager
def _nothing_left_on_failure(path: Path | None) -> Iterator[None]:
    """A write that fails (the old file immutable, the disk full) leaves the folder as it
    was: no .tmp holding a whole config beside the real one, and no fresh .bak suggesting
    the file was replaced when the original is still there, unchanged."""
    if path is None or not path.name:
        yield
        return
    tmp = path.with_suffix(path.suffix + ".tmp")
    backup = path.with_suffix(path.suffix + ".bak")
    before = {p: _fingerprint(p) for p in (path, tmp, backup)}
    try:
        yield
    except BaseException:
        left = [tmp] if _fingerprint(tmp) != before[tmp] else []
        # A .bak that was there already is the person's (or a previous run's); one made
        # now is only a copy of the original, and needed only once the original is gone.
        original_in_place = before[path] is not None and _fingerprint(path) == before[path]
        if before[backup] is None and original_in_place:
            left.append(backup)
        for leftover in left:
            with suppress(OSError):
                leftover.unlink(missing_ok=True)
        raise


@config.command()
def show() -> None:
    """Print every setting, its value and where it came from; secrets redacted."""
    from followprune.config import redacted_value, setting_paths

    state = get_state()
    loaded = state.app().loaded
    out = state.consoles.out
    out.print(f"# config file: {loaded.file or '(none; defaults)'}", markup=False)
    section = None
    for key_path in setting_paths():
        if key_path[:-1] != section:
            section = key_path[:-1]
            if section:
                out.print(f"\n[{'.'.join(section)}]", markup=False)
        value = redacted_value(loaded.settings, key_path)
        out.print(f"{key_path[-1]} = {_toml(value)}  # {loaded.source_of(key_path)}",
                  markup=False, highlight=False)


def _toml(value: object) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if value is None:
        return '""'
    if isinstance(value, list):
        return json.dumps([v if isinstance(v, str | int | float) else str(v) for v in value],
                          ensure_ascii=False)
    return json.dumps(str(value), ensure_ascii=False)

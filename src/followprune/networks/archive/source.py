"""Safe access to the files of an X archive, zipped or unpacked.

The archive is untrusted input: it may be truncated, corrupt, a zip bomb, or point outside
itself. Every file is opened through here, so the checks live in one place: names are
relative and stay inside the archive, declared sizes and compression ratios are checked
before a byte is decompressed, and the bytes actually read are capped as they stream.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
import zlib
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from followprune.errors import InputError

MiB = 1024 * 1024
# Reports bytes as they are read, for a progress bar.
ByteCounter = Callable[[int], None]
# For an archive that is not as X makes them: edited, crafted or damaged.
AS_SENT_HINT = "use the archive as X sent it, or request a new one from X; nothing was imported"


@dataclass(frozen=True)
class Limits:
    """Bounds on what an archive may make us read. X splits large parts at about 50 MB, but
    older archives hold one `tweet.js` of several hundred MB, hence the generous part size."""

    max_part_bytes: int = 2048 * MiB
    max_total_bytes: int = 8192 * MiB
    # Tweet JSON deflates about 5-15x; a zip bomb reaches ~1000x per layer. Files smaller
    # than `ratio_from_bytes` are exempt: they are harmless and tiny ones compress oddly.
    max_ratio: float = 100.0
    ratio_from_bytes: int = 1 * MiB
    max_manifest_bytes: int = 4 * MiB
    # One entry of a part (a single tweet); real ones are a few KB.
    max_entry_chars: int = 8 * MiB


# Control characters have no place in a name; a name with them was crafted.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_name(name: str) -> PurePosixPath:
    """A relative, forward-slash path with no `..` and no drive letter; else InputError."""
    path = PurePosixPath(name)
    if not name or "\\" in name or path.is_absolute() or ":" in name:
        raise InputError(f"{name!r}: not a relative path inside the archive")
    if _CONTROL.search(name) or any(part in ("", ".", "..") for part in name.split("/")):
        raise InputError(f"{name!r}: a path that could escape the archive folder")
    return path


class CappedReader(io.RawIOBase):
    """Passes bytes through, counts them, and refuses to go past `limit`: a defence against
    a declared size that lies or a file that grows while it is read."""

    def __init__(self, raw: IO[bytes], name: str, limit: int, counter: ByteCounter | None) -> None:
        self._raw = raw
        self._name = name
        self._left = limit
        self._limit = limit
        self._counter = counter

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        # One byte more than allowed, so a file that is too long is noticed.
        wanted = min(len(view), self._left + 1)
        try:
            data = self._raw.read(wanted)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                RuntimeError) as exc:
            # NotImplementedError: a compression method or zip version Python cannot read;
            # RuntimeError: an encrypted member.
            raise InputError(f"{self._name}: the file is corrupt or truncated ({exc})") from None
        if len(data) > self._left:
            raise InputError(
                f"{self._name}: more data than the archive declares"
                f" (over {self._limit:,} bytes); refusing to read further"
            )
        self._left -= len(data)
        view[: len(data)] = data
        if self._counter is not None and data:
            self._counter(len(data))
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


class Source(ABC):
    """The archive's files by name, whichever form it came in."""

    def __init__(self, label: str, limits: Limits) -> None:
        self.label = label
        self.limits = limits

    @abstractmethod
    def size(self, name: str) -> int:
        """The declared size of a file, after checking it is safe to read; InputError if not."""

    @abstractmethod
    def _open_raw(self, name: str) -> IO[bytes]: ...

    def exists(self, name: str) -> bool:
        try:
            self.size(name)
        except MissingFile:
            return False
        return True

    def open(
        self, name: str, counter: ByteCounter | None = None, cap: int | None = None
    ) -> IO[bytes]:
        """A buffered binary stream of one file, capped at its declared size."""
        limit = self.size(name)
        if cap is not None and limit > cap:
            raise InputError(f"{name}: {limit:,} bytes, more than the {cap:,} allowed")
        raw = CappedReader(self._open_raw(name), name, limit, counter)
        return io.BufferedReader(raw, buffer_size=MiB)

    def close(self) -> None:
        return None


class MissingFile(InputError):
    """A file the manifest names is not in the archive."""


class ZipSource(Source):
    def __init__(self, path: Path, limits: Limits) -> None:
        super().__init__(str(path), limits)
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError,
                RuntimeError) as exc:
            raise InputError(
                f"{path}: not a readable zip file ({exc})",
                hint="the download may be incomplete; fetch the archive again",
            ) from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}") from None
        # Names the zip holds more than once (zipfile itself would silently take the last).
        self._twice: set[str] = set()
        try:
            self._members = self._index()
        except InputError:
            self._zip.close()
            raise

    def _index(self) -> dict[str, zipfile.ZipInfo]:
        members: dict[str, zipfile.ZipInfo] = {}
        for info in self._zip.infolist():
            if info.is_dir():
                continue
            # A genuine archive never holds such a name; one that does was crafted.
            try:
                check_name(info.filename)
            except InputError as exc:
                raise InputError(f"{self.label}: {exc.message}") from None
            if info.filename in members:
                self._twice.add(info.filename)
            members[info.filename] = info
        prefix = _top_folder(members)
        if not prefix:
            return members
        self._twice = {name.removeprefix(prefix) for name in self._twice}
        return {name.removeprefix(prefix): info for name, info in members.items()
                if name.startswith(prefix)}

    def size(self, name: str) -> int:
        check_name(name)
        info = self._members.get(name)
        if info is None:
            raise MissingFile(f"{self.label}: {name} is missing from the archive")
        if name in self._twice:
            # Only refused for files that are read: a stray duplicate elsewhere is harmless.
            raise InputError(f"{name}: in the zip more than once; an archive X made holds each"
                             " file once, so which copy is real cannot be told",
                             hint=AS_SENT_HINT)
        limits = self.limits
        if info.file_size > limits.max_part_bytes:
            raise InputError(f"{name}: declares {info.file_size:,} bytes, more than the"
                             f" {limits.max_part_bytes:,} a part may have")
        if info.flag_bits & 0x1:
            raise InputError(f"{name}: encrypted in the zip; the X archive never is")
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio and info.file_size >= limits.ratio_from_bytes:
            raise InputError(f"{name}: compressed {ratio:,.0f} to 1, a zip bomb's ratio"
                             f" (at most {limits.max_ratio:,.0f} to 1 is accepted)")
        return info.file_size

    def _open_raw(self, name: str) -> IO[bytes]:
        try:
            return self._zip.open(self._members[name])
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError,
                EOFError, OSError, UnicodeDecodeError) as exc:
            # A garbled local header's name is not UTF-8 although its flag says so.
            raise InputError(f"{name}: cannot be read from the zip ({exc})") from None

    def close(self) -> None:
        self._zip.close()


def _top_folder(members: dict[str, zipfile.ZipInfo]) -> str:
    """The folder every name sits under ("twitter-2024/"), when the archive X sent was
    unpacked and zipped again (macOS's "Compress" does this), which had been read as "no
    data/manifest.js; not an X archive" (probe round 10); '' when the names are as sent.
    Only a single top folder holding the manifest counts."""
    if "data/manifest.js" in members:
        return ""
    tops = {name.split("/", 1)[0] for name in members}
    if len(tops) != 1:
        return ""
    prefix = f"{tops.pop()}/"
    return prefix if f"{prefix}data/manifest.js" in members else ""


class FolderSource(Source):
    def __init__(self, root: Path, limits: Limits) -> None:
        super().__init__(str(root), limits)
        self._root = root.resolve()
        inner = [p for p in self._root.iterdir() if p.is_dir()] if self._root.is_dir() else []
        if not (self._root / "data").exists() and len(inner) == 1 and (
                inner[0] / "data" / "manifest.js").is_file():
            # The folder the archive was unpacked into, one level up.
            self._root = inner[0].resolve()

    def _path(self, name: str) -> Path:
        path = self._root.joinpath(*check_name(name).parts)
        try:
            real = path.resolve(strict=True)
        except FileNotFoundError:
            raise MissingFile(f"{self.label}: {name} is missing from the archive") from None
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
            raise InputError(f"{name}: cannot be read ({exc})") from None
        if not real.is_relative_to(self._root):
            raise InputError(f"{name}: a symlink pointing outside the archive folder ({real})")
        return real

    def size(self, name: str) -> int:
        try:
            info = self._path(name).stat()
        except OSError as exc:
            raise InputError(f"{name}: cannot be read ({exc.strerror})") from None
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{name}: not a regular file")
        if info.st_size > self.limits.max_part_bytes:
            raise InputError(f"{name}: {info.st_size:,} bytes, more than the"
                             f" {self.limits.max_part_bytes:,} a part may have")
        return info.st_size

    def _open_raw(self, name: str) -> IO[bytes]:
        # O_NOFOLLOW on the resolved path: a symlink swapped in after the check is refused.
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            return os.fdopen(os.open(self._path(name), flags), "rb", buffering=0)
        except OSError as exc:
            raise InputError(f"{name}: cannot be read ({exc.strerror})") from None


def open_source(path: Path, limits: Limits) -> Source:
    """The downloaded .zip, or the folder it was unpacked into."""
    if path.is_dir():
        return FolderSource(path, limits)
    if path.is_file():
        return ZipSource(path, limits)
    raise InputError(f"{path}: not a regular file (a pipe or a device?)" if path.exists()
                     else f"{path}: no such file or folder",
                     hint="give the archive .zip X sent you, or the folder you unpacked it into")

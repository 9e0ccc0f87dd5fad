"""How the store file comes to exist, and which files it refuses to treat as a store."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from followprune.errors import StoreError
from followprune.store import Store
from followprune.store.database import SQLITE_HEADER


def test_a_new_store_appears_complete_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "data" / "s.sqlite3"
    Store(path).close()
    assert sorted(p.name for p in path.parent.iterdir()) == ["s.sqlite3"]
    assert path.read_bytes().startswith(SQLITE_HEADER)
    with Store(path) as store:  # and it opens again as the same store
        assert store.find_identity("demo") is None


def test_without_hard_links_the_store_is_created_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: object) -> None:
        raise OSError(95, "Operation not supported")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "s.sqlite3"
    with Store(path) as store:
        store.identity("demo", "1", "me")
    assert [p.name for p in tmp_path.iterdir()] == ["s.sqlite3"]


def test_a_store_created_meanwhile_by_another_run_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.sqlite3"
    with Store(tmp_path / "other.sqlite3") as other:
        other.identity("demo", "1", "theirs")
    real_link = os.link

    def raced(source: str, target: str) -> None:
        real_link(tmp_path / "other.sqlite3", target)  # the other run wins the race
        real_link(source, target)

    monkeypatch.setattr(os, "link", raced)
    with Store(path) as store:
        found = store.find_identity("demo")
    assert found is not None and found.handle == "theirs"


@pytest.mark.parametrize("content", [b"\x00", b"SQLite", b"x" * 600])
def test_a_small_file_that_is_not_sqlite_is_never_overwritten(tmp_path: Path,
                                                              content: bytes) -> None:
    path = tmp_path / "s.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store(path)
    assert path.read_bytes() == content


def test_permission_messages_name_the_file_or_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.sqlite3"
    Store(path).close()
    real_access = os.access

    def denied(target: object, mode: int) -> bool:
        return False if Path(str(target)) == path and mode & os.W_OK else real_access(
            target, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", denied)
    with pytest.raises(StoreError, match=r"the store .* is read-only") as caught:
        Store(path)
    assert caught.value.hint is not None and "damaged" not in caught.value.hint

    def folder_denied(target: object, mode: int) -> bool:
        return False if Path(str(target)) == tmp_path else real_access(
            target, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", folder_denied)
    expected = re.escape(f"the folder {tmp_path} of the store is not writable")
    with pytest.raises(StoreError, match=expected):
        Store(path)

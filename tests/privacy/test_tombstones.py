"""Tombstones are keyed with a per-home secret (a plain hash of a short id can be reversed by guessing), old ones
are re-keyed, and logs name customers and chats by a keyed pseudonym (issue 10, privacy)."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from bot.store import Store
from bot.tombstones import KEY_FILE, ErasureKey


def _guesses() -> dict[str, str]:
    """What an attacker holding only the database would try: the plain hash of every short id."""
    ids = [f"c{i:03d}" for i in range(1000)]
    return {hashlib.sha256(f"shopbot-erased:{i}".encode()).hexdigest(): i for i in ids}


def test_tombstones_are_keyed_per_home_and_the_key_file_is_private(tmp_path: Path) -> None:
    a, b = Store(tmp_path / "a" / "shopbot.db"), Store(tmp_path / "b" / "shopbot.db")
    for store in (a, b):
        store.ensure_customer("c005", name="Someone")
        store.erase_customer("c005")
    keys_a, keys_b = a.erased_keys().keys, b.erased_keys().keys
    assert "c005" in a.erased_keys() and "c006" not in a.erased_keys() and a.was_erased("c005")
    assert keys_a.isdisjoint(keys_b)  # another home's key: another tombstone
    assert not set(_guesses()) & keys_a and not any(
        g in k for g in _guesses() for k in keys_a
    )  # guessing hashes finds nothing
    mode = stat.S_IMODE((tmp_path / "a" / KEY_FILE).stat().st_mode)
    assert mode == 0o600
    a.close()
    again = Store(tmp_path / "a" / "shopbot.db")  # the key persists: the same tombstone after a restart
    assert again.erased_keys().keys == keys_a and "c005" in again.erased_keys()
    again.close()
    b.close()


def test_legacy_unkeyed_tombstones_are_re_keyed_on_open(tmp_path: Path) -> None:
    db = tmp_path / "shopbot.db"
    Store(db).close()
    legacy = hashlib.sha256(b"shopbot-erased:c007").hexdigest()  # what the previous version stored
    con = sqlite3.connect(db)
    with con:
        con.execute(
            "INSERT INTO erasures (key, requested_at, completed_at) VALUES (?, '2026-01-01', '2026-01-01')", [legacy]
        )
    con.close()
    store = Store(db)
    keys = store.erased_keys().keys
    assert legacy not in keys and len(keys) == 1 and next(iter(keys)).startswith("k1:")
    assert store.was_erased("c007") and not store.erasure_pending("c007") and "c007" in store.erased_keys()
    store.close()


def test_processes_starting_at_once_agree_on_one_key(tmp_path: Path) -> None:
    keys: list[str] = []
    threads = [
        threading.Thread(target=lambda: keys.append(ErasureKey.for_home(tmp_path).tombstone("c001"))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(keys)) == 1 and [p.name for p in tmp_path.iterdir()] == [KEY_FILE]


@pytest.mark.parametrize("bad", [b"", b"not hex at all"])
def test_a_damaged_key_file_is_a_clear_error(tmp_path: Path, bad: bytes) -> None:
    (tmp_path / KEY_FILE).write_bytes(bad)
    with pytest.raises(ValueError, match=KEY_FILE):
        ErasureKey.for_home(tmp_path)


def test_a_lost_key_file_is_reported_loudly(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = Store(tmp_path / "shopbot.db")
    store.ensure_customer("c009")
    store.erase_customer("c009")
    store.close()
    (tmp_path / KEY_FILE).unlink()  # e.g. the database restored from a backup without the key
    with caplog.at_level(logging.ERROR):
        again = Store(tmp_path / "shopbot.db")
    assert "tombstones made with the old one" in caplog.text and not again.was_erased("c009")
    again.close()

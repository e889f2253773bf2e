"""What a saved version keeps for the next build to reuse: each catalog line's record key and its chunk's position
(bot.kb.sources.record_key), and the saved chunk lines themselves."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

# each catalog line's record_key (16 bytes a row) and its chunk's position
RECORD_KEYS, RECORD_ROWS = "record_keys.npy", "record_rows.npy"


def save_record_keys(directory: Path, record_keys: Mapping[bytes, int]) -> None:
    """Write the record keys and their chunks' positions as two NumPy files (never pickle)."""
    keys = list(record_keys)
    np.save(directory / RECORD_KEYS, np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(len(keys), 16))
    np.save(directory / RECORD_ROWS, np.fromiter(record_keys.values(), dtype=np.int64, count=len(keys)))


def lines_of(path: Path) -> list[bytes]:
    """The lines of a saved chunks file, or none when it cannot be read (every line is then encoded again)."""
    try:
        return path.read_bytes().split(b"\n")
    except OSError:
        return []


def load_record_keys(directory: Path, chunks: int) -> dict[bytes, int]:
    """A saved version's catalog lines by record key; none for a version saved before them or when the files
    cannot be read (the next build then reads every line)."""
    try:
        keys = np.load(directory / RECORD_KEYS, allow_pickle=False)
        rows = np.load(directory / RECORD_ROWS, allow_pickle=False)
    except (OSError, ValueError):
        return {}
    if keys.ndim != 2 or keys.shape[1:] != (16,) or len(keys) != len(rows) or (len(rows) and rows.max() >= chunks):
        log.warning("%s: record keys and rows disagree; the next build reads every catalog line", directory.name)
        return {}
    raw = keys.tobytes()
    return {raw[16 * i : 16 * i + 16]: int(at) for i, at in enumerate(rows.tolist())}

"""Embedding cache keyed by content hash: a reload (or a retrained recommender) embeds only new or changed texts.

Shared by the knowledge base (chunks and slot rows) and the recommender (item texts) through `bot.embed`."""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

KEYS_FILE = "keys.json"
LEGACY_VECTORS = "vectors.npy"  # the format before the vectors file was named by the keys file


class EmbeddingCache:
    """Vectors by content hash: `keys.json` names its vectors file (`vectors-<token>.npy`), rows and dimension.

    A save writes a new vectors file under a name of its own, then replaces keys.json (the one commit point), then
    removes the vectors file it replaced: a process killed at any step leaves a keys.json that names a complete file
    whose rows are its keys' (a stray new file is removed by the next save). Before, keys.json and vectors.npy were
    replaced one after the other, and a kill between the two paired the old keys with the new rows.

    The vectors file is memory-mapped, not read: a reload that looks up a few hundred texts reads those rows only
    (at 50,000 products the whole file is 78 MB). `save` writes only when something was added or dropped."""

    def __init__(self, directory: Path, *, dim: int) -> None:
        self.directory = directory
        self.dim = dim
        self._index: dict[str, int] = {}
        self._vectors: np.ndarray = np.zeros((0, dim), dtype=np.float32)
        # put() appends here; joined on save (or retain): concatenating on every batch copied the whole cache
        # each time (quadratic: minutes at 50,000 rows)
        self._pending: list[np.ndarray] = []
        self._pending_rows = 0
        self._dirty = False
        self._load()

    def _load(self) -> None:
        keys_path = self.directory / KEYS_FILE
        if not keys_path.exists():
            return
        try:
            head = json.loads(keys_path.read_text(encoding="utf-8"))
            if isinstance(head, list):  # the older layout: keys.json + vectors.npy (not written any more)
                keys, vec_name, rows = head, LEGACY_VECTORS, len(head)
            else:
                keys, vec_name, rows = head["keys"], str(head["vectors"]), int(head["rows"])
            vectors = np.load(self.directory / vec_name, allow_pickle=False, mmap_mode="r")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("embedding cache in %s is unreadable (%s); starting empty", self.directory, exc)
            return
        if not (len(keys) == rows == len(vectors)) or vectors.ndim != 2 or (rows and vectors.shape[1] != self.dim):
            log.warning("embedding cache in %s is inconsistent; starting empty", self.directory)
            return
        if vectors.dtype != np.float32:
            vectors = vectors.astype(np.float32)
        self._index = dict(zip(keys, range(len(keys)), strict=True))
        self._vectors = vectors

    def __len__(self) -> int:
        return len(self._index)

    def _joined(self) -> np.ndarray:
        if self._pending:
            self._vectors = np.concatenate([self._vectors, *self._pending])
            self._pending, self._pending_rows = [], 0
        return self._vectors

    def get(self, keys: list[str]) -> tuple[np.ndarray, list[int]]:
        """Vectors for keys (zero rows where missing) and the positions that were missing."""
        rows = np.array([self._index.get(key, -1) for key in keys], dtype=np.int64)
        missing = np.flatnonzero(rows < 0).tolist()
        out = np.zeros((len(keys), self.dim), dtype=np.float32)
        stored = len(self._vectors)
        old = (rows >= 0) & (rows < stored)  # rows of the file (or of the last join), read where they lie
        if old.any():
            out[old] = self._vectors[rows[old]]
        new = rows >= stored
        if new.any():  # rows put since: joined among themselves only
            out[new] = np.concatenate(self._pending)[rows[new] - stored]
        return out, missing

    def put(self, keys: list[str], vectors: np.ndarray) -> None:
        """Add vectors (in memory; call save())."""
        fresh: dict[str, np.ndarray] = {}
        for k, v in zip(keys, vectors, strict=True):
            if k not in self._index and k not in fresh:  # a text twice in one batch is stored once
                fresh[k] = v
        new = list(fresh.items())
        if not new:
            return
        start = len(self._index)
        self._pending.append(np.stack([v for _, v in new]).astype(np.float32))
        self._pending_rows += len(new)
        self._dirty = True
        for offset, (key, _) in enumerate(new):
            self._index[key] = start + offset

    def retain(self, keys: set[str]) -> None:
        """Drop every vector whose key is not in keys (keeps the cache from growing forever)."""
        kept = [k for k in self._index if k in keys]
        if len(kept) == len(self._index):
            return
        rows = [self._index[k] for k in kept]
        self._vectors = self._joined()[rows] if rows else np.zeros((0, self.dim), dtype=np.float32)
        self._index = {k: i for i, k in enumerate(kept)}
        self._dirty = True

    def save(self) -> None:
        """Write a new vectors file, then commit it by replacing keys.json; nothing when nothing changed since loaded."""
        if not self._dirty:
            return
        started = time.time()
        self.directory.mkdir(parents=True, exist_ok=True)
        keys = sorted(self._index, key=self._index.__getitem__)
        vec_name = f"vectors-{uuid.uuid4().hex[:16]}.npy"
        vectors = self._joined()
        with open(self.directory / vec_name, "wb") as f:
            np.save(f, vectors)
            f.flush()
            os.fsync(f.fileno())  # the rows are on disk before any keys.json names them
        tmp_keys = self.directory / f"{KEYS_FILE}.{vec_name}.tmp"
        with open(tmp_keys, "w", encoding="utf-8") as f:
            json.dump({"vectors": vec_name, "rows": len(keys), "dim": self.dim, "keys": keys}, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp_keys, self.directory / KEYS_FILE)  # the commit point
        self._dirty = False
        self._remove_stale(vec_name, started)

    def _remove_stale(self, current: str, started: float) -> None:
        """Vectors files no keys.json names any more: the one replaced, and those of saves killed before their commit
        (only files older than this save, so another process's save in progress keeps its file)."""
        for path in [*self.directory.glob("vectors*.npy"), *self.directory.glob(f"{KEYS_FILE}.*.tmp")]:
            if path.name == current:
                continue
            try:
                if path.stat().st_mtime < started:
                    path.unlink()
            except OSError:
                pass  # gone already, or another process's: harmless

"""Embedding cache keyed by content hash: a reload embeds only new or changed chunks."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


class EmbeddingCache:
    """Vectors by content hash, stored as keys.json + vectors.npy, written atomically.

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
        keys_path, vec_path = self.directory / "keys.json", self.directory / "vectors.npy"
        if not (keys_path.exists() and vec_path.exists()):
            return
        try:
            keys = json.loads(keys_path.read_text(encoding="utf-8"))
            vectors = np.load(vec_path, allow_pickle=False, mmap_mode="r")
        except (OSError, ValueError) as exc:
            log.warning("embedding cache in %s is unreadable (%s); starting empty", self.directory, exc)
            return
        if len(keys) != len(vectors) or (len(vectors) and vectors.shape[1] != self.dim):
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
        """Write both files through temporary names, then rename (nothing when nothing changed since loaded)."""
        if not self._dirty:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        keys = sorted(self._index, key=self._index.__getitem__)
        tmp_keys, tmp_vec = self.directory / "keys.json.tmp", self.directory / "vectors.tmp.npy"
        tmp_keys.write_text(json.dumps(keys), encoding="utf-8")
        np.save(tmp_vec, self._joined())
        os.replace(tmp_vec, self.directory / "vectors.npy")
        os.replace(tmp_keys, self.directory / "keys.json")
        self._dirty = False

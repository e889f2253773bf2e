"""Embedding cache keyed by content hash: a reload embeds only new or changed chunks."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


class EmbeddingCache:
    """Vectors by content hash, stored as keys.json + vectors.npy, written atomically."""

    def __init__(self, directory: Path, *, dim: int) -> None:
        self.directory = directory
        self.dim = dim
        self._index: dict[str, int] = {}
        self._vectors = np.zeros((0, dim), dtype=np.float32)
        # put() appends here; joined on the next read: concatenating on every batch copied the whole cache
        # each time (quadratic: minutes at 50,000 rows)
        self._pending: list[np.ndarray] = []
        self._load()

    def _load(self) -> None:
        keys_path, vec_path = self.directory / "keys.json", self.directory / "vectors.npy"
        if not (keys_path.exists() and vec_path.exists()):
            return
        try:
            keys = json.loads(keys_path.read_text(encoding="utf-8"))
            vectors = np.load(vec_path, allow_pickle=False)
        except (OSError, ValueError) as exc:
            log.warning("embedding cache in %s is unreadable (%s); starting empty", self.directory, exc)
            return
        if len(keys) != len(vectors) or (len(vectors) and vectors.shape[1] != self.dim):
            log.warning("embedding cache in %s is inconsistent; starting empty", self.directory)
            return
        self._index = {k: i for i, k in enumerate(keys)}
        self._vectors = vectors.astype(np.float32, copy=False)

    def __len__(self) -> int:
        return len(self._index)

    def _joined(self) -> np.ndarray:
        if self._pending:
            self._vectors = np.concatenate([self._vectors, *self._pending])
            self._pending = []
        return self._vectors

    def get(self, keys: list[str]) -> tuple[np.ndarray, list[int]]:
        """Vectors for keys (zero rows where missing) and the positions that were missing."""
        rows = np.array([self._index.get(key, -1) for key in keys], dtype=np.int64)
        missing = np.flatnonzero(rows < 0).tolist()
        out = np.zeros((len(keys), self.dim), dtype=np.float32)
        found = rows >= 0
        if found.any():
            out[found] = self._joined()[rows[found]]
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

    def save(self) -> None:
        """Write both files through temporary names, then rename."""
        self.directory.mkdir(parents=True, exist_ok=True)
        keys = sorted(self._index, key=self._index.__getitem__)
        tmp_keys, tmp_vec = self.directory / "keys.json.tmp", self.directory / "vectors.tmp.npy"
        tmp_keys.write_text(json.dumps(keys), encoding="utf-8")
        np.save(tmp_vec, self._joined())
        os.replace(tmp_vec, self.directory / "vectors.npy")
        os.replace(tmp_keys, self.directory / "keys.json")

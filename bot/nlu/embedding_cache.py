"""An embedder wrapper that remembers vectors it has already computed in this process."""

from __future__ import annotations

import threading

import numpy as np

from bot.embed.embedder import Embedder, get_embedder


class CachedEmbedder:
    """Embeds each distinct text once; cross-validation and repeated evaluations reuse the vectors."""

    def __init__(self, embedder: Embedder, *, max_items: int = 100_000) -> None:
        self.inner = embedder
        self.name = embedder.name
        self.dim = embedder.dim
        self._max_items = max_items
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def embed(self, texts: list[str], *, batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Embed texts, computing only those not seen before."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            found = {t: self._cache[t] for t in texts if t in self._cache}
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            vectors = self.inner.embed(missing, batch_size=batch_size, progress=progress)
            fresh = dict(zip(missing, vectors, strict=True))
            found.update(fresh)
            with self._lock:
                if len(self._cache) + len(fresh) > self._max_items:
                    self._cache.clear()
                self._cache.update(fresh)
        return np.stack([found[t] for t in texts]).astype(np.float32, copy=False)


_CACHED: dict[str, CachedEmbedder] = {}


def cached_embedder(name: str) -> CachedEmbedder:
    """The process-wide cached embedder of this name (`minilm` or `hashing`)."""
    if name not in _CACHED:
        _CACHED[name] = CachedEmbedder(get_embedder(name))
    return _CACHED[name]

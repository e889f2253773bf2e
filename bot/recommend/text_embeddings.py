"""Item text embeddings with an on-disk cache (NumPy .npz keyed by a hash of the texts)."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import numpy as np

from bot.recommend.interactions import ItemText

log = logging.getLogger(__name__)


def embed_texts(texts: list[str], *, embedder: str = "minilm", cache_dir: Path | None = None) -> np.ndarray:
    """Embed texts with the named embedder, reusing a cached result for the very same texts."""
    from bot.embed.embedder import get_embedder

    key = hashlib.sha256("\x1f".join([embedder, *texts]).encode()).hexdigest()[:24]
    path = cache_dir / f"emb-{embedder}-{key}.npy" if cache_dir is not None else None
    if path is not None and path.exists():
        cached = np.load(path, allow_pickle=False)
        if cached.shape[0] == len(texts):
            return cached
    vecs = get_embedder(embedder).embed(texts)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npy")
        np.save(tmp, vecs)
        tmp.replace(path)
        log.info("cached %d item embeddings at %s", len(texts), path)
    return vecs


def embed_items(
    items: list[ItemText], *, embedder: str = "minilm", cache_dir: Path | None = None
) -> dict[str, np.ndarray]:
    """Item id -> embedding of the item's text."""
    vecs = embed_texts([it.text for it in items], embedder=embedder, cache_dir=cache_dir)
    return {it.item: vecs[n] for n, it in enumerate(items)}

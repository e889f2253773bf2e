"""Item text embeddings, cached per text: a retrained recommender embeds only the items whose text is new.

The cache (`bot.embed.cache.EmbeddingCache`, one folder per embedder and precision) is keyed by a digest of each
item's text, so it holds across catalog versions, restarts and a changed product or two; it is saved atomically. Before,
the key was a digest of every text together: any change to the catalog embedded all of it again (at 50,000
products, about 35 minutes on 2 loaded cores), and the server's recommender used no cache at all. A first start
still embeds every item once."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import numpy as np

from bot.embed.cache import EmbeddingCache
from bot.embed.embedder import embedder_key, get_embedder
from bot.recommend.interactions import ItemText

log = logging.getLogger(__name__)

# above this many cached vectors, and more than twice the texts asked for, only those texts' vectors are kept
MAX_CACHED = 200_000


def text_key(embedder: str, text: str) -> str:
    """The cache key of a text for one embedder (and precision): the knowledge base's `content_hash` form."""
    return hashlib.sha256(f"{embedder}\x00{text}".encode()).hexdigest()


def item_vectors_dir(models_dir: Path) -> Path:
    """Where the recommender's item vectors are cached, next to its artifacts."""
    return models_dir / "recommend-cache"


def embed_texts(texts: list[str], *, embedder: str = "minilm", cache_dir: Path | None = None) -> np.ndarray:
    """Embed texts with the named embedder, each text's vector taken from the cache when it was embedded before."""
    return cached_vectors(texts, embedder=embedder, cache_dir=cache_dir)[0]


def cached_vectors(
    texts: list[str], *, embedder: str = "minilm", cache_dir: Path | None = None
) -> tuple[np.ndarray, int]:
    """(vectors, how many texts were embedded): only the texts the cache under cache_dir lacks are embedded."""
    model = get_embedder(embedder)
    if cache_dir is None:
        return model.embed(texts), len(texts)
    name = embedder_key(embedder)  # fp32 and int8 MiniLM vectors are kept apart
    cache = EmbeddingCache(cache_dir / name, dim=model.dim)
    keys = [text_key(name, t) for t in texts]
    vectors, missing = cache.get(keys)
    if missing:
        log.info("embedding %d of %d item texts (%d cached)", len(missing), len(texts), len(texts) - len(missing))
        # one call, as before the cache: int8 MiniLM quantises each batch's activations together, so a text's vector
        # depends on the texts batched with it (cosine down to 0.983 between two batchings); a cold cache gives
        # exactly the vectors of before
        new = model.embed([texts[i] for i in missing])
        vectors[missing] = new
        cache.put([keys[i] for i in missing], new)
    if len(cache) > max(MAX_CACHED, 2 * len(texts)):
        cache.retain(set(keys))
    cache.save()
    return vectors, len(missing)


def embed_items(
    items: list[ItemText], *, embedder: str = "minilm", cache_dir: Path | None = None
) -> dict[str, np.ndarray]:
    """Item id -> embedding of the item's text."""
    vecs = embed_texts([it.text for it in items], embedder=embedder, cache_dir=cache_dir)
    return {it.item: vecs[n] for n, it in enumerate(items)}

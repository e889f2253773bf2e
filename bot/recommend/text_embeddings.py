"""Item text embeddings, cached per text: a retrained recommender embeds only the items whose text is new.

The cache (`bot.embed.cache.EmbeddingCache`, one folder per embedder and precision) is keyed by a digest of each
item's text, so it holds across catalog versions, restarts and a changed product or two; it is saved atomically,
and every CHECKPOINT_ROWS rows while a large catalog is embedded, so a first start killed midway resumes. Before,
the key was a digest of every text together: any change to the catalog embedded all of it again (at 50,000
products, about 35 minutes on 2 loaded cores), and the server's recommender used no cache at all."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bot.embed.cache import EmbeddingCache
from bot.embed.embedder import Embedder, embedder_key, get_embedder
from bot.recommend.interactions import ItemText

log = logging.getLogger(__name__)

# texts sorted by length and embedded in batches of BATCH (a batch is padded to its longest text; the catalog's
# order mixes lengths), CALL texts per call
CALL, BATCH = 512, 32
CHECKPOINT_ROWS = 10_000
# above this many cached vectors, and more than twice the texts asked for, only those texts' vectors are kept
MAX_CACHED = 200_000


def text_key(embedder: str, text: str) -> str:
    """The cache key of a text for one embedder (and precision): the knowledge base's `content_hash` form."""
    return hashlib.sha256(f"{embedder}\x00{text}".encode()).hexdigest()


def item_vectors_dir(models_dir: Path) -> Path:
    """Where the recommender's item vectors are cached, next to its artifacts."""
    return models_dir / "recommend-cache"


def _embed_sorted(
    embedder: Embedder, texts: list[str], done: Callable[[list[int], np.ndarray], None] | None = None
) -> np.ndarray:
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for start in range(0, len(order), CALL):
        pos = order[start : start + CALL]
        out[pos] = embedder.embed([texts[i] for i in pos], batch_size=BATCH)
        if done is not None:
            done(pos, out[pos])
    return out


def embed_texts(texts: list[str], *, embedder: str = "minilm", cache_dir: Path | None = None) -> np.ndarray:
    """Embed texts with the named embedder, each text's vector taken from the cache when it was embedded before."""
    return cached_vectors(texts, embedder=embedder, cache_dir=cache_dir)[0]


def cached_vectors(
    texts: list[str], *, embedder: str = "minilm", cache_dir: Path | None = None
) -> tuple[np.ndarray, int]:
    """(vectors, how many texts were embedded): only the texts the cache under cache_dir lacks are embedded."""
    model = get_embedder(embedder)
    if cache_dir is None:
        return _embed_sorted(model, texts), len(texts)
    name = embedder_key(embedder)  # fp32 and int8 MiniLM vectors are kept apart
    cache = EmbeddingCache(cache_dir / name, dim=model.dim)
    keys = [text_key(name, t) for t in texts]
    vectors, missing = cache.get(keys)
    if missing:
        log.info("embedding %d of %d item texts (%d cached)", len(missing), len(texts), len(texts) - len(missing))
        since = [0]

        def done(pos: list[int], new: np.ndarray) -> None:
            cache.put([keys[missing[i]] for i in pos], new)
            since[0] += len(pos)
            if since[0] >= CHECKPOINT_ROWS:  # a first start killed midway keeps what it embedded
                cache.save()
                since[0] = 0

        vectors[missing] = _embed_sorted(model, [texts[i] for i in missing], done)
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

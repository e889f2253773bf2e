"""CachedEmbedder returns exactly what its embedder would, in order, duplicates included."""

from __future__ import annotations

import numpy as np

from bot.embed.embedder import HashingEmbedder
from bot.nlu.embedding_cache import CachedEmbedder


def test_cached_vectors_equal_fresh_ones_in_any_order() -> None:
    inner = HashingEmbedder(dim=64)
    cached = CachedEmbedder(inner, max_items=3)
    first = cached.embed(["a b", "c d", "a b"])
    np.testing.assert_array_equal(first, inner.embed(["a b", "c d", "a b"]))
    # a second batch mixes remembered and new texts and overflows the small cache
    second = cached.embed(["e f", "c d", "g h", "a b"])
    np.testing.assert_array_equal(second, inner.embed(["e f", "c d", "g h", "a b"]))
    assert cached.embed([]).shape == (0, 64)
    assert cached.dim == 64 and cached.name == "hashing"

"""The embedding cache: vectors by content hash, kept across batches and saves."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.kb.cache import EmbeddingCache


def test_batches_put_one_after_another_read_back_after_a_save(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    cache = EmbeddingCache(tmp_path / "c", dim=8)
    batches = [(["k%d" % (b * 10 + i) for i in range(10)], rng.random((10, 8), dtype=np.float32)) for b in range(5)]
    for keys, vectors in batches:
        cache.put(keys, vectors)
        cache.put(keys[:3], vectors[:3] + 1)  # a key already cached keeps its first vector
    keys = [k for ks, _ in batches for k in ks]
    expected = np.concatenate([v for _, v in batches])
    got, missing = cache.get(["absent", *keys])
    assert missing == [0] and not got[0].any() and np.array_equal(got[1:], expected)
    cache.save()
    again = EmbeddingCache(tmp_path / "c", dim=8)
    assert len(again) == 50
    got, missing = again.get(keys[::-1])
    assert missing == [] and np.array_equal(got, expected[::-1])
    again.put(["new"], np.ones((1, 8), dtype=np.float32))
    again.retain({"new", keys[7]})
    got, missing = again.get([keys[7], "new", keys[8]])
    assert missing == [2] and np.array_equal(got[0], expected[7]) and got[1].all()

"""The embedding cache: vectors by content hash, kept across batches and saves."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from bot.embed.cache import EmbeddingCache


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


def test_a_loaded_cache_reads_its_rows_in_place_and_is_written_only_when_it_changed(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    stored = rng.random((20, 8), dtype=np.float32)
    cache = EmbeddingCache(tmp_path / "c", dim=8)
    cache.put([f"k{i}" for i in range(20)], stored)
    cache.save()
    (vectors_file,) = (tmp_path / "c").glob("vectors*.npy")
    inode = vectors_file.stat().st_ino
    again = EmbeddingCache(tmp_path / "c", dim=8)
    got, missing = again.get(["k3", "k19"])
    assert missing == [] and np.array_equal(got, stored[[3, 19]])
    again.save()  # nothing added: the files stay as they are
    assert vectors_file.stat().st_ino == inode
    new = rng.random((2, 8), dtype=np.float32)
    again.put(["n0", "n1"], new)
    got, missing = again.get(["n1", "k5", "absent", "n0"])  # rows of the file and rows put since, in one read
    assert missing == [2] and np.array_equal(got[[0, 1, 3]], np.stack([new[1], stored[5], new[0]]))
    again.save()
    assert not vectors_file.exists() and len(list((tmp_path / "c").glob("vectors*.npy"))) == 1
    third = EmbeddingCache(tmp_path / "c", dim=8)
    got, missing = third.get(["n0", "k0"])
    assert len(third) == 22 and missing == [] and np.array_equal(got, np.stack([new[0], stored[0]]))


def test_a_cache_in_the_older_layout_is_read(tmp_path: Path) -> None:
    """keys.json as a bare list beside vectors.npy (written before the vectors file was named by keys.json)."""
    directory = tmp_path / "c"
    directory.mkdir()
    stored = np.random.default_rng(2).random((3, 8), dtype=np.float32)
    (directory / "keys.json").write_text(json.dumps(["a", "b", "c"]), encoding="utf-8")
    np.save(directory / "vectors.npy", stored)
    cache = EmbeddingCache(directory, dim=8)
    got, missing = cache.get(["c", "a"])
    assert missing == [] and np.array_equal(got, stored[[2, 0]])
    cache.put(["d"], stored[:1])
    cache.save()  # written in the new layout; the older file goes
    assert not (directory / "vectors.npy").exists()
    got, missing = EmbeddingCache(directory, dim=8).get(["b", "d"])
    assert missing == [] and np.array_equal(got, stored[[1, 0]])

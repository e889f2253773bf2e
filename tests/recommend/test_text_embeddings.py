"""Item text vectors cached per text: a changed or new item is embedded, the rest read back from the cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.embed import get_embedder
from bot.recommend.interactions import ItemText
from bot.recommend.text_embeddings import cached_vectors, embed_items


def test_only_new_or_changed_texts_are_embedded_again_in_any_order(tmp_path: Path) -> None:
    texts = [f"Trail boot {i}. Boots. Waterproof leather, size {i % 9 + 36}" for i in range(40)]
    first, embedded = cached_vectors(texts, embedder="hashing", cache_dir=tmp_path)
    assert embedded == 40
    assert np.allclose(first, get_embedder("hashing").embed(texts))
    # the next catalog version: one text changed, one new, the rest in another order (a restarted process)
    later = [*texts[::-1]]
    later[5] = later[5] + " with a new sole"
    later.append("Rain jacket. Jackets. Packable shell")
    again, embedded = cached_vectors(later, embedder="hashing", cache_dir=tmp_path)
    assert embedded == 2
    assert np.allclose(again, get_embedder("hashing").embed(later))
    _, embedded = cached_vectors(later, embedder="hashing", cache_dir=tmp_path)
    assert embedded == 0


def test_items_map_to_their_own_text_vector(tmp_path: Path) -> None:
    items = [ItemText("A1", "Wool scarf", "Accessories", "Soft merino"), ItemText("B2", "Rain boots", "Boots")]
    by_item = embed_items(items, embedder="hashing", cache_dir=tmp_path)
    direct = get_embedder("hashing").embed([it.text for it in items])
    assert np.allclose(by_item["A1"], direct[0]) and np.allclose(by_item["B2"], direct[1])
    swapped = embed_items(items[::-1], embedder="hashing", cache_dir=tmp_path)
    assert np.allclose(swapped["A1"], direct[0]) and np.allclose(swapped["B2"], direct[1])

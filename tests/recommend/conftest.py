"""Fixtures for the recommender tests."""

from __future__ import annotations

import pytest

from tests.recommend.shopdata import item_texts


@pytest.fixture(scope="session")
def hashing_embed():
    """The fast hashing embedder's embed function."""
    from bot.embed.embedder import get_embedder

    emb = get_embedder("hashing")
    return lambda texts: emb.embed(texts)


@pytest.fixture(scope="session")
def shop_embeddings(hashing_embed):
    """Item id -> hashing embedding for the synthetic catalogue."""
    items = item_texts()
    vecs = hashing_embed([it.text for it in items])
    return {it.item: vecs[n] for n, it in enumerate(items)}

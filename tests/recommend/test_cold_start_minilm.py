"""Cold start with the real MiniLM embedder: a product nobody bought yet reaches the right customers."""

from __future__ import annotations

import pytest

from bot.recommend.mf import MFConfig
from bot.recommend.mf_train import train_mf
from bot.recommend.recommender import Recommender
from tests.recommend.shopdata import COLD_OUTDOOR, KITCHEN, OUTDOOR, item_texts, make_shop

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def minilm_embed():
    from bot.embed.embedder import get_embedder

    emb = get_embedder("minilm")
    return lambda texts: emb.embed(texts)


def test_new_product_with_text_only_is_recommended_to_customers_of_similar_products(minilm_embed):
    items = item_texts()
    vecs = minilm_embed([it.text for it in items])
    model = train_mf(
        make_shop(),
        item_embeddings={it.item: vecs[n] for n, it in enumerate(items)},
        config=MFConfig(mode="implicit", factors=4),
    )
    products = [
        {"sku": i, "name": n, "category": c, "description": d, "in_stock": True} for i, n, c, d in OUTDOOR + KITCHEN
    ]
    products.append(
        {
            "sku": COLD_OUTDOOR.item,
            "name": COLD_OUTDOOR.name,
            "category": COLD_OUTDOOR.category,
            "description": COLD_OUTDOOR.description,
            "in_stock": True,
        }
    )
    rec = Recommender(model, products, embed=minilm_embed)
    outdoor = [COLD_OUTDOOR.item in [r.item for r in rec.recommend(f"u{u}", k=3)] for u in range(0, 40, 2)]
    kitchen = [COLD_OUTDOOR.item in [r.item for r in rec.recommend(f"u{u}", k=3)] for u in range(1, 40, 2)]
    assert sum(outdoor) >= 15 and sum(kitchen) == 0
    pick = next(r for r in rec.recommend("u0", k=3) if r.item == COLD_OUTDOOR.item)
    assert pick.reason.startswith("because you bought ")


def test_context_text_turns_a_kitchen_customer_towards_hiking_gear(minilm_embed):
    items = item_texts()
    vecs = minilm_embed([it.text for it in items])
    model = train_mf(
        make_shop(),
        item_embeddings={it.item: vecs[n] for n, it in enumerate(items)},
        config=MFConfig(mode="implicit", factors=4),
    )
    rec = Recommender(model, [], embed=minilm_embed)
    picks = rec.recommend(
        "u1", k=2, context_text="I am going hiking in the mountains next week, what should I wear in the rain?"
    )
    assert all(r.item.startswith("o") for r in picks)
    assert all("you asked about" in r.reason for r in picks)

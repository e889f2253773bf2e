"""Filtered, explained recommendations over a product catalogue."""

from __future__ import annotations

import pytest

from bot.errors import ConfigError
from bot.recommend.mf import MFConfig
from bot.recommend.mf_train import train_mf
from bot.recommend.recommender import Recommender
from tests.recommend.shopdata import COLD_OUTDOOR, KITCHEN, OUTDOOR, make_shop


def catalogue(**overrides: dict) -> list[dict]:
    products = []
    for n, (sku, name, category, description) in enumerate(OUTDOOR + KITCHEN):
        p = {
            "sku": sku,
            "name": name,
            "category": category,
            "description": description,
            "price": 20.0 + 10 * n,
            "in_stock": True,
            "brand": "Peak" if sku.startswith("o") else "Cook",
            "colors": ["black", "red"],
            "stock": {"M": 3, "L": 0},
        }
        p.update(overrides.get(sku, {}))
        products.append(p)
    return products


@pytest.fixture()
def model(shop_embeddings):
    return train_mf(make_shop(), item_embeddings=shop_embeddings, config=MFConfig(mode="implicit", factors=4))


def test_recommendations_stay_in_taste_and_explain_with_a_bought_item(model, hashing_embed):
    rec = Recommender(model, catalogue(), embed=hashing_embed)
    picks = rec.recommend("u0", k=2)
    assert len(picks) == 2
    bought = set(model.history("u0"))
    for item, score, reason in picks:
        assert item.startswith("o") and item not in bought
        assert reason.startswith("because you bought ")
        assert any(rec.name(b) in reason for b in bought)


def test_never_out_of_stock_never_bought_unless_consumable(model, hashing_embed):
    bought = model.history("u0")
    out_of_stock = next(i for i, *_ in OUTDOOR if i not in bought)
    rec = Recommender(model, catalogue(**{out_of_stock: {"in_stock": False}}), embed=hashing_embed)
    items = [r.item for r in rec.recommend("u0", k=20)]
    assert out_of_stock not in items
    assert not set(items) & set(bought)
    consumable = bought[0]
    rec2 = Recommender(model, catalogue(**{consumable: {"consumable": True}}), embed=hashing_embed)
    assert consumable in [r.item for r in rec2.recommend("u0", k=20)]


def test_stated_preferences_are_hard_filters(model, hashing_embed):
    cheap = {sku: {"price": 5.0} for sku in ("o1", "k1")}
    rec = Recommender(model, catalogue(**cheap, o8={"colors": ["green"]}, o7={"stock": {"S": 2}}), embed=hashing_embed)
    picks = rec.recommend("u0", k=20, filters={"budget": 10})
    assert {r.item for r in picks} <= {"o1", "k1"}
    items = {r.item for r in rec.recommend("u0", k=20, filters={"colours": ["RED"], "sizes": ["M"]})}
    assert "o8" not in items and "o7" not in items and items
    assert {r.item for r in rec.recommend("u0", k=20, filters={"brands": ["cook"]})} <= {i for i, *_ in KITCHEN}
    with pytest.raises(ConfigError, match="unknown preference"):
        rec.recommend("u0", filters={"colour_of_money": "green"})
    with pytest.raises(ConfigError, match="number"):
        rec.recommend("u0", filters={"budget": "cheap"})


def test_context_shifts_a_kitchen_customer_and_names_the_discussed_item(model, hashing_embed):
    rec = Recommender(model, catalogue(), embed=hashing_embed)
    plain = rec.recommend("u1", k=3)
    assert all(r.item.startswith("k") for r in plain)
    asked = rec.recommend("u1", k=3, context_items=["o1"])
    assert asked[0].item.startswith("o")
    assert "you asked about" in asked[0].reason
    assert "o1" not in [r.item for r in asked]


def test_goes_with_reason_for_a_complement(model, hashing_embed):
    rec = Recommender(model, catalogue(), embed=hashing_embed)
    picks = rec.recommend(None, k=8, context_items=["o1"])  # a hiking jacket is being discussed
    reasons = {r.item: r.reason for r in picks}
    assert reasons.get("o2") == "goes with the jacket you asked about"  # boots go with a jacket
    assert reasons.get("o5", "").startswith("similar to the Waterproof hiking jacket")


def test_new_catalogue_product_is_folded_in_from_text(model, hashing_embed):
    products = catalogue() + [
        {
            "sku": COLD_OUTDOOR.item,
            "name": COLD_OUTDOOR.name,
            "category": COLD_OUTDOOR.category,
            "description": COLD_OUTDOOR.description,
            "price": 99.0,
            "in_stock": True,
        }
    ]
    rec = Recommender(model, products, embed=hashing_embed)
    assert COLD_OUTDOOR.item in model.item_index
    outdoor_hits = sum(COLD_OUTDOOR.item in [r.item for r in rec.recommend(f"u{u}", k=3)] for u in range(0, 40, 2))
    kitchen_hits = sum(COLD_OUTDOOR.item in [r.item for r in rec.recommend(f"u{u}", k=3)] for u in range(1, 40, 2))
    assert outdoor_hits >= 10 and kitchen_hits == 0


def test_unknown_customer_with_a_history_is_folded_in(model, hashing_embed):
    rec = Recommender(model, catalogue(), embed=hashing_embed)
    picks = rec.recommend("walk-in", k=3, history=["k1", "k2"])
    assert all(r.item.startswith("k") for r in picks)
    assert picks[0].reason.startswith("because you bought ")
    cold = rec.recommend("nobody", k=2)
    assert [r.reason for r in cold] == ["popular with other shoppers"] * 2

"""One policy-checked recommendation per reply."""

from __future__ import annotations

import pytest

from bot.domain import Intent
from bot.recommend.mf import MFConfig
from bot.recommend.mf_train import train_mf
from bot.recommend.recommender import Recommender
from bot.recommend.suggestion import context_categories, suggest
from tests.recommend.shopdata import KITCHEN, OUTDOOR, make_shop

TURN = dict(
    resolved=False, handoff=False, consent=True, turns_since_last=None, every_n=3, already_shown=(), threshold=-10.0
)  # relevance is tested in test_policy


@pytest.fixture(scope="module")
def rec(shop_embeddings, hashing_embed):
    model = train_mf(make_shop(), item_embeddings=shop_embeddings, config=MFConfig(mode="implicit", factors=4))
    products = [
        {"sku": i, "name": n, "category": c, "description": d, "in_stock": True} for i, n, c, d in OUTDOOR + KITCHEN
    ]
    return Recommender(model, products, embed=hashing_embed)


def test_context_categories_from_text():
    assert context_categories("Do you have boots that go with this Jacket?", ["jacket", "boots", "kitchen"]) == {
        "jacket",
        "boots",
    }
    assert context_categories(None, ["jacket"]) == set()


def test_a_related_pick_in_a_product_turn(rec):
    pick, decision = suggest(rec, "u0", intent=Intent.PRODUCT_QUESTION, context_items=["o1"], **TURN)
    assert decision.ok and pick is not None
    assert rec.products[pick.item]["category"] in {"jacket", "boots", "hat"}  # the jacket itself, or what goes with it


def test_nothing_in_a_complaint_or_for_an_opted_out_customer(rec):
    for intent in (Intent.COMPLAINT, Intent.RETURNS_REFUNDS, Intent.HUMAN_AGENT):
        pick, decision = suggest(rec, "u0", intent=intent, context_items=["o1"], **TURN)
        assert pick is None and not decision.ok
    pick, decision = suggest(
        rec, "u0", intent=Intent.PRODUCT_SEARCH, context_items=["o1"], **{**TURN, "consent": False}
    )
    assert pick is None and "personalisation is off" in decision.why


def test_unrelated_candidates_are_refused(rec):
    # a kitchen customer talking about cooking: outdoor gear must not be pushed, kitchen items relate
    pick, decision = suggest(
        rec, "u1", intent=Intent.PRODUCT_QUESTION, context_text="which kitchen knife is sharpest?", **TURN
    )
    assert pick is not None and pick.item.startswith("k")
    pick, decision = suggest(
        rec, "u1", intent=Intent.PRODUCT_QUESTION, context_text="tell me about your materials", **TURN
    )
    assert pick is None and "does not relate" in decision.why


def test_already_shown_items_are_skipped_for_the_next_one(rec):
    first, _ = suggest(rec, "u0", intent=Intent.PRODUCT_QUESTION, context_items=["o1"], bought=[], **TURN)
    second, decision = suggest(
        rec,
        "u0",
        intent=Intent.PRODUCT_QUESTION,
        context_items=["o1"],
        bought=[],
        **{**TURN, "already_shown": {first.item}},
    )
    assert decision.ok and second is not None and second.item != first.item

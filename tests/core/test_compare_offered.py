"""Two named products set side by side with "or" are the shopper's options (#9): "gap thornton parka or banana
republic marlow parka for a chicago winter? im a mens L" was a search filtered on both names' words ("Sorry, we
don't have any men's winter, thornton, marlow Banana Republic and Gap parkas in stock in size L") that then listed
both in L. It is a comparison: the stated size's stock for each side ("im a mens L") and what the listings give
on warmth ("for a chicago winter": material, fill, insulated and winter tags). Near misses: a rule asked of either
("can I return A or B?") and a request before the two ("do you have A or B?") keep their routes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.core.catalog import compare_text
from bot.core.catalog.plain import product_size
from bot.core.request import understand
from bot.domain import ConversationState, Intent, IntentPrediction, RequestKind
from tests.core.shop_parts import REPO

CATALOG = [json.loads(x) for x in (REPO / "knowledge/catalog/products.jsonl").read_text().splitlines() if x.strip()]
PRED = IntentPrediction(Intent.PRODUCT_SEARCH, 0.6)


def named(name: str) -> dict[str, Any]:
    return next(p for p in CATALOG if p["name"] == name)


NOLAN = named("Gap Men's Nolan Parka")
MARLOW = named("Banana Republic Men's Marlow Parka")


def ask(text: str):  # type: ignore[no-untyped-def]
    return understand(text, PRED, ConversationState(), CATALOG, known_customer=False)


@pytest.mark.parametrize(
    "text",
    [
        "gap nolan parka or the br marlow parka for a toronto winter? i'm a mens XL",
        "nolan parka vs marlow parka, mens XL, need it for new york winters",
    ],
)
def test_two_named_with_or_are_compared_on_the_stated_size_and_warmth(text: str) -> None:
    req = ask(text)
    assert req.kind == RequestKind.COMPARISON
    assert set(req.skus) == {NOLAN["sku"], MARLOW["sku"]}
    said = compare_text(NOLAN, MARLOW, text)
    assert "Sorry" not in said
    assert "in size XL" in said  # each side's stock for the size stated
    assert NOLAN["material"] in said and MARLOW["material"] in said  # what the listings give on warmth
    assert "insulated" in said


def test_the_gendered_size_is_the_size_asked_of_a_product() -> None:
    assert product_size(NOLAN, "is it warm enough? im a mens L") == "L"
    assert product_size(NOLAN, "is it warm enough?") is None


@pytest.mark.parametrize(
    "text",
    [
        "can i return the gap nolan parka or the br marlow parka if i wore it once?",
        "do you have the gap nolan parka or the br marlow parka?",
    ],
)
def test_a_rule_or_a_request_before_the_two_keeps_its_route(text: str) -> None:
    assert ask(text).kind != RequestKind.COMPARISON

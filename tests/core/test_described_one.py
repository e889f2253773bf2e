"""A search whose words fit one product's name ("want a puffer jacket, womens M, under 200": the only women's puffer
jacket) is still a search (#9): it got "Yes, the Guess Women's Rowan Puffer Jacket is in stock in size M." with no
price. A product is named by its line name ("Rowan") or SKU; style words only describe it, so a request to find
one is listed with its price and stock like any search. A letter size S after the gender ("women's S") is the size."""

from __future__ import annotations

import json

import pytest

from bot.core.catalog import discovery_text, parse_constraints, search
from bot.core.catalog.named import only_described
from bot.core.request import understand
from bot.domain import ConversationState, Intent, IntentPrediction, Request, RequestKind
from tests.core.shop_parts import REPO

CATALOG = [json.loads(x) for x in (REPO / "knowledge/catalog/products.jsonl").read_text().splitlines() if x.strip()]


def request(text: str) -> Request:
    prediction = IntentPrediction(intent=Intent.PRODUCT_SEARCH, confidence=0.6, label="product_search")
    return understand(text, prediction, ConversationState(), CATALOG, known_customer=False)


@pytest.mark.parametrize(
    "text",
    [
        "i'm after a puffer jacket, women's M, under $195",
        "any puffer jackets for women in size M?",
        "looking for a leather moto jacket for a woman, under 200",
    ],
)
def test_a_search_that_fits_one_name_is_listed_with_its_price(text: str) -> None:
    req = request(text)
    assert req.kind == RequestKind.DISCOVERY
    reply, shown = discovery_text(req.constraints, search(CATALOG, req.constraints), CATALOG)
    assert len(shown) == 1
    assert reply.startswith(f"We have one: {shown[0]['name']} - {shown[0]['price']:.2f} USD")


@pytest.mark.parametrize(
    "text",
    [
        "is the rowan puffer jacket in stock in M?",  # its line name: the product
        "how much is the women's puffer jacket?",  # no search asked: that product's price
        "GS-JK-1052 in size M?",
    ],
)
def test_a_named_product_or_a_question_about_one_keeps_its_facts(text: str) -> None:
    req = request(text)
    assert req.kind == RequestKind.PRODUCT_FACT
    assert req.skus == ["GS-JK-1052"]


def test_the_gendered_letter_size_s_is_read() -> None:
    assert parse_constraints("need a rain jacket for me, women's S, less than $150", CATALOG).size == "S"
    assert parse_constraints("rain jacket for men's. short ones", CATALOG).size is None
    assert parse_constraints("womens shirts", CATALOG).size is None


def test_a_whole_name_names_its_product() -> None:
    req = request("is the rowan puffer jacket available in size M?")
    assert req.kind == RequestKind.PRODUCT_FACT
    slim = {"sku": "NT-1", "name": "Slim Blue Jeans", "brand": "Northwind", "category": "jeans"}
    assert not only_described("Are the Slim Blue Jeans in stock in M?", slim, CATALOG)
    assert only_described("any slim jeans in stock in M?", slim, CATALOG)

"""Policies applied to what the shopper said, and follow-ups that carry the last question (issue #9): a time and
the original packaging or receipt checked against the return window and the rule for returns outside it; a cart
amount against the free-shipping threshold; "and brazil?" / "and silver?" as the last question for that country or
level; "can I return them?" after a hemming answer about the hemmed jeans; "what jeans brands do you have?" as the
catalog's brands; "switch it to a medium?" about an unshipped order as a change to that order. A real Assistant on
the demo store's knowledge (hashing embedder) and a real SQLite store; near misses keep their answers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.bought_when import elapsed_days
from bot.core.case_followups import with_carried_subject, with_swapped_part
from bot.core.catalog import parse_constraints
from bot.core.catalog_replies import brands_reply
from bot.domain import ConversationState, Request, RequestKind
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import REPO, ask, demo_assistant

CATALOG = [json.loads(line) for line in (REPO / "knowledge/catalog/products.jsonl").read_text().splitlines()]
TODAY = dt.date(2026, 12, 1)
START = "To start a return, contact us with your order number and the reason for the return"


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    c007 = {"customer_id": "c007", "name": "Rafael", "email": "r@example.net", "membership": "bronze"}
    order = json.loads(next(line for line in (REPO / "knowledge/_seed/orders.jsonl").open() if '"ORD-14094"' in line))
    order["items"] = json.dumps(order["items"])
    order.pop("ship_to", None)
    return demo_assistant(tmp_path, intents, [c007], [order])


def state(topic: str, kind: RequestKind = RequestKind.POLICY) -> ConversationState:
    s = ConversationState()
    s.topic, s.last_kind = topic, kind.value
    return s


def test_an_approximate_time_is_read_within_a_tenth_of_what_is_said() -> None:
    # "about 7 months" is past a 6-month (180-day) window; "like 5 weeks" past 30 days
    assert elapsed_days("Bought a coat about 7 months ago", TODAY)[0] > 180  # type: ignore[index]
    assert elapsed_days("i bought a sweater like 5 weeks ago", TODAY)[0] > 30  # type: ignore[index]
    # near misses: "around 6 months" and "about 4 weeks" stay close to the window's end
    low, high = elapsed_days("bought a jacket around 6 months ago", TODAY)  # type: ignore[misc]
    assert low < 180 < high
    low, high = elapsed_days("got it about 4 weeks ago", TODAY)  # type: ignore[misc]
    assert low < 30 < high


async def test_silver_past_the_window_with_the_packaging_is_told_yes_and_how_to_start(shop: Assistant) -> None:
    reply = await ask(
        shop,
        "Silver member here. Bought a coat about 7 months ago, never wore it, still in the original box and "
        "packaging. can I return it",
    )
    assert "6 months (180 days)" in reply.text and "so it has passed" in reply.text
    assert "still in its original packaging, so as a Silver member the return can still be accepted" in reply.text
    assert START in reply.text
    assert "that is close" not in reply.text


async def test_a_guest_past_30_days_is_told_so_and_the_receipt_route_only(shop: Assistant) -> None:
    reply = await ask(shop, "i bought a sweater as a guest like 5 weeks ago, is it too late to return it?")
    assert "30 days" in reply.text and "so it has passed" in reply.text
    assert "original receipt" in reply.text
    assert "original packaging" not in reply.text  # Bronze and Silver members only
    assert "that is close" not in reply.text


async def test_the_receipt_said_without_i_is_the_receipt_route(shop: Assistant) -> None:
    reply = await ask(
        shop, "silver here, got a dress like 8 months ago, tags still on, have the receipt. can i return it?"
    )
    assert "As a Silver member" in reply.text and "so it has passed" in reply.text
    assert "You say you have the original receipt, so the return can still be accepted with it." in reply.text
    assert START in reply.text


async def test_near_misses_inside_or_close_to_the_window(shop: Assistant) -> None:
    inside = await ask(shop, "guest here, bought a scarf 3 weeks ago, can I return it?")
    assert "still within it" in inside.text
    close = await ask(shop, "silver member, bought a jacket around 6 months ago, can I return it?")
    assert "that is close, so the exact purchase date decides" in close.text
    gone = await ask(shop, "Bronze member, bought boots 5 months ago, threw out the box. can i still return them?")
    assert "only be accepted with the original receipt" in gone.text and START not in gone.text


async def test_a_cart_amount_under_the_threshold_is_a_no_with_the_prices(shop: Assistant) -> None:
    reply = await ask(shop, "my cart is $70, do I get free shipping or nah")
    assert reply.text.startswith("No: $70.00 is under $75.00, so Standard shipping costs $8.00 (Economy $5.00).")
    assert "$5.00 more would make Standard shipping free." in reply.text
    assert "international" not in reply.text.lower() and "$25" not in reply.text
    over = await ask(shop, "if my order is $90 is shipping free?")
    assert over.text.startswith("Yes: $90.00 is at least $75.00, so Standard shipping within the US is free.")


async def test_a_country_after_the_countries_answer_is_a_yes_or_no_for_it(shop: Assistant) -> None:
    await ask(shop, "which countries do you ship to?", conversation="countries")
    brazil = await ask(shop, "and brazil?", conversation="countries")
    assert "No, we don't ship there" in brazil.text
    japan = await ask(shop, "what about japan?", conversation="countries")
    assert japan.text.startswith("Yes, we ship to Japan.")


@pytest.mark.parametrize(
    "text", ["which countries do you ship to?", "where do you ship?", "what countries do u deliver to"]
)
async def test_which_countries_lists_where_we_ship_not_only_where_we_do_not(shop: Assistant, text: str) -> None:
    # before: "We do not ship to the United Kingdom, or to any country that is not on our shipping list" alone
    said = (await ask(shop, text)).text
    assert said.startswith("We ship to all 50 US states, Washington D.C. and Puerto Rico.")
    assert (
        "Outside the US we ship with DHL Express to Canada and Mexico;" in said and "South Korea and Singapore" in said
    )
    assert said.index("Singapore") < said.index("We do not ship to the United Kingdom")


async def test_near_miss_a_question_about_countries_that_asks_no_list(shop: Assistant) -> None:
    said = (await ask(shop, "do you ship to canada?")).text
    assert said.startswith("Yes, we ship to Canada.") and "Outside the US we ship with DHL Express to" not in said


def test_a_bare_swap_is_the_last_question_for_that_level_or_place() -> None:
    assert with_swapped_part("and silver?", state("how do I get Gold?")) == "how do I get Silver?"
    assert with_swapped_part("and brazil?", state("which countries do you ship to?")) == "do you ship to Brazil?"
    assert with_swapped_part("what about india?", state("do you ship to canada?")) == "do you ship to India?"
    # near misses: a fact of the shopper's own ("im silver"), a level with none to swap, a product, an order turn
    assert with_swapped_part("im silver", state("how do I get Gold?")) is None
    assert with_swapped_part("and gold?", state("how much is shipping?")) is None
    assert with_swapped_part("and jeans?", state("which countries do you ship to?")) is None
    assert with_swapped_part("and brazil?", state("where is my order?", RequestKind.OWN_ORDER)) is None
    assert with_swapped_part("and brazil?", state("what is your return policy?")) is None


async def test_and_silver_after_how_to_get_gold_is_silvers_requirement(shop: Assistant) -> None:
    await ask(shop, "how do I get Gold?", conversation="levels")
    reply = await ask(shop, "and silver?", conversation="levels")
    assert "$500" in reply.text and "12-month" in reply.text
    assert "extension" not in reply.text


def test_a_rule_follow_up_about_them_carries_the_service_done() -> None:
    hem = "do you hem jeans?"
    assert (
        with_carried_subject("and if they end up too short can I return them?", hem)
        == "and if they end up too short can I return hemmed jeans?"
    )
    # near misses: no rule asked, a message before with no service, an item of its own, nothing before
    assert with_carried_subject("how much does it cost?", hem) is None
    assert with_carried_subject("can I return them if they have a hole?", "can I return socks?") is None
    assert with_carried_subject("can I return the hemmed ones?", hem) is None
    assert with_carried_subject("can I return them?", "") is None


async def test_returning_hemmed_jeans_after_the_hemming_answer(shop: Assistant) -> None:
    await ask(shop, "do you hem jeans?", conversation="hem")
    reply = await ask(shop, "and if they end up too short can I return them?", conversation="hem")
    assert reply.text == "Hemmed jeans can be returned only if defective."


def test_which_brands_of_a_kind_are_the_catalogs_brands() -> None:
    def brands(text: str) -> str | None:
        found = brands_reply(
            Request(RequestKind.DISCOVERY, text, constraints=parse_constraints(text, CATALOG)), text, CATALOG
        )
        return found.text if found is not None else None

    jeans = sorted({p["brand"] for p in CATALOG if p["category"] == "jeans"})
    said = brands("ok so what jeans brands DO you have")
    assert said == f"We carry jeans from {len(jeans)} brands: {', '.join(jeans[:-1])} and {jeans[-1]}."
    assert "dresses from" in (brands("which brands of dresses do you carry?") or "")
    # near misses: a search, a brand named, no kind
    assert brands("show me jeans") is None
    assert brands("which calvin klein jeans do you have?") is None
    assert brands("what brands do you have?") is None


async def test_which_jeans_brands_after_a_brand_not_carried(shop: Assistant) -> None:
    await ask(shop, "do you have levi's jeans?", conversation="brands")
    reply = await ask(shop, "ok so what jeans brands DO you have", conversation="brands")
    assert reply.text.startswith("We carry jeans from 7 brands: Banana Republic, Calvin Klein, Gap, Guess,")
    listed = await ask(shop, "show me jeans", conversation="list")  # near miss: a search lists products
    assert "brands:" not in listed.text and "Jeans - " in listed.text


async def test_switching_the_size_of_an_unshipped_order_is_a_change_to_it(shop: Assistant) -> None:
    await ask(shop, "has my sweater order shipped yet?", customer="c007", conversation="c007")
    reply = await ask(
        shop, "actually wait - can I just switch it to a medium instead?", customer="c007", conversation="c007"
    )
    assert "ORD-14094" in reply.text
    assert "Size M is in stock" in reply.text and "placed" in reply.text
    assert "prepaid return label" not in reply.text  # not the post-delivery exchange

"""The question's own words decide the answer: a choice or a reason asked between two products is answered from
their fields; a thing the shop does not sell gets the nearest real products, labelled; a town named with another
state is not our store's town; a price per item with a count is an order amount; a refund's timing promised is a
refund question; a follow-up's own rule is searched with the place the question before it named. Near-misses
keep their answers. Expectations are read from the demo catalog and pages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.core.catalog import compare_text, parse_constraints
from bot.core.catalog.honest_list import discover
from bot.core.catalog.search import search
from bot.core.catalog.text import discovery_text
from bot.core.kind_facts import kind_attribute_reply
from bot.core.referent import with_topic_place
from bot.core.refusals import refused
from bot.core.return_window import _stated_case, receipt_said, said_before
from bot.core.shipping_slots import stated_amount
from bot.core.stated_case import other_product, stated_hour_et, stated_level
from bot.core.store_places import store_reply
from bot.core.turn import Turn
from bot.domain import Channel, ConversationState, IncomingMessage, Intent, IntentPrediction, Request, RequestKind
from bot.kb.knowledge_base import KnowledgeBase

REPO = Path(__file__).parents[2]
CATALOG = [json.loads(line) for line in (REPO / "knowledge/catalog/products.jsonl").read_text().splitlines() if line]
BY_NAME = {p["name"]: p for p in CATALOG}


def named(part: str) -> dict[str, Any]:
    return next(p for name, p in BY_NAME.items() if part in name)


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path_factory.mktemp("kb"), embedder="hashing")
    kb.open()
    return kb


def test_which_would_you_pick_names_the_side_the_fields_favour() -> None:
    ck, ex = named("Calvin Klein Women's Bowery Sheath"), named("Express Women's Aspen Sheath")
    assert ex["price"] < ck["price"] and ex["rating"] > ck["rating"]  # the data this test reads
    head = compare_text(ck, ex, "bowery vs aspen sheath dress for a wedding - which would you pick?").splitlines()[0]
    prices = f"{ex['price']:.2f} USD against {ck['price']:.2f} USD"
    assert f"If I had to pick, the {ex['name']}: it costs less ({prices}); customers rate it higher" in head
    assert "listed as formal" in head  # the use asked ("a wedding"), which both listings state


def test_a_use_one_listing_states_decides_the_pick_and_the_other_sides_price_is_said() -> None:
    puffer, wool = named("Tommy Hilfiger Women's Vail Long Puffer"), named("Uniqlo Women's Presley Wool")
    head = compare_text(puffer, wool, "vail puffer vs presley - which is better for rainy + cold?").splitlines()[0]
    assert f"If I had to pick, the {puffer['name']}: it is listed as rainy-weather" in head
    assert f"though the {wool['name']} costs less ({wool['price']:.2f} USD against {puffer['price']:.2f} USD)" in head


def test_fields_that_disagree_give_the_trade_off_not_a_pick() -> None:
    gap, mk = named("Gap Men's Marlow Cable"), named("Michael Kors Men's Grove Cable")
    assert gap["price"] < mk["price"] and gap["rating"] < mk["rating"]
    head = compare_text(gap, mk, "marlow vs grove cable knit, which should i get?").splitlines()[0]
    assert head.startswith("It depends on what matters more to you:")
    assert "If I had to pick" not in head


def test_why_one_costs_more_says_the_listings_give_no_reason_and_what_they_show() -> None:
    york, delta = named("Express Men's York Wool"), named("Tommy Hilfiger Men's Delta Wool")
    assert york["material"] == delta["material"]
    head = compare_text(york, delta, "york vs delta - why is the tommy so much more expensive?").splitlines()[0]
    assert "Our listings don't give a reason for the price difference." in head
    assert f"both are {york['material']}" in head and "the brand (Express and Tommy Hilfiger)" in head
    assert "quality" not in head and "better made" not in head  # no reason the data does not state
    # near-miss: the price asked, no reason asked
    assert "reason" not in compare_text(york, delta, "york vs delta, which is cheaper?")
    assert "If I had to pick" not in compare_text(york, delta, "york vs delta, which is cheaper?")


def test_swimwear_gets_summer_pieces_labelled_as_not_swimwear_and_sunglasses_none() -> None:
    c = parse_constraints("need a swimsuit for cancun, got any bikinis?", CATALOG)
    text, shown = discovery_text(c, search(CATALOG, c), CATALOG)
    assert text.startswith("We don't sell swimsuits or bikinis.\nThe nearest we have (women's summer")
    assert "not swimsuits or bikinis" in text
    assert shown and all("summer" in p["tags"] and p["gender"] != "men" for p in shown)
    c = parse_constraints("do you sell sunglasses?", CATALOG)
    assert discovery_text(c, search(CATALOG, c), CATALOG) == ("We don't sell sunglasses.", [])


def test_a_kind_the_shop_does_not_sell_is_another_product_for_an_exchange() -> None:
    assert other_product("can i swap my dress for a skirt?")
    assert other_product("exchange my shirt for a hoodie")
    assert not other_product("can i exchange my dress for a bigger size?")
    assert not other_product("can i exchange my dress?")


def test_portland_with_another_state_is_not_our_portland_store(kb: KnowledgeBase) -> None:
    no = "we don't have a store in Portland, Maine: our only stores are in Portland (Oregon), Seattle (Washington) and"
    assert store_reply(kb, "do you have a store in portland maine?")[0] == f"No, {no} Chicago (Illinois)."  # type: ignore[index]
    assert store_reply(kb, "any store in Portland, ME?")[0] == f"No, {no} Chicago (Illinois)."  # type: ignore[index]
    assert store_reply(kb, "is there a store in portland?")[0] == "Yes, we have a store in Portland (Oregon)."  # type: ignore[index]
    assert store_reply(kb, "a store in portland oregon?")[0] == "Yes, we have a store in Portland (Oregon)."  # type: ignore[index]
    # Portland, Maine keeps Eastern Time for an order's cut-off; Portland alone is Pacific
    assert stated_hour_et("ordering at 11am portland maine time") == 11.0
    assert stated_hour_et("ordering at 11am portland time") == 14.0


def test_a_price_per_item_with_a_count_is_the_order_amount() -> None:
    assert stated_amount("if I get 2 pairs at $59 is shipping free then?") == 118.0
    assert stated_amount("3 tees at $12 each, free shipping?") == 36.0
    assert stated_amount("2 pairs for $118, free shipping?") == 118.0  # "for": the total
    assert stated_amount("my order is $60") == 60.0


def test_a_refund_timing_promise_is_a_refund_question_not_a_delivery_one() -> None:
    asked = refused("can you promise the refund will be on my card by tomorrow? need it for rent")
    assert asked is not None and asked.kind == "refund_time"
    delivery = refused("can you promise my order arrives by friday?")
    assert delivery is not None and delivery.kind == "delivery"
    assert refused("can you guarantee i get a refund if it doesnt fit?") is None  # no time asked


def test_a_follow_ups_own_rule_is_searched_with_the_place_before_it() -> None:
    state = ConversationState(last_kind=RequestKind.POLICY.value, topic="do you ship to japan?")

    def carried(text: str) -> str | None:
        return with_topic_place(text, Request(RequestKind.POLICY, text), state)

    assert carried("what about returns from there, are they free?") == (
        "what about returns from Japan, are they free (returns from Japan)?"
    )
    assert carried("and if it doesn't fit can i send it back for free?") == (
        "and if it doesn't fit can i send it back for free (returns from Japan)?"
    )
    assert carried("and what does shipping cost?") == "and what does shipping cost (to Japan)?"
    assert carried("how long does it take?") is None  # no rule of its own: the topic carries it as before
    assert carried("and to new zealand, do you ship there?") is None  # a place of its own


def test_two_kinds_asked_list_each_kind_and_a_kind_without_a_match_is_said_to_have_none() -> None:
    text = "do you have jeans and boots in tan?"
    c = parse_constraints(text, CATALOG)
    assert c.categories == ["jeans", "boots"]
    reply, shown, _result = discover(CATALOG, c, text)
    tan_jeans = [p for p in CATALOG if p["category"] == "jeans" and "tan" in p["colors"]]
    assert not tan_jeans  # the data this test reads
    assert reply.startswith("We have no jeans in tan. Here are 3 of our boots in tan:")
    assert shown and all(p["category"] == "boots" for p in shown)
    text = "mens shirts and chinos in navy"
    reply, shown, _result = discover(CATALOG, parse_constraints(text, CATALOG), text)
    assert {p["category"] for p in shown} == {"shirt", "chinos"}  # neither kind fills the list alone
    assert "We have no" not in reply


def test_a_kind_none_of_whose_listings_says_waterproof_gets_that_and_the_water_repellent_ones(
    kb: KnowledgeBase,
) -> None:
    text = "are your coats waterproof?"
    req = Request(RequestKind.POLICY, text, constraints=parse_constraints(text, CATALOG))
    reply = kind_attribute_reply(kb, req, text, IntentPrediction(Intent.PRODUCT_QUESTION, 0.5))
    assert reply is not None
    repellent = [p for p in CATALOG if p["category"] == "coat" and "water-repellent" in p["tags"]]
    assert reply.text.startswith("None of our coats is listed as waterproof. The nearest: ")
    assert all(f"the {p['name']} ({p['price']:.2f} USD, listed as water-repellent)" in reply.text for p in repellent)
    text = "are your chinos waterproof?"
    req = Request(RequestKind.POLICY, text, constraints=parse_constraints(text, CATALOG))
    reply = kind_attribute_reply(kb, req, text, IntentPrediction(Intent.PRODUCT_QUESTION, 0.5))
    assert reply is not None and reply.text == (
        "None of our chinos is listed as waterproof. None is listed as water-repellent or water-resistant either."
    )


def test_a_level_or_receipt_said_earlier_in_the_chat_is_the_shoppers_case() -> None:
    said = [
        {"direction": "in", "text": "whats your return policy"},
        {"direction": "out", "text": "As a Gold member ..."},
        {"direction": "in", "text": "i'm silver btw, and i still have the receipt"},
    ]
    turn = Turn(IncomingMessage("can i still send them back?", channel=Channel.API), {}, {"id": "x"}, None, said)
    assert said_before(turn, stated_level) == "silver"
    assert said_before(turn, receipt_said) is True
    turn.history = said[:2]
    assert said_before(turn, stated_level) is None  # the bot's own words are not the shopper's case
    turn.history = []
    turn.msg = IncomingMessage("i'm silver and bought a coat 8 months ago. i have the receipt", channel=Channel.API)
    assert _stated_case(turn, turn.msg.text) == ("silver", True)  # "i'm silver" is a level without "member"


def test_a_pick_never_names_a_product_sold_out_in_every_size() -> None:
    # the Hollis rain jacket is rated higher (4.7) but sold out in every size: the pick is the one that can be bought
    hollis, presley = named("Express Men's Hollis Rain Jacket"), named("Express Men's Presley Rain Jacket")
    assert not any(hollis["stock"].values()) and any(presley["stock"].values())
    assert hollis["rating"] > presley["rating"]
    head = compare_text(hollis, presley, "hollis or presley rain jacket, which would you pick?").splitlines()[0]
    assert f"If I had to pick, the {presley['name']}: the {hollis['name']} is sold out in every size right now." in head
    assert f"If I had to pick, the {hollis['name']}" not in head
    # both sold out: no pick at all
    delta, parka = named("Calvin Klein Men's Delta Car Coat"), named("Gap Men's Nolan Parka")
    head = compare_text(delta, parka, "delta car coat or nolan parka, which should i get?").splitlines()[0]
    assert "If I had to pick" not in head and "both are sold out in every size" in head

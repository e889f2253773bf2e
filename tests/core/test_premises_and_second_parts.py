"""A premise the shop's data does not hold, and the second half of a two-part question (#9). reader19 (strict read):
"What's the address of your Manhattan store?" listed the stores without saying there is none in New York; "can i
drop them off at one of your stores? im in boston" got jeans-hemming prices; "which one do ppl like more" after a
comparison got "not sure" beside the ratings; "how much more would i have to add to get free shipping" on an $8 fee
got "I cannot waive or refund a fee"; "remove the men's jeans ... Will I have to pay shipping then?" got the removal
alone. Real SQLite seeded from knowledge/_seed, hashing KB, real Assistant."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.core.assistant import Assistant
from bot.core.cart_shipping import asks_free_gap
from bot.core.catalog.compare import compare_text
from bot.core.catalog.liked import liked_answer
from bot.core.composer import Composer
from bot.core.events import EventBus
from bot.core.free_gap import after_removal_line, gap_line
from bot.core.places import place_words
from bot.core.refusals import refused
from bot.core.shipping_slots import stated_amount
from bot.core.store_places import elsewhere, store_reply
from bot.core.store_returns import return_elsewhere
from bot.domain import Channel, IncomingMessage
from bot.kb.knowledge_base import KnowledgeBase
from bot.llm.fake import ScriptedChatModel
from bot.nlu.classifier import IntentClassifier
from bot.store import Store

REPO = Path(__file__).parents[2]
ORDERS = {o["order_id"]: o for o in map(json.loads, (REPO / "knowledge/_seed/orders.jsonl").read_text().splitlines())}
PRODUCTS = {p["sku"]: p for p in map(json.loads, (REPO / "knowledge/catalog/products.jsonl").read_text().splitlines())}
STORES = "our only stores are in Portland (Oregon), Seattle (Washington) and Chicago (Illinois)."


@pytest.fixture
def kb(tmp_path: Path) -> KnowledgeBase:
    """The demo shop's own knowledge (its stores, return ways and shipping table), hashing embedder."""
    demo = KnowledgeBase(REPO / "knowledge", tmp_path / "demo-kb", embedder="hashing")
    demo.open()
    return demo


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path / "kb", embedder="hashing")
    kb.open()
    store = Store(tmp_path / "db.sqlite")
    store.seed(REPO / "knowledge/_seed")
    composer = Composer(ScriptedChatModel(default="-"), timeout_s=5)
    return Assistant(store=store, kb=kb, intents=intents, composer=composer, bus=EventBus())


async def chat(assistant: Assistant, customer: str | None, *turns: str) -> list[Any]:
    conv, replies = None, []
    for t in turns:
        reply = await assistant.handle(
            IncomingMessage(t, channel=Channel.API, customer_id=customer, conversation_id=conv)
        )
        conv = reply.conversation_id
        replies.append(reply)
    return replies


def test_a_place_is_said_back_in_the_shoppers_words() -> None:
    assert place_words("Hi, I'm visiting New York next week. What's the address of your Manhattan store?") == [
        "New York",
        "Manhattan",
    ]
    assert place_words("im in boston") == ["Boston"] and place_words("any shop in NYC?") == ["NYC"]
    assert place_words("la la land") == []


def test_a_store_where_there_is_none_is_said_to_be_none_first(kb: KnowledgeBase) -> None:
    said = store_reply(kb, "Hi, I'm visiting New York next week. What's the address of your Manhattan store?")
    assert said is not None and said[0] == f"No, we don't have a store in New York: {STORES}"
    assert store_reply(kb, "I live in Denver, is there a location near me?")[0].startswith(  # type: ignore[index]
        "No, we don't have a store in Denver:"
    )
    # one of ours: yes, and the pages hold no street address
    chicago = store_reply(kb, "whats the address of your chicago store")
    assert chicago is not None and chicago[0].startswith("Yes, we have a store in Chicago (Illinois).")
    assert "not its street address" in chicago[0]
    # near misses: a place inside another name, a store's hours, a return at one of ours
    assert store_reply(kb, "is LA Fitness near your store?") is None
    assert store_reply(kb, "is the store in chicago open on sundays?") is None
    assert store_reply(kb, "can i take it back to a store in portland?") is None


def test_a_return_to_a_store_where_there_is_none_gets_the_other_ways(kb: KnowledgeBase) -> None:
    said = return_elsewhere(kb, "ok just the jeans then. can i drop them off at one of your stores? im in boston")
    assert said is not None
    assert said[0].startswith(f"No, we don't have a store in Boston: {STORES} You can still send it back:")
    assert "prepaid return shipping label" in said[0] and "UPS Access Point" in said[0]
    assert "In store" not in said[0]
    # one of ours, no place, or the window's facts said: not this answer
    assert return_elsewhere(kb, "can i drop them off at your seattle store?") is None
    assert return_elsewhere(kb, "can i drop them off at one of your stores?") is None
    assert return_elsewhere(kb, "bought it 2 weeks ago as a guest, can i return it at your denver store?") is None


async def test_the_store_questions_end_to_end(assistant: Assistant) -> None:
    (manhattan,) = await chat(assistant, None, "Hi, I'm visiting New York. What's the address of your Manhattan store?")
    assert manhattan.text.startswith("No, we don't have a store in New York:")
    _, boston = await chat(
        assistant,
        "c048",
        "id like to return the socks and the jeans from the order that came last friday",
        "ok just the jeans then. can i drop them off at one of your stores? im in boston",
    )
    assert boston.text.startswith("No, we don't have a store in Boston:") and "UPS Access Point" in boston.text
    assert "hemming" not in boston.text
    (philly,) = await chat(assistant, None, "heading to philadelphia this weekend - is your store there open sunday?")
    assert philly.text.startswith("No, we don't have a store in Philadelphia:") and "11:00 a.m." in philly.text
    (chicago,) = await chat(assistant, None, "I'm visiting Chicago next weekend. Is your store there open on Sunday?")
    assert chicago.text.startswith("On Sunday our Chicago store is open")  # near miss: one of ours


def test_store_as_a_verb_or_a_parcel_going_somewhere_is_no_store_question(kb: KnowledgeBase) -> None:
    # review of 92fcfa9: "store" near a place answered "No, we don't have a store in New York" to these
    assert store_reply(kb, "does your store ship to new york?") is None  # where it ships, not where a store is
    assert store_reply(kb, "can you store my card details for next time? i live in new york") is None  # a verb
    assert store_reply(kb, "does your shop deliver to miami?") is None
    assert elsewhere(kb, "does your store ship to new york?") is None
    assert elsewhere(kb, "i dropped my return at the ups store in dallas") is None  # a carrier's store
    # near misses: a store of ours wanted where the shopper is or goes
    assert elsewhere(kb, "heading to philadelphia this weekend - is your store there open sunday?") is not None
    dallas = store_reply(kb, "I'm flying to Dallas next month, what's the address of your Dallas store?")
    assert dallas is not None and dallas[0] == f"No, we don't have a store in Dallas: {STORES}"
    assert store_reply(kb, "is LA Fitness near your store?") is None


async def test_the_reviewed_store_messages_end_to_end(assistant: Assistant) -> None:
    (ship,) = await chat(assistant, None, "does your store ship to new york?")
    assert "have a store" not in ship.text and "we ship to all 50 US states" in ship.text
    (card,) = await chat(assistant, None, "can you store my card details for next time? i live in new york")
    assert (
        "have a store in" not in card.text
    )  # (the hashing KB's pick is retrieval's: the eval's minilm gives the card page)
    (ups,) = await chat(assistant, "c048", "i dropped my return at the ups store in dallas, when do i get my refund?")
    assert "have a store" not in ups.text and "In store" not in ups.text
    assert "The refund then reaches you within 7 days" in ups.text  # the refund question, answered from the order


def test_which_one_people_like_more_is_the_ratings() -> None:
    weston, kingsley = PRODUCTS["UQ-JN-1047"], PRODUCTS["UQ-JN-1048"]
    q = "whats the difference between the uniqlo weston slim jeans and the kingsley bootcut ones? which one do ppl like more"
    text = compare_text(weston, kingsley, q)
    assert text.startswith("They differ in price (59.00 USD against 47.50 USD) and customer rating")
    assert "Customers rate the Uniqlo Men's Kingsley Bootcut Stretch Jeans higher: 4.5 out of 5" in text
    for asked in ("which is the crowd favourite?", "which do folks like better?", "which is more popular?"):
        assert "Customers rate the" in compare_text(weston, kingsley, asked), asked
    assert (
        liked_answer(kingsley, "do ppl like them?")
        == "Customers rate the Uniqlo Men's Kingsley Bootcut Stretch Jeans 4.5 out of 5."
    )
    # near miss: the difference alone keeps its side-by-side lead, no verdict
    plain = compare_text(weston, kingsley, "what's the difference between them?")
    assert plain.startswith("Here they are side by side.") and "Customers rate" not in plain


async def test_the_ratings_answer_the_second_part_with_no_not_sure(assistant: Assistant) -> None:
    (reply,) = await chat(
        assistant,
        None,
        "whats the difference between the uniqlo weston slim jeans and the kingsley bootcut ones? which one do ppl like more",
    )
    assert "Customers rate the Uniqlo Men's Kingsley Bootcut Stretch Jeans higher" in reply.text
    assert "not sure" not in reply.text


def test_how_much_more_for_free_shipping_is_arithmetic_not_a_waiver(kb: KnowledgeBase) -> None:
    q = (
        "hey is my merino sweater order shipped yet? got charged $8 shipping on it which is annoying, how much more "
        "would i have to add to get free shipping"
    )
    assert asks_free_gap(q) and refused(q) is not None  # the refusal's words match; the gap check lets it through
    assert stated_amount(q) is None  # "$8 shipping" is the fee, not the order's amount
    assert stated_amount("is shipping free on a $80 order?") == 80.0
    line, _ = gap_line(ORDERS["ORD-14055"], kb)
    assert line == (
        "Standard shipping is free from $75.00, so the items in ORD-14055 are $7.01 short of it "
        "($75.00 − $67.99 = $7.01)."
    )
    # near misses: a waiver asked plainly stays a waiver; an order over the line needs nothing more
    assert not asks_free_gap("can you waive the shipping fee please")
    assert "nothing more is needed" in gap_line(ORDERS["ORD-14094"], kb)[0]


async def test_the_order_status_and_the_gap_end_to_end(assistant: Assistant) -> None:
    (reply,) = await chat(
        assistant,
        "c013",
        "hey is my merino sweater order shipped yet? got charged $8 shipping on it which is annoying, how much more "
        "would i have to add to get free shipping",
    )
    assert reply.text.startswith("Your order ORD-14055 from 2026-11-28 is processing.")
    assert "$7.01" in reply.text and "add an item to the order" in reply.text
    assert "cannot waive" not in reply.text


def test_what_is_left_after_a_removal_against_the_free_line(kb: KnowledgeBase) -> None:
    order = ORDERS["ORD-14067"]
    jeans = next(i for i in order["items"] if "Jeans" in i["name"])
    line, _ = after_removal_line(order, jeans, kb)
    assert "comes to $254.98 ($369.98 − $115.00)" in line and line.endswith("so its shipping stays free.")
    chinos = next(i for i in ORDERS["ORD-14021"]["items"] if "Lennox" in i["name"])
    under, _ = after_removal_line(ORDERS["ORD-14021"], chinos, kb)
    assert "comes to $48.50" in under and "pays the $8.00 fee" in under and "confirm" in under
    jackets = ORDERS["ORD-14005"]["items"][0]
    one, _ = after_removal_line(ORDERS["ORD-14005"], jackets, kb, one=True)
    assert one.startswith("Without one Michael Kors Women's Aspen Rain Jacket") and "$193.99 ($387.98 − $193.99)" in one


async def test_a_removal_with_its_shipping_asked_end_to_end(assistant: Assistant) -> None:
    (asked,) = await chat(
        assistant,
        "c015",
        "Please remove the men's jeans from my order, I added them by mistake. Will I have to pay shipping then?",
    )
    assert "$254.98" in asked.text and "stays free" in asked.text and "request number" in asked.text
    (split,) = await chat(assistant, "c015", "can you drop the wrap dress from my order? do i still get free shipping")
    assert "can still be removed" in split.text and "$211.99" in split.text
    (plain,) = await chat(assistant, "c015", "Please remove the men's jeans from my order")  # near miss: none asked
    assert "can still be removed" in plain.text and "shipping" not in plain.text

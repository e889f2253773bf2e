"""A signed-in shopper's own orders (#9): the shop's day for "has the date passed", what they paid, the size they
bought, the order holding the item they name, a parcel marked delivered but missing, taking an item off an unshipped
order, and a charge they think was taken twice. Real SQLite seeded from knowledge/_seed, hashing KB, real Assistant."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from bot.core.answers import late_note
from bot.core.assistant import Assistant
from bot.core.composer import Composer
from bot.core.events import EventBus
from bot.core.shop_day import shop_today
from bot.domain import Channel, IncomingMessage
from bot.kb.knowledge_base import KnowledgeBase
from bot.llm.fake import ScriptedChatModel
from bot.nlu.classifier import IntentClassifier
from bot.store import Store

REPO = Path(__file__).parents[2]
ORDERS = {
    o["order_id"]: o
    for o in (json.loads(line) for line in (REPO / "knowledge/_seed/orders.jsonl").read_text().splitlines())
}


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path / "kb", embedder="hashing")
    kb.open()
    store = Store(tmp_path / "db.sqlite")
    store.seed(REPO / "knowledge/_seed")
    return Assistant(
        store=store,
        kb=kb,
        intents=intents,
        composer=Composer(ScriptedChatModel(default="-"), timeout_s=5),
        bus=EventBus(),
    )


async def chat(assistant: Assistant, customer: str, *turns: str) -> list[Any]:
    conv, replies = None, []
    for t in turns:
        reply = await assistant.handle(
            IncomingMessage(t, channel=Channel.API, customer_id=customer, conversation_id=conv)
        )
        conv = reply.conversation_id
        replies.append(reply)
    return replies


def test_the_shop_day_is_eastern_so_a_date_equal_to_today_has_not_passed() -> None:
    # 01:15 UTC on 2 December is still 1 December in the shop's time (policies/contact.md: US Eastern Time)
    late_evening = dt.datetime(2026, 12, 2, 1, 15, tzinfo=dt.UTC)
    assert shop_today(late_evening) == dt.date(2026, 12, 1)
    assert shop_today(dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)) == dt.date(2026, 12, 1)
    assert shop_today(dt.datetime(2026, 12, 2, 6, 0)) == dt.date(2026, 12, 2)  # naive is UTC
    today = shop_today(late_evening)
    # c019's snow boots (ORD-13343, shipped, estimated 2026-12-01): due today, not late
    assert late_note(ORDERS["ORD-13343"], today) == ""
    # near misses: c001's dress (ORD-13500, estimated 2026-11-30) is a day late; delivered or cancelled never are
    assert "has passed" in late_note(ORDERS["ORD-13500"], today)
    assert late_note(ORDERS["ORD-13343"], dt.date(2026, 12, 2)) != ""
    assert late_note(ORDERS["ORD-13137"], today) == ""


async def test_a_refund_not_seen_for_a_returned_order_is_answered_from_the_order_and_the_refunds_page(
    assistant: Assistant,
) -> None:
    # c046 (Gold): ORD-13247, two cardigans, status returned
    (reply,) = await chat(
        assistant,
        "c046",
        "I sent back the two cardigans almost two weeks ago and still no refund on my card. what's the holdup",
    )
    assert "ORD-13247" in reply.text and "returned" in reply.text
    assert "within 7 days" in reply.text and "more than 7 days have passed" in reply.text
    assert "person" in reply.text and "take care of" not in reply.text
    # other wordings, another customer (c029: ORD-13436, two sweaters, returned)
    for text in (
        "no refund yet for the sweaters i returned, what's taking so long?",
        "what's the holdup with my refund",
    ):
        (reply,) = await chat(assistant, "c029", text)
        assert "ORD-13436" in reply.text and "within 7 days" in reply.text, text
    # near miss: a late order is not a refund question
    (reply,) = await chat(assistant, "c013", "what's the holdup with my order?")
    assert "refund" not in reply.text.lower()


async def test_what_was_paid_for_the_last_order_is_its_items_and_shipping(assistant: Assistant) -> None:
    # c013's newest order ORD-14055: items 67.99, standard shipping 8.00 (processing)
    (reply,) = await chat(assistant, "c013", "what did I end up paying for my last order?")
    assert "ORD-14055" in reply.text and "67.99" in reply.text and "8.00" in reply.text and "75.99" in reply.text
    # other wordings and customers: c018 ORD-13931 (183.00 + 25.00), c042 ORD-13852 (400.47 + 5.00)
    (reply,) = await chat(assistant, "c018", "how much did I pay for my most recent order?")
    assert "ORD-13931" in reply.text and "208.00" in reply.text
    (reply,) = await chat(assistant, "c042", "what was the total on my last order")
    assert "ORD-13852" in reply.text and "405.47" in reply.text
    # near miss: free shipping adds no sum (c048's newest, ORD-13926, 75.99 with shipping 0.00)
    (reply,) = await chat(assistant, "c048", "what did I end up paying for my last order?")
    assert "75.99" in reply.text and "in all" not in reply.text


async def test_the_size_bought_is_the_order_line_s_size_not_the_sizes_in_stock(assistant: Assistant) -> None:
    # c044 ORD-12622: the Rowan Puffer Jacket in L (cognac brown) beside a Calder Denim Jacket in M
    (reply,) = await chat(assistant, "c044", "what size did I get in the puffer jacket? it's a bit big")
    assert "ORD-12622" in reply.text and "Puffer Jacket in size L" in reply.text
    assert "Denim" not in reply.text and "in stock" not in reply.text
    assert "exchange" in reply.text and "Exchanges are free" in reply.text
    # other wordings: c019's snow boots (size 8) beside hiking boots in the same order; no fit complaint, no rule
    (reply,) = await chat(assistant, "c019", "which size did i order the snow boots in?")
    assert "Snow Boots in size 8" in reply.text and "Hiking" not in reply.text and "exchange" not in reply.text
    # near miss: the sizes a product comes in is the catalog's answer
    (reply,) = await chat(assistant, "c044", "what sizes does the puffer jacket come in?")
    assert "ORD-12622" not in reply.text and "XXL" in reply.text


async def test_news_on_an_item_i_ordered_is_that_order_s_status(assistant: Assistant) -> None:
    # c048 has the cognac Thornton belt in ORD-13645 (delivered) and ORD-13849 (shipped): the one on its way
    (reply,) = await chat(assistant, "c048", "whats going on with the cognac belt i ordered")
    assert "ORD-13849" in reply.text and "UPS" in reply.text and "1ZF3L1DY2467553500" in reply.text
    assert "2026-12-02" in reply.text and "Here are" not in reply.text
    # c001's navy slip dress is in ORD-13076 only; ORD-11869's navy dress is a wrap dress beside a black slip dress
    (reply,) = await chat(assistant, "c001", "what's happening with the navy slip dress i ordered?")
    assert "ORD-13076" in reply.text and "ORD-11869" not in reply.text
    # near miss: no order words, the catalog answers
    (reply,) = await chat(assistant, "c048", "do you have cognac belts?")
    assert "ORD-" not in reply.text and "Thornton" in reply.text


async def test_another_order_named_by_its_item_after_an_order_answer_is_asked_about_that_order(
    assistant: Assistant,
) -> None:
    # c010: the shirts order ORD-14033 is processing, the coat order ORD-13735 has shipped
    first, coat = await chat(
        assistant,
        "c010",
        "can my shirts order go to a new address? I'm moving",
        "what about the coat order, can that one go to the new address too?",
    )
    assert "ORD-14033" in first.text
    assert "ORD-13735" in coat.text and "no longer be changed" in coat.text
    assert "ORD-14033" not in coat.text and "Here are" not in coat.text
    _, shipped = await chat(assistant, "c010", "where is my shirts order?", "has the coat order shipped?")
    assert "ORD-13735" in shipped.text and "1ZZFNV6B4394210721" in shipped.text
    # near miss: a catalog question after an order answer stays a catalog question
    _, coats = await chat(assistant, "c010", "where is my shirts order?", "do you have wool coats?")
    assert "ORD-" not in coats.text


async def test_a_parcel_marked_delivered_but_not_there_gets_the_shipping_page_s_rule_and_the_days(
    assistant: Assistant,
) -> None:
    # c026's coat order ORD-13137 was delivered on 2026-11-25; the days since are counted to the shop's today
    (reply,) = await chat(assistant, "c026", "DHL says my coat was delivered but there's nothing at my door")
    assert "ORD-13137" in reply.text and "2026-11-25" in reply.text
    days = (shop_today() - dt.date(2026, 11, 25)).days
    assert f"That was {days} days ago." in reply.text
    assert "check with neighbors" in reply.text and "replacement order free of charge" in reply.text
    assert "person" in reply.text and "You paid" not in reply.text
    # another wording and customer: c052's parka is in ORD-13209
    (reply,) = await chat(assistant, "c052", "UPS says my parka was delivered but I never got it")
    assert "ORD-13209" in reply.text and "replacement order free of charge" in reply.text
    # c033's only delivered order is June's (ORD-10591): too old to be the parcel missing now; the rule still answers
    (reply,) = await chat(assistant, "c033", "tracking says delivered but my package isn't here")
    assert "ORD-10591" not in reply.text and "replacement order free of charge" in reply.text
    # near miss: asking whether it was delivered is the order's record
    (reply,) = await chat(assistant, "c026", "was my coat delivered?")
    assert "replacement" not in reply.text and "2026-11-25" in reply.text


async def test_taking_one_of_two_pieces_off_an_unshipped_order_is_the_order_s_rule_and_a_request(
    assistant: Assistant,
) -> None:
    # c043's ORD-14005 (processing) holds 2 x the Aspen Rain Jacket
    _, reply = await chat(
        assistant,
        "c043",
        "what's the status of my rain jacket order?",
        "I only need one of them. can you take the second one off?",
    )
    assert "ORD-14005" in reply.text and "not shipped yet" in reply.text and "remove the unwanted item" in reply.text
    assert "193.99" in reply.text and "removing one Michael Kors Women's Aspen Rain Jacket" in reply.text
    assert "person" in reply.text
    # another wording: c010's ORD-14033 holds 2 x the Sutton shirt
    _, reply = await chat(
        assistant, "c010", "where is my shirts order?", "can you remove the extra one? i only want one"
    )
    assert "ORD-14033" in reply.text and "removing one" in reply.text
    _, reply = await chat(
        assistant, "c010", "where is my shirts order?", "can you remove one of the shirts? i only want one"
    )
    assert "ORD-14033" in reply.text and "removing one" in reply.text
    # near miss: "take it off" of a garment is no order change
    _, reply = await chat(
        assistant, "c043", "what's the status of my rain jacket order?", "can I take it off in the rain?"
    )
    assert "request number" not in reply.text and "removed" not in reply.text


async def test_a_charge_said_to_be_twice_for_an_item_shows_the_orders_holding_it_and_a_person(
    assistant: Assistant,
) -> None:
    # c001 holds the black Gap Dover Slip Dress in ORD-13076 (2026-11-10, 213.50) and ORD-13500 (2026-11-21, 82.00),
    # and in two older orders (June, September), which are not this month's charge
    (reply,) = await chat(assistant, "c001", "You charged me twice for the black Gap slip dress this month!!")
    assert reply.text.startswith("I'm sorry")
    assert "2 separate orders" in reply.text and "Dover Slip Dress" in reply.text
    assert "ORD-13076" in reply.text and "2026-11-10" in reply.text and "213.50" in reply.text
    assert "ORD-13500" in reply.text and "82.00" in reply.text
    assert "ORD-10599" not in reply.text and "ORD-11869" not in reply.text
    assert "check the payment" in reply.text and "person" in reply.text
    # another wording: c019's hiking boots are one order with two pairs
    (reply,) = await chat(assistant, "c019", "you charged me twice for the hiking boots!")
    assert "one order" in reply.text and "ORD-13343" in reply.text and "with 2 of them" in reply.text
    # near miss: no item named, the charge is for a person to check, no order guessed
    (reply,) = await chat(assistant, "c001", "you double charged me on my last order")
    assert "Our records show" not in reply.text and "check the payment" in reply.text

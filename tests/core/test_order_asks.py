"""What a known customer asks about their OWN order is answered from that order and the policy pages, not only its
status: a returned order's refund (the merchandise, the shipping paid only when damaged, where it goes), an upgrade
to overnight while processing (its price for the account's level), an item added to the order placed on a day,
one of two pieces taken off, "do I get the shipping back too?" beside a return, a return past the window with no
box, a promise about a later return, "cancel it" after a complaint (that order, never a membership), a refund
promised by a day, the status said once. End to end by a real Assistant on the demo store's pages (hashing
embedder); dates are relative to today, so the tests hold on any day."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.composer import Composer
from bot.core.events import EventBus
from bot.domain import Channel, IncomingMessage
from bot.kb.knowledge_base import KnowledgeBase
from bot.llm.fake import ScriptedChatModel
from bot.nlu.classifier import IntentClassifier
from bot.store import Store
from tests.support.dates import days_ago

REPO = Path(__file__).parents[2]
SWEATERS = [
    {"sku": "BR-SW-1168", "name": "Banana Republic Men's Grove Crewneck Sweater", "qty": 1, "price": 152.99},
    {"sku": "TH-SW-1213", "name": "Tommy Hilfiger Women's Everett Quarter-Zip Sweater", "qty": 1, "price": 152.99},
]
BOOTS = [{"sku": "GS-BT-1200", "name": "Guess Men's Calder Chukka Boots", "qty": 1, "price": 126.99}]
COMBAT = [{"sku": "TH-BT-1", "name": "Tommy Hilfiger Women's Larkin Combat Boots", "qty": 1, "price": 145.5}]
CARDIGANS = [{"sku": "EX-SW-1", "name": "Express Men's Aspen Cardigan Sweater", "qty": 2, "price": 90.5}]
JACKETS = [{"sku": "MK-JK-1", "name": "Michael Kors Women's Aspen Rain Jacket", "qty": 2, "price": 193.99}]
MERINO = [{"sku": "CK-SW-1", "name": "Calvin Klein Women's Kingsley Merino Sweater", "qty": 1, "price": 67.99}]
DRESS = [{"sku": "MK-DR-1", "name": "Michael Kors Women's Harbor Sheath Dress", "qty": 1, "price": 116.99}]
BEANIE = [{"sku": "CK-AC-1", "name": "Calvin Klein Men's Sterling Knit Beanie", "qty": 1, "price": 48.99}]
SWEATER = [{"sku": "BR-SW-2", "name": "Banana Republic Men's Grove Crewneck Sweater", "qty": 1, "price": 152.99}]
MOM_JEANS = [{"sku": "MK-JN-2", "name": "Michael Kors Women's Bowery Mom Jeans", "qty": 1, "price": 126.0}]
SLIM_JEANS = [{"sku": "GS-JN-2", "name": "Guess Women's Everett Tapered Denim Jeans", "qty": 1, "price": 59.5}]


def _order(oid: str, customer: str, ago: int, status: str, items: list[dict[str, object]], **more: object):
    placed = days_ago(ago)
    return {
        "order_id": oid,
        "customer_id": customer,
        "date": f"{placed.isoformat()}T09:00:00Z",
        "status": status,
        "items": json.dumps(items),
        "total": round(sum(float(i["price"]) * int(i["qty"]) for i in items), 2),  # type: ignore[call-overload]
        "currency": "USD",
        "shipping_method": "standard",
        "shipping_cost": 0.0,
        "payment_method": "credit card",
        "ship_to": json.dumps({"city": "Austin", "country": "United States"}),
        **more,
    }


def _on(day: dt.date) -> str:
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def _iso(days: int) -> str:
    return days_ago(-days).isoformat()


def _field(assistant: Assistant, oid: str, name: str) -> str:
    """What the fixture stored for the order (its date read once, not the clock read again)."""
    return str((assistant.store.get_order(oid) or {})[name])[:10]


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path / "kb", embedder="hashing")
    kb.open()
    store = Store(tmp_path / "db.sqlite")
    for cid, level in (("g1", "guest"), ("g2", "guest"), ("b1", "bronze"), ("b2", "bronze"), ("s1", "silver")):
        store.ensure_customer(cid, name=cid, email=f"{cid}@example.com", membership=level, country="United States")
    store.ensure_customer("s2", name="s2", email="s2@example.com", membership="silver", country="United States")
    store.ensure_customer("s3", name="s3", email="s3@example.com", membership="silver", country="United States")
    store.ensure_customer("gd", name="gd", email="gd@example.com", membership="gold", country="United States")
    store.db["orders"].insert_all(
        [
            _order("ORD-80001", "s1", 12, "returned", SWEATERS, shipping_method="overnight", shipping_cost=20.0,
                   return_reason="wrong size", delivered_date=_iso(-9), carrier="UPS", tracking_number="1Z8"),
            _order("ORD-80002", "g1", 20, "shipped", BOOTS, carrier="UPS", tracking_number="1Z9",
                   estimated_delivery=_iso(-14)),
            _order("ORD-80003", "b1", 115, "delivered", COMBAT, delivered_date=_iso(-106)),
            _order("ORD-80004", "s2", 87, "delivered", CARDIGANS, delivered_date=_iso(-82)),
            _order("ORD-80005", "b2", 3, "processing", JACKETS, shipping_method="international",
                   estimated_delivery=_iso(8)),
            _order("ORD-80006", "g2", 3, "processing", MERINO, shipping_method="economy", shipping_cost=5.0,
                   estimated_delivery=_iso(9)),
            _order("ORD-80007", "s1", 4, "shipped", DRESS, carrier="UPS", tracking_number="1Z7",
                   estimated_delivery=_iso(3)),
            _order("ORD-80008", "gd", 200, "delivered", BEANIE, shipping_cost=8.0, delivered_date=_iso(-195)),
            _order("ORD-80009", "b2", 40, "delivered", SWEATER, delivered_date=_iso(-35)),
            _order("ORD-80010", "s3", 100, "delivered", MOM_JEANS, shipping_method="overnight", shipping_cost=20.0),
            _order("ORD-80011", "s3", 60, "delivered", SLIM_JEANS),
            _order("ORD-80012", "b1", 10, "cancelled", DRESS, payment_method="paypal"),
        ],
        alter=True,
    )  # fmt: skip
    return Assistant(
        store=store,
        kb=kb,
        intents=intents,
        composer=Composer(ScriptedChatModel(default="-"), timeout_s=5),
        bus=EventBus(),
    )


async def chat(assistant: Assistant, customer: str, *turns: str) -> list[str]:
    conversation: str | None = None
    out = []
    for text in turns:
        reply = await assistant.handle(
            IncomingMessage(text, channel=Channel.API, customer_id=customer, conversation_id=conversation)
        )
        conversation = reply.conversation_id
        out.append(reply.text)
    return out


async def test_a_returned_order_s_refund_is_the_merchandise_and_goes_back_to_the_card(assistant: Assistant) -> None:
    (text,) = await chat(assistant, "s1", "did my return for ORD-80001 go through? how much am i getting back")
    assert "returned" in text and "$305.98" in text
    assert "The $20.00 you paid for shipping is not refunded" in text  # returned for a wrong size
    assert "$325.98" not in text
    assert "goes back to the credit card you paid with" in text
    assert "international returns" not in text.lower()  # a US order: the abroad fee is no part of it


async def test_a_refund_promised_by_tomorrow_gets_no_and_the_refund_s_own_figures(assistant: Assistant) -> None:
    (text,) = await chat(
        assistant, "s1", "i sent back the sweaters. can you promise the refund will be on my card by tomorrow?"
    )
    assert text.startswith("No, sorry: I cannot promise the day a refund reaches your")
    assert "$305.98" in text and "7 days" in text
    assert "Economy" not in text  # shipping speeds answer no refund question


async def test_cancel_after_a_complaint_is_that_order_never_the_membership(assistant: Assistant) -> None:
    first, second = await chat(
        assistant,
        "g1",
        "where are my boots?? ordered them weeks ago and still nothing",
        "this is ridiculous. can i just cancel and get my money back now?",
    )
    assert "ORD-80002" in first
    assert "ORD-80002" in second and "already shipped" in second and "running late" in second
    assert "wait until the package arrives" in second  # the guests' rule for a shipped order
    assert "$99" not in second and "Plus" not in second
    (plus,) = await chat(assistant, "g1", "can i cancel my northwind plus and get my money back?")
    assert "ORD-80002" not in plus  # the membership asked about is no order


async def test_a_promise_about_a_later_return_gets_the_window_s_last_day_and_no_request(assistant: Assistant) -> None:
    (text,) = await chat(
        assistant,
        "s2",
        "i'm travelling for months. can you promise you'll still take back the express cardigans from my order when i'm back?",
    )
    end = dt.date.fromisoformat(_field(assistant, "ORD-80004", "date")) + dt.timedelta(days=180)
    assert f"You can return it until {_on(end)}." in text
    assert "I can't promise a return after that date" in text and "connect you" in text
    assert "request number" not in text and "removing" not in text  # nothing is taken off a delivered order


async def test_a_return_past_the_window_with_no_box_leaves_the_receipt(assistant: Assistant) -> None:
    (text,) = await chat(
        assistant, "b1", "i wanna return the tommy combat boots from my last order. i don't have the box anymore tho"
    )
    assert "ORD-80003" in text and "has passed" in text
    assert "original receipt" in text
    assert "no longer have the original packaging, so it can only be accepted with the original receipt" in text


async def test_the_shipping_back_beside_a_return_is_the_order_s_and_the_rule_s(assistant: Assistant) -> None:
    (text,) = await chat(
        assistant,
        "gd",
        "the calvin klein beanie i bought - never wore it, tags still on. can i still return it? do i get the shipping back too?",
    )
    assert "Unlimited" in text
    assert "the $8.00 you paid for standard shipping is not refunded" in text
    (near,) = await chat(assistant, "b2", "can i still return the grove crewneck sweater i ordered?")
    assert "shipping" not in near.lower()  # not asked: not said


async def test_an_upgrade_of_a_processing_order_has_its_price_for_the_level(assistant: Assistant) -> None:
    (text,) = await chat(assistant, "g2", "can i still upgrade my merino sweater order to overnight? how much")
    assert "ORD-80006" in text and "processing" in text
    assert "Your account is at the Guest level, so it costs $20.00 for you." in text


async def test_cancel_one_of_two_says_what_one_comes_to_and_when_it_arrives(assistant: Assistant) -> None:
    (text,) = await chat(
        assistant,
        "b2",
        "i ordered 2 of the same rain jacket by mistake, can u cancel one? and when will the order arrive",
    )
    assert "ORD-80005" in text and "not shipped yet" in text
    assert "one of them comes to 193.99 USD" in text
    assert f"Its estimated delivery date is {_field(assistant, 'ORD-80005', 'estimated_delivery')}." in text


async def test_an_item_added_to_the_order_placed_on_a_day_gets_the_rule_for_the_level(assistant: Assistant) -> None:
    day = dt.date.fromisoformat(_field(assistant, "ORD-80007", "date"))
    (text,) = await chat(assistant, "s1", f"can i add a black belt to the order i placed on {day:%A}?")
    assert "ORD-80007" in text and "shipped" in text
    assert "cannot add items to a shipped order" in text.lower()
    assert "Silver level, so that applies to you" in text


async def test_did_my_order_go_through_says_its_status_once(assistant: Assistant) -> None:
    (text,) = await chat(assistant, "g2", "hi did my order go through? when's it getting here")
    assert text.count("is processing") == 1 and _field(assistant, "ORD-80006", "estimated_delivery") in text


async def test_the_item_s_own_name_picks_the_order_among_several_of_its_kind(assistant: Assistant) -> None:
    (text,) = await chat(assistant, "s3", "i want to return the mom jeans, do i get the overnight shipping back?")
    assert "ORD-80010" in text and "ORD-80011" not in text
    assert "the $20.00 you paid for overnight shipping comes back only if the item arrived damaged" in text


async def test_a_receipt_kept_past_the_window_and_how_to_send_it_back(assistant: Assistant) -> None:
    first, second = await chat(
        assistant,
        "b1",
        "can i still return the combat boots i ordered?",
        "i have the receipt. how do i send them back?",
    )
    assert "has passed" in first
    assert "You say you have the original receipt, so the return can still be accepted with it." in second
    assert "UPS Access Point" in second and "prepaid return shipping label" in second


async def test_a_cancelled_order_s_refund_and_where_it_goes(assistant: Assistant) -> None:
    (text,) = await chat(
        assistant, "b1", "i cancelled my dress order, how much do i get back and where does the money go?"
    )
    assert "ORD-80012" in text and "you get back $116.99" in text and "goes back to PayPal" in text
    assert "I'm not sure" not in text


async def test_an_item_taken_off_with_the_money_back_asked_is_still_taken_off(assistant: Assistant) -> None:
    (text,) = await chat(assistant, "g2", "please take the merino sweater off my order, how much will i get back?")
    assert "ORD-80006" in text and "can still be removed from it" in text and "67.99 USD" in text

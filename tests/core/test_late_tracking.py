"""A late order asked about with the word "tracking" in it (#9): "hiii where is my slip dress?? tracking said monday
and its wednesday now" (c001, ORD-13500 due November 30) got the carrier and tracking number only: "tracking" made it a
tracking-number question, and the tracking line never said an order was late. Now a tracking the shopper reports is
the order's status (carrier, number, date, late), and the tracking line of a late order says it is late with a person.
A real Assistant (hashing KB, real SQLite) with orders dated relative to today."""

from __future__ import annotations

from pathlib import Path

from bot.core.order_words import reported_tracking
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row
from tests.support.dates import ago

DRESS = {"sku": "GP-DR-1172", "name": "Gap Women's Dover Slip Dress", "qty": 1, "price": 64.0, "size": "S",
         "color": "black"}  # fmt: skip
JEANS = {"sku": "CK-JN-1061", "name": "Calvin Klein Men's Union Wide-Leg Jeans", "qty": 1, "price": 79.0,
         "size": "32", "color": "black"}  # fmt: skip


def shipped(oid: str, customer: str, item: dict, placed: int, due: int) -> dict:
    row = order_row(oid, customer, "shipped", [item], ago(placed))
    row |= {"carrier": "UPS", "tracking_number": f"1Z{oid[-5:]}0000", "estimated_delivery": ago(due)}
    return row


def test_a_tracking_reported_is_the_status_asked() -> None:
    assert reported_tracking("tracking said monday and its wednesday now", ["tracking", "status"]) == ["status"]
    assert reported_tracking("tracking says it comes friday, is that right?", ["tracking"]) == ["status"]
    # near miss: the number asked for stays the tracking
    assert reported_tracking("whats the tracking number for my dress", ["tracking"]) == ["tracking"]


async def test_a_late_order_is_said_late_however_tracking_is_named(tmp_path: Path, intents: IntentClassifier) -> None:
    orders = [shipped("ORD-74001", "a1", DRESS, 11, 2), shipped("ORD-74002", "a1", JEANS, 6, -2)]
    shop = demo_assistant(tmp_path, intents, [{"id": "a1", "name": "Aisha", "membership": "bronze"}], orders)
    reply = await ask(shop, "hiii where is my slip dress?? tracking said monday and its wednesday now", "a1")
    assert "ORD-74001" in reply.text and "is shipped" in reply.text
    assert "That date has passed, so it is running late" in reply.text and reply.buttons
    reply = await ask(shop, "whats the tracking number for my slip dress", "a1")
    assert "the tracking number is 1Z740010000" in reply.text and "running late" in reply.text
    # near miss: an order still inside its date gets its date, never "late"
    reply = await ask(shop, "tracking says my jeans come friday, is that right?", "a1")
    assert "ORD-74002" in reply.text and f"Estimated delivery: {ago(-2)}" in reply.text
    assert "late" not in reply.text

"""A customer's order lines read as records (bot/core/meaning/orders.py): a reply's state, shipping method,
carrier, tracking number, dates, amounts, counts and items must be the order's it speaks of, and a correct
paraphrase of the record ("on its way", "December 1", "free shipping", "four items") is accepted. The orders are
the demo store's (knowledge/_seed/orders.jsonl); the wrong twins bind a value to the other order or field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.lookups import describe_order
from bot.core.meaning import MeaningChecker
from bot.core.meaning.orders import order_notes, order_rules, read_orders
from bot.core.verify import verify

SEED = Path(__file__).resolve().parents[2] / "knowledge" / "_seed" / "orders.jsonl"
ORDERS = {r["order_id"]: r for r in map(json.loads, SEED.read_text(encoding="utf-8").splitlines())}


def line(order_id: str) -> str:
    return describe_order(ORDERS[order_id])


COAT, CARDIGAN = line("ORD-13225"), line("ORD-13310")  # shipped (DHL, free / $25), same day, other dates
RETURNED, DELIVERED = line("ORD-13436"), line("ORD-11941")  # returned overnight $20; delivered standard free
TWO = f"{COAT}\n{CARDIGAN}"


@pytest.fixture(scope="module")
def checker() -> MeaningChecker:
    return MeaningChecker()


def ok(checker: MeaningChecker, reply: str, grounding: str, question: str = "where is my order?") -> bool:
    return verify(reply, grounding, question=question, min_support=0.75, meaning=checker).ok


def test_order_lines_are_read_as_records() -> None:
    coat, cardigan = read_orders(TWO)
    assert (coat.order_id, coat.status, coat.method, coat.cost, coat.carrier, coat.tracking, coat.estimated) == (
        "ORD-13225",
        "shipped",
        "international",
        "0.00",
        "DHL Express",
        "6306160395",
        "2026-12-01",
    )
    assert sum(q for q, _ in coat.items) == 4 and cardigan.total == "151.00" and cardigan.cost == "25.00"
    assert "overcoat" in coat.words and "cardigan" in cardigan.words and "dhl" not in coat.words


def test_the_state_and_shipping_must_be_the_orders_own(checker: MeaningChecker) -> None:
    said = "Yes, your order ORD-13436 is returned with overnight shipping."  # what the model wrote: true here
    assert ok(checker, said, RETURNED, "did the refund go through for my quarter zip?")
    twin = "Your order ORD-11941 is returned with overnight shipping."  # delivered, standard
    reasons = [r for _, _, r in order_rules(twin, "", DELIVERED)]
    assert reasons == [
        "says ORD-11941 is returned; its status is delivered",
        "says ORD-11941 went overnight; it was shipped standard",
    ]
    assert not ok(checker, twin, DELIVERED)
    assert not ok(checker, "ORD-13225 hasn't shipped yet.", TWO)
    assert not ok(checker, "ORD-13225 was cancelled.", TWO)


@pytest.mark.parametrize(
    "reply",
    [
        "Your overcoat (ORD-13225) is on its way with DHL Express and should arrive around December 1, 2026.",
        "ORD-13225 has shipped; the estimated delivery is 2026-12-01 and shipping was free.",
        "ORD-13225 has four items for a total of $677.47.",
        "Your cardigan order ORD-13310 is in transit with DHL Express, tracking number 3723208959.",
        "You paid $25.00 for international shipping on ORD-13310.",
    ],
)
def test_a_paraphrase_of_the_record_is_accepted(checker: MeaningChecker, reply: str) -> None:
    assert ok(checker, reply, TWO), verify(
        reply, TWO, question="where is my order?", min_support=0.75, meaning=checker
    ).reasons


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        (
            "Your overcoat (ORD-13225) shipped with DHL Express, tracking number 3723208959.",
            "tracking number of ORD-13310",
        ),
        ("ORD-13225 should arrive on December 2, 2026.", "date December 2, 2026 of ORD-13310"),
        ("You paid $25.00 for shipping on ORD-13225.", "amount 25.00 of ORD-13310"),
        ("ORD-13310 has shipped; the items total is $25.00.", "25.00 as ORD-13310's total"),
        ("ORD-13310 went with UPS.", "its carrier is DHL Express"),
        ("ORD-13225 has five items.", "has 5 items"),
        ("Your cardigan is in ORD-13225, which has shipped.", "cardigan"),
        ("ORD-13310 shipped and shipping was free.", "was free; it cost 25.00"),
    ],
)
def test_a_value_bound_to_the_other_order_or_field_is_rejected(checker: MeaningChecker, reply: str, why: str) -> None:
    reasons = [r for _, _, r in order_rules(reply, "", TWO)]
    assert any(why in r for r in reasons), reasons
    assert not ok(checker, reply, TWO)


def test_a_rule_about_orders_is_not_read_as_this_orders_state() -> None:
    assert order_rules("An order can be cancelled until it has shipped.", "", COAT) == []
    assert order_rules("Once it has been delivered, you can return it.", "", COAT) == []


def test_notes_restate_the_record() -> None:
    notes = " ".join(order_notes(COAT))
    assert "December 1, 2026" in notes and "in transit" in notes and "free" in notes and "4 items" in notes
    assert order_notes("no orders here") == []


PROCESSING = line("ORD-14055")  # processing, standard $8.00
CANCELLING = (Path(__file__).resolve().parents[2] / "knowledge" / "policies" / "orders.md").read_text(encoding="utf-8")
CANCELLING = "Orders > Cancelling an order\n" + CANCELLING.split("## Cancelling an order\n", 1)[1].split("\n## ", 1)[0]


def test_a_true_state_is_read_in_the_policys_words(checker: MeaningChecker) -> None:
    from bot.core.meaning.orders import stated

    said = "Yes – ORD-14055 is still processing and hasn't shipped, so we can cancel it and refund you right away."
    assert stated(said, PROCESSING).startswith("Yes – ORD-14055 is placed or processing (not yet shipped), so")
    assert ok(checker, said, f"{PROCESSING}\n\n{CANCELLING}", "can i still cancel the sweater i ordered?")
    # a wrong state is left as it is, and the record rejects it
    wrong = "No, ORD-14055 has already shipped, so please wait for it to arrive and return it."
    assert stated(wrong, PROCESSING) == wrong
    assert not ok(checker, wrong, f"{PROCESSING}\n\n{CANCELLING}", "can i still cancel the sweater i ordered?")

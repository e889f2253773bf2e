"""The refund asked for "the stuff i sent back from my october order" is the returned October order's (#9, reader21:
c019 got ORD-13786, a cancelled November order, instead of ORD-12757, returned from France, $15.00 deducted). "my
october order" names a month; "sent back" a returned order over a cancelled one. Seeded demo orders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.order_pick import in_said_month
from bot.core.order_which import which_orders
from bot.domain import Intent, IntentPrediction, OrderAspect, Request, RequestKind

REPO = Path(__file__).parents[2]
ORDERS = [json.loads(line) for line in (REPO / "knowledge/_seed/orders.jsonl").read_text().splitlines()]
CATALOG = [json.loads(x) for x in (REPO / "knowledge/catalog/products.jsonl").open()]
C019 = sorted((o for o in ORDERS if o["customer_id"] == "c019"), key=lambda o: o["date"], reverse=True)
PRED = IntentPrediction(Intent.RETURNS_REFUNDS, 0.7)


def _picked(text: str) -> list[str]:
    got = which_orders(C019, Request(RequestKind.OWN_ORDER, text, aspects=[OrderAspect.REFUND]), PRED, CATALOG)
    assert isinstance(got, list), got
    return [o["order_id"] for o in got]


def test_the_refund_of_what_was_sent_back_from_the_october_order_is_the_returned_one() -> None:
    assert _picked("and whats going on w the refund for the stuff i sent back from my october order") == ["ORD-12757"]
    assert _picked("refund for the things i returned?") == ["ORD-12757"]  # returned, not the newest cancelled


def test_a_refund_without_a_return_said_keeps_the_newest_refunded_order() -> None:
    # near miss: a cancelled order's refund is a refund too
    assert _picked("whats going on with my refund?") == ["ORD-13786"]


@pytest.mark.parametrize(
    ("text", "month"),
    [("from my october order", "October"), ("the september one", "September"), ("what did i order in may", "May")],
)
def test_a_month_before_order_names_it(text: str, month: str) -> None:
    said = in_said_month(text, ORDERS)
    assert said is not None and said[0] == month


@pytest.mark.parametrize("text", ["my may order be late?", "the big order", "from my order"])
def test_other_words_before_order_name_no_month(text: str) -> None:
    assert in_said_month(text, ORDERS) is None

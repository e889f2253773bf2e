"""Orders named by what was in them (ordered_items), and the turns that carry no recommendation line."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.core.ordered_items import counted, match_orders, own_item_request
from bot.core.recommendation_check import asked_reason, no_line_after
from bot.domain import Constraints, OrderAspect, Request, RequestKind

TODAY = dt.date(2026, 11, 29)
CATALOG = {
    "BR-CH-1": {
        "sku": "BR-CH-1",
        "name": "Banana Republic Men's Camden Tapered Trousers",
        "category": "chinos",
        "brand": "Banana Republic",
    },
    "BR-CH-2": {
        "sku": "BR-CH-2",
        "name": "Banana Republic Women's Brooklyn Slim Chinos",
        "category": "chinos",
        "brand": "Banana Republic",
    },
    "CK-AC-1": {
        "sku": "CK-AC-1",
        "name": "Calvin Klein Quincy Leather Gloves",
        "category": "accessories",
        "brand": "Calvin Klein",
    },
    "CK-BT-1": {
        "sku": "CK-BT-1",
        "name": "Calvin Klein Women's Mercer Winter Snow Boots",
        "category": "boots",
        "brand": "Calvin Klein",
    },
    "CK-BT-2": {
        "sku": "CK-BT-2",
        "name": "Calvin Klein Men's Lennox Combat Boots",
        "category": "boots",
        "brand": "Calvin Klein",
    },
    "TH-DR-1": {
        "sku": "TH-DR-1",
        "name": "Tommy Hilfiger Women's Delta Midi Dress",
        "category": "dress",
        "brand": "Tommy Hilfiger",
    },
    "GS-TS-1": {
        "sku": "GS-TS-1",
        "name": "Guess Men's Juniper Long-Sleeve Tee",
        "category": "t-shirt",
        "brand": "Guess",
    },
    "TH-CT-1": {
        "sku": "TH-CT-1",
        "name": "Tommy Hilfiger Men's Delta Wool Overcoat",
        "category": "coat",
        "brand": "Tommy Hilfiger",
    },
}


def _order(oid: str, date: str, status: str, *items: tuple[str, int]) -> dict[str, Any]:
    lines = [{"sku": s, "name": CATALOG[s]["name"], "qty": q, "color": "black", "size": "M"} for s, q in items]
    return {"order_id": oid, "date": f"{date}T10:00:00Z", "status": status, "items": lines}


ORDERS = [  # newest first, as the order desk reads them
    _order("ORD-6", "2026-11-20", "shipped", ("TH-DR-1", 2), ("GS-TS-1", 1)),
    _order("ORD-5", "2026-11-11", "delivered", ("BR-CH-1", 1)),
    _order("ORD-4", "2026-11-02", "delivered", ("BR-CH-2", 1), ("CK-BT-1", 1)),
    _order("ORD-3", "2026-09-30", "delivered", ("CK-AC-1", 3)),
    _order("ORD-2", "2026-07-20", "delivered", ("CK-BT-2", 1), ("CK-AC-1", 1)),
    _order("ORD-1", "2026-05-14", "returned", ("BR-CH-2", 1)),
]


def _ids(text: str) -> list[str] | None:
    found = match_orders(text, ORDERS, CATALOG, today=TODAY)
    return None if found is None else [o["order_id"] for o in found[0]]


def test_a_kind_is_matched_by_the_items_own_name_so_trousers_are_not_chinos() -> None:
    assert _ids("how much was shipping on my chinos order") == ["ORD-4", "ORD-1"]
    assert _ids("where are my trousers") == ["ORD-5"]


def test_modifiers_time_and_quantity_pick_one_order() -> None:
    assert _ids("sole is peeling off the snow boots") == ["ORD-4"]  # not the combat boots
    assert _ids("the order with 3 pairs of gloves, when did it come?") == ["ORD-3"]  # not the single pair
    assert _ids("the gloves i bought in july") == ["ORD-2"]
    assert _ids("the chinos from my last order") == ["ORD-4"]
    assert _ids("did the refund come for the chinos i sent back") == ["ORD-1"]
    assert _ids("how many dresses are in the order on its way to me") == ["ORD-6"]


def test_no_item_named_or_an_item_they_never_bought() -> None:
    assert _ids("where is my order?") is None
    assert _ids("tracking for my parka") == []  # a kind of item none of their orders holds


def test_an_own_item_question_becomes_an_own_order_request_only_when_something_is_asked() -> None:
    ask = Request(RequestKind.DISCOVERY, "tracking for my snow boots pls")
    req = own_item_request(ask, ORDERS, CATALOG)
    assert req is not None and req.kind == RequestKind.OWN_ORDER
    assert req.order_ids == ["ORD-4"] and OrderAspect.TRACKING in req.aspects
    shopping = Request(RequestKind.DISCOVERY, "do you have snow boots like my old ones in size 8?")
    assert own_item_request(shopping, ORDERS, CATALOG) is None
    complaint = Request(RequestKind.COMPLAINT, "my snow boots arrived broken")
    assert own_item_request(complaint, ORDERS, CATALOG) is None  # the complaint desk picks its order itself


def test_counted_says_the_pieces_of_the_kind_asked_and_the_rest() -> None:
    text = counted("how many dresses are in it", ORDERS[0], CATALOG)
    assert text.startswith("Your order ORD-6 has 2 dresses: 2 x Tommy Hilfiger Women's Delta Midi Dress")
    assert "It also holds 1 x Guess Men's Juniper Long-Sleeve Tee" in text
    assert counted("how many items are in it", ORDERS[0], CATALOG) == ""


def test_no_recommendation_after_order_complaint_promise_or_handoff_turns() -> None:
    for kind in (RequestKind.OWN_ORDER, RequestKind.COMPLAINT, RequestKind.HANDOFF):
        assert no_line_after(Request(kind, "x"), "x")
    assert no_line_after(Request(RequestKind.PRODUCT_FACT, "t"), "need it by the 10th. can u promise?")
    assert no_line_after(None, "guarantee me the rain jacket is 100% waterproof")
    assert not no_line_after(Request(RequestKind.PRODUCT_FACT, "is it lined?"), "is it lined?")


def test_a_matches_reason_quotes_only_this_turns_product_question() -> None:
    old = "matches what you asked about (\u201ccan i still return the flannel shirts i bought in may can i \u201d)"
    policy = Request(RequestKind.POLICY, "can i just drop them at the portland store")
    assert asked_reason(old, policy, policy.text, meets=True) == "picked for you"
    search = Request(
        RequestKind.DISCOVERY, "warm flannel shirts for men", constraints=Constraints(categories=["shirt"])
    )
    said = asked_reason(old, search, search.text, meets=True)
    assert said == "matches what you asked about (\u201cwarm flannel shirts for men\u201d)"
    assert asked_reason(old, search, search.text, meets=False) == "picked for you"
    assert (
        asked_reason("similar to the X you asked about", policy, "", meets=True) == "similar to the X you asked about"
    )


def test_complaint_words_for_a_peeling_sole_a_late_arrival_a_swapped_colour_and_a_missing_refund() -> None:
    from bot.core.complaint_words import complaint_kind

    assert complaint_kind("the sole is peeling off my hiking boots after two weeks") == "damaged"
    assert complaint_kind("my jacket showed up 5 days late and i paid for standard shipping") == "late"
    assert complaint_kind("ordered the wrap dress in red and you sent navy", ["red", "navy"]) == "wrong"
    assert complaint_kind("mailed the jeans back weeks ago and still haven't got my refund") == "refund"
    assert complaint_kind("what if my order is late?") is None


def test_a_swap_reads_the_size_wanted_and_says_its_stock() -> None:
    from bot.core.item_swaps import _stock_line, asks_swap, wanted_size

    assert wanted_size("it's too small, can i swap it for a medium") == "M"
    assert wanted_size("change one of them to black in size XL") == "XL"
    assert asks_swap(Request(RequestKind.OWN_ORDER, "can i exchange the parka from my last order"))
    assert not asks_swap(Request(RequestKind.OWN_ORDER, "when does my parka arrive"))
    coat = {"name": "Northwind Parka", "colors": ["black", "olive"], "stock": {"S": 0, "M": 6, "L": 0}}
    assert _stock_line("swap it for a medium", coat) == "Size M is in stock (6 left)."
    assert (
        _stock_line("change it to olive in L", coat)
        == "The Northwind Parka comes in olive. Size L is sold out right now."
    )
    assert _stock_line("swap it for an XXL", coat) == "The Northwind Parka doesn't come in size XXL."


def test_a_shipping_fee_asked_back_gets_what_was_paid_and_the_rule() -> None:
    from bot.core.order_questions import FEE_BACK, fee_back_answer

    assert FEE_BACK.search("and do i get the $20 overnight fee back too")
    assert not FEE_BACK.search("when does my overnight order arrive")
    order = {
        "order_id": "ORD-9",
        "status": "returned",
        "shipping_method": "overnight",
        "shipping_cost": 20.0,
        "currency": "USD",
    }
    said = fee_back_answer(order, ["For other returns, the shipping fee you paid is not refunded."])
    assert said == (
        "Your order ORD-9 is returned; you paid 20.00 USD for overnight shipping. "
        "Our policy: For other returns, the shipping fee you paid is not refunded."
    )


def test_counting_a_two_word_kind() -> None:
    order = _order("ORD-7", "2026-11-20", "shipped", ("TH-DR-1", 2), ("CK-AC-1", 1))
    assert counted("how many midi dresses are in it?", order, CATALOG).startswith(
        "Your order ORD-7 has 2 midi dresses:"
    )


def test_a_shipped_order_past_its_estimated_date_is_said_to_be_late() -> None:
    from bot.core.answers import late_note

    order = {"order_id": "ORD-8", "status": "shipped", "estimated_delivery": "2026-11-16"}
    assert "has passed" in late_note(order, dt.date(2026, 11, 29))
    assert late_note(order, dt.date(2026, 11, 16)) == ""  # due today: not late yet
    assert late_note({**order, "status": "delivered", "delivered_date": "2026-11-20"}, dt.date(2026, 11, 29)) == ""


def test_shipping_paid_across_orders_is_asked_in_these_words() -> None:
    from bot.core.shipping_paid import asks_shipping_paid

    assert asks_shipping_paid("how much have i spent on shipping in total")
    assert asks_shipping_paid("why do i always pay 25 for shipping??")
    assert not asks_shipping_paid("how much is shipping to canada?")
    assert not asks_shipping_paid("how much did i pay for shipping on my chinos order")


def test_trousers_answer_for_chinos_only_when_no_item_is_called_chinos() -> None:
    only_trousers = [o for o in ORDERS if o["order_id"] in ("ORD-5", "ORD-3")]
    found = match_orders("when do my chinos get here", only_trousers, CATALOG, today=TODAY)
    assert found is not None and [o["order_id"] for o in found[0]] == ["ORD-5"]


def test_a_fee_asked_off_says_what_the_orders_shipping_cost() -> None:
    from bot.core.refusals import fee_line

    free = {"order_id": "ORD-3", "status": "shipped", "shipping_method": "standard", "shipping_cost": 0.0}
    assert (
        fee_line(free)
        == "Your order ORD-3 is shipped; its standard shipping cost 0.00 USD, so there is no shipping fee on it."
    )
    paid = {**free, "shipping_cost": 8.0}
    assert fee_line(paid) == "Your order ORD-3 is shipped; its standard shipping cost 8.00 USD."

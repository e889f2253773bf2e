"""Three wrong facts no longer said (BRIEF defect 4): a stated budget ("budget about $60") is a ceiling, not a price
band with a floor sorted cheapest first, so a gift list no longer calls a dearer piece "the cheapest" while a cheaper
in-budget one is left out; a refund for a line of several pieces is said per item with the count (never one
piece's price as if it were all of them); a colour asked in an order change is answered for that colour, not the
colour already ordered. Expectations are computed from knowledge/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.core.catalog import parse_constraints
from bot.core.catalog.honest_list import discover
from bot.core.item_swaps import _stock_line
from bot.core.refund_amount import _paid_line
from bot.domain import Sort

ROOT = Path(__file__).resolve().parents[2] / "knowledge"
CATALOG = [json.loads(line) for line in (ROOT / "catalog" / "products.jsonl").read_text().splitlines() if line]
ORDERS = [json.loads(line) for line in (ROOT / "_seed" / "orders.jsonl").read_text().splitlines() if line]


def test_a_stated_budget_is_a_ceiling_and_no_cheapest_claim() -> None:
    c = parse_constraints("Need a present for my dad, budget about $60. Ideas?", CATALOG)
    assert (c.min_price, c.max_price, c.sort) == (None, 60.0, Sort.RELEVANCE)
    text, shown, _ = discover(CATALOG, c, "")
    assert shown and all(p["price"] <= 60 for p in shown) and "cheapest" not in text
    # near-misses: "budget" with no amount still asks for cheap things; "around $100" is still a band
    assert parse_constraints("budget friendly jeans for men", CATALOG).sort == Sort.CHEAPEST
    around = parse_constraints("men's jackets around $100", CATALOG)
    assert (around.min_price, around.max_price) == (80.0, 120.0)
    assert parse_constraints("cheapest jeans, budget $100", CATALOG).sort == Sort.CHEAPEST


def _order(test: Any) -> dict[str, Any]:
    return next(o for o in ORDERS if test(o))


def test_a_refund_for_several_pieces_is_per_item_with_the_count() -> None:
    one_line = _order(lambda o: len(o["items"]) == 1 and o["items"][0]["qty"] == 2)
    item = one_line["items"][0]
    kind = item["name"].split()[-1].lower()
    said = _paid_line(one_line, f"how much do I get back if I return both {kind}s?", [])
    each, total = f"{item['price']:.2f} USD", f"{one_line['total']:.2f} USD"
    assert said == [f"You paid {each} each for the 2 {item['name']} in order {one_line['order_id']}, so {total} for both."]
    several = _order(lambda o: len(o["items"]) > 1 and [i["qty"] for i in o["items"]].count(2) == 1)
    item = next(i for i in several["items"] if i["qty"] == 2)
    said = _paid_line(several, f"how much back if I return the {item['name']}?", [])
    assert said == [f"You paid {item['price']:.2f} USD each for the 2 {item['name']} in order {several['order_id']}."]
    single = _order(lambda o: len(o["items"]) == 1 and o["items"][0]["qty"] == 1)
    item = single["items"][0]
    said = _paid_line(single, f"how much back if I return the {item['name']}?", [])
    assert said == [f"You paid {item['price']:.2f} USD for the {item['name']} in order {single['order_id']}."]


def test_the_item_is_the_one_whose_own_name_word_is_said() -> None:
    order = _order(lambda o: o["order_id"] == "ORD-12519")  # three sweaters, two of them V-necks
    vnecks = [i for i in order["items"] if "V-Neck" in i["name"]]
    assert len(vnecks) == 2
    for item in vnecks:
        model = item["name"].split()[3]  # "Michael Kors Men's Marlow V-Neck Sweater" -> Marlow
        said = _paid_line(order, f"how much do I get back if I return the {model} V-neck sweater?", [])
        assert said and item["name"] in said[0] and f"{item['price']:.2f}" in said[0]
    assert _paid_line(order, "how much do I get back if I return the V-neck sweater?", []) == []


def test_the_colour_asked_is_answered_not_the_colour_ordered() -> None:
    p = next(p for p in CATALOG if len(p["colors"]) >= 3)
    ordered, wanted = p["colors"][0], p["colors"][1]
    line = _stock_line(f"can I change them to {wanted} instead of {ordered}?", p, ordered)
    assert line == f"The {p['name']} comes in {wanted}."
    missing = next(c for c in ("grey", "pink", "purple", "orange", "red") if c not in p["colors"])
    line = _stock_line(f"can I change them to {missing}?", p, ordered)
    assert line.startswith(f"The {p['name']} doesn't come in {missing}; it comes in {', '.join(p['colors'][:-1])}")


def test_another_colour_of_an_ordered_item_is_a_swap_in_any_colour_word() -> None:
    from bot.core.item_swaps import asks_swap
    from bot.domain import Request, RequestKind

    def swap(text: str) -> bool:
        return asks_swap(Request(RequestKind.OWN_ORDER, text))

    assert swap("Can I change the sweater in ORD-14094 to oatmeal instead of charcoal?")
    assert swap("could I get the merino sweater in my order ORD-14055 in grey instead?")
    assert swap("Could I have the sweater from ORD-14094 in a medium instead?")
    # near-misses: "instead" about delivery, payment or a refund is no swap
    assert not swap("could ORD-14055 arrive in 2 days instead?")
    assert not swap("can I pay for ORD-14055 in cash instead?")
    assert not swap("can I get a refund instead?")

"""How far one of the shopper's orders, or what is left of it once an item is taken off, is from its shipping
option's free-shipping line (#9). reader19: "is my merino sweater order shipped yet? got charged $8 shipping on it
..., how much more would i have to add to get free shipping" got "No, sorry: I cannot waive or refund a fee myself"
and no figure, and "Please remove the men's jeans from my order ... Will I have to pay shipping then?" got the removal
without a word on shipping. The option's threshold and fee are the shipping page's (`case_shipping.option_terms`),
the amounts the order record's, and the arithmetic is shown. Nothing is promised: whether a fee is added to or taken
off an order already placed is for the team, so a change of fee is said as the page's rule, never as done."""

from __future__ import annotations

import re
from typing import Any

from bot.core.case_shipping import option_terms
from bot.core.policy_tables import free_from, money
from bot.core.ports import KnowledgePort
from bot.core.shipping_slots import read_pages
from bot.domain import Hit

# "will I have to pay shipping then?", "does the delivery fee change?": the shipping of what is left asked
SHIPPING_ASKED = re.compile(r"\b(?:shipping|delivery|postage)\b", re.I)


def _price(amount: float) -> str:
    return f"${amount:,.2f}"


def _terms(order: dict[str, Any], kb: KnowledgePort) -> tuple[str, float, float, list[Hit]] | None:
    """The order's option ("Standard shipping"), its free-from amount and its fee, with the page read; None when
    the option has no free-shipping threshold (Economy, Overnight) or the page cannot be read."""
    pages = read_pages(kb)
    what, cost = option_terms(order, pages)
    threshold, fee = free_from(cost), money(cost)
    if not what or threshold is None or fee is None:
        return None
    return what, threshold, fee, pages.hits[:1]


def gap_line(order: dict[str, Any], kb: KnowledgePort) -> tuple[str, list[Hit]]:
    """ "how much more would I have to add to get free shipping?" of an order: what its items lack, worked out
    ("$75.00 − $67.99 = $7.01"), or that they already reach it; ("", []) when its option has no free threshold."""
    terms = _terms(order, kb)
    if terms is None:
        return "", []
    what, threshold, _fee, hits = terms
    amount, oid = float(order.get("total") or 0), order["order_id"]
    if amount < threshold and not float(order.get("shipping_cost") or 0):
        return "", []  # shipped free under the line (a subscription, an adjustment): the record's, not the rule's
    if amount >= threshold:
        return (
            f"The items in {oid} came to {_price(amount)}, already {_price(threshold)} or more, so nothing more is "
            f"needed for free {what.lower()}.",
            hits,
        )
    gap = threshold - amount
    return (
        f"{what} is free from {_price(threshold)}, so the items in {oid} are {_price(gap)} short of it "
        f"({_price(threshold)} − {_price(amount)} = {_price(gap)}).",
        hits,
    )


def add_rule(order: dict[str, Any], policy: dict[str, str]) -> str:
    """Whether an item can still be added to the order, in the order policy's words for its state."""
    status = str(order.get("status") or "")
    if status in ("placed", "processing"):
        return policy.get("add_item_before", "")
    if status in ("shipped", "out for delivery", "delivered"):
        return policy.get("add_item_after", "")
    return ""


def after_removal_line(
    order: dict[str, Any], item: dict[str, Any], kb: KnowledgePort, *, one: bool = False
) -> tuple[str, list[Hit]]:
    """ "remove the jeans, will I have to pay shipping then?": what the rest of the order comes to against its
    option's free-shipping line (`one`: one piece of the line taken off); ("", []) when the option has no such line
    or nothing would be left."""
    terms = _terms(order, kb)
    if terms is None:
        return "", []
    what, threshold, fee, hits = terms
    total, paid = float(order.get("total") or 0), float(order.get("shipping_cost") or 0)
    taken = float(item.get("price") or 0) * (1 if one else int(item.get("qty") or 1))
    rest = round(total - taken, 2)
    if rest <= 0 or not taken:
        return "", []
    head = (
        f"Without {'one ' if one else 'the '}{item['name']}, the rest of order {order['order_id']} comes to {_price(rest)} "
        f"({_price(total)} − {_price(taken)}); {what.lower()} is free on orders of {_price(threshold)} or more"
    )
    if rest >= threshold:
        return (f"{head}, so its shipping stays free." if paid == 0 else ""), hits
    if paid > 0:
        return f"{head}, so the {_price(fee)} shipping fee still applies.", hits
    return (
        f"{head}, so under our shipping rule an order of that amount pays the {_price(fee)} fee; a person from our "
        "team can confirm what that means for this order.",
        hits,
    )

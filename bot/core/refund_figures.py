"""What a returned order's refund comes to, from its record and the shop's return and refund rules: "how much am I
getting back for the order I sent back?" from a guest in Australia who returned $118.99 of items because they
changed their mind is $118.99 less the $15.00 return shipping fee (the rule for returns from outside the US), and
the $25.00 paid for shipping is not refunded (only for damaged, defective or wrong items).

The fee and the rules are read from the shop's pages at run time (none read: nothing is said); the record gives the
amount, the return reason and where it was shipped. The refund's method and the exact figure paid out are not in
the data, so a person is offered for them."""

from __future__ import annotations

import json
import re
from typing import Any

from bot.core.policy_lines import section
from bot.core.policy_tables import money
from bot.core.ports import KnowledgePort
from bot.domain import Hit

ABROAD_QUERY = (
    "International returns: customers outside the United States prepaid DHL Express return label fee deducted"
)
SHIPPING_QUERY = "Are shipping fees refunded? original shipping fees"
# return reasons under which the shop's rules waive the return fee and refund the original shipping
DAMAGED = re.compile(r"\b(?:stain|defect\w*|damaged|faulty|broken|not what (?:i|you) ordered|wrong item)\b", re.I)
US = ("united states", "us", "usa")
CHECK = "The way it was paid back is on your refund confirmation; a person from our team can check it with you."


def _country(order: dict[str, Any], customer: dict[str, Any]) -> str:
    """Where the order was shipped (its record), else the account's country."""
    ship_to = order.get("ship_to")
    if isinstance(ship_to, str):
        try:
            ship_to = json.loads(ship_to)
        except ValueError:
            ship_to = {}
    country = str((ship_to or {}).get("country") or customer.get("country") or "").strip()
    return country


def refund_figures(order: dict[str, Any], customer: dict[str, Any], kb: KnowledgePort) -> tuple[str, list[Hit]]:
    """The refund of a returned order worked out from the record and the rules, or ('', []) when the order is not
    returned or a rule cannot be read."""
    if str(order.get("status")) != "returned":
        return "", []
    fee_rule = section(kb, ABROAD_QUERY, about=re.compile(r"deducted from the refund", re.I))
    fee_line = next(iter(fee_rule.pick(lambda s: "deducted from the refund" in s, limit=1)), "")
    ship_rule = section(kb, SHIPPING_QUERY, about=re.compile(r"\bshipping fees?\b", re.I))
    ship_lines = ship_rule.pick(lambda s: bool(re.search(r"\bshipping fees?\b.*\brefunded\b", s, re.I)), limit=2)
    fee = money(fee_line) if fee_line else None
    if fee is None or not ship_lines:
        return "", []
    items, paid = float(order.get("total") or 0), float(order.get("shipping_cost") or 0)
    reason = str(order.get("return_reason") or "").strip()
    damaged = bool(DAMAGED.search(reason))
    country = _country(order, customer)
    gold = str(customer.get("membership") or "").lower() == "gold"
    why = f' for "{reason}"' if reason else ""
    parts = [f"The items in {order['order_id']} came to ${items:,.2f}."]
    if country and country.lower() not in US:
        if gold or damaged:
            waived = "you are a Gold member" if gold else f'it was returned for "{reason}"'
            parts.append(f"It was returned from {country}; no return shipping fee is deducted because {waived}.")
            net = items
        else:
            net = items - fee
            parts.append(
                f"It was returned from {country}{why}, so the ${fee:,.2f} return shipping fee is deducted: "
                f"${items:,.2f} - ${fee:,.2f} = ${net:,.2f}."
            )
    else:
        net = items
        parts.append(f"It was returned within the United States{why}, so no return shipping fee is deducted.")
    if paid > 0:
        back = "is refunded as well" if damaged else "is not refunded"
        rule = ship_lines[0].rstrip(".")
        parts.append(f"The ${paid:,.2f} you paid for shipping {back} ({rule[:1].lower()}{rule[1:]}).")
        if damaged:
            net += paid
    parts.append(f"By our rules the refund comes to ${net:,.2f}. {CHECK}")
    hits = [h for h in (fee_rule.hit, ship_rule.hit) if h is not None]
    return " ".join(parts), hits

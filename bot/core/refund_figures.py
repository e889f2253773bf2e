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
METHOD_QUERY = "How will I get my money back? choose how to receive your refund: original card, store credit"
WAY = re.compile(r"^(Original card|Store credit|Gift card|Paper check|[A-Z][a-z]+(?: [a-z]+)?)\s+[–-]\s+(.+)$")
# return reasons under which the shop's rules waive the return fee and refund the original shipping
DAMAGED = re.compile(r"\b(?:stain|defect\w*|damaged|faulty|broken|not what (?:i|you) ordered|wrong item)\b", re.I)
US = ("united states", "us", "usa")
CHECK = "The way it was paid back is on your refund confirmation; a person from our team can check it with you."


def shipped_to(order: dict[str, Any], customer: dict[str, Any]) -> str:
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
    if str(order.get("status")) == "cancelled":
        return cancelled_figures(order, kb)
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
    country = shipped_to(order, customer)
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
    way, way_hit = way_back(order, kb)
    parts.append(f"By our rules the refund comes to ${net:,.2f}: that is what you get back. {way}{CHECK}")
    hits = [h for h in (fee_rule.hit, ship_rule.hit, way_hit) if h is not None]
    return " ".join(parts), hits


def cancelled_figures(order: dict[str, Any], kb: KnowledgePort) -> tuple[str, list[Hit]]:
    """A cancelled order's refund: what its items came to (the status table: "cancelled and refunded"), the shipping
    paid said to be unknown to the pages, and where it goes."""
    items, paid = float(order.get("total") or 0), float(order.get("shipping_cost") or 0)
    parts = [f"The items in {order['order_id']} came to ${items:,.2f}, so for them you get back ${items:,.2f}."]
    if paid > 0:
        parts.append(f"Our pages do not say whether the ${paid:,.2f} shipping is refunded with a cancelled order.")
    way, hit = way_back(order, kb)
    parts.append(f"{way}{CHECK}")
    return " ".join(parts), [hit] if hit is not None else []


def way_back(order: dict[str, Any], kb: KnowledgePort) -> tuple[str, Hit | None]:
    """Where the refund goes when the original payment method was chosen, from the refunds page's list of ways
    ("Original card - back to the credit or debit card you paid with (PayPal orders are refunded to PayPal)") and the
    order's payment method; ('', None) when the page does not say it for that method (a gift card, say)."""
    paid = str(order.get("payment_method") or "").strip().lower()
    found = section(kb, METHOD_QUERY, about=re.compile(r"^\W*original card\b", re.I | re.M))
    ways = [m for s in found.sentences if (m := WAY.match(s))]
    card = next((m for m in ways if m.group(1).lower().startswith("original")), None)
    if card is None or not paid:
        return "", None
    rule = card.group(2)
    to_card = paid in ("credit card", "debit card") and re.search(r"\bcredit or debit card\b", rule, re.I)
    to_paypal = paid == "paypal" and re.search(r"\bpaypal orders are refunded to paypal\b", rule, re.I)
    if not (to_card or to_paypal):
        return "", None
    others = [m.group(1).lower() for m in ways if m is not card]
    choice = f" (unless you chose {_or(others)} instead)" if others else ""
    where = "PayPal" if to_paypal else f"the {paid} you paid with"
    return f"You paid for this order by {paid}, so it goes back to {where}{choice}. ", found.hit


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]

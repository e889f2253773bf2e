"""Questions about one of the shopper's orders beyond where it is: how many items it holds, whether its refund has
gone through, and whether its shipping can still be upgraded. Each is answered from the order record and the
shop's own policy sentences (quoted, never paraphrased)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bot.core import order_words as ow
from bot.core.deadlines import on_day
from bot.core.policy_lines import section
from bot.core.ports import KnowledgePort
from bot.domain import Hit

REFUNDED = ("returned", "cancelled")
NOT_SHIPPED = ("placed", "processing")
HEADER = re.compile(
    r"^[A-Z][\w -]+(?: \([^)]*\))?:"
)  # "Downgrade to Economy (next-week delivery): ..." starts a new rule
SHIPPED_RULE = re.compile(r"\b(?:has|have|already) shipped\b|\bonce\b", re.I)


def _names(order: dict[str, Any]) -> str:
    names = [f"{i.get('qty', 1)} x {i.get('name') or i.get('sku')}" for i in order.get("items") or []]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def count_answer(order: dict[str, Any]) -> str:
    """ "How many items are in my order?": the number of pieces and what they are."""
    items = order.get("items") or []
    pieces = sum(int(i.get("qty") or 1) for i in items)
    lines = len(items)
    kinds = f" ({lines} different products)" if 1 < lines < pieces else ""
    noun = "item" if pieces == 1 else "items"
    return f"Your order {order['order_id']} has {pieces} {noun}{kinds}: {_names(order)}."


def refund_answer(order: dict[str, Any], policy: dict[str, str]) -> str:
    """Whether the order's refund has gone through, as its status and the shop's status table say."""
    oid, status = order["order_id"], str(order.get("status") or "unknown")
    if status in REFUNDED:
        meaning = policy.get(f"status_{status}")
        said = f' Our order policy says this status means: "{meaning}"' if meaning else ""
        return f"Your order {oid} ({_names(order)}) is marked {status}.{said}"
    return (
        f"Your order {oid} is {status}; it is not marked returned or cancelled, so our records show no refund for it."
    )


def speed_answer(
    order: dict[str, Any], policy: dict[str, str], *, membership: str = "", status_said: bool = False
) -> str:
    """Whether the order's shipping can still be upgraded: before it ships the rule and its price for the account's
    level, after it the rule. With the status already said ("it holds ..."), only the shipping it has now."""
    oid, status = order["order_id"], str(order.get("status") or "unknown")
    method = str(order.get("shipping_method") or "")
    head = f"Your order {oid} is {status}" + (f", with {method} shipping." if method else ".")
    if status_said:
        head = f"It has {method} shipping now." if method else ""
    if status in REFUNDED:
        return head
    rule = policy.get("speed_before" if status in NOT_SHIPPED else "speed_after")
    if not rule:
        return f"{head} A person from our team can tell you what can still be changed."
    if status not in NOT_SHIPPED:
        rule = own_date(rule, order)
    level = level_price(rule, membership) if status in NOT_SHIPPED and membership else ""
    after = " A person from our team can make the change for you." if status in NOT_SHIPPED else ""
    return f"{head} Our policy on upgrading: {rule}{level}{after}".strip()


# "– but it will usually arrive within a day or two anyway": the page's general word, not this order's date
USUALLY = re.compile(r"\s*(?:[–—-]|,|;)?\s*\bbut\b[^.]*?\b(?:usually|typically|normally|generally)\b[^.]*", re.I)


def own_date(rule: str, order: dict[str, Any]) -> str:
    """The after-shipping rule with the page's general "usually within a day or two" replaced by the order's own
    estimated delivery when it has one and is not delivered yet: that is the day that applies to it."""
    due = str(order.get("estimated_delivery") or "")[:10]
    if not due or order.get("delivered_date") or str(order.get("status")) == "delivered" or not USUALLY.search(rule):
        return rule
    try:
        day = dt.date.fromisoformat(due)
    except ValueError:
        return rule
    kept = USUALLY.sub("", rule).rstrip(" .") + "."
    return f"{kept} Its estimated delivery is {on_day(day)}."


PRICE_FREE_FOR = re.compile(r"\bcosts? (\$\d[\d,]*(?:\.\d\d)?)\s*\(free for ([\w ,]+?) members\)", re.I)


def level_price(rule: str, membership: str) -> str:
    """ "It costs $20.00 (free for Gold members)." applied to the account's level: " Your account is at the Bronze
    level, so it costs $20.00 for you." ('' when the rule states no such price)."""
    m = PRICE_FREE_FOR.search(rule)
    if m is None:
        return ""
    level = membership.strip().lower() or "guest"
    if re.search(rf"\b{re.escape(level)}\b", m.group(2), re.I):
        return f" Your account is at the {level.capitalize()} level, so it is free for you."
    return f" Your account is at the {level.capitalize()} level, so it costs {m.group(1)} for you."


def speed_policy(kb: KnowledgePort) -> tuple[dict[str, str], list[Hit]]:
    """The shop's rule for upgrading an order's delivery speed, split into before and after it ships."""
    found = section(
        kb, "Upgrade my order to overnight shipping: changing the delivery speed", about=re.compile("upgrad", re.I)
    )
    start = next((i for i, s in enumerate(found.sentences) if re.search(r"upgrad", s, re.I)), None)
    if start is None:
        return {}, []
    if found.hit is not None and re.search(r"upgrad", found.hit.passage.text.split("\n", 1)[0], re.I):
        start = 0  # the whole section is about upgrading ("Can I upgrade my order?": "Yes, as long as ...")
    rule = [found.sentences[start]]
    for s in found.sentences[start + 1 :]:
        if HEADER.match(s):
            break
        rule.append(s)
    before = [s for s in rule if not SHIPPED_RULE.search(s)]
    after = [s for s in rule if SHIPPED_RULE.search(s)]
    out = {"speed_before": " ".join(before), "speed_after": " ".join(after)}
    return {k: v for k, v in out.items() if v}, [found.hit] if found.hit else []


def refund_policy(kb: KnowledgePort) -> tuple[dict[str, str], list[Hit]]:
    """What the shop's order-status table says "returned" and "cancelled" mean, and how long a refund takes."""
    out: dict[str, str] = {}
    hits: list[Hit] = []
    for hit in kb.search("Order status: what each status means, cancelled, returned, refund issued", k=6):
        for line in hit.passage.text.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.strip().startswith("|") else []
            for status in REFUNDED:
                if len(cells) >= 2 and status in cells[0].lower() and f"status_{status}" not in out:
                    out[f"status_{status}"] = cells[1]
                    hits = hits or [hit]
    timing = section(kb, "How long does a refund take?", about=re.compile(r"\brefunds?\b", re.I))
    late = timing.pick(
        lambda s: bool(re.search(r"\brefunds?\b", s, re.I) and re.search(r"\d+ (?:business )?days", s)), limit=2
    )
    if late:
        out["timing"] = " ".join(late)
        hits += [timing.hit] if timing.hit else []
    return out, hits


# "do I get the $20 overnight fee back too?": the shipping paid on an order, and whether a return refunds it
FEE_BACK = ow.FEE_BACK
FEE_RULES: list[tuple[str, ...]] = [
    ("original shipping fees are refunded",),
    ("shipping fee you paid is not refunded",),
]


def fee_back_answer(order: dict[str, Any], rules: list[str]) -> str:
    """The shipping paid on the order and the shop's rule on refunding it with a return (quoted)."""
    method = str(order.get("shipping_method") or "shipping")
    paid = f"{float(order.get('shipping_cost') or 0):.2f} {order.get('currency', 'USD')}"
    head = f"Your order {order['order_id']} is {order.get('status')}; you paid {paid} for {method} shipping."
    if not float(order.get("shipping_cost") or 0):
        head += " So there is no shipping fee on it to refund."
    return f"{head} Our policy: {' '.join(rules)}" if rules else head

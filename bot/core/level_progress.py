"""How far the shopper is from a membership level (#9): reader19 "how close am i to gold? and what would i actually
get for it" (a Silver customer) got the levels table's Gold row alone. The membership page's "how you get it" row
gives the amount and the period ("Spend $1,500 or more in a 12-month period"); the customer's own orders placed in
that period before today are added up (item totals; shipping and cancelled or returned orders are named as not
counted, since the pages do not say how they count), each order said, with the amount still to go and what the level
gives from the membership tables. A chat with no account behind it gets the rule and a person to check."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from bot.core.policy_tables import money
from bot.core.shop_day import shop_today
from bot.core.tier_compare import level_reply, membership_tables
from bot.core.turn import HANDOFF_BUTTON, Turn, hit_source
from bot.domain import Author, Flag, Intent, Reply, Request, RequestKind

TIERS = ("bronze", "silver", "gold")
# "how close am i to gold", "how much more do i need to spend for silver", "what's left till gold"
PROGRESS = re.compile(
    r"\b(?:how (?:close|near|far)(?: away)? (?:am i|i am|im|i'm|are we)"
    r"|how much (?:more |further |else )?(?:do i|would i|will i|have i got to|i) (?:need|have|gotta|got)"
    r"|how much (?:more |is )?(?:left|to go)|how much (?:more )?(?:until|till|til|before|to reach|to get|to hit)"
    r"|(?:am i|i'?m|im) (?:close|near|almost|nearly)|what(?:'s| is) left (?:until|till|to|before)"
    r"|how (?:long|much) (?:until|till|before) i(?:'m| am| make| hit| reach| get)?)\b"
    r"[^.?!]{0,40}\b(silver|gold)\b",
    re.I,
)
NOT_COUNTED = ("cancelled", "returned")


def asks_progress(text: str) -> str:
    """The level the shopper asks how far they are from ('' when not asked)."""
    m = PROGRESS.search(text)
    return m.group(1).lower() if m else ""


def progress_reply(
    turn: Turn, text: str, kb: Any, orders_for: Callable[[str], list[dict[str, Any]]], today: dt.date | None = None
) -> tuple[Reply, Request] | None:
    """The level's rule, the customer's spending in its period, the amount to go and the level's benefits."""
    level = asks_progress(text)
    if not level:
        return None
    levels, _benefits, hits = membership_tables(kb)
    row = next((r for r in levels if r.get("level", "").lower() == level), None)
    rule = (row or {}).get("how you get it", "")
    need = money(rule)
    months = re.search(r"\b(\d+)-month\b", rule)
    if need is None or months is None:
        return None
    name = level.capitalize()
    lines = [f"{name} takes this: {rule.split('.')[0].rstrip('.')}."]
    sources = [hit_source(h) for h in hits[:1]]
    flags = {Flag.FROM_DATA, Flag.STRUCTURED}
    buttons = []
    own = str(turn.customer.get("membership") or "").lower()
    if not turn.known_customer:
        lines.append("This chat isn't linked to an account, so I can't add up your orders; a person from our team can.")
        flags.add(Flag.HANDOFF)
        buttons = [HANDOFF_BUTTON]
    elif own in TIERS and TIERS.index(own) >= TIERS.index(level):
        lines.append(f"Your account is already at the {own.capitalize()} level.")
    else:
        day = today or shop_today()
        lines += _spent(turn.customer.get("id", ""), orders_for, day, int(months.group(1)), need, name)
        sources.append({"title": "Your orders", "source": "orders", "doc_id": f"customer:{turn.customer.get('id')}"})
    perks = level_reply(kb, f"what do {level} members get")
    if perks is not None:
        lines.append(perks[0])
    reply = Reply(" ".join(lines), sources=sources, flags=flags, buttons=buttons, confidence=0.9)
    reply.intent, reply.author = Intent.ACCOUNT, Author.TEMPLATE
    return reply, Request(RequestKind.POLICY, text)


def _spent(
    customer: str,
    orders_for: Callable[[str], list[dict[str, Any]]],
    today: dt.date,
    months: int,
    need: float,
    name: str,
) -> list[str]:
    """Each order placed in the period, its total, what is left to reach the level."""
    since = _months_back(today, months)
    counted: list[tuple[dict[str, Any], str, str]] = []
    left_out: list[tuple[dict[str, Any], str, str]] = []
    for order in sorted(orders_for(customer), key=lambda o: str(o.get("date") or "")):
        day = str(order.get("date") or "")[:10]
        if not day or day < since.isoformat() or day > today.isoformat():
            continue
        status = str(order.get("status") or "").lower()
        (left_out if status in NOT_COUNTED else counted).append((order, day, status))
    total = round(sum(float(o.get("total") or 0) for o, _d, _s in counted), 2)
    said = ", ".join(f"{o['order_id']} ({d}, ${float(o.get('total') or 0):,.2f})" for o, d, _s in counted)
    lines = [
        f"Your orders placed since {since.isoformat()}: {said}, ${total:,.2f} in all (the items' totals, shipping not "
        "included)."
        if counted
        else f"I find no orders of yours placed since {since.isoformat()}."
    ]
    if left_out:
        names = ", ".join(f"{o['order_id']} ({s})" for o, _d, s in left_out)
        lines.append(f"I haven't counted {names}.")
    if total >= need:
        lines.append(
            f"That is ${need:,.0f} or more; a person from our team can check your level and which spending counts."
        )
    else:
        lines.append(f"That leaves ${need - total:,.2f} to go to reach ${need:,.0f} for {name}.")
        lines.append("A person from our team can confirm exactly which spending counts.")
    return lines


def _months_back(today: dt.date, months: int) -> dt.date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return dt.date(year, month + 1, min(today.day, 28))

"""Northwind Plus's rules applied to the shopper's own case (#9), read from the membership and shipping pages at run
time; reader19 got the Plus summary or a hand-off instead:

- "i order maybe 5 times a year, usually like $40-50 each time. does it pay off": the yearly fee against what the
  shopper's orders pay for Standard shipping without Plus (its price, free from the order amount the shipping table
  names), the orders a year from which the shipping alone would cover the fee, and the other benefits;
- "if i sign up and then cancel after like a month do i get anything back?": the cancelling rule, with the time the
  shopper names set against its days;
- "my plus payment is late ... can i get an extension? im only bronze": benefits paused while overdue, and the
  extension rule's clause for the level said (or the account's), the whole rule when no level is known.

Plus is named in the message, or in the turn before when this one says "sign up", "cancel" or "pay". Nothing is
said that the pages do not say; a rule not found leaves the message to the other routes."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any

from bot.core.level_progress import progress_reply
from bot.core.policy_tables import Page, find, money, table
from bot.core.ports import KnowledgePort
from bot.core.turn import Turn, hit_source
from bot.domain import Author, Flag, Intent, Reply, Request, RequestKind

PLUS = re.compile(
    r"\bnorthwind\s*plus\b|\bplus\s+(?:membership|subscription|member\w*|plan|fee|payment|bill\w*)\b", re.I
)
# a follow-up about the Plus just described: "and if i sign up and then cancel ..."
PLUS_ACT = re.compile(r"\b(?:sign(?:ed|ing)? up|subscrib\w*|join\w*|cancel\w*|pay\w*|bill\w*|renew\w*|it)\b", re.I)
WORTH = re.compile(
    r"\b(?:pay(?:s|ing)? (?:it(?:self)? )?off|pays? for itself|worth\w*|break(?:s|ing)? even|save (?:me )?(?:money|anything)|saves? me"
    r"|make(?:s)? sense|good (?:deal|value)|value for money|cheaper)\b",
    re.I,
)
CANCEL = re.compile(r"\bcancel\w*|\bstop (?:it|the subscription|paying)\b|\bquit\b", re.I)
BACK = re.compile(
    r"\brefund\w*|\bmoney back\b|\bget (?:\w+ )?(?:anything|something|any ?of it|it|money|\$?\d+) back\b", re.I
)
LATE = re.compile(
    r"\b(?:late|overdue|behind|extension|extend|more time|(?:can'?t|cannot|can ?not|unable to) pay|past due)\b", re.I
)
LEVEL = re.compile(r"\b(guest|bronze|silver|gold)\b", re.I)
NUMBER_WORDS = {"once": 1, "one": 1, "twice": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
NUMBER_WORDS |= {"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12, "a couple": 2}
_COUNT = rf"(\d+|{'|'.join(NUMBER_WORDS)})"
PER = {"year": 1, "yr": 1, "month": 12, "mo": 12, "week": 52, "wk": 52}
HOW_OFTEN = re.compile(
    rf"{_COUNT}(?:\s*(?:x|times|orders?|purchases?))?(?:\s+(?:a|an|per|each|every))\s+(year|yr|month|mo|week|wk)\b"
    rf"|\b(?:once|twice)\s+(?:a|per|every)\s+(year|month|week)\b",
    re.I,
)
AMOUNT = re.compile(
    r"\$\s?(\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*\$?\s?(\d+(?:\.\d+)?))?|(\d+(?:\.\d+)?)\s*(?:dollars|bucks|usd)\b", re.I
)
AFTER = re.compile(
    r"\b(?:after|in|within|for)\s+(?:like\s+|about\s+|around\s+|maybe\s+|just\s+)?(a|an|one|\d+)\s+(day|week|month)s?\b",
    re.I,
)
UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
PLUS_QUERY = "What is Northwind Plus? Price $99 per year benefits free standard shipping gift wrapping"
CANCEL_QUERY = "Cancelling Northwind Plus refund within 14 days"
LATE_QUERY = "Late on a subscription payment extension Plus benefits paused"
OPTIONS_QUERY = "Shipping options and costs United States"


def plus_case_reply(turn: Turn, text: str, kb: KnowledgePort) -> tuple[Reply, Request] | None:
    """The Plus rule the message asks about, applied to what the shopper says; None when it asks none of them."""
    if not _about_plus(text, turn.history):
        return None
    if WORTH.search(text):
        found = _worth(kb, text)
    elif CANCEL.search(text) and BACK.search(text):
        found = _cancel(kb, text)
    elif LATE.search(text) and re.search(r"\b(?:pay\w*|bill\w*|subscription|extension|overdue)\b", text, re.I):
        found = _late(kb, text, turn)
    else:
        return None
    if found is None:
        return None
    lines, pages = found
    sources = [hit_source(p.hit) for p in pages if p.hit is not None]
    reply = Reply(
        " ".join(lines),
        sources=[s for n, s in enumerate(sources) if s not in sources[:n]],
        flags={Flag.FROM_DATA, Flag.STRUCTURED},
        intent=Intent.ACCOUNT,
        confidence=0.9,
        author=Author.TEMPLATE,
    )
    return reply, Request(RequestKind.POLICY, text)


def _about_plus(text: str, history: Sequence[dict[str, Any]]) -> bool:
    if PLUS.search(text):
        return True
    before = [str(m.get("text") or "") for m in history[-2:]]
    return any(PLUS.search(b) for b in before) and bool(PLUS_ACT.search(text))


def _worth(kb: KnowledgePort, text: str) -> tuple[list[str], list[Page]] | None:
    """The fee against the Standard shipping the shopper's orders would pay without Plus."""
    plus = find(kb, PLUS_QUERY, r"\bper year\b")
    fee = money(plus.first(r"\bper year\b"))
    ships = find(kb, OPTIONS_QUERY, r"\|\s*Option\s*\|")
    row = next((r for r in table(ships.text) if r.get("option", "").lower() == "standard"), None)
    cost = money(row.get("cost", "")) if row else None
    free = re.search(r"free on orders of \$(\d[\d,]*(?:\.\d+)?) or more", row.get("cost", "") if row else "", re.I)
    if fee is None or cost is None or free is None or plus.hit is None:
        return None
    free_at = float(free.group(1).replace(",", ""))
    lines = [
        f"Northwind Plus costs {_usd(fee)} a year. Without it, Standard shipping costs ${cost:.2f} on an order "
        f"under ${free_at:,.0f} and is free on orders of ${free_at:,.0f} or more."
    ]
    count, amounts = _how_often(text), [a for a in _amounts(text) if a != fee]
    below = [a for a in amounts if a < free_at]
    if amounts and not below:
        lines.append(
            f"Orders of ${free_at:,.0f} or more already ship free by Standard, so Plus saves nothing on their shipping."
        )
    elif count is not None:
        paid = count * cost
        verdict = "less than" if paid < fee else "more than" if paid > fee else "the same as"
        each = (
            f" of about {_span(amounts)}, each under ${free_at:,.0f}," if below and len(below) == len(amounts) else ""
        )
        lines.append(
            f"At {count:g} orders a year{each} you'd pay {count:g} × ${cost:.2f} = ${paid:,.2f} a year for Standard "
            f"shipping, {verdict} the ${fee:,.0f} fee, so on shipping alone Plus "
            f"{'would not pay off' if paid < fee else 'would pay off' if paid > fee else 'would just break even'}."
        )
    need = math.ceil(fee / cost)
    lines.append(
        f"On shipping alone it pays off from {need} orders under ${free_at:,.0f} a year ({need} × ${cost:.2f} = "
        f"${need * cost:,.2f})."
    )
    if (perks := plus.first(r"\bgift wrap")) and (rest := re.search(r"free gift wrapping.*", perks, re.I)):
        lines.append(f"Plus also gives {rest.group(0).rstrip('.')}.")
    return lines, [plus, ships]


def _how_often(text: str) -> float | None:
    """Orders a year the shopper says ("5 times a year", "twice a month", "about 3 orders a month")."""
    m = HOW_OFTEN.search(text)
    if m is None:
        return None
    if m.group(3):
        return (1 if m.group(0).lower().startswith("once") else 2) * PER[m.group(3).lower()]
    said = m.group(1).lower()
    return float(NUMBER_WORDS.get(said) or said) * PER[m.group(2).lower()]


def _amounts(text: str) -> list[float]:
    out: list[float] = []
    for m in AMOUNT.finditer(text):
        out += [float(g) for g in (m.group(1), m.group(2), m.group(3)) if g]
    return out


def _span(amounts: list[float]) -> str:
    low, high = min(amounts), max(amounts)
    return f"${low:g}" if low == high else f"${low:g}-${high:g}"


def _cancel(kb: KnowledgePort, text: str) -> tuple[list[str], list[Page]] | None:
    """The cancelling rule, with the time the shopper says set against its days."""
    page = find(kb, CANCEL_QUERY, r"\bcancel within\b")
    rule = page.first(r"\bcancel within\b")
    rest = page.first(r"\bno partial refunds?\b")
    days = re.search(r"\bwithin (\d+) days\b", rule)
    if not rule or days is None:
        return None
    lines = [rule]
    after = AFTER.search(text)
    if after is None and re.search(r"\b(?:ago|yesterday|today|last (?:week|month))\b|\d", text, re.I):
        return None  # "I joined 20 days ago": the stated case's own answer (policy_slots) sets the date against it
    if after is not None:
        count, unit = after.group(1), after.group(2)  # "joined 20 days ago": the stated case's own answer (slots)
        n = 1 if count.lower() in ("a", "an", "one") else int(count)
        unit = unit.lower()
        said = f"{count.lower()} {unit}" if n == 1 else f"{n} {unit}s"
        if n * UNIT_DAYS[unit] > int(days.group(1)):
            past = f"Cancelling {said} after the charge is past the {days.group(1)} days, so you get no refund"
            kept = re.sub(r"^Otherwise,?\s*", "", rest)
            lines = [f"{past}: {kept[:1].lower()}{kept[1:]}" if kept else f"{past}.", rule]
        else:
            lines.append(
                f"Cancelling {said} after the charge is within the {days.group(1)} days, so you get the full amount "
                "back if you haven't used any Plus benefit since the charge."
            )
    elif rest:
        lines.append(rest)
    return lines, [page]


def _late(kb: KnowledgePort, text: str, turn: Turn) -> tuple[list[str], list[Page]] | None:
    """Benefits paused while overdue, and the extension rule for the shopper's level."""
    page = find(kb, LATE_QUERY, r"\bextension\b")
    paused = page.first(r"\bpaused\b")
    rule = page.first(r"\bcan ask for an extension\b|\bget an extension\b")
    if not paused or not rule:
        return None
    said = LEVEL.search(text)
    level = said.group(1).lower() if said else ""
    if not level and turn.known_customer:
        level = str(turn.customer.get("membership") or "").lower()
    clauses = re.split(r",\s*(?:and\s+)?", rule.split(":", 1)[-1].strip().rstrip("."))
    own = next((c for c in clauses if level and re.search(rf"\b{level}\b", c, re.I)), "")
    if not own:
        return [paused, rule], [page]
    own = re.sub(r"\bget one\b", "get an extension", own)
    who = f"As a {level.capitalize()} member" if said else f"Your account is at the {level.capitalize()} level"
    who = "As a guest" if said and level == "guest" else who
    return [paused, f"{who}: {own}."], [page]


def _usd(amount: float) -> str:
    return f"${amount:,.2f}".removesuffix(".00")


def member_case_reply(
    turn: Turn, text: str, kb: KnowledgePort, orders_for: Callable[[str], list[dict[str, Any]]]
) -> tuple[Reply, Request] | None:
    """A Plus rule applied to the shopper's case, or how far their spending is from a level ("how close am i to
    gold?"); None when the message asks neither."""
    return plus_case_reply(turn, text, kb) or progress_reply(turn, text, kb, orders_for)

"""Is a recommendation line true? Its product, price and stock come from the catalog, and its reason
names only what the shopper said, bought or was shown in this conversation, within a budget they stated.

Pure Python; used by `shopbot eval replies` and usable by the pipeline before a line is appended.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from bot.core.promises import promise_request
from bot.core.refusals import refused
from bot.core.service_asks import asks_exchange
from bot.domain import Request, RequestKind

REC_LINE = re.compile(r"^\s*recommended for you\b.*$", re.IGNORECASE | re.MULTILINE)
_MONEY = re.compile(
    r"\$\s?(\d+(?:,\d{3})*(?:\.\d{1,2})?)|(\d+(?:,\d{3})*(?:\.\d{1,2})?)\s?(?:USD|dollars?)\b", re.IGNORECASE
)
BUDGET = re.compile(
    r"\b(?:under|below|less than|up to|no more than|max(?:imum)?|budget(?: of| is)?|cheaper than)\s*\$?\s?(\d{2,4})",
    re.IGNORECASE,
)
# "similar to the X you asked about", "goes with the X you mentioned", "because you bought X", "you looked at X"
_ABOUT = re.compile(
    r"\b(?:similar to|goes with|like|pairs with|to go with)\s+(?:the\s+|your\s+)?(.+?)\s+you\s+(?:asked about|mentioned|looked at|viewed|were shown)",
    re.IGNORECASE,
)
_BOUGHT = re.compile(r"\byou\s+(?:bought|ordered|purchased)\s+(?:the\s+|a\s+|an\s+)?(.+?)(?:\s*$|[.,;])", re.IGNORECASE)
_LOOKED = re.compile(r"\byou\s+(?:looked at|viewed|browsed)\s+(?:the\s+|a\s+|an\s+)?(.+?)(?:\s*$|[.,;])", re.IGNORECASE)
_QUOTED = re.compile(r"[\u201c\"](.+?)[\u201d\"]")


def recommendation_lines(text: str) -> list[str]:
    """The recommendation lines of a reply ("Recommended for you: ...")."""
    return [m.group(0).strip() for m in REC_LINE.finditer(text)]


def without_recommendations(text: str) -> str:
    """The reply text with its recommendation lines removed."""
    return REC_LINE.sub("", text).strip()


def check_recommendation(
    line: str,
    *,
    catalog: list[dict[str, Any]],
    conversation: str,
    shopper_text: str,
    bought: Iterable[str] = (),
    viewed: Iterable[str] = (),
) -> list[str]:
    """Why one recommendation line is untrue or unsupported (empty list: it holds).

    `conversation` is everything said and shown in the conversation before the line (the shopper's
    messages and the bot's replies without their recommendation lines); `shopper_text` the shopper's
    messages alone (for stated budgets); `bought`/`viewed` product names from the customer's history.
    """
    problems: list[str] = []
    low = line.lower()
    # the recommended product is the first one named (the reason may name another)
    named = sorted(
        (p for p in catalog if p.get("name") and str(p["name"]).lower() in low),
        key=lambda p: (low.index(str(p["name"]).lower()), -len(str(p["name"]))),
    )
    if not named:
        return [f"recommends no product of the catalog: {line!r}"]
    product = named[0]
    name = str(product["name"])
    price = float(product.get("price") or 0)
    head = line[: low.index(name.lower()) + len(name) + 24]  # the price stands right after the name
    stated = {round(float((a or b).replace(",", "")), 2) for a, b in _MONEY.findall(head)}
    if stated - {round(price, 2)}:
        problems.append(f"price {sorted(stated)} is not the catalog price {price:.2f} of {name}")
    stock = product.get("stock")
    in_stock = (
        any(int(q or 0) > 0 for q in stock.values()) if isinstance(stock, dict) else bool(product.get("in_stock", True))
    )
    if not in_stock:
        problems.append(f"{name} is out of stock")
    if name.lower() in conversation.lower():  # the answer (or an earlier one) already names it: no repeat
        problems.append(f"{name} is already named in the conversation")
    budgets = [float(b) for b in BUDGET.findall(shopper_text)]
    if budgets and price > min(budgets):
        problems.append(f"{name} costs {price:.2f}, over the stated budget of {min(budgets):.0f}")
    reason = line[low.index(name.lower()) + len(name) :]
    problems += _reason_problems(
        reason, conversation=conversation, shopper_text=shopper_text, bought=bought, viewed=viewed, catalog=catalog
    )
    return problems


def _reason_problems(
    reason: str,
    *,
    conversation: str,
    shopper_text: str,
    bought: Iterable[str],
    viewed: Iterable[str],
    catalog: list[dict[str, Any]],
) -> list[str]:
    said = conversation.lower()
    problems = []
    if m := _ABOUT.search(reason):
        subject = m.group(1).strip(' .\u201c\u201d"')
        if not _mentioned(subject, said, catalog):
            problems.append(f"reason names {subject!r}, which the shopper never asked about or was shown")
    if m := _BOUGHT.search(reason):
        subject = m.group(1).strip(" .")
        if not any(subject.lower() in b.lower() or b.lower() in subject.lower() for b in bought if b):
            problems.append(f"reason says the shopper bought {subject!r}, which is not in their orders")
    if m := _LOOKED.search(reason):
        subject = m.group(1).strip(" .")
        if not any(subject.lower() in v.lower() for v in viewed if v) and subject.lower() not in said:
            problems.append(f"reason says the shopper looked at {subject!r}, which is not in their history")
    quoted = _QUOTED.search(reason) if "asked about" in reason.lower() else None
    if quoted and quoted.group(1).strip().lower()[:40] not in shopper_text.lower():
        problems.append(f"reason quotes {quoted.group(1)!r}, which the shopper did not write")
    return problems


def _mentioned(subject: str, said: str, catalog: list[dict[str, Any]]) -> bool:
    """The subject (a product name, or a category noun such as "jeans") was said or shown."""
    s = subject.lower()
    if s in said:
        return True
    categories = {str(p.get("category", "")).lower() for p in catalog}
    if s in categories or s.rstrip("s") in categories:
        return bool(re.search(rf"\b{re.escape(s.rstrip('s'))}(?:s|es)?\b", said))
    return False


# ------------------------------------------------------------------ turns without a line, and what a reason may quote
# An order, a complaint, a promise asked for or a hand-off is about the shopper's case, not a sale; and a reason
# quotes this turn's own question, never one asked earlier (a line under "can I drop them at the Portland store?"
# once quoted the turn before it).

CASE_KINDS = (RequestKind.OWN_ORDER, RequestKind.COMPLAINT, RequestKind.HANDOFF, RequestKind.SMALL_TALK)
PRODUCT_KINDS = (RequestKind.PRODUCT_FACT, RequestKind.DISCOVERY, RequestKind.COMPARISON)
# a rule's promise asked for in other words: "guarantee me ...", "you'll take it back ... right?", "by the 10th?"
ASKS_PROMISE = re.compile(
    r"\bguarantee\b|\bpromise\b|\byou(?:'ll| will) (?:take|refund|give|send|replace)\b[^?]{0,80}\bright\b", re.I
)
MATCHES = "matches what you asked about"


# "No, we don't ship to the United Kingdom": the shopper cannot order, so no product is suggested; "No, we don't
# price match" (a jacket named beside it): a product line under a refusal reads as the answer to what they saw
REFUSED_SHIPPING = re.compile(
    r"\bwe (?:don't|do not|can't|cannot) (?:ship|deliver|send|price match|match competitors|accept|offer)\b", re.I
)


def refuses_shipping(reply_text: str) -> bool:
    return bool(REFUSED_SHIPPING.search(reply_text))


def no_line_after(req: Request | None, text: str) -> bool:
    """Whether this turn is about the shopper's order, a complaint, a promise, a person or swapping an item they
    have for another size: no recommendation."""
    if req is not None and req.kind in CASE_KINDS or asks_exchange(text):
        return True
    return bool(promise_request(text) or ASKS_PROMISE.search(text) or refused(text))  # only staff may grant it


def asked_reason(reason: str, req: Request | None, text: str, *, meets: bool) -> str:
    """ "matches what you asked about (...)" only under a product question of this turn whose constraints the product
    meets (`meets`), quoting this turn's words; else "picked for you"."""
    if not reason.startswith(MATCHES):
        return reason
    if not meets or req is None or req.kind not in PRODUCT_KINDS or req.constraints.is_empty():
        return "picked for you"
    return f"{MATCHES} (\u201c{text.strip()[:60].rstrip()}\u201d)"

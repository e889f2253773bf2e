"""A promise asked for beside a product question ("guarantee me it's 100% waterproof and I'll buy it in XL",
"I need it in small before my trip on the 10th, can you promise?", "if I wear it for a week and it's not warm
enough you'll take it back for a full refund, right?").

The product's facts stay as the data gives them, and the reply says plainly that nothing beyond them is promised:
a sold-out size gets the shop's own back-order sentence (so a date cannot be promised), and "wear it, then return
it" gets the returns policy's condition (unworn, unless stained or defective), quoted, with a no."""

from __future__ import annotations

import re

from bot.core.policy_lines import PERSON_OFFER, section
from bot.core.ports import KnowledgePort
from bot.core.recommendation_check import ASKS_PROMISE
from bot.domain import Reply, Request, RequestKind

NO_PROMISE = "I can't promise or guarantee anything beyond what our listing and policies say."
SOLD_OUT = re.compile(r"\bout of stock in size\b|\bsold out\b", re.I)
# a date or deadline the shopper needs it by
BY_A_DATE = re.compile(
    r"\b(?:by|before|on) (?:the )?\d{1,2}(?:st|nd|rd|th)?\b|\bbefore (?:my|the|our) \w+|\bby (?:next )?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|christmas|tomorrow)\b",
    re.I,
)
# "wear it for a week ... take it back / full refund": a return of a worn item, promised in advance
WORN_RETURN = re.compile(
    r"\b(?:wear|wore|worn|use|used)\b[^?.!]{0,120}\b(?:take (?:it|them) back|return|refund|send (?:it|them) back)\b",
    re.I,
)
UNWORN = re.compile(r"\bunworn\b", re.I)
BACK_ORDER = re.compile(r"\bback-?order\b", re.I)


def asks_promise(text: str) -> bool:
    return bool(ASKS_PROMISE.search(text))


def promise_note(reply: Reply, text: str, req: Request | None, kb: KnowledgePort) -> Reply:
    """The reply, with the promise asked for answered from the policy (or unchanged when none was asked)."""
    if not asks_promise(text) or req is None or "promise" in reply.text.lower():
        return reply
    if WORN_RETURN.search(text):
        rule = section(
            kb, "return items unworn and unwashed with the tags attached unless stain or defect", about=UNWORN
        )
        quote = next((s for s in rule.sentences if UNWORN.search(s)), "")
        if quote:
            reply.text = (
                f"No, I can't promise that. Our returns policy says: {quote} So once it has been worn, it can't be "
                f"returned just because it isn't what you hoped; a defect is different. {PERSON_OFFER}"
            )
            return reply
    if req.kind != RequestKind.PRODUCT_FACT:
        return reply
    parts = [NO_PROMISE, reply.text]
    if SOLD_OUT.search(reply.text):
        back = section(
            kb, "size sold out back-order ships as soon as it is back 2-3 weeks restock e-mail", about=BACK_ORDER
        )
        found = next((s for s in back.sentences if BACK_ORDER.search(s)), "")
        if found:
            parts.append(found)
        if BY_A_DATE.search(text):
            parts.append("So I can't promise it will reach you by the date you need.")
    reply.text = " ".join(p for p in parts if p)
    return reply

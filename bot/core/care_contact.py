"""Customer care's contact page applied to what the shopper says (#9), read at run time like the rest of the contact
answers (contact_channels):

- a caller abroad after a reply that gave the number or offered a person ("im in germany tho", "what if i'm
  calling from overseas"): the page's sentence for callers outside the places the number is free from, the e-mail
  address and the way to a person in this chat; a place the number's own sentence names ("toll-free from the
  United States and Canada") is told the number works from there.

Nothing is said that the page does not say: without it the message goes on to the other routes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.contact_channels import (
    ELSE_ASKED,
    EMAIL_ADDRESS,
    OFFERED_PERSON,
    PHONE_NUMBER,
    chat_lines,
    contact_pages,
    page_reply,
)
from bot.core.places import places_in
from bot.core.policy_tables import Page
from bot.core.ports import KnowledgePort
from bot.domain import IntentPrediction, Reply

ABROAD = re.compile(
    r"\b(?:abroad|overseas|international(?:ly)?|outside (?:the )?(?:us|u\.s\.?|usa|united states|states|america|country)"
    r"|not (?:in|from) (?:the )?(?:us|u\.s\.?|usa|united states|states|america))\b",
    re.I,
)


def care_first(kb: KnowledgePort, text: str, pred: IntentPrediction, history: Sequence[dict[str, Any]]) -> Reply | None:
    """The way to reach care from abroad after a contact reply; None otherwise."""
    return abroad_followup(kb, text, pred, history)


def _email_reply(pages: dict[str, Page]) -> list[str]:
    """ "We answer e-mails within 1 business day. Our e-mail address is support@...": when e-mail gets an answer."""
    address = EMAIL_ADDRESS.search(pages["email"].text)
    within = pages["email"].first(r"\bwithin\b")
    return [s for s in (within, f"Our e-mail address is {address.group(0)}." if address else "") if s]


def abroad_followup(
    kb: KnowledgePort, text: str, pred: IntentPrediction, history: Sequence[dict[str, Any]]
) -> Reply | None:
    """ "im in germany tho" after the number was given: the page's way for callers outside where it is free."""
    before = next((str(m.get("text") or "") for m in reversed(history) if m.get("direction") == "out"), "")
    if not (PHONE_NUMBER.search(before) or OFFERED_PERSON.search(before)):
        return None
    if len(re.findall(r"\w+", text)) > 14 or ELSE_ASKED.search(text):
        return None  # "im in germany, do you ship here?": the shipping answer
    abroad = [name for name, in_us in places_in(text) if not in_us]
    if not abroad and not ABROAD.search(text):
        return None
    pages = contact_pages(kb)
    phone = pages["phone"]
    number = PHONE_NUMBER.search(phone.text)
    if number is None:
        return None
    said = next((s for s in phone.sentences if number.group(0) in s), number.group(0)).rstrip(".")
    if abroad and re.search(rf"\b{re.escape(abroad[0])}\b", said, re.I):  # "toll-free from the US and Canada"
        return page_reply([f"Our phone number is {said}, so you can call it from {abroad[0]}."], pages, pred)
    outside = [s for s in phone.sentences if re.search(r"\boutside\b", s, re.I) and number.group(0) not in s]
    if not outside:
        return None
    lines = [*outside[:1], *_email_reply(pages)[1:]]
    lines += [re.sub(r"^It can\b", "I can", s) for s in chat_lines(pages) if re.search(r"\bperson\b", s, re.I)][:1]
    return page_reply(lines, pages, pred)

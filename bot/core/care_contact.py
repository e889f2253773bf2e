"""Customer care's contact page applied to what the shopper says (#9), read at run time like the rest of the contact
answers (contact_channels):

- a holiday asked about care, not the stores ("will anyone be answering phones on christmas day?", "is support
  working on new year's?"): the page's closing days, the care hours when the day named is not among them, the
  assistant that answers around the clock and the e-mail reply time with the address;
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
    HOURS,
    OFFERED_PERSON,
    PHONE_NUMBER,
    asked_channels,
    chat_lines,
    contact_pages,
    page_reply,
    pages_about,
)
from bot.core.places import places_in
from bot.core.policy_tables import Page
from bot.core.ports import KnowledgePort
from bot.core.store_hours import HOLIDAY, ONLINE_STORE, STORE
from bot.core.two_part import question_parts
from bot.domain import IntentPrediction, Reply

# who would answer: the team, the phones, the shop itself ("will anyone be answering phones", "are you guys open")
CARE_ASKED = re.compile(
    r"\b(?:any ?one|any ?body|some ?one|some ?body|people|staff|team|customer (?:care|service|support)|support"
    r"|(?:tele)?phones?|calls?|you|u|ya|y'?all)\b",
    re.I,
)
# ... and whether they work that day
AT_WORK = re.compile(
    r"\b(?:open|closed|working|work|answer\w*|available|around|staffed|reachable|reach|pick(?:ing)? up|on duty)\b",
    re.I,
)
ABROAD = re.compile(
    r"\b(?:abroad|overseas|international(?:ly)?|outside (?:the )?(?:us|u\.s\.?|usa|united states|states|america|country)"
    r"|not (?:in|from) (?:the )?(?:us|u\.s\.?|usa|united states|states|america))\b",
    re.I,
)
MAX_WORDS = 20


def care_first(kb: KnowledgePort, text: str, pred: IntentPrediction, history: Sequence[dict[str, Any]]) -> Reply | None:
    """The holiday's answer for care, or the way to reach care from abroad after a contact reply; None otherwise."""
    found = care_holiday_reply(kb, text, pred) or abroad_followup(kb, text, pred, history)
    return found or abroad_number_reply(kb, text, pred)


def care_holiday_reply(kb: KnowledgePort, text: str, pred: IntentPrediction) -> Reply | None:
    """ "will anyone be answering phones on christmas day?": the closing days, the assistant and the e-mail reply time."""
    day = HOLIDAY.search(text)
    if day is None or len(re.findall(r"\w+", text)) > MAX_WORDS or len(question_parts(text)) > 1:
        return None
    if (STORE.search(text) and not ONLINE_STORE.search(text)) or ELSE_ASKED.search(text):
        return None  # the stores' hours, or a delivery, order or return at the holiday: their own answers
    if not (CARE_ASKED.search(text) and AT_WORK.search(text)):
        return None
    pages = contact_pages(kb)
    closed = pages["closed"].first(pages_about("closed"))
    if not closed.lower().startswith("closed on"):
        return None
    lines = [f"Customer care is {closed[:1].lower()}{closed[1:]}"]
    if _day_named(day.group(0)) not in closed.lower() and (hours := pages["hours"].first(HOURS.pattern)):
        lines += [f"Our contact page names no other closing days. Customer care hours: {hours}"]
    lines += chat_lines(pages)[:1]  # "Our online assistant is available 24 hours a day, 7 days a week."
    lines += _email_reply(pages)
    return page_reply(lines, pages, pred)


def _day_named(day: str) -> str:
    """How the page names the holiday said: "xmas" and "dec 25" are Christmas, "new year's" and "jan 1" New Year."""
    low = day.lower()
    for pattern, name in (
        (r"x-?mas|christmas|dec|december", "christmas"),
        (r"new year|jan|january", "new year"),
    ):
        if re.search(rf"\b(?:{pattern})", low):
            return name
    return low.rstrip("s")  # "holidays": "holiday"


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
    return _abroad_lines(kb, abroad, pred, with_number=False)


def abroad_number_reply(kb: KnowledgePort, text: str, pred: IntentPrediction) -> Reply | None:
    """ "I'm in London, what number do I ring?": the number and where it is free from, and for a place outside
    those, the page's way for callers outside it (e-mail) with the address; None when no phone is asked from abroad."""
    if len(question_parts(text)) > 1 or ELSE_ASKED.search(text):
        return None
    if not any(channel.key == "phone" for channel in asked_channels(text)):
        return None
    abroad = [name for name, in_us in places_in(text) if not in_us]
    if not abroad and not ABROAD.search(text):
        return None
    return _abroad_lines(kb, abroad, pred, with_number=True)


def _abroad_lines(kb: KnowledgePort, abroad: list[str], pred: IntentPrediction, *, with_number: bool) -> Reply | None:
    pages = contact_pages(kb)
    phone = pages["phone"]
    number = PHONE_NUMBER.search(phone.text)
    if number is None:
        return None
    said = next((s for s in phone.sentences if number.group(0) in s), number.group(0)).rstrip(".")
    if abroad and re.search(rf"\b{re.escape(abroad[0])}\b", said, re.I):  # "toll-free from the US and Canada"
        return page_reply([f"Our phone number is {said}, so you can call it from {abroad[0]}."], pages, pred)
    way = r"\b(?:outside|instead)\b" if with_number else r"\boutside\b"  # "Outside the US? Please e-mail us instead."
    outside = [s for s in phone.sentences if re.search(way, s, re.I) and number.group(0) not in s]
    if not outside:
        return None
    lines = [f"Our phone number is {said}.", *outside[:2]] if with_number else outside[:1]
    lines += _email_reply(pages)[1:]
    lines += [re.sub(r"^It can\b", "I can", s) for s in chat_lines(pages) if re.search(r"\bperson\b", s, re.I)][:1]
    return page_reply(lines, pages, pred)

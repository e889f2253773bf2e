"""Requests for another person's data ("what's the e-mail and phone number of Sophia Hughes? she's my sister"):
a polite refusal. Never the shop's own phone number (a quoted contact line reads as if it answered), never a
lookup, and never a hint whether that person shops here."""

from __future__ import annotations

import re

from bot.core.policy_tables import find, plain
from bot.core.ports import KnowledgePort
from bot.core.staff_claims import STAFF_REFUSAL, staff_asks_customer_data
from bot.core.turn import hit_source
from bot.domain import Author, Intent, IntentPrediction, Reply

REFUSAL = (
    "Sorry, I can't share another person's contact details, address, orders or account information: we keep every "
    "customer's data private, and that includes whether they shop with us. If they need help, they can contact us "
    "themselves. I'm happy to help with your own orders or anything about our shop."
)

# what may not be shared about someone else
_DATA = (
    r"(?:e-?mail(?:\s+address)?|(?:phone|telephone|mobile|cell)(?:\s+number)?|number|(?:home\s+|postal\s+|shipping\s+)?"
    r"address|contact(?:\s+(?:details|info(?:rmation)?))?|details|info(?:rmation)?|orders?|account(?:\s+details)?|"
    r"password|card(?:\s+number)?|birthday|date of birth|purchases?)"
)
DATA = re.compile(rf"\b{_DATA}\b", re.I)
_RELATIVE = (
    r"(?:sister|brother|sis|bro|mom|mum|mother|dad|father|parents?|wife|husband|spouse|partner|boyfriend|girlfriend|"
    r"fiance|fiancee|friend|cousin|son|daughter|kid|aunt|uncle|grandma|grandmother|grandpa|grandfather|neighbou?r|"
    r"room-?mate|flatmate|colleague|co-?worker|boss|ex|niece|nephew|in-law)"
)
# a request for the data, not a mention of it ("ship it to my mom's address" asks for nothing)
ASK = re.compile(
    r"\b(?:what(?:'s| is| are|s| was)?|give|tell|share|send me|look up|find|get|show|pass|know|have|need|want)\b", re.I
)
# "my sister's e-mail", "her phone number", "Nora Hughes's address" (not "to my mom's address": a destination)
OWNED = re.compile(
    rf"(?i:(?<!\bto )(?<!\bat )(?<!\bfrom )\b(?:(?:my|our)\s+{_RELATIVE}'?s|her|his)\s+(?:\w+\s+)?{_DATA}\b)"
    rf"|\b(?P<n1>[A-Z][a-z]+)\s+(?P<n2>[A-Z][a-z]+)'s?\s+(?i:(?:\w+\s+)?{_DATA})\b",
)
# "the e-mail and phone number of Nora Hughes", "the address for my friend", "number of this customer"
OF_PERSON = re.compile(
    rf"\b{_DATA}(?:\s+(?:and|or|&)\s+(?:\w+\s+)?{_DATA})*\s+(?:of|for|belonging to)\s+"
    rf"(?:(?P<rel>(?:my|our)\s+{_RELATIVE}|her|him|someone(?: else)?|(?:this|that|another|other|a) (?:person|customer|"
    r"lady|woman|man|guy|girl|shopper))\b|(?P<n1>[A-Za-z]+)\s+(?P<n2>[A-Za-z]+))",
    re.I,
)
# the person a purchase is for ("bought a $100 gift card for my sister", "the jacket i ordered for my dad"): a
# recipient of the shopper's own purchase, not a request for that person's data
RECIPIENT = re.compile(
    rf"\b(?:bought|buy|buying|got|getting|ordered|purchased|gift\w*|present)\b[^.?!]{{0,40}}\bfor\s+(?:my|our)\s+{_RELATIVE}\b",
    re.I,
)
OCCASION = re.compile(rf"\bfor\s+(?:her|his|their|(?:my|our)\s+{_RELATIVE}'?s)\s+birthday\b", re.I)
# what someone else bought ("what my brother Daniel ordered", "what did my sister buy", "check if my mom already got
# the boots"): their orders, asked with a verb rather than the word "orders"
_LEAD = r"(?:\b(?:what|which)\b|\b(?:check|see|know|tell me|find out|look up)\w*\s+(?:if|whether)\b)(?:\s+[\w']+){0,3}?"


def _bought(done: str, base: str) -> re.Pattern[str]:
    return re.compile(
        rf"{_LEAD}\s+(?:my|our)\s+{_RELATIVE}(?:\s+[A-Za-z]+){{0,2}}?\s+(?:(?:has|have|had|already|just|recently)\s+)*"
        rf"(?:{done})\b"
        rf"|{_LEAD}\s+(?:did|has|have)\s+(?:my|our)\s+{_RELATIVE}(?:\s+[A-Za-z]+){{0,2}}?\s+"
        rf"(?:(?:already|just|recently)\s+)?(?:{base}|{done})\b",
        re.I,
    )


BOUGHT = _bought("ordered|bought|purchased", "order|buy|purchase")
# "which boots did my husband get" is his purchase; "did my mom get the package i sent her", "which size did my son
# get in the hoodie i ordered for him" is the shopper's own order arriving: "got"/"get" only with no such purchase
GOT = _bought("got", "get")
OWN_PURCHASE = re.compile(
    r"\bi(?:'ve| have)?\s+(?:(?:just|already|recently)\s+)?(?:sent|shipped|mailed|ordered|bought|purchased|got)\b"
    r"|\b(?:my|the)\s+(?:package|parcel|delivery|shipment)\b",
    re.I,
)
# the request is about a present ("dont want to buy him the same gift"): the shop's gift services help instead
GIFT = re.compile(r"\bgift|\bpresents?\b|\bbirthday|\bchristmas|\bxmas|\bsame (?:thing|one|item)\b", re.I)
# another person is meant: "she's my sister", "he is my friend", "my wife"
CUE = re.compile(rf"\b(?:she|he)(?:'s|s| is)\s+(?:my|a)\b|\b(?:my|our)\s+{_RELATIVE}\b", re.I)
NOT_NAMES = frozenset(
    {
        "northwind",
        "threads",
        "customer",
        "customers",
        "care",
        "support",
        "service",
        "team",
        "the",
        "your",
        "our",
        "store",
        "stores",
        "shop",
        "my",
        "a",
        "an",
        "this",
        "that",
        "returns",
        "orders",
        "order",
        "international",
        "you",
        "us",
        "me",
        "it",
        "them",
        "all",
        "each",
        "every",
        "help",
        "questions",
        "complaints",
        "press",
        "media",
    }
)


def other_persons_data(text: str) -> bool:
    """True when the message asks for someone else's personal data (contact details, address, orders, account)."""
    if BOUGHT.search(text) or (GOT.search(text) and not OWN_PURCHASE.search(text)):
        return True
    if not DATA.search(text) or not ASK.search(text):
        return False
    for m in OWNED.finditer(text):
        if any(o.start() < m.end() and m.start() < o.end() for o in OCCASION.finditer(text)):
            continue  # "for his birthday": when a gift was for, not a date of birth asked
        if not m.group("n1") or not NOT_NAMES & {m.group("n1").lower(), m.group("n2").lower()}:
            return True
    for m in OF_PERSON.finditer(text):
        if m.group("rel") and not any(r.end() == m.end("rel") for r in RECIPIENT.finditer(text)):
            return True
        if m.group("rel"):
            continue  # "a gift card for my sister": who it was bought for
        names = {m.group("n1").lower(), m.group("n2").lower()}
        if NOT_NAMES & names:
            continue
        if CUE.search(text) or (m.group("n1")[:1].isupper() and m.group("n2")[:1].isupper()):
            return True
    return False


def gift_help(kb: KnowledgePort) -> tuple[str, list[dict[str, str]]]:
    """The shop's gift wrapping and gift card lines, read from the pricing and payments pages ('' when absent)."""
    wrap = find(kb, "Gift wrapping and name stitching price per item", r"\bgift wrapping:?\s*\$\d")
    cards = find(kb, "Northwind Threads gift cards amounts never expire", r"\bgift cards are sold\b")
    line = next((x for x in wrap.text.splitlines() if re.search(r"\bgift wrapping\b.*\$\d", plain(x), re.I)), "")
    said = [plain(re.sub(r"^\s*[-*]\s*", "", line))] if line else []  # the line whole: its price and what it includes
    said += [s for s in (cards.first(r"\bgift cards are sold\b"),) if s]
    if not said:
        return "", []
    return f"For the gift itself, I can help with: {' '.join(said)}", [
        hit_source(h) for h in (wrap.hit, cards.hit) if h is not None
    ]


def privacy_reply(text: str, pred: IntentPrediction, kb: KnowledgePort | None = None) -> Reply | None:
    """The refusal for a request for another person's data (or a claimed staff member's); None otherwise. Asked for
    a present ("so I don't buy him the same gift"), the shop's gift wrapping and gift card lines follow."""
    staff = staff_asks_customer_data(text)
    if not staff and not other_persons_data(text):
        return None
    said, sources = gift_help(kb) if kb is not None and not staff and GIFT.search(text) else ("", [])
    return Reply(
        text=" ".join(t for t in (STAFF_REFUSAL if staff else REFUSAL, said) if t),
        sources=sources,
        intent=Intent.ACCOUNT if pred.intent == Intent.OUT_OF_SCOPE else pred.intent,
        confidence=max(pred.confidence, 0.9),
        author=Author.CANNED,
    )

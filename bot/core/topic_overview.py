"""A general question about a whole topic ("what's your shipping policy", "how do exchanges work?", "tell me about
shipping") answered with the topic's main points, quoted from the shop's pages; and a signed-in member's general
shipping-cost question answered with the options and that member's own perks.

No FAQ entry is headed "What is your shipping policy?", so retrieval's best sentences were one part of the topic
(the US options table alone, nothing about abroad) and for exchanges the model wrote about the text instead of
quoting it ("This information provides details about the return policy ..."). Here each topic names the sections
that hold its main points, found by a query and a pattern (policy_tables.find) and quoted in the page's words at
run time: for shipping the FAQ's costs (US options, the free threshold, the international flat rate) and where we
ship abroad; for exchanges what can be exchanged and what it costs, then how an exchange works; likewise returns,
membership, gift cards, payments, price matching and alterations. A yes/no cost question ("are exchanges free?")
gets the topic's cost entry, where it has one. Not for a level,
option, place, item, order or amount named: those narrower questions have answers of their own.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from bot.core.asked import details
from bot.core.faq_answer import canonical
from bot.core.level_topics import level_topic_reply
from bot.core.places import places_in
from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort
from bot.domain import Hit


class Part(NamedTuple):
    """A section found by `query` whose text matches `about`: its sentences matching `keep`, at most `limit`."""

    query: str
    about: str
    keep: str = r"."
    limit: int = 3


TOPICS: dict[str, tuple[Part, ...]] = {
    "shipping": (
        Part("FAQ How much does shipping cost?", r"\bWithin the United States\b.*\$"),
        Part("FAQ Do you ship internationally?", r"\bwith DHL Express\b", r"^We ship to\b", 1),
    ),
    "exchanges": (
        Part(
            "Exchanges: can I exchange an item for a different size or color?", r"\bsame product in another\b", limit=2
        ),
        Part("Exchanges: how do exchanges work?", r"\bprepaid return label\b", r"^(?!In-store\b)"),
    ),
    "exchanges cost": (
        Part(
            "Exchanges: can I exchange an item for a different size or color?",
            r"\bsame product in another\b",
            r"\b(?:free|no charge)\b",
            1,
        ),
    ),
    "returns": (
        Part("FAQ What is your return policy?", r"\bfor any reason\b.*\breturn window\b", limit=2),
        Part("FAQ How do I return an item?", r"\bContact us with your order number and the reason\b", limit=2),
    ),
    "membership": (
        Part(
            "Membership levels: Northwind Rewards has four levels",
            r"\bNorthwind Rewards has four levels\b",
            r"\bfour levels\b",
            1,
        ),
        Part("FAQ What are the membership levels?", r"\bBronze is free when you join\b", r"\bBronze is free\b", 1),
        Part("FAQ What are the benefits of membership?", r"\bLonger return windows\b", limit=2),
    ),
    "gift cards": (Part("Payment methods: Gift cards never expire", r"\bgift cards are sold\b.*\bnever expire\b"),),
    "payments": (
        Part("FAQ Which payment methods do you accept?", r"\bVisa, Mastercard\b.*\bPayPal\b", r"\bPayPal\b", 1),
        Part("Payment methods we do not accept", r"\bWe do not accept\b", r"^We do not accept\b", 1),
        Part("When am I charged?", r"\bcharged when you place\b", limit=1),
    ),
    "price matching": (Part("FAQ Do you price match?", r"\bcompetitors' prices\b.*\b20%"),),
    "alterations": (
        Part("Jeans hemming (tailoring) price per pair", r"\bhemming\b.*\$\d", r"\bhemm|\binseam\b|\bbusiness days\b"),
        Part("Name stitching (monogram) price per item", r"\bName stitching\b.*\$\d", r"\bName stitching\b", 1),
    ),
}
WORDS = {
    "shipping": "shipping",
    "delivery": "shipping",
    "deliveries": "shipping",
    "postage": "shipping",
    "exchange": "exchanges",
    "exchanges": "exchanges",
    "returns": "returns",
    "return": "returns",
    "membership": "membership",
    "memberships": "membership",
    "rewards": "membership",
    "gift card": "gift cards",
    "gift cards": "gift cards",
    "payment": "payments",
    "payments": "payments",
    "price match": "price matching",
    "price matching": "price matching",
    "price adjustment": "price matching",
    "price adjustments": "price matching",
    "alterations": "alterations",
    "alteration": "alterations",
    "tailoring": "alterations",
}
_WHOSE = r"(?:(?:your|ur|the) )?"
_T = r"(?P<t>gift cards?|price match(?:ing)?|price adjustments?|[a-z]+)(?: program(?:me)?)?"
FORMS = (
    rf"what(?:'s| is|s) {_WHOSE}{_T} polic(?:y|ies)",
    rf"what(?:'s| is|s| are) {_WHOSE}polic(?:y|ies) (?:on|for|about|regarding) {_T}",
    rf"what(?:'s| is|s| are) {_WHOSE}{_T} (?:rules|terms)",
    rf"(?:tell me about|explain|can you explain|can i see|can i read|how does|how do) {_WHOSE}{_T}"
    rf"(?: polic(?:y|ies)| rules| works?)?",
    rf"how (?:do|does) {_WHOSE}{_T} (?:polic(?:y|ies) )?work",
    rf"{_WHOSE}{_T} polic(?:y|ies)",
    rf"(?:do|can) you (?:do|offer|have|provide) (?:any )?{_T}",
    r"(?:what|which) (?:kinds? of |types? of |forms? of )?(?P<t>payment)(?: methods?| options?| types?)? (?:do|can) "
    r"(?:you|u|i) (?:take|accept|use|pay with)",
)
# yes/no about what a topic costs ("do exchanges cost anything?", "are exchanges free?"): the topic's cost entry
COST_FORMS = (
    rf"(?:do|does) {_WHOSE}{_T} cost (?:anything|money|extra|a fee)",
    rf"(?:are|is) {_WHOSE}{_T} free",
    rf"is there (?:a|any) (?:fee|charge|cost) (?:for|to) {_WHOSE}{_T}",
    rf"do you charge (?:for|to) {_WHOSE}{_T}",
)
_FILLER = re.compile(r"^(?:hi|hey|hello|so|ok|okay|quick question)[,!. ]+|\b(?:please|pls|plz)\b|[?.!\s]+$", re.I)


def asked_topic(text: str) -> str:
    """The topic a general question asks about as a whole ("shipping", "exchanges"), or ''."""
    said = _FILLER.sub("", _FILLER.sub("", text.strip())).strip().lower()
    if len(said) > 60 or details(said) or places_in(said):
        return ""
    for form in COST_FORMS:  # only a topic with a cost entry; the others go the usual way
        if (m := re.fullmatch(form, said)) and f"{WORDS.get(m.group('t'))} cost" in TOPICS:
            return f"{WORDS[m.group('t')]} cost"
    for form in FORMS:
        if (m := re.fullmatch(form, said)) and m.group("t") in WORDS:
            return WORDS[m.group("t")]
    return ""


def topic_overview(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """The topic's main points in the shop's words, or None (not a general topic question, or a section missing)."""
    topic = asked_topic(text)
    if not topic:
        return None
    said: list[str] = []
    hits: list[Hit] = []
    for part in TOPICS[topic]:
        page = find(kb, part.query, part.about)
        keep = re.compile(part.keep, re.I)
        found = [s for s in page.sentences if keep.search(s) and s not in said][: part.limit]
        if page.hit is None or not found:
            return None  # a page the shop changed: the general path answers, never half an overview
        said += found
        hits.append(page.hit)
    return " ".join(said), hits


MEMBER_LEVELS = ("bronze", "silver", "gold")


def member_shipping(kb: KnowledgePort, text: str, level: str, today: dt.date) -> tuple[str, list[Hit]] | None:
    """ "how much is shipping?" from a signed-in Bronze, Silver or Gold member: their level's shipping cells and
    the US options (level_topics), said as theirs; None for a guest or any narrower question."""
    level = level.lower()
    if level not in MEMBER_LEVELS or canonical(text) != ["How much does shipping cost?"]:
        return None
    found = level_topic_reply(kb, f"how much is shipping for {level} members", today)
    if found is None:
        return None
    answer, hits = found
    return re.sub(rf"^For {level.capitalize()} members:", f"As a {level.capitalize()} member:", answer), hits

"""What a question asks for: the kind of answer (a duration, a price, a place, a carrier, ...) and the detail
it names (a membership level, a shipping option, a place), and how much a sentence gains for holding it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.facts import PLACES
from bot.core.questions import names_abroad, shipping_place

# What kind of answer a question asks for, and what a sentence holding that answer looks like.
_UNITS = r"(?:business\s+|calendar\s+|working\s+)?(?:days?|weeks?|months?|hours?|years?|minutes?)"
QUESTION_TYPES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "duration": (
        re.compile(
            r"\bhow long (?:do|does|did|will|would|can|until|before|to|have|has|for|is it|does it|will it)\b|\bhow (?:many (?:business |working |calendar )?(?:days|weeks|months|hours)|soon|quickly|fast)\b|\bwhen will\b|\btime limit\b|\bdeadline\b|\bwindow\b",
            re.I,
        ),
        re.compile(
            rf"\b\d+(?:\.\d+)?(?:\s*[–-]\s*\d+)?\s*{_UNITS}\b|\b(?:one|two|three|four|five|six|seven|ten|twelve)\s+{_UNITS}\b|\bunlimited\b|\bno time limit\b|\bnext business day\b|\bsame day\b|\bright away\b|\bimmediately\b|\bnever expire",
            re.I,
        ),
    ),
    "price": (
        re.compile(
            r"\bhow much\b|\bcosts?\b|\bprices?\b(?! match| drop| adjust| guarantee)|\bfees?\b|\bcharged?\b|\bexpensive\b|\bcheap|\bpay for\b|\bfree\b|\brates?\b",
            re.I,
        ),
        re.compile(
            r"[$€£]\s?\d|\b\d+(?:\.\d+)?\s?(?:USD|dollars)\b|\bfree\b|\bno charge\b|\bat no cost\b|\b\d+% off\b", re.I
        ),
    ),
    "place": (
        # "where", "which countries", or a named place with shipping ("ship to Japan"; not "ship to my P.O. box")
        re.compile(
            r"\bwhere\b|\bwhich countr|\bwhat countr|\bcountries\b|\binternational|\babroad\b|"
            r"\b(?:ship|send|deliver)\w*\b.*\b(?:"
            + "|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True))
            + r")\b",
            re.I,
        ),
        re.compile(
            r"\b(?:"
            + "|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True))
            + r"|states|stores?|Portland|Seattle|Chicago|countr(?:y|ies))\b"
        ),
    ),
    "phone": (
        re.compile(r"\b(?:phone|telephone|call you|number to call|hotline)\b", re.I),
        re.compile(r"\b\d-\d{3}-\d{3}-\d{4}\b|\(?\d{3}\)?[ -]\d{3}-\d{4}\b"),
    ),
    "email": (
        re.compile(r"\be-?mail\b", re.I),
        re.compile(r"[\w.+-]+@[\w-]+\.\w+"),
    ),
    "carrier": (
        re.compile(
            r"\b(?:courier|carrier|who (?:delivers|ships|carries|brings)|which (?:company|delivery (?:company|service))|shipped (?:with|by)|delivered by)\b",
            re.I,
        ),
        re.compile(r"\b(?:UPS|USPS|DHL(?: Express)?|FedEx)\b"),
    ),
    "time": (
        re.compile(r"\bwhat time\b|\bwhen (?:do|does|are|is)\b|\bopening hours\b|\bhours\b|\bopen\b|\bwhat day", re.I),
        re.compile(
            r"\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)\b|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b|\b24/7\b",
            re.I,
        ),
    ),
}
# kinds whose answer is a value a sentence either holds or not (an address, a number, a carrier's name): the
# sentence holding it wins over one that is merely about the topic ("We answer e-mails within 1 business day.")
VALUE_KINDS = frozenset({"email", "phone", "carrier"})
VALUE_BONUS = 0.6
# an amount charged, not a threshold ("free on orders of $75 or more" says when it is free, not what it costs)
AMOUNT = re.compile(r"(?<!orders of )(?<!over )(?<!above )[$€£]\s?\d+(?:\.\d+)?(?![\d.]| or more)")
AMOUNT_BONUS = 0.15
TIERS = ("guest", "bronze", "silver", "gold")
DETAIL_BONUS = 0.3  # a sentence naming the membership level or shipping option the question names
DOMESTIC = re.compile(
    r"\b(?:within|in) the (?:United States|US|U\.S\.)\b|\bUS (?:orders|addresses)\b|\(United States\)", re.I
)
ABROAD_WORDS = re.compile(r"\b(?:international|outside the (?:United States|US)|DHL)\b", re.I)
NOT_SHIPPED = re.compile(
    r"\b(?:do not|don't|does not) (?:ship|deliver)\b.*\b(?:any other country|not (?:on our|on the|in our) (?:shipping )?list|not listed)",
    re.I,
)
_DETAIL_WORDS = frozenset(TIERS + ("economy", "standard", "overnight", "international"))


def question_types(question: str) -> list[str]:
    """The kinds of answer a question asks for: duration, price, place, time (possibly none)."""
    return [name for name, (asks, _) in QUESTION_TYPES.items() if asks.search(question)]


def answers_type(sentence: str, kinds: Sequence[str]) -> bool:
    """True when the sentence holds an answer of one of the kinds."""
    return any(QUESTION_TYPES[k][1].search(sentence) for k in kinds)


def details(text: str) -> frozenset[str]:
    """The membership levels and shipping options a text names."""
    words = (w[:-1] if w[:-1] in TIERS else w for w in re.findall(r"[a-z]+", text.lower()))
    return frozenset(w for w in words if w in _DETAIL_WORDS)


def row_label(row: str) -> frozenset[str]:
    """The details named in a table row's label ("Silver: return window ..." -> {"silver"})."""
    return details(row.split(":", 1)[0])


class AskedDetail:
    """What a sentence gains for holding the detail asked: the value itself (an address, a carrier), the
    membership level or shipping option named, the right side of the border, or, for a place no sentence
    names, the shop's own "we do not ship to ..." sentence."""

    def __init__(self, question: str, kinds: Sequence[str], candidates: Sequence[str]) -> None:
        self.value_kinds = [k for k in kinds if k in VALUE_KINDS]
        # "how much is standard shipping?" asks for the amount; "is it free?" does not
        self.amount = "price" in kinds and not re.search(r"\bfree\b", question, re.I)
        self.named = details(question)
        self.abroad = names_abroad(question) or bool(re.search(r"\binternational", question, re.I))
        # a yes/no shipping question's place: a sentence naming it answers; when none does but the shop's list
        # of countries is there, the place is not on it, and the shop's "not on our list" sentence answers
        self.place = shipping_place(question)
        named = self.place and any(re.search(rf"\b{re.escape(self.place)}\b", c, re.I) for c in candidates)
        listed = any(len([p for p in PLACES if p in c]) >= 4 for c in candidates)
        self.place_named = bool(named)
        self.unlisted = bool(self.place) and not named and listed

    def bonus(self, sentence: str) -> float:
        out = 0.0
        if self.value_kinds and answers_type(sentence, self.value_kinds):
            out += VALUE_BONUS
        if self.amount and AMOUNT.search(sentence):
            out += AMOUNT_BONUS
        if self.named:
            out += DETAIL_BONUS * len(self.named & details(sentence)) / len(self.named)
        if self.abroad and DOMESTIC.search(sentence) and not ABROAD_WORDS.search(sentence):
            out -= 0.5  # "are returns free from Canada?": the US rule is not its answer
        if self.place_named and re.search(rf"\b{re.escape(self.place)}\b", sentence, re.I):
            out += DETAIL_BONUS  # "do you ship to belarus": the sentence that names Belarus
        if self.unlisted and NOT_SHIPPED.search(sentence):
            out += 0.5  # "do you ship to Turkey?": the list does not say no; this sentence does
        return out

"""Whether a brand whose name is an everyday English word is meant as the brand where the message says it.

"I guess I don't get free shipping", "express shipping", "mind the gap", "my boss wants a sweater" and "a champion
skier" are English; "Do you have Guess jeans?", "anything from Express", "GAP", "do you carry gap?" and "gap belts"
are the brand. Such a brand counts only with brand-like evidence: written as a name (capitalised inside a sentence,
or in capitals), a kind of product or a brand noun right after it ("guess boots", "Gap's", "express stuff"), a
buying verb or "from"/"by" right before it ("do you carry gap", "anything from express"), or the brand being the
whole subject of the message ("express?", "and gap?"). Its everyday uses win over that evidence ("I guess", "Express
shipping", "DHL Express", "the gap between"). A brand whose name is no everyday word (Uniqlo, Adidas, Calvin Klein)
needs no evidence."""

from __future__ import annotations

import re

from bot.core.catalog.words import KIND_WORDS, NOT_CARRIED

# brands (of the catalog or of OTHER_BRANDS) whose one-word name is also an everyday English word
COMMON_WORD_BRANDS = frozenset(
    {"guess", "express", "gap", "boss", "lee", "mango", "converse", "vans", "diesel", "columbia", "cos", "champion"}
    | {"puma", "next", "fossil", "coach", "gap kids", "old navy"}
)
# the word's everyday use, read from the word right before it: a verb after a pronoun or modal ("I guess", "you'd
# guess"), a carrier's or a place's name ("DHL Express", "British Columbia")
_WORD_BEFORE = re.compile(
    r"\b(?:i|we|you|they|he|she|u|to|just|can'?t|don'?t|would|could|should|might|will|let'?s|let me|i'?d|i'?ll|dhl|ups"
    r"|fedex|british|district of)\s+$",
    re.I,
)
_WORD_AFTER = re.compile(
    r"^\s*(?:shipping|ship|shipped|delivery|deliveries|deliver|post|postage|mail|checkout|check-out|options?|service"
    r"|courier|lane|upgrade|between|what|who|where|when|how|why|so|that|it|i|i'?m|i'?ll|you|we|they|he|she|not"
    r"|in (?:the|my|your|our|between|size|sizing|delivery|price|prices|time)\b)\b",
    re.I,
)
# the brand as a brand: "from Express", "do you carry gap", "sell guess", "anything by gap"
_BRAND_BEFORE = re.compile(
    r"(?:\b(?:from|by|carry|carries|sell|sells|stock|stocks|have|got|brand|brands|vs\.?|versus)"
    r"\s+)$",
    re.I,
)
_BRAND_NOUN = r"'s\b|\s+(?:brand|store|stores|shop|products?|clothes|clothing|stuff|items?|collection|range|ones|gear|wear|styles?)\b"
_KINDS = "|".join([p for p, _k in KIND_WORDS] + [re.escape(w) for w in NOT_CARRIED] + ["hoodies?", "sweatshirts?"])
# a kind of product right after the brand, across at most three words that are no article or preposition
_FILLER = r"(?!(?:in|on|at|of|the|a|an|my|your|with|and|or|to|for|is|are|was|between|from)\b)[\w'-]+"
_ANY_KIND = re.compile(rf"\b(?:{_KINDS})\b", re.I)
_KIND_AFTER = re.compile(rf"^(?:{_BRAND_NOUN}|(?:\s+{_FILLER}){{0,3}}\s+(?:{_KINDS})\b)", re.I)
# the brand is all the message asks about: "gap?", "do you carry express?", "and guess?", "what about vans"
_ASK = (
    r"(?:(?:do|does|did) (?:you|u|ya|the shop|the store) (?:guys )?(?:have|carry|sell|stock|do)|have you got|any|anything"
    r"|and|what about|how about|or|also|is there|are there|got)"
)
_WHOLE = re.compile(rf"^\W*(?:{_ASK}\s+)?(?:(?:any|anything|something|stuff)\s+)?(?:(?:from|by)\s+)?\W*$", re.I)
_TAIL = re.compile(r"^\W*(?:too|then|at all|stuff|products|clothes|here|please|pls)?\W*$", re.I)


def is_common_word(brand: str) -> bool:
    """The brand's name is also an everyday word, so saying it is no evidence by itself."""
    return brand.lower() in COMMON_WORD_BRANDS


def meant_as_brand(cased: str, start: int, end: int) -> bool:
    """Whether the everyday-word brand at cased[start:end] is meant as the brand (see the module's note)."""
    before, word, after = cased[:start], cased[start:end], cased[end:]
    if _WORD_BEFORE.search(before) or _WORD_AFTER.search(after):
        return False
    return bool(
        (len(word) >= 3 and word.isupper())
        or _capitalised_inside(before, word)
        or (word[:1].isupper() and _ANY_KIND.search(after))  # "Gap vs Guess jeans?" at the start of a sentence
        or _KIND_AFTER.search(after)
        or _BRAND_BEFORE.search(before)
        or (_WHOLE.search(before) and _TAIL.search(after))
    )


def _capitalised_inside(before: str, word: str) -> bool:
    """Written as a name: a capital letter where a sentence does not start ("the Gap store", "like Guess")."""
    if not word[:1].isupper():
        return False
    head = before.rstrip()
    return bool(head) and head[-1] not in ".!?:;\"'(-" and not head.endswith("\n")

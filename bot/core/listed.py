"""Follow-ups on the list the bot just showed: "which of those is cheapest in stock?", "the second one in navy?",
"any of them under $50?", "are they waterproof?". They resolve against the SKUs of that list (the state's
`listed`), never against the whole catalog as if the list had not been shown."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.catalog.attributes import asked_attributes
from bot.core.catalog.named import generic_words
from bot.core.catalog.parse import asks_to_find
from bot.core.catalog.search import is_kind
from bot.core.catalog.words import KINDS
from bot.core.lookups import products_by_sku
from bot.domain import Constraints, ConversationState, Request, RequestKind, Sort

_ORDINALS = {
    "first": 0,
    "1st": 0,
    "second": 1,
    "2nd": 1,
    "third": 2,
    "3rd": 2,
    "fourth": 3,
    "4th": 3,
    "fifth": 4,
    "5th": 4,
    "last": -1,
    "bottom": -1,
    "top": 0,
}
ORDINAL = re.compile(
    r"\b(?:the\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last|top|bottom)\s+(?:one|pair|item|option|jacket|coat|"
    r"boots?|shirt|sweater|dress|jeans|chinos|tee|t-shirt|belt|cap|beanie|gloves|socks)\b"
    r"|\b(?:number|no\.?|#|option|item)\s*([1-5])\b",
    re.I,
)
# words that point at the whole list: "those", "any of them", "which one", "are they"
THE_LIST = re.compile(
    r"\b(?:those|these|them|they|ones|either|any of|all of|which one|which of|out of (?:those|these|them))\b"
    r"|\bwhich(?: is|'s| are) (?:the )?(?:chea|best|most|pric|dear|high|low)\w*",
    re.I,
)
# "the Guess one", "the black one", "the cheaper one": a pick from the list by a word of its own
_PICK = re.compile(r"\bthe\s+([\w'-]+(?:\s+[\w'-]+)?)\s+(?:one|pair)\b", re.I)


def ordinal_pick(text: str, listed: Sequence[str]) -> str | None:
    """The SKU an ordinal points at ("the second one", "#3"), when the list is long enough."""
    m = ORDINAL.search(text)
    if not m or not listed:
        return None
    word = (m.group(1) or "").lower()
    i = _ORDINALS[word] if word else int(m.group(2)) - 1
    if i >= len(listed):
        return None
    return listed[i]


def word_pick(text: str, products: Sequence[dict[str, Any]]) -> str | None:
    """The one listed product a word picks ("the Guess one", "the merino one"): only when exactly one fits."""
    m = _PICK.search(text)
    if not m:
        return None
    words = [w for w in re.findall(r"[a-z0-9']+", m.group(1).lower()) if w not in ("other", "same", "new")]
    if not words:
        return None
    fits = [
        p
        for p in products
        if all(
            w in " ".join([str(p.get("name", "")), str(p.get("brand", "")), " ".join(p.get("colors") or [])]).lower()
            for w in words
        )
    ]
    return str(fits[0]["sku"]) if len(fits) == 1 else None


def refers_to_list(text: str, state: ConversationState) -> bool:
    """The message points at the list just shown (the last reply was a list, and the words say "those")."""
    if len(state.listed) < 2 or state.last_kind not in (RequestKind.DISCOVERY.value, RequestKind.COMPARISON.value):
        return bool(state.listed) and bool(ORDINAL.search(text))
    return bool(THE_LIST.search(text) or ORDINAL.search(text) or _PICK.search(text))


def listed_followup(
    text: str, state: ConversationState, constraints: Constraints, catalog: Sequence[dict[str, Any]]
) -> Request | None:
    """The Request a follow-up on the shown list makes, or None when the message is not one."""
    if not state.listed:
        return None
    if not refers_to_list(text, state) and not _it_after_list(text, state, constraints):
        one = _named_in_list(text, state, catalog)  # "does the Calvin Klein Everett come in yellow?"
        return (
            Request(RequestKind.PRODUCT_FACT, text, skus=[one], constraints=constraints, followup=True) if one else None
        )
    if constraints.categories and not set(constraints.categories) & set(state.constraints.categories):
        return None  # "any jackets under $80?" after a list of boots: a new search
    by_sku = products_by_sku(catalog, state.listed)
    products = [by_sku[s] for s in state.listed if s in by_sku]
    if not products:
        return None
    one = ordinal_pick(text, state.listed) or word_pick(text, products)
    if one is not None:  # "the second one in navy?": a fact about that product
        return Request(RequestKind.PRODUCT_FACT, text, skus=[one], constraints=constraints, followup=True)
    superlative = re.search(r"\b(cheap|cheaper|expensive|pricier|rated|best|better|popular)\b", text, re.I)
    if superlative and constraints.sort == Sort.RELEVANCE:
        low = text.lower()
        if re.search(r"\b(expensive|pricier|dearest)\b", low):
            constraints.sort = Sort.PRICIEST
        elif re.search(r"\b(rated|best|better|popular)\b", low):
            constraints.sort = Sort.BEST_RATED
        else:
            constraints.sort = Sort.CHEAPEST
    asked = bool(
        asked_attributes(text)
        or constraints.colours
        or constraints.size
        or constraints.in_stock
        or constraints.min_price is not None
        or constraints.max_price is not None
        or constraints.materials
        or constraints.features
        or constraints.unchecked
        or constraints.sort != Sort.RELEVANCE
    )
    if not asked:
        return None
    return Request(
        RequestKind.DISCOVERY, text, constraints=constraints, skus=[str(p["sku"]) for p in products], followup=True
    )


def attribute_followup(
    text: str, state: ConversationState, constraints: Constraints, catalog: Sequence[dict[str, Any]]
) -> Request | None:
    """An attribute question about the product under discussion ("is it lined?", "are these boots waterproof?"):
    a kind named must be that product's kind, and no other brand may be named."""
    if not state.skus or not asked_attributes(text) or constraints.brands or constraints.missing_categories:
        return None
    if constraints.categories and asks_to_find(text):  # "any waterproof boots?": a search, not about this pair
        return None
    product = products_by_sku(catalog, state.skus[:1]).get(state.skus[0])
    if product is None:
        return None
    if constraints.categories and not any(is_kind(product, *KINDS[k]) for k in constraints.categories):
        return None
    return Request(RequestKind.PRODUCT_FACT, text, skus=state.skus[:1], constraints=constraints, followup=True)


def _it_after_list(text: str, state: ConversationState, constraints: Constraints) -> bool:
    """ "does it come in yellow?" right after a list of several: asked of each product shown, not a new search."""
    return bool(
        len(state.listed) >= 2
        and state.last_kind == RequestKind.DISCOVERY.value
        and (constraints.colours or constraints.size)
        and re.search(r"\b(?:it|this|that)\b", text, re.I)
    )


def _named_in_list(text: str, state: ConversationState, catalog: Sequence[dict[str, Any]]) -> str | None:
    """The one product of the list just shown that a word of its own name picks ("the Calvin Klein Everett"):
    not its brand, kind or a generic word, and no other listed product has it. A search is never a pick."""
    if asks_to_find(text):
        return None
    said = set(re.findall(r"[a-z0-9']+", text.lower()))
    generic = generic_words(catalog)
    by_sku = products_by_sku(catalog, state.listed)
    fits = []
    for sku in state.listed:
        p = by_sku.get(sku)
        if p is None:
            continue
        own = set(re.findall(r"[a-z0-9']+", str(p.get("name", "")).lower())) - generic
        own -= set(re.findall(r"[a-z0-9']+", str(p.get("brand", "")).lower()))
        if own & said:
            fits.append(sku)
    return fits[0] if len(fits) == 1 else None

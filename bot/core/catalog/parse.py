"""Constraints parsed from the shopper's words against what the catalog holds: kinds, brands (and brands the
shop lacks), colours, materials, features, size, price range, sort order and fit; plus the search and
comparison questions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.core.catalog.attributes import asked_attributes
from bot.core.catalog.brand_sense import is_common_word, meant_as_brand
from bot.core.catalog.budget_words import PAREN_SIZE, TOTAL_BUDGET
from bot.core.catalog.carried import KIDS, for_children, plural_of, verb_suit
from bot.core.catalog.concepts import asked_concepts
from bot.core.catalog.gender import MATERNITY, UNISEX, stated_gender
from bot.core.catalog.index import POSTINGS, PerCatalog
from bot.core.catalog.line_names import kindless_lines, unplaced
from bot.core.catalog.measures import read_measures
from bot.core.catalog.negation import blanked, catalog_negated, rule_out
from bot.core.catalog.plain import bare_size, gendered_size, last_size
from bot.core.catalog.pure_material import wholly
from bot.core.catalog.size_words import adjective_after
from bot.core.catalog.styles import joined_styles, read_styles, style_words
from bot.core.catalog.tally import CATALOG_BRANDS, CATALOG_COLOURS, CATALOG_WORDS
from bot.core.catalog.words import (
    COLOUR_ALIASES,
    FEATURES,
    KIND_WORDS,
    KINDS,
    MATERIALS,
    NOT_CARRIED,
    OTHER_BRANDS,
)
from bot.domain import Constraints, Sort

_MONEY = r"\$?\s?(\d{1,5}(?:\.\d{1,2})?)\s?(?:usd|dollars?|bucks)?"
# a ceiling: "under $50", "not more than $70", "nothing over $90", "can't spend more than 60 dollars"; or said after
# the figure with a unit: "$40 max", "40 dollars tops", "$60 or less"
# the apostrophe is often left out ("dont want to spend more than 200", "cant go over 80")
_NOT = (
    r"(?:\b(?:not|nothing|no|never)|n't|\b(?:do not|don'?t|can'?t|cannot|won'?t|shouldn'?t|dont|cant|wont) "
    r"(?:want to |wanna |(?:really |even )?)(?:spend|pay|go|be|cost))"
)
_MAX_PRICE = re.compile(
    rf"(?:\b(?:under|below|less than|less expensive than|cheaper than|up to|no more than|max(?:imum)?|at most|within|budget(?: of| is)?)"
    rf"|{_NOT}\s+(?:more than|over|above|higher than|beyond|exceeding))\s*{_MONEY}"
    r"|(?:\$\s?(\d{1,5}(?:\.\d{1,2})?)|\b(\d{1,5}(?:\.\d{1,2})?)\s?(?:usd|dollars?|bucks))"
    r"\s*(?:max(?:imum)?|tops|or less|or under|or below|and under|at most|at the most)\b",
    re.I,
)
_MIN_PRICE = re.compile(
    rf"\b(?:over|above|more than|(?:more expensive|pricier|dearer) than|at least|from)\s*{_MONEY}", re.I
)
_NEGATED_FLOOR = re.compile(rf"{_NOT}\s+$", re.I)  # "nothing over $90" is a ceiling, not a floor
_BETWEEN = re.compile(rf"\bbetween\s*{_MONEY}\s*(?:and|-|to)\s*{_MONEY}|{_MONEY}\s*(?:-|to)\s*\$\s?(\d{{1,5}})", re.I)
_AROUND = re.compile(r"\b(?:around|about|roughly|approximately)\s*\$\s?(\d{1,5})", re.I)
_CHEAP = re.compile(
    r"\b(che+a?pe?st|cheapst|least expensive|lowest[- ]priced?|most affordable|cheap|budget|inexpensive|affordable|lowest price)\b",
    re.I,
)
# "budget about $60", "a $60 budget", "my budget is around 60": a ceiling the shopper states, not "cheapest first"
_BUDGET = re.compile(r"\bbudget\b[^.?!$\d]{0,24}\$?\s?(\d{1,5})\b|\$\s?(\d{1,5})\s+budget\b", re.I)
_PRICEY = re.compile(r"\b(most expensive|priciest|highest[- ]priced?|most premium|top of the range|dearest)\b", re.I)
_RATED = re.compile(
    r"\b(best[- ]rated|top[- ]rated|highest[- ]rated|best reviewed|best[- ]reviewed|most popular|best[- ]selling|bestsellers?|best ones?)\b",
    re.I,
)
_SIZE = re.compile(
    r"\b(?:in|size|sz|a|an)\s+(xxs|xs|s|m|l|xl|xxl|\d{1,2}(?:\.5)?|small|medium|large|extra large|x-large)\b(?!\s*(?:stock|store|wash|black|blue|days?|weeks?|business|hours?|minutes?|months?|%))",
    re.I,
)
_IN_STOCK = re.compile(r"\b(?:in stock|in-stock|available now|not sold out|currently available)\b", re.I)
_SIZE_WORDS = {"small": "S", "medium": "M", "large": "L", "extra large": "XL", "x-large": "XL"}
_LETTER_SIZES = ("S", "M", "L", "XL", "XXL", "XS", "XXS")
_BASIC_COLOURS = ("blue", "green", "brown", "grey", "red", "pink", "white", "black", "yellow", "purple", "orange")
_CARRY = re.compile(
    r"\b(do|does) (you|the shop|your shop|the store) (carry|sell|stock|have|offer|make)\b|\bhave you got\b|\bcan i (buy|get|find)\b|\bis there\b|\bare there\b",
    re.I,
)


@dataclass(slots=True)
class Vocabulary:
    """What the catalog holds, for parsing: brands, colours, kinds present."""

    brands: list[str]
    colours: list[str]
    kinds: set[str]
    words: set[str]  # every word in names, brands, categories, colours, materials and tags
    styles: frozenset[str] = frozenset()  # words of product names that describe a style ("skinny", "bomber")

    @classmethod
    def of(cls, catalog: Sequence[dict[str, Any]]) -> Vocabulary:
        """Built once per catalog (one knowledge-base version), found by the catalog's identity on every turn."""
        return _VOCAB.get(catalog)

    @classmethod
    def build(cls, catalog: Sequence[dict[str, Any]]) -> Vocabulary:
        """Read the vocabulary from every product (once per version, through `of`; from the catalog's tallies,
        which a reload carries over (bot.core.catalog.tally), and the kinds' postings)."""
        brands = sorted(CATALOG_BRANDS.get(catalog), key=lambda s: (-len(s), s))
        colours = sorted(CATALOG_COLOURS.get(catalog), key=lambda s: (-len(s), s))
        postings = POSTINGS.get(catalog)
        kinds = {k for k in KINDS if postings.kind(k)}  # as `is_kind` over every product
        return cls(brands, colours, kinds, set(CATALOG_WORDS.get(catalog)), style_words(catalog, brands, colours))


_VOCAB: PerCatalog[Vocabulary] = PerCatalog(Vocabulary.build)


def _style_postings(catalog: Sequence[dict[str, Any]]) -> int:
    """Every style word's postings, built with the version instead of on a shopper's turn: a price question naming
    "the Everett Sterling Jacket" reads "everett" and "sterling" as style words, and each one's first search checked
    thousands of products (about 70 ms at 50,000 products; all 132 words: under 3 s, once per version, and a reload
    carries them over). Registered after `_VOCAB`, so `prepare` builds the vocabulary first."""
    postings = POSTINGS.get(catalog)
    styles = sorted(Vocabulary.of(catalog).styles)
    for word in styles:
        postings.feature(word)
    return len(styles)


_STYLE_POSTINGS: PerCatalog[int] = PerCatalog(_style_postings)
# compiled once: a pattern built per turn goes through `re`'s small cache, which other modules' patterns churn
_KIND_PATTERNS = [(re.compile(rf"\b(?:{pattern})\b"), kind) for pattern, kind in KIND_WORDS]
_OTHER_BRANDS_ORDER = sorted(OTHER_BRANDS, key=lambda s: (-len(s), s))
_NOT_CARRIED_ORDER = sorted(NOT_CARRIED, key=lambda s: (-len(s), s))
_UNSOLD_NEXT = re.compile(rf"[\s-]+(?:{'|'.join(map(re.escape, _NOT_CARRIED_ORDER))})\b")


class _Spans:
    """The stretches of the message already read as a brand or a kind: one word is read once, first match wins."""

    def __init__(self) -> None:
        self.taken: list[tuple[int, int]] = []

    def claim(self, m: re.Match[str]) -> bool:
        span = m.span()
        if any(span[0] < e and s < span[1] for s, e in self.taken):
            return False
        self.taken.append(span)
        return True

    def release_last(self) -> None:
        self.taken.pop()


def parse_constraints(text: str, catalog: Sequence[dict[str, Any]]) -> Constraints:
    """Every constraint the message states; names of things the shop lacks go to missing_*."""
    vocab = Vocabulary.of(catalog)
    text = unplaced(text, catalog)  # "heading to aspen": a place, not the Aspen line
    cased = re.sub(r"\b(short|long)[- ]sleeved?\b", r"\1 sleeve", " " + text.replace("’", "'") + " ", flags=re.I)
    low = cased.lower()  # "short-sleeved": the tag's words
    c = Constraints()
    if len(cased) == len(low):  # "no real leather", "anything but Guess": ruled out, and not read as wanted
        cased, low = rule_out(cased, low, vocab.brands, vocab.colours, c.excluded)
    spans = _Spans()
    _read_brands(low, cased if len(cased) == len(low) else low, vocab, spans, c)
    _read_kinds(low, vocab, spans, c)
    _read_colours(low, vocab, c)
    _read_materials(low, c)
    c.features = [f for f in FEATURES if f in low and re.search(rf"\b{re.escape(f)}\b", low)]
    if re.search(r"\bwarm(?:est|er)?\b", low) and "insulated" not in c.features:
        c.features.append("warm")
    for attr in asked_attributes(low):  # "machine washable sweaters": an attribute the product data must show
        if attr.key not in (*c.features, "cut") and not any(attr.asked.search(f) for f in c.features):
            c.features.append(attr.key)
    for concept, m in asked_concepts(low):  # "ripped", "for work": the catalog's own terms, read before styles
        if _KIND_NEXT.match(low, m.end()) and _named_kind(m.group(0), c, catalog):
            continue  # "rain jackets" where the catalog sells "Rain Jackets": the name, read as a style word
        spans.claim(m)
        for more in concept.asked.finditer(low, m.end()):  # "office job ... a work shirt": one concept, every word
            spans.claim(more)
        if concept.key not in c.features:
            c.features.append(concept.key)
    c.in_stock = bool(_IN_STOCK.search(low))
    c.size = _read_size(low) or gendered_size(low) or (last_size(low) if c.categories else None)
    if c.size is None and (paren := PAREN_SIZE.search(low)):
        c.size = paren.group(1).upper()
    read_measures(low, c)  # a waist is the size; an inseam is unchecked (measures)
    read_styles(joined_styles(low, vocab.styles), vocab.styles, vocab.words, spans.claim, c)
    dropped = kindless_lines(c.features, c.categories, catalog)  # "ridge trails, a warm coat": no Ridge coat
    c.features = [f for f in c.features if f not in dropped]
    _read_price(low, c)
    if _PRICEY.search(low):
        c.sort = Sort.PRICIEST
    elif _RATED.search(low):
        c.sort = Sort.BEST_RATED
    elif _CHEAP.search(_BUDGET.sub(" ", low)):
        c.sort = Sort.CHEAPEST
    women, men = stated_gender(low)
    if for_children(low, catalog):  # "clothes for my son, he's 6": not men's sizes
        c.missing_categories.append(KIDS)
    elif women != men:
        c.gender = "women" if women else "men"
    elif UNISEX.search(low) and not (women or men):  # "unisex tees": the unisex ones, not everything
        c.gender = "unisex"
    if not c.gender and MATERNITY.search(low):  # maternity wear is women's (the shop lists none as maternity)
        c.gender = "women"
    return c


def without_ruled_out(text: str, catalog: Sequence[dict[str, Any]]) -> str:
    """The text with what the shopper rules out blanked: "ankle boots, anything but Banana Republic" names no
    Banana Republic product."""
    vocab = Vocabulary.of(catalog)
    low = text.lower()
    return blanked(text, catalog_negated(low, vocab.brands, vocab.colours)) if len(low) == len(text) else text


_KIND_NEXT = re.compile(rf"[\s-]+(?:{'|'.join(p for p, _ in KIND_WORDS)})\b")


def _named_kind(word: str, c: Constraints, catalog: Sequence[dict[str, Any]]) -> bool:
    """A product of an asked kind is named with the word ("Rain Jacket")."""
    low = word.lower()
    postings = POSTINGS.get(catalog)  # the kind's own products (built per version), not the whole catalog
    return any(low in str(catalog[i].get("name", "")).lower().split() for k in c.categories for i in postings.kind(k))


def _read_brands(low: str, cased: str, vocab: Vocabulary, spans: _Spans, c: Constraints) -> None:
    """The catalog's brands first, then other brands (the shop lacks them), then products the shop does not sell.
    A brand named by an everyday word ("guess", "express", "gap") counts only where it reads as the brand
    (`brand_sense`): "I guess" and "express shipping" are no brand."""
    for brand in vocab.brands:
        if brand.lower() not in low:  # a substring test first (every absent name skips its pattern)
            continue
        for m in re.finditer(rf"(?<![\w]){re.escape(brand.lower())}(?![\w])", low):
            if _as_brand(brand, cased, m) and spans.claim(m) and brand not in c.brands:
                c.brands.append(brand)
    for brand in _OTHER_BRANDS_ORDER:
        if brand.lower() not in low or brand in c.brands or any(b.lower() == brand.lower() for b in vocab.brands):
            continue
        for m in re.finditer(rf"(?<![\w]){re.escape(brand.lower())}(?![\w])", low):
            if _as_brand(brand, cased, m) and spans.claim(m) and brand not in c.missing_brands:
                c.missing_brands.append(brand)
    at: dict[str, int] = {}
    for word in _NOT_CARRIED_ORDER:
        if word not in low:
            continue
        for m in re.finditer(rf"\b{re.escape(word)}\b", low):
            named = plural_of(word) if plural_of(word) in NOT_CARRIED else word
            if not verb_suit(low, m.start(), word) and spans.claim(m) and named not in c.missing_categories:
                c.missing_categories.append(named)
                at[named] = m.start()
    c.missing_categories.sort(key=lambda w: at.get(w, -1))  # said in the order asked: "swim trunks or boxers"


def _as_brand(brand: str, cased: str, m: re.Match[str]) -> bool:
    return not is_common_word(brand) or meant_as_brand(cased, m.start(), m.end())


def _read_kinds(low: str, vocab: Vocabulary, spans: _Spans, c: Constraints) -> None:
    for pattern, kind in _KIND_PATTERNS:
        for m in pattern.finditer(low):
            if not spans.claim(m):
                continue
            if (
                kind == "jeans"
                and m.group(0).startswith("denim")
                and re.match(r"\s+(jacket|shirt|dress)", low[m.end() :])
            ):
                spans.release_last()  # "denim jacket": a jacket made of denim
                continue
            if kind == "dress" and re.match(r"\s+shirts?\b", low[m.end() :]):
                spans.release_last()  # "dress shirt": a shirt
                continue
            if _UNSOLD_NEXT.match(low, m.end()):
                spans.release_last()  # "dress shoes", "jean shorts": the kind describes a thing the shop lacks
                continue
            if kind in vocab.kinds and kind not in c.categories:
                c.categories.append(kind)
            elif kind not in vocab.kinds and kind not in c.missing_categories:
                c.missing_categories.append(kind)


_DOWN_NOT_FILL = re.compile(
    r"\b(?:packs?|packed|packing|folds?|folded|rolls?|rolled|squish\w*|compress\w*|it|them|upside)\s+down\b"
    r"|\bdown\s+(?:small|flat|tiny|to|into)\b"
)


def _read_materials(low: str, c: Constraints) -> None:
    """The materials named ("denim" of "denim jeans" is the kind); "100% cashmere", "pure wool": wholly of it, no
    blend (`pure_material`)."""
    c.materials = [
        mat
        for mat in MATERIALS
        if mat in low  # a plain substring test first: most words are absent, and no pattern is compiled for them
        and re.search(rf"\b{mat}\b", low)
        and not (mat == "denim" and "jeans" in c.categories)
        and not (mat == "down" and _DOWN_NOT_FILL.search(low))  # "packs down small" is no down fill
        and mat not in c.categories
    ]
    c.materials = wholly(low, c.materials)


# a colour word inside a name for a day or an idiom is no colour asked ("will it drop on black friday?")
_NOT_A_COLOUR = re.compile(
    r"\bblack friday\b|\bblue monday\b|\bwhite (?:glove|elephant|label|lie)s?\b|\bgreen ?light\b|\bred tape\b"
    r"|\bin the (?:red|black)\b|\bred[- ]eye\b"
)


def _read_colours(low: str, vocab: Vocabulary, c: Constraints) -> None:
    low = _NOT_A_COLOUR.sub(" ", low)
    for colour in vocab.colours:
        if colour in low and re.search(rf"\b{re.escape(colour)}\b", low) and not any(colour in k for k in c.colours):
            c.colours.append(colour)
    for alias, colour in COLOUR_ALIASES.items():
        if alias in low and re.search(rf"\b{alias}\b", low) and colour not in c.colours:
            c.colours.append(colour)
    for basic in _BASIC_COLOURS:
        if basic in low and re.search(rf"\b{basic}\b", low) and not any(basic in k for k in c.colours):
            c.colours.append(basic)


def _read_size(low: str) -> str | None:
    # "a small bag", "in medium wash", "a large order": the word says how big, no size
    hit = next((h for h in _SIZE.finditer(low) if not _adjective(low, h)), None)
    if not hit:
        return bare_size(low)
    word = hit.group(1).lower()
    after_article = hit.group(0).split()[0] in ("a", "an")
    if word in ("s", "a") and hit.group(0).startswith(("a ", "an ")):
        return None
    size = _SIZE_WORDS.get(word, word.upper() if not word[0].isdigit() else word)
    if after_article and size not in _LETTER_SIZES and not word[0].isdigit():
        return None
    if after_article and word in ("s", "m", "l"):
        return None  # "a hit..." is not a size
    return size


def _adjective(low: str, hit: re.Match[str]) -> bool:
    return not hit.group(0).lower().startswith(("size", "sz")) and adjective_after(low, hit.start(1), hit.end(1))


def _read_price(low: str, c: Constraints) -> None:
    """A range ("between 50 and 100"), else a ceiling, a floor (only when it is plainly a price) or "around"."""
    if hit := _BETWEEN.search(low):
        nums = [float(x) for x in hit.groups() if x]
        if len(nums) >= 2:
            c.min_price, c.max_price = min(nums[:2]), max(nums[:2])
        return
    if hit := _MAX_PRICE.search(low):
        c.max_price = float(next(g for g in hit.groups() if g))
    if (budget := _BUDGET.search(low)) and c.max_price is None:
        c.max_price = float(budget.group(1) or budget.group(2))
    if (total := TOTAL_BUDGET.search(low)) and c.max_price is None:  # "$60 for both", "150 dollars altogether"
        c.max_price = float(next(g for g in total.groups() if g))
    floors = (h for h in _MIN_PRICE.finditer(low) if not _NEGATED_FLOOR.search(low[: h.start()]))
    if (hit := next(floors, None)) and ("$" in hit.group(0) or c.categories or c.brands):
        c.min_price = float(hit.group(1))
    if (hit := _AROUND.search(low)) and c.max_price is None:
        c.min_price, c.max_price = round(float(hit.group(1)) * 0.8, 2), round(float(hit.group(1)) * 1.2, 2)


def asks_to_find(text: str) -> bool:
    """The message is a search or availability question, not a question about one rule."""
    return bool(
        _CARRY.search(text)
        or re.search(
            r"\b(any|show me|looking for|look for|i need|i want|i'm after|im after|recommend|suggest|options?|what \w+ do you|which \w+ (?:do|are|is)|"
            r"cheapest|most expensive|priciest|best[- ]rated|top[- ]rated|highest[- ]rated|under \$?\d+|below \$?\d+|less than \$?\d+|in (?:a )?size \w+|"
            r"got any|find me|in stock|available|selection|range of|lowest price|warmest|lightest)\b",
            text,
            re.I,
        )
    )


def split_comparison(text: str) -> list[str]:
    """The two sides of "A or B", "A vs B", "between A and B", "A compared to B", "A than B". A lead-in ("which is
    cheaper,", "between") is dropped only where it leads: in "A vs B - which is cheaper?" the sides come first."""
    lead = re.search(
        r"\b(between|compare|comparing|which is (?:warmer|cheaper|better|more expensive)[,:]?|difference between)\b",
        text,
        flags=re.I,
    )
    body = text
    if lead and not re.search(r"\s(?:or|vs\.?|versus|than)\s", text[: lead.start()], flags=re.I):
        body = text[lead.end() :]
    parts = re.split(
        r"\s+(?:or|vs\.?|versus|and|than|compared (?:to|with)|against)\s+|,\s*|\s[–—-]\s|[:?]\s*", body, flags=re.I
    )
    return [p.strip(" ?.!") for p in parts if p.strip(" ?.!")]


COMPARE = re.compile(
    r"\b(compare|comparison|vs\.?|versus|difference between|which (?:one )?is (?:warmer|cheaper|better|lighter|more expensive|pricier|better rated)|"
    r"(?:warmer|cheaper|better|more expensive|better rated) than|which (?:one |of the two )?(?:can|has|runs?|fits?|are|do|does|did|should) [^?]*\bor)\b",
    re.I,
)

"""Two products compared on what the shopper asked: "A or B, which is cheaper / warmer / better rated / lighter /
waterproof / in stock in M / real cashmere?". Each asked dimension gets one sentence that gives both sides' figures
from the catalog and a verdict (or says which side's data is missing), in the order the question asks them, before
the side-by-side rows. Nothing asked: the rows alone, headed so."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.core.catalog.compare_attr import attribute_verdict, made_of_verdict, material_verdict, measure_verdict
from bot.core.catalog.compare_pick import PICK, WHY_PRICE, pick_sentence, why_price_sentence
from bot.core.catalog.liked import PEOPLE
from bot.core.catalog.plain import product_size
from bot.core.catalog.search import size_ok
from bot.core.catalog.text import money
from bot.core.catalog.words import FEATURES, WARM_TAGS

Product = dict[str, Any]

_CHEAPER = re.compile(
    r"\b(?:cheaper|less expensive|more affordable|better value|costs? less|lower[- ]priced|lower price|less money"
    r"|(?:on|by|in) price|price difference|difference in price|how much (?:more|less)|save more)\b",
    re.I,
)
_DEARER = re.compile(r"\b(?:more expensive|pricier|costs? more|dearer|higher[- ]priced|higher price)\b", re.I)
_WARMER = re.compile(  # "for a chicago winter", "for new york winters", "in the snow": warmth asked
    r"\b(?:warmer|warmest|warm|colder|cold weather|keeps? (?:me |you )?warm|freezing|sub-?zero"
    r"|(?:for|in|through) (?:an? |the |my |our )?(?:[a-z]+ ){0,2}?winters?|in (?:the )?snow)\b",
    re.I,
)
_RATED = re.compile(  # "which one do ppl like more", "the crowd favourite": the ratings answer it
    r"\b(?:better|higher|best)[- ](?:rated|reviewed)|\brated (?:higher|better)|\b(?:better|higher|best) (?:reviews?|ratings?)"
    r"|\b(?:more|most) popular|\b(?:crowd|fan|customer) fav\w*"
    rf"|\b{PEOPLE} (?:like|prefer|rate|love|enjoy)\w* (?:\w+ )?(?:more|better|higher|most)\b"
    r"|\bliked (?:more|better)|\b(?:more|most|better) liked"
    rf"|\bwhich (?:one |of (?:the|them|these|those|the two) )?(?:do |does |would )?(?:most )?{PEOPLE} (?:prefer|like|love|pick|choose|go for)",
    re.I,
)
_STOCK = re.compile(r"\b(?:in stock|available|sold out|can i (?:get|buy|order))\b", re.I)
# the season a listing is tagged for: the shop's own word for how warm it is meant to be
_SEASON = {"winter": 3, "fall": 2, "spring": 2, "summer": 1}


def _price(a: Product, b: Product, dearer: bool, difference: bool = False) -> str:
    pa, pb = float(a.get("price") or 0), float(b.get("price") or 0)
    if not pa or not pb:
        missing = a if not pa else b
        return f"The {missing['name']} has no price in our catalog, so I can't compare the prices."
    if pa == pb:
        return f"Both cost {money(a)}."
    low, high = (a, b) if pa < pb else (b, a)
    if dearer:
        out = f"The {high['name']} ({money(high)}) is more expensive than the {low['name']} ({money(low)})."
    else:
        out = f"The {low['name']} ({money(low)}) is cheaper than the {high['name']} ({money(high)})."
    return f"{out} {_difference(high, low)}" if difference else out


_DIFFERENCE = re.compile(
    r"\b(?:price difference|difference in (?:the )?price|price gap|how much (?:more|less|cheaper|extra|dearer)"
    r"|how much (?:is|'s) the difference|(?:by|for) how much|the difference (?:in|on) (?:cost|price))\b",
    re.I,
)


def _difference(high: Product, low: Product) -> str:
    """The difference worked out from the two catalog prices, in a sentence of its own that names neither product
    (a sentence naming a product holds only that product's prices) but gives both prices it comes from."""
    gap = float(high["price"]) - float(low["price"])
    return f"That is a difference of {gap:.2f} {high.get('currency') or 'USD'} ({money(high)} against {money(low)})."


def _season(p: Product) -> tuple[int, str]:
    tags = [str(t).lower() for t in p.get("tags") or []]
    found = [(_SEASON[t], t) for t in tags if t in _SEASON]
    return max(found) if len(found) == 1 else (0, "")  # none, or several seasons: no one season


def _warm_signs(p: Product) -> str:
    """What a listing says that bears on warmth: its material, its warmth tags and the season it is listed for."""
    tags = [t for t in p.get("tags") or [] if t in WARM_TAGS and t not in _SEASON]
    material = str(p.get("material") or "")
    season = _season(p)[1]
    return ", ".join(([material] if material else []) + tags[:3] + ([f"listed for {season}"] if season else []))


_INSULATION = re.compile(r"\b(?:insulat\w*|down|[\w-]*fill|quilted|padded|shearling)\b", re.I)


def _insulated(p: Product) -> bool:
    """The listing says the product is insulated: the tag, or an insulating fill in its material."""
    tags = [str(t).lower() for t in p.get("tags") or []]
    return "insulated" in tags or bool(_INSULATION.search(str(p.get("material") or "")))


def _warmth(a: Product, b: Product, question: str = "") -> str:
    """The catalog has no warmth figure. When exactly one side's listing says it is insulated (a tag, or down,
    synthetic insulation, a quilted fill), that side is the warmer one, said with both sides' evidence; otherwise
    that is said, with what each listing does give (material, warmth tags, season), never a verdict read from a
    season tag (a cotton sweater listed for winter is not warmer than a lambswool one listed for fall). The price
    difference follows unless the price is asked on its own."""
    insulated = [p for p in (a, b) if _insulated(p)]
    if len(insulated) == 1:
        warm = insulated[0]
        cold = b if warm is a else a
        out = (
            f"From the listings, the {warm['name']} is the warmer choice: it is insulated ({_warm_signs(warm)}); "
            f"the {cold['name']} lists no insulation ({_warm_signs(cold) or 'no material given'})."
        )
    else:
        said = f"the {a['name']} is {_warm_signs(a) or 'listed without a material'}; the {b['name']} is {_warm_signs(b) or 'listed without a material'}"
        out = f"Our product details have no warmth rating, so I can't say for sure which is warmer. What the listings give: {said}."
    if not (_CHEAPER.search(question) or _DEARER.search(question)):
        pa, pb = float(a.get("price") or 0), float(b.get("price") or 0)
        if pa and pb and pa != pb:
            high, low = (a, b) if pa > pb else (b, a)
            out += f" {_difference(high, low)}"
    return out


def _rating(a: Product, b: Product) -> str:
    if not a.get("rating") or not b.get("rating"):
        rated = [p for p in (a, b) if p.get("rating")]
        unrated = [p["name"] for p in (a, b) if not p.get("rating")]
        said = " and the ".join(unrated)
        if rated:
            return (
                f"The {rated[0]['name']} is rated {float(rated[0]['rating']):.1f} out of 5; the {said} has no "
                "customer rating yet, so I can't say which customers like more."
            )
        return f"Neither the {said} has a customer rating yet."
    ra, rb = float(a["rating"]), float(b["rating"])
    if ra == rb:
        return f"Customers rate both {ra:.1f} out of 5."
    best, other = (a, b) if ra > rb else (b, a)
    return (
        f"Customers rate the {best['name']} higher: {float(best['rating']):.1f} out of 5, against "
        f"{float(other['rating']):.1f} for the {other['name']}."
    )


def _stock_words(p: Product) -> str:
    st = p.get("stock") if isinstance(p.get("stock"), dict) else None
    if st is None:
        return "in stock" if p.get("in_stock", True) else "out of stock"
    have = [str(s) for s, q in st.items() if int(q or 0) > 0]
    return f"in stock in sizes {', '.join(have)}" if have else "out of stock in every size"


def _size_stock(a: Product, b: Product, size: str) -> str:
    """ "Which one do you have in XL?": each side's stock of that size."""
    have = [p for p in (a, b) if size_ok(p, size)]
    if len(have) == 2:
        return f"Both are in stock in size {size}."
    if not have:
        return f"Neither is in stock in size {size}."
    other = b if have[0] is a else a
    made = {str(s).upper() for s in (other.get("stock") or other.get("sizes") or [])}
    why = "is sold out in that size" if size.upper() in made else "doesn't come in that size"
    return f"Only the {have[0]['name']} is in stock in size {size}; the {other['name']} {why}."


def _stock(a: Product, b: Product, question: str) -> str:
    size = product_size(a, question) or product_size(b, question)
    if size is not None:
        return _size_stock(a, b, size)
    return f"The {a['name']} is {_stock_words(a)}; the {b['name']} is {_stock_words(b)}."


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def colour_verdict(a: Product, b: Product, colours: list[str]) -> str:
    """ "Which one comes in navy?": each side's colours for the colours asked."""
    if not colours:
        return ""
    out = []
    for p in (a, b):
        have = [str(c) for c in p.get("colors") or []]
        match = [c for c in colours if c.lower() in (h.lower() for h in have)]
        if match:
            out.append(f"the {p['name']} comes in {_listing(match)}")
        elif have:
            out.append(f"the {p['name']} doesn't come in {' or '.join(colours)} (it comes in {_listing(have)})")
    said = "; ".join(out)
    return f"{said[0].upper()}{said[1:]}." if said else ""


# each dimension: where the question asks it (a match position, -1 when not asked) and its sentence
Dimension = tuple[Callable[[str, Product, Product], int], Callable[[Product, Product, str], str]]


def _at(pattern: re.Pattern[str]) -> Callable[[str, Product, Product], int]:
    return lambda q, a, b: m.start() if (m := pattern.search(q)) else -1


def _size_at(q: str, a: Product, b: Product) -> int:
    """Where a size (or stock) is asked: the size's last mention, as the question words it."""
    size = product_size(a, q) or product_size(b, q)
    if size is None:
        return _at(_STOCK)(q, a, b)
    said = list(re.finditer(rf"(?<![\w-]){re.escape(size)}(?![\w-])", q, re.I))
    return said[-1].start() if said else len(q)


def _priced(q: str) -> bool:
    return bool(_CHEAPER.search(q) or _DEARER.search(q))


def _why_at(q: str, a: Product, b: Product) -> int:
    """ "Why does B cost more?": right after the price sentence when one is asked, else where "why" is."""
    if not WHY_PRICE.search(q):
        return -1
    m = _DEARER.search(q) or _CHEAPER.search(q) or WHY_PRICE.search(q)
    return m.start() if m else -1


DIMENSIONS: tuple[Dimension, ...] = (
    (_at(_CHEAPER), lambda a, b, q: _price(a, b, dearer=False, difference=bool(_DIFFERENCE.search(q)))),
    (_at(_DEARER), lambda a, b, q: _price(a, b, dearer=True, difference=bool(_DIFFERENCE.search(q)))),
    (_at(_WARMER), _warmth),
    (_at(_RATED), lambda a, b, q: _rating(a, b)),
    (_size_at, _stock),
    (_why_at, lambda a, b, q: why_price_sentence(a, b, q, priced=_priced(q))),
    (lambda q, a, b: len(q) if PICK.search(q) else -1, lambda a, b, q: ""),  # the choice: said last, below
)


def verdicts(a: Product, b: Product, question: str, colours: list[str] | None = None) -> list[str]:
    """One sentence per dimension asked, in the order the question asks them; the colours asked last."""
    asked = sorted((at, n) for n, (where, _say) in enumerate(DIMENSIONS) if (at := where(question, a, b)) >= 0)
    out = [DIMENSIONS[n][1](a, b, question) for _at_, n in asked]
    for verdict in (measure_verdict, material_verdict, made_of_verdict, attribute_verdict):
        said = verdict(a, b, question)
        if said and said not in out:
            out.append(said)
    out.append(colour_verdict(a, b, colours or []))
    out.append(pick_sentence(a, b, question))  # "which would you pick?": from the fields said above
    return [s for s in dict.fromkeys(out) if s]


def asks_between(text: str, a: Product, b: Product, colours: list[str] | None = None) -> bool:
    """The message asks something of the two products that a comparison answers (a dimension above)."""
    return (
        bool(colours)
        or any(where(text, a, b) >= 0 for where, _say in DIMENSIONS)
        or any(f(a, b, text) for f in (measure_verdict, material_verdict, made_of_verdict, attribute_verdict))
    )


def _row(p: Product) -> str:
    bits = [money(p), str(p.get("material") or "")]
    if p.get("rating"):
        bits.append(f"rated {float(p['rating']):.1f}/5")
    bits.append(_stock_words(p))
    feats = [t for t in p.get("tags") or [] if t in FEATURES or t in WARM_TAGS]
    if feats:
        bits.append(", ".join(feats[:4]))
    return f"- {p['name']}: " + "; ".join(x for x in bits if x)


def what_differs(a: Product, b: Product) -> str:
    """Nothing asked of the two ("trying to pick between A and B"): what their listings show differently and what
    alike (price, material, customer rating, brand), each side's figure in the order of the rows below; no pick."""
    differs: list[str] = []
    alike: list[str] = []
    pa, pb = float(a.get("price") or 0), float(b.get("price") or 0)
    if pa and pb and pa != pb:
        differs.append(f"price ({money(a)} against {money(b)})")
    elif pa and pb:
        alike.append(f"the same price ({money(a)})")
    ma, mb = str(a.get("material") or ""), str(b.get("material") or "")
    if ma and mb and ma.lower() != mb.lower():
        differs.append(f"material ({ma} against {mb})")
    elif ma and mb:
        alike.append(ma)
    ra, rb = float(a.get("rating") or 0), float(b.get("rating") or 0)
    if ra and rb and ra != rb:
        differs.append(f"customer rating ({ra:.1f}/5 against {rb:.1f}/5)")
    elif ra and rb:
        alike.append(f"rated {ra:.1f}/5")
    if a.get("brand") and b.get("brand") and a["brand"] != b["brand"]:
        differs.append(f"brand ({a['brand']} against {b['brand']})")
    if not differs:
        return "Their listings show no difference in price, material or rating."
    both = f"; both are {_listing(alike)}" if alike else ""
    return f"They differ in {_listing(differs)}{both}."


# "what's the difference between A and B? which one do people like more": the differences asked, beside the verdict
_DIFFERS = re.compile(
    r"\bdifferen(?:ce|ces|t)\b(?! in (?:the )?price)|\bhow (?:do|does) (?:they|these|those|the two|it) (?:differ|compare)\b"
    r"|\bwhat sets\b",
    re.I,
)


def compare_text(a: Product, b: Product, question: str = "", colours: list[str] | None = None) -> str:
    """Two products field by field, headed by an answer to each thing asked about them (and what their listings
    show differently, when the difference is asked beside them)."""
    said = verdicts(a, b, question, colours)
    if said and _DIFFERS.search(question) and not _DIFFERENCE.search(question):
        said = [what_differs(a, b), *said]
    head = " ".join(said) or f"Here they are side by side. {what_differs(a, b)}".strip()
    return head + "\n" + _row(a) + "\n" + _row(b)


def one_side_text(a: Product, missing: list[str]) -> str:
    """ "Is A cheaper than a North Face Nuptse?": the other side is a brand the shop does not carry, so there is no
    data to compare with; that is said, with the one side's own figures."""
    return f"We don't carry {_listing(missing)}, so I can't compare it with the {a['name']}. Ours:\n" + _row(a)


__all__ = ["compare_text", "one_side_text", "verdicts"]

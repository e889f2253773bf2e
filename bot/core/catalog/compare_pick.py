"""Two products compared when the shopper asks for a choice ("which would you pick?", "which should I get for a
wedding?") or a reason ("why does the Tommy cost so much more?"). Both come from the listings' own fields only:

- a pick names one side and the fields that decide it: the use the question names (a tag such as formal, winter or
  rainy-weather that one listing has and the other lacks), then the price and the customer rating. When neither
  side wins on every field asked, the trade-off is said instead of a pick.
- a reason says that the listings give none, with what they show alike (material, shared tags) and what differs
  (brand, rating, tags): a price gap is never explained with a quality the data does not state."""

from __future__ import annotations

import re
from typing import Any

from bot.core.catalog.search import in_stock
from bot.core.catalog.text import money

Product = dict[str, Any]

PICK = re.compile(
    r"\bwhich\b[^?.!]{0,30}?\b(?:would|should|do|could|will|shall)\s+(?:you|u|i|ya)\b[^?.!]{0,12}?"
    r"\b(?:pick|choose|get|buy|go (?:for|with)|recommend|suggest|take|prefer|order)\b"
    r"|\bwhat (?:would|do) (?:you|u) (?:pick|choose|get|go (?:for|with)|recommend|suggest)\b"
    r"|\bwhich\b[^?.!]{0,20}?\b(?:is|'s|are)\s+(?:the\s+)?(?:better|best|nicer)\b(?!\s*(?:rated|reviewed|value))"
    r"|\bwhich\b[^?.!]{0,20}?\b(?:better|best) (?:buy|choice|pick|option)\b",
    re.I,
)
WHY_PRICE = re.compile(
    r"\bwhy\b[^?.!]{0,60}?\b(?:expensive|pricier|pricey|dearer|cheaper|cost|costs|price|priced|more)\b"
    r"|\bwhat makes\b[^?.!]{0,40}?\b(?:expensive|pricier|cost|costs|cheaper|price)\b"
    r"|\bworth the (?:extra|difference|price|money)\b",
    re.I,
)
# a use the question names -> the listing tags that state it (the shop's own words)
USES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"\b(?:rain\w*|wet|drizzl\w*|storm\w*)\b", re.I), ("rainy-weather", "waterproof", "water-repellent")),
    (re.compile(r"\b(?:cold|freezing|snow\w*|winter|chilly)\b", re.I), ("winter", "insulated")),
    (re.compile(r"\b(?:formal|wedding|gala|black tie|interview|funeral|ceremony)\b", re.I), ("formal",)),
    (re.compile(r"\b(?:office|work|job|business)\b", re.I), ("office", "workwear", "business casual")),
    (re.compile(r"\b(?:party|parties|night out|date night)\b", re.I), ("party",)),
    (re.compile(r"\b(?:summer|hot|heat|beach|vacation|holiday)\b", re.I), ("summer", "lightweight")),
    (re.compile(r"\b(?:hik\w*|trail\w*|outdoors?|camping)\b", re.I), ("outdoor",)),
    (re.compile(r"\b(?:commut\w*)\b", re.I), ("commute",)),
)


# tags that say who or what a product is for, not how it differs
_PLAIN_TAGS = frozenset(
    ("men", "women", "unisex", "tops", "bottoms", "outerwear", "footwear", "dresses", "accessories")
)


def _tags(p: Product) -> list[str]:
    return [str(t).lower() for t in p.get("tags") or [] if str(t).lower() not in _PLAIN_TAGS]


def _asked_uses(question: str) -> tuple[str, ...]:
    """The listing tags that state a use the question names ("for a wedding" -> formal)."""
    return tuple(dict.fromkeys(t for pattern, tags in USES if pattern.search(question) for t in tags))


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _price_gap(a: Product, b: Product) -> tuple[Product, float] | None:
    """The cheaper side and by how much; None when a price is missing or both are the same."""
    pa, pb = float(a.get("price") or 0), float(b.get("price") or 0)
    if not pa or not pb or pa == pb:
        return None
    return (a, pb - pa) if pa < pb else (b, pa - pb)


def _rated_higher(a: Product, b: Product) -> Product | None:
    ra, rb = float(a.get("rating") or 0), float(b.get("rating") or 0)
    if not ra or not rb or ra == rb:
        return None
    return a if ra > rb else b


def _rating_pair(a: Product, b: Product, first: Product) -> str:
    other = b if first is a else a
    return f"{float(first['rating']):.1f}/5 against {float(other['rating']):.1f}/5"


def _shared(a: Product, b: Product, uses: tuple[str, ...]) -> str:
    """What both listings say alike: the material, and the asked uses both are tagged for."""
    bits = []
    if a.get("material") and str(a.get("material")).lower() == str(b.get("material")).lower():
        bits.append(str(a["material"]))
    both = [t for t in uses if t in _tags(a) and t in _tags(b)]
    if both:
        bits.append(f"listed as {_listing(both)}")
    return ", ".join(bits)


def pick_sentence(a: Product, b: Product, question: str) -> str:
    """ "If I had to pick, the X: ..." from the asked use, the price and the rating; the trade-off when the fields
    disagree; '' when the question asks for no choice."""
    if not PICK.search(question):
        return ""
    if not in_stock(a) and not in_stock(b):
        return "Neither can be ordered right now, though: both are sold out in every size."
    if in_stock(a) != in_stock(b):  # only one can be bought: that one, whatever the listings say otherwise
        good, gone = (a, b) if in_stock(a) else (b, a)
        return f"If I had to pick, the {good['name']}: the {gone['name']} is sold out in every size right now."
    uses = _asked_uses(question)
    fit = {id(p): sum(t in _tags(p) for t in uses) for p in (a, b)}
    cheap, higher = _price_gap(a, b), _rated_higher(a, b)
    reasons: dict[int, list[str]] = {id(a): [], id(b): []}  # "{it}": "it" in a pick, the product's name otherwise
    if fit[id(a)] != fit[id(b)]:
        good, poor = (a, b) if fit[id(a)] > fit[id(b)] else (b, a)
        has = [t for t in uses if t in _tags(good) and t not in _tags(poor)]
        reasons[id(good)].append(f"{{it}} is listed as {_listing(has)} (the {poor['name']} is not)")
    if cheap is not None:  # both prices, never a computed difference the catalog does not state
        dear = b if cheap[0] is a else a
        reasons[id(cheap[0])].append(f"{{it}} costs less ({money(cheap[0])} against {money(dear)})")
    if higher is not None:
        reasons[id(higher)].append(f"customers rate {{it}} higher ({_rating_pair(a, b, higher)})")
    shared = _shared(a, b, uses)
    alike = f" Both are {shared}." if shared else ""
    if fit[id(a)] != fit[id(b)]:  # the use asked decides; what the other side has is still said
        best = a if fit[id(a)] > fit[id(b)] else b
    elif bool(reasons[id(a)]) != bool(reasons[id(b)]):
        best = a if reasons[id(a)] else b
    elif reasons[id(a)]:
        said = "; ".join(r.format(it=f"the {p['name']}") for p in (a, b) for r in reasons[id(p)])
        return f"It depends on what matters more to you: {said}.{alike}"
    else:
        return f"From the listings there is little to choose between them: the same price and rating.{alike}"
    other = b if best is a else a
    said = "; ".join(r.format(it="it") for r in reasons[id(best)])
    but = "; ".join(r.format(it=f"the {other['name']}") for r in reasons[id(other)])
    return f"If I had to pick, the {best['name']}: {said}{f', though {but}' if but else ''}.{alike}"


def _differs(a: Product, b: Product) -> list[str]:
    """What the listings show differently: brand, material, rating, the tags only one side has."""
    out = []
    if a.get("brand") != b.get("brand"):
        out.append(f"the brand ({a.get('brand')} and {b.get('brand')})")
    if str(a.get("material") or "").lower() != str(b.get("material") or "").lower():
        out.append(f"the material ({a.get('material') or 'not given'} and {b.get('material') or 'not given'})")
    if a.get("rating") and b.get("rating") and float(a["rating"]) != float(b["rating"]):
        out.append(f"the customer rating ({float(a['rating']):.1f}/5 and {float(b['rating']):.1f}/5)")
    only = [(p, [t for t in _tags(p) if t not in _tags(q)]) for p, q in ((a, b), (b, a))]
    out += [f"the {p['name']} is also listed as {_listing(ts[:3])}" for p, ts in only if ts]
    return out


def why_price_sentence(a: Product, b: Product, question: str, *, priced: bool) -> str:
    """ "Why is B so much more expensive?": the listings give no reason; what they show alike and what differs.
    `priced`: the price sentence is already said; else it leads."""
    if not WHY_PRICE.search(question) or _price_gap(a, b) is None:
        return ""
    low = (_price_gap(a, b) or (a, 0.0))[0]
    high = b if low is a else a
    lead = "" if priced else f"The {high['name']} ({money(high)}) costs more than the {low['name']} ({money(low)}). "
    shared = _shared(a, b, tuple(t for t in _tags(a) if t in _tags(b))[:4])
    said = [f"both are {shared}"] if shared else []
    differs = _differs(a, b)
    said += [f"what differs is {_listing(differs)}"] if differs else []
    shown = f" What they show: {'; '.join(said)}." if said else ""
    return f"{lead}Our listings don't give a reason for the price difference.{shown}"

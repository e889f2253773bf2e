"""Plain answers to the fact a shopper asks about one product, read from its own fields: "is it real leather?"
("No, it's vegan leather"), "what percent wool?", "does it run small?", "machine washable?" when the care line
says otherwise, the size asked in any wording ("need an M", "is L available", "got a 27 waist") and the sizes
that are sold out. The answer comes first, in one sentence; nothing that was not asked."""

from __future__ import annotations

import re
from typing import Any

from bot.core.catalog.composition import all_of_answer
from bot.core.catalog.size_words import adjective_after, adjective_before
from bot.domain import Constraints

_FIBRES = (
    "leather|suede|wool|merino|cashmere|cotton|linen|silk|down|denim|lambswool|alpaca|mohair|satin|nubuck|shearling"
)
# "is it real leather?", "actual leather or fake?", "genuine suede?", "is the leather fake?"
_REAL = re.compile(
    rf"\b(?:real|genuine|actual|authentic|proper|true|natural)\s+({_FIBRES})\b"
    rf"|\b({_FIBRES})\b[^?.]{{0,40}}\b(?:real|genuine|fake|faux|vegan|synthetic|imitation|pleather)\b"
    rf"|\b(?:fake|faux|vegan|synthetic|imitation)\s+({_FIBRES})\b",
    re.I,
)
_NOT_REAL = re.compile(r"\b(?:vegan|faux|synthetic|imitation|pu|polyurethane|pleather|recycled polyester)\b", re.I)
# "suede or leather?", "wool or polyester?": one of the two is the material
_CHOICE = re.compile(
    rf"\b({_FIBRES}|polyester|nylon|acrylic|viscose)\s+or\s+(?:real\s+)?({_FIBRES}|polyester|nylon|acrylic|viscose)\b",
    re.I,
)
# "what percent wool", "how much cashmere is in it", "% merino"
_PERCENT = re.compile(
    rf"\b(?:what|which|how much)\s+(?:percent(?:age)?|%|proportion|share)\s*(?:of\s+)?(?:is\s+)?(?:it\s+)?({_FIBRES})\b"
    rf"|(?:what|which)\s*%\s*(?:of\s+)?({_FIBRES})\b|\bhow much\s+({_FIBRES})\s+is\b",
    re.I,
)


def _fibre(m: re.Match[str]) -> str:
    return next(g for g in m.groups() if g).lower()


def _verb(p: dict[str, Any]) -> str:
    name = str(p.get("name") or "").lower()
    return "are" if re.search(r"(?:jeans|chinos|boots|gloves|socks|trousers|pants|sneakers|shoes)$", name) else "is"


def material_plain(p: dict[str, Any], text: str) -> str | None:
    """ "Is it real leather?" -> yes or no from the material field; "what percent wool?" -> the percentage the
    material gives, or that it gives none. None when neither is asked or the product has no material."""
    material = str(p.get("material") or "").strip()
    if not material:
        return None
    name, verb = str(p["name"]), _verb(p)
    if (m := _CHOICE.search(text)) is not None and any(re.search(rf"\b{g}\b", material, re.I) for g in m.groups()):
        return f"The {name} {verb} {material}."  # "suede or leather?": the material field says which
    if (whole := all_of_answer(name, verb, material, text)) is not None:  # "real cashmere?" on a blend: no
        return whole
    if (m := _REAL.search(text)) is not None:
        fibre = _fibre(m)
        if re.search(rf"\b{fibre}\b", material, re.I) and not _NOT_REAL.search(material):
            pure = re.search(r"\bblend\b", text, re.I) and not re.search(r"\bblend\b|,", material, re.I)
            return f"Yes, the {name} {verb} {material}{', not a blend' if pure else ''}."
        if re.search(rf"\b{fibre}\b", material, re.I):
            return f"No, the {name} {verb} {material}, not real {fibre}."
        return f"No, the {name} {verb} {material}; the listing doesn't give {fibre} as its material."
    if (m := _PERCENT.search(text)) is not None:
        fibre = _fibre(m)
        share = re.search(rf"(\d{{1,3}})\s?%\s*(?:[a-z-]+\s+)?{fibre}\b", material, re.I)
        if share and "," not in material:  # "100% merino wool": the material is the answer
            return f"The {name} {verb} {material}."
        if share:
            return f"The {name} {verb} {material}: {share.group(1)}% {fibre}."
        return f"The listing gives the material of the {name} as {material}; it doesn't give the percentage of {fibre}."
    return None


_SIZE_NAMES = {
    "small": "S",
    "medium": "M",
    "large": "L",
    "extra large": "XL",
    "x-large": "XL",
    "xlarge": "XL",
    "2xl": "XXL",
    "xx-large": "XXL",
    "extra small": "XS",
    "x-small": "XS",
    "3xl": "XXXL",
}
_TOKEN = r"(xxs|xs|s|m|l|xl|xxl|xxxl|2xl|3xl|extra large|extra small|x-large|x-small|xx-large|small|medium|large|\d{1,2}(?:\.5)?)"
_SIZE_ASKED = (
    re.compile(rf"\b(?:size|sz|in)\s+(?:an?\s+)?{_TOKEN}\b", re.I),
    re.compile(
        rf"\b(?:need|want|wear|take|get|got|have|there|any|an|a|the)\s+(?:an?\s+|the\s+|size\s+)?{_TOKEN}"
        rf"(?=\s*(?:\?|$|,|\.|!|\s+(?:waist|available|in stock|left|pls|please|too|as well|and|or|still)\b))",
        re.I,
    ),
    re.compile(
        rf"(?:^|[\s,(])({_TOKEN[1:-1]})\s+(?:available|in stock|left|still|sold out|out of stock|waist)\b", re.I
    ),
    re.compile(rf"\bwaist\s+(?:size\s+)?(?:of\s+)?{_TOKEN}\b", re.I),
)


def _norm(word: str) -> str:
    word = word.lower().strip()
    return _SIZE_NAMES.get(word, word.upper() if not word[0].isdigit() else word)


def product_size(p: dict[str, Any], text: str) -> str | None:
    """The size asked about this product, in any wording: one of its own sizes, or a letter size it lacks
    ("XS" for a jacket made in S-XL), so the answer can say it doesn't come in it. None when none is asked."""
    sizes = {str(s).upper(): str(s) for s in (p.get("stock") or {})} or {
        str(s).upper(): str(s) for s in p.get("sizes") or []
    }
    low = re.sub(re.escape(str(p.get("name") or "")), " ", text, flags=re.I).replace("’", "'")
    for pattern in _SIZE_ASKED:
        for m in pattern.finditer(low):
            raw = m.group(1)
            if pattern is _SIZE_ASKED[0] and m.group(0).lower().startswith("in") and adjective_after(low, *m.span(1)):
                continue  # "in medium wash", "in small batches": how big, no size
            if raw == "s" and not re.match(r"(?:size|sz|in)\b", m.group(0).strip(), re.I):
                continue  # "it's", "a s..." is not a size
            if (
                raw.lower() in ("a", "l", "m")
                and raw.islower()
                and not re.match(r"\W*(?:size|sz|in|need|want|an|get|got|have|any)\b", m.group(0).strip(), re.I)
            ):
                continue
            size = _norm(raw)
            if size.upper() in sizes:
                return sizes[size.upper()]
            letters = ("XS", "S", "M", "L", "XL", "XXL", "XXXL", "XXS")
            if size in letters and sizes and not any(k[0].isdigit() for k in sizes):
                return size
    gendered = gendered_size(low)  # "im a mens L"
    return sizes.get(gendered.upper()) if gendered else None


def sold_out_sizes(p: dict[str, Any]) -> list[str]:
    """The product's sizes with no stock, in the listing's order."""
    stock = p.get("stock")
    if not isinstance(stock, dict):
        return []
    return [str(s) for s, q in stock.items() if int(q or 0) <= 0]


# the care line, where the listing has one, answers "can it go in the washer / dryer?" with a no when it says otherwise
_CARE_NO = {
    "machine washable": ("machine wash", "isn't machine washable", "aren't machine washable"),
    "tumble dry": ("tumble dry", "shouldn't go in the dryer", "shouldn't go in the dryer"),
}


def care_no(p: dict[str, Any], key: str, care: str) -> str | None:
    """ "No, the ... isn't machine washable: the care line says "Hand wash cold or dry clean"." when the care
    line gives other care; None for another attribute or when the care line allows it."""
    if key not in _CARE_NO or not care:
        return None
    allowed, single, plural = _CARE_NO[key]
    if re.search(rf"\b{allowed}\b", care, re.I):
        return None
    said = care.strip().rstrip(".")
    verb = plural if _verb(p) == "are" else single
    return f'No, the {p["name"]} {verb}: the care line says "{said}".'


_RUNS = re.compile(r"\brun(?:s)? (?:small|large|big|narrow|tight|short|long)\b|\bsize (?:up|down)\b", re.I)
_CUT = re.compile(
    r"\b(?:cut in an? |finished with an? |an? )((?:relaxed|slim|regular|modern|classic|oversized|loose|boxy|tailored) fit)\b",
    re.I,
)


_CLOSURE = re.compile(r"\b(?:button|snap)[- ](?:front|fly)\b|\b(?:pullover|slip-on|lace-up)\b", re.I)


def closure_no(p: dict[str, Any], zips: list[str]) -> str:
    """What a product with no zip closure says instead: how it closes (its tags) and the first other zip it has
    ("Two zip hand pockets ..."), quoted; '' when the listing says neither."""
    closure = " and ".join(str(t) for t in p.get("tags") or [] if _CLOSURE.search(str(t)))
    said = [f"its tags say {closure}"] if closure else []
    if zips:
        said.append(f'the listing says "{zips[0].strip().rstrip(".")}"')
    return "; ".join(said)


def fit_answer(p: dict[str, Any], text: str, evidence: str) -> str:
    """ "Does it run small?": the listing's fit note as a plain answer, else that the listing doesn't say (with
    the cut it names, if any)."""
    name = str(p["name"])
    if evidence:
        lead = "No, the listing says" if _RUNS.search(text) else "Yes, the listing says"
        return f"{lead} the {name} {'fit' if _verb(p) == 'are' else 'fits'} true to size."
    tags = [str(t) for t in p.get("tags") or [] if re.fullmatch(r"(?:relaxed|slim|regular|oversized) fit", str(t))]
    found = _CUT.search(str(p.get("description") or ""))
    cut = found.group(1).lower() if found else (tags[0] if tags else "")
    said = f" It only says it is cut in a {cut}." if cut else ""
    return f"The listing for the {name} doesn't say whether it runs small or large.{said}"


# a size stated alone in a search ("button ups for guys, XL, under 60", "boots mens 10.5"): an unmistakable letter
# size, or a half size (only shoes come in halves); never a bare S, M or L, which are ordinary words
_BARE = re.compile(
    r"(?:^|[\s,(/])(xxs|xs|xl|xxl|2xl|xxxl|3xl)(?=[\s,.)!?/]|$)|(?<![$\d.])\b(\d{1,2}\.5)\b(?!\s*%)", re.I
)


def bare_size(low: str) -> str | None:
    """A size stated without "in" or "size" before it, or None."""
    m = _BARE.search(low)
    if m is None:
        return None
    return _norm(m.group(1)) if m.group(1) else m.group(2)


# "mens 34", "im a womens 6": a number right after the gender is the size
_NOT_MONEY = (
    r"(?!\s*(?:%|usd|dollars?|bucks|\$|percent|pounds?|lbs?|kg|years?|yrs?|months?|days?|weeks?|items?|pairs?))"
)
_GENDERED_SIZE = re.compile(
    r"\b(?:men'?s|women'?s|ladies)\s+(?:size\s+)?"
    rf"(?:(\d{{1,2}}(?:\.5)?)\b{_NOT_MONEY}|(xxs|xs|xl|xxl|s|m|l|small|medium|large|extra large)(?![\w'-]))",
    re.I,
)
# "mens shirt L", "cashmere sweater for men, medium": a letter size that ends the message
_LAST_SIZE = re.compile(
    r"(?<![\w'\u2019])(?<!too )(?<!very )(?<!so )(?<!bit )(xs|xl|xxl|m|l|small|medium|large)\s*[?.!]*\s*$", re.I
)


def gendered_size(low: str) -> str | None:
    """ "mens 34", "im a womens 6", "women's small": the size right after the gender, or None."""
    m = _GENDERED_SIZE.search(low)
    return None if m is None else m.group(1) or _norm(m.group(2))


def last_size(low: str) -> str | None:
    """A letter size that ends the message ("business casual shirt M"), or None (read only with a kind asked)."""
    m = _LAST_SIZE.search(low)
    return _norm(m.group(1)) if m and not adjective_before(low, m.start(1)) else None  # not "packs down small"


def featured_search(c: Constraints) -> bool:
    """ "waterproof boots mens 10.5": a feature with a gender, size, budget or sort is a search, not a question."""
    return bool(c.features and (c.gender or c.size or c.max_price is not None or c.sort.value != "relevance"))


_WARM_ASKED = re.compile(
    r"\bwarm(?:th)?\b|\b(?:for|in) (?:a |the )?(?:real |cold |freezing |harsh |proper )?winters?\b|\bcold weather\b"
    r"|\bfreezing\b",
    re.I,
)
_WARM_TAGS = ("winter", "insulated", "fully lined", "lined", "chunky knit")


def warm_answer(p: dict[str, Any], text: str) -> str | None:
    """ "Warm enough for winter?": yes when the listing tags it for winter or insulated, else what season it is
    listed for; None when warmth is not asked."""
    if not _WARM_ASKED.search(re.sub(re.escape(str(p.get("name") or "")), " ", text, flags=re.I)):
        return None
    name, verb = str(p["name"]), _verb(p)
    tags = [str(t) for t in p.get("tags") or []]
    warm = [t for t in _WARM_TAGS if t in tags]
    material = f" ({p['material']})" if p.get("material") else ""
    if "winter" in warm or "insulated" in warm:
        return f"Yes, the {name} {verb} made for cold weather: the listing tags it {' and '.join(warm)}{material}."
    seasons = [t for t in tags if t in ("spring", "summer", "fall", "all-season")]
    listed = f" it is listed for {' and '.join(seasons)}" if seasons else " it isn't listed for winter"
    return f"The {name} {verb} not tagged for winter or as insulated;{listed}{material}."


def without_colours(p: dict[str, Any], text: str) -> str:
    """The question without the product's colour names: "in medium wash" asks a colour, not size M."""
    for colour in sorted((str(c) for c in p.get("colors") or []), key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(colour)}\b", " ", text, flags=re.I)
    return text


_SEASON = re.compile(r"\b(summer|spring|fall|autumn)\b", re.I)


def season_answer(p: dict[str, Any], text: str) -> str | None:
    """ "Would it suit a summer wedding?": the seasons the listing tags it for, and whether the asked one is
    among them; None when no season is asked or the listing tags none."""
    m = _SEASON.search(re.sub(re.escape(str(p.get("name") or "")), " ", text, flags=re.I))
    tags = [str(t) for t in p.get("tags") or [] if str(t) in ("spring", "summer", "fall", "winter", "all-season")]
    if m is None or not tags:
        return None
    asked = "fall" if m.group(1).lower() == "autumn" else m.group(1).lower()
    listed = " and ".join(tags)
    material = f" ({p['material']})" if p.get("material") else ""
    if asked in tags or "all-season" in tags:
        return f"Yes, the {p['name']} {_verb(p)} listed for {listed}{material}."
    return f"The {p['name']} {_verb(p)} listed for {listed}, not {asked}{material}."

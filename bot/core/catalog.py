"""Catalog tools: constraints parsed from the shopper's words, queried against the catalog itself (not the
embedding index), answered with a short list; what the shop does not carry is said so; two products compared."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.domain import Constraints, Sort

# words for each kind of product: key -> (catalog category, a word its name must contain, or "")
KINDS: dict[str, tuple[str, str]] = {
    "jeans": ("jeans", ""),
    "chinos": ("chinos", ""),
    "jacket": ("jacket", ""),
    "coat": ("coat", ""),
    "boots": ("boots", ""),
    "shirt": ("shirt", ""),
    "t-shirt": ("t-shirt", ""),
    "sweater": ("sweater", ""),
    "dress": ("dress", ""),
    "accessories": ("accessories", ""),
    "belt": ("accessories", "belt"),
    "gloves": ("accessories", "gloves"),
    "cap": ("accessories", "cap"),
    "beanie": ("accessories", "beanie"),
    "socks": ("accessories", "socks"),
    "parka": ("coat", "parka"),
    "peacoat": ("coat", "peacoat"),
    "overcoat": ("coat", "overcoat"),
}
_KIND_WORDS: list[tuple[str, str]] = [  # (regex, kind); the first match per span wins
    (r"t-?shirts?|tees?|tshirts?", "t-shirt"),
    (r"jeans|denims?", "jeans"),
    (r"chinos?|trousers|pants|khakis", "chinos"),
    (r"jackets?", "jacket"),
    (r"parkas?", "parka"),
    (r"peacoats?|pea coats?", "peacoat"),
    (r"overcoats?", "overcoat"),
    (r"coats?|outerwear", "coat"),
    (r"boots?", "boots"),
    (r"shirts?|button-?downs?|button-?ups?|blouses?", "shirt"),
    (r"sweaters?|jumpers?|pullovers?|cardigans?|knitwear", "sweater"),
    (r"dress(?:es)?", "dress"),
    (r"accessor(?:y|ies)", "accessories"),
    (r"belts?", "belt"),
    (r"gloves?", "gloves"),
    (r"caps?|baseball caps?", "cap"),
    (r"beanies?", "beanie"),
    (r"socks?", "socks"),
]
# things a shopper may ask for that the shop does not sell: word -> the nearest kind it does sell ("" for none)
NOT_CARRIED: dict[str, str] = {
    "sneakers": "boots",
    "sneaker": "boots",
    "trainers": "boots",
    "running shoes": "boots",
    "shoes": "boots",
    "sandals": "boots",
    "heels": "boots",
    "loafers": "boots",
    "slippers": "boots",
    "flip flops": "boots",
    "sunglasses": "",
    "glasses": "",
    "watches": "",
    "watch": "",
    "jewelry": "",
    "jewellery": "",
    "necklaces": "",
    "earrings": "",
    "rings": "",
    "bracelets": "",
    "bags": "",
    "handbags": "",
    "backpacks": "",
    "purses": "",
    "wallets": "",
    "swimwear": "",
    "swimsuits": "",
    "bikinis": "",
    "shorts": "chinos",
    "skirts": "dress",
    "leggings": "jeans",
    "underwear": "",
    "bras": "",
    "lingerie": "",
    "pajamas": "",
    "pyjamas": "",
    "hoodies": "sweater",
    "hoodie": "sweater",
    "sweatshirts": "sweater",
    "blazers": "jacket",
    "blazer": "jacket",
    "suits": "jacket",
    "scarves": "accessories",
    "scarf": "accessories",
    "hats": "cap",
    "hat": "cap",
    "ties": "accessories",
    "perfume": "",
    "fragrances": "",
    "umbrellas": "",
    "kids' clothes": "",
    "baby clothes": "",
}
# fashion brands that shoppers ask for; matched only when the shop's catalog does not have them
OTHER_BRANDS = (
    "Adidas",
    "Nike",
    "Puma",
    "Reebok",
    "New Balance",
    "Under Armour",
    "Converse",
    "Vans",
    "Levi's",
    "Levis",
    "Zara",
    "H&M",
    "Gucci",
    "Prada",
    "Ralph Lauren",
    "Polo Ralph Lauren",
    "Lacoste",
    "Patagonia",
    "The North Face",
    "North Face",
    "Columbia",
    "Hugo Boss",
    "Boss",
    "Armani",
    "Diesel",
    "Dr. Martens",
    "Timberland",
    "UGG",
    "Burberry",
    "Versace",
    "Balenciaga",
    "Louis Vuitton",
    "Chanel",
    "Hollister",
    "Abercrombie",
    "Abercrombie & Fitch",
    "American Eagle",
    "J.Crew",
    "J. Crew",
    "Old Navy",
    "Mango",
    "Shein",
    "Primark",
    "Lululemon",
    "Carhartt",
    "Wrangler",
    "Lee",
    "Dockers",
    "Hanes",
    "Fila",
    "Asics",
    "Skechers",
    "Clarks",
    "Dr Martens",
    "Superdry",
    "Everlane",
    "COS",
    "Uniqlo U",
)
COLOUR_ALIASES = {
    "gray": "grey",
    "navy blue": "navy",
    "tan": "tan",
    "beige": "sand",
    "dark blue": "navy",
    "khaki": "khaki",
}
MATERIALS = (
    "leather",
    "suede",
    "wool",
    "merino",
    "cashmere",
    "cotton",
    "linen",
    "denim",
    "flannel",
    "corduroy",
    "twill",
    "poplin",
    "down",
    "polyester",
    "nylon",
    "fleece",
    "chambray",
    "silk",
    "oxford",
)
FEATURES = (
    "waterproof",
    "water-resistant",
    "water-repellent",
    "insulated",
    "windproof",
    "packable",
    "lightweight",
    "slim fit",
    "regular fit",
    "relaxed fit",
    "stretch",
    "wrinkle-resistant",
    "winter",
    "summer",
    "office",
    "formal",
    "party",
    "vacation",
    "outdoor",
    "workwear",
    "detachable hood",
    "wide width available",
    "lined",
    "double-breasted",
    "slip-resistant",
    "high-rise",
    "mid-rise",
    "tapered leg",
    "touchscreen fingertips",
)
WARM_TAGS = ("insulated", "winter", "windproof", "fully lined", "lined", "chunky knit")
WARM_MATERIALS = ("wool", "merino", "cashmere", "down", "fleece", "flannel", "shearling", "quilted")

_MONEY = r"\$?\s?(\d{1,5}(?:\.\d{1,2})?)\s?(?:usd|dollars?|bucks)?"
_MAX_PRICE = re.compile(
    rf"\b(?:under|below|less than|cheaper than|up to|no more than|max(?:imum)?|at most|within|budget(?: of| is)?)\s*{_MONEY}",
    re.I,
)
_MIN_PRICE = re.compile(rf"\b(?:over|above|more than|at least|from)\s*{_MONEY}", re.I)
_BETWEEN = re.compile(rf"\bbetween\s*{_MONEY}\s*(?:and|-|to)\s*{_MONEY}|{_MONEY}\s*(?:-|to)\s*\$\s?(\d{{1,5}})", re.I)
_AROUND = re.compile(r"\b(?:around|about|roughly|approximately)\s*\$\s?(\d{1,5})", re.I)
_CHEAP = re.compile(
    r"\b(cheapest|least expensive|lowest[- ]priced?|most affordable|cheap|budget|inexpensive|affordable|lowest price)\b",
    re.I,
)
_PRICEY = re.compile(r"\b(most expensive|priciest|highest[- ]priced?|most premium|top of the range|dearest)\b", re.I)
_RATED = re.compile(
    r"\b(best[- ]rated|top[- ]rated|highest[- ]rated|best reviewed|best[- ]reviewed|most popular|best[- ]selling|bestsellers?|best ones?)\b",
    re.I,
)
_SIZE = re.compile(
    r"\b(?:in|size|sz|a|an)\s+(xxs|xs|s|m|l|xl|xxl|\d{1,2}(?:\.5)?|small|medium|large|extra large|x-large)\b(?!\s*(?:stock|store|wash|black|blue|days?|weeks?|business|hours?|minutes?|months?|%))",
    re.I,
)
_SIZE_WORDS = {"small": "S", "medium": "M", "large": "L", "extra large": "XL", "x-large": "XL"}
_MEN = re.compile(
    r"\b(men'?s|for men|for a man|male|mens|guys?|for my (?:husband|boyfriend|dad|father|son|brother))\b", re.I
)
_WOMEN = re.compile(
    r"\b(women'?s|for women|for a woman|female|womens|ladies|lady's|for my (?:wife|girlfriend|mom|mum|mother|daughter|sister))\b",
    re.I,
)
_CARRY = re.compile(
    r"\b(do|does) (you|the shop|your shop|the store) (carry|sell|stock|have|offer|make)\b|\bhave you got\b|\bcan i (buy|get|find)\b|\bis there\b|\bare there\b",
    re.I,
)

_EXTRA_STOP = {"do", "you", "carry", "sell", "have", "any", "the", "a", "an", "stock", "offer", "make"}


@dataclass(slots=True)
class Vocabulary:
    """What the catalog holds, for parsing: brands, colours, kinds present."""

    brands: list[str]
    colours: list[str]
    kinds: set[str]
    words: set[str]  # every word in names, brands, categories, colours, materials and tags

    @classmethod
    def of(cls, catalog: Sequence[dict[str, Any]]) -> Vocabulary:
        """Build (cached per catalog object)."""
        key = (id(catalog), len(catalog))
        cached = _VOCAB.get(key)
        if cached is not None:
            return cached
        brands = sorted({str(p.get("brand")) for p in catalog if p.get("brand")}, key=len, reverse=True)
        colours = sorted({str(c).lower() for p in catalog for c in p.get("colors") or []}, key=len, reverse=True)
        kinds = {k for k, (cat, word) in KINDS.items() if any(_is_kind(p, cat, word) for p in catalog)}
        words: set[str] = set()
        for p in catalog:
            text = " ".join(
                [str(p.get(f, "")) for f in ("name", "brand", "category", "material")]
                + list(p.get("colors") or [])
                + list(p.get("tags") or [])
            )
            words |= set(re.findall(r"[a-z][a-z'&.-]+", text.lower()))
        vocab = cls(brands, colours, kinds, words)
        _VOCAB.clear()
        _VOCAB[key] = vocab
        return vocab


_VOCAB: dict[tuple[int, int], Vocabulary] = {}


def _is_kind(p: dict[str, Any], category: str, word: str) -> bool:
    return str(p.get("category", "")).lower() == category and (not word or word in str(p.get("name", "")).lower())


def parse_constraints(text: str, catalog: Sequence[dict[str, Any]]) -> Constraints:
    """Every constraint the message states; names of things the shop lacks go to missing_*."""
    vocab = Vocabulary.of(catalog)
    low = " " + text.lower().replace("’", "'") + " "
    c = Constraints()
    taken: list[tuple[int, int]] = []

    def claim(m: re.Match[str]) -> bool:
        span = m.span()
        if any(span[0] < e and s < span[1] for s, e in taken):
            return False
        taken.append(span)
        return True

    for brand in vocab.brands:
        for m in re.finditer(rf"(?<![\w]){re.escape(brand.lower())}(?![\w])", low):
            if claim(m) and brand not in c.brands:
                c.brands.append(brand)
    for brand in sorted(OTHER_BRANDS, key=len, reverse=True):
        if brand in c.brands or any(b.lower() == brand.lower() for b in vocab.brands):
            continue
        for m in re.finditer(rf"(?<![\w]){re.escape(brand.lower())}(?![\w])", low):
            if claim(m) and brand not in c.missing_brands:
                c.missing_brands.append(brand)
    for word in sorted(NOT_CARRIED, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(word)}\b", low):
            if claim(m):
                c.missing_categories.append(word)
    for pattern, kind in _KIND_WORDS:
        for m in re.finditer(rf"\b(?:{pattern})\b", low):
            if not claim(m):
                continue
            if (
                kind == "jeans"
                and m.group(0).startswith("denim")
                and re.match(r"\s+(jacket|shirt|dress)", low[m.end() :])
            ):
                taken.pop()  # "denim jacket": a jacket made of denim
                continue
            if kind in vocab.kinds and kind not in c.categories:
                c.categories.append(kind)
            elif kind not in vocab.kinds and kind not in c.missing_categories:
                c.missing_categories.append(kind)
    for colour in vocab.colours:
        if re.search(rf"\b{re.escape(colour)}\b", low) and not any(colour in k for k in c.colours):
            c.colours.append(colour)
    for alias, colour in COLOUR_ALIASES.items():
        if re.search(rf"\b{alias}\b", low) and colour not in c.colours:
            c.colours.append(colour)
    for basic in ("blue", "green", "brown", "grey", "red", "pink", "white", "black", "yellow", "purple", "orange"):
        if re.search(rf"\b{basic}\b", low) and not any(basic in k for k in c.colours):
            c.colours.append(basic)
    c.materials = [
        mat for mat in MATERIALS if re.search(rf"\b{mat}\b", low) and not (mat == "denim" and "jeans" in c.categories)
    ]
    c.features = [f for f in FEATURES if re.search(rf"\b{re.escape(f)}\b", low)]
    if re.search(r"\bwarm(?:est|er)?\b", low) and "insulated" not in c.features:
        c.features.append("warm")
    if hit := _SIZE.search(low):
        word = hit.group(1).lower()
        if not (word in ("s", "a") and hit.group(0).startswith(("a ", "an "))):
            c.size = _SIZE_WORDS.get(word, word.upper() if not word[0].isdigit() else word)
            if (
                hit.group(0).split()[0] in ("a", "an")
                and c.size not in ("S", "M", "L", "XL", "XXL", "XS", "XXS")
                and not word[0].isdigit()
            ):
                c.size = None
            if hit.group(0).split()[0] in ("a", "an") and word in ("s", "m", "l"):
                c.size = None  # "a hit..." is not a size
    if hit := _BETWEEN.search(low):
        nums = [float(x) for x in hit.groups() if x]
        if len(nums) >= 2:
            c.min_price, c.max_price = min(nums[:2]), max(nums[:2])
    else:
        if hit := _MAX_PRICE.search(low):
            c.max_price = float(hit.group(1))
        if (hit := _MIN_PRICE.search(low)) and ("$" in hit.group(0) or c.categories or c.brands):
            c.min_price = float(hit.group(1))
        if (hit := _AROUND.search(low)) and c.max_price is None:
            c.min_price, c.max_price = round(float(hit.group(1)) * 0.8, 2), round(float(hit.group(1)) * 1.2, 2)
    if _PRICEY.search(low):
        c.sort = Sort.PRICIEST
    elif _RATED.search(low):
        c.sort = Sort.BEST_RATED
    elif _CHEAP.search(low):
        c.sort = Sort.CHEAPEST
    women, men = bool(_WOMEN.search(low)), bool(_MEN.search(low.replace("women", "")))
    if women != men:
        c.gender = "women" if women else "men"
    return c


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


@dataclass(slots=True)
class CatalogResult:
    """The matches (best first), how many there were, and what was relaxed to find alternatives."""

    matches: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    relaxed: list[str] = field(default_factory=list)  # the constraints the alternatives do not meet


def _colour_ok(p: dict[str, Any], colours: list[str]) -> bool:
    have = [str(x).lower() for x in p.get("colors") or []]
    return any(any(re.search(rf"\b{re.escape(c)}\b", h) for h in have) for c in colours)


def _size_ok(p: dict[str, Any], size: str) -> bool:
    stock = p.get("stock") if isinstance(p.get("stock"), dict) else {}
    return any(str(s).lower() == size.lower() and int(q or 0) > 0 for s, q in (stock or {}).items())


def _warm(p: dict[str, Any]) -> int:
    tags = " ".join(p.get("tags") or []).lower()
    text = (str(p.get("material", "")) + " " + str(p.get("name", ""))).lower()
    return sum(t in tags for t in WARM_TAGS) + sum(m in text for m in WARM_MATERIALS)


def _feature_ok(p: dict[str, Any], feature: str) -> bool:
    if feature == "warm":
        return _warm(p) > 0
    hay = " ".join(list(p.get("tags") or []) + [str(p.get("name", "")), str(p.get("description", ""))]).lower()
    return feature in hay


def _in_stock(p: dict[str, Any]) -> bool:
    stock = p.get("stock")
    if isinstance(stock, dict):
        return any(int(q or 0) > 0 for q in stock.values())
    return bool(p.get("in_stock", True))


def failed(p: dict[str, Any], c: Constraints) -> list[str]:
    """Which of the constraints the product does not meet (empty: it matches)."""
    out = []
    if c.categories and not any(_is_kind(p, *KINDS[k]) for k in c.categories):
        out.append("category")
    if c.brands and str(p.get("brand")) not in c.brands:
        out.append("brand")
    if c.gender and str(p.get("gender", "unisex")) not in (c.gender, "unisex"):
        out.append("gender")
    if c.colours and not _colour_ok(p, c.colours):
        out.append("colour")
    if c.size and not _size_ok(p, c.size):
        out.append("size")
    price = float(p.get("price") or 0)
    if (c.max_price is not None and price > c.max_price) or (c.min_price is not None and price < c.min_price):
        out.append("price")
    if c.materials and not any(
        m in (str(p.get("material", "")) + " " + str(p.get("name", ""))).lower() for m in c.materials
    ):
        out.append("material")
    if c.features and not all(_feature_ok(p, f) for f in c.features):
        out.append("feature")
    return out


def _order(products: list[dict[str, Any]], c: Constraints) -> list[dict[str, Any]]:
    if c.sort == Sort.CHEAPEST:
        return sorted(products, key=lambda p: (float(p.get("price") or 0), str(p.get("sku"))))
    if c.sort == Sort.PRICIEST:
        return sorted(products, key=lambda p: (-float(p.get("price") or 0), str(p.get("sku"))))
    if "warm" in c.features:
        return sorted(products, key=lambda p: (-_warm(p), -float(p.get("rating") or 0), str(p.get("sku"))))
    # best rated, and the default: rating, then in stock first
    return sorted(
        products,
        key=lambda p: (not _in_stock(p), -float(p.get("rating") or 0), float(p.get("price") or 0), str(p.get("sku"))),
    )


# which constraint to give up first when nothing matches (the least important first)
_RELAX_ORDER = ("feature", "material", "colour", "size", "price", "gender", "brand", "category")


def search(catalog: Sequence[dict[str, Any]], c: Constraints, *, limit: int = 3) -> CatalogResult:
    """Products meeting every constraint (in stock first unless a size decides), sorted as asked; else the nearest."""
    matches = [p for p in catalog if not failed(p, c)]
    if matches:
        ordered = _order(matches, c)
        if not c.size:
            in_stock = [p for p in ordered if _in_stock(p)]
            ordered = in_stock + [p for p in ordered if not _in_stock(p)] if c.sort == Sort.RELEVANCE else ordered
        return CatalogResult(ordered[:limit], len(matches))
    # nearest real alternatives: drop the least important constraints one by one
    for n in range(1, len(_RELAX_ORDER) + 1):
        dropped = set(_RELAX_ORDER[:n])
        near = [p for p in catalog if not set(failed(p, c)) - dropped]
        if near:
            relaxed = sorted({f for p in near for f in failed(p, c)}, key=_RELAX_ORDER.index)
            if c.max_price is not None and "price" in relaxed:
                near.sort(key=lambda p: float(p.get("price") or 0))
                return CatalogResult([], 0, near[:limit], relaxed)
            return CatalogResult([], 0, _order(near, c)[:limit], relaxed)
    return CatalogResult()


# ---------------------------------------------------------------------------------------------- wording


def money(p: dict[str, Any]) -> str:
    """A product's price as written in replies."""
    return f"{float(p.get('price') or 0):.2f} {p.get('currency', 'USD')}"


def _listing(items: Sequence[str]) -> str:
    items = [str(i) for i in items]
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def describe_wanted(c: Constraints, *, plural: bool = True) -> str:
    """The shopper's request in words: "men's chinos in navy, in stock in size M, under 80.00 USD"."""
    kinds = [_plural(k) if plural else k for k in c.categories] or (["products"] if plural else ["product"])
    head = _listing(kinds)
    if c.brands:
        head = f"{_listing(c.brands)} {head}"
    if c.gender in ("men", "women"):
        head = f"{c.gender}'s {head}"
    if c.sort == Sort.RELEVANCE and c.materials:
        head = f"{_listing(c.materials)} {head}"
    if c.features:
        head = f"{', '.join(c.features)} {head}"
    bits = [head]
    if c.colours:
        bits.append("in " + " or ".join(c.colours))
    if c.size:
        bits.append(f"in stock in size {c.size}")
    # the shopper's own budget is not repeated as a price: "within your budget" says it without a new number
    if c.min_price is not None and c.max_price is not None:
        bits.append("in your price range")
    elif c.max_price is not None:
        bits.append("within your budget")
    elif c.min_price is not None:
        bits.append("above the price you gave")
    return " ".join(bits[:1] + [", ".join(bits[1:])]).strip().rstrip(",") if len(bits) > 1 else bits[0]


def _plural(kind: str) -> str:
    if kind.endswith("ss"):
        return kind + "es"
    return kind if kind.endswith("s") else kind + "s"


def product_line(p: dict[str, Any], c: Constraints | None = None) -> str:
    """One list line: name, price, and what the shopper filtered on."""
    bits = [f"{p['name']} - {money(p)}"]
    if p.get("rating"):
        bits.append(f"rated {float(p['rating']):.1f}/5")
    if c is not None and c.colours:
        have = [x for x in p.get("colors") or [] if any(k in str(x).lower() for k in c.colours)]
        if have:
            bits.append(f"in {_listing(have)}")
    if c is not None and c.size and _size_ok(p, c.size):
        bits.append(f"size {c.size} in stock")
    elif not _in_stock(p):
        bits.append("currently out of stock")
    return ", ".join(bits)


def not_carried_line(c: Constraints, catalog: Sequence[dict[str, Any]]) -> str:
    """ "We don't carry Adidas." with what the shop does carry."""
    vocab = Vocabulary.of(catalog)
    parts = []
    if c.missing_brands:
        parts.append(
            f"We don't carry {_listing(c.missing_brands)}. The brands we carry are {_listing(sorted(vocab.brands))}."
        )
    if c.missing_categories:
        parts.append(f"We don't sell {_listing(c.missing_categories)}.")
    return " ".join(parts)


def nearest_for_missing(
    c: Constraints, catalog: Sequence[dict[str, Any]], *, limit: int = 3
) -> tuple[list[dict[str, Any]], str]:
    """Nearest real products for a missing brand or category, and their label ("" when none fits)."""
    kinds = [NOT_CARRIED.get(m, "") for m in c.missing_categories]
    kinds = [k for k in kinds if k and k in KINDS]
    if c.missing_categories and not kinds:
        return [], ""
    near = Constraints(
        categories=kinds or list(c.categories),
        gender=c.gender,
        colours=list(c.colours),
        size=c.size,
        min_price=c.min_price,
        max_price=c.max_price,
        sort=c.sort,
    )
    if not near.categories:
        return [], ""  # "Do you carry Adidas?": the brands we carry answer it; arbitrary products would not
    result = search(catalog, near, limit=limit)
    picks = result.matches or result.alternatives
    if not picks:
        return [], ""
    if result.matches:
        return picks, f"The nearest we have ({describe_wanted(near)} from the brands we carry)"
    unmet = _listing([_UNMET[r] for r in result.relaxed])
    kinds_text = _listing([_plural(k) for k in near.categories])
    return picks, f"The nearest we have ({kinds_text} from the brands we carry; they don't match {unmet})"


_UNMET = {
    "feature": "the feature",
    "colour": "the colour",
    "size": "the size",
    "price": "the price",
    "material": "the material",
    "gender": "the fit",
    "brand": "the brand",
    "category": "the kind",
}


def discovery_text(
    c: Constraints, result: CatalogResult, catalog: Sequence[dict[str, Any]]
) -> tuple[str, list[dict[str, Any]]]:
    """The reply to a discovery request, and the products it shows."""
    prefix = not_carried_line(c, catalog)
    if prefix:
        picks, label = nearest_for_missing(c, catalog)
        if picks:
            return f"{prefix} {label}:\n" + "\n".join(f"- {product_line(p, c)}" for p in picks), picks
        return prefix, []
    wanted = describe_wanted(c)
    if result.matches:
        lead = {
            Sort.CHEAPEST: "the cheapest",
            Sort.PRICIEST: "the most expensive",
            Sort.BEST_RATED: "the best rated",
        }.get(c.sort, "")
        n = len(result.matches)
        if result.total == 1:
            head = f"We have one: {product_line(result.matches[0], c)}."
            return head, result.matches
        if c.features and c.categories and not lead and "warm" not in c.features:
            base = Constraints(categories=list(c.categories), gender=c.gender, brands=list(c.brands))
            every = result.total == sum(1 for p in catalog if not failed(p, base))
            head = f"{'All' if every else 'Some'} of our {describe_wanted(base)} are {', '.join(c.features)}. Here are {'some' if n > 1 else 'one'}:"
        elif lead:
            head = f"{lead.capitalize()} {wanted}:"
        elif result.total == n:
            head = f"Here are the {wanted} we have:"
        else:
            head = f"Here are {n} of our {wanted}:"
        return head + "\n" + "\n".join(f"- {product_line(p, c)}" for p in result.matches), result.matches
    if result.alternatives:
        unmet = _listing(
            [
                {
                    "feature": "the feature",
                    "colour": "the colour",
                    "size": "the size",
                    "price": "the price",
                    "material": "the material",
                    "gender": "the fit",
                    "brand": "the brand",
                    "category": "the kind",
                }[r]
                for r in result.relaxed
            ]
        )
        head = f"Sorry, we don't have any {wanted}. The nearest we have (they don't match {unmet}):"
        return head + "\n" + "\n".join(f"- {product_line(p, c)}" for p in result.alternatives), result.alternatives
    return f"Sorry, we don't have any {wanted}.", []


# ---------------------------------------------------------------------------------------------- comparison


def compare_text(a: dict[str, Any], b: dict[str, Any], question: str = "") -> str:
    """Two products field by field, with a plain answer for "cheaper" and "warmer" questions."""

    def stock(p: dict[str, Any]) -> str:
        st = p.get("stock") if isinstance(p.get("stock"), dict) else None
        if st is None:
            return "in stock" if p.get("in_stock", True) else "out of stock"
        have = [s for s, q in st.items() if int(q or 0) > 0]
        return f"in stock in sizes {', '.join(have)}" if have else "out of stock in every size"

    rows = []
    for p in (a, b):
        bits = [f"{money(p)}", str(p.get("material") or "")]
        if p.get("rating"):
            bits.append(f"rated {float(p['rating']):.1f}/5")
        bits.append(stock(p))
        feats = [t for t in p.get("tags") or [] if t in FEATURES or t in WARM_TAGS]
        if feats:
            bits.append(", ".join(feats[:4]))
        rows.append(f"- {p['name']}: " + "; ".join(x for x in bits if x))
    low = question.lower()
    verdict = ""
    pa, pb = float(a.get("price") or 0), float(b.get("price") or 0)
    if re.search(r"\b(cheaper|less expensive|more affordable|better value|costs? less)\b", low) and pa != pb:
        cheap = a if pa < pb else b
        other = b if cheap is a else a
        verdict = f"The {cheap['name']} ({money(cheap)}) is cheaper than the {other['name']} ({money(other)})."
    elif re.search(r"\b(more expensive|pricier|costs? more)\b", low) and pa != pb:
        dear = a if pa > pb else b
        other = b if dear is a else a
        verdict = f"The {dear['name']} ({money(dear)}) is more expensive than the {other['name']} ({money(other)})."
    elif re.search(r"\b(warmer|warmest|warm)\b", low):
        wa, wb = _warm(a), _warm(b)
        if wa != wb:
            warm = a if wa > wb else b
            verdict = f"From the product details, the {warm['name']} is the warmer choice ({_warm_reason(warm)})."
        else:
            verdict = "Our product details don't say that one is warmer than the other."
    elif re.search(r"\b(better rated|higher rated|better reviews?|more popular)\b", low):
        ra, rb = float(a.get("rating") or 0), float(b.get("rating") or 0)
        if ra != rb:
            best = a if ra > rb else b
            verdict = f"The {best['name']} is rated higher ({max(ra, rb):.1f}/5 against {min(ra, rb):.1f}/5)."
    head = verdict or "Here they are side by side:"
    return head + "\n" + "\n".join(rows)


def _warm_reason(p: dict[str, Any]) -> str:
    tags = [t for t in p.get("tags") or [] if t in WARM_TAGS]
    material = str(p.get("material") or "")
    bits = ([material] if any(m in material.lower() for m in WARM_MATERIALS) else []) + tags
    return ", ".join(bits[:3]) or material


def split_comparison(text: str) -> list[str]:
    """The two sides of "A or B", "A vs B", "between A and B", "A compared to B"."""
    body = re.sub(
        r"^.*?\b(between|compare|comparing|which is (?:warmer|cheaper|better|more expensive)[,:]?|difference between)\b",
        "",
        text,
        flags=re.I,
    )
    parts = re.split(r"\s+(?:or|vs\.?|versus|and|compared (?:to|with)|against)\s+|,\s*", body, flags=re.I)
    return [p.strip(" ?.!") for p in parts if p.strip(" ?.!")]


COMPARE = re.compile(
    r"\b(compare|comparison|vs\.?|versus|difference between|which (?:one )?is (?:warmer|cheaper|better|lighter|more expensive|pricier|better rated)|"
    r"(?:warmer|cheaper|better|more expensive|better rated) than)\b",
    re.I,
)

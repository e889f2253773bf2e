"""Product fact lines read as records, and a reply's product claims checked against them.

A fact line (bot/core/lookups.describe_product) reads "NAME (SKU X) by BRAND: price 23.50 USD; colours sand,
black; sizes XS, S, M; in stock in sizes XS, M; size S is out of stock." A reply sentence names a product
(by the words of its name no other product in the grounding shares, or by its SKU; a sentence naming none
speaks of the product of the sentence before, or of the only product there is) and may state its price,
its colours, the sizes it comes in and which are in stock. Each must be that product's, with the same
polarity: "XL is in stock" where the line lists XL as out of stock, or another product's price or colour,
is rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.meaning.text import NEG, STOP, sentences

_LINE = re.compile(r"^(?P<name>[^\n(]{3,120}?) \(SKU (?P<sku>[A-Z0-9-]+)\)(?: by [^:\n]*)?: (?P<rest>[^\n]*)$", re.M)
_PRICE = re.compile(r"\$\s?(\d+(?:\.\d{1,2})?)|(\d+(?:\.\d{1,2})?)\s?(?:USD|dollars)\b")
_RATED = re.compile(r"\b\d(?:\.\d)?\s*(?:/\s*5|out of 5)\b")  # "4.7/5" is a rating, not sizes 4.7 and 5
_STOCK_NEG = re.compile(r"\b(?:out of stock|sold out|unavailable|not (?:in stock|available))\b", re.I)
_STOCK_POS = re.compile(r"\b(?:in stock|available|in-stock)\b", re.I)
_SIZE_WORD = re.compile(r"(?<![\w.$])(XXS|XS|S|M|L|XL|XXL|XXXL|\d{1,2}(?:\.5)?)(?![\w%]|\.\w)")
_CHEAPER = re.compile(r"\b(?:cheaper|less expensive|lower[- ]priced|more affordable|cheapest|costs less)\b", re.I)
_DEARER = re.compile(r"\b(?:more expensive|pricier|higher[- ]priced|most expensive|costs more)\b", re.I)
_SEGMENTS = re.compile(
    r";\s*|,\s+(?:but|while|whereas)\s+|\s+(?:versus|vs\.?|compared with|compared to|while|whereas)\s+|\s+[–—-]\s+"
)


# colour words a reply may name for a product (besides every colour of the grounding's fact lines)
COLOURS = frozenset(
    """black white navy blue red green grey gray brown beige tan sand khaki olive pink purple yellow orange cream
    ivory charcoal burgundy maroon teal rust indigo camel stone mustard lavender lilac mint coral silver gold
    turquoise wine plum taupe""".split()  # noqa: SIM905
)
_COLOUR_CUE = re.compile(r"\b(?:colou?rs?|comes? in|available in|in (?:a |the )?(?:shades?|hues?))\b", re.I)


@dataclass(slots=True)
class Product:
    name: str
    sku: str
    price: str = ""
    colours: list[str] = field(default_factory=list)
    sizes: list[str] = field(default_factory=list)
    in_stock: list[str] | None = None  # None: the line does not say per size
    words: frozenset[str] = frozenset()  # name words no other product of the grounding shares


def fact_lines(grounding: str) -> list[str]:
    """The product fact lines of the grounding, as text."""
    return [m.group(0) for m in _LINE.finditer(grounding)]


def read_products(grounding: str) -> list[Product]:
    """The product fact lines of the grounding."""
    products = []
    for m in _LINE.finditer(grounding):
        p = Product(m.group("name").strip(), m.group("sku"))
        for part in (x.strip() for x in m.group("rest").rstrip(".").split(";")):
            low = part.lower()
            if low.startswith("price "):
                p.price = _money(part.split()[1])
            elif low.startswith("colours ") or low.startswith("colors "):
                p.colours = [c.strip().lower() for c in part.split(" ", 1)[1].split(",")]
            elif low.startswith("sizes "):
                p.sizes = [s.strip() for s in part.split(" ", 1)[1].split(",")]
            elif low.startswith("in stock in sizes "):
                p.in_stock = [s.strip() for s in part[len("in stock in sizes ") :].split(",")]
            elif "out of stock in every size" in low:
                p.in_stock = []
        products.append(p)
    for p in products:
        mine = _name_words(p.name)
        others = {w for q in products if q is not p for w in _name_words(q.name)}
        p.words = frozenset(mine - others) or frozenset(mine)
    return products


def product_sentences(reply: str, question: str, grounding: str) -> set[int]:
    """The reply's sentences that speak of one product of the grounding's fact lines (checked as records)."""
    products = read_products(grounding)
    if not products:
        return set()
    current = _named(question, products) or (products[:1] if len(products) == 1 else [])
    out = set()
    for n, sentence in enumerate(sentences(reply)):
        current = _named(sentence, products) or current
        if current:
            out.add(n)
    return out


def product_rules(reply: str, question: str, grounding: str) -> list[tuple[int, str, str]]:
    """(sentence number, "product", reason) for each product claim the fact lines contradict."""
    products = read_products(grounding)
    if not products:
        return []
    colours = {c for p in products for c in p.colours} | COLOURS
    current = _named(question, products) or (products[:1] if len(products) == 1 else [])
    out: list[tuple[int, str, str]] = []
    for n, sentence in enumerate(sentences(reply)):
        named = _named(sentence, products)
        current = named or current
        for seg in _SEGMENTS.split(sentence):
            subject = _named(seg, products) or current
            if len(subject) > 1 and _EVERY_SIZE.search(seg):  # "Both are in stock in every size"
                out += [(n, "product", r) for p in subject for r in _stock(seg, p, bool(NEG.search(seg)))][:1]
            if len(subject) != 1:
                continue
            for reason in _check_segment(seg, subject[0], products, colours):
                out.append((n, "product", reason))
    return out


def _check_segment(seg: str, p: Product, products: list[Product], colours: set[str]) -> list[str]:
    reasons = []
    negative = bool(NEG.search(seg))
    for m in _PRICE.finditer(seg):
        value = _money(m.group(1) or m.group(2))
        owners = [q.name for q in products if q.price == value and q is not p]
        if p.price and value != p.price and owners:
            reasons.append(f"gives {p.name} the price {value} of {owners[0]} (it costs {p.price})")
    if len(products) > 1 and p.price:
        prices = [float(q.price) for q in products if q.price]
        if _CHEAPER.search(seg) and not negative and float(p.price) > min(prices):
            reasons.append(f"calls {p.name} the cheaper one, but it costs {p.price}")
        if _DEARER.search(seg) and not negative and float(p.price) < max(prices):
            reasons.append(f"calls {p.name} the more expensive one, but it costs {p.price}")
    low = seg.lower()
    known = {c for q in products for c in q.colours}
    # a colour of the product's own named in the part makes the other colour words there colours too ("in camel or red")
    cue = bool(_COLOUR_CUE.search(seg)) or any(re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", low) for c in p.colours)
    for colour in sorted(colours, key=lambda s: (-len(s), s)):
        if colour in low and re.search(rf"(?<![\w-]){re.escape(colour)}(?![\w-])", low):
            low = low.replace(colour, " ")
            if colour not in known and not cue:
                continue  # a general colour word ("gold members") counts only where colours are spoken of
            if (colour in p.colours) == negative:
                reasons.append(
                    f"says {p.name} {'does not come' if negative else 'comes'} in {colour}; its colours are {', '.join(p.colours)}"
                )
    reasons += _stock(seg, p, negative)
    return reasons


def _stock(seg: str, p: Product, negative: bool) -> list[str]:
    """Sizes said to be in stock (or out of stock) against the line's in-stock sizes."""
    if p.in_stock is None:
        return []
    out_of_stock = bool(_STOCK_NEG.search(seg)) or (negative and bool(_STOCK_POS.search(seg)))
    in_stock = not out_of_stock and bool(_STOCK_POS.search(seg))
    if not (in_stock or out_of_stock):
        return []
    if _EVERY_SIZE.search(seg) and (set(p.in_stock) != set(p.sizes) if in_stock else bool(p.in_stock)):
        state = "in stock" if in_stock else "out of stock"
        return [f"says every size of {p.name} is {state}; in stock: {', '.join(p.in_stock) or 'none'}"]
    said = _SIZE_WORD.findall(
        _SIZE_NAME.sub(lambda m: " " + _SIZE_OF[m.group(0).lower()] + " ", _PRICE.sub(" ", _RATED.sub(" ", seg)))
    )
    numeric = any(s.isdigit() for s in p.sizes)
    # a size of the product's kind (letters or numbers) it does not come in is not in stock either
    sizes = [s for s in said if s in p.sizes or (p.sizes and s.replace(".5", "").isdigit() == numeric)]
    wrong = [s for s in sizes if (s in p.in_stock) != in_stock]
    if wrong:
        state = "in stock" if in_stock else "out of stock"
        return [f"says size {', '.join(wrong)} of {p.name} is {state}; in stock: {', '.join(p.in_stock) or 'none'}"]
    return []


_EVERY_SIZE = re.compile(r"\b(?:every|all|each)\s+(?:of\s+(?:the|its|their)\s+)?sizes?\b|\ball sizes\b", re.I)
_SIZE_OF = {
    "extra small": "XS",
    "x-small": "XS",
    "small": "S",
    "medium": "M",
    "large": "L",
    "extra large": "XL",
    "x-large": "XL",
}
_SIZE_NAME = re.compile(r"\b(?:extra small|x-small|extra large|x-large|small|medium|large)\b", re.I)


def _named(text: str, products: list[Product]) -> list[Product]:
    """Products the text names by SKU or by a distinctive word of their name."""
    words = _name_words(text)
    return [p for p in products if p.sku in text or p.words & words]


def _name_words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]+", name) if len(w) > 2 and w.lower() not in STOP}


def _money(text: str) -> str:
    try:
        return f"{float(text):.2f}"
    except ValueError:
        return text

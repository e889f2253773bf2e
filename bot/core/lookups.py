"""Structured facts from the shop's data: orders (only the asker's own), products, staff cases."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from bot.core.catalog.index import CatalogDiff, PerCatalog
from bot.core.catalog.size_words import adjective_after
from bot.core.facts import names_by_words, names_in
from bot.domain import Catalog

ORDER_ID = re.compile(r"\b(?:ORD|ord|Ord)[-\s#]?(\d{4,})\b|#\s?(\d{5})\b")
SKU = re.compile(r"\b[A-Z]{2}-[A-Z]{2}-\d{4}\b")
SIZE = re.compile(r"\b(?:in|size)\s+(xxs|xs|s|m|l|xl|xxl|\d{1,2}(?:\.5)?|one size|small|medium|large)\b", re.IGNORECASE)
_SIZE_WORDS = {"small": "S", "medium": "M", "large": "L"}


class OrderSource(Protocol):
    """What the order tool needs from the store."""

    def get_order(self, order_id: str) -> dict[str, Any] | None: ...
    def orders_for(self, customer_id: str) -> list[dict[str, Any]]: ...


@dataclass(slots=True)
class ToolResult:
    """Fact lines for the grounding, plus what the pipeline should do about them."""

    facts: list[str] = field(default_factory=list)
    canned: str = ""  # a reply to send as is (e.g. ask to verify) instead of composing
    products: list[dict[str, Any]] = field(default_factory=list)
    order_ids: list[str] = field(default_factory=list)
    key_terms: list[str] = field(default_factory=list)  # a reply built on these facts must mention one
    orders: list[dict[str, Any]] = field(default_factory=list)


def order_ids_in(text: str) -> list[str]:
    """Order numbers mentioned in a message, normalised to ORD-NNNNN."""
    out = []
    for m in ORDER_ID.finditer(text):
        digits = m.group(1) or m.group(2)
        out.append(f"ORD-{digits}")
    return list(dict.fromkeys(out))


def describe_order(order: dict[str, Any]) -> str:
    """One fact line with everything a shopper may be told about their order."""
    items = ", ".join(f"{i.get('qty', 1)} x {i.get('name') or i.get('sku')}" for i in order.get("items") or [])
    parts = [f"Order {order['order_id']} placed on {str(order.get('date', ''))[:10]}: status {order.get('status')}"]
    if items:
        parts.append(f"items {items}")
    if order.get("total") is not None:
        parts.append(f"items total {float(order['total']):.2f} {order.get('currency', 'USD')}")
    if order.get("shipping_method"):
        cost = order.get("shipping_cost")
        parts.append(
            f"shipping {order['shipping_method']}"
            + (f", shipping cost {float(cost):.2f} {order.get('currency', 'USD')}" if cost is not None else "")
        )
    if order.get("carrier") and order.get("tracking_number"):
        parts.append(f"carrier {order['carrier']}, tracking number {order['tracking_number']}")
    if order.get("estimated_delivery") and order.get("status") not in ("cancelled", "returned"):
        parts.append(f"estimated delivery {order['estimated_delivery']}")  # also when delivered: was it late?
    if order.get("delivered_date"):
        parts.append(f"delivered on {order['delivered_date']}")
    return "; ".join(parts) + "."


def describe_member(customer: dict[str, Any]) -> str:
    """The customer's own membership line (what the shop may tell them of their level); '' when not known."""
    level = str(customer.get("membership") or "").strip()
    return f"Customer {customer.get('id')}: membership level {level.capitalize()}." if level else ""


def order_facts(text: str, customer_id: str | None, orders: OrderSource, *, known_customer: bool) -> ToolResult:
    """Facts about the asker's orders; other customers' orders are never described."""
    ids = order_ids_in(text)
    if not known_customer or customer_id is None:
        return ToolResult(canned="verify", order_ids=ids)
    own = {o["order_id"]: o for o in orders.orders_for(customer_id)}
    if ids:
        mine = [own[i] for i in ids if i in own]
        if not mine:
            return ToolResult(canned="not_yours", order_ids=ids)
        return ToolResult(
            facts=[describe_order(o) for o in mine],
            order_ids=[o["order_id"] for o in mine],
            key_terms=_order_terms(mine),
            orders=mine,
        )
    if not own:
        return ToolResult(canned="no_orders")
    recent = sorted(own.values(), key=lambda o: str(o.get("date", "")), reverse=True)[:2]
    return ToolResult(
        facts=[describe_order(o) for o in recent],
        order_ids=[o["order_id"] for o in recent],
        key_terms=_order_terms(recent),
        orders=recent,
    )


def _order_terms(orders: list[dict[str, Any]]) -> list[str]:
    terms = []
    for o in orders:
        terms += [
            str(o.get("status") or ""),
            str(o.get("tracking_number") or ""),
            str(o.get("estimated_delivery") or ""),
            str(o["order_id"]),
        ]
    return [t for t in terms if t]


def describe_product(p: dict[str, Any], *, size: str | None = None) -> str:
    """One fact line: price, sizes, colours and stock (per size where asked)."""
    price = f"{float(p.get('price') or 0):.2f} {p.get('currency', 'USD')}"
    line = f"{p['name']} (SKU {p['sku']}) by {p.get('brand', '')}: price {price}"
    if p.get("colors"):
        line += f"; colours {', '.join(p['colors'])}"
    stock = p.get("stock")
    if isinstance(stock, dict):
        have = [s for s, q in stock.items() if int(q or 0) > 0]
        line += (
            f"; sizes {', '.join(stock)}; in stock in sizes {', '.join(have)}"
            if have
            else "; currently out of stock in every size"
        )
        if size is not None:
            match = next((s for s in stock if s.lower() == size.lower()), None)
            if match is None:
                line += f"; size {size} is not offered"
            else:
                line += f"; size {match} is {'in stock' if int(stock[match] or 0) > 0 else 'out of stock'}"
    else:
        line += "; in stock" if p.get("in_stock", True) else "; out of stock"
    return line + "."


def asked_size(text: str) -> str | None:
    """The size a shopper asks about ("in M", "size 32"), if any."""
    m = next(
        (
            h
            for h in SIZE.finditer(text)
            if h.group(0).lower().startswith("size") or not adjective_after(text, *h.span(1))
        ),
        None,
    )
    if not m:
        return None  # "in small batches", "in medium wash": how big, no size
    word = m.group(1).lower()
    return _SIZE_WORDS.get(word, word.upper() if not word[0].isdigit() else word)


_NAME_WORD = re.compile(r"[a-z0-9']+")
_COMPOUND = re.compile(r"\b([a-z0-9]+)-([a-z0-9]+)\b")
_NOT_DISTINCTIVE = {"men's", "women's", "the", "and"}


@dataclass(frozen=True, slots=True)
class _CatalogWords:
    """Per catalog: positions by SKU; word postings of the products' distinctive name words (one entry per
    occurrence), each product's number of distinctive words and its brand (an index into `brands`, the distinct
    brands' word sets); positions by lower-case name with the distinct names (for the price check). NumPy arrays,
    so a lookup counts hits in C and 50,000 products cost a few MB."""

    by_sku: dict[str, list[int]]
    postings: dict[str, np.ndarray]
    distinctive_count: np.ndarray
    brand_of: np.ndarray
    brands: list[frozenset[str]]
    by_name: dict[str, list[int]]
    names: tuple[str, ...]


def _name_words(p: dict[str, Any]) -> tuple[list[str], frozenset[str]]:
    """A product's distinctive name words (each occurrence) and its brand's words."""
    name = _COMPOUND.sub(r"\1\2", str(p.get("name", "")).lower())  # "V-Neck" is one word, "vneck", never "neck"
    name_words = [w for w in _NAME_WORD.findall(name) if len(w) > 2]
    brand = frozenset(_NAME_WORD.findall(str(p.get("brand", "")).lower()))
    return [w for w in name_words if w not in brand and w not in _NOT_DISTINCTIVE], brand


def _by_sku_and_name(catalog: Sequence[dict[str, Any]]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    by_sku: dict[str, list[int]] = {}
    by_name: dict[str, list[int]] = {}
    for i, p in enumerate(catalog):
        if isinstance(p.get("sku"), str):
            by_sku.setdefault(p["sku"], []).append(i)
        if p.get("name"):
            by_name.setdefault(str(p["name"]).lower(), []).append(i)
    return by_sku, by_name


def _build_words(catalog: Sequence[dict[str, Any]]) -> _CatalogWords:
    """Built once per catalog (one knowledge-base version), not on every turn."""
    by_sku, by_name = _by_sku_and_name(catalog)
    postings: dict[str, list[int]] = {}
    counts = np.zeros(len(catalog), dtype=np.int32)
    brand_of = np.zeros(len(catalog), dtype=np.int32)
    brand_ids: dict[frozenset[str], int] = {}
    for i, p in enumerate(catalog):
        words, brand = _name_words(p)
        counts[i] = len(words)
        brand_of[i] = brand_ids.setdefault(brand, len(brand_ids))
        for w in words:  # once per occurrence, so a count of postings is the product's hits
            postings.setdefault(w, []).append(i)
    names = tuple(str(catalog[ids[0]]["name"]) for ids in by_name.values())
    arrays = {w: np.asarray(ids, dtype=np.int32) for w, ids in postings.items()}
    return _CatalogWords(by_sku, arrays, counts, brand_of, list(brand_ids), by_name, names)


def _updated_words(earlier: _CatalogWords, catalog: Catalog, diff: CatalogDiff) -> _CatalogWords:
    """A new version's name words from the version before's: the unchanged products' postings, word counts and
    brands moved to their new positions, only the changed products' names read (the name words were half of the
    catalog indexes' CPU time in a reload after 100 changes at 50,000 products). Equals `_build_words`."""
    same_keys = diff.in_place and all(
        (diff.earlier[j].get("sku"), diff.earlier[j].get("name")) == (catalog[j].get("sku"), catalog[j].get("name"))
        for j in diff.changed
    )  # products edited in place, none renamed: the same positions by SKU and by name
    by_sku, by_name = (earlier.by_sku, earlier.by_name) if same_keys else _by_sku_and_name(catalog)
    moved = np.asarray(diff.old_to_new, dtype=np.int64)
    kept = moved >= 0
    counts = np.zeros(len(catalog), dtype=np.int32)
    counts[moved[kept]] = earlier.distinctive_count[kept]
    brand_sets: list[frozenset[str] | None] = [None] * len(catalog)
    for old, new in zip(np.flatnonzero(kept).tolist(), moved[kept].tolist(), strict=True):
        brand_sets[new] = earlier.brands[earlier.brand_of[old]]
    added: dict[str, list[int]] = {}
    for j in diff.changed:
        words, brand_sets[j] = _name_words(catalog[j])
        counts[j] = len(words)
        for w in words:
            added.setdefault(w, []).append(j)
    brand_ids: dict[frozenset[str], int] = {}  # numbered in the order a build meets them
    brand_of = np.fromiter((brand_ids.setdefault(b or frozenset(), len(brand_ids)) for b in brand_sets), np.int32)
    arrays: dict[str, np.ndarray] = {}
    for w in earlier.postings.keys() | added.keys():
        old_ids = earlier.postings.get(w)
        now = moved[old_ids] if old_ids is not None else np.empty(0, dtype=np.int64)
        ids = np.sort(np.concatenate([now[now >= 0], np.asarray(added.get(w, ()), dtype=np.int64)]))
        if len(ids):
            arrays[w] = ids.astype(np.int32)
    names = earlier.names if same_keys else tuple(str(catalog[ids[0]]["name"]) for ids in by_name.values())
    return _CatalogWords(by_sku, arrays, counts, brand_of, list(brand_ids), by_name, names)


_WORDS: PerCatalog[_CatalogWords] = PerCatalog(
    _build_words, prepare=lambda words: names_by_words(words.names), update=_updated_words
)


def _catalog_words(catalog: Sequence[dict[str, Any]]) -> _CatalogWords:
    return _WORDS.get(catalog)


def products_by_sku(catalog: Sequence[dict[str, Any]], skus: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The catalog's products with these SKUs, by SKU (the last one where a SKU repeats), from the per-catalog index."""
    by_sku = _catalog_words(catalog).by_sku
    return {sku: catalog[by_sku[sku][-1]] for sku in skus if sku in by_sku}


class SkuMap(Mapping[str, dict[str, Any]]):
    """The catalog's products by SKU (the last one where a SKU repeats), read through the per-version index: what
    `{p["sku"]: p for p in catalog}` gives, without building a map of the whole catalog on a turn."""

    def __init__(self, catalog: Sequence[dict[str, Any]]) -> None:
        self._catalog, self._by_sku = catalog, _catalog_words(catalog).by_sku

    def __getitem__(self, sku: str) -> dict[str, Any]:
        return self._catalog[self._by_sku[sku][-1]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_sku)

    def __len__(self) -> int:
        return len(self._by_sku)


def find_products(text: str, catalog: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Products named in the text by SKU, or by enough of their distinctive name words."""
    index = _catalog_words(catalog)
    skus = set(SKU.findall(text.upper()))
    by_sku = sorted({i for sku in skus for i in index.by_sku.get(sku, [])})
    if by_sku:
        return [catalog[i] for i in by_sku]
    said = _NAME_WORD.findall(text.lower())
    said += [a + b for a, b in zip(said, said[1:], strict=False)]  # "crew neck" / "v-neck": "crewneck", "vneck"
    words = {_singular(w, index.postings) for w in said}  # "chukkas": the Chukka Boots
    words |= {w[:-1] for w in words if w.endswith("s") and w[:-1] in index.postings}  # "chinos": the Chino Pants too
    found = [index.postings[w] for w in words if w in index.postings]
    if not found:
        return []
    # a product's hits are its postings under the text's words (counted in C); two are needed
    candidates, hits = np.unique(np.concatenate(found), return_counts=True)  # ascending: catalog order
    distinctive = index.distinctive_count[candidates]
    enough = (distinctive > 0) & (hits >= np.maximum(2, (distinctive + 1) // 2))
    candidates, hits, distinctive = candidates[enough], hits[enough], distinctive[enough]
    if not len(candidates):
        return []
    brands = index.brand_of[candidates]
    named = np.zeros(len(index.brands), dtype=bool)
    for b in np.unique(brands).tolist():
        named[b] = bool(index.brands[b]) and index.brands[b] <= words
    # the best by (brand named, share of the distinctive words, hits), as tuples compare
    best = np.ones(len(candidates), dtype=bool)
    for key in (named[brands], hits / distinctive, hits):
        best &= key == key[best].max()
    # "Tommy Hilfiger ... Hudson Poplin Shirt" beats Guess's "Hudson Poplin Button-Down Shirt"
    return named_in_full(text, [catalog[int(i)] for i in candidates[best]])[:3]


def _singular(word: str, postings: Mapping[str, Any]) -> str:
    """A plural the names hold only in the singular ("chukkas", "overcoats", "westerns")."""
    if word in postings or not word.endswith("s"):
        return word
    return next((w for w in (word[:-1], word[:-2]) if w in postings), word)


def named_in_full(text: str, tied: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Of products tied on their name words, those whose whole name the text holds, when some are: "Men's" and
    "Women's" are no distinctive words, so "How much is the Guess Men's Union Slim Chinos?" tied with the women's
    pair at 50,000 products (15 of 20 bench price questions answered about two or three products)."""
    if len(tied) < 2:
        return tied
    said = " " + " ".join(_NAME_WORD.findall(text.lower())) + " "
    full = [p for p in tied if f" {' '.join(_NAME_WORD.findall(str(p.get('name', '')).lower()))} " in said]
    return full or tied


_MONEY = re.compile(r"\$\s?(\d+(?:\.\d{1,2})?)|(\d+(?:\.\d{1,2})?)\s?(?:usd|dollars?)\b", re.I)


def price_mismatches(text: str, catalog: Sequence[dict[str, Any]]) -> list[str]:
    """Sentences that name a product (as whole words) together with a price that is not that product's price.

    The names a sentence holds are found through the per-version name index, so the check costs the same for
    320 products or 50,000."""
    money = _MONEY
    index = _catalog_words(catalog)
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        low = sentence.lower()
        named = [catalog[i] for name in names_in(sentence, index.names) for i in index.by_name[name.lower()]]
        if not named:
            continue
        prices = {round(float(a or b), 2) for a, b in money.findall(sentence)}
        if "total" in low:
            continue  # order lines state totals (quantity x price, several items)
        allowed = {round(q * float(p.get("price") or 0), 2) for p in named for q in range(1, 11)}
        if prices - allowed:
            out.append(sentence)
    return out


def product_facts(products: list[dict[str, Any]], text: str) -> ToolResult:
    """Fact lines for the products being discussed."""
    size = asked_size(text)
    return ToolResult(
        facts=[describe_product(p, size=size) for p in products],
        products=products,
        key_terms=[f"{float(p.get('price') or 0):.2f}" for p in products]
        + [str(p["name"]) for p in products]
        + ["in stock", "out of stock", "sizes"],
    )


def index_catalog(catalog: Sequence[dict[str, Any]], known_names: tuple[str, ...]) -> None:
    """Build a version's catalog indexes now (when the knowledge base loads or swaps in a version) rather than on
    the first shopper's turn: at 50,000 products they take seconds, once per version. Every `PerCatalog` value of
    the core (SKUs, name words, vocabulary, generic words, attribute postings, rewording names) and the name
    indexes behind `names_in` / `find_names`."""
    import bot.core.catalog.named
    import bot.core.catalog.parse
    import bot.core.rewording  # noqa: F401  (each module registers its per-catalog values on import)
    from bot.core.catalog.index import prepare

    prepare(catalog)
    names_by_words(known_names)

"""Catalog tools: constraints parsed from the shopper's words (`parse`), queried against the catalog itself, not
the embedding index (`search`), answered with a short list; what the shop does not carry is said so; two products
compared (`text`). The words they share are data in `words`."""

from bot.core.catalog.compare import compare_text
from bot.core.catalog.open_search import open_request
from bot.core.catalog.parse import COMPARE, Vocabulary, asks_to_find, parse_constraints, split_comparison
from bot.core.catalog.plain import featured_search
from bot.core.catalog.search import CatalogResult, failed, in_stock, is_kind, search, size_ok, warmth
from bot.core.catalog.text import (
    describe_wanted,
    discovery_text,
    money,
    nearest_for_missing,
    not_carried_line,
    product_line,
)
from bot.core.catalog.words import (
    COLOUR_ALIASES,
    FEATURES,
    KIND_WORDS,
    KINDS,
    MATERIALS,
    NOT_CARRIED,
    OTHER_BRANDS,
    WARM_MATERIALS,
    WARM_TAGS,
)

__all__ = [
    "COLOUR_ALIASES",
    "COMPARE",
    "FEATURES",
    "KINDS",
    "KIND_WORDS",
    "MATERIALS",
    "NOT_CARRIED",
    "OTHER_BRANDS",
    "WARM_MATERIALS",
    "WARM_TAGS",
    "CatalogResult",
    "Vocabulary",
    "asks_to_find",
    "compare_text",
    "describe_wanted",
    "discovery_text",
    "failed",
    "featured_search",
    "in_stock",
    "is_kind",
    "money",
    "nearest_for_missing",
    "not_carried_line",
    "open_request",
    "parse_constraints",
    "product_line",
    "search",
    "size_ok",
    "split_comparison",
    "warmth",
]

"""The name and product look-ups use per-catalog indexes (50,000 products); they must find what a full scan finds."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

from bot.core.facts import PLACES, find_names, name_pattern
from bot.core.lookups import SKU, find_products

CATALOG = [
    json.loads(line)
    for line in (Path(__file__).resolve().parents[2] / "knowledge" / "catalog" / "products.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
]


def scan_names(text: str, names: list[str]) -> list[tuple[str, int]]:
    """The full scan find_names did before its index: one pattern per name."""
    found = []
    for name in {n.strip() for n in names if n and n.strip()}:
        m = name_pattern(name).search(text)
        if m:
            found.append((name, m.start()))
    return sorted(found, key=lambda f: (f[1], f[0]))


def scan_products(text: str, catalog: list[dict[str, Any]]) -> list[str]:
    """The full scan find_products did before its index."""
    skus = set(SKU.findall(text.upper()))
    found = [p for p in catalog if p.get("sku") in skus]
    if found:
        return [p["sku"] for p in found]
    said = re.findall(r"[a-z0-9']+", text.lower())
    words = set(said) | {a + b for a, b in zip(said, said[1:])}  # "crew neck" is the name word "crewneck"
    best = []
    for p in catalog:
        name = re.sub(r"\b([a-z0-9]+)-([a-z0-9]+)\b", r"\1\2", str(p.get("name", "")).lower())  # "V-Neck": one word
        name_words = [w for w in re.findall(r"[a-z0-9']+", name) if len(w) > 2]
        brand_words = set(re.findall(r"[a-z0-9']+", str(p.get("brand", "")).lower()))
        distinctive = [w for w in name_words if w not in brand_words and w not in {"men's", "women's", "the", "and"}]
        hits = sum(1 for w in distinctive if w in words)
        if distinctive and hits >= max(2, (len(distinctive) + 1) // 2):
            best.append(((int(bool(brand_words) and brand_words <= words), hits / len(distinctive), hits), p))
    if not best:
        return []
    top = max(score for score, _ in best)
    return [p["sku"] for score, p in best if score == top][:3]


def texts() -> list[str]:
    rng = random.Random(4)
    out = ["", "Hi!", "Do you ship to the US or the UK?", "Is it made in us?", "GUESS JEANS", "the guess jeans..."]
    for p in rng.sample(CATALOG, 25):
        name = str(p["name"])
        words = name.split()
        out += [
            f"How much is the {name}?",
            f"is the {name.lower()} in stock in M",
            f"Is {p['sku']} still available?",
            f"I like the {' '.join(words[-2:])} and the {words[0]}.",
            f"Compare the {name} with the {rng.choice(CATALOG)['name']}",
            f"{name}s are great",  # no whole-word match
            f"The {name}, shipped to Germany and Canada, costs $40.",
        ]
    return out


def test_find_names_matches_a_full_scan() -> None:
    names = sorted({str(p["name"]) for p in CATALOG} | {str(p["brand"]) for p in CATALOG}) + ["(RED)", "&", "US"]
    for text in texts():
        for known in (names, tuple(names), PLACES):
            got = sorted(((f.value, f.start) for f in find_names(text, known)), key=lambda f: (f[1], f[0]))
            assert got == scan_names(text, list(known)), text


def test_find_products_matches_a_full_scan_and_reuses_its_index() -> None:
    for text in texts():
        assert [p["sku"] for p in find_products(text, CATALOG)] == scan_products(text, CATALOG), text
    changed = [dict(p) for p in CATALOG]
    changed[0]["name"] = "Zephyr Quasar Parka"
    # another catalog object (a new knowledge-base version) gets its own index
    assert [p["sku"] for p in find_products("the zephyr quasar parka", changed)] == [changed[0]["sku"]]
    assert find_products("the zephyr quasar parka", CATALOG) == []


def test_products_by_sku_is_the_catalog_map_restricted_to_the_skus_asked() -> None:
    from bot.core.lookups import products_by_sku

    full = {str(p.get("sku")): p for p in CATALOG}
    asked = [CATALOG[5]["sku"], CATALOG[200]["sku"], "NO-SUCH-SKU", CATALOG[5]["sku"]]
    assert products_by_sku(CATALOG, asked) == {s: full[s] for s in asked if s in full}
    assert products_by_sku(CATALOG, []) == {}

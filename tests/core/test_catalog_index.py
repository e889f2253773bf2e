"""The per-version catalog indexes give the same answers as scanning every product: catalog search and its
nearest alternatives, the price check, and the read-only catalog the knowledge base hands out."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from bot.core.catalog import KINDS, failed, search
from bot.core.catalog.search import _RELAX_ORDER, is_kind, meeting
from bot.core.lookups import price_mismatches
from bot.domain import Catalog, Constraints, Sort

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    lines = (ROOT / "knowledge" / "catalog" / "products.jsonl").read_text(encoding="utf-8").splitlines()
    return Catalog(json.loads(line) for line in lines if line.strip())


def _random_constraints(rng: random.Random, catalog: Catalog) -> Constraints:
    p = rng.choice(catalog)
    c = Constraints()
    if rng.random() < 0.7:
        c.categories = rng.sample(sorted(KINDS), rng.choice([1, 1, 2]))
    if rng.random() < 0.3:
        c.brands = [str(rng.choice(catalog)["brand"])]
    if rng.random() < 0.4:
        c.gender = rng.choice(["men", "women", "unisex"])
    if rng.random() < 0.5:
        c.colours = [rng.choice(["black", "navy", "blue", "white", "wash", "olive", "red", "grey"])]
    if rng.random() < 0.4:
        c.max_price = float(rng.choice([30, 60, 100, 150]))
    if rng.random() < 0.2:
        c.min_price = float(rng.choice([20, 50, 90]))
    if rng.random() < 0.3:
        c.size = rng.choice(list(p.get("stock") or {"M": 1}))
    if rng.random() < 0.3:
        c.features = [rng.choice(["waterproof", "slim fit", "warm", "stretch"])]
    if rng.random() < 0.2:
        c.materials = [rng.choice(["cotton", "wool", "leather"])]
    c.sort = rng.choice(list(Sort))
    return c


def test_indexed_search_equals_a_scan_of_every_product(catalog: Catalog) -> None:
    rng = random.Random(7)
    seen_matches = seen_relaxed = 0
    for _ in range(150):
        c = _random_constraints(rng, catalog)
        assert meeting(catalog, c) == [p for p in catalog if not failed(p, c)], c
        for n in range(1, len(_RELAX_ORDER) + 1):
            dropped = frozenset(_RELAX_ORDER[:n])
            assert meeting(catalog, c, dropped=dropped) == [p for p in catalog if not set(failed(p, c)) - dropped], (
                c,
                dropped,
            )
        result = search(catalog, c)
        seen_matches += bool(result.matches)
        seen_relaxed += bool(result.alternatives)
    assert seen_matches > 20 and seen_relaxed > 20  # both paths were exercised


def test_a_plain_list_that_changes_is_indexed_again(catalog: Catalog) -> None:
    products: list[dict[str, Any]] = [dict(p) for p in catalog[:40]]
    c = Constraints(categories=["jeans"])
    before = meeting(products, c)
    products.append({**before[0], "sku": "ZZ-JN-9999"} if before else dict(catalog[0]))
    assert len(meeting(products, c)) == len(before) + (1 if before else 0)


def test_the_price_check_finds_a_named_products_wrong_price_through_the_index(catalog: Catalog) -> None:
    p = catalog[3]
    right = f"{float(p['price']):.2f}"
    assert price_mismatches(f"The {p['name']} costs ${right}.", catalog) == []
    assert (
        price_mismatches(f"The {p['name']} costs ${right} for two, that is ${float(p['price']) * 2:.2f}.", catalog)
        == []
    )
    wrong = f"The {p['name']} costs ${float(p['price']) + 7:.2f}."
    assert price_mismatches(wrong, catalog) == [wrong]
    assert price_mismatches(f"Something else costs ${float(p['price']) + 7:.2f}.", catalog) == []


def test_the_knowledge_bases_catalog_is_one_read_only_list_per_version(catalog: Catalog) -> None:
    with pytest.raises(TypeError, match="read-only"):
        catalog.append({})
    with pytest.raises(TypeError, match="read-only"):
        catalog[0] = {}
    with pytest.raises(TypeError, match="read-only"):
        catalog.sort(key=str)
    assert len(list(catalog)) == len(catalog)  # a copy is an ordinary list of the same rows


def test_index_catalog_builds_the_name_indexes_before_the_first_turn(catalog: Catalog) -> None:
    from bot.core.facts import _BY_IDENTITY
    from bot.core.lookups import index_catalog

    names = tuple(sorted({str(p["name"]) for p in catalog} | {str(p["brand"]) for p in catalog}))
    index_catalog(catalog, names)
    assert _BY_IDENTITY[id(names)][0] is names  # the turn's checks find it by identity, nothing left to build


def test_index_catalog_leaves_nothing_to_build_on_a_turn(catalog: Catalog) -> None:
    import bot.core.care_index
    from bot.core.catalog.index import _REGISTERED, POSTINGS, _key
    from bot.core.lookups import index_catalog

    index_catalog(catalog, ("x",))
    assert len(_REGISTERED) >= 6  # SKUs and name words, vocabulary, generic words, postings, rewording names, care
    assert all(_key(catalog) in per._values for per in _REGISTERED)
    postings = POSTINGS.get(catalog)
    assert {"category", "brand", "gender", "colour"} <= set(postings._groups) and postings._by_price is not None
    assert bot.core.care_index._CARE in _REGISTERED


def test_index_catalog_builds_every_style_words_postings(catalog: Catalog) -> None:
    """A product question naming "the Everett Sterling Jacket" reads its name words as style words: their postings
    are built with the version, and each equals a check of every product."""
    from bot.core.catalog.index import POSTINGS
    from bot.core.catalog.parse import Vocabulary
    from bot.core.catalog.search import _feature_ok
    from bot.core.lookups import index_catalog

    index_catalog(catalog, ("x",))
    styles = Vocabulary.of(catalog).styles
    built = POSTINGS.get(catalog)._sets
    assert styles and all(("feature", word) in built for word in styles)
    for word in sorted(styles)[:20]:
        assert built[("feature", word)] == {i for i, p in enumerate(catalog) if _feature_ok(p, word)}


def test_the_care_index_answers_as_a_scan_of_every_product(catalog: Catalog) -> None:
    from bot.core.answers import care_line
    from bot.core.care_index import care_lines

    materials = sorted({w for p in catalog for w in str(p.get("material", "")).lower().replace(",", " ").split()})
    categories = sorted({str(p.get("category", "")).lower() for p in catalog})
    assert len(materials) > 5
    for material in materials + ["merino wool", "no such material"]:
        for cats in ([], categories[:1], categories[1:3]):
            wanted = material.split()
            scan: dict[str, list[int]] = {}
            for i, p in enumerate(catalog):
                made = all(m in str(p.get("material", "")).lower() for m in wanted)
                if made and (not cats or str(p.get("category", "")).lower() in cats) and (line := care_line(p)):
                    scan.setdefault(line, []).append(i)
            expected = {line: (len(ids), ids[:3]) for line, ids in scan.items()}
            got = care_lines(catalog, wanted, cats)
            assert got == expected and list(got) == list(expected), (material, cats)


def _find_by_scan(text: str, catalog: Catalog) -> list[dict[str, Any]]:
    """find_products' rule, product by product (the reference the index must agree with)."""
    import re

    said_words = re.findall(r"[a-z0-9']+", text.lower())
    words = set(said_words) | {a + b for a, b in zip(said_words, said_words[1:])}  # "crew neck": "crewneck"
    best = []
    for p in catalog:
        brand = set(re.findall(r"[a-z0-9']+", str(p.get("brand", "")).lower()))
        joined = re.sub(r"\b([a-z0-9]+)-([a-z0-9]+)\b", r"\1\2", str(p.get("name", "")).lower())  # "v-neck": one word
        name = [w for w in re.findall(r"[a-z0-9']+", joined) if len(w) > 2]
        distinctive = [w for w in name if w not in brand and w not in {"men's", "women's", "the", "and"}]
        hits = sum(1 for w in distinctive if w in words)
        if distinctive and hits >= max(2, (len(distinctive) + 1) // 2):
            best.append(((int(bool(brand) and brand <= words), hits / len(distinctive), hits), p))
    top = max((score for score, _ in best), default=None)
    tied = [p for score, p in best if score == top]
    said = " " + " ".join(re.findall(r"[a-z0-9']+", text.lower())) + " "
    full = [p for p in tied if " " + " ".join(re.findall(r"[a-z0-9']+", str(p["name"]).lower())) + " " in said]
    return (full if len(tied) > 1 and full else tied)[:3]


def test_finding_products_by_name_words_equals_a_scan(catalog: Catalog) -> None:
    from bot.core.lookups import find_products

    rng = random.Random(11)
    texts = ["How much is the jeans?", "black slim jeans", "nothing here", "denim jacket for men"]
    for p in rng.sample(list(catalog), 80):
        words = str(p["name"]).split()
        texts.append(f"How much is the {p['name']}?")
        texts.append(" ".join(rng.sample(words, max(1, len(words) // 2))))  # part of a name, words shuffled
        texts.append(f"{p['brand']} {words[-1]} {rng.choice(catalog)['name']}")  # a brand and another name
    found = 0
    for text in texts:
        got = find_products(text, catalog)
        assert got == _find_by_scan(text, catalog), text
        found += bool(got)
    assert found > 100  # names were found, not only misses


def test_a_name_said_in_full_beats_its_mens_and_womens_siblings() -> None:
    """'Men's' and 'Women's' are no distinctive words, so three products tie on the others' words; the one whose
    whole name the shopper wrote is the one found (a catalog of 50,000 has such siblings for most names)."""
    from bot.core.lookups import find_products

    names = ["Guess Union Slim Chinos", "Guess Men's Union Slim Chinos", "Guess Women's Union Slim Chinos"]
    catalog = Catalog({"sku": f"G-{i}", "name": n, "brand": "Guess", "price": 50 + i} for i, n in enumerate(names))
    for name in names:
        assert [p["name"] for p in find_products(f"How much is the {name}?", catalog)] == [name]
    assert len(find_products("How much are the Guess Union chinos?", catalog)) == 3  # no whole name: all three


def test_every_indexed_constraint_narrows_to_what_a_scan_finds(catalog: Catalog) -> None:
    from bot.core.catalog.index import POSTINGS

    rng = random.Random(23)
    for _ in range(150):
        c = _random_constraints(rng, catalog)
        c.in_stock = rng.random() < 0.5
        c.materials = [rng.choice(["cotton", "wool", "leather", "denim", "merino"])] if rng.random() < 0.4 else []
        exact = [p for p in catalog if not failed(p, c)]
        assert meeting(catalog, c) == exact, c
        # the candidates hold every match, and no product a constraint other than features/style rules out
        candidates = [catalog[i] for i in POSTINGS.get(catalog).candidates(c)]
        assert all(p in candidates for p in exact)
        assert all(not failed(p, c) for p in candidates), c  # exactly the matches


def test_every_feature_posting_equals_a_check_of_every_product(catalog: Catalog) -> None:
    from bot.core.catalog.feature_text import known_features
    from bot.core.catalog.index import POSTINGS
    from bot.core.catalog.parse import Vocabulary
    from bot.core.catalog.search import _feature_ok

    styles = sorted(Vocabulary.of(catalog).styles)[:40]
    assert styles
    postings = POSTINGS.get(catalog)
    for feature in known_features() + styles + ["no such feature", "fully lined"]:
        assert postings.feature(feature) == {i for i, p in enumerate(catalog) if _feature_ok(p, feature)}, feature


def _next_version(catalog: Catalog) -> Catalog:
    """A later version of the catalog: products changed (a feature, a colour, stock, the kind's name word, the
    brand), some removed, some added, the order shuffled; the others equal but new dicts, as a reload reads them."""
    rng = random.Random(31)
    rows = [json.loads(json.dumps(p)) for p in catalog]
    for p in rng.sample(rows, 25):
        p["description"] = str(p.get("description", "")) + " Fully waterproof, lined and machine wash safe."
    for p in rng.sample(rows, 10):
        p["colors"] = ["navy blue", "olive"]
        p["stock"] = {size: 0 for size in p.get("stock") or {"M": 1}}
    for p in rng.sample(rows, 5):
        p["name"] = "Stretch Wool Skinny Jeans"
        p["brand"] = "Newbrand"
        p["gender"] = "unisex"
    rows = rng.sample(rows, len(rows) - 12)
    rows += [
        {**json.loads(json.dumps(p)), "sku": f"NEW-{i}", "material": "recycled leather"} for i, p in enumerate(rows[:8])
    ]
    rng.shuffle(rows)
    return Catalog(rows)


def test_a_new_versions_postings_carried_over_equal_postings_built_afresh(catalog: Catalog) -> None:
    from bot.core.catalog.feature_text import known_features
    from bot.core.catalog.index import POSTINGS, Postings, catalog_diff

    first = Catalog(json.loads(json.dumps(p)) for p in catalog)  # its own version: no other test's values
    POSTINGS.warm(first)
    earlier = POSTINGS.get(first)
    for value in ("navy", "black", "wash"):
        earlier.colour(value)
    for size in ("m", "32", "xl"):
        earlier.sized(size)
    for brand in sorted({str(p["brand"]) for p in first})[:5] + ["Newbrand"]:
        earlier.brand(brand)
    later = _next_version(first)
    diff = catalog_diff(first, later)
    assert 40 <= len(diff.changed) < len(later) // 2  # most products are carried over, the changed ones are not
    POSTINGS.warm(later)
    carried = POSTINGS.get(later)
    assert carried is not earlier and set(earlier._sets) <= set(carried._sets)  # and the new version's colours
    afresh = Postings(later)
    for field, value in carried._sets:
        built = {
            "kind": afresh.kind, "brand": afresh.brand, "gender": afresh.gender, "colour": afresh.colour,
            "size": afresh.sized, "material": afresh.material, "feature": afresh.feature,
            "stock": lambda _: afresh.stocked(),
        }[field](value)  # fmt: skip
        assert carried._sets[field, value] == built, (field, value)
    assert {("feature", f) for f in known_features()} <= set(carried._sets)
    assert carried._sets["brand", "Newbrand"]  # the changed products are checked again, not only moved
    rng = random.Random(5)
    for _ in range(60):
        c = _random_constraints(rng, later)
        assert meeting(later, c) == [p for p in later if not failed(p, c)], c


def test_every_value_a_reload_carries_over_equals_the_value_built_afresh(catalog: Catalog) -> None:
    """The word tallies (vocabulary, descriptive and generic words), the care groups and the postings' field groups
    of a new version are updated from the version before's (only the changed products read): each equals what
    reading every product of the new version gives."""
    from bot.core import care_index, product_variants
    from bot.core.catalog import carried, named, parse
    from bot.core.catalog.index import _FIELDS, POSTINGS, Postings, catalog_diff, prepare

    first = Catalog(json.loads(json.dumps(p)) for p in catalog)
    prepare(first)
    later = _next_version(first)
    prepare(later)
    plain = [json.loads(json.dumps(p)) for p in later]  # not a version's catalog: everything read afresh
    assert carried.descriptive_words(later) == frozenset().union(*(carried._words(p) for p in plain))
    assert "recycled" in carried.descriptive_words(later)  # the changed products' words are read
    assert named._GENERIC.get(later) == named._GENERIC.get(plain)
    vocab, fresh = parse.Vocabulary.of(later), parse.Vocabulary.of(plain)
    assert (vocab.brands, vocab.colours, vocab.kinds, vocab.words, vocab.styles) == (
        fresh.brands, fresh.colours, fresh.kinds, fresh.words, fresh.styles
    )  # fmt: skip
    assert "Newbrand" in vocab.brands and vocab.kinds == {
        k for k, (cat, word) in KINDS.items() if any(is_kind(p, cat, word) for p in plain)
    }
    assert care_index._CARE.get(later) == care_index._build(plain)
    assert product_variants.vocabulary(later) == product_variants.vocabulary(plain)
    assert "newbrand" in product_variants.vocabulary(later)[0]
    carried_groups, afresh = POSTINGS.get(later)._groups, Postings(later)
    assert set(carried_groups) == set(_FIELDS)
    for field, group in carried_groups.items():
        assert group == afresh._group(field, _FIELDS[field]), field

    # products edited in place (none added, removed or moved): the postings' sets are updated with set operations
    edited = Catalog(
        {**p, "gender": "unisex", "colors": ["teal"], "material": "recycled wool"} if i % 9 == 0 else p
        for i, p in enumerate(later)
    )
    assert catalog_diff(later, edited).in_place and not catalog_diff(first, later).in_place
    prepare(edited)
    postings, rebuilt = POSTINGS.get(edited), Postings(edited)
    for field, value in postings._sets:
        fresh_set = {
            "kind": rebuilt.kind, "brand": rebuilt.brand, "gender": rebuilt.gender, "colour": rebuilt.colour,
            "size": rebuilt.sized, "material": rebuilt.material, "feature": rebuilt.feature,
            "stock": lambda _: rebuilt.stocked(),
        }[field](value)  # fmt: skip
        assert postings._sets[field, value] == fresh_set, (field, value)
    assert postings.colour("teal") == frozenset(range(0, len(edited), 9))
    assert care_index._CARE.get(edited) == care_index._build(list(edited))
    assert parse.Vocabulary.of(edited).colours == parse.Vocabulary.build(list(edited)).colours


def test_a_list_that_is_not_a_versions_catalog_is_never_carried_over(catalog: Catalog) -> None:
    from bot.core.catalog.index import POSTINGS

    products = [dict(p) for p in catalog[:30]]
    POSTINGS.warm(Catalog(products))
    products[0]["description"] = "Now fully waterproof."  # a plain list's dicts may change in place
    POSTINGS.warm(products)
    assert 0 in POSTINGS.get(products).feature("waterproof")


def test_the_indexed_search_picks_what_sorting_every_match_picks(catalog: Catalog) -> None:
    """The best few read from the per-version orders (and the relaxed constraints from the postings) equal the
    scan's: every match checked, sorted with the order's key, in stock first for a relevance search."""
    rng = random.Random(41)
    later = _next_version(catalog)  # a second version: its orders partly carried over from the first's
    for cat in (catalog, later):
        seen = {"matches": 0, "relaxed": 0, "many": 0, "price_relaxed": 0}
        for n in range(300):
            c = _random_constraints(rng, cat)
            c.in_stock = rng.random() < 0.3
            if n % 10 == 0:
                c = Constraints(sort=rng.choice(list(Sort)))  # unconstrained: every product
            if n % 7 == 0:
                c.features = ["warm"]
            exclude = frozenset(str(p["sku"]) for p in rng.sample(list(cat), 3)) if n % 5 == 0 else frozenset()
            limit = rng.choice([1, 3, 5, 400])
            got = search(cat, c, limit=limit, exclude=exclude)
            assert got == search(cat, c, limit=limit, exclude=exclude, scan=True), c
            seen["matches"] += bool(got.matches)
            seen["relaxed"] += bool(got.alternatives)
            seen["many"] += got.total > 100
            seen["price_relaxed"] += "price" in got.relaxed and c.max_price is not None
        assert min(seen.values()) > 3, seen  # every path was exercised


def test_the_orders_of_a_new_version_equal_orders_built_afresh(catalog: Catalog) -> None:
    from bot.core.catalog.ranking import ORDERS, RANKING, Ranking

    first = Catalog(json.loads(json.dumps(p)) for p in catalog)
    RANKING.warm(first)
    later = _next_version(first)
    RANKING.warm(later)
    carried, afresh = RANKING.get(later), Ranking(later)
    assert carried._columns and carried is not RANKING.get(first)
    for name in ORDERS:
        for stock_first in (False, True):
            assert carried.order(name, stock_first=stock_first)[0].tolist() == (
                afresh.order(name, stock_first=stock_first)[0].tolist()
            ), name


def _same_words(a: Any, b: Any) -> bool:
    import numpy as np

    return (
        a.by_sku == b.by_sku
        and a.by_name == b.by_name
        and a.names == b.names
        and a.brands == b.brands
        and np.array_equal(a.distinctive_count, b.distinctive_count)
        and np.array_equal(a.brand_of, b.brand_of)
        and a.postings.keys() == b.postings.keys()
        and all(np.array_equal(a.postings[w], b.postings[w]) for w in a.postings)
    )


def test_a_new_versions_name_words_carried_over_equal_name_words_built_afresh(catalog: Catalog) -> None:
    """The products' name words (SKUs, postings of the distinctive name words, brands) of a new version are moved
    from the version before's, only the changed products read: a version with products changed, renamed, rebranded,
    removed, added and shuffled, and one edited in place, each equal what reading every product gives; and a name
    search through them finds what it finds in a catalog read afresh."""
    from bot.core import lookups
    from bot.core.catalog.index import prepare

    first = Catalog(json.loads(json.dumps(p)) for p in catalog)
    prepare(first)
    later = _next_version(first)
    prepare(later)
    assert _same_words(lookups._WORDS.get(later), lookups._build_words(list(later)))
    carried = lookups._WORDS.get(later)
    assert "newbrand" not in carried.postings and carried.brands.count(frozenset(["newbrand"])) == 1
    renamed = [i for i, p in enumerate(later) if p["name"] == "Stretch Wool Skinny Jeans"]
    assert renamed and all(i in carried.postings["skinny"] for i in renamed)
    edited = Catalog({**p, "name": p["name"] + " Deluxe"} if i % 7 == 0 else p for i, p in enumerate(later))
    prepare(edited)
    assert _same_words(lookups._WORDS.get(edited), lookups._build_words(list(edited)))
    assert list(lookups._WORDS.get(edited).postings["deluxe"]) == list(range(0, len(edited), 7))
    repriced = Catalog({**p, "price": 1.0} if i % 5 == 0 else p for i, p in enumerate(edited))  # none renamed
    prepare(repriced)
    assert _same_words(lookups._WORDS.get(repriced), lookups._build_words(list(repriced)))
    plain = [json.loads(json.dumps(p)) for p in edited]
    for p in random.Random(4).sample(list(edited), 20):
        found = [q["sku"] for q in lookups.find_products(f"do you have the {p['name']}?", edited)]
        assert found == [q["sku"] for q in lookups.find_products(f"do you have the {p['name']}?", plain)]
        assert p["sku"] in found

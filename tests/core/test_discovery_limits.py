"""Discovery that keeps what the shopper said (BRIEF known defect 6), on the demo store's real catalog; every
expectation is computed from knowledge/catalog/products.jsonl:
- a negated constraint rules out ("no real leather", "not wool", "that aren't Tommy Hilfiger", ", not black",
  "without a hood"), and never selects; a question ("is there no ...?"), "no idea" and "doesn't have to be" do not;
- a budget for several items together offers sets whose sum fits it, each sum written out;
- a follow-up colour that exists only outside the earlier size is said to exist, not "none of our other boots";
- a material or feature only the other gender has is named as theirs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.core.catalog import parse_constraints, size_ok
from bot.core.catalog.honest_list import discover
from bot.core.catalog.listed_text import listed_text, loosened
from bot.core.catalog.negation import LEATHERS
from bot.core.catalog.search import failed, search
from bot.domain import Constraints

CATALOG = [
    json.loads(line)
    for line in (Path(__file__).parents[2] / "knowledge/catalog/products.jsonl").read_text().splitlines()
    if line.strip()
]


def run(text: str) -> tuple[str, list[dict]]:
    reply, shown, _ = discover(CATALOG, parse_constraints(text, CATALOG), text)
    return reply, shown


def of(kind: str, gender: str | None = None) -> list[dict]:
    return [p for p in CATALOG if p["category"] == kind and (gender is None or p["gender"] == gender)]


def is_leather(p: dict) -> bool:
    return any(w in p["material"].lower() for w in LEATHERS)


@pytest.mark.parametrize(
    ("text", "excluded"),
    [
        ("looking for a women's jacket, nothing leather please", ["material:leather"]),
        ("do you have a vegan leather jacket for women? no real leather pls", ["material:real leather"]),
        ("mens sweater in M but not wool, it makes me itch", ["material:wool"]),
        ("any men's jeans in 32 that aren't Tommy Hilfiger?", ["brand:Tommy Hilfiger"]),
        ("men's winter coat without a hood, size L", ["feature:hood"]),
        ("mens shirt in M, no polyester please", ["material:polyester"]),
        ("men's parka in M, not black", ["colour:black"]),
        # near-misses: a question about the shop, "no idea", a ceiling, "doesn't have to be" rule nothing out
        ("is there no leather jacket for women under $200?", []),
        ("I have no idea about sizes, looking for a men's wool sweater", []),
        ("black dress, not more than $70", []),
        ("doesn't have to be waterproof, just a warm men's coat under $200", []),
    ],
)
def test_what_a_negation_rules_out(text: str, excluded: list[str]) -> None:
    assert parse_constraints(text, CATALOG).excluded == excluded


def test_a_ruled_out_word_is_not_asked_for() -> None:
    c = parse_constraints("mens sweater in M but not wool", CATALOG)
    assert c.materials == [] and c.categories == ["sweater"] and c.size == "M"
    c = parse_constraints("any men's jeans in 32 that aren't Tommy Hilfiger?", CATALOG)
    assert c.brands == [] and c.missing_brands == []
    c = parse_constraints("jeans, anything but Levi's", CATALOG)
    assert c.missing_brands == []  # ruled out, not asked for: no "we don't carry Levi's"
    c = parse_constraints("doesn't have to be waterproof, just a warm men's coat", CATALOG)
    assert "waterproof" not in c.features and c.excluded == []
    c = parse_constraints("I have no idea about sizes, looking for a men's wool sweater", CATALOG)
    assert c.materials == ["wool"]


def test_no_leather_lists_no_leather_and_shows_the_material() -> None:
    reply, shown = run("looking for a women's jacket, nothing leather please")
    assert shown and not any(is_leather(p) for p in shown)
    assert "(no leather)" in reply.splitlines()[0]
    for p in shown:
        assert p["material"] in reply  # each line shows what it is made of
    # the search without the negation would have found leather: the negation changed the list
    assert any(is_leather(p) for p in of("jacket", "women"))


def test_no_real_leather_keeps_vegan_leather_and_names_the_other_genders() -> None:
    reply, shown = run("do you have a vegan leather jacket for women? no real leather pls")
    vegan = [p for p in of("jacket") if "vegan" in p["material"]]
    assert vegan and all(p["gender"] == "men" for p in vegan)  # the data this test is about
    assert "The ones we have are men's:" in reply
    assert {p["sku"] for p in shown} == {p["sku"] for p in vegan}
    assert "lambskin" not in reply.lower()


def test_ruled_out_brand_colour_and_material_never_come_back_in_the_nearest() -> None:
    for text in (
        "any men's jeans in 32 that aren't Tommy Hilfiger?",
        "men's parka in M, not black",
        "mens shirt in M, no polyester please",
        "mens sweater in M but not wool",
    ):
        c = parse_constraints(text, CATALOG)
        result = search(CATALOG, c, limit=50)
        every = result.matches or result.alternatives
        assert every, text
        assert all("excluded" not in failed(p, c) for p in every), text
        # and something the negation rules out exists, so the check is not empty
        assert any("excluded" in failed(p, c) for p in CATALOG), text


def test_not_black_keeps_a_product_that_also_comes_in_another_colour() -> None:
    reply, shown = run("men's parka in M, not black")
    assert shown
    for p in shown:
        assert any("black" not in x for x in p["colors"])
        others = [x for x in p["colors"] if "black" not in x]
        assert f"in {others[0]}" in reply


@pytest.mark.parametrize(
    "text",
    [
        "need a men's shirt and chinos for under $120 total",
        "starting a new office job! need a white work shirt (S) and black trousers (26 waist). under 120 total",
        "women's sweater and jeans, size M and 27 waist, $150 altogether",
    ],
)
def test_a_budget_for_several_items_is_their_sum(text: str) -> None:
    reply, shown = run(text)
    budget = float(re.findall(r"\$?(\d{3})\b", text)[-1])
    lines = [line for line in reply.splitlines() if line.startswith("- ")]
    assert lines and "fit your budget together" in reply.splitlines()[0]
    by_name = {p["name"]: p for p in shown}
    for line in lines:
        names = re.findall(r"(?:^- | \+ )(.+?) \(\d", line)
        total = sum(by_name[n]["price"] for n in names)
        assert len(names) == 2 and total <= budget
        assert line.endswith(f"= {total:.2f} USD together")
    assert all(p["price"] <= budget for p in shown)


def test_each_item_of_a_set_keeps_its_own_colour_and_size() -> None:
    text = "need a white work shirt (S) and black trousers (26 waist). trying to keep it under 120 total"
    _, shown = run(text)
    shirts = [p for p in shown if p["category"] == "shirt"]
    trousers = [p for p in shown if p["category"] == "chinos"]
    assert shirts and trousers
    assert all("white" in p["colors"] and size_ok(p, "S") for p in shirts)
    assert all("black" in p["colors"] and size_ok(p, "26") for p in trousers)


def test_a_set_nothing_fits_says_the_cheapest_sum() -> None:
    reply, shown = run("gloves and a beanie, $30 for both")
    assert reply.startswith("Sorry, no gloves and beanie fit your budget together.")
    total = sum(p["price"] for p in shown)
    assert f"comes to {total:.2f} USD altogether" in reply and total > 30


@pytest.mark.parametrize(
    "text", ["belts and caps under $40 each", "men's shirts under $50", "matching tees for both of us"]
)
def test_a_price_per_item_or_one_kind_is_no_set(text: str) -> None:
    reply, _ = run(text)
    assert "together" not in reply


def test_a_colour_asked_after_a_sized_list_is_found_outside_that_size() -> None:
    """'knee high boots, size 7' then 'either of those in black?': the knee-high boot that comes in black is named
    with its size-7 stock, never 'none of our other boots are either'."""
    first = parse_constraints("looking for knee high boots, womens size 7", CATALOG)
    shown = search(CATALOG, first, limit=5).matches
    assert shown and not any("black" in p["colors"] for p in shown)
    turn = Constraints(colours=["black"])
    merged = turn.merged_over(first)
    skus = frozenset(p["sku"] for p in shown)
    assert not search(CATALOG, merged, exclude=skus).matches
    loose = loosened(turn, merged, CATALOG, skus)
    assert loose is not None
    text, listed = listed_text(
        turn, shown, search(shown, turn, scan=True), search(CATALOG, merged, exclude=skus), ["boots"], first, loose
    )
    assert "None of our other" not in text and "but not in stock in size 7" in text
    assert listed and all("black" in p["colors"] and not size_ok(p, "7") for p in listed)
    assert all(p["stock"].get("7", 0) == 0 for p in listed) and "size 7 sold out" in text


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("do you have a crew neck sweater for men?", "Crewneck"),
        ("the michael kors union v-neck sweater, is it in stock?", "V-Neck"),
        ("the michael kors union v neck sweater in M?", "V-Neck"),
    ],
)
def test_a_hyphenated_name_word_is_one_word(text: str, word: str) -> None:
    """'crew neck' is the Crewneck, never the V-Neck (whose 'neck' alone named it); 'v-neck' / 'v neck' still name it."""
    from bot.core.lookups import find_products

    found = find_products(text, CATALOG)
    assert found and all(word in p["name"] for p in found)


def test_sleeves_name_no_long_sleeve_product() -> None:
    from bot.core.lookups import find_products

    assert find_products("and how long are the sleeves on that size", CATALOG) == []
    assert find_products("short sleeve shirts for women in M under 80", CATALOG) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("cheapest waterproof boots for men in a 12? snow + slush", "discovery"),
        ("navy baseball cap for my dad, whats the cheapest one", "discovery"),
        ("best rated winter snow boots for women", "discovery"),
        ("how much is the guess men's calder baseball cap?", "product_fact"),  # one product named in full
    ],
)
def test_a_sort_over_words_several_names_share_is_a_search(text: str, kind: str) -> None:
    """'cheapest waterproof boots for men in a 12' named the one men's snow boot its words fit and answered 'yes, it
    is waterproof' without a price; a sort asked with a kind over words several names share is a search."""
    from bot.core.request import understand
    from bot.domain import ConversationState, Intent, IntentPrediction

    pred = IntentPrediction(Intent.PRODUCT_SEARCH, 0.9)
    assert understand(text, pred, ConversationState(), CATALOG, known_customer=False).kind.value == kind


def test_slim_or_regular_fit_and_ironing_are_answered_from_the_tags() -> None:
    from bot.core.catalog.attributes import attribute_answer

    shirt = next(p for p in CATALOG if {"slim fit", "wrinkle-resistant"} <= set(p["tags"]))
    said = attribute_answer(shirt, "is it slim or regular fit and do i have to iron it")
    assert said is not None
    assert f"The {shirt['name']} is a slim fit (its listing says slim fit)." in said
    assert f"Yes, the {shirt['name']} is wrinkle-resistant" in said
    plain = next(p for p in CATALOG if p["category"] == "shirt" and not any(t.endswith(" fit") for t in p["tags"]))
    said = attribute_answer(plain, "what fit is it?")
    assert said is not None and "doesn't mention the fit" in said
    assert attribute_answer(shirt, "does it run small?") is not None  # the fit note question keeps its own answer
    assert "cut" not in parse_constraints("any slim or regular fit jeans?", CATALOG).features

"""Product facts and lists that tell the truth, on the demo store's real catalog: a blend is no "real cashmere",
"do customers like it?" is answered from the rating, one kind's rule is not another's ("warranty on jackets"), a
unisex list is headed so and holds only unisex pieces, maternity means women's, and "which is lighter?" says the
listings give no weights. Every expectation is computed from knowledge/catalog/products.jsonl."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot.core.catalog import compare_text, parse_constraints
from bot.core.catalog.composition import composition
from bot.core.catalog.honest_list import discover
from bot.core.catalog.plain import material_plain
from bot.core.catalog.turn_fit import turn_misses
from bot.core.catalog_replies import product_fact_reply
from bot.core.kind_scope import scoped_reply
from bot.domain import Request, RequestKind

ROOT = Path(__file__).parents[2]
CATALOG = [json.loads(line) for line in (ROOT / "knowledge/catalog/products.jsonl").read_text().splitlines() if line]


def first(pred):
    return next(p for p in CATALOG if pred(p))


def fact(p: dict, text: str) -> str:
    req = Request(RequestKind.PRODUCT_FACT, text, skus=[p["sku"]], constraints=parse_constraints(text, CATALOG))
    reply = product_fact_reply(p, req, text)
    assert reply is not None
    return reply.text


def test_a_cashmere_blend_is_not_real_cashmere_and_pure_cashmere_is() -> None:
    blend = first(lambda p: re.fullmatch(r"[a-z]+-cashmere blend", p["material"]) is not None)
    answer = material_plain(blend, "is it real cashmere?")
    assert answer is not None and answer.startswith("No,") and blend["material"] in answer and "blend" in answer
    pure = first(lambda p: p["material"] == "100% cashmere")
    answer = material_plain(pure, "is it 100% cashmere?")
    assert answer is not None and answer.startswith("Yes,")
    part = first(lambda p: "with cashmere lining" in p["material"])
    answer = material_plain(part, "are these real cashmere?")
    assert answer is not None and "the cashmere is the lining" in answer and not answer.startswith("Yes")
    assert material_plain(part, "are they real leather?").startswith("Yes,")  # type: ignore[union-attr]
    puffer = first(lambda p: re.fullmatch(r"[a-z ]+ shell, \d+-fill down", p["material"]) is not None)
    answer = material_plain(puffer, "is it real down?")
    assert answer is not None and "the down is the fill" in answer and not answer.startswith("No")


def test_percent_blends_are_not_100_percent_and_every_listed_blend_says_no() -> None:
    wool = first(lambda p: re.match(r"\d+% wool, ", p["material"]) and "Wool" in p["name"])
    answer = fact(wool, f"Is the {wool['name']} 100% wool?")
    assert answer.startswith("No,") and wool["material"] in answer
    for p in CATALOG:  # the class: every blend of the catalog, asked as "pure <its first fibre>"
        if "blend" in p["material"]:
            fibre = re.match(r"(?:recycled )?([a-z]+)", p["material"]).group(1)  # type: ignore[union-attr]
            assert composition(p["material"], fibre)[0] == "blend", p["material"]


def test_do_customers_like_it_is_answered_from_the_rating() -> None:
    for p in (max(CATALOG, key=lambda p: p["rating"]), min(CATALOG, key=lambda p: p["rating"])):
        answer = fact(p, f"Do customers like the {p['name']}?")
        assert f"{p['rating']:.1f} out of 5" in answer and "doesn't say" not in answer
    loved = first(lambda p: "customers' go-to" in p["description"])
    answer = fact(loved, "what do people think of it, any good reviews?")
    assert "customers' go-to" in answer and "no written reviews" in answer


def test_one_kinds_warranty_is_not_anothers() -> None:
    faq = (ROOT / "knowledge/faq/product-care.md").read_text()
    boots = next(s for s in re.split(r"(?<=\.)\s+", faq) if "warranty" in s and "boots" in s.lower())
    said = scoped_reply("Is there a warranty on jackets?", boots)
    assert said is not None and said.startswith("Our pages don't give that for jackets") and boots in said
    assert scoped_reply("Do boots come with a warranty?", boots) is None
    assert scoped_reply("what's your warranty?", boots) is None  # no kind asked: the shop's sentence answers


def test_unisex_is_a_constraint_and_a_gendered_list_says_it_shows_unisex_pieces() -> None:
    text, shown, _ = discover(CATALOG, parse_constraints("do you have unisex t-shirts?", CATALOG), "")
    assert "unisex t-shirts" in text and shown and all(p["gender"] == "unisex" for p in shown)
    text, shown, _ = discover(CATALOG, parse_constraints("men's t-shirts under $30", CATALOG), "")
    assert all(p["gender"] in ("men", "unisex") and p["price"] < 30 for p in shown)
    assert any(p["gender"] == "unisex" for p in shown) and "men's and unisex t-shirts" in text
    women = first(lambda p: p["gender"] == "women" and p["category"] == "t-shirt")
    c = parse_constraints("any unisex tees?", CATALOG)
    assert turn_misses(women, Request(RequestKind.DISCOVERY, "any unisex tees?", constraints=c)) == ["gender"]


def test_maternity_is_womens_and_never_lists_mens() -> None:
    text, shown, _ = discover(CATALOG, parse_constraints("I'm looking for maternity jeans", CATALOG), "")
    assert "maternity" in text and shown and all(p["gender"] in ("women", "unisex") for p in shown)


def test_which_is_lighter_says_the_listings_give_no_weight() -> None:
    light = first(lambda p: "lightweight" in p["tags"] and p["category"] == "jacket")
    other = first(
        lambda p: p["category"] == "coat" and "lightweight" not in p["tags"] and "lightweight" not in p["description"]
    )
    text = compare_text(light, other, f"which is lighter, the {light['name']} or the {other['name']}?")
    assert text.startswith("Our listings don't give the weight of either.")
    assert f"The {light['name']} is listed as lightweight" in text and f"The {other['name']} is not." in text

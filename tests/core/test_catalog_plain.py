"""Plain product facts on the demo store's real catalog: the asked fact first as a yes or no from the product's own
fields (real leather, wool percentage, washer and dryer from the care line, fit), the size asked in any wording,
and the sizes that are sold out. Every expectation is computed from knowledge/catalog/products.jsonl."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot.core.catalog import parse_constraints
from bot.core.catalog.attributes import care_line
from bot.core.catalog.plain import care_no, material_plain, product_size, sold_out_sizes
from bot.core.catalog_replies import product_fact_reply
from bot.domain import Request, RequestKind

CATALOG = [
    json.loads(line)
    for line in (Path(__file__).parents[2] / "knowledge/catalog/products.jsonl").read_text().splitlines()
    if line.strip()
]


def first(pred):
    return next(p for p in CATALOG if pred(p))


def reply_text(p: dict, text: str) -> str:
    req = Request(RequestKind.PRODUCT_FACT, text, skus=[p["sku"]], constraints=parse_constraints(text, CATALOG))
    reply = product_fact_reply(p, req, text)
    assert reply is not None
    return reply.text


def test_real_leather_is_a_plain_no_for_vegan_leather_and_yes_for_lambskin() -> None:
    vegan = first(lambda p: "Leather" in p["name"] and p["material"] == "vegan leather")
    answer = material_plain(vegan, "is it real leather or fake?")
    assert answer is not None and answer.startswith("No,") and "vegan leather" in answer
    lamb = first(lambda p: "lambskin" in p["material"])
    answer = material_plain(lamb, "is this genuine leather")
    assert answer is not None and answer.startswith("Yes,") and lamb["material"] in answer
    assert material_plain(vegan, "how much is it?") is None


def test_wool_percentage_is_given_or_said_to_be_missing() -> None:
    blend = first(lambda p: re.match(r"\d+% wool, ", p["material"]))
    answer = material_plain(blend, "what percent wool is it?")
    pct = re.match(r"(\d+)%", blend["material"]).group(1)  # type: ignore[union-attr]
    assert answer is not None and f"{pct}% wool" in answer
    vague = first(lambda p: p["material"] == "recycled wool blend")
    answer = material_plain(vague, "what % wool is it")
    assert (
        answer is not None and "doesn't give the percentage" in answer and "%" not in answer.replace("percentage", "")
    )


def test_care_line_that_says_hand_wash_answers_no_to_the_washer() -> None:
    hand = first(lambda p: care_line(p).startswith("hand wash"))
    text = reply_text(hand, "can it go in the washing machine?")
    assert text.startswith("No,") and care_line(hand) in text
    machine = first(lambda p: care_line(p).startswith("machine wash"))
    assert care_no(machine, "machine washable", care_line(machine)) is None
    hang = first(lambda p: "hang dry" in care_line(p))
    assert reply_text(hang, "can I tumble dry it?").startswith("No,")


def test_fit_question_is_answered_from_the_fit_note_or_said_missing() -> None:
    fits = first(lambda p: "fits true to size" in p["description"])
    assert reply_text(fits, "does it run small?").startswith("No, the listing says")
    silent = first(lambda p: "true to size" not in p["description"].lower())
    text = reply_text(silent, "does it run small?")
    assert "doesn't say whether it runs small" in text and "true to size" not in text


def test_size_asked_in_any_wording_is_answered_with_stock() -> None:
    p = first(lambda p: any(q == 0 for q in p["stock"].values()) and "M" in p["stock"] and p["stock"]["M"] == 0)
    for text in ("need an M", "is M available?", "got it in medium?", "size M left?"):
        assert product_size(p, text) == "M", text
    assert product_size(p, "is it machine washable?") is None
    assert product_size(p, "it's lovely, is it lined?") is None
    text = reply_text(p, "does it run small? need an M")
    assert "out of stock in size M" in text
    jeans = first(lambda p: p["category"] == "jeans" and "27" in p["stock"])
    assert product_size(jeans, "got a 27 waist?") == "27"


def test_sizes_question_names_the_sold_out_sizes() -> None:
    p = first(lambda p: len(sold_out_sizes(p)) == 1 and len(p["stock"]) > 3)
    gone = sold_out_sizes(p)[0]
    text = reply_text(p, "what sizes are left?")
    assert f"{gone} is sold out" in text


def test_attribute_comes_before_stock() -> None:
    hand = first(lambda p: care_line(p).startswith("hand wash") and "S" in p["stock"])
    text = reply_text(hand, "is it machine washable and do you have it in S?")
    assert text.startswith("No,") and "size S" in text


def test_warmth_is_read_from_the_winter_and_insulated_tags() -> None:
    from bot.core.catalog.plain import warm_answer

    winter = first(lambda p: p["category"] == "coat" and {"winter", "insulated"} <= set(p["tags"]))
    answer = warm_answer(winter, "warm enough for winter?")
    assert answer is not None and answer.startswith("Yes,")
    fall = first(lambda p: p["category"] == "jacket" and "fall" in p["tags"] and "winter" not in p["tags"])
    answer = warm_answer(fall, "is it warm enough for winter?")
    assert answer is not None and not answer.startswith("Yes") and "fall" in answer
    assert warm_answer(fall, "is it lined?") is None


def test_sold_out_question_about_an_in_stock_size_is_a_no() -> None:
    p = first(lambda p: p["stock"].get("S", 0) > 0)
    assert "No, it isn't sold out" in reply_text(p, "is the S sold out?")


def test_material_choice_and_zip_closure() -> None:
    suede = first(lambda p: p["material"] == "suede" and "side zip" in p["tags"])
    assert material_plain(suede, "suede or leather?") == f"The {suede['name']} are suede."
    assert reply_text(suede, "is there a zip?").startswith("Yes,")
    pockets_only = first(lambda p: "zip hand pockets" in p["description"] and "zip" not in " ".join(p["tags"]))
    assert not reply_text(pockets_only, "does it have a zip?").startswith("Yes")  # zip pockets are no zip closure


def test_a_colour_named_like_a_size_is_not_a_size() -> None:
    jeans = first(lambda p: "medium wash" in p["colors"] and p["category"] == "jeans")
    text = reply_text(jeans, "and in medium wash?")
    assert "size M" not in text and "medium wash" in text
    req = Request(RequestKind.PRODUCT_FACT, "and in medium wash?", skus=[jeans["sku"]])
    req.constraints = parse_constraints("and in medium wash?", CATALOG)
    req.constraints.size = "M"  # as a follow-up reader that saw "in medium" sets it
    reply = product_fact_reply(jeans, req, "and in medium wash?")
    assert reply is not None and "size M" not in reply.text


def test_season_is_read_from_the_season_tags() -> None:
    from bot.core.catalog.plain import season_answer

    winter = first(lambda p: "winter" in p["tags"] and "summer" not in p["tags"] and "all-season" not in p["tags"])
    answer = season_answer(winter, "would it suit a summer wedding?")
    assert answer is not None and "not summer" in answer and not answer.startswith("Yes")
    assert season_answer(winter, "is it lined?") is None

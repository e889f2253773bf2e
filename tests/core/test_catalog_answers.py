"""Catalog answers on the demo store's real catalog: attribute questions answered from the product's own fields,
follow-ups on the list just shown, a stated gender as a filter, and constraints the data cannot check said aloud.
Every expectation is computed from knowledge/catalog/products.jsonl."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.core.catalog import discovery_text, in_stock, parse_constraints, search
from bot.core.catalog.attributes import BY_KEY, attribute_answer, care_line, evidence, has
from bot.core.catalog_replies import on_list, product_fact_reply
from bot.core.request import understand
from bot.core.turn import next_state, product_source
from bot.domain import ConversationState, Intent, IntentPrediction, Reply, Request, RequestKind, Sort

CATALOG = [
    json.loads(line)
    for line in (Path(__file__).parents[2] / "knowledge/catalog/products.jsonl").read_text().splitlines()
    if line.strip()
]
BY_SKU = {p["sku"]: p for p in CATALOG}


def ask(text: str, state: ConversationState | None = None, intent: Intent = Intent.PRODUCT_QUESTION) -> Request:
    prediction = IntentPrediction(intent=intent, confidence=0.9, label=intent.value)
    return understand(text, prediction, state or ConversationState(), CATALOG, known_customer=False)


def shown_list(text: str) -> tuple[ConversationState, list[str]]:
    """One discovery turn as the router runs it; the state after it and the SKUs it listed."""
    req = ask(text, intent=Intent.PRODUCT_SEARCH)
    assert req.kind == RequestKind.DISCOVERY
    _, products = discovery_text(req.constraints, search(CATALOG, req.constraints), CATALOG)
    reply = Reply(text="", sources=[product_source(p) for p in products])
    state = next_state(ConversationState(), req, reply)
    return state, [p["sku"] for p in products]


def first(pred) -> dict:  # type: ignore[no-untyped-def]
    return next(p for p in CATALOG if pred(p))


# ------------------------------------------------------------------ attribute questions


def test_an_attribute_the_data_shows_is_a_yes_with_the_listing_s_words() -> None:
    p = first(lambda p: "waterproof" in p["material"].lower())
    answer = attribute_answer(p, f"Is the {p['name']} waterproof?")
    assert answer is not None and answer.startswith(f"Yes, the {p['name']}") and p["material"].lower() in answer.lower()
    wide = first(lambda p: "wide widths on request" in p["description"])
    req = ask(f"How much is the {wide['name']}?")
    state = next_state(ConversationState(), req, Reply(text="", sources=[product_source(wide)]))
    follow = ask("do they come in wide width?", state)
    assert follow.kind == RequestKind.PRODUCT_FACT and follow.skus == [wide["sku"]]
    reply = product_fact_reply(wide, follow, follow.text)
    assert reply is not None and reply.text.startswith("Yes") and "wide width" in reply.text
    assert "in stock in sizes" not in reply.text  # the width was asked, not the stock


def test_an_attribute_the_data_does_not_show_is_never_a_yes() -> None:
    silent = first(lambda p: p["category"] == "jeans" and not re.search(r"shrunk|shrink", json.dumps(p), re.I))
    state = ConversationState(skus=[silent["sku"]], last_kind=RequestKind.PRODUCT_FACT.value)
    req = ask("will they shrink?", state)
    assert req.kind == RequestKind.PRODUCT_FACT and req.skus == [silent["sku"]]
    reply = product_fact_reply(silent, req, req.text)
    assert reply is not None
    assert "doesn't mention" in reply.text and silent["material"] in reply.text and not reply.text.startswith("Yes")
    assert reply.buttons  # a person can check what the listing does not say


def test_machine_washing_is_read_from_the_care_line() -> None:
    hand = first(lambda p: care_line(p).startswith("hand wash"))
    text = attribute_answer(hand, "is it machine washable?")
    assert text is not None and not text.startswith("Yes") and care_line(hand) in text
    machine = first(lambda p: care_line(p).startswith("machine wash"))
    text = attribute_answer(machine, "can I put it in the washing machine?")
    assert text is not None and text.startswith("Yes") and care_line(machine)[:20].lower() in text.lower()


def test_an_attribute_search_keeps_only_products_whose_data_shows_it() -> None:
    c = parse_constraints("machine washable jeans", CATALOG)
    assert "machine washable" in c.features
    result = search(CATALOG, c, limit=100)
    assert result.matches and all("machine wash" in care_line(p) for p in result.matches)
    assert result.total == sum(1 for p in CATALOG if p["category"] == "jeans" and has(p, "machine washable"))


# ------------------------------------------------------------------ an unmet or uncheckable filter


def test_an_attribute_no_product_shows_is_said_and_the_alternatives_are_labelled() -> None:
    c = parse_constraints("machine washable sweaters?", CATALOG)
    assert not any(p["category"] == "sweater" and has(p, "machine washable") for p in CATALOG)  # the data's truth
    text, shown = discovery_text(c, search(CATALOG, c), CATALOG)
    assert "don't have any machine washable sweaters" in text and "listings don't say machine washable" in text
    assert shown and all("machine wash" not in care_line(p) for p in shown)


def test_a_measurement_no_product_records_is_said_not_dropped() -> None:
    req = ask("men's jeans with a 32 inseam")
    assert (
        req.kind == RequestKind.DISCOVERY
        and req.constraints.unchecked == ["the inseam"]
        and req.constraints.size is None
    )
    text, shown = discovery_text(req.constraints, search(CATALOG, req.constraints), CATALOG)
    assert text.startswith("Our product listings don't record the inseam") and shown
    assert all(p["gender"] in ("men", "unisex") and p["category"] == "jeans" for p in shown)
    c = parse_constraints("jeans with a 24 waist", CATALOG)
    assert c.size == "24" and not c.unchecked  # a waist is the jeans' size: it is checked
    assert all(p["stock"].get("24", 0) > 0 for p in search(CATALOG, c, limit=50).matches)


# ------------------------------------------------------------------ gender


def test_a_stated_gender_is_a_filter_not_a_named_product() -> None:
    req = ask("winter boots for men size 9", intent=Intent.PRODUCT_SEARCH)
    assert req.kind == RequestKind.DISCOVERY and req.constraints.gender == "men"
    result = search(CATALOG, req.constraints, limit=50)
    assert result.matches and all(p["gender"] in ("men", "unisex") and p["stock"]["9"] > 0 for p in result.matches)


def test_a_gender_with_no_match_is_never_relaxed_into_the_other() -> None:
    c = parse_constraints("men's dresses", CATALOG)
    text, shown = discovery_text(c, search(CATALOG, c), CATALOG)
    assert "don't have any men's dresses" in text
    assert all(p["gender"] in ("men", "unisex") for p in shown)


# ------------------------------------------------------------------ follow-ups on the list just shown


def test_which_of_those_is_cheapest_in_stock_answers_from_the_list() -> None:
    state, listed = shown_list("show me jackets under $100")
    assert state.listed == listed and len(listed) >= 2
    req = ask("which of those is cheapest in stock?", state)
    assert req.kind == RequestKind.DISCOVERY and req.skus == listed and req.constraints.sort == Sort.CHEAPEST
    reply = on_list(req, state.constraints, CATALOG)
    want = min((BY_SKU[s] for s in listed if in_stock(BY_SKU[s])), key=lambda p: (p["price"], p["sku"]))
    assert reply.text.startswith(f"Of the {len(listed)} I showed") and want["name"] in reply.text
    assert [s["sku"] for s in reply.sources] == [want["sku"]]


def test_the_second_one_is_the_second_product_shown() -> None:
    state, listed = shown_list("show me sweaters")
    req = ask("the second one in navy?", state)
    assert req.kind == RequestKind.PRODUCT_FACT and req.skus == [listed[1]]
    p = BY_SKU[listed[1]]
    reply = product_fact_reply(p, req, req.text)
    navy = any("navy" in c for c in p["colors"])
    assert reply is not None and p["name"] in reply.text and reply.text.startswith("Yes" if navy else "No")


def test_any_of_them_under_a_budget_is_checked_against_the_list_then_labelled() -> None:
    state, listed = shown_list("show me coats")
    req = ask("any of them under $50?", state)
    assert req.kind == RequestKind.DISCOVERY and req.skus == listed and req.constraints.max_price == 50
    reply = on_list(req, state.constraints, CATALOG)
    assert all(BY_SKU[s]["price"] > 50 for s in listed)  # the data: no coat shown is under 50
    assert reply.text.startswith(f"None of the {len(listed)} I showed")
    assert "nearest" in reply.text or "None of our other coats" in reply.text


def test_are_they_waterproof_answers_each_product_shown() -> None:
    state, listed = shown_list("show me women's boots under $150")
    req = ask("which of those are waterproof?", state)
    reply = on_list(req, state.constraints, CATALOG)
    for sku in listed:
        p = BY_SKU[sku]
        if evidence(p, BY_KEY["waterproof"]):
            assert p["name"] in reply.text
    assert "waterproof" in reply.text


@pytest.mark.parametrize(
    "text", ["which of those is cheapest in stock?", "any of them under $50?", "the second one in navy?"]
)
def test_a_list_follow_up_is_never_out_of_scope_or_a_policy_question(text: str) -> None:
    state, _ = shown_list("show me jackets")
    req = understand(
        text,
        IntentPrediction(intent=Intent.OUT_OF_SCOPE, confidence=0.9, label="out_of_scope", out_of_scope=True),
        state,
        CATALOG,
        known_customer=False,
    )
    assert req.kind in (RequestKind.DISCOVERY, RequestKind.PRODUCT_FACT) and req.followup


def test_a_recommendation_matches_the_ask_only_when_it_meets_what_was_asked() -> None:
    from bot.core.catalog.search import meets_asked

    c = parse_constraints("Is it waterproof?", CATALOG)
    dry = first(lambda p: not re.search(r"water", json.dumps(p), re.I))
    wet = first(lambda p: "waterproof" in p["material"].lower())
    assert not meets_asked(dry, c) and meets_asked(wet, c)
    assert not meets_asked(wet, parse_constraints("jeans with a 32 inseam", CATALOG))  # nothing can meet it


def test_a_one_product_answer_forgets_the_old_list() -> None:
    state, listed = shown_list("show me coats")
    req = ask("show me your cheapest merino sweaters", intent=Intent.PRODUCT_SEARCH)
    one = first(lambda p: p["category"] == "sweater")
    after = next_state(state, req, Reply(text="", sources=[product_source(one)]))
    assert after.listed == [] and ask("the second one in navy?", after).skus != [listed[1]]


def test_an_attribute_follow_up_naming_the_product_s_kind_is_about_that_product() -> None:
    boots = first(lambda p: p["category"] == "boots" and "waterproof" in p["material"].lower())
    state = ConversationState(skus=[boots["sku"]], last_kind=RequestKind.PRODUCT_FACT.value)
    req = ask("are these boots waterproof?", state)
    assert req.kind == RequestKind.PRODUCT_FACT and req.skus == [boots["sku"]]
    assert ask("any waterproof boots?", state, intent=Intent.PRODUCT_SEARCH).kind == RequestKind.DISCOVERY
    hand = first(lambda p: care_line(p).startswith("hand wash"))
    text = attribute_answer(hand, "is it hand washable?")
    assert text is not None and text.startswith("Yes") and "machine" not in text


@pytest.mark.parametrize(
    "sku,question,want",
    [
        ("GS-JK-1060", "Is the Guess Men's Beacon Sherpa-Lined Jacket in stock?", "out of stock"),
        (
            "MK-SH-1130",
            "What sizes does the Michael Kors Women's Sutton Stretch Twill Button-Down Shirt come in?",
            "XS",
        ),
    ],
)
def test_an_attribute_word_in_the_product_s_own_name_asks_nothing(sku: str, question: str, want: str) -> None:
    p = BY_SKU[sku]
    req = ask(question)
    assert req.kind == RequestKind.PRODUCT_FACT and req.skus == [sku]
    reply = product_fact_reply(p, req, question)
    assert reply is not None and want in reply.text and "listing" not in reply.text


def test_style_words_of_the_names_filter_and_unknown_fit_ranges_are_said() -> None:
    c = parse_constraints("skinny jeans under $80", CATALOG)
    assert "skinny" in c.features
    result = search(CATALOG, c, limit=50)
    assert result.matches and all("skinny" in p["name"].lower() and p["price"] <= 80 for p in result.matches)
    c = parse_constraints("petite dresses", CATALOG)
    assert c.unchecked == ["petite sizing"]
    text, _ = discovery_text(c, search(CATALOG, c), CATALOG)
    assert text.startswith("Our product listings don't record petite sizing")
    req = ask("a bomber jacket for men", intent=Intent.PRODUCT_SEARCH)  # two names fit equally: a search
    assert req.kind == RequestKind.DISCOVERY and "bomber" in req.constraints.features
    bare = first(lambda p: not re.search(r"\bwarm\b", json.dumps(p), re.I))
    text = attribute_answer(bare, "is the first one warm?")
    assert text is not None and 'doesn\'t mention "warm"' in text and bare["material"] in text


def test_no_zip_closure_says_how_it_does_close_and_where_its_zips_are() -> None:
    """'have a zip?' on a button-front jacket with zip pockets: not 'Yes', and not a bare 'doesn't mention'."""
    closes_with_buttons = first(
        lambda p: "button front" in p["tags"] and re.search(r"\bzip", p["description"]) and not has(p, "zip")
    )
    text = attribute_answer(closes_with_buttons, "does it have a zip?") or ""
    assert not text.startswith("Yes")
    assert "doesn't mention a zip closure: its tags say button front; the listing says" in text
    pocket_line = next(s for s in re.split(r"(?<=[.!?])\s+", closes_with_buttons["description"]) if "zip" in s)
    assert pocket_line.rstrip(".") in text
    # near misses: a real zip closure is still a Yes, and a listing with neither keeps the plain answer
    zipped = first(lambda p: has(p, "zip"))
    assert (attribute_answer(zipped, "does it have a zip?") or "").startswith("Yes")
    plain = first(lambda p: not has(p, "zip") and "zip" not in json.dumps(p) and "button front" not in p["tags"])
    assert "doesn't mention a zip closure. It says: material" in (attribute_answer(plain, "is there a zipper?") or "")

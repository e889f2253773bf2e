"""The shopper's words in the catalog's terms (#9, recommend): "ripped", "rain", "for work", "beach" widen a search to
the products tagged for them; a negative ("we don't have any ...", "they aren't listed as ...") is said only when the
catalog bears it out; a size sold out in every match names the matches in the sizes they have; the recommendation
line obeys this turn's size, attribute, gender and budget. Every expectation is computed from the demo catalog."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.answer_check import unanswered
from bot.core.catalog import discovery_text, parse_constraints, search, size_ok
from bot.core.catalog.attributes import attribute_answer
from bot.core.catalog.concepts import BY_KEY, concept_answer, shows
from bot.core.catalog.search import failed, meets_feature
from bot.core.catalog.text import unmet_text
from bot.core.catalog.turn_fit import turn_misses
from bot.core.catalog_replies import product_fact_reply
from bot.domain import Constraints, Request, RequestKind

CATALOG = [
    json.loads(line)
    for line in (Path(__file__).parents[2] / "knowledge/catalog/products.jsonl").read_text().splitlines()
    if line.strip()
]
WORK_TAGS = {"office", "workwear", "business casual"}


def _tagged(p: dict, tags: set[str]) -> bool:
    return bool(tags & set(p.get("tags") or []))


def _every_match(c: Constraints) -> list[dict]:
    return search(CATALOG, c, limit=len(CATALOG)).matches


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("any ripped jeans for guys in a 32 waist", "distressed"),
        ("got any ripped denim? ladies 27", "distressed"),
        ("womens rain boots size 8?", "rainy-weather"),
        ("chinos i can wear to the office, womens 26", "office"),
        ("business casual trousers mens 34", "office"),
        ("need a shirt for work", "office"),
        ("linen shirt for a beach trip, womens XXL", "vacation"),
        ("mens linen shirt for a summer holiday", "vacation"),
    ],
)
def test_a_shoppers_word_is_read_as_the_catalogs_concept(text: str, key: str) -> None:
    assert key in parse_constraints(text, CATALOG).features


@pytest.mark.parametrize(
    "text",
    [
        "my jeans arrived ripped at the knee",
        "how many business days does standard shipping take?",
        "are you open on holidays?",
        "the jacket I got was ripped",
    ],
)
def test_near_misses_are_no_concept(text: str) -> None:
    features = parse_constraints(text, CATALOG).features
    assert not set(features) & {"distressed", "office", "rainy-weather"}, features


@pytest.mark.parametrize("key", sorted(BY_KEY))
def test_a_concept_only_widens_what_the_word_alone_found(key: str) -> None:
    """Every product the plain word matched (a tag, name or description word) still matches; the rest show a sign."""
    plain = {p["sku"] for p in CATALOG if key in " ".join([*p.get("tags", []), p["name"], p.get("description", "")]).lower()}
    met = {p["sku"] for p in CATALOG if meets_feature(p, key)}
    assert met, key  # the concept finds something in the demo catalog: the checks below are not empty
    assert plain <= met, sorted(plain - met)  # nothing the word alone found is lost, description matches included
    assert all(shows(p, key) for p in CATALOG if p["sku"] in met - plain)  # what it adds shows one of its signs


def test_office_chinos_in_a_size_are_the_ones_tagged_for_work_never_a_false_none() -> None:
    """ "office chinos for women in 26": before, "office" AND "work" (a name word) found none for such a search."""
    want = [
        p
        for p in CATALOG
        if p["category"] == "chinos"
        and p["gender"] in ("women", "unisex")
        and _tagged(p, WORK_TAGS)
        and size_ok(p, "26")
    ]
    assert want  # the data has them
    c = parse_constraints("need chinos for work, womens size 26", CATALOG)
    result = search(CATALOG, c, limit=10)
    text, shown = discovery_text(c, result, CATALOG)
    assert not text.startswith("Sorry") and "aren't listed" not in text
    assert {p["sku"] for p in want} <= {p["sku"] for p in _every_match(c)}
    assert all(size_ok(p, "26") and meets_feature(p, "office") for p in shown)


def test_ripped_jeans_are_the_distressed_ones_in_the_size() -> None:
    c = parse_constraints("distressed look jeans, ladies 28 waist", CATALOG)
    shown = discovery_text(c, search(CATALOG, c, limit=5), CATALOG)[1]
    assert shown and all("distressed" in p["tags"] and size_ok(p, "28") and p["gender"] != "men" for p in shown)


def test_rain_boots_are_the_waterproof_or_rainy_weather_ones() -> None:
    c = parse_constraints("womens rain boots size 8?", CATALOG)
    text, shown = discovery_text(c, search(CATALOG, c, limit=5), CATALOG)
    rainy = {"waterproof", "water-resistant", "water-repellent", "rainy-weather"}
    assert not text.startswith("Sorry") and shown
    assert all(_tagged(p, rainy) and size_ok(p, "8") and p["category"] == "boots" for p in shown)


def test_they_arent_listed_as_is_said_only_of_features_none_of_the_shown_has() -> None:
    warm = [p for p in CATALOG if meets_feature(p, "warm") and not meets_feature(p, "puffer")][:1]
    cold = [p for p in CATALOG if not meets_feature(p, "warm") and not meets_feature(p, "puffer")][:1]
    c = Constraints(features=["warm", "puffer"])
    said = unmet_text(["feature"], c, warm)
    assert "aren't listed as puffer" in said and "warm" not in said  # the warm one is not called "not warm"
    said = unmet_text(["feature"], c, warm + cold)
    assert "not all of them are listed as warm" in said and "aren't listed as puffer" in said
    assert "aren't listed as warm and puffer" in unmet_text(["feature"], c)  # nothing shown: as before


def test_a_size_no_match_has_names_the_matches_in_the_sizes_they_have() -> None:
    """ "mens linen shirt" in a size every men's linen shirt lacks: those shirts, with their sizes, not flannels."""
    base = Constraints(categories=["shirt"], gender="men", materials=["linen"])
    linen = [p for p in _every_match(base) if any(int(q) > 0 for q in p["stock"].values())]
    sizes = {s for p in CATALOG if p["category"] == "shirt" for s in p["stock"]}
    size = next(s for s in sorted(sizes) if not any(size_ok(p, s) for p in linen))
    c = replace(base, size=size)
    text, shown = discovery_text(c, search(CATALOG, c), CATALOG)
    assert text.startswith(f"Sorry, we don't have any men's linen shirts in stock in size {size}.")
    assert shown and {p["sku"] for p in shown} <= {p["sku"] for p in linen}
    for p in shown:
        have = [s for s, q in p["stock"].items() if int(q) > 0]
        assert f"{p['name']} - {p['price']:.2f} USD, in stock in size" in text and have[-1] in text


def _boots_sold_out_in_a_size() -> tuple[dict, str]:
    for p in CATALOG:
        if p["category"] == "boots" and "waterproof" in p["tags"]:
            gone = [s for s, q in p["stock"].items() if int(q) == 0]
            if gone and any(int(q) > 0 for q in p["stock"].values()):
                return p, gone[0]
    raise AssertionError("no waterproof boots sold out in a size")


def test_the_recommendation_must_meet_this_turns_size_and_asked_attribute() -> None:
    asked, size = _boots_sold_out_in_a_size()
    text = f"are the {asked['name']} waterproof? i wear a {size}"
    req = Request(RequestKind.PRODUCT_FACT, text, skus=[asked["sku"]], constraints=parse_constraints(text, CATALOG))
    assert req.constraints.size == size
    same_kind = [p for p in CATALOG if p["category"] == "boots" and p["gender"] == asked["gender"]]
    dry = next(p for p in same_kind if "waterproof" in p["tags"] and size_ok(p, size) and p is not asked)
    assert turn_misses(dry, req, [asked]) == []  # the name's own words ("Winter", "Snow") are not asked
    not_dry = next(p for p in same_kind if not failed(p, Constraints(size=size)) and "waterproof" not in str(p))
    assert turn_misses(not_dry, req, [asked]) == ["feature"]
    sold_out = next(p for p in same_kind if "waterproof" in p["tags"] and not size_ok(p, size))
    assert "size" in turn_misses(sold_out, req, [asked])
    other = next(p for p in CATALOG if p["gender"] not in (asked["gender"], "unisex") and "waterproof" in p["tags"])
    assert "gender" in turn_misses(other, req, [asked])
    policy = Request(RequestKind.POLICY, "how long do returns take")
    assert turn_misses(sold_out, policy) == []  # no product question: no product constraint


def test_a_named_products_concept_is_answered_from_its_tags() -> None:
    work = next(p for p in CATALOG if "workwear" in p["tags"] and "office" not in p["tags"])
    said = concept_answer(work, f"can I wear the {work['name']} to the office?")
    assert (
        said is not None
        and said.startswith(f"Yes, the {work['name']} ")
        and said.endswith(" tagged workwear in the listing.")
    )
    casual = next(p for p in CATALOG if not _tagged(p, WORK_TAGS) and p["category"] == "jeans")
    said = concept_answer(casual, f"are the {casual['name']} ok for work?")
    assert said is not None and said.startswith(f"The listing doesn't tag the {casual['name']} for the office")
    rain = next(p for p in CATALOG if "Rain Jacket" in p["name"])
    assert concept_answer(rain, f"does the {rain['name'].lower()} have a hood?") is None  # its name asks nothing


def test_the_name_as_the_shopper_writes_it_asks_no_attribute() -> None:
    """ "are the gap womens rowan straight stretch jeans ripped?": "stretch" is its name, the question is "ripped"."""
    jeans = next(p for p in CATALOG if "distressed" in p["tags"] and "Stretch Jeans" in p["name"])
    written = re.sub(r"'", "", jeans["name"]).lower()
    assert attribute_answer(jeans, f"are the {written} ripped?") is None
    reply = product_fact_reply(
        jeans, Request(RequestKind.PRODUCT_FACT, "q", skus=[jeans["sku"]]), f"are the {written} ripped?"
    )
    assert reply is not None and reply.text == f"Yes, the {jeans['name']} are tagged distressed in the listing."
    assert attribute_answer(jeans, f"are the {written} stretchy?") is not None


def test_a_price_part_is_answered_by_a_sentence_giving_the_price() -> None:
    q = "could i wear the gap womens union dress shirt to work? what's the price"
    reply = "Yes, the listing tags the Gap Women's Union Dress Shirt office and workwear. It costs 58.99 USD."
    assert unanswered(q, reply) == []
    assert unanswered(q, "Yes, the listing tags the Gap Women's Union Dress Shirt office and workwear.") != []


@pytest.mark.parametrize(("text", "size"), [("business casual trousers mens 34", "34"), ("need a womens 6", "6")])
def test_a_number_after_the_gender_is_the_size(text: str, size: str) -> None:
    assert parse_constraints(text, CATALOG).size == size


def test_a_number_after_the_gender_that_is_money_or_age_is_no_size() -> None:
    assert parse_constraints("mens 50 dollars jacket", CATALOG).size is None
    assert parse_constraints("womens 3 pairs of jeans", CATALOG).size is None


def test_a_care_or_fit_question_about_the_named_product_asks_nothing_of_the_recommendation() -> None:
    shirt = next(p for p in CATALOG if p["category"] == "shirt" and "Care:" in p.get("description", ""))
    text = f"how do i wash the {shirt['name']}? does it run small?"
    req = Request(RequestKind.PRODUCT_FACT, text, skus=[shirt["sku"]], constraints=parse_constraints(text, CATALOG))
    other = next(p for p in CATALOG if p["gender"] == shirt["gender"] and "Care:" not in p.get("description", ""))
    assert "care" in req.constraints.features and turn_misses(other, req, [shirt]) == []


def test_a_style_or_a_kind_is_either_one_never_a_false_none() -> None:
    """ "a parka or a puffer, women's XL": puffers of any kind and parkas, not puffer parkas (of which there are none)."""
    from bot.core.catalog.honest_list import discover

    text = "something warm for winter - a parka or a puffer, women's XL please"
    c = parse_constraints(text, CATALOG)
    assert not search(CATALOG, c).matches  # read as AND, nothing matches
    reply, shown, _ = discover(CATALOG, c, text)
    want = {
        p["sku"]
        for p in CATALOG
        if p["gender"] in ("women", "unisex")
        and size_ok(p, "XL")
        and meets_feature(p, "warm")
        and ("puffer" in p["name"].lower() or "parka" in p["name"].lower())
    }
    assert want and {p["sku"] for p in shown} == want and not reply.startswith("Sorry")


@pytest.mark.parametrize(
    ("text", "size", "gender"),
    [
        ("lightweight jacket for spring, mens M", "M", "men"),
        ("leather jacket women's small", "S", "women"),
        ("men's business casual shirt M", "M", "men"),
        ("cashmere sweater for men L", "L", "men"),
        ("warm boots for snow women size 10", "10", "women"),
    ],
)
def test_a_letter_size_after_the_gender_or_ending_the_search_is_read(text: str, size: str, gender: str) -> None:
    c = parse_constraints(text, CATALOG)
    assert (c.size, c.gender) == (size, gender)


def test_a_trailing_word_is_no_size_without_a_kind_or_after_too() -> None:
    assert parse_constraints("do you sell anything large", CATALOG).size is None
    assert parse_constraints("is that shirt too large", CATALOG).size is None


def test_a_dress_shirt_is_a_shirt_and_wide_leg_is_the_catalogs_wide_leg() -> None:
    c = parse_constraints("mens dress shirt XL for the office", CATALOG)
    assert c.categories == ["shirt"]
    c = parse_constraints("wide leg jeans for men, 30 waist", CATALOG)
    assert "wide-leg" in c.features
    shown = search(CATALOG, c, limit=5).matches
    assert shown and all("Wide-Leg" in p["name"] and size_ok(p, "30") for p in shown)


def test_a_wedding_dress_search_is_formal_or_party_but_a_beach_wedding_stays_a_beach_one() -> None:
    c = parse_constraints("dress for a wedding, womens M under 150", CATALOG)
    assert "dressy" in c.features
    shown = search(CATALOG, c, limit=10).matches
    assert shown and all(_tagged(p, {"formal", "party"}) and p["price"] <= 150 and size_ok(p, "M") for p in shown)
    assert "dressy" not in parse_constraints("summer dress for a beach wedding, size M", CATALOG).features
    assert "dressy" not in parse_constraints("i need my order before saturday", CATALOG).features


def test_a_gift_search_prefers_gift_tagged_products_but_never_says_none() -> None:
    from bot.core.catalog.honest_list import discover
    from bot.core.request import understand
    from bot.domain import ConversationState, Intent, IntentPrediction

    pred = IntentPrediction(intent=Intent.OUT_OF_SCOPE, confidence=0.5, label="out_of_scope")
    req = understand(
        "any gift ideas for my father? under 55 dollars", pred, ConversationState(), CATALOG, known_customer=False
    )
    assert req.kind == RequestKind.DISCOVERY and "gift" in req.constraints.features
    _, shown, _ = discover(CATALOG, req.constraints, req.text)
    assert shown and all(
        p["gender"] != "women" and p["price"] <= 55 and _tagged(p, {"gift", "gift idea"}) for p in shown
    )
    assert all(any(int(q) > 0 for q in p["stock"].values()) for p in shown)  # a gift can be bought now
    cheap = min(float(p["price"]) for p in CATALOG if _tagged(p, {"gift", "gift idea"})) - 0.01
    low = replace(req.constraints, max_price=cheap)
    text, shown, _ = discover(CATALOG, low, req.text)
    assert shown and not text.startswith("Sorry") and all(p["price"] <= cheap for p in shown)
    for near_miss in ("do you offer gift wrap?", "is a gift card refundable?", "can i return a gift for store credit?"):
        assert "gift" not in parse_constraints(near_miss, CATALOG).features


def test_for_my_mom_is_a_person_not_the_mom_jeans_style() -> None:
    assert "mom" not in parse_constraints("gift ideas for my mom under $50", CATALOG).features
    assert "mom" in parse_constraints("mom jeans size 28", CATALOG).features
    assert "mom" in parse_constraints("are my mom jeans in stock", CATALOG).features


def test_a_products_own_size_asked_beats_a_waist_stated_beside_it() -> None:
    """ "the X belt in L? my waist is 35": the belt's own size L is asked, not a size 35 it does not come in."""
    belt = next(p for p in CATALOG if "Belt" in p["name"] and any(int(q) > 0 for q in p["stock"].values()))
    size = next(s for s, q in belt["stock"].items() if int(q) > 0)
    text = f"{belt['name'].lower()} in {size}? my waist is 35"
    req = Request(RequestKind.PRODUCT_FACT, text, skus=[belt["sku"]], constraints=parse_constraints(text, CATALOG))
    assert req.constraints.size == "35"
    reply = product_fact_reply(belt, req, text)
    assert reply is not None and f"in stock in size {size}" in reply.text and "35" not in reply.text


def test_a_kind_the_catalog_names_with_the_word_is_read_by_its_name() -> None:
    """ "men's rain jackets": the catalog sells "Rain Jackets", so those, not every water-resistant jacket."""
    c = parse_constraints("show me men's rain jackets", CATALOG)
    assert "rain" in c.features and "rainy-weather" not in c.features
    shown = search(CATALOG, c, limit=10).matches
    assert shown and all("Rain Jacket" in p["name"] for p in shown)

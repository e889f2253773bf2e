"""Two products named the way shoppers name them, compared (issue #9): a brand said short ("CK", "MK", "TH", "BR",
"tommy") with a style word several products share ("Mercer", "Rowan", "Grove"), a choice worded without "which"
("trying to pick between A and B"), a side said only by its style ("the Presley rain jacket or the Hollis one");
the pair carried to "which one do people rate higher?"; a fibre asked of both ("both wool right?"); the price
difference worked out from the two catalog prices. Near misses: one product asked about, a product the shop does
not have, a brand's short form that is no brand. On the real catalog; expectations read from the catalog file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.core.catalog import compare_text
from bot.core.catalog.brand_short import with_brand_names
from bot.core.request import understand
from bot.domain import ConversationState, Intent, IntentPrediction, RequestKind

CATALOG = [
    json.loads(line)
    for line in (Path(__file__).resolve().parents[2] / "knowledge" / "catalog" / "products.jsonl")
    .read_text()
    .splitlines()
    if line.strip()
]
PRED = IntentPrediction(Intent.PRODUCT_QUESTION, 0.9)


def ask(text: str, state: ConversationState | None = None):  # type: ignore[no-untyped-def]
    return understand(text, PRED, state or ConversationState(), CATALOG, known_customer=False)


def named(name: str) -> dict[str, Any]:
    return next(p for p in CATALOG if p["name"] == name)


MERCER = named("Calvin Klein Women's Mercer Winter Snow Boots")
ROWAN = named("Michael Kors Women's Rowan Winter Snow Boots")
PRESLEY = named("Express Men's Presley Rain Jacket")
HOLLIS = named("Express Men's Hollis Rain Jacket")
GROVE = named("Banana Republic Men's Grove Crewneck Sweater")
BROOKLYN = named("Tommy Hilfiger Men's Brooklyn Merino Sweater")
PUFFER = named("Guess Women's Rowan Puffer Jacket")
QUILTED = named("Tommy Hilfiger Women's Beacon Quilted Jacket")


def test_short_brands_and_a_shared_style_pick_the_two_named_products() -> None:
    # "Mercer" and "Rowan" each name several products (jeans, belts, a puffer, a dress); the brand decides
    assert (
        len([p for p in CATALOG if " Mercer " in p["name"]]) > 2
        and len([p for p in CATALOG if " Rowan " in p["name"]]) > 2
    )
    text = "Trying to pick between the CK Mercer snow boots and the MK Rowan snow boots for my wife"
    req = ask(text)
    assert req.kind == RequestKind.COMPARISON and req.skus == [MERCER["sku"], ROWAN["sku"]]
    reply = compare_text(MERCER, ROWAN, req.text)
    assert "don't have" not in reply and "If I had to pick" not in reply  # nothing asked: no verdict of ours
    head = reply.splitlines()[0]
    assert f"price ({MERCER['price']:.2f} USD against {ROWAN['price']:.2f} USD)" in head
    assert f"customer rating ({MERCER['rating']:.1f}/5 against {ROWAN['rating']:.1f}/5)" in head
    assert f"both are {MERCER['material']}" in head  # what they share is said too
    assert all(f"- {p['name']}: {p['price']:.2f} USD; {p['material']}" in reply for p in (MERCER, ROWAN))


def test_the_pair_carries_to_which_one_do_people_rate_higher() -> None:
    first = ask("Trying to pick between the CK Mercer snow boots and the MK Rowan snow boots for my wife")
    state = ConversationState(skus=first.skus, last_kind=RequestKind.COMPARISON.value)
    req = ask("which one do people rate higher?", state)
    assert req.kind == RequestKind.COMPARISON and req.skus == [MERCER["sku"], ROWAN["sku"]]
    assert compare_text(MERCER, ROWAN, req.text).splitlines()[0] == (
        f"Customers rate the {ROWAN['name']} higher: {ROWAN['rating']:.1f} out of 5, against "
        f"{MERCER['rating']:.1f} for the {MERCER['name']}."
    )


def test_the_hollis_one_is_the_other_sides_kind_in_that_style() -> None:
    text = "Express Presley rain jacket or the Hollis one – which should I get? men's"
    req = ask(text)
    assert req.kind == RequestKind.COMPARISON and req.skus == [PRESLEY["sku"], HOLLIS["sku"]]
    reply = compare_text(PRESLEY, HOLLIS, req.text)
    assert f"{PRESLEY['price']:.2f} USD" in reply and f"{HOLLIS['price']:.2f} USD" in reply
    assert "don't have" not in reply


def test_a_fibre_asked_of_both_is_answered_for_both() -> None:
    text = "banana republic grove crewneck or tommy brooklyn merino sweater for men? both wool right?"
    req = ask(text)
    assert req.kind == RequestKind.COMPARISON and req.skus == [GROVE["sku"], BROOKLYN["sku"]]
    head = compare_text(GROVE, BROOKLYN, req.text).splitlines()[0]
    assert f"the {GROVE['name']} is {GROVE['material']}" in head.replace("The ", "the ", 1)
    assert f"the {BROOKLYN['name']} is {BROOKLYN['material']}" in head
    assert head.endswith("Both are all wool.")


def test_the_price_difference_asked_is_worked_out_from_the_two_prices() -> None:
    text = "Guess Rowan puffer vs Tommy Beacon quilted jacket, which is warmer and what's the price difference?"
    req = ask(text)
    assert req.kind == RequestKind.COMPARISON and req.skus == [PUFFER["sku"], QUILTED["sku"]]
    head = compare_text(PUFFER, QUILTED, req.text).splitlines()[0]
    gap = PUFFER["price"] - QUILTED["price"]
    assert (
        f"That is a difference of {gap:.2f} USD ({PUFFER['price']:.2f} USD against {QUILTED['price']:.2f} USD)." in head
    )
    assert head.startswith("Our product details have no warmth rating")  # both insulated: no verdict
    # asked without the difference: the two prices, no worked-out figure
    assert "difference of" not in compare_text(PUFFER, QUILTED, "which is cheaper?")


def test_a_short_brand_decides_between_styles_other_brands_share() -> None:
    # "Grove jeans": Michael Kors makes two, Guess one (whose fewer name words win when no brand is read)
    req = ask("MK Grove jeans or Guess Grove jeans for men, which is cheaper?")
    mk = named("Michael Kors Men's Grove Straight Stretch Jeans")
    assert req.kind == RequestKind.COMPARISON and req.skus == [
        mk["sku"],
        named("Guess Men's Grove Wide-Leg Jeans")["sku"],
    ]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("CK Mercer snow boots", "Calvin Klein Mercer snow boots"),
        ("tommy brooklyn merino sweater", "Tommy Hilfiger brooklyn merino sweater"),
        ("TH jeans or BR chinos", "Tommy Hilfiger jeans or Banana Republic chinos"),
        ("Tommy Hilfiger jeans", "Tommy Hilfiger jeans"),  # already whole
        ("my son Tommy wants boots", "my son Tommy wants boots"),  # no word of the brand's names after it
        ("ck mk th br", "ck mk th br"),
        ("the 5th of december", "the 5th of december"),
    ],
)
def test_short_brand_forms(text: str, said: str) -> None:
    assert with_brand_names(text, CATALOG) == said


def test_near_miss_one_product_is_its_facts() -> None:
    req = ask("do you have the CK Mercer snow boots in size 8?")
    assert req.kind == RequestKind.PRODUCT_FACT and req.skus == [MERCER["sku"]]


def test_near_miss_a_product_we_do_not_have_is_no_comparison() -> None:
    assert not [p for p in CATALOG if "Hollis" in p["name"] and p["category"] == "boots"]
    req = ask("do you have Hollis snow boots?")
    assert req.kind != RequestKind.COMPARISON
    req = ask("Nike Pegasus or Adidas Ultraboost, which is better?")
    assert req.kind != RequestKind.COMPARISON or len(req.skus) < 2


def test_near_miss_two_products_without_a_choice_keep_their_route() -> None:
    req = ask("can I return the Express Hollis rain jacket or exchange it for the Presley one?")
    assert req.kind != RequestKind.COMPARISON


def test_what_about_the_other_style_right_after_one_product_compares_the_two() -> None:
    state = ConversationState(skus=[ROWAN["sku"]], last_kind=RequestKind.PRODUCT_FACT.value)
    for text in ("what about the CK Mercer ones, which is cheaper?", "what about the Mercer ones, which is cheaper?"):
        req = ask(text, state)
        assert req.kind == RequestKind.COMPARISON and req.skus == [ROWAN["sku"], MERCER["sku"]]


def test_near_miss_a_short_brand_in_a_one_product_question_names_that_brands_product() -> None:
    # "Mercer jeans in 32" alone also fits Michael Kors' and Banana Republic's Mercer jeans
    req = ask("do you have the TH Mercer jeans in 32?")
    assert req.kind == RequestKind.PRODUCT_FACT
    assert req.skus == [named("Tommy Hilfiger Men's Mercer Relaxed Stretch Jeans")["sku"]]


def test_what_are_they_made_of_is_each_sides_material() -> None:
    th, ck = named("Tommy Hilfiger Brooklyn Leather Gloves"), named("Calvin Klein Grove Leather Gloves")
    req = ask("TH Brooklyn gloves or CK Grove gloves, what are they made of?")
    assert req.kind == RequestKind.COMPARISON and req.skus == [th["sku"], ck["sku"]]
    assert th["material"] == ck["material"]
    assert compare_text(th, ck, req.text).splitlines()[0] == f"Both are {th['material']}."
    mercer_jeans, rowan_jeans = (
        named("Banana Republic Women's Mercer Straight Denim Jeans"),
        named("Gap Women's Rowan Straight Stretch Jeans"),
    )
    head = compare_text(mercer_jeans, rowan_jeans, "what material is each?").splitlines()[0]
    assert head == (
        f"The {mercer_jeans['name']} is {mercer_jeans['material']}; the {rowan_jeans['name']} is {rowan_jeans['material']}."
    )


def test_a_plural_finds_a_name_that_holds_the_singular() -> None:
    # "chinos": Banana Republic names its pair "Slim Chinos", Michael Kors "Slim Chino Pants"
    req = ask("BR Brooklyn chinos or MK Brooklyn chinos - what's the price difference?")
    br, mk = (
        named("Banana Republic Women's Brooklyn Slim Chinos"),
        named("Michael Kors Women's Brooklyn Slim Chino Pants"),
    )
    assert req.kind == RequestKind.COMPARISON and req.skus == [br["sku"], mk["sku"]]
    assert f"That is a difference of {mk['price'] - br['price']:.2f} USD" in compare_text(br, mk, req.text)


def test_a_bare_a_or_b_question_is_a_choice_and_a_brand_we_lack_is_said() -> None:
    ck = named("Calvin Klein Women's Brooklyn Rain Jacket")
    req = ask("CK Brooklyn rain jacket or the Zara Brooklyn rain jacket?")
    assert req.kind == RequestKind.COMPARISON and req.skus == [ck["sku"]] and req.constraints.missing_brands == ["Zara"]
    req = ask("Gap Rowan belt or BR Mercer belt?")
    assert req.kind == RequestKind.COMPARISON and len(req.skus) == 2
    # a request before the two sides keeps its route
    assert ask("can I return the Gap Rowan belt or the BR Mercer belt?").kind != RequestKind.COMPARISON
    assert ask("do you have the Gap Rowan belt or the BR Mercer belt?").kind != RequestKind.COMPARISON

"""Round 9: claims the data does not make. A popularity or evaluative claim about a product or a perk
(meaning/praise.py), a reply that contradicts itself (meaning/consistency.py) and a qualifier that changes a fee
(meaning/fees.py) are rejected for every backend; the right paraphrase next to each wrong one still passes.

Written from the demo store's catalog and policies in our own words; none of these replies is in shop_blind8
(the unseen set of this round), and the products were picked so that most are not in it either."""

from __future__ import annotations

import pytest

from bot.core.meaning import MeaningChecker
from tests.core.grounding_parts import PRODUCTS, ok, product, section


@pytest.fixture(scope="module")
def checker() -> MeaningChecker:
    return MeaningChecker()


SABLE = product("MK-JK-1098")  # corduroy trucker jacket, 4.6, no popularity statement
DOVER = product("UQ-JN-1068")  # "Our customers' go-to relaxed denim jeans", 4.7
CHINOS = product("TH-CH-1012")  # rated under 3.5
LEVELS = section("membership.md", "What are the membership levels?")
BENEFITS = section("membership.md", "Membership benefits: returns and shipping")
SHIP = section("shipping.md", "Shipping options and costs (United States)")
WRAP = section("pricing.md", "Gift wrapping and name stitching")
HEM = section("pricing.md", "Jeans hemming and overnight shipping")
ABROAD = section("returns.md", "International returns")
CREDIT = section("promotions.md", "Store credit")
CONDITION = section("returns.md", "Condition of returned items")
SALES = section("promotions.md", "When are your sales?")


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        (
            "The Sable Trucker Jacket is cotton corduroy with a button front and chest pockets, $209.99.",
            "The Sable Trucker Jacket is our best-selling jacket this fall, $209.99.",
        ),
        (
            "Customers rate the Sable Trucker Jacket 4.6 out of 5.",
            "Shoppers absolutely love the Sable Trucker Jacket, rated 4.6 out of 5.",
        ),
        (
            "It's highly rated (4.6 out of 5), and the rib-knit cuffs and adjustable hem seal out drafts.",
            "It's the warmest jacket we carry, with rib-knit cuffs that seal out drafts.",
        ),
        (
            "Great choice! The Sable Trucker Jacket is $209.99.",
            "It's perfect for a beach holiday, at $209.99.",
        ),
        (
            "The Sable Trucker Jacket is cotton corduroy, $209.99.",
            "Most shoppers pick the Sable Trucker Jacket for the office; it's $209.99.",
        ),
    ],
)
def test_praise_the_data_does_not_make_is_rejected(checker: MeaningChecker, right: str, wrong: str) -> None:
    q = "tell me about the sable trucker jacket"
    assert ok(checker, right, q, SABLE)
    assert not ok(checker, wrong, q, SABLE)


def test_popularity_the_data_states_passes_and_ratings_are_read(checker: MeaningChecker) -> None:
    q = "are the dover jeans any good"
    assert ok(checker, "They're our customers' go-to relaxed jeans from Uniqlo, rated 4.7 out of 5.", q, DOVER)
    assert ok(checker, "Customers love them: they're a go-to pair, and they're highly rated at 4.7/5.", q, DOVER)
    assert not ok(checker, "They're the most popular jeans in the whole store.", q, DOVER)
    q = "are the dover slim chinos good"
    assert not ok(checker, "They're one of our top-rated chinos.", q, CHINOS)
    # the popularity of one product is not another's
    assert not ok(checker, "The Sable Trucker Jacket is a customer favourite too.", "and the sable?", DOVER, SABLE)


def test_a_superlative_or_praise_the_data_states_passes(checker: MeaningChecker) -> None:
    q = "when is the annual sale"
    assert ok(
        checker, "The Annual Sale is our biggest sale of the year; it starts on the last Friday of November.", q, SALES
    )
    assert not ok(
        checker, "The Annual Sale starts on the last Friday of November and has the best deals we offer.", q, SALES
    )


@pytest.mark.parametrize(
    ("question", "right", "wrong", "parts"),
    [
        (
            "what level do i get when i make an account",
            "Creating an account lets you join Northwind Rewards for free, which makes you Bronze.",
            "Creating an account makes you Bronze. You're currently on the Silver level.",
            (LEVELS,),
        ),
        (
            "im silver, how long do i have for returns",
            "As a Silver member you have 6 months; Gold members have no time limit.",
            "Silver members have 6 months. As a Gold member, there's no time limit for you.",
            (BENEFITS,),
        ),
        (
            "does store credit run out",
            "No, store credit never expires, and it's applied automatically at checkout.",
            "Store credit never expires. It has to be used within 6 months, though.",
            (CREDIT,),
        ),
        (
            "can i return hemmed jeans",
            "No, hemmed jeans can't be returned unless they arrived damaged or defective.",
            "No, hemmed jeans can't be returned. You can return them within your window with the tags on.",
            (CONDITION,),
        ),
    ],
)
def test_a_reply_that_contradicts_itself_is_rejected(
    checker: MeaningChecker, question: str, right: str, wrong: str, parts: tuple[str, ...]
) -> None:
    assert ok(checker, right, question, *parts)
    assert not ok(checker, wrong, question, *parts)


def test_stock_and_answer_words_read_across_the_reply(checker: MeaningChecker) -> None:
    q = "sable trucker jacket in L?"
    stock = PRODUCTS["MK-JK-1098"]["stock"]
    size = next(s for s, n in stock.items() if n > 0)
    assert not ok(checker, f"It's in stock in every size. Size {size} is sold out right now, though.", q, SABLE)
    q = "my cart is $60, is shipping free?"
    assert ok(checker, "Not yet: standard shipping is free on orders of $75 or more.", q, SHIP)
    assert not ok(
        checker, "Not yet: standard shipping is free on orders of $75 or more. So yes, it ships free.", q, SHIP
    )


def test_near_misses_are_not_contradictions(checker: MeaningChecker) -> None:
    q = "im bronze, how long do i have to return"
    assert ok(checker, "As a Bronze member you have 90 days; if you reach Silver, you'd get 6 months.", q, BENEFITS)
    assert ok(
        checker, "Gold members get free overnight shipping; Silver members pay $20.00.", "overnight cost?", BENEFITS
    )


@pytest.mark.parametrize(
    ("question", "right", "wrong", "parts"),
    [
        (
            "how much is standard shipping",
            "It's $8.00 per order, free from $75.",
            "It's $8.00 per item, free from $75.",
            (SHIP,),
        ),
        (
            "how much is standard shipping",
            "Standard is $8.00, or free on orders of $75 or more.",
            "Standard is $8.00 on any order, regardless of the total.",
            (SHIP,),
        ),
        (
            "cost of gift wrap for 3 items",
            "It's $5.00 per item, free for Northwind Plus subscribers.",
            "It's $5.00 per order.",
            (WRAP,),
        ),
        ("hemming price?", "Hemming costs $12.00 per pair.", "Hemming costs $12.00 per leg.", (HEM,)),
        (
            "is there a fee to return from japan",
            "A $15.00 return shipping fee comes off the refund, except for Gold members and damaged or defective items.",
            "A $15.00 return shipping fee comes off the refund, even for Gold members.",
            (ABROAD,),
        ),
    ],
)
def test_a_qualifier_that_changes_a_fee_is_rejected(
    checker: MeaningChecker, question: str, right: str, wrong: str, parts: tuple[str, ...]
) -> None:
    assert ok(checker, right, question, *parts)
    assert not ok(checker, wrong, question, *parts)


def test_a_product_price_each_is_the_record_not_a_fee(checker: MeaningChecker) -> None:
    assert ok(checker, "The Dover jeans are $51.99 each.", "how much are the dover jeans", DOVER)


DELTA = product("TH-CT-1267")  # "Our customers' go-to wool overcoat", 80% wool, 20% nylon, every size in stock


def test_a_product_named_in_full_is_the_product_of_its_catalog_passage(checker: MeaningChecker) -> None:
    q = "tell me about the sable trucker"
    full = "The Michael Kors Women's Sable Trucker Jacket is $209.99 in cotton corduroy, with a button front and chest pockets."
    assert ok(checker, full, q, SABLE)
    # two products stay two: the Juniper's price is not the Grove's (tests/core/test_meaning_answers.py has more)
    assert not ok(checker, "The Sable Trucker Jacket is $51.99.", "sable?", DOVER, SABLE)


def test_a_rating_and_a_composition_are_the_records_fields(checker: MeaningChecker) -> None:
    q = "tell me about the delta overcoat"
    right = "It's our customers' go-to wool overcoat, made from 80% wool, 20% nylon, and every size is in stock."
    assert ok(checker, right, q, DELTA)
    assert not ok(checker, "It's our customers' go-to wool overcoat, made from 80% nylon, 20% wool.", q, DELTA)
    assert ok(checker, "They're our customers' go-to relaxed jeans from Uniqlo, rated 4.7 out of 5.", "dover?", DOVER)


def test_every_size_is_read_against_the_record(checker: MeaningChecker) -> None:
    assert ok(checker, "Every size of the Dover jeans is in stock.", "dover sizes?", DOVER)
    assert not ok(checker, "The Sable Trucker Jacket is in stock in every size.", "sable sizes?", SABLE)
    assert not ok(checker, "The Sable Trucker Jacket is sold out in every size.", "sable sizes?", SABLE)


def test_another_products_material_or_features_are_rejected(checker: MeaningChecker) -> None:
    assert not ok(checker, "The Uniqlo Women's Dover Relaxed Denim Jeans are cotton corduroy.", "dover?", DOVER, SABLE)
    assert not ok(checker, "The Dover jeans have a button front and chest pockets.", "dover?", DOVER, SABLE)
    assert ok(checker, "The Dover jeans are 100% cotton rigid denim.", "and the dover?", SABLE, DOVER)
    both = "The Dover jeans are 100% cotton rigid denim; the Sable is cotton corduroy with chest pockets."
    assert ok(checker, both, "dover or sable?", DOVER, SABLE)


def test_a_colour_listed_beside_the_products_own_is_checked(checker: MeaningChecker) -> None:
    assert ok(checker, "The Sable Trucker Jacket is $209.99 in dark indigo or medium wash.", "sable?", SABLE)
    assert not ok(checker, "The Sable Trucker Jacket is $209.99 in dark indigo or black.", "sable?", SABLE)


STERLING = product("MK-JK-1070")  # Michael Kors too: $257.99, every size in stock


def test_two_products_of_one_brand_keep_their_own_prices(checker: MeaningChecker) -> None:
    q = "sable or sterling, which is cheaper"
    right = "The Michael Kors Sable Trucker Jacket is cheaper at $209.99; the Sterling Rain Jacket is $257.99."
    assert ok(checker, right, q, SABLE, STERLING)
    assert not ok(checker, "The Sterling Rain Jacket is cheaper at $209.99.", q, SABLE, STERLING)


def test_stock_of_two_products_is_no_contradiction(checker: MeaningChecker) -> None:
    q = "sable or sterling, which one has an L"
    right = "Go for the Sterling Rain Jacket – L is in stock there. The Sable Trucker Jacket is sold out in L."
    assert ok(checker, right, q, SABLE, STERLING)
    assert not ok(checker, "Both are in stock in every size.", q, SABLE, STERLING)


def test_a_kind_of_shipping_is_no_sibling_of_a_members_level(checker: MeaningChecker) -> None:
    # "International shipping" opens its sentences, so it was read as a name, a sibling of "Gold"
    abroad = section("shipping.md", "International shipping")
    q = "how much is international shipping"
    assert ok(checker, "A flat $25.00 per order, free on orders of $200 or more and for Gold members.", q, abroad)
    assert not ok(checker, "A flat $25.00 per order, free on orders of $200 or more and for Silver members.", q, abroad)

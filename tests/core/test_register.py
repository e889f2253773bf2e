"""Grammar and register of a model's wording: faults the small model makes are refused; good wordings pass."""

from __future__ import annotations

import pytest

from bot.core.register import register_problems, repair
from bot.core.rewording import Rewriter
from bot.llm.fake import ScriptedChatModel

TEMPLATE_ORDER = "Your order ORD-10946 from 2026-07-20 is shipped. Estimated delivery: 2026-07-28."


@pytest.mark.parametrize(
    ("wording", "fault"),
    [
        ("You order ORD-10946 is shipped, it's estimated delivery date is 2026-07-28.", "'You order'"),
        ("You order ORD-10946 is shipped, and its due on 2026-07-28.", "'You order'"),
        ("Your order ORD-10946 is shipped; it's estimated delivery date is 2026-07-28.", "'it's' for 'its'"),
        ("You have your order ORD-10946 with DHL Express, and the tracking number is 6306160395.", "you have"),
        ("You have 3 of our products within your budget:", "you have"),
        ("We have 3 of our jeans in stock in size 24:", "we have N of our"),
        ("You've got the Gap Bowery Jacket - it costs 79.00 USD.", "you have"),
        ("The the Gap Bowery Jacket costs 79.00 USD.", "doubled word"),
        ("It comes in a orange shade and an navy one.", "'a' before a vowel"),
        ("the Gap Bowery Jacket costs 79.00 USD.", "lower case"),
        ("Your order ORD-10946 is shipped. You can expect delivery: 2026-07-28.", "colon after a verb"),
        ("The Gap Bowery Jacket costs 79.00 USD , in black.", "stray punctuation"),
        # blind-read wordings (reader7, kept by the checks before these rules)
        ("It costs 203.50 USD the Gap Men's Thornton Parka.", "left hanging"),
        ("Yes, it has a hood (the listing says so), the Banana Republic Women's Sutton Parka.", "left hanging"),
        ("Not our bikinis.", "verbless"),
        ("DHL Express is with ORD-13343; the tracking number is 2910780102.", "carrier 'with'"),
        ("We have these 5 good women's cashmere products:", "judgement"),
        # reader15 base wordings (kept by the checks before the repeated-phrase rule)
        ("We have your order ORD-10946 for your order shipped; its estimated delivery date is 2026-07-28.", "twice"),
        ("We have these women's waterproof boots in stock in size 8 we have:", "twice"),
        ("We carry 5 of our women's Express products:", "we have N of our"),
        # "what sizes do the rain jackets come in?": "Here are 3 of our rain jackets:" reworded with a stray "size"
        ("We have these size 3 of our rain jackets:", "we have N of our"),
        # reader20 (graded after the round's fixes): a list's introduction worded with its verb lost
        ("We, the cheapest, the Uniqlo Beacon Long-Sleeve T-Shirt (11.99 USD), the top 3:", "cut off by a comma"),
        ("The cheapest, the Uniqlo Beacon Long-Sleeve T-Shirt (11.99 USD), the top 3:", "no verb"),
        ("Our t-shirts in stock in size L, the cheapest one at 12.99 USD.", "no verb"),
    ],
)
def test_faults_the_small_model_makes_are_named(wording: str, fault: str) -> None:
    problems = register_problems(wording, TEMPLATE_ORDER)
    assert problems and any(fault in p for p in problems), problems


@pytest.mark.parametrize(
    "wording",
    [
        "Good news: your order ORD-10946 from 2026-07-20 has shipped, and its estimated delivery date is 2026-07-28.",
        "Yes, you can get the Gap Bowery Jacket in navy for 79.00 USD.",
        "No, sorry, the Slim Blue Jeans isn't made in navy, but it comes in black or heather grey.",
        "We have these 3 jeans in stock in size 24:",
        "You have 30 days to return it from the purchase date.",
        "It's an XL, and it's available in black.",
        "DHL Express has your order ORD-10946; the tracking number is 6306160395.",
        "It costs 203.50 USD, the Gap Men's Thornton Parka; it comes in navy.",
        "The Gap Men's Thornton Parka costs 203.50 USD.",
        "We don't sell bikinis.",
        "Your order ORD-13343 is with DHL Express; the tracking number is 2910780102.",
        "Great news: it's in stock in size M.",
        "Of our t-shirts, the cheapest is the Uniqlo Beacon Long-Sleeve T-Shirt (11.99 USD). The top 3:",
        "We have these t-shirts in stock in size L:\n- Uniqlo Laurel Oversized T-Shirt - 12.99 USD, rated 4.7/5",
        "Yes, we do: the Gap Bowery Jacket comes in navy.",
        "Sure thing, we carry three of those: the cheapest costs 12.99 USD.",
        "The Uniqlo Laurel Oversized T-Shirt, at 12.99 USD, is the cheapest.",
        "We carry these brands: Banana Republic, Calvin Klein, Express, Gap, Guess and Uniqlo.",
    ],
)
def test_good_wordings_pass(wording: str) -> None:
    assert register_problems(wording, TEMPLATE_ORDER) == []


def test_a_verbless_clause_the_datas_own_text_has_is_not_held_against_the_wording() -> None:
    template = "Standard shipping (3-5 business days, 8.00 USD): free from 75 USD."
    assert register_problems("Standard shipping (3-5 business days, 8.00 USD): free from 75 USD.", template) == []
    assert register_problems("Standard shipping (3-5 business days, 8.00 USD): free from 75 USD.", TEMPLATE_ORDER)


def test_a_fault_the_datas_own_text_has_is_not_held_against_the_wording() -> None:
    template = "Here are 3 of our products within your budget:"
    assert register_problems("We have 3 of our products within your budget:", template)
    assert register_problems("These are 3 of our products within your budget:", template) == []
    assert register_problems("You have 3 of our products within your budget:", "You have 3 of our products:") == []


def test_a_phrase_the_data_itself_repeats_is_not_held_against_the_wording() -> None:
    template = "In stock in M and in stock in L. Estimated delivery: 2026-07-28."
    assert register_problems("It is in stock in M and in stock in L; estimated delivery 2026-07-28.", template) == []
    # said once more than the data says it
    assert register_problems("In stock in M, in stock in L and in stock in XL.", template)


def test_a_comma_splice_after_yes_is_mended_and_nothing_else_is_touched() -> None:
    assert repair("Yes, it does, the Gap Men's Ridge Oversized Tee is in sand.") == (
        "Yes, it does: the Gap Men's Ridge Oversized Tee is in sand."
    )
    assert repair("Yes, the Gap Men's Ridge Oversized Tee comes in sand.") == (
        "Yes, the Gap Men's Ridge Oversized Tee comes in sand."
    )


def test_the_rewriter_keeps_the_template_when_a_faithful_wording_reads_badly() -> None:
    answer = "Your order ORD-10946 is with DHL Express; the tracking number is 6306160395."
    stiff = "You have your order {order} with {carrier}, and the tracking number is {phone}."
    good = "{carrier} has your order {order}; its tracking number is {phone}."
    names = ("Express",)  # a clothing brand: "DHL Express" is still one carrier
    for written, kept in ((stiff, False), (good, True)):
        rewriter = Rewriter(
            ScriptedChatModel(responses=[written]), timeout_s=30, few_shot=False, frames=True, max_tries=1
        )
        done = rewriter.reword(
            "which courier?", answer, kind="order", known_names=names, name_kinds={"express": "brand"}
        )
        assert done.by_model is kept, (written, done.reason, done.problems)
        if not kept:
            assert done.reason == "reads badly" and done.text == answer
        else:
            assert done.text == "DHL Express has your order ORD-10946; its tracking number is 6306160395."

"""The meaning check binds each value to the entity of its own part of a sentence, by kind, and to the
statement it belongs to; product fact lines bind colours and sizes. Structural rules only (no embedder)."""

from __future__ import annotations

import pytest

from bot.core.meaning import HARD, MeaningChecker

RATES = (
    "How much does shipping cost?\nWithin the United States: Economy $5.00 (6–9 business days), Standard $8.00 "
    "(3–5 business days) and Overnight $20.00 (next business day). Standard shipping is free on orders of $75 or more."
)
WINDOWS = (
    "What is your return policy?\nYou can return items within your return window: 30 days for Guests, 90 days for "
    "Bronze members, 6 months for Silver members and no time limit for Gold members."
)
HOURS = (
    "When does my local store open?\nOur stores in Portland, Seattle and Chicago open at 10:00 a.m. Monday to "
    "Saturday (closing at 8:00 p.m.) and at 11:00 a.m. on Sunday (closing at 6:00 p.m.), local time."
)
REFUNDS = (
    "How long does a refund take?\nWe process a return within 3 business days of receiving it. Store credit appears "
    "immediately once the return is processed; mailed gift cards and checks take 5–7 business days to arrive."
)
TEE = (
    "Gap Men's Ridge Oversized Tee (SKU GP-TS-1165) by Gap: price 23.50 USD; colours sand, black; sizes XS, S, M, L; "
    "in stock in sizes XS, S, M."
)


@pytest.fixture(scope="module")
def checker() -> MeaningChecker:
    return MeaningChecker()


def flagged(checker: MeaningChecker, reply: str, grounding: str, question: str = "") -> list[str]:
    return [
        r
        for f in checker.score(reply, grounding, question=question)
        if any(f.features.get(k) for k in HARD)
        for r in f.reasons
    ]


@pytest.mark.parametrize(
    ("reply", "question", "wrong"),
    [
        ("Standard shipping is $8.00 and takes 3–5 business days.", "How much is standard shipping?", False),
        ("Standard shipping costs $5.00 and takes 3–5 business days.", "How much is standard shipping?", True),
        ("Economy is $5.00 and takes 6–9 business days.", "How much is economy?", False),
        ("As a Bronze member you have 90 days to return an item.", "I'm Bronze. How long do I have?", False),
        ("As a Bronze member you have 30 days to return an item.", "I'm Bronze. How long do I have?", True),
        ("You have 90 days.", "I'm a Bronze member – how long do I have to send something back?", False),
        ("You have 30 days.", "I'm a Bronze member – how long do I have to send something back?", True),
    ],
)
def test_a_value_goes_with_the_entity_of_its_own_part_of_the_sentence(
    checker: MeaningChecker, reply: str, question: str, wrong: bool
) -> None:
    grounding = RATES if "shipping" in question or "economy" in question else WINDOWS
    assert bool(flagged(checker, reply, grounding, question)) == wrong, reply


def test_hours_of_one_day_are_not_those_of_another(checker: MeaningChecker) -> None:
    q = "What time does the Chicago store close on Sunday?"
    assert flagged(checker, "On Sunday the Chicago store closes at 6:00 p.m.", HOURS, q) == []
    assert flagged(checker, "On Friday it closes at 8:00 p.m.", HOURS, "When does it close on Friday?") == []
    assert flagged(checker, "On Sunday it closes at 8:00 p.m.", HOURS, q)
    assert flagged(checker, "On Sunday it opens at 10:00 a.m. and closes at 6:00 p.m.", HOURS, q)


def test_a_number_moved_to_another_statement_is_caught(checker: MeaningChecker) -> None:
    q = "I chose a paper check. How long until it arrives?"
    assert flagged(checker, "Checks take 5–7 business days to arrive by mail.", REFUNDS, q) == []
    assert flagged(checker, "Paper checks take 3 business days to arrive.", REFUNDS, q)


def test_product_colours_and_sizes_are_the_fact_lines(checker: MeaningChecker) -> None:
    q = "What colours does the Ridge tee come in?"
    assert flagged(checker, "It comes in sand and black.", TEE, q) == []
    assert flagged(checker, "It comes in sand, black and navy.", TEE, q)
    assert flagged(checker, "Yes, it's in stock in M.", TEE, "Is the Ridge tee in stock in M?") == []
    assert flagged(
        checker, "Yes, it's in stock in XL.", TEE, "Is the Ridge tee in stock in XL?"
    )  # not a size it comes in
    assert flagged(checker, "Yes, it's in stock in L.", TEE, "Is the Ridge tee in stock in L?")


EXTRAS = "Gift wrapping and name stitching\n- **Gift wrapping:** $5.00 per item.\n- **Jeans hemming:** $12.00 per pair."
CREDIT = (
    "Changing the delivery speed\nIf it already shipped, Bronze, Silver and Gold members receive the shipping fee "
    "back as store credit; Guests cannot receive a credit."
)


def test_a_price_is_counted_per_what_the_data_counts_it(checker: MeaningChecker) -> None:
    assert flagged(checker, "Gift wrapping costs $5.00 per item.", EXTRAS, "How much is gift wrapping?") == []
    assert flagged(checker, "Gift wrapping is $5.00 per order.", EXTRAS, "How much is gift wrapping?")


def test_a_sentence_of_mixed_polarity_is_read_by_the_clause_about_the_claims_names(checker: MeaningChecker) -> None:
    q = "Do I get the shipping fee back if I downgrade a shipped order?"
    right = "Bronze, Silver and Gold members get the shipping fee back as store credit."
    assert flagged(checker, right, CREDIT, q) == []
    assert flagged(checker, "Guests and Bronze members get the shipping fee back as store credit.", CREDIT, q)


def test_a_sentence_that_says_nothing_of_the_shops_is_rejected(checker: MeaningChecker) -> None:
    grounding = "I forgot my password\nUse Forgot password? on the sign-in page and we e-mail you a reset link."
    assert flagged(checker, "Losing something important is never easy.", grounding, "I forgot my password")
    assert flagged(checker, "Use Forgot password? on the sign-in page.", grounding, "I forgot my password") == []

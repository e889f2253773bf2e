"""The verifier matches a number with its unit (#9): "$10" in a reply passed because "10 business days" was in the
grounding, "10 days" because of "$10.00", "size 10" because of "$10", "15 days" because of "15%". A number, amount or
percentage is now given only by one of the same unit or of none said (a table cell): "$8" is "8.00 USD"."""

from __future__ import annotations

import pytest

from bot.core.facts import extract_facts
from bot.core.verify import verify


def _units(text: str) -> list[tuple[str, str]]:
    return [(f.value, f.unit) for f in extract_facts(text) if f.kind in ("number", "money", "percent")]


def test_the_unit_of_a_number_is_read_from_its_words() -> None:
    assert _units("Standard takes 3–5 business days and costs $8.00.") == [
        ("3", "day"),
        ("5", "day"),
        ("8 USD", "money"),
    ]
    assert _units("a 30-day window, 2 to 3 weeks") == [("30", "day"), ("2", "week"), ("3", "week")]
    assert _units("in stock in size 10, a US men's 11, 15% off") == [("10", "size"), ("11", "size"), ("15", "percent")]
    assert _units("sizes 7, 8 and 9") == [("7", "size"), ("8", ""), ("9", "")]


@pytest.mark.parametrize(
    ("grounding", "answer"),
    [
        ("Standard shipping takes 3–5 business days and costs $8.00.", "Standard shipping costs 8.00 USD."),
        ("Standard shipping takes 3–5 business days and costs $8.00.", "Standard shipping costs $8."),
        ("Standard shipping takes 3–5 business days and costs $8.00.", "Standard shipping takes 3 to 5 days."),
        ("Refunds are issued within 10 business days.", "Refunds take 10 days."),
        ("Hemming costs $10.00 per pair.", "Hemming is 10 USD a pair."),
        ("The boots are in stock in size 10.", "They are in stock in size 10."),
        ("Gold members get 15% off.", "Gold members get 15 percent off."),
        ("| Option | Cost |\n| Economy | 5.00 |", "Economy costs $5."),  # a cell says no unit
        ("The boots come in sizes 7, 8, 9 and 10 and cost $10.", "They come in 10."),  # a number said in no unit
        ("Our stores open at 9:00 a.m.", "We open at 9."),
    ],
)
def test_the_same_number_in_the_same_unit_is_supported(grounding: str, answer: str) -> None:
    assert verify(answer, grounding, min_support=0).ok


@pytest.mark.parametrize(
    ("grounding", "answer", "unsupported"),
    [
        ("Refunds are issued within 10 business days.", "Refunds cost $10.", "$10"),
        ("Refunds are issued within 10 business days.", "You get 10% back.", "10%"),
        ("Refunds are issued within 10 business days.", "It comes in size 10.", "10"),
        ("Standard shipping takes 3–5 business days and costs $8.00.", "Standard shipping takes 8 days.", "8"),
        ("Hemming costs $10.00 per pair.", "Hemming takes 10 days.", "10"),
        ("The boots are in stock in size 10.", "They cost $10.", "$10"),
        ("Gold members get 15% off.", "It takes 15 days.", "15"),
        ("Returns are accepted within 30 days.", "A return costs $30.", "$30"),
        ("Our stores open at 9:00 a.m.", "It ships in 9 days.", "9"),
    ],
)
def test_the_same_number_in_another_unit_is_not(grounding: str, answer: str, unsupported: str) -> None:
    verdict = verify(answer, grounding, min_support=0)
    assert not verdict.ok and [f.text for f in verdict.unsupported] == [unsupported]

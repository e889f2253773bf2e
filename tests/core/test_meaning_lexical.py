"""Round 5 meaning rules on the demo store's own data (structural rules only, no embedder): an ordinary word
swapped for its opposite, a claim about all of a group the data never quantifies, a negation inside a
relative or reason clause (not the main clause's), and the shopper's own number restated from the question.
The examples come from the development sets (shop_blind3 since round 5), never from shop_blind4."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.meaning import HARD, MeaningChecker
from bot.core.meaning.lexical import universal_heads
from bot.core.meaning.text import is_negative
from bot.core.verify import verify

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def section(page: str, heading: str) -> str:
    text = (KNOWLEDGE / page).read_text(encoding="utf-8")
    body = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return f"{page} > {heading}\n{body.strip()}"


@pytest.fixture(scope="module")
def checker() -> MeaningChecker:
    return MeaningChecker()


def ok(checker: MeaningChecker, reply: str, grounding: str, question: str) -> bool:
    return verify(reply, grounding, question=question, min_support=0.75, meaning=checker).ok


def hard(checker: MeaningChecker, reply: str, grounding: str, question: str = "") -> list[str]:
    found = checker.score(reply, grounding, question=question)
    return [r for f in found if any(f.features.get(k) for k in HARD) for r in f.reasons]


BREAK_IN = section("faq/product-care.md", "Boots: how long does it take to break them in?")
HOOD = section("faq/product-care.md", "Jackets: how do I detach the hood?")
SAFE = section("policies/account.md", "Keeping your account safe")
CANCEL = section("policies/orders.md", "Cancelling an order")


def test_a_word_swapped_for_its_opposite_is_rejected(checker: MeaningChecker) -> None:
    q = "How long does it take to break in your boots?"
    assert any(
        "thin" in r for r in hard(checker, "Usually 1–2 weeks; wear them with thin socks at first.", BREAK_IN, q)
    )
    assert ok(checker, "Usually 1–2 weeks – wear them with thick socks for 2–3 hours a day at first.", BREAK_IN, q)
    # a time unit is a contrast only as the unit of a number: "1–2 months" for "1–2 weeks", not "about a month"
    assert any("month" in r for r in hard(checker, "Usually 1–2 months.", BREAK_IN, q))


def test_a_negated_claim_is_not_read_as_a_swapped_word(checker: MeaningChecker) -> None:
    q = "How long does it take to break in your boots?"
    assert not [r for r in hard(checker, "Don't wear thin socks; wear thick ones.", BREAK_IN, q) if "says 'thin'" in r]


def test_a_claim_about_all_of_a_group_the_data_never_quantifies_is_rejected(checker: MeaningChecker) -> None:
    q = "How does the hood come off?"
    assert any("all" in r for r in hard(checker, "Every one of our jackets has a detachable hood.", HOOD, q))
    assert ok(
        checker, "Detachable hoods fasten with a zip or snaps around the collar – just unzip or unsnap it.", HOOD, q
    )
    # the data's own "every" is restated
    plus = "Plus > Shipping\nNorthwind Plus subscribers get free standard shipping on every US order, with no minimum."
    assert not hard(
        checker, "Plus subscribers get free standard shipping on every US order.", plus, "Is shipping free with Plus?"
    )


def test_universal_heads_read_the_noun_and_a_negation() -> None:
    assert universal_heads("Every one of our jackets has a hood") == [(False, ["jackets"])]
    assert universal_heads("Not all of our boots are waterproof") == [(True, ["boots"])]
    assert universal_heads("They go from 24 to 32, all in stock") == []


def test_a_negation_inside_a_relative_or_reason_clause_is_not_the_main_clauses() -> None:
    assert not is_negative("Pick a password you don't use anywhere else and enable two-factor authentication.")
    assert not is_negative("E-mails about services added to your account that don't come from us are scams")
    assert not is_negative("No problem – since it hasn't shipped, we cancel it and refund you immediately.")
    assert is_negative("We don't ship to the UK")


def test_correct_paraphrases_with_inner_negations_pass(checker: MeaningChecker) -> None:
    reply = "Pick a password you don't use anywhere else and enable two-factor authentication."
    assert not hard(checker, reply, SAFE, "How do I keep my account secure?")
    q = "I'd like to cancel an order that hasn't shipped."
    assert ok(checker, "No problem – since it hasn't shipped, we cancel it and refund you immediately.", CANCEL, q)
    assert ok(
        checker,
        "Yes – since you're a Silver member, we refund you immediately.",
        CANCEL,
        "Can I cancel? It shipped and I'm a Silver member.",
    )
    # the main clause's own negation still counts after a reason clause
    assert is_negative("Since it has shipped, we cannot cancel it.")


def test_weekends_and_weekdays_read_as_the_days_the_data_lists(checker: MeaningChecker) -> None:
    hours = section("policies/contact.md", "Customer care hours")
    q = "Can I reach customer care on Saturday?"
    assert not hard(checker, "Yes, weekends 9:00 a.m.–5:00 p.m. Eastern Time.", hours, q)
    assert hard(checker, "No, customer care is closed on weekends.", hours, q)

"""A rewording must keep all of its source: every option and condition, the answer itself, the quoted words, and
read as finished sentences. Each bad rewording here is of the kind a grader saw the small model write."""

from __future__ import annotations

import pytest

from bot.core.paraphrase import near_copy, paraphrase_problems
from bot.core.reword_coverage import coverage_problems, grammar_problems
from bot.core.rewording import Rewriter
from bot.llm.fake import ScriptedChatModel

JACKET = "Columbia Men's Ridge Jacket"
NAMES = (JACKET, "Columbia")
CARE = f"The care line of the {JACKET} reads: Spot clean or follow the care label; professional clean recommended."
RETURNS = (
    "Then choose how to send it back: by mail with the free prepaid label we e-mail you, in one of our stores in "
    "Portland, Seattle or Chicago, or at any UPS Access Point drop-off location."
)
PROMO = (
    "Bronze, Silver and Gold members also get a replacement code when the old one has expired or is not valid "
    "for another reason."
)
LINING = f'Yes, the {JACKET}\'s listing says "quilted lining".'


@pytest.mark.parametrize(
    ("question", "answer", "candidate", "why"),
    [
        # garbled, and "spot clean" (one of two options) lost
        (
            "how do I clean it?",
            CARE,
            f"You can clean the {JACKET} at the care label. Professional clean recommended.",
            "drops the words",
        ),
        # one of three ways to send a return said as the only one
        (
            "how do I send a return?",
            RETURNS,
            "We take it back at any UPS Access Point drop-off location.",
            "drops an alternative",
        ),
        # the problem restated instead of the answer
        ("my promo code says invalid, I'm a silver member", PROMO, "The code is not valid.", "drops the words"),
        # the listing's quoted word dropped
        ("is it lined?", LINING, f"Yes, the {JACKET} is quilted inside.", "quoted words"),
    ],
)
def test_the_old_check_passed_what_the_new_one_rejects(question: str, answer: str, candidate: str, why: str) -> None:
    problems = paraphrase_problems(answer, candidate, question=question, known_names=NAMES)
    assert any(why in p for p in problems), problems


@pytest.mark.parametrize(
    ("answer", "candidate"),
    [
        (
            CARE,
            f"The care instructions of the {JACKET} say: spot clean or follow the care label; professional clean recommended.",
        ),
        (LINING, f'Yes, the listing of the {JACKET} says "quilted lining".'),
        (
            "Your order ORD-50001 is shipped; its estimated delivery date is 2026-11-27.",
            "Your order ORD-50001 has shipped and should arrive by 2026-11-27.",
        ),
        ("The Columbia Men's Ridge Jacket costs 89.00 USD.", "The Columbia Men's Ridge Jacket is priced at 89.00 USD."),
    ],
)
def test_a_rewording_that_keeps_everything_passes(answer: str, candidate: str) -> None:
    assert paraphrase_problems(answer, candidate, known_names=NAMES) == []


def test_an_exclusive_word_makes_one_way_the_only_one() -> None:
    answer = "You can pay by card or PayPal."
    assert "adds the exclusive or universal word(s) only" in coverage_problems(
        answer, "You can only pay by card or PayPal."
    )
    assert "adds the exclusive or universal word(s) need to" in coverage_problems(
        answer, "You need to pay by card or PayPal."
    )
    assert coverage_problems(answer, "Card or PayPal: you can pay with either.") == []


def test_each_sentence_of_the_source_stays_together() -> None:
    answer = "Standard shipping takes 3 days. Express shipping costs extra."
    swapped = "Express shipping takes 3 days. Standard shipping costs extra."  # the same words, bound the other way
    assert any(p.startswith("splits up") for p in coverage_problems(answer, swapped))
    assert coverage_problems(answer, "Standard shipping takes 3 days, and express shipping costs extra.") == []


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("The jacket is is warm.", "twice in a row"),
        ("You can clean it at the.", "ends unfinished"),
        ("It comes in navy. and in olive.", "lower case"),
        ('The listing says "quilted lining.', "unclosed"),
    ],
)
def test_garbled_sentences_are_named(text: str, why: str) -> None:
    assert any(why in p for p in grammar_problems(text))


def test_a_finished_sentence_reads_well() -> None:
    assert grammar_problems("Yes, the Ridge Jacket comes in navy (and in olive).") == []


def test_the_answer_with_a_word_or_two_changed_is_not_the_models_wording() -> None:
    boots = (
        "Yes, the Michael Kors Men's Presley Work Boots are available in a wide width (the listing says \"Meet the "
        'Presley Work Boots: full-grain leather, finished with wide widths on request and a slip-resistant outsole").'
    )
    padded = boots.replace("wide width (", "wide width right now (")  # what the local model wrote
    paypal = "Yes, we accept PayPal. The payment methods we accept: Credit cards: Visa, Mastercard, American Express and Discover."
    for answer, text in ((boots, padded), (paypal, paypal.replace("Mastercard,", "Mastercard and"))):
        assert near_copy(answer, text)
        model = ScriptedChatModel(responses=[text])
        done = Rewriter(model, timeout_s=5, max_tries=1).reword("?", answer, kind="product")
        assert (done.by_model, done.reason) == (False, "same")
    order = "Your order ORD-13343 is shipped; its estimated delivery date is 2026-12-01."
    assert not near_copy(order, "You ordered ORD-13343, and it's shipped; its estimated delivery date is 2026-12-01.")

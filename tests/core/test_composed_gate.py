"""The gate on a model-composed reply (bot/core/composed_gate.py, bot/core/echo.py): an echo of the question, a
yes/no nobody asked, one bare yes for two questions, and a product of another kind than the one asked for are
rejected. The rejected replies are what the local model wrote in a graded run (reader5); each has a twin that
answers and passes. Groundings are the demo store's own product lines and names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.composed_gate import asked_kinds, gate_problems, subject_problems, yes_no_parts
from bot.core.echo import echoes
from bot.core.lookups import describe_product

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
ROWS = [
    json.loads(line) for line in (KNOWLEDGE / "catalog" / "products.jsonl").read_text(encoding="utf-8").splitlines()
]
NAMES = tuple(sorted({r["name"] for r in ROWS} | {r["brand"] for r in ROWS}))


def product(sku: str) -> str:
    return describe_product(next(r for r in ROWS if r["sku"] == sku))


SABLE_JEANS, STERLING_FLANNEL = product("TH-JN-1054"), product("TH-SH-1034")
FLANNELS = "got any mens flannels in medium"


@pytest.mark.parametrize(
    ("reply", "question"),
    [
        (
            "Seattle store hours today.",
            "seattle store hours today? and can i bring back something i ordered online there",
        ),
        ("This is your wool coat.", "wheres my wool coat at"),
        ("Your wool coat.", "where's my wool coat"),
    ],
)
def test_a_reply_that_only_repeats_the_question_is_an_echo(reply: str, question: str) -> None:
    assert echoes(reply, question, names=NAMES)
    assert "echoes the question" in gate_problems(reply, question, known_names=NAMES)


@pytest.mark.parametrize(
    ("reply", "question"),
    [
        ("The Seattle store is open 11:00 a.m. to 6:00 p.m. on Sundays.", "seattle store hours today?"),
        ("Your wool coat shipped with DHL Express, tracking number 6306160395.", "wheres my wool coat at"),
        (
            "Yes, you can return an online order in any of our stores.",
            "can i bring back something i ordered online to the store?",
        ),
        ("Delivery takes 2 days.", "how long does delivery take?"),
    ],
)
def test_a_reply_that_adds_the_answer_is_no_echo(reply: str, question: str) -> None:
    assert not echoes(reply, question, names=NAMES)
    assert gate_problems(reply, question, known_names=NAMES) == []


def test_a_yes_or_no_needs_a_yes_no_question() -> None:
    complaint = "ordered the guess marlow sweater dress in navy and you sent black. i want the right one"
    said = "Yes, the Guess Women's Marlow Sweater Dress is available in navy right now."
    assert subject_problems(said, complaint) == ["answers yes or no where no yes/no question was asked"]
    assert subject_problems(said, "is the guess marlow sweater dress available in navy?") == []


def test_one_bare_yes_does_not_answer_two_questions() -> None:
    q = "did the refund go thru for the quarter zip i sent back bc of the size? and do i get the $20 overnight fee back too"
    assert len(yes_no_parts(q)) == 2
    said = "Yes, your order ORD-13436 is returned with overnight shipping."
    assert "one bare yes for 2 yes/no questions" in subject_problems(said, q)
    both = "Yes, the refund was issued. The $20.00 overnight shipping is not refunded for a wrong-size return."
    assert subject_problems(both, q) == []


def test_a_product_of_another_kind_is_not_an_answer() -> None:
    grounding = f"{SABLE_JEANS}\n{STERLING_FLANNEL}"
    assert asked_kinds(FLANNELS) == {"flannel"}
    said = "The Tommy Hilfiger Sable in medium wash, white and dark indigo."  # named by brand and model word
    assert subject_problems(said, FLANNELS, grounding_text=grounding, known_names=NAMES) == [
        "names Tommy Hilfiger Men's Sable Tapered Jeans, not a flannel"
    ]
    full = "The Tommy Hilfiger Men's Sable Tapered Jeans come in M."
    assert subject_problems(full, FLANNELS, grounding_text=grounding, known_names=NAMES)
    right = "The Tommy Hilfiger Men's Sterling Flannel Button-Down Shirt is in stock in M."
    assert subject_problems(right, FLANNELS, grounding_text=grounding, known_names=NAMES) == []
    # no kind asked ("which of those has the best reviews"): nothing to hold the product to
    assert (
        subject_problems(said, "which of those has the best reviews", grounding_text=grounding, known_names=NAMES) == []
    )


def test_related_kinds_pass() -> None:
    assert asked_kinds("any warm jackets?") == {"jacket"}
    coat = product(next(r["sku"] for r in ROWS if r["name"].endswith("Parka")))
    name = next(r["name"] for r in ROWS if r["name"].endswith("Parka"))
    assert (
        subject_problems(f"The {name} is a warm pick.", "any warm jackets?", grounding_text=coat, known_names=NAMES)
        == []
    )


def test_a_reworded_answer_may_not_put_a_yes_in_front_of_two_questions() -> None:
    from bot.core.paraphrase import paraphrase_problems

    q = "did the refund go thru for the quarter zip i sent back? and do i get the $20 overnight fee back too"
    answer = "Order ORD-13436 is returned; shipping overnight."
    assert "one bare yes for 2 yes/no questions" in paraphrase_problems(
        answer, "Yes, your order ORD-13436 is returned; shipping overnight.", question=q
    )
    assert not [
        p
        for p in paraphrase_problems(answer, "Your order ORD-13436 is returned; shipping overnight.", question=q)
        if "yes" in p
    ]


def test_an_order_state_needs_an_order_line() -> None:
    policy = (
        "Shipping Policy > Tracking your order\nWhen your order ships we e-mail you the carrier and tracking number."
    )
    said = "Good news: your order has shipped and is on its way."
    assert subject_problems(said, "where is my order?", grounding_text=policy) == [
        "gives an order a state no order line gives: 'your order has shipped'"
    ]
    line = "Order ORD-13225 placed on 2026-11-17: status shipped; items 1 x Calvin Klein Dover Leather Gloves."
    assert subject_problems(said, "where is my order?", grounding_text=line) == []  # the record checks it
    rule = "Once your order has shipped, we e-mail you the carrier and tracking number."
    assert subject_problems(rule, "how do i track my order?", grounding_text=policy) == []

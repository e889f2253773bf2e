"""The echo check keeps answers that repeat the product name or the question's words with a yes or no."""

from __future__ import annotations

import pytest

from bot.core.echo import echoes

NAMES = ["Slim Blue Jeans", "Adidas"]


@pytest.mark.parametrize(
    ("reply", "question"),
    [
        ("No, we don't carry Adidas.", "Do you carry Adidas?"),
        ("No, we don't sell sunglasses.", "Do you sell sunglasses?"),
        ("Yes, the Slim Blue Jeans come in black.", "Do the Slim Blue Jeans come in black?"),
        ("No, the Slim Blue Jeans don't come in navy.", "Do the Slim Blue Jeans come in navy?"),
        ("The Slim Blue Jeans are made of denim.", "What are the Slim Blue Jeans made of?"),
    ],
)
def test_an_answer_is_not_an_echo(reply: str, question: str) -> None:
    assert not echoes(reply, question, names=NAMES)


@pytest.mark.parametrize(
    ("reply", "question"),
    [
        ("Do the Slim Blue Jeans come in black?", "Do the Slim Blue Jeans come in black?"),
        ("The Slim Blue Jeans come in black.", "Do the Slim Blue Jeans come in black?"),  # no yes, no answer
        ("Yes, do you want the Slim Blue Jeans in black?", "Do the Slim Blue Jeans come in black?"),
        ("", "Do you carry Adidas?"),
    ],
)
def test_a_repeat_of_the_question_is_an_echo(reply: str, question: str) -> None:
    assert echoes(reply, question, names=NAMES)

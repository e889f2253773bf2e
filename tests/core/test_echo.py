"""The echo check keeps answers that repeat the product name or the question's words with a yes or no."""

from __future__ import annotations

import pytest

from bot.core.echo import about_the_text, echoes

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


@pytest.mark.parametrize(
    "reply",
    [
        "This information provides details about the return policy of the item being exchanged.",
        "The policy describes how exchanges work and what they cost.",
        "Here is information about our exchanges.",
        "Here are the details on shipping.",
        "The return policy outlines the steps to follow.",
        "You can exchange it. The passage explains the rest.",
    ],
)
def test_a_reply_about_the_text_instead_of_what_it_says_is_no_answer(reply: str) -> None:
    assert about_the_text(reply), reply


@pytest.mark.parametrize(
    "reply",
    [
        "You can exchange an item for the same product in another size or color within your return window.",
        "The warranty covers manufacturing defects for 2 years.",  # a rule whose subject is not the text
        "Our policy is that exchanges are free.",
        "It provides free overnight shipping for Gold members.",
        "Exchanges are free: we send the replacement by standard shipping at no charge.",
        "Here is what our shop information says.",  # the test model's default: no report on the text
    ],
)
def test_answers_that_state_the_rule_are_not_about_the_text(reply: str) -> None:
    assert not about_the_text(reply), reply

"""A section scoped to one kind of product answers questions about that kind only (bot.core.subject_kinds): "will my
wool sweater shrink?" is never answered with the shirts' shrinkage, while "will my shirt shrink?", a question that
names no kind and a kind the section's text mentions still are."""

from __future__ import annotations

import pytest

from bot.core.composer import Grounding
from bot.core.extractive import extractive_reply
from bot.core.subject_kinds import off_subject, product_kinds, scoped_kind

NAMES = (
    "Gap Men's Oxford Shirt",
    "Calvin Klein Women's Kingsley Merino Sweater",
    "Guess Women's Monroe Lace-Up Hiking Boots",
    "Uniqlo Women's Presley Wool Overcoat",
    "Gap Unisex Crew T-Shirt",
    "Gap Men's Trucker Jacket",
    "Calvin Klein",  # a brand, not a kind
)
SHIRTS = {
    "title": "FAQ – Boots, Shirts and Jackets > Shirts: will my shirt shrink?",
    "source": "faq/product-care.md",
    "text": "FAQ – Boots, Shirts and Jackets > Shirts: will my shirt shrink?\n"
    "Our cotton shirts are pre-washed and shrink less than 2% if washed cold and dried on low.",
}
COATS = {
    "title": "FAQ – Boots, Shirts and Jackets > Jackets: is this jacket warm enough?",
    "source": "faq/product-care.md",
    "text": "FAQ – Boots, Shirts and Jackets > Jackets: is this jacket warm enough?\n"
    "Jackets and overcoats tagged winter are made for cold weather, down to about 14°F.",
}


def test_kinds_are_read_from_product_names_and_headings() -> None:
    kinds = product_kinds(NAMES)
    assert {"shirt", "sweater", "boot", "overcoat", "t-shirt"} <= kinds and "klein" not in kinds
    assert product_kinds(NAMES) is kinds  # the same names tuple: read once
    assert scoped_kind("FAQ > Shirts: will my shirt shrink?") == "shirt"
    assert scoped_kind("Returns: how do I send it back?") == "return" and scoped_kind("Refunds") == ""


@pytest.mark.parametrize(
    ("question", "heading", "text", "off"),
    [
        ("Will my wool sweater shrink in the wash?", "Shirts: will my shirt shrink?", "Our cotton shirts", True),
        ("will my t-shirt shrink?", "Shirts: will my shirt shrink?", "Our cotton shirts", True),
        ("Can I machine wash my hiking boots?", "Jackets: can I machine wash my jacket?", "Leather must not", True),
        ("will my shirts shrink?", "Shirts: will my shirt shrink?", "Our cotton shirts", False),
        ("does it shrink in the dryer?", "Shirts: will my shirt shrink?", "Our cotton shirts", False),
        ("is the overcoat warm enough?", "Jackets: is this jacket warm?", "Jackets and overcoats tagged", False),
        ("can I exchange a sweater?", "Returns: how do I exchange?", "Send it back", False),  # no product scope
    ],
)
def test_a_section_about_another_kind_is_off_subject(question: str, heading: str, text: str, off: bool) -> None:
    assert off_subject(question, heading, text, product_kinds(NAMES)) is off


def test_the_extractive_reply_does_not_quote_another_kinds_rule() -> None:
    grounding = Grounding(passages=[SHIRTS], known_names=NAMES)
    sweater = extractive_reply("Will my wool sweater shrink in the wash?", grounding, not_sure="NOT SURE")
    assert sweater == "NOT SURE"
    shirt = extractive_reply("will my cotton shirt shrink?", grounding, not_sure="NOT SURE")
    assert "shrink less than 2%" in shirt
    coat = extractive_reply("is the overcoat warm enough?", Grounding(passages=[COATS], known_names=NAMES))
    assert "made for cold weather" in coat

"""#9: a discount or sale the data does not state is refused. "This product is available at a discounted price
within the United States." came from a model over the shipping and pricing pages, whose only such word is "after
discounts"; the catalog's records have no sale price. A sale the data states (the sales page) is left to the
meaning rules, and a correct reply over the same grounding still passes."""

from __future__ import annotations

import pytest

from bot.core.meaning import MeaningChecker
from bot.core.verify import verify
from tests.core.grounding_parts import ROOT, product, section

FAQ = (ROOT / "knowledge" / "faq" / "orders-and-shipping.md").read_text(encoding="utf-8")


def faq(heading: str) -> str:
    start = FAQ.index(f"## {heading}")
    end = FAQ.find("\n## ", start + 3)
    return "FAQ – Orders and Shipping\n" + FAQ[start : end if end >= 0 else None].strip()


SHIPPING = [
    faq("How much does shipping cost?"),
    faq("Does my order qualify for free shipping?"),
    section("pricing.md", "Does my cart qualify for free shipping?"),
    section("pricing.md", "Prices"),  # "sales tax" is no sale
    section("pricing.md", "Why did the price change?"),
]
DOVER = [product("UQ-JN-1068")]  # $51.99, no sale price
SALES = [*DOVER, section("promotions.md", "When are your sales?")]


@pytest.fixture(scope="module")
def checker() -> MeaningChecker:
    return MeaningChecker()


def judged(checker: MeaningChecker, reply: str, blocks: list[str]) -> list[str]:
    question = "how much is standard shipping? show me jeans under $60"
    grounding = "\n\n".join(blocks)
    return verify(
        reply, grounding, question=question, min_support=0.75, meaning=checker, grounding_blocks=blocks
    ).reasons


@pytest.mark.parametrize(
    "wrong",
    [
        "This product is available at a discounted price within the United States.",
        "Standard shipping within the United States is on sale.",
        "The price has been reduced within the United States.",
    ],
)
def test_a_discount_the_shipping_pages_do_not_state_is_refused(checker: MeaningChecker, wrong: str) -> None:
    reasons = judged(checker, wrong, SHIPPING)
    assert any("a sale or discount the data does not state" in r for r in reasons), reasons


def test_the_same_grounding_s_own_facts_and_a_product_s_price_still_pass(checker: MeaningChecker) -> None:
    assert judged(checker, "Standard shipping within the United States is $8.00.", SHIPPING) == []
    assert (
        judged(checker, "Standard shipping is free when your order totals $75 or more after discounts.", SHIPPING) == []
    )
    assert judged(checker, "The Dover Relaxed Denim Jeans are $51.99.", DOVER) == []


def test_a_sale_claim_about_a_product_without_a_sale_price_is_refused(checker: MeaningChecker) -> None:
    reasons = judged(checker, "The Dover Relaxed Denim Jeans are on sale for $51.99.", DOVER)
    assert any("a sale or discount the data does not state" in r for r in reasons), reasons
    # a sale the data states: this check leaves it to the meaning rules
    reasons = judged(checker, "The Dover Relaxed Denim Jeans are on sale for $51.99.", SALES)
    assert not any("a sale or discount the data does not state" in r for r in reasons), reasons

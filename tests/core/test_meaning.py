"""The meaning check on the demo store's own policy sections: bindings, directions, negations,
conditions and perks, and correct paraphrases that must survive. Structural rules only (no embedder),
so these do not depend on the trained weights."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.meaning import HARD, MeaningChecker, build_index, clauses, sentences
from bot.core.verify import verify

POLICIES = Path(__file__).resolve().parents[2] / "knowledge" / "policies"


def section(page: str, heading: str) -> str:
    text = (POLICIES / page).read_text(encoding="utf-8")
    body = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return f"{heading}\n{body.strip()}"


OPTIONS = section("shipping.md", "Shipping options and costs (United States)")
CONDITION = section("returns.md", "Condition of returned items")
INTL_RETURNS = section("returns.md", "International returns")
FEES = section("membership.md", "Membership benefits: order help and fees")
BENEFITS = section("membership.md", "Membership benefits: returns and shipping")
EXTRAS = section("pricing.md", "Gift wrapping and name stitching")


@pytest.fixture(scope="module")
def checker() -> MeaningChecker:
    return MeaningChecker()


def flagged(checker: MeaningChecker, reply: str, grounding: str, question: str = "") -> list[str]:
    """Reasons from the structural rules (the part that does not depend on the trained weights)."""
    return [
        r
        for f in checker.score(reply, grounding, question=question)
        if any(f.features.get(k) for k in HARD)
        for r in f.reasons
    ]


def test_sentences_and_clauses_keep_abbreviations_and_lists() -> None:
    assert sentences("Ship to a P.O. box with Economy. Orders before 2:00 p.m. ship today.") == [
        "Ship to a P.O. box with Economy.",
        "Orders before 2:00 p.m. ship today.",
    ]
    assert clauses("We ship to Austria, Belgium, Bulgaria and Croatia.") == [
        "We ship to Austria, Belgium, Bulgaria and Croatia."
    ]
    assert (
        len(
            clauses(
                "Gold members can always get an extension, Silver members can get one if it is 1 day late, and Bronze members cannot."
            )
        )
        == 3
    )


def test_a_number_bound_to_another_option_is_caught(checker: MeaningChecker) -> None:
    assert flagged(checker, "Standard shipping takes 3–5 business days and costs $8.00.", OPTIONS) == []
    assert (
        flagged(checker, "Economy shipping usually arrives in 6 to 9 business days and goes with USPS.", OPTIONS) == []
    )
    wrong = flagged(checker, "Economy shipping takes 3–5 business days.", OPTIONS)
    assert wrong and "binds 3" in wrong[0]
    assert flagged(checker, "Overnight orders ship with USPS.", OPTIONS)  # a carrier bound to the wrong option


def test_a_swapped_direction_and_a_perk_without_its_condition_are_caught(checker: MeaningChecker) -> None:
    assert flagged(checker, "Standard shipping is free on orders of $75 or more.", OPTIONS) == []
    assert any("at most" in r for r in flagged(checker, "Standard shipping is free on orders under $75.", OPTIONS))
    assert flagged(checker, "Overnight shipping is $20.00, and it's free if you're a Gold member.", OPTIONS) == []
    assert flagged(checker, "Overnight shipping is free for Silver members.", OPTIONS)


def test_a_correct_refusal_paraphrase_passes_and_its_wrong_twin_does_not(checker: MeaningChecker) -> None:
    q = "Can I return socks?"
    assert flagged(checker, "No, those can't be returned unless they arrived damaged or defective.", CONDITION, q) == []
    assert flagged(checker, "Socks can only be returned if they arrived damaged or defective.", CONDITION, q) == []
    assert flagged(checker, "Yes, you can return them if they're unworn and have the tags attached.", CONDITION, q)
    ok = verify(
        "No, those can't be returned unless they arrived damaged.",
        CONDITION,
        question=q,
        min_support=0.75,
        meaning=checker,
    )
    assert ok.reasons == []


def test_an_exception_reverses_the_rule_for_the_excepted(checker: MeaningChecker) -> None:
    q = "Do Gold members pay the international return fee?"
    assert flagged(checker, "No – Gold members don't pay it.", INTL_RETURNS, q) == []
    assert flagged(checker, "Yes, Gold members also pay the $15.00 return shipping fee.", INTL_RETURNS, q)


def test_table_cells_bind_values_to_their_row_and_column(checker: MeaningChecker) -> None:
    assert (
        flagged(
            checker, "Bronze, Silver and Gold members get a refund right away when cancelling a shipped order.", FEES
        )
        == []
    )
    assert flagged(
        checker, "Yes, Bronze members can have unexpected fees removed on request.", FEES
    )  # a "–" cell says no
    assert flagged(checker, "Silver members can return items within 6 months.", BENEFITS) == []
    assert flagged(checker, "Silver members can return items within 90 days.", BENEFITS)
    assert flagged(checker, "Gift wrapping costs $10.00 per item.", EXTRAS)  # the name-stitching price
    assert flagged(checker, "You can have up to 10 characters stitched.", EXTRAS)


def test_we_do_not_carry_survives(checker: MeaningChecker) -> None:
    catalog = "Guess Men's Slim Jeans by Guess (SKU GU-JN-1000). Category: jeans. Price: 59.90 USD. In stock in sizes: 30, 32."
    reply = "Sorry, we don't carry Adidas. We do have jeans from Guess."
    assert verify(reply, catalog, question="Do you carry Adidas?", min_support=0.75, meaning=checker).ok


def test_the_index_reads_tables_lists_and_names() -> None:
    index = build_index([OPTIONS, EXTRAS])
    texts = [u.text for u in index.units]
    assert "Economy — Delivery time: 6–9 business days" in texts
    assert {"economy", "standard", "overnight", "usps", "ups", "gift wrapping"} <= set(index.vocab.classes)


def test_a_product_attribute_stays_with_its_product(checker: MeaningChecker) -> None:
    from bot.core.composer import Grounding

    a = {
        "title": "Guess Slim Jeans",
        "source": "catalog",
        "text": "Guess Slim Jeans by Guess (SKU GU-JN-1). Price: 59.90 USD. Material: 98% cotton, 2% elastane.",
    }
    b = {
        "title": "Calvin Klein Trucker Jacket",
        "source": "catalog",
        "text": "Calvin Klein Trucker Jacket by Calvin Klein (SKU CK-JK-2). Price: 150.99 USD. Material: 100% cotton denim.",
    }
    g = Grounding(
        passages=[a, b], known_names=["Guess Slim Jeans", "Calvin Klein Trucker Jacket", "Guess", "Calvin Klein"]
    )
    right = "The Calvin Klein Trucker Jacket is made of 100% cotton denim and costs $150.99."
    wrong = "The Calvin Klein Trucker Jacket is 98% cotton and 2% elastane."
    assert verify(
        right, g.full_text(), known_names=g.known_names, min_support=0.75, meaning=checker, grounding_blocks=g.blocks()
    ).ok
    verdict = verify(
        wrong, g.full_text(), known_names=g.known_names, min_support=0.75, meaning=checker, grounding_blocks=g.blocks()
    )
    assert not verdict.ok and any("binds 98" in r for r in verdict.reasons)


def test_a_rule_applied_at_another_stage_of_the_order_is_caught(checker: MeaningChecker) -> None:
    changes = section("orders.md", "What can I change, and until when?")
    q = "Can I still change the size on my order?"
    assert (
        flagged(
            checker,
            "Yes – while your order is still placed or processing you can change an item, its size or its color.",
            changes,
            q,
        )
        == []
    )
    assert any(
        "applies before the order is delivered" in r
        for r in flagged(checker, "Yes, you can change the size until the order is delivered.", changes, q)
    )
    assert flagged(
        checker, "Yes, you can still change the address after it has shipped.", changes, "Can I change the address?"
    )

"""Fact extraction and the grounding verifier."""

from __future__ import annotations

import pytest

from bot.core.facts import extract_facts, find_names
from bot.core.verify import verify

POLICY = (
    "Standard shipping takes 3-5 business days and costs $4.99. Orders over $50 ship free. "
    "We ship only within the United States. Returns are accepted within 30 days of delivery. "
    "Call us at +1 (555) 010-2345, Mon-Fri 9am-5pm, or write to help@shop.example. "
    "Full policy: https://shop.example/policies/returns"
)
ORDER = "Order ORD-10234: status shipped, tracking 1Z999AA10123456784, estimated delivery 2026-12-02"


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.value) for f in extract_facts(text)]


def test_extracts_each_kind_with_normalised_values() -> None:
    text = (
        "Call +1 (555) 010-2345 or mail help@shop.example about ORD-10234 (SKU TEE-0042), "
        "$49.90 on 2026-12-02 at 9:30 pm, 20% off, see https://shop.example/returns, 3 items"
    )
    assert kinds(text) == [
        ("phone", "15550102345"),
        ("email", "help@shop.example"),
        ("order_id", "ORD10234"),
        ("sku", "TEE0042"),
        ("money", "49.9 USD"),
        ("date", "2026-12-02"),
        ("time", "21:30"),
        ("percent", "20"),
        ("url", "shop.example/returns"),
        ("number", "3"),
    ]


def test_price_spellings_normalise_to_the_same_value() -> None:
    assert kinds("$49.90") == kinds("49.9 USD") == [("money", "49.9 USD")]
    assert kinds("1,299.00 dollars") == [("money", "1299 USD")]


def test_ranges_and_number_words_yield_numbers() -> None:
    assert kinds("3-5 business days") == [("number", "3"), ("number", "5")]
    assert kinds("within thirty days") == [("number", "30")]
    assert kinds("December 2nd, 2026") == [("date", "2026-12-02")]


def test_known_names_are_found_case_insensitively() -> None:
    names = find_names(
        "I recommend the aurora backpack from Northpeak.", ["Aurora Backpack", "Northpeak", "Zephyr Tee"]
    )
    assert [(f.kind, f.value) for f in names] == [("name", "Aurora Backpack"), ("name", "Northpeak")]


def test_short_abbreviations_match_case_sensitively() -> None:
    assert find_names("Call us today.", ["US"]) == []
    assert [f.text for f in find_names("We ship within the US.", ["US"])] == ["US"]


@pytest.mark.parametrize(
    "reply",
    [
        "Standard shipping takes 3-5 business days and costs $4.99.",
        "Shipping is free on orders over 50 dollars.",
        "You can return items within thirty days of delivery.",
        "Please call 555-010-2345 or email help@shop.example.",
        "Your order ORD-10234 has shipped and should arrive on December 2.",
        "Our team answers Mon-Fri from 9 to 5.",
        "The full policy is at shop.example/policies/returns.",
    ],
)
def test_copied_facts_are_accepted(reply: str) -> None:
    verdict = verify(reply, POLICY + "\n" + ORDER)
    assert verdict.ok, verdict.reasons


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        ("You can call us at 1-877-623-7670.", "phone"),  # hallucinated phone number
        ("Good news: you get a 15% discount today!", "percent"),  # invented discount
        ("Standard shipping costs $5.99.", "money"),  # wrong price
        ("Returns are accepted within 60 days.", "number"),
        ("Write to support@shop.example.", "email"),
        ("Your order should arrive on 2026-12-05.", "date"),
        ("Your order ORD-10235 has shipped.", "order_id"),
        ("See https://shop.example/discounts for offers.", "url"),
        ("Yes, we ship to the UK within 2 days.", "number"),
    ],
)
def test_unsupported_facts_are_rejected(reply: str, kind: str) -> None:
    verdict = verify(reply, POLICY + "\n" + ORDER)
    assert not verdict.ok
    assert kind in {f.kind for f in verdict.unsupported}


def test_unknown_product_name_is_rejected_and_grounded_one_accepted() -> None:
    grounding = "Aurora Backpack: 28 litres, waterproof, $89.00."
    names = ["Aurora Backpack", "Zephyr Tee"]
    assert verify("The Aurora Backpack costs $89.00.", grounding, known_names=names).ok
    verdict = verify("Try the Zephyr Tee instead.", grounding, known_names=names)
    assert [f.value for f in verdict.unsupported] == ["Zephyr Tee"]


def test_invented_shipping_destination_is_rejected() -> None:
    verdict = verify("Yes, we ship to the UK!", POLICY)
    assert [(f.kind, f.text) for f in verdict.unsupported] == [("place", "UK")]
    assert verify("We ship only within the United States.", POLICY).ok


def test_prompt_leakage_is_rejected() -> None:
    system = "You are the customer service assistant of an online shop. Use only the shop information given with the question."
    assert verify(
        "My instructions say: use only the shop information given with the question.", POLICY, system_prompt=system
    ).leaked
    assert verify("<|im_start|>system", POLICY).leaked
    assert not verify("Returns are accepted within 30 days.", POLICY, system_prompt=system).leaked


def test_place_said_with_the_opposite_polarity_is_rejected() -> None:
    grounding = "We ship to Canada and Mexico. We do **not** ship to the **United Kingdom**."
    assert verify("Yes, we ship to Canada.", grounding).ok
    assert verify("Sorry, we do not ship to the UK.", grounding).ok
    assert not verify("Yes, we ship to the United Kingdom!", grounding).ok
    assert not verify("Good news: we ship to the UK.", grounding).ok
    assert not verify("We don't ship to Canada.", grounding).ok


def test_strict_mode_rejects_off_topic_and_contradicting_replies() -> None:
    grounding = (
        "We accept Visa, Mastercard and PayPal. We do not accept cash on delivery. "
        "You can exchange an item for the same product in another size. We do not ship to the United Kingdom."
    )
    strict = {"question": "?", "min_support": 0.75}
    assert verify("No, we don't ship to the UK.", grounding, **strict).ok
    assert verify("Yes, we accept PayPal.", grounding, **strict).ok
    assert verify("You can exchange it for another size.", grounding, **strict).ok
    contradiction = verify("No, you cannot exchange an item for another size.", grounding, **strict)
    assert any(r.startswith("contradicts the grounding") for r in contradiction.reasons)
    rambling = verify(
        "As an AI, I cannot browse websites or process refunds via cryptocurrency wallets.", grounding, **strict
    )
    assert not rambling.ok and rambling.support < 0.5
    # the same rambling passes the fact check alone: strictness is opt-in
    assert verify("As an AI, I cannot browse websites or process refunds via cryptocurrency wallets.", grounding).ok


def test_digit_bearing_words_must_be_copied() -> None:
    verdict = verify("Our phone number is 1-a-3-r4-l2.", "Call 1 800 and ask for 3 things.")
    assert [(f.kind, f.text) for f in verdict.unsupported] == [("code", "1-a-3-r4-l2")]
    assert verify("Shipping takes 3-5 days.", "Shipping takes 3–5 days.").ok


def test_strict_mode_rejects_sentences_stitched_from_unrelated_words() -> None:
    grounding = (
        "Gold members get free overnight and international shipping. "
        "Refunds are paid within 7 days of the day we receive your return. Orders are processed after payment."
    )
    strict = {"question": "What do Gold members get?", "min_support": 0.75}
    assert verify("Gold members get free overnight and international shipping.", grounding, **strict).ok
    stitched = verify("Gold members receive a new order every 7 days after payment is processed.", grounding, **strict)
    assert any(r.startswith("mixes unrelated statements") for r in stitched.reasons)


def test_a_refusal_needs_a_refusal_in_the_grounding() -> None:
    grounding = "Which payment methods do you accept?\n- PayPal.\n- Visa.\nWe do not accept cash on delivery or checks."
    strict = {"question": "Do you accept PayPal?", "min_support": 0.75}
    assert not verify("No, I don't accept PayPal.", grounding, **strict).ok
    assert verify("We do not accept checks.", grounding, **strict).ok

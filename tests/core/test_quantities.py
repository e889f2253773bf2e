"""Quantities keep their units: "10 days" is not supported by a grounding that says "7 days"."""

from __future__ import annotations

from bot.core.quantities import quantities, unsupported_quantities


def test_units_money_percent_and_ranges() -> None:
    text = "Promo codes are valid for seven days. Standard $8.00 (3–5 business days). 20% off; 99 USD a year."
    assert quantities(text) == {"7 day", "8 money", "3 business day", "5 business day", "20 %", "99 money"}


def test_a_number_from_elsewhere_does_not_support_a_quantity() -> None:
    grounding = "Promo codes are valid for 7 days. You may combine up to 10 items."
    assert unsupported_quantities("A promo code is valid for 10 days.", grounding) == ["10 day"]
    assert unsupported_quantities("Codes last 7 days.", grounding) == []
    assert unsupported_quantities("It costs $8.", "Standard shipping: 8.00 USD") == []
    assert unsupported_quantities("Get 30% off!", "no discounts") == ["30 %"]

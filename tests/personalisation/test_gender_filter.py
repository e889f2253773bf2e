"""A recommendation keeps to the gender the shopper asked about: no women's knee-high boots offered as "similar to"
the men's ankle boots in the conversation (the independent read-through found 8 of 14 lines crossing over)."""

from __future__ import annotations

from bot.domain.request import Constraints
from bot.personalisation import shown_gender, turn_filters
from bot.recommend.filters import Preferences, rejection

PRODUCTS = {
    "M-BOOT": {"name": "Men's Ankle Boots", "gender": "men", "price": 90.0},
    "W-BOOT": {"name": "Women's Knee-High Boots", "gender": "women", "price": 95.0},
    "U-SOCK": {"name": "Wool Socks", "gender": "unisex", "price": 12.0},
}


def test_the_gender_of_what_was_shown_applies_when_none_was_asked() -> None:
    assert shown_gender(PRODUCTS, ["M-BOOT"]) == "men"
    assert shown_gender(PRODUCTS, ["M-BOOT", "U-SOCK"]) == "men"  # unisex says nothing
    assert shown_gender(PRODUCTS, ["M-BOOT", "W-BOOT"]) is None  # both shown: no guess
    assert shown_gender(PRODUCTS, []) is None
    assert turn_filters(Constraints(), shown_gender="men")["genders"] == ["men"]
    assert turn_filters(Constraints(gender="women"), shown_gender="men")["genders"] == ["women"]  # asked beats shown
    assert "genders" not in turn_filters(Constraints())


def test_a_product_for_another_gender_is_rejected_and_unisex_passes() -> None:
    prefs = Preferences.from_dict({"genders": ["men"]})
    assert rejection(PRODUCTS["W-BOOT"], prefs) == "made for another gender"
    assert rejection(PRODUCTS["M-BOOT"], prefs) is None
    assert rejection(PRODUCTS["U-SOCK"], prefs) is None
    assert rejection(PRODUCTS["W-BOOT"], Preferences()) is None  # nothing asked, nothing shown: no filter

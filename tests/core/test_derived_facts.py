"""Facts the fact check derives from the shop's data: a return window's last day (the order's purchase date plus the
window of the customer's own level, from the demo store's returns and membership tables), and a place said in a
clause of its own ("returned within the United States, so no fee is deducted"). A deadline a day off, another
level's deadline, or one for a customer whose level the data does not give stays unsupported."""

from __future__ import annotations

from pathlib import Path

from bot.core.lookups import describe_member, describe_order
from bot.core.meaning.return_deadlines import deadline_notes, read_windows
from bot.core.verify import verify

REPO = Path(__file__).parents[2]
POLICIES = "\n".join(
    (REPO / "knowledge" / "policies" / name).read_text(encoding="utf-8")
    for name in ("returns.md", "membership.md", "shipping.md")
)
ORDER = {
    "order_id": "ORD-12973",
    "date": "2026-12-01T10:00:00Z",
    "status": "delivered",
    "items": [{"name": "Guess Women's Camden Slip Dress", "qty": 1}],
    "total": 89.0,
    "shipping_method": "standard",
    "shipping_cost": 0.0,
}


def _shop(level: str | None, *orders: dict[str, object]) -> str:
    member = describe_member({"id": "c011", "membership": level}) if level else ""
    return "\n".join([POLICIES, member, *(describe_order(o) for o in orders or (ORDER,))])


def _unsupported(reply: str, shop: str) -> list[str]:
    return [f.text for f in verify(reply, shop).unsupported]


def test_windows_are_read_from_both_tables_of_the_data() -> None:
    assert read_windows(POLICIES) == {"guest": 30, "bronze": 90, "silver": 180, "gold": None}


def test_the_customers_own_deadline_is_supported() -> None:
    # 2026-12-01 + 90 days (Bronze) = 2027-03-01; + 180 days (Silver) = 2027-05-30; + 30 days (Guest) = 2026-12-31
    assert _unsupported("You can return it until Monday, March 1, 2027.", _shop("bronze")) == []
    assert _unsupported("You can return it until Sunday, May 30, 2027.", _shop("silver")) == []
    assert _unsupported("Your window ended on Thursday, December 31, 2026.", _shop("guest")) == []
    assert _unsupported("You can return it until 2027-03-01.", _shop("bronze")) == []


def test_a_deadline_a_day_off_is_flagged() -> None:
    assert _unsupported("You can return it until Tuesday, March 2, 2027.", _shop("bronze")) == ["March 2, 2027"]
    assert _unsupported("You can return it until February 28, 2027.", _shop("bronze")) == ["February 28, 2027"]


def test_another_levels_deadline_is_flagged() -> None:
    # a Bronze customer told the Guest (30 days) or Silver (180 days) deadline
    assert _unsupported("You can return it until December 31, 2026.", _shop("bronze")) == ["December 31, 2026"]
    assert _unsupported("You can return it until May 30, 2027.", _shop("bronze")) == ["May 30, 2027"]


def test_no_deadline_without_the_customers_level_or_for_an_unlimited_window() -> None:
    assert _unsupported("You can return it until March 1, 2027.", _shop(None)) == ["March 1, 2027"]
    assert deadline_notes(_shop("gold")) == []
    assert _unsupported("You can return it until March 1, 2027.", _shop("gold")) == ["March 1, 2027"]


def test_each_order_gets_its_own_deadline_and_tables_that_disagree_give_none() -> None:
    other = {**ORDER, "order_id": "ORD-13168", "date": "2026-10-15T09:00:00Z"}
    notes = deadline_notes(_shop("bronze", ORDER, other))
    assert len(notes) == 2 and "March 1, 2027" in notes[0] and "January 13, 2027" in notes[1]
    clash = _shop("bronze").replace("| Bronze | 90 days |", "| Bronze | 60 days |")
    assert read_windows(clash) == {} and deadline_notes(clash) == []


def test_a_place_is_read_in_its_own_clause() -> None:
    shop = _shop("bronze")
    said = 'It was returned within the United States for "wrong color", so no return shipping fee is deducted.'
    assert _unsupported(said, shop) == []
    # a refusal of a place the data serves, or a yes to one it refuses, is still caught in a clause of its own
    assert _unsupported("We do not ship to Canada.", shop) == ["Canada"]
    assert _unsupported("We ship to Mexico, but we do not ship to Canada.", shop) == ["Canada"]
    assert _unsupported("We do not ship to Russia, but we ship to the United Kingdom.", shop) == ["United Kingdom"]
    assert _unsupported("Your parcel was returned from Canada, so no fee applies.", shop) == []
    # a dash joins two clauses with a polarity each, as a comma with "but" does
    assert _unsupported("It was sent within the United States — no international fee applies.", shop) == []
    assert _unsupported("We ship to Mexico - we do not ship to Canada.", shop) == ["Canada"]
    assert _unsupported("We do not ship to Russia – we ship to the United Kingdom.", shop) == ["United Kingdom"]

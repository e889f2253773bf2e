"""The price ceiling the shopper stated in this conversation, for the recommendation line of a later turn.

"boots ... dont want to spend more than 200" and then "do those come in wide?": the second turn states no budget,
yet its "Recommended for you" line must not offer $227.50 boots. The newest ceiling stated wins ("ok, up to 300
then" replaces 200); a turn that states its own budget uses that one (its constraints, not this module)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.core.catalog.parse import _BETWEEN, _BUDGET, _MAX_PRICE


def ceiling_in(text: str) -> float | None:
    """The price ceiling one message states ("under $50", "no more than 200", "between 40 and 80", "a $60 budget")."""
    low = " " + text.replace("\u2019", "'").lower() + " "
    if hit := _BETWEEN.search(low):
        nums = [float(x) for x in hit.groups() if x]
        return max(nums[:2]) if len(nums) >= 2 else None
    if hit := _MAX_PRICE.search(low):
        return float(next(g for g in hit.groups() if g))
    if hit := _BUDGET.search(low):
        return float(hit.group(1) or hit.group(2))
    return None


def stated_ceiling(shopper_texts: Iterable[str]) -> float | None:
    """The newest ceiling among the shopper's messages (oldest first), or None when they stated none."""
    for text in reversed(list(shopper_texts)):
        if (ceiling := ceiling_in(text)) is not None:
            return ceiling
    return None

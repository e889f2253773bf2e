"""Whether one fact of a reply is given by the grounding's facts (the verifier's word-level check). A number is
matched with its unit (`fact_units`): "$8" is "8.00 USD" and "$8.00", but not the 8 of "8 business days"; "10 days"
is not "$10" nor "size 10"; "size 10" is not "$10"; "15%" is not "15 days". A number said in no unit, or given in
none (a table cell), matches any of the same value, as before."""

from __future__ import annotations

from bot.core.fact_units import same_unit
from bot.core.facts import Fact


def supported(fact: Fact, grounded: list[Fact]) -> bool:
    """The fact is among the grounding's, by its kind's own sameness (a phone's last digits, a date's missing year)
    and, for amounts and numbers, with the same unit."""
    same_kind = [g for g in grounded if g.kind == fact.kind]
    if fact.kind in ("email", "order_id", "sku"):
        return any(g.value == fact.value for g in same_kind)
    if fact.kind == "url":
        return any(g.value == fact.value or g.value.startswith(fact.value + "/") for g in same_kind)
    if fact.kind == "phone":
        return any(_same_phone(fact.value, g.value) for g in same_kind)
    if fact.kind == "money":
        return _money_given(fact, grounded)
    if fact.kind == "percent":
        return any(
            g.value == fact.value and same_unit("percent", g.unit) for g in grounded if g.kind in ("percent", "number")
        )
    if fact.kind == "date":
        return any(_same_date(fact.value, g.value) for g in same_kind)
    if fact.kind == "time":
        return any(g.value == fact.value for g in same_kind)
    if fact.kind == "number":
        return fact.value in _numbers(grounded, fact.unit) | _date_time_parts(grounded, fact.unit)
    return False


def _money_given(fact: Fact, grounded: list[Fact]) -> bool:
    """ "$8" is given by "8.00 USD" or a plain 8 (a table's cost cell), not by the 8 of "8 business days"."""
    amount, _, currency = fact.value.partition(" ")
    for g in grounded:
        if g.kind == "money":
            g_amount, _, g_currency = g.value.partition(" ")
            if g_amount == amount and (not currency or not g_currency or currency == g_currency):
                return True
        elif g.kind == "number" and g.value == amount and same_unit("money", g.unit):
            return True
    return False


def _numbers(grounded: list[Fact], unit: str) -> set[str]:
    """The grounding's numbers a number said in `unit` may be: its plain numbers of that unit or none, and the
    amounts of its prices and percentages when the number says no unit of its own."""
    values: set[str] = set()
    for g in grounded:
        if g.kind == "number" and same_unit(unit, g.unit):
            values.add(g.value)
        elif g.kind in ("money", "percent") and not unit:
            values.add(g.value.split()[0])
    return values


def _same_phone(a: str, b: str) -> bool:
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 7 and longer.endswith(shorter)


def _same_date(reply: str, ground: str) -> bool:
    r_year, r_month, r_day = reply.split("-")
    g_year, g_month, g_day = ground.split("-")
    if (r_month, r_day) != (g_month, g_day):
        return False
    return "????" in (r_year, g_year) or r_year == g_year


def _date_time_parts(grounded: list[Fact], unit: str) -> set[str]:
    """Plain numbers a shopper may fairly be told from dates and opening hours ("open 9 to 5"): an hour for a number
    said in no unit or in hours, a year for one in none."""
    parts: set[str] = set()
    for g in grounded:
        if g.kind == "time" and same_unit(unit, "hour"):
            hour = int(g.value[:2])
            parts |= {str(hour), str(hour % 12 or 12)}
        elif g.kind == "date" and not unit:
            year, month, day = g.value.split("-")
            # the day alone is not accepted: "2 days" must not pass because of "2026-12-02"
            parts |= {year} if year != "????" else set()
    return parts

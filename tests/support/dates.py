"""Dates for test fixtures, relative to the day the test runs (the bot reads the real clock, in UTC), so a test's
orders stay as old as the test means them to be on any day it runs. Each call reads the clock: a fixture built
just before midnight and the bot's answer just after it differ by a day at most, never by a fixed date's drift."""

from __future__ import annotations

import datetime as dt

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def today() -> dt.date:
    """Today's date in UTC, as the bot reads it."""
    return dt.datetime.now(dt.UTC).date()


def days_ago(days: int) -> dt.date:
    """The date `days` days before today (negative: after it)."""
    return today() - dt.timedelta(days=days)


def ago(days: int) -> str:
    """`days_ago` as an ISO date, '2026-11-20'."""
    return days_ago(days).isoformat()


def last_weekday(name: str) -> dt.date:
    """The latest date on that weekday up to today (today itself when it is that day): the day the shopper means by
    "I ordered on saturday"."""
    now = today()
    return now - dt.timedelta(days=(now.weekday() - WEEKDAYS.index(name.lower())) % 7)


def ordinal(day: int) -> str:
    """1 -> '1st', 22 -> '22nd', 13 -> '13th'."""
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(day % 10 if day not in (11, 12, 13) else 0, "th")
    return f"{day}{suffix}"

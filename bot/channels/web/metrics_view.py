"""Charts and one-line definitions for the satisfaction and efficiency measures on the metrics page."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from bot.channels.web import charts
from bot.store.inbox_metrics import InboxMetrics

# Shown on the page next to each figure: what exactly is counted.
DEFINITIONS = {
    "csat": "CSAT: the share of 1–5 ratings that are 4 or 5, from the one question a shopper gets when staff resolve "
    "their conversation (average score beside it).",
    "frt": "First response time: from the shopper's first message to the bot's first reply (bot), and from the first "
    "request for a person (hand-off, take-over) to the first staff message (human); median and 95th percentile.",
    "resolution": "Resolution time: from the start of a resolved conversation to when it was resolved, for conversations "
    "the bot handled alone (bot) and those a person took part in (human); median and 95th percentile.",
    "bot_alone": "Resolved by the bot alone: resolved, with no hand-off, take-over or staff message, no reply marked not helpful (thumbs down), "
    "and not reopened within 24 h of being resolved; share of all conversations started.",
    "handoff": "Hand-off rate: conversations in which the shopper asked for a person, the bot handed off, or staff took "
    "over or wrote; share of all conversations started.",
    "authors": "Who wrote the replies: the generator's text kept by the verifier (model), a fixed template filled from "
    "shop data (template), sentences copied from the knowledge base (extractive), or a fixed text (canned).",
    "gaps": "Knowledge gaps: bot replies given with low confidence or out of scope, or marked not helpful (an "
    "answer quoted from the knowledge base is not a gap; the table below groups their questions).",
}


def _seconds(value: float | None) -> str:
    if value is None:
        return "–"
    if value < 120:
        return f"{value:.1f} s"
    if value < 7200:
        return f"{value / 60:.1f} min"
    return f"{value / 3600:.1f} h"


def _series(days: list[str], daily: dict[str, dict[str, float | None]]) -> dict[str, list[float | None]]:
    return {channel: [values.get(d) for d in days] for channel, values in sorted(daily.items())}


def inbox_view(m: InboxMetrics) -> dict[str, Any]:
    """SVG charts (per day, by channel or by author) and formatted figures for the template."""
    pct = {
        ch: [None if v is None else v * 100 for v in vals] for ch, vals in _series(m.days, m.handoff_per_day).items()
    }
    alone = {
        ch: [None if v is None else v * 100 for v in vals] for ch, vals in _series(m.days, m.bot_alone_per_day).items()
    }
    svg: dict[str, Markup] = {
        "csat": charts.ratio(m.csat_share, title="CSAT (ratings of 4 or 5)"),
        "csat_days": charts.lines(
            m.days, _series(m.days, m.csat_per_day), title="Average rating per day by channel (1–5)"
        ),
        "bot_alone": charts.ratio(m.bot_alone_share, title="Resolved by the bot alone"),
        "bot_alone_days": charts.lines(
            m.days, alone, title="Resolved by the bot alone per day by channel (%)", unit="%"
        ),
        "handoff": charts.ratio(m.handoff_rate, title="Hand-off rate", good_high=False),
        "handoff_days": charts.lines(m.days, pct, title="Hand-off rate per day by channel (%)", unit="%"),
        "frt_days": charts.lines(
            m.days,
            {"bot": m.frt_per_day.get("bot", []), "human": m.frt_per_day.get("human", [])},
            title="First response time per day, median (seconds)",
            unit="s",
        ),
        "authors_days": charts.stacked_bars(m.days, m.authors_per_day, title="Bot replies per day by who wrote them"),
        "gaps_days": charts.stacked_bars(m.days, m.gaps_per_day, title="Knowledge-gap replies per day by channel"),
    }
    figures = {
        "frt": {who: tuple(_seconds(v) for v in m.frt.get(who, (None, None))) for who in ("bot", "human")},
        "resolution": {
            who: tuple(_seconds(v) for v in m.resolution.get(who, (None, None))) for who in ("bot", "human")
        },
        "authors": [
            (a, m.authors.get(a, 0), m.author_shares.get(a, 0.0))
            for a in sorted(m.authors, key=lambda a: -m.authors[a])
        ],
    }
    return {"svg": svg, "fig": figures, "defs": DEFINITIONS, "im": m}

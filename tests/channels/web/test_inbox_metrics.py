"""The satisfaction and efficiency measures from real store rows, idle conversations resolved, and the page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from bot.app import Services
from bot.store.inbox_list import auto_resolve
from bot.store.inbox_metrics import compute_inbox

BASE = datetime.now(UTC) - timedelta(hours=1)


def _at(seconds: float) -> str:
    return (BASE + timedelta(seconds=seconds)).isoformat(timespec="milliseconds")


def _conv(services: Services, customer: str, channel: str) -> str:
    services.store.ensure_customer(customer)
    return services.store.new_conversation(customer, channel)["id"]


@pytest.fixture
def scenario(services: Services) -> dict[str, str]:
    s = services.store
    alone = _conv(services, "c-alone", "web")  # answered from the KB, resolved, rated 5
    s.add_message(alone, "in", "Do you ship to the UK?", created_at=_at(0))
    s.add_message(alone, "out", "Yes, we ship to the United Kingdom.", author="extractive", created_at=_at(2))
    human = _conv(services, "c-human", "web")  # asked for a person; staff answered a minute later
    s.add_message(human, "in", "I want to talk to a person", created_at=_at(10))
    s.add_message(human, "out", "I'll get a colleague.", author="canned", flags=["handoff"], created_at=_at(11))
    s.add_message(human, "staff", "Hi, Ann here.", author="ann", created_at=_at(71))
    thumbs = _conv(services, "c-thumbs", "telegram")  # the shopper disliked the answer
    s.add_message(thumbs, "in", "Is the jacket warm?", created_at=_at(20))
    out = s.add_message(thumbs, "out", "It is lined with wool.", author="model", created_at=_at(24))
    s.set_feedback(out or 0, -1)
    back = _conv(services, "c-back", "telegram")  # resolved, then the shopper wrote again
    s.add_message(back, "in", "Where is order 5?", created_at=_at(30))
    s.add_message(back, "out", "Order 5 has shipped.", author="template", created_at=_at(31))
    open_ = _conv(services, "c-open", "web")
    s.add_message(open_, "in", "hello", created_at=_at(40))
    s.add_message(open_, "out", "Hi! How can I help?", author="model", created_at=_at(41))
    for conv in (alone, human, thumbs, back):
        services.set_status(conv, "resolved", staff="ann")
    s.add_message(back, "in", "It has not arrived")  # reopens within 24 h
    services.record_csat(alone, "c-alone", 5)
    services.record_csat(human, "c-human", 2)
    return {"alone": alone, "human": human, "thumbs": thumbs, "back": back, "open": open_}


def test_the_measures_mean_what_their_names_say(services: Services, scenario: dict[str, str]) -> None:
    day = datetime.now(UTC).date().isoformat()
    m = compute_inbox(services.store, days=[day])
    assert m.conversations == 5
    assert (m.resolved, m.bot_alone, m.bot_alone_share) == (3, 1, pytest.approx(1 / 5))  # 'back' reopened: not resolved
    assert (m.handoffs, m.handoff_rate) == (1, pytest.approx(1 / 5))
    assert (m.csat_asked, m.csat_n, m.csat_avg, m.csat_share) == (4, 2, 3.5, 0.5)
    assert m.csat_per_day == {"web": {day: 3.5}}
    assert m.frt["bot"][0] == pytest.approx(1.0) and m.frt["bot"][1] == pytest.approx(4.0)  # 2, 1, 4, 1, 1 s
    assert m.frt["human"] == (pytest.approx(60.0), pytest.approx(60.0))
    assert m.resolution["bot"][0] is not None and m.resolution["human"][0] is not None
    assert m.authors == {"extractive": 1, "canned": 1, "model": 2, "template": 1}
    assert m.author_shares["model"] == pytest.approx(0.4)
    # a reply counts on the day it was written: BASE's day, which is yesterday when this runs before 01:00 UTC
    assert m.gaps_per_day == {"telegram": {BASE.date().isoformat(): 1}}  # the 👎 reply
    assert m.bot_alone_per_day["web"][day] == pytest.approx(1 / 3) and m.handoff_per_day["telegram"][day] == 0.0


def test_idle_answered_conversations_resolve_but_waiting_ones_do_not(
    services: Services, scenario: dict[str, str]
) -> None:
    waiting = _conv(services, "c-waiting", "web")
    services.store.add_message(waiting, "in", "Anyone?", created_at=_at(50))  # last word is the shopper's
    assert auto_resolve(services.store, idle_hours=0) == []  # switched off
    assert auto_resolve(services.store, idle_hours=0.5) == [scenario["open"]]  # 'back' was just reopened: not idle
    assert services.store.get_conversation(scenario["open"])["status"] == "resolved"
    assert services.inbox.csat_of(scenario["open"]) is None  # nobody is asked to rate an automatic resolution
    m = compute_inbox(services.store, days=[datetime.now(UTC).date().isoformat()])
    assert m.bot_alone == 2


async def test_the_page_shows_each_measure_with_its_definition(
    services: Services, scenario: dict[str, str], agent: tuple[httpx.AsyncClient, str]
) -> None:
    page = (await agent[0].get("/staff/metrics?days=7")).text
    assert "50% rated 4–5 · average 3.50/5" in page and "2 ratings of 4 asked" in page
    assert "Resolved by the bot alone" in page and "1 of 5 (3 resolved in all)" in page
    assert "not reopened within 24 h" in page and "First response time: from the shopper" in page
    assert "bot 1.0 s · human 60.0 s" in page
    assert "<b>model</b> 40.0%" in page
    assert "Resolved without hand-off" not in page and "Fallback rate" not in page

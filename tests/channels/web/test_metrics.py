"""Metrics from real store rows, the SVG charts (escaped labels) and the page that shows them."""

from __future__ import annotations

import httpx
import pytest

from bot.app import Services
from bot.channels.web import charts
from bot.channels.web.metrics import compute, percentile


def _turn(
    services: Services,
    conv: str,
    question: str,
    *,
    intent: str,
    total_s: float,
    flags: list[str] | None = None,
    feedback: int | None = None,
) -> None:
    services.store.add_message(conv, "in", question, intent=intent, confidence=0.8)
    out = services.store.add_message(
        conv, "out", "answer", intent=intent, flags=flags or [], timings={"total_s": total_s}
    )
    if feedback is not None:
        services.store.set_feedback(out, feedback)  # type: ignore[arg-type]


@pytest.fixture
def seeded(services: Services) -> Services:
    s = services.store
    for cid in ("a", "b", "c", "d"):
        s.ensure_customer(cid)
    web1 = s.new_conversation("a", "web")["id"]
    web2 = s.new_conversation("b", "web")["id"]
    tg = s.new_conversation("c", "telegram")["id"]
    taken = s.new_conversation("d", "telegram")["id"]
    _turn(services, web1, "Do you ship to Mars?", intent="shipping", total_s=0.1, flags=["low_confidence"])
    _turn(services, web1, "do you ship to  MARS?", intent="shipping", total_s=0.2, flags=["fallback_used"])
    _turn(services, web2, "Where is my order?", intent="order_status", total_s=0.3, feedback=1)
    _turn(services, tg, "Refund please", intent="returns_refunds", total_s=0.4, feedback=-1)
    _turn(services, taken, "hello", intent="greeting", total_s=2.0, feedback=1)
    s.flag_conversation(tg, "handoff")
    s.event("takeover", conversation_id=taken, staff="bob")
    for _ in range(4):
        s.event("rec_impression", customer_id="a", sku="NT-JNS-0001")
    s.event("rec_click", customer_id="a", sku="NT-JNS-0001")
    return services


def test_percentile_is_nearest_rank() -> None:
    assert percentile([], 50) is None
    assert percentile([3.0, 1.0, 2.0, 4.0], 50) == 2.0
    assert percentile([float(i) for i in range(1, 101)], 95) == 95.0


def test_compute(seeded: Services) -> None:
    m = compute(seeded.store, days=7)
    today = m.days[-1]
    assert m.per_day["web"][today] == 2 and m.per_day["telegram"][today] == 2
    assert m.conversations == 4
    assert m.handoff_rate == 0.5 and m.resolved_share == 0.5  # one flagged hand-off, one takeover
    assert (m.feedback_up, m.feedback_down) == (2, 1) and m.feedback_ratio == pytest.approx(2 / 3)
    assert m.fallback_rate == pytest.approx(1 / 5)
    assert (m.latency_p50, m.latency_p95) == (0.3, 2.0)
    assert m.latency_per_day[today] == (0.3, 2.0)
    assert m.top_intents[0] == ("shipping", 2)
    assert m.rec_impressions == 4 and m.rec_clicks == 1 and m.ctr == 0.25
    gaps = {" ".join(g["question"].lower().split()): g for g in m.gaps}
    assert set(gaps) == {"do you ship to mars?", "refund please"}
    # the second Mars question got an answer quoted from the knowledge base (fallback_used only): not a gap
    assert gaps["do you ship to mars?"]["count"] == 1
    assert gaps["do you ship to mars?"]["reasons"] == "low_confidence"
    assert gaps["refund please"]["reasons"] == "negative_feedback"


def test_empty_store_has_no_rates(services: Services) -> None:
    m = compute(services.store)
    assert m.conversations == 0 and m.handoff_rate is None and m.ctr is None and m.latency_p95 is None and m.gaps == []


def test_chart_labels_are_escaped() -> None:
    svg = str(charts.hbars([("<script>alert(1)</script>", 3)], title="t"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    bars = str(charts.stacked_bars(["2026-11-28"], {'"><img src=x onerror=alert(1)>': {"2026-11-28": 2}}, title="t"))
    assert "<img" not in bars
    assert "no data" in str(charts.ratio(None, title="t")) and "25.0%" in str(charts.ratio(0.25, title="t"))


async def test_metrics_page_draws_charts(seeded: Services, agent: tuple[httpx.AsyncClient, str]) -> None:
    page = (await agent[0].get("/staff/metrics?days=7")).text
    assert page.count("<svg") >= 8
    for expected in (
        "Conversations per day by channel",
        "Top intents",
        "Knowledge gaps",
        "Do you ship to Mars?",
        "1 clicks / 4 shown",
        "p50 0.30 s",
        "p95 2.00 s",
        "order_status",
    ):
        assert expected in page

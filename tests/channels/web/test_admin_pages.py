"""Status page (secrets masked), KB reload with progress events and rollback, and the live staff feed over real HTTP."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from bot.app import Services
from bot.errors import KnowledgeBaseError
from tests.channels.web.conftest import login
from tests.channels.web.sse_client import iter_events


async def test_status_masks_secrets(admin: tuple[httpx.AsyncClient, str], services: Services) -> None:
    page = (await admin[0].get("/staff/status")).text
    assert "test-secret-key-0123456789" not in page and "test-admin-token" not in page
    assert "SHOPBOT_SECRET_KEY" in page and "•••••• (set)" in page
    assert "SHOPBOT_TELEGRAM_TOKEN</code></td><td>(empty)" in page
    assert "scripted" in page and "Uptime" in page and "hashing" in page


async def test_reload_publishes_progress_and_rollback_goes_back(
    admin: tuple[httpx.AsyncClient, str], services: Services, knowledge_dir: Path
) -> None:
    client, csrf = admin
    before = services.kb.status()["current"]
    (knowledge_dir / "policies" / "gift.md").write_text("# Gift cards\n\nGift cards never expire.\n", encoding="utf-8")
    async with services.bus.subscribe() as queue:
        r = await client.post("/staff/kb/reload", data={"csrf": csrf})
        assert r.status_code == 303
        events = []
        while not events or events[-1]["type"] not in ("kb_reloaded", "kb_failed"):
            events.append(await asyncio.wait_for(queue.get(), 30))
    assert events[-1]["type"] == "kb_reloaded" and events[-1]["version"] != before
    assert any(e["type"] == "kb_progress" for e in events)
    progress = (await client.get("/staff/kb/progress")).json()
    assert progress["running"] is False and progress["current"] == events[-1]["version"]
    page = (await client.get("/staff/kb")).text
    assert f"Last reload: {events[-1]['version']}" in page
    await client.post("/staff/kb/rollback", data={"csrf": csrf})
    assert services.kb.status()["current"] == before


async def test_kb_page_shows_the_last_error(
    admin: tuple[httpx.AsyncClient, str], services: Services, knowledge_dir: Path
) -> None:
    (knowledge_dir / "policies" / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError):
        await asyncio.to_thread(services.kb.reload)
    page = (await admin[0].get("/staff/kb")).text
    assert "Last error" in page and "policies/bad.json" in page


async def test_staff_feed_is_live_over_http(server: str, services: Services) -> None:
    async with (
        httpx.AsyncClient(base_url=server, timeout=30) as staff,
        httpx.AsyncClient(base_url=server, timeout=30) as shopper,
    ):
        await login(staff, "bob")
        await shopper.get("/")
        async with staff.stream("GET", "/staff/events") as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            events = iter_events(stream)
            assert (await anext(events))[0] == "ready"
            r = await shopper.post("/chat/stream", json={"text": "Do you ship to Canada?"})
            assert r.status_code == 200
            got = [await asyncio.wait_for(anext(events), 10) for _ in range(2)]
    assert [(e, d["direction"]) for e, d in got] == [("message", "in"), ("message", "out")]
    assert got[0][1]["text"] == "Do you ship to Canada?" and got[0][1]["channel"] == "web"

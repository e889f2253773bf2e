"""`shopbot serve` over real HTTP: health, search, admin reload/rollback, reload under concurrent load."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from bot.channels.web.app import create_app
from bot.config import Settings
from tests.support.intents import small_services
from tests.support.live_server import live_server

TOKEN = "test-admin-token"


@pytest.fixture
def settings(knowledge_dir: Path, tmp_path: Path) -> Settings:
    return Settings(
        home=tmp_path / "var",
        knowledge_dir=knowledge_dir,
        seed_dir=tmp_path / "no-seed",
        embedder="hashing",
        admin_token=SecretStr(TOKEN),
        llm_backend="echo",
    )


def test_health_and_search(settings: Settings) -> None:
    app = create_app(small_services(settings))
    with live_server(app) as url:
        health = httpx.get(f"{url}/healthz").json()
        assert health["status"] == "ok" and health["kb_version"].startswith("v")
        r = httpx.post(f"{url}/api/search", json={"query": "Do you ship to the United Kingdom?", "k": 2})
        assert r.status_code == 200
        body = r.json()
        assert body["hits"][0]["doc_id"] == "policies/shipping"
        assert {"rank", "doc_id", "title", "source", "text", "score", "dense_score", "lexical_score"} <= set(
            body["hits"][0]
        )
        assert 0.0 <= body["confidence"] <= 1.0
        filtered = httpx.post(f"{url}/api/search", json={"query": "jeans", "filters": {"max_price": 70}}).json()
        assert [h["doc_id"] for h in filtered["hits"]] == ["product:NT-JNS-0001"]
        assert httpx.post(f"{url}/api/search", json={"query": ""}).status_code == 422
        assert (
            httpx.post(
                f"{url}/api/search", content=b"\xff\xfe garbage", headers={"content-type": "application/json"}
            ).status_code
            == 422
        )


def test_admin_endpoints_need_the_token(settings: Settings, knowledge_dir: Path) -> None:
    app = create_app(small_services(settings))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with live_server(app) as url:
        assert httpx.post(f"{url}/admin/kb/reload").status_code == 401
        assert httpx.post(f"{url}/admin/kb/reload", headers={"Authorization": "Bearer wrong"}).status_code == 401
        v1 = httpx.get(f"{url}/healthz").json()["kb_version"]
        (knowledge_dir / "policies" / "gift.md").write_text(
            "# Gift cards\n\nGift cards never expire.\n", encoding="utf-8"
        )
        r = httpx.post(f"{url}/admin/kb/reload", headers=auth)
        assert r.status_code == 200 and r.json()["embedded"] >= 1
        assert httpx.get(f"{url}/healthz").json()["kb_version"] == r.json()["version"] != v1
        (knowledge_dir / "policies" / "bad.json").write_text("{not json", encoding="utf-8")
        bad = httpx.post(f"{url}/admin/kb/reload", headers=auth)
        assert bad.status_code == 422
        assert "policies/bad.json:1" in bad.json()["detail"]["error"]
        assert httpx.get(f"{url}/healthz").json()["kb_version"] == r.json()["version"]
        status = httpx.get(f"{url}/admin/kb/status", headers=auth).json()
        assert status["last_error"]["file"] == "policies/bad.json"
        back = httpx.post(f"{url}/admin/kb/rollback", headers=auth)
        assert back.status_code == 200 and back.json()["version"] == v1


def test_server_follows_a_cli_reload(settings: Settings, knowledge_dir: Path) -> None:
    services = small_services(settings)
    app = create_app(services, watch_interval_s=0.1)
    with live_server(app) as url:
        before = httpx.get(f"{url}/healthz").json()["kb_version"]
        # another process (the CLI) builds a version and flips CURRENT
        other = small_services(settings).kb
        (knowledge_dir / "policies" / "gift.md").write_text(
            "# Gift cards\n\nGift cards never expire.\n", encoding="utf-8"
        )
        new = other.reload().version
        for _ in range(100):
            if httpx.get(f"{url}/healthz").json()["kb_version"] == new:
                break
            time.sleep(0.05)
        assert httpx.get(f"{url}/healthz").json()["kb_version"] == new != before


async def test_reload_during_a_burst_fails_no_query(settings: Settings, knowledge_dir: Path) -> None:
    app = create_app(small_services(settings))
    with live_server(app) as url:
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:

            async def one(i: int) -> int:
                r = await client.post("/api/search", json={"query": f"return window {i}", "k": 3})
                return r.status_code if r.json()["hits"] else 0

            async def reload() -> int:
                r = await client.post(
                    "/admin/kb/reload", params={"force": "true"}, headers={"Authorization": f"Bearer {TOKEN}"}
                )
                return r.status_code

            results = await asyncio.gather(*[one(i) for i in range(100)], reload(), *[one(i) for i in range(100)])
        assert results.count(200) == len(results)


def test_chat_api_and_stream(settings: Settings) -> None:
    app = create_app(small_services(settings))
    with live_server(app) as url:
        r = httpx.post(f"{url}/api/chat", json={"text": "Do you ship to the United Kingdom?"})
        assert r.status_code == 200
        body = r.json()
        assert body["text"].strip() and body["confidence"] > 0.5
        assert body["sources"][0]["doc_id"] == "policies/shipping"
        assert body["conversation_id"] and body["message_id"]
        alone = httpx.post(f"{url}/api/chat", json={"text": "hello", "conversation_id": body["conversation_id"]})
        assert alone.status_code == 404  # the id alone is not enough: it needs its token
        follow = httpx.post(
            f"{url}/api/chat",
            json={
                "text": "hello",
                "conversation_id": body["conversation_id"],
                "conversation_token": body["conversation_token"],
            },
        ).json()
        assert follow["conversation_id"] == body["conversation_id"]
        events = []
        with httpx.stream(
            "POST", f"{url}/api/chat/stream", json={"text": "where do you ship to?"}
        ) as resp:  # composed, so streamed
            assert resp.headers["content-type"].startswith("text/event-stream")
            for line in resp.iter_lines():
                if line.startswith("event: "):
                    events.append(line.removeprefix("event: "))
        assert events.count("token") >= 2 and events[-1] == "reply"
        for bad in ({"text": ""}, {"text": "\x00\x01\x02"}, {"text": "a" * 19_000}):
            r = httpx.post(f"{url}/api/chat", json=bad, timeout=30)
            assert r.status_code == 200 and 0 < len(r.json()["text"]) < 1000
        assert httpx.post(f"{url}/api/chat", json={"text": "a" * 20_001}).status_code == 422
        assert httpx.get(f"{url}/healthz").json()["status"] == "ok"
        # naming a customer (and so seeing their orders) is for the shop's own backend only
        assert (
            httpx.post(f"{url}/api/chat", json={"text": "where is my order?", "customer_id": "c1"}).status_code == 401
        )
        ok = httpx.post(
            f"{url}/api/chat", json={"text": "hello", "customer_id": "c1"}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert ok.status_code == 200

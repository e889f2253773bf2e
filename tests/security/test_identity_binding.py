"""Issue 10 item 6: identifiers must not act as passwords (conversation ids, the shipped dev token, client message ids)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from bot.app import Services, build_services
from bot.config import Settings
from tests.channels.web.sse_client import parse_frames

TOKEN = "test-admin-token"  # the web fixtures' admin token
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _orders(services: Services, customer: str) -> None:
    services.store.ensure_customer(customer, name="Cleo", email="cleo@example.com")
    with services.store.tx() as db:
        db["orders"].insert(
            {
                "order_id": "ORD-55501",
                "customer_id": customer,
                "status": "shipped",
                "date": "2026-11-20",
                "total": 80.0,
                "currency": "USD",
                "tracking": "1Z999AA10123456784",
                "items": "[]",
            },
            alter=True,
        )


async def test_a_conversation_id_alone_gets_nothing(anon: httpx.AsyncClient, services: Services) -> None:
    _orders(services, "c001")
    first = (
        await anon.post("/api/chat", json={"text": "Where is my order ORD-55501?", "customer_id": "c001"}, headers=AUTH)
    ).json()
    conv = first["conversation_id"]
    assert services.store.get_conversation(conv)["customer_id"] == "c001"
    # another client that learnt the id (a log line, a screenshot) but has no token
    for path in ("/api/chat", "/api/chat/stream"):
        r = await anon.post(
            path, json={"text": "Where is my order ORD-55501? tracking number?", "conversation_id": conv}
        )
        assert r.status_code == 404
        assert "1Z999" not in r.text and "ORD-55501" not in r.text
        forged = await anon.post(
            path, json={"text": "my orders?", "conversation_id": conv, "conversation_token": "0" * 64}
        )
        assert forged.status_code == 404
    # the shop's backend may continue it, as the same customer only
    other = await anon.post(
        "/api/chat", json={"text": "my orders?", "conversation_id": conv, "customer_id": "c002"}, headers=AUTH
    )
    assert other.status_code == 404
    same = await anon.post(
        "/api/chat", json={"text": "thanks", "conversation_id": conv, "customer_id": "c001"}, headers=AUTH
    )
    assert same.status_code == 200 and same.json()["conversation_id"] == conv
    assert [m["direction"] for m in services.store.messages(conv)] == ["in", "out", "in", "out"]


async def test_an_anonymous_conversation_continues_with_its_token(anon: httpx.AsyncClient, services: Services) -> None:
    first = (await anon.post("/api/chat", json={"text": "Do you ship to Canada?"})).json()
    assert len(first["conversation_token"]) >= 32
    again = await anon.post(
        "/api/chat",
        json={
            "text": "And to the UK?",
            "conversation_id": first["conversation_id"],
            "conversation_token": first["conversation_token"],
        },
    )
    assert again.status_code == 200 and again.json()["conversation_id"] == first["conversation_id"]
    stream = await anon.post(
        "/api/chat/stream",
        json={
            "text": "How long?",
            "conversation_id": first["conversation_id"],
            "conversation_token": first["conversation_token"],
        },
    )
    reply = parse_frames(stream.text)[-1][1]
    assert (
        reply["conversation_id"] == first["conversation_id"]
        and reply["conversation_token"] == first["conversation_token"]
    )
    # a token is bound to its own conversation
    second = (await anon.post("/api/chat", json={"text": "hello"})).json()
    swapped = await anon.post(
        "/api/chat",
        json={
            "text": "hi",
            "conversation_id": second["conversation_id"],
            "conversation_token": first["conversation_token"],
        },
    )
    assert swapped.status_code == 404


async def test_other_channels_conversations_cannot_be_continued_over_the_api(
    anon: httpx.AsyncClient, services: Services
) -> None:
    services.store.ensure_customer("tg-7", telegram_id="7")
    conv = services.store.open_conversation("tg-7", "telegram", chat_id="7")
    assert (
        await anon.post(
            "/api/chat", json={"text": "hi", "conversation_id": conv["id"], "customer_id": "tg-7"}, headers=AUTH
        )
    ).status_code == 404
    await anon.get("/")  # a web shopper naming someone else's conversation
    r = await anon.post("/chat/stream", json={"text": "my orders?", "conversation_id": conv["id"]})
    assert r.status_code == 404 and services.store.messages(conv["id"]) == []


async def test_message_ids_are_unique_per_conversation_only(anon: httpx.AsyncClient, services: Services) -> None:
    for customer in ("m1", "m2"):
        services.store.ensure_customer(customer)
    a = (
        await anon.post(
            "/api/chat", json={"text": "Do you ship to Canada?", "customer_id": "m1", "message_id": "1"}, headers=AUTH
        )
    ).json()
    b = (
        await anon.post(
            "/api/chat", json={"text": "Do you ship to Canada?", "customer_id": "m2", "message_id": "1"}, headers=AUTH
        )
    ).json()
    assert a["text"] and b["text"] and "duplicate" not in b["flags"]  # another client's id no longer silences this one
    again = (
        await anon.post(
            "/api/chat",
            json={
                "text": "Do you ship to Canada?",
                "customer_id": "m1",
                "message_id": "1",
                "conversation_id": a["conversation_id"],
            },
            headers=AUTH,
        )
    ).json()
    assert "duplicate" in again["flags"]  # a real retry in the same conversation is still answered once


def test_dev_secrets_are_random_and_kept(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(home=tmp_path / "home", env="dev", seed_dir=tmp_path / "none")
    build_services(settings)
    token = settings.admin_token.get_secret_value()
    assert (
        token != "change-me" and len(token) >= 32 and settings.secret_key.get_secret_value() not in ("change-me", token)
    )
    path = tmp_path / "home" / "dev-secrets.json"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "change-me" in caplog.text and str(path) in caplog.text  # the loud warning says where the token is
    again = Settings(home=tmp_path / "home", env="dev", seed_dir=tmp_path / "none")
    build_services(again)
    assert again.admin_token.get_secret_value() == token  # the same token after a restart
    chosen = Settings(
        home=tmp_path / "home2", env="dev", admin_token=SecretStr("my-own-token-123"), secret_key=SecretStr("k" * 32)
    )
    build_services(chosen)
    assert (
        chosen.admin_token.get_secret_value() == "my-own-token-123"
        and not (tmp_path / "home2" / "dev-secrets.json").exists()
    )


async def test_change_me_is_not_a_token(tmp_path: Path, knowledge_dir: Path) -> None:
    from fastapi import FastAPI  # noqa: F401

    from bot.channels.web.app import create_app
    from tests.support.intents import small_services

    settings = Settings(
        home=tmp_path / "var",
        knowledge_dir=knowledge_dir,
        seed_dir=tmp_path / "none",
        embedder="hashing",
        llm_backend="scripted",
        recommend=False,
    )
    settings.fill_dev_secrets()
    svc = small_services(settings)
    svc.kb.open()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(svc)), base_url="http://test") as client:
        r = await client.post(
            "/api/chat",
            json={"text": "where is my order", "customer_id": "c001"},
            headers={"Authorization": "Bearer change-me"},
        )
        assert r.status_code == 401
        assert (await client.get("/admin/kb/status", headers={"Authorization": "Bearer change-me"})).status_code == 401

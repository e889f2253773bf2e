"""The whole web app over each database: a chat turn, a repeated client message id, a staff reply, erasure."""

from __future__ import annotations

from pathlib import Path

import httpx
from pydantic import SecretStr

from bot.channels.web.app import create_app
from bot.config import Settings
from tests.support.intents import small_services

AUTH = {"Authorization": "Bearer test-admin-token"}


async def test_chat_turns_dedupe_staff_reply_and_erasure(db_url: str, knowledge_dir: Path, tmp_path: Path) -> None:
    settings = Settings(
        home=tmp_path / "var",
        knowledge_dir=knowledge_dir,
        seed_dir=Path("knowledge/_seed"),
        embedder="hashing",
        llm_backend="scripted",
        secret_key=SecretStr("test-secret-key-0123456789"),
        admin_token=SecretStr("test-admin-token"),
        recommend=False,
        database_url=SecretStr(db_url),
    )
    services = small_services(settings)
    services.kb.open()
    assert services.store.dialect == ("postgresql" if db_url.startswith("postgresql") else "sqlite")
    app = create_app(services)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        body = {"text": "Do you ship to Canada?", "customer_id": "c001", "message_id": "m-1"}
        first = (await client.post("/api/chat", json=body, headers=AUTH)).json()
        again = (
            await client.post("/api/chat", json={**body, "conversation_id": first["conversation_id"]}, headers=AUTH)
        ).json()
        order = (
            await client.post(
                "/api/chat",
                json={"text": "Where is my order?", "customer_id": "c001", "conversation_id": first["conversation_id"]},
                headers=AUTH,
            )
        ).json()
    conv = first["conversation_id"]
    assert first["text"] and again["text"] == first["text"]  # the repeat is answered once, from the store
    assert order["text"]
    messages = services.store.messages(conv)
    assert [m["direction"] for m in messages] == ["in", "out", "in", "out"]
    assert all(m["answered"] for m in messages if m["direction"] == "in")
    services.staff_reply(conv, "A colleague will follow up.", staff="alice")
    assert services.store.messages(conv)[-1]["direction"] == "staff"
    assert [m["conversation_id"] for m in services.store.search_messages("Canada")][:1] == [conv]
    services.erase_customer("c001")
    assert services.store.get_customer("c001") is None and services.store.messages(conv) == []
    assert services.store.was_erased("c001") and not services.store.erasure_pending("c001")
    services.close()

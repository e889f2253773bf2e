"""Two workers (two Services, as two `shopbot serve` processes would build) on one PostgreSQL and one Redis:
what happens on worker A reaches the staff watching worker B, and the data is one."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pydantic import SecretStr

from bot.app import Services, build_services
from bot.config import Settings


async def test_a_hand_off_and_a_staff_reply_on_worker_a_reach_worker_b(
    pg_url: str, redis_url: str, knowledge_dir: Path, tmp_path: Path
) -> None:
    def worker() -> Services:
        return build_services(
            Settings(
                home=tmp_path / "var",
                knowledge_dir=knowledge_dir,
                seed_dir=tmp_path / "no-seed",
                embedder="hashing",
                llm_backend="scripted",
                secret_key=SecretStr("test-secret-key-0123456789"),
                admin_token=SecretStr("test-admin-token"),
                database_url=SecretStr(pg_url),
                redis_url=SecretStr(redis_url),
            )
        )

    a, b = worker(), worker()
    a.store.ensure_customer("c1")
    conv = a.store.open_conversation("c1", "web")
    async with b.bus.subscribe() as feed_b:
        await asyncio.sleep(0.1)
        await asyncio.to_thread(a.request_handoff, conv["id"])
        await asyncio.to_thread(a.staff_reply, conv["id"], "A colleague is here.", staff="alice")
        got = [await asyncio.wait_for(feed_b.get(), timeout=5) for _ in range(2)]
    assert [e["type"] for e in got] == ["handoff", "staff_message"]
    assert all(e["conversation_id"] == conv["id"] for e in got)
    assert [m["text"] for m in b.store.messages(conv["id"])] == ["A colleague is here."]  # one database
    assert "handoff" in (b.store.get_conversation(conv["id"]) or {})["flags"]
    a.close()
    b.close()

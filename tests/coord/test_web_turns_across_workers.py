"""Web turns of one conversation on two workers (two Services on one PostgreSQL and one Redis, as two
`shopbot serve` processes would build): the conversation's lock is shared, so turns never interleave."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.app import Services
from bot.channels.web.turns import TURNS, turn_lock_name
from bot.config import Settings
from bot.domain import Channel, IncomingMessage
from tests.support.intents import small_services


@pytest.fixture
def two_workers(
    pg_url: str, redis_url: str, knowledge_dir: Path, tmp_path: Path
) -> Iterator[tuple[Services, Services]]:
    def worker() -> Services:
        services = small_services(
            Settings(
                home=tmp_path / "var",
                knowledge_dir=knowledge_dir,
                seed_dir=tmp_path / "no-seed",
                embedder="hashing",
                llm_backend="echo",
                recommend=False,
                secret_key=SecretStr("test-secret-key-0123456789"),
                admin_token=SecretStr("test-admin-token"),
                database_url=SecretStr(pg_url),
                redis_url=SecretStr(redis_url),
            )
        )
        services.kb.open()
        return services

    a, b = worker(), worker()
    yield a, b
    a.close()
    b.close()


def _message(conv: str, customer: str, n: int) -> IncomingMessage:
    return IncomingMessage(
        f"what is your return policy {n}",
        channel=Channel.WEB,
        customer_id=customer,
        conversation_id=conv,
        message_id=f"m{n}",
    )


async def test_a_turn_waits_for_the_same_conversations_turn_on_another_worker(
    two_workers: tuple[Services, Services],
) -> None:
    """While worker A holds the conversation (a turn in progress there), worker B's turn for it stores nothing;
    once A lets go, B's turn runs and is answered."""
    a, b = two_workers
    customer = a.store.ensure_customer()["id"]
    conv = a.store.open_conversation(customer, "web")["id"]
    msg = _message(conv, customer, 1)
    async with a.coord.alock(turn_lock_name(msg), ttl_s=15, wait_s=5):
        turn = asyncio.create_task(TURNS.handle(b.assistant, msg, coord=b.coord))
        done, _ = await asyncio.wait({turn}, timeout=1.0)
        assert not done  # held elsewhere: B has not even stored the message
        assert a.store.messages(conv) == []
    reply = await asyncio.wait_for(turn, timeout=60)
    assert reply.text and reply.conversation_id == conv
    assert [m["direction"] for m in a.store.messages(conv)] == ["in", "out"]


async def test_turns_of_one_chat_sent_to_two_workers_at_once_never_interleave(
    two_workers: tuple[Services, Services],
) -> None:
    """Eight messages of one conversation arrive at once, alternately on A and B: every stored question is followed
    by its own answer (in, out, in, out ...), none is lost or answered twice."""
    a, b = two_workers
    customer = a.store.ensure_customer()["id"]
    conv = a.store.open_conversation(customer, "web")["id"]
    workers = (a, b)
    replies = await asyncio.wait_for(
        asyncio.gather(
            *(
                TURNS.handle(workers[n % 2].assistant, _message(conv, customer, n), coord=workers[n % 2].coord)
                for n in range(8)
            )
        ),
        timeout=120,
    )
    assert all(r.text for r in replies)
    stored = a.store.messages(conv, limit=100)
    assert [m["direction"] for m in stored] == ["in", "out"] * 8
    assert sorted(m["text"] for m in stored if m["direction"] == "in") == sorted(
        f"what is your return policy {n}" for n in range(8)
    )

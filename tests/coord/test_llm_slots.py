"""SHOPBOT_LLM_MAX_CONCURRENCY across workers: with Redis, the request queue of each worker also takes one of the
coordinator's shared slots, so the model server sees at most that many requests from all workers together."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.app import Services, build_services
from bot.config import Settings
from bot.coord import LocalCoordinator, open_coordinator
from bot.llm.request_queue import RequestQueue
from bot.llm.server_chat import ServerChatModel
from tests.fakes.openai_server import FakeOpenAIServer

REPLY = "Standard shipping takes 3-5 business days and costs $4.99."


@pytest.fixture(params=["local", "redis"])
def workers(request: pytest.FixtureRequest) -> Iterator[tuple[LocalCoordinator, LocalCoordinator]]:
    if request.param == "local":
        one = LocalCoordinator()
        yield one, one
        one.close()
        return
    url = request.getfixturevalue("redis_url")
    a, b = open_coordinator(url), open_coordinator(url)
    yield a, b
    a.close()
    b.close()


def test_slots_count_every_workers_holders(workers: tuple[LocalCoordinator, LocalCoordinator]) -> None:
    a, b = workers
    name = uuid.uuid4().hex
    on_a, on_b = a.slots(name, 2), b.slots(name, 2)
    assert on_a.try_acquire("a1") and on_b.try_acquire("b1")
    assert not on_a.try_acquire("a2") and not on_b.try_acquire("b2")  # two held, by two workers
    on_a.release("a1")
    assert on_b.try_acquire("b2")
    assert not on_a.try_acquire("a2")
    on_b.release("b1")
    on_b.release("b2")
    assert on_a.try_acquire("a2")


def test_a_dead_workers_slot_frees_after_its_ttl_and_a_live_one_is_kept(
    workers: tuple[LocalCoordinator, LocalCoordinator],
) -> None:
    a, b = workers
    name = uuid.uuid4().hex
    live, dead, other = a.slots(name, 2, ttl_s=3.0), a.slots(name, 2, ttl_s=3.0), b.slots(name, 2, ttl_s=3.0)
    assert live.try_acquire("long-request") and dead.try_acquire("killed")
    dead.close()  # stops renewing, as a worker killed with kill -9 does
    deadline = time.monotonic() + 30
    while not other.try_acquire("next"):
        assert time.monotonic() < deadline, "the dead worker's slot never expired"
        time.sleep(0.1)
    assert time.monotonic() > deadline - 30 + 1.0  # it expired, it was not free from the start
    time.sleep(1.5)  # past the TTL since it was taken: the live holder's slot was renewed, so it still counts
    assert not other.try_acquire("one-too-many")
    live.release("long-request")
    assert other.try_acquire("one-too-many")


async def test_a_request_that_gives_up_waiting_for_a_shared_slot_leaves_none_behind() -> None:
    coord = LocalCoordinator()
    slots = coord.slots("llm", 1)
    here, there = RequestQueue(1), RequestQueue(1)  # two workers' queues, one shared slot
    here.share(slots)
    there.share(slots)
    async with here.aslot():
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.2):
                async with there.aslot():
                    pass  # never reached: the other worker holds the only slot
        assert slots.held == 1 and (there.running, there.waiting) == (0, 0)
    assert slots.held == 0
    async with asyncio.timeout(10), there.aslot():
        assert slots.held == 1
    with there.slot():  # the thread path too
        assert slots.held == 1
    assert slots.held == 0
    coord.close()


async def test_two_workers_keep_to_one_limit_at_the_model_server(redis_url: str, tmp_path: Path) -> None:
    def worker(server: FakeOpenAIServer) -> Services:
        return build_services(
            Settings(
                home=tmp_path / "var",
                knowledge_dir=tmp_path / "knowledge",
                seed_dir=tmp_path / "no-seed",
                embedder="hashing",
                llm_backend="openai",
                openai_base_url=server.base_url,
                llm_timeout_s=30.0,
                llm_max_concurrency=2,
                secret_key=SecretStr("test-secret-key-0123456789"),
                admin_token=SecretStr("test-admin-token"),
                redis_url=SecretStr(redis_url),
            )
        )

    async def ask(services: Services, i: int) -> str:
        return "".join([c.text async for c in services.chat_model.astream(f"question {i}")])

    with FakeOpenAIServer(reply=REPLY, token_delay_s=0.03) as server:
        a, b = worker(server), worker(server)
        for s in (a, b):
            assert isinstance(s.chat_model, ServerChatModel) and s.chat_model.queue.shared
        replies = await asyncio.gather(*[ask(s, i) for i in range(3) for s in (a, b)])
        a.close()
        b.close()
    assert replies == [REPLY] * 6
    assert len(server.requests) == 6
    assert server.max_in_flight <= 2  # four may run at once when each worker counts only its own (2 + 2)

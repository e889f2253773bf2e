"""ServerChatModel against the fake OpenAI-compatible server: the length limit, the sentence cap, cut and empty
streams, and the request queue. (The same behaviours against a real llama.cpp server: test_llamacpp_server.py.)"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator

import pytest

from bot.config import Settings
from bot.core.composer import Composed, Composer, Grounding
from bot.llm.factory import make_chat_model
from bot.llm.request_queue import RequestQueue
from bot.llm.server_chat import ServerChatModel
from tests.fakes.openai_server import FakeOpenAIServer

GROUNDING = Grounding(
    passages=[
        {
            "title": "Shipping policy",
            "source": "policies/shipping.md",
            "text": "We ship only within the United States. Standard shipping takes 3-5 business days and costs $4.99. "
            "Orders over $50 ship free. Express shipping takes 1-2 business days.",
        }
    ],
)
REPLY = "Standard shipping takes 3-5 business days and costs $4.99."


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(reply=REPLY) as srv:
        yield srv


def model_for(server: FakeOpenAIServer, **settings: object) -> ServerChatModel:
    model = make_chat_model(
        Settings(llm_backend="openai", openai_base_url=server.base_url, llm_timeout_s=5.0, **settings)
    )  # type: ignore[arg-type]
    assert isinstance(model, ServerChatModel)
    return model


def test_the_length_limit_is_sent_as_max_tokens(server: FakeOpenAIServer) -> None:
    # llama-cpp-python ignores max_completion_tokens; vLLM, Ollama and llama.cpp all honour max_tokens
    model = model_for(server, llm_max_new_tokens=10)
    model.invoke("How long is shipping?")
    list(model.stream("How long is shipping?"))
    for body in server.requests:
        assert (body.get("max_tokens"), "max_completion_tokens" in body) == (10, False)


def test_remote_replies_are_capped_at_two_sentences(server: FakeOpenAIServer) -> None:
    server.set(
        reply="We ship only within the United States. Standard shipping takes 3-5 business days. Orders over $50 ship free. "
        "Express shipping takes 1-2 business days."
    )
    composer = Composer(model_for(server), timeout_s=5)
    composed = composer.compose("Where do you ship and how long does it take?", GROUNDING)
    assert (composed.text, composed.fallback_used) == (
        "We ship only within the United States. Standard shipping takes 3-5 business days.",
        False,
    )


async def test_streamed_remote_replies_stop_after_two_sentences(server: FakeOpenAIServer) -> None:
    server.set(
        reply="We ship only within the United States. Standard shipping takes 3-5 business days. Orders over $50 ship free."
    )
    events = [
        e async for e in Composer(model_for(server), timeout_s=5).astream("Where do you ship and how long?", GROUNDING)
    ]
    final = events[-1]
    assert isinstance(final, Composed)
    streamed = "".join(e for e in events if isinstance(e, str))
    assert streamed == final.text == "We ship only within the United States. Standard shipping takes 3-5 business days."


def test_a_cut_stream_is_logged_and_retried_without_repeating_text(
    server: FakeOpenAIServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.cut_next = 1
    with caplog.at_level(logging.WARNING, logger="bot.llm.server_chat"):
        text = "".join(c.text for c in model_for(server).stream("How long is shipping?"))
    assert text == REPLY
    assert len(server.requests) == 2
    assert [r.getMessage() for r in caplog.records] == [
        "generator stream cut short by the server (no finish_reason) after 27 characters; retrying (1 of 1)"
    ]  # "Standard shipping takes 3-5"


async def test_a_cut_async_stream_is_retried(server: FakeOpenAIServer, caplog: pytest.LogCaptureFixture) -> None:
    server.cut_next = 1
    with caplog.at_level(logging.WARNING, logger="bot.llm.server_chat"):
        text = "".join([c.text async for c in model_for(server).astream("How long is shipping?")])
    assert (text, len(server.requests), len(caplog.records)) == (REPLY, 2, 1)


def test_a_stream_cut_twice_is_a_logged_fallback(server: FakeOpenAIServer, caplog: pytest.LogCaptureFixture) -> None:
    server.set(behaviour="cut")
    with caplog.at_level(logging.WARNING):
        composed = Composer(model_for(server), timeout_s=5).compose("How long does shipping take?", GROUNDING)
    assert (composed.fallback_used, composed.reason) == (True, "backend")
    messages = [r.getMessage() for r in caplog.records]
    assert any("retrying" in m for m in messages) and any("again after its retry" in m for m in messages)
    assert any(m.startswith("generator failed (StreamCut") for m in messages)


def test_an_empty_reply_is_logged_and_retried_once(server: FakeOpenAIServer, caplog: pytest.LogCaptureFixture) -> None:
    server.set(behaviour="empty")
    with caplog.at_level(logging.WARNING):
        composed = Composer(model_for(server), timeout_s=5).compose("How long does shipping take?", GROUNDING)
    assert len(server.requests) == 2
    assert (composed.fallback_used, composed.reason) == (True, "malformed")
    messages = [r.getMessage() for r in caplog.records]
    assert any("stream empty after 0 characters; retrying" in m for m in messages)
    assert any(m.startswith("generator reply unusable") for m in messages)


async def collect(model: ServerChatModel, question: str) -> str:
    return "".join([c.text async for c in model.astream(question)])


async def test_the_queue_lets_one_request_run_at_a_time(server: FakeOpenAIServer) -> None:
    server.token_delay_s = 0.02
    model = model_for(server, llm_max_concurrency=1)
    replies = await asyncio.gather(*[collect(model, f"question {i}") for i in range(4)], model.ainvoke("one-shot"))
    assert replies[:4] == [REPLY] * 4
    assert server.max_in_flight == 1


async def test_without_a_limit_requests_overlap(server: FakeOpenAIServer) -> None:
    server.token_delay_s = 0.05
    model = model_for(server, llm_max_concurrency=0)
    await asyncio.gather(*[collect(model, f"question {i}") for i in range(4)])
    assert server.max_in_flight > 1


async def test_a_waiter_that_gives_up_leaves_no_slot_behind() -> None:
    queue = RequestQueue(1)
    async with queue.aslot():
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.05):
                async with queue.aslot():
                    pass  # never reached: the slot is held
        assert (queue.running, queue.waiting) == (1, 0)
    assert (queue.running, queue.waiting) == (0, 0)
    async with asyncio.timeout(1):
        async with queue.aslot() as waited:
            assert waited < 1


def test_threads_and_coroutines_share_one_queue_in_order() -> None:
    queue = RequestQueue(1)
    order: list[str] = []
    held = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with queue.slot():
            held.set()
            release.wait(5)
            order.append("thread")

    async def waiter() -> None:
        async with queue.aslot():
            order.append("coroutine")

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(5)

    async def main() -> None:
        task = asyncio.create_task(waiter())
        await asyncio.sleep(0.05)
        assert queue.waiting == 1
        release.set()
        await task

    asyncio.run(main())
    thread.join(5)
    assert order == ["thread", "coroutine"]

"""The openai backend against a real server: llama-cpp-python's OpenAI-compatible server on the packaged SmolLM2 GGUF.

The server runs with its own default, interrupt_requests=True, which cuts a running stream short when another
request arrives: the worst case a shop gets by following llama-cpp-python's quick start.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.core.composer import Composed, Composer, Grounding
from bot.golden import _run, read_cases
from bot.llm.factory import make_chat_model
from bot.llm.server_chat import ServerChatModel, StreamCut
from tests.support.intents import small_services
from tests.support.llama_server import LlamaServer, llama_server

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SHIPPING = Grounding(
    passages=[
        {
            "title": "Shipping policy",
            "source": "policies/shipping.md",
            "text": "We ship only within the United States. Standard shipping takes 3-5 business days and costs $4.99. "
            "Orders over $50 ship free. Express shipping takes 1-2 business days and costs $14.99.",
        }
    ],
)
QUESTIONS = [
    "How long does standard shipping take?",
    "How much does express shipping cost?",
    "Do you ship outside the United States?",
    "When is shipping free?",
    "What does standard shipping cost?",
    "How fast is express shipping?",
    "Is there free shipping?",
    "Where do you ship?",
]


@pytest.fixture(scope="module")
def server() -> Iterator[LlamaServer]:
    with llama_server(interrupt_requests=True, threads=1) as srv:  # 1 thread: llama.cpp threads spin-wait on a busy CPU
        yield srv


def model_for(server: LlamaServer, **settings: object) -> ServerChatModel:
    values: dict[str, object] = {
        "llm_backend": "openai",
        "openai_base_url": server.base_url,
        "llm_timeout_s": 60.0,
        **settings,
    }
    model = make_chat_model(Settings(**values))  # type: ignore[arg-type]
    assert isinstance(model, ServerChatModel)
    return model


def test_streaming_writes_a_clean_reply(server: LlamaServer) -> None:
    chunks = list(model_for(server).stream("Say hello to a customer in one short sentence."))
    text = "".join(c.text for c in chunks)
    assert len([c for c in chunks if c.text]) > 3  # token by token, not one block
    assert text.strip() and "<|" not in text and "im_end" not in text
    assert any(c.response_metadata.get("finish_reason") in ("stop", "length") for c in chunks)


def test_the_length_limit_reaches_the_server(server: LlamaServer) -> None:
    model = model_for(server, llm_max_new_tokens=10)
    prompt = "Write a long story about a cat who travels around the world. Use many paragraphs."
    result = model.invoke(prompt)
    assert result.response_metadata["finish_reason"] == "length"
    assert result.usage_metadata is not None and result.usage_metadata["output_tokens"] <= 10
    streamed = list(model.stream(prompt))
    assert [c.response_metadata.get("finish_reason") for c in streamed if c.response_metadata.get("finish_reason")] == [
        "length"
    ]
    assert len([c for c in streamed if c.text]) <= 10


def test_replies_are_capped_at_two_sentences(server: LlamaServer) -> None:
    composer = Composer(model_for(server, llm_max_new_tokens=200), timeout_s=60)
    for question in (
        "Tell me everything about shipping: where, how long, how much, and when it is free.",
        QUESTIONS[0],
    ):
        composed = composer.compose(question, SHIPPING)
        if not composed.fallback_used:
            assert len([s for s in composed.text.replace("$4.99", "").split(". ") if s.strip()]) <= 2, composed.text


def test_a_deadline_falls_back_quickly_and_says_so(server: LlamaServer, caplog: pytest.LogCaptureFixture) -> None:
    composer = Composer(model_for(server, llm_timeout_s=0.05), timeout_s=0.05)
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING):
        composed = composer.compose(QUESTIONS[0], SHIPPING)
    assert time.perf_counter() - started < 2
    assert (composed.fallback_used, composed.reason) == (True, "timeout")
    assert any("timed out" in r.getMessage() for r in caplog.records)


async def test_eight_conversations_at_once_queue_and_none_fall_back_silently(
    server: LlamaServer, caplog: pytest.LogCaptureFixture
) -> None:
    """The default queue (one request at a time) against an interrupting server: no stream is cut, no reply is lost."""
    composer = Composer(model_for(server), timeout_s=120)

    async def converse(question: str) -> Composed:
        events = [e async for e in composer.astream(question, SHIPPING)]
        final = events[-1]
        assert isinstance(final, Composed)
        return final

    with caplog.at_level(logging.WARNING):
        finals = await asyncio.gather(*[converse(q) for q in QUESTIONS])
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert not [w for w in warnings if "cut short" in w or "empty" in w], warnings
    # a fallback here may only be the verifier's (unsupported or off-topic), never a lost reply
    assert [f.reason for f in finals if f.reason in ("backend", "malformed", "timeout", "empty")] == []
    assert all(f.text for f in finals)
    assert all(f.model_text for f in finals)  # the model answered every one of the eight
    assert sum(not f.fallback_used for f in finals) >= 1, [(f.reason, f.model_text) for f in finals]


async def test_every_cut_stream_is_logged_and_retried(server: LlamaServer, caplog: pytest.LogCaptureFixture) -> None:
    """No queue (8 requests at once): the server cuts streams short; each cut is seen, logged and retried."""
    model = model_for(server, llm_max_concurrency=0, llm_max_new_tokens=24)
    cuts_before, requests_before = server.cuts(), server.requests()

    async def ask(question: str) -> str | StreamCut:
        try:
            return "".join([c.text async for c in model.astream(question)])
        except StreamCut as exc:
            return exc

    with caplog.at_level(logging.WARNING, logger="bot.llm.server_chat"):
        results = await asyncio.gather(*[ask(q) for q in QUESTIONS])
    await asyncio.sleep(1.0)  # the server logs a cut just after it happened
    cut_by_server = server.cuts() - cuts_before
    seen = [r.getMessage() for r in caplog.records if "cut short by the server" in r.getMessage()]
    retried = [m for m in seen if "retrying" in m]
    gave_up = [m for m in seen if "giving up" in m]
    assert cut_by_server > 0  # the test would prove nothing if the server never interrupted
    assert len(seen) == cut_by_server  # every cut the server made was noticed and logged
    assert server.requests() - requests_before == len(QUESTIONS) + len(retried)  # each first cut was retried
    assert len(gave_up) == len(
        [r for r in results if isinstance(r, StreamCut)]
    )  # a second cut is an error, never a silent reply
    assert all(r.strip() for r in results if isinstance(r, str))


def test_a_small_golden_subset_through_the_whole_pipeline(server: LlamaServer, tmp_path: Path) -> None:
    settings = Settings(
        home=tmp_path / "var",
        knowledge_dir=REPO / "knowledge",
        seed_dir=tmp_path / "none",
        embedder="hashing",
        llm_backend="openai",
        openai_base_url=server.base_url,
        llm_timeout_s=30.0,
    )
    svc = small_services(settings)
    svc.kb.open()
    cases = read_cases(REPO / "tests" / "golden" / "policies.jsonl")[:6]
    result = asyncio.run(_run(svc, cases, None))
    assert result["unsupported_fact_rate"] == 0.0, result["failures"]
    assert result["pass_rate"] >= 0.5, result["failures"]
    assert not [r for r in result["results"] if "<|" in r["text"]]

"""The openai backend against a fake OpenAI-compatible server over real HTTP, and the composer's fallbacks."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from langchain_openai import ChatOpenAI

from bot.config import Settings
from bot.core.composer import Composed, Composer, Grounding
from bot.llm.factory import make_chat_model
from tests.fakes.openai_server import FakeOpenAIServer

GROUNDING = Grounding(
    passages=[
        {
            "title": "Shipping policy",
            "source": "policies/shipping.md",
            "text": "We ship only within the United States. Standard shipping takes 3-5 business days and costs $4.99. "
            "Orders over $50 ship free.",
        }
    ],
)
EXTRACTIVE = "Standard shipping takes 3-5 business days and costs $4.99."


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(reply="Standard shipping takes 3-5 business days.", slow_s=30) as srv:
        yield srv


def composer_for(server: FakeOpenAIServer) -> Composer:
    settings = Settings(llm_backend="openai", openai_base_url=server.base_url, openai_model="fake-1", llm_timeout_s=2.0)
    return Composer(make_chat_model(settings), timeout_s=settings.llm_timeout_s)


def test_factory_builds_chat_openai_that_talks_to_the_server(server: FakeOpenAIServer) -> None:
    model = make_chat_model(Settings(llm_backend="openai", openai_base_url=server.base_url, openai_model="fake-1"))
    assert isinstance(model, ChatOpenAI)
    assert model.invoke("How long is shipping?").content == "Standard shipping takes 3-5 business days."
    assert server.requests[-1]["model"] == "fake-1"
    assert server.requests[-1]["messages"][-1] == {"role": "user", "content": "How long is shipping?"}


def test_streaming_over_sse(server: FakeOpenAIServer) -> None:
    model = make_chat_model(Settings(llm_backend="openai", openai_base_url=server.base_url))
    pieces = [c.content for c in model.stream("shipping?") if c.content]
    assert len(pieces) == 6
    assert "".join(pieces) == "Standard shipping takes 3-5 business days."
    assert server.requests[-1]["stream"] is True


def test_grounded_answer_passes_the_verifier(server: FakeOpenAIServer) -> None:
    composed = composer_for(server).compose("How long does shipping take?", GROUNDING)
    assert composed == Composed(
        text="Standard shipping takes 3-5 business days.",
        fallback_used=False,
        unsupported=[],
        tokens=composed.tokens,
        timings=composed.timings,
        reason="",
        model_text="Standard shipping takes 3-5 business days.",
    )
    # the remote backend gets no grounding= kwarg (it would be sent to the server as an unknown field)
    assert "grounding" not in server.requests[-1]
    assert "Orders over $50 ship free." in server.requests[-1]["messages"][-1]["content"]


def test_hallucinated_remote_answer_is_replaced(server: FakeOpenAIServer) -> None:
    server.set(reply="We ship to the UK in 2 days, call 1-800-555-0199.")
    composed = composer_for(server).compose("Do you ship to the UK?", GROUNDING)
    assert composed.fallback_used
    assert composed.reason == "unsupported"
    assert "UK" in {f.text for f in composed.unsupported}  # the stream stops there, before the phone number
    assert "1-800-555-0199" not in composed.text
    # with an answer word first, the meaning check stops it at "Yes!" (the grounding does not say yes)
    server.set(reply="Yes! We ship to the UK in 2 days, call 1-800-555-0199.")
    composed = composer_for(server).compose("Do you ship to the UK?", GROUNDING)
    assert composed.fallback_used and composed.reason == "offtopic"
    assert "1-800-555-0199" not in composed.text and "Yes" not in composed.text
    assert composed.text.startswith("We ship only within the United States.")
    assert "UK" not in composed.text


@pytest.mark.parametrize("behaviour", ["slow", "429", "500", "malformed"])
def test_backend_failures_fall_back_to_the_extractive_reply_within_10s(
    server: FakeOpenAIServer, behaviour: str
) -> None:
    server.set(behaviour=behaviour)
    started = time.perf_counter()
    composed = composer_for(server).compose("How long does shipping take and what does it cost?", GROUNDING)
    assert time.perf_counter() - started < 10
    assert composed.fallback_used
    assert composed.reason == ("timeout" if behaviour == "slow" else "backend")
    assert composed.text == EXTRACTIVE


@pytest.mark.parametrize("behaviour", ["slow", "500"])
async def test_streamed_failures_fall_back_within_10s(server: FakeOpenAIServer, behaviour: str) -> None:
    server.set(behaviour=behaviour)
    started = time.perf_counter()
    events = [
        e async for e in composer_for(server).astream("How long does shipping take and what does it cost?", GROUNDING)
    ]
    assert time.perf_counter() - started < 10
    final = events[-1]
    assert isinstance(final, Composed) and final.fallback_used
    assert final.text == EXTRACTIVE

"""A browser that disconnects mid-reply does not cancel the turn; a retry gets the stored reply (issue 10, item 2)."""

from __future__ import annotations

import html
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.app import Services
from bot.channels.web.app import create_app
from bot.config import Settings
from tests.channels.web.sse_client import parse_frames
from tests.fakes.openai_server import FakeOpenAIServer
from tests.support.intents import small_services
from tests.support.live_server import live_server

REPLY = "We ship to the United States, Canada and the United Kingdom within 3 to 5 business days."


@pytest.fixture
def slow_model() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(reply=REPLY, token_delay_s=0.15) as server:  # ~2.5 s per reply
        yield server


@pytest.fixture
def slow_services(web_settings: Settings, staff_db: Path, slow_model: FakeOpenAIServer) -> Services:
    settings = web_settings.model_copy(
        update={"llm_backend": "openai", "openai_base_url": slow_model.base_url, "llm_timeout_s": 30.0}
    )
    settings.home.mkdir(parents=True, exist_ok=True)
    shutil.copy(staff_db, settings.db_path)
    svc = small_services(settings)
    svc.kb.open()
    return svc


def _inbound(services: Services, message_id: str) -> dict | None:
    return services.store.find_inbound(f"web:{message_id}")


def test_a_disconnect_mid_reply_finishes_the_turn_and_a_retry_gets_it(
    slow_services: Services, slow_model: FakeOpenAIServer
) -> None:
    with live_server(create_app(slow_services)) as url, httpx.Client(base_url=url, timeout=30) as client:
        assert client.get("/").status_code == 200  # the shopper cookie
        question = {
            "text": "How long does shipping to Canada take and which countries do you ship to?",
            "message_id": "m-1",
        }
        with client.stream("POST", "/chat/stream", json=question) as response:
            assert response.status_code == 200
            deadline = time.monotonic() + 20
            while not slow_model.requests and time.monotonic() < deadline:
                time.sleep(0.02)
            assert slow_model.requests, "the turn never reached the generator"
        # the browser is gone (connection closed while the model was still writing)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (_inbound(slow_services, "m-1") or {}).get("answered"):
            time.sleep(0.1)
        inbound = _inbound(slow_services, "m-1")
        assert inbound is not None and inbound["answered"] == 1, "the turn died with the browser"
        stored = slow_services.store.reply_for(inbound["id"])
        assert stored is not None and stored["text"]
        # the shopper comes back: the page shows the reply
        # (the page is HTML: "I'm" arrives as "I&#39;m", so compare the text the shopper reads)
        assert stored["text"].split(".")[0] in html.unescape(client.get("/").text)
        # the client retries the same message: it gets the stored reply, not a second turn or an empty "duplicate"
        calls = len(slow_model.requests)
        retry = client.post("/chat/stream", json=question)
        event, data = parse_frames(retry.text)[-1]
        assert event == "reply" and data["text"] == stored["text"] and data["message_id"] == stored["id"]
        assert len(slow_model.requests) == calls
        conv = slow_services.store.messages(inbound["conversation_id"])
        assert [m["direction"] for m in conv] == ["in", "out"]

"""Issue 16 item 5: a bigger model's meaning errors behind the OpenAI-compatible backend are caught.

The fake server stands in for a capable model that writes fluent text from the grounding's own words
but binds a fact to the wrong entity, or answers a different question. The same composer (and so the
same meaning check) runs for every backend.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.core.composer import Composer, Grounding
from bot.llm.factory import make_chat_model
from tests.fakes.openai_server import FakeOpenAIServer

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge" / "policies"


def _section(page: str, heading: str) -> dict[str, str]:
    text = (KNOWLEDGE / page).read_text(encoding="utf-8")
    body = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return {"title": heading, "source": f"policies/{page}", "text": body.strip()}


LEVELS = Grounding(passages=[_section("membership.md", "What are the membership levels?")])
PASSWORD = Grounding(passages=[_section("account.md", "I forgot my password")])


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(reply="", slow_s=30) as srv:
        yield srv


def _compose(server: FakeOpenAIServer, reply: str, question: str, grounding: Grounding) -> tuple[str, bool, str]:
    server.set(reply=reply)
    settings = Settings(
        llm_backend="openai", openai_base_url=server.base_url, openai_model="big-model", llm_timeout_s=5.0
    )
    composed = Composer(make_chat_model(settings), timeout_s=settings.llm_timeout_s).compose(question, grounding)
    return composed.text, composed.fallback_used, composed.reason


def test_a_threshold_bound_to_the_wrong_level_is_replaced(server: FakeOpenAIServer) -> None:
    wrong = "To reach Gold you need to spend $500 or more in a 12-month period. Gold is our premium level."
    text, fallback, reason = _compose(server, wrong, "How do I get Gold status?", LEVELS)
    assert fallback and reason == "offtopic"  # every number is in the grounding: only the meaning check sees it
    assert "$500" not in text
    right = "To reach Gold you need to spend $1,500 or more in a 12-month period."
    assert _compose(server, right, "How do I get Gold status?", LEVELS) == (right, False, "")


def test_condolences_for_a_forgotten_password_are_replaced(server: FakeOpenAIServer) -> None:
    wrong = "I'm sorry for your loss. Losing something important is never easy."
    text, fallback, _ = _compose(server, wrong, "I forgot my password", PASSWORD)
    assert fallback and "loss" not in text
    assert "Forgot password?" in text or "reset link" in text
    right = "Use Forgot password? on the sign-in page and we'll e-mail you a reset link."
    assert _compose(server, right, "I forgot my password", PASSWORD) == (right, False, "")

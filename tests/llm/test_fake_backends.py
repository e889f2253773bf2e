"""The scripted and echo generators, and the backend factory."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from bot.config import Settings
from bot.errors import ConfigError
from bot.llm.factory import make_chat_model
from bot.llm.fake import EchoChatModel, ScriptedChatModel


def test_scripted_replies_come_from_the_queue_then_rules_then_default() -> None:
    model = ScriptedChatModel(
        responses=["first", "second"], rules=[(r"\bphone\b", "Call 555-123-4567.")], default="dunno"
    )
    assert model.invoke("hi").content == "first"
    assert model.invoke("hi").content == "second"
    assert model.invoke("What is your phone number?").content == "Call 555-123-4567."
    assert model.invoke("Something else").content == "dunno"


def test_scripted_model_streams_word_by_word_and_records_grounding() -> None:
    model = ScriptedChatModel(responses=["Returns are free within 30 days."])
    pieces = [c.content for c in model.stream([HumanMessage("returns?")], grounding="Returns are free within 30 days.")]
    assert [p for p in pieces if p] == ["Returns ", "are ", "free ", "within ", "30 ", "days."]
    assert model.groundings == ["Returns are free within 30 days."]


async def test_echo_model_repeats_the_grounding_and_streams_async() -> None:
    model = EchoChatModel()
    grounding = "Standard shipping takes 3-5 business days. It costs $4.99. Free over $50."
    text = "".join([c.content async for c in model.astream("shipping?", grounding=grounding)])
    assert text == "Standard shipping takes 3-5 business days. It costs $4.99."


def test_echo_model_without_grounding_reads_the_prompt() -> None:
    prompt = "Use this information:\n- We ship within the United States only.\nQuestion: UK?"
    assert EchoChatModel().invoke(prompt).content == "We ship within the United States only."


@pytest.mark.parametrize(("backend", "kind"), [("echo", EchoChatModel), ("scripted", ScriptedChatModel)])
def test_factory_builds_the_named_backend(backend: str, kind: type) -> None:
    assert isinstance(make_chat_model(Settings(llm_backend=backend)), kind)


def test_factory_rejects_an_unknown_backend() -> None:
    settings = Settings.model_construct(llm_backend="gpt-9")
    with pytest.raises(ConfigError, match="unknown generator backend 'gpt-9'"):
        make_chat_model(settings)

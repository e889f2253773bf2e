"""Deterministic generators for tests: `scripted` says what it is told, `echo` repeats the grounding."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field, PrivateAttr

_PIECES = re.compile(r"\S+\s*|\s+")


def _chunks(text: str, run_manager: CallbackManagerForLLMRun | None) -> Iterator[ChatGenerationChunk]:
    for piece in _PIECES.findall(text):
        chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
        if run_manager:
            run_manager.on_llm_new_token(piece, chunk=chunk)
        yield chunk
    count = len(_PIECES.findall(text))
    usage = UsageMetadata(input_tokens=0, output_tokens=count, total_tokens=count)
    yield ChatGenerationChunk(
        message=AIMessageChunk(content="", usage_metadata=usage, response_metadata={"finish_reason": "stop"})
    )


def _last_human(messages: Sequence[BaseMessage]) -> str:
    return next((m.text for m in reversed(messages) if isinstance(m, HumanMessage)), "")


class _FakeBase(BaseChatModel):
    accepts_grounding: bool = Field(default=True, description="Takes the grounding= kwarg like the local model")
    _groundings: list[str | None] = PrivateAttr(default_factory=list)

    @property
    def groundings(self) -> list[str | None]:
        """The grounding= value of every call so far (None where none was passed)."""
        return self._groundings

    def _reply(self, messages: list[BaseMessage], grounding: str | None) -> str:
        raise NotImplementedError

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        grounding = kwargs.get("grounding")
        self._groundings.append(grounding)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self._reply(messages, grounding)))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        grounding = kwargs.get("grounding")
        self._groundings.append(grounding)
        yield from _chunks(self._reply(messages, grounding), run_manager)


class ScriptedChatModel(_FakeBase):
    """Replies from a queue first, then from the first regex rule matching the last user message, then a default."""

    responses: list[str] = Field(default_factory=list, description="Replies given in order, one per call")
    rules: list[tuple[str, str]] = Field(default_factory=list, description="(regex, reply) pairs tried on the question")
    default: str = Field(default="I'm not sure about that. Would you like to talk to a human agent?")
    _queue: deque[str] = PrivateAttr(default_factory=deque)

    def model_post_init(self, context: Any, /) -> None:
        """Load the queue of scripted replies."""
        self._queue = deque(self.responses)

    def say(self, *replies: str) -> None:
        """Queue more replies."""
        self._queue.extend(replies)

    @property
    def _llm_type(self) -> str:
        return "shopbot-scripted"

    def _reply(self, messages: list[BaseMessage], grounding: str | None) -> str:
        if self._queue:
            return self._queue.popleft()
        question = _last_human(messages)
        question = question.rsplit("question:", 1)[-1] if "question:" in question.lower() else question
        for pattern, reply in self.rules:
            if re.search(pattern, question, re.IGNORECASE):
                return reply
        return self.default


class EchoChatModel(_FakeBase):
    """Answers with the first sentences of the grounding (or of the prompt's shop information)."""

    sentences: int = Field(default=2, description="How many grounding sentences to repeat")

    @property
    def _llm_type(self) -> str:
        return "shopbot-echo"

    def _reply(self, messages: list[BaseMessage], grounding: str | None) -> str:
        source = grounding
        if source is None:  # the composer's prompt lists the grounding as "- " lines
            source = "\n".join(line[2:] for line in _last_human(messages).splitlines() if line.startswith("- "))
        parts = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", source) if len(s.strip()) > 3]
        parts = [p.lstrip("- ") for p in parts if not p.endswith(":")]
        if not parts:
            return "I'm not sure about that. Would you like to talk to a human agent?"
        return " ".join(p if p[-1] in ".!?" else p + "." for p in parts[: self.sentences])

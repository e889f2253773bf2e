"""ServerChatModel: LangChain's ChatOpenAI made dependable against self-hosted servers (vLLM, Ollama, llama.cpp).

- The length limit is sent as `max_tokens`, which they all honour (`max_completion_tokens`, what ChatOpenAI
  sends, is ignored by llama-cpp-python's server: a 10-token limit came back as 2,019 tokens).
- At most `max_concurrency` requests run at once; the rest wait in a first-come-first-served queue.
  llama-cpp-python's server, by default, cuts a running stream short when another request arrives.
- A stream that ends without a finish_reason was cut by the server, and a reply with no text is empty:
  either is logged and retried once. When a retried stream repeats text already streamed, that text is
  skipped; when it differs, or is cut again, the call fails with a BackendError (the composer logs it and
  uses the extractive reply). Nothing fails silently.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk, ChatResult
from langchain_openai import ChatOpenAI
from pydantic import Field, PrivateAttr

from bot.errors import BackendError
from bot.llm.request_queue import RequestQueue

log = logging.getLogger(__name__)


class StreamCut(BackendError):
    """The server ended a stream without saying why (no finish_reason): it was cut short."""


def _finish_reason(chunk: ChatGenerationChunk) -> str | None:
    info = chunk.generation_info or {}
    return info.get("finish_reason") or chunk.message.response_metadata.get("finish_reason")


class _Attempt:
    """What one streamed attempt has produced, and what of it the caller has already seen."""

    def __init__(self, emitted: str) -> None:
        self.emitted = emitted  # text already given to the caller by earlier attempts
        self.text = ""
        self.finish_reason: str | None = None

    def take(self, chunk: ChatGenerationChunk) -> ChatGenerationChunk | None:
        """The part of the chunk the caller has not seen yet (None when nothing is new)."""
        self.finish_reason = _finish_reason(chunk) or self.finish_reason
        piece = chunk.text
        before = len(self.text)
        self.text += piece
        if len(self.text) <= len(self.emitted):
            if not self.emitted.startswith(self.text):
                raise BackendError("the server's stream was cut, and its retry wrote a different reply")
            return _meta_only(chunk) if _has_meta(chunk) else None
        if before < len(self.emitted):
            if not self.text.startswith(self.emitted):
                raise BackendError("the server's stream was cut, and its retry wrote a different reply")
            piece = self.text[len(self.emitted) :]
        self.emitted = self.text
        if piece == chunk.text:
            return chunk
        message = AIMessageChunk(content=piece, response_metadata=dict(chunk.message.response_metadata))
        return ChatGenerationChunk(message=message, generation_info=chunk.generation_info)


def _has_meta(chunk: ChatGenerationChunk) -> bool:
    usage = getattr(chunk.message, "usage_metadata", None)
    return bool(chunk.generation_info or usage)


def _meta_only(chunk: ChatGenerationChunk) -> ChatGenerationChunk:
    usage = getattr(chunk.message, "usage_metadata", None)
    message = AIMessageChunk(content="", usage_metadata=usage, response_metadata=dict(chunk.message.response_metadata))
    return ChatGenerationChunk(message=message, generation_info=chunk.generation_info)


class ServerChatModel(ChatOpenAI):
    """ChatOpenAI for a self-hosted OpenAI-compatible server: max_tokens, a request queue, cut-stream retries."""

    max_concurrency: int = Field(default=1, description="Requests the server may run at once; 0 means no limit")
    retries_on_cut: int = Field(default=1, description="Retries of a stream the server cut short or left empty")
    _queue: RequestQueue = PrivateAttr()

    def model_post_init(self, context: Any, /) -> None:
        """Move the length limit into `max_tokens` and set up the request queue."""
        super().model_post_init(context)
        if self.max_tokens is not None:
            # ChatOpenAI renames max_tokens to max_completion_tokens; extra_body reaches the server as written
            self.extra_body = {**(self.extra_body or {}), "max_tokens": self.max_tokens}
            self.max_tokens = None
        self._queue = RequestQueue(self.max_concurrency)

    @property
    def queue(self) -> RequestQueue:
        """The queue in front of the server (for status and tests)."""
        return self._queue

    # ----- streaming

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        with self._queue.slot() as waited:
            emitted = ""
            for attempt_no in range(self.retries_on_cut + 1):
                attempt = _Attempt(emitted)
                for chunk in super()._stream(messages, stop=stop, run_manager=None, **kwargs):
                    out = attempt.take(chunk)
                    if out is None:
                        continue
                    if attempt_no == 0 and waited and attempt.text == out.text:
                        out.message.response_metadata["queue_s"] = waited
                    if run_manager and out.text:
                        run_manager.on_llm_new_token(out.text, chunk=out)
                    yield out
                emitted = attempt.emitted
                if not self._should_retry(attempt, attempt_no):
                    return

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        async with self._queue.aslot() as waited:
            emitted = ""
            for attempt_no in range(self.retries_on_cut + 1):
                attempt = _Attempt(emitted)
                async for chunk in super()._astream(messages, stop=stop, run_manager=None, **kwargs):
                    out = attempt.take(chunk)
                    if out is None:
                        continue
                    if attempt_no == 0 and waited and attempt.text == out.text:
                        out.message.response_metadata["queue_s"] = waited
                    if run_manager and out.text:
                        await run_manager.on_llm_new_token(out.text, chunk=out)
                    yield out
                emitted = attempt.emitted
                if not self._should_retry(attempt, attempt_no):
                    return

    def _should_retry(self, attempt: _Attempt, attempt_no: int) -> bool:
        """Log a cut or empty stream; True when it gets another try."""
        cut = attempt.finish_reason is None
        empty = not attempt.text.strip()
        if not cut and not empty:
            return False
        what = "cut short by the server (no finish_reason)" if cut else "empty"
        if attempt_no < self.retries_on_cut:
            log.warning(
                "generator stream %s after %d characters; retrying (%d of %d)",
                what,
                len(attempt.text),
                attempt_no + 1,
                self.retries_on_cut,
            )
            return True
        if cut:
            log.warning("generator stream %s again after its retry; giving up", what)
            raise StreamCut(f"the server cut the reply short {attempt_no + 1} times")
        log.warning("generator reply empty again after its retry")
        return False

    # ----- one-shot calls

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        with self._queue.slot():
            for attempt_no in range(self.retries_on_cut + 1):
                result = super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)
                if not self._should_retry_result(result, attempt_no):
                    return result
        return result

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        async with self._queue.aslot():
            for attempt_no in range(self.retries_on_cut + 1):
                result = await super()._agenerate(messages, stop=stop, run_manager=run_manager, **kwargs)
                if not self._should_retry_result(result, attempt_no):
                    return result
        return result

    def _should_retry_result(self, result: ChatResult, attempt_no: int) -> bool:
        attempt = _Attempt("")
        generation = result.generations[0] if result.generations else None
        attempt.text = generation.text if generation else ""
        attempt.finish_reason = (generation.generation_info or {}).get("finish_reason") if generation else None
        return self._should_retry(attempt, attempt_no)

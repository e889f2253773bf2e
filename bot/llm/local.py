"""LocalChatModel: a LangChain chat model over a transformers causal LM, streaming, with constrained decoding."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

from langchain_core.callbacks import (
    AsyncCallbackManagerForLLMRun,
    CallbackManagerForLLMRun,
)
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    HumanMessage,
    SystemMessage,
)
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, Field, PrivateAttr

from bot.config import Settings
from bot.errors import BackendError
from bot.llm.constrained import GroundedFactsProcessor, vocab_index
from bot.llm.smollm2 import load_model, load_or_convert_smollm2

log = logging.getLogger(__name__)

_generation_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()
_async_generation_locks: dict[tuple[str, int], asyncio.Lock] = {}
_SENTENCE_END = re.compile(r"([.!?][\"')]?)\s")
RUNAWAY_TOKENS = 24  # this many tokens without a space is a loop, not a word
STREAM_TIMEOUT_S = 120.0  # a token that takes longer than this means the generation thread died


def _role(message: BaseMessage) -> str:
    if isinstance(message, SystemMessage):
        return "system"
    if isinstance(message, HumanMessage):
        return "user"
    if isinstance(message, AIMessage):
        return "assistant"
    raise BackendError(f"the local model cannot take a {type(message).__name__}")


def _stop_cut(text: str, stop: list[str], max_sentences: int) -> int | None:
    """Where to cut the text: before a stop string, or after the max_sentences-th sentence; None to go on."""
    cuts = [text.find(s) for s in stop if s and s in text]
    if max_sentences > 0:
        ends = [m.end(1) for m in _SENTENCE_END.finditer(text)]
        if len(ends) >= max_sentences:
            cuts.append(ends[max_sentences - 1])
    return min(cuts) if cuts else None


def _stop_when_asked(strings: list[str], stop_now: threading.Event) -> Any:
    """A stopping rule: end once the reader has the sentences it wants, or on a runaway word.

    The streamer holds text back until a space, so a looping model that never writes one
    ("1-a-3-r4-l2-sx-…") would otherwise run to max_new_tokens unseen.
    """
    import torch
    from transformers import StoppingCriteria

    class StopWhenAsked(StoppingCriteria):
        def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor, **kw: Any) -> torch.BoolTensor:
            tail = input_ids[0, -RUNAWAY_TOKENS:].tolist()
            runaway = len(tail) == RUNAWAY_TOKENS and not any(
                any(c.isspace() for c in strings[t]) for t in tail if t < len(strings)
            )
            if runaway:
                stop_now.set()
            return torch.full((input_ids.shape[0],), stop_now.is_set(), dtype=torch.bool)  # type: ignore[return-value]

    return StopWhenAsked()


def _avoid_first_word(tokenizer: Any, text: str, prompt_length: int) -> Any:
    """A logits processor: the reply may not open with the first word of `text` (a rewording must not copy it)."""
    import torch
    from transformers import LogitsProcessor

    word = text.strip().split(" ", 1)[0] if text.strip() else ""
    banned = {ids[0] for ids in (tokenizer(w, add_special_tokens=False).input_ids for w in (word, " " + word)) if ids}

    class AvoidFirstWord(LogitsProcessor):
        def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
            if input_ids.shape[1] == prompt_length and banned:
                scores[:, list(banned)] = float("-inf")
            return scores

    return AvoidFirstWord()


def _avoid_next_word(tokenizer: Any, prefix: str, word: str, prompt_length: int) -> Any:
    """A logits processor: once the reply has written `prefix` ("Yes,"), its next word may not be `word` (a
    rewording that must keep its leading yes or no may not copy the words after it either)."""
    import torch
    from transformers import LogitsProcessor

    banned = {ids[0] for ids in (tokenizer(w, add_special_tokens=False).input_ids for w in (word, " " + word)) if ids}
    want = prefix.strip()

    class AvoidNextWord(LogitsProcessor):
        def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
            written = input_ids.shape[1] - prompt_length
            if banned and 0 < written <= 4:
                for row in range(input_ids.shape[0]):
                    if tokenizer.decode(input_ids[row, prompt_length:]).strip() == want:
                        scores[row, list(banned)] = float("-inf")
            return scores

    return AvoidNextWord()


class _Job:
    """One generation: its inputs, the thread's result, and how the stream ended."""

    def __init__(self, model: Any, *, prompt_length: int, max_new_tokens: int) -> None:
        self.model = model
        self.prompt_length = prompt_length
        self.max_new_tokens = max_new_tokens
        self.max_sentences = 0
        self.seed: int | None = None
        self.constraint: GroundedFactsProcessor | None = None
        self.streamer: Any = None
        self.generate_kwargs: dict[str, Any] = {}
        self.stop_now = threading.Event()
        self.result: dict[str, Any] = {}
        self.first_token_s: float | None = None
        self.cut_short = False

    def work(self) -> None:
        """Run model.generate (in its own thread); an error is kept for the reader."""
        import torch

        try:
            if self.seed is not None:  # a sampled try is the same on every run (under the model's lock)
                torch.manual_seed(int(self.seed))
            with torch.inference_mode():
                self.result["ids"] = self.model.generate(**self.generate_kwargs)
        except Exception as exc:  # noqa: BLE001 - surfaced to the caller after the stream ends
            self.result["error"] = exc
            self.streamer.on_finalized_text("", stream_end=True)

    def final_chunk(self, total_s: float) -> ChatGenerationChunk:
        """The empty last chunk carrying usage and timings (or the generation's error)."""
        if "error" in self.result:
            raise BackendError(f"local generation failed: {self.result['error']}") from self.result["error"]
        output_tokens = int(self.result["ids"].shape[1]) - self.prompt_length
        meta = {
            "finish_reason": "length" if output_tokens >= self.max_new_tokens and not self.cut_short else "stop",
            "first_token_s": self.first_token_s if self.first_token_s is not None else total_s,
            "generate_s": total_s,
            "constraint_s": self.constraint.seconds if self.constraint else 0.0,
        }
        usage = UsageMetadata(
            input_tokens=self.prompt_length,
            output_tokens=output_tokens,
            total_tokens=self.prompt_length + output_tokens,
        )
        return ChatGenerationChunk(message=AIMessageChunk(content="", usage_metadata=usage, response_metadata=meta))


class LocalChatModel(BaseChatModel):
    """A chat model over a local transformers checkpoint (SmolLM2 by default), loaded once per process."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model_path: str = Field(description="Folder with config.json, model.safetensors and the tokenizer")
    dtype: str = Field(default="bfloat16", description="torch dtype name")
    threads: int = Field(default=0, description="torch CPU threads; 0 leaves torch's default")
    max_new_tokens: int = Field(default=64, description="Most tokens per reply")
    temperature: float = Field(default=0.0, description="0 means greedy decoding")
    repetition_penalty: float = Field(default=1.1, description="Discourages the small model's loops")
    accepts_grounding: bool = Field(
        default=True, description="Takes a per-call grounding= kwarg for constrained decoding"
    )

    _model: Any = PrivateAttr(default=None)
    _tokenizer: Any = PrivateAttr(default=None)

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalChatModel:
        """Convert SmolLM2 if needed and build the model from settings."""
        path = load_or_convert_smollm2(settings)
        return cls(
            model_path=str(path),
            dtype=settings.llm_dtype,
            threads=settings.llm_threads,
            max_new_tokens=settings.llm_max_new_tokens,
        )

    @property
    def _llm_type(self) -> str:
        return "shopbot-local"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "dtype": self.dtype, "max_new_tokens": self.max_new_tokens}

    def load(self) -> tuple[Any, Any]:
        """Load (or fetch from the process cache) the model and tokenizer."""
        if self._model is None:
            self._model, self._tokenizer = load_model(Path(self.model_path), dtype=self.dtype, threads=self.threads)
        return self._model, self._tokenizer

    def get_num_tokens(self, text: str) -> int:
        """Count tokens with the model's own tokenizer (no download)."""
        return len(self.load()[1](text).input_ids)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text, usage, meta = "", None, {}
        for chunk in self._stream(messages, stop=stop, run_manager=run_manager, **kwargs):
            text += chunk.text
            if isinstance(chunk.message, AIMessageChunk) and chunk.message.usage_metadata:
                usage, meta = chunk.message.usage_metadata, dict(chunk.message.response_metadata)
        reply = AIMessage(content=text, usage_metadata=usage, response_metadata=meta)
        return ChatResult(generations=[ChatGeneration(message=reply)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        job = self._prepare(messages, kwargs)
        with self._lock():
            started = time.perf_counter()
            thread = threading.Thread(target=job.work, name="local-llm-generate", daemon=True)
            thread.start()
            try:
                yield from self._pump(job, stop or [], run_manager, started)
            except BackendError:
                raise
            except Exception as exc:
                raise BackendError(f"local generation failed: {exc}") from exc
            finally:
                job.stop_now.set()  # also when the caller abandons the stream early
                thread.join()
        yield job.final_chunk(time.perf_counter() - started)

    def _prepare(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> _Job:
        """Tokenise the chat and set up the generation: constraint, streamer, stopping rule."""
        from transformers import LogitsProcessorList, StoppingCriteriaList, TextIteratorStreamer

        model, tokenizer = self.load()
        grounding: str | None = kwargs.pop("grounding", None)
        max_new_tokens = int(kwargs.pop("max_new_tokens", self.max_new_tokens))
        chat = [{"role": _role(m), "content": m.text} for m in messages]
        inputs = tokenizer.apply_chat_template(chat, add_generation_prompt=True, return_tensors="pt", return_dict=True)
        job = _Job(model, prompt_length=int(inputs["input_ids"].shape[1]), max_new_tokens=max_new_tokens)
        job.max_sentences = int(kwargs.pop("max_sentences", 0) or 0)
        processors = LogitsProcessorList()
        # prompt-lookup decoding: the model checks a run of tokens copied from the prompt in one step (a rewording
        # copies names and numbers from its answer: about 3 times faster, the same greedy text)
        lookup = int(kwargs.pop("prompt_lookup", 0) or 0)
        if grounding is not None:
            job.constraint = GroundedFactsProcessor(
                tokenizer, grounding, prompt_length=job.prompt_length, rollback=lookup > 0
            )
            processors.append(job.constraint)
        avoid_start = kwargs.pop("avoid_start", None)
        if avoid_start:
            processors.append(_avoid_first_word(tokenizer, str(avoid_start), job.prompt_length))
        avoid_next = kwargs.pop("avoid_next", None)
        if avoid_next:
            processors.append(_avoid_next_word(tokenizer, str(avoid_next[0]), str(avoid_next[1]), job.prompt_length))
        job.streamer = TextIteratorStreamer(
            tokenizer, skip_prompt=True, skip_special_tokens=True, timeout=STREAM_TIMEOUT_S
        )
        job.generate_kwargs = {
            **inputs,
            "max_new_tokens": max_new_tokens,
            "streamer": job.streamer,
            "logits_processor": processors,
            "stopping_criteria": StoppingCriteriaList([_stop_when_asked(vocab_index(tokenizer).strings, job.stop_now)]),
            "repetition_penalty": self.repetition_penalty,
            "pad_token_id": tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id,
        }
        if lookup > 0:
            job.generate_kwargs["prompt_lookup_num_tokens"] = lookup
        temperature = float(kwargs.pop("temperature", self.temperature) or 0.0)  # per call: another try, sampled
        job.generate_kwargs["do_sample"] = temperature > 0
        job.seed = kwargs.pop("seed", None)
        if temperature > 0:
            job.generate_kwargs["temperature"] = temperature
        else:  # silence the "temperature is set but do_sample is False" notes from generation_config
            job.generate_kwargs.update(temperature=None, top_p=None, top_k=None)
        return job

    def _pump(
        self, job: _Job, stop: list[str], run_manager: CallbackManagerForLLMRun | None, started: float
    ) -> Iterator[ChatGenerationChunk]:
        """Pass the streamer's pieces on, cutting at a stop string or after max_sentences sentences."""
        emitted = ""
        for piece in job.streamer:
            if not piece:
                continue
            if job.first_token_s is None:
                job.first_token_s = time.perf_counter() - started
            emitted += piece
            cut = _stop_cut(emitted, stop, job.max_sentences)
            if cut is not None:
                last = piece[: max(0, len(piece) - (len(emitted) - cut))]
                if last:
                    yield self._chunk(last, run_manager)
                job.stop_now.set()
                job.cut_short = True
                return
            yield self._chunk(piece, run_manager)

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        # like LangChain's default (the sync stream in a worker thread), but closes the generator
        # explicitly, so an abandoned stream stops the model at once instead of whenever it is collected
        # Queue for the model in the event loop, not in a worker thread: a turn waiting inside
        # _stream for the generation lock would hold one of the loop's few executor threads, and
        # with enough waiting turns the turn that holds the lock gets no thread to read its tokens.
        loop = asyncio.get_running_loop()
        async with self._async_lock(loop):
            iterator = self._stream(messages, stop=stop, **kwargs)
            pending: asyncio.Future[Any] | None = None
            try:
                while True:
                    pending = loop.run_in_executor(None, next, iterator, None)
                    chunk = await asyncio.shield(pending)  # a cancellation must not orphan the running next()
                    pending = None
                    if chunk is None:
                        break
                    if run_manager and chunk.text:
                        await run_manager.on_llm_new_token(chunk.text, chunk=chunk)
                    yield chunk
            finally:
                if pending is not None:
                    # cancelled mid-token (a timeout): let that next() return before closing the generator,
                    # or close() fails with "generator already executing" and the model runs on
                    with contextlib.suppress(BaseException):
                        await pending
                await loop.run_in_executor(None, iterator.close)  # type: ignore[attr-defined]

    def _chunk(self, text: str, run_manager: CallbackManagerForLLMRun | None) -> ChatGenerationChunk:
        chunk = ChatGenerationChunk(message=AIMessageChunk(content=text))
        if run_manager:
            run_manager.on_llm_new_token(text, chunk=chunk)
        return chunk

    def _async_lock(self, loop: asyncio.AbstractEventLoop) -> asyncio.Lock:
        with _locks_guard:
            return _async_generation_locks.setdefault((f"{self.model_path}|{self.dtype}", id(loop)), asyncio.Lock())

    def _lock(self) -> threading.Lock:
        # one generation at a time per model: on a small CPU two at once only make both slow
        with _locks_guard:
            return _generation_locks.setdefault(f"{self.model_path}|{self.dtype}", threading.Lock())

"""LlamaCppChatModel: the local generator on llama.cpp (in process, through llama-cpp-python), with the same
constrained decoding as the transformers backend.

Optional: `pip install shopbot[llamacpp]` (llama-cpp-python builds llama.cpp from source, about 5 minutes
on 2 cores). It reads the packaged SmolLM2 GGUF directly, so no conversion step is needed. llama.cpp
decodes 3-5x faster than transformers here, but reads prompts slower; the system prompt and the worked
example are the same on every call, and llama.cpp keeps them in its KV cache, so only the grounding and
the question are read per reply.
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGenerationChunk
from pydantic import Field

from bot.config import Settings
from bot.errors import BackendError, ModelError
from bot.llm.constrained import GroundedFactsProcessor
from bot.llm.local import LocalChatModel, _role, _stop_cut
from bot.llm.smollm2 import GGUF_FILE, gguf_dir

log = logging.getLogger(__name__)

CONTEXT_TOKENS = 2048
REQUANT_KIND = "q8_0"  # the weight format the packaged model is used in (see requantized)  # prompt (at most ~600 tokens) plus reply, with room to spare
_models: dict[tuple[str, int], tuple[Any, _LlamaVocab]] = {}
_models_lock = threading.Lock()


class _LlamaVocab:
    """The little of a Hugging Face tokenizer that the constraint's VocabIndex needs, over a llama.cpp model."""

    def __init__(self, llama: Any) -> None:
        self.llama = llama
        self.eos_token_id = int(llama.token_eos())
        self.pad_token_id = None

    def __len__(self) -> int:
        return int(self.llama.n_vocab())

    def batch_decode(self, ids: list[list[int]], **_: Any) -> list[str]:
        """Each token list as text (special tokens read as empty, invalid UTF-8 as U+FFFD)."""
        return [self.llama.detokenize(t).decode("utf-8", errors="replace") for t in ids]


def requantized(source: Path, folder: Path, *, kind: str = REQUANT_KIND) -> Path:
    """A copy of a GGUF file in another weight format, written once (atomically) under `folder`; returns its path.

    llama.cpp multiplies Q8_0 (and F16/BF16) matrices with its fast matrix-matrix kernels, and Q4_1 without
    them, so the packaged Q4_1 SmolLM2 reads prompts several times faster as Q8_0. The Q8_0 copy holds the
    same 4-bit weights (Q8_0 represents every Q4_1 value closely); it is about 145 MB.
    """
    target = folder / f"{source.stem}.{kind}.gguf"
    if target.exists():
        return target
    try:
        import llama_cpp
    except ImportError as exc:
        raise ModelError("the llamacpp backend needs llama-cpp-python: pip install 'shopbot[llamacpp]'") from exc
    ftype = {
        "q8_0": llama_cpp.LLAMA_FTYPE_MOSTLY_Q8_0,
        "f16": llama_cpp.LLAMA_FTYPE_MOSTLY_F16,
        "bf16": llama_cpp.LLAMA_FTYPE_MOSTLY_BF16,
    }[kind]
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{target.name}.{os.getpid()}.tmp"
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = ftype
    params.allow_requantize = True
    started = time.perf_counter()
    log.info("writing %s as %s for llama.cpp (one time)", source.name, kind)
    try:
        if llama_cpp.llama_model_quantize(str(source).encode(), str(tmp).encode(), ctypes.byref(params)) != 0:
            raise ModelError(f"llama.cpp could not convert {source} to {kind}")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    log.info("wrote %s in %.1f s", target, time.perf_counter() - started)
    return target


def load_llama(path: Path, *, threads: int = 0) -> tuple[Any, _LlamaVocab]:
    """Load (once per process) a GGUF model with llama-cpp-python; returns (llama, vocabulary)."""
    key = (str(Path(path).resolve()), threads)
    with _models_lock:
        if key in _models:
            return _models[key]
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise ModelError("the llamacpp backend needs llama-cpp-python: pip install 'shopbot[llamacpp]'") from exc
        if not Path(path).is_file():
            raise ModelError(f"GGUF model not found: {path}")
        n = threads or os.cpu_count() or 1
        started = time.perf_counter()
        try:
            # logits_all=False: only the last position's logits are kept, which is all sampling needs
            llama = Llama(
                model_path=str(path),
                n_ctx=CONTEXT_TOKENS,
                n_threads=n,
                n_threads_batch=n,
                logits_all=False,
                verbose=False,
            )
        except ValueError as exc:
            raise ModelError(f"cannot load {path} with llama.cpp: {exc}") from exc
        log.info("loaded %s with llama.cpp in %.2f s (%d threads)", Path(path).name, time.perf_counter() - started, n)
        _models[key] = (llama, _LlamaVocab(llama))
        return _models[key]


class LlamaCppChatModel(LocalChatModel):
    """A chat model over a GGUF file run by llama.cpp in this process; streams, with constrained decoding."""

    dtype: str = Field(default="gguf", description="Weights are used as stored in the GGUF file")

    @classmethod
    def from_settings(cls, settings: Settings) -> LlamaCppChatModel:
        """The GGUF named by SHOPBOT_LLAMACPP_MODEL, or the packaged SmolLM2 (requantized once, see requantized)."""
        packaged = settings.llamacpp_model == ""
        path = requantized(gguf_dir() / GGUF_FILE, settings.models_dir) if packaged else Path(settings.llamacpp_model)
        return cls(model_path=str(path), threads=settings.llamacpp_threads, max_new_tokens=settings.llm_max_new_tokens)

    @property
    def _llm_type(self) -> str:
        return "shopbot-llamacpp"

    def load(self) -> tuple[Any, Any]:
        """Load (or fetch from the process cache) the llama.cpp model and its vocabulary."""
        if self._model is None:
            self._model, self._tokenizer = load_llama(Path(self.model_path), threads=self.threads)
        return self._model, self._tokenizer

    def get_num_tokens(self, text: str) -> int:
        """Count tokens with the model's own tokenizer."""
        return len(self.load()[0].tokenize(text.encode("utf-8"), add_bos=False))

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        from llama_cpp import LogitsProcessorList

        llama, vocab = self.load()
        grounding: str | None = kwargs.pop("grounding", None)
        max_new_tokens = int(kwargs.pop("max_new_tokens", self.max_new_tokens))
        max_sentences = int(kwargs.pop("max_sentences", 0) or 0)
        kwargs.pop("prompt_lookup", None)  # transformers' assisted decoding; llama.cpp decodes fast without it
        temperature = float(kwargs.pop("temperature", self.temperature) or 0.0)  # per call: another try, sampled
        seed = kwargs.pop("seed", None)
        chat = [{"role": _role(m), "content": m.text} for m in messages]
        constraint = GroundedFactsProcessor(vocab, grounding, prompt_length=-1) if grounding is not None else None
        steps = [_as_numpy(constraint)] if constraint else []
        steps += _avoid_rules(llama, kwargs.pop("avoid_start", None), kwargs.pop("avoid_next", None))
        processors = LogitsProcessorList(steps) if steps else None
        lock = self._lock()
        with lock:
            started = time.perf_counter()
            first_token_s: float | None = None
            emitted, finish, tokens = "", "stop", 0
            stream = llama.create_chat_completion(
                chat,
                stream=True,
                max_tokens=max_new_tokens,
                temperature=temperature,
                seed=int(seed) if seed is not None else None,
                repeat_penalty=self.repetition_penalty,
                logits_processor=processors,
                stop=list(stop or []) or None,
            )
            try:
                for part in stream:
                    choice = part["choices"][0]
                    finish = choice.get("finish_reason") or finish
                    piece = choice.get("delta", {}).get("content") or ""
                    if not piece:
                        continue
                    tokens += 1
                    if first_token_s is None:
                        first_token_s = time.perf_counter() - started
                    emitted += piece
                    cut = _stop_cut(emitted, stop or [], max_sentences)
                    if cut is not None:
                        piece = piece[: max(0, len(piece) - (len(emitted) - cut))]
                        if piece:
                            yield self._chunk(piece, run_manager)
                        finish = "stop"
                        break
                    yield self._chunk(piece, run_manager)
            except (RuntimeError, ValueError) as exc:
                raise BackendError(f"llama.cpp generation failed: {exc}") from exc
            finally:
                stream.close()  # stops llama.cpp at once when the caller abandons the stream
        yield _usage_chunk(int(llama.n_tokens) - tokens, tokens, finish, started, first_token_s, constraint)


def _usage_chunk(
    prompt_tokens: int,
    tokens: int,
    finish: str,
    started: float,
    first_token_s: float | None,
    constraint: GroundedFactsProcessor | None,
) -> ChatGenerationChunk:
    """The stream's last chunk: token counts, finish reason and timings, for the reply's metadata."""
    total_s = time.perf_counter() - started
    meta = {
        "finish_reason": finish,
        "first_token_s": first_token_s if first_token_s is not None else total_s,
        "generate_s": total_s,
        "constraint_s": constraint.seconds if constraint else 0.0,
    }
    usage = UsageMetadata(input_tokens=prompt_tokens, output_tokens=tokens, total_tokens=prompt_tokens + tokens)
    return ChatGenerationChunk(message=AIMessageChunk(content="", usage_metadata=usage, response_metadata=meta))


def _as_numpy(constraint: GroundedFactsProcessor) -> Any:
    """llama-cpp-python calls a logits processor with (ids, scores) as NumPy arrays for one sequence."""

    def process(input_ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
        return constraint.mask_scores(input_ids, scores)

    return process


def _first_tokens(llama: Any, word: str) -> set[int]:
    """The first token of `word` and of " word" (how a reply may open with it)."""
    out: set[int] = set()
    for text in (word, " " + word):
        ids = llama.tokenize(text.encode("utf-8"), add_bos=False, special=False)
        if ids:
            out.add(int(ids[0]))
    return out


def _avoid_rules(llama: Any, avoid_start: str | None, avoid_next: tuple[str, str] | None) -> list[Any]:
    """The transformers backend's avoid_start / avoid_next rules (bot/llm/local.py) as llama.cpp logits processors:
    the reply may not open with `avoid_start`'s first word, and once it has written avoid_next's prefix ("Yes,")
    its next word may not be avoid_next's word."""
    rules: list[Any] = []
    word = str(avoid_start or "").strip().split(" ", 1)[0]
    if word:
        banned = sorted(_first_tokens(llama, word))
        seen: list[int] = []

        def first(input_ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
            if not seen:
                seen.append(len(input_ids))
            if len(input_ids) == seen[0]:
                scores[banned] = -np.inf
            return scores

        rules.append(first)
    if avoid_next:
        prefix, after = str(avoid_next[0]).strip(), str(avoid_next[1])
        banned_next = sorted(_first_tokens(llama, after))
        start: list[int] = []

        def following(input_ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
            if not start:
                start.append(len(input_ids))
            written = len(input_ids) - start[0]
            if banned_next and 0 < written <= 4:
                text = llama.detokenize([int(t) for t in input_ids[start[0] :]]).decode("utf-8", errors="replace")
                if text.strip() == prefix:
                    scores[banned_next] = -np.inf
            return scores

        rules.append(following)
    return rules

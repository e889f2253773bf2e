"""The composer: the generator writes a reply from the grounding only; the verifier checks every
fact in it; anything unsupported, and any backend failure, yields an extractive reply instead."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any, cast

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, BaseMessageChunk, HumanMessage, SystemMessage

from bot.core.extractive import CachedEmbed, EmbedFn, extractive_reply
from bot.core.extractive import content_words as _content_words
from bot.core.extractive import sentences as _sentences
from bot.core.facts import Fact
from bot.core.grounding import Composed, Grounding
from bot.core.meaning import MeaningChecker
from bot.core.promises import addressed_to_assistant, find_promises
from bot.core.prompts import PROMPTS_DIR, read_prompt
from bot.core.quantities import unsupported_quantities
from bot.core.reply_run import (
    RUNAWAY_WORD_CHARS,
    WORD_CHECK_EVERY,
    ReplyRun,
    bare_answer,
    clean_reply,
    estimate_tokens,
    sentence_ends,
)
from bot.core.rewording import Rewriter
from bot.core.verify import Verdict, verify
from bot.domain import Author

__all__ = ["Composed", "Composer", "Grounding", "clean_reply"]

log = logging.getLogger(__name__)

_executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="composer")


class Composer:
    """Writes grounded replies with a LangChain chat model and guards them with the verifier."""

    def __init__(
        self,
        chat_model: BaseChatModel,
        *,
        max_prompt_tokens: int = 600,
        prompts_dir: Path | None = None,
        timeout_s: float = 8.0,
        history_turns: int = 4,
        max_passages: int = 3,
        chars_per_token: float = 4.0,
        prompt_sentences: int = 6,
        max_reply_sentences: int = 2,
        min_support: float = 0.75,
        meaning: MeaningChecker | None = None,
        embed: EmbedFn | None = None,
        reword_timeout_s: float = 0.0,
        reword_model: Any = None,
        reword_kinds: Iterable[str] | None = None,
        reword_frames: bool = False,
    ) -> None:
        if max_prompt_tokens < 100:
            raise ValueError("max_prompt_tokens must be at least 100")
        folder = Path(prompts_dir) if prompts_dir else PROMPTS_DIR
        self.chat_model = chat_model
        self.system_prompt = read_prompt(folder / "system.txt")
        self.user_template = read_prompt(folder / "user.txt")
        self.not_sure = read_prompt(folder / "not_sure.txt")
        # an optional worked example shows a small model the expected shape of an answer
        example = [folder / "example_user.txt", folder / "example_assistant.txt"]
        self.example = [read_prompt(example[0]), read_prompt(example[1])] if all(p.exists() for p in example) else []
        self.max_prompt_tokens = max_prompt_tokens
        self.timeout_s = timeout_s
        self.history_turns = history_turns
        self.max_passages = max_passages
        self.chars_per_token = chars_per_token
        self.prompt_sentences = prompt_sentences
        self.max_reply_sentences = max_reply_sentences
        self.min_support = min_support
        # the meaning check (bindings, negations, conditions); rules alone when no embedder is given
        self.meaning = meaning if meaning is not None else MeaningChecker()
        self.passes_grounding = bool(getattr(chat_model, "accepts_grounding", False))
        # the sentence embedder that scores extractive sentences by meaning (None: by word overlap)
        self.embed = CachedEmbed(embed) if embed is not None else None
        # the generator words answers from the data (kept only when faithful); None: templates speak for themselves
        self.rewriter = (
            Rewriter(
                reword_model or chat_model,
                prompts_dir=folder,
                timeout_s=reword_timeout_s,
                few_shot=reword_model is None,  # a model tuned for it (llm tune --task reply) needs no worked examples
                kinds=reword_kinds if reword_model is not None else None,
                frames=reword_frames and reword_model is not None,  # an adapter tuned on slot-filling frames
            )
            if reword_timeout_s > 0
            else None
        )

    # ----- prompt

    def build_messages(
        self, question: str, grounding: Grounding, *, history: Sequence[tuple[str, str]] = ()
    ) -> list[BaseMessage]:
        """System prompt, the last few turns, then the trimmed grounding and the question."""
        turns: list[BaseMessage] = []
        for role, raw in list(history)[-self.history_turns :]:
            text = raw.strip()[:300]
            turns.append(HumanMessage(text) if role in ("user", "customer", "human") else AIMessage(text))
        used = len(self.system_prompt) + len(self.user_template) + len(question) + sum(len(t.text) for t in turns)
        used += sum(len(x) for x in self.example)
        budget = max(200, int(self.max_prompt_tokens * self.chars_per_token) - used)
        user = self.user_template.format(
            grounding=grounding.prompt_notes(
                question, budget=budget, max_passages=self.max_passages, prompt_sentences=self.prompt_sentences
            ),
            question=question.strip(),
        )
        shots: list[BaseMessage] = [HumanMessage(self.example[0]), AIMessage(self.example[1])] if self.example else []
        return [SystemMessage(self.system_prompt), *shots, *turns, HumanMessage(user)]

    # ----- compose

    def compose(
        self, question: str, grounding: Grounding, *, history: Sequence[tuple[str, str]] = (), intent: str = ""
    ) -> Composed:
        """Generate, verify, and fall back to an extractive reply when needed (blocking)."""
        started = time.perf_counter()
        timings: dict[str, float] = {}
        if grounding.is_empty():
            return self._fallback(question, grounding, "empty", "", [], 0, timings, started)
        messages = self.build_messages(question, grounding, history=history)
        timings["build_s"] = time.perf_counter() - started
        cancel = threading.Event()
        future = _executor.submit(self._collect, messages, question, grounding, cancel, started)
        try:
            run = future.result(timeout=self.timeout_s)
        except FutureTimeout:
            cancel.set()
            log.warning("generator timed out after %.1f s; using the extractive reply", self.timeout_s)
            return self._fallback(question, grounding, "timeout", "", [], 0, timings, started)
        except Exception as exc:  # noqa: BLE001 - any backend failure becomes the extractive reply
            log.warning("generator failed (%s: %s); using the extractive reply", type(exc).__name__, exc)
            return self._fallback(question, grounding, "backend", "", [], 0, timings, started)
        timings.update(run.timings)
        timings["generate_s"] = time.perf_counter() - started - timings["build_s"]
        return self._finish(question, grounding, run.text, run.meta, run.tokens or run.pieces, timings, started, intent)

    def _collect(
        self, messages: list[BaseMessage], question: str, grounding: Grounding, cancel: threading.Event, started: float
    ) -> ReplyRun:
        """Stream the model's reply in a worker thread, stopping early once a finished sentence fails the checks."""
        run = ReplyRun()
        # LangChain's stream is a generator (typed as an Iterator): close() below stops a local model
        stream = cast(
            "Generator[BaseMessageChunk, None, None]", self.chat_model.stream(messages, **self._model_kwargs(grounding))
        )
        try:
            for chunk in stream:
                finished_sentence = run.add(chunk, started)
                if run.cap(self.max_reply_sentences):
                    break
                if finished_sentence and self._early_reject(run, question, grounding):
                    break
                if cancel.is_set():
                    break
        finally:
            stream.close()  # a local model stops generating here
        return run

    def _early_reject(self, run: ReplyRun, question: str, grounding: Grounding) -> bool:
        """Check the finished sentences so far; a failure ends the generation without waiting for the rest."""
        ends = sentence_ends(run.text)
        if len(ends) <= run.checked:
            return self._early_reject_words(run, grounding)
        run.checked = len(ends)
        verdict = self._verify(run.text[: ends[-1]], question, grounding)
        if not verdict.ok:
            run.meta["early_stop"] = True
            log.debug("stopping the generator early: %s", "; ".join(verdict.reasons))
        return not verdict.ok

    def _early_reject_words(self, run: ReplyRun, grounding: Grounding) -> bool:
        """Mid-sentence, every few pieces: stop on an unsupported fact in the finished words, or a runaway word."""
        if run.pieces - run.words_checked_at < WORD_CHECK_EVERY:
            return False
        run.words_checked_at = run.pieces
        head, _, last_word = run.text.rpartition(" ")
        if len(last_word) > RUNAWAY_WORD_CHARS:
            run.meta["early_stop"] = True
            return True
        verdict = verify(head, grounding.full_text(), known_names=grounding.known_names)
        if not verdict.ok:
            run.meta["early_stop"] = True
        return not verdict.ok

    async def astream(
        self, question: str, grounding: Grounding, *, history: Sequence[tuple[str, str]] = (), intent: str = ""
    ) -> AsyncIterator[str | Composed]:
        """Yield text deltas as the model writes, then the final Composed (whose text may replace them)."""
        started = time.perf_counter()
        timings: dict[str, float] = {}
        if grounding.is_empty():
            yield self._fallback(question, grounding, "empty", "", [], 0, timings, started)
            return
        messages = self.build_messages(question, grounding, history=history)
        timings["build_s"] = time.perf_counter() - started
        run = ReplyRun()
        shown = 0  # run.text[:shown] went out: whole sentences that passed every check, never a word more
        stream = cast(
            "AsyncGenerator[BaseMessageChunk, None]", self.chat_model.astream(messages, **self._model_kwargs(grounding))
        )
        try:
            async with asyncio.timeout(self.timeout_s):
                async for chunk in stream:
                    finished_sentence = run.add(chunk, started)
                    capped = run.cap(self.max_reply_sentences)
                    if finished_sentence and self._early_reject(run, question, grounding):
                        break
                    safe = self._verified_end(run, grounding)
                    if safe < 0:
                        run.meta["early_stop"] = True
                        break
                    if safe > shown:
                        run.timings.setdefault("first_shown_s", time.perf_counter() - started)
                        yield run.text[shown:safe]
                        shown = safe
                    if capped:
                        break
        except TimeoutError:
            log.warning("generator stream timed out after %.1f s; using the extractive reply", self.timeout_s)
            yield self._fallback(question, grounding, "timeout", run.text, [], 0, timings, started)
            return
        except Exception as exc:  # noqa: BLE001 - any backend failure becomes the extractive reply
            log.warning("generator stream failed (%s: %s); using the extractive reply", type(exc).__name__, exc)
            yield self._fallback(question, grounding, "backend", run.text, [], 0, timings, started)
            return
        finally:
            await stream.aclose()
        timings.update(run.timings)
        timings["generate_s"] = time.perf_counter() - started - timings["build_s"]
        final = self._finish(
            question, grounding, run.text, run.meta, run.tokens or run.pieces, timings, started, intent
        )
        said = run.text[:shown].strip()
        if not final.fallback_used and final.text.startswith(said) and len(final.text) > len(said):
            yield (
                final.text[len(said) :] if said else final.text
            )  # the checked last sentence, which had no space after it yet
        yield final

    def _verified_end(self, run: ReplyRun, grounding: Grounding) -> int:
        """How far run.text may be shown: the end of the last finished sentence once the verifier passed it (run.checked)
        and it promises nothing; -1 when a finished sentence promises or quotes an instruction (stop generating)."""
        ends = sentence_ends(run.text)[: run.checked]
        if not ends:
            return 0
        head = run.text[: ends[-1]]
        return -1 if self._unsafe(head, grounding) else ends[-1]

    @staticmethod
    def _unsafe(text: str, grounding: Grounding) -> list[str]:
        """What the verifier does not cover: promises and invented codes, unsupported quantities, sentences aimed at the assistant."""
        full = grounding.full_text()
        problems = [str(p) for p in find_promises(text, grounding=full, account_facts="\n".join(grounding.facts))]
        problems += [f"quantity {q}" for q in unsupported_quantities(text, full)]
        problems += [f"instruction {s!r}" for s in _sentences(text) if addressed_to_assistant(s)]
        return problems

    def _verify(self, text: str, question: str, grounding: Grounding) -> Verdict:
        return verify(
            text,
            grounding.full_text(),
            known_names=grounding.known_names,
            system_prompt=self.system_prompt,
            question=question,
            min_support=self.min_support,
            meaning=self.meaning,
            grounding_blocks=grounding.blocks(),
        )

    def _model_kwargs(self, grounding: Grounding) -> dict[str, Any]:
        if not self.passes_grounding:  # a remote server would reject unknown fields
            return {}
        return {"grounding": grounding.full_text(), "max_sentences": self.max_reply_sentences}

    def _finish(
        self,
        question: str,
        grounding: Grounding,
        raw: str,
        meta: dict[str, Any],
        tokens: int,
        timings: dict[str, float],
        started: float,
        intent: str = "",
    ) -> Composed:
        if "constraint_s" in meta:
            timings["constraint_s"] = float(meta["constraint_s"])
        if meta.get("early_stop"):  # verify what it said, failing words included; never a cut that hides them
            text = raw.replace("<|im_end|>", "").strip()
        else:
            text = clean_reply(raw, truncated=meta.get("finish_reason") == "length")
        if not text:
            log.warning(
                "generator reply unusable (%d characters, finish_reason %s); using the extractive reply",
                len(raw),
                meta.get("finish_reason"),
            )
            return self._fallback(question, grounding, "malformed", raw, [], tokens, timings, started)
        checked = time.perf_counter()
        verdict = self._verify(text, question, grounding)
        timings["verify_s"] = time.perf_counter() - checked
        if not verdict.ok and not verdict.leaked:
            kept = self._verified_prefix(text, question, grounding)
            if kept:  # the first sentences hold; only the later ones went astray
                log.info(
                    "reply trimmed to its verified sentences (intent %s): %s", intent or "-", "; ".join(verdict.reasons)
                )
                timings["total_s"] = time.perf_counter() - started
                return Composed(
                    kept, False, verdict.unsupported, tokens or estimate_tokens(kept), timings, "trimmed", raw
                )
        if not verdict.ok:
            log.info("reply rejected by the verifier (intent %s): %s", intent or "-", "; ".join(verdict.reasons))
            reason = "leak" if verdict.leaked else "unsupported" if verdict.unsupported else "offtopic"
            return self._fallback(question, grounding, reason, raw, verdict.unsupported, tokens, timings, started)
        unsafe = self._unsafe(text, grounding)
        if unsafe:
            log.info("reply rejected by the promise policy (intent %s): %s", intent or "-", "; ".join(unsafe))
            kept = self._verified_prefix(text, question, grounding)
            if kept and not self._unsafe(
                kept, grounding
            ):  # the sentences before the promise hold (and were what streamed)
                timings["total_s"] = time.perf_counter() - started
                return Composed(kept, False, [], tokens or estimate_tokens(kept), timings, "trimmed", raw)
            return self._fallback(question, grounding, "promise", raw, [], tokens, timings, started)
        timings["total_s"] = time.perf_counter() - started
        return Composed(text, False, [], tokens or estimate_tokens(text), timings, "", raw)

    def _verified_prefix(self, text: str, question: str, grounding: Grounding) -> str:
        """The longest run of leading whole sentences that passes verification, or ''."""
        ends = sentence_ends(text + " ")
        for end in reversed([e for e in ends if e < len(text.rstrip())]):
            prefix = text[:end].strip()
            # a bare "Sure!" or "Yes to both!" answers the question by itself, and maybe wrongly: the
            # sentences that justified it were rejected, so the answer goes with them
            if len(_content_words(prefix)) < 2 or bare_answer(prefix):
                return ""
            if self._verify(prefix, question, grounding).ok:
                return prefix
        return ""

    def _fallback(
        self,
        question: str,
        grounding: Grounding,
        reason: str,
        raw: str,
        unsupported: list[Fact],
        tokens: int,
        timings: dict[str, float],
        started: float,
    ) -> Composed:
        text = self.extractive_reply(question, grounding)
        timings["total_s"] = time.perf_counter() - started
        return Composed(text, True, unsupported, tokens, timings, reason, raw)

    def author_of(self, composed: Composed) -> Author:
        """Who wrote the composed text: the model (kept by the verifier), the extractive fallback, or the fixed not-sure line."""
        if not composed.fallback_used:
            return Author.MODEL
        return Author.CANNED if composed.text.strip() == self.not_sure else Author.EXTRACTIVE

    # ----- extractive reply

    def extractive_reply(
        self, question: str, grounding: Grounding, *, max_sentences: int = 2, max_chars: int = 420, asked: str = ""
    ) -> str:
        """A short reply copied from the grounding (see bot.core.extractive); `asked`: the turn's own words."""
        return extractive_reply(
            question,
            grounding,
            not_sure=self.not_sure,
            max_passages=self.max_passages,
            max_sentences=max_sentences,
            max_chars=max_chars,
            embed=self.embed,
            asked=asked,
        )

"""The model says an answer from the data in its own words; the rewording is kept only when it is faithful.

Answers built from the catalog and the orders are rendered by templates, because a small model swaps digits
and yes for no. Here the generator gets the question, the template's answer and two worked examples of the
same kind, and writes one or two sentences. `paraphrase_problems` then demands every number, code, date and
name, the same polarity for each value, and nothing new; `register_problems` (register.py) refuses a faithful
wording that reads worse than the data's text ("You order ...", "You have 3 of our ..."); anything less, a
timeout or a backend error keeps the template's text. A rewording identical to the template is not counted as
the model's.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Generator, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, BaseMessageChunk, HumanMessage, SystemMessage

from bot.core import canned
from bot.core.catalog.index import PerCatalog
from bot.core.facts import names_by_words
from bot.core.frames import Frame, as_statement, fill, frame_problems, frame_question, make_frame, name_kinds
from bot.core.guard import Checked
from bot.core.paraphrase import copies, near_copy, paraphrase_problems, same_wording
from bot.core.prompts import PROMPTS_DIR, read_prompt
from bot.core.register import register_problems, repair
from bot.core.reply_run import chunk_text, clean_reply, sentence_ends
from bot.domain import Author, Flag, Reply

log = logging.getLogger(__name__)

KINDS = ("product", "order", "discovery", "policy")  # policy: a sentence quoted from the policies and FAQ
LEADING_YES_NO = re.compile(r"\s*(yes|no)\b", re.I)
PROMPT_LOOKUP = 10  # tokens a prompt-lookup step may copy from the prompt (local model; 0: plain decoding)
MAX_ANSWER_CHARS = 260  # longer answers (lists, several orders, quoted policy) keep the template's text
FRAME_LINE_CHARS = 400  # with frames: the longest first line given to the model (its values become short slots)
_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="rewording")


@dataclass(slots=True)
class Reworded:
    """The text to send and whether the model wrote it (kept by the paraphrase check)."""

    text: str
    by_model: bool
    reason: str = ""  # why the template's text stayed: skipped, timeout, backend, unfaithful, reads badly, same
    model_text: str = ""
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    tries: int = 0


def read_examples(path: Path) -> dict[str, list[tuple[str, str, str]]]:
    """Worked examples by kind: (question, answer, reworded)."""
    out: dict[str, list[tuple[str, str, str]]] = {k: [] for k in KINDS}
    for block in re.split(r"\n\s*\n", read_prompt(path)):
        rows = dict(
            line.split(":", 1) for line in block.splitlines() if ":" in line and not line.lstrip().startswith("#")
        )
        rows = {k.strip(): v.strip() for k, v in rows.items()}
        if {"kind", "question", "answer", "reworded"} <= rows.keys():
            out.setdefault(rows["kind"], []).append((rows["question"], rows["answer"], rows["reworded"]))
    return out


class Rewriter:
    """Has the generator reword template answers, and keeps only faithful rewordings."""

    def __init__(
        self,
        chat_model: BaseChatModel,
        *,
        prompts_dir: Path | None = None,
        timeout_s: float = 4.0,
        max_answer_chars: int = MAX_ANSWER_CHARS,
        few_shot: bool = True,
        avoid_copy: bool | None = None,
        kinds: Iterable[str] | None = None,
        max_tries: int = 3,
        retry_temperature: float = 0.7,
        frames: bool = False,
    ) -> None:
        folder = Path(prompts_dir) if prompts_dir else PROMPTS_DIR
        self.chat_model = chat_model
        # a model tuned for rewording (`shopbot llm tune --task reply`) learnt a short prompt and no worked examples
        # frames (an adapter tuned with --frames): the model words the answer with its values as slots (frames.py)
        self.frames = frames and not few_shot
        system = "reword_frame_system.txt" if self.frames else "reword_tuned_system.txt"
        self.system_prompt = read_prompt(folder / ("reword_system.txt" if few_shot else system))
        self.user_template = read_prompt(folder / "reword_user.txt")
        self.examples = read_examples(folder / "reword_examples.txt") if few_shot else {}
        self.timeout_s = timeout_s
        self.max_answer_chars = max_answer_chars
        self.passes_kwargs = bool(getattr(chat_model, "accepts_grounding", False))
        # a tuned model copies the answer word for word about half the time (not counted as its own wording);
        # barring the answer's first word as its first word makes it say the answer its own way
        self.avoid_copy = (not few_shot) if avoid_copy is None else avoid_copy
        # the kinds of answers it words (a tuned model: those it was trained on; worked examples: every kind)
        self.kinds = frozenset(kinds if kinds is not None else KINDS)
        # a rejected wording is tried again (sampled) while the deadline allows; a remote server samples on its own
        self.max_tries = max_tries if self.passes_kwargs else 1
        self.retry_temperature = retry_temperature

    def build_messages(self, question: str, answer: str, *, kind: str) -> list[BaseMessage]:
        """The system prompt, the kind's worked examples as earlier turns, then this question and answer."""
        messages: list[BaseMessage] = [SystemMessage(self.system_prompt)]
        for q, a, r in self.examples.get(kind, [])[:2]:
            messages += [HumanMessage(self.user_template.format(question=q, answer=a)), AIMessage(r)]
        messages.append(HumanMessage(self.user_template.format(question=question.strip(), answer=answer.strip())))
        return messages

    def eligible(self, answer: str) -> bool:
        """Short one-paragraph answers only: a list or a quoted policy stays as the data says it (with frames: the
        frame of the first line is short; a list below it stays as the code built it)."""
        if self.frames:
            return bool(answer.strip()) and len(answer.strip().split("\n")[0]) <= FRAME_LINE_CHARS
        return bool(answer.strip()) and "\n" not in answer.strip() and len(answer) <= self.max_answer_chars

    def reword(
        self,
        question: str,
        answer: str,
        *,
        kind: str,
        known_names: Iterable[str] = (),
        keep: Iterable[str] = (),
        name_kinds: Mapping[str, str] | None = None,
    ) -> Reworded:
        """The model's faithful rewording of `answer`, or `answer` itself (blocking; runs the model in a thread).

        The first try is greedy; while the deadline allows, a rejected try (a copy, or one the check names a problem
        in) is followed by sampled ones, each checked the same way; the first that passes is sent."""
        started = time.perf_counter()
        if not self.eligible(answer) or kind not in self.kinds:
            return Reworded(answer, False, "skipped")
        cancel = threading.Event()
        frame = make_frame(answer, tuple(known_names), name_kinds) if self.frames else None
        if frame is not None:
            messages = self.build_messages(frame_question(question, frame), frame.text, kind=kind)
        else:
            messages = self.build_messages(question, answer, kind=kind)

        def judge(raw: str) -> Reworded:
            if frame is not None:
                return self._judge_frame(raw, frame, question, answer, kind=kind, known_names=known_names, keep=keep)
            return self._judge(raw, question, answer, kind=kind, known_names=known_names, keep=keep)

        said = frame.text if frame is not None else answer  # what the model reads and may copy from
        future = _executor.submit(self._tries, messages, said, cancel, judge, started)
        try:
            done = future.result(timeout=self.timeout_s)
        except FutureTimeout:
            cancel.set()
            log.info("rewording timed out after %.1f s; the template's text stays", self.timeout_s)
            return Reworded(answer, False, "timeout", seconds=time.perf_counter() - started)
        except Exception as exc:  # noqa: BLE001 - any backend failure keeps the template's text
            log.warning("rewording failed (%s: %s); the template's text stays", type(exc).__name__, exc)
            return Reworded(answer, False, "backend", seconds=time.perf_counter() - started)
        done.seconds = time.perf_counter() - started
        if done.problems:
            log.info("rewording rejected (%s): %r", "; ".join(done.problems), done.model_text)
        return done

    def _judge(
        self, raw: str, question: str, answer: str, *, kind: str, known_names: Iterable[str], keep: Iterable[str]
    ) -> Reworded:
        text = clean_reply(raw)
        if not text or same_wording(text, answer) or copies(answer, text) or near_copy(answer, text):
            # "Sure! " + the answer, or the answer with a word or two changed, is not the model's wording
            return Reworded(answer, False, "same" if text else "unfaithful", raw)
        text = repair(text)
        problems = paraphrase_problems(
            answer, text, question=question, known_names=known_names, keep=keep, every_word=kind == "policy"
        )
        if problems:
            return Reworded(answer, False, "unfaithful", raw, problems)
        problems = register_problems(text, answer)  # faithful but reads worse than the data's text: not sent
        if problems:
            return Reworded(answer, False, "reads badly", raw, problems)
        return Reworded(text, True, "", raw)

    def _judge_frame(
        self,
        raw: str,
        frame: Frame,
        question: str,
        answer: str,
        *,
        kind: str,
        known_names: Iterable[str],
        keep: Iterable[str],
    ) -> Reworded:
        """A frame the model wrote: every slot once and nothing of its own in digits or braces, then filled in and
        checked like any rewording against the answer's first line (a list below it follows as it stands)."""
        written = raw.replace("<|im_end|>", "").strip()
        written = written if written.endswith(":") else clean_reply(written)
        if not written:
            return Reworded(answer, False, "unfaithful", raw)
        written = repair(written)
        problems = frame_problems(written, frame, known_names)
        if problems:
            return Reworded(answer, False, "unfaithful", raw, problems)
        head = answer.strip().split("\n")[0]
        filled = fill(written, frame)
        done = self._judge(
            as_statement(filled), question, as_statement(head), kind=kind, known_names=known_names, keep=keep
        )
        done.model_text = raw
        if done.by_model:
            done.text = filled + frame.tail
        else:
            done.text = answer
        return done

    def _tries(
        self,
        messages: list[BaseMessage],
        answer: str,
        cancel: threading.Event,
        judge: Callable[[str], Reworded],
        started: float,
    ) -> Reworded:
        """Greedy first, then sampled tries while another one fits before the deadline."""
        done = Reworded(answer, False, "unfaithful")
        for attempt in range(self.max_tries):
            t0 = time.perf_counter()
            raw = self._generate(messages, answer, cancel, attempt)
            if cancel.is_set():
                break
            done = judge(raw)
            done.tries = attempt + 1
            spent = time.perf_counter() - t0
            if done.by_model or time.perf_counter() - started + spent > self.timeout_s:
                break
        return done

    def _generate(self, messages: list[BaseMessage], answer: str, cancel: threading.Event, attempt: int = 0) -> str:
        kwargs: dict[str, Any] = {}
        if self.passes_kwargs:  # the answer's digits are all a rewording may write; a remote server takes no kwargs
            kwargs = {
                "grounding": answer,
                "max_sentences": max(2, len(sentence_ends(answer + " "))),  # an order's status takes three
                "max_new_tokens": max(32, int(len(answer) / 2.2) + 16),
                "prompt_lookup": PROMPT_LOOKUP,  # names and numbers copied from the answer come in runs
            }
            lead = LEADING_YES_NO.match(answer)
            if self.avoid_copy and not lead:  # a yes or no must stay up front
                kwargs["avoid_start"] = answer  # the first word differs, so the model cannot copy the answer
            after = re.match(r"\s*(yes|no)\s*([,.!;:]?)\s+(\S+)", answer, re.I) if self.frames else None
            if self.avoid_copy and after:  # "Yes, the ..." -> "Yes, you can get ...": the word after it differs
                kwargs["avoid_next"] = (after.group(1) + after.group(2), after.group(3))
            if attempt:  # another try: sampled, the same on every run
                kwargs.update(temperature=self.retry_temperature, seed=attempt)
        text = ""
        stream = cast(
            "Generator[BaseMessageChunk, None, None]", self.chat_model.stream(messages, **kwargs)
        )  # a generator: close() stops it
        try:
            for chunk in stream:
                text += chunk_text(chunk)
                if cancel.is_set():
                    break
        finally:
            stream.close()
        return text


def skip_reason(rewriter: Rewriter, answer: str, kind: str) -> str:
    """Why an answer is not given to the model to word ("" : it is)."""
    if not answer.strip():
        return f"{kind}: skipped (empty)"
    if rewriter.frames and not rewriter.eligible(answer):
        return f"{kind}: skipped (a first line longer than {FRAME_LINE_CHARS} characters)"
    if not rewriter.frames and "\n" in answer.strip():
        return f"{kind}: skipped (several lines)"
    if not rewriter.frames and len(answer) > rewriter.max_answer_chars:
        return f"{kind}: skipped (longer than {rewriter.max_answer_chars} characters)"
    if kind not in rewriter.kinds:
        return f"{kind}: skipped (the rewording model does not word this kind)"
    return ""


def _names(catalog: Sequence[dict[str, Any]]) -> tuple[str, ...]:
    """Product names, brands and colours: what a rewording must keep as the answer says them."""
    names = {str(p.get(k)) for p in catalog for k in ("name", "brand") if p.get(k)}
    names |= {str(c) for p in catalog for c in p.get("colors") or []}
    return tuple(sorted(names))


_NAMES: PerCatalog[tuple[str, ...]] = PerCatalog(_names, prepare=names_by_words)
_NAME_KINDS: PerCatalog[dict[str, str]] = PerCatalog(name_kinds)


async def shown_at_once(
    rewriter: Rewriter | None, checked: Checked, reply: Reply, products: Callable[[], list[dict[str, Any]]]
) -> AsyncIterator[dict[str, Any]]:
    """Yield an answer from the data as one token at once; then, when a rewriter is set up, have the model word
    it and, if the paraphrase check keeps the wording, replace the shown text with it (the first text never
    waits for the model). The truncation note is added to whichever text is sent."""
    note = canned.TRUNCATED_NOTE if checked.truncated else ""
    if reply.author in (Author.TEMPLATE, Author.MODEL, Author.EXTRACTIVE) and reply.text:
        yield {"type": "token", "text": reply.text + note}
    kind = "order" if any(s.get("source") == "orders" for s in reply.sources) else "product"
    kind = "discovery" if Flag.CATALOG in reply.flags else kind
    kind = "policy" if reply.author == Author.EXTRACTIVE else kind
    if rewriter is not None and reply.author in (Author.TEMPLATE, Author.EXTRACTIVE):
        reply.reword = skip_reason(rewriter, reply.text, kind)
    if rewriter is not None and reply.author in (Author.TEMPLATE, Author.EXTRACTIVE) and not reply.reword:
        catalog = await asyncio.to_thread(products)
        names, kinds = _NAMES.get(catalog), _NAME_KINDS.get(catalog)  # once per catalog version, not per turn
        done = await asyncio.to_thread(
            rewriter.reword, checked.text, reply.text, kind=kind, known_names=names, name_kinds=kinds
        )
        reply.timings["reword_s"] = done.seconds
        details = "; ".join(done.problems) if done.problems else done.model_text.strip()[:120]
        reply.reword = f"{kind}: {done.reason or 'reworded'} ({done.tries} tries{': ' + details if details else ''})"
        if done.by_model:
            reply.reword += f" from: {reply.text}"
            reply.text, reply.author = done.text, Author.MODEL
            reply.flags.add(Flag.REWORDED)
            yield {"type": "replace", "text": reply.text + note}
    reply.text += note

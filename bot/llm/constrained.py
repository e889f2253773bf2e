"""Constrained decoding: the model may write a number, price, date, phone, order id, SKU, e-mail
address or URL only by copying it from the grounding.

Two runs of characters are tracked while the reply is generated:

- the *code run*: upper-case letters, digits and the separators `, . : / -` (so "49.90",
  "2026-12-02", "ORD-10234", "010-2345", "1Z999AA1012"). Once it holds a digit it must stay a
  prefix of a run found in the grounding, and it may only end where such a run ends;
- the *address run*: the current word once it holds "@" or "://"; it must stay a prefix of an
  e-mail address or URL found in the grounding, and may only end where one ends.

Token strings and masks are computed once per tokenizer; each step checks in Python only the
handful of tokens that could touch a run (SmolLM2 writes every digit as its own token). Masks are
NumPy arrays on purpose: tiny torch ops go through the intra-op thread pool, which costs tens of
milliseconds per op on a busy 2-core machine, while NumPy stays single-threaded and takes microseconds.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from transformers import LogitsProcessor

log = logging.getLogger(__name__)

RUN_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
SEPARATORS = frozenset(",.:/-")
RUN_CHARS = RUN_START | SEPARATORS
DIGITS = frozenset("0123456789")
WORD_BREAKS = frozenset("(<\"'[")
TRIGGERS = DIGITS | frozenset("@:/")
_RUN_RE = re.compile(r"[A-Z0-9][A-Z0-9,.:/\-]*")
_ADDR_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://[^\s<>\"')\]]+", re.IGNORECASE)


def _has_digit(text: str) -> bool:
    return any(c in DIGITS for c in text)


def _strip_seps(text: str) -> str:
    return text.rstrip(",.:/-")


def _prefixes(items: set[str]) -> set[str]:
    return {item[:i] for item in items for i in range(1, len(item) + 1)}


@dataclass(slots=True)
class AllowedFacts:
    """The code runs and addresses that the grounding allows, with all their prefixes."""

    runs: set[str] = field(default_factory=set)
    addresses: set[str] = field(default_factory=set)
    run_prefixes: set[str] = field(default_factory=set)
    address_prefixes: set[str] = field(default_factory=set)

    @classmethod
    def from_grounding(cls, grounding: str) -> AllowedFacts:
        """Collect every digit-bearing code run and every e-mail address or URL in the grounding."""
        runs: set[str] = set()
        for match in _RUN_RE.finditer(grounding):
            run = _strip_seps(match.group(0))
            if not _has_digit(run):
                continue
            runs.add(run)
            first_digit = next(i for i, c in enumerate(run) if c in DIGITS)
            runs.add(run[first_digit:])  # "ORD-10234" may be written "#10234"
            for piece in re.split(r"[-/]", run):  # "9:00-17:00" may be quoted as "9:00"
                if _has_digit(piece):
                    runs.add(_strip_seps(piece))
        addresses = {m.group(0).rstrip(".,;:!?").lower() for m in _ADDR_RE.finditer(grounding)}
        return cls(runs, addresses, _prefixes(runs), _prefixes(addresses))


@dataclass(slots=True)
class _State:
    run: str = ""
    word: str = ""


def _addr_active(word: str) -> bool:
    return "@" in word or "://" in word


class FactConstraint:
    """Simulates the two runs character by character and says whether a token may follow."""

    def __init__(self, allowed: AllowedFacts) -> None:
        self.allowed = allowed

    def run_ok(self, run: str) -> bool:
        """A digit-bearing code run is still a prefix of (or equal to) an allowed run."""
        return not _has_digit(run) or run in self.allowed.run_prefixes or _strip_seps(run) in self.allowed.runs

    def run_complete(self, run: str) -> bool:
        """The code run may end here."""
        return not _has_digit(run) or _strip_seps(run) in self.allowed.runs

    def word_ok(self, word: str) -> bool:
        """An address in progress is still a prefix of an allowed address."""
        if not _addr_active(word):
            return True
        low = word.lower()
        return low in self.allowed.address_prefixes or low.rstrip(".,;:!?)") in self.allowed.addresses

    def word_complete(self, word: str) -> bool:
        """The address in progress may end here."""
        return not _addr_active(word) or word.lower().rstrip(".,;:!?)") in self.allowed.addresses

    def step(self, state: _State, text: str) -> _State | None:
        """The state after appending `text`, or None if that would write an ungrounded fact."""
        run, word = state.run, state.word
        for ch in text:
            if ch in RUN_CHARS and (run or ch in RUN_START):
                run += ch
            else:
                if not self.run_complete(run):
                    return None
                run = ""
            if not self.run_ok(run):
                return None
            if ch.isspace() or ch in WORD_BREAKS:
                if not self.word_complete(word):
                    return None
                word = ""
            else:
                word += ch
                if not self.word_ok(word):
                    return None
        return _State(run, word)

    def next_run_chars(self, run: str) -> set[str]:
        """Characters that keep the code run on an allowed path."""
        n = len(run)
        return {p[n] for p in self.allowed.runs if len(p) > n and p.startswith(run)}

    def next_word_chars(self, word: str) -> set[str]:
        """Characters (lower case) that keep the address on an allowed path."""
        low, n = word.lower(), len(word)
        return {a[n] for a in self.allowed.addresses if len(a) > n and a.startswith(low)}


class VocabIndex:
    """Per-tokenizer precomputation: token strings, masks and first-character indexes."""

    def __init__(self, tokenizer: Any) -> None:
        started = time.perf_counter()
        size = len(tokenizer)
        self.strings: list[str] = tokenizer.batch_decode([[i] for i in range(size)], clean_up_tokenization_spaces=False)
        self.size = size
        self.trigger = np.array([any(c in TRIGGERS for c in s) for s in self.strings], dtype=bool)
        first = [s[:1] for s in self.strings]
        self.starts_space = np.array([f.isspace() for f in first], dtype=bool)
        self.starts_run = np.array([f in RUN_CHARS for f in first], dtype=bool)
        self.by_first: dict[str, list[int]] = {}
        self.by_first_lower: dict[str, list[int]] = {}
        for i, f in enumerate(first):
            self.by_first.setdefault(f, []).append(i)
            self.by_first_lower.setdefault(f.lower(), []).append(i)
        self.trigger_ids = [i for i, s in enumerate(self.strings) if any(c in TRIGGERS for c in s)]
        self.separator_ids = [i for c in SEPARATORS for i in self.by_first.get(c, [])]
        self.punct_ids = [i for c in ".,;:!?)" for i in self.by_first.get(c, [])]
        log.debug("vocab index for %d tokens built in %.2f s", size, time.perf_counter() - started)


_indexes: dict[int, VocabIndex] = {}
_index_lock = threading.Lock()


def vocab_index(tokenizer: Any) -> VocabIndex:
    """The cached VocabIndex of a tokenizer (built on first use, about 1 s for 49k tokens)."""
    key = id(tokenizer)
    with _index_lock:
        if key not in _indexes:
            _indexes[key] = VocabIndex(tokenizer)
        return _indexes[key]


class GroundedFactsProcessor(LogitsProcessor):
    """A LogitsProcessor that masks every token which would write a fact absent from the grounding."""

    def __init__(
        self,
        tokenizer: Any,
        grounding: str,
        *,
        prompt_length: int,
        eos_token_ids: list[int] | None = None,
        rollback: bool = False,
    ) -> None:
        self.index = vocab_index(tokenizer)
        self.constraint = FactConstraint(AllowedFacts.from_grounding(grounding))
        self.prompt_length = prompt_length
        self.eos_token_ids = eos_token_ids or ([tokenizer.eos_token_id] if tokenizer.eos_token_id is not None else [])
        self._states: list[_State] = []
        self._seen: list[int] = []
        # rollback: keep each row's state after every token, so that a call with fewer or other tokens than the
        # last (prompt-lookup decoding tries a copied run, then keeps part of it) starts from the right state
        self.rollback = rollback
        self._history: list[list[_State]] = []
        self._done: list[list[int]] = []
        self.seconds = 0.0  # time spent masking, for the benchmark
        self.steps = 0

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        """Mask the scores of disallowed tokens with -inf, row by row."""
        started = time.perf_counter()
        batch = input_ids.shape[0]
        if len(self._states) != batch:
            self._states = [_State() for _ in range(batch)]
            self._seen = [self.prompt_length] * batch
            if self.rollback:
                self._history = [[_State()] for _ in range(batch)]
                self._done = [[] for _ in range(batch)]
        vocab = scores.shape[-1]
        values = scores.detach().to("cpu", torch.float32).numpy().copy()
        for row in range(batch):
            self._advance(row, input_ids[row])
            values[row][~self._allowed(self._states[row], vocab)] = -np.inf
        self.seconds += time.perf_counter() - started
        self.steps += 1
        return torch.from_numpy(values).to(scores.device, scores.dtype)  # type: ignore[return-value]

    def mask_scores(self, ids: Any, scores: np.ndarray) -> np.ndarray:
        """One sequence, NumPy in and out (llama.cpp's logits processors): disallowed tokens get -inf.

        `ids` is the prompt plus what was generated so far; with prompt_length < 0 the first call's length is the prompt.
        """
        started = time.perf_counter()
        if not self._states:
            self._states = [_State()]
            self._seen = [self.prompt_length if self.prompt_length >= 0 else len(ids)]
        self._advance(0, ids)
        allowed = self._allowed(self._states[0], scores.shape[-1])
        out = np.where(allowed, scores, np.float32(-np.inf)).astype(scores.dtype, copy=False)
        self.seconds += time.perf_counter() - started
        self.steps += 1
        return out

    def _advance(self, row: int, ids: Any) -> None:
        tokens = ids[self._start(row) :].tolist()
        if self._history:  # assisted (prompt-lookup) decoding calls back with rolled-back or replaced tokens
            done, hist = self._done[row], self._history[row]
            same = next(
                (k for k, (a, b) in enumerate(zip(done, tokens, strict=False)) if a != b), min(len(done), len(tokens))
            )
            del done[same:], hist[same + 1 :]
            self._states[row] = hist[same]
            tokens = tokens[same:]
        for token_id in tokens:
            text = self.index.strings[token_id] if token_id < self.index.size else ""
            # a token outside the constraint (only possible if it was forced) resets the runs
            self._states[row] = self.constraint.step(self._states[row], text) or _State()
            if self._history:
                self._done[row].append(token_id)
                self._history[row].append(self._states[row])
        self._seen[row] = ids.shape[0]

    def _start(self, row: int) -> int:
        """Where the tokens not yet read begin (with a history kept: where the generated part begins)."""
        return self._seen[row] - len(self._done[row]) if self._history else self._seen[row]

    def _allowed(self, state: _State, vocab: int) -> np.ndarray:
        index, constraint = self.index, self.constraint
        if _addr_active(state.word):
            can_end = constraint.word_complete(state.word) and constraint.run_complete(state.run)
            base = index.starts_space & ~index.trigger if can_end else np.zeros(index.size, dtype=bool)
            candidates = [i for c in constraint.next_word_chars(state.word) for i in index.by_first_lower.get(c, [])]
            candidates += index.punct_ids + index.trigger_ids
        elif _has_digit(state.run):
            can_end = constraint.run_complete(state.run)
            base = ~index.starts_run & ~index.trigger if can_end else np.zeros(index.size, dtype=bool)
            candidates = [i for c in constraint.next_run_chars(state.run) for i in index.by_first.get(c, [])]
            candidates += index.separator_ids + index.trigger_ids
        else:
            base = ~index.trigger
            candidates = index.trigger_ids
        ids = np.fromiter(set(candidates), dtype=np.int64)
        ok = np.fromiter(
            (constraint.step(state, index.strings[i]) is not None for i in ids), dtype=bool, count=len(ids)
        )
        base[ids] = ok
        allowed = np.zeros(vocab, dtype=bool)  # rows past the tokenizer (padded embeddings) are never real tokens
        allowed[: min(vocab, index.size)] = base[:vocab]
        if not allowed.any():
            for eos in self.eos_token_ids:
                if eos < vocab:
                    allowed[eos] = True
        return allowed

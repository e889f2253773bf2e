"""The text a generator streams in one call, and the small text rules the composer applies to it."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import AIMessage, AIMessageChunk

WORD_CHECK_EVERY = 8  # streamed pieces between mid-sentence checks
RUNAWAY_WORD_CHARS = 40  # a "word" this long is a small model looping, not an answer
SENTENCE_END = re.compile(r"([.!?][\"')]?)\s")


@dataclass(slots=True)
class ReplyRun:
    """What the generator has written so far in one call."""

    text: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    tokens: int = 0
    checked: int = 0  # finished sentences already verified
    pieces: int = 0  # streamed chunks: the token count when a stopped stream never reports usage
    words_checked_at: int = 0  # pieces seen at the last mid-sentence check
    timings: dict[str, float] = field(default_factory=dict)

    def add(self, chunk: Any, started: float) -> bool:
        """Append a chunk; True when it finished a sentence."""
        piece = chunk_text(chunk)
        self.meta.update(getattr(chunk, "response_metadata", {}) or {})
        self.tokens = chunk_tokens(chunk) or self.tokens
        if not piece:
            return False
        if not self.text:
            self.timings["first_token_s"] = time.perf_counter() - started
        self.text += piece
        self.pieces += 1
        finished = bool(SENTENCE_END.search(self.text[-len(piece) - 2 :]))
        return finished or self.pieces - self.words_checked_at >= WORD_CHECK_EVERY

    def cap(self, max_sentences: int) -> bool:
        """Cut the text after its max_sentences-th sentence; True when the reply is complete (any backend)."""
        if max_sentences <= 0:
            return False
        ends = sentence_ends(self.text)
        if len(ends) < max_sentences:
            return False
        self.text = self.text[: ends[max_sentences - 1]]
        self.meta["finish_reason"] = "stop"
        return True


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each finished sentence (one followed by whitespace)."""
    return [m.end(1) for m in SENTENCE_END.finditer(text)]


_BARE_ANSWER = re.compile(
    r"^\s*(?:yes|yeah|yep|no|nope|sure|absolutely|of course|definitely|correct|right|good news|great news|unfortunately(?: not)?|sadly)\b"
    r"[^.!?]{0,24}[.!?]",
    re.IGNORECASE,
)


def bare_answer(prefix: str) -> bool:
    """A kept prefix whose only claim is a yes/no ("Yes to both!", "No, sorry.") carries the rejected answer."""
    first = SENTENCE_END.split(prefix + " ", maxsplit=1)[0]
    return bool(_BARE_ANSWER.match(prefix)) and len(first.split()) <= 5


def clean_reply(raw: str, *, truncated: bool = False) -> str:
    """Tidy the generator's text; at max_new_tokens drop the dangling partial sentence. Empty means unusable."""
    text = raw.replace("<|im_end|>", "").strip()
    text = re.sub(r"^(?:assistant|answer|reply)\s*:\s*", "", text, flags=re.IGNORECASE).strip()
    if "<|" in text or len(re.findall(r"[A-Za-z]", text)) < 2:
        return ""
    if truncated or not re.search(r"[.!?)\"']$", text):
        ends = [m.end() for m in re.finditer(r"[.!?](?=\s|$)", text)]
        if not ends:
            return ""
        text = text[: ends[-1]]
    return text.strip()


def chunk_text(message: Any) -> str:
    """The text of a streamed chunk or message, whatever the backend returns."""
    if isinstance(message, (AIMessage, AIMessageChunk)):
        return message.text
    return str(getattr(message, "content", "") or "")


def chunk_tokens(message: Any) -> int:
    """Output tokens reported in a chunk's usage metadata (0 when none)."""
    usage = getattr(message, "usage_metadata", None) or {}
    return int(usage.get("output_tokens", 0) or 0)


def estimate_tokens(text: str) -> int:
    """A rough token count for a backend that reports none."""
    return max(1, len(text) // 4)

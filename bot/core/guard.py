"""Input checks before anything else runs: empty, oversized, binary junk, prompt injection."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.domain import InputProblem

MAX_CHARS = 2000  # what the pipeline reads; longer messages are stored whole but answered from the start

_INJECTION = re.compile(
    r"ignore (all |any |the |your |my )?(previous |prior |above |earlier )?(instructions|rules|prompt)"
    r"|disregard (all |your |the )?(previous |prior )?(instructions|rules)"
    r"|(print|show|reveal|repeat|output|tell me|what is|what's|give me)\b.{0,30}\b(system|initial|hidden|your)\s+(prompt|instructions|rules)"
    r"|\byou are now\b|\bdeveloper mode\b|\bjailbreak\b|\bDAN\b|act as (an? )?(admin|developer|system)"
    r"|(pretend|roleplay).{0,20}(no rules|without rules|unrestricted)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Checked:
    """The message as the pipeline will read it, and what the guard noticed."""

    text: str
    problem: InputProblem | None = None
    truncated: bool = False


def printable_ratio(text: str) -> float:
    """Share of characters that are letters, digits, punctuation, symbols or spaces."""
    if not text:
        return 0.0
    good = sum(1 for ch in text if ch.isspace() or unicodedata.category(ch)[0] in "LNPS")
    return good / len(text)


def check_input(raw: str) -> Checked:
    """Normalise a shopper's message and classify obvious problems."""
    text = raw.replace("\x00", "").strip()
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    if not text:
        return Checked("", InputProblem.EMPTY)
    if printable_ratio(text) < 0.85 or not re.search(r"[^\W\d_]{2,}", text):
        return Checked(text[:200], InputProblem.JUNK)
    truncated = len(text) > MAX_CHARS
    text = " ".join(text[:MAX_CHARS].split())
    if _INJECTION.search(text):
        return Checked(text, InputProblem.INJECTION, truncated)
    return Checked(text, None, truncated)

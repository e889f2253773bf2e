"""Input checks before anything else runs: empty, oversized, binary junk, prompt injection."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.core.small_talk import emoji_only
from bot.domain import InputProblem

MAX_CHARS = 2000  # what the pipeline reads; longer messages are stored whole but answered from the start

# "your rules/instructions" only as the bot's own: not when a shop topic follows ("your rules for returning sale
# items", "your instructions for washing"); the system's, initial or hidden prompt always
_OWN_RULES = (
    r"(\b(system|initial|hidden|original|secret)\s+(prompt|instructions|rules)"
    r"|\byour\s+(prompt|instructions|rules)\b(?!\s+(for|on|about|regarding|of|to|when|if|with|around|in|at)\b))"
)
_INJECTION = re.compile(
    r"ignore (all |any |the |your |my )?(previous |prior |above |earlier )?(instructions|rules|prompt)"
    r"|disregard (all |your |the )?(previous |prior )?(instructions|rules)"
    r"|(print|show|reveal|repeat|output|tell me|what is|what's|what are|give me|list)\b.{0,30}"
    + _OWN_RULES
    + r"|\byou are now\b|\bdeveloper mode\b|\bjailbreak\b|act as (an? )?(admin|developer|system)"
    # "DAN" only as the jailbreak: in capitals, or "DAN mode", "you are DAN", "act as DAN" (not "this is Dan")
    r"|(?-i:\bDAN\b)|\bDAN mode\b|\byou are (now )?DAN\b|\b(act|acting|pretend) (as|to be) DAN\b"
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
    if (printable_ratio(text) < 0.85 or not re.search(r"[^\W\d_]{2,}", text)) and not emoji_only(text):
        return Checked(text[:200], InputProblem.JUNK)
    truncated = len(text) > MAX_CHARS
    text = " ".join(text[:MAX_CHARS].split())
    if _INJECTION.search(text):
        return Checked(text, InputProblem.INJECTION, truncated)
    return Checked(text, None, truncated)

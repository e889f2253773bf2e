"""Extractive replies: whole sentences and fact lines copied from the grounding, never rewritten.

Used when the generator's reply fails verification or the backend fails, and by the composer to pick the
sentences a small model sees in its prompt.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.core.promises import unquotable

if TYPE_CHECKING:
    from bot.core.composer import Grounding

STOPWORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "by", "can", "could", "did", "do", "does", "for", "from", "have", "how", "i", "if", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "please", "the", "their", "there", "this", "to", "was", "we", "what", "when", "where", "which", "who", "why", "will", "with", "would", "you", "your", "us", "so", "up", "no", "not", "any", "all", "am", "be"]
)
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<![ap]\.m\.)(?<!e\.g\.)(?<!i\.e\.)(?<!\bvs\.)\s+|\n+")
NOT_SURE = "I'm not sure about that, and I don't want to guess. Would you like me to connect you with a human agent?"


def extractive_reply(
    question: str, grounding: Grounding, *, not_sure: str = NOT_SURE, max_passages: int = 3,
    max_sentences: int = 2, max_chars: int = 420,
) -> str:
    """A short reply copied from the grounding: the structured facts, then the best passage's most relevant sentences."""
    words = content_words(question)
    parts = [as_sentence(f) for f in grounding.facts[:3] if f.strip()]
    passages = [p for p in grounding.passages[:max_passages] if p.get("text", "").strip()]
    if passages:
        # Retrieval order is a better judge than word overlap; another passage wins only clearly.
        # FAQ headings are questions, so a heading match counts double; the top hit gets a small bonus.
        score_of = [
            len(words & content_words(p["text"])) + 2 * len(words & content_words(p.get("title", "").rsplit(">", 1)[-1])) + (0.5 if n == 0 else 0)
            for n, p in enumerate(passages)
        ]
        best = passages[score_of.index(max(score_of))]
        found = [x for x in sentences(best["text"]) if not unquotable(x)]  # never quote text planted for the assistant
        heading = content_words(best.get("title", "").rsplit(">", 1)[-1])
        if found and words and len(words & heading) * 2 >= len(words):
            # an FAQ entry whose heading is the question: its first sentences are the answer
            parts += [as_sentence(x) for x in found[:max_sentences]]
            found = []
        score = [len(words & content_words(x)) for x in found]
        ranked = sorted(range(len(found)), key=lambda i: (-score[i], i))[:max_sentences]
        # a second sentence must be as relevant as the first, or clearly relevant on its own
        chosen = [i for i in ranked if score[i] > 0 and (score[i] == score[ranked[0]] or score[i] >= 2)]
        if not chosen and not parts and found:
            chosen = [0]
        parts += [as_sentence(found[i]) for i in sorted(chosen)]
    text = ""
    for part in parts:
        if text and len(text) + len(part) + 1 > max_chars:
            break
        text = f"{text} {part}".strip()
    return text[:max_chars] if text else not_sure


def content_words(text: str) -> set[str]:
    """Stemmed words of the text that carry meaning (no stopwords, no single letters)."""
    return {stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS and len(w) > 1}


def stem(word: str) -> str:
    """A crude stemmer, enough for word overlap: shipping/shipped/ships -> ship."""
    for suffix in ("ping", "ped", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def sentences(text: str) -> list[str]:
    """Readable sentences of a passage: no headings, table rows spelled out, no fragments."""
    text = tables_as_sentences(text)
    pieces = [x for x in _SENTENCE_END.split(text) if not x.lstrip().startswith("#")]
    return [s for s in map(clean_sentence, pieces) if len(s.split()) >= 3]


def tables_as_sentences(text: str) -> str:
    """Turn markdown table rows into "Row: header value, header value." lines, so each row reads alone."""
    out: list[str] = []
    header: list[str] = []
    for line in text.splitlines():
        if not line.strip().startswith("|"):
            header = []
            out.append(line)
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):
            continue
        if not header:
            header = cells
            continue
        pairs = [f"{h.lower()} {c}" for h, c in zip(header[1:], cells[1:], strict=False) if c]
        out.append(f"{cells[0]}: {', '.join(pairs)}.")
    return "\n".join(out)


def clean_sentence(text: str) -> str:
    """One line of prose: markup and link targets dropped, whitespace collapsed."""
    text = re.sub(r"\*\*|__", "", " ".join(text.split()))
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # markdown links read as their text
    return re.sub(r"^[#>*\-\s]+", "", text).strip()


def as_sentence(text: str) -> str:
    """The text with a closing full stop when it has none."""
    text = text.strip()
    return text if re.search(r"[.!?]$", text) else text + "."


def cut_to_sentence(text: str, room: int) -> str:
    """At most `room` characters of the text, cut at a sentence end when one is near, else at a word."""
    head = text[:room]
    cut = max(head.rfind(". "), head.rfind("! "), head.rfind("? "))
    return head[: cut + 1] if cut > 40 else head.rsplit(" ", 1)[0]

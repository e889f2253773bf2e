"""Sentence primitives shared by the extractive reply and the composer: splitting (abbreviations, initialisms,
quoted questions), tables and lists read as sentences, content words, and the rare words of a question."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.promises import unquotable

# fmt: off
STOPWORDS = frozenset([
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "could", "did", "do", "does", "for", "from",
    "have", "how", "i", "if", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "please", "the",
    "their", "there", "this", "to", "was", "we", "what", "when", "where", "which", "who", "why", "will",
    "with", "would", "you", "your", "us", "so", "up", "no", "not", "any", "all", "am", "be",
])
# fmt: on
_BOUNDARY = re.compile(r"[.!?][\"')\]]*\s+")
# a full stop after these is not a sentence end (unless a capital letter follows, for the ones that can end one)
ABBREVIATIONS = frozenset(
    {
        "approx",
        "e.g",
        "i.e",
        "vs",
        "etc",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "nos",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
        "min",
        "max",
        "incl",
        "excl",
        "est",
        "dept",
        "ft",
        "oz",
        "lb",
        "lbs",
        "qty",
        "tel",
        "fig",
        "ca",
        "cf",
    }
)
NEVER_END = frozenset({"e.g", "i.e", "approx", "vs", "p.o", "cf", "mr", "mrs", "ms", "dr", "prof"})
_INITIALISM = re.compile(r"(?:\b[A-Za-z]\.){2,}$")  # U.S., P.O., D.C., a.m.

_BULLET = re.compile(r"^\s*(?:[-*•]|\d+\.)\s+")


def _bullet_block(text: str, sentence: str, *, max_items: int = 6, max_chars: int = 400) -> list[str]:
    """The whole short bullet list that holds the sentence (each item cleaned), or [] when it is not in one."""
    lines = tables_as_sentences(text).split("\n")
    at = next(
        (
            i
            for i, line in enumerate(lines)
            if _BULLET.match(line) and sentence in clean_sentence(_BULLET.sub("", line))
        ),
        None,
    )
    if at is None:
        return []
    start, end = at, at
    while start > 0 and _BULLET.match(lines[start - 1]):
        start -= 1
    while end + 1 < len(lines) and _BULLET.match(lines[end + 1]):
        end += 1
    items = [as_sentence(clean_sentence(_BULLET.sub("", line))) for line in lines[start : end + 1]]
    items = [i for i in items if len(i) > 1 and not unquotable(i)]
    if not all(i[0].isupper() or i[0].isdigit() for i in items):
        return []  # "change the shipping address,": pieces of one sentence, not items that read alone
    if not 2 <= len(items) <= max_items or sum(len(i) + 1 for i in items) > max_chars:
        return []
    return items


_ZONE = re.compile(
    r"(?:Eastern|Pacific|Central|Mountain|ET|PT|CT|MT|EST|PST|CST|local)\b"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b"  # "open at 10:00 a.m. Monday to Saturday"
)


def content_words(text: str) -> set[str]:
    """Stemmed words of the text that carry meaning (no stopwords, no single letters)."""
    return {stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS and len(w) > 1}


def stem(word: str) -> str:
    """A crude stemmer, enough for word overlap: shipping/shipped/ships -> ship."""
    for suffix in ("ping", "ped", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def split_sentences(text: str) -> list[str]:
    """Split a line of prose at sentence ends, not after abbreviations ("approx.", "e.g.") or initialisms
    ("P.O. box", "U.S. states", "10 a.m. to") unless a capital letter starts the next sentence."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        word = re.search(r"(\S+)$", text[start : m.start() + 1])
        following_word = text[m.end() : m.end() + 12]
        if text[m.start()] in "?!" and following_word[:1].islower():
            continue  # 'Use "Forgot password?" on the sign-in page': a quoted question inside a sentence
        if (
            text[m.start()] == "."
            and word
            and re.match(r"(?:a|p)\.m$", word.group(1).rstrip(".").lower())
            and _ZONE.match(following_word)
        ):
            continue  # "before 2:00 p.m. Eastern Time"
        if text[m.start()] == "." and word:
            token = word.group(1).rstrip(".").lower().lstrip("(\"'")
            following = text[m.end() : m.end() + 1]
            if (
                token in NEVER_END
                or (token in ABBREVIATIONS or _INITIALISM.search(word.group(1)))
                and not following.isupper()
            ):
                continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


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
    """The text with a closing full stop when it has none (a colon that introduces a table stays)."""
    text = text.strip()
    return text if re.search(r"[.!?:]$", text) else text + "."  # a table's introduction keeps its colon


def cut_to_sentence(text: str, room: int) -> str:
    """At most `room` characters of the text, cut at a sentence end when one is near, else at a word."""
    head = text[:room]
    cut = max(head.rfind(". "), head.rfind("! "), head.rfind("? "))
    return head[: cut + 1] if cut > 40 else head.rsplit(" ", 1)[0]


# words that say what is done, not what it is done to: never the entity of a yes/no question
_GENERIC = frozenset(
    stem(w)
    for w in [
        "accept",
        "take",
        "sell",
        "carry",
        "ship",
        "deliver",
        "have",
        "offer",
        "get",
        "buy",
        "use",
        "pay",
        "change",
        "return",
        "order",
        "item",
        "items",
        "allow",
        "possible",
        "support",
        "need",
        "want",
        "still",
        "also",
        "really",
        "any",
        "anything",
        "way",
        "ok",
        "okay",
        "hi",
        "hey",
        "hello",
        "thanks",
        "please",
        "pls",
        "u",
        "ur",
        "know",
        "tell",
        "much",
        "many",
        "long",
        "cost",
        "price",
        "free",
    ]
)


def _rare_terms(question: str, candidates: Sequence[str]) -> set[str]:
    """The question's words that only a few candidate sentences contain (the entity asked about)."""
    terms = content_words(question) - _GENERIC
    if not terms or not candidates:
        return set()
    words = [content_words(c) for c in candidates]
    limit = max(1, len(candidates) // 3)
    return {t for t in terms if 0 < sum(t in w for w in words) <= limit}

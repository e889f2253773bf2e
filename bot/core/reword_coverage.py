"""Does a rewording still say everything its source says, and say it readably?

The paraphrase check (paraphrase.py) guards against a rewording that adds or changes a fact. These checks
guard against the opposite: a rewording that loses part of the answer. A small model turns "spot clean or
follow the care label" into "clean it at the care label", three ways to send a return into "you'll need to
visit a UPS Access Point", or the answer to a question into a restatement of the problem ("The code is
invalid."). So a rewording must keep
- every content word of the source (or a word that says the same, EQUIVALENT), each source sentence's words
  inside one sentence of the rewording,
- every alternative ("or") and adds no exclusive or universal word ("only", "must", "need to", "always"),
- the words the source quotes (what a listing says, in quotation marks) as they stand,
and it must read as finished sentences (no word twice in a row, no sentence ending on "the" or "at").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.core.meaning import content_words, stem

# words a rewording may use for a source word: the shop's own verbs and adjectives said another way
_EQUIVALENT_WORDS = (
    "cost costs priced price",
    "sold sell sells carry carries stock stocked have",
    "ship ships shipped sent send dispatched",
    "comes come available offered get",
    "rated rating rate",
    "contains includes has have holding",
    "made material fabric",
    "delivered arrived",
    "delivery deliver arrive arrives arrival",
    "estimated expected should",
    "sorry unfortunately afraid",
    "reads read says say states state",
    "line instructions instruction",
)
EQUIVALENT: dict[str, frozenset[str]] = {}
for _group in _EQUIVALENT_WORDS:
    _stems = frozenset(stem(w) for w in _group.split())
    for _s in _stems:
        EQUIVALENT[_s] = EQUIVALENT.get(_s, frozenset()) | _stems

# words that only name a value the paraphrase check keeps anyway ("its delivery date is 2026-11-27": "by 2026-11-27")
LABELS = frozenset(stem(w) for w in ("date", "number"))
# a rewording that adds one of these claims more than its source: one way among several made the only one
EXCLUSIVE = re.compile(
    r"\b(only|must|need(?:s)? to|have to|has to|required|requires|always|never|every|all|any|nothing but)\b", re.I
)
_OR = re.compile(r"\bor\b", re.I)
_QUOTED = re.compile(r"[\u201c\"]([^\u201d\"]{2,80})[\u201d\"]")
_SENTENCE = re.compile(r"(?<!\b[A-Za-z]\.[A-Za-z]\.)(?<=[.!?])\s+")  # not after "p.m." or "P.O."
_DANGLING = re.compile(
    r"\b(the|a|an|at|of|to|in|on|for|with|and|or|but|by|from|is|are|your|our|its|their)\s*[.!]$", re.I
)
_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.I)


def words(text: str) -> frozenset[str]:
    """Stemmed content words, a possessive read as its noun ("the Jacket's listing": jacket, listing)."""
    return content_words(re.sub(r"(\w)['’]s\b", r"\1", text))


def not_equivalent(added: Iterable[str], source: str) -> frozenset[str]:
    """Of the words a rewording adds, those that say no source word another way ("priced" for "costs" is fine)."""
    theirs = words(source) | _all_words(source)
    return frozenset(w for w in added if not EQUIVALENT.get(w, frozenset()) & theirs)


def _kept(word: str, theirs: frozenset[str], strict: bool = False) -> bool:
    return word in theirs or (not strict and bool(EQUIVALENT.get(word, frozenset()) & theirs))


def dropped_words(answer: str, text: str, *, may_drop: Iterable[str] = (), strict: bool = False) -> list[str]:
    """The source's content words (stemmed) that the rewording does not hold, nor (unless strict) a word
    equivalent to them."""
    theirs = words(text) | _all_words(text)  # an equivalent may be a stop word ("should", "have")
    free = frozenset(may_drop) | (frozenset() if strict else LABELS)
    return sorted(w for w in words(answer) - free if not _kept(w, theirs, strict))


def _all_words(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in re.findall(r"[a-z]+", text.lower()))


def _split(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]


def scattered_sentences(answer: str, text: str, *, may_drop: Iterable[str] = ()) -> list[str]:
    """Source sentences whose words no single sentence of the rewording holds together (a fact split up or
    bound to something else); only for sources of several sentences, one rewording sentence may hold two."""
    free = frozenset(may_drop)
    mine = [s for s in _split(answer) if words(s) - free]
    if len(mine) < 2:
        return []
    theirs = [words(s) | _all_words(s) for s in _split(text)]
    out = []
    for sentence in mine:
        own = words(sentence) - free
        if not any(all(_kept(w, t) for w in own) for t in theirs):
            out.append(sentence[:60])
    return out


def coverage_problems(answer: str, text: str, *, may_drop: Iterable[str] = (), strict: bool = False) -> list[str]:
    """Why `text` says less than `answer` or reads badly (empty list: it keeps everything and reads well).

    `may_drop`: stemmed words the rewording may leave out (friendly and connecting words); `strict` (the shop's
    own policy sentences): every word stays as it is, no equivalent word stands for it.
    """
    free = frozenset(may_drop)
    problems: list[str] = []
    lost = dropped_words(answer, text, may_drop=free, strict=strict)
    if lost:
        problems.append(f"drops the words {', '.join(lost)}")
    else:
        problems += [f"splits up {s!r}" for s in scattered_sentences(answer, text, may_drop=free)]
    if len(_OR.findall(text)) < len(_OR.findall(answer)):
        problems.append("drops an alternative ('or')")
    added = sorted(
        {m.group(1).lower() for m in EXCLUSIVE.finditer(text)}
        - {m.group(1).lower() for m in EXCLUSIVE.finditer(answer)}
    )
    if added:
        problems.append(f"adds the exclusive or universal word(s) {', '.join(added)}")
    for quoted in _QUOTED.findall(answer):
        if quoted.strip().lower() not in text.lower():
            problems.append(f"drops the quoted words {quoted.strip()[:40]!r}")
    problems += grammar_problems(text)
    return problems


def grammar_problems(text: str) -> list[str]:
    """Signs of a garbled sentence: a word twice in a row, a sentence ending on a function word, an opened
    bracket or quotation never closed, a sentence that starts in lower case."""
    problems = []
    doubled = _DOUBLED.search(text)
    if doubled and not doubled.group(1).isdigit():
        problems.append(f"says {doubled.group(1)!r} twice in a row")
    for sentence in _split(text):
        if _DANGLING.search(sentence):
            problems.append(f"a sentence ends unfinished: {sentence[-30:]!r}")
        if sentence[:1].islower():
            problems.append(f"a sentence starts in lower case: {sentence[:30]!r}")
    if text.count("(") != text.count(")") or (text.count('"') % 2) or text.count("\u201c") != text.count("\u201d"):
        problems.append("an unclosed bracket or quotation")
    return problems

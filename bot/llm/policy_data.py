"""Training examples for rewording the shop's own policy and FAQ sentences (`shopbot llm tune --task reply`).

Where they come from, all of it from the knowledge folder and none from an eval set:
- the answer: one or two sentences of a policy page or FAQ answer (what the extractive reply quotes), at most
  260 characters, one paragraph;
- the question: the FAQ entry's own question in a shopper's voice (ASKED: "hi, ..."), or one of our phrasings
  (QUESTIONS) around a policy section's heading;
- the target: the answer re-said by clause rules (a condition moved to the front or the back, contractions, two
  sentences joined), kept only when it differs from the answer and passes the policy form of the paraphrase check
  (every content word and every condition, scope and negation word kept, nothing added).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bot.core.meaning.text import sentences
from bot.core.paraphrase import paraphrase_problems, same_wording

# our phrasings around a section's heading; an FAQ heading (already a question) is asked in a shopper's voice, never
# verbatim, so that no training question is an eval turn that was written from the same page
QUESTIONS = ("{h}?", "what about {h}?", "tell me about {h}", "can you explain {h}?", "question about {h}")
ASKED = ("quick question: {q}", "hi, {q}", "{q} thanks", "hello! {q}", "um {q}")
MAX_CHARS = 260
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_FRONT = ("if", "unless", "as long as", "when", "once", "for", "within", "after", "before", "on", "in")
_BACK = ("if", "unless", "as long as", "when", "once")  # a clause, not a phrase, may move to the front
_COMMON_FIRST = {"The", "This", "That", "It", "We", "You", "Our", "Your", "A", "An", "They", "These", "Those", "There"}
_CONTRACT = [
    (r"\bdo not\b", "don't"),
    (r"\bdoes not\b", "doesn't"),
    (r"\bis not\b", "isn't"),
    (r"\bare not\b", "aren't"),
    (r"\bcannot\b", "can't"),
    (r"\bwe will\b", "we'll"),
    (r"\bwe are\b", "we're"),
    (r"\byou are\b", "you're"),
    (r"\byou will\b", "you'll"),
    (r"\bit is\b", "it's"),
]


def _plain(text: str) -> str:
    """Markdown inline marks removed: links keep their text, bold and code marks go."""
    text = _LINK.sub(r"\1", text)
    return re.sub(r"[*_`]+", "", text).strip()


def sections(root: Path) -> list[tuple[str, str, str]]:
    """(file, heading, paragraph) for each paragraph under a '## ' heading of the policy and FAQ pages."""
    out: list[tuple[str, str, str]] = []
    for path in sorted(Path(root).glob("*/*.md")):
        if path.parent.name not in ("faq", "policies"):
            continue
        heading = ""
        for raw in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            block = raw.strip()
            if block.startswith("## "):
                heading = _plain(block[3:].splitlines()[0])
                block = "\n".join(block.splitlines()[1:]).strip()
            if not heading or not block or block.startswith(("#", "|", "---")):
                continue
            for line in block.splitlines() if block.startswith("- ") else [block]:
                para = _plain(line.removeprefix("- "))
                if para:
                    out.append((path.name, heading, para))
    return out


def answers_of(paragraph: str) -> list[str]:
    """The one- and two-sentence stretches of a paragraph an extractive reply could quote (at most 260 chars)."""
    sents = sentences(paragraph)
    sents = [s for s in sents if not re.fullmatch(r"\d+\.?", s)]
    out = [s for s in sents if 30 <= len(s) <= MAX_CHARS]
    out += [f"{a} {b}" for a, b in zip(sents, sents[1:], strict=False) if len(a) + len(b) + 1 <= MAX_CHARS]
    return out


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _low(text: str, proper: frozenset[str] = frozenset()) -> str:
    """Lower-case the first letter unless it starts a name ("Gold members") or an acronym."""
    first = text.split(" ", 1)[0]
    keep = first.isupper() or first in proper or (first not in _COMMON_FIRST and not proper)
    return text if keep else text[:1].lower() + text[1:]


def proper_words(paragraphs: Iterable[str]) -> frozenset[str]:
    """Capitalised words that stand inside a sentence somewhere (names: Gold, Northwind, Portland)."""
    return frozenset(w for p in paragraphs for w in re.findall(r"(?<=[a-z,;] )[A-Z][\w-]*", p))


def _contraction(short: str) -> Callable[[re.Match[str]], str]:
    """The short form, capitalised where the long form was ("Do not" -> "Don't")."""
    return lambda m: _cap(short) if m.group(0)[0].isupper() else short


def sentence_rewrites(sentence: str, proper: frozenset[str] = frozenset()) -> list[str]:
    """Ways to say one policy sentence with the same words: a clause moved, contractions."""
    s = sentence.strip()
    if not s.endswith("."):
        return []
    body = s[:-1]
    out: list[str] = []
    if "(" in body or ")" in body or re.match(r"^\d", body):
        return []
    if re.search(r"[;:–—]", body):  # a condition may not move across clauses
        body = ""
    for word in _FRONT if body else ():
        front = re.match(rf"^{_cap(word)} ([^,]+), (.+)$", body)
        if front:
            out.append(f"{_cap(front.group(2))} {word} {front.group(1)}.")
        back = re.match(rf"^(.+?),? {word} ([^,]+)$", body) if word in _BACK else None
        if (
            back
            and len(back.group(1).split()) >= 3
            and not re.search(r"\bonly\b|,|\b(?:if|unless|when)\b", back.group(1), re.I)
        ):
            out.append(f"{_cap(word)} {back.group(2)}, {_low(back.group(1), proper)}.")
    contracted = s
    for pattern, short in _CONTRACT:
        contracted = re.sub(pattern, _contraction(short), contracted, flags=re.I)
    if contracted != s:
        out.append(contracted)
    return out


def rewordings(answer: str, rng: random.Random, proper: frozenset[str] = frozenset()) -> list[str]:
    """Candidate rewordings of a policy answer: each sentence re-said or kept, sometimes two joined."""
    parts = sentences(answer)
    options = [sentence_rewrites(p, proper) for p in parts]
    out: list[str] = []
    for _ in range(6):
        picked = [
            rng.choice(o) if o and (rng.random() < 0.8 or len(parts) == 1) else p
            for p, o in zip(parts, options, strict=True)
        ]
        if len(picked) == 2 and rng.random() < 0.2 and picked[0].endswith("."):
            picked = [f"{picked[0][:-1]}, and {_low(picked[1], proper)}"]
        out.append(" ".join(picked))
    return list(dict.fromkeys(out))


def examples(
    root: Path, n: int, *, seed: int, names: Iterable[str] = (), held_out_share: float = 0.15
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(training, held-out) policy examples {question, answer, kind, about, target}; the held-out ones are about
    headings never trained on."""
    rng = random.Random(seed)
    names = list(names)
    found = sections(root)
    proper = proper_words(p for _, _, p in found)
    headings = sorted({(f, h) for f, h, _ in found})
    rng.shuffle(headings)
    held = set(headings[: max(1, int(len(headings) * held_out_share))])
    train: list[dict[str, Any]] = []
    test: list[dict[str, Any]] = []
    for file, heading, para in found:
        for answer in answers_of(para):
            question = (
                rng.choice(ASKED).format(q=heading[:1].lower() + heading[1:])
                if heading.endswith("?")
                else rng.choice(QUESTIONS).format(h=heading.lower())
            )
            ex = {"question": question, "answer": answer, "kind": "policy", "about": f"{file}#{heading}"}
            target = next(
                (
                    t
                    for t in rewordings(answer, rng, proper)
                    if not same_wording(t, answer)
                    and not paraphrase_problems(answer, t, question=question, known_names=names, every_word=True)
                ),
                None,
            )
            if target is not None:
                (test if (file, heading) in held else train).append({**ex, "target": target})
    rng.shuffle(train)
    rng.shuffle(test)
    return train[:n], test

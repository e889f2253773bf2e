"""A rule the shop gives for one kind of item answers questions about that kind only: "All boots have a 1-year
warranty" is no answer to "is there a warranty on jackets?" (the shop's pages give no jacket warranty). When the
sentence a reply would quote opens on another kind than the one asked about, the reply says the pages give it for
that kind only, quotes it as such, and offers a person; it never passes one kind's rule off as another's."""

from __future__ import annotations

import re

from bot.core.catalog.words import KIND_WORDS, KINDS

_PATTERNS = [(re.compile(rf"\b(?:{pattern})\b", re.I), kind) for pattern, kind in KIND_WORDS]


def _kinds(text: str) -> list[tuple[str, str]]:
    """(the word as written, the catalog category) for each kind named, left to right, each span read once."""
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), m.group(0), KINDS.get(kind, (kind, ""))[0]))
    return [(word, cat) for _, word, cat in sorted(found)]


def _opening_kind(sentence: str) -> tuple[str, str] | None:
    """The kind the sentence opens on (within its first three words), or None."""
    head = " ".join(sentence.strip().split()[:3])
    kinds = _kinds(head)
    return kinds[0] if kinds else None


def _plural(word: str) -> str:
    word = word.lower()
    return word if word.endswith("s") else word + "es" if word.endswith("ss") else word + "s"


def other_kind(question: str, answer: str) -> tuple[str, str] | None:
    """(the kind asked, the kind the answer is about) when the answer opens on a kind the question does not name
    while the question names another; None when they agree or either names none."""
    said = _opening_kind(answer)
    asked = _kinds(question)
    if said is None or not asked or any(cat == said[1] for _, cat in asked):
        return None
    return _plural(asked[0][0]), _plural(said[0])


def scoped_reply(question: str, answer: str) -> str | None:
    """ "Our pages don't give that for jackets; what they give is for boots only: <sentence> ..." or None."""
    kinds = other_kind(question, answer)
    if kinds is None:
        return None
    asked, said = kinds
    quoted = re.sub(r"^\W*(?:yes|no)\b[.,!]?\s*", "", answer.strip(), flags=re.I)  # that "Yes" was the other kind's
    return (
        f"Our pages don't give that for {asked}; what they give is for {said} only: {quoted} "
        f"A person from our team can check it for {asked}."
    )

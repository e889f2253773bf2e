"""A question about a named product without the product's name, so that the words of the name ask nothing:
"Sherpa-Lined" in the name asks nothing about a lining, "Stretch" in "Rowan Straight Stretch Jeans" nothing about
stretch."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?", re.I)


def _bare(word: str) -> str:
    return word.lower().replace("'", "")


def without_name(text: str, name: str, instead: str = " ") -> str:
    """The question without the product's own name: "Sherpa-Lined" in the name asks nothing about a lining. The name
    as the shopper writes it counts too ("gap womens rowan straight stretch jeans"): any run of three or more of its
    words in the name's order; a word asked after it stays ("is the sherpa-lined jacket lined?")."""
    if not name:
        return text
    text = re.sub(re.escape(name), instead, text, flags=re.I)
    own = [_bare(w) for w in _TOKEN.findall(name)]
    words = list(_TOKEN.finditer(text))
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        best = 0
        for j in (j for j, w in enumerate(own) if w == _bare(words[i].group(0))):
            n = 0
            while i + n < len(words) and j + n < len(own) and _bare(words[i + n].group(0)) == own[j + n]:
                n += 1
            best = max(best, n)
        if best >= 3:
            cuts.append((words[i].start(), words[i + best - 1].end()))
            i += best
        else:
            i += 1
    for start, end in reversed(cuts):
        text = text[:start] + instead + text[end:]
    return text

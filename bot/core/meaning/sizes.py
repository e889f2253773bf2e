"""Size codes as sibling names: a size table's rows ("M") and the sizes prose lists, said as "M", "size M" or
"medium" (the letter only in capitals, never the m of "p.m.")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core.meaning.index import Vocabulary


def _size_pattern(code: str, *words: str) -> re.Pattern[str]:
    said = "|".join(words)
    return re.compile(rf"(?<![\w.'’-]){code}(?![\w.'’-])" + (rf"|(?i:\b(?:{said})\b)" if said else ""))


# a size table's row labels and how a reply says them (the letter itself only in capitals)
SIZE_WORDS = {
    "XXS": _size_pattern("XXS", "xxs"),
    "XS": _size_pattern("XS", "xs", r"extra[ -]small", r"x-small"),
    "S": _size_pattern("S", r"(?<!extra )(?<!extra-)(?<!x-)small"),
    "M": _size_pattern("M", "medium"),
    "L": _size_pattern("L", r"(?<!extra )(?<!extra-)(?<!x-)large"),
    "XL": _size_pattern("XL", "xl", r"extra[ -]large", r"x-large"),
    "XXL": _size_pattern("XXL", "xxl"),
    "XXXL": _size_pattern("XXXL", "xxxl"),
}


def add_sizes(vocab: Vocabulary, texts: list[str]) -> None:
    """Size codes of prose ("S 14–14.5, M 15–15.5", "S fits 28–30, M 31–33", "33 (S), 34 (M)") are siblings, as a
    size table's rows are."""
    said = {code for text in texts for code in re.findall(r"(?<![\w.'’-])(XXS|XS|S|M|L|XL|XXL|XXXL)(?![\w.'’-])", text)}
    if len(said) >= 2:
        for code in said:
            if code.lower() not in vocab.patterns:
                vocab.add_pattern(code, "size", SIZE_WORDS[code])

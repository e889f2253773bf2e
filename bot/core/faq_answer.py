"""An FAQ entry whose question is the shopper's question: its whole answer is the reply.

The extractive picker scores sentences one by one, so an FAQ answer that covers several options in several
sentences loses to whichever single sentence reads closest to the question: "how much is shipping?" got only
"International shipping is a flat $25.00 ..." out of the entry "How much does shipping cost?", whose answer
lists the US options first. When the shopper's question is that entry's own question (by meaning, against the
heading's question alone, not the "Page > Heading" line), the page's author wrote the answer for it: it is
quoted in its order, whole up to a few sentences. Not for a follow-up (its own words ask something narrower),
and not when the question names a level, shipping option or place the entry's answer does not mention,
nor a place abroad (the sentences on its side of the border answer it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.asked import AskedDetail, details

SAME_FAQ = 0.85  # the question's similarity to the FAQ heading's question alone (MiniLM cosine)
MAX_SENTENCES = 4
FAQ_HEADER = re.compile(r"^FAQ\b.* > (?P<question>[^>]+\?)$", re.I)


def faq_question(header: str) -> str:
    """The question of an FAQ chunk's header line ("FAQ – Orders and Shipping > How much does shipping cost?")."""
    found = FAQ_HEADER.match(header.strip())
    return found.group("question").strip() if found else ""


def whole_answer(
    found: Sequence[tuple[int, int, str]],
    similarity: Sequence[float],
    detail: AskedDetail,
    follow_up: bool,
) -> list[int] | None:
    """The indexes (into `found`: rank, position, sentence) of the FAQ answer to quote whole, or None.

    `similarity[rank]`: the question against that passage's FAQ question (0.0 when it has none)."""
    if follow_up or not similarity:
        return None
    rank = max(range(len(similarity)), key=lambda r: similarity[r])
    if similarity[rank] < SAME_FAQ:
        return None
    mine = [i for i, (r, _, _) in enumerate(found) if r == rank]
    text = " ".join(found[i][2] for i in mine)
    if not mine or detail.named - details(text):
        return None  # "how much is shipping for Gold members?": an answer that never says Gold is not its answer
    if detail.abroad or (detail.place and not re.search(rf"\b{re.escape(detail.place)}\b", text, re.I)):
        return None  # a place abroad: the sentences on its side of the border answer (AskedDetail), not the US ones
    return sorted(mine, key=lambda i: found[i][1])[:MAX_SENTENCES]

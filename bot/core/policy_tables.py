"""The shop's policy pages read as values at run time: a section's raw text (tables included) found by a query
and a pattern, markdown tables as rows of cells, sentences as the page words them. A shop that edits a page gets
its new values in the next answer; nothing here knows the demo store's numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.policy_lines import sentences_of
from bot.core.ports import KnowledgePort
from bot.core.version_memo import per_version
from bot.domain import Hit

EMPHASIS = re.compile(r"\*\*|__|`")


@dataclass(slots=True)
class Page:
    """One section of a policy page: its raw text, its sentences and the hit it came from (None: not found)."""

    text: str = ""
    sentences: list[str] = field(default_factory=list)
    hit: Hit | None = None

    def first(self, pattern: str) -> str:
        """The first sentence that matches `pattern` (case-insensitive), or ''."""
        rx = re.compile(pattern, re.I)
        return next((s for s in self.sentences if rx.search(s)), "")


def find(kb: KnowledgePort, query: str, about: str, *, k: int = 8) -> Page:
    """The first policy/FAQ section (no product page) among the hits for `query` whose text matches `about`
    (`query` is a fixed one: found once per knowledge-base version)."""
    page = per_version(kb, ("find", query, about, k), lambda: _find(kb, query, about, k=k))
    return Page(text=page.text, sentences=list(page.sentences), hit=page.hit)


def _find(kb: KnowledgePort, query: str, about: str, *, k: int) -> Page:
    rx = re.compile(about, re.I)
    for hit in kb.search(query, k=k):
        if hit.passage.metadata.get("sku"):
            continue
        if rx.search(plain(hit.passage.text)):
            return Page(text=hit.passage.text, sentences=[plain(s) for s in sentences_of(hit)], hit=hit)
    return Page()


def sentences_matching(kb: KnowledgePort, query: str, about: str, *, k: int = 8) -> list[str]:
    """Every sentence matching `about` in the policy/FAQ sections among the hits for `query` (a rule the FAQ
    words shorter than the policy page: both are read; once per knowledge-base version)."""
    return list(per_version(kb, ("sentences", query, about, k), lambda: _sentences_matching(kb, query, about, k=k)))


def _sentences_matching(kb: KnowledgePort, query: str, about: str, *, k: int) -> list[str]:
    rx = re.compile(about, re.I)
    found: list[str] = []
    for hit in kb.search(query, k=k):
        if hit.passage.metadata.get("sku"):
            continue
        found += [s for s in (plain(x) for x in sentences_of(hit)) if rx.search(s) and s not in found]
    return found


def plain(text: str) -> str:
    """Markdown emphasis dropped, spaces squeezed: "**free for Gold members**" -> "free for Gold members"."""
    return re.sub(r"[ \t]+", " ", EMPHASIS.sub("", text)).strip()


def table(text: str) -> list[dict[str, str]]:
    """The first markdown table in `text` as rows keyed by the header cells (lower case), emphasis dropped."""
    rows: list[list[str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [plain(c) for c in line.strip("|").split("|")]
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            continue
        rows.append(cells)
    if len(rows) < 2:
        return []
    head = [h.lower() for h in rows[0]]
    return [dict(zip(head, r, strict=False)) for r in rows[1:]]


def money(text: str) -> float | None:
    """The first dollar amount in `text` ("$1,500.00" -> 1500.0), or None."""
    m = re.search(r"\$\s?(\d[\d,]*(?:\.\d+)?)", text)
    return float(m.group(1).replace(",", "")) if m else None


def free_from(text: str) -> float | None:
    """The amount from which something is free ("free on orders of $75 or more" -> 75.0), or None."""
    m = re.search(r"free (?:on|for) orders? (?:of|over|above) (\$\s?[\d,.]+)", text, re.I)
    return money(m.group(1)) if m else None


def join_words(items: list[str], word: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]

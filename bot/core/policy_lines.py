"""The shop's own policy sentences for a topic: the section retrieval finds for a query, split into sentences a
reply may quote word for word (tables read as one sentence per row)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.core.ports import KnowledgePort
from bot.core.sentences import as_sentence, clean_sentence, split_sentences, tables_as_sentences
from bot.domain import Hit

PERSON_OFFER = "A person from our team can look at it with you; would you like me to connect you?"


@dataclass(slots=True)
class Section:
    """One policy section: its sentences in page order and the hit it came from."""

    sentences: list[str] = field(default_factory=list)
    hit: Hit | None = None

    def pick(self, keep: Callable[[str], bool], *, limit: int = 3) -> list[str]:
        """The section's sentences that `keep` accepts, in page order, at most `limit`."""
        return [s for s in self.sentences if keep(s)][:limit]


def sentences_of(hit: Hit, *, min_words: int = 3) -> list[str]:
    """A passage's prose as whole sentences, its "Title > Section" line dropped, table rows as sentences."""
    lines = tables_as_sentences(hit.passage.text).splitlines()
    if lines and " > " in lines[0]:
        lines = lines[1:]
    out: list[str] = []
    for line in lines:
        clean = clean_sentence(line)
        if not clean or clean.startswith("|"):
            continue
        out += [as_sentence(s) for s in split_sentences(clean) if len(s.split()) >= min_words]
    return out


def section(
    kb: KnowledgePort, query: str, *, about: re.Pattern[str] | None = None, k: int = 6, merge: int = 1
) -> Section:
    """The best section for `query` (the first whose text `about` matches, when given), or the best `merge`
    sections' sentences together; empty when none matches."""
    found = Section()
    for hit in kb.search(query, k=k):
        if hit.passage.metadata.get("sku"):
            continue  # a product page is not a policy
        if about is None or about.search(hit.passage.text):
            found.hit = found.hit or hit
            found.sentences += [s for s in sentences_of(hit) if s not in found.sentences]
            merge -= 1
            if merge <= 0:
                break
    return found

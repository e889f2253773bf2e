"""What a reply may be built from (Grounding) and what the composer made of it (Composed)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.core.extractive import content_words, cut_to_sentence, sentences
from bot.core.facts import Fact
from bot.core.followup import is_followup
from bot.core.promises import unquotable
from bot.core.said_before import previous_question, said_sentences
from bot.domain import Hit


@dataclass(slots=True)
class Grounding:
    """What a reply may be built from: retrieved passages, structured fact lines from tools, and known names."""

    passages: list[dict[str, str]] = field(default_factory=list)  # each {title, source, text}
    facts: list[str] = field(default_factory=list)  # e.g. "Order ORD-10234: status shipped, ..."
    # product and brand names the verifier watches for: the knowledge base's one tuple per version, kept as it is
    # (copying or hashing 100,000 names on every turn was a cost that grew with the catalog)
    known_names: Sequence[str] = ()
    # a follow-up's last reply, sentence by sentence: an extractive answer to a new question does not say it again
    said: tuple[str, ...] = ()
    asked_before: str = ""  # ... and the question it answered

    @classmethod
    def from_hits(cls, hits: Iterable[Hit], *, facts: Sequence[str] = (), known_names: Iterable[str] = ()) -> Grounding:
        """Build a grounding from retrieval hits (best first)."""
        passages = [{"title": h.passage.title, "source": h.passage.source, "text": h.passage.text} for h in hits]
        names = known_names if isinstance(known_names, tuple) else tuple(known_names)
        return cls(passages=passages, facts=list(facts), known_names=names)

    def following(self, history: Sequence[dict[str, Any]], text: str, *, carried: bool) -> Grounding:
        """This grounding for a follow-up (`carried`: searched with the topic before it, or a short referring
        message): the last reply's sentences and the question they answered go with it."""
        if carried or is_followup(text):
            self.said, self.asked_before = said_sentences(history, text), previous_question(history)
        return self

    def full_text(self) -> str:
        """Everything the grounding states: what the verifier and the decoding constraint accept."""
        return "\n".join(self.blocks())

    def blocks(self) -> list[str]:
        """The grounding as separate pieces (each fact line; each passage with its title first), for the meaning check."""
        return list(self.facts) + [f"{p.get('title', '')}\n{p.get('text', '')}" for p in self.passages]

    def is_empty(self) -> bool:
        """True when there is nothing to answer from."""
        return not self.facts and not any(p.get("text", "").strip() for p in self.passages)

    def prompt_notes(self, question: str, *, budget: int, max_passages: int = 3, prompt_sentences: int = 6) -> str:
        """Fact lines, then the passages' sentences most relevant to the question, in reading order.

        A 135M model answers far better from a few on-point sentences than from whole passages;
        the verifier still accepts anything the full grounding says.
        """
        lines = [f"- {fact.strip()}" for fact in self.facts if fact.strip()]
        words = content_words(question)
        candidates: list[tuple[int, int, int, str]] = []  # (-score, passage rank, position, sentence)
        for rank, passage in enumerate(self.passages[:max_passages]):
            for pos, sentence in enumerate(sentences(passage.get("text", ""))):
                if unquotable(sentence):  # a sentence planted for the assistant is not shop information
                    continue
                candidates.append((-len(words & content_words(sentence)), rank, pos, sentence))
        picked = sorted(candidates)[:prompt_sentences]
        if picked and picked[0][0] == 0:  # nothing overlaps: fall back to the top passage's opening
            picked = [c for c in candidates if c[1] == 0][:2]
        picked = [c for c in picked if c[0] < 0 or picked[0][0] == 0]
        lines += [f"- {c[3]}" for c in sorted(picked, key=lambda c: (c[1], c[2]))]
        block = ""
        for line in lines:
            room = budget - len(block)
            if room < 40:
                break
            block += (line if len(line) <= room else cut_to_sentence(line, room)) + "\n"
        return block.strip() or "(no shop information found)"


@dataclass(slots=True)
class Composed:
    """The final reply text and how it came about."""

    text: str
    fallback_used: bool
    unsupported: list[Fact] = field(default_factory=list)
    tokens: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    # why the fallback was used: unsupported, offtopic, leak, timeout, backend, malformed, empty;
    # "trimmed" when the model's reply was kept but cut to its verified leading sentences
    reason: str = ""
    model_text: str = ""  # what the generator wrote, before any replacement

"""Extractive replies: whole sentences and fact lines copied from the grounding, never rewritten.

Used when the generator's reply fails verification or the backend fails, and by the composer to pick the
sentences a small model sees in its prompt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.core.asked import AskedDetail, answers_type, details, question_types, row_label
from bot.core.faq_answer import MAX_SENTENCES, faq_question, own_words, whole_answer
from bot.core.promises import unquotable
from bot.core.said_before import repeats, said_penalty
from bot.core.sentences import (
    _BULLET,
    STOPWORDS,
    _bullet_block,
    _rare_terms,
    as_sentence,
    clean_sentence,
    content_words,
    cut_to_sentence,
    split_sentences,
    stem,
    tables_as_sentences,
)
from bot.core.subject_kinds import off_subject, product_kinds

__all__ = [  # the sentence primitives live in bot.core.sentences, question kinds in bot.core.asked; importable from here
    "STOPWORDS",
    "CachedEmbed",
    "EmbedFn",
    "as_sentence",
    "answers_type",
    "clean_sentence",
    "content_words",
    "cut_to_sentence",
    "extractive_reply",
    "question_types",
    "sentences",
    "split_sentences",
    "stem",
    "tables_as_sentences",
]

if TYPE_CHECKING:
    from bot.core.grounding import Grounding

EmbedFn = Callable[[list[str]], Any]  # texts -> (n, dim) unit vectors

ENTITY_BONUS = 0.15  # added to a sentence's score for naming the question's rare words (a brand, a country, ...)
HEADER_WEIGHT = 0.35  # share of a sentence's score that comes from its section heading
TYPE_BONUS = 0.3  # added to a sentence's score when it holds the kind of answer asked for: nearly a filter
RANK_PENALTY = 0.04  # per retrieval rank of the passage a sentence comes from
SECOND_WITHIN = 0.06  # a second sentence is kept when it scores this close to the best one
DETAIL_WITHIN = 0.5  # ... or this close when it names the asked detail (a level, an option) the best one does not
SAME_QUESTION = 0.75  # a question this close to an FAQ heading is that heading's question
OTHER_QUESTION = 0.6
FIRST_ANSWER = 0.2
# an FAQ page's heading is a question its first sentence answers (below OTHER_QUESTION, its bare "Yes" is no answer)
FAQ_QUESTION = re.compile(r"^FAQ\b.*\?$", re.I)
YES_NO = re.compile(r"^(?:yes|no)\b", re.I)
NOT_SURE = "I'm not sure about that, and I don't want to guess. Would you like me to connect you with a human agent?"


def extractive_reply(
    question: str,
    grounding: Grounding,
    *,
    not_sure: str = NOT_SURE,
    max_passages: int = 3,
    max_sentences: int = 2,
    max_chars: int = 420,
    embed: EmbedFn | None = None,
    asked: str = "",
) -> str:
    """A short reply copied from the grounding: the structured facts, then the sentences that answer the question.

    `asked` is the shopper's own words when `question` is a follow-up resolved with the turn before ("and how
    long does it take?" after a price): the kind of answer it asks for decides, not the earlier question's.

    With `embed` (the knowledge base's sentence embedder) sentences are scored by meaning, with a bonus for
    holding the kind of answer asked for (a duration for "how long", a price for "how much", places for
    "where"); without it, by word overlap. Sentences are copied whole, never cut or rewritten.
    """
    parts = [as_sentence(f) for f in grounding.facts[:3] if f.strip()]
    kinds = product_kinds(grounding.known_names)
    passages = [
        p
        for p in grounding.passages[:max_passages]
        if p.get("text", "").strip() and about_asked(p, question, grounding.facts, kinds)
    ]
    if passages:
        kinds_in = asked if asked and question_types(asked) else question
        # a follow-up: the last reply's sentences are no answer to its new question, its own words say what is asked
        follow = (grounding.said, asked if grounding.said else "", grounding.asked_before)
        chosen = _by_meaning(question, passages, embed, max_sentences, kinds_in, follow) if embed is not None else None
        chosen = (
            chosen if chosen is not None else _by_overlap(question, passages, max_sentences, bool(parts), follow[0])
        )
        wanted = wanted_kinds(kinds_in)
        if not parts and wanted and chosen and not any(answers_type(x, wanted) for x in chosen):
            return not_sure  # "how long until I get my money?" answered with a sentence that holds no time at all
        parts += chosen
    text = ""
    for part in parts:
        if text and len(text) + len(part) + 1 > max_chars:
            break
        text = f"{text} {part}".strip()
    return text[:max_chars] if text else not_sure


# questions that ask for a value (a time, an amount): a sentence without one is no answer, and the kinds that do answer
WANTS_VALUE = (
    (
        re.compile(
            r"\bhow long\b|\bhow many (?:business |working )?(?:days|weeks|months|hours)\b|\bhow soon\b|"
            r"\bwhen (?:will|would|do|does|can|should|could) (?:i|we|it|they|my|the)\b[^?.!]{0,40}\b(?:get|arrive|receive|"
            r"ship|come|reach|back|refund|deliver)",
            re.I,
        ),
        ("duration", "time"),
    ),
    (re.compile(r"\bhow much\b(?! time| longer)", re.I), ("price",)),
    (
        re.compile(r"\bwhat time\b|\b(?:opening|business|customer care) hours\b|\bwhat hours\b", re.I),
        ("time", "duration"),
    ),
)


def wanted_kinds(question: str) -> list[str]:
    """The kinds of value one of which a reply must hold to answer the question ([] when it asks for no value)."""
    return [k for pattern, kinds in WANTS_VALUE if pattern.search(question) for k in kinds]


def about_asked(passage: dict[str, str], question: str, facts: list[str], kinds: frozenset[str] = frozenset()) -> bool:
    """A product's page may be quoted only when that product is the one asked about (named in the question or in
    the fact lines of the products under discussion): a peacoat's "warm enough for freezing winter mornings" never
    answers a question about a bomber jacket. A policy section scoped to a kind of product ("Shirts: will my shirt
    shrink?") is about the question unless it names another kind (`kinds`: bot.core.subject_kinds)."""
    if not str(passage.get("source", "")).startswith("catalog"):
        body = passage.get("text", "")
        first, _, rest = body.partition("\n")
        body = rest if " > " in first else body  # the "Page > Heading" line names the page's other kinds
        return not off_subject(question, _header(passage), body, kinds)
    name = str(passage.get("title", "")).split(" > ")[0].strip().lower()
    return bool(name) and (name in question.lower() or any(name in f.lower() for f in facts))


def framed(sentence: str, header: str, heading_similarity: float) -> str:
    """An FAQ answer that starts with "Yes"/"No" answers its own heading's question; unless the shopper asked
    that very question, the heading goes in front ("Can I return an item after my return window? Yes, if you
    have the original receipt."), so the "Yes" is never read as the answer to another question."""
    asked = header.rsplit(" > ", 1)[-1].strip()
    if not YES_NO.match(sentence) or heading_similarity >= SAME_QUESTION or not asked.endswith("?"):
        return sentence
    return f"{asked} {sentence}"


class CachedEmbed:
    """Wraps an embed function with a bounded cache: the same policy sentences come back turn after turn."""

    def __init__(self, embed: EmbedFn, *, max_items: int = 4096) -> None:
        self.embed = embed
        self.max_items = max_items
        self._cache: dict[str, np.ndarray] = {}

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            vecs = np.asarray(self.embed(missing), dtype=np.float32)
            if len(self._cache) + len(missing) > self.max_items:
                self._cache.clear()
            self._cache.update(zip(missing, vecs, strict=True))
        return np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, 0), dtype=np.float32)


def _by_meaning(
    question: str,
    passages: list[dict[str, str]],
    embed: EmbedFn,
    max_sentences: int,
    kinds_in: str,
    follow: tuple[Sequence[str], str, str] = ((), "", ""),
) -> list[str] | None:
    """The best sentences by meaning: similarity to the question, blended with the similarity of the sentence's
    section heading (what the section is about), plus the answer-type bonus, minus a retrieval-rank penalty.

    A table row is scored together with the sentence that introduces its table ("Your return window
    depends on your membership level: Guest: return window 30 days."), since a bare row says little.
    """
    found, context = _candidates(passages)
    if not found:
        return None
    headers = [_header_line(p) for p in passages]
    faqs = [faq_question(h) for h in headers]  # an FAQ heading's question alone, without its page's name
    said, own, asked_before = follow  # a follow-up searched with its topic: its own words say what is asked
    own = own_words(own, question)  # "do you charge for shipping" asks its FAQ wording, no narrower question
    vecs = _embedded(embed, [question[:1000]] + context + [h or "-" for h in headers + faqs] + [own[:1000]] * bool(own))
    if vecs is None:
        return None
    q, body, head = vecs[0], vecs[1 : 1 + len(found)], vecs[1 + len(found) : 1 + len(found) + len(headers)]
    faq_sim = [float(vecs[1 + len(found) + len(headers) + r] @ q) if faqs[r] else 0.0 for r in range(len(faqs))]
    asked_by = vecs[-1] if own else q
    kinds = question_types(kinds_in)
    # the thing asked about counts where no kind of answer is asked for ("Do you accept PayPal?"); with one
    # ("how long ... jeans?") the kind decides, and a product word must not pull in that product's other rules
    rare = set() if kinds else _rare_terms(question, [x for _, _, x in found])
    detail = AskedDetail(question, kinds, [x for _, _, x in found])
    if (whole := whole_answer(found, faq_sim, detail, follow_up=bool(own))) is not None:
        return [as_sentence(found[i][2]) for i in whole]
    heading = [float(head[r] @ q) if headers[r] else 1.0 for r in range(len(passages))]
    again = repeats([x for _, _, x in found], body, said, embed)
    score = []
    for i, (rank, pos, x) in enumerate(found):
        similarity = (float(body[i] @ q) + float(body[i] @ asked_by)) / 2
        if pos == 0 and heading[rank] >= SAME_QUESTION and FAQ_QUESTION.match(headers[rank]):
            similarity += FIRST_ANSWER  # an FAQ whose heading is the question: its first sentence is the answer
        if headers[rank]:
            similarity = (1 - HEADER_WEIGHT) * similarity + HEADER_WEIGHT * heading[rank]
        similarity -= _not_alone(x, heading[rank])
        if rare:  # "Do you accept PayPal?": the sentence that names PayPal
            similarity += ENTITY_BONUS * len(rare & content_words(x)) / len(rare)
        similarity += detail.bonus(x)
        similarity -= said_penalty(x, own or question, asked_before) if again[i] else 0.0
        score.append(similarity + (TYPE_BONUS if kinds and answers_type(x, kinds) else 0.0) - RANK_PENALTY * rank)
    best, picked = _pick(found, score, max_sentences, detail.named)
    picked = _with_table(found, picked, best, named=detail.named)
    block = _bullet_block(passages[found[best][0]].get("text", ""), found[best][2])
    if (
        block and not (detail.named and detail.named <= details(found[best][2]))
    ):  # the asked item answers alone  # one item of a short list ("Credit cards: Visa, ..."): the list is the answer ("PayPal." included)
        return block
    return [
        framed(as_sentence(found[i][2]), headers[found[i][0]], heading[found[i][0]])
        for i in sorted(picked, key=lambda i: (found[i][0], found[i][1]))
    ]


def _embedded(embed: EmbedFn, texts: list[str]) -> np.ndarray | None:
    try:
        return np.asarray(embed(texts), dtype=np.float32)
    except Exception:  # noqa: BLE001 - an embedder failure must not lose the reply; word overlap still works
        return None


def _candidates(passages: list[dict[str, str]]) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Each passage's quotable sentences (rank, position, text), and each with the sentence that introduces its
    table when it is a table row."""
    found: list[tuple[int, int, str]] = []
    context: list[str] = []
    for rank, p in enumerate(passages):
        intro = ""
        for pos, x in enumerate(_quotable(sentences(p["text"], header=_header(p)))):
            row = bool(_TABLE_ROW.match(x))
            found.append((rank, pos, x))
            context.append(f"{intro} {x}".strip() if row else x)
            intro = intro if row else x
    return found, context


def _not_alone(x: str, heading_similarity: float) -> float:
    """What a sentence loses for not answering on its own."""
    out = 0.0
    if YES_NO.match(x) and heading_similarity < OTHER_QUESTION:
        out += 1.0  # an FAQ's "Yes, ..." answers its own heading, not this question
    if _FRAGMENT.search(x):  # "You can return an item in three ways:", "the e-mail address, and": not an answer alone
        out += 1.0
    if x[:1].islower():  # "cancel the order or remove an item.": a list item cut from its introduction
        out += 0.5
    return out


def _pick(
    found: list[tuple[int, int, str]], score: list[float], max_sentences: int, named: frozenset[str]
) -> tuple[int, list[int]]:
    """The best sentence, and a second one from the same passage when it scores close and is on the same detail."""
    order = sorted(range(len(found)), key=lambda i: -score[i])
    best = order[0]
    picked = [best]
    missing = named - details(found[best][2])  # "how much is overnight? (Gold members)": the best names no Gold
    for i in order[1:]:
        if len(picked) >= max_sentences or score[i] < score[best] - DETAIL_WITHIN:
            break
        if score[i] < score[best] - SECOND_WITHIN and not missing & details(found[i][2]):
            continue  # further down, only a sentence of the same passage on the detail the best one lacks
        if named and not named & details(found[i][2]):
            continue  # "what about for Gold members?": a second sentence about something else adds nothing
        if found[i][0] == found[best][0]:  # a second sentence from the same passage only
            picked.append(i)
    return best, picked


def _header_line(passage: dict[str, str]) -> str:
    """The chunk's first line when it is its "Title > Heading" header, else ''."""
    first = passage.get("text", "").split("\n", 1)[0].strip()
    title = _header(passage).strip()
    if title and (first == title or first.startswith(f"{title} > ")):
        return first
    # the assistant hands passages over with the header moved into the title ("Page > Heading")
    return title if " > " in title else ""


def _with_table(
    found: list[tuple[int, int, str]], picked: list[int], best: int, *, named: frozenset[str] = frozenset()
) -> list[int]:
    """When the best sentence is one row of a small table, the answer depends on the row: give the whole table,
    or only the rows of the membership level or shipping option the question names ("Silver: 6 months")."""
    rank, pos, _ = found[best]
    rows = [i for i, (r, _, x) in enumerate(found) if r == rank and _TABLE_ROW.match(x)]
    if best not in rows or len(rows) > 6:
        return picked
    # the rows next to the best one, and the sentence that introduces the table
    block = [i for i in rows if abs(found[i][1] - pos) <= len(rows)]
    intro = [
        i
        for i, (r, p, x) in enumerate(found)
        if r == rank and p == min(found[j][1] for j in block) - 1 and not _TABLE_ROW.match(x)
    ]
    asked = [i for i in block if named & row_label(found[i][2])]
    if asked and named & row_label(found[best][2]):
        block = asked  # the asked rows, with the sentence that introduces them ("...: Silver: 6 months")
        intro = [i for i in intro if found[i][2].rstrip().endswith(":")]
    return sorted(set(intro + block))


def _by_overlap(
    question: str, passages: list[dict[str, str]], max_sentences: int, have_facts: bool, said: Sequence[str] = ()
) -> list[str]:
    """Word-overlap selection, for when no embedder is given."""
    words = content_words(question)
    # Retrieval order is a better judge than word overlap; another passage wins only clearly.
    # FAQ headings are questions, so a heading match counts double; the top hit gets a small bonus.
    score_of = [
        len(words & content_words(p["text"]))
        + 2 * len(words & content_words(p.get("title", "").rsplit(">", 1)[-1]))
        + (0.5 if n == 0 else 0)
        for n, p in enumerate(passages)
    ]
    best = passages[score_of.index(max(score_of))]
    found = _quotable(sentences(best["text"], header=_header(best)))
    again = repeats(found, None, said, None)
    if not all(again):  # a follow-up: what the last reply said is no answer to its new question
        found = [x for x, said_it in zip(found, again, strict=True) if not said_it]
    heading = content_words(best.get("title", "").rsplit(">", 1)[-1])
    parts: list[str] = []
    if found and words and len(words & heading) * 2 >= len(words):
        # an FAQ entry whose heading is the question: its first sentences; its own question: whole, as whole_answer
        return [as_sentence(x) for x in found[: MAX_SENTENCES if words == heading and not said else max_sentences]]
    score = [len(words & content_words(x)) for x in found]
    ranked = sorted(range(len(found)), key=lambda i: (-score[i], i))[:max_sentences]
    # a second sentence must be as relevant as the first, or clearly relevant on its own
    chosen = [i for i in ranked if score[i] > 0 and (score[i] == score[ranked[0]] or score[i] >= 2)]
    if not chosen and not have_facts and found:
        chosen = [0]
    # not the heading's question: an FAQ's "Yes, ..." goes with the question it answers
    parts += [framed(as_sentence(found[i]), str(best.get("title", "")), 0.0) for i in sorted(chosen)]
    return parts


def _quotable(found: list[str]) -> list[str]:
    """Never quote text planted for the assistant (see bot.core.promises.unquotable)."""
    return [x for x in found if not unquotable(x)]


def _header(passage: dict[str, str]) -> str:
    """The passage's title, which the knowledge base writes as the first line of a chunk ("Title > Heading")."""
    return str(passage.get("title") or "")


# a short line that is itself an answer: an e-mail address, a phone number, a price
_VALUE = re.compile(r"[\w.+-]+@[\w-]+\.\w+|\b\d-\d{3}-\d{3}-\d{4}\b|\(?\d{3}\)?[ -]\d{3}-\d{4}\b|[$€£]\s?\d")
_FRAGMENT = re.compile(r"(?:[:,;]|\b(?:and|or|but|to|of|for|with))\s*$", re.I)
_TABLE_ROW = re.compile(r"^[^:]{1,40}: [^:]+ .+\.$")


def sentences(text: str, *, header: str = "") -> list[str]:
    """Readable sentences of a passage: no headings, table rows spelled out, no fragments.

    A first line that is the chunk's header ("Title > Heading", as the knowledge base writes it) is dropped.
    """
    text = tables_as_sentences(text)
    lines = text.split("\n")
    if header and lines and (lines[0].strip() == header.strip() or lines[0].startswith(f"{header.strip()} > ")):
        lines = lines[1:]
    pieces = [x for line in lines if line.strip() and not line.lstrip().startswith("#") for x in split_sentences(line)]
    bullets = {clean_sentence(_BULLET.sub("", line)) for line in lines if _BULLET.match(line)}
    # a short list item ("PayPal.") is kept when it reads as an item; chosen, it brings its whole list
    return [
        s
        for s in map(clean_sentence, pieces)
        if len(s.split()) >= 3 or _VALUE.search(s) or (s in bullets and s[:1].isupper() and s[-1:] in ".!?")
    ]

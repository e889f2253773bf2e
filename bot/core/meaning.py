"""The meaning check: does each claim of a reply say what the grounding says, bound the same way?

The word-level verifier accepts a number if it occurs anywhere in the grounding. This module reads the
grounding as *units* (a table cell with its row and column labels, a clause of a sentence with its
heading) and checks, for every clause of the reply:

- binding: a number, price or perk ("free") stands in one unit with the same entity the reply binds
  it to (a shipping option, a membership level, a product), not with a sibling entity of the same kind;
- direction: "under $75" is not "$75 or more", "after 2 p.m." is not "before 2 p.m.";
- polarity and condition: the unit that best matches the claim says it with the same polarity, and
  its "unless"/"if" condition is the claim's ("cannot be returned unless damaged" = "can be returned
  only if damaged", but not "can be returned if unworn");
- invented perks and promises: a perk or promise word must be stated for the same entity.

A structural finding rejects its sentence. A sentence with none is judged by a small logistic model over
soft features (share of its words no grounding unit holds, best single-unit coverage, the MiniLM cosine
to its closest units, overlap with the question): `bot/data/meaning_model.json`, trained by
`scripts/train_meaning.py` on perturbations of the demo knowledge base plus the dev answer set; it
catches replies that read unlike anything the shop said ("I'm sorry for your loss" to a forgotten
password). Pure Python plus numpy; the embedder is passed in.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.core.facts import PLACES, extract_facts

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "meaning_model.json"
Embed = Callable[[list[str]], Any]  # texts -> array (n, dim) of unit-length rows

_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "being",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "ours",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yes",
        "no",
        "not",
        "also",
        "just",
        "please",
        "any",
        "all",
        "each",
        "per",
        "via",
        "about",
        "up",
        "out",
        "more",
        "most",
        "some",
        "such",
        "only",
        "very",
        "really",
        "get",
        "gets",
        "got",
        "here",
        "let",
        "know",
        "sure",
        "great",
        "happy",
        "glad",
        "help",
        "thanks",
        "thank",
        "hi",
        "hello",
        "dear",
        "ok",
        "okay",
        "well",
        "they're",
        "it's",
        "you're",
        "we're",
        "we'll",
        "you'll",
        "i'm",
        "that's",
        "there's",
        "we've",
        "you've",
        "i'll",
        "let's",
        "here's",
        "what's",
        "should",
        "might",
        "must",
        "may",
        "shall",
        "usually",
        "typically",
        "normally",
        "generally",
        "simply",
        "currently",
        "already",
        "still",
        "even",
        "anyway",
        "though",
        "although",
        "because",
        "since",
        "able",
        "go",
        "goes",
        "going",
        "come",
        "comes",
        "make",
        "makes",
        "way",
        "ways",
        "one",
    ]
)
_NEG = re.compile(
    r"\b(?:not|no|never|cannot|can't|won't|don't|doesn't|isn't|aren't|wasn't|weren't|didn't|unable|none|nor|neither)\b|n[’']t\b",
    re.I,
)
_PARTICLE = re.compile(
    r"^\s*(?:(?:yes|yep|yeah|no|nope|sure|absolutely|of course|unfortunately|sadly|good news|great question|correct|right|sorry|"
    r"i'?m (?:sorry|afraid)(?: not)?|not (?:automatically|necessarily|quite|exactly|really|always|on its own)|unfortunately not|i'm afraid not)\b[\s,!.:;–—-]*)+",
    re.I,
)
_UNLESS = re.compile(r"\b(?:unless|except (?:if|when|for)|except)\b", re.I)
_IF = re.compile(r"\b(?:only if|if|when|as long as|provided(?: that)?|once)\b", re.I)
_LE = re.compile(
    r"\b(?:under|below|less than|fewer than|up to|at most|no more than|within|before|lower than|maximum of|max)\s*\$?\s*$",
    re.I,
)
_GE = re.compile(r"\b(?:over|above|more than|at least|after|beyond|minimum of|min|exceeding|from)\s*\$?\s*$", re.I)
_GE_AFTER = re.compile(
    r"^\s*(?:USD|dollars?|days?|months?)?\s*(?:or more|or above|or over|and up|and above|or longer|\+|plus)\b", re.I
)
_LE_AFTER = re.compile(r"^\s*(?:USD|dollars?|days?|months?)?\s*(?:or less|or under|or fewer|or sooner)\b", re.I)
_NO_MORE = re.compile(r"\bno\s+(?:more|later|longer)\s+than\s*\$?\s*$", re.I)
PERKS = {
    "free": ("free", "no charge", "no cost", "complimentary", "at no extra cost", "waived", "waive"),
    "refund": ("refund", "refunded", "money back", "reimburse"),
    "credit": ("store credit", "credit"),
    "discount": ("discount", "% off", "percent off", "coupon", "promo code"),
    "replacement": ("replacement", "replace"),
    "extension": ("extension", "extend"),
    "unlimited": ("unlimited", "no time limit", "never expire", "forever", "any time", "anytime"),
    "guarantee": (
        "guarantee",
        "guaranteed",
        "promise",
        "always",
        "right away",
        "immediately",
        "instantly",
        "same day",
        "priority",
    ),
    "gift": ("free gift", "bonus", "reward points", "cashback", "voucher"),
}
_SENT = re.compile(
    r"(?<!\b[A-Z])(?<!\bP\.O)(?<!\bD\.C)(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<![ap]\.m)(?<=[.!?])\s+(?=[A-Z0-9\"'“(*])|\n+"
)
_CLAUSE = re.compile(
    r",\s*(?=(?:never|not|no|cannot|can't|don't|doesn't)\b)|\s+and\s+(?=(?:never|cannot|can't|don't|doesn't|do not|does not|is not|are not|isn't|aren't)\b)|\s*;\s*|\s*[–—]\s+|\s+-\s+|,\s*(?=(?:and|but|while|whereas|or|so)\s)|,\s+(?=[A-Z])|:\s+(?=[A-Z])"
)
_QTY_NOUN = re.compile(r"(?<![\d.,$])(\d+)\s+(?!or\b|and\b|to\b|of\b|per\b|in\b|a\b|the\b)([a-z]{3,})", re.I)
_QTY_RANGE = re.compile(r"(\d+)\s*(?:-|–|to)\s*(\d+)\s+([a-z]{3,})", re.I)
HARD = (
    "binding",
    "direction",
    "polarity",
    "condition",
    "perk",
    "swap",
    "new_name",
)  # any one of these rejects the claim
SOFT = ("novel", "cover", "cosine", "q_overlap", "negated", "has_value")  # the logistic model reads these
FEATURES = HARD + SOFT


@dataclass(slots=True)
class Unit:
    """A piece of the grounding that states one thing: a clause, a table cell or a fact line."""

    text: str
    words: frozenset[str]
    context: frozenset[str]  # words of the headings/title/row and column labels around it
    ents: dict[str, set[str]]  # entity class -> entity keys stated in the unit itself
    ctx_ents: set[str]  # entity keys of the context
    negative: bool
    condition: tuple[str, frozenset[str]] | None  # ("if"|"unless", condition words)
    values: list[tuple[str, str]]  # (normalised value, direction "le"|"ge"|"")
    perks: set[str]
    stages: set[tuple[str, str]] = field(default_factory=set)  # ("before", "shipped"), ...


@dataclass(slots=True)
class Claim:
    """One clause of the reply with what it binds together."""

    text: str
    sentence: int
    words: frozenset[str]
    ents: dict[str, set[str]]  # named in the clause itself
    negative: bool
    condition: tuple[str, frozenset[str]] | None
    values: list[tuple[str, str]]
    perks: set[str]
    inherited: dict[str, set[str]] = field(default_factory=dict)  # from the sentence, the previous one or the question
    plain_negative: bool | None = None  # the polarity with "don't pay"/"no fee" read as "free"
    sentence_text: str = ""
    new_names: set[str] = field(default_factory=set)  # capitalised names the grounding and question never mention


@dataclass(slots=True)
class Finding:
    """Why a claim sentence looks unsupported, with its features and the model's probability."""

    sentence: str
    reasons: list[str] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    p_unsupported: float = 0.0


# ---------------------------------------------------------------- text helpers


def stem(word: str) -> str:
    """A crude stemmer: returns/returned/returning -> return."""
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if suffix in ("ing", "ed") and len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # shipped -> shipp -> ship
            return w
    return w[:-1] if w.endswith("e") and len(w) > 4 else w  # change -> chang, as changed -> chang


def content_words(text: str) -> frozenset[str]:
    """Stemmed content words (no stop words, negations or numbers)."""
    text = re.sub(r"n[’']t\b", " not", text.lower())
    return frozenset(stem(w) for w in re.findall(r"[a-z][a-z'-]*[a-z]|[a-z]", text) if len(w) > 2 and w not in _STOP)


def sentences(text: str) -> list[str]:
    """Sentences, not split after "P.O.", "U.S.", "a.m.", "e.g."."""
    return [s.strip() for s in _SENT.split(text) if s and s.strip()]


def clauses(sentence: str) -> list[str]:
    """Clauses of a sentence; fragments of a list ("Austria, Belgium") stay with their clause, and a list
    that opens a sentence ("Bronze, Silver and Gold members ...") stays with what it says."""
    parts = [p.strip() for p in _CLAUSE.split(sentence) if p and p.strip()]
    out: list[str] = []
    pending = ""  # a list of names (or a bare answer word) waiting for the clause that says something about it
    for part in parts:
        words = re.findall(r"\w+", part)
        names_only = bool(words) and all(w[0].isupper() or w in ("and", "or", "the") for w in words)
        bare = not re.findall(r"\w+", _PARTICLE.sub("", part))
        if names_only or bare:
            if out and not pending and not bare and len(words) < 3 and not out[-1].endswith(("Yes", "No")):
                out[-1] = f"{out[-1]}, {part}"  # "..., Austria, Belgium"
            else:
                pending = f"{pending}, {part}" if pending else part
            continue
        clause = f"{pending}, {part}" if pending else part
        pending = ""
        if out and len(words) < 3 and not _NEG.match(clause):  # "never expires" stands alone: its polarity is its own
            out[-1] = f"{out[-1]}, {clause}"
        else:
            out.append(clause)
    if pending:
        if out:
            out[-1] = f"{out[-1]}, {pending}"
        else:
            out.append(pending)
    return out or [sentence]


_NO_PAY = re.compile(
    r"\b(?:do not|don't|doesn't|does not|won't|will not|never|not)\s+(?:have to\s+|need to\s+)?pay(?: anything| for (?:it|them|this|that))?\b"
    r"|\bno (?:extra )?(?:charge|fee|fees|cost|shipping fee)\b|\bat no (?:extra )?(?:cost|charge)\b",
    re.I,
)


def _plain(text: str) -> str:
    """Negations that mean a perk read as the perk: "don't pay", "no fee", "at no charge" -> "free"."""
    return _NO_PAY.sub("free", text)


def _perks(low: str) -> set[str]:
    found = set()
    for perk, phrases in PERKS.items():
        for phrase in phrases:
            if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", low) and not re.search(
                r"feel free|free to (?:ask|contact|reach)|free of charge to ask", low
            ):
                found.add(perk)
    return found


def _split_condition(text: str) -> tuple[str, str, str]:
    """(main clause, condition marker "if"|"unless"|"", condition text): "if X, Y" / "Y unless X" / "Label: Y"."""
    body = _PARTICLE.sub("", text).strip()
    label = re.match(r"^\s*[-*]?\s*([^:]{2,40}):\s+(.+)$", body)
    if (
        label
        and len(label.group(1).split()) <= 5
        and not re.search(r"\d", label.group(1))
        and "—" not in label.group(1)
    ):
        return label.group(2), "label", label.group(1)
    for marker, pattern in (("unless", _UNLESS), ("if", _IF)):
        m = pattern.search(body)
        if not m:
            continue
        if m.start() <= 2:  # "If X, Y": the condition runs to the first comma (or its first words)
            head, comma, rest = body[m.end() :].partition(",")
            if not comma:
                words = head.split()
                head, rest = " ".join(words[:4]), " ".join(words[4:])
            return rest, marker, head
        return body[: m.start()], marker, body[m.end() :]
    return body, "", ""


def _condition(text: str) -> tuple[str, frozenset[str]] | None:
    _, marker, cond = _split_condition(text)
    return (marker, content_words(cond)) if marker and marker != "label" else None


def _negative(text: str, *, plain: bool = False) -> bool:
    """Whether the main clause is negated; with plain=True, "don't pay"/"no fee" count as the perk, not a negation."""
    main, _, _ = _split_condition(_plain(text) if plain else text)
    return bool(_NEG.search(re.sub(r"\([^)]*\)", "", main)))


# when a rule applies in an order's life: "until it ships", "once it has shipped", "while processing"
_STAGE_WORDS = (
    (r"plac|process|not yet ship|hasn't shipped|has not shipped", "placed"),
    (r"ship|in transit", "shipped"),
    (r"out for delivery", "out"),
    (r"deliver|arriv", "delivered"),
    (r"receiv|reach", "received"),
)
_TEMPORAL = re.compile(
    r"\b(until|till|before|while|still|after|once|since|already|as soon as)\b((?:\W+\w+){1,7})", re.I
)


def _stages(text: str) -> set[tuple[str, str]]:
    """(before|after, stage) pairs: "until it ships" -> (before, shipped); "while processing" -> (before, shipped)."""
    out = set()
    for m in _TEMPORAL.finditer(text.lower()):
        marker, tail = m.group(1), m.group(2)
        stage = next((name for pat, name in _STAGE_WORDS if re.search(rf"\b(?:{pat})", tail)), None)
        if stage is None:
            continue
        direction = "before" if marker in ("until", "till", "before", "while", "still") else "after"
        if stage == "placed" and direction == "before":
            continue  # "before it is placed" says nothing here
        if stage == "placed":  # "while placed or processing" = "before it ships"
            direction, stage = "before", "shipped"
        out.add((direction, stage))
    return out


def _values(text: str) -> list[tuple[str, str]]:
    out = []
    for f in extract_facts(text):
        if f.kind not in ("money", "number", "percent", "time"):
            continue
        value = f.value.split()[0] if f.kind == "money" else f.value
        before, after = text[: f.start], text[f.end :]
        direction = ""
        if _NO_MORE.search(before) or _LE.search(before) or _LE_AFTER.match(after):
            direction = "le"
        elif _GE.search(before) or _GE_AFTER.match(after):
            direction = "ge"
        out.append((value, direction))
        # a range "3–5 business days" binds both ends
    return out


# ---------------------------------------------------------------- entities


@dataclass(slots=True)
class Vocabulary:
    """Entity names found in the grounding, each with its classes (siblings in one table column, places, products)."""

    classes: dict[str, set[str]] = field(default_factory=dict)  # key -> classes
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)  # key -> how to spot it

    def add(self, name: str, cls: str, *, match_words: Iterable[str] | None = None) -> None:
        key = name.strip().lower()
        if not key or len(key) < 2:
            return
        self.classes.setdefault(key, set()).add(cls)
        if key not in self.patterns:
            words = list(match_words) if match_words is not None else [key]
            alts = "|".join(re.escape(w) + r"(?:s|es)?" for w in sorted(set(words), key=len, reverse=True) if w)
            if alts:
                self.patterns[key] = re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.I)

    def find(self, text: str) -> dict[str, set[str]]:
        """class -> entity keys mentioned in text."""
        out: dict[str, set[str]] = {}
        for key, pattern in self.patterns.items():
            if pattern.search(text):
                for cls in self.classes[key]:
                    out.setdefault(cls, set()).add(key)
        return out


def _distinctive(labels: list[str]) -> dict[str, list[str]]:
    """For each label of one table axis, the words that no sibling label shares ("overnight", not "shipping")."""
    words = {
        lab: [w for w in re.findall(r"[a-z0-9+]+", lab.lower()) if w not in _STOP and len(w) > 1] for lab in labels
    }
    out = {}
    for lab, ws in words.items():
        others = {w for other, ows in words.items() if other != lab for w in ows}
        own = [w for w in ws if w not in others]
        out[lab] = own or ws[:1]
    return out


# ---------------------------------------------------------------- grounding


@dataclass(slots=True)
class Index:
    """The grounding as units, with its entity vocabulary."""

    units: list[Unit]
    vocab: Vocabulary
    all_words: frozenset[str]
    by_value: dict[str, list[int]]
    by_perk: dict[str, list[int]]
    df: dict[str, int] = field(default_factory=dict)  # in how many units each word occurs
    qty_nouns: dict[str, set[str]] = field(default_factory=dict)  # "characters" -> {"12"}


_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}")


def build_index(blocks: Sequence[str], *, known_names: Iterable[str] = ()) -> Index:
    """Read grounding blocks (a passage with its title on the first line, or a fact line) into units."""
    vocab = Vocabulary()
    whole = "\n".join(blocks).lower()
    for name in known_names:  # only the names the grounding states: a catalog has hundreds
        if name and len(name) > 2 and name.lower() in whole:
            vocab.add(name, "product")
    for place in PLACES:
        if len(place) > 2:
            vocab.add(place, "place")
    tables: list[tuple[list[str], list[list[str]], str, str]] = []  # header, rows, title, heading
    labels: dict[str, list[str]] = {}  # bullet-list labels ("Gift wrapping:", "Name stitching:") per list
    prose: list[tuple[str, str, str]] = []  # text, title, heading
    for block in blocks:
        lines = block.splitlines()
        title = lines[0].strip().lstrip("#").strip() if len(lines) > 1 else ""
        body = lines[1:] if len(lines) > 1 else lines
        heading = ""
        table: list[list[str]] = []
        for line in [*body, ""]:  # the empty last line ends a table that closes the block
            s = line.strip()
            bullet = re.match(r"^[-*]\s+\*\*([^*]{2,40}?):?\*\*:?\s", s) or re.match(
                r"^[-*]\s+([A-Za-z][^:]{1,40}):\s", s
            )
            if bullet:
                labels.setdefault(f"list:{len(tables)}:{title}:{heading}", []).append(bullet.group(1).strip())
            if s.startswith("|"):
                if not _TABLE_SEP.match(s):
                    table.append([c.strip().replace("**", "") for c in s.strip("|").split("|")])
                continue
            if len(table) >= 2:
                tables.append((table[0], table[1:], title, heading))
            table = []
            if s.startswith("#"):
                heading = s.lstrip("#").strip()
                continue
            if s:
                prose.append((s, title, heading))
    for cls, names in labels.items():
        if len(names) >= 2:
            for label, words in _distinctive([re.sub(r"\s*\(.*?\)", "", n) for n in names]).items():
                vocab.add(label, cls, match_words=words)
    for t, (header, rows, _title, _heading) in enumerate(tables):
        for label, words in _distinctive([r[0] for r in rows if r]).items():
            vocab.add(label, f"t{t}:rows", match_words=words)
        for label, words in _distinctive(header[1:]).items():
            vocab.add(label, f"t{t}:cols", match_words=words)
        for c in range(1, len(header)):
            cells = [r[c] for r in rows if c < len(r)]
            if all(re.fullmatch(r"[A-Z][A-Za-z]+", x) for x in cells) and len(set(cells)) > 1:
                for x in cells:
                    vocab.add(x, f"t{t}:c{c}")
    lower_words = set(re.findall(r"\b[a-z][a-z]+\b", "\n".join(blocks)))
    for text, _title, _heading in prose:
        for m in re.finditer(r"(?<=[a-z,;:(] )([A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+)*)", text):
            name = m.group(1)
            if name.lower() not in _STOP and len(name) > 2:
                vocab.add(name, "proper")
        # first in a sentence, a capitalised word is a name when a member noun follows ("Bronze membership")
        for m in re.finditer(
            r"(?:^|[.!?:]\s+|^[-*]\s+)([A-Z][a-z]{2,})\s+(?:members?|membership|level|shipping|subscribers?|customers?)\b",
            text,
        ):
            name = m.group(1)
            if name.lower() not in lower_words and name.lower() not in _STOP:
                vocab.add(name, "proper")
    units: list[Unit] = []
    for header, rows, title, heading in tables:
        ctx = f"{title} {heading} {header[0]}"
        for row in rows:
            groups: dict[str, list[str]] = {}
            for c in range(1, min(len(header), len(row))):
                groups.setdefault(row[c].strip(), []).append(header[c])
            for value, cols in groups.items():
                cols_text = ", ".join(cols)
                if value in ("", "–", "-", "—", "No", "no"):
                    text = f"{row[0]} — {cols_text}: not available"
                else:
                    text = f"{row[0]} — {cols_text}: {value}"
                units.append(_unit(text, ctx, vocab, ents_from=f"{row[0]} | {cols_text} | {value}"))
    for text, title, heading in prose:
        lead = ""  # a paragraph's first sentence names its subject ("X by Brand (SKU ...)", "Bronze membership ...")
        for sentence in sentences(text):
            lead = lead or sentence
            parts = clauses(sentence)
            for clause in parts:
                units.append(_unit(clause, f"{title} {heading} {lead if lead != sentence else ''} {sentence}", vocab))
            if len(parts) > 1:  # the whole sentence too: a clause without its subject ("never expire") reads with it
                full = _unit(sentence, f"{title} {heading}", vocab)
                full.negative = any(u.negative for u in units[-len(parts) :])
                units.append(full)
    all_words = frozenset().union(*(u.words | u.context for u in units)) if units else frozenset()
    by_value: dict[str, list[int]] = {}
    by_perk: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        for v, _ in u.values:
            by_value.setdefault(v, []).append(i)
        for p in u.perks:
            by_perk.setdefault(p, []).append(i)
    df: dict[str, int] = {}
    for u in units:
        for w in u.words:
            df[w] = df.get(w, 0) + 1
    qty: dict[str, set[str]] = {}
    for block in blocks:
        for m in _QTY_RANGE.finditer(block):
            qty.setdefault(stem(m.group(3)), set()).update({m.group(1), m.group(2)})
        for number, noun in _QTY_NOUN.findall(block):
            qty.setdefault(stem(noun), set()).add(number)
    present = {k for u in units for k in _keys(u.ents) | u.ctx_ents}
    vocab.patterns = {
        k: p for k, p in vocab.patterns.items() if k in present
    }  # a name the grounding never states binds nothing
    return Index(units, vocab, all_words, by_value, by_perk, df, qty)


def _unit(text: str, context: str, vocab: Vocabulary, *, ents_from: str | None = None) -> Unit:
    clean = text.replace("**", "")
    low = clean.lower()
    ctx_ents = {k for keys in vocab.find(context).values() for k in keys}
    return Unit(
        text=clean,
        words=content_words(clean),
        context=content_words(context),
        ents=vocab.find(ents_from or clean),
        ctx_ents=ctx_ents,
        negative=_negative(clean),
        condition=_condition(clean),
        values=_values(clean),
        perks=_perks(low),
        stages=_stages(clean),
    )


# ---------------------------------------------------------------- claims


def read_claims(reply: str, vocab: Vocabulary, *, question: str = "", known_text: str = "") -> list[Claim]:
    """The reply's clauses; a clause naming no entity inherits its sentence's, then the previous sentence's, then the question's."""
    q_ents = vocab.find(question)
    known = (known_text + " " + question).lower()
    claims: list[Claim] = []
    previous: dict[str, set[str]] = {}
    for n, sentence in enumerate(sentences(reply)):
        s_ents = vocab.find(sentence)
        for clause in clauses(sentence):
            own = vocab.find(clause)
            names = {m.group(0) for m in re.finditer(r"(?<=[a-z,;] )[A-Z][a-zA-Z]+|\b[A-Z]{2,}\b", clause)}
            claims.append(
                Claim(
                    text=clause,
                    sentence=n,
                    words=content_words(_PARTICLE.sub("", clause)),
                    ents=own,
                    negative=_negative(clause),
                    condition=_condition(clause),
                    values=_values(clause),
                    perks=_perks(clause.lower()),
                    inherited={} if own else (s_ents or previous or q_ents),
                    plain_negative=_negative(clause, plain=True),
                    sentence_text=sentence,
                    new_names={
                        x
                        for x in names
                        if x.lower() not in known and x.lower().rstrip("s") not in known and x.lower() not in _STOP
                    },
                )
            )
        previous = s_ents or previous
    return claims


def _conflict(claim_ents: dict[str, set[str]], unit: Unit) -> bool:
    """The unit binds its content to other siblings than the claim does (Silver where the claim says Gold, or Gold alone where it says Silver and Gold)."""
    return any(cls in unit.ents and not keys <= unit.ents[cls] for cls, keys in claim_ents.items())


def _keys(ents: dict[str, set[str]]) -> set[str]:
    return {k for ks in ents.values() for k in ks}


def _shares(claim: Claim, unit: Unit) -> bool:
    keys = _keys(claim.ents) | _keys(claim.inherited)
    return not keys or bool(keys & (_keys(unit.ents) | unit.ctx_ents))


def _compatible(claim: Claim, unit: Unit) -> bool:
    if _conflict(claim.ents, unit):
        return False
    if claim.ents:  # a claim that names its subject needs a statement about that subject
        return _shares(claim, unit)
    return _shares(claim, unit) or len(claim.words & (unit.words | unit.context)) >= 2


# ---------------------------------------------------------------- the check


class MeaningChecker:
    """Finds claims of a reply that the grounding does not support in meaning; see the module docstring."""

    def __init__(
        self, *, embed: Embed | None = None, model_path: Path | None = None, threshold: float | None = None
    ) -> None:
        self.embed = embed
        params = _load_model(str(model_path or MODEL_PATH))
        self.weights = params["weights"]
        self.bias = params["bias"]
        self.threshold = params["threshold"] if threshold is None else threshold
        self.neutral_cosine = params["cosine_without_embedder"]  # used when no embedder is given
        self._cache: dict[str, Any] = {}

    def check(
        self, reply: str, grounding: str | Sequence[str], *, question: str = "", known_names: Iterable[str] = ()
    ) -> list[Finding]:
        """Findings for the reply's sentences that a structural rule or the model judges unsupported (empty list: the reply holds)."""
        return [
            f
            for f in self.score(reply, grounding, question=question, known_names=known_names)
            if f.p_unsupported >= self.threshold
        ]

    def score(
        self, reply: str, grounding: str | Sequence[str], *, question: str = "", known_names: Iterable[str] = ()
    ) -> list[Finding]:
        """Every claim sentence of the reply with its features, reasons and P(unsupported)."""
        blocks = [grounding] if isinstance(grounding, str) else list(grounding)
        index = build_index(blocks, known_names=known_names)
        claims = read_claims(reply, index.vocab, question=question, known_text="\n".join(blocks))
        sents = sentences(reply)
        findings = [Finding(s) for s in sents]
        if not claims or not index.units:
            return []
        q_words = content_words(question)
        for claim in claims:
            f = findings[claim.sentence]
            feats = f.features or dict.fromkeys(FEATURES, 0.0)
            reasons, values = _rules(claim, index, q_words)
            for name, val in values.items():
                feats[name] = (
                    max(feats.get(name, 0.0), val)
                    if name != "cover"
                    else (min(feats[name], val) if f.features else val)
                )
            f.features = feats
            f.reasons += reasons
        # the embedding is only needed where no structural rule decided already, and where the cosine could
        # still change the decision (it is bounded: 0..1)
        soft = [i for i, f in enumerate(findings) if f.features and not any(f.features.get(k, 0.0) for k in HARD)]
        for f in findings:
            if f.features:
                f.features["q_overlap"] = len(content_words(f.sentence) & q_words) / max(1, len(q_words))
                f.features["cosine"] = self.neutral_cosine  # replaced below where the embedding can matter
        soft = [i for i in soft if self._undecided(findings[i].features)]
        cos = self._cosines([sents[i] for i in soft], index.units)
        for n, i in enumerate(soft):
            findings[i].features["cosine"] = cos[n] if cos else self.neutral_cosine
        for f in findings:
            if f.features:
                if any(f.features.get(k, 0.0) for k in HARD):
                    f.p_unsupported = 1.0
                    continue
                z = self.bias + sum(self.weights.get(k, 0.0) * f.features.get(k, 0.0) for k in SOFT)
                f.p_unsupported = 1.0 / (1.0 + math.exp(-z))
        return [f for f in findings if f.features]

    def _undecided(self, feats: dict[str, float]) -> bool:
        """Whether the decision depends on the cosine, given the other soft features."""
        if self.embed is None:
            return False
        w = self.weights.get("cosine", 0.0)
        z = self.bias + sum(self.weights.get(k, 0.0) * feats.get(k, 0.0) for k in SOFT if k != "cosine")
        lo, hi = sorted((z, z + w))
        t = math.log(self.threshold / (1 - self.threshold)) if 0 < self.threshold < 1 else 0.0
        return lo < t <= hi

    def _cosines(self, sents: list[str], units: list[Unit]) -> list[float]:
        """Per reply sentence, the best cosine to a unit among the lexically closest few (bounded work per reply)."""
        if self.embed is None:
            return []
        import numpy as np

        picks: list[list[int]] = []
        for s in sents:
            words = content_words(s)
            ranked = sorted(range(len(units)), key=lambda i: -len(words & (units[i].words | units[i].context)))[:6]
            picks.append(ranked)
        texts = list({units[i].text for p in picks for i in p} - self._cache.keys())
        if texts:
            for t, v in zip(texts, self.embed(texts), strict=True):
                if len(self._cache) > 20_000:
                    self._cache.clear()
                self._cache[t] = np.asarray(v, dtype=np.float32)
        claim_vecs = np.asarray(self.embed(sents), dtype=np.float32)
        out = []
        for vec, pick in zip(claim_vecs, picks, strict=True):
            out.append(max((float(vec @ self._cache[units[i].text]) for i in pick), default=0.0))
        return out


def _rules(claim: Claim, index: Index, q_words: frozenset[str]) -> tuple[list[str], dict[str, float]]:
    """The structural checks for one claim clause: reasons, and feature values."""
    reasons: list[str] = []
    units = index.units
    feats = dict.fromkeys(FEATURES, 0.0)
    feats.update(cover=1.0, negated=float(claim.negative), has_value=float(bool(claim.values)))
    # binding and direction of every number, read with the names of its own part of the clause
    # ("takes 3–5 business days and costs $8.00": 3–5 goes with the time, $8.00 with the cost)
    located: list[tuple[str, str, Claim]] = []
    subject = {cls: keys for cls, keys in claim.ents.items() if not cls.endswith(":cols")}
    for seg in re.split(r"\s+(?:and|but|while)\s+|,\s+", claim.text):
        local = {cls: set(keys) for cls, keys in subject.items()}
        for cls, keys in index.vocab.find(seg).items():
            local.setdefault(cls, set()).update(keys)
        part = Claim(
            seg, claim.sentence, claim.words, local, claim.negative, claim.condition, [], set(), claim.inherited
        )
        located += [(v, d, part) for v, d in _values(seg)]
    for value, direction, part in located:
        cands = [units[i] for i in index.by_value.get(value, [])]
        if not cands:
            continue  # an unknown number is the word-level verifier's business
        ok = [u for u in cands if _compatible(part, u)]
        if not ok:
            feats["binding"] += 1
            owners = sorted({k for u in cands for k in _keys(u.ents)})[:3]
            reasons.append(
                f"binds {value} to {_names(part.ents, claim.inherited)}, but the shop's data gives it to {', '.join(owners) or 'something else'}"
            )
            continue
        dirs = {d for u in ok for v, d in u.values if v == value}
        if direction and "" not in dirs and direction not in dirs:
            feats["direction"] += 1
            reasons.append(
                f"says {'at most' if direction == 'le' else 'at least'} {value}, but the shop's data says the opposite"
            )
    # "10 characters" where the data says "12 characters" (and "$10.00" for something else)
    for number, noun in _QTY_NOUN.findall(claim.text):
        said = index.qty_nouns.get(stem(noun))
        if said and number not in said:
            feats["binding"] += 1
            reasons.append(f"says {number} {noun}, but the shop's data says {', '.join(sorted(said))} {noun}")
    # names bound together: "overnight ... USPS", "Guests and Bronze members ... store credit"
    keys = _keys(claim.ents)
    structured = {c: k for c, k in claim.ents.items() if c.startswith(("t", "list:"))}  # table and list siblings
    distinct = [
        (c1, c2)
        for c1 in structured
        for c2 in claim.ents
        if c1 != c2 and claim.ents[c1] - claim.ents[c2] and claim.ents[c2] - claim.ents[c1]
    ]
    if (
        distinct
        and len(keys) >= 2
        and not any(not _conflict(claim.ents, u) and len(keys & _keys(u.ents)) >= 2 for u in units)
        and any(len(keys & _keys(u.ents)) >= 1 for u in units)
    ):
        feats["binding"] += 1
        reasons.append(f"puts {', '.join(sorted(keys))} together, which no statement of the shop's data does")
    # perks and promises, and conditions a perk depends on
    whole = claim.sentence_text or claim.text
    conditional_claim = (
        claim.condition is not None
        or any(d for _, d in _values(whole))
        or bool(_IF.search(whole) or _UNLESS.search(whole))
        or bool(
            re.search(
                r"\b(?:since|because|as long as|after|before|until|once|within|on orders|over|above)\b", whole, re.I
            )
        )
    )
    for perk in claim.perks:
        cands = [units[i] for i in index.by_perk.get(perk, [])]
        ok = [u for u in cands if _compatible(claim, u)]
        if not ok:
            feats["perk"] += 1
            reasons.append(
                f"states {perk!r} for {_names(claim.ents, claim.inherited) or 'this'}, which the shop's data does not"
            )
        elif not conditional_claim and all(u.condition is not None or any(d for _, d in u.values) for u in ok):
            feats["condition"] += 1
            reasons.append(f"states {perk!r} without its condition: {ok[0].text!r}")
    # coverage, novelty, new names
    words = claim.words - q_words
    if words:
        feats["cover"] = max((len(words & (u.words | u.context)) / len(words) for u in units), default=0.0)
        feats["novel"] = len(words - index.all_words) / len(words)
    feats["new_name"] = float(bool(claim.new_names))
    if claim.new_names:
        reasons.append(f"names {', '.join(sorted(claim.new_names))}, which the shop's data does not mention")
    # the statement the claim makes, said of another entity ("Gold lasts as long as you keep your account")
    swap_ents = {c: k for c, k in claim.ents.items() if c not in ("place", "product")}
    if _keys(swap_ents) and len(claim.words) >= 2:

        def cover(u: Unit) -> float:
            return len(claim.words & u.words) / len(claim.words)

        best_any = max(units, key=cover)
        compatible = [u for u in units if not _conflict(swap_ents, u)]
        best_ok = max((cover(u) for u in compatible), default=0.0)
        if cover(best_any) >= 0.6 and _conflict(swap_ents, best_any) and best_ok < cover(best_any) - 0.2:
            feats["swap"] = 1.0
            reasons.append(f"says of {', '.join(sorted(keys))} what the shop's data says of another: {best_any.text!r}")
    # when the rule applies: "until it is delivered" where the data says "until it ships"
    claim_stages = _stages(claim.text)
    if claim_stages:
        action = claim.words - {
            "ship",
            "deliver",
            "deliv",
            "arriv",
            "order",
            "plac",
            "process",
            "receiv",
            "until",
            "after",
            "once",
            "before",
            "still",
            "while",
        }
        related = [u for u in units if u.stages and action & (u.words | u.context)]
        said_stages = {p for u in related for p in u.stages}
        for pair in claim_stages - said_stages:
            if said_stages:
                feats["condition"] += 1
                reasons.append(
                    f"says it applies {pair[0]} the order is {pair[1]}; the shop's data says {', '.join(sorted(f'{d} {st}' for d, st in said_stages))}"
                )
                break
    # polarity and condition against the best-aligned unit; a bare answer word ("No deadline at all",
    # "Yes to both") is judged with the clause that follows it
    bare = len(re.findall(r"\w+", _PARTICLE.sub("", claim.text))) <= 3
    aligned = None if bare else _align(claim, units, q_words, index)
    if aligned is not None:
        expected_negative = aligned.negative
        c_cond, u_cond = claim.condition, aligned.condition
        if (
            u_cond is not None
            and u_cond[0] == "unless"
            and c_cond is None
            and (claim.words | _keys(claim.ents)) & u_cond[1]
        ):
            expected_negative = not expected_negative  # the claim is about the exception ("except for Gold members")
            u_cond = None
        same_polarity = expected_negative in (
            claim.negative,
            claim.negative if claim.plain_negative is None else claim.plain_negative,
        )
        flipped_ok = (
            not same_polarity
            and c_cond is not None
            and u_cond is not None
            and c_cond[0] != u_cond[0]
            and _cond_matches(c_cond[1], u_cond[1])
        )
        if not same_polarity and not flipped_ok:
            if c_cond is not None and u_cond is not None and c_cond[0] != u_cond[0]:
                feats["condition"] += 1
                reasons.append(f"changes the condition of: {aligned.text!r}")
            else:
                feats["polarity"] += 1
                reasons.append(f"says the opposite of: {aligned.text!r}")
        elif same_polarity and c_cond is not None and u_cond is not None and not _cond_matches(c_cond[1], u_cond[1]):
            feats["condition"] += 1
            reasons.append(f"changes the condition of: {aligned.text!r}")
    return reasons, feats


def _cond_matches(claim_words: frozenset[str], unit_words: frozenset[str]) -> bool:
    if not claim_words or not unit_words:
        return True
    return len(claim_words & unit_words) / len(claim_words) >= 0.34  # "if it still fails" ~ "if it still does not work"


def _align(claim: Claim, units: list[Unit], q_words: frozenset[str], index: Index) -> Unit | None:
    """The unit that states what the claim is about, if one clearly does (at least half of the claim's words)."""
    words = claim.words | (q_words if len(claim.words) <= 4 else frozenset())
    if len(words) < 2:
        return None
    # the question's subject ("socks") binds a claim that does not name it ("those can't be returned")
    pronoun = re.search(r"\b(?:they|them|those|these|ones)\b", claim.text, re.I)
    subject = (
        {w for w in q_words - claim.words if 1 <= index.df.get(w, 0) <= 2} if pronoun and not claim.ents else set()
    )
    pool = [u for u in units if subject & (u.words | u.context)] if subject else units
    words = words | subject
    scored = []
    for u in pool or units:
        if _conflict(claim.ents, u):
            continue
        overlap = len(words & u.words) + 0.5 * len(words & (u.context - u.words))
        scored.append((overlap, u))
    if not scored:
        return None
    best = max(sc for sc, _ in scored)
    if best < 2 or best < 0.5 * len(claim.words):
        return None
    top = [u for sc, u in scored if sc >= 0.75 * best]
    if any(u.negative == claim.negative for u in top):
        return next(u for u in top if u.negative == claim.negative)
    return top[0]


def _names(*ents: dict[str, set[str]]) -> str:
    return ", ".join(sorted({k for e in ents for ks in e.values() for k in ks})[:3])


@lru_cache(maxsize=4)
def _load_model(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    return {
        "weights": dict(data.get("weights", DEFAULT_WEIGHTS)),
        "bias": float(data.get("bias", DEFAULT_BIAS)),
        "threshold": float(data.get("threshold", 0.5)),
        "cosine_without_embedder": float(data.get("cosine_without_embedder", 0.0)),
    }


# used only when the trained file is missing (structural findings reject on their own either way)
DEFAULT_WEIGHTS = {"novel": 3.0, "cover": -3.0, "q_overlap": -1.0}
DEFAULT_BIAS = 0.0

"""MeaningChecker: the structural rules per claim, then a small logistic model for the sentences no rule decided."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.core.meaning.actions import Cosines, action_rules
from bot.core.meaning.answer import answer_rules
from bot.core.meaning.attributes import attribute_rules
from bot.core.meaning.claims import Claim, Finding, read_claims
from bot.core.meaning.consistency import consistency_rules
from bot.core.meaning.derived import derived_money
from bot.core.meaning.fees import fee_rules
from bot.core.meaning.index import Index, Unit, build_index, ent_keys
from bot.core.meaning.lists import list_rules
from bot.core.meaning.orders import counted, order_rules, order_sentences, stated
from bot.core.meaning.perks import record_keys
from bot.core.meaning.praise import praise_rules
from bot.core.meaning.product_names import merge_index
from bot.core.meaning.products import fact_lines, product_rules, product_sentences
from bot.core.meaning.rules import claim_rules
from bot.core.meaning.terms import refusal_rules, term_rules
from bot.core.meaning.text import FEATURES, HARD, SOFT, content_words, courtesy, read_values, sentences, stem

MODEL_PATH = Path(__file__).resolve().parent.parent.parent / "data" / "meaning_model.json"
ACTION_PICKS = 3  # statements a step is compared with (meaning/actions.py)
Embed = Callable[[list[str]], Any]  # texts -> array (n, dim) of unit-length rows


# ---------------------------------------------------------------- the check


class MeaningChecker:
    """Finds claims of a reply that the grounding does not support in meaning; see the module docstring."""

    def __init__(
        self, *, embed: Embed | None = None, model_path: Path | None = None, threshold: float | None = None
    ) -> None:
        self.embed = embed
        params = load_model(str(model_path or MODEL_PATH))
        self.weights = params["weights"]
        self.bias = params["bias"]
        self.threshold = params["threshold"] if threshold is None else threshold
        self.neutral_cosine = params["cosine_without_embedder"]  # used when no embedder is given
        self._cache: dict[str, Any] = {}
        self._indexes: dict[tuple[tuple[str, ...], int], tuple[tuple[str, ...], Index]] = {}

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
        text = "\n".join(blocks)
        reply = stated(counted(day_groups(reply, index := self._index(blocks, known_names)), text, question), text)
        claims = policy_claims(read_claims(reply, index.vocab, question=question, known_text=text), index)
        findings = list(map(Finding, (sents := sentences(reply))))
        if not claims or not index.units:
            return []
        worked = derived_money(reply, question, text)  # "so $10.00 for two": a figure the reply works out
        q_words, q_values = content_words(question), frozenset(v for v, _ in read_values(question))
        for claim in claims:
            if courtesy(sents[claim.sentence]):
                continue  # politeness around the answer states nothing to check
            f = findings[claim.sentence]
            feats = f.features or dict.fromkeys(FEATURES, 0.0)
            reasons, values = claim_rules(claim, index, q_words, q_values, worked)
            for name, val in values.items():
                feats[name] = (
                    max(feats.get(name, 0.0), val)
                    if name != "cover"
                    else (min(feats[name], val) if f.features else val)
                )
            f.features = feats
            f.reasons += reasons
        # a sentence about a product or an order of the fact lines is checked as a record (products.py, orders.py)
        records = product_sentences(reply, question, text) | order_sentences(reply, question, text)
        for n in unrelated(sents, q_words, text.lower()):
            if findings[n].features and n not in records:
                findings[n].features["unrelated"] = 1.0
                findings[n].reasons.append("none of its words is in the shop's data")
        for n, feature, reason in reply_rules(reply, sents, question, index, blocks, self._action_cosines(index)):
            f = findings[n]
            f.features = f.features or dict.fromkeys(FEATURES, 0.0)
            f.features[feature] = f.features.get(feature, 0.0) + 1
            f.reasons.append(reason)
        # the embedding is only needed where no structural rule decided already, and where the cosine could
        # still change the decision (it is bounded: 0..1)
        soft = [i for i, f in enumerate(findings) if f.features and not any(f.features.get(k, 0.0) for k in HARD)]
        for f in findings:
            if f.features:
                f.features["q_overlap"] = len(content_words(f.sentence) & q_words) / max(1, len(q_words))
                f.features["cosine"] = self.neutral_cosine  # replaced below where the embedding can matter
        _read_as_records(findings, records)
        soft = [i for i in soft if i not in records and self._undecided(findings[i].features)]
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

    def _index(self, blocks: list[str], known_names: Iterable[str]) -> Index:
        """The grounding's index, reused while the same grounding is checked again (a streamed reply, a retry)."""
        names = known_names if isinstance(known_names, tuple) else tuple(known_names)
        key = (tuple(blocks), id(names))  # the names by identity: hashing a catalog's names per check grew with it
        cached = self._indexes.get(key)
        if cached is not None and cached[0] is names:
            return cached[1]
        if len(self._indexes) >= 32:
            self._indexes.pop(next(iter(self._indexes)))
        index = build_index(blocks, known_names=names)
        merge_index(index, "\n".join(blocks))  # a product's name parts are one name (meaning/product_names.py)
        self._indexes[key] = (names, index)  # the names are held, so their id is not reused while cached
        return index

    def _action_cosines(self, index: Index) -> Cosines | None:
        """How close each step of a reply reads to the grounding's statements (meaning/actions.py)."""
        if self.embed is None:
            return None
        return lambda clauses: self._cosines(clauses, index.units, picks_per_sentence=ACTION_PICKS)

    def _undecided(self, feats: dict[str, float]) -> bool:
        """Whether the decision depends on the cosine, given the other soft features."""
        if self.embed is None:
            return False
        w = self.weights.get("cosine", 0.0)
        z = self.bias + sum(self.weights.get(k, 0.0) * feats.get(k, 0.0) for k in SOFT if k != "cosine")
        lo, hi = sorted((z, z + w))
        t = math.log(self.threshold / (1 - self.threshold)) if 0 < self.threshold < 1 else 0.0
        return lo < t <= hi

    def _cosines(self, sents: list[str], units: list[Unit], *, picks_per_sentence: int = 6) -> list[float]:
        """Per reply sentence, the best cosine to a unit among the lexically closest few (bounded work per reply)."""
        if self.embed is None:
            return []
        import numpy as np

        picks: list[list[int]] = []
        for s in sents:
            words = content_words(s)
            ranked = sorted(range(len(units)), key=lambda i: -len(words & (units[i].words | units[i].context)))
            picks.append(ranked[:picks_per_sentence])
        # one call for the units not seen yet and the sentences (a streamed reply's sentences are checked again)
        texts = list(({units[i].text for p in picks for i in p} | set(sents)) - self._cache.keys())
        if texts:
            if len(self._cache) + len(texts) > 20_000:
                self._cache.clear()
            for t, v in zip(texts, self.embed(texts), strict=True):
                self._cache[t] = np.asarray(v, dtype=np.float32)
        out = []
        for s, pick in zip(sents, picks, strict=True):
            vec = self._cache[s]
            out.append(max((float(vec @ self._cache[units[i].text]) for i in pick), default=0.0))
        return out


def _read_as_records(findings: list[Finding], records: set[int]) -> None:
    """A sentence about a product or an order of the fact lines is the record check's: no rule flagged it, so its
    words count as covered for the model."""
    for i in records:
        if findings[i].features and not any(findings[i].features.get(k, 0.0) for k in HARD):
            findings[i].features["cover"] = 1.0
            findings[i].features["novel"] = 0.0


@lru_cache(maxsize=4)
def load_model(path: str) -> dict[str, Any]:
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


# words of politeness and empathy a reply may add to any answer
_SMALL_TALK = frozenset(
    stem(w)
    for w in """sorry apolog apologize apologise understand frustrating inconvenience hear hope happy glad help thank
    thanks welcome afraid unfortunately great question sure absolutely course certainly assist anything else
    available unavailable possible option options moment currently right now""".split()  # noqa: SIM905
)


_ASKS = re.compile(
    r"^\W*(?:(?:just|simply|please)\s+)?(?:let us know|tell us|send us|reply with|confirm)\b|^[^.!]{0,60}\?\s*$", re.I
)


def policy_claims(claims: list[Claim], index: Index) -> list[Claim]:
    """The claims without the names only an order line states (its items, its carrier): orders.py checks those
    against the record, and the policy rules read "remove the Larkin Wrap Dress and refund it" as "the item"."""
    record = set(record_keys(index))
    if not record:
        return claims
    record -= {k for u in index.units if not u.order_line for k in ent_keys(u.ents)}
    for c in claims:
        c.ents = {cls: keys - record for cls, keys in c.ents.items() if keys - record}
        c.inherited = {cls: keys - record for cls, keys in c.inherited.items() if keys - record}
    return claims


def unrelated(sents: list[str], q_words: frozenset[str], ground: str) -> list[int]:
    """Sentences none of whose own words (beyond the question's and politeness) the grounding uses."""
    out = []
    for n, sentence in enumerate(sents):
        if _ASKS.match(sentence):
            continue  # a question or a request to the shopper states nothing about the shop
        own = content_words(sentence) - q_words - _SMALL_TALK
        short = len(own) < 3 and bool(read_values(sentence))  # "For everyone else it's $20.00." binds a value
        known = any(part in ground for w in own for part in w.split("-") if len(part) > 2)  # non-returnable
        if own and not short and not known:
            out.append(n)
    return out


_WEEKEND = re.compile(r"\b(?:the\s+)?weekends?\b", re.I)
_WEEKDAYS = re.compile(r"\bweekdays\b|\bduring the week\b|\bon week ?days\b", re.I)


def day_groups(reply: str, index: Index) -> str:
    """ "Weekends" as the days the grounding lists ("Saturday and Sunday"), "weekdays" as Monday to Friday,
    so that the day rules read them (a reply that says "weekends 9–5" restates "Saturday and Sunday: 9–5")."""
    days = index.vocab.patterns
    if "saturday" in days and "sunday" in days:
        reply = _WEEKEND.sub("Saturday and Sunday", reply)
    if "monday" in days or "friday" in days:
        reply = _WEEKDAYS.sub("Monday to Friday", reply)
    return reply


# used only when the trained file is missing (structural findings reject on their own either way)
DEFAULT_WEIGHTS = {"novel": 3.0, "cover": -3.0, "q_overlap": -1.0}
DEFAULT_BIAS = 0.0


def reply_rules(
    reply: str, sents: list[str], question: str, index: Index, blocks: list[str], cosines: Cosines | None = None
) -> list[tuple[int, str, str]]:
    """Rules that read the whole reply (sentence number, HARD feature, reason): the yes/no answer word,
    lists, refusals, promises, product fact lines, claims the data does not make (praise), a reply that
    contradicts itself, a fee's count or condition changed by a qualifier, and a step, place or time the data does not
    give (judged by likeness with `cosines`)."""
    grounding = "\n".join(blocks)
    out = [(0, feature, reason) for feature, reason in answer_rules(reply, question, index, fact_lines(grounding))]
    out += term_rules(reply, question, index, blocks)
    out += refusal_rules(reply, index)
    out += product_rules(reply, question, grounding)
    out += order_rules(reply, question, grounding)
    out += list_rules(reply, question, blocks)
    out += praise_rules(reply, question, blocks) + consistency_rules(reply, question, blocks) + fee_rules(reply, blocks)
    out += attribute_rules(reply, question, blocks)
    out += action_rules(reply, question, grounding, cosines)  # a step, place or time the data does not give
    return [(n, feature, reason) for n, feature, reason in out if n < len(sents)]

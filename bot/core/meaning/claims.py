"""The reply read as claims (clauses with the entities they bind), and how a claim lines up with a unit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.facts import PLACE_ALIASES
from bot.core.meaning.index import QUALIFIER_CLASSES, Index, Unit, Vocabulary, days_covered, ent_keys
from bot.core.meaning.text import (
    PARTICLE,
    STOP,
    clauses,
    content_words,
    is_negative,
    read_condition,
    read_perks,
    read_values,
    sentences,
)

_LEAD_NAME = re.compile(
    r"^\W*([A-Z][a-z]{2,})\s+(?:members?|membership|level|shipping|subscribers?|customers?|delivery|orders?)\b"
)


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


# ---------------------------------------------------------------- claims


def read_claims(reply: str, vocab: Vocabulary, *, question: str = "", known_text: str = "") -> list[Claim]:
    """The reply's clauses; a clause naming no entity inherits its sentence's, then the previous sentence's, then the question's."""
    q_ents = _names(vocab.find(question))
    known = (known_text + " " + question).lower()
    known += " " + " ".join(days_covered(known))  # "Monday–Friday" names Wednesday
    initials = name_initials(known_text + " " + question)
    claims: list[Claim] = []
    previous: dict[str, set[str]] = {}
    for n, sentence in enumerate(sentences(reply)):
        s_ents = vocab.find(sentence)
        for clause in clauses(sentence):
            own = vocab.find(clause)
            names = {m.group(0) for m in re.finditer(r"(?<=[a-z,;] )[A-Z][a-zA-Z]+|\b[A-Z]{2,}\b", clause)}
            # first in the clause, a capitalised word is a name when a member noun follows ("Bronze members")
            names |= {m.group(1) for m in _LEAD_NAME.finditer(PARTICLE.sub("", clause))}
            claims.append(
                Claim(
                    text=clause,
                    sentence=n,
                    words=content_words(PARTICLE.sub("", clause)),
                    ents=own,
                    negative=is_negative(clause),
                    condition=read_condition(clause),
                    values=read_values(clause),
                    perks=read_perks(clause.lower()),
                    inherited={} if own else (s_ents or previous or q_ents),
                    plain_negative=is_negative(clause, plain=True),
                    sentence_text=sentence,
                    new_names={
                        x
                        for x in names
                        if x.lower() not in known
                        and x.lower().rstrip("s") not in known
                        and x.lower() not in STOP
                        and not any(a.lower() in known for a in PLACE_ALIASES.get(x, ()))
                        and not abbreviates(x, initials)
                    },
                )
            )
        previous = _names(s_ents) or previous
    return claims


_CAPS_RUN = re.compile(r"\b[A-Z][a-z]*(?:[ -]+[A-Z][a-z]*)+\b")


def name_initials(text: str) -> list[list[str]]:
    """Runs of capitalised words ("Eastern Time", "American Express", "United States"), lower-cased."""
    return [re.split(r"[ -]+", m.group(0).lower()) for m in _CAPS_RUN.finditer(text)]


def abbreviates(name: str, runs: list[list[str]]) -> bool:
    """The name is a short form of consecutive capitalised words of the grounding: their initials ("ET",
    "US") or a blend of their first letters ("Amex" for American Express, "FedEx" for Federal Express)."""
    low = name.lower()
    if len(low) < 2 or len(low) > 8:
        return False

    def fits(rest: str, words: list[str]) -> bool:
        if not rest:
            return True
        if not words:
            return False
        return any(words[0].startswith(rest[:k]) and fits(rest[k:], words[1:]) for k in range(1, len(rest) + 1))

    return any(fits(low, run[i:]) for run in runs for i in range(len(run)) if len(run) - i >= 2)


def _names(ents: dict[str, set[str]]) -> dict[str, set[str]]:
    """What a later sentence may inherit: names, not qualifiers ("men's", "wool" qualify one noun phrase)."""
    return {c: k for c, k in ents.items() if c not in QUALIFIER_CLASSES}


def conflicts(claim_ents: dict[str, set[str]], unit: Unit) -> bool:
    """The unit binds its content to other siblings than the claim does (Silver where the claim says Gold, or Gold alone where it says Silver and Gold)."""
    return any(cls in unit.ents and not keys <= unit.ents[cls] for cls, keys in claim_ents.items())


def shares_entity(claim: Claim, unit: Unit, implies: dict[str, set[str]] | None = None) -> bool:
    """The unit is about an entity the claim names ("USPS" names the Economy row, where USPS is its carrier)."""
    keys = ent_keys(claim.ents) | ent_keys(claim.inherited)
    names = ent_keys(_names(claim.ents)) | ent_keys(claim.inherited)
    keys = names or keys  # a qualifier ("cotton") is the subject only when the claim names nothing else
    keys |= {row for k in keys for row in (implies or {}).get(k, ())}
    return not keys or bool(keys & (ent_keys(unit.ents) | unit.ctx_ents))


def compatible(claim: Claim, unit: Unit, implies: dict[str, set[str]] | None = None) -> bool:
    if conflicts(claim.ents, unit):
        return False
    if claim.ents:  # a claim that names its subject needs a statement about that subject
        return shares_entity(claim, unit, implies)
    return shares_entity(claim, unit, implies) or len(claim.words & (unit.words | unit.context)) >= 2


def cond_matches(claim_words: frozenset[str], unit_words: frozenset[str]) -> bool:
    if not claim_words or not unit_words:
        return True
    return len(claim_words & unit_words) / len(claim_words) >= 0.3  # "if it still fails" ~ "if it still does not work"


def align(claim: Claim, units: list[Unit], q_words: frozenset[str], index: Index) -> Unit | None:
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
    asked = words - claim.words  # the question's words help find the statement, the claim's own words decide it
    scored = []
    for u in pool or units:
        if conflicts(claim.ents, u):
            continue
        overlap = len(words & u.words) - 0.35 * len(asked & u.words) + 0.5 * len(words & (u.context - u.words))
        scored.append((overlap, u))
    if not scored:
        return None
    best = max(sc for sc, _ in scored)
    if best < 2 or best < 0.5 * len(claim.words):
        return None
    top = [u for sc, u in scored if sc >= 0.85 * best]
    if any(u.negative == claim.negative for u in top):
        return next(u for u in top if u.negative == claim.negative)
    return top[0]


def ent_names(*ents: dict[str, set[str]]) -> str:
    return ", ".join(sorted({k for e in ents for ks in e.values() for k in ks})[:3])

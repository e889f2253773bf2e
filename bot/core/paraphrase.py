"""A strict paraphrase check: does a reworded answer say exactly what the answer from the data says?

The answer from the data (a template over the catalog or the orders) is the truth. A rewording passes
only when every number, code, date and known name of it is still there, nothing new is stated (no fact,
name or content word that neither the answer nor the question holds, beyond a short list of connecting
words), and every value keeps its polarity: a size, colour or price said to be missing stays missing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher

from bot.core.composed_gate import yes_no_problems
from bot.core.facts import extract_facts, find_names
from bot.core.meaning import content_words, stem
from bot.core.promises import find_promises
from bot.core.quantities import unsupported_quantities
from bot.core.reword_coverage import coverage_problems, not_equivalent, words
from bot.core.verify import verify

# words a rewording may add: connecting and friendly words that state nothing about the shop
ALLOWED_WORDS = frozenset(
    stem(w)
    for w in re.findall(
        r"\S+",
        "available also currently right now good great news happy glad sure just only here today still "
        "offer offers have has carry carries sell sells stocked option options price priced cost costs "
        "item product one ones piece pair pairs order number yes the this that these those which "
        "check checked let know look looks like would you your we our us it its there find found "
        "size sizes colour colours color colors come comes made but sorry unfortunately afraid sold get brand brands",
    )
)
NEGATION = re.compile(
    r"\b(no|not|never|none|nothing|sorry|unfortunately|without|cannot|sold out|out of stock)\b|n[’']t\b", re.I
)
# the shop speaking of itself: "We don't sell sunglasses" must not become "You can't sell sunglasses"
FIRST_PERSON = re.compile(r"\b(?:we|we're|we've|we'll|us|our|ours)\b", re.I)
_CLAUSE = re.compile(r"[;,.!?]\s+|\s+\b(?:but|however|although|though)\b\s+", re.I)
# values a rewording must keep besides facts and names: sizes, order statuses and carriers
KEPT_WORDS = re.compile(
    r"\b(?:XXS|XS|S|M|L|XL|XXL|XXXL)\b|\b(?i:placed|processing|shipped|out for delivery|delivered|cancelled|returned|"
    r"UPS|USPS|FedEx|DHL|in stock|out of stock)\b"
)
# in the shop's own policy sentences these words carry the rule (a condition, a scope, a quantifier, a negation):
# a rewording keeps each as often as the answer says it, and adds none
RULE_WORDS = re.compile(
    r"\b(if|only|unless|except|all|each|every|any|more|less|most|least|must|may|should|can|cannot|before|after|"
    r"within|per|or|not|no|never|nor|without|until|up to|at least|at most)\b|n[’']t\b",
    re.I,
)
MAX_GROWTH = 1.6  # a rewording may be this much longer than the answer (plus a few words)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def same_wording(a: str, b: str) -> bool:
    """True when two texts differ only in case, punctuation and spacing."""
    return _norm(a) == _norm(b)


def _rule_words(text: str) -> dict[str, int]:
    """How often each condition, scope and negation word stands in `text` ("can't" counts as can + not)."""
    counts: dict[str, int] = {}
    low = re.sub(r"\bcan[’']t\b", "can not", text.lower())
    low = re.sub(r"\bwon[’']t\b", "will not", re.sub(r"\bcannot\b", "can not", low))
    for m in RULE_WORDS.finditer(low):
        word = "not" if m.group(0).endswith(("n't", "n’t")) else m.group(0)
        counts[word] = counts.get(word, 0) + 1
    return counts


_SEGMENT = re.compile(r"\s*[;–—]\s*|:\s+|(?<=[.!?])\s+(?=[A-Z0-9])")


def _scattered(answer: str, text: str) -> list[str]:
    """The parts of `answer` (between sentence ends, semicolons, colons and dashes) whose words no single part of
    `text` holds together: a condition moved into another clause applies to something else."""
    theirs = [_word_counts(p) for p in _SEGMENT.split(text) if p.strip()]
    return [
        part.strip()[:60]
        for part in _SEGMENT.split(answer)
        if part.strip() and not any(not (_word_counts(part) - words) for words in theirs)
    ]


def _word_counts(text: str) -> Counter[str]:
    """Stemmed content words with how often each stands ("shipped" and "shipping" count twice)."""
    return Counter(w for w in (next(iter(content_words(t)), "") for t in re.findall(r"[\w'’-]+", text)) if w)


def copies(answer: str, text: str) -> bool:
    """True when `text` holds the whole answer word for word (a friendly opener around a copy is not a rewording)."""
    return bool(_norm(answer)) and f" {_norm(answer)} " in f" {_norm(text)} "


def near_copy(answer: str, text: str, *, share: float = 0.15) -> bool:
    """True when `text` changes fewer than max(2, share of the answer's words) of the answer's words (inserted,
    dropped or replaced): "... available in a wide width right now (...)" is the answer with two words added,
    not the model's wording."""
    mine, theirs = _norm(answer).split(), _norm(text).split()
    ops = SequenceMatcher(None, mine, theirs, autojunk=False).get_opcodes()
    changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")
    return changed < max(2.0, share * len(mine))


def _values(text: str, names: Iterable[str]) -> list[str]:
    """What the answer states that a rewording must keep: facts (numbers, dates, codes) and known names."""
    out = [f.text for f in extract_facts(text)]
    out += [f.text for f in find_names(text, names)]
    return out


def _find(text: str, value: str) -> int:
    """Where `value` stands in `text` as a whole word or phrase (-1: nowhere); a size like "L" must match its case."""
    flags = 0 if len(value) <= 4 and value.isupper() else re.IGNORECASE
    match = re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text, flags)
    return match.start() if match else -1


def _clause_negated(text: str, value: str) -> bool | None:
    """Whether the clause that holds `value` is negative (None: the value is not in the text)."""
    low = text.lower()
    at = _find(text, value)
    if at < 0:
        return None
    starts = [0] + [m.end() for m in _CLAUSE.finditer(low) if m.end() <= at]
    ends = [m.start() for m in _CLAUSE.finditer(low) if m.start() >= at + len(value)] + [len(low)]
    return bool(NEGATION.search(low[starts[-1] : ends[0]]))


def _leading_answer(answer: str, text: str, question: str) -> list[str]:
    """A yes/no question keeps its yes or no up front; one the model put in front must answer a yes/no question."""
    lead = re.match(r"\s*(yes|no)\b", answer, re.I)
    if lead:
        return [] if re.match(rf"\s*{lead.group(1)}\b", text, re.I) else [f"drops the leading {lead.group(1)!r}"]
    return yes_no_problems(text, question) if question else []


def paraphrase_problems(
    answer: str,
    candidate: str,
    *,
    question: str = "",
    known_names: Iterable[str] = (),
    keep: Iterable[str] = (),
    every_word: bool = False,
) -> list[str]:
    """Why `candidate` is not a faithful rewording of `answer` (empty list: it is one).

    `keep` names further words the rewording must hold and keep the polarity of (sizes, colours, statuses).
    `every_word` (the shop's own policy sentences): every content word of the answer must stay, so that no
    condition, exception or qualifier ("unworn", "except Gold members") can be dropped.
    """
    # a tuple is kept as it is (one per catalog version): the name indexes behind find_names are found by identity
    names = known_names if isinstance(known_names, tuple) else tuple(n for n in known_names if n)
    problems: list[str] = []
    text = candidate.strip()
    if not text or not re.search(r"[.!]$", text) or "?" in text or "\n" in text:
        problems.append("not one or two finished statements")
    if len(text) > MAX_GROWTH * len(answer) + 40:
        problems.append("much longer than the answer")
    values = _values(answer, names) + [m.group(0) for m in KEPT_WORDS.finditer(answer)]
    values += [k for k in keep if k and _find(answer, k) >= 0]
    for value in dict.fromkeys(values):
        if _find(text, value) < 0:
            problems.append(f"drops {value!r}")
        elif _clause_negated(text, value) != _clause_negated(answer, value):
            problems.append(f"changes whether {value!r} holds")
    for name in find_names(answer, names):  # "the Tee is available at the Tees for ..." is a small model looping
        if len(re.findall(re.escape(name.value), text, re.I)) > len(re.findall(re.escape(name.value), answer, re.I)):
            problems.append(f"repeats {name.value!r}")
    if re.search(r"\$\s?\d[\d.,]*\s+(?:USD|EUR|GBP)\b", text):
        problems.append("writes the currency twice")
    problems += _leading_answer(answer, text, question)
    if bool(NEGATION.search(answer)) != bool(NEGATION.search(text)):
        problems.append("changes the answer's polarity")
    if FIRST_PERSON.search(answer) and not FIRST_PERSON.search(text):
        problems.append("no longer says what the shop does (we/our)")
    added = not_equivalent(words(text) - words(answer) - words(question) - ALLOWED_WORDS, answer)
    if added:
        problems.append(f"adds {', '.join(sorted(added))}")
    # nothing of the answer lost: its words (a policy sentence: every one of them), alternatives, quoted words
    lost = coverage_problems(answer, text, may_drop=frozenset() if every_word else ALLOWED_WORDS, strict=every_word)
    problems += lost
    if every_word and _rule_words(text) != _rule_words(answer):
        problems.append("changes a condition, scope or negation word")
    if every_word and not any(p.startswith("drops the words") for p in lost):
        problems += [f"moves words out of {part!r}" for part in _scattered(answer, text)]
    verdict = verify(text, answer, known_names=names)
    problems += [f"states what the answer does not: {r}" for r in verdict.reasons]
    promised = find_promises(text, grounding=answer)
    if every_word:  # the policy's own wording of a rule, all its words and conditions kept, is the rule itself
        promised = [p for p in promised if p.kind not in ("action", "exception") or _find(answer, p.text) < 0]
    problems += [f"promises: {p}" for p in promised]
    problems += [f"quantity {q}" for q in unsupported_quantities(text, answer)]
    return problems

"""The grounding guard: a reply may state only facts that the grounding states."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from bot.core.fact_support import supported
from bot.core.facts import (
    PLACE_ALIASES,
    PLACES,
    Fact,
    extract_facts,
    find_names,
    name_pattern,
)
from bot.core.meaning import MeaningChecker, courtesy, sentences
from bot.core.meaning.derived import counted_back, derived_money
from bot.core.meaning.index import days_covered
from bot.core.meaning.lists import list_counts
from bot.core.meaning.orders import order_notes
from bot.core.meaning.praise import praise_notes, unsupported_sales
from bot.core.meaning.return_deadlines import deadline_notes
from bot.core.meaning.text import is_negative

# text a shop assistant never says unless it is echoing its prompt or chat template
LEAK_MARKERS = (
    "<|im_start|>",
    "<|im_end|>",
    "<|endoftext|>",
    "<|system|>",
    "system prompt",
    "my instructions",
    "these instructions",
    "shop information:",
    "### ",
    "[source",
    "you are shopbot",
)
LEAK_NGRAM = 7  # this many consecutive words copied from the system prompt count as leakage
# a small model that did not read the grounding talks about itself instead
OFF_TOPIC_MARKERS = (
    "as an ai",
    "as a chatbot",
    "as a human chatbot",
    "digital assistant",
    "language model",
    "real-time",
    "personal data",
    "personal preferences",
    "i don't have access",
    "i do not have access",
    "google",
)
NEGATION_COVER = 0.8  # share of a negative sentence's words one negative grounding sentence must hold
MIN_MISSING_WORDS = 2
MEANING_MIN_SUPPORT = 0.6  # with the meaning check, a fluent paraphrase may use more words of its own  # one unexplained word ("arrive") is paraphrase, not invention

# words any polite reply may use without the grounding saying them, and how a fluent reply paraphrases the
# shop's own words (parcel for package, expect for arrive)
CONVERSATIONAL = frozenset(
    """sorry happy glad help helps thank thanks please welcome question questions assist assistance agent human connect sure course great customer customers contact know let like would could also just here there that this these those they them their have been being will shall should must able unfortunately however information details more further anything else today what when where which while
    with your yours about again still only each every other another into from than then very really much many some parcel package expect goes handled around roughly typically usually cost costs comes come offered available moment closest nearest smallest largest plain states says otherwise something
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a reply is safe to send, and which of its facts the grounding does not support."""

    ok: bool
    unsupported: list[Fact] = field(default_factory=list)
    leaked: bool = False
    reasons: list[str] = field(default_factory=list)
    support: float = 1.0  # share of the reply's content words found in the grounding or the question


def verify(
    reply_text: str,
    grounding_text: str,
    *,
    known_names: Iterable[str] = (),
    system_prompt: str = "",
    question: str = "",
    min_support: float = 0.0,
    meaning: MeaningChecker | None = None,
    grounding_blocks: Sequence[str] | None = None,
) -> Verdict:
    """Reject a reply that states a fact or known name absent from the grounding, or leaks the prompt.

    With min_support > 0, also reject a reply whose content words mostly do not occur in the
    grounding or the question (a small model's invented small print), or that talks about itself.
    With a meaning checker, also reject claims whose facts are bound, negated or conditioned
    differently from the grounding (bot/core/meaning/); it replaces the word-level polarity and
    "stitched sentence" heuristics, which rejected correct paraphrases.
    """
    reasons: list[str] = []
    notes = order_notes(grounding_text) + deadline_notes(grounding_text)  # as a shopper is told it; window's last day
    if notes:
        grounding_blocks = [*(grounding_blocks if grounding_blocks is not None else [grounding_text]), *notes]
        grounding_text = "\n".join([grounding_text, *notes])
    leaked = _leaks(reply_text, system_prompt)
    if leaked:
        reasons.append("prompt leakage")
    # the words a shopper is told the data's own praise in ("highly rated" for 4.7 out of 5) count as the data's
    support, missing = lexical_support(reply_text, f"{grounding_text}\n{question}\n{praise_notes(grounding_text)}")
    if min_support > 0:
        if meaning is not None:  # the meaning check reads paraphrases; the word share only catches invented small print
            min_support = min(min_support, MEANING_MIN_SUPPORT)
        if support < min_support and missing >= MIN_MISSING_WORDS:
            reasons.append(f"off the grounding: {support:.0%} of its words are supported")
        if any(marker in reply_text.lower() for marker in OFF_TOPIC_MARKERS):
            reasons.append("talks about itself instead of the shop")
        if meaning is not None and grounding_text.strip() and _only_hedges(reply_text):
            # a model's "I'm not sure about that." states nothing: the composer answers from the data instead
            reasons.append("says it does not know, though the shop's data is given")
        if meaning is not None:
            blocks = grounding_blocks if grounding_blocks is not None else grounding_text
            for finding in meaning.check(reply_text, blocks, question=question, known_names=known_names):
                why = "; ".join(finding.reasons) or "reads unlike the grounding"
                reasons.append(f"meaning ({finding.p_unsupported:.2f}): {finding.sentence!r}: {why}")
        else:
            reasons += [f"contradicts the grounding: {s!r}" for s in polarity_conflicts(reply_text, grounding_text)]
            reasons += [f"mixes unrelated statements: {s!r}" for s in loose_sentences(reply_text, grounding_text)]
    grounded = extract_facts(grounding_text)
    if meaning is not None:
        grounded += _given_numbers(reply_text, question, grounding_blocks or [grounding_text])
    facts = extract_facts(reply_text)
    unsupported = [f for f in facts if not supported(f, grounded)]
    unsupported += _stray_codes(reply_text, facts, grounding_text)
    mentioned = find_names(reply_text, known_names) + find_names(reply_text, PLACES, kind="place")
    # with the meaning check, a sentence's polarity is its main clause's ("..., except for Gold members" is no refusal)
    negative = _is_negative if meaning is None else is_negative
    unsupported += [name for name in mentioned if not _name_supported(name, reply_text, grounding_text, negative)]
    unsupported.sort(key=lambda f: f.start)
    reasons += [f"unsupported {f.kind}: {f.text}" for f in unsupported] + unsupported_sales(reply_text, grounding_text)
    return Verdict(ok=not reasons, unsupported=unsupported, leaked=leaked, reasons=reasons, support=support)


def _given_numbers(reply: str, question: str, blocks: Sequence[str]) -> list[Fact]:
    """Numbers a reply may state beyond the grounding's, once the meaning check binds them: the shopper's own figures
    ("a 32 waist", "$99 extra", "my 15% code"), the count of a list the grounding gives ("four levels: Guest, Bronze, ..."), a figure
    the reply works out and a count of things just named (meaning/derived.py)."""
    own = [f for f in extract_facts(question) if f.kind in ("number", "money", "percent")]
    text = "\n".join(blocks)  # a figure the reply works out ("so $10.00 for two"), a count of things just named
    derived = (*derived_money(reply, question, text), *counted_back(reply, text))
    return own + [Fact("number", n, n) for n in (*list_counts(reply, question, blocks), *derived)]


_HEDGE_ONLY = re.compile(
    r"^\W*(?:i'?m|i am)\s+(?:not sure|afraid i don'?t know|unable to (?:say|tell))\b|^\W*i\s+(?:don'?t|do not) know\b",
    re.I,
)


def _only_hedges(reply: str) -> bool:
    """Every sentence of the reply that is not politeness only says it does not know."""
    said = [s for s in sentences(reply) if not courtesy(s)]
    return bool(said) and all(_HEDGE_ONLY.search(s) for s in said)


def polarity_conflicts(reply: str, grounding: str) -> list[str]:
    """Reply sentences whose closest grounding sentence says the opposite (one has a negation, the other not)."""
    ground = [(g, _content(g)) for g in _SENTENCES.split(grounding) if g.strip()]
    negative_ground = [w for g, w in ground if _is_negative(g)]
    conflicts = []
    for sentence in _SENTENCES.split(reply):
        words = _content(sentence)
        if words and _is_negative(sentence):
            # a refusal is the easiest thing for a small model to invent: it needs a refusal in the grounding
            cover = max((len(words & w) / len(words) for w in negative_ground), default=0.0)
            if cover < NEGATION_COVER:
                conflicts.append(sentence.strip())
                continue
        if len(words) < 2 or not ground:
            continue
        best, overlap = max(((g, len(words & w)) for g, w in ground), key=lambda x: x[1])
        if overlap >= 2 and _is_negative(best) != _is_negative(sentence):
            conflicts.append(sentence.strip())
    return conflicts


_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "are",
        "you",
        "our",
        "was",
        "has",
        "had",
        "its",
        "can",
        "may",
        "any",
        "all",
        "who",
        "how",
        "why",
        "yes",
        "per",
        "via",
        "but",
        "out",
        "off",
        "own",
        "too",
        "get",
        "got",
        "use",
        "used",
        "one",
        "two",
        "does",
        "did",
    ]
)


def loose_sentences(reply: str, grounding: str, *, min_cover: float = 0.5) -> list[str]:
    """Reply sentences that no single grounding sentence mostly covers (words stitched from all over)."""
    ground = [_content(g) for g in _SENTENCES.split(grounding) if g.strip()]
    loose = []
    for sentence in _SENTENCES.split(reply):
        words = _content(sentence)
        if len(words) < 3 or not ground:
            continue
        if max(len(words & g) for g in ground) / len(words) < min_cover:
            loose.append(sentence.strip())
    return loose


def _content(text: str) -> set[str]:
    text = re.sub(r"n[’']t\b", " not", text.lower())
    return {
        _stem(w)
        for w in re.findall(r"[a-z]+", text)
        if len(w) >= 3 and w not in CONVERSATIONAL and w not in _NEG_WORDS and w not in _STOP
    }


def lexical_support(reply: str, source: str) -> tuple[float, int]:
    """Share of the reply's content words (stemmed, 4+ letters, not small talk) found in source, and how many are not."""
    reply = " ".join(s for s in sentences(reply) if not courtesy(s))  # "Good question!" states nothing
    reply = re.sub(r"\bas long as\b", "while", re.sub(r"n[’']t\b", " not", reply.lower()))
    words = [_stem(w) for w in re.findall(r"[a-z]+", reply) if len(w) >= 4 and w not in CONVERSATIONAL]
    if not words:
        return 1.0, 0
    low = source.lower()
    known = {_stem(w) for w in re.findall(r"[a-z]+", low)} | days_covered(low)
    if re.search(r"\bsizes?\b", low):
        known |= _SIZE_NAMES  # "small is sold out" where the fact line lists size S
    # a word of the same family ("hard" for "hardens", "returnable" for "returned"): a shared start of 5 letters
    starts = {k[:5] for k in known if len(k) >= 5} | {k[:4] for k in known if len(k) >= 4}
    found = sum(w in known or (w[:5] if len(w) >= 5 else w) in starts for w in words)
    return found / len(words), len(words) - found


_SIZE_NAMES = frozenset(["small", "medium", "large", "extra"])


def _stem(word: str) -> str:
    if word.endswith("es") and not re.search(r"(?:[sxz]|[cs]h)es$", word):
        word = word[:-1]  # sizes -> size (boxes -> box below)
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


_NEG_WORDS = frozenset(
    ["not", "no", "never", "cannot", "can't", "don't", "doesn't", "won't", "isn't", "aren't", "unable", "except", "nor"]
)
_NEGATION = re.compile(r"\b(?:not|no|never|nor|cannot|unable|except)\b|n[’']t\b", re.IGNORECASE)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")


def _name_supported(name: Fact, reply: str, grounding: str, negative: Callable[[str], bool] | None = None) -> bool:
    """The name (or an alias) is in the grounding, said with the same polarity ("we do not ship to X"). The reply's
    polarity is the clause's that holds the name: "It was returned within the US, so no fee is deducted" says nothing
    negative of the US, "We ship to Mexico, but not to Canada" does of Canada. The grounding is read by sentence."""
    negative = negative or _is_negative
    reply_negative = {negative(c) for c in _clauses_with(reply, name.value)}
    for candidate in (name.value, *PLACE_ALIASES.get(name.value, ())):
        grounding_polarity = {negative(s) for s in _sentences_with(grounding, candidate)}
        if grounding_polarity and (reply_negative & grounding_polarity or not reply_negative):
            return True
    return False


def _sentences_with(text: str, name: str) -> list[str]:
    pattern = name_pattern(name)
    return [s for s in _SENTENCES.split(text) if pattern.search(s)]


# where one clause of a sentence ends and another, with a polarity of its own, begins
_CLAUSES = re.compile(r";\s+|\s+[–—]\s+|\s+-{1,2}\s+|,\s+(?=(?:so|but|while|whereas|although|though|yet)\b)", re.I)


def _clauses_with(text: str, name: str) -> list[str]:
    pattern = name_pattern(name)
    return [c for s in _sentences_with(text, name) for c in _CLAUSES.split(s) if pattern.search(c)]


def _is_negative(sentence: str) -> bool:
    return bool(_NEGATION.search(sentence.replace("*", "")))


_CODE = re.compile(r"[\w-]*\d[\w-]*")


def _stray_codes(reply: str, facts: list[Fact], grounding: str) -> list[Fact]:
    """Digit-bearing words no fact pattern claimed ("1-a-3-r4-l2") must appear verbatim in the grounding."""
    spans = [(f.start, f.end) for f in facts]
    ground = grounding.lower()
    stray = []
    for match in _CODE.finditer(reply):
        word = match.group(0).strip("-_")
        digits = [match.start() + i for i, c in enumerate(match.group(0)) if c.isdigit()]
        covered = all(any(s <= d < e for s, e in spans) for d in digits)  # those facts are checked on their own
        if covered or not word or word.lower() in ground:
            continue
        stray.append(Fact("code", word, word.lower(), match.start(), match.end()))
    return stray


def _leaks(reply: str, system_prompt: str) -> bool:
    low = reply.lower()
    if any(marker in low for marker in LEAK_MARKERS):
        return True
    prompt_words = re.findall(r"\w+", system_prompt.lower())
    if len(prompt_words) < LEAK_NGRAM:
        return False
    reply_words = " " + " ".join(re.findall(r"\w+", low)) + " "
    return any(
        " " + " ".join(prompt_words[i : i + LEAK_NGRAM]) + " " in reply_words
        for i in range(len(prompt_words) - LEAK_NGRAM + 1)
    )

"""Two questions in one message ("how much is shipping to Canada and how long does it take?"): split it into its
parts, each searchable alone (a part that says "it" borrows the subject of the part before), so that each part is
answered from the data and the reply loses neither."""

from __future__ import annotations

import re

# where a second question starts: after "?", or after "and"/"also"/";" when a question word follows
_STARTS = r"(?:how|hows|what|whats|which|when|where|wheres|who|whom|whose|why|can|could|do|does|did|is|are|will|would|should|may|am)\b"
SPLIT = re.compile(
    rf"\?\s+(?=\w)|,\s+(?=(?:what|which|how|when|where|can|could|do|does|are|is)\b)|\s*(?:,\s*)?\b(?:and|also|plus)\s+(?:also\s+)?(?={_STARTS})|;\s*(?={_STARTS})",
    re.I,
)
QUESTION = re.compile(rf"^\W*(?:(?:and|so|also|but|ok|okay|hi|hey)[,!]?\s+)?{_STARTS}", re.I)
PRONOUN = re.compile(r"\b(?:it|they|them|that|this|those|these|one)\b", re.I)
LEAD = re.compile(
    rf"^\W*(?:(?:and|so|also|but|ok|okay|hi|hey)[,!]?\s+)?(?:{_STARTS}\s*)+(?:(?:much|long|many|far|soon|fast|quickly)\s+)?"
    r"(?:(?:is|are|does|do|will|would|it|i|you|we|the|a|an)\s+)*",
    re.I,
)
MIN_WORDS = 3
TRAILING_VERB = r"(?:expire|work|cost|take|last|arrive|ship|come|need|mean|apply|count)"
# "What amounts?", "what amounts are there?": a question word and a noun, its subject is the first part's
BARE = re.compile(r"^\W*(?:and\s+)?(?:what|which|how many)\s+\w+(?:\s+(?:are|is)\s+there)?\W*$", re.I)


def _min_words(part: str) -> int:
    return 2 if BARE.search(part) else MIN_WORDS


def question_parts(text: str) -> list[str]:
    """The questions a message asks, when it asks two or three; [] for one question (or a sentence with "and" in it)."""
    parts = [p.strip(" ,;") for p in SPLIT.split(text.strip()) if p and p.strip(" ,;?")]
    if not 2 <= len(parts) <= 3:
        return []
    if not all(QUESTION.search(p) and len(re.findall(r"\w+", p)) >= _min_words(p) for p in parts):
        return []
    out = [_as_question(parts[0])]
    subject = _subject(parts[0])
    for part in parts[1:]:
        q = _as_question(part)
        if (
            subject
            and re.search(r"\b(?:buy|get|use|order|send|return) one\b", q, re.I)
            and not _shares_words(q, subject)
        ):
            q = re.sub(r"\bone\b", subject, q, count=1)  # "can I buy one with a promo code?" after gift cards
        elif subject and (PRONOUN.search(q) or BARE.search(q)) and not _shares_words(q, subject):
            q = f"{q[:-1]} ({subject})?"  # "how long does it take" after shipping to Canada: the subject carried over
        out.append(q)
    return out


def _as_question(part: str) -> str:
    part = part.strip()
    part = part[:1].upper() + part[1:]
    return part if part.endswith("?") else part.rstrip(".!") + "?"


def _subject(part: str) -> str:
    """What the first question is about: its words after the question words ("shipping to Canada"), without
    the verb that ends it ("do gift cards expire" -> "gift cards")."""
    subject = LEAD.sub("", part).strip(" ?.!,")
    subject = re.sub(r"^(?:your|my|our|the)\s+", "", subject, flags=re.I)
    return re.sub(rf"\s+{TRAILING_VERB}$", "", subject, flags=re.I)


def _shares_words(q: str, subject: str) -> bool:
    words = {w for w in re.findall(r"[a-z]{4,}", subject.lower())}
    return bool(words & set(re.findall(r"[a-z]{4,}", q.lower())))

"""Two questions in one message ("how much is shipping to Canada and how long does it take?"): split it into its
parts, each searchable alone (a part that says "it" borrows the subject of the part before), so that each part is
answered from the data and the reply loses neither.

A statement is no part: before the questions it sets their subject ("I bought a leather jacket. Can it go in the
machine? And how do I store it?": both parts are about the leather jacket), and inside a part it is that part's own
context ("i got a weird email saying ..., was that you guys?")."""

from __future__ import annotations

import re

from bot.core.places import places_in

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
    r"(?:(?:is|are|does|do|will|would|it|i|you|we|the|a|an|have|has|there)\s+)*",
    re.I,
)
MIN_WORDS = 3
CASE_FACT = re.compile(r"\$\s?\d|\b\d+\s*(?:dollars|bucks|usd)\b|\b(?:guest|bronze|silver|gold)\b", re.I)
# "the seattle one", "the black one": a thing named, not a word that points back
NAMED_ONE = re.compile(r"\b(?:the|this|that)\s+(?!other\b|\w+(?:est|er)\b)\w+\s+ones?\b", re.I)
# a statement that leads to its question: "i got a weird email saying ..., was that you guys?"
LED_QUESTION = re.compile(rf"[,;:]\s+(?:and\s+|so\s+|but\s+)?(?:{_STARTS}|was|were|has|have)\b[^,;:]*\??$", re.I)
# a conditional clause: it holds for every part after it, so it is never one part's lead ("if I order today, ...")
CONDITION = re.compile(r"^\W*(?:if|when|once|after|before|unless|in case)\b", re.I)
# a question word anywhere in a piece ("X dress - what colours ..."): the piece asks, it leads nothing
ANY_QUESTION = re.compile(rf"(?:^|[\s,;:(-]){_STARTS}", re.I)
# where a statement before the questions ends ("I bought a leather jacket. Can it ...")
STATEMENT_END = re.compile(r"(?<=[a-z0-9)'\"][.!])\s+(?=\w)", re.I)
# the thing a statement says the shopper has or is buying: "i bought a leather jacket", "got store credit from a return"
OWNS = re.compile(
    r"^\W*(?:(?:hi|hey|hello|so|ok|okay)[,!]?\s+)?(?:(?:i|we|i'm|im|i am|we're|my \w+)\s+)?(?:just\s+|recently\s+)?"
    r"(?:bought|got|ordered|purchased|received|have|had|own|am buying|'m buying|buying|want to buy|am getting|getting)\s+"
    r"(?:(?:a|an|the|my|some|this|these|that|two|2|a pair of|one of your|one of the)\s+)*(.+)$",
    re.I,
)
STOP_AT = frozenset(
    ("from", "for", "at", "in", "on", "last", "yesterday", "today", "this", "that", "which", "and", "but", "with",
     "to", "as", "like", "since", "when", "after", "before", "because", "so")
)  # fmt: skip
TRAILING_VERB = r"(?:expire|work|cost|take|last|arrive|ship|come|need|mean|apply|count)"
# "What amounts?", "what amounts are there?": a question word and a noun, its subject is the first part's
BARE = re.compile(r"^\W*(?:and\s+)?(?:what|which|how many)\s+\w+(?:\s+(?:are|is)\s+there)?\W*$", re.I)


def _min_words(part: str) -> int:
    return 2 if BARE.search(part) else MIN_WORDS


def question_parts(text: str) -> list[str]:
    """The questions a message asks, when it asks two or three; [] for one question (or a sentence with "and" in it)."""
    context, rest = _context(text.strip())
    subject = _context_subject(context)
    pieces = _pieces(rest if subject else text.strip())  # "ugh.", "ok the cheaper one then.": the message as asked
    parts = _with_leads(pieces)
    if not 2 <= len(parts) <= 3:
        return []
    if not all(_asks(p) and len(re.findall(r"\w+", p)) >= _min_words(p) for p in parts):
        return []
    if any(_states_case(p[: len(p) - len(asked_of(p))]) for p in parts):
        return []  # "..., ordering $60 to Denver, what's the difference?": the stated case holds for every part
    out: list[str] = []
    for n, part in enumerate(parts):
        q = _as_question(part)
        if n == 0 and not subject:
            subject = _subject(asked_of(part))
        elif subject and _carries(part):
            # the thing the statement before the questions names is what "it" means, whatever else a part names
            named = subject.lower() in q.lower() if context else _shares_words(q, subject)
            if re.search(r"\b(?:buy|get|use|order|send|return) one\b", q, re.I) and not named:
                q = re.sub(r"\bone\b", subject, q, count=1)  # "can I buy one with a promo code?" after gift cards
            elif (PRONOUN.search(NAMED_ONE.sub("", q)) or BARE.search(q)) and not named:
                q = f"{q[:-1]} ({subject})?"  # "how long does it take" after shipping to Canada: the subject carried
        out.append(q)
    return out


def _pieces(text: str) -> list[tuple[str, bool]]:
    """The message cut where a question may end, each piece with whether the shopper ended it with "?"."""
    out: list[tuple[str, bool]] = []
    at = 0
    for m in [*SPLIT.finditer(text), None]:
        piece = text[at : m.start() if m else len(text)]
        asked = piece.rstrip().endswith("?") or (m is not None and m.group(0).startswith("?"))
        if piece.strip(" ,;?"):
            out.append((piece.strip(" ,;"), asked))
        at = m.end() if m else len(text)
    return out


def _asks(part: str) -> bool:
    """A question: it opens with a question word, or a statement leads to one ("i got an email, was that you?")."""
    return bool(QUESTION.search(part) or LED_QUESTION.search(part) and not CONDITION.search(part))


def _states_case(lead: str) -> bool:
    """A statement that gives the shopper's case (an amount, a place, a membership level)."""
    return bool(lead and (CASE_FACT.search(lead) or places_in(lead)))


def led(part: str) -> bool:
    """A statement leads to the part's question ("forgot my password, can you tell me what it is?")."""
    return not QUESTION.search(part) and bool(LED_QUESTION.search(part))


def asked_of(part: str) -> str:
    """The question of a part without the statement that leads to it (a lead that asks something itself, "what
    amounts can i get, do they expire, and can she ...", is no statement: the whole is kept)."""
    m = None if QUESTION.search(part) else LED_QUESTION.search(part)
    if m is None or ANY_QUESTION.search(part[: m.start()]):
        return part
    return part[m.start() :].lstrip(",;: ")


def _carries(part: str) -> bool:
    """Whether a later part borrows the subject before it: not when its own statement names enough of its own
    ("i got a weird email saying a service was added, was that you?"); yes for "i'm short, can you take them up?"."""
    lead = part[: len(part) - len(asked_of(part))]
    return len([w for w in re.findall(r"[a-z]{4,}", lead.lower()) if w not in ("also", "just", "that", "this")]) < 3


def _with_leads(pieces: list[tuple[str, bool]]) -> list[str]:
    """A statement ("forgot my password") leads the question after it: a piece that the shopper did not end with
    "?", holds no question word and sets no condition. Any other piece stays a part of its own."""
    out: list[str] = []
    lead = ""
    for piece, asked in pieces:
        joined = f"{lead}, {piece}" if lead else piece
        if asked or _asks(piece) or ANY_QUESTION.search(piece) or CONDITION.search(piece):
            out.append(joined)
            lead = ""
        else:
            lead = joined
    if lead:
        out.append(lead)  # a statement after the questions: a part that asks nothing (the message is asked whole)
    return out


def _context(text: str) -> tuple[str, str]:
    """The statements before the first question ("I bought a leather jacket.") and the rest of the message."""
    sentences = STATEMENT_END.split(text)
    n = 0
    while n < len(sentences) - 1 and "?" not in sentences[n] and not ANY_QUESTION.search(sentences[n]):
        n += 1
    return " ".join(sentences[:n]), " ".join(sentences[n:])


def _context_subject(context: str) -> str:
    """What a statement before the questions is about: "I bought a leather jacket from you" -> "leather jacket";
    "" when it names no thing of its own ("I'm visiting Chicago next weekend")."""
    m = OWNS.search(context)
    if m is None:
        return ""
    words = re.findall(r"[\w%'$-]+", m.group(1))[:5]
    kept = words[: next((i for i, w in enumerate(words) if w.lower() in STOP_AT), len(words))]
    return " ".join(kept) if kept and not PRONOUN.search(" ".join(kept)) else ""


def _as_question(part: str) -> str:
    part = part.strip()
    part = part[:1].upper() + part[1:]
    return part if part.endswith("?") else part.rstrip(".!") + "?"


def _subject(part: str) -> str:
    """What the first question is about: its words after the question words ("shipping to Canada"), without
    the verb that ends it ("do gift cards expire" -> "gift cards"); "" when those words point back themselves
    ("which one of those is cheaper")."""
    subject = LEAD.sub("", part).strip(" ?.!,")
    subject = re.sub(r"^(?:your|ur|my|our|the)\s+", "", subject, flags=re.I)
    subject = re.sub(
        rf"\s+{TRAILING_VERB}(?:\s+\w+)?(?:\s+(?:it|them|that|this|those|these))?$", "", subject, flags=re.I
    )
    subject = subject.replace("(", "").replace(")", "")  # "jeans (women's)": one bracket, the carried subject's
    subject = re.sub(r"^(?:that|this|those|these)\s+(?!(?:is|are|was|were|one|ones)\b)", "", subject, flags=re.I)
    return "" if re.match(r"^(?:one|those|these|that|this|it|they|them)\b", subject, re.I) else subject


def _shares_words(q: str, subject: str) -> bool:
    words = {w for w in re.findall(r"[a-z]{4,}", subject.lower())}
    return bool(words & set(re.findall(r"[a-z]{4,}", q.lower())))

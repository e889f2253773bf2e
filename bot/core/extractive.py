"""Extractive replies: whole sentences and fact lines copied from the grounding, never rewritten.

Used when the generator's reply fails verification or the backend fails, and by the composer to pick the
sentences a small model sees in its prompt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.core.facts import PLACES
from bot.core.promises import unquotable

if TYPE_CHECKING:
    from bot.core.grounding import Grounding

EmbedFn = Callable[[list[str]], Any]  # texts -> (n, dim) unit vectors

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "have",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "please",
        "the",
        "their",
        "there",
        "this",
        "to",
        "was",
        "we",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "us",
        "so",
        "up",
        "no",
        "not",
        "any",
        "all",
        "am",
        "be",
    ]
)
_BOUNDARY = re.compile(r"[.!?][\"')\]]*\s+")
# a full stop after these is not a sentence end (unless a capital letter follows, for the ones that can end one)
ABBREVIATIONS = frozenset(
    {
        "approx",
        "e.g",
        "i.e",
        "vs",
        "etc",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "nos",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
        "min",
        "max",
        "incl",
        "excl",
        "est",
        "dept",
        "ft",
        "oz",
        "lb",
        "lbs",
        "qty",
        "tel",
        "fig",
        "ca",
        "cf",
    }
)
NEVER_END = frozenset({"e.g", "i.e", "approx", "vs", "p.o", "cf", "mr", "mrs", "ms", "dr", "prof"})
_INITIALISM = re.compile(r"(?:\b[A-Za-z]\.){2,}$")  # U.S., P.O., D.C., a.m.

# What kind of answer a question asks for, and what a sentence holding that answer looks like.
_UNITS = r"(?:business\s+|calendar\s+|working\s+)?(?:days?|weeks?|months?|hours?|years?|minutes?)"
QUESTION_TYPES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "duration": (
        re.compile(
            r"\bhow long (?:do|does|did|will|would|can|until|before|to|have|has|for|is it|does it|will it)\b|\bhow (?:many (?:days|weeks|months|hours)|soon|quickly|fast)\b|\bwhen will\b|\btime limit\b|\bdeadline\b|\bwindow\b",
            re.I,
        ),
        re.compile(
            rf"\b\d+(?:\.\d+)?(?:\s*[–-]\s*\d+)?\s*{_UNITS}\b|\b(?:one|two|three|four|five|six|seven|ten|twelve)\s+{_UNITS}\b|\bunlimited\b|\bno time limit\b|\bnext business day\b|\bsame day\b|\bright away\b|\bimmediately\b|\bnever expire",
            re.I,
        ),
    ),
    "price": (
        re.compile(
            r"\bhow much\b|\bcosts?\b|\bprices?\b(?! match| drop| adjust| guarantee)|\bfees?\b|\bcharged?\b|\bexpensive\b|\bcheap|\bpay for\b|\bfree\b|\brates?\b",
            re.I,
        ),
        re.compile(
            r"[$€£]\s?\d|\b\d+(?:\.\d+)?\s?(?:USD|dollars)\b|\bfree\b|\bno charge\b|\bat no cost\b|\b\d+% off\b", re.I
        ),
    ),
    "place": (
        # "where", "which countries", or a named place with shipping ("ship to Japan"; not "ship to my P.O. box")
        re.compile(
            r"\bwhere\b|\bwhich countr|\bwhat countr|\bcountries\b|\binternational|\babroad\b|"
            r"\b(?:ship|send|deliver)\w*\b.*\b(?:"
            + "|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True))
            + r")\b",
            re.I,
        ),
        re.compile(
            r"\b(?:"
            + "|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True))
            + r"|states|stores?|Portland|Seattle|Chicago|countr(?:y|ies))\b"
        ),
    ),
    "phone": (
        re.compile(r"\b(?:phone|telephone|call you|number to call|hotline)\b", re.I),
        re.compile(r"\b\d-\d{3}-\d{3}-\d{4}\b|\(?\d{3}\)?[ -]\d{3}-\d{4}\b"),
    ),
    "email": (
        re.compile(r"\be-?mail\b", re.I),
        re.compile(r"[\w.+-]+@[\w-]+\.\w+"),
    ),
    "time": (
        re.compile(r"\bwhat time\b|\bwhen (?:do|does|are|is)\b|\bopening hours\b|\bhours\b|\bopen\b|\bwhat day", re.I),
        re.compile(
            r"\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)\b|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b|\b24/7\b",
            re.I,
        ),
    ),
}
ENTITY_BONUS = (
    0.15  # added to a sentence's score for naming the question's rare words (a brand, a country, a payment method)
)
HEADER_WEIGHT = 0.35  # share of a sentence's score that comes from its section heading
TYPE_BONUS = 0.3  # added to a sentence's score when it holds the kind of answer asked for: nearly a filter
RANK_PENALTY = 0.04  # per retrieval rank of the passage a sentence comes from
SECOND_WITHIN = 0.06  # a second sentence is kept when it scores this close to the best one
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
) -> str:
    """A short reply copied from the grounding: the structured facts, then the sentences that answer the question.

    With `embed` (the knowledge base's sentence embedder) sentences are scored by meaning, with a bonus for
    holding the kind of answer asked for (a duration for "how long", a price for "how much", places for
    "where"); without it, by word overlap. Sentences are copied whole, never cut or rewritten.
    """
    parts = [as_sentence(f) for f in grounding.facts[:3] if f.strip()]
    passages = [p for p in grounding.passages[:max_passages] if p.get("text", "").strip()]
    if passages:
        chosen = _by_meaning(question, passages, embed, max_sentences) if embed is not None else None
        parts += chosen if chosen is not None else _by_overlap(question, passages, max_sentences, bool(parts))
    text = ""
    for part in parts:
        if text and len(text) + len(part) + 1 > max_chars:
            break
        text = f"{text} {part}".strip()
    return text[:max_chars] if text else not_sure


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


def question_types(question: str) -> list[str]:
    """The kinds of answer a question asks for: duration, price, place, time (possibly none)."""
    return [name for name, (asks, _) in QUESTION_TYPES.items() if asks.search(question)]


def answers_type(sentence: str, kinds: Sequence[str]) -> bool:
    """True when the sentence holds an answer of one of the kinds."""
    return any(QUESTION_TYPES[k][1].search(sentence) for k in kinds)


def _by_meaning(question: str, passages: list[dict[str, str]], embed: EmbedFn, max_sentences: int) -> list[str] | None:
    """The best sentences by meaning: similarity to the question, blended with the similarity of the sentence's
    section heading (what the section is about), plus the answer-type bonus, minus a retrieval-rank penalty.

    A table row is scored together with the sentence that introduces its table ("Your return window
    depends on your membership level: Guest: return window 30 days."), since a bare row says little.
    """
    found: list[tuple[int, int, str]] = []
    context: list[str] = []
    for rank, p in enumerate(passages):
        intro = ""
        for pos, x in enumerate(_quotable(sentences(p["text"], header=_header(p)))):
            row = bool(_TABLE_ROW.match(x))
            found.append((rank, pos, x))
            context.append(f"{intro} {x}".strip() if row else x)
            if not row:
                intro = x
    if not found:
        return None
    headers = [_header_line(p) for p in passages]
    try:
        vecs = np.asarray(embed([question[:1000]] + context + [h or "-" for h in headers]), dtype=np.float32)
    except Exception:  # noqa: BLE001 - an embedder failure must not lose the reply; word overlap still works
        return None
    q, body, head = vecs[0], vecs[1 : 1 + len(found)], vecs[1 + len(found) :]
    kinds = question_types(question)
    # the thing asked about counts where no kind of answer is asked for ("Do you accept PayPal?"); with one
    # ("how long ... jeans?") the kind decides, and a product word must not pull in that product's other rules
    rare = set() if kinds else _rare_terms(question, [x for _, _, x in found])
    score = []
    for i, (rank, _, x) in enumerate(found):
        similarity = float(body[i] @ q)
        if headers[rank]:
            similarity = (1 - HEADER_WEIGHT) * similarity + HEADER_WEIGHT * float(head[rank] @ q)
        if _FRAGMENT.search(
            x
        ):  # "You can return an item in three ways:", "the e-mail address, and": not an answer alone
            similarity -= 1.0
        if x[:1].islower():  # "cancel the order or remove an item.": a list item cut from its introduction
            similarity -= 0.5
        if rare:  # "Do you accept PayPal?": the sentence that names PayPal
            similarity += ENTITY_BONUS * len(rare & content_words(x)) / len(rare)
        score.append(similarity + (TYPE_BONUS if kinds and answers_type(x, kinds) else 0.0) - RANK_PENALTY * rank)
    order = sorted(range(len(found)), key=lambda i: -score[i])
    best = order[0]
    picked = [best]
    for i in order[1:]:
        if len(picked) >= max_sentences or score[i] < score[best] - SECOND_WITHIN:
            break
        if found[i][0] == found[best][0]:  # a second sentence from the same passage only
            picked.append(i)
    picked = _with_table(found, picked, best)
    block = _bullet_block(passages[found[best][0]].get("text", ""), found[best][2])
    if block:  # one item of a short list ("Credit cards: Visa, ..."): the list is the answer ("PayPal." included)
        return block
    return [as_sentence(found[i][2]) for i in sorted(picked, key=lambda i: (found[i][0], found[i][1]))]


_BULLET = re.compile(r"^\s*(?:[-*•]|\d+\.)\s+")


def _bullet_block(text: str, sentence: str, *, max_items: int = 6, max_chars: int = 400) -> list[str]:
    """The whole short bullet list that holds the sentence (each item cleaned), or [] when it is not in one."""
    lines = tables_as_sentences(text).split("\n")
    at = next(
        (
            i
            for i, line in enumerate(lines)
            if _BULLET.match(line) and sentence in clean_sentence(_BULLET.sub("", line))
        ),
        None,
    )
    if at is None:
        return []
    start, end = at, at
    while start > 0 and _BULLET.match(lines[start - 1]):
        start -= 1
    while end + 1 < len(lines) and _BULLET.match(lines[end + 1]):
        end += 1
    items = [as_sentence(clean_sentence(_BULLET.sub("", line))) for line in lines[start : end + 1]]
    items = [i for i in items if len(i) > 1 and not unquotable(i)]
    if not all(i[0].isupper() or i[0].isdigit() for i in items):
        return []  # "change the shipping address,": pieces of one sentence, not items that read alone
    if not 2 <= len(items) <= max_items or sum(len(i) + 1 for i in items) > max_chars:
        return []
    return items


def _header_line(passage: dict[str, str]) -> str:
    """The chunk's first line when it is its "Title > Heading" header, else ''."""
    first = passage.get("text", "").split("\n", 1)[0].strip()
    title = _header(passage).strip()
    if title and (first == title or first.startswith(f"{title} > ")):
        return first
    # the assistant hands passages over with the header moved into the title ("Page > Heading")
    return title if " > " in title else ""


def _with_table(found: list[tuple[int, int, str]], picked: list[int], best: int) -> list[int]:
    """When the best sentence is one row of a small table, the answer depends on the row: give the whole table."""
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
    return sorted(set(intro + block))


def _by_overlap(question: str, passages: list[dict[str, str]], max_sentences: int, have_facts: bool) -> list[str]:
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
    heading = content_words(best.get("title", "").rsplit(">", 1)[-1])
    parts: list[str] = []
    if found and words and len(words & heading) * 2 >= len(words):
        # an FAQ entry whose heading is the question: its first sentences are the answer
        return [as_sentence(x) for x in found[:max_sentences]]
    score = [len(words & content_words(x)) for x in found]
    ranked = sorted(range(len(found)), key=lambda i: (-score[i], i))[:max_sentences]
    # a second sentence must be as relevant as the first, or clearly relevant on its own
    chosen = [i for i in ranked if score[i] > 0 and (score[i] == score[ranked[0]] or score[i] >= 2)]
    if not chosen and not have_facts and found:
        chosen = [0]
    parts += [as_sentence(found[i]) for i in sorted(chosen)]
    return parts


def _quotable(found: list[str]) -> list[str]:
    """Never quote text planted for the assistant (see bot.core.promises.unquotable)."""
    return [x for x in found if not unquotable(x)]


def _header(passage: dict[str, str]) -> str:
    """The passage's title, which the knowledge base writes as the first line of a chunk ("Title > Heading")."""
    return str(passage.get("title") or "")


_ZONE = re.compile(r"(?:Eastern|Pacific|Central|Mountain|ET|PT|CT|MT|EST|PST|CST|local)\b")
# a short line that is itself an answer: an e-mail address, a phone number, a price
_VALUE = re.compile(r"[\w.+-]+@[\w-]+\.\w+|\b\d-\d{3}-\d{3}-\d{4}\b|\(?\d{3}\)?[ -]\d{3}-\d{4}\b|[$€£]\s?\d")
_FRAGMENT = re.compile(r"(?:[:,;]|\b(?:and|or|but|to|of|for|with))\s*$", re.I)
_TABLE_ROW = re.compile(r"^[^:]{1,40}: [^:]+ .+\.$")


def content_words(text: str) -> set[str]:
    """Stemmed words of the text that carry meaning (no stopwords, no single letters)."""
    return {stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS and len(w) > 1}


def stem(word: str) -> str:
    """A crude stemmer, enough for word overlap: shipping/shipped/ships -> ship."""
    for suffix in ("ping", "ped", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


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


def split_sentences(text: str) -> list[str]:
    """Split a line of prose at sentence ends, not after abbreviations ("approx.", "e.g.") or initialisms
    ("P.O. box", "U.S. states", "10 a.m. to") unless a capital letter starts the next sentence."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        word = re.search(r"(\S+)$", text[start : m.start() + 1])
        following_word = text[m.end() : m.end() + 12]
        if text[m.start()] in "?!" and following_word[:1].islower():
            continue  # 'Use "Forgot password?" on the sign-in page': a quoted question inside a sentence
        if (
            text[m.start()] == "."
            and word
            and re.match(r"(?:a|p)\.m$", word.group(1).rstrip(".").lower())
            and _ZONE.match(following_word)
        ):
            continue  # "before 2:00 p.m. Eastern Time"
        if text[m.start()] == "." and word:
            token = word.group(1).rstrip(".").lower().lstrip("(\"'")
            following = text[m.end() : m.end() + 1]
            if (
                token in NEVER_END
                or (token in ABBREVIATIONS or _INITIALISM.search(word.group(1)))
                and not following.isupper()
            ):
                continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def tables_as_sentences(text: str) -> str:
    """Turn markdown table rows into "Row: header value, header value." lines, so each row reads alone."""
    out: list[str] = []
    header: list[str] = []
    for line in text.splitlines():
        if not line.strip().startswith("|"):
            header = []
            out.append(line)
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):
            continue
        if not header:
            header = cells
            continue
        pairs = [f"{h.lower()} {c}" for h, c in zip(header[1:], cells[1:], strict=False) if c]
        out.append(f"{cells[0]}: {', '.join(pairs)}.")
    return "\n".join(out)


def clean_sentence(text: str) -> str:
    """One line of prose: markup and link targets dropped, whitespace collapsed."""
    text = re.sub(r"\*\*|__", "", " ".join(text.split()))
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # markdown links read as their text
    return re.sub(r"^[#>*\-\s]+", "", text).strip()


def as_sentence(text: str) -> str:
    """The text with a closing full stop when it has none (a colon that introduces a table stays)."""
    text = text.strip()
    return text if re.search(r"[.!?:]$", text) else text + "."  # a table's introduction keeps its colon


def cut_to_sentence(text: str, room: int) -> str:
    """At most `room` characters of the text, cut at a sentence end when one is near, else at a word."""
    head = text[:room]
    cut = max(head.rfind(". "), head.rfind("! "), head.rfind("? "))
    return head[: cut + 1] if cut > 40 else head.rsplit(" ", 1)[0]


# words that say what is done, not what it is done to: never the entity of a yes/no question
_GENERIC = frozenset(
    stem(w)
    for w in [
        "accept",
        "take",
        "sell",
        "carry",
        "ship",
        "deliver",
        "have",
        "offer",
        "get",
        "buy",
        "use",
        "pay",
        "change",
        "return",
        "order",
        "item",
        "items",
        "allow",
        "possible",
        "support",
        "need",
        "want",
        "still",
        "also",
        "really",
        "any",
        "anything",
        "way",
        "ok",
        "okay",
        "hi",
        "hey",
        "hello",
        "thanks",
        "please",
        "pls",
        "u",
        "ur",
        "know",
        "tell",
        "much",
        "many",
        "long",
        "cost",
        "price",
        "free",
    ]
)
_CONDITION = re.compile(r"\b(unless|until|as long as|only|if|once|except|before|after|within|depends?)\b", re.I)
_NEGATION = re.compile(r"\b(not|no|never|cannot|can't|don't|doesn't|won't|isn't|aren't|nor)\b", re.I)


def _rare_terms(question: str, candidates: Sequence[str]) -> set[str]:
    """The question's words that only a few candidate sentences contain (the entity asked about)."""
    terms = content_words(question) - _GENERIC
    if not terms or not candidates:
        return set()
    words = [content_words(c) for c in candidates]
    limit = max(1, len(candidates) // 3)
    return {t for t in terms if 0 < sum(t in w for w in words) <= limit}


def yes_no_lead(question: str, answer: str) -> str:
    """ "Yes. " or "No. " for a yes/no question whose answer sentence names the thing asked about, else "".

    Only when it is plain: the sentence names the question's entity, does not already start with yes or no,
    and states no condition ("until", "unless", "only"); "No" when a negation comes before the entity, nothing
    when one follows it.
    """
    terms = content_words(question) - _GENERIC
    if not terms:
        return ""
    for sentence in split_sentences(answer):
        words = content_words(sentence)
        hit = terms & words
        if hit != terms:  # every word of the thing asked about: "United States" does not answer "United Kingdom"
            continue
        if re.match(r"\s*(yes|no)\b", sentence, re.I) or _CONDITION.search(sentence):
            return ""
        low = sentence.lower()
        first = min(
            (m.start() for t in hit for m in re.finditer(rf"\b{re.escape(t)}", low)),
            default=len(low),
        )
        if _NEGATION.search(low[:first]):
            return "No. "  # "We do not accept cash on delivery, checks, ... cryptocurrency"
        # a negation after the entity ("Gift cards cannot be returned", "never expire") may be the answer or
        # another fact about it: no lead, the sentence says it
        return "" if _NEGATION.search(low) else "Yes. "
    return ""

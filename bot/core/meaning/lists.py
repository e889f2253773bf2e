"""List answers: a reply that gives a list as the whole list must give every item of the list it restates.

The grounding's lists: an inline enumeration ("Guest, Bronze, Silver and Gold"), the items of a bullet list ("By
mail", "In store", "At a drop-off center"), the row labels of a table, and the subjects of the statements of one
passage that say the same thing ("Socks, monogrammed items and hemmed jeans cannot be returned ...; gift cards cannot
be returned" lists four things that cannot be returned). A reply sentence that names two or more items of such a list
and says it is the whole list - a count ("three levels: ..."), "The levels are ...", "only", "those are all" - is
rejected when it leaves items out or counts them wrongly; a right count ("four levels") is a supported number.
Which list: the one whose own words (its sentence, heading, table header) hold the noun the reply counts or defines
("levels"), else the question's ("what levels are there?"), else any list that holds the items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.core.meaning.claims import Claim
from bot.core.meaning.text import STOP, content_words, sentences, stem

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_MEASURES = frozenset(
    [
        "days",
        "weeks",
        "months",
        "years",
        "hours",
        "minutes",
        "seconds",
        "characters",
        "times",
        "dollars",
        "cents",
        "percent",
        "pairs",
        "inches",
        "sizes",
        "business",
        "details",
    ]
)
_COUNT = re.compile(
    r"(?<![\d–-])(?<!\bof )\b(two|three|four|five|six|seven|eight|nine|ten|[2-9])\s+((?:[A-Za-z-]+\s+){0,2}?)([A-Za-z-]{3,}s)\b",
    re.I,
)
_DEFINE = re.compile(r"^\W*(?:the\s+|our\s+|your\s+)?((?:[A-Za-z-]+\s+){0,3}?[A-Za-z-]+s)\s+(?:are|include)\b", re.I)
_WHOLE = re.compile(
    r"\b(?:exactly|those are (?:all|the only)|these are (?:all|the only)|that'?s (?:all|it)|the only \w+|"
    r"no other|nothing else|all (?:of )?the \w+ (?:are|there are)|those are the (?:\w+ )?(?:options|choices|ways))\b",
    re.I,
)
_RECORD = re.compile(r"^\s*(?:Order ORD-\d+ (?:placed|was placed) on |[^\n]*\(SKU [A-Z0-9-]+\))")
_SOME = re.compile(r"\b(?:such as|for example|e\.g\.|includ\w*|among|some|like|a few|several|other|also)\b", re.I)
_ASKED = re.compile(r"\b(?:what|which)\s+((?:[a-z-]+\s+){0,2}?[a-z-]+s)\b", re.I)
_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|:\s+|\s+[–—]\s+")
_BULLET = re.compile(r"^\s*(?:[-*]|\d+\.)\s+(?:\*\*([^*]{2,60}?):?\*\*|([^:–—]{2,90}?)(?::\s|\s[–—]\s|[,.]?$))")
_VERB = re.compile(
    r"\b(?:can(?:not|'t)?|are|is|must|will|won't|have|has|do|does|don't|need|get|gets|receive|ship|ships|take|"
    r"takes|never|cost|costs|may|should|lasts?)\b",
    re.I,
)
_GENERIC = frozenset(content_words("item items member members day days order orders option options the our your"))


@dataclass(frozen=True, slots=True)
class GList:
    items: tuple[str, ...]
    keys: tuple[frozenset[str], ...]  # per item: the words that tell it from the list's other items
    context: frozenset[str]


def list_rules(reply: str, question: str, blocks: Sequence[str]) -> list[tuple[int, str, str]]:
    """(sentence number, "list", reason) for each sentence that gives a list as whole and leaves items out."""
    lists = grounding_lists(tuple(blocks))
    out = []
    for n, sentence in enumerate(sentences(reply)):
        reason = _judge(sentence, question, lists)[0]
        if reason:
            out.append((n, "list", reason))
    return out


def list_counts(reply: str, question: str, blocks: Sequence[str]) -> set[str]:
    """The counts in the reply that are the number of items of the list they count ("four levels: ...")."""
    lists = grounding_lists(tuple(blocks))
    return {c for s in sentences(reply) for c in _judge(s, question, lists)[1]}


def _judge(sentence: str, question: str, lists: tuple[GList, ...]) -> tuple[str, set[str]]:
    """(why the sentence's list is not the whole list it claims to be, or ""; the counts that are right)."""
    count = next((c for c in _COUNT.finditer(sentence) if c.group(3).lower() not in _MEASURES), None)
    define = _DEFINE.match(sentence)
    asked = _ASKED.search(question)
    # the answer to "what levels are there?" is the list of the levels, unless it says it gives some of them
    answers = asked is not None and not _SOME.search(sentence)
    if count is None and define is None and not answers and not _WHOLE.search(sentence):
        return "", set()
    # the list follows the count or "The levels are"; "those are all the options" follows the list
    listed = sentence[count.end() :] if count else sentence[define.end() :] if define else sentence
    if count or define:  # ... up to the end of its part: "Exchanges are free – we send ..." lists nothing
        listed = re.split(r"\s[–—]\s|;|\.\s", listed)[0]
    words = content_words(listed)
    cands = [(g, m) for g in lists if len(m := [i for i, k in enumerate(g.keys) if k & words]) >= 2]
    if not cands:
        return "", set()
    noun = (count.group(3) if count else define.group(1) if define else asked.group(1) if asked else "").split()
    if noun:
        said = [(g, m) for g, m in cands if _names(noun[-1], g.context)]
        if not said and count is None and define is None and not _WHOLE.search(sentence):
            return "", set()  # the question's noun names none of these lists: the reply may list something else
        cands = said or cands
    # a list that is part of a longer one the reply also names ("Socks, monogrammed items and hemmed jeans" of the
    # four things that cannot be returned) is not the list the reply gives as whole
    whole_lists = [set(g.items) for g, _ in cands]
    cands = [(g, m) for g, m in cands if not any(set(g.items) < w for w in whole_lists)]
    if count is not None:
        raw = count.group(1).lower()
        n = int(raw) if raw.isdigit() else _NUMBERS[raw]
        if any(len(g.items) == n for g, _ in cands):
            return "", {str(n)}
        g, m = max(cands, key=lambda gm: len(gm[1]))
        if n != len(m) or len(m) >= len(g.items):
            return "", set()  # a count of something else; the word-level check reads the number
        return f"says {count.group(0)!r}; the shop's data lists {len(g.items)}: {', '.join(g.items)}", set()
    if any(len(m) == len(g.items) for g, m in cands):
        return "", set()
    g, m = max(cands, key=lambda gm: (len(gm[1]), -len(gm[0].items)))
    missing = [g.items[i] for i in range(len(g.items)) if i not in m]
    return (
        f"gives the list as whole but leaves out {', '.join(missing)} (the shop's data lists {', '.join(g.items)})",
        set(),
    )


def _names(noun: str, context: frozenset[str]) -> bool:
    """The list's own words hold the noun ("levels"; "non-returnable" holds "return")."""
    low = noun.lower()
    stems = content_words(low) | {w for part in low.split("-") for w in content_words(part)}
    return bool(stems & context) or any(len(c) >= 5 and c in low for c in context)


@lru_cache(maxsize=64)
def grounding_lists(blocks: tuple[str, ...]) -> tuple[GList, ...]:
    out: list[GList] = []
    for block in blocks:
        if _RECORD.match(block):
            continue  # a product's colours, an order's items: products.py and orders.py read the records
        lines = block.splitlines()
        title = lines[0] if len(lines) > 1 else ""
        body = lines[1:] if len(lines) > 1 else lines
        out += _bullets(body, title) + _table_rows(body, title) + _prose(body, title)
    unique = {tuple(i.lower() for i in g.items): g for g in out if 2 <= len(g.items) <= 30}
    return tuple(unique.values())


def _make(items: list[str], context: str) -> GList | None:
    items = [" ".join(re.sub(r"\([^)]*\)|\[|\]", " ", i).split()).strip(" .,:;") for i in items]
    words = [content_words(i) - _GENERIC for i in items]
    if len(items) < 2 or not all(words):
        return None
    keys = []
    for n, w in enumerate(words):
        others = set().union(*(x for j, x in enumerate(words) if j != n))
        keys.append(frozenset(w - others) or w)
    return GList(tuple(items), tuple(keys), content_words(context))


def _bullets(body: list[str], title: str) -> list[GList]:
    out, run, lead = [], [], ""
    for line in [*body, ""]:
        m = _BULLET.match(line)
        if m:
            run.append((m.group(1) or m.group(2)).strip().rstrip(":,"))
            continue
        if run:
            g = _make(run, f"{title} {lead}")
            out += [g] if g else []
        run = []
        lead = line if line.strip() and not line.lstrip().startswith("|") else lead
    return out


def _table_rows(body: list[str], title: str) -> list[GList]:
    rows = [
        [c.strip().replace("**", "") for c in ln.strip().strip("|").split("|")]
        for ln in body
        if ln.lstrip().startswith("|")
    ]
    rows = [r for r in rows if not re.match(r"^:?-{3,}", r[0])]
    if len(rows) < 3:
        return []
    g = _make([r[0] for r in rows[1:]], f"{title} {' '.join(rows[0])}")
    return [g] if g else []


def _prose(body: list[str], title: str) -> list[GList]:
    """Inline enumerations, and the subjects of the passage's statements that say the same thing."""
    out: list[GList] = []
    by_predicate: dict[tuple[bool, str], tuple[list[str], str]] = {}
    for line in body:
        if not line.strip() or line.lstrip().startswith("|"):
            continue
        text = _LABEL.sub("", line)  # "- **Asia-Pacific:** Australia, ...": the label is the bullet list's item
        for sentence in sentences(text):
            for raw in _CLAUSE.split(sentence):
                clause = re.sub(r"\([^)]*\)|\*\*", " ", raw)
                verb = _VERB.search(clause)
                head, rest = (clause[: verb.start()], clause[verb.start() :]) if verb else (clause, "")
                items = [p.strip() for p in _SPLIT.split(head) if p.strip() and len(p.split()) <= 5]
                if len(items) >= 2:
                    g = _make(items, f"{title} {sentence}")
                    out += [g] if g else []
                pred = [stem(w) for w in re.findall(r"[a-z]+", rest.lower()) if w not in STOP and w not in _AUX]
                if verb and pred and items and len(head.split()) <= 12:
                    key = (bool(re.search(r"n't|not\b|never", rest[:20])), pred[0])
                    have, ctx = by_predicate.get(key, ([], ""))
                    by_predicate[key] = (have + items, f"{ctx} {clause}")
    for items, ctx in by_predicate.values():
        g = _make(list(dict.fromkeys(items)), f"{title} {ctx}") if len(set(items)) >= 3 else None
        out += [g] if g else []
    return out


_LABEL = re.compile(r"^\s*(?:[-*]|\d+\.)\s+(?:\*\*[^*]{2,60}\*\*:?|[A-Z][\w -]{1,40}:(?=\s))?")
_CLAUSE = re.compile(r";\s*|,\s+and\s+(?=[a-z ]{0,30}\b(?:can|cannot|can't|are|is|must)\b)")
_AUX = frozenset("can cannot be been is are not never only".split())  # noqa: SIM905


def enumerated(claim: Claim) -> set[str]:
    """The names the claim lists: two or more items of one list or table column of the grounding."""
    return {k for c, keys in claim.ents.items() if c.startswith(("t", "list:")) and len(keys) >= 2 for k in keys}

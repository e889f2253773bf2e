"""Slot tables: every value a policy or FAQ page states, read at knowledge-base build time into rows (the question a
sentence answers, the value and its kind, when it holds and its exceptions, the sentence itself), so a policy
question is answered by the row that answers it, not by a passage that sits near it. Nothing here knows the demo
store's numbers: the rows are whatever the shop's pages say, rebuilt with every knowledge-base version."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.core.asked import QUESTION_TYPES
from bot.core.sentences import STOPWORDS, clean_sentence, split_sentences, stem
from bot.domain.slots import SlotRow

VALUE_KINDS = ("duration", "price", "place", "time", "phone", "email", "carrier")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_TABLE_RULE = re.compile(r":?-{2,}:?")
_EXCEPT = re.compile(r",?\s*\b(?:except(?: for| when| if)?|unless|other than)\b\s*(.*)$", re.I)
# the clauses that say when a value holds: "for Gold members", "once the order has shipped", "on orders of $75"
_CONDITION = re.compile(
    r"(?:\b(?:if|when|once|as long as|only if|after|before)\b|\b(?:within|outside) the (?:United States|US\b|U\.S\.))[^,.;]*"
    r"|\b(?:for|to) (?:guests?|bronze|silver|gold|plus)\b[^,.;]*|\bon orders? (?:of|over|above|under)\b[^,.;]*",
    re.I,
)
_LABEL = re.compile(r"^([A-Z][^:.;]{1,60}):\s+(?=\S)")
_CLAUSE = re.compile(r";\s+|,\s+(?=(?:and|but|or|while|whereas)\b)|\s+and (?=(?:is|are|can|costs?|takes?)\b)", re.I)
_NEGATION = re.compile(
    r"\b(?:not|cannot|can't|can ?not|never|no longer|don't|doesn't|isn't|aren't|won't|unable|no)\b", re.I
)
_SUBORDINATE = re.compile(r"\b(?:as long as|if|unless|except|when|once|until|while)\b[^.;]*?(?:,|$)", re.I)

# facets of the shopper's case a row may depend on (bot.domain.slots.CASE_FACETS), as words in a page's text
_MEMBERSHIP = re.compile(r"\b(guest|bronze|silver|gold)s?\b", re.I)
_US = re.compile(
    r"\b(?:within|in|inside) the (?:United States|US|U\.S\.)|\bdomestic\b|\bUS (?:orders|addresses|shipping)", re.I
)
_ABROAD = re.compile(r"\binternational\b|\boutside the (?:United States|US|U\.S\.)|\babroad\b", re.I)
_NOT_SHIPPED = re.compile(
    r"\b(?:not|hasn't|haven't|yet to be) (?:yet )?(?:been )?shipped\b|\b(?:until|before) (?:it|the order|your order) "
    r"(?:ships|has shipped|is shipped)\b|\bplaced or processing\b|\bnot yet gone out\b",
    re.I,
)
_SHIPPED = re.compile(
    r"\b(?:has|have|had|is|was|once|after|already|it)\b[^.,;]{0,25}\bshipped\b|\bafter it ships\b|\bin transit\b", re.I
)
_DELIVERED = re.compile(r"\b(?:has been|was|were|is|once|after)\b[^.,;]{0,20}\bdelivered\b", re.I)
# an item's state a condition or an exception names ("unless they arrived damaged or defective"); which kinds of item
# a rule is about is read from the rule itself (subject_items), never from a list of the demo store's items
_DEFECTIVE = re.compile(r"\b(?:damaged|defective|defects?|faulty|broken)\b", re.I)
_SUBJECT_END = re.compile(
    r"\b(?:cannot|can't|can not|can|may|must|are|is|need|needs|have|has|get|never|only|do not|don't|will)\b", re.I
)
_NOT_A_SUBJECT = re.compile(
    r"^\W*(?:if|when|once|as|after|before|until|unless|while|for|to|with|on|in|at|by|from|yes|no|please|also)\b", re.I
)
_GENERIC_ITEM = frozenset({"item", "items", "product", "products", "thing", "things", "order", "orders", "we", "you",
                           "it", "they", "our", "your", "northwind", "threads", "all", "any", "every", "some"})  # fmt: skip


def item_key(phrase: str) -> str:
    """A kind of item as the stems of its words: "hemmed jeans" -> "hemm jean", "Gift cards" -> "gift card"."""
    words = [w for w in re.findall(r"[a-z]+", phrase.lower()) if w not in _GENERIC_ITEM and w not in STOPWORDS]
    return " ".join(stem(w) for w in words)


def subject_items(main: str) -> tuple[str, ...]:
    """The kinds of item a rule's subject lists ("Socks, monogrammed (name-stitched) items and hemmed jeans cannot
    be returned" -> ("sock", "monogramm", "hemm jean")); () when the subject is no list of things."""
    m = _SUBJECT_END.search(main)
    if not m or m.start() == 0 or _NOT_A_SUBJECT.match(main):
        return ()
    subject = re.sub(r"\([^)]*\)", " ", main[: m.start()])
    keys = [item_key(p) for p in re.split(r",|\band\b|\bor\b|\bnor\b", subject)]
    return tuple(dict.fromkeys(k for k in keys if k and len(k.split()) <= 3))


def facets(text: str) -> dict[str, tuple[str, ...]]:
    """The case a text names: membership levels, destination (us / abroad), order state, item kinds."""
    out: dict[str, tuple[str, ...]] = {}
    tiers = tuple(dict.fromkeys(m.lower() for m in _MEMBERSHIP.findall(text)))
    if tiers:
        out["membership"] = tiers
    where = tuple(w for w, rx in (("us", _US), ("abroad", _ABROAD)) if rx.search(text))
    if where:
        out["destination"] = where
    if _NOT_SHIPPED.search(text):
        out["order_state"] = ("not_shipped",)
    elif _DELIVERED.search(text):
        out["order_state"] = ("delivered",)
    elif _SHIPPED.search(text):
        out["order_state"] = ("shipped",)
    if _DEFECTIVE.search(text):
        out["item"] = ("defective",)
    return out


def _merge(*cases: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for case in cases:
        for k, v in case.items():
            out.setdefault(k, v)  # the nearer text (the clause before the heading) wins
    return out


def yes_no(sentence: str) -> str:
    """ "yes", "no" or "only" (a rule with a condition): what the rule a sentence states says (its conditions set aside: "as long as the order has
    not shipped" does not make "Yes, ..." a no)."""
    if re.match(r"^\W*yes\b", sentence, re.I):
        return "yes"
    if re.match(r"^\W*no\b", sentence, re.I):
        return "no"
    if re.search(r"\bonly\b", sentence, re.I):
        return "only"  # "can be returned only if defective": neither a yes nor a no
    main = _SUBORDINATE.sub(" ", _EXCEPT.sub("", sentence))
    return "no" if _NEGATION.search(main) else "yes"


def sections(text: str) -> list[tuple[str, str]]:
    """(heading, body) per section of a markdown page, front matter and the page title dropped."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for line in _FRONT.sub("", text).splitlines():
        m = _HEADING.match(line.strip())
        if m and len(m.group(1)) >= 2:
            out.append((clean_sentence(m.group(2)), []))
        elif not (m and len(m.group(1)) == 1):
            out[-1][1].append(line)
    return [(h, "\n".join(body)) for h, body in out if "\n".join(body).strip()]


def _table_rows(body: str) -> tuple[list[str], list[list[str]]]:
    header: list[str] = []
    rows: list[list[str]] = []
    for line in body.splitlines():
        if not line.strip().startswith("|"):
            continue
        cells = [clean_sentence(c) for c in line.strip().strip("|").split("|")]
        if all(_TABLE_RULE.fullmatch(c) for c in cells if c):
            continue
        if not header:
            header = cells
        else:
            rows.append(cells)
    return header, rows


def _prose(body: str) -> list[tuple[str, bool]]:
    """The sentences of a section's prose, each with whether it is a list item (list items each read alone, and
    read together as a list), tables left out. A short line counts when it holds a value ("support@...")."""
    out: list[tuple[str, bool]] = []
    for line in body.splitlines():
        if not line.strip() or line.strip().startswith("|"):
            continue
        item = bool(re.match(r"^\s*(?:[-*•]|\d+\.)\s+", line))
        text = clean_sentence(re.sub(r"^\s*(?:[-*•]|\d+\.)\s+", "", line))
        for s in split_sentences(text):
            if len(s.split()) >= 3 or any(values(s, kind) for kind in VALUE_KINDS):
                out.append((s, item))
    return out


_PRICE = re.compile(
    r"[$€£]\s?\d[\d,]*(?:\.\d+)?|\b\d+(?:\.\d+)?\s?(?:USD|dollars)\b|\bfree\b|\bno charge\b|\b\d+% off\b", re.I
)
_THRESHOLD = re.compile(
    r"\b(?:orders?|order totals|purchases?) (?:of|over|above|under|totals?) [$€£]\s?[\d,.]+(?: or more)?"
    r"|\b(?:over|above|under|at least) [$€£]\s?[\d,.]+",
    re.I,
)
_GENERIC_PLACE = frozenset({"country", "countries", "states", "store", "stores"})


def values(text: str, kind: str) -> list[str]:
    """Every value of one kind in a text ("$8.00", "3–5 business days", "Canada"), in order, once each."""
    rx = _PRICE if kind == "price" else QUESTION_TYPES[kind][1]
    if kind == "price":  # "free on orders of $75 or more": $75 says when, it is no price
        text = _THRESHOLD.sub(" ", text)
    found = [m.group(0).strip() for m in rx.finditer(text)]
    if kind == "place":
        found = [f for f in found if f.lower() not in _GENERIC_PLACE]
    return list(dict.fromkeys(found))


def question_of(title: str, heading: str) -> str:
    """The question a section answers: its heading when that is a question, else "Title: heading"."""
    if heading.endswith("?"):
        return heading
    return f"{title}: {heading}" if title and heading else heading or title


def page_rows(doc_id: str, source: str, title: str, text: str, *, first_section: int = 0) -> list[SlotRow]:
    """Every row of one policy or FAQ page: one per value a sentence (or a table row) states, and one yes/no
    row per rule sentence."""
    rows: list[SlotRow] = []
    for n, (heading, body) in enumerate(sections(text)):
        section = first_section + n
        question = question_of(title, heading)
        around = facets(heading)
        base = SlotRow(doc_id, source, title, heading, question, sentence="", kind="", value="", section=section)
        header, table = _table_rows(body)
        for cells in table:
            label = cells[0] if cells else ""
            # "Gold: return window Unlimited – no time limit." (the row read alone, the way the extractive reply reads it)
            pairs = [f"{h.lower()} {c}" for h, c in zip(header[1:], cells[1:], strict=False) if c]
            sentence = f"{label}: {', '.join(pairs)}."
            case = _merge(facets(label), around)
            condition = f"{header[0]}: {label}" if header else label
            for cell in cells[1:]:
                for kind in VALUE_KINDS:
                    if found := values(cell, kind):
                        rows.append(replace(base, sentence=sentence, kind=kind, value=", ".join(found),
                                            condition=condition, case=case, section=section, table=True))  # fmt: skip
        for sentence, item in _prose(body):
            rows += _sentence_rows(sentence, base, around, section, listed=item)
    return rows


def _sentence_rows(
    sentence: str, base: SlotRow, around: dict[str, tuple[str, ...]], section: int, *, listed: bool
) -> list[SlotRow]:
    m = _EXCEPT.search(sentence)
    exception = m.group(1).strip(" .") if m else ""
    main = sentence[: m.start()] if m else sentence
    # "Not yet shipped: we cancel the order ...": the label says when the rest holds, like a table row's first cell
    labelled = _LABEL.match(main)
    label = labelled.group(1) if labelled else ""
    if labelled:
        main = main[labelled.end() :]
        around = _merge(facets(label), around)
    unless = facets(exception) if exception else {}
    # what the rule is about ("Socks ... cannot be returned"): the kinds of item its subject lists
    about = {"item": items} if (items := subject_items(main)) else {}
    out: list[SlotRow] = []
    for n, clause in enumerate(_CLAUSE.split(main) or [main]):
        condition = "; ".join([label] * bool(label) + [c.group(0).strip() for c in _CONDITION.finditer(clause)])
        case = _merge(facets(condition), around)
        for kind in VALUE_KINDS:
            # a label's values are the first clause's ("Monday–Friday: 9:00 a.m. – 6:00 p.m.")
            if found := values(f"{label} {clause}" if label and n == 0 else clause, kind):
                out.append(replace(base, sentence=sentence, kind=kind, value=", ".join(found), condition=condition,
                                   exception=exception, case=case, unless=unless, section=section,
                                   listed=listed))  # fmt: skip
    # every statement is a rule a yes/no question may ask about; which one it asks is the match's to decide
    if len(main.split()) >= 3 and not sentence.endswith(("?", ":")):
        condition = "; ".join([label] * bool(label) + [c.group(0).strip() for c in _CONDITION.finditer(main)])
        case = _merge(facets(condition), about, around)
        said = main + (f" except {exception}" if exception else "")
        out.append(replace(base, sentence=sentence, kind="yes_no", value=yes_no(said), condition=condition,
                           exception=exception, case=case, unless=unless, section=section,
                           listed=listed))  # fmt: skip
    return out

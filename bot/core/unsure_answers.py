"""A part the reply names as unsure ("I'm not sure about "can i get the difference back"") is tried once more
against the shop's own data before a person is offered for it.

Whatever wrote the line (the multi-part join, the answer check, the lost parts), the part is asked again as its own
question: hybrid retrieval picks the sections that answer it, and the slot table (`slot_answers`) the row of the
asked kind (an amount for "how much", a duration for "how long", a rule for "can I") closest in meaning, applied to
the shopper's case (their level's row, the whole table when the level is not known). The row is used only when both
agree: its score reaches the slot table's own bar and its section is one retrieval ranks first or second. A row
that leans on the sentence before it ("For other returns, ...", "Only if ...") is said with that sentence. A part
neither finds stays "not sure", with the person."""

from __future__ import annotations

import logging
import re

from bot.core.answer_check import UNSURE_LINE, asked_parts, unsure_line
from bot.core.ports import KnowledgePort
from bot.core.sentences import content_words
from bot.core.slot_answers import ANSWER_AT, Case, SlotAnswers, asked_kinds, shopper_case
from bot.core.turn import HANDOFF_BUTTON, Turn
from bot.domain import Author, Flag, Hit, Reply
from bot.domain.slots import SlotRow

log = logging.getLogger(__name__)
# the line `unsure_line` writes, with its quoted labels
UNSURE = re.compile(
    re.escape(UNSURE_LINE).replace(re.escape("{labels}"), r'((?:"[^"]*")(?: or "[^"]*")*)'),
)
LABEL = re.compile(r'"([^"]*)"')
# a yes/no or rule question: its answer is a rule, not whatever amount a sentence names ("is the fee refunded?")
RULE_ASKED = re.compile(r"^\W*(?:is|are|can|could|do|does|did|will|would|should|may|has|have|am)\b", re.I)
# a sentence that answers its own heading's question or the sentence before it, not a question on its own
LEANS = re.compile(
    r"^\W*(?:yes|no|only|it|its|they|this|that|these|those|for (?:any |all )?(?:other|a|an|the)|otherwise|then|also)\b",
    re.I,
)
# a whole-message "not sure" (the canned one, the composer's), and replies never reopened
NOT_SURE = re.compile(r"^I'm not sure about that, and I don't want to guess\.")
KEEP_FLAGS = {Flag.INJECTION, Flag.ORDER_NOT_VERIFIED, Flag.OUT_OF_SCOPE, Flag.STAFF_MODE, Flag.CASE_OPENED}
TOP_SECTIONS = 2
# a second question joined by "and" ("..., and is the delivery charge refunded too?")
AND_ASKS = re.compile(r",?\s+and\s+(?=(?:is|are|do|does|can|will|how|what|when|where|which)\b)", re.I)
# "when does the money show up?" is answered by how long it takes
ALSO = {"time": ("time", "duration"), "date": ("date", "duration")}
RESTRICTS = ("no", "only")  # a rule that says no, or only when: the shop's answer to "can I" / "do I get"
MIN_WORDS = 3  # a shorter label is asked with the message around it ("can u fix it")


def answer_unsure(reply: Reply, text: str, turn: Turn, kb: KnowledgePort) -> Reply:
    """The reply with each "not sure" part the data answers said from the data (the rest stay, with the person);
    a whole "I'm not sure about that" is tried part by part the same way."""
    if NOT_SURE.match(reply.text) and not reply.flags & KEEP_FLAGS:
        return _whole(reply, text, turn, kb)
    found = list(UNSURE.finditer(reply.text))
    if not found:
        return reply
    case = shopper_case(turn, text)
    body = reply.text
    rows: list[SlotRow] = []
    for m in reversed(found):
        labels = LABEL.findall(m.group(1))
        said, left = _answered(labels, text, kb, case, rows)
        if len(left) == len(labels):
            continue
        new = " ".join([s for s in said if s not in body] + ([unsure_line(left)] if left else []))
        body = body[: m.start()] + new + body[m.end() :]
    reply.text = body
    reply.sources = _with_sources(reply.sources, rows)
    return reply


def _whole(reply: Reply, text: str, turn: Turn, kb: KnowledgePort) -> Reply:
    """A canned "not sure" for the whole message: each part answered from the data where retrieval and the slot
    table agree; the reply stays as it is when none is."""
    labels = [p.text for p in asked_parts(text) if p.slots or asked_kinds(p.text)]
    if len(labels) == 1:  # "when does the money show up, and is the delivery charge refunded too?"
        labels = [x.strip(" ,") for x in AND_ASKS.split(labels[0]) if x.strip(" ,")]
    rows: list[SlotRow] = []
    said, left = _answered(labels, text, kb, shopper_case(turn, text), rows)
    if len(left) == len(labels):
        return reply
    reply.text = " ".join(said + ([unsure_line([_plain(label) for label in left])] if left else []))
    reply.sources = _with_sources(reply.sources, rows)
    reply.author = Author.EXTRACTIVE
    reply.flags |= {Flag.FROM_DATA}
    if not left:
        reply.flags -= {Flag.LOW_CONFIDENCE, Flag.HANDOFF}
        reply.buttons = [b for b in reply.buttons if b != HANDOFF_BUTTON]
    return reply


def _answered(
    labels: list[str], text: str, kb: KnowledgePort, case: Case, rows: list[SlotRow]
) -> tuple[list[str], list[str]]:
    """The sentences that answer the parts, and the parts left unanswered."""
    said: list[str] = []
    left: list[str] = []
    for label in labels:
        lines = answer_part(label, text, kb, case, rows)
        said += [s for s in lines if s not in said]
        if not lines:
            left.append(label)
    return said, left


def _plain(label: str) -> str:
    return label.strip().rstrip("?.! ")


def _with_sources(sources: list[dict[str, str]], rows: list[SlotRow]) -> list[dict[str, str]]:
    out = list(sources)
    for r in rows:
        src = {"title": r.title, "source": r.source, "doc_id": r.doc_id}
        if all(s.get("doc_id") != r.doc_id for s in out):
            out.append(src)
    return out[:4]


def answer_part(label: str, text: str, kb: KnowledgePort, case: Case, used: list[SlotRow] | None = None) -> list[str]:
    """The shop's sentences that answer one part ([] when retrieval and the slot table do not agree on one)."""
    query = label if len(content_words(label)) >= MIN_WORDS else f"{label} ({text})"
    hits = [h for h in kb.search(query, k=6) if not h.passage.metadata.get("sku")][:TOP_SECTIONS]
    if not hits:
        return []
    kinds = asked_kinds(label)
    kinds = ["yes_no"] if RULE_ASKED.search(label) or not kinds else [k for k in kinds if k != "yes_no"] or kinds
    slots = SlotAnswers(kb)
    out: list[str] = []
    for kind in kinds:
        found = next((b for k in ALSO.get(kind, (kind,)) if (b := _best(slots, query, label, k, case, hits))), None)
        if found is None:
            log.debug("unsure part %r: no row of kind %s in the retrieved sections", label, kind)
            return []
        row, mine = found
        lines = slots.row_lines(row, mine) if row.table else [row.sentence]  # a table whole, never a list's items
        if len(lines) == 1 and LEANS.search(row.sentence):
            before = _sentence_before(kb, row)
            if not before:
                return []
            lines = [before, *lines]
        out += [line for line in lines if line not in out]
        if used is not None:
            used.append(row)
    return out


def _best(
    slots: SlotAnswers, query: str, label: str, kind: str, case: Case, hits: list[Hit], bar: float = ANSWER_AT
) -> tuple[SlotRow, Case] | None:
    """The best row of the kind in one of the retrieved sections, when it reaches the slot table's bar."""
    scored, mine = slots.scored(query, label, kind, case, hits)
    best = next(((s, r) for s, r in scored if _in_sections(r, hits)), None)
    if best is not None:
        log.debug("unsure part %r as %s: %.3f %s", label, kind, best[0], best[1].sentence)
    return (best[1], mine) if best is not None and best[0] >= bar else None


def _in_sections(row: SlotRow, hits: list[Hit]) -> bool:
    for h in hits:
        heading = str(h.passage.metadata.get("heading") or "")
        if h.passage.doc_id == row.doc_id and (heading == row.heading or heading.endswith(f"> {row.heading}")):
            return True
    return False


def _sentence_before(kb: KnowledgePort, row: SlotRow) -> str:
    """The sentence before the row's in its section ("" when it opens the section: it answers the heading)."""
    sentences = list(dict.fromkeys(r.sentence for r in kb.slot_section(row)))
    at = sentences.index(row.sentence) if row.sentence in sentences else 0
    return sentences[at - 1] if at > 0 and not LEANS.search(sentences[at - 1]) else ""


def rule_part(part: str, turn: Turn, kb: KnowledgePort) -> tuple[list[str], list[dict[str, str]]]:
    """A yes/no part of a several-part policy question ("... and do I get my shipping fee back?") answered by a
    rule that restricts ("... is not refunded", "only if defective") where retrieval and the slot table agree;
    ([], []) for any other part, or when they do not agree (the part goes the usual way)."""
    if not RULE_ASKED.search(part):
        return [], []
    rows: list[SlotRow] = []
    lines = answer_part(part, part, kb, shopper_case(turn, part), rows)
    if not lines or any(r.value not in RESTRICTS or not _yes_no_section(r) for r in rows):
        return [], []  # a plain statement near the question ("Hemming costs $12.00") is no answer to "can I"
    return lines, _with_sources([], rows)


def _yes_no_section(row: SlotRow) -> bool:
    """The row's section answers a yes/no question ("Are shipping fees refunded?"), not "Why does my code not work?"."""
    heading = row.question.rsplit(": ", 1)[-1]
    return heading.endswith("?") and bool(RULE_ASKED.search(heading))

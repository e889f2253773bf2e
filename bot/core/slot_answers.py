"""Policy and FAQ questions answered from the knowledge base's slot table (bot.core.slot_table): the row whose
question matches the one asked (by meaning, the shipped MiniLM) and whose value is of the asked kind (a duration for
"how long", an amount for "how much", a place list for "where", a rule for "can I"), applied to the shopper's case
(membership level, destination, order state, item kind) where the row has a condition or an exception. No row that
answers: None, and the question goes the usual way."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import Any, Protocol

from bot.core.asked import details, question_types
from bot.core.composer import Composer
from bot.core.places import places_in
from bot.core.policy_answers import data_reply, faq_reply
from bot.core.ports import KnowledgePort
from bot.core.questions import asks_rule, asks_yes_no
from bot.core.sentences import content_words
from bot.core.slot_table import VALUE_KINDS, facets
from bot.core.stated_case import unmet
from bot.core.subject_kinds import off_subject, product_kinds
from bot.core.turn import Plan, Turn
from bot.core.two_part import asked_of, question_parts
from bot.domain import Author, Flag, Hit, IntentPrediction, Reply, Request, RequestKind
from bot.domain.slots import SlotMatch, SlotRow

# A row answers when its score (meaning + the bonuses below) reaches ANSWER_AT; chosen on the shop's own questions
# written for tests/core/test_slot_answers.py (not on tests/golden).
ANSWER_AT = 0.62
VALUE_AT = 0.25  # an address, a phone number, a carrier: the row holding the value answers at a lower score
VALUE_ONLY = frozenset({"email", "phone", "carrier"})
HIT_BONUS = (0.15, 0.1, 0.05)  # the row's section is retrieval's 1st / 2nd / 3rd passage (subject-aware search)
CASE_BONUS = 0.08  # per facet of the shopper's case the row's condition names and matches
AMOUNT_BONUS = 0.25  # "how much is standard shipping?": a row with an amount, not "free on orders of $75 or more"
MAX_SENTENCES = 4
AMOUNT_ASKED = re.compile(r"\b(?:max(?:imum)?|min(?:imum)?|amounts?|how much|what does\b.{0,30}\bcost)\b", re.I)
log = logging.getLogger(__name__)
RULE_ASKED = re.compile(
    r"\b(?:can|could|may) (?:i|we|you)\b|\b(?:do|does|is|are|will) (?:you|it|they|i|there|gift|promo)\b", re.I
)
CARRIER_ASKED = re.compile(
    r"\b(?:which|what|who)\b[^?.]{0,25}\b(?:courier|carrier|company|service)\b|\bwho (?:delivers|ships|carries|brings)\b"
    r"|\b(?:shipped|sent|delivered) (?:with|by)\b",
    re.I,
)
OPEN_ASKED = re.compile(r"^\W*(?:what|which|how|where|when|who)\b", re.I)  # "what payment methods do you accept?"
UNMET_PENALTY = 0.05
LEX_BONUS = 0.15  # times the share of the question's rare words the row's sentence holds ("expire", "socks")
DETAIL_BONUS = 0.12  # the shipping option or level the question names, named by the row ("standard")
LEVELS = {"guest": "a Guest", "bronze": "a Bronze member", "silver": "a Silver member", "gold": "a Gold member"}


@dataclass(frozen=True, slots=True)
class Case:
    """What the shopper's own words and account say about their case, by facet (bot.domain.slots.CASE_FACETS)."""

    facets: dict[str, tuple[str, ...]]

    def fits(self, row: SlotRow) -> int | None:
        """How many of the row's conditions the case meets; None when it contradicts one (a Gold member's case
        and a Guest's row)."""
        met = 0
        for facet, wanted in row.case.items():
            have = self.facets.get(facet)
            if not have:
                continue
            if not set(have) & set(wanted):
                return None
            met += 1
        return met

    def with_items(self, text: str, rows: list[SlotRow]) -> Case:
        """The case with the kinds of item it names among those the rows' rules are about ("hemmed jeans" when
        the text says "hemmed" and "jeans"; "jeans" alone is not "hemmed jeans")."""
        said = content_words(text)
        kinds = {k for r in rows for k in r.case.get("item", ()) if k != "defective"}
        named = sorted(k for k in kinds if set(k.split()) <= said)
        if not named:
            return self
        return Case({**self.facets, "item": tuple(named) + self.facets.get("item", ())})

    def excepted(self, row: SlotRow) -> str:
        """The facet of the case that the row's exception names ("gold" for "except for Gold members"), or ''."""
        for facet, values in row.unless.items():
            hit = set(self.facets.get(facet, ())) & set(values)
            if hit:
                return sorted(hit)[0]
        return ""


def shopper_case(turn: Turn, text: str) -> Case:
    """The case from this message (levels, places, order state, items named) and the known customer's level."""
    found = dict(facets(text))
    places = places_in(text)
    if places:
        found["destination"] = tuple(dict.fromkeys("us" if in_us else "abroad" for _, in_us in places))
    level = str(turn.customer.get("membership") or "").lower() if turn.known_customer else ""
    if "membership" not in found and level in LEVELS:
        found["membership"] = (level,)
    country = str(turn.customer.get("country") or "") if turn.known_customer else ""
    if "destination" not in found and country:
        found["destination"] = ("us" if country.lower() in ("united states", "us", "usa") else "abroad",)
    return Case(found)


# "do i get my shipping fee back?", "is the delivery charge refunded?": whether a fee comes back is a rule, not the
# amount of some fee ("we can refund the standard shipping fee of $8.00" is another case's rule)
FEE_BACK = re.compile(
    r"^\W*(?:(?:and|so|also|but|ok|okay)[,!]?\s+)?(?:do|does|did|is|are|was|were|will|would|can|could)\b[^?]*"
    r"\b(?:back|refund\w*|reimburs\w*|returned)\b",
    re.I,
)
AMOUNT_SAID = re.compile(r"\$|\d|\bfree\b", re.I)


def asked_kinds(text: str) -> list[str]:
    """The kinds of value the question asks for, as slot-table kinds; "yes_no" for a rule asked."""
    # a place list ("which countries?", "where do you ship?") is the shipping slots' (bot.core.shipping_slots), read
    # whole from the page; "how long does international delivery take?" asks a duration, not where; a statement
    # before the question ("got an email saying a fee was added, is that from you?") asks nothing
    text = asked_of(text)
    kinds = [k for k in question_types(text) if k in VALUE_KINDS and k != "place"]
    if "carrier" in kinds and not CARRIER_ASKED.search(text):
        kinds.remove("carrier")  # "how much is courier shipping?" names a courier, it does not ask which
    if "price" not in kinds and AMOUNT_ASKED.search(text):
        kinds.append("price")
    if "price" in kinds and FEE_BACK.search(text) and not AMOUNT_ASKED.search(text) and not AMOUNT_SAID.search(text):
        kinds.remove("price")
    if asks_yes_no(text) or asks_rule(text) or (RULE_ASKED.search(text) and not OPEN_ASKED.search(text)):
        kinds.append("yes_no")
    return kinds


class SlotAnswers:
    """Answers a policy question (each of its parts) from the slot table, or returns None."""

    def __init__(self, kb: KnowledgePort) -> None:
        self.kb = kb

    def reply(self, turn: Turn, req: Request, text: str, pred: IntentPrediction, hits: list[Hit]) -> Reply | None:
        """The rows that answer each asked part, applied to the shopper's case; None when a part finds none."""
        found = self.answer(turn, req, text, pred, hits)
        return found[0] if found is not None else None

    def answer(
        self, turn: Turn, req: Request, text: str, pred: IntentPrediction, hits: list[Hit]
    ) -> tuple[Reply, bool] | None:
        """The reply, and whether it applies something a quoted passage cannot: the shopper's case (a condition,
        an exception, their row of a table), a table read whole, or each part of a several-part question."""
        if req.order_ids or req.kind not in (RequestKind.POLICY, RequestKind.OWN_ORDER):
            return None
        if req.kind == RequestKind.OWN_ORDER and not (asks_rule(text) or asks_yes_no(text)):
            return None  # "when does my order come?": the order's, not a rule's
        parts = question_parts(text) or [text]
        if not all(asked_kinds(p) for p in parts):
            return None
        case = shopper_case(turn, text)
        said: list[str] = []
        rows: list[SlotRow] = []
        lead = ""
        applied = len(parts) > 1
        for part in parts:
            kinds = asked_kinds(part)
            query = part if len(parts) == 1 or len(content_words(part)) >= 3 else f"{part} ({text})"
            for kind in [k for k in kinds if k != "yes_no"] or ["yes_no"]:
                found = self._best(query, part, kind, case, hits if len(parts) == 1 else [])
                if found is None:
                    log.debug("slot table: no row answers %r as %s", part, kind)
                    return None
                best, mine = found
                if kind == "yes_no" and len(parts) == 1 and not (mine.fits(best) or mine.excepted(best)):
                    return None  # a rule with no condition of the shopper's case: the shop's sentence (data_reply)
                log.debug("slot table: %r as %s -> %s", part, kind, best.sentence)
                said += [line for line in self.row_lines(best, mine) if line not in said]
                rows.append(best)
                # a rule about the kind of item named applies only with its "Yes."/"No." (it says what was asked)
                applied = applied or best.table or bool(_case_fits(best, mine) or mine.excepted(best))
                if len(parts) == 1 and "yes_no" in kinds:
                    lead = _lead(best, mine, part)
                    applied = applied or bool(lead)
        text_out = " ".join(([lead] if lead else []) + said[: MAX_SENTENCES + len(parts) - 1])
        sources: list[dict[str, Any]] = []
        for r in rows:
            src = {"title": r.title, "source": r.source, "doc_id": r.doc_id}
            if src not in sources:
                sources.append(src)
        author = Author.TEMPLATE if lead or any(r.table for r in rows) else Author.EXTRACTIVE
        flags = {Flag.FROM_DATA}
        return Reply(
            text_out, sources[:4], flags=flags, intent=pred.intent, confidence=max(pred.confidence, 0.9), author=author
        ), applied

    def _best(self, query: str, part: str, kind: str, case: Case, hits: list[Hit]) -> tuple[SlotRow, Case] | None:
        scored, mine = self.scored(query, part, kind, case, hits)
        if not scored:
            return None
        score, row = scored[0]
        log.debug("slot table: best %.3f for %r", score, part)
        return (row, mine) if score >= (VALUE_AT if kind in VALUE_ONLY else ANSWER_AT) else None

    def scored(
        self, query: str, part: str, kind: str, case: Case, hits: list[Hit]
    ) -> tuple[list[tuple[float, SlotRow]], Case]:
        """The rows of one kind the case does not rule out, with their scores (meaning and bonuses), best first, and
        the case with the kinds of item the shopper names among those the rows are about."""
        matches = self.kb.slot_rows(query, kinds=[kind], k=24)
        case = case.with_items(part, [m.row for m in matches])
        amount = kind == "price" and not re.search(r"\bfree\b", part, re.I)
        words = content_words(query)
        named = details(part)
        products = product_kinds(self.kb.known_names())
        scored: list[tuple[float, SlotRow]] = []
        for m in matches:
            fits = case.fits(m.row)
            if fits is None or off_subject(part, m.row.heading, m.row.sentence, products):
                continue  # another level's row; a section about another kind of product ("Shirts: ..." for a sweater)
            bonus = CASE_BONUS * fits + (AMOUNT_BONUS if amount and "$" in m.row.value else 0.0)
            if m.row.condition and not fits and not m.row.table:
                bonus -= UNMET_PENALTY  # "once it is out for delivery, ... $8.00": a case the shopper did not state
            if words:
                bonus += LEX_BONUS * len(words & content_words(m.row.sentence)) / len(words)
            if named:
                bonus += DETAIL_BONUS * len(named & details(m.row.sentence)) / len(named)
            scored.append((_score(m, hits) + bonus, m.row))
        return sorted(scored, key=lambda s: -s[0]), case

    def row_lines(self, row: SlotRow, case: Case) -> list[str]:
        """The row's sentence; a table (or list) row with the rows of its table the case does not rule out (the
        whole table when the shopper's level is not known), and a word on an exception that is the shopper's case."""
        unknown = any(f not in case.facets for f in row.case)  # the table varies by what the shopper did not say
        if row.listed or (row.table and unknown):
            same = [
                r
                for r in self.kb.slot_section(row)
                if r.kind == row.kind and r.listed == row.listed and r.table == row.table and case.fits(r) is not None
            ]
            lines = list(dict.fromkeys(r.sentence for r in same)) or [row.sentence]
        else:
            lines = [row.sentence]
        if who := case.excepted(row):
            lines.append(f"That exception covers you ({_as_case(who)}).")
        return lines


class Reader(Protocol):
    """What answering from the data reads: the knowledge base and the composer (the router has both)."""

    kb: KnowledgePort
    composer: Composer


def from_data(
    reader: Reader, turn: Turn, req: Request, pred: IntentPrediction, plan: Plan, hits: list[Hit]
) -> Reply | None:
    """A policy question answered from the data before any model writes: the slot table's answer when it applies the
    shopper's case (a condition, an exception, their row of a table, a table whole, each part of a question); else
    where the shop's own sentences answer (bot.core.policy_answers.data_reply: they may hold more than one row, "next
    business day" and "3–5 business days"); else None: the model composes, and the slot table's answer
    (`plan.slot_text`) is the fallback instead of a quoted passage."""
    if (entry := faq_reply(req.text, plan, reader.composer, pred.intent)) is not None:
        return entry  # a general question in other words: its FAQ entry's answer, not one row of a table
    found = SlotAnswers(reader.kb).answer(turn, req, req.text, pred, hits)
    if found is not None and found[1]:
        return found[0]
    quoted = data_reply(req.text, req, plan, reader.composer, pred.intent)
    if found is not None:
        plan.slot_text = found[0].text  # the composer's fallback; the shop's sentences data_reply picks stay first
    return quoted


def _case_fits(row: SlotRow, case: Case) -> bool:
    """The row's condition names the shopper's level, destination or order state, and the case meets it."""
    return bool(case.fits(replace(row, case={k: v for k, v in row.case.items() if k != "item"})))


def _score(m: SlotMatch, hits: list[Hit]) -> float:
    for rank, h in enumerate(hits[: len(HIT_BONUS)]):
        heading = str(h.passage.metadata.get("heading") or "")
        if h.passage.doc_id == m.row.doc_id and (heading == m.row.heading or heading.endswith(f"> {m.row.heading}")):
            return m.score + HIT_BONUS[rank]
    return m.score


def _lead(row: SlotRow, case: Case, part: str) -> str:
    """ "Yes." / "No." only when the row's condition is the shopper's stated case ("after it shipped": the row
    "Once the order has shipped, ... can no longer be changed"; "can I return socks?": "Socks ... cannot be
    returned"), never for a rule that merely sits near the question. A rule about a kind of item leads only when it
    says what was asked of it (return, expire): "gift cards are sold ..., never expire" is no answer to "can I buy one"."""
    if row.kind != "yes_no" or re.match(r"^\W*(?:yes|no)\b", row.sentence, re.I) or not row.case:
        return ""
    if not case.fits(row):
        return ""
    if set(row.case) == {"item"}:
        items = {w for k in case.facets.get("item", ()) for w in k.split()}
        asked = content_words(part) - items - {"i", "can", "do", "does", "still"}
        if not asked & content_words(row.sentence):
            return ""
    if row.value == "no" and not _negated_asked(row.sentence, part):
        return ""
    if row.value == "yes" and (_short_of_threshold(row.sentence, part) or unmet(row.sentence, part)):
        return ""  # an amount below the rule's threshold; another product, a time after the cut-off, a worn item
    return {"yes": "Yes.", "no": "No."}.get(row.value, "")


_THRESHOLD = re.compile(r"\$\s?(\d[\d,]*(?:\.\d+)?)")
# an amount the shopper states: "$1,200", "spent about 1400", "my cart is 60", "an order of 90"
_STATED = re.compile(
    r"(?:\$\s?|\b(?:spent|spend|spending|paid|pay|cart|basket|order|total|totals|worth)\s+(?:is\s+|was\s+|of\s+)?"
    r"(?:about|around|roughly|nearly|almost|only|just|like)?\s*\$?)(\d[\d,]*(?:\.\d+)?)(?![\d,.]|\s*(?:months?|days?|years?|%))",
    re.I,
)


def _short_of_threshold(sentence: str, part: str) -> bool:
    """The shopper states an amount below every money threshold the rule names: "I've spent about 1400, can you bump
    me to Gold?" against "... renews if you spend $1,500 again" gets no "Yes." (the rule holds only from $1,500)."""
    thresholds = [float(x.replace(",", "")) for x in _THRESHOLD.findall(sentence)]
    stated = [float(x.replace(",", "")) for x in _STATED.findall(part)]
    return bool(thresholds and stated) and max(stated) < min(thresholds)


# the word a rule's negation is about: "are not included", "cannot be returned", "can no longer be changed"
NEGATED = re.compile(r"\b(?:not|cannot|can't|never|no longer)\s+(?:be\s+|been\s+|get\s+)?([a-z]{3,})", re.I)


def _negated_asked(sentence: str, part: str) -> bool:
    """A "No." answers only the question the rule's negation is about: "are not included" says No to "is tax
    included?", but to "do I have to pay import taxes?" the answer is yes (the carrier collects them). The
    negated word's stem must be among the asked words; a rule with no such word keeps its lead."""
    negated = [m.group(1).lower() for m in NEGATED.finditer(sentence)]
    if not negated:
        return True
    asked = {w[:5] for w in re.findall(r"[a-z]+", part.lower())}
    return any(w[:5] in asked for w in negated)


def _as_case(value: str) -> str:
    if value in LEVELS:
        return f"as {LEVELS[value]}"
    return {"defective": "for an item that arrived damaged or defective", "us": "within the United States",
            "abroad": "outside the United States"}.get(value, value)  # fmt: skip

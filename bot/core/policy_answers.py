"""Policy questions answered from the shop's data: a material's care from the catalog, a yes/no rule or a
contact detail with the shop's own sentence (never the model's guess), and the searches a policy question gets."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.core.answers import material_care_answer
from bot.core.asked import AMOUNT, NOT_SHIPPED, answers_type, question_types
from bot.core.catalog.pure_material import plain
from bot.core.composer import Composed, Composer, Grounding
from bot.core.faq_answer import canonical, heading_of
from bot.core.kind_scope import scoped_reply
from bot.core.questions import (
    FAQ_CARE_KINDS,
    QUERY_SYNONYMS,
    asks_care,
    asks_contact_value,
    asks_rule,
    asks_yes_no,
    shipping_place,
)
from bot.core.turn import HANDOFF_BUTTON, Plan
from bot.domain import Author, Flag, Hit, Intent, PolicySlot, Reply, Request, RequestKind

CONTACT_VALUE_IN = re.compile(r"[\w.+-]+@[\w-]+\.\w+|\b\d-\d{3}-\d{3}-\d{4}\b")


def care_reply(text: str, req: Request, catalog: list[dict[str, Any]]) -> Reply | None:
    """ "How do I wash merino?": the care line of the products made of it (the care FAQ covers its own kinds)."""
    if req.kind != RequestKind.POLICY or not asks_care(text) or req.skus:
        return None
    if set(req.constraints.categories) & FAQ_CARE_KINDS:
        return None
    care = material_care_answer(plain(req.constraints.materials), req.constraints.categories, catalog)
    if care is None:
        return None
    care_text, read = care
    return Reply(
        text=care_text,
        sources=[
            {"title": str(p["name"]), "source": "catalog", "doc_id": f"product:{p['sku']}", "sku": str(p["sku"])}
            for p in read
        ],
        flags={Flag.STRUCTURED, Flag.CATALOG},
        intent=Intent.PRODUCT_QUESTION,
        confidence=0.9,
        author=Author.TEMPLATE,
    )


def merged_hits(search: Callable[[str], list[Hit]], query: str, general: str) -> list[Hit]:
    """The rule's best two hits (searched as `general`) first, then the original question's own."""
    hits = search(query)
    if general == query:
        return hits
    first = search(general)
    seen = {h.passage.text for h in first[:2]}
    return first[:2] + [h for h in hits if h.passage.text not in seen]


def asked_faq(search: Callable[[str], list[Hit]], query: str, focus: str) -> tuple[list[Hit], str]:
    """The passages for a policy question and the question an extractive reply answers: for a general question in
    other words, the FAQ entry whose heading is its FAQ wording first and that wording as the question; else the
    rule's and the question's own hits (`merged_hits`) and `focus` unchanged."""
    for asked in canonical(query):
        entry = next((h for h in search(f"FAQ: {asked}") if heading_of(h).lower() == asked.lower()), None)
        if entry is not None:
            rest = merged_hits(search, query, asked)
            return [entry, *[h for h in rest if h.passage.text != entry.passage.text]], asked
    return merged_hits(search, query, focus), focus


def contact_value_found(text: str, hits: list[Hit]) -> bool:
    """ "whats ur email": the address (or phone number) is in the top passages, whatever the confidence says."""
    return asks_contact_value(text) and any(CONTACT_VALUE_IN.search(h.passage.text) for h in hits[:3])


VALUE_QUESTIONS = ("duration", "price", "carrier", "email", "phone")
TIERS = ("guest", "bronze", "silver", "gold")
RETURN_WORDS = re.compile(r"\b(return|returns|returning|send\b.{0,25}\bback|exchange)\b", re.I)


def with_member_tier(focus: str, text: str, req: Request, membership: str) -> str:
    """ "How long do I have to return something?" from a known Silver member asks about the Silver window."""
    tier = membership.lower()
    if req.kind != RequestKind.POLICY or tier not in TIERS or not RETURN_WORDS.search(text):
        return focus
    if re.search(r"\b(guests?|bronze|silver|gold)\b", text, re.I):
        return focus  # the shopper named the level they ask about
    if req.slot != PolicySlot.WINDOW and "duration" not in question_types(text):
        return focus
    return f"{focus} ({tier.capitalize()} members)"


def asked_term_found(query: str, hits: list[Hit]) -> bool:
    """The top passages hold the very thing asked about: the place of a shipping question (or the shop's rule
    for places not on its list), or the shop's own word for the shopper's ("customer service": customer care).
    Retrieval's score is low for such rare words even when the passage answers."""
    top = " ".join(h.passage.text.lower() for h in hits[:3])
    place = shipping_place(query)
    if place and (re.search(rf"\b{re.escape(place)}\b", top) or NOT_SHIPPED.search(top)):
        return True
    return any(pattern.search(query) and words.split(" (")[0].lower() in top for pattern, words in QUERY_SYNONYMS)


def _holds(answer: str, kinds: list[str], text: str) -> bool:
    """The answer holds the kind of value asked; "how much" wants an amount ("free on orders of $75 or more" says
    when it is free, not what it costs), "is it free?" may be answered by "free"."""
    if "price" in kinds and not re.search(r"\bfree\b", text, re.I) and not AMOUNT.search(answer):
        return False
    return answers_type(answer, kinds)


def data_reply(text: str, req: Request, plan: Plan, composer: Composer, intent: Intent) -> Reply | None:
    """A yes/no about a rule ("Do you accept PayPal?"), a contact detail, or how long / how much / which carrier
    when the best sentence of the shop holds that kind of value: the shop's own sentence answers it; a small
    model turns these into a wrong "No" or a made-up number. None for other questions."""
    if req.kind not in (RequestKind.POLICY, RequestKind.OWN_ORDER) or plan.grounding.facts:
        return None
    # how long / how much / which carrier: answered from the data when the best sentence holds that value
    # the kind the shopper's own words ask for ("and how long does it take?" after a price), else the resolved one's
    kinds = [k for k in (question_types(text) or question_types(plan.focus)) if k in VALUE_QUESTIONS]
    rule = asks_yes_no(text) or asks_contact_value(text)
    if not (rule or kinds):
        return None
    answer = composer.extractive_reply(plan.focus, plan.grounding, asked=text)
    if answer == composer.not_sure or (not rule and not _holds(answer, kinds, text)):
        return None
    scoped = scoped_reply(text, answer)  # "warranty on jackets?" is not answered with the boots' warranty
    return Reply(
        text=scoped
        or answer,  # no "Yes."/"No." in front: "Northern Ireland" is not Ireland, "hemming" is not returning
        flags={Flag.FROM_DATA},
        author=Author.EXTRACTIVE,
        sources=plan.sources,
        buttons=[*plan.buttons, HANDOFF_BUTTON] if scoped else plan.buttons,
        intent=intent,
        confidence=plan.confidence,
    )


def faq_reply(text: str, plan: Plan, composer: Composer, intent: Intent) -> Reply | None:
    """A general question whose FAQ wording was searched (`asked_faq`: "what's the policy on returns" is "What is
    your return policy?"): that entry's answer, quoted from the data, not composed; None for any other question."""
    if plan.focus not in canonical(text) or plan.grounding.facts:
        return None
    answer = composer.extractive_reply(plan.focus, plan.grounding, asked=text)
    if answer == composer.not_sure or not answer.strip():
        return None
    return Reply(
        text=answer,
        flags={Flag.FROM_DATA},
        author=Author.EXTRACTIVE,
        sources=plan.sources,
        buttons=plan.buttons,
        intent=intent,
        confidence=plan.confidence,
    )


def refocus(composer: Composer, composed: Composed | None, focus: str, text: str, grounding: Grounding) -> Composed:
    """An extractive reply answers the resolved question ("and how long does it take?" after France)."""
    assert composed is not None
    if composed.fallback_used and focus != text:
        composed.text = composer.extractive_reply(focus, grounding, asked=text)
    return composed


# an order not placed yet ("if I order today, when will it arrive?"): the shipping policy answers, no order is looked up
FUTURE_ORDER = re.compile(
    r"\bif (?:i|we) (?:order|buy|place|purchase|check ?out|put in|submit)\b|\b(?:when|how long)\b[^?.!]{0,40}\bif (?:i|we)\b"
    r"|\b(?:an|a new|the next|any) (?:(?:overnight|standard|economy|international|express) )?order\b"
    r"|\borders (?:placed|shipped|take|arrive)\b",
    re.I,
)
# a rule asked about "my order" (its return window, what shipping costs): the policy answers it for anyone
RULE_SLOT = re.compile(
    r"\b(?:return window|window|policy|policies|how much (?:is|does|will) (?:shipping|delivery)|shipping costs?|"
    r"how long do i have|how many days do i have)\b",
    re.I,
)


def asks_where(text: str, where: re.Pattern[str], *, mine: bool = False) -> bool:
    """Asks where an order is (or, with mine, about "my order"), not what the rules allow ("can I change the
    address on my order after it shipped?" is answered from the policy, without an order). An order not yet placed
    and a rule asked about "my order" are questions for the policy, never for verification."""
    if asks_rule(text) or FUTURE_ORDER.search(text):
        return False
    if where.search(text):
        return True
    return mine and bool(re.search(r"\b(my order|i (bought|ordered))\b", text, re.I)) and not RULE_SLOT.search(text)

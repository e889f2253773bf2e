"""Policy questions answered from the shop's data: a material's care from the catalog, a yes/no rule or a
contact detail with the shop's own sentence (never the model's guess), and the searches a policy question gets."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.core.answers import material_care_answer
from bot.core.composer import Composed, Composer, Grounding
from bot.core.questions import FAQ_CARE_KINDS, asks_care, asks_contact_value, asks_rule, asks_yes_no
from bot.core.turn import Plan
from bot.domain import Author, Flag, Hit, Intent, Reply, Request, RequestKind

CONTACT_VALUE_IN = re.compile(r"[\w.+-]+@[\w-]+\.\w+|\b\d-\d{3}-\d{3}-\d{4}\b")


def care_reply(text: str, req: Request, catalog: list[dict[str, Any]]) -> Reply | None:
    """ "How do I wash merino?": the care line of the products made of it (the care FAQ covers its own kinds)."""
    if req.kind != RequestKind.POLICY or not asks_care(text) or req.skus:
        return None
    if set(req.constraints.categories) & FAQ_CARE_KINDS:
        return None
    care = material_care_answer(req.constraints.materials, req.constraints.categories, catalog)
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


def contact_value_found(text: str, hits: list[Hit]) -> bool:
    """ "whats ur email": the address (or phone number) is in the top passages, whatever the confidence says."""
    return asks_contact_value(text) and any(CONTACT_VALUE_IN.search(h.passage.text) for h in hits[:3])


def data_reply(text: str, req: Request, plan: Plan, composer: Composer, intent: Intent) -> Reply | None:
    """A yes/no about a rule ("Do you accept PayPal?") or a contact detail: the shop's own sentence answers it;
    a small model turns these into a wrong "No" or a made-up number. None for other questions."""
    if req.kind not in (RequestKind.POLICY, RequestKind.OWN_ORDER) or plan.grounding.facts:
        return None
    if not (asks_yes_no(text) or asks_contact_value(text)):
        return None
    answer = composer.extractive_reply(plan.focus, plan.grounding)
    if answer == composer.not_sure:
        return None
    return Reply(
        text=answer,  # no "Yes."/"No." in front: "Northern Ireland" is not Ireland, "hemming" is not returning
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
        composed.text = composer.extractive_reply(focus, grounding)
    return composed


def asks_where(text: str, where: re.Pattern[str], *, mine: bool = False) -> bool:
    """Asks where an order is (or, with mine, about "my order"), not what the rules allow ("can I change the
    address on my order after it shipped?" is answered from the policy, without an order)."""
    if asks_rule(text):
        return False
    return bool(where.search(text)) or (mine and bool(re.search(r"\b(my order|i (bought|ordered))\b", text, re.I)))

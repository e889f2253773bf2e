"""Questions a shop page answers whole, asked before retrieval: what the shop sells (the about page), a way to reach
the shop (the contact page) and, for a policy question that names no product, how the clothes fit (the size guide's
rule for all of them), and an attribute asked of a whole kind ("are your boots waterproof?": the kind's page section and its products listed with it), and a
return without a printer (the returns page's ways back, the one that needs no label first)."""

from __future__ import annotations

from bot.core.contact_channels import contact_reply
from bot.core.kind_facts import kind_attribute_reply
from bot.core.listing_gaps import shop_fit_reply
from bot.core.no_printer import no_printer_reply
from bot.core.ports import KnowledgePort
from bot.core.shop_overview import overview_reply
from bot.domain import IntentPrediction, Reply, Request, RequestKind


def page_answer(kb: KnowledgePort, req: Request, text: str, pred: IntentPrediction) -> Reply | None:
    """The contact page's or the size guide's answer, or None when the question is neither."""
    if (sold := overview_reply(kb, text, pred)) is not None:
        return sold  # "what do u guys even sell": the about page's kinds and brands
    if (reach := contact_reply(kb, text, pred)) is not None:
        return reach  # "is there a number I can ring?", "do you have WhatsApp?"
    if (unprinted := no_printer_reply(kb, text, pred)) is not None:
        return unprinted  # "dont have a printer, how do i send my return back?": the ways back, the labelless first
    if (kind := kind_attribute_reply(kb, req, text, pred)) is not None:
        return kind  # "are your boots waterproof?": the boots section whole, and the boots listed as waterproof
    return shop_fit_reply(kb, text, pred) if req.kind == RequestKind.POLICY else None  # "do your shirts run small?"

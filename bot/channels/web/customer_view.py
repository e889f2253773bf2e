"""The customer panel's readable parts: stated preferences, segments with why, and past conversations."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request

from bot.channels.web.dashboard_queries import customer_conversations
from bot.channels.web.templating import templates
from bot.errors import ShopbotError
from bot.store.inbox_store import STATUS_LABELS

log = logging.getLogger(__name__)

PREFERENCE_LABELS = {
    "sizes": "Sizes",
    "colors": "Colours",
    "brands": "Brands",
    "categories": "Categories",
    "budget": "Budget",
}


def customer_view(request: Request, customer_id: str, *, current: str = "") -> dict[str, Any]:
    """Preferences as (label, text) pairs, segment tags with their explanation, and the other conversations."""
    from bot.personalisation import describe_customer

    svc = request.app.state.services
    try:
        described = (
            describe_customer(svc.store, customer_id, personaliser=svc.personaliser if svc.settings.recommend else None)
            or {}
        )
    except (ShopbotError, OSError, ValueError) as exc:  # a missing segment model must not take the page down
        log.warning("could not describe customer segments: %s", exc)
        described = {}
    prefs = described.get("preferences") or {}
    preferences = [
        (
            PREFERENCE_LABELS.get(k, k.replace("_", " ").capitalize()),
            ", ".join(map(str, v)) if isinstance(v, list) else str(v),
        )
        for k, v in prefs.items()
    ]
    past = [
        {**c, "status_label": STATUS_LABELS.get(c.get("status") or "open", "Open")}
        for c in customer_conversations(svc.store, customer_id, limit=20)
        if c["id"] != current
    ]
    return {"preferences": preferences, "segments": described.get("segments") or [], "past": past}


templates.env.globals["customer_view"] = customer_view

"""The web chat's marketing controls: STOP and /privacy typed in the chat, and the Unsubscribe button under every
campaign message. All act at once, without the model, and only for the cookie's own customer."""

from __future__ import annotations

import json
from typing import Any

from bot.app import Services

STOP_WORDS = {"stop", "unsubscribe"}
UNSUBSCRIBED = "🔕 Done — no more offers from the shop."
MARKETING_ON = "✅ You'll get occasional offers from the shop (at most one a week). Type STOP to end them at any time."
PRIVACY_OFF = "🔒 Personalised suggestions and offers from the shop are off. I'll still answer your questions."
PRIVACY_ON = "✅ Personalised suggestions are on."
PRIVACY_STATUS = (
    "Personalised suggestions are {state}; offers from the shop are {marketing}. Type /privacy off or /privacy on for "
    "suggestions, /privacy marketing on or STOP for offers."
)
FOOTER = "\n\n(Offers from the shop: tap Unsubscribe or type STOP to end them.)"


def command_reply(svc: Services, customer_id: str, text: str) -> str | None:
    """The reply to STOP or a /privacy command (after acting on it), or None when the text is neither."""
    words = text.strip().lower().split()
    if " ".join(words).strip("/!. ") in STOP_WORDS:
        svc.campaigns.opt_out(customer_id, source="web:STOP")
        return UNSUBSCRIBED
    if not words or words[0] != "/privacy":
        return None
    args = words[1:]
    if args in (["marketing", "on"], ["marketing", "off"]):
        if args[1] == "on":
            svc.campaigns.opt_in(customer_id, source="web:/privacy marketing on")
            return MARKETING_ON
        svc.campaigns.opt_out(customer_id, source="web:/privacy marketing off")
        return UNSUBSCRIBED
    if args in (["on"], ["off"]):
        svc.store.update_customer(customer_id, personalization=int(args[0] == "on"))
        if args[0] == "off":
            svc.campaigns.opt_out(customer_id, source="web:/privacy off")
            return PRIVACY_OFF
        return PRIVACY_ON
    customer = svc.store.get_customer(customer_id) or {}
    marketing = svc.campaign_store.consent(customer_id)
    return PRIVACY_STATUS.format(
        state="on" if customer.get("personalization", 1) else "off", marketing="on" if marketing else "off"
    )


def campaign_recipient(message: dict[str, Any]) -> int | None:
    """The campaign recipient row a stored chat message was delivered for (None: not a campaign message)."""
    if "campaign" not in _list(message.get("flags")):
        return None
    for source in _list(message.get("sources")):
        if isinstance(source, dict) and isinstance(source.get("campaign_recipient"), int):
            return int(source["campaign_recipient"])
    return None


def own_campaign_message(svc: Services, customer_id: str, message_id: int) -> int | None:
    """The campaign recipient id behind a chat message, when the message is a campaign message in one of this
    customer's conversations (None otherwise: another shopper's message, a normal reply, no such message)."""
    message = svc.store.get_message(message_id)
    if message is None or message.get("direction") != "out":
        return None
    conv = svc.store.get_conversation(str(message["conversation_id"]))
    if conv is None or conv["customer_id"] != customer_id:
        return None
    return campaign_recipient(message)


def unsubscribe_from_message(svc: Services, customer_id: str, message_id: int) -> bool:
    """The Unsubscribe button under a campaign message: opts the customer out at once. False when the message is not
    a campaign message of one of this customer's conversations (nothing changes then)."""
    recipient = own_campaign_message(svc, customer_id, message_id)
    if recipient is None:
        return False
    svc.campaigns.opt_out(customer_id, source="web:unsubscribe button", recipient_id=recipient)
    return True


def offer_from_message(svc: Services, customer_id: str, message_id: int) -> dict[str, Any] | None:
    """The "Show me" button under a campaign message: records the click (the campaign's click rate and attribution)
    and returns the offered product's card; None when the message is not this customer's campaign message."""
    recipient = own_campaign_message(svc, customer_id, message_id)
    product = svc.campaigns.click(recipient, customer_id) if recipient is not None else None
    if product is None:
        return None
    price = product.get("price")
    return {
        "sku": str(product.get("sku") or ""),
        "name": str(product.get("name") or "this offer"),
        "price": float(price) if isinstance(price, (int, float)) else None,
        "currency": str(product.get("currency") or "USD"),
        "url": str(product.get("url") or ""),
    }


def _list(value: Any) -> list[Any]:
    """A JSON list column, decoded or not."""
    if isinstance(value, str) and value.startswith("["):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return []
    return value if isinstance(value, list) else []

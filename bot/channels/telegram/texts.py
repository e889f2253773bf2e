"""What the Telegram bot says on its own (everything else comes from the assistant). HTML parse mode."""

from __future__ import annotations

import html
from typing import Any

START = (
    "👋 <b>Hi! I'm the shop's assistant.</b>\n\n"
    "Ask me about orders and delivery, returns and refunds, payment, sizes and products — "
    "I answer from the shop's own information and show where it comes from. "
    "Tap 🙋 <i>Talk to a person</i> any time to reach our team.\n\n"
    "<b>Privacy:</b> we keep this conversation to answer you and to improve the service, and we may suggest products "
    "based on what you look at. Turn suggestions off with /privacy off; erase everything we hold about you with /forget. "
    "We send offers only if you agreed to them, and /stop ends them at once.\n\n"
    "Type /help for the commands."
)
HELP = (
    "<b>What I can do</b>\n"
    "• Just type a question, e.g. <i>Where is my order?</i> or <i>Do you ship to Canada?</i>\n"
    "• 👍/👎 under an answer tells us if it helped\n\n"
    "<b>Commands</b>\n"
    "/reset — start a new conversation\n"
    "/privacy off — no personalised suggestions and no offers (/privacy on to switch suggestions back)\n"
    "/stop — no more offers from the shop\n"
    "/forget — erase everything we store about you\n"
    "/help — this message"
)
RESET = "🆕 Fresh start — I've opened a new conversation. What can I help you with?"
FORGET_CONFIRM = (
    "⚠️ This erases everything we store about you: your profile, conversations, messages and product history. "
    "It cannot be undone. Are you sure?"
)
FORGET_DONE = "🗑 Done — everything we stored about you has been erased. If you write again, we start from scratch."
FORGET_NOTHING = "We don't store anything about you."
FORGET_CANCELLED = "👍 Nothing was erased."
PRIVACY_ON = "✅ Personalised suggestions are on."
PRIVACY_OFF = "🔒 Personalised suggestions are off. I'll still answer your questions. (/privacy on to switch back)"
PRIVACY_STATUS = (
    "Personalised suggestions are <b>{state}</b>; offers from the shop are <b>{marketing}</b>. Use /privacy off or /privacy on "
    "for suggestions, /privacy marketing on or /stop for offers; /forget erases your data."
)
MARKETING_ON = "✅ You'll get occasional offers from the shop (at most one a week). /stop ends them at any time."
MARKETING_OFF = "🔕 Done — no more offers from the shop. (/privacy marketing on to get them again)"
UNSUBSCRIBED = "Unsubscribed."
UNKNOWN_COMMAND = "I don't know that command. Type /help to see what I can do."
EDITED = "✏️ I only read new messages, so I didn't see your edit — please send it again as a new message."
NOT_TEXT = "🙂 I can only read text for now — please type your question."
PHOTO_RECEIVED = "📎 Thanks, I've added your photo to this conversation for our team."
PHOTO_REFUSED = "📎 Sorry, I couldn't take that photo: {reason}."
PHOTO_FAILED = "📎 Sorry, I couldn't download that photo. Please try sending it again."
ERROR = "😕 Sorry, something went wrong on our side. Please try again in a moment."
TOO_SLOW = "😕 Sorry, this is taking me too long. I've passed your question to our team; a person will reply here."
EXPIRED = "This button has expired."
FEEDBACK_THANKS = "Thanks for your feedback!"
CSAT_QUESTION = "How did we do? Please rate this conversation from 1 (very poor) to 5 (excellent):"
CSAT_THANKS = "Thanks! You rated us {score} out of 5."
CSAT_ALREADY = "This conversation was rated already."
HANDOFF_REQUESTED = "🙋 I've asked a member of our team to join. They'll reply right here."
NOT_ALLOWED = "⛔ Sorry, that command is for shop staff only."
STAFF_PREFIX = "💬 <b>{author}</b> (shop team):\n"


def product(p: dict[str, Any]) -> str:
    """A short product card in HTML."""
    name = html.escape(str(p.get("name", p.get("sku", "?"))), quote=False)
    price = f"{p['price']:g} {p.get('currency', '')}".strip() if isinstance(p.get("price"), (int, float)) else ""
    desc = html.escape(str(p.get("description", "")), quote=False)
    lines = [f"🛍 <b>{name}</b>" + (f" — {html.escape(price)}" if price else ""), desc]
    sizes = p.get("sizes")
    if sizes:
        lines.append("Sizes: " + html.escape(", ".join(map(str, sizes))))
    return "\n".join(line for line in lines if line)

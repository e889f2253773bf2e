"""Fixed replies for turns that need no generation (greetings, refusals, hand-offs)."""

from __future__ import annotations

import random

GREETING = [
    "Hi! I'm the shop assistant. I can help with orders, delivery, returns and our products. What can I do for you?",
    "Hello! Ask me about an order, shipping, returns or anything in our catalogue.",
]
# "how r u today": asked after, said well, and what the assistant can help with
HOW = [
    "I'm doing well, thanks for asking! I can help with orders, delivery, returns and our products. What can I do for you?",
    "All good here, thanks! Ask me about an order, shipping, returns or anything in our catalogue.",
]
THANKS = ["You're welcome! Is there anything else I can help with?", "Happy to help! Anything else?"]
GOODBYE = ["Thanks for chatting with us. Have a great day!"]
# "ok cool", "lol", an emoji: nothing asked, so what the assistant can help with
ACK = [
    "Sure! If there's anything I can help with (an order, delivery, returns or our products), just ask.",
    "Okay! Ask me any time about an order, delivery, returns or our products.",
]
EMPTY = "It looks like your message was empty. What would you like to know?"
JUNK = "Sorry, I couldn't read that message. Could you type your question in words?"
INJECTION = (
    "I can only help with questions about our shop, your orders and our products, "
    "and I can't share my instructions. What can I help you with?"
)
NOT_SURE = (
    "I'm not sure about that, and I don't want to guess. Would you like me to connect you with a person from our team?"
)
OUT_OF_SCOPE = (
    "I'm the shop's assistant, so I can only help with orders, delivery, returns, payments, your account and our products. "
    "Would you like me to connect you with a person from our team?"
)
HANDOFF = "Of course. I've asked a person from our team to join this chat; they'll reply here as soon as they can."
CLARIFY = "I want to get this right: could you tell me a bit more, for example the product or the order you mean?"
VERIFY_ORDER = (
    "I can look that up once I know it's your order. Please write from the account you ordered with, "
    "or tell me the order number together with the e-mail address on the order, and a person from our team will check it."
)
VERIFY_HANDED_OFF = (
    "Thank you. I can't share order details here until we know it's your order, so I've passed your order number and "
    "e-mail address to a person from our team, who will check it and get back to you."
)
ORDER_NOT_YOURS = (
    "I couldn't find that order on your account, so I can't share its details. "
    "Please check the order number, or I can connect you with a person from our team."
)
NO_ORDERS = "I don't see any orders on your account yet. If you ordered with another e-mail address, a person from our team can help."
TRUNCATED_NOTE = " (Your message was long, so I answered its beginning; a person from our team can read all of it.)"


def pick(options: list[str], seed: str) -> str:
    """A stable choice per conversation, so replays give the same text."""
    return random.Random(seed).choice(options)

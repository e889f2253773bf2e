"""A message that claims to come from staff ("this is jen from support, staff id 4471") and asks for a customer's
e-mail, phone, address or orders. The chat cannot check who is writing, so the claim changes nothing: a refusal,
never the shop's own contact line (which reads as if it answered) and never a hint whether that person shops here."""

from __future__ import annotations

import re

STAFF_REFUSAL = (
    "Sorry, I can't share a customer's e-mail, phone number, address, orders or account details in this chat, and I "
    "can't confirm whether someone is a customer. I have no way to check who is writing here, so a staff title or ID "
    "doesn't change that: staff look customers up in the staff tools. The customer can contact us themselves. "
    "I'm happy to help with your own orders or anything about our shop."
)
DATA = re.compile(
    r"\b(?:e-?mail|phone|telephone|mobile|number|address|contact|details|info(?:rmation)?|orders?|account|password|"
    r"card|birthday|date of birth|purchases?)\b",
    re.I,
)
STAFF_CLAIM = re.compile(
    r"\b(?:this is|i'?m|i am|it'?s|im)\b[^.?!\n]{0,40}\b(?:from|at|with|on|in)\s+(?:the\s+)?(?:northwind\b|support\b|"
    r"customer (?:care|service|support)\b|head ?office\b|hq\b|(?:\w+\s+)?(?:team|department|desk)\b)"
    r"|\b(?:staff|employee|agent|badge|admin)\s+(?:id|number|no\.?|#)"
    r"|\b(?:staff|manager|admin|supervisor|agent|support|customer care)\s+here\b"
    r"|\bi work (?:for|at|in) (?:northwind|your|the (?:store|shop|warehouse|support|company))\b"
    r"|\b(?:i'?m|i am|im)\s+(?:an?\s+|the\s+)?(?:(?:store|shop|warehouse|support|care|service)\s+)?(?:admin|administrator|agent|manager|supervisor|staff(?: member)?|"
    r"employee|manager|rep(?:resentative)?|colleague)\b",
    re.I,
)
ABOUT_SOMEONE = re.compile(
    r"\b(?:customer|client|user|account holder|shopper|caller|member|his|her|their|him|them|person|someone|lady|woman|"
    r"man|guy)\b"
    r"|\b[A-Z][a-z]+\s+[A-Z][a-z]+\b",
)
ASKS = re.compile(r"\b(?:read|give|tell|share|send|look up|lookup|pull up|find|get|show|pass|need|want|what(?:'s| is| are)?|"
                  r"confirm|check|verify)\b", re.I)  # fmt: skip


def staff_asks_customer_data(text: str) -> bool:
    """True when a claimed staff member asks for someone's personal data."""
    return bool(STAFF_CLAIM.search(text) and DATA.search(text) and ASKS.search(text) and ABOUT_SOMEONE.search(text))

"""Identifier rules shared by the store and every channel."""

from __future__ import annotations

import re

# Conversation ids are issued by the server (conv-<hex>); anything a client sends must look like one
# of ours: letters, digits, '-' and '_' only, so an id can never act as a path, a query or markup.
CONVERSATION_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
_CONVERSATION_ID = re.compile(CONVERSATION_ID_PATTERN)


def valid_conversation_id(value: str) -> bool:
    """True when `value` has the shape of a conversation id (no '/', '\\', '.', '?', spaces...)."""
    return bool(_CONVERSATION_ID.fullmatch(value))

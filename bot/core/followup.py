"""Resolve follow-up questions ("and in blue?", "how much is it?") against earlier turns."""

from __future__ import annotations

import re
from typing import Any

_ANAPHORA = re.compile(r"\b(it|its|it's|this|that|these|those|they|them|one|ones|same)\b", re.IGNORECASE)
_FOLLOWUP_START = re.compile(r"^\s*(and|also|what about|how about|what if|or|but|then|ok(ay)?,? and)\b", re.IGNORECASE)


def is_followup(text: str) -> bool:
    """Short, referring messages lean on the previous turn."""
    words = re.findall(r"\w+", text)
    return bool(_FOLLOWUP_START.search(text)) or (len(words) <= 8 and bool(_ANAPHORA.search(text))) or len(words) <= 3


def rewrite_query(text: str, history: list[dict[str, Any]]) -> str:
    """The retrieval query: the message itself, or the previous question plus it when it is a follow-up."""
    if not is_followup(text):
        return text
    previous = [m["text"] for m in history if m.get("direction") == "in" and m.get("text", "").strip() != text.strip()]
    if not previous:
        return text
    return f"{previous[-1]} {text}"


def products_in_context(history: list[dict[str, Any]]) -> list[str]:
    """SKUs of the products the last bot reply was about (newest first)."""
    for m in reversed(history):
        if m.get("direction") != "out":
            continue
        skus = [str(s["sku"]) for s in (m.get("sources") or []) if isinstance(s, dict) and s.get("sku")]
        if skus:
            return skus
    return []

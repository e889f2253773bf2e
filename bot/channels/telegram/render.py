"""Turn a `Reply` into Telegram messages: HTML-escaped text split under 4,096 characters, and an inline keyboard."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.domain import Flag, Reply

MAX_CHARS = int(MessageLimit.MAX_TEXT_LENGTH)  # 4,096
MAX_CALLBACK_BYTES = 64
PARSE_MODE = "HTML"
_PIECES = re.compile(r"\n|[^\S\n]+|\S+")


@dataclass(slots=True)
class Rendered:
    """The messages to send, in order; the keyboard goes with the last one."""

    chunks: list[str]
    keyboard: InlineKeyboardMarkup | None = None


def escape(text: str) -> str:
    """Escape text for parse_mode=HTML."""
    return html.escape(text, quote=False)


def split_escaped(text: str, *, limit: int = MAX_CHARS) -> list[str]:
    """Escape `text` and cut it into pieces whose escaped length fits `limit`, preferring line then word breaks."""
    chunks: list[str] = []
    current = ""
    for piece in _PIECES.findall(text):
        esc = escape(piece)
        while len(esc) > limit:  # one enormous word: cut it, never inside an entity
            cut = limit - len(current)
            head = _safe_prefix(esc, cut)
            if head:
                chunks.append(current + head)
                current = ""
                esc = esc[len(head) :]
            else:
                chunks.append(current)
                current = ""
        if len(current) + len(esc) > limit:
            chunks.append(current)
            current = esc.lstrip() if esc != "\n" else ""
        else:
            current += esc
    if current.strip() or not chunks:
        chunks.append(current)
    return [c.strip() for c in chunks if c.strip()] or [""]


def _safe_prefix(esc: str, n: int) -> str:
    """The longest prefix of at most n characters that does not end inside an &entity;."""
    head = esc[: max(n, 0)]
    amp = head.rfind("&")
    if amp != -1 and ";" not in head[amp:]:
        head = head[:amp]
    return head


def sources_line(reply: Reply, *, limit: int = 3) -> str:
    """Short source titles, e.g. "Sources: Returns and refunds · Shipping" (escaped, italic)."""
    titles: list[str] = []
    for src in reply.sources:
        title = str(src.get("title") or src.get("source") or "").strip()
        if title and title not in titles:
            titles.append(title if len(title) <= 40 else title[:39] + "…")
    if not titles:
        return ""
    return "<i>Sources: " + escape(" · ".join(titles[:limit])) + "</i>"


def callback(*parts: object) -> str:
    """Callback data within Telegram's 64-byte limit."""
    data = ":".join(str(p) for p in parts)
    return data.encode()[:MAX_CALLBACK_BYTES].decode(errors="ignore")


def keyboard(reply: Reply, *, feedback: bool = True) -> InlineKeyboardMarkup | None:
    """Product cards as buttons, the reply's own buttons, then 👍/👎 and "talk to a person"."""
    rows: list[list[InlineKeyboardButton]] = []
    for card in reply.cards[:4]:
        price = f" — {card.price:g} {card.currency}" if card.price else ""
        rows.append([InlineKeyboardButton(f"🛍 {card.name}{price}"[:60], callback_data=callback("p", card.sku))])
    has_handoff = False
    for button in reply.buttons:
        if button.action == "handoff":
            has_handoff = True
            rows.append(
                [InlineKeyboardButton(f"🙋 {button.label}", callback_data=callback("h", reply.conversation_id or ""))]
            )
        elif button.action.startswith("product:"):
            rows.append(
                [InlineKeyboardButton(button.label[:60], callback_data=callback("p", button.action.split(":", 1)[1]))]
            )
    if feedback and reply.message_id is not None:
        rows.append(
            [
                InlineKeyboardButton("👍", callback_data=callback("f", "+", reply.message_id)),
                InlineKeyboardButton("👎", callback_data=callback("f", "-", reply.message_id)),
            ]
        )
    if not has_handoff and Flag.HANDOFF not in reply.flags and reply.conversation_id:
        rows.append([InlineKeyboardButton("🙋 Talk to a person", callback_data=callback("h", reply.conversation_id))])
    return InlineKeyboardMarkup(rows) if rows else None


def render(reply: Reply) -> Rendered:
    """The whole reply for Telegram (parse_mode HTML)."""
    chunks = split_escaped(reply.text)
    line = sources_line(reply)
    if line:
        if len(chunks[-1]) + 2 + len(line) <= MAX_CHARS:
            chunks[-1] = f"{chunks[-1]}\n\n{line}".strip()
        else:
            chunks.append(line)
    return Rendered(chunks=chunks, keyboard=keyboard(reply))

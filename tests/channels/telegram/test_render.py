"""Rendering a Reply for Telegram: HTML escaping, 4,096-character split, sources, keyboards."""

from __future__ import annotations

import html
import re

from bot.channels.telegram.render import MAX_CHARS, callback, render, split_escaped
from bot.domain import Button, ProductCard, Reply


def test_text_is_escaped_and_sources_are_short_titles() -> None:
    reply = Reply(
        text="Jeans < 60 & boots > 100 <b>",
        sources=[
            {"title": "Shipping", "source": "policies/shipping.md", "doc_id": "a"},
            {"title": "Shipping", "source": "x", "doc_id": "b"},
            {"title": "R" * 60, "source": "y", "doc_id": "c"},
        ],
    )
    out = render(reply)
    assert out.chunks == [
        "Jeans &lt; 60 &amp; boots &gt; 100 &lt;b&gt;\n\n<i>Sources: Shipping · " + "R" * 39 + "…</i>"
    ]


def test_long_replies_split_under_the_limit_without_losing_text_or_breaking_entities() -> None:
    text = ("Line with an & ampersand and <tags>.\n" * 400) + "x" * 9000
    chunks = split_escaped(text)
    assert len(chunks) > 2 and all(0 < len(c) <= MAX_CHARS for c in chunks)
    assert all(not c.endswith("&") and not c.endswith("&amp") for c in chunks)
    assert re.sub(r"\s", "", "".join(html.unescape(c) for c in chunks)) == re.sub(
        r"\s", "", text
    )  # only whitespace at cuts goes


def test_keyboard_has_cards_reply_buttons_feedback_and_handoff() -> None:
    reply = Reply(
        text="Try these",
        cards=[ProductCard("NT-JNS-0001", "Slim Blue Jeans", 59.9, "USD")],
        buttons=[Button("Talk to a person", "handoff")],
        conversation_id="conv-1",
        message_id=17,
    )
    rows = render(reply).keyboard.inline_keyboard
    assert [[(b.text, b.callback_data) for b in row] for row in rows] == [
        [("🛍 Slim Blue Jeans — 59.9 USD", "p:NT-JNS-0001")],
        [("🙋 Talk to a person", "h:conv-1")],
        [("👍", "f:+:17"), ("👎", "f:-:17")],
    ]


def test_no_handoff_button_once_handed_off_and_callback_data_fits() -> None:
    reply = Reply(text="A person will reply", flags={"handoff"}, conversation_id="conv-1", message_id=3)
    rows = render(reply).keyboard.inline_keyboard
    assert [b.callback_data for row in rows for b in row] == ["f:+:3", "f:-:3"]
    assert len(callback("p", "é" * 100).encode()) <= 64

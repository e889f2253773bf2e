"""Markdown to safe HTML for the knowledge-base pages (raw HTML in the source is shown as text, never run)."""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup

from bot.errors import SourceFileError
from bot.kb.sources import parse_front_matter

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render_markdown(text: str, *, rel: str = "article.md") -> tuple[dict[str, Any], Markup]:
    """(front matter, body as HTML); bad front matter shows the whole text as Markdown."""
    try:
        meta, body = parse_front_matter(text, rel)
    except SourceFileError:
        meta, body = {}, text
    return (meta if isinstance(meta, dict) else {}), Markup(
        _MD.render(body)
    )  # html=False: raw HTML in the text arrives escaped

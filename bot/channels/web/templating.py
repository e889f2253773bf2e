"""Jinja2 templates (autoescaped) and the context every dashboard page shares."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from bot import __version__
from bot.channels.web.auth import csrf_token
from bot.channels.web.dashboard_queries import display_name, waited
from bot.store import StaffUser
from bot.store.inbox_store import STATUS_LABELS

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
# Starlette enables autoescape for .html; make it unconditional so no template can opt out by name.
templates.env.autoescape = True


def _short_time(value: str | None) -> str:
    """'2026-11-29T05:30:29.123+00:00' -> '2026-11-29 05:30 UTC' (stored times are UTC; the label says so)."""
    if not value:
        return ""
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)[:16]
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.strftime("%Y-%m-%d %H:%M") + " UTC"


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, str) and value.startswith("["):
        try:
            return list(json.loads(value))
        except json.JSONDecodeError:
            return []
    return []


def _segment(value: Any) -> str:
    """One URL path segment: every reserved character escaped, '/' and '\\' included (Jinja's urlencode keeps '/')."""
    return quote(str(value), safe="")


templates.env.filters["short_time"] = _short_time
templates.env.filters["seg"] = _segment
templates.env.filters["as_list"] = _as_list
templates.env.filters["display_name"] = display_name
templates.env.filters["waited"] = waited
templates.env.globals["version"] = __version__


def render(
    request: Request,
    name: str,
    *,
    user: StaffUser | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    """Render a template with the signed-in user and their CSRF token."""
    services = request.app.state.services
    csrf = csrf_token(services, user) if user is not None else ""
    extra: dict[str, Any] = {"status_labels": STATUS_LABELS}
    if user is not None:
        extra["mentions_unseen"] = services.inbox.unseen_mentions(user.name)
    return templates.TemplateResponse(
        request, name, {"user": user, "csrf": csrf, **extra, **context}, status_code=status_code, headers=headers
    )

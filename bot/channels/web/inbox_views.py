"""The conversation list: views (all, mine, unassigned, needs a human) and statuses with counts, filters and search,
who waited longest first; the rows again for the live refresh."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from bot.app import Services
from bot.channels.web.auth import Agent
from bot.channels.web.dashboard_queries import (
    CHANNELS,
    FLAGS,
    NEEDS_HUMAN,
    ConversationFilter,
    counts,
    list_conversations,
    search_hits,
)
from bot.channels.web.templating import render
from bot.store.inbox_store import PRIORITIES, STATUS_LABELS, STATUSES

router = APIRouter(prefix="/staff")


def _svc(request: Request) -> Services:
    return request.app.state.services


def _filters(
    flag: str = "",
    channel: str = "",
    since: str = "",
    until: str = "",
    q: str = "",
    status: str = "",
    view: str = "",
    label: str = "",
    priority: str = "",
) -> ConversationFilter:
    """The list's query parameters (a FastAPI dependency), each cut to what it may be."""
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in q) or not _encodable(q):
        # SQLite's FTS5 stops a query at a NUL and then reports a syntax error: say what is wrong instead of a 500
        raise HTTPException(400, "the search text contains a NUL or control character; remove it and search again")
    return ConversationFilter(
        flag=flag if flag in FLAGS or flag in ("any", NEEDS_HUMAN) else "",
        channel=channel if channel in CHANNELS else "",
        since=since[:10],
        until=until[:10],
        q=q[:200],
        status=status if status in STATUSES else "",
        view=view if view in ("mine", "unassigned") else "",
        label=label[:32] if _encodable(label) else "",
        priority=priority if priority in PRIORITIES else "",
    )


def _tabs(filt: ConversationFilter, n: dict[str, int]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The view links (all, mine, unassigned, needs a human) and the status links, each with its count."""
    base = {k: v for k, v in filt.as_query().items() if k not in ("view", "status", "flag")}
    flag = {"flag": filt.flag} if filt.flag and filt.flag != NEEDS_HUMAN else {}

    def href(**extra: str) -> str:
        query = {**base, **{k: v for k, v in extra.items() if v}}
        return "/staff" + ("?" + urlencode(query) if query else "")

    current_view = NEEDS_HUMAN if filt.flag == NEEDS_HUMAN else filt.view
    views = [
        {
            "id": "view-" + (key or "all").replace("_", "-"),
            "label": label,
            "n": n[count],
            "current": current_view == key,
            "href": href(**({"flag": key} if key == NEEDS_HUMAN else {"view": key, **flag}), status=filt.status),
        }
        for key, label, count in (
            ("", "All conversations", "all"),
            ("mine", "Mine", "mine"),
            ("unassigned", "Unassigned", "unassigned"),
            (NEEDS_HUMAN, "Needs a human", NEEDS_HUMAN),
        )
    ]
    view_q = {"flag": NEEDS_HUMAN} if filt.flag == NEEDS_HUMAN else {"view": filt.view, **flag}
    statuses = [
        {
            "id": "status-" + (key or "any"),
            "label": STATUS_LABELS.get(key, "Any"),
            "n": n[key or "all"],
            "current": filt.status == key,
            "href": href(**view_q, status=key),
        }
        for key in ("", *STATUSES)
    ]
    return views, statuses


Filters = Annotated[ConversationFilter, Depends(_filters)]


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@router.get("", response_class=HTMLResponse)
def conversations(request: Request, user: Agent, filt: Filters, notice: str = "") -> Response:
    """The conversation list with views, statuses, filters and search, who waited longest first; refreshed live over SSE."""
    svc = _svc(request)
    minutes = svc.settings.inbox_unanswered_minutes
    rows = list_conversations(svc.store, filt, staff=user.name, unanswered_minutes=minutes)
    hits = search_hits(svc.store, filt.q) if filt.q else []
    view_tabs, status_tabs = _tabs(filt, counts(svc.store, staff=user.name, unanswered_minutes=minutes))
    return render(
        request,
        "conversations.html",
        user=user,
        rows=rows,
        hits=hits,
        filt=filt,
        flags=FLAGS,
        channels=CHANNELS,
        priorities=PRIORITIES,
        labels=svc.inbox.labels(),
        needs_human=NEEDS_HUMAN,
        view_tabs=view_tabs,
        status_tabs=status_tabs,
        list_url="/staff/list?" + urlencode(filt.as_query()),
        notice=notice[:200],
    )


@router.get("/list", response_class=HTMLResponse)
def conversation_rows(request: Request, user: Agent, filt: Filters) -> Response:
    """Just the table rows, for the live refresh."""
    svc = _svc(request)
    rows = list_conversations(
        svc.store, filt, staff=user.name, unanswered_minutes=svc.settings.inbox_unanswered_minutes
    )
    return render(request, "_rows.html", user=user, rows=rows)

"""The inbox's workflow routes: status and snooze, assignment, priority, labels, canned replies, mentions, and the
round-robin assigner that gives conversations asking for a person to the staff who are online."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.app import Services
from bot.channels.web.auth import AdminPost, Agent, AgentPost
from bot.channels.web.templating import render
from bot.errors import StoreError
from bot.store.inbox_list import auto_resolve
from bot.store.inbox_store import PRIORITIES, STATUSES

log = logging.getLogger(__name__)
router = APIRouter(prefix="/staff")

SNOOZE_CHOICES = {"1h": timedelta(hours=1), "4h": timedelta(hours=4), "1d": timedelta(days=1), "3d": timedelta(days=3)}


def _svc(request: Request) -> Services:
    return request.app.state.services


def _back(conversation_id: str, request: Request) -> RedirectResponse:
    target = f"/staff/c/{quote(conversation_id, safe='')}"
    if request.query_params.get("next") == "list":
        target = "/staff"
    return RedirectResponse(target, 303)


async def _exists(request: Request, conversation_id: str) -> None:
    if await asyncio.to_thread(_svc(request).store.get_conversation, conversation_id) is None:
        raise HTTPException(404, "no such conversation")


# ---------------------------------------------------------------------- status
@router.post("/c/{conversation_id}/status")
async def set_status(
    request: Request,
    conversation_id: str,
    user: AgentPost,
    status: Annotated[str, Form(max_length=20)],
    snooze: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Open, waiting on shopper, snoozed (for 1 h, 4 h, 1 day, 3 days or until a given UTC time) or resolved."""
    if status not in STATUSES:
        raise HTTPException(400, f"status is one of {', '.join(STATUSES)}")
    until = _snooze_until(snooze) if status == "snoozed" else None
    before = await asyncio.to_thread(_svc(request).set_status, conversation_id, status, staff=user.name, until=until)
    if before is None:
        raise HTTPException(404, "no such conversation")
    return _back(conversation_id, request)


def _snooze_until(choice: str) -> str:
    now = datetime.now(UTC)
    if choice in SNOOZE_CHOICES:
        return (now + SNOOZE_CHOICES[choice]).isoformat(timespec="milliseconds")
    try:
        when = datetime.fromisoformat(choice)
    except ValueError:
        raise HTTPException(400, "snooze for 1h, 4h, 1d, 3d or until a time (YYYY-MM-DDTHH:MM, UTC)") from None
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    if when <= now:
        raise HTTPException(400, "snooze until a time in the future")
    return when.isoformat(timespec="milliseconds")


# ---------------------------------------------------------------------- assignment, priority, labels
@router.post("/c/{conversation_id}/assign")
async def assign(
    request: Request, conversation_id: str, user: AgentPost, staff: Annotated[str, Form(max_length=64)] = ""
) -> Response:
    """Assign to a member of staff ("me" for oneself, empty to unassign)."""
    name = user.name if staff == "me" else (staff or None)
    ok = await asyncio.to_thread(_svc(request).inbox.assign, conversation_id, name, by=user.name)
    if not ok:
        raise HTTPException(404, "no such conversation or member of staff")
    _svc(request).bus.publish({"type": "assigned", "conversation_id": conversation_id, "staff": name})
    return _back(conversation_id, request)


@router.post("/c/{conversation_id}/priority")
async def priority(
    request: Request, conversation_id: str, user: AgentPost, priority: Annotated[str, Form(max_length=20)]
) -> Response:
    """Low, normal, high or urgent."""
    if priority not in PRIORITIES:
        raise HTTPException(400, f"priority is one of {', '.join(PRIORITIES)}")
    await _exists(request, conversation_id)
    await asyncio.to_thread(_svc(request).inbox.set_priority, conversation_id, priority)
    return _back(conversation_id, request)


@router.post("/c/{conversation_id}/labels")
async def add_label(
    request: Request, conversation_id: str, user: AgentPost, label: Annotated[str, Form(max_length=64)]
) -> Response:
    """Add a label (letters, digits, spaces, '-' or '_')."""
    await _exists(request, conversation_id)
    try:
        await asyncio.to_thread(_svc(request).inbox.add_label, conversation_id, label, by=user.name)
    except StoreError as exc:
        raise HTTPException(400, str(exc)) from exc
    return _back(conversation_id, request)


@router.post("/c/{conversation_id}/labels/delete")
async def remove_label(
    request: Request, conversation_id: str, user: AgentPost, label: Annotated[str, Form(max_length=64)]
) -> Response:
    """Take a label off."""
    await _exists(request, conversation_id)
    await asyncio.to_thread(_svc(request).inbox.remove_label, conversation_id, label)
    return _back(conversation_id, request)


# ---------------------------------------------------------------------- canned replies
@router.get("/canned", response_class=HTMLResponse)
def canned_page(request: Request, user: Agent, error: str = "") -> Response:
    """Every canned reply; admins add, edit and delete them."""
    return render(request, "canned.html", user=user, canned=_svc(request).inbox.canned(), error=error[:200])


@router.post("/canned")
async def save_canned(
    request: Request,
    user: AdminPost,
    shortcut: Annotated[str, Form(max_length=40)],
    text: Annotated[str, Form(max_length=4000)],
) -> Response:
    """Create or replace a canned reply (admins)."""
    try:
        await asyncio.to_thread(_svc(request).inbox.save_canned, shortcut, text, by=user.name)
    except StoreError as exc:
        return canned_page(request, user, error=str(exc))
    return RedirectResponse("/staff/canned", 303)


@router.post("/canned/{shortcut}/delete")
async def delete_canned(request: Request, shortcut: str, user: AdminPost) -> Response:
    """Delete a canned reply (admins)."""
    if not await asyncio.to_thread(_svc(request).inbox.delete_canned, shortcut):
        raise HTTPException(404, "no such canned reply")
    return RedirectResponse("/staff/canned", 303)


# ---------------------------------------------------------------------- mentions
@router.get("/mentions", response_class=HTMLResponse)
def mentions_page(request: Request, user: Agent) -> Response:
    """Notes in which colleagues @mentioned me, unseen ones marked."""
    return render(request, "mentions.html", user=user, mentions=_svc(request).inbox.mentions(user.name))


# ---------------------------------------------------------------------- round-robin
async def assign_on_handoff(services: Services) -> None:
    """Forever: a conversation that asks for a person (a hand-off request, or a reply the bot handed off) goes to the
    online member of staff assigned longest ago, if nobody has it yet."""
    async with services.bus.subscribe() as queue:
        while True:
            event: dict[str, Any] = await queue.get()
            handed = event.get("type") == "handoff" or (
                event.get("type") == "message"
                and event.get("direction") == "out"
                and "handoff" in (event.get("flags") or [])
            )
            if not handed or not event.get("conversation_id"):
                continue
            try:
                await asyncio.to_thread(services.auto_assign, str(event["conversation_id"]))
            except (StoreError, OSError) as exc:
                log.error("round-robin assignment failed for %s: %s", event.get("conversation_id"), exc)


async def resolve_idle(services: Services, *, every_s: float = 300.0) -> None:
    """Forever, every few minutes: resolve conversations idle for SHOPBOT_INBOX_AUTO_RESOLVE_HOURS after a reply
    that left nothing for a person (they count as resolved; "by the bot alone" if no person was involved)."""
    while True:
        try:
            ids = await asyncio.to_thread(
                auto_resolve, services.store, idle_hours=services.settings.inbox_auto_resolve_hours
            )
            for conv_id in ids:
                services.bus.publish(
                    {"type": "status", "conversation_id": conv_id, "status": "resolved", "staff": "auto"}
                )
        except (StoreError, OSError) as exc:
            log.error("resolving idle conversations failed: %s", exc)
        await asyncio.sleep(every_s)

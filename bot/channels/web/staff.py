"""Staff dashboard: login, live conversation list, transcripts, takeover, replies, notes and the customer panel."""

from __future__ import annotations

import asyncio
import logging
import secrets
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.app import Services
from bot.channels.web import auth
from bot.channels.web.auth import Admin, AdminPost, Agent, AgentPost
from bot.channels.web.dashboard_queries import (
    customer_conversations,
)
from bot.channels.web.sse import event_stream
from bot.channels.web.templating import render
from bot.store.inbox_store import PRIORITIES, STATUSES
from bot.tombstones import pseudonym

log = logging.getLogger(__name__)
router = APIRouter(prefix="/staff")

LIVE_TYPES = {
    "message",
    "handoff",
    "mode",
    "staff_message",
    "feedback",
    "note",
    "customer_erased",
    "status",
    "assigned",
    "csat",
    "kb_progress",
    "kb_reloaded",
    "kb_failed",
}
MAX_REPLY = 4000


def _svc(request: Request) -> Services:
    return request.app.state.services


def _secure(request: Request) -> bool:
    return _svc(request).settings.env == "production"


# ---------------------------------------------------------------------- login
def _safe_next(target: str) -> str:
    """Only redirect within the dashboard after login (no open redirects)."""
    return target if target.startswith("/staff") and not target.startswith("//") and "\\" not in target else "/staff"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, error: str = "", next: str = "/staff") -> Response:  # noqa: A002 - the query name
    """The login form, with a double-submit CSRF cookie."""
    if auth.current_user(request) is not None:
        return RedirectResponse(_safe_next(next), 303)
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", login_csrf=token, error=error[:100], next=_safe_next(next))
    response.set_cookie(
        auth.LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=_secure(request), path="/staff"
    )
    return response


def _login_again(
    request: Request, cookie: str, next_url: str, error: str, status: int, headers: dict[str, str] | None = None
) -> Response:
    """The login form again, with the reason the attempt failed."""
    return render(
        request,
        "login.html",
        login_csrf=cookie,
        next=_safe_next(next_url),
        error=error,
        status_code=status,
        headers=headers,
    )


@router.post("/login")
async def login(
    request: Request,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    csrf: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=300)] = "/staff",  # noqa: A002 - the form field's name
) -> Response:
    """Check the password (rate-limited per name and address) and start a session."""
    cookie = request.cookies.get(auth.LOGIN_CSRF_COOKIE, "")
    if not cookie or not secrets.compare_digest(cookie, csrf):
        raise HTTPException(403, "bad or missing CSRF token")
    store = auth.staff_store(request)
    trusted = auth.trusted_device(request, name)
    attempt, wait = await asyncio.to_thread(
        store.begin_attempt, name, auth.client_ip(request), trusted=trusted, policy=auth.login_policy(request)
    )
    if attempt is None:
        log.warning("login backoff for %r from %s: %.0f s", name, auth.client_ip(request), wait)
        seconds = max(1, int(wait + 0.999))
        error = f"Too many failed attempts. Try again in {seconds} second{'s' if seconds != 1 else ''}."
        return _login_again(request, cookie, next, error, 429, headers={"Retry-After": str(seconds)})
    user = await asyncio.to_thread(store.verify, name, password)
    await asyncio.to_thread(store.finish_attempt, attempt, ok=user is not None)
    if user is None:
        return _login_again(request, cookie, next, "Wrong name or password.", 401)
    token = await asyncio.to_thread(store.create_session, user.name)
    response = RedirectResponse(_safe_next(next), 303)
    response.set_cookie(
        auth.SESSION_COOKIE,
        auth.session_cookie_value(_svc(request), token),
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/",
        max_age=12 * 3600,
    )
    response.delete_cookie(auth.LOGIN_CSRF_COOKIE, path="/staff")
    response.set_cookie(
        auth.DEVICE_COOKIE,
        auth.device_cookie_value(_svc(request), user.name),
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path="/staff/login",
        max_age=180 * 24 * 3600,
    )
    log.info("staff %s signed in", user.name)
    return response


@router.post("/logout")
async def logout(request: Request, user: AgentPost) -> Response:
    """End the session."""
    await asyncio.to_thread(auth.staff_store(request).end_session, user.session)
    auth.forget_presence(request, user.name)
    response = RedirectResponse("/staff/login", 303)
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response


# ---------------------------------------------------------------------- conversation list
@router.get("/events")
async def events(request: Request, user: Agent) -> Response:
    """Live feed of messages, hand-offs, takeovers and KB progress for the dashboard."""

    async def select(event: dict[str, Any]) -> dict[str, Any] | None:
        return event if event.get("type") in LIVE_TYPES else None

    return event_stream(request, _svc(request).bus, select)


# ---------------------------------------------------------------------- one conversation
def _conversation_context(request: Request, conversation_id: str) -> dict[str, Any]:
    svc = _svc(request)
    conv = svc.store.get_conversation(conversation_id)
    if conv is None:
        raise HTTPException(404, "no such conversation")
    customer = svc.store.get_customer(conv["customer_id"]) if conv.get("customer_id") else None
    orders = svc.store.orders_for(conv["customer_id"]) if customer else []
    messages = svc.store.messages(conversation_id)
    learning = {  # photos shown inline, and which bot replies staff already corrected
        "attachments": svc.knowledge_store.attachments_in(conversation_id),
        "corrected": svc.knowledge_store.corrections_of(m["id"] for m in messages if m["direction"] == "out"),
    }
    workflow = {  # status, assignee, priority, labels and the shopper's rating
        "labels": svc.inbox.labels(conversation_id),
        "staff_names": svc.inbox.staff_names(),
        "statuses": STATUSES,
        "priorities": PRIORITIES,
        "csat": svc.inbox.csat_of(conversation_id),
    }
    return {"conv": conv, "messages": messages, "customer": customer, "orders": orders, **learning, **workflow}


@router.get("/c/{conversation_id}", response_class=HTMLResponse)
def conversation(request: Request, conversation_id: str, user: Agent) -> Response:
    """The whole transcript with intent, confidence, sources, latency and flags; status, assignment, labels, takeover,
    reply (with canned replies) and notes. Opening it marks the conversation read for this member of staff."""
    context = _conversation_context(request, conversation_id)
    _svc(request).inbox.mark_read(conversation_id, user.name)
    return render(request, "conversation.html", user=user, canned=_svc(request).inbox.canned(), **context)


@router.get("/c/{conversation_id}/transcript", response_class=HTMLResponse)
def transcript(request: Request, conversation_id: str, user: Agent) -> Response:
    """Just the transcript and the bars above it, for the live refresh (what staff see live counts as read)."""
    context = _conversation_context(request, conversation_id)
    _svc(request).inbox.mark_read(conversation_id, user.name)
    return render(request, "_transcript.html", user=user, **context)


def _back(conversation_id: str) -> RedirectResponse:
    return RedirectResponse(f"/staff/c/{quote(conversation_id, safe='')}", 303)


async def _existing(request: Request, conversation_id: str) -> None:
    if await asyncio.to_thread(_svc(request).store.get_conversation, conversation_id) is None:
        raise HTTPException(404, "no such conversation")


@router.post("/c/{conversation_id}/takeover")
async def takeover(request: Request, conversation_id: str, user: AgentPost) -> Response:
    """Staff take the conversation over; the bot stays silent until hand-back."""
    await _existing(request, conversation_id)
    await asyncio.to_thread(_svc(request).set_mode, conversation_id, "staff", staff=user.name)
    return _back(conversation_id)


@router.post("/c/{conversation_id}/handback")
async def handback(request: Request, conversation_id: str, user: AgentPost) -> Response:
    """Give the conversation back to the bot."""
    await _existing(request, conversation_id)
    await asyncio.to_thread(_svc(request).set_mode, conversation_id, "bot", staff=user.name)
    return _back(conversation_id)


@router.post("/c/{conversation_id}/reply")
async def reply(
    request: Request, conversation_id: str, user: AgentPost, text: Annotated[str, Form(max_length=MAX_REPLY)]
) -> Response:
    """Send a staff message; the conversation's channel delivers it to the shopper."""
    if not text.strip():
        return _back(conversation_id)
    if await asyncio.to_thread(_svc(request).staff_reply, conversation_id, text.strip(), staff=user.name) is None:
        raise HTTPException(404, "no such conversation")
    return _back(conversation_id)


@router.post("/c/{conversation_id}/note")
async def note(
    request: Request, conversation_id: str, user: AgentPost, text: Annotated[str, Form(max_length=MAX_REPLY)]
) -> Response:
    """An internal note: visible to staff only, never sent to the shopper; an @name in it reaches that colleague."""
    await _existing(request, conversation_id)
    if text.strip():
        svc = _svc(request)
        _, mentioned = await asyncio.to_thread(svc.inbox.add_note, conversation_id, text.strip(), author=user.name)
        svc.bus.publish(
            {"type": "note", "conversation_id": conversation_id, "author": user.name, "mentions": mentioned}
        )
    return _back(conversation_id)


# ---------------------------------------------------------------------- customers
@router.get("/customers/{customer_id}", response_class=HTMLResponse)
def customer(request: Request, customer_id: str, user: Agent) -> Response:
    """Profile, orders and conversations of one customer."""
    store = _svc(request).store
    found = store.get_customer(customer_id)
    if found is None:
        raise HTTPException(404, "no such customer")
    convs = customer_conversations(store, customer_id, limit=200)
    return render(
        request, "customer.html", user=user, customer=found, orders=store.orders_for(customer_id), convs=convs
    )


@router.get("/customers/{customer_id}/erase", response_class=HTMLResponse)
def erase_confirm(request: Request, customer_id: str, user: Admin) -> Response:
    """The confirmation page: names the customer and what will go; only its form erases."""
    store = _svc(request).store
    found = store.get_customer(customer_id)
    if found is None:
        raise HTTPException(404, "no such customer")
    convs = customer_conversations(store, customer_id, limit=10_000)
    return render(
        request,
        "erase_confirm.html",
        user=user,
        customer=found,
        n_conversations=len(convs),
        n_orders=len(store.orders_for(customer_id)),
    )


@router.post("/customers/{customer_id}/erase")
async def erase(
    request: Request, customer_id: str, user: AdminPost, confirm: Annotated[str, Form(max_length=200)] = ""
) -> Response:
    """Erase the customer everywhere (admins only), and only when the form names the same customer as the URL."""
    svc = _svc(request)
    if await asyncio.to_thread(svc.store.get_customer, customer_id) is None:
        raise HTTPException(404, "no such customer")
    if confirm != customer_id:
        # a stray or forged post (a crafted link, a form that named someone else) lands on the confirmation page instead
        return RedirectResponse(f"/staff/customers/{quote(customer_id, safe='')}/erase", 303)
    counts = await asyncio.to_thread(svc.erase_customer, customer_id)
    log.info(
        "staff %s erased a customer (%s): %s", user.name, pseudonym(customer_id), counts
    )  # no id: logs outlive erasures
    notice = f"Customer {customer_id} erased ({sum(counts.values())} records)."
    return RedirectResponse("/staff?" + urlencode({"notice": notice}), 303)

"""Dashboard authentication: signed session cookies, roles, CSRF tokens and login rate limiting."""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from bot.app import Services
from bot.store import LoginPolicy, StaffStore, StaffUser

log = logging.getLogger(__name__)

SESSION_COOKIE = "shopbot_staff"
LOGIN_CSRF_COOKIE = "shopbot_login_csrf"
CSRF_HEADER = "x-csrf-token"
DEVICE_COOKIE = "shopbot_device"
TOUCH_EVERY_S = 30.0  # presence is written at most this often per member of staff (not on every request)


class LoginRequired(Exception):
    """Raised by page dependencies when nobody is signed in; the app turns it into a redirect or a 401."""


def _secret(services: Services) -> bytes:
    return services.settings.secret_key.get_secret_value().encode()


def sign(services: Services, value: str, *, purpose: str) -> str:
    """HMAC-SHA256 of a value under the settings' secret key, for one purpose."""
    return hmac.new(_secret(services), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def session_cookie_value(services: Services, token: str) -> str:
    """The cookie for a session token: token.signature."""
    return f"{token}.{sign(services, token, purpose='session')}"


def token_from_cookie(services: Services, cookie: str | None) -> str | None:
    """The session token if the cookie's signature is valid."""
    if not cookie or "." not in cookie:
        return None
    token, _, signature = cookie.rpartition(".")
    if hmac.compare_digest(signature, sign(services, token, purpose="session")):
        return token
    return None


def csrf_token(services: Services, user: StaffUser) -> str:
    """The CSRF token of a session (bound to it, so it cannot be reused by another session)."""
    return sign(services, user.session, purpose="csrf")


def staff_store(request: Request) -> StaffStore:
    """The StaffStore over the process's Store."""
    services: Services = request.app.state.services
    cached = getattr(request.app.state, "staff_store", None)
    if cached is None or cached.store is not services.store:
        cached = request.app.state.staff_store = StaffStore(services.store)
    return cached


def current_user(request: Request) -> StaffUser | None:
    """The signed-in member of staff, or None."""
    services: Services = request.app.state.services
    token = token_from_cookie(services, request.cookies.get(SESSION_COOKIE))
    if token is None:
        return None
    return staff_store(request).session_user(token)


def touch_presence(request: Request, name: str) -> None:
    """Note that `name` is active (online = a live session and activity within SHOPBOT_INBOX_ONLINE_MINUTES)."""
    seen: dict[str, float] | None = getattr(request.app.state, "presence", None)
    if seen is None:
        seen = request.app.state.presence = {}
    now = time.monotonic()
    if now - seen.get(name, -1e9) >= TOUCH_EVERY_S:
        seen[name] = now
        request.app.state.services.inbox.touch(name)


def forget_presence(request: Request, name: str) -> None:
    """After logout the next request must write presence again."""
    getattr(request.app.state, "presence", {}).pop(name, None)


def require_agent(request: Request) -> StaffUser:
    """Any signed-in member of staff (agents read and reply)."""
    user = current_user(request)
    if user is None:
        raise LoginRequired()
    touch_presence(request, user.name)
    return user


def require_admin(user: Annotated[StaffUser, Depends(require_agent)]) -> StaffUser:
    """Admins only: KB reload and rollback, staff management, erasure."""
    if not user.is_admin:
        raise HTTPException(403, "admins only")
    return user


async def check_csrf(request: Request, user: StaffUser) -> None:
    """Reject a state-changing request without the session's CSRF token (form field or header)."""
    services: Services = request.app.state.services
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get("csrf")
        given = value if isinstance(value, str) else None
    if not given or not hmac.compare_digest(given, csrf_token(services, user)):
        log.warning("CSRF check failed for %s on %s", user.name, request.url.path)
        raise HTTPException(403, "bad or missing CSRF token")


async def agent_post(request: Request, user: Annotated[StaffUser, Depends(require_agent)]) -> StaffUser:
    """A signed-in member of staff making a CSRF-checked change."""
    await check_csrf(request, user)
    return user


async def admin_post(request: Request, user: Annotated[StaffUser, Depends(require_admin)]) -> StaffUser:
    """An admin making a CSRF-checked change."""
    await check_csrf(request, user)
    return user


Agent = Annotated[StaffUser, Depends(require_agent)]
Admin = Annotated[StaffUser, Depends(require_admin)]
AgentPost = Annotated[StaffUser, Depends(agent_post)]
AdminPost = Annotated[StaffUser, Depends(admin_post)]


def client_ip(request: Request) -> str:
    """The peer address (no proxy headers are trusted)."""
    return request.client.host if request.client else "unknown"


def login_policy(request: Request) -> LoginPolicy:
    """The app's login backoff policy (tests may set a faster one on app.state)."""
    policy = getattr(request.app.state, "login_policy", None)
    return policy if isinstance(policy, LoginPolicy) else LoginPolicy()


def device_cookie_value(services: Services, name: str) -> str:
    """A cookie saying "this browser signed in as `name` before" (signed; exempts it from others' failures)."""
    return f"{name.encode().hex()}.{sign(services, name, purpose='device')}"


def trusted_device(request: Request, name: str) -> bool:
    """True when the browser carries a valid device cookie for this account name."""
    cookie = request.cookies.get(DEVICE_COOKIE, "")
    for value in cookie.split(","):
        if value and hmac.compare_digest(value, device_cookie_value(request.app.state.services, name)):
            return True
    return False

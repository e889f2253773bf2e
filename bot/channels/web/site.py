"""Mount the human-facing side of the web app: chat page, staff dashboard, admin pages and static files."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from bot.channels.web import (
    admin_pages,
    campaign_pages,
    csat_pages,
    customer_view,
    inbox,
    inbox_views,
    kb_pages,
    learning_pages,
    pages,
    staff,
)
from bot.channels.web.auth import LoginRequired
from bot.channels.web.templating import STATIC_DIR


async def _login_required(request: Request, exc: Exception) -> Response:
    """Browsers asking for a page go to the login form; everything else gets a 401."""
    if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
        return RedirectResponse("/staff/login?next=" + quote(request.url.path), 303)
    return JSONResponse({"detail": "login required"}, status_code=401)


async def _security_headers(request: Request, call_next: object) -> Response:
    response: Response = await call_next(request)  # type: ignore[operator]
    if request.url.path.startswith("/staff"):
        # Scripts only from our own origin: an injected inline <script> or on* handler cannot run even if escaping failed.
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        )
        response.headers.setdefault("X-Frame-Options", "DENY")
    elif request.url.path == "/":
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'",
        )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def install(app: FastAPI) -> None:
    """Add the chat page, the dashboard and /static to an app built by create_app."""
    _ = customer_view  # registers the customer panel's template helper
    app.include_router(pages.router)
    app.include_router(csat_pages.router)
    app.include_router(staff.router)
    app.include_router(inbox.router)
    app.include_router(inbox_views.router)
    app.include_router(admin_pages.router)
    app.include_router(campaign_pages.router)
    app.include_router(kb_pages.router)
    app.include_router(learning_pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.add_exception_handler(LoginRequired, _login_required)
    app.middleware("http")(_security_headers)

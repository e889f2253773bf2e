"""Admin side of the dashboard: knowledge base (reload with live progress, rollback), status, metrics and staff accounts."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import SecretStr

from bot.app import Services
from bot.channels.web import auth, charts
from bot.channels.web.auth import Admin, AdminPost, Agent
from bot.channels.web.metrics import compute
from bot.channels.web.metrics_view import inbox_view
from bot.channels.web.templating import render
from bot.config import DEV_SECRETS_FILE, is_placeholder
from bot.errors import KnowledgeBaseError, ShopbotError
from bot.store import ROLES
from bot.store.inbox_metrics import compute_inbox

log = logging.getLogger(__name__)
router = APIRouter(prefix="/staff")


def _svc(request: Request) -> Services:
    return request.app.state.services


def _redirect(path: str, notice: str = "") -> RedirectResponse:
    return RedirectResponse(path + ("?" + urlencode({"notice": notice}) if notice else ""), 303)


# ---------------------------------------------------------------------- knowledge base
@router.get("/kb", response_class=HTMLResponse)
def kb_page(request: Request, user: Agent, notice: str = "") -> Response:
    """Versions with counts and build times, the live one, the last error; reload and rollback for admins."""
    svc = _svc(request)
    return render(request, "kb.html", user=user, status=svc.kb.status(), job=_job(request), notice=notice[:300])


@router.get("/kb/progress")
def kb_progress(request: Request, user: Agent) -> dict[str, Any]:
    """The current or last reload job, for pages that poll instead of listening to SSE."""
    return {**_job(request), "current": _svc(request).kb.status()["current"]}


def _job(request: Request) -> dict[str, Any]:
    return dict(getattr(request.app.state, "kb_job", None) or {"running": False})


@router.post("/kb/reload")
async def kb_reload(request: Request, user: AdminPost) -> Response:
    """Start a reload in a worker thread; progress goes out over the dashboard's SSE feed."""
    svc = _svc(request)
    if svc.kb.reloading or _job(request).get("running"):
        return _redirect("/staff/kb", "A reload is already running.")
    form = await request.form()
    force = form.get("force") == "1"
    job: dict[str, Any] = {"running": True, "stage": "starting", "done": 0, "total": 0, "by": user.name}
    request.app.state.kb_job = job
    loop = asyncio.get_running_loop()

    def on_progress(stage: str, done: int, total: int) -> None:
        job.update(stage=stage, done=done, total=total)
        svc.bus.publish({"type": "kb_progress", "stage": stage, "done": done, "total": total})

    async def run() -> None:
        try:
            result = await asyncio.to_thread(svc.kb.reload, force=force, on_progress=on_progress)
        except KnowledgeBaseError as exc:
            job.update(running=False, stage="failed", error=str(exc))
            svc.bus.publish({"type": "kb_failed", "error": str(exc)})
            log.warning("dashboard reload by %s failed: %s", user.name, exc)
            return
        job.update(running=False, stage="done", result=result.as_dict())
        svc.bus.publish({"type": "kb_reloaded", **result.as_dict()})
        log.info("dashboard reload by %s: %s", user.name, result.as_dict())

    request.app.state.kb_task = loop.create_task(run())
    return _redirect("/staff/kb", "Reload started.")


@router.post("/kb/rollback")
async def kb_rollback(request: Request, user: AdminPost) -> Response:
    """Switch back to the previous version."""
    try:
        version = await asyncio.to_thread(_svc(request).kb.rollback)
    except KnowledgeBaseError as exc:
        return _redirect("/staff/kb", f"Rollback failed: {exc}")
    log.info("staff %s rolled the knowledge base back to %s", user.name, version)
    return _redirect("/staff/kb", f"Now serving {version}.")


# ---------------------------------------------------------------------- status
def masked_settings(svc: Services) -> list[tuple[str, str]]:
    """Every setting as text, secrets replaced by what kind of value they hold (never the value)."""
    generated = _dev_secrets(svc)
    rows = []
    for name in type(svc.settings).model_fields:
        value = getattr(svc.settings, name)
        if isinstance(value, SecretStr):
            raw = value.get_secret_value()
            if not raw:
                shown = "(empty)"
            elif is_placeholder(raw):
                shown = f"placeholder {raw!r}: not a secret, set a real one"
            elif generated.get(name) == raw:
                shown = f"•••••• (generated for dev, in {svc.settings.home / DEV_SECRETS_FILE})"
            else:
                shown = "•••••• (set)"
        else:
            shown = str(value)
        rows.append((name, shown))
    return rows


def _dev_secrets(svc: Services) -> dict[str, str]:
    try:
        data = json.loads((svc.settings.home / DEV_SECRETS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


@router.get("/status", response_class=HTMLResponse)
def status_page(request: Request, user: Admin) -> Response:
    """Backend and models in use, settings with secrets masked, uptime."""
    svc = _svc(request)
    s = svc.settings
    model = {"local": "SmolLM2 (local transformers)", "openai": f"{s.openai_model} at {s.openai_base_url}"}.get(
        s.llm_backend, s.llm_backend
    )
    kb_status = svc.kb.status()
    facts = [
        ("LLM backend", s.llm_backend),
        ("Generator model", model),
        ("Embedder", s.embedder),
        ("Knowledge base serving", str(kb_status.get("serving") or "")),
        ("Environment", s.env),
        ("Uptime", _duration(svc.uptime_s())),
        ("Live dashboard listeners", str(svc.bus.subscribers)),
    ]
    return render(request, "status.html", user=user, facts=facts, settings_rows=masked_settings(svc))


def _duration(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 86400}d {s % 86400 // 3600}h {s % 3600 // 60}m {s % 60}s"


# ---------------------------------------------------------------------- metrics
@router.get("/metrics", response_class=HTMLResponse)
def metrics_page(request: Request, user: Agent, days: int = 14) -> Response:
    """Charts and figures over the last N days."""
    days = max(1, min(days, 90))
    m = compute(_svc(request).store, days=days)
    lat_days = m.days
    svg = {
        "volume": charts.stacked_bars(m.days, m.per_day, title="Conversations per day by channel"),
        "latency": charts.lines(
            lat_days,
            {
                "p50": [m.latency_per_day.get(d, (None, None))[0] for d in lat_days],
                "p95": [m.latency_per_day.get(d, (None, None))[1] for d in lat_days],
            },
            title="Reply latency per day (seconds)",
            unit="s",
        ),
        "intents": charts.hbars(m.top_intents, title="Top intents"),
        "feedback": charts.ratio(m.feedback_ratio, title="Positive feedback"),
        "ctr": charts.ratio(m.ctr, title="Recommendation click-through", good_high=False),
    }
    drafts = _svc(request).knowledge_store.drafts_by_question(
        [g["question"] for g in m.gaps]
    )  # gaps link to FAQ drafts
    inbox = inbox_view(compute_inbox(_svc(request).store, days=m.days))
    return render(request, "metrics.html", user=user, m=m, svg=svg, window=days, drafts=drafts, inbox=inbox)


# ---------------------------------------------------------------------- staff accounts
@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, user: Admin, notice: str = "") -> Response:
    """Staff accounts (admins only)."""
    return render(
        request, "users.html", user=user, users=auth.staff_store(request).users(), roles=ROLES, notice=notice[:200]
    )


@router.post("/users")
async def add_user(
    request: Request,
    user: AdminPost,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    role: Annotated[str, Form()] = "agent",
) -> Response:
    """Create a staff account or reset its password and role."""
    try:
        await asyncio.to_thread(auth.staff_store(request).add, name, password, role=role)
    except ShopbotError as exc:
        return _redirect("/staff/users", str(exc))
    log.info("admin %s saved staff account %s (%s)", user.name, name, role)
    return _redirect("/staff/users", f"Saved {name}.")


@router.post("/users/{name}/delete")
async def delete_user(request: Request, name: str, user: AdminPost) -> Response:
    """Remove a staff account (not your own)."""
    if name == user.name:
        return _redirect("/staff/users", "You cannot remove your own account.")
    removed = await asyncio.to_thread(auth.staff_store(request).remove, name)
    return _redirect("/staff/users", f"Removed {name}." if removed else f"No account {name}.")

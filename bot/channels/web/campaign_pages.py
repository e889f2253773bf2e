"""Dashboard campaigns: list and create (admins), preview per segment and variant with the verifier's verdict, edit copy,
approve, send with live progress, and the report with charts. Agents can view everything; only admins change anything."""

from __future__ import annotations

import asyncio
import logging
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup, escape

from bot.app import Services
from bot.channels.web.auth import AdminPost, Agent
from bot.channels.web.templating import render, templates
from bot.errors import ShopbotError

log = logging.getLogger(__name__)
router = APIRouter(prefix="/staff")
Text = Annotated[str, Form(max_length=2000)]


def _svc(request: Request) -> Services:
    return request.app.state.services


def _redirect(path: str, notice: str = "") -> RedirectResponse:
    return RedirectResponse(path + ("?" + urlencode({"notice": notice}) if notice else ""), 303)


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.replace("\n", ",").split(",") if v.strip()]


@router.get("/campaigns", response_class=HTMLResponse)
def campaigns_page(request: Request, user: Agent, notice: str = "") -> Response:
    """Every campaign with its recipients per status; the create form for admins."""
    svc = _svc(request)
    cstore = svc.campaign_store
    rows = [{**c, "recipients": cstore.counts(c["id"])} for c in cstore.campaigns()]
    return render(request, "campaigns.html", user=user, campaigns=rows, notice=notice[:300])


@router.post("/campaigns")
async def create_campaign(
    request: Request,
    user: AdminPost,
    name: Annotated[str, Form(max_length=120)],
    goal: Text = "",
    channel: Annotated[str, Form(max_length=20)] = "telegram",
    segments: Text = "",
    categories: Text = "",
    skus: Text = "",
    recommend: Annotated[str, Form(max_length=5)] = "",
    discount: Annotated[str, Form(max_length=20)] = "",
    code: Annotated[str, Form(max_length=20)] = "",
    free_shipping: Annotated[str, Form(max_length=5)] = "",
    ends: Annotated[str, Form(max_length=10)] = "",
    tone: Annotated[str, Form(max_length=20)] = "friendly",
    variants: Annotated[str, Form(max_length=200)] = "A",
    schedule_at: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Draft a campaign (the copy is written and verified now) and open it."""
    from bot.campaigns.model import Offer, Target, parse_variants

    svc = _svc(request)
    try:
        target = Target.from_dict({"segments": _split(segments), "categories": _split(categories)})
        offer = Offer(
            "recommend" if recommend else "products",
            _split(skus),
            discount.strip(),
            bool(free_shipping),
            code.strip().upper(),
            ends.strip(),
        )
        cid = await asyncio.to_thread(
            svc.campaigns.draft,
            name=name,
            goal=goal,
            channel=channel,
            target=target,
            offer=offer,
            tone=tone,
            variants=parse_variants(variants, tone=tone),
            actor=f"staff:{user.name}",
            schedule_at=schedule_at,
        )
    except (ShopbotError, ValueError) as exc:
        return _redirect("/staff/campaigns", f"Not created: {exc}")
    return _redirect(f"/staff/campaigns/{cid}", "Draft created: check the copy, then approve.")


@router.get("/campaigns/{campaign_id}", response_class=HTMLResponse)
def campaign_page(request: Request, campaign_id: int, user: Agent, notice: str = "") -> Response:
    """One campaign: target, offer, copy per variant and segment with verdicts, progress, report and audit log."""
    from bot.campaigns.report import campaign_report

    svc = _svc(request)
    try:
        campaign = svc.campaigns.get(campaign_id)
        preview = svc.campaigns.preview(campaign_id)
    except ShopbotError as exc:
        raise HTTPException(404, str(exc)) from exc
    report = campaign_report(svc.campaign_store, campaign_id, reply_days=svc.settings.campaign_attribution_days)
    return render(
        request,
        "campaign.html",
        user=user,
        campaign=campaign,
        preview=preview,
        report=report,
        counts=svc.campaign_store.counts(campaign_id),
        audit=svc.campaign_store.audit_log(f"campaign:{campaign_id}"),
        job=_jobs(request).get(campaign_id, {}),
        chart=conversion_chart(report),
        notice=notice[:300],
    )


@router.get("/campaigns/{campaign_id}/progress")
def campaign_progress(request: Request, campaign_id: int, user: Agent) -> dict[str, Any]:
    """Recipients per status and the send job, polled by the page while sending."""
    svc = _svc(request)
    campaign = svc.campaign_store.get_campaign(campaign_id)
    if campaign is None:
        raise HTTPException(404, "no such campaign")
    return {
        "status": campaign["status"],
        "counts": svc.campaign_store.counts(campaign_id),
        "job": _jobs(request).get(campaign_id, {}),
    }


@router.post("/campaigns/{campaign_id}/copy")
async def edit_copy(
    request: Request,
    campaign_id: int,
    user: AdminPost,
    variant: Annotated[str, Form(max_length=8)],
    segment: Annotated[str, Form(max_length=80)],
    text: Annotated[str, Form(max_length=1000)],
) -> Response:
    """Save staff-written copy if the verifier passes it."""
    svc = _svc(request)
    try:
        reasons = await asyncio.to_thread(
            svc.campaigns.edit_copy, campaign_id, variant, segment, text, actor=f"staff:{user.name}"
        )
    except ShopbotError as exc:
        return _redirect(f"/staff/campaigns/{campaign_id}", f"Not saved: {exc}")
    notice = "Not saved, the verifier rejects it: " + "; ".join(reasons) if reasons else "Copy saved."
    return _redirect(f"/staff/campaigns/{campaign_id}", notice)


@router.post("/campaigns/{campaign_id}/approve")
async def approve(request: Request, campaign_id: int, user: AdminPost) -> Response:
    """Approve a draft (the copy is verified again)."""
    try:
        await asyncio.to_thread(_svc(request).campaigns.approve, campaign_id, actor=f"staff:{user.name}")
    except ShopbotError as exc:
        return _redirect(f"/staff/campaigns/{campaign_id}", f"Not approved: {exc}")
    return _redirect(f"/staff/campaigns/{campaign_id}", "Approved.")


@router.post("/campaigns/{campaign_id}/cancel")
async def cancel(request: Request, campaign_id: int, user: AdminPost) -> Response:
    """Cancel: nothing more is sent."""
    try:
        await asyncio.to_thread(_svc(request).campaigns.cancel, campaign_id, actor=f"staff:{user.name}")
    except ShopbotError as exc:
        return _redirect(f"/staff/campaigns/{campaign_id}", f"Not cancelled: {exc}")
    return _redirect(f"/staff/campaigns/{campaign_id}", "Cancelled.")


@router.post("/campaigns/{campaign_id}/send")
async def send(request: Request, campaign_id: int, user: AdminPost) -> Response:
    """Start sending in the background (the Telegram channel's own bot, so replies and campaigns share one rate limiter).

    Inside `shopbot serve` the campaign scheduler sends it: "send now" sets the schedule to now and wakes it.
    """
    scheduler = getattr(request.app.state, "campaign_scheduler", None)
    if scheduler is not None:
        from bot.campaigns.scheduler import request_send

        try:
            await asyncio.to_thread(request_send, _svc(request), campaign_id, actor=f"staff:{user.name}")
        except ShopbotError as exc:
            return _redirect(f"/staff/campaigns/{campaign_id}", f"Not sent: {exc}")
        scheduler.jobs.setdefault(campaign_id, {}).update({"running": True, "by": user.name, "error": None})
        scheduler.wake()
        return _redirect(f"/staff/campaigns/{campaign_id}", "Sending started.")
    jobs = _jobs(request)
    if jobs.get(campaign_id, {}).get("running"):
        return _redirect(f"/staff/campaigns/{campaign_id}", "Already sending.")
    job: dict[str, Any] = {"running": True, "by": user.name}
    jobs[campaign_id] = job
    task = asyncio.create_task(_send_job(request.app, campaign_id, job, actor=f"staff:{user.name}"))
    request.app.state.campaign_tasks = getattr(request.app.state, "campaign_tasks", set()) | {task}
    return _redirect(f"/staff/campaigns/{campaign_id}", "Sending started.")


async def _send_job(app: Any, campaign_id: int, job: dict[str, Any], *, actor: str) -> None:
    from bot.campaigns.sender import TelegramTransport, telegram_bot

    svc = app.state.services
    own_bot = None
    try:
        campaign = await asyncio.to_thread(svc.campaigns.get, campaign_id)
        transport = None
        if campaign["channel"] == "telegram":
            runner = getattr(app.state, "telegram", None)
            bot = runner.application.bot if runner is not None else None
            if bot is None:
                bot = own_bot = await telegram_bot(svc.settings)
            transport = TelegramTransport(bot)
        result = await svc.campaigns.send(
            campaign_id, transport, actor=actor, on_progress=lambda p: job.update(p.as_dict())
        )
        job.update({"running": False, "done": True, **{k: v for k, v in result.items() if k != "excluded"}})
    except ShopbotError as exc:
        job.update({"running": False, "error": str(exc)})
    except Exception as exc:  # shown on the page; the log has the traceback
        log.exception("campaign %s: send failed", campaign_id)
        job.update({"running": False, "error": f"send failed: {exc}"})
    finally:
        if own_bot is not None:
            await own_bot.shutdown()


def _jobs(request: Request) -> dict[int, dict[str, Any]]:
    state = request.app.state
    scheduler = getattr(state, "campaign_scheduler", None)
    if scheduler is not None:
        return scheduler.jobs
    if not hasattr(state, "campaign_jobs"):
        state.campaign_jobs = {}
    return state.campaign_jobs


def conversion_chart(report: dict[str, Any]) -> Markup:
    """Horizontal bars: click and conversion rate per variant, with the 95% interval of the conversion rate as a whisker."""
    variants = report.get("variants") or {}
    if not variants:
        return Markup("")
    width, row_h, left = 640, 46, 70
    height = 24 + row_h * len(variants)
    top = max(
        [v["conversion_ci"][1] for v in variants.values()] + [v["click_rate"] for v in variants.values()] + [0.05]
    )
    scale = (width - left - 20) / top
    parts = [
        f'<text x="{left}" y="12" font-size="11" fill="#374151">click rate (light) and conversion rate (dark) with 95% interval; axis 0-{top:.0%}</text>'
    ]
    for i, (name, v) in enumerate(variants.items()):
        y = 22 + i * row_h
        parts.append(
            f'<text x="{left - 8}" y="{y + 20}" font-size="12" text-anchor="end" fill="#111827">{escape(name)}</text>'
        )
        parts.append(
            f'<rect x="{left}" y="{y}" width="{v["click_rate"] * scale:.1f}" height="14" fill="#93c5fd"><title>clicks {v["clicked"]}/{v["sent"]}</title></rect>'
        )
        parts.append(
            f'<rect x="{left}" y="{y + 18}" width="{v["conversion_rate"] * scale:.1f}" height="14" fill="#2563eb">'
            f"<title>conversions {v['converted']}/{v['sent']}</title></rect>"
        )
        lo, hi = v["conversion_ci"]
        parts.append(
            f'<line x1="{left + lo * scale:.1f}" y1="{y + 25}" x2="{left + hi * scale:.1f}" y2="{y + 25}" stroke="#111827" stroke-width="1.5"/>'
        )
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="conversion by variant" '
        f'xmlns="http://www.w3.org/2000/svg"><title>conversion by variant</title>{"".join(parts)}</svg>'
    )


def campaign_history(request: Request, customer_id: str) -> dict[str, Any]:
    """For the customer panel: campaign messages received and the marketing-consent history."""
    cstore = _svc(request).campaign_store
    return {
        "received": cstore.received_by(customer_id)[:20],
        "consent": cstore.consent_history(customer_id),
        "marketing": cstore.consent(customer_id),
    }


def recommendation_conversion(request: Request, window_days: int = 14) -> dict[str, Any]:
    """For the metrics page: in-chat recommendations' click and conversion rates (the campaigns' last-touch rule)."""
    from bot.campaigns.report import recommendation_report

    svc = _svc(request)
    days = svc.settings.campaign_attribution_days
    return {**recommendation_report(svc.store, days=days, since_days=window_days), "days": days}


templates.env.globals["campaign_history"] = campaign_history
templates.env.globals["recommendation_conversion"] = recommendation_conversion

"""`shopbot campaigns ...`, `shopbot orders import` and `shopbot customers consent`: thin shells over bot/campaigns."""

from __future__ import annotations

import asyncio
import getpass
import json
from pathlib import Path
from typing import Any

import click

from bot.cli._groups import friendly_errors, main
from bot.cli.customers import customers_group


def _services() -> Any:
    from bot.app import build_services
    from bot.config import get_settings

    services = build_services(get_settings())
    services.kb.open(build_if_missing=True)
    return services


def _actor(by: str | None) -> str:
    return by or f"cli:{getpass.getuser()}"


def _echo(data: Any, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


@main.group("campaigns")
def campaigns_group() -> None:
    """Marketing campaigns: draft, preview, approve, send, status and report."""


@campaigns_group.command("draft")
@click.option("--name", required=True, help="Campaign name.")
@click.option("--goal", default="", help="What the campaign is for (shown to staff, not to customers).")
@click.option(
    "--channel",
    type=click.Choice(["telegram", "web"]),
    default="telegram",
    show_default=True,
    help="telegram, or web: the chat inbox, delivered the next time the shopper opens the chat.",
)
@click.option(
    "--segment",
    "segments",
    multiple=True,
    help="Target segment tag (repeatable), e.g. loyal, 'at risk', 'likes jeans'. None: everyone.",
)
@click.option(
    "--category", "categories", multiple=True, help="Keep customers with an affinity for this category (repeatable)."
)
@click.option(
    "--ordered-within", type=click.IntRange(1, 3650), default=None, help="Last order at most this many days ago."
)
@click.option(
    "--not-ordered-for", type=click.IntRange(1, 3650), default=None, help="No order for at least this many days."
)
@click.option(
    "--sku",
    "skus",
    multiple=True,
    help="Hand-picked product (repeatable). With --recommend: the recommender picks among these.",
)
@click.option("--recommend", is_flag=True, help="Offer each customer the recommender's pick for them.")
@click.option("--discount", default="", help="A discount the shop really gives, e.g. 15% or $10 (never invented).")
@click.option("--code", default="", help="The code that unlocks the discount or free shipping.")
@click.option("--free-shipping", is_flag=True, help="The offer includes free shipping.")
@click.option("--ends", default="", help="Last day of the offer, YYYY-MM-DD.")
@click.option(
    "--tone",
    type=click.Choice(["friendly", "elegant", "playful", "urgent", "calm"]),
    default="friendly",
    show_default=True,
)
@click.option(
    "--variants", default="A", show_default=True, help="A/B split, e.g. A:50,B:50 or A:50:friendly,B:50:urgent."
)
@click.option(
    "--schedule",
    "schedule_at",
    default="",
    help="When to send once approved, e.g. '2026-12-01 09:00' (UTC unless an offset is given); serve/telegram send it.",
)
@click.option("--by", default=None, help="Who drafts it (audit log); default cli:<user>.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@friendly_errors
def draft(
    name: str,
    goal: str,
    channel: str,
    segments: tuple[str, ...],
    categories: tuple[str, ...],
    ordered_within: int | None,
    not_ordered_for: int | None,
    skus: tuple[str, ...],
    recommend: bool,
    discount: str,
    code: str,
    free_shipping: bool,
    ends: str,
    tone: str,
    variants: str,
    schedule_at: str,
    by: str | None,
    as_json: bool,
) -> None:
    """Create a draft and write its copy per variant and segment with the configured generator (checked by the verifier)."""
    from bot.campaigns.model import Offer, Target, parse_variants

    services = _services()
    target = Target(list(segments), list(categories), ordered_within, not_ordered_for)
    offer = Offer("recommend" if recommend else "products", list(skus), discount, free_shipping, code, ends)
    cid = services.campaigns.draft(
        name=name,
        goal=goal,
        channel=channel,
        target=Target.from_dict(_slots(target)),
        offer=offer,
        tone=tone,
        variants=parse_variants(variants, tone=tone),
        actor=_actor(by),
        schedule_at=schedule_at,
    )
    copies = services.campaign_store.copies(cid)
    if as_json:
        _echo({"campaign": cid, "copies": copies}, True)
        return
    click.echo(
        f"campaign {cid} drafted: {len(copies)} copies ({sum(c['source'] == 'model' for c in copies)} written by the model, "
        f"{sum(c['source'] == 'template' for c in copies)} from templates). Next: shopbot campaigns preview {cid}"
    )


def _slots(obj: Any) -> dict[str, Any]:
    return {k: getattr(obj, k) for k in obj.__slots__}


@campaigns_group.command("preview")
@click.argument("campaign_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@friendly_errors
def preview(campaign_id: int, as_json: bool) -> None:
    """Show each variant x segment copy, the verifier's verdict and an example message."""
    services = _services()
    items = services.campaigns.preview(campaign_id)
    if as_json:
        _echo(items, True)
        return
    for p in items:
        verdict = "passes the verifier" if p["example_ok"] else "FAILS: " + "; ".join(p["example_reasons"])
        note = (
            f" (model copy rejected: {'; '.join(p['verdict']['reasons'])})"
            if p["source"] == "template" and p["verdict"].get("reasons")
            else ""
        )
        click.echo(
            f"--- variant {p['variant']} / segment {p['segment']} [{p['source']}{note}] {verdict}\n{p['example']}\n"
        )


@campaigns_group.command("edit")
@click.argument("campaign_id", type=int)
@click.option("--variant", required=True)
@click.option("--segment", default="all", show_default=True)
@click.option("--text", required=True, help="New copy; {first_name} and {product} are filled per customer.")
@click.option("--by", default=None, help="Who edits it (audit log).")
@friendly_errors
def edit(campaign_id: int, variant: str, segment: str, text: str, by: str | None) -> None:
    """Replace one copy of a draft with staff-written text (kept only if the verifier passes it)."""
    reasons = _services().campaigns.edit_copy(campaign_id, variant.upper(), segment, text, actor=_actor(by))
    if reasons:
        raise click.ClickException("not saved, the verifier rejects it: " + "; ".join(reasons))
    click.echo("saved")


@campaigns_group.command("approve")
@click.argument("campaign_id", type=int)
@click.option("--by", default=None, help="Who approves it (audit log).")
@friendly_errors
def approve(campaign_id: int, by: str | None) -> None:
    """Approve a draft (every copy is verified again)."""
    _services().campaigns.approve(campaign_id, actor=_actor(by))
    click.echo(f"campaign {campaign_id} approved. Next: shopbot campaigns send {campaign_id}")


@campaigns_group.command("schedule")
@click.argument("campaign_id", type=int)
@click.argument("when")
@click.option("--by", default=None, help="Who schedules it (audit log).")
@friendly_errors
def schedule(campaign_id: int, when: str, by: str | None) -> None:
    """Send a draft or approved campaign at WHEN ('2026-12-01 09:00', UTC unless an offset is given; '' clears it).

    The campaign scheduler inside `shopbot serve` / `shopbot telegram` sends it once it is approved and due.
    """
    from bot.campaigns.scheduler import schedule_campaign

    at = schedule_campaign(_services(), campaign_id, when, actor=_actor(by))
    click.echo(
        f"campaign {campaign_id} "
        + (f"is sent at {at} once approved, by a running shopbot serve/telegram" if at else "has no schedule")
    )


@campaigns_group.command("cancel")
@click.argument("campaign_id", type=int)
@click.option("--by", default=None, help="Who cancels it (audit log).")
@friendly_errors
def cancel(campaign_id: int, by: str | None) -> None:
    """Cancel a campaign; nothing more is sent."""
    _services().campaigns.cancel(campaign_id, actor=_actor(by))
    click.echo(f"campaign {campaign_id} cancelled")


@campaigns_group.command("send")
@click.argument("campaign_id", type=int)
@click.option("--by", default=None, help="Who sends it (audit log).")
@click.option(
    "--concurrency",
    type=click.IntRange(1, 64),
    default=8,
    show_default=True,
    help="Sends in flight at once; they start at most 29 per second (Telegram allows 30).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@friendly_errors
def send(campaign_id: int, by: str | None, concurrency: int, as_json: bool) -> None:
    """Send now (resumable: run it again after a crash; nothing is sent twice).

    When a shopbot serve/telegram is running, it sends the campaign (its scheduler, through the replies' own rate
    limiter) and this command only asks it to; otherwise this command sends it itself.
    """
    from bot.campaigns.scheduler import LEASE, SenderLease, request_send
    from bot.campaigns.sender import TelegramTransport, telegram_bot

    services = _services()
    campaign = services.campaigns.get(campaign_id)
    lease = SenderLease(services.campaign_store, "cli")

    def progress(p: Any) -> None:
        if not as_json:
            click.echo(f"  sent {p.sent}, failed {p.failed}, skipped {p.skipped}, deferred {p.deferred}", err=True)

    async def run() -> dict[str, Any] | None:
        if not await lease.acquire():
            return None  # a running server holds the sender lease: it sends
        bot = None
        try:
            bot = await telegram_bot(services.settings) if campaign["channel"] == "telegram" else None
            return await services.campaigns.send(
                campaign_id,
                TelegramTransport(bot) if bot else None,
                actor=_actor(by),
                on_progress=progress,
                concurrency=concurrency,
                keep_going=lambda: lease.held,
            )
        finally:
            if bot is not None:
                await bot.shutdown()
            await lease.release()

    result = asyncio.run(run())
    if result is None:
        holder = (services.campaign_store.lease(LEASE) or {}).get("holder", "another process")
        if campaign["channel"] == "telegram" and not holder.endswith("+telegram"):
            raise click.ClickException(f"the running shopbot ({holder}) has no Telegram channel: stop it, then retry")
        state = request_send(services, campaign_id, actor=_actor(by))
        if as_json:
            _echo({"campaign": campaign_id, "status": state, "sent_by": holder}, True)
            return
        click.echo(
            f"campaign {campaign_id} is sent by the running shopbot ({holder}) through its rate limiter; "
            f"follow it with: shopbot campaigns status {campaign_id}"
        )
        return
    if as_json:
        _echo(result, True)
        return
    click.echo(
        f"campaign {campaign_id}: {result['status']}; sent {result['sent']}, failed {result['failed']}, skipped {result['skipped']}, "
        f"deferred (quiet hours) {result['deferred']}, in doubt {result['in_doubt']}; excluded at queue time: {result.get('excluded') or {}}"
        + (f"; the template instead of the copy for {n}" if (n := result.get("template_fallbacks")) else "")
    )


@campaigns_group.command("status")
@click.argument("campaign_id", type=int, required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@friendly_errors
def status(campaign_id: int | None, as_json: bool) -> None:
    """One campaign's state and recipients per status, or every campaign."""
    services = _services()
    cstore = services.campaign_store
    if campaign_id is not None:
        c = services.campaigns.get(campaign_id)
        data = {**c, "recipients": cstore.counts(campaign_id), "audit": cstore.audit_log(f"campaign:{campaign_id}")}
        if as_json:
            _echo(data, True)
            return
        click.echo(f"{c['id']}  {c['name']}  [{c['status']}]  channel {c['channel']}  recipients {data['recipients']}")
        for a in data["audit"]:
            click.echo(f"  {a['ts'][:19]}  {a['actor']}  {a['action']}  {a['data'] or ''}")
        return
    rows = [{**c, "recipients": cstore.counts(c["id"])} for c in cstore.campaigns()]
    if as_json:
        _echo(rows, True)
        return
    for c in rows:
        click.echo(f"{c['id']:>4}  {c['status']:<9}  {c['channel']:<8}  {c['name']}  {c['recipients']}")
    if not rows:
        click.echo("no campaigns yet: shopbot campaigns draft --help")


@campaigns_group.command("report")
@click.argument("campaign_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@friendly_errors
def report(campaign_id: int, as_json: bool) -> None:
    """Sent, failed, click and conversion rates (95% Wilson intervals), revenue, opt-outs, A/B z-test."""
    from bot.campaigns.report import campaign_report

    services = _services()
    services.campaigns.get(campaign_id)
    data = campaign_report(services.campaign_store, campaign_id, reply_days=services.settings.campaign_attribution_days)
    if as_json:
        _echo(data, True)
        return
    c = data["campaign"]
    click.echo(f"campaign {c['id']} {c['name']} [{c['status']}]")
    for name, arm in [("total", data["total"]), *data["variants"].items()]:
        click.echo(
            f"  {name:>5}: sent {arm['sent']}, failed {arm['failed']}, skipped {arm['skipped']}, clicks {arm['clicked']} "
            f"({arm['click_rate']:.1%}), conversions {arm['converted']} ({arm['conversion_rate']:.1%}, 95% CI "
            f"{arm['conversion_ci'][0]:.1%}-{arm['conversion_ci'][1]:.1%}), revenue {arm['revenue']:.2f}, opt-outs {arm['opt_outs']}"
        )
    for t in data["ab_tests"]:
        click.echo("  A/B: " + t["note"])


@main.group("orders")
def orders_group() -> None:
    """Orders from the shop: import them so conversion, recommendations and order answers stay current."""


@orders_group.command("import")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@friendly_errors
def orders_import(path: Path, as_json: bool) -> None:
    """Upsert orders and their items from FILE.csv (one row per item) or FILE.jsonl (one order per line)."""
    from bot.campaigns.orders import ingest, read_orders_file

    entries = read_orders_file(path)  # validate the whole file before storing anything
    result = ingest(_services(), entries, source=str(path))
    if as_json:
        _echo(result, True)
        return
    click.echo(
        f"{len(entries)} orders: {result['created']} new, {result['updated']} updated, {result['attributed']} attributed to campaigns, "
        f"{result['purchases_learned']} purchases learned by the recommender"
    )


@customers_group.command("consent")
@click.argument("customer_id")
@click.argument("state", type=click.Choice(["on", "off", "show"]))
@click.option(
    "--source", default="", help="Where the consent was given, e.g. 'checkout form' (recorded with the time)."
)
@friendly_errors
def consent(customer_id: str, state: str, source: str) -> None:
    """Record marketing consent (separate from personalisation) or show its history."""
    services = _services()
    if services.store.get_customer(customer_id) is None:
        raise click.ClickException(f"no customer {customer_id!r}")
    if state != "show":
        if state == "on" and not source.strip():
            raise click.ClickException("say where the customer agreed: --source 'checkout form'")
        services.campaign_store.set_consent(
            customer_id, state == "on", source=source.strip() or f"cli:{getpass.getuser()}"
        )
    click.echo(
        json.dumps(
            {
                "customer": customer_id,
                "marketing": services.campaign_store.consent(customer_id),
                "history": services.campaign_store.consent_history(customer_id),
            },
            indent=2,
        )
    )

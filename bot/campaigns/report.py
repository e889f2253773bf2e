"""Per campaign and variant: sent, failed, clicks, replies, conversions with a 95% Wilson interval, revenue, opt-outs, A/B z-test.
Also the same click/conversion figures for in-chat recommendations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.campaigns.stats import two_proportion_z, wilson


def _arm(rows: list[dict[str, Any]]) -> dict[str, Any]:
    sent = [r for r in rows if r["status"] == "sent"]
    n = len(sent)
    clicks = sum(1 for r in sent if r.get("clicked_at"))
    conv = sum(1 for r in sent if r.get("purchased_at"))
    lo, hi = wilson(conv, n)
    clo, chi = wilson(clicks, n)
    return {
        "targeted": len(rows),
        "queued": sum(1 for r in rows if r["status"] == "queued"),
        "sent": n,
        "failed": sum(1 for r in rows if r["status"] == "failed"),
        "skipped": sum(1 for r in rows if r["status"] == "skipped"),
        "opened": sum(1 for r in sent if r.get("opened_at")),
        "clicked": clicks,
        "click_rate": clicks / n if n else 0.0,
        "click_rate_ci": [round(clo, 4), round(chi, 4)],
        "replied": sum(1 for r in sent if r.get("replied_at")),
        "converted": conv,
        "conversion_rate": conv / n if n else 0.0,
        "conversion_ci": [round(lo, 4), round(hi, 4)],
        "revenue": round(sum(float(r.get("revenue") or 0) for r in sent), 2),
        "opt_outs": sum(1 for r in rows if r.get("opted_out_at")),
    }


def campaign_report(cstore: Any, campaign_id: int, *, reply_days: int = 7) -> dict[str, Any]:
    """The report for one campaign: totals, one block per variant, failure reasons and the A/B test against the first variant."""
    campaign = cstore.get_campaign(campaign_id)
    if campaign is None:
        return {}
    cstore.refresh_replies(campaign_id, days=reply_days)
    rows = cstore.recipients(campaign_id)
    names = [v["name"] for v in campaign["variants"]]
    variants = {name: _arm([r for r in rows if r["variant"] == name]) for name in names}
    tests = []
    if len(names) >= 2:
        base = variants[names[0]]
        for other in names[1:]:
            arm = variants[other]
            t = two_proportion_z(base["converted"], base["sent"], arm["converted"], arm["sent"])
            tests.append(
                {
                    "a": names[0],
                    "b": other,
                    "z": None if t.z != t.z else round(t.z, 3),
                    "p_value": round(t.p_value, 4),
                    "significant": t.significant,
                    "note": t.note(names[0], other),
                }
            )
    reasons: dict[str, int] = {}
    for r in rows:
        if r["status"] in ("failed", "skipped") and r.get("reason"):
            reasons[r["reason"]] = reasons.get(r["reason"], 0) + 1
    return {
        "campaign": {
            k: campaign[k]
            for k in ("id", "name", "status", "channel", "created_at", "approved_by", "started_at", "finished_at")
        },
        "total": _arm(rows),
        "variants": variants,
        "ab_tests": tests,
        "reasons": reasons,
    }


def recommendation_report(store: Any, *, days: int = 7, since_days: int | None = None) -> dict[str, Any]:
    """In-chat recommendations: impressions, clicks and conversions (the campaigns' last-touch rule: the recommended product bought,
    or any purchase, within `days` of the click)."""
    impressions = store.events("rec_impression", limit=100_000)
    clicks = store.events("rec_click", limit=100_000)
    if since_days is not None:
        cut = (datetime.now(UTC) - timedelta(days=since_days)).isoformat()
        impressions = [e for e in impressions if e["ts"] >= cut]
        clicks = [e for e in clicks if e["ts"] >= cut]
    orders: dict[str, list[tuple[datetime, set[str]]]] = {}
    for o in store.all_orders():
        try:
            when = datetime.fromisoformat(str(o["date"]).replace("Z", "+00:00"))
        except (KeyError, ValueError):
            continue
        orders.setdefault(str(o.get("customer_id")), []).append(
            (when, {str(i.get("sku")) for i in o.get("items") or []})
        )
    window = timedelta(days=days)
    clicked = {
        (e["customer_id"], (e["data"] or {}).get("sku")): datetime.fromisoformat(e["ts"]) for e in reversed(clicks)
    }
    converted = 0
    for e in impressions:
        shown = datetime.fromisoformat(e["ts"])
        sku = (e["data"] or {}).get("sku")
        click = clicked.get((e["customer_id"], sku))
        for when, skus in orders.get(str(e["customer_id"]), []):
            if (sku in skus and shown <= when <= shown + window) or (
                click is not None and click <= when <= click + window
            ):
                converted += 1
                break
    n = len(impressions)
    k = len({(e["customer_id"], (e["data"] or {}).get("sku")) for e in clicks})
    return {
        "impressions": n,
        "clicks": k,
        "click_rate": k / n if n else 0.0,
        "click_rate_ci": list(wilson(min(k, n), n)),
        "conversions": converted,
        "conversion_rate": converted / n if n else 0.0,
        "conversion_ci": list(wilson(converted, n)),
    }

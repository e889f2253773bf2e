"""The campaign workflow every front end calls: draft, preview, edit copy, approve, send, cancel, status, report."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from bot.campaigns import audience as aud
from bot.campaigns import queueing, shopper
from bot.campaigns.copy import CopyWriter, Generate
from bot.campaigns.model import CHANNELS, TONES, CampaignError, Offer, Status, Target, Variant
from bot.campaigns.scheduler import parse_schedule
from bot.campaigns.sender import Progress, Sender, Transport

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)
MAX_SEGMENTS = 12


class CampaignService:
    """Marketing on top of the shop's services (store, catalog, recommender, generator)."""

    def __init__(
        self,
        services: Services,
        *,
        generate: Generate | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.services = services
        self.cstore = services.campaign_store
        self.settings = services.settings
        self.clock = clock
        self._generate = generate
        self._writer: CopyWriter | None = None

    # ------------------------------------------------------------------ helpers
    @property
    def rules(self) -> aud.Rules:
        """The safety rules from settings."""
        s = self.settings
        return aud.Rules(
            frequency_days=s.campaign_frequency_days,
            frequency_max=s.campaign_frequency_max,
            quiet=aud.parse_quiet_hours(s.campaign_quiet_hours),
            block_days=s.campaign_block_days,
        )

    def products(self) -> list[dict[str, Any]]:
        """The live catalog."""
        return self.services.kb.products()

    @property
    def writer(self) -> CopyWriter:
        """Copy writer over the configured generator (built on first use)."""
        if self._writer is None:
            generate = self._generate if self._generate is not None else make_generate(self.services)
            self._writer = CopyWriter(generate, catalog=self.products())
        return self._writer

    def get(self, campaign_id: int) -> dict[str, Any]:
        """A campaign or CampaignError."""
        c = self.cstore.get_campaign(int(campaign_id))
        if c is None:
            raise CampaignError(f"no campaign {campaign_id}")
        return c

    # ------------------------------------------------------------------ draft and copy
    def draft(
        self,
        *,
        name: str,
        goal: str = "",
        channel: str = "telegram",
        target: Target,
        offer: Offer,
        tone: str = "friendly",
        variants: list[Variant],
        actor: str,
        schedule_at: str = "",
    ) -> int:
        """Create a draft campaign and write its copy for each variant and targeted segment."""
        name = " ".join(name.split())[:120]
        if not name:
            raise CampaignError("a campaign needs a name")
        if channel not in CHANNELS:
            raise CampaignError(f"channel must be one of {', '.join(CHANNELS)}")
        if tone not in TONES:
            raise CampaignError(f"tone must be one of {', '.join(TONES)}")
        if not variants:
            raise CampaignError("a campaign needs at least one variant")
        if len(target.segments) > MAX_SEGMENTS:
            raise CampaignError(f"at most {MAX_SEGMENTS} segments per campaign")
        offer.check({str(p.get("sku")) for p in self.products()})
        schedule_at = parse_schedule(schedule_at) if schedule_at.strip() else ""
        cid = self.cstore.create_campaign(
            {
                "name": name,
                "goal": goal[:500],
                "channel": channel,
                "target": _slots(target),
                "offer": offer.as_dict(),
                "tone": tone,
                "created_by": actor,
                "schedule_at": schedule_at,
            },
            [{"name": v.name, "weight": v.weight, "tone": v.tone} for v in variants],
        )
        self.cstore.audit(actor, "draft", f"campaign:{cid}", name=name)
        self.write_copy(cid)
        return cid

    def segments_of(self, campaign: dict[str, Any]) -> list[str]:
        """The segments a campaign writes copy for ('all' when it names none)."""
        return Target.from_dict(campaign["target"]).segments or ["all"]

    def write_copy(self, campaign_id: int) -> list[dict[str, Any]]:
        """(Re)write the copy of every variant and segment of a draft."""
        c = self.get(campaign_id)
        if c["status"] != Status.DRAFT:
            raise CampaignError(f"campaign {campaign_id} is {c['status']}; only drafts can be rewritten")
        offer = Offer.from_dict(c["offer"])
        for v in c["variants"]:
            for seg in self.segments_of(c):
                result = self.writer.write(offer, segment=seg, tone=v["tone"])
                self.cstore.save_copy(
                    campaign_id, v["name"], seg, result.text, source=result.source, verdict=result.as_verdict()
                )
        return self.cstore.copies(campaign_id)

    def edit_copy(self, campaign_id: int, variant: str, segment: str, text: str, *, actor: str) -> list[str]:
        """Staff-edited copy; stored only if the verifier passes it. Returns the reasons it failed (empty: saved)."""
        c = self.get(campaign_id)
        if c["status"] != Status.DRAFT:
            raise CampaignError("only a draft's copy can be edited")
        variants = {v["name"]: v for v in c["variants"]}
        if variant not in variants or segment not in self.segments_of(c):
            raise CampaignError("no such variant or segment in this campaign")
        text = text.strip()
        if not text or len(text) > 1000:
            raise CampaignError("copy must be 1-1000 characters")
        offer = Offer.from_dict(c["offer"])
        reasons = self.writer.check(text, offer, segment=segment, tone=variants[variant]["tone"])
        if not reasons:
            self.cstore.save_copy(
                campaign_id,
                variant,
                segment,
                text,
                source="staff",
                verdict={"ok": True, "reasons": [], "model_text": ""},
            )
            self.cstore.audit(actor, "edit_copy", f"campaign:{campaign_id}", variant=variant, segment=segment)
        return reasons

    def preview(self, campaign_id: int, *, samples: int = 1) -> list[dict[str, Any]]:
        """Each variant x segment copy with its verdict, and example per-customer messages filled from it."""
        c = self.get(campaign_id)
        offer = Offer.from_dict(c["offer"])
        tones = {v["name"]: v["tone"] for v in c["variants"]}
        catalog = {str(p.get("sku")): p for p in self.products()}
        example = catalog.get(offer.skus[0]) if offer.skus else next(iter(catalog.values()), None)
        out = []
        for copy in self.cstore.copies(campaign_id):
            message = self.writer.fill(copy["text"], first_name="Alex", product=example)
            reasons = self.writer.verify_message(
                message,
                offer,
                product=example,
                first_name="Alex",
                segment=copy["segment"],
                tone=tones.get(copy["variant"], "friendly"),
            )
            out.append({**copy, "example": message, "example_ok": not reasons, "example_reasons": reasons})
        return out[: max(1, samples) * len(out)]

    # ------------------------------------------------------------------ approve, cancel
    def approve(self, campaign_id: int, *, actor: str) -> None:
        """draft -> approved, after every copy passes the verifier again."""
        c = self.get(campaign_id)
        copies = self.cstore.copies(campaign_id)
        expected = len(c["variants"]) * len(self.segments_of(c))
        if len(copies) < expected:
            raise CampaignError("copy is missing for some variant or segment; rewrite the draft")
        offer = Offer.from_dict(c["offer"])
        tones = {v["name"]: v["tone"] for v in c["variants"]}
        for copy in copies:
            reasons = self.writer.check(
                copy["text"], offer, segment=copy["segment"], tone=tones.get(copy["variant"], "friendly")
            )
            if reasons:
                raise CampaignError(
                    f"copy {copy['variant']}/{copy['segment']} fails the verifier: {'; '.join(reasons)}"
                )
        if not self.cstore.set_status(
            campaign_id,
            Status.APPROVED,
            expect=[Status.DRAFT],
            approved_by=actor,
            approved_at=self.clock().isoformat(timespec="milliseconds"),
        ):
            raise CampaignError(f"campaign {campaign_id} is {c['status']}; only a draft can be approved")
        self.cstore.audit(actor, "approve", f"campaign:{campaign_id}")

    def cancel(self, campaign_id: int, *, actor: str) -> None:
        """Stop a campaign: nothing more is sent (messages already sent stay sent)."""
        c = self.get(campaign_id)
        if not self.cstore.set_status(
            campaign_id, Status.CANCELLED, expect=[Status.DRAFT, Status.APPROVED, Status.SENDING]
        ):
            raise CampaignError(f"campaign {campaign_id} is {c['status']}; it cannot be cancelled")
        self.cstore.audit(actor, "cancel", f"campaign:{campaign_id}")

    # ------------------------------------------------------------------ queue and send
    def queue(self, campaign_id: int, *, actor: str) -> dict[str, Any]:
        """Approved -> sending: each eligible customer's verified message queued once (see bot/campaigns/queueing.py)."""
        self.get(campaign_id)
        return queueing.queue(
            self.services, self.writer, int(campaign_id), actor=actor, rules=self.rules, now=self.clock()
        )

    async def send(
        self,
        campaign_id: int,
        transport: Transport | None,
        *,
        actor: str,
        on_progress: Callable[[Progress], None] | None = None,
        concurrency: int = 8,
        keep_going: Callable[[], bool] = lambda: True,
    ) -> dict[str, Any]:
        """Queue (if approved) and send the Telegram messages now due; web messages wait for the shopper to open the chat."""
        queued = await asyncio.to_thread(self.queue, campaign_id, actor=actor)
        c = self.get(campaign_id)
        progress = Progress()
        if c["channel"] == "telegram" and c["status"] == Status.SENDING:
            if transport is None:
                raise CampaignError("Telegram campaigns need the bot (SHOPBOT_TELEGRAM_TOKEN)")
            sender = Sender(
                self.services,
                transport,
                rules=self.rules,
                concurrency=concurrency,
                clock=self.clock,
                on_progress=on_progress,
                keep_going=keep_going,
            )
            progress = await sender.run(campaign_id)
            if progress.sent + progress.failed + progress.skipped + progress.in_doubt:  # each run: an audit entry
                counts = {k: v for k, v in progress.as_dict().items() if k != "reasons"}
                await asyncio.to_thread(self.cstore.audit, actor, "sent", f"campaign:{campaign_id}", **counts)
        await asyncio.to_thread(self.finish_if_done, campaign_id)
        return {
            "campaign": campaign_id,
            **queued,
            **progress.as_dict(),
            "counts": self.cstore.counts(campaign_id),
            "status": self.get(campaign_id)["status"],
        }

    def finish_if_done(self, campaign_id: int) -> bool:
        """sending -> done once nothing is queued or in flight (web messages count as done once queued for the inbox)."""
        c = self.get(campaign_id)
        if c["status"] != Status.SENDING:
            return False
        counts = self.cstore.counts(campaign_id)
        waiting = self.cstore.recipients(campaign_id, status="queued", limit=1)
        if counts.get("sending") or (waiting and c["channel"] == "telegram"):
            return False
        return self.cstore.set_status(
            campaign_id,
            Status.DONE,
            expect=[Status.SENDING],
            finished_at=self.clock().isoformat(timespec="milliseconds"),
        )

    # ------------------------------------------------------------------ shopper side
    def opt_out(self, customer_id: str, *, source: str, recipient_id: int | None = None) -> None:
        """Withdraw marketing consent at once (unsubscribe button, /stop, /privacy off, dashboard)."""
        shopper.opt_out(self.cstore, customer_id, source=source, recipient_id=recipient_id)

    def opt_in(self, customer_id: str, *, source: str) -> None:
        """Record marketing consent."""
        self.cstore.set_consent(customer_id, True, source=source)

    def click(self, recipient_id: int, customer_id: str) -> dict[str, Any] | None:
        """A shopper clicked their campaign message: recorded (first click counts); returns the offered product."""
        return shopper.click(self.services, recipient_id, customer_id)

    def deliver_web_inbox(self, customer_id: str) -> list[dict[str, Any]]:
        """Web campaigns waiting for this shopper, checked against the rules now; returns those delivered."""
        return shopper.deliver_web_inbox(self.services, customer_id, rules=self.rules, now=self.clock())


def _slots(obj: Any) -> dict[str, Any]:
    return {k: getattr(obj, k) for k in obj.__slots__}


def make_generate(services: Services) -> Generate:
    """The configured backend as a (system, user, grounding) -> text function; a tuned copy adapter is used when one is current."""
    from bot.campaigns.tuned import tuned_generate

    tuned = tuned_generate(services.settings)
    if tuned is not None:
        return tuned
    from langchain_core.messages import HumanMessage, SystemMessage

    model = services.chat_model

    def generate(system: str, user: str, grounding: str) -> str:
        kwargs: dict[str, Any] = {"grounding": grounding} if getattr(model, "accepts_grounding", False) else {}
        result = model.invoke([SystemMessage(system), HumanMessage(user)], **kwargs)
        return str(result.content)

    return generate

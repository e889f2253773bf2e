"""Composition root: the only place that picks concrete backends and wires them together."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from bot.attachments import AttachmentFiles, check_image
from bot.config import Settings
from bot.coord import LocalCoordinator, open_coordinator
from bot.core.assistant import Assistant
from bot.core.composer import Composer
from bot.core.events import EventBus
from bot.errors import StoreError
from bot.kb.knowledge_base import KnowledgeBase
from bot.store import KnowledgeStore, Store
from bot.store.inbox_store import InboxStore

if TYPE_CHECKING:  # the heavy adapters load on first use (see the properties below)
    from langchain_core.language_models import BaseChatModel

    from bot.campaigns.service import CampaignService
    from bot.kb.index import KBIndex
    from bot.nlu.classifier import IntentClassifier
    from bot.personalisation import Personaliser
    from bot.store.campaign_store import CampaignStore

log = logging.getLogger(__name__)
LLM_SLOT_TTL_S = 30.0  # a killed worker's generator slots free up within this (renewed every 10 s while held)


@dataclass
class Services:
    """Everything a channel or command needs, built once per process from Settings."""

    settings: Settings
    started_at: float = field(default_factory=time.time)
    erase_hooks: list[Callable[[str], None]] = field(default_factory=list)

    @cached_property
    def store(self) -> Store:
        """The store (SQLite, or PostgreSQL by SHOPBOT_DATABASE_URL), migrated, with the demo data seeded into an empty database."""
        store = Store(self.settings.database, home=self.settings.home)
        seed_dir = self.settings.seed_dir
        if seed_dir.is_dir():
            store.seed(seed_dir)
        return store

    @cached_property
    def kb(self) -> KnowledgeBase:
        """The live knowledge base (not yet opened)."""
        return KnowledgeBase(
            self.settings.knowledge_dir,
            self.settings.kb_root,
            embedder=self.settings.embedder,
            chunk_size=self.settings.chunk_size,
            chunk_overlap=self.settings.chunk_overlap,
            keep_versions=self.settings.keep_versions,
            on_version=self._record_version,
            ann_min_rows=self.settings.kb_ann_min_rows,
            on_index=_index_catalog,
        )

    @cached_property
    def coord(self) -> LocalCoordinator:
        """Coordination between workers: in process, or through Redis when SHOPBOT_REDIS_URL is set."""
        return open_coordinator(self.settings.redis_url.get_secret_value().strip())

    @cached_property
    def bus(self) -> EventBus:
        """Events for live dashboards and channels (through Redis pub/sub to every worker when configured)."""
        return self.coord.bus

    @cached_property
    def intents(self) -> IntentClassifier:
        """The intent classifier: the trained artifact, trained once from the shipped data if missing."""
        from bot.nlu.training import load_or_train

        return load_or_train(self.settings)

    @cached_property
    def chat_model(self) -> BaseChatModel:
        """The generator backend named by SHOPBOT_LLM_BACKEND."""
        from bot.llm.factory import make_chat_model
        from bot.llm.request_queue import RequestQueue

        model = make_chat_model(self.settings)
        queue = getattr(model, "queue", None)  # the OpenAI-compatible backend's request queue
        if isinstance(queue, RequestQueue) and queue.limit and self.coord.shared:
            # several workers: SHOPBOT_LLM_MAX_CONCURRENCY counts all of them together (per server), through Redis
            name = f"llm:{self.settings.openai_base_url}"
            queue.share(self.coord.slots(name, queue.limit, ttl_s=LLM_SLOT_TTL_S))
        return model

    @cached_property
    def composer(self) -> Composer:
        """Grounded generation with verification and the extractive fallback."""
        from bot.core.meaning import MeaningChecker
        from bot.embed.embedder import get_embedder
        from bot.llm.reply_model import reword_chat_model, reword_frames, reword_kinds

        embedder = get_embedder(self.settings.embedder)  # the same MiniLM the knowledge base uses, loaded once
        meaning = MeaningChecker(embed=embedder.embed)
        # the same embedder also picks the extractive reply's sentences by meaning
        return Composer(
            self.chat_model,
            timeout_s=self.settings.llm_timeout_s,
            meaning=meaning,
            embed=embedder.embed,
            reword_timeout_s=self.settings.llm_reword_timeout_s,
            reword_model=reword_chat_model(self.settings) if self.settings.llm_reword_timeout_s > 0 else None,
            reword_kinds=reword_kinds(self.settings),
            reword_frames=reword_frames(self.settings),
        )

    @cached_property
    def personaliser(self) -> Personaliser:
        """Recommendations, preferences and profiles (the recommender itself loads on first use)."""
        from bot.personalisation import Personaliser

        p = Personaliser(
            self.store,
            self.kb,
            self.settings.models_dir,
            embedder=self.settings.embedder,
            every_n=self.settings.recommend_every_n_turns,
            enabled=self.settings.recommend,
            background_min_products=self.settings.recommend_background_min_products,
        )
        self.erase_hooks.append(p.forget)
        return p

    @cached_property
    def campaign_store(self) -> CampaignStore:
        """Marketing tables: consent, campaigns, recipients, audit log, order items (same connection as the store)."""
        from bot.store.campaign_store import CampaignStore

        cstore = CampaignStore(self.store)
        self.erase_hooks.append(cstore.forget)
        return cstore

    @cached_property
    def knowledge_store(self) -> KnowledgeStore:
        """KB edit audit, FAQ drafts, corrections and attachment rows (same connection as the store)."""
        return KnowledgeStore(self.store)

    @cached_property
    def attachments(self) -> AttachmentFiles:
        """Shopper attachments on disk; an erasure removes the customer's folder."""
        files = AttachmentFiles(self.settings.attachments_dir, self.store.erasure_key)
        self.erase_hooks.append(files.forget)
        return files

    @cached_property
    def inbox(self) -> InboxStore:
        """The staff inbox's tables: status, assignment, labels, reads, canned replies, mentions, CSAT (same connection)."""
        return InboxStore(self.store)

    @cached_property
    def campaigns(self) -> CampaignService:
        """The campaign workflow (draft, preview, approve, send, report)."""
        from bot.campaigns.service import CampaignService

        return CampaignService(self)

    @cached_property
    def assistant(self) -> Assistant:
        """The turn pipeline every channel calls."""
        return Assistant(
            store=self.store,
            kb=self.kb,
            intents=self.intents,
            composer=self.composer,
            bus=self.bus,
            top_k=self.settings.top_k,
            recommend=self.personaliser if self.settings.recommend else None,
        )

    # ------------------------------------------------------------------ actions shared by channels
    def erase_customer(self, customer_id: str) -> dict[str, int]:
        """Erase a customer everywhere: profile, conversations, messages, orders, interactions and model factors.

        Resumable and idempotent: the store's rows go first, with a tombstone marked unfinished; then every
        erase hook (models, campaign data); then the tombstone is marked done and the WAL checkpointed. If a
        step fails, running it again (the customer row is already gone) finishes the job.
        """
        _ = (
            self.personaliser,
            self.campaign_store,
            self.attachments,
        )  # register their erase hooks even if nothing used them yet
        counts = self.store.erase_customer(customer_id)
        for hook in self.erase_hooks:
            try:
                hook(customer_id)
            except Exception as exc:  # the tombstone stays "unfinished": running the erase again resumes here
                raise StoreError(
                    f"the erasure is not finished ({type(exc).__name__}: {exc}); run it again to finish it"
                ) from exc
        self.store.finish_erasure(customer_id)
        self.bus.publish({"type": "customer_erased", "customer_id": customer_id})
        return counts

    def forget_cached(self) -> None:
        """Drop in-memory data that could hold an erased customer (after an erasure in another process)."""
        personaliser = self.__dict__.get("personaliser")
        if personaliser is not None:
            personaliser.refresh()

    def record_feedback(self, message_id: int, value: int) -> None:
        """Store 👍 (+1) / 👎 (-1) on a bot message; a 👎 flags the conversation for staff."""
        msg = self.store.get_message(message_id)
        if msg is None:
            return
        self.store.set_feedback(message_id, 1 if value > 0 else -1)
        if value < 0:
            self.store.flag_conversation(msg["conversation_id"], "negative_feedback")
        self.bus.publish(
            {"type": "feedback", "conversation_id": msg["conversation_id"], "message_id": message_id, "value": value}
        )

    def request_handoff(self, conversation_id: str, *, reason: str = "button") -> None:
        """The shopper asked for a person: flag the conversation for staff."""
        self.store.flag_conversation(conversation_id, "handoff")
        self.store.event("handoff", conversation_id=conversation_id, reason=reason)
        self.bus.publish({"type": "handoff", "conversation_id": conversation_id, "reason": reason})

    def staff_reply(self, conversation_id: str, text: str, *, staff: str) -> int | None:
        """Persist a staff message and publish it; the conversation's channel delivers it to the shopper."""
        conv = self.store.get_conversation(conversation_id)
        if conv is None:
            return None
        msg_id = self.store.add_message(conversation_id, "staff", text, author=staff)
        self.bus.publish(
            {
                "type": "staff_message",
                "conversation_id": conversation_id,
                "channel": conv["channel"],
                "chat_id": conv.get("chat_id"),
                "text": text,
                "author": staff,
                "message_id": msg_id,
            }
        )
        return msg_id

    def set_mode(self, conversation_id: str, mode: str, *, staff: str | None = None) -> None:
        """Staff take a conversation over ("staff") or hand it back ("bot")."""
        self.store.set_mode(conversation_id, mode, staff=staff)
        self.store.event("takeover" if mode == "staff" else "handback", conversation_id=conversation_id, staff=staff)
        self.bus.publish({"type": "mode", "conversation_id": conversation_id, "mode": mode, "staff": staff})

    def receive_attachment(
        self,
        conversation: dict[str, Any],
        data: bytes,
        *,
        declared: str | None,
        caption: str = "",
        external_id: str | None = None,
    ) -> dict[str, Any]:
        """Check an image a shopper sent (magic bytes, size), store it, show it in the transcript; raises AttachmentError.

        The transcript message is marked answered: the photo is for staff, the bot does not reply to it. A channel
        message id seen before in this conversation (a re-fed Telegram update) stores nothing and says so.
        """
        mime = check_image(data, declared=declared, max_bytes=self.settings.attachment_max_bytes)
        if external_id is not None and self.store.find_inbound(external_id, conversation_id=conversation["id"]):
            return {"duplicate": True}
        customer_id = str(conversation["customer_id"])
        stored = self.attachments.save(customer_id, data, mime)
        text = "📎 Photo" + (f": {caption}" if caption else "")
        msg_id = self.store.add_message(
            conversation["id"], "in", text, answered=1, flags=["attachment"], external_id=external_id
        )
        attachment_id = self.knowledge_store.add_attachment(
            conversation_id=conversation["id"],
            customer_id=customer_id,
            message_id=msg_id,
            channel=conversation.get("channel"),
            mime=stored.mime,
            size=stored.size,
            sha256=stored.sha256,
            path=stored.path,
        )
        event = {
            "type": "message",
            "conversation_id": conversation["id"],
            "customer_id": customer_id,
            "channel": conversation.get("channel"),
            "direction": "in",
            "text": text,
            "attachment_id": attachment_id,
        }
        self.bus.publish(event)
        return {"id": attachment_id, "message_id": msg_id, "mime": stored.mime, "size": stored.size}

    def set_status(self, conversation_id: str, status: str, *, staff: str, until: str | None = None) -> str | None:
        """Move a conversation to open / waiting / snoozed / resolved; resolving asks the shopper for a 1-5 rating in
        their channel, once per conversation. Returns the previous status (None: no such conversation)."""
        before = self.inbox.set_status(conversation_id, status, staff=staff, until=until)
        if before is None:
            return None
        self.bus.publish({"type": "status", "conversation_id": conversation_id, "status": status, "staff": staff})
        if status == "resolved":
            asked = self.inbox.csat_ask(conversation_id)
            if asked is not None:
                self.bus.publish(
                    {
                        "type": "csat_request",
                        "conversation_id": conversation_id,
                        "channel": asked["channel"],
                        "chat_id": asked.get("chat_id"),
                    }
                )
        return before

    def record_csat(self, conversation_id: str, customer_id: str, score: int) -> bool:
        """The shopper's rating of a resolved conversation (once); False when it was not asked or already given."""
        ok = self.inbox.csat_answer(conversation_id, customer_id, score)
        if ok:
            self.bus.publish({"type": "csat", "conversation_id": conversation_id, "score": score})
        return ok

    def auto_assign(self, conversation_id: str) -> str | None:
        """Round-robin among online staff for an unassigned conversation that needs a person (when switched on)."""
        if not self.settings.inbox_auto_assign:
            return None
        name = self.inbox.auto_assign(conversation_id, online_minutes=self.settings.inbox_online_minutes)
        if name:
            self.bus.publish({"type": "assigned", "conversation_id": conversation_id, "staff": name})
        return name

    def warm_up(self) -> None:
        """Load everything heavy now rather than on the first shopper's message."""
        self.kb.open()  # the catalog's indexes are built as the version is loaded (_index_catalog)
        _ = self.store, self.intents, self.chat_model, self.assistant
        load = getattr(self.chat_model, "load", None)
        if callable(load):  # the local model reads its weights now, not on the first shopper's message
            load()
        rewriter = self.composer.rewriter  # and the model that words answers from the data, when rewording is on
        reword_load = getattr(rewriter.chat_model, "load", None) if rewriter is not None else None
        if callable(reword_load):
            reword_load()
        if self.settings.recommend:
            self.personaliser.warm_up()

    def _record_version(self, version: str, info: dict[str, Any]) -> None:
        fields = {k: info.get(k) for k in ("documents", "chunks", "embedded", "status", "error")}
        fields["build_seconds"] = info.get("seconds")
        fields["created_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        self.store.record_kb_version(version, **{k: v for k, v in fields.items() if v is not None})
        details = {k: v for k, v in info.items() if isinstance(v, (str, int, float, bool)) and k != "version"}
        data: dict[str, Any] = {"version": version, **details}
        self.store.event("kb_version", **data)
        if info.get("status") == "active":  # every worker (through Redis) switches to it from the shared KB folder
            self.bus.publish({"type": "kb_version", "version": version})

    def close(self) -> None:
        """Close what was opened: the store checkpoints its WAL (no erased rows linger in it) and closes."""
        store = self.__dict__.get("store")
        if store is not None:
            store.close()
        coord = self.__dict__.get("coord")
        if coord is not None:
            coord.close()  # the Redis feed listener and connection, when there is one

    def uptime_s(self) -> float:
        """Seconds since the services were built."""
        return time.time() - self.started_at


def _index_catalog(index: KBIndex) -> None:
    """The core's per-version catalog indexes, built as the knowledge base loads or swaps in a version (before any
    turn reads it), so no shopper's turn pays for them."""
    from bot.core.lookups import index_catalog

    index_catalog(index.catalog, index.known_names)


def build_services(settings: Settings) -> Services:
    """Build the services for one process (heavy parts load lazily on first use)."""
    settings.check_production()
    settings.fill_dev_secrets()
    from bot.embed import configure

    # MiniLM runs in the precision the settings name, for every part that embeds (KB, intents, recommender)
    configure(precision=settings.embedder_precision, models_dir=settings.models_dir, threads=settings.embedder_threads)
    from bot.core.shop_day import set_zone

    set_zone(settings.shop_timezone)  # "today" in replies is the shop's calendar day, not the server's
    return Services(settings=settings)

"""Staff commands in Telegram: /reload (knowledge base) and /status; everyone else is refused and logged."""

from __future__ import annotations

import asyncio
import html
import logging
import time
from typing import TYPE_CHECKING, Any

from telegram import Bot, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.channels.telegram import texts
from bot.errors import KnowledgeBaseError
from bot.tombstones import pseudonym

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)


def parse_admin_ids(value: str) -> frozenset[int]:
    """ "1, 2,3" -> {1, 2, 3}; blanks and junk are skipped."""
    return frozenset(int(part) for part in value.replace(";", ",").split(",") if part.strip().lstrip("-").isdigit())


def format_uptime(seconds: float) -> str:
    """3725 -> "1h 02m"."""
    minutes = int(seconds // 60)
    days, hours, mins = minutes // 1440, minutes // 60 % 24, minutes % 60
    return f"{days}d {hours}h {mins:02d}m" if days else f"{hours}h {mins:02d}m"


class AdminCommands:
    """Handlers for the commands only the ids in SHOPBOT_TELEGRAM_ADMIN_IDS may run."""

    def __init__(self, services: Services, *, progress_every_s: float = 1.5) -> None:
        self.services = services
        self.admin_ids = parse_admin_ids(services.settings.telegram_admin_ids)
        self.progress_every_s = progress_every_s

    async def allowed(self, update: Update, command: str) -> bool:
        """True for admins; others get "not allowed" and the attempt is recorded."""
        user = update.effective_user
        if user is not None and user.id in self.admin_ids:
            return True
        uid = user.id if user else None
        log.warning("Telegram user %s tried /%s without permission", pseudonym(uid), command)
        await asyncio.to_thread(self.services.store.event, "telegram_denied", command=command, telegram_user_id=uid)
        if update.effective_chat:
            await update.get_bot().send_message(update.effective_chat.id, texts.NOT_ALLOWED)
        return False

    async def reload(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Rebuild the knowledge base in a thread, editing one message with progress and then the result."""
        if not await self.allowed(update, "reload") or not update.effective_chat:
            return
        bot = context.bot
        note = await bot.send_message(update.effective_chat.id, "🔄 Reloading the knowledge base…")
        stage: list[str] = []

        def on_progress(name: str, done: int, total: int) -> None:
            stage.append(f"{name} {done}/{total}" if total else name)

        job = asyncio.ensure_future(asyncio.to_thread(self.services.kb.reload, on_progress=on_progress))
        shown = ""
        while not job.done():
            await asyncio.wait({job}, timeout=self.progress_every_s)
            if not job.done() and stage and stage[-1] != shown:
                shown = stage[-1]
                await _edit(
                    note.chat_id, note.message_id, bot, f"🔄 Reloading the knowledge base… <i>{html.escape(shown)}</i>"
                )
        try:
            result = job.result()
        except KnowledgeBaseError as exc:
            log.error("reload from Telegram failed: %s", exc)
            text = f"❌ Reload failed; still serving the previous version.\n<code>{html.escape(str(exc))}</code>"
        else:
            info = result.as_dict()
            verb = "unchanged" if result.unchanged else "now serving"
            text = (
                f"✅ Knowledge base {verb} <b>{html.escape(result.version)}</b>: {info.get('documents')} documents, "
                f"{info.get('chunks')} chunks, {info.get('embedded')} embedded in {result.seconds:.1f}s."
            )
        await _edit(note.chat_id, note.message_id, bot, text)

    async def status(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """KB version, generator, uptime, and today's conversations and hand-offs."""
        if not await self.allowed(update, "status") or not update.effective_chat:
            return
        facts = await asyncio.to_thread(self.facts)
        lines = ["📊 <b>shopbot status</b>"] + [
            f"{html.escape(k)}: <b>{html.escape(str(v))}</b>" for k, v in facts.items()
        ]
        await context.bot.send_message(update.effective_chat.id, "\n".join(lines), parse_mode="HTML")

    def facts(self) -> dict[str, Any]:
        """The numbers /status shows."""
        s, store = self.services.settings, self.services.store
        try:
            kb_version = self.services.kb.index.version
        except KnowledgeBaseError:
            kb_version = "none loaded"
        model = s.llm_backend + (f" ({s.openai_model})" if s.llm_backend == "openai" else "")
        today = time.strftime("%Y-%m-%d", time.gmtime())
        conversations = [
            c for c in store.list_conversations(limit=100_000) if str(c.get("started_at", "")).startswith(today)
        ]
        handoffs = {
            e["conversation_id"]
            for e in store.events("handoff", limit=100_000)
            if str(e.get("ts", "")).startswith(today)
        }
        handoffs |= {c["id"] for c in conversations if "handoff" in (c.get("flags") or [])}
        return {
            "Knowledge base": kb_version,
            "Generator": model,
            "Uptime": format_uptime(self.services.uptime_s()),
            "Conversations today": len(conversations),
            "Hand-offs today": len(handoffs),
        }


async def _edit(chat_id: int, message_id: int, bot: Bot, text: str) -> None:
    try:
        await bot.edit_message_text(text, chat_id=chat_id, message_id=message_id, parse_mode="HTML")
    except TelegramError as exc:  # e.g. "message is not modified"
        log.debug("could not edit the reload message: %s", exc)

"""Telegram handlers: thin adapters that build an IncomingMessage, await the assistant and render the Reply."""

from __future__ import annotations

import asyncio
import html
import logging
from typing import TYPE_CHECKING

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.channels.telegram import texts
from bot.channels.telegram.admin import AdminCommands
from bot.channels.telegram.delivery import typing_indicator
from bot.channels.telegram.outbox import Outbox
from bot.channels.telegram.photos import receive_photo
from bot.core.ports import AssistantPort
from bot.domain import Channel, Flag, IncomingMessage, Reply
from bot.tombstones import pseudonym

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)
PRIVATE = filters.ChatType.PRIVATE


class TelegramChannel:
    """Binds the shop's services to PTB handlers."""

    def __init__(
        self,
        services: Services,
        *,
        assistant: AssistantPort | None = None,
        typing_interval_s: float = 4.0,
        turn_timeout_s: float = 120.0,
        max_concurrent_turns: int = 4,
    ) -> None:
        self.services = services
        self.turn_timeout_s = turn_timeout_s
        # Bounded: each turn holds worker threads; more than a few at once only queues inside the model and
        # can starve asyncio's default thread pool, which the store and the local generator share.
        self._turns = asyncio.Semaphore(max_concurrent_turns)
        self._assistant = assistant
        self.typing_interval_s = typing_interval_s
        self.admin = AdminCommands(services)
        self.outbox = Outbox(services.store, coord=services.coord)

    @property
    def assistant(self) -> AssistantPort:
        """The turn pipeline (the services' own unless one was given), resolved on first use."""
        return self._assistant if self._assistant is not None else self.services.assistant

    # ------------------------------------------------------------------ wiring
    def register(self, app: Application) -> None:
        """Add every handler, in priority order, and the global error handler."""
        new = PRIVATE & filters.UpdateType.MESSAGE
        app.add_handler(MessageHandler(filters.ChatType.CHANNEL | filters.ChatType.GROUPS, self.ignore))
        app.add_handler(MessageHandler(PRIVATE & filters.UpdateType.EDITED, self.edited))
        for name, callback in (
            ("start", self.start),
            ("help", self.help),
            ("reset", self.reset),
            ("forget", self.forget),
            ("privacy", self.privacy),
            ("stop", self.stop),
            ("reload", self.admin.reload),
            ("status", self.admin.status),
        ):
            app.add_handler(CommandHandler(name, callback, filters=new))
        app.add_handler(MessageHandler(new & filters.COMMAND, self.unknown_command))
        app.add_handler(MessageHandler(new & filters.TEXT, self.text))
        app.add_handler(MessageHandler(new & filters.PHOTO, self.photo))
        app.add_handler(MessageHandler(new, self.not_text))
        app.add_handler(CallbackQueryHandler(self.button))
        app.add_error_handler(self.on_error)

    # ------------------------------------------------------------------ shoppers
    async def text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Free text: ask the assistant while showing "typing…", then send the rendered reply."""
        assert update.effective_message and update.effective_chat and update.effective_user
        chat_id = update.effective_chat.id
        customer_id, conv_id = await asyncio.to_thread(self._conversation, update)
        msg = IncomingMessage(
            update.effective_message.text or "",
            channel=Channel.TELEGRAM,
            customer_id=customer_id,
            conversation_id=conv_id,
            message_id=str(update.update_id),
        )
        try:
            async with typing_indicator(context.bot, chat_id, interval_s=self.typing_interval_s):
                reply = await asyncio.wait_for(self._turn(msg), self.turn_timeout_s)
        except TimeoutError:  # never leave a shopper watching "typing…" forever: hand the question to a person
            log.error(
                "update %s: no reply after %.0f s; handing conversation %s to staff",
                update.update_id,
                self.turn_timeout_s,
                conv_id,
            )
            await asyncio.to_thread(self.services.request_handoff, conv_id, reason="timeout")
            await context.bot.send_message(chat_id, texts.TOO_SLOW)
            return
        if Flag.STAFF_MODE in reply.flags or not reply.text.strip():
            log.info("update %s: no reply sent (%s)", update.update_id, ",".join(sorted(reply.flags)) or "empty")
            return
        # through the outbox: a repeated update whose reply was already delivered sends nothing
        if not await self.outbox.deliver(context.bot, chat_id, reply):
            log.info("update %s: its reply was delivered before", update.update_id)

    async def _turn(self, msg: IncomingMessage) -> Reply:
        """One assistant turn, at most `max_concurrent_turns` at a time (the generator and the thread pool are shared)."""
        async with self._turns:
            return await self.assistant.handle(msg)

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Greeting, what the bot can do, and the privacy notice."""
        await asyncio.to_thread(self._conversation, update)
        await self._say(update, texts.START)

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The command list."""
        await self._say(update, texts.HELP)

    async def reset(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Start a fresh conversation."""
        assert update.effective_chat
        customer_id, _ = await asyncio.to_thread(self._conversation, update)
        await asyncio.to_thread(
            self.services.store.new_conversation,
            customer_id,
            Channel.TELEGRAM.value,
            chat_id=str(update.effective_chat.id),
        )
        await self._say(update, texts.RESET)

    async def forget(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Ask for confirmation before erasing everything we store about the shopper."""
        assert update.effective_user
        if (
            await asyncio.to_thread(self.services.store.find_customer, telegram_id=str(update.effective_user.id))
            is None
        ):
            await self._say(update, texts.FORGET_NOTHING)
            return
        buttons = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("Yes, erase my data", callback_data="forget:yes"),
                    InlineKeyboardButton("No, keep it", callback_data="forget:no"),
                ]
            ]
        )
        await self._say(update, texts.FORGET_CONFIRM, markup=buttons)

    async def privacy(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """`/privacy off|on` switches suggestions (off also stops marketing at once); `/privacy marketing on|off`; bare: the settings."""
        customer_id, _ = await asyncio.to_thread(self._conversation, update)
        args = [a.lower() for a in (context.args or [])]
        campaigns = self.services.campaigns
        if args[:1] == ["marketing"] and args[1:2] in (["on"], ["off"]):
            if args[1] == "on":
                await asyncio.to_thread(campaigns.opt_in, customer_id, source="telegram:/privacy marketing on")
            else:
                await asyncio.to_thread(campaigns.opt_out, customer_id, source="telegram:/privacy marketing off")
            await self._say(update, texts.MARKETING_ON if args[1] == "on" else texts.MARKETING_OFF)
            return
        arg = args[0] if args else ""
        if arg in ("on", "off"):
            await asyncio.to_thread(self.services.store.update_customer, customer_id, personalization=int(arg == "on"))
            if arg == "off":
                await asyncio.to_thread(campaigns.opt_out, customer_id, source="telegram:/privacy off")
            await self._say(update, texts.PRIVACY_ON if arg == "on" else texts.PRIVACY_OFF)
            return
        customer = await asyncio.to_thread(self.services.store.get_customer, customer_id) or {}
        marketing = await asyncio.to_thread(self.services.campaign_store.consent, customer_id)
        await self._say(
            update,
            texts.PRIVACY_STATUS.format(
                state="on" if customer.get("personalization", 1) else "off", marketing="on" if marketing else "off"
            ),
        )

    async def stop(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """`/stop`: no more marketing messages, at once."""
        customer_id, _ = await asyncio.to_thread(self._conversation, update)
        await asyncio.to_thread(self.services.campaigns.opt_out, customer_id, source="telegram:/stop")
        await self._say(update, texts.MARKETING_OFF)

    async def unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A command we do not have."""
        await self._say(update, texts.UNKNOWN_COMMAND)

    # ------------------------------------------------------------------ buttons
    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Inline buttons: feedback, hand-off, product click, campaign, /forget confirmation, rating."""
        query = update.callback_query
        assert query is not None
        kind, _, rest = (query.data or "").partition(":")
        customer = await asyncio.to_thread(self.services.store.find_customer, telegram_id=str(query.from_user.id))
        if customer is None:
            await query.answer(texts.EXPIRED)
            return
        if kind == "f":
            sign, _, mid = rest.partition(":")
            ok = mid.isdigit() and await asyncio.to_thread(self._owns_message, customer["id"], int(mid))
            if ok:
                await asyncio.to_thread(self.services.record_feedback, int(mid), 1 if sign == "+" else -1)
            await query.answer(texts.FEEDBACK_THANKS if ok else texts.EXPIRED)
        elif kind == "h":
            conv = await asyncio.to_thread(self.services.store.get_conversation, rest)
            if conv is None or conv["customer_id"] != customer["id"]:
                await query.answer(texts.EXPIRED)
                return
            await asyncio.to_thread(self.services.request_handoff, rest)
            await query.answer()
            await context.bot.send_message(
                query.message.chat.id if query.message else query.from_user.id, texts.HANDOFF_REQUESTED
            )
        elif kind == "p":
            await self._product(update, context, customer["id"], rest)
        elif kind in ("cc", "cu"):
            await self._campaign_button(update, context, customer["id"], kind, rest)
        elif kind == "forget":
            await self._forget_answer(update, customer["id"], confirmed=rest == "yes")
        elif kind == "r":
            await self._rating(update, customer["id"], rest)
        else:
            await query.answer()

    async def _rating(self, update: Update, customer_id: str, rest: str) -> None:
        """A 1-5 rating button under the question sent when the conversation was resolved (counted once)."""
        query = update.callback_query
        assert query is not None
        score, _, conv_id = rest.partition(":")
        if not (score.isdigit() and 1 <= int(score) <= 5):
            await query.answer(texts.EXPIRED)
            return
        conv = await asyncio.to_thread(self.services.store.get_conversation, conv_id)
        if conv is None or conv["customer_id"] != customer_id:
            await query.answer(texts.EXPIRED)
            return
        ok = await asyncio.to_thread(self.services.record_csat, conv_id, customer_id, int(score))
        await query.answer()
        await query.edit_message_text(texts.CSAT_THANKS.format(score=score) if ok else texts.CSAT_ALREADY)

    async def _product(self, update: Update, context: ContextTypes.DEFAULT_TYPE, customer_id: str, sku: str) -> None:
        query = update.callback_query
        assert query is not None
        products = await asyncio.to_thread(self.services.kb.products)
        product = next((p for p in products if str(p.get("sku")) == sku), None)
        if product is None:
            await query.answer(texts.EXPIRED)
            return
        await asyncio.to_thread(self.services.store.add_interaction, customer_id, sku, "click")
        await query.answer()
        await context.bot.send_message(query.from_user.id, texts.product(product), parse_mode="HTML")

    async def _campaign_button(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, customer_id: str, kind: str, rest: str
    ) -> None:
        """A campaign message's buttons: show the offered product (a click) or unsubscribe (at once)."""
        query = update.callback_query
        assert query is not None
        if not rest.isdigit():
            await query.answer(texts.EXPIRED)
            return
        campaigns = self.services.campaigns
        if kind == "cu":
            await asyncio.to_thread(
                campaigns.opt_out, customer_id, source="telegram:unsubscribe button", recipient_id=int(rest)
            )
            await query.answer(texts.UNSUBSCRIBED)
            await context.bot.send_message(query.from_user.id, texts.MARKETING_OFF)
            return
        product = await asyncio.to_thread(campaigns.click, int(rest), customer_id)
        if not product:
            await query.answer(texts.EXPIRED)
            return
        await query.answer()
        await context.bot.send_message(query.from_user.id, texts.product(product), parse_mode="HTML")

    async def _forget_answer(self, update: Update, customer_id: str, *, confirmed: bool) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        if not confirmed:
            await query.edit_message_text(texts.FORGET_CANCELLED)
            return
        counts = await asyncio.to_thread(self.services.erase_customer, customer_id)
        log.info("erased a Telegram customer on request (%s): %s", pseudonym(customer_id), counts)
        await query.edit_message_text(texts.FORGET_DONE)

    # ------------------------------------------------------------------ the unexpected
    async def edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Edits are not re-answered (that would double-answer); say so briefly."""
        await self._say(update, texts.EDITED)

    async def photo(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A photo (a damaged item, a label): stored for staff, who see it in the transcript; the bot does not answer it."""
        assert update.effective_message
        text = await receive_photo(
            self.services,
            update.effective_message,
            lambda: self._conversation(update)[1],
            update_id=update.update_id,
        )
        await self._say(update, html.escape(text, quote=False))

    async def not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice, files, locations: we read text only."""
        await self._say(update, texts.NOT_TEXT)

    async def ignore(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Group chats and channel posts: the shop talks to shoppers in private chats only."""
        chat = update.effective_chat
        log.info(
            "ignoring update %s from %s chat %s",
            update.update_id,
            chat.type if chat else "?",
            pseudonym(chat.id) if chat else "?",
        )

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log every handler error and keep going; tell the shopper in a private chat that something failed."""
        log.error("error while handling update %s", getattr(update, "update_id", "?"), exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat and update.effective_chat.type == ChatType.PRIVATE:
            try:
                await context.bot.send_message(update.effective_chat.id, texts.ERROR)
            except Exception:
                log.exception("could not tell chat %s about the error", pseudonym(update.effective_chat.id))

    # ------------------------------------------------------------------ helpers
    async def _say(self, update: Update, text: str, *, markup: InlineKeyboardMarkup | None = None) -> None:
        assert update.effective_chat
        await update.get_bot().send_message(update.effective_chat.id, text, parse_mode="HTML", reply_markup=markup)

    def _conversation(self, update: Update) -> tuple[str, str]:
        """The shopper's customer id and current conversation (created on first contact, with the chat id)."""
        user, chat = update.effective_user, update.effective_chat
        assert user is not None and chat is not None
        store = self.services.store
        customer = store.find_customer(telegram_id=str(user.id))
        if customer is None:
            customer = store.ensure_customer(f"tg-{user.id}", telegram_id=str(user.id), name=user.first_name)
        conv = store.open_conversation(customer["id"], Channel.TELEGRAM.value, chat_id=str(chat.id))
        return customer["id"], conv["id"]

    def _owns_message(self, customer_id: str, message_id: int) -> bool:
        msg = self.services.store.get_message(message_id)
        conv = self.services.store.get_conversation(msg["conversation_id"]) if msg else None
        return bool(conv and conv["customer_id"] == customer_id and msg and msg["direction"] == "out")

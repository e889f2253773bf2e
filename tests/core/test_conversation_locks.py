"""Turns are serialised per conversation, not per channel: anonymous first messages run side by side."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatGenerationChunk

from bot.core.assistant import Assistant
from bot.core.composer import Composer
from bot.core.events import EventBus
from bot.domain import Channel, IncomingMessage
from bot.kb.knowledge_base import KnowledgeBase
from bot.llm.fake import ScriptedChatModel
from bot.nlu.classifier import IntentClassifier
from bot.store import Store


class MeetingChatModel(ScriptedChatModel):
    """Every generation waits until `parties` generations are running at once (or gives up after 3 s)."""

    parties: int = 2
    wait_s: float = 3.0

    def model_post_init(self, context: Any, /) -> None:
        super().model_post_init(context)
        self._barrier = threading.Barrier(self.parties, timeout=self.wait_s)

    def _stream(
        self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None, **kwargs: Any
    ) -> Iterator[ChatGenerationChunk]:
        self._barrier.wait()  # BrokenBarrierError when the other turn is not running: the reply falls back
        yield from super()._stream(messages, stop=stop, run_manager=run_manager, **kwargs)


async def test_two_anonymous_first_messages_are_served_at_the_same_time(
    store: Store, kb: KnowledgeBase, intents: IntentClassifier
) -> None:
    model = MeetingChatModel(default="You can return any item within 30 days of delivery for a full refund.")
    assistant = Assistant(store=store, kb=kb, intents=intents, composer=Composer(model, timeout_s=8), bus=EventBus())
    question = "tell me about returning an item"  # reaches the model ("how many days" is answered from the data)
    replies = await asyncio.gather(
        *[
            assistant.handle(
                IncomingMessage(text=question, channel=Channel.WEB, customer_id=None, conversation_id=None)
            )
            for _ in range(2)
        ]
    )
    assert [("fallback_used" in r.flags) for r in replies] == [False, False]
    assert replies[0].conversation_id != replies[1].conversation_id


async def test_turns_of_one_conversation_still_run_one_after_another(
    store: Store, kb: KnowledgeBase, intents: IntentClassifier
) -> None:
    model = MeetingChatModel(
        default="You can return any item within 30 days of delivery for a full refund.", wait_s=1.0
    )
    assistant = Assistant(store=store, kb=kb, intents=intents, composer=Composer(model, timeout_s=8), bus=EventBus())
    question = "tell me about returning an item"  # reaches the model ("how many days" is answered from the data)
    replies = await asyncio.gather(
        *[
            assistant.handle(IncomingMessage(text=question, channel=Channel.WEB, customer_id="c1", message_id=f"m{i}"))
            for i in range(2)
        ]
    )
    # the second turn waits for the first, so the two generations never meet: both fall back
    assert [("fallback_used" in r.flags) for r in replies] == [True, True]

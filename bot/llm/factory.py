"""make_chat_model: the one place that turns `settings.llm_backend` into a LangChain chat model."""

from __future__ import annotations

import logging

from langchain_core.language_models.chat_models import BaseChatModel

from bot.config import Settings
from bot.errors import ConfigError

log = logging.getLogger(__name__)

OPENAI_MAX_RETRIES = 1  # one quick retry on 429/5xx; the composer's deadline bounds the rest


def make_chat_model(settings: Settings) -> BaseChatModel:
    """Build the generator named by settings.llm_backend: local, openai, echo or scripted."""
    backend = settings.llm_backend
    if backend == "local":
        from bot.llm.local import LocalChatModel

        return LocalChatModel.from_settings(settings)
    if backend == "openai":
        from langchain_openai import ChatOpenAI

        log.info("generator: OpenAI-compatible server at %s (model %s)", settings.openai_base_url, settings.openai_model)
        return ChatOpenAI(
            base_url=settings.openai_base_url,
            model=settings.openai_model,
            api_key=settings.openai_api_key,
            timeout=settings.llm_timeout_s,
            max_retries=OPENAI_MAX_RETRIES,
            max_tokens=settings.llm_max_new_tokens,  # type: ignore[call-arg]  # alias of max_completion_tokens
            temperature=0.0,
        )
    if backend == "echo":
        from bot.llm.fake import EchoChatModel

        return EchoChatModel()
    if backend == "scripted":
        from bot.llm.fake import ScriptedChatModel

        return ScriptedChatModel()
    raise ConfigError(f"unknown generator backend {backend!r}; use local, openai, echo or scripted")

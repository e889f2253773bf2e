"""make_chat_model: the one place that turns `settings.llm_backend` into a LangChain chat model."""

from __future__ import annotations

import logging

from langchain_core.language_models.chat_models import BaseChatModel

from bot.config import Settings
from bot.errors import ConfigError

log = logging.getLogger(__name__)

OPENAI_MAX_RETRIES = 1  # one quick retry on 429/5xx; the composer's deadline bounds the rest


def make_chat_model(settings: Settings) -> BaseChatModel:
    """Build the generator named by settings.llm_backend: local, openai, llamacpp, echo or scripted."""
    backend = settings.llm_backend
    if backend == "local":
        from bot.llm.local import LocalChatModel

        return LocalChatModel.from_settings(settings)
    if backend == "openai":
        import httpx

        from bot.llm.server_chat import ServerChatModel

        log.info(
            "generator: OpenAI-compatible server at %s (model %s, %s at once)",
            settings.openai_base_url,
            settings.openai_model,
            settings.llm_max_concurrency or "no limit on requests",
        )
        return ServerChatModel(
            base_url=settings.openai_base_url,
            model=settings.openai_model,
            api_key=settings.openai_api_key,
            timeout=settings.llm_timeout_s,
            max_retries=OPENAI_MAX_RETRIES,
            max_tokens=settings.llm_max_new_tokens,  # sent to the server as max_tokens (see ServerChatModel)
            max_concurrency=settings.llm_max_concurrency,
            # its own connection pool: langchain-openai's shared default pool keeps connections of an event
            # loop that has since closed (a second asyncio.run in one process), and the next request fails
            http_async_client=httpx.AsyncClient(timeout=settings.llm_timeout_s),
            temperature=0.0,
        )
    if backend == "llamacpp":
        from bot.llm.llamacpp import LlamaCppChatModel

        return LlamaCppChatModel.from_settings(settings)
    if backend == "echo":
        from bot.llm.fake import EchoChatModel

        return EchoChatModel()
    if backend == "scripted":
        from bot.llm.fake import ScriptedChatModel

        return ScriptedChatModel()
    raise ConfigError(f"unknown generator backend {backend!r}; use local, openai, llamacpp, echo or scripted")

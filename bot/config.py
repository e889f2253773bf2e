"""Typed settings, read once at the edge from SHOPBOT_* variables and an optional .env file."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.errors import ConfigError

PLACEHOLDER_SECRETS = {"", "change-me", "changeme", "secret", "dev"}


class Settings(BaseSettings):
    """Every shopbot setting. `.env.example` mirrors this class (a test keeps them in sync)."""

    # SHOPBOT_ENV_FILE names another settings file; empty disables it (the test suite does, so a developer's .env
    # cannot leak into the tests)
    model_config = SettingsConfigDict(env_prefix="SHOPBOT_", env_file=os.environ.get("SHOPBOT_ENV_FILE", ".env") or None, extra="ignore")

    # --- general
    env: Literal["dev", "production"] = Field("dev", description="dev or production; production refuses placeholder secrets")
    home: Path = Field(Path("var"), description="Folder for the database, KB versions, caches and trained artifacts")
    knowledge_dir: Path = Field(Path("knowledge"), description="Folder of knowledge-base source files (md, txt, csv, json, jsonl)")
    seed_dir: Path = Field(Path("knowledge/_seed"), description="Demo customers, orders and interactions loaded into SQLite on first start")
    log_level: str = Field("INFO", description="Logging level: DEBUG, INFO, WARNING, ERROR")

    # --- HTTP server
    host: str = Field("127.0.0.1", description="Address `shopbot serve` listens on")
    port: int = Field(8000, description="Port `shopbot serve` listens on")
    secret_key: SecretStr = Field(SecretStr("change-me"), description="Signs session cookies; must be set in production")
    admin_token: SecretStr = Field(SecretStr("change-me"), description="Bearer token for the admin HTTP endpoints (/admin/kb/*)")

    # --- knowledge base and retrieval
    embedder: Literal["minilm", "hashing"] = Field("minilm", description="minilm (packaged all-MiniLM-L6-v2) or hashing (tests only)")
    chunk_size: int = Field(800, description="Characters per knowledge-base chunk")
    chunk_overlap: int = Field(100, description="Characters of overlap between chunks")
    top_k: int = Field(5, description="Passages retrieved per question")
    keep_versions: int = Field(5, description="How many KB versions to keep on disk")

    # --- intents
    intent_model: str = Field("", description="Folder of the intent classifier; empty means <home>/models/intent/current")

    # --- generator
    llm_backend: Literal["local", "openai", "echo", "scripted"] = Field("local", description="local (SmolLM2 via transformers), openai (any OpenAI-compatible server), echo or scripted (tests)")
    llm_dtype: Literal["bfloat16", "float32"] = Field("bfloat16", description="Torch dtype of the local model")
    llm_max_new_tokens: int = Field(64, description="Most tokens the generator writes per reply (replies are one or two sentences)")
    llm_threads: int = Field(0, description="Torch CPU threads for the local model; 0 means all cores")
    openai_base_url: str = Field("http://127.0.0.1:8080/v1", description="Base URL of the OpenAI-compatible server (vLLM, Ollama, llama.cpp)")
    openai_model: str = Field("local-model", description="Model name sent to the OpenAI-compatible server")
    openai_api_key: SecretStr = Field(SecretStr("not-needed"), description="API key for the OpenAI-compatible server")
    llm_timeout_s: float = Field(8.0, description="Seconds before a remote generator call is abandoned for the extractive reply")

    # --- Telegram
    telegram_token: SecretStr = Field(SecretStr(""), description="Bot token from @BotFather; empty disables the Telegram channel")
    telegram_admin_ids: str = Field("", description="Comma-separated Telegram user ids allowed to run /reload and /status")
    telegram_mode: Literal["polling", "webhook"] = Field("polling", description="polling (default) or webhook")
    telegram_webhook_url: str = Field("", description="Public HTTPS URL Telegram posts updates to (webhook mode)")
    telegram_webhook_secret: SecretStr = Field(SecretStr(""), description="secret_token Telegram must echo in webhook mode")
    telegram_base_url: str = Field("https://api.telegram.org/bot", description="Bot API base URL (tests point it at a fake server)")

    # --- personalisation
    recommend: bool = Field(True, description="Add one personalised recommendation where the policy allows")
    recommend_every_n_turns: int = Field(3, description="At most one recommendation every N bot turns")

    @property
    def db_path(self) -> Path:
        """The SQLite database file."""
        return self.home / "shopbot.db"

    @property
    def kb_root(self) -> Path:
        """The folder that holds the versioned knowledge-base indexes."""
        return self.home / "kb"

    @property
    def models_dir(self) -> Path:
        """The folder of trained artifacts and converted models."""
        return self.home / "models"

    def check_production(self) -> None:
        """Refuse to run in production with placeholder secrets."""
        if self.env != "production":
            return
        for name in ("secret_key", "admin_token"):
            value: SecretStr = getattr(self, name)
            if value.get_secret_value().strip().lower() in PLACEHOLDER_SECRETS:
                raise ConfigError(f"SHOPBOT_{name.upper()} must be set to a real secret when SHOPBOT_ENV=production")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Build the settings once per process."""
    return Settings()

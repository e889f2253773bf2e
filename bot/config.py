"""Typed settings, read once at the edge from SHOPBOT_* variables and an optional .env file."""

from __future__ import annotations

import json
import logging
import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.errors import ConfigError

PLACEHOLDER_SECRETS = {"", "change-me", "changeme", "secret", "dev"}
DEV_SECRETS_FILE = "dev-secrets.json"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
log = logging.getLogger(__name__)


def is_placeholder(value: SecretStr | str) -> bool:
    """True for the shipped placeholder secrets ('change-me' and friends)."""
    raw = value.get_secret_value() if isinstance(value, SecretStr) else value
    return raw.strip().lower() in PLACEHOLDER_SECRETS


class Settings(BaseSettings):
    """Every shopbot setting. `.env.example` mirrors this class (a test keeps them in sync)."""

    # SHOPBOT_ENV_FILE names another settings file; empty disables it (the test suite does, so a developer's .env
    # cannot leak into the tests)
    model_config = SettingsConfigDict(
        env_prefix="SHOPBOT_", env_file=os.environ.get("SHOPBOT_ENV_FILE", ".env") or None, extra="ignore"
    )

    # --- general
    env: Literal["dev", "production"] = Field(
        "dev", description="dev or production; production refuses placeholder secrets"
    )
    home: Path = Field(Path("var"), description="Folder for the database, KB versions, caches and trained artifacts")
    shop_timezone: str = Field(
        "America/New_York",
        description="The shop's time zone (IANA name): what 'today' is when a reply says a date is due or has passed",
    )
    knowledge_dir: Path = Field(
        Path("knowledge"), description="Folder of knowledge-base source files (md, txt, csv, json, jsonl)"
    )
    database_url: SecretStr = Field(
        SecretStr(""),
        description="Empty: SQLite at <home>/shopbot.db. Or sqlite:///PATH, or postgresql://USER:PASSWORD@HOST:PORT/DB",
    )
    redis_url: SecretStr = Field(
        SecretStr(""),
        description="Empty: coordination in process (one worker). redis://[:PASSWORD@]HOST:PORT/DB shares the live feed, each chat's turn order, Telegram's flood limits and knowledge-base reloads between workers",
    )
    seed_dir: Path = Field(
        Path("knowledge/_seed"),
        description="Demo customers, orders and interactions loaded into the database on first start",
    )
    log_level: str = Field(
        "",
        description="Logging level: DEBUG, INFO, WARNING, ERROR; empty means WARNING for commands (-v: INFO, -vv: DEBUG)",
    )

    # --- HTTP server
    host: str = Field("127.0.0.1", description="Address `shopbot serve` listens on")
    port: int = Field(8000, description="Port `shopbot serve` listens on")
    workers: int = Field(
        1,
        ge=1,
        le=64,
        description="Worker processes `shopbot serve` runs on its port; more than 1 needs SHOPBOT_REDIS_URL and a PostgreSQL SHOPBOT_DATABASE_URL",
    )
    kb_watch_s: float = Field(
        2.0,
        ge=0,
        description="Seconds between each worker's checks of the knowledge base's CURRENT pointer (0: off); with Redis a reload reaches every worker at once, this is the fallback",
    )
    secret_key: SecretStr = Field(
        SecretStr("change-me"),
        description="Signs session cookies; must be set in production (dev: a random one is kept in <home>/dev-secrets.json)",
    )
    admin_token: SecretStr = Field(
        SecretStr("change-me"),
        description="Bearer token for /admin/kb/* and customer_id in /api/chat (dev: a random one is kept in <home>/dev-secrets.json)",
    )

    # --- knowledge base and retrieval
    embedder: Literal["minilm", "hashing"] = Field(
        "minilm", description="minilm (packaged all-MiniLM-L6-v2) or hashing (tests only)"
    )
    embedder_precision: Literal["fp32", "int8"] = Field(
        "fp32",
        description="fp32 (sentence-transformers) or int8 (an ONNX export of the same MiniLM, made once at first start under <home>/models)",
    )
    embedder_threads: int = Field(
        0,
        ge=0,
        description="CPU threads of the int8 embedder (a query's run; a build's batches side by side); 0 means all cores (a build: up to 8)",
    )
    chunk_size: int = Field(800, description="Characters per knowledge-base chunk")
    chunk_overlap: int = Field(100, description="Characters of overlap between chunks")
    top_k: int = Field(5, description="Passages retrieved per question")
    keep_versions: int = Field(5, description="How many KB versions to keep on disk")
    kb_ann_min_rows: int = Field(
        20_000, ge=0, description="Dense index rows from which the KB uses an IVF index instead of a flat (exact) one"
    )

    # --- intents
    intent_model: str = Field(
        "", description="Folder of the intent classifier; empty means <home>/models/intent/current"
    )

    # --- generator
    llm_backend: Literal["local", "openai", "llamacpp", "echo", "scripted"] = Field(
        "local",
        description="local (SmolLM2 via transformers), openai (any OpenAI-compatible server), llamacpp (in-process llama.cpp; pip install shopbot[llamacpp]), echo or scripted (tests)",
    )
    llm_dtype: Literal["bfloat16", "float32"] = Field("bfloat16", description="Torch dtype of the local model")
    llm_max_new_tokens: int = Field(
        64, description="Most tokens the generator writes per reply (replies are one or two sentences)"
    )
    llm_threads: int = Field(0, description="Torch CPU threads for the local model; 0 means all cores")
    openai_base_url: str = Field(
        "http://127.0.0.1:8080/v1", description="Base URL of the OpenAI-compatible server (vLLM, Ollama, llama.cpp)"
    )
    openai_model: str = Field("local-model", description="Model name sent to the OpenAI-compatible server")
    openai_api_key: SecretStr = Field(SecretStr("not-needed"), description="API key for the OpenAI-compatible server")
    llm_timeout_s: float = Field(
        8.0, description="Seconds before a remote generator call is abandoned for the extractive reply"
    )
    llm_reword_timeout_s: float = Field(
        3.0,
        ge=0,
        description="Seconds the generator may spend wording an answer from the catalog, orders or policy sentences (the data's text shows at once; the wording replaces it only when faithful); 0 turns rewording off",
    )
    llm_reword_engine: Literal["auto", "local", "llamacpp"] = Field(
        "auto",
        description="What runs the model that words answers from the data: llamacpp (the reply adapter merged into a GGUF copy, built once; several times faster on a CPU), local (transformers), or auto (llamacpp when llama-cpp-python is installed)",
    )
    llm_reply_adapter: str = Field(
        "",
        description="LoRA adapter the local model words answers from the data with: empty = the shop's own (llm tune --task reply) or else the bundled one; none = the base model with worked examples; or a folder",
    )
    llm_max_concurrency: int = Field(
        1,
        ge=0,
        description="Generator requests the OpenAI-compatible server may run at once (the rest queue); 0 means no limit",
    )
    llamacpp_model: str = Field("", description="GGUF file for the llamacpp backend; empty means the packaged SmolLM2")
    llamacpp_threads: int = Field(0, ge=0, description="CPU threads for the llamacpp backend; 0 means all cores")

    # --- Telegram
    telegram_token: SecretStr = Field(
        SecretStr(""), description="Bot token from @BotFather; empty disables the Telegram channel"
    )
    telegram_admin_ids: str = Field(
        "", description="Comma-separated Telegram user ids allowed to run /reload and /status"
    )
    telegram_mode: Literal["polling", "webhook"] = Field("polling", description="polling (default) or webhook")
    telegram_webhook_url: str = Field("", description="Public HTTPS URL Telegram posts updates to (webhook mode)")
    telegram_webhook_secret: SecretStr = Field(
        SecretStr(""), description="secret_token Telegram must echo in webhook mode"
    )
    telegram_base_url: str = Field(
        "https://api.telegram.org/bot", description="Bot API base URL (tests point it at a fake server)"
    )

    # --- personalisation
    recommend: bool = Field(True, description="Add one personalised recommendation where the policy allows")
    recommend_every_n_turns: int = Field(3, description="At most one recommendation every N bot turns")
    recommend_background_min_products: int = Field(
        5000,
        ge=1,
        description="From this catalog size a first start with no trained recommender trains it in the background "
        "(replies carry no recommendation until then) instead of before the first reply",
    )

    # --- marketing campaigns
    campaign_frequency_days: int = Field(
        7,
        description="Frequency cap window: at most SHOPBOT_CAMPAIGN_FREQUENCY_MAX campaign messages per customer per this many days",
    )
    campaign_frequency_max: int = Field(
        1, description="Campaign messages a customer may get within the frequency window"
    )
    campaign_quiet_hours: str = Field(
        "21-9",
        description="Local hours (start-end) with no campaign messages, where the customer's time zone is known; off disables",
    )
    campaign_attribution_days: int = Field(
        7,
        description="A purchase within this many days of a click (or of a message offering the product) counts for the campaign",
    )
    campaign_block_days: int = Field(
        14, description="No campaign messages for this many days after a complaint or hand-off"
    )
    campaign_scheduler_interval_s: float = Field(
        15.0,
        gt=0,
        description="How often serve/telegram look for scheduled campaigns that are due (and resume unfinished ones)",
    )

    # --- the bot learns from staff (knowledge-base editing, FAQ drafts, corrections, attachments)
    attachment_max_bytes: int = Field(
        5_000_000,
        ge=1024,
        le=50_000_000,
        description="Largest image a shopper may send (web upload or Telegram photo), in bytes; larger ones are refused",
    )
    max_body_bytes: int = Field(
        1_000_000,
        ge=65_536,
        description="Largest HTTP request body, in bytes (uploads: SHOPBOT_ATTACHMENT_MAX_BYTES plus 64 KiB); larger ones get 413 before they are read",
    )
    kb_staff_faq_dir: str = Field(
        "faq/from-staff",
        description="Folder inside the knowledge folder where published FAQ drafts (staff answers) are written",
    )

    # --- staff inbox
    inbox_unanswered_minutes: float = Field(
        5.0,
        ge=0,
        description="A shopper message left without a bot or staff reply for this many minutes marks the conversation as needing a human",
    )
    inbox_online_minutes: float = Field(
        10.0,
        gt=0,
        description="A member of staff counts as online (for round-robin assignment) when signed in and active within this many minutes",
    )
    inbox_auto_resolve_hours: float = Field(
        24.0,
        ge=0,
        description="Resolve an open conversation idle this many hours after a bot or staff reply that needs no human (0: never)",
    )
    inbox_auto_assign: bool = Field(
        True, description="Assign a conversation that asks for a person round-robin among the staff who are online"
    )

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        if value and value.upper() not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)} (or empty)")
        return value.upper()

    @field_validator("shop_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            if value != "America/New_York":  # the default keeps a fixed Eastern offset on a host without tz data
                raise ValueError("must be an IANA time zone name, e.g. America/New_York or Europe/Berlin") from None
        return value

    @property
    def db_path(self) -> Path:
        """The SQLite database file."""
        return self.home / "shopbot.db"

    @property
    def database(self) -> str:
        """Where the store lives: SHOPBOT_DATABASE_URL, else the SQLite file under the home folder."""
        return self.database_url.get_secret_value().strip() or str(self.db_path)

    @property
    def kb_root(self) -> Path:
        """The folder that holds the versioned knowledge-base indexes."""
        return self.home / "kb"

    @property
    def attachments_dir(self) -> Path:
        """The folder of shopper attachments (one subfolder per customer, removed by an erasure)."""
        return self.home / "attachments"

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

    def fill_dev_secrets(self) -> list[str]:
        """In dev, replace placeholder secrets by random ones generated once and kept in <home>/dev-secrets.json (mode 0600).

        The shipped `change-me` would otherwise let anyone who reads the README act as any customer.
        Returns the names of the settings that were replaced.
        """
        if self.env != "dev":
            return []
        names = [n for n in ("secret_key", "admin_token") if is_placeholder(getattr(self, n))]
        if not names:
            return []
        path = self.home / DEV_SECRETS_FILE
        stored: dict[str, str] = {}
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        changed = False
        for name in names:
            if not isinstance(stored.get(name), str) or is_placeholder(stored[name]):
                stored[name] = secrets.token_urlsafe(32)
                changed = True
            setattr(self, name, SecretStr(stored[name]))
        if changed:
            self.home.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(stored, f, indent=1)
            os.replace(tmp, path)
        log.warning(
            "%s still the placeholder 'change-me': using random dev values kept in %s (the admin token is there). "
            "Set real secrets before exposing this server.",
            " and ".join(f"SHOPBOT_{n.upper()}" for n in names) + (" are" if len(names) > 1 else " is"),
            path,
        )
        return names


def describe_errors(exc: ValidationError) -> str:
    """One line per bad setting: the variable, what it was given, and what it accepts."""
    parts = []
    for err in exc.errors():
        name = "SHOPBOT_" + "_".join(str(x) for x in err.get("loc", ())).upper()
        given: Any = err.get("input")
        shown = f"={given!r}" if isinstance(given, (str, int, float)) and len(str(given)) <= 60 else ""
        message = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        parts.append(f"{name}{shown}: {message}")
    return "; ".join(parts)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Build the settings once per process; a bad value is a one-line ConfigError naming the variable."""
    try:
        return Settings()
    except ValidationError as exc:
        raise ConfigError(f"bad setting: {describe_errors(exc)}") from None

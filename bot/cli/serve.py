"""`shopbot serve`: the HTTP server (API, chat page, dashboard) and the channels that run with it."""

from __future__ import annotations

import faulthandler
import logging
import os
from typing import TYPE_CHECKING

import click

from bot.cli._groups import friendly_errors, main, setup_logging
from bot.errors import ConfigError

if TYPE_CHECKING:
    from fastapi import FastAPI

    from bot.config import Settings


@main.command("serve")
@click.option("--host", default=None, help="Address to listen on (default: SHOPBOT_HOST, 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default: SHOPBOT_PORT, 8000).")
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(1, 64),
    help="Worker processes sharing the port (default: SHOPBOT_WORKERS, 1). More than 1 needs SHOPBOT_REDIS_URL "
    "and a PostgreSQL SHOPBOT_DATABASE_URL (and Telegram in webhook mode).",
)
@friendly_errors
def serve(host: str | None, port: int | None, workers: int | None) -> None:
    """Run shopbot: builds the demo knowledge base on first start, loads the models, then serves on 127.0.0.1:8000."""
    import uvicorn

    from bot.app import build_services
    from bot.channels.web.app import create_app
    from bot.config import get_settings

    settings = get_settings()
    crash_traces()
    # the status page and the logs must show where we really listen, options included
    settings.host, settings.port = host or settings.host, port or settings.port
    count = workers or settings.workers
    level = logging.getLevelName(logging.getLogger().getEffectiveLevel()).lower()
    log_level = level if level in ("debug", "info", "warning", "error") else "warning"
    if count > 1:
        check_workers(settings, count)
        # each worker process builds its own services from the environment: hand it the options given here
        os.environ.update(SHOPBOT_HOST=settings.host, SHOPBOT_PORT=str(settings.port), SHOPBOT_LOG_LEVEL=log_level)
        click.echo(
            f"shopbot: starting {count} workers on http://{settings.host}:{settings.port} (each loads the models; "
            "/healthz says 'starting' until that worker is ready)",
            err=True,
        )
        uvicorn.run(
            "bot.cli.serve:worker_app",
            factory=True,
            workers=count,
            host=settings.host,
            port=settings.port,
            log_level=log_level,
            access_log=False,
            timeout_graceful_shutdown=3,
            timeout_worker_healthcheck=30,  # a worker loading models on a busy machine may answer the ping late
        )  # uvicorn's supervisor starts a new worker when one dies
        return
    services = build_services(settings)
    app = create_app(services)
    click.echo(
        f"shopbot: starting on http://{settings.host}:{settings.port} (loading models; /healthz says 'starting' until ready)",
        err=True,
    )
    try:
        uvicorn.run(
            app,
            host=settings.host,
            port=settings.port,
            log_level=log_level,
            access_log=False,
            timeout_graceful_shutdown=3,
        )  # open SSE streams must not hold shutdown
    finally:
        services.close()


def check_workers(settings: Settings, count: int) -> None:
    """Several workers share state only through Redis and PostgreSQL: refuse, in one line, what would split it."""
    if not settings.redis_url.get_secret_value().strip():
        raise ConfigError(
            f"--workers {count} needs SHOPBOT_REDIS_URL: the live feed, each chat's turn order, the rate limits and "
            "knowledge-base reloads are shared through Redis (without it each worker keeps its own)"
        )
    if not settings.database.startswith(("postgresql://", "postgres://")):
        raise ConfigError(
            f"--workers {count} needs a PostgreSQL SHOPBOT_DATABASE_URL: SQLite takes one writer at a time, so "
            "workers would queue on its lock (run one worker on SQLite)"
        )
    if settings.telegram_token.get_secret_value() and settings.telegram_mode != "webhook":
        raise ConfigError(
            f"--workers {count} with Telegram needs SHOPBOT_TELEGRAM_MODE=webhook: Telegram hands updates to one "
            "poller only, while a webhook behind the port reaches every worker"
        )


def worker_app() -> FastAPI:
    """One worker of `shopbot serve --workers N` (uvicorn calls this in each worker process)."""
    from bot.app import build_services
    from bot.channels.web.app import create_app
    from bot.config import get_settings

    settings = get_settings()
    setup_logging(settings.log_level or "WARNING")
    crash_traces()
    return create_app(build_services(settings), close_services=True)


def crash_traces() -> None:
    """Print every thread's Python stack to stderr if native code kills the process (SIGSEGV, SIGABRT, SIGBUS, SIGFPE,
    SIGILL). llama.cpp runs inside the server (the rewording engine, the llamacpp backend), so a crash in it ends the
    process without a Python exception; the trace names the call that was running (`bot/llm/llamacpp.py`)."""
    if not faulthandler.is_enabled():
        faulthandler.enable(all_threads=True)

"""`shopbot serve`: the HTTP server (API, chat page, dashboard) and the channels that run with it."""

from __future__ import annotations

import logging

import click

from bot.cli._groups import friendly_errors, main


@main.command("serve")
@click.option("--host", default=None, help="Address to listen on (default: SHOPBOT_HOST, 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default: SHOPBOT_PORT, 8000).")
@friendly_errors
def serve(host: str | None, port: int | None) -> None:
    """Run shopbot: builds the demo knowledge base on first start, loads the models, then serves on 127.0.0.1:8000."""
    import uvicorn

    from bot.app import build_services
    from bot.channels.web.app import create_app
    from bot.config import get_settings

    settings = get_settings()
    # the status page and the logs must show where we really listen, options included
    settings.host, settings.port = host or settings.host, port or settings.port
    services = build_services(settings)
    app = create_app(services)
    click.echo(
        f"shopbot: starting on http://{settings.host}:{settings.port} (loading models; /healthz says 'starting' until ready)",
        err=True,
    )
    level = logging.getLevelName(logging.getLogger().getEffectiveLevel()).lower()
    try:
        uvicorn.run(
            app,
            host=settings.host,
            port=settings.port,
            log_level=level if level in ("debug", "info", "warning", "error") else "warning",
            access_log=False,
            timeout_graceful_shutdown=3,
        )  # open SSE streams must not hold shutdown
    finally:
        services.close()

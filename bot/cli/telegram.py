"""`shopbot telegram`: run the Telegram channel on its own."""

from __future__ import annotations

import asyncio

import click

from bot.cli._groups import friendly_errors, main


@main.command("telegram")
@click.option(
    "--webhook",
    "mode",
    flag_value="webhook",
    help="Receive updates by webhook (needs SHOPBOT_TELEGRAM_WEBHOOK_URL and _SECRET).",
)
@click.option("--polling", "mode", flag_value="polling", help="Receive updates by long polling (the default).")
@friendly_errors
def telegram(mode: str | None) -> None:
    """Run the Telegram bot alone (SHOPBOT_TELEGRAM_TOKEN from @BotFather); `shopbot serve` also runs it when the token is set."""
    from bot.app import build_services
    from bot.channels.telegram.runner import run_forever
    from bot.config import get_settings

    services = build_services(get_settings())
    asyncio.run(run_forever(services, mode=mode))

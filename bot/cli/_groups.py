"""The root command group and the shared subgroups."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import click

from bot import __version__
from bot.errors import ShopbotError

F = TypeVar("F", bound=Callable[..., Any])


def setup_logging(level: str = "WARNING") -> None:
    """Plain, timestamped logs; noisy libraries quieted."""
    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in (
        "httpx",
        "httpcore",
        "transformers",
        "sentence_transformers",
        "urllib3",
        "faiss",
        "bm25s",
        "telegram.ext",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def friendly_errors(func: F) -> F:
    """Turn shopbot's own errors into a one-line message and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ShopbotError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="shopbot")
@click.option(
    "--log-level",
    default=None,
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
    help="Logging level (default: SHOPBOT_LOG_LEVEL, else WARNING; -v INFO, -vv DEBUG).",
)
@click.option("-v", "--verbose", count=True, help="More logging: -v INFO, -vv DEBUG.")
def main(log_level: str | None, verbose: int) -> None:
    """shopbot: a self-hosted customer-service assistant for online shops."""
    from bot.config import get_settings
    from bot.embed import configure
    from bot.errors import ConfigError

    try:
        settings = get_settings()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    configured = settings.log_level
    configure(precision=settings.embedder_precision, models_dir=settings.models_dir, threads=settings.embedder_threads)
    chosen = log_level or ({0: "", 1: "INFO"}.get(verbose, "DEBUG")) or configured or "WARNING"
    setup_logging(chosen)


@main.group("eval")
def eval_group() -> None:
    """Measure retrieval, intents, replies and recommendations on any data."""

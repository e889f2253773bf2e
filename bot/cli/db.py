"""`shopbot db ...`: migrate the database, and copy a shop's data from one database to another."""

from __future__ import annotations

import time

import click

from bot.cli._groups import friendly_errors, main


@main.group("db")
def db_group() -> None:
    """The shop's database: SQLite under the home folder, or PostgreSQL (SHOPBOT_DATABASE_URL)."""


@db_group.command("migrate")
@click.option(
    "--database",
    "url",
    default=None,
    metavar="URL",
    help="sqlite:///PATH or postgresql://USER:PASSWORD@HOST:PORT/DB (default: SHOPBOT_DATABASE_URL, else <home>/shopbot.db).",
)
@friendly_errors
def db_migrate(url: str | None) -> None:
    """Bring the database's schema up to date (the same migrations on SQLite and PostgreSQL); safe to repeat."""
    from bot.config import get_settings
    from bot.store import Store
    from bot.store.store import redact_url

    target = url or get_settings().database
    store = Store(target, home=get_settings().home)
    try:
        applied = store.applied_now
    finally:
        store.close()
    where = redact_url(target)
    if applied:
        click.echo(f"{where}: applied {len(applied)} migration(s): {', '.join(applied)}")
    else:
        click.echo(f"{where}: already up to date")


@db_group.command("copy")
@click.option(
    "--from",
    "source_url",
    required=True,
    metavar="URL",
    help="The database to read: sqlite:///PATH or postgresql://...",
)
@click.option(
    "--to",
    "target_url",
    required=True,
    metavar="URL",
    help="The database to write (migrated first): postgresql://... or sqlite:///PATH",
)
@click.option("--batch", default=1000, show_default=True, type=click.IntRange(1, 100_000), help="Rows per transaction.")
@friendly_errors
def db_copy(source_url: str, target_url: str, batch: int) -> None:
    """Copy every row from one database into another, e.g. from SQLite to PostgreSQL when a shop outgrows one process.

    Rows are upserted by primary key, so a second run copies nothing twice (and brings over what changed).
    Stop the workers that write to the source first, or run it again after they stopped.
    """
    from pathlib import Path

    from bot.config import get_settings
    from bot.errors import StoreError
    from bot.store import Store
    from bot.store.copy import copy_database
    from bot.store.store import parse_database_url, redact_url

    dialect, where = parse_database_url(source_url)
    if dialect == "sqlite" and not Path(where).is_file():
        raise StoreError(f"no SQLite database at {where}")
    started = time.monotonic()
    home = get_settings().home  # the erasure key (and PostgreSQL's delivery journal) live there
    source = Store(source_url, home=home)
    try:
        target = Store(target_url, home=home)
    except BaseException:
        source.close()
        raise
    last = [0.0]

    def progress(table: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - last[0] > 1.0:
            last[0] = now
            click.echo(f"  {table}: {done}/{total} rows", err=True)

    try:
        click.echo(f"copying {redact_url(source_url)} -> {redact_url(target_url)}", err=True)
        counts = copy_database(source, target, batch=batch, progress=progress)
    finally:
        source.close()
        target.close()
    total = sum(counts.values())
    click.echo(f"copied {total} rows in {len(counts)} tables in {time.monotonic() - started:.1f}s")
    for table, n in counts.items():
        if n:
            click.echo(f"  {table}\t{n}")

"""`shopbot catalog import`: bring a shop platform's product export into the knowledge base."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import click

from bot.cli._groups import friendly_errors, main
from bot.errors import DataFileError


@main.group("catalog")
def catalog_group() -> None:
    """Import product catalogs from shop platforms."""


def guess_format(path: Path) -> str:
    """jsonl by extension; for CSV, Shopify (Handle column), WooCommerce (Type + Regular price) or shopbot's own."""
    if path.suffix.lower() in (".jsonl", ".json"):
        return "jsonl"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh), [])
    columns = {c.strip() for c in header}
    if "Handle" in columns:
        return "shopify"
    if {"Type", "Regular price"} <= columns:
        return "woocommerce"
    return "csv"


@catalog_group.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "shopify", "woocommerce", "jsonl", "csv"]),
    default="auto",
    show_default=True,
    help="Export format; auto reads the file's extension and header.",
)
@click.option(
    "--into",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Catalog file to upsert into (default: <knowledge folder>/catalog/products.jsonl).",
)
@click.option(
    "--currency", default="USD", show_default=True, help="Currency of the prices (platform exports do not say)."
)
@click.option("--no-reload", is_flag=True, help="Only write the catalog file; do not rebuild the knowledge base.")
@click.option(
    "--strict", is_flag=True, help="Exit with status 1 if any row was refused (the good rows are still imported)."
)
@friendly_errors
def catalog_import(file: Path, fmt: str, into: Path | None, currency: str, no_reload: bool, strict: bool) -> None:
    """Upsert the products in FILE into the catalog by SKU, then reload the knowledge base.

    Only products whose text changed are embedded again. Every refused row is printed as file:line: reason.
    """
    from bot.config import get_settings
    from bot.kb.importers import read_catalog, upsert_products

    settings = get_settings()
    if fmt == "auto":
        fmt = guess_format(file)
    result = read_catalog(file, fmt, currency=currency)
    for err in result.errors:
        click.echo(f"refused {err}", err=True)
    for item in result.skipped:
        click.echo(f"skipped {item}", err=True)
    if not result.products:
        raise DataFileError(str(file), f"no product could be imported ({len(result.errors)} rows refused)")
    target = into or settings.knowledge_dir / "catalog" / "products.jsonl"
    up = upsert_products(target, result.products)
    click.echo(
        f"{fmt}: {len(result.products)} products read, {len(up.added)} added, {len(up.updated)} updated, {up.unchanged} unchanged, "
        f"{len(result.skipped)} skipped, {len(result.errors)} rows refused -> {up.path}"
    )
    if not no_reload and (up.added or up.updated):
        from bot.app import build_services

        build = build_services(settings).kb.reload(progress=sys.stderr.isatty())
        click.echo(
            f"knowledge base now current: {build.version} ({build.chunks} chunks, {build.embedded} embedded, {build.seconds:.1f}s)"
        )
    if strict and result.errors:
        sys.exit(1)

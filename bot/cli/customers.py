"""`shopbot customers ...`: look at and erase customer profiles."""

from __future__ import annotations

import json

import click

from bot.cli._groups import friendly_errors, main


@main.group("customers")
def customers_group() -> None:
    """Look at customer profiles; erase a customer."""


def _services():
    from bot.app import build_services
    from bot.config import get_settings

    services = build_services(get_settings())
    services.kb.open(build_if_missing=True)
    return services


@customers_group.command("show")
@click.argument("customer_id")
@friendly_errors
def show(customer_id: str) -> None:
    """Print a customer's profile: attributes, consent, history, stated preferences and segment tags with reasons."""
    from bot.personalisation import describe_customer

    services = _services()
    profile = describe_customer(services.store, customer_id, personaliser=services.personaliser)
    if profile is None:
        raise click.ClickException(f"no customer {customer_id!r}")
    click.echo(json.dumps(profile, indent=2, ensure_ascii=False))


@customers_group.command("erase")
@click.argument("customer_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@friendly_errors
def erase(customer_id: str, yes: bool) -> None:
    """Erase a customer: profile, conversations, messages, orders, interactions and recommender factors."""
    services = _services()
    store = services.store
    exists = store.get_customer(customer_id) is not None
    if not exists and not store.was_erased(customer_id):
        raise click.ClickException(f"no customer {customer_id!r}")
    state = "erased" if exists else ("resumed" if store.erasure_pending(customer_id) else "already erased")
    if exists and not yes:
        click.confirm(f"Erase everything stored about {customer_id}?", abort=True)
    counts = services.erase_customer(customer_id)  # idempotent: a resumed or repeated erasure finishes every step
    click.echo(json.dumps({"erased": customer_id, "state": state, "rows": counts}))

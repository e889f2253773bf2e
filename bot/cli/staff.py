"""`shopbot staff ...`: dashboard accounts (agents read and reply; admins also reload, manage staff and erase)."""

from __future__ import annotations

import sys

import click

from bot.cli._groups import friendly_errors, main


def _staff_store():
    from bot.config import get_settings
    from bot.store import StaffStore, Store

    settings = get_settings()
    return StaffStore(Store(settings.database, home=settings.home))


@main.group("staff")
def staff_group() -> None:
    """Manage staff accounts for the web dashboard."""


@staff_group.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["agent", "admin"]),
    default="agent",
    show_default=True,
    help="agent: read and reply; admin: everything.",
)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of prompting.")
@friendly_errors
def staff_add(name: str, role: str, password_stdin: bool) -> None:
    """Create a staff account, or reset the password and role of an existing one."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    _staff_store().add(name, password, role=role)
    click.echo(f"saved {name} ({role})")


@staff_group.command("list")
@friendly_errors
def staff_list() -> None:
    """List staff accounts."""
    for user in _staff_store().users():
        click.echo(f"{user['name']}\t{user['role']}\t{user['created_at']}")


@staff_group.command("remove")
@click.argument("name")
@friendly_errors
def staff_remove(name: str) -> None:
    """Remove a staff account and end its sessions."""
    if not _staff_store().remove(name):
        raise click.ClickException(f"no staff account {name!r}")
    click.echo(f"removed {name}")

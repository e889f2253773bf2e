"""The `shopbot` command line: a thin shell over the library.

Each area keeps its commands in its own module; importing the module registers them.
"""

from __future__ import annotations

from bot.cli import campaigns as _campaigns  # noqa: F401
from bot.cli import catalog as _catalog  # noqa: F401
from bot.cli import chat as _chat  # noqa: F401
from bot.cli import customers as _customers  # noqa: F401
from bot.cli import db as _db  # noqa: F401
from bot.cli import intents as _intents  # noqa: F401

# Registration imports: each module adds its commands to `main` or its subgroups.
from bot.cli import kb as _kb  # noqa: F401
from bot.cli import llm as _llm  # noqa: F401
from bot.cli import recommend as _recommend  # noqa: F401
from bot.cli import serve as _serve  # noqa: F401
from bot.cli import staff as _staff  # noqa: F401
from bot.cli import telegram as _telegram  # noqa: F401
from bot.cli._groups import main

__all__ = ["main"]

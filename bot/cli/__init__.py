"""The `shopbot` command line: a thin shell over the library.

Each area keeps its commands in its own module; importing the module registers them.
"""

from __future__ import annotations

from bot.cli._groups import main

# Registration imports: each module adds its commands to `main` or its subgroups.
from bot.cli import kb as _kb  # noqa: E402,F401
from bot.cli import serve as _serve  # noqa: E402,F401
from bot.cli import chat as _chat  # noqa: E402,F401
from bot.cli import customers as _customers  # noqa: E402,F401
from bot.cli import intents as _intents  # noqa: E402,F401
from bot.cli import recommend as _recommend  # noqa: E402,F401
from bot.cli import telegram as _telegram  # noqa: E402,F401
from bot.cli import staff as _staff  # noqa: E402,F401
from bot.cli import catalog as _catalog  # noqa: E402,F401
from bot.cli import campaigns as _campaigns  # noqa: E402,F401
from bot.cli import llm as _llm  # noqa: E402,F401

__all__ = ["main"]

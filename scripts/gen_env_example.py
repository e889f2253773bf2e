#!/usr/bin/env python3
"""Regenerate .env.example from the Settings class (every setting, its default and a one-line comment)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def render() -> str:
    """The .env.example text for the current Settings."""
    from pydantic import SecretStr

    from bot.config import Settings

    lines = ["# shopbot settings. Copy to .env and edit; every variable is optional in dev mode.", ""]
    for name, field in Settings.model_fields.items():
        default = field.default
        if isinstance(default, SecretStr):
            default = default.get_secret_value()
        if isinstance(default, bool):
            default = str(default).lower()
        lines.append(f"# {field.description}")
        lines.append(f"SHOPBOT_{name.upper()}={default}")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    if "--check" in sys.argv:
        current = (ROOT / ".env.example").read_text(encoding="utf-8")
        sys.exit(0 if current == render() else "'.env.example' is out of date: run scripts/gen_env_example.py")
    (ROOT / ".env.example").write_text(render(), encoding="utf-8")

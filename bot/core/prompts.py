"""Prompt files: they live in bot/prompts/*.txt, not inside Python strings."""

from __future__ import annotations

from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"


def read_prompt(path: Path) -> str:
    """The stripped text of a prompt file; a clear error names a missing one."""
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise FileNotFoundError(f"prompt file missing: {path}") from exc

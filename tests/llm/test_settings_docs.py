"""The generator settings' defaults are stated the same way in the code, docs/generation.md and the scripts' --help."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from bot.config import Settings
from bot.llm.local import LocalChatModel

ROOT = Path(__file__).resolve().parents[2]


def test_generation_doc_states_the_settings_defaults() -> None:
    rows = re.findall(
        r"^\| `SHOPBOT_([A-Z0-9_]+)` \| `([^`]*)`", (ROOT / "docs/generation.md").read_text(), re.MULTILINE
    )
    assert rows, "docs/generation.md has no settings table"
    defaults = Settings.model_fields
    for name, stated in rows:
        default = defaults[name.lower()].default
        value = default.get_secret_value() if hasattr(default, "get_secret_value") else default
        assert (name, stated) == (name, str(value)), f"docs/generation.md says SHOPBOT_{name} defaults to {stated}"


def test_bench_llm_help_states_the_max_new_tokens_default() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts/bench_llm.py"), "--help"], capture_output=True, text=True, check=True
    ).stdout
    stated = re.search(r"SHOPBOT_LLM_MAX_NEW_TOKENS \((\d+)\)", " ".join(out.split()))
    assert stated is not None
    assert int(stated.group(1)) == Settings.model_fields["llm_max_new_tokens"].default


def test_local_model_default_matches_the_setting() -> None:
    assert LocalChatModel.model_fields["max_new_tokens"].default == Settings.model_fields["llm_max_new_tokens"].default

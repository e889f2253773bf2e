"""`shopbot staff add/list/remove` against a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.store import StaffStore
from bot.cli import main
from bot.config import get_settings
from bot.store import Store


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SHOPBOT_HOME", str(tmp_path))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_add_list_remove(home: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(main, ["staff", "add", "dana", "--role", "admin", "--password-stdin"], input="dana-password\n")
    assert r.exit_code == 0, r.output
    user = StaffStore(Store(home / "shopbot.db")).verify("dana", "dana-password")
    assert user is not None and user.role == "admin"
    assert "dana\tadmin" in runner.invoke(main, ["staff", "list"]).output
    prompted = runner.invoke(main, ["staff", "add", "eve"], input="eve-password\neve-password\n")
    assert prompted.exit_code == 0 and "saved eve (agent)" in prompted.output
    short = runner.invoke(main, ["staff", "add", "fay", "--password-stdin"], input="short\n")
    assert short.exit_code == 1 and "at least 8 characters" in short.output
    assert runner.invoke(main, ["staff", "remove", "dana"]).exit_code == 0
    assert runner.invoke(main, ["staff", "remove", "dana"]).exit_code == 1

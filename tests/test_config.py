"""Settings: .env.example mirrors every setting; production refuses placeholder secrets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.config import Settings
from bot.errors import ConfigError

REPO = Path(__file__).resolve().parent.parent


def test_env_example_lists_every_setting_with_a_comment() -> None:
    text = (REPO / ".env.example").read_text(encoding="utf-8")
    names = re.findall(r"^SHOPBOT_([A-Z0-9_]+)=", text, flags=re.MULTILINE)
    assert sorted(n.lower() for n in names) == sorted(Settings.model_fields)
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("SHOPBOT_"):
            assert lines[i - 1].startswith("# ") and len(lines[i - 1]) > 5, line


def test_settings_read_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SHOPBOT_PORT", "9123")
    monkeypatch.setenv("SHOPBOT_HOME", str(tmp_path))
    s = Settings()
    assert s.port == 9123
    assert s.db_path == tmp_path / "shopbot.db"


def test_production_refuses_placeholder_secrets() -> None:
    with pytest.raises(ConfigError, match="SHOPBOT_SECRET_KEY"):
        Settings(env="production").check_production()
    ok = Settings(env="production", secret_key=SecretStr("x" * 32), admin_token=SecretStr("y" * 32))
    ok.check_production()
    Settings(env="dev").check_production()


def test_the_developers_environment_does_not_leak_into_tests() -> None:
    import os

    harness = {"SHOPBOT_ENV_FILE", "SHOPBOT_DOC_SCREENSHOTS", "SHOPBOT_CI"}  # test-harness switches, not settings
    leaked = sorted(n for n in os.environ if n.startswith("SHOPBOT_") and n not in harness)
    assert leaked == []
    assert not harness & {f"SHOPBOT_{name.upper()}" for name in Settings.model_fields} - {"SHOPBOT_ENV_FILE"}
    assert Settings.model_config["env_file"] is None


def test_settings_read_a_named_env_file(tmp_path: Path) -> None:
    env_file = tmp_path / "shop.env"
    env_file.write_text("SHOPBOT_PORT=8123\n", encoding="utf-8")
    assert Settings(_env_file=env_file).port == 8123


def test_the_shops_time_zone_decides_its_day_and_a_wrong_name_is_refused() -> None:
    import datetime as dt

    from pydantic import ValidationError

    from bot.core import shop_day

    with pytest.raises(ValidationError, match="IANA time zone"):
        Settings(_env_file=None, shop_timezone="Mars/Olympus")
    assert Settings(_env_file=None).shop_timezone == "America/New_York"
    evening_in_new_york = dt.datetime(2026, 12, 2, 1, 15, tzinfo=dt.UTC)  # 20:15 on 1 December in New York
    try:
        shop_day.set_zone("Europe/Berlin")
        assert shop_day.shop_today(evening_in_new_york) == dt.date(2026, 12, 2)
        shop_day.set_zone("America/New_York")
        assert shop_day.shop_today(evening_in_new_york) == dt.date(2026, 12, 1)
    finally:
        shop_day.set_zone("America/New_York")

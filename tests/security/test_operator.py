"""Operator experience found while probing (issue 10): one-line setting errors, quiet CLI, start-up state, status page, YAML front matter."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import httpx
from pydantic import SecretStr

from bot.app import Services
from bot.channels.web.admin_pages import masked_settings
from bot.channels.web.app import create_app
from bot.config import Settings
from bot.kb.sources import parse_front_matter
from tests.support.intents import small_services
from tests.support.live_server import live_server

SHOPBOT = [sys.executable, "-m", "bot"]


def _cli(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SHOPBOT, *args],
        env={**os.environ, **env},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_bad_setting_is_one_line_naming_the_variable(tmp_path: Path) -> None:
    for name, value, expected in (
        ("SHOPBOT_PORT", "abc", "integer"),
        ("SHOPBOT_LLM_BACKEND", "gpt", "'local', 'openai'"),
        ("SHOPBOT_LOG_LEVEL", "loud", "DEBUG, INFO, WARNING, ERROR"),
    ):
        r = _cli(["staff", "list"], {name: value, "SHOPBOT_HOME": str(tmp_path)})
        assert r.returncode == 1
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and name in lines[0] and expected in lines[0], r.stderr
        assert "Traceback" not in r.stderr and "pydantic" not in r.stderr


def test_commands_log_warnings_only_unless_verbose(tmp_path: Path) -> None:
    env = {"SHOPBOT_HOME": str(tmp_path)}
    quiet = _cli(["staff", "add", "zed", "--role", "agent", "--password-stdin"], env, stdin="a-long-password\n")
    assert quiet.returncode == 0 and " INFO " not in quiet.stderr
    loud = _cli(["-v", "staff", "add", "zed", "--role", "agent", "--password-stdin"], env, stdin="a-long-password\n")
    assert loud.returncode == 0 and " INFO " in loud.stderr


def test_yaml_front_matter_lists_are_read() -> None:
    meta, body = parse_front_matter(
        "---\ntitle: Returns\ntags:\n  - returns\n  - refunds\nupdated: 2026-11-01\n---\n# Returns\nText.\n", "r.md"
    )
    assert meta == {"title": "Returns", "tags": ["returns", "refunds"], "updated": "2026-11-01"} and body.startswith(
        "# Returns"
    )


def test_the_status_page_never_calls_a_placeholder_set(tmp_path: Path) -> None:
    placeholder = Services(
        settings=Settings(home=tmp_path, secret_key=SecretStr("change-me"), admin_token=SecretStr("change-me"))
    )
    rows = dict(masked_settings(placeholder))
    assert rows["secret_key"].startswith("placeholder 'change-me'") and "(set)" not in rows["admin_token"]
    placeholder.settings.fill_dev_secrets()
    rows = dict(masked_settings(placeholder))
    assert (
        "generated for dev" in rows["admin_token"]
        and placeholder.settings.admin_token.get_secret_value() not in rows["admin_token"]
    )
    real = Services(
        settings=Settings(
            home=tmp_path / "x", secret_key=SecretStr("s" * 32), admin_token=SecretStr("t" * 32), port=8012
        )
    )
    rows = dict(masked_settings(real))
    assert rows["admin_token"] == "•••••• (set)" and rows["port"] == "8012"


class _SlowStart(Services):
    """Services whose start-up waits for the test: the window in which /healthz must say "starting"."""

    release: threading.Event

    def warm_up(self) -> None:
        self.release.wait(30)
        super().warm_up()


def test_healthz_says_starting_until_the_models_are_loaded(knowledge_dir: Path, tmp_path: Path) -> None:
    settings = Settings(
        home=tmp_path / "var",
        knowledge_dir=knowledge_dir,
        seed_dir=tmp_path / "none",
        embedder="hashing",
        llm_backend="scripted",
        recommend=False,
    )
    svc = small_services(settings)
    slow = _SlowStart(settings=settings)
    slow.__dict__["intents"] = svc.intents
    slow.release = threading.Event()
    with live_server(create_app(slow), wait_ready=False) as url:
        starting = httpx.get(f"{url}/healthz")
        assert starting.status_code == 503 and starting.json()["status"] == "starting"
        result: dict[str, httpx.Response] = {}
        asker = threading.Thread(
            target=lambda: result.setdefault(
                "r", httpx.post(f"{url}/api/chat", json={"text": "Do you ship to Canada?"}, timeout=60)
            )
        )
        asker.start()  # a shopper who arrives during start-up waits instead of failing
        slow.release.set()
        asker.join(60)
        assert result["r"].status_code == 200 and result["r"].json()["text"]
        assert httpx.get(f"{url}/healthz").json()["status"] == "ok"

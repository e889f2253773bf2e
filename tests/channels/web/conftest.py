"""Real services on tiny data (hashing embedder, small intent classifier, scripted generator) and signed-in staff clients."""

from __future__ import annotations

import re
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from bot.app import Services
from bot.channels.web.app import create_app
from bot.config import Settings
from bot.store import StaffStore, Store
from tests.channels.web.browser import launch
from tests.support.intents import small_services
from tests.support.live_server import live_server

PASSWORDS = {"alice": "alice-admin-pw", "bob": "bob-agent-pw"}


@pytest.fixture
def web_settings(knowledge_dir: Path, tmp_path: Path) -> Settings:
    """Settings for a fast, fully local app."""
    return Settings(
        home=tmp_path / "var",
        knowledge_dir=knowledge_dir,
        seed_dir=tmp_path / "no-seed",
        embedder="hashing",
        llm_backend="scripted",
        secret_key=SecretStr("test-secret-key-0123456789"),
        admin_token=SecretStr("test-admin-token"),
        recommend=False,
    )


@pytest.fixture(scope="session")
def staff_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding alice (admin) and bob (agent); hashing passwords is slow on purpose, so do it once."""
    path = tmp_path_factory.mktemp("staffdb") / "shopbot.db"
    store = Store(path)
    staff = StaffStore(store)
    staff.add("alice", PASSWORDS["alice"], role="admin")
    staff.add("bob", PASSWORDS["bob"], role="agent")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def services(web_settings: Settings, staff_db: Path) -> Services:
    """Services over a copy of the staff database, the KB opened."""
    web_settings.home.mkdir(parents=True, exist_ok=True)
    shutil.copy(staff_db, web_settings.db_path)
    svc = small_services(web_settings)
    svc.kb.open()
    return svc


@pytest.fixture
def app(services: Services) -> FastAPI:
    """The whole web app."""
    return create_app(services)


@pytest.fixture
async def anon(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An anonymous client over ASGI (no lifespan: the services fixture already opened everything)."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        yield client


async def login(client: httpx.AsyncClient, name: str, password: str | None = None) -> str:
    """Log in through the form; returns the session's CSRF token."""
    page = await client.get("/staff/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token is not None
    r = await client.post(
        "/staff/login", data={"name": name, "password": password or PASSWORDS[name], "csrf": token.group(1)}
    )
    assert r.status_code == 303, r.text
    home = await client.get("/staff")
    csrf = re.search(r'data-csrf="([^"]+)"', home.text)
    assert csrf is not None and csrf.group(1)
    return csrf.group(1)


@pytest.fixture
async def admin(app: FastAPI) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    """alice, signed in: (client, csrf)."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        yield client, await login(client, "alice")


@pytest.fixture
async def agent(app: FastAPI) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    """bob, signed in: (client, csrf)."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        yield client, await login(client, "bob")


@pytest.fixture
def server(app: FastAPI) -> Iterator[str]:
    """The app under a real uvicorn server."""
    with live_server(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per browser-test module (it must not overlap pytest-asyncio's loop in the async modules)."""
    with launch() as b:
        yield b

"""The staff login backoff across workers: attempts are recorded and counted in the shared database, in one
write transaction serialised across workers (PostgreSQL's advisory write lock), so wrong passwords on worker A
count on worker B, and a burst split over both gets no more password checks than the policy allows one worker."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import httpx
from fastapi import FastAPI
from pydantic import SecretStr

from bot.app import Services, build_services
from bot.channels.web.app import create_app
from bot.config import Settings
from bot.store import LoginPolicy, StaffStore


def _worker(pg_url: str, redis_url: str, knowledge_dir: Path, home: Path) -> Services:
    return build_services(
        Settings(
            home=home,
            knowledge_dir=knowledge_dir,
            seed_dir=home / "no-seed",
            embedder="hashing",
            llm_backend="scripted",
            secret_key=SecretStr("test-secret-key-0123456789"),
            admin_token=SecretStr("test-admin-token"),
            database_url=SecretStr(pg_url),
            redis_url=SecretStr(redis_url),
            recommend=False,
        )
    )


def _client(app: FastAPI, ip: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(ip, 40000)), base_url="http://test")


async def _try(client: httpx.AsyncClient, name: str, password: str) -> int:
    page = await client.get("/staff/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = await client.post("/staff/login", data={"name": name, "password": password, "csrf": token})
    return r.status_code


async def test_wrong_passwords_on_one_worker_back_off_the_account_on_another(
    pg_url: str, redis_url: str, knowledge_dir: Path, tmp_path: Path
) -> None:
    a, b = (_worker(pg_url, redis_url, knowledge_dir, tmp_path / n) for n in ("a", "b"))
    StaffStore(a.store).add("carol", "carol-right-pw")
    app_a, app_b = create_app(a), create_app(b)
    policy = LoginPolicy(base_s=60)  # far longer than the test: no wait runs out while it runs
    app_a.state.login_policy = app_b.state.login_policy = policy
    async with _client(app_a, "10.1.1.1") as on_a, _client(app_b, "10.2.2.2") as on_b:
        codes = [await _try(on_a, "carol", f"wrong-{i}") for i in range(policy.account_free)]
        assert codes == [401] * policy.account_free
        # another worker, another address: the account's failures were counted on A, so B backs off too
        assert await _try(on_b, "carol", "carol-right-pw") == 429
    assert StaffStore(b.store).password_checks("carol") == policy.account_free
    a.close()
    b.close()


async def test_a_burst_over_two_workers_gets_the_checks_of_one(
    pg_url: str, redis_url: str, knowledge_dir: Path, tmp_path: Path
) -> None:
    a, b = (_worker(pg_url, redis_url, knowledge_dir, tmp_path / n) for n in ("a", "b"))
    StaffStore(a.store).add("dave", "dave-right-pw")
    apps = [create_app(a), create_app(b)]
    policy = LoginPolicy(base_s=60)
    for app in apps:
        app.state.login_policy = policy
    async with _client(apps[0], "10.3.3.3") as on_a, _client(apps[1], "10.3.3.3") as on_b:
        codes = await asyncio.gather(*[_try((on_a, on_b)[i % 2], "dave", f"guess-{i}") for i in range(30)])
    checks = StaffStore(a.store).password_checks("dave")
    assert codes.count(401) == checks == policy.account_free  # per worker it would be up to 2 x 5
    assert codes.count(429) == 30 - policy.account_free
    a.close()
    b.close()

"""Issue 10 item 7: login limiting records before it checks, counts per account and per address, and backs off instead of walling."""

from __future__ import annotations

import asyncio
import math
import re
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from bot.app import Services
from bot.channels.web.auth import SESSION_COOKIE
from bot.store import LoginPolicy, StaffStore
from tests.channels.web.conftest import PASSWORDS


def _client(app: FastAPI, ip: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(ip, 40000)), base_url="http://test")


async def _form(client: httpx.AsyncClient) -> str:
    page = await client.get("/staff/login")
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]


async def _try(client: httpx.AsyncClient, name: str, password: str, token: str | None = None) -> httpx.Response:
    token = token or await _form(client)
    return await client.post("/staff/login", data={"name": name, "password": password, "csrf": token})


@pytest.fixture
async def attacker(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(app, "10.9.9.9") as c:
        yield c


def test_a_burst_of_200_gets_no_more_password_checks_than_the_policy(server: str, services: Services) -> None:
    """Real HTTP, 200 wrong passwords at once for one account: recorded-then-checked in one transaction, so ~5 hashes run."""

    async def burst() -> list[int]:
        async with httpx.AsyncClient(base_url=server, timeout=120) as client:
            token = await _form(client)
            results = await asyncio.gather(*[_try(client, "bob", f"guess-{i}", token) for i in range(200)])
        return [r.status_code for r in results]

    started = time.monotonic()
    codes = asyncio.run(burst())
    seconds = time.monotonic() - started
    checks = StaffStore(services.store).password_checks("bob")
    print(
        f"burst of 200 in {seconds:.1f} s: {codes.count(401)} wrong-password replies, {codes.count(429)} refused, {checks} password checks"
    )
    assert codes.count(401) == checks and codes.count(401) + codes.count(429) == 200
    # 5 free checks, then one more per backoff window (2 s, 4 s, 8 s...) that ends while the burst is still arriving
    windows = math.floor(math.log2(1 + seconds / 2)) + 1
    assert checks <= 5 + windows, (checks, seconds)


async def test_a_bystander_is_not_locked_out_by_failures_on_another_account(
    app: FastAPI, attacker: httpx.AsyncClient
) -> None:
    app.state.login_policy = LoginPolicy(base_s=30)  # long enough that a slow machine cannot outwait it during the test
    token = await _form(attacker)
    for i in range(12):  # the same office address hammers alice's account
        assert (await _try(attacker, "alice", f"nope-{i}", token)).status_code in (401, 429)
    async with _client(app, "10.9.9.9") as bystander:  # same address, another browser, never signed in before
        r = await _try(bystander, "bob", PASSWORDS["bob"])
        assert r.status_code == 303 and SESSION_COOKIE in bystander.cookies
    async with _client(app, "10.9.9.9") as someone:
        assert (await _try(someone, "alice", PASSWORDS["alice"])).status_code == 429  # alice's account itself backs off


async def test_a_known_browser_gets_in_during_a_spray_from_its_address(
    app: FastAPI, attacker: httpx.AsyncClient
) -> None:
    async with _client(app, "10.9.9.9") as bob:
        assert (await _try(bob, "bob", PASSWORDS["bob"])).status_code == 303  # earlier sign-in: the device cookie
        await bob.post(
            "/staff/logout", data={"csrf": re.search(r'data-csrf="([^"]+)"', (await bob.get("/staff")).text).group(1)}
        )  # type: ignore[union-attr]
        token = await _form(attacker)
        for i in range(40):  # password spraying: many accounts, one address
            await _try(attacker, f"user{i}", "Winter2026!", token)
        async with _client(app, "10.9.9.9") as stranger:
            refused = await _try(stranger, "bob", PASSWORDS["bob"])
            assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1  # the address is backing off
            assert "Try again in" in refused.text
        assert (await _try(bob, "bob", PASSWORDS["bob"])).status_code == 303


async def test_backoff_is_a_delay_not_a_wall(app: FastAPI, attacker: httpx.AsyncClient, services: Services) -> None:
    app.state.login_policy = LoginPolicy(base_s=1.5)
    token = await _form(attacker)
    for i in range(5):
        assert (await _try(attacker, "bob", f"wrong-{i}", token)).status_code == 401
    refused = await _try(attacker, "bob", PASSWORDS["bob"], token)
    assert refused.status_code == 429 and refused.headers["retry-after"] in ("1", "2")
    await asyncio.sleep(1.6)
    assert (await _try(attacker, "bob", "wrong-again", token)).status_code == 401  # one more check after the wait
    refused = await _try(attacker, "bob", PASSWORDS["bob"], token)
    assert refused.status_code == 429 and refused.headers["retry-after"] in ("2", "3")  # and the next wait doubled
    await asyncio.sleep(3.1)
    assert (await _try(attacker, "bob", PASSWORDS["bob"], token)).status_code == 303


def test_the_policy_doubles_and_caps() -> None:
    from datetime import UTC, datetime

    p = LoginPolicy(base_s=2, account_cap_s=900)
    now = datetime.now(UTC)
    last = now.isoformat()
    assert [p.wait_s(n, last, 5, 900, now) for n in (0, 4, 5, 6, 7, 20)] == [0, 0, 2, 4, 8, 900]


async def test_refused_attempts_do_not_extend_the_wait(
    app: FastAPI, attacker: httpx.AsyncClient, services: Services
) -> None:
    app.state.login_policy = LoginPolicy(base_s=3.0)
    token = await _form(attacker)
    for i in range(5):
        await _try(attacker, "bob", f"wrong-{i}", token)
    started = time.monotonic()
    while time.monotonic() - started < 1.0:  # hammering while refused (the last failure began before its hash)
        assert (await _try(attacker, "bob", "x", token)).status_code == 429
    await asyncio.sleep(max(0.0, 3.1 - (time.monotonic() - started)))
    assert (await _try(attacker, "bob", PASSWORDS["bob"], token)).status_code == 303

"""Dashboard behaviour: login, rate limit, sessions, filters, search, transcript details, takeover, replies, notes, erasure."""

from __future__ import annotations

import re

import httpx
import pytest
from pydantic import SecretStr

from bot.app import Services, build_services
from bot.channels.web.auth import SESSION_COOKIE
from bot.config import Settings
from bot.errors import ConfigError
from tests.channels.web.conftest import PASSWORDS, login


def _conversation(
    services: Services, customer: str, channel: str, texts: list[str], *, flags: tuple[str, ...] = ()
) -> str:
    services.store.ensure_customer(customer, name=customer.title())
    conv = services.store.new_conversation(customer, channel)
    for text in texts:
        services.store.add_message(conv["id"], "in", text, intent="shipping", confidence=0.91)
        services.store.add_message(
            conv["id"],
            "out",
            f"answer to {text}",
            intent="shipping",
            confidence=0.87,
            flags=["fallback_used"],
            sources=[{"title": "Shipping", "source": "policies/shipping.md", "doc_id": "policies/shipping"}],
            timings={"total_s": 0.321},
        )
    if flags:
        services.store.flag_conversation(conv["id"], *flags)
    return conv["id"]


async def _login_form(client: httpx.AsyncClient, name: str, password: str) -> httpx.Response:
    page = await client.get("/staff/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    return await client.post("/staff/login", data={"name": name, "password": password, "csrf": token})


async def test_login_sets_a_signed_httponly_session(anon: httpx.AsyncClient) -> None:
    r = await _login_form(anon, "bob", PASSWORDS["bob"])
    assert r.status_code == 303 and r.headers["location"] == "/staff"
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert (await anon.get("/staff")).status_code == 200
    forged = anon.cookies[SESSION_COOKIE].rsplit(".", 1)[0] + ".0000"
    anon.cookies.set(SESSION_COOKIE, forged)
    assert (await anon.get("/staff", headers={"accept": "text/html"})).status_code == 303


async def test_login_needs_its_csrf_cookie(anon: httpx.AsyncClient) -> None:
    r = await anon.post("/staff/login", data={"name": "bob", "password": PASSWORDS["bob"], "csrf": "x"})
    assert r.status_code == 403


async def test_failed_logins_are_rate_limited(anon: httpx.AsyncClient) -> None:
    for _ in range(5):
        assert (await _login_form(anon, "bob", "wrong-password")).status_code == 401
    blocked = await _login_form(anon, "bob", PASSWORDS["bob"])
    assert blocked.status_code == 429 and "Too many failed attempts" in blocked.text
    assert SESSION_COOKIE not in anon.cookies


async def test_logout_ends_the_session(agent: tuple[httpx.AsyncClient, str]) -> None:
    client, csrf = agent
    cookie = client.cookies[SESSION_COOKIE]
    assert (await client.post("/staff/logout", data={"csrf": csrf})).status_code == 303
    client.cookies.set(SESSION_COOKIE, cookie)  # replaying the old cookie does not work either
    assert (await client.get("/staff", headers={"accept": "application/json"})).status_code == 401


def test_production_refuses_the_placeholder_secret(web_settings: Settings) -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        build_services(web_settings.model_copy(update={"env": "production", "secret_key": SecretStr("change-me")}))


async def test_filters_and_search(agent: tuple[httpx.AsyncClient, str], services: Services) -> None:
    client, _ = agent
    tg = _conversation(services, "tina", "telegram", ["parcel to Canada?"], flags=("handoff",))
    web = _conversation(services, "walt", "web", ["do you sell umbrellas"], flags=("low_confidence",))
    plain = _conversation(services, "pia", "web", ["hello"])
    ids = lambda html: set(re.findall(r'data-id="([^"]+)"', html))  # noqa: E731
    assert ids((await client.get("/staff")).text) == {tg, web, plain}
    assert ids((await client.get("/staff?flag=any")).text) == {tg, web}
    assert ids((await client.get("/staff?flag=handoff")).text) == {tg}
    assert ids((await client.get("/staff?flag=low_confidence&channel=web")).text) == {web}
    assert ids((await client.get("/staff?channel=telegram")).text) == {tg}
    assert ids((await client.get("/staff?since=2999-01-01")).text) == set()
    assert ids((await client.get("/staff?until=2000-01-01")).text) == set()
    found = await client.get("/staff", params={"q": "umbrellas"})
    assert ids(found.text) == {web} and "2 matching messages" in found.text
    assert (
        ids((await client.get("/staff", params={"q": 'umbrella" OR "x'})).text) == set()
    )  # FTS syntax is matched literally
    assert ids((await client.get("/staff/list?channel=web")).text) == {web, plain}


async def test_transcript_shows_the_details(agent: tuple[httpx.AsyncClient, str], services: Services) -> None:
    client, _ = agent
    conv = _conversation(services, "tina", "telegram", ["parcel to Canada?"], flags=("handoff",))
    page = (await client.get(f"/staff/c/{conv}")).text
    for expected in (
        "parcel to Canada?",
        "answer to parcel to Canada?",
        "intent <b>shipping</b>",
        "confidence <b>0.87</b>",
        "latency <b>0.32 s</b>",
        "fallback used",
        "policies/shipping.md",
        "Tina",
    ):
        assert expected in page
    assert (await client.get("/staff/c/conv-missing")).status_code == 404


async def test_takeover_reply_note_and_handback(agent: tuple[httpx.AsyncClient, str], services: Services) -> None:
    client, csrf = agent
    conv = _conversation(services, "tina", "web", ["I need a person"])
    await client.post(f"/staff/c/{conv}/takeover", data={"csrf": csrf})
    assert services.store.get_conversation(conv)["mode"] == "staff"
    assert services.store.get_conversation(conv)["assigned_to"] == "bob"
    async with services.bus.subscribe() as queue:
        await client.post(f"/staff/c/{conv}/reply", data={"csrf": csrf, "text": "Hi, this is Bob."})
        await client.post(f"/staff/c/{conv}/note", data={"csrf": csrf, "text": "VIP, be nice"})
        published = [queue.get_nowait() for _ in range(queue.qsize())]
    assert {
        "type": "staff_message",
        "conversation_id": conv,
        "channel": "web",
        "text": "Hi, this is Bob.",
        "author": "bob",
    }.items() <= published[0].items()
    assert published[1]["type"] == "note" and "text" not in published[1]  # notes never travel towards the shopper
    assert [(m["direction"], m["text"], m["author"]) for m in services.store.messages(conv)][-2:] == [
        ("staff", "Hi, this is Bob.", "bob"),
        ("note", "VIP, be nice", "bob"),
    ]
    page = (await client.get(f"/staff/c/{conv}")).text
    assert "Hand back to bot" in page and "Note · bob" in page
    await client.post(f"/staff/c/{conv}/handback", data={"csrf": csrf})
    assert services.store.get_conversation(conv)["mode"] == "bot"
    assert [e["kind"] for e in services.store.events()][:2] == ["handback", "takeover"]


async def test_admin_erases_a_customer(admin: tuple[httpx.AsyncClient, str], services: Services) -> None:
    client, csrf = admin
    conv = _conversation(services, "tina", "web", ["delete me please"])
    panel = (await client.get(f"/staff/c/{conv}")).text
    assert "Erase customer" in panel
    confirm = (await client.get("/staff/customers/tina/erase")).text
    assert 'id="erase-target">tina<' in confirm and 'name="confirm" value="tina"' in confirm
    r = await client.post("/staff/customers/tina/erase", data={"csrf": csrf, "confirm": "tina"})
    assert r.status_code == 303 and "erased" in r.headers["location"]
    assert services.store.get_customer("tina") is None and services.store.get_conversation(conv) is None
    assert (await client.post("/staff/customers/tina/erase", data={"csrf": csrf, "confirm": "tina"})).status_code == 404


async def test_agents_do_not_see_admin_controls(agent: tuple[httpx.AsyncClient, str], services: Services) -> None:
    client, _ = agent
    conv = _conversation(services, "tina", "web", ["hi"])
    assert "Erase customer" not in (await client.get(f"/staff/c/{conv}")).text
    kb = (await client.get("/staff/kb")).text
    assert 'id="reload"' not in kb and "Roll back" not in kb


async def test_admin_manages_staff(admin: tuple[httpx.AsyncClient, str], services: Services) -> None:
    client, csrf = admin
    await client.post("/staff/users", data={"csrf": csrf, "name": "carol", "password": "short", "role": "agent"})
    assert "carol" not in (await client.get("/staff/users")).text
    await client.post(
        "/staff/users", data={"csrf": csrf, "name": "carol", "password": "carol-password", "role": "agent"}
    )
    assert "carol" in (await client.get("/staff/users")).text
    async with httpx.AsyncClient(transport=client._transport, base_url="http://test") as carol:
        await login(carol, "carol", "carol-password")
        await client.post("/staff/users/carol/delete", data={"csrf": csrf})
        assert (await carol.get("/staff", headers={"accept": "application/json"})).status_code == 401
    r = await client.post("/staff/users/alice/delete", data={"csrf": csrf})
    assert "cannot+remove+your+own" in r.headers["location"]


@pytest.mark.parametrize(
    ("target", "landing"),
    [("/staff/metrics", "/staff/metrics"), ("https://evil.example/x", "/staff"), ("//evil.example", "/staff")],
)
async def test_login_returns_only_to_dashboard_pages(anon: httpx.AsyncClient, target: str, landing: str) -> None:
    page = await anon.get("/staff/login", params={"next": target})
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    nxt = re.search(r'name="next" value="([^"]*)"', page.text).group(1)  # type: ignore[union-attr]
    r = await anon.post(
        "/staff/login", data={"name": "bob", "password": PASSWORDS["bob"], "csrf": token, "next": target}
    )
    assert nxt == landing and r.headers["location"] == landing

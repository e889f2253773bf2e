"""Every dashboard and chat route, tried as anonymous, agent and admin; CSRF on every change."""

from __future__ import annotations

import httpx
import pytest
from fastapi.routing import APIRoute

from bot.app import Services
from bot.channels.web import admin_pages, csat_pages, inbox, inbox_views, pages, staff
from bot.store.inbox_store import InboxStore

CONV, CUST = "conv-authz", "cust-authz"
AGENT_GET = [
    "/staff",
    "/staff/list",
    f"/staff/c/{CONV}",
    f"/staff/c/{CONV}/transcript",
    f"/staff/customers/{CUST}",
    "/staff/kb",
    "/staff/kb/progress",
    "/staff/metrics",
    "/staff/canned",
    "/staff/mentions",
]
ADMIN_GET = ["/staff/status", "/staff/users", f"/staff/customers/{CUST}/erase"]
AGENT_POST = [
    f"/staff/c/{CONV}/takeover",
    f"/staff/c/{CONV}/handback",
    f"/staff/c/{CONV}/reply",
    f"/staff/c/{CONV}/note",
    f"/staff/c/{CONV}/status",
    f"/staff/c/{CONV}/assign",
    f"/staff/c/{CONV}/priority",
    f"/staff/c/{CONV}/labels",
    f"/staff/c/{CONV}/labels/delete",
    "/staff/logout",
]
ADMIN_POST = [
    "/staff/kb/rollback",
    "/staff/users",
    "/staff/users/carol/delete",
    f"/staff/customers/{CUST}/erase",
    "/staff/kb/reload",
    "/staff/canned",
    "/staff/canned/thanks/delete",
]
PUBLIC = {"/", "/staff/login"}
# The live feeds need a real server (they never end): anonymous cases here, signed-in ones in test_admin_pages.py and test_chat_page.py.
SSE = {"/staff/events", "/chat/events"}
SHOPPER = {
    "/chat/stream",
    "/chat/feedback",
    "/chat/handoff",
    "/chat/rec",
    "/chat/csat",
    "/chat/unsubscribe",
    "/chat/offer",
}  # cookie-identified shoppers: test_chat_page.py, test_csat.py, tests/campaigns/test_http.py
FORM = {
    "text": "hello from staff",
    "name": "carol",
    "password": "carol-password",
    "role": "agent",
    "status": "waiting",
    "staff": "me",
    "priority": "high",
    "label": "vip",
    "shortcut": "/greeting",
}


@pytest.fixture(autouse=True)
def conversation(services: Services) -> None:
    services.store.ensure_customer(CUST, name="Cara", email="cara@example.com")
    conv = services.store.open_conversation(CUST, "web", conversation_id=CONV)
    services.store.add_message(conv["id"], "in", "Where is my order?")
    InboxStore(services.store).save_canned("thanks", "Thank you for waiting.", by="alice")


def _route_ids(path: str) -> str:
    return (
        path.replace(CONV, "{conversation_id}")
        .replace(CUST, "{customer_id}")
        .replace("carol", "{name}")
        .replace("/thanks/", "/{shortcut}/")
    )


def test_every_route_is_in_the_matrix() -> None:
    declared = {
        (r.path, m)
        for router in (
            staff.router,
            admin_pages.router,
            pages.router,
            inbox.router,
            inbox_views.router,
            csat_pages.router,
        )
        for r in router.routes
        if isinstance(r, APIRoute)
        for m in r.methods
    }
    covered = {(_route_ids(p), "GET") for p in AGENT_GET + ADMIN_GET} | {
        (_route_ids(p), "POST") for p in AGENT_POST + ADMIN_POST
    }
    covered |= {(p, "GET") for p in PUBLIC | SSE} | {("/staff/login", "POST")} | {(p, "POST") for p in SHOPPER}
    assert declared == covered


@pytest.mark.parametrize("path", AGENT_GET + ADMIN_GET + sorted(SSE - {"/chat/events"}))
async def test_anonymous_pages_redirect_or_401(anon: httpx.AsyncClient, path: str) -> None:
    page = await anon.get(path, headers={"accept": "text/html"})
    assert page.status_code == 303 and page.headers["location"].startswith("/staff/login")
    assert (await anon.get(path, headers={"accept": "application/json"})).status_code == 401


@pytest.mark.parametrize("path", AGENT_POST + ADMIN_POST)
async def test_anonymous_changes_are_refused(anon: httpx.AsyncClient, path: str, services: Services) -> None:
    assert (await anon.post(path, data=FORM)).status_code == 401
    assert services.store.get_customer(CUST) is not None


async def test_anonymous_shopper_events_need_the_cookie(anon: httpx.AsyncClient) -> None:
    assert (await anon.get("/chat/events")).status_code == 401


@pytest.mark.parametrize("path", AGENT_GET)
async def test_agents_and_admins_read(
    agent: tuple[httpx.AsyncClient, str], admin: tuple[httpx.AsyncClient, str], path: str
) -> None:
    assert (await agent[0].get(path)).status_code == 200
    assert (await admin[0].get(path)).status_code == 200


@pytest.mark.parametrize("path", ADMIN_GET)
async def test_admin_pages_are_for_admins(
    agent: tuple[httpx.AsyncClient, str], admin: tuple[httpx.AsyncClient, str], path: str
) -> None:
    assert (await agent[0].get(path)).status_code == 403
    assert (await admin[0].get(path)).status_code == 200


@pytest.mark.parametrize("path", AGENT_POST)
async def test_agent_changes(
    agent: tuple[httpx.AsyncClient, str], admin: tuple[httpx.AsyncClient, str], path: str
) -> None:
    for client, csrf in (agent, admin):
        assert (await client.post(path, data=FORM)).status_code == 403  # no CSRF token
        assert (await client.post(path, data={**FORM, "csrf": "forged"})).status_code == 403
        assert (await client.post(path, data={**FORM, "csrf": csrf})).status_code == 303


@pytest.mark.parametrize("path", ADMIN_POST)
async def test_admin_changes(
    agent: tuple[httpx.AsyncClient, str], admin: tuple[httpx.AsyncClient, str], path: str, services: Services
) -> None:
    assert (await agent[0].post(path, data={**FORM, "csrf": agent[1]})).status_code == 403
    assert services.store.get_customer(CUST) is not None
    assert (await admin[0].post(path, data=FORM)).status_code == 403  # no CSRF token
    assert (await admin[0].post(path, data={**FORM, "csrf": admin[1]})).status_code == 303


async def test_agent_csrf_token_is_useless_in_another_session(
    agent: tuple[httpx.AsyncClient, str], admin: tuple[httpx.AsyncClient, str]
) -> None:
    assert (await admin[0].post(f"/staff/customers/{CUST}/erase", data={"csrf": agent[1]})).status_code == 403

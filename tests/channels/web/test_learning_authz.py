"""Every route of the knowledge pages, FAQ drafts, corrections and attachments, as anonymous, agent and admin."""

from __future__ import annotations

import httpx
import pytest
from fastapi.routing import APIRoute

from bot.app import Services
from bot.channels.web import kb_pages, learning_pages

CONV, CUST = "conv-learn", "cust-learn"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
Client = tuple[httpx.AsyncClient, str]


@pytest.fixture
def ids(services: Services) -> dict[str, int]:
    """A conversation with a shopper question, a bot reply, a staff answer, a photo and a draft."""
    store = services.store
    store.ensure_customer(CUST, name="Lea")
    conv = store.open_conversation(CUST, "web", conversation_id=CONV)
    q = store.add_message(CONV, "in", "Do you gift wrap?")
    bot = store.add_reply(
        CONV, q, "We ship to the United States.", sources=[{"doc_id": "policies/shipping", "title": "Shipping"}]
    )
    staff = store.add_message(CONV, "staff", "Yes, gift wrapping costs 5 dollars.", author="bob")
    photo = services.receive_attachment(conv, PNG, declared="image/png")
    assert q and bot and staff
    draft = services.knowledge_store.add_draft(
        question="Do you gift wrap?", answer="Yes.", by="bob", conversation_id=CONV, message_id=staff
    )
    return {"bot": bot, "staff": staff, "photo": photo["id"], "draft": draft}


def agent_get(ids: dict[str, int]) -> list[str]:
    return [
        "/staff/kb/articles",
        "/staff/kb/article?path=policies/shipping.md",
        "/staff/kb/edits",
        "/staff/kb/drafts",
        f"/staff/kb/drafts/{ids['draft']}",
        "/staff/kb/corrections",
        f"/staff/attachments/{ids['photo']}",
    ]


ADMIN_GET = ["/staff/kb/new", "/staff/kb/corrections.jsonl"]


def agent_post(ids: dict[str, int]) -> list[tuple[str, dict[str, str]]]:
    return [
        (f"/staff/c/{CONV}/faq-draft", {"message_id": str(ids["staff"])}),
        (f"/staff/c/{CONV}/correct", {"message_id": str(ids["bot"]), "answer": "Gift wrapping costs 5 dollars."}),
    ]


def admin_post(ids: dict[str, int]) -> list[tuple[str, dict[str, str]]]:
    return [
        ("/staff/kb/article", {"path": "policies/shipping.md", "text": "# Shipping\n\nWe ship to the US.\n"}),
        (
            f"/staff/kb/drafts/{ids['draft']}/publish",
            {"question": "Do you gift wrap?", "answer": "Yes, for 5 dollars."},
        ),
        (f"/staff/kb/drafts/{ids['draft']}/discard", {}),
    ]


def test_every_route_is_in_the_matrix() -> None:
    declared = {
        (r.path, m)
        for router in (kb_pages.router, learning_pages.router)
        for r in router.routes
        if isinstance(r, APIRoute)
        for m in r.methods
    }
    fake = {"draft": 1, "photo": 1, "staff": 1, "bot": 1}
    paths = [p.split("?")[0] for p in agent_get(fake) + ADMIN_GET]
    covered = {
        (p.replace("/1", "/{draft_id}") if "drafts" in p else p.replace("/1", "/{attachment_id}"), "GET") for p in paths
    }
    posts = [p for p, _ in agent_post(fake) + admin_post(fake)]
    covered |= {(p.replace(CONV, "{conversation_id}").replace("/1/", "/{draft_id}/"), "POST") for p in posts}
    covered |= {
        ("/staff/kb/preview", "POST"),
        ("/chat/upload", "POST"),
    }  # JSON and multipart: tested below and in test_uploads.py
    assert declared == covered


async def test_anonymous_is_sent_to_login_or_refused(
    anon: httpx.AsyncClient, ids: dict[str, int], services: Services
) -> None:
    for path in agent_get(ids) + ADMIN_GET:
        page = await anon.get(path, headers={"accept": "text/html"})
        assert page.status_code == 303 and page.headers["location"].startswith("/staff/login"), path
        assert (await anon.get(path)).status_code == 401, path
    for path, form in agent_post(ids) + admin_post(ids):
        assert (await anon.post(path, data=form)).status_code == 401, path
    assert (await anon.post("/staff/kb/preview", json={"text": "x"})).status_code == 401
    assert (
        services.knowledge_store.corrections() == []
        and services.knowledge_store.draft(ids["draft"])["status"] == "draft"
    )  # type: ignore[index]


async def test_an_agent_reads_and_acts_on_conversations_but_cannot_edit_the_kb(
    agent: Client, ids: dict[str, int], services: Services
) -> None:
    client, csrf = agent
    for path in agent_get(ids):
        assert (await client.get(path)).status_code == 200, path
    for path in ADMIN_GET:
        assert (await client.get(path)).status_code == 403, path
    for path, form in admin_post(ids):
        assert (await client.post(path, data={**form, "csrf": csrf})).status_code == 403, path
    for path, form in agent_post(ids):
        assert (await client.post(path, data=form)).status_code == 403, path  # no CSRF token
        assert (await client.post(path, data={**form, "csrf": csrf})).status_code == 303, path
    assert len(services.knowledge_store.corrections()) == 1
    assert services.knowledge_store.edits() == []  # nothing was edited


async def test_an_admin_can_do_everything_and_still_needs_the_csrf_token(
    admin: Client, ids: dict[str, int], services: Services
) -> None:
    client, csrf = admin
    for path in agent_get(ids) + ADMIN_GET:
        assert (await client.get(path)).status_code == 200, path
    for path, form in admin_post(ids):
        assert (await client.post(path, data=form)).status_code == 403, path  # no CSRF token
    assert services.knowledge_store.edits() == []
    for path, form in admin_post(ids)[:2]:
        r = await client.post(path, data={**form, "csrf": csrf})
        assert r.status_code == 303, (path, r.text[:300])
    assert [e["action"] for e in services.knowledge_store.edits()] == ["publish_draft", "edit"]


async def test_a_shopper_cookie_is_not_a_staff_login(anon: httpx.AsyncClient, ids: dict[str, int]) -> None:
    await anon.get("/")  # the chat page gives a shopper cookie
    assert (await anon.get(f"/staff/attachments/{ids['photo']}")).status_code == 401
    assert (await anon.get("/staff/kb/articles")).status_code == 401


async def test_missing_things_are_404(agent: Client, ids: dict[str, int]) -> None:
    client, csrf = agent
    assert (await client.get("/staff/attachments/999999")).status_code == 404
    assert (await client.get("/staff/kb/drafts/999999")).status_code == 404
    # a message of another kind, or of another conversation, cannot be made a draft or corrected
    r = await client.post(f"/staff/c/{CONV}/faq-draft", data={"message_id": str(ids["bot"]), "csrf": csrf})
    assert r.status_code == 404
    r = await client.post(
        "/staff/c/conv-other/correct", data={"message_id": str(ids["bot"]), "answer": "x 5", "csrf": csrf}
    )
    assert r.status_code == 404

"""FAQ drafts from staff answers and corrections of bot replies, over HTTP with the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from bot.app import Services
from bot.domain import Channel, IncomingMessage
from bot.golden import check, read_cases
from bot.kb.articles import save_article

Client = tuple[httpx.AsyncClient, str]
GIFT = "How much does gift wrapping cost?"


async def _ask(services: Services, text: str, **kw: str) -> tuple[str, list[str], str]:
    reply = await services.assistant.handle(IncomingMessage(text, channel=Channel.WEB, **kw))
    return reply.text, [s.get("doc_id", "") for s in reply.sources], reply.conversation_id or ""


async def test_a_staff_answer_becomes_a_published_faq_the_bot_answers_from(
    agent: Client, admin: Client, services: Services, knowledge_dir: Path
) -> None:
    services.store.ensure_customer("cust-gift")
    before, _, conv = await _ask(services, GIFT, customer_id="cust-gift")
    assert "5 dollars" not in before  # the bot cannot answer it yet
    staff_msg = services.staff_reply(conv, "Gift wrapping costs 5 dollars per order; tick it at checkout.", staff="bob")
    bob, bob_csrf = agent
    r = await bob.post(f"/staff/c/{conv}/faq-draft", data={"message_id": str(staff_msg), "csrf": bob_csrf})
    assert r.status_code == 303
    draft_url = r.headers["location"]
    [draft] = services.knowledge_store.drafts(status="draft")
    assert (draft["question"], draft["created_by"], draft["status"]) == (GIFT, "bob", "draft")
    assert "Gift wrapping costs 5 dollars" in draft["answer"]
    again = await bob.post(f"/staff/c/{conv}/faq-draft", data={"message_id": str(staff_msg), "csrf": bob_csrf})
    assert again.headers["location"] == draft_url  # one click twice makes one draft
    page = await bob.get(draft_url)
    assert GIFT in page.text and 'id="publish-form"' not in page.text  # an agent reviews, an admin publishes

    alice, csrf = admin
    listing = await alice.get("/staff/kb/articles")
    assert GIFT in listing.text  # the waiting draft is listed for admins
    answer = "Gift wrapping costs 5 dollars per order. Tick it at checkout."
    r = await alice.post(f"{draft_url}/publish", data={"csrf": csrf, "question": GIFT, "answer": answer})
    assert r.status_code == 303, r.text
    published = services.knowledge_store.draft(draft["id"])
    assert published is not None and published["status"] == "published" and published["decided_by"] == "alice"
    path = knowledge_dir / published["path"]
    assert path.is_file() and path.parent == knowledge_dir / "faq" / "from-staff"
    text, sources, _ = await _ask(services, GIFT)
    assert "5 dollars" in text and sources[0] == published["path"].removesuffix(".md")
    assert [e["action"] for e in services.knowledge_store.edits(published["path"])] == ["publish_draft"]
    # a published draft cannot be published twice
    assert (
        await alice.post(f"{draft_url}/publish", data={"csrf": csrf, "question": GIFT, "answer": "other"})
    ).status_code == 303
    assert len(list(path.parent.iterdir())) == 1


async def test_a_draft_without_a_question_before_it_is_refused(agent: Client, services: Services) -> None:
    services.store.ensure_customer("cust-nq")
    conv = services.store.open_conversation("cust-nq", "web")
    msg = services.staff_reply(conv["id"], "Hello, how can I help?", staff="bob")
    client, csrf = agent
    r = await client.post(f"/staff/c/{conv['id']}/faq-draft", data={"message_id": str(msg), "csrf": csrf})
    assert r.status_code == 400 and services.knowledge_store.drafts() == []


async def test_discarding_a_draft_publishes_nothing(admin: Client, services: Services, knowledge_dir: Path) -> None:
    draft = services.knowledge_store.add_draft(question="Q?", answer="A.", by="bob", conversation_id="c", message_id=1)
    client, csrf = admin
    assert (await client.post(f"/staff/kb/drafts/{draft}/discard", data={"csrf": csrf})).status_code == 303
    assert services.knowledge_store.draft(draft)["status"] == "discarded"  # type: ignore[index]
    assert not (knowledge_dir / "faq").exists()


async def test_a_correction_is_stored_and_runs_as_a_golden_case(
    agent: Client, admin: Client, services: Services, tmp_path: Path, knowledge_dir: Path
) -> None:
    services.store.ensure_customer("cust-fix")
    question = "How much does standard shipping cost?"
    wrong, sources, conv = await _ask(services, question, customer_id="cust-fix")
    assert "8 dollars" in wrong and sources[0] == "policies/shipping"
    bot_msg = [m for m in services.store.messages(conv) if m["direction"] == "out"][-1]
    client, csrf = agent
    right = "Standard shipping costs 6 dollars and takes 3 to 5 business days."
    r = await client.post(
        f"/staff/c/{conv}/correct", data={"message_id": str(bot_msg["id"]), "answer": right, "csrf": csrf}
    )
    assert r.status_code == 303 and "Correction+recorded" in r.headers["location"].replace("%20", "+")
    [row] = services.knowledge_store.corrections()
    assert (row["question"], row["bot_answer"], row["corrected_answer"], row["created_by"]) == (
        question,
        wrong,
        right,
        "bob",
    )
    assert row["grounding"][0]["doc_id"] == "policies/shipping"
    assert row["must_include"] == ["6 dollars"] and row["must_not_include"] == [
        "8 dollars"
    ]  # bare "3", "5" say too little
    transcript = await client.get(f"/staff/c/{conv}")
    assert "corrected" in transcript.text

    alice, _ = admin
    export = await alice.get("/staff/kb/corrections.jsonl")
    assert export.status_code == 200
    case_line = json.loads(export.text.splitlines()[0])
    assert case_line["turns"] == [question] and case_line["expect"]["sources"] == ["policies/shipping"]
    cases_file = tmp_path / "corrections.jsonl"
    cases_file.write_text(export.text, encoding="utf-8")
    [case] = read_cases(cases_file)  # the golden reader (`shopbot eval replies --cases FILE`) takes it as it is
    again = await services.assistant.handle(IncomingMessage(question, channel=Channel.API))
    assert check(case, again) == ["missing '6 dollars'", "contains '8 dollars'"]
    # the admin fixes the article; the shop's own regression case now passes
    shipping = knowledge_dir / "policies" / "shipping.md"
    save_article(
        knowledge_dir,
        "policies/shipping.md",
        shipping.read_text(encoding="utf-8").replace("costs 8", "costs 6"),
        reload=services.kb.reload,
    )
    fixed = await services.assistant.handle(IncomingMessage(question, channel=Channel.API))
    assert check(case, fixed) == [], fixed.text


async def test_a_correction_without_anything_to_check_is_not_recorded(agent: Client, services: Services) -> None:
    services.store.ensure_customer("cust-vague")
    _, _, conv = await _ask(services, "Do you ship to the United Kingdom?", customer_id="cust-vague")
    bot_msg = [m for m in services.store.messages(conv) if m["direction"] == "out"][-1]
    client, csrf = agent
    r = await client.post(
        f"/staff/c/{conv}/correct", data={"message_id": str(bot_msg["id"]), "answer": "No, sorry.", "csrf": csrf}
    )
    assert r.status_code == 303 and "not+recorded" in r.headers["location"].replace("%20", "+")
    assert services.knowledge_store.corrections() == []
    r = await client.post(
        f"/staff/c/{conv}/correct",
        data={
            "message_id": str(bot_msg["id"]),
            "answer": "No, we do not ship to the United Kingdom.",
            "must_include": "do not ship",
            "csrf": csrf,
        },
    )
    [row] = services.knowledge_store.corrections()
    assert row["must_include"] == ["do not ship"]


async def test_the_knowledge_gaps_table_links_to_the_faq_drafts(agent: Client, services: Services) -> None:
    services.store.ensure_customer("cust-gap")
    _, _, conv = await _ask(services, "Do you sell gift cards for birthdays?", customer_id="cust-gap")
    client, csrf = agent
    page = await client.get("/staff/metrics")
    assert "Do you sell gift cards for birthdays?" in page.text and "none yet" in page.text
    staff_msg = services.staff_reply(conv, "Yes, from 10 to 200 dollars, in the shop and online.", staff="bob")
    r = await client.post(f"/staff/c/{conv}/faq-draft", data={"message_id": str(staff_msg), "csrf": csrf})
    page = await client.get("/staff/metrics")
    assert f'<a class="gap-draft" href="{r.headers["location"]}">draft</a>' in page.text

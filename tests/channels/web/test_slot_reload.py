"""The slot table follows the live knowledge base (issue 9, retrieval): an admin's edit in the dashboard reloads it
with the new version, the assistant answers from the new row at once, and a rollback brings the old table back."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from bot.app import Services
from bot.domain import Channel, IncomingMessage

Client = tuple[httpx.AsyncClient, str]
WRAP = "\n## Gift wrapping\n\nGift wrapping costs 4 dollars per item and takes 1 business day.\n"


def _values(services: Services, words: str) -> list[str]:
    return [r.value for r in services.kb.index.slots.rows if words in r.sentence and r.kind == "price"]


async def test_an_admin_edit_rebuilds_the_slot_table_and_a_rollback_restores_it(
    admin: Client, services: Services, knowledge_dir: Path
) -> None:
    client, csrf = admin
    before = services.kb.serving_version
    assert _values(services, "Gift wrapping") == []
    page = await client.get("/staff/kb/article", params={"path": "policies/shipping.md"})
    sha = re.search(r'name="sha" value="([^"]*)"', page.text)
    assert sha is not None
    text = (knowledge_dir / "policies" / "shipping.md").read_text(encoding="utf-8") + WRAP
    r = await client.post(
        "/staff/kb/article", data={"csrf": csrf, "path": "policies/shipping.md", "text": text, "sha": sha.group(1)}
    )
    assert r.status_code == 303, r.text
    assert services.kb.serving_version != before
    assert _values(services, "Gift wrapping") == ["4 dollars"]
    assert services.kb.index.manifest["slot_rows"] == len(services.kb.index.slots.rows)
    reply = await services.assistant.handle(IncomingMessage("how much is gift wrapping?", channel=Channel.API))
    assert "4 dollars" in reply.text and reply.sources[0]["doc_id"] == "policies/shipping"
    await client.post("/staff/kb/rollback", data={"csrf": csrf})
    assert services.kb.serving_version == before and _values(services, "Gift wrapping") == []

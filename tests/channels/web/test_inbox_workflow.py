"""The inbox workflow over HTTP: status and reopening, views and counts, who waited longest, assignment (by hand and
round-robin among online staff), priority and labels, unread markers, canned replies and @mentions."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx

from bot.app import Services
from bot.store.inbox_store import InboxStore


def _ago(minutes: float) -> str:
    return (datetime.now(UTC) - timedelta(minutes=minutes)).isoformat(timespec="milliseconds")


def _conv(services: Services, customer: str, text: str, *, minutes_ago: float = 0.0) -> str:
    services.store.ensure_customer(customer)
    conv = services.store.new_conversation(customer, "web")["id"]
    services.store.add_message(conv, "in", text, created_at=_ago(minutes_ago))
    return conv


def _ids(page: str) -> list[str]:
    return re.findall(r'<tr data-id="([^"]+)"', page)


def _count(page: str, tab: str) -> int:
    found = re.search(rf'id="{tab}"[^>]*>[^<]*<span class="count">(\d+)</span>', page)
    assert found is not None, tab
    return int(found.group(1))


async def _post(client: httpx.AsyncClient, csrf: str, path: str, **form: str) -> httpx.Response:
    return await client.post(path, data={"csrf": csrf, **form})


async def test_status_filters_counts_and_a_shopper_message_reopens(
    agent: tuple[httpx.AsyncClient, str], services: Services
) -> None:
    client, csrf = agent
    a = _conv(services, "u-a", "Where is my parcel?")
    b = _conv(services, "u-b", "Do you sell socks?")
    assert (await _post(client, csrf, f"/staff/c/{a}/status", status="resolved")).status_code == 303
    assert (await _post(client, csrf, f"/staff/c/{b}/status", status="snoozed", snooze="1h")).status_code == 303
    page = (await client.get("/staff")).text
    assert (_count(page, "status-resolved"), _count(page, "status-snoozed"), _count(page, "status-open")) == (1, 1, 0)
    assert _ids((await client.get("/staff?status=resolved")).text) == [a]
    assert _ids((await client.get("/staff?status=open")).text) == []
    assert "Resolved" in (await client.get(f"/staff/c/{a}")).text

    services.store.add_message(a, "in", "It still has not come")  # the shopper writes again
    services.store.add_message(b, "in", "Hello?")
    assert sorted(_ids((await client.get("/staff?status=open")).text)) == sorted([a, b])
    assert [e["conversation_id"] for e in services.store.events("reopened")] == [a]  # only a resolved one "reopens"

    bad = await _post(client, csrf, f"/staff/c/{a}/status", status="snoozed", snooze="2001-01-01T00:00")
    assert bad.status_code == 400 and "future" in bad.text
    assert (await _post(client, csrf, f"/staff/c/{a}/status", status="closed")).status_code == 400
    assert (await _post(client, csrf, "/staff/c/conv-nope/status", status="open")).status_code == 404


async def test_a_snooze_that_ran_out_is_open_again(agent: tuple[httpx.AsyncClient, str], services: Services) -> None:
    client, _ = agent
    conv = _conv(services, "u-s", "Call me back tomorrow")
    InboxStore(services.store).set_status(conv, "snoozed", staff="bob", until=_ago(1))
    assert _ids((await client.get("/staff?status=open")).text) == [conv]


async def test_the_longest_wait_comes_first_with_its_clock(
    agent: tuple[httpx.AsyncClient, str], services: Services
) -> None:
    client, _ = agent
    recent = _conv(services, "u-r", "Hi", minutes_ago=2)
    oldest = _conv(services, "u-o", "Hello?", minutes_ago=40)
    middle = _conv(services, "u-m", "Anyone?", minutes_ago=15)
    answered = _conv(services, "u-x", "Thanks", minutes_ago=60)
    services.store.add_reply(answered, None, "You're welcome")
    page = (await client.get("/staff")).text
    assert _ids(page) == [oldest, middle, recent, answered]
    row = page[page.index(f'data-id="{oldest}"') :]
    assert "waited 40 min" in row[: row.index("</tr>")]


async def test_views_mine_unassigned_and_assignment_by_hand(
    agent: tuple[httpx.AsyncClient, str], services: Services
) -> None:
    client, csrf = agent
    mine = _conv(services, "u-1", "One")
    other = _conv(services, "u-2", "Two")
    free = _conv(services, "u-3", "Three")
    assert (await _post(client, csrf, f"/staff/c/{mine}/assign", staff="me")).status_code == 303
    assert (await _post(client, csrf, f"/staff/c/{other}/assign", staff="alice")).status_code == 303
    assert (await _post(client, csrf, f"/staff/c/{free}/assign", staff="mallory")).status_code == 404  # no such staff
    page = (await client.get("/staff")).text
    assert (_count(page, "view-mine"), _count(page, "view-unassigned")) == (1, 1)
    assert _ids((await client.get("/staff?view=mine")).text) == [mine]
    assert _ids((await client.get("/staff?view=unassigned")).text) == [free]
    assert '<td class="assignee" data-label="Assignee">alice</td>' in page
    assert (await _post(client, csrf, f"/staff/c/{other}/assign", staff="")).status_code == 303  # unassign
    assert services.store.get_conversation(other)["assigned_to"] is None


async def test_round_robin_alternates_even_when_assignment_marks_tie(
    agent: tuple[httpx.AsyncClient, str], admin: tuple[httpx.AsyncClient, str], services: Services
) -> None:
    # Both were last assigned at the same instant, later than now (a clock step back, or two in one millisecond):
    # the next assignments must still alternate instead of the tie sending every one to the same person.
    future = (datetime.now(UTC) + timedelta(minutes=5)).isoformat(timespec="milliseconds")
    with services.store.tx() as db:
        db.execute("UPDATE staff_presence SET last_assigned_at = ?", [future])
    got = [services.auto_assign(_conv(services, f"u-tie{i}", "A person please")) for i in range(4)]
    assert sorted(got[:2]) == ["alice", "bob"] and got[2:] == got[:2]


async def test_round_robin_goes_to_online_staff_in_turn(
    agent: tuple[httpx.AsyncClient, str], admin: tuple[httpx.AsyncClient, str], services: Services
) -> None:
    # bob and alice are signed in and active (the fixtures' requests); the least recently assigned gets the next one
    convs = [_conv(services, f"u-rr{i}", "I want a person") for i in range(4)]
    got = [services.auto_assign(c) for c in convs]
    assert sorted(got[:2]) == ["alice", "bob"] and got[2:] == got[:2]
    assert services.auto_assign(convs[0]) is None  # already assigned: kept
    await agent[0].post("/staff/logout", data={"csrf": agent[1]})  # bob signs out: no longer online
    late = _conv(services, "u-late", "Hello, a person please")
    assert services.auto_assign(late) == "alice"
    inbox = InboxStore(services.store)
    assert inbox.online(minutes=10) == ["alice"]
    assert inbox.online(minutes=10, now=datetime.now(UTC) + timedelta(minutes=11)) == []  # idle too long


async def test_priority_labels_and_their_filters(agent: tuple[httpx.AsyncClient, str], services: Services) -> None:
    client, csrf = agent
    a = _conv(services, "u-p1", "Damaged jacket")
    b = _conv(services, "u-p2", "Question")
    assert (await _post(client, csrf, f"/staff/c/{a}/priority", priority="urgent")).status_code == 303
    assert (await _post(client, csrf, f"/staff/c/{a}/labels", label="Damaged Item")).status_code == 303
    assert (await _post(client, csrf, f"/staff/c/{b}/labels", label="<script>")).status_code == 400
    assert (await _post(client, csrf, f"/staff/c/{b}/priority", priority="whenever")).status_code == 400
    assert _ids((await client.get("/staff?label=damaged+item")).text) == [a]
    assert _ids((await client.get("/staff?priority=urgent")).text) == [a]
    page = (await client.get("/staff")).text
    assert "damaged item</span>" in page and "urgent priority" in page
    assert (await _post(client, csrf, f"/staff/c/{a}/labels/delete", label="damaged item")).status_code == 303
    assert _ids((await client.get("/staff?label=damaged+item")).text) == []


async def test_unread_markers_are_per_agent(
    agent: tuple[httpx.AsyncClient, str], admin: tuple[httpx.AsyncClient, str], services: Services
) -> None:
    conv = _conv(services, "u-unread", "First question")
    services.store.add_message(conv, "in", "Second question")
    assert "2 unread" in (await agent[0].get("/staff")).text
    await agent[0].get(f"/staff/c/{conv}")  # bob reads it
    assert "unread" not in _row_of((await agent[0].get("/staff")).text, conv)
    assert "2 unread" in _row_of((await admin[0].get("/staff")).text, conv)  # alice has not
    services.store.add_message(conv, "in", "Third")
    assert "1 unread" in _row_of((await agent[0].get("/staff")).text, conv)


def _row_of(page: str, conv: str) -> str:
    row = page[page.index(f'<tr data-id="{conv}"') :]
    return row[: row.index("</tr>")]


async def test_canned_replies_admins_edit_agents_use(
    agent: tuple[httpx.AsyncClient, str], admin: tuple[httpx.AsyncClient, str], services: Services
) -> None:
    text = "You can return unworn items within the period in our returns policy; I will send you the form."
    r = await _post(admin[0], admin[1], "/staff/canned", shortcut="/returns", text=text)
    assert r.status_code == 303
    assert (await _post(agent[0], agent[1], "/staff/canned", shortcut="/mine", text="x")).status_code == 403
    bad = await _post(admin[0], admin[1], "/staff/canned", shortcut="/no spaces", text="x")
    assert bad.status_code == 200 and "a shortcut is" in bad.text
    conv = _conv(services, "u-c", "How do I return these?")
    page = (await agent[0].get(f"/staff/c/{conv}")).text
    assert '"shortcut": "returns"' in page and "/returns — You can return" in page
    assert "/returns" in (await agent[0].get("/staff/canned")).text
    assert (await _post(admin[0], admin[1], "/staff/canned/returns/delete")).status_code == 303
    assert (await _post(admin[0], admin[1], "/staff/canned/returns/delete")).status_code == 404
    assert InboxStore(services.store).canned() == []


async def test_a_note_mentioning_a_colleague_reaches_them(
    agent: tuple[httpx.AsyncClient, str], admin: tuple[httpx.AsyncClient, str], services: Services
) -> None:
    conv = _conv(services, "u-n", "My parcel arrived broken")
    r = await _post(agent[0], agent[1], f"/staff/c/{conv}/note", text="@alice can you approve a refund? cc @nobody")
    assert r.status_code == 303
    home = (await admin[0].get("/staff")).text
    assert 'id="mentions-badge">1 new' in home and "@ mentioned you" in _row_of(home, conv)
    mentions = (await admin[0].get("/staff/mentions")).text
    assert "can you approve a refund?" in mentions and "bob" in mentions
    await admin[0].get(f"/staff/c/{conv}")  # seen
    assert "mentions-badge" not in (await admin[0].get("/staff")).text
    assert "mentions-badge" not in (await agent[0].get("/staff")).text  # bob was not mentioned


async def test_the_customer_panel_is_readable(admin: tuple[httpx.AsyncClient, str], services: Services) -> None:
    store = services.store
    store.ensure_customer("c-panel", name="Dana Smith", email="dana@example.com")
    store.update_customer(
        "c-panel", profile={"preferences": {"sizes": ["M", "L"], "colors": ["black"], "budget": 80.0}}
    )
    for n, (day, total) in enumerate((("2026-09-01", 120.0), ("2026-10-01", 95.0), ("2026-11-01", 140.0))):
        store.db["orders"].insert(
            {
                "order_id": f"ORD-P{n}",
                "customer_id": "c-panel",
                "date": day,
                "status": "delivered",
                "items": "[]",
                "total": total,
                "currency": "USD",
            }
        )
    old = store.new_conversation("c-panel", "telegram")["id"]
    store.add_message(old, "in", "Hi")
    conv = _conv(services, "c-panel", "Where is my order?")
    page = (await admin[0].get(f"/staff/c/{conv}")).text
    panel = page[page.index('<section class="card customer">') :]
    assert "<dt>Sizes</dt><dd>M, L</dd>" in panel and "<dt>Budget</dt><dd>80.0</dd>" in panel
    assert "{&#34;" not in panel and '{"preferences"' not in panel  # no raw JSON
    assert "% likely" in panel and "because " in panel  # segments, each with its reason
    assert f'href="/staff/c/{old}"' in panel and f'href="/staff/c/{conv}"' not in panel  # the other conversations
    assert '<details class="danger-zone">' in panel and f"/staff/customers/c-panel/erase" in panel


def test_erasure_removes_the_inbox_rows_about_a_customer(services: Services) -> None:
    conv = _conv(services, "c-erase", "My parcel is damaged")
    inbox = InboxStore(services.store)
    inbox.add_label(conv, "damaged", by="bob")
    inbox.mark_read(conv, "bob")
    inbox.add_note(conv, "@alice look at this", author="bob")
    services.set_status(conv, "resolved", staff="bob")
    services.record_csat(conv, "c-erase", 2)
    services.erase_customer("c-erase")
    with services.store.tx() as db:
        for table in ("conversation_labels", "conversation_reads", "mentions", "csat"):
            assert db.execute(f"SELECT count(*) FROM {table} WHERE conversation_id = ?", [conv]).fetchone()[0] == 0, (
                table
            )

"""Dashboard campaigns over ASGI: admins create, edit (verified) and approve; agents only view; the customer panel shows consent."""

from __future__ import annotations

import re

from bot.app import Services


async def test_admin_creates_edits_and_approves_agent_only_views(admin, agent, services: Services) -> None:
    client, csrf = admin
    form = {
        "csrf": csrf,
        "name": "Denim days",
        "channel": "telegram",
        "segments": "",
        "skus": "NT-JNS-0001",
        "variants": "A:50,B:50:urgent",
        "tone": "friendly",
        "discount": "15%",
        "code": "DENIM15",
    }
    r = await client.post("/staff/campaigns", data=form)
    assert r.status_code == 303 and re.search(r"/staff/campaigns/\d+", r.headers["location"])
    page = await client.get(r.headers["location"])
    assert page.text.count("passes the verifier") == 2 and "15% off with code DENIM15" in page.text
    cid = int(re.search(r"/staff/campaigns/(\d+)", r.headers["location"]).group(1))
    bad = await client.post(
        f"/staff/campaigns/{cid}/copy",
        data={
            "csrf": csrf,
            "variant": "A",
            "segment": "all",
            "text": "Hi {first_name}! Everything 50% off today!\n🛍 {product}",
        },
    )
    assert "verifier+rejects" in bad.headers["location"] or "verifier%20rejects" in bad.headers["location"]
    ok = await client.post(
        f"/staff/campaigns/{cid}/copy",
        data={
            "csrf": csrf,
            "variant": "A",
            "segment": "all",
            "text": "Hi {first_name}! New denim, picked for you.\n🛍 {product}",
        },
    )
    assert "Copy+saved" in ok.headers["location"]
    assert any(c["source"] == "staff" for c in services.campaign_store.copies(cid))
    bob, bob_csrf = agent
    assert (await bob.get(f"/staff/campaigns/{cid}")).status_code == 200
    assert (await bob.post(f"/staff/campaigns/{cid}/approve", data={"csrf": bob_csrf})).status_code == 403
    assert (await bob.post("/staff/campaigns", data={**form, "csrf": bob_csrf})).status_code == 403
    assert "New campaign" not in (await bob.get("/staff/campaigns")).text
    r = await client.post(f"/staff/campaigns/{cid}/approve", data={"csrf": csrf})
    assert "Approved" in r.headers["location"] and services.campaign_store.get_campaign(cid)["status"] == "approved"
    assert (await client.post(f"/staff/campaigns/{cid}/approve", data={})).status_code == 403  # no CSRF token
    audit = [a["action"] for a in services.campaign_store.audit_log(f"campaign:{cid}")]
    assert audit == ["approve", "edit_copy", "draft"]


async def test_bad_campaign_form_gets_a_notice(admin) -> None:
    client, csrf = admin
    r = await client.post("/staff/campaigns", data={"csrf": csrf, "name": "x", "skus": "NOPE-1"})
    assert r.status_code == 303 and "Not+created" in r.headers["location"] and "unknown+sku" in r.headers["location"]


async def test_customer_panel_shows_consent_history(admin, services: Services) -> None:
    client, _ = admin
    services.store.ensure_customer("p1", name="Pat Doe")
    services.campaign_store.set_consent("p1", True, source="checkout form")
    services.campaign_store.set_consent("p1", False, source="telegram:/stop")
    page = await client.get("/staff/customers/p1")
    assert page.status_code == 200
    assert "checkout form" in page.text and "telegram:/stop" in page.text and "withdrawn" in page.text
    assert "No campaign messages." in page.text
    from bot.campaigns.model import Offer, Target, Variant

    cid = services.campaigns.draft(
        name="Boots for Pat",
        channel="web",
        target=Target(),
        offer=Offer(mode="products", skus=["NT-BTS-0004"]),
        variants=[Variant("A")],
        actor="staff:alice",
    )
    services.campaign_store.queue_recipients(
        cid,
        [
            {
                "customer_id": "p1",
                "variant": "A",
                "segment": "all",
                "channel": "web",
                "sku": "NT-BTS-0004",
                "offered": ["NT-BTS-0004"],
                "text": "Hi Pat!",
            }
        ],
    )
    [row] = services.campaign_store.recipients(cid)
    services.campaign_store.claim(row["id"])
    services.campaign_store.finish(row["id"], "sent")
    services.campaign_store.mark(row["id"], "clicked_at")
    page = await client.get("/staff/customers/p1")
    received = page.text[page.text.index("campaigns-received") :]
    assert f'href="/staff/campaigns/{cid}">Boots for Pat</a> (A)' in received and "<td>sent</td>" in received


async def test_metrics_page_shows_recommendation_click_and_conversion(admin, services: Services) -> None:
    from datetime import UTC, datetime

    from bot.campaigns.orders import ingest, validate_order

    client, _ = admin
    for cid in ("m1", "m2", "m3", "m4"):
        services.store.ensure_customer(cid, name="Max Test")
        services.store.event("rec_impression", customer_id=cid, sku="NT-BTS-0004", turn=1)
    services.store.event("rec_click", customer_id="m2", sku="NT-BTS-0004")
    ingest(
        services,
        [
            validate_order(
                {
                    "order_id": "M1",
                    "customer_id": "m1",
                    "date": datetime.now(UTC).isoformat(),
                    "items": [{"sku": "NT-BTS-0004"}],
                }
            )
        ],
        source="test",
    )
    page = (await client.get("/staff/metrics")).text
    tile = page[page.index('id="rec-conversion"') :]
    tile = tile[: tile.index("</div>")]
    assert "25.0%" in tile and "1 of 4 shown" in tile  # 1 purchase of the recommended product out of 4 shown

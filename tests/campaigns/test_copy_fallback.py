"""Every eligible customer gets a verified message: a copy that fails for one customer falls back to the template;
copy naming a product the offer does not carry is rejected (also half names a small model writes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.campaigns.copy import TEMPLATES, CopyWriter
from bot.campaigns.copy_eval import random_offers
from bot.campaigns.model import TONES, Offer, Target, Variant
from bot.campaigns.names import ProductNames
from bot.campaigns.service import CampaignService
from tests.campaigns.conftest import NOW, add_customers

DEMO_CATALOG = Path(__file__).resolve().parents[2] / "knowledge" / "catalog" / "products.jsonl"
JEANS = Offer(mode="products", skus=["NT-JNS-0001"])


def demo_catalog() -> list[dict]:
    return [json.loads(line) for line in DEMO_CATALOG.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_template_passes_on_the_demo_catalog():
    """The demo catalog has a brand called Guess: the playful template once said "Guess what?" and failed 19 of 200."""
    catalog = demo_catalog()
    writer = CopyWriter(None, catalog=catalog)
    for offer, segment, _ in random_offers(catalog, 40, seed=3):
        for tone in TONES:
            result = writer.write(offer, segment=segment, tone=tone)
            assert result.ok and result.text.startswith("Hi {first_name}! " + TEMPLATES[tone]), (tone, result.reasons)
            message = writer.message(
                result.text, offer, product=writer.catalog[offer.skus[0]], first_name="Alex", segment=segment, tone=tone
            )
            assert message is not None and message.source == "copy"


def test_copy_naming_a_product_outside_the_offer_is_rejected(services):
    catalog = services.kb.products()
    for model_text in (
        "The Relaxed Black Jeans are back.",  # an exact name (the verifier's own check)
        "Pair them with a warm Wool Winter coat.",  # two words of another product's name
        "Made for ankle boots season.",
    ):
        writer = CopyWriter(lambda s, u, g, t=model_text: t, catalog=catalog)
        result = writer.write(JEANS, segment="loyal", tone="calm")
        assert result.source == "template" and result.reasons, model_text
    writer = CopyWriter(lambda s, u, g: "Fresh slim jeans for the weekend.", catalog=catalog)
    assert writer.write(JEANS, segment="loyal", tone="calm").source == "model"  # the offer's own words pass


def test_a_line_name_of_another_product_is_foreign():
    catalog = [
        {
            "sku": "1",
            "name": "Gap Men's Camden Tapered Jeans",
            "brand": "Gap",
            "description": "Meet the Camden jeans: soft tapered denim.",
        },
        {
            "sku": "2",
            "name": "Michael Kors Men's Fulton Crew Socks 3-Pack",
            "brand": "Michael Kors",
            "description": "Soft crew socks.",
        },
    ]
    names = ProductNames(catalog)
    socks = "Product: Michael Kors Men's Fulton Crew Socks 3-Pack for 99.50 USD"
    assert names.foreign("A timeless piece like a Camden T-Shirt!", socks) == ["Camden"]
    assert names.foreign("Tapered jeans for you", socks) == ["Tapered jeans"]
    assert names.foreign("Fulton crew socks, three of them.", socks) == []
    assert names.foreign("Fresh camden air", socks) == []  # a lower-case word is not a line name


def test_a_filled_message_that_fails_falls_back_to_the_template(services):
    """Recommend mode: the copy is checked with one product, and a customer is shown another."""
    catalog = services.kb.products()
    writer = CopyWriter(None, catalog=catalog)
    offer = Offer(mode="recommend")
    copy = "Hi {first_name}! Slim Blue Jeans, our favourite.\n🛍 {product}"
    boots = writer.catalog["NT-BTS-0004"]
    message = writer.message(copy, offer, product=boots, first_name="Sam", segment="all", tone="playful")
    assert message is not None and message.source == "template" and message.reasons
    assert message.text == "Hi Sam! Look what we found just for you!\n🛍 Leather Ankle Boots for 120.00 USD"
    jeans = writer.catalog["NT-JNS-0001"]
    same = writer.message(copy, offer, product=jeans, first_name="Sam", segment="all", tone="playful")
    assert same is not None and same.source == "copy"


def test_the_queue_sends_the_template_to_customers_the_copy_fails_for(services):
    ids = add_customers(services, 4)
    cs = CampaignService(services, clock=lambda: NOW)
    cid = cs.draft(name="Jeans", target=Target(), offer=JEANS, variants=[Variant("A", 1, "friendly")], actor="admin")
    cs.approve(cid, actor="admin")
    # a copy that fails the verifier (a price nobody typed), stored behind the approval's back
    services.campaign_store.save_copy(
        cid, "A", "all", "Hi {first_name}! Only 9.99 USD today.\n🛍 {product}", source="staff", verdict={"ok": True}
    )
    result = cs.queue(cid, actor="admin")
    assert result["queued"] == 4 and result["template_fallbacks"] == 4 and result["excluded"] == {}
    rows = services.campaign_store.recipients(cid)
    assert sorted(r["customer_id"] for r in rows) == ids
    for r in rows:
        assert "9.99" not in r["text"] and r["text"].startswith("Hi Sam") and TEMPLATES["friendly"] in r["text"]
        assert (
            cs.writer.verify_message(
                r["text"],
                JEANS,
                product=cs.writer.catalog["NT-JNS-0001"],
                first_name=r["text"][3:].split("!")[0],
                segment="all",
                tone="friendly",
            )
            == []
        )


@pytest.mark.parametrize("tone", TONES)
def test_when_even_the_tone_template_fails_the_bare_message_goes(tone):
    """A shop whose catalog has a line named like a template word still gets a verified message."""
    word = TEMPLATES[tone].split()[0].strip("?,.!")
    catalog = [
        {"sku": "X1", "name": f"{word} Runner Shoes", "brand": "Acme", "price": 10.0, "currency": "USD"},
        {"sku": "X2", "name": "Plain Tee", "brand": "Acme", "price": 5.0, "currency": "USD"},
    ]
    writer = CopyWriter(None, catalog=catalog)
    offer = Offer(mode="products", skus=["X2"])
    result = writer.write(offer, segment="all", tone=tone)
    assert result.ok
    message = writer.message(
        result.text, offer, product=writer.catalog["X2"], first_name="Jo", segment="all", tone=tone
    )
    assert message is not None and "Plain Tee for 5.00 USD" in message.text

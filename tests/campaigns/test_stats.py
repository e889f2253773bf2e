"""Wilson intervals and the two-proportion z-test against values computed by hand / published tables."""

from __future__ import annotations

import math

import pytest

from bot.campaigns.stats import two_proportion_z, wilson


def test_wilson_matches_the_textbook_example():
    # Newcombe (1998), example: 81/263 -> 0.2553 .. 0.3662
    lo, hi = wilson(81, 263)
    assert lo == pytest.approx(0.2553, abs=5e-4) and hi == pytest.approx(0.3662, abs=5e-4)


def test_wilson_edges():
    assert wilson(0, 0) == (0.0, 1.0)
    lo, hi = wilson(0, 10)
    assert lo == 0.0 and hi == pytest.approx(0.2775, abs=5e-4)
    lo, hi = wilson(10, 10)
    assert hi == pytest.approx(1.0) and lo == pytest.approx(0.7225, abs=5e-4)
    with pytest.raises(ValueError):
        wilson(11, 10)


def test_two_proportion_z_test():
    # 120/1000 vs 150/1000: pooled p = 0.135, se = sqrt(.135*.865*(2/1000)) = 0.015283, z = 1.963, p = 0.0497
    t = two_proportion_z(120, 1000, 150, 1000)
    assert t.z == pytest.approx(1.963, abs=2e-3)
    assert t.p_value == pytest.approx(0.0497, abs=5e-4)
    assert t.significant and "significant" in t.note()
    same = two_proportion_z(50, 500, 52, 500)
    assert not same.significant and "not significant" in same.note()
    empty = two_proportion_z(0, 0, 3, 10)
    assert math.isnan(empty.z) and empty.p_value == 1.0 and "not enough data" in empty.note()
    assert math.isnan(two_proportion_z(0, 10, 0, 10).z)


def test_report_reads_the_ab_test_from_sqlite(services):
    """The campaign report on real SQLite: per-variant counts, Wilson intervals and the z-test from stored rows.

    A: 12 of 100 sent converted (+ 5 failed), B: 30 of 100 (+ 1 skipped). Pooled p = 42/200 = 0.21,
    se = sqrt(0.21 * 0.79 * 2/100) = 0.05760, z = 0.18 / 0.05760 = 3.125, two-sided p = 0.0018.
    """
    from bot.campaigns.model import Offer, Target, Variant
    from bot.campaigns.report import campaign_report
    from bot.campaigns.service import CampaignService

    cs = CampaignService(services)
    cstore = services.campaign_store
    cid = cs.draft(
        name="A/B",
        target=Target(),
        offer=Offer(mode="products", skus=["NT-JNS-0001"]),
        variants=[Variant("A", 1, "friendly"), Variant("B", 1, "urgent")],
        actor="admin",
    )
    plan = {"A": (100, 12, 5, 0), "B": (100, 30, 0, 1)}  # sent, converted, failed, skipped
    rows = [
        {
            "customer_id": f"{v}{i:03d}",
            "variant": v,
            "segment": "all",
            "channel": "telegram",
            "chat_id": str(i),
            "sku": "NT-JNS-0001",
            "offered": ["NT-JNS-0001"],
            "text": "Hi",
        }
        for v, (sent, _, failed, skipped) in plan.items()
        for i in range(sent + failed + skipped)
    ]
    assert cstore.queue_recipients(cid, rows) == 206
    for v, (sent, converted, failed, skipped) in plan.items():
        mine = [r for r in cstore.recipients(cid) if r["variant"] == v]
        for n, r in enumerate(mine):
            status = "sent" if n < sent else "failed" if n < sent + failed else "skipped"
            cstore.finish(r["id"], status, reason=None if status == "sent" else "test")
            if n < converted:
                cstore.add_purchase(r["id"], order_id=f"O-{v}{n}", when="2026-11-20T12:00:00.000+00:00", amount=10.0)
    report = campaign_report(cstore, cid)
    a, b = report["variants"]["A"], report["variants"]["B"]
    assert (a["sent"], a["failed"], a["converted"], a["revenue"]) == (100, 5, 12, 120.0)
    assert (b["sent"], b["skipped"], b["converted"], b["revenue"]) == (100, 1, 30, 300.0)
    assert b["conversion_ci"] == pytest.approx([0.2189, 0.3958], abs=2e-4)  # Wilson 30/100, published tables
    assert report["total"]["sent"] == 200 and report["total"]["converted"] == 42
    (test,) = report["ab_tests"]
    assert (test["a"], test["b"]) == ("A", "B")
    assert test["z"] == pytest.approx(3.125, abs=2e-3) and test["p_value"] == pytest.approx(0.0018, abs=1e-4)
    assert test["significant"] and report["reasons"] == {"test": 6}

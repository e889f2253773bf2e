"""Segment tags: softmax over RFM and message features, calibrated on CDNOW."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.recommend.interactions import DataFileError
from bot.recommend.segments import Purchase, SegmentModel
from bot.recommend.segments_calibrate import calibrate, holdout_check, read_cdnow

CDNOW = Path("/work/shared/data/cdnow/CDNOW_master.txt")
TODAY = date(2026, 6, 1)


def buys(*days_ago: int, amount: float = 40.0, **kw) -> list[Purchase]:
    return [Purchase(TODAY - timedelta(days=d), amount, **kw) for d in days_ago]


def names(tags) -> set[str]:
    return {t.name for t in tags}


@pytest.fixture(scope="module")
def seg() -> SegmentModel:
    return SegmentModel.load()


def test_packaged_parameters_carry_attribution(seg):
    assert "CDNOW" in seg.params["source"] and "MIT" in seg.params["licence"]
    assert seg.thresholds["recent_days"] < seg.thresholds["lapsed_days"]


def test_rfm_tags(seg):
    assert "new" in names(seg.tags(buys(3), today=TODAY))
    loyal = seg.tags(buys(2, 20, 40, 60, 90, 120), today=TODAY)
    assert "loyal" in names(loyal) and "at risk" not in names(loyal)
    lapsed = seg.tags(buys(200, 260, 300, 330), today=TODAY)
    assert "at risk" in names(lapsed) and "loyal" not in names(lapsed)
    assert "high value" in names(seg.tags(buys(10, 50, amount=400.0), today=TODAY))
    assert names(seg.tags(buys(100), today=TODAY)) == set()


def test_each_tag_explains_itself(seg):
    tag = next(t for t in seg.tags(buys(200, 260, 300, 330), today=TODAY) if t.name == "at risk")
    assert "no order for 200 days" in tag.explanation
    assert "lapsed" in tag.drivers
    assert 0.0 < tag.probability <= 1.0


def test_bargain_and_gift_from_orders_and_category_affinity(seg):
    bargain = buys(5, 40, 90, discounted=True)
    assert "bargain hunter" in names(seg.tags(bargain, today=TODAY))
    gifts = buys(15, 70, amount=20.0, gift=True, categories=("scarf",)) + buys(
        30, amount=20.0, gift=True, categories=("jacket",)
    )
    tags = seg.tags(gifts, today=TODAY)
    assert "gift buyer" in names(tags)
    assert "likes scarf" in names(tags) and "likes jacket" not in names(tags)


def test_messages_count_through_embeddings(seg, hashing_embed):
    plain = SegmentModel(seg.params, embed=hashing_embed)
    params = {**seg.params, "message_similarity": {"center": 0.3, "scale": 0.05}}
    model = SegmentModel(params, embed=hashing_embed)
    said = model.tags(buys(60), today=TODAY, messages=["is there a discount or coupon code?"])
    assert "bargain hunter" in names(said)
    assert "bargain hunter" not in names(plain.tags(buys(60), today=TODAY, messages=["where is my parcel"]))


def test_population_rescales_money_to_the_shops_currency(seg):
    rich = seg.with_population({"monetary": [1000.0 * n for n in range(1, 101)]})
    assert rich.thresholds["monetary"] > 10 * seg.thresholds["monetary"]
    assert "high value" not in names(rich.tags(buys(10, 50, amount=400.0), today=TODAY))


def test_bad_parameters_are_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="incomplete"):
        SegmentModel({"thresholds": {}})
    bad = tmp_path / "s.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read"):
        SegmentModel.load(bad)


@pytest.mark.skipif(not CDNOW.exists(), reason="CDNOW data not available on this machine")
def test_cdnow_holdout_at_risk_buy_again_less_than_loyal():
    customers = read_cdnow(CDNOW)
    assert len(customers) == 23570
    result = holdout_check(customers, SegmentModel(calibrate(customers)))
    assert result["at risk"]["repeat_rate"] < result["loyal"]["repeat_rate"]
    assert result["loyal"]["repeat_rate"] > result["all"]["repeat_rate"]
    assert result["high value"]["holdout_spend"] > result["all"]["holdout_spend"]


def test_purchases_from_orders_reads_categories_discounts_and_gifts():
    from bot.recommend.catalog import purchases_from_orders

    orders = [
        {
            "order_id": "A",
            "customer_id": "c1",
            "date": "2026-05-01T10:00:00Z",
            "total": 80.0,
            "items": [{"sku": "J1"}],
            "promo_code": "SPRING",
        },
        {
            "order_id": "B",
            "customer_id": "c1",
            "date": "2026-05-20T10:00:00Z",
            "total": 30.0,
            "items": [{"sku": "S1"}],
            "gift_message": "Happy birthday",
        },
        {
            "order_id": "C",
            "customer_id": "c1",
            "date": "2026-05-21T10:00:00Z",
            "total": 99.0,
            "items": [{"sku": "S1"}],
            "status": "cancelled",
        },
    ]
    got = purchases_from_orders(
        orders, products=[{"sku": "J1", "category": "jacket"}, {"sku": "S1", "category": "scarf"}]
    )
    assert got == {
        "c1": [
            Purchase(date(2026, 5, 1), 80.0, ("jacket",), True, False),
            Purchase(date(2026, 5, 20), 30.0, ("scarf",), False, True),
        ]
    }
    with pytest.raises(DataFileError, match="usable date"):
        purchases_from_orders([{"order_id": "X", "customer_id": "c", "total": 1.0}])

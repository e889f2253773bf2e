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

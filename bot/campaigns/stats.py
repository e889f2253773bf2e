"""Rates with 95% intervals (Wilson score) and the two-proportion z-test for A/B variants."""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054


def wilson(successes: int, trials: int, *, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion; (0, 1) when there are no trials."""
    if trials <= 0:
        return 0.0, 1.0
    if not 0 <= successes <= trials:
        raise ValueError(f"successes must be within 0..trials, got {successes}/{trials}")
    p = successes / trials
    denom = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denom
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True, slots=True)
class ZTest:
    """Two-proportion z-test of variant A against variant B."""

    z: float
    p_value: float
    difference: float  # rate B - rate A

    @property
    def significant(self) -> bool:
        """p < 0.05 (two-sided)."""
        return self.p_value < 0.05

    def note(self, a: str = "A", b: str = "B") -> str:
        """One sentence for the report."""
        if math.isnan(self.z):
            return f"{a} vs {b}: not enough data for a test"
        verdict = "significant" if self.significant else "not significant"
        return f"{b} - {a} = {self.difference:+.1%} conversion (z = {self.z:.2f}, p = {self.p_value:.3f}, {verdict} at the 5% level)"


def two_proportion_z(k1: int, n1: int, k2: int, n2: int) -> ZTest:
    """Pooled two-proportion z-test, two-sided; NaN z and p = 1 when either group is empty or the pooled rate is 0 or 1."""
    if n1 <= 0 or n2 <= 0:
        return ZTest(float("nan"), 1.0, 0.0)
    p1, p2 = k1 / n1, k2 / n2
    pooled = (k1 + k2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return ZTest(float("nan"), 1.0, p2 - p1)
    z = (p2 - p1) / se
    return ZTest(z, math.erfc(abs(z) / math.sqrt(2)), p2 - p1)

"""Customer segment tags: P(tag | customer) proportional to exp f(customer, tag).

f is linear in a few interpretable features: soft RFM indicators (recency, frequency,
monetary value, tenure) whose thresholds were calibrated on the CDNOW purchase histories
(see `bot/data/segments.json`), the share of discounted and gift orders, and how close
the customer's own messages are to short descriptions of bargain hunting and gift buying
(sentence embeddings). A background tag "regular" absorbs customers who fit nothing;
every tag whose probability clears its threshold is reported with the features behind it.
Category affinities are reported separately, from the customer's purchase shares.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bot.errors import ConfigError

Embed = Callable[[list[str]], np.ndarray]
DEFAULT_PARAMS = Path(__file__).resolve().parent.parent / "data" / "segments.json"


@dataclass(frozen=True, slots=True)
class Purchase:
    """One order: when, how much, and what kind."""

    day: date
    amount: float
    categories: tuple[str, ...] = ()
    discounted: bool = False
    gift: bool = False


@dataclass(frozen=True, slots=True)
class Tag:
    """One segment tag with its probability and the features that drove it."""

    name: str
    probability: float
    explanation: str
    drivers: dict[str, float] = field(default_factory=dict)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))


def _as_day(value: date | datetime | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if len(text) == 8 and text.isdigit():
            return datetime.strptime(text, "%Y%m%d").date()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise ConfigError(f"not a date: {value!r}") from None


def rfm(purchases: Iterable[Purchase], *, today: date) -> dict[str, float]:
    """Raw features: recency/tenure in days, frequency (orders), monetary (total), discount and gift shares."""
    ps = [p for p in purchases if p.day <= today]
    if not ps:
        return {
            "recency_days": math.inf,
            "tenure_days": 0.0,
            "frequency": 0.0,
            "monetary": 0.0,
            "discount_share": 0.0,
            "gift_share": 0.0,
        }
    days = sorted(p.day for p in ps)
    return {
        "recency_days": float((today - days[-1]).days),
        "tenure_days": float((today - days[0]).days),
        "frequency": float(len({p.day for p in ps})),  # distinct purchase days, as in the lifetimes package
        "monetary": float(sum(p.amount for p in ps)),
        "discount_share": sum(p.discounted for p in ps) / len(ps),
        "gift_share": sum(p.gift for p in ps) / len(ps),
    }


class SegmentModel:
    """Scores the segment tags for one customer from calibrated parameters."""

    def __init__(self, params: Mapping[str, Any], *, embed: Embed | None = None) -> None:
        try:
            self.thresholds: dict[str, float] = dict(params["thresholds"])
            self.scales: dict[str, float] = dict(params["scales"])
            self.weights: dict[str, dict[str, float]] = {t: dict(w) for t, w in params["weights"].items()}
            self.report_threshold: dict[str, float] = dict(params["report_threshold"])
            self.prototypes: dict[str, list[str]] = {k: list(v) for k, v in params.get("prototypes", {}).items()}
            self.message_sim: dict[str, float] = dict(params.get("message_similarity", {"center": 0.45, "scale": 0.05}))
            self.affinity_min_share = float(params.get("affinity_min_share", 0.4))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(f"segment parameters are incomplete: {exc}") from None
        self.params = dict(params)
        self.embed = embed
        self._proto_vecs: dict[str, np.ndarray] = {}

    @classmethod
    def load(cls, path: str | Path | None = None, *, embed: Embed | None = None) -> SegmentModel:
        """Read parameters from a JSON file (default: the packaged `bot/data/segments.json`)."""
        try:
            text = Path(path or DEFAULT_PARAMS).read_text(encoding="utf-8")
            return cls(json.loads(text), embed=embed)
        except (OSError, json.JSONDecodeError) as exc:
            raise ConfigError(
                f"cannot read segment parameters from {path or 'bot/data/segments.json'}: {exc}"
            ) from None

    def with_population(self, populations: Mapping[str, Iterable[float]]) -> SegmentModel:
        """A copy whose thresholds use the same quantiles of this shop's own customers (e.g. monetary in its currency)."""
        params = json.loads(json.dumps(self.params))
        for feature, values in populations.items():
            q = params.get("quantiles", {}).get(feature)
            vals = np.asarray([v for v in values if math.isfinite(v)], np.float64)
            if q is None or len(vals) < 10:
                continue
            params["thresholds"][feature] = float(np.quantile(vals, q))
            params["scales"][feature] = max(float(np.std(vals)) * 0.15, 1e-6)
        return SegmentModel(params, embed=self.embed)

    def features(self, raw: Mapping[str, float], *, messages: Iterable[str] = ()) -> dict[str, float]:
        """Soft indicators in [0, 1] built from raw RFM values and the customer's messages."""
        t, s = self.thresholds, self.scales
        rec = raw["recency_days"]
        active = raw["frequency"] > 0
        feats = {
            "recent": _sigmoid((t["recent_days"] - rec) / s["recent_days"]) if active else 0.0,
            "lapsed": _sigmoid((rec - t["lapsed_days"]) / s["lapsed_days"]) if active else 0.0,
            "frequent": _sigmoid((raw["frequency"] - t["frequency"]) / s["frequency"]),
            "repeat": 1.0 if raw["frequency"] >= 2 else 0.0,
            "big_spender": _sigmoid((raw["monetary"] - t["monetary"]) / s["monetary"]) if active else 0.0,
            "newcomer": _sigmoid((t["new_days"] - raw["tenure_days"]) / s["new_days"]) if active else 1.0,
            "discount_share": raw.get("discount_share", 0.0),
            "gift_share": raw.get("gift_share", 0.0),
        }
        feats.update(self._message_features(list(messages)))
        return feats

    def _message_features(self, messages: list[str]) -> dict[str, float]:
        out = {f"says_{k}": 0.0 for k in self.prototypes}
        texts = [m for m in messages if m and m.strip()]
        if not texts or self.embed is None:
            return out
        vecs = self.embed(texts)
        for name, protos in self.prototypes.items():
            if name not in self._proto_vecs:
                self._proto_vecs[name] = self.embed(protos)
            sim = float((vecs @ self._proto_vecs[name].T).max())
            out[f"says_{name}"] = _sigmoid((sim - self.message_sim["center"]) / self.message_sim["scale"])
        return out

    def probabilities(self, feats: Mapping[str, float]) -> dict[str, float]:
        """Softmax over tags of f(x, y) = bias_y + sum_k w_yk * feature_k."""
        logits = {
            tag: w.get("bias", 0.0) + sum(v * feats.get(k, 0.0) for k, v in w.items() if k != "bias")
            for tag, w in self.weights.items()
        }
        top = max(logits.values())
        exp = {tag: math.exp(v - top) for tag, v in logits.items()}
        total = sum(exp.values())
        return {tag: v / total for tag, v in exp.items()}

    def tags(
        self, purchases: Iterable[Purchase], *, today: date | datetime | str, messages: Iterable[str] = ()
    ) -> list[Tag]:
        """Every tag whose probability clears its threshold (multi-label), most likely first, plus category affinities."""
        purchases = list(purchases)
        raw = rfm(purchases, today=_as_day(today))
        feats = self.features(raw, messages=messages)
        probs = self.probabilities(feats)
        out = []
        for tag, p in sorted(probs.items(), key=lambda kv: -kv[1]):
            if tag == "regular" or p < self.report_threshold.get(tag, 0.5):
                continue
            contrib = {k: v * feats.get(k, 0.0) for k, v in self.weights[tag].items() if k != "bias"}
            drivers = {k: round(c, 3) for k, c in sorted(contrib.items(), key=lambda kv: -kv[1]) if c > 0.05}
            out.append(Tag(tag.replace("_", " "), round(p, 3), self._explain(drivers, raw), drivers))
        out.extend(self.affinities(purchases))
        return out

    def affinities(self, purchases: Iterable[Purchase]) -> list[Tag]:
        """'likes <category>' for each category holding a large share of the customer's purchases."""
        counts = Counter(c for p in purchases for c in p.categories if c)
        total = sum(counts.values())
        if total < 2:
            return []
        k = len(counts)
        tags = []
        for cat, n in counts.most_common():
            share = (n + 0.5) / (total + 0.5 * k)  # smoothed so one purchase is not a passion
            if share >= self.affinity_min_share:
                tags.append(
                    Tag(
                        f"likes {cat}",
                        round(share, 3),
                        f"{n} of {total} purchased items are {cat}",
                        {"share": round(share, 3)},
                    )
                )
        return tags

    @staticmethod
    def _explain(drivers: Mapping[str, float], raw: Mapping[str, float]) -> str:
        words = {
            "recent": f"last order {raw['recency_days']:.0f} days ago",
            "lapsed": f"no order for {raw['recency_days']:.0f} days",
            "frequent": f"{raw['frequency']:.0f} orders",
            "repeat": f"{raw['frequency']:.0f} orders",
            "big_spender": f"spent {raw['monetary']:.2f} in total",
            "newcomer": f"first order {raw['tenure_days']:.0f} days ago"
            if math.isfinite(raw["tenure_days"]) and raw["frequency"]
            else "no orders yet",
            "discount_share": f"{raw.get('discount_share', 0):.0%} of orders discounted",
            "gift_share": f"{raw.get('gift_share', 0):.0%} of orders were gifts",
        }
        parts = list(
            dict.fromkeys(words.get(k, k.replace("says_", "messages sound like ").replace("_", " ")) for k in drivers)
        )
        return "; ".join(parts) or "no strong signal"

"""Turn retrieval scores into a calibrated 0..1 confidence that the top hit answers the question."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from bot.domain import Decision, Hit

CALIBRATION_FILE = Path(__file__).resolve().parent.parent / "data" / "retrieval_calibration.json"


# The hashing embedder (tests only) gives lower cosines for the same relevance than MiniLM.
DEFAULTS: dict[str, dict[str, float]] = {"hashing": {"bias": -3.0, "w_dense": 11.0, "w_lexical": 1.0}}


@dataclass(frozen=True, slots=True)
class Calibration:
    """Logistic model over (top dense cosine, lexical support): p = σ(w0 + w1·cos + w2·lex)."""

    bias: float = -5.0
    w_dense: float = 11.0
    w_lexical: float = 1.0
    answer_threshold: float = 0.5  # at or above: answer
    clarify_threshold: float = 0.25  # between: ask a clarifying question; below: hand off

    @classmethod
    def load(cls, embedder: str = "minilm", *, path: Path = CALIBRATION_FILE) -> Calibration:
        """The shipped calibration for an embedder, or that embedder's defaults."""
        data = json.loads(path.read_text(encoding="utf-8")).get(embedder) if path.exists() else None
        if not data:
            data = DEFAULTS.get(embedder, {})
        return cls(**{k: float(v) for k, v in data.items() if k in cls.__dataclass_fields__})

    def features(self, hits: list[Hit]) -> tuple[float, float]:
        """(top dense cosine, 1 if the top hit also has lexical support else 0)."""
        if not hits:
            return 0.0, 0.0
        top = hits[0]
        dense = max((h.dense_score or 0.0) for h in hits[:3])
        return dense, 1.0 if top.lexical_score else 0.0

    def confidence(self, hits: list[Hit]) -> float:
        """The probability that the best hit is relevant."""
        if not hits:
            return 0.0
        dense, lexical = self.features(hits)
        z = self.bias + self.w_dense * dense + self.w_lexical * lexical
        return 1.0 / (1.0 + math.exp(-z))

    def decide(self, confidence: float) -> Decision:
        """Answer, ask to clarify, or hand off, by the calibrated thresholds."""
        if confidence >= self.answer_threshold:
            return Decision.ANSWER
        if confidence >= self.clarify_threshold:
            return Decision.CLARIFY
        return Decision.HANDOFF

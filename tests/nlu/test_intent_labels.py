"""The label table covers every shipped training label and every shopbot intent."""

from __future__ import annotations

import collections
import csv

from bot.domain import Intent
from bot.nlu.labels import LABEL_TO_INTENT, OOS_LABEL, intent_for, normalise_label
from bot.nlu.training import DATA_DIR, SHIPPED_FILES, load_training_data


def test_every_shipped_label_maps_to_an_intent() -> None:
    for name, (_, label_col) in SHIPPED_FILES.items():
        with (DATA_DIR / name).open(encoding="utf-8-sig", newline="") as f:
            raw = {normalise_label(row[label_col]) for row in csv.DictReader(f)}
        unmapped = {lab for lab in raw if intent_for(lab) is None}
        assert unmapped == set(), f"{name}: {sorted(unmapped)}"


def test_shipped_data_reaches_every_intent_with_enough_examples() -> None:
    rows = load_training_data()
    per_intent = collections.Counter(LABEL_TO_INTENT[lab] for lab in rows.labels)
    assert set(per_intent) == set(Intent)
    assert min(per_intent.values()) >= 100
    assert per_intent[Intent.OUT_OF_SCOPE] == rows.labels.count(OOS_LABEL)


def test_intent_for_knows_fine_labels_and_intent_names() -> None:
    assert intent_for("track_order") is Intent.ORDER_STATUS
    assert intent_for("chat_with_agent") is Intent.HUMAN_AGENT
    assert intent_for("payment") is Intent.PAYMENT
    assert intent_for("no_such_label") is None
    assert normalise_label(" CHAT_WITH_AGENT ") == "chat_with_agent"
    assert normalise_label("Order Status") == "order_status"


def test_attribution_names_every_shipped_file() -> None:
    text = (DATA_DIR / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for name in SHIPPED_FILES:
        assert name in text

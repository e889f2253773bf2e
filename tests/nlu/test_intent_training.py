"""load_or_train honours SHOPBOT_INTENT_MODEL and the published `current` model; shipped data loads capped."""

from __future__ import annotations

import collections

import pytest

from bot.config import Settings
from bot.errors import ModelError
from bot.nlu import model_store
from bot.nlu.classifier import IntentClassifier
from bot.nlu.labels import OOS_LABEL
from bot.nlu.training import load_or_train, load_training_data, model_root


def _small_model(intent_rows) -> IntentClassifier:
    sentences, labels = intent_rows(0)
    fine = {"track": "track_order", "cancel": "cancel_order", "refund": "get_refund"}
    return IntentClassifier(embedder="hashing").fit(sentences, [fine[x] for x in labels])


def test_configured_model_folder_is_loaded(tmp_path, intent_rows) -> None:
    _small_model(intent_rows).save(tmp_path / "mine")
    settings = Settings(home=tmp_path / "home", intent_model=str(tmp_path / "mine"), _env_file=None)
    clf = load_or_train(settings)
    assert clf.labels == ["cancel_order", "get_refund", "track_order"]
    assert not (tmp_path / "home" / "models" / "intent").exists()  # nothing was trained


def test_missing_configured_model_is_a_clear_error(tmp_path) -> None:
    settings = Settings(home=tmp_path, intent_model=str(tmp_path / "nope"), _env_file=None)
    with pytest.raises(ModelError, match="SHOPBOT_INTENT_MODEL points at .*nope"):
        load_or_train(settings)


def test_published_current_model_is_loaded_without_training(tmp_path, intent_rows) -> None:
    settings = Settings(home=tmp_path, embedder="hashing", _env_file=None)
    model = _small_model(intent_rows)
    version = model_store.build_version(model_root(settings), model.save)
    clf = load_or_train(settings)
    assert clf.labels == model.labels
    assert model_store.current(model_root(settings)) == version.resolve()


def test_caps_keep_every_label_and_are_deterministic() -> None:
    full = load_training_data()
    capped = load_training_data(max_per_label=50, max_out_of_scope=300)
    again = load_training_data(max_per_label=50, max_out_of_scope=300)
    assert capped == again
    counts = collections.Counter(capped.labels)
    assert set(counts) == set(full.labels)
    assert counts[OOS_LABEL] == 300
    assert max(n for lab, n in counts.items() if lab != OOS_LABEL) == 50

"""IntentClassifier on synthetic data with the hashing embedder: fit, predict, OOS, save/load."""

from __future__ import annotations

import json

import numpy as np
import pytest

from bot.domain import Intent, IntentPrediction
from bot.errors import ModelError
from bot.nlu.classifier import IntentClassifier


def test_fit_predicts_the_right_labels_on_unseen_wording(intent_rows) -> None:
    sentences, labels = intent_rows(0)
    clf = IntentClassifier(embedder="hashing").fit(sentences, labels)
    preds = clf.classify_many(["where is my laptop", "please cancel my jacket", "I want a refund for the shoes"])
    assert [p.label for p in preds] == ["track", "cancel", "refund"]
    assert all(0.0 < p.confidence <= 1.0 for p in preds)
    assert clf.labels == ["cancel", "refund", "track"]


def test_probabilities_are_a_softmax_over_labels(intent_rows) -> None:
    sentences, labels = intent_rows(0)
    clf = IntentClassifier(embedder="hashing").fit(sentences, labels)
    probs = clf.predict_proba(["track my parcel", "cancel it"])
    assert probs.shape == (2, 3)
    np.testing.assert_allclose(probs.sum(axis=1), [1.0, 1.0], rtol=1e-5)
    assert (probs > 0).all()


def test_top3_scores_are_sorted_and_name_labels(intent_rows) -> None:
    sentences, labels = intent_rows(0)
    clf = IntentClassifier(embedder="hashing").fit(sentences, labels)
    top = clf.classify_many(["track my parcel"])[0].top
    assert [lab for lab, _ in top][0] == "track"
    assert [p for _, p in top] == sorted((p for _, p in top), reverse=True)
    assert len(top) == 3


def test_save_and_load_give_identical_predictions(tmp_path, intent_rows) -> None:
    sentences, labels = intent_rows(0, with_oos=True)
    clf = IntentClassifier(embedder="hashing").fit(sentences, labels, oos_label="oos", holdout=0.3)
    clf.save(tmp_path / "model")
    loaded = IntentClassifier.load(tmp_path / "model")
    probe = ["track my jacket", "cancel the order", "weather in rome", "refund please", "zzz qqq"]
    np.testing.assert_allclose(loaded.predict_proba(probe), clf.predict_proba(probe), rtol=1e-5, atol=1e-7)
    assert loaded.classify_many(probe) == clf.classify_many(probe)
    assert loaded.threshold == clf.threshold
    assert loaded.labels == clf.labels


def test_artifact_holds_no_pickle_and_names_its_format(tmp_path, intent_rows) -> None:
    sentences, labels = intent_rows(0)
    IntentClassifier(embedder="hashing").fit(sentences, labels).save(tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "meta.json").read_text())
    assert meta["format_version"] == 1
    assert meta["embedder"] == "hashing"
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == [
        "features.json",
        "idf.npz",
        "meta.json",
        "weights.npz",
    ]
    with np.load(tmp_path / "m" / "weights.npz", allow_pickle=False) as w:
        assert w["coef"].shape[0] == 3


def test_loading_a_newer_format_version_fails_clearly(tmp_path, intent_rows) -> None:
    sentences, labels = intent_rows(0)
    IntentClassifier(embedder="hashing").fit(sentences, labels).save(tmp_path / "m")
    meta_path = tmp_path / "m" / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["format_version"] = 99
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="format version 99"):
        IntentClassifier.load(tmp_path / "m")


def test_loading_a_folder_without_a_model_fails_clearly(tmp_path) -> None:
    with pytest.raises(ModelError, match="no meta.json"):
        IntentClassifier.load(tmp_path)


def test_oos_threshold_is_chosen_on_held_out_data_and_rejects_far_inputs(intent_rows) -> None:
    sentences, labels = intent_rows(1, per_label=30, with_oos=True)
    clf = IntentClassifier(embedder="hashing").fit(sentences, labels, oos_label="oos", holdout=0.3)
    assert clf.threshold is not None
    assert clf.metadata["validation"]["n"] > 0
    # gibberish shares no n-grams with training data: low similarity and a flat softmax
    far = clf.classify_many(["xylophone quokka zeppelin"])[0]
    assert far.out_of_scope
    assert far.label == "oos"
    near = clf.classify_many(["where is my parcel"])[0]
    assert not near.out_of_scope
    assert near.label == "track"


def test_a_higher_threshold_rejects_more(intent_rows) -> None:
    sentences, labels = intent_rows(2, with_oos=True)
    clf = IntentClassifier(embedder="hashing").fit(sentences, labels, oos_label="oos", holdout=0.3)
    probe = ["where is my parcel", "cancel the jacket", "refund the shoes", "track laptop"]
    scores = [p.oos_score for p in clf.classify_many(probe, threshold=float("-inf"))]
    assert not any(p.out_of_scope for p in clf.classify_many(probe, threshold=min(scores) - 1e-6))
    assert all(p.out_of_scope for p in clf.classify_many(probe, threshold=max(scores) + 1e-6))


def test_explicit_validation_data_is_used_for_the_threshold(intent_rows) -> None:
    sentences, labels = intent_rows(3, with_oos=True)
    val_s, val_l = intent_rows(4, per_label=5, with_oos=True)
    clf = IntentClassifier(embedder="hashing").fit(
        sentences, labels, oos_label="oos", val_sentences=val_s, val_labels=val_l
    )
    assert clf.metadata["validation"]["n"] == len(val_s)
    assert clf.metadata["n_train"] == len(sentences)


def test_without_oos_label_nothing_is_rejected(intent_rows) -> None:
    sentences, labels = intent_rows(0)
    clf = IntentClassifier(embedder="hashing").fit(sentences, labels)
    assert clf.threshold is None
    assert not clf.classify_many(["xylophone quokka zeppelin"])[0].out_of_scope


def test_predict_maps_fine_labels_through_the_label_table(intent_rows) -> None:
    sentences, labels = intent_rows(0, with_oos=True)
    mapped = {"track": "track_order", "cancel": "cancel_order", "refund": "get_refund", "oos": "out_of_scope"}
    fine = [mapped[lab] for lab in labels]
    clf = IntentClassifier(embedder="hashing").fit(sentences, fine, oos_label="out_of_scope", holdout=0.3)
    pred = clf.predict("where is my parcel")
    assert isinstance(pred, IntentPrediction)
    assert pred.intent is Intent.ORDER_STATUS
    assert pred.label == "track_order"
    assert not pred.out_of_scope
    assert set(pred.scores) <= set(clf.labels)
    many = clf.predict_many(["cancel my order", "xylophone quokka zeppelin"])
    assert many[0].intent is Intent.ORDER_CHANGE
    assert many[1].intent is Intent.OUT_OF_SCOPE and many[1].out_of_scope


def test_predict_refuses_labels_without_a_shopbot_intent(intent_rows) -> None:
    sentences, labels = intent_rows(0)
    clf = IntentClassifier(embedder="hashing").fit(sentences, labels)
    with pytest.raises(ModelError, match="has no shopbot intent"):
        clf.predict("track my parcel")


def test_label_map_groups_probabilities_before_the_decision(intent_rows) -> None:
    sentences, labels = intent_rows(0)
    # two fine labels that mean the same thing share their probability mass
    split = [("track_a" if i % 2 else "track_b") if lab == "track" else lab for i, lab in enumerate(labels)]
    grouped = IntentClassifier(embedder="hashing").fit(
        sentences, split, label_map={"track_a": "order_status", "track_b": "order_status"}
    )
    pred = grouped.classify_many(["where is my parcel"])[0]
    probs = dict(zip(grouped.labels, grouped.predict_proba(["where is my parcel"])[0], strict=True))
    assert pred.best_label in {"track_a", "track_b"}
    assert pred.confidence == pytest.approx(probs["track_a"] + probs["track_b"], rel=1e-5)


def test_bad_training_input_is_refused() -> None:
    clf = IntentClassifier(embedder="hashing")
    with pytest.raises(ModelError, match="2 sentences but 1 labels"):
        clf.fit(["a", "b"], ["x"])
    with pytest.raises(ModelError, match="empty"):
        clf.fit([], [])
    with pytest.raises(ModelError, match="at least two in-scope labels"):
        clf.fit(["a", "b", "c"], ["x", "x", "oos"], oos_label="oos")


def test_untrained_classifier_cannot_predict_or_save(tmp_path) -> None:
    clf = IntentClassifier(embedder="hashing")
    with pytest.raises(ModelError, match="not trained"):
        clf.classify_many(["hello"])
    with pytest.raises(ModelError, match="untrained"):
        clf.save(tmp_path / "m")


def test_two_labels_work(intent_rows) -> None:
    sentences, labels = intent_rows(0)
    keep = [i for i, lab in enumerate(labels) if lab != "refund"]
    clf = IntentClassifier(embedder="hashing").fit([sentences[i] for i in keep], [labels[i] for i in keep])
    assert [p.label for p in clf.classify_many(["track my laptop", "cancel my jacket"])] == ["track", "cancel"]

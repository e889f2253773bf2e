"""Training the shipped product intent model from the data in `bot/data/intents/`."""

from __future__ import annotations

import csv
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bot.errors import ModelError
from bot.nlu import model_store
from bot.nlu.classifier import IntentClassifier
from bot.nlu.intent_csv import IntentDataError, LabelledRows
from bot.nlu.labels import LABEL_TO_INTENT, OOS_LABEL, normalise_label

if TYPE_CHECKING:
    from bot.config import Settings

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "intents"

# file name -> (sentence column, label column); see ATTRIBUTION.md for sources and licences
SHIPPED_FILES = {
    "bitext_customer_service.csv": ("utterance", "intent"),
    "hint3_curekart_train.csv": ("sentence", "label"),
    "hint3_sofmattress_train.csv": ("sentence", "label"),
    "clinc150_subset.csv": ("sentence", "label"),
    "shopbot_small_talk.csv": ("sentence", "label"),
    "shopbot_shop_questions.csv": ("sentence", "label"),
}


MAX_PER_LABEL = 150  # Bitext's 300 near-paraphrases per intent add training time, not accuracy
MAX_OUT_OF_SCOPE = 1500
PRODUCT_MAX_IN_SCOPE_LOSS = 0.0


def load_training_data(
    data_dir: Path = DATA_DIR, *, max_per_label: int | None = None, max_out_of_scope: int | None = None, seed: int = 0
) -> LabelledRows:
    """The shipped training rows, labels normalised and each label capped (a seeded sample); all labels are mapped."""
    sentences: list[str] = []
    labels: list[str] = []
    for name, (s_col, l_col) in SHIPPED_FILES.items():
        path = data_dir / name
        try:
            with path.open(encoding="utf-8-sig", newline="") as f:
                for line, row in enumerate(csv.DictReader(f), start=2):
                    text, label = (row.get(s_col) or "").strip(), normalise_label(row.get(l_col) or "")
                    if not text or not label:
                        raise IntentDataError(f"{path}:{line}: empty sentence or label")
                    if label == "no_nodes_detected":  # HINT3's out-of-scope marker
                        label = OOS_LABEL
                    if label not in LABEL_TO_INTENT:
                        raise IntentDataError(f"{path}:{line}: label {label!r} is not in bot/nlu/labels.py")
                    sentences.append(text)
                    labels.append(label)
        except OSError as exc:
            raise IntentDataError(f"cannot read shipped intent data {path}: {exc}") from exc
    if max_per_label is None and max_out_of_scope is None:
        return LabelledRows(sentences, labels)
    return _cap(LabelledRows(sentences, labels), max_per_label, max_out_of_scope, seed)


def _cap(rows: LabelledRows, max_per_label: int | None, max_out_of_scope: int | None, seed: int) -> LabelledRows:
    import numpy as np

    rng = np.random.default_rng(seed)
    by_label: dict[str, list[int]] = {}
    for i, lab in enumerate(rows.labels):
        by_label.setdefault(lab, []).append(i)
    keep: list[int] = []
    for lab, idx in by_label.items():
        cap = max_out_of_scope if lab == OOS_LABEL else max_per_label
        keep.extend(idx if cap is None or len(idx) <= cap else rng.choice(idx, size=cap, replace=False).tolist())
    keep.sort()
    return LabelledRows([rows.sentences[i] for i in keep], [rows.labels[i] for i in keep])


def train_default_model(
    out_dir: Path | str, *, progress: bool = True, embedder: str = "minilm", keep: int = 3, once: bool = False
) -> Path:
    """Train the product model into a new version under `<out_dir>` and make it current.

    With `once`, training happens under the folder's lock only if no process published a model meanwhile
    (first start of several processes at once trains one model, not one each).
    """
    root = Path(out_dir)
    rows = load_training_data(max_per_label=MAX_PER_LABEL, max_out_of_scope=MAX_OUT_OF_SCOPE)
    log.info(
        "training the intent model on %d shipped sentences (%d labels); this takes a few minutes",
        len(rows),
        len(set(rows.labels)),
    )
    started = time.perf_counter()

    def build(version: Path) -> None:
        # the shipped validation split is much closer to the training data than real shoppers are, so the
        # threshold only sits below every validation question; the out-of-scope class does the rest
        clf = IntentClassifier(embedder=embedder, max_in_scope_loss=PRODUCT_MAX_IN_SCOPE_LOSS)
        clf.fit(
            rows.sentences,
            rows.labels,
            oos_label=OOS_LABEL,
            label_map={lab: str(LABEL_TO_INTENT[lab]) for lab in set(rows.labels)},
            progress=progress,
        )
        clf.metadata["data"] = sorted(SHIPPED_FILES)
        clf.save(version)

    version = (model_store.build_once if once else model_store.build_version)(root, build, keep=keep)
    log.info("intent model written to %s in %.0f s", version, time.perf_counter() - started)
    return version


def model_root(settings: Settings) -> Path:
    """Where the versioned intent models live: `<models_dir>/intent`."""
    return settings.models_dir / "intent"


def load_or_train(settings: Settings, *, progress: bool = True) -> IntentClassifier:
    """Load the configured or current intent model; train and publish one first if there is none."""
    if settings.intent_model:
        path = Path(settings.intent_model)
        if not path.exists():
            raise ModelError(f"SHOPBOT_INTENT_MODEL points at {path}, which does not exist")
        return IntentClassifier.load(path)
    root = model_root(settings)
    published = model_store.current(root)
    if published is None:
        log.info("no intent model under %s yet; training one now", root)
        published = train_default_model(root, progress=progress, embedder=settings.embedder, once=True)
    path = published
    started = time.perf_counter()
    clf = IntentClassifier.load(path)
    log.info("loaded intent model %s in %.2f s", path, time.perf_counter() - started)
    return clf

"""Reading and writing the intent classifier's artifact directory: JSON and NumPy only, never pickle.

Layout (format version 1):
    meta.json        format version, embedder, labels, threshold, label map, feature weights, metadata
    weights.npz      coef (labels x features, float32), intercept (labels), neighbours (in-scope training
                     sentence embeddings, float16, for the similarity part of the out-of-scope score)
    features.json    the TF-IDF n-gram families: analyzer, n-gram range, terms in column order
    idf.npz          one idf array per n-gram family (idf_0, idf_1, ...)
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from bot.errors import ModelError
from bot.nlu.text_features import TfidfFeatures

FORMAT = "shopbot-intent-classifier"
FORMAT_VERSION = 1


def write(directory: Path, meta: dict[str, Any], arrays: dict[str, np.ndarray], features: list[TfidfFeatures]) -> Path:
    """Write the artifact files into `directory` (created if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(directory / "weights.npz", **arrays)  # type: ignore[arg-type]  # numpy's stub types **kwds as bool
    np.savez_compressed(directory / "idf.npz", **{f"idf_{i}": f.idf for i, f in enumerate(features)})  # type: ignore[arg-type]
    _write_json(directory / "features.json", [f.to_json() for f in features])
    full = {"format": FORMAT, "format_version": FORMAT_VERSION, **meta}
    _write_json(directory / "meta.json", full)  # written last: its presence marks a complete artifact
    return directory


def read(directory: Path) -> tuple[dict[str, Any], dict[str, np.ndarray], list[TfidfFeatures]]:
    """Read meta, arrays and features back, with clear errors for missing or foreign files."""
    meta_path = directory / "meta.json"
    if not meta_path.is_file():
        raise ModelError(f"{directory} is not an intent classifier artifact (no meta.json)")
    meta = _read_json(meta_path)
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelError(f"{meta_path} is not a shopbot intent classifier description")
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"{directory}: artifact format version {meta.get('format_version')} is not supported "
            f"(this shopbot reads version {FORMAT_VERSION}); retrain with `shopbot intents train`"
        )
    try:
        with np.load(directory / "weights.npz", allow_pickle=False) as w:
            arrays = {name: w[name] for name in ("coef", "intercept", "neighbours")}
        specs = _read_json(directory / "features.json")
        with np.load(directory / "idf.npz", allow_pickle=False) as idf:
            features = [TfidfFeatures.from_json(spec, idf[f"idf_{i}"]) for i, spec in enumerate(specs)]
    except (OSError, KeyError, ValueError, TypeError) as exc:
        raise ModelError(f"{directory}: the intent classifier files are damaged: {exc}") from exc
    return meta, arrays, features


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"cannot read {path}: {exc}") from exc

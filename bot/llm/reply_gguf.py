"""The reply adapter merged into a GGUF copy of SmolLM2, for wording answers on llama.cpp (no torch at run time).

A LoRA adapter on q_proj/v_proj adds `scale * B @ A` to those weights. The packaged GGUF holds the same base
weights the transformers path dequantises (bot/llm/smollm2.py), so the merged copy is: every tensor as stored,
except the adapted attention weights, which are dequantised, given the adapter's delta and stored as F32; llama.cpp
then writes the whole file as Q8_0 (bot/llm/llamacpp.py, `requantized`). llama.cpp stores a llama model's query
rows in another order than transformers (its rotary embedding pairs the halves of each head), so the query delta's
rows are put in that order (the permutation llama.cpp's own converter applies to q_proj).

Built once per adapter content under <home>/models/reply/merged-<digest>.q8_0.gguf, in a few seconds.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from bot.errors import ModelError
from bot.llm.smollm2 import GGUF_FILE, gguf_dir

log = logging.getLogger(__name__)

ADAPTER_FILE = "adapter_model.safetensors"
_KEY = re.compile(r"layers\.(\d+)\.self_attn\.([qkvo])_proj\.lora_A\.weight$")
_lock = threading.Lock()


def _to_llama_order(delta: np.ndarray, n_head: int) -> np.ndarray:
    """Rows of a query weight in llama.cpp's order: per head, the two rotary halves interleaved."""
    return delta.reshape(n_head, 2, delta.shape[0] // n_head // 2, delta.shape[1]).swapaxes(1, 2).reshape(delta.shape)


def adapter_deltas(adapter: Path, *, n_head: int, n_head_kv: int) -> dict[str, np.ndarray]:
    """GGUF tensor name -> the adapter's delta (float32, in llama.cpp's row order) for each adapted weight."""
    from safetensors import safe_open

    config = json.loads((adapter / "adapter_config.json").read_text(encoding="utf-8"))
    if config.get("use_dora") or config.get("use_rslora"):
        raise ModelError(f"{adapter}: only plain LoRA adapters can be merged into a GGUF file")
    scale = float(config["lora_alpha"]) / float(config["r"])
    deltas: dict[str, np.ndarray] = {}
    with safe_open(str(adapter / ADAPTER_FILE), "np") as f:
        for key in f.keys():  # noqa: SIM118 - safe_open is not a mapping
            m = _KEY.search(key)
            if not m:
                continue
            a = f.get_tensor(key).astype(np.float32)
            b = f.get_tensor(key.replace("lora_A", "lora_B")).astype(np.float32)
            delta = (b @ a) * scale
            if m.group(2) == "q":
                delta = _to_llama_order(delta, n_head)
            elif m.group(2) == "k":
                delta = _to_llama_order(delta, n_head_kv)
            deltas[f"blk.{m.group(1)}.attn_{m.group(2) if m.group(2) != 'o' else 'output'}.weight"] = delta
    if not deltas:
        raise ModelError(f"{adapter}: no LoRA weights on the attention projections")
    return deltas


def write_merged(source: Path, adapter: Path, target: Path) -> int:
    """Write `source` (a llama GGUF) with `adapter` merged in to `target` (adapted tensors as F32); returns how
    many tensors changed."""
    import gguf

    reader = gguf.GGUFReader(str(source))
    n_head = int(reader.fields["llama.attention.head_count"].contents())
    n_head_kv = int(reader.fields["llama.attention.head_count_kv"].contents())
    deltas = adapter_deltas(adapter, n_head=n_head, n_head_kv=n_head_kv)
    unknown = set(deltas) - {t.name for t in reader.tensors}
    if unknown:
        raise ModelError(f"{adapter}: the adapter's layers are not in {source.name}: {sorted(unknown)[:3]}")
    writer = gguf.GGUFWriter(str(target), arch="llama", endianess=reader.endianess)
    for field in reader.fields.values():
        if field.name == gguf.Keys.General.ARCHITECTURE or field.name.startswith("GGUF."):
            continue  # written by the writer itself
        kind = field.types[0]
        sub = field.types[-1] if kind == gguf.GGUFValueType.ARRAY else None
        writer.add_key_value(field.name, field.contents(), kind, sub_type=sub)
    data: list[Any] = []
    for tensor in reader.tensors:
        if tensor.name in deltas:
            weights = gguf.quants.dequantize(tensor.data, tensor.tensor_type).astype(np.float32)
            if weights.shape != deltas[tensor.name].shape:
                raise ModelError(f"{tensor.name}: adapter shape {deltas[tensor.name].shape} != {weights.shape}")
            weights = np.ascontiguousarray(weights + deltas[tensor.name])
            writer.add_tensor_info(
                tensor.name, weights.shape, weights.dtype, weights.nbytes, gguf.GGMLQuantizationType.F32
            )
            data.append(weights)
        else:
            writer.add_tensor_info(
                tensor.name, tensor.data.shape, tensor.data.dtype, tensor.data.nbytes, tensor.tensor_type
            )
            data.append(tensor.data)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_ti_data_to_file()
    for array in data:
        writer.write_tensor_data(array, tensor_endianess=reader.endianess)
    writer.close()
    return len(deltas)


def merged_gguf(settings: Any, adapter: Path, *, source: Path | None = None) -> Path:
    """The packaged SmolLM2 GGUF with `adapter` merged in, as Q8_0 for llama.cpp; built once per adapter content."""
    import hashlib

    from bot.llm.llamacpp import requantized

    source = source or gguf_dir() / GGUF_FILE
    digest = hashlib.sha256((adapter / ADAPTER_FILE).read_bytes()).hexdigest()[:12]
    folder = Path(settings.models_dir) / "reply"
    name = f"merged-{digest}"
    final = folder / f"{name}.q8_0.gguf"
    with _lock:
        if final.exists():
            return final
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        staged = folder / f"{name}.gguf"  # F32 adapted tensors; requantized names its copy <stem>.q8_0.gguf
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        try:
            changed = write_merged(source, adapter, tmp)
            os.replace(tmp, staged)
            out = requantized(staged, folder)
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"could not merge the reply adapter {adapter} into a GGUF file: {exc}") from exc
        finally:
            tmp.unlink(missing_ok=True)
            staged.unlink(missing_ok=True)
        log.info("merged the reply adapter (%d tensors) into %s in %.1f s", changed, out, time.perf_counter() - started)
        return out

"""Merge a LoRA adapter into its base: a plain HF folder at artifacts/models/<model_id>-ft-merged/.

The ONNX export reads from exactly that path (a contract). tide_merge.json records which adapter (fingerprint)
the folder was merged from, so the models stage can tell an up-to-date merge from a stale one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import torch

from tide_core.models.resolve_weights import artifacts_dir

MERGE_MARKER = "tide_merge.json"


def merged_dir(model_id: str) -> Path:
    return artifacts_dir() / "models" / f"{model_id}-ft-merged"


def read_merge_marker(folder: Path) -> dict | None:
    path = Path(folder) / MERGE_MARKER
    return json.loads(path.read_text()) if path.is_file() else None


def load_adapter_model(base_dir: Path, adapter_dir: Path):
    """The base model (fp32) with the adapter attached, in eval mode."""
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    base = AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32, local_files_only=True)
    return PeftModel.from_pretrained(base, adapter_dir, local_files_only=True).eval()


def merge_adapter(base_dir: Path, adapter_dir: Path, out_dir: Path, fingerprint: str | None = None) -> Path:
    """Write base+adapter merged (`merge_and_unload`) with the adapter's tokenizer into `out_dir`, atomically."""
    from transformers import AutoTokenizer

    merged = load_adapter_model(base_dir, adapter_dir).merge_and_unload()
    tokenizer = AutoTokenizer.from_pretrained(adapter_dir, local_files_only=True)
    out_dir = Path(out_dir)
    tmp = out_dir.with_name(out_dir.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    merged.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    marker = {"base_dir": str(base_dir), "adapter_dir": str(adapter_dir), "fingerprint": fingerprint}
    (tmp / MERGE_MARKER).write_text(json.dumps(marker, indent=1))
    shutil.rmtree(out_dir, ignore_errors=True)
    tmp.rename(out_dir)
    return out_dir

"""The main job's serving step: export the fine-tuned (merged) model to ONNX once, then load it torch-free; the
zero-shot base it was merged onto is exported too (once), for the chat demo's zero-shot choice.

    result = onnx_step("smollm2-135m")   # after models_step has merged the adapter

The export (plain torch.onnx.export with the KV cache, verified against torch's logits, plus a 4-bit copy that
decodes fastest here) is skipped when the exported folder already comes from the same merged model (the merge
fingerprint is kept beside the manifest). Loading is checked by answering one client message with the
onnxruntime generator, and the time to first token and tokens/s are reported.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from tide_core.errors import TideError
from tide_core.models.backend import SYSTEM_PROMPT, DecodingSettings

log = logging.getLogger(__name__)
SOURCE_MARKER = "tide_source.json"
SMOKE_MESSAGE = "I had the nightmare again last night and I've been shaky all morning."


@dataclass(frozen=True)
class OnnxResult:
    folder: Path
    reused: bool
    export_seconds: float
    variant: str
    ttft_ms: float
    tokens_per_s: float
    reply: str
    base_folder: Path | None = None
    base_export_seconds: float = 0.0  # 0 when the base's export was reused

    def summary(self) -> str:
        verb = "reused" if self.reused else f"exported in {self.export_seconds:.0f} s"
        base = ""
        if self.base_folder is not None:
            base_verb = f"exported in {self.base_export_seconds:.0f} s" if self.base_export_seconds else "reused"
            base = f"; zero-shot base {self.base_folder.name} ({base_verb})"
        return (f"ONNX {self.folder.name} ({verb}){base}; {self.variant} loaded torch-free: first token "
                f"{self.ttft_ms:.0f} ms, {self.tokens_per_s:.1f} tokens/s")


def _source_fingerprint(merged: Path) -> str:
    from tide_core.models.merge_lora import read_merge_marker

    marker = read_merge_marker(merged)
    if marker is None:
        raise TideError(f"{merged} holds no merged model (no tide_merge.json); run `python -m tide_core models` first")
    return str(marker.get("fingerprint"))


def export_if_needed(model_id: str, quantize: tuple[str, ...] = ("q4",)) -> tuple[Path, bool, float]:
    """The exported folder of `model_id`'s merged model, exporting it when missing or stale."""
    from tide_core.models.merge_lora import merged_dir
    from tide_core.models.onnx_export import ONNX_ROOT, export_onnx

    merged = merged_dir(model_id)
    fingerprint = _source_fingerprint(merged)
    target = ONNX_ROOT / merged.name
    marker = target / SOURCE_MARKER
    if marker.is_file() and json.loads(marker.read_text()).get("fingerprint") == fingerprint:
        return target, True, 0.0
    started = time.perf_counter()
    folder = export_onnx(merged, quantize=quantize)
    (folder / SOURCE_MARKER).write_text(json.dumps({"fingerprint": fingerprint, "merged_dir": str(merged)}))
    return folder, False, time.perf_counter() - started


def export_base_if_needed(model_id: str, variant: str = "q4") -> tuple[Path, float]:
    """The zero-shot base of `model_id` (the weights its adapter was merged onto) exported with `variant`, for the
    chat demo; an existing export that holds `variant` is reused (the base weights do not change). Returns the
    folder and the export seconds (0 when reused). About as long as the fine-tuned export the first time."""
    from tide_core.models.merge_lora import merged_dir, read_merge_marker
    from tide_core.models.onnx_export import ONNX_ROOT, export_onnx

    base = Path((read_merge_marker(merged_dir(model_id)) or {}).get("base_dir") or "")
    if not (base / "config.json").is_file():
        raise TideError(f"the merged {model_id} names no base model folder (tide_merge.json base_dir); run "
                        f"`python -m tide_core models` first")
    manifest = ONNX_ROOT / base.name / "manifest.json"
    if manifest.is_file() and variant in json.loads(manifest.read_text()).get("files", {}):
        return manifest.parent, 0.0
    started = time.perf_counter()
    folder = export_onnx(base, quantize=(variant,) if variant != "fp32" else ())
    return folder, time.perf_counter() - started


def onnx_step(model_id: str = "smollm2-135m", variant: str = "q4") -> OnnxResult:
    from tide_core.models.onnx_generate import OnnxGenerator

    folder, reused, seconds = export_if_needed(model_id, quantize=(variant,) if variant != "fp32" else ())
    generator = OnnxGenerator(folder, variant=variant)
    started = time.perf_counter()
    reply = generator.generate(SYSTEM_PROMPT, SMOKE_MESSAGE, DecodingSettings(max_new_tokens=48))
    wall = time.perf_counter() - started
    if not reply.text.strip():
        raise TideError(f"the ONNX model in {folder} loaded but produced an empty reply")
    tokens = reply.completion_tokens or 0
    base_folder, base_seconds = export_base_if_needed(model_id, variant)
    result = OnnxResult(folder, reused, seconds, variant, float(reply.extra.get("ttft_ms", 0.0)),
                        tokens / wall if wall > 0 else 0.0, reply.text, base_folder, base_seconds)
    log.info(result.summary())
    return result

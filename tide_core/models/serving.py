"""The main job's serving step: export the fine-tuned (merged) model to ONNX once, then load it torch-free.

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

    def summary(self) -> str:
        verb = "reused" if self.reused else f"exported in {self.export_seconds:.0f} s"
        return (f"ONNX {self.folder.name} ({verb}); {self.variant} loaded torch-free: first token "
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
    result = OnnxResult(folder, reused, seconds, variant, float(reply.extra.get("ttft_ms", 0.0)),
                        tokens / wall if wall > 0 else 0.0, reply.text)
    log.info(result.summary())
    return result

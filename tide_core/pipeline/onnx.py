"""The main job's serving step: export the fine-tuned (merged) model to ONNX once with onnxruntime-genai's builder
(4-bit), then load it torch-free; the zero-shot base it was merged onto is exported too (once), for the chat demo's
zero-shot choice.

    result = onnx_step("smollm2-135m")   # after models_step has merged the adapter

An export is skipped when the exported folder already comes from the same merged model (the merge fingerprint is
kept beside the manifest). Loading is checked by answering client messages the way the chat demo does, and the time
to first token is measured with the README's definition: warm (the model loaded and the study's system prompt
appended once, as the chat page does when it loads a model), from handing the message to the generator to the first
streamed text piece, median over TTFT_MESSAGES; decode tokens/s counts the tokens after the first.
"""

from __future__ import annotations

import json
import logging
import statistics
import time
from dataclasses import dataclass, replace
from pathlib import Path

from tide_core.backends.protocol import SYSTEM_PROMPT, DecodingSettings
from tide_core.errors import TideError

log = logging.getLogger(__name__)
SOURCE_MARKER = "tide_source.json"
SMOKE_MESSAGE = "I had the nightmare again last night and I've been shaky all morning."


# Typical client messages (the dataset's mean is about 37 words); the main job, bench/bench_onnx.py and the README's
# first-token figures use these.
TTFT_MESSAGES = (
    "I had the nightmare again last night and I've been shaky all morning.",
    "Ever since the car accident I can't get into a car without my heart racing. Yesterday my sister offered to "
    "drive me to work and I made an excuse.",
    "Someone dropped a tray at the cafe today and I ended up crouched under the table. Everyone stared.",
)
SMOKE_MESSAGE = TTFT_MESSAGES[0]
PRECISION = "int4"  # what the chat serves: 4-bit weights decode fastest on a memory-bound CPU


@dataclass(frozen=True)
class ReplyTiming:
    """One streamed reply: milliseconds to the first text piece, decode tokens/s after it, the text."""

    ttft_ms: float
    tokens: int
    decode_tokens_per_s: float
    text: str


def time_reply(generator, system: str, message: str, settings: DecodingSettings) -> ReplyTiming:
    """The README's time to first token: from handing `message` to the generator's stream (render, tokenize, the
    user turn's prefill, the first token decoded to text; what the chat page streams) to its first text piece. The
    generator should be warm (its system prompt appended). Decode speed: the tokens after the first over the time
    after the first piece."""
    started = time.perf_counter()
    first_at, pieces = None, []
    for piece in generator.stream(system, message, settings):
        first_at = first_at or time.perf_counter()
        pieces.append(piece)
    ended = time.perf_counter()
    tokens = generator.last_reply_tokens
    first_at = first_at or ended
    rate = (tokens - 1) / (ended - first_at) if tokens > 1 and ended > first_at else 0.0
    return ReplyTiming((first_at - started) * 1000, tokens, rate, "".join(pieces))


@dataclass(frozen=True)
class OnnxResult:
    folder: Path
    reused: bool
    export_seconds: float
    variant: str
    ttft_ms: float  # median over TTFT_MESSAGES, warm (see time_reply)
    tokens_per_s: float  # decode tokens/s after the first token, median
    reply: str
    base_folder: Path | None = None
    base_export_seconds: float = 0.0  # 0 when the base's export was reused (both exports run in one builder
    # process, so when both ran, both fields hold the seconds of that one run)
    ready_seconds: float = 0.0  # both exports (or their reuse) + load + warm-up of the served model

    def summary(self) -> str:
        verb = "reused" if self.reused else "exported"
        base = ""
        if self.base_folder is not None:
            base = f"; zero-shot base {self.base_folder.name} ({'exported' if self.base_export_seconds else 'reused'})"
        seconds = max(self.export_seconds, self.base_export_seconds)
        base += f"; export {seconds:.0f} s" if seconds else ""
        return (f"ONNX {self.folder.name} ({verb}){base}; both ready in {self.ready_seconds:.0f} s; {self.variant} "
                f"loaded torch-free (onnxruntime-genai): first token {self.ttft_ms:.0f} ms (warm, system prompt "
                f"cached), {self.tokens_per_s:.1f} tokens/s decoding")


def onnx_root() -> Path:
    """Where the served exports go, read at call time ($TIDE_ARTIFACTS/onnx)."""
    from tide_core.models.weights import artifacts_root

    return artifacts_root() / "onnx"


def _source_fingerprint(merged: Path) -> str:
    from tide_core.models.merge_lora import read_merge_marker

    marker = read_merge_marker(merged)
    if marker is None:
        raise TideError(f"{merged} holds no merged model (no tide_merge.json); run `python -m tide_core models` first")
    return str(marker.get("fingerprint"))


def _holds(folder: Path, precision: str) -> bool:
    """Whether `folder` is a current export (this format) of `precision`."""
    from tide_core.backends.onnx_backend import FORMAT, MANIFEST

    path = folder / MANIFEST
    if not path.is_file():
        return False
    manifest = json.loads(path.read_text())
    return manifest.get("format") == FORMAT and manifest.get("precision") == precision


def _fine_tuned_job(model_id: str, precision: str):
    """(export folder, fingerprint, ExportJob or None when the folder is current) for `model_id`'s merged model."""
    from tide_core.models.merge_lora import merged_dir
    from tide_core.models.onnx_export import ExportJob

    merged = merged_dir(model_id)
    fingerprint = _source_fingerprint(merged)
    target = onnx_root() / merged.name
    marker = target / SOURCE_MARKER
    current = _holds(target, precision) and marker.is_file() and \
        json.loads(marker.read_text()).get("fingerprint") == fingerprint
    return target, fingerprint, None if current else ExportJob(merged, precision=precision)


def _base_job(model_id: str, precision: str):
    """(export folder, ExportJob or None when it exists) for the zero-shot base `model_id`'s adapter was merged
    onto (its weights do not change, so an export of that precision is reused)."""
    from tide_core.models.merge_lora import merged_dir, read_merge_marker
    from tide_core.models.onnx_export import ExportJob

    base = Path((read_merge_marker(merged_dir(model_id)) or {}).get("base_dir") or "")
    if not (base / "config.json").is_file():
        raise TideError(f"the merged {model_id} names no base model folder (tide_merge.json base_dir); run "
                        f"`python -m tide_core models` first")
    target = onnx_root() / base.name
    return target, None if _holds(target, precision) else ExportJob(base, precision=precision)


def export_served(model_id: str, precision: str = PRECISION) -> tuple[Path, Path, float, bool, bool]:
    """The fine-tuned and zero-shot exports the chat serves, exporting what is missing or stale in one builder
    run: (fine-tuned folder, base folder, export seconds (0 when both were reused), fine-tuned reused, base
    reused)."""
    from tide_core.models.onnx_export import export_onnx_many

    folder, fingerprint, job = _fine_tuned_job(model_id, precision)
    base_folder, base_job = _base_job(model_id, precision)
    jobs = [j for j in (job, base_job) if j is not None]
    started = time.perf_counter()
    if jobs:
        export_onnx_many(jobs, onnx_root())
    if job is not None:
        (folder / SOURCE_MARKER).write_text(json.dumps({"fingerprint": fingerprint, "merged_dir": str(job.model_dir)}))
    return folder, base_folder, time.perf_counter() - started if jobs else 0.0, job is None, base_job is None


def measure_served(generator, settings: DecodingSettings, system: str = SYSTEM_PROMPT) -> list[ReplyTiming]:
    """Each TTFT message answered once by a warm generator (the first one warms it: warm() is idempotent)."""
    generator.warm([system], settings)
    return [time_reply(generator, system, message, settings) for message in TTFT_MESSAGES]


def onnx_step(model_id: str = "smollm2-135m", variant: str = PRECISION) -> OnnxResult:
    from tide_core.backends.onnx_backend import OnnxGenerator
    from tide_core.models.recipe import get_recipe

    started = time.perf_counter()
    folder, base_folder, seconds, reused, base_reused = export_served(model_id, variant)
    generator = OnnxGenerator(folder, variant=variant)
    settings = replace(get_recipe(model_id).decoding, max_new_tokens=48)  # the study's (and the chat's) decoding
    generator.warm([SYSTEM_PROMPT], settings)
    ready = time.perf_counter() - started
    timings = measure_served(generator, settings)
    if not timings[0].text.strip():
        raise TideError(f"the ONNX model in {folder} loaded but produced an empty reply")
    result = OnnxResult(folder, reused, 0.0 if reused else seconds, variant,
                        statistics.median(t.ttft_ms for t in timings),
                        statistics.median(t.decode_tokens_per_s for t in timings), timings[0].text, base_folder,
                        0.0 if base_reused else seconds, ready)
    log.info(result.summary())
    return result

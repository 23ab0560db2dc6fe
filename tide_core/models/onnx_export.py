"""Export a Hugging Face causal LM folder to ONNX with onnxruntime-genai's model builder, for torch-free serving
(tide_core/backends/onnx_backend.py).

    python training/export_onnx.py artifacts/models/smollm2-135m-instruct [--precision int4|fp32] [--name NAME]

    from tide_core.models.onnx_export import export_onnx
    folder = export_onnx(Path("artifacts/models/smollm2-135m-instruct"))   # -> artifacts/onnx/smollm2-135m-instruct

The graph, its KV cache and the 4-bit weights are the builder's (what `python -m onnxruntime_genai.models.builder
-i DIR -o OUT -p int4 -e cpu` does, run in a subprocess so its torch and memory go away with it, several folders per
process: export_onnx_many); it reads the folder offline.
The builder writes model.onnx(.data), genai_config.json and the tokenizer; this module adds the stop tokens (every
end-of-turn marker the vocabulary holds, also written into genai_config.json so the runtime agrees), an optional
replacement chat template, and manifest.json (model id, source, precision, stop tokens, context length, export
time). The folder is written into a temporary sibling and renamed into place only when complete.
Architectures: what the builder supports (Llama, Qwen2/3, Mistral, Phi, Gemma, SmolLM3, ...); tested on Llama.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tide_core.errors import TideError
from tide_core.models.weights import artifacts_root

log = logging.getLogger(__name__)

ONNX_ROOT = artifacts_root() / "onnx"
MANIFEST = "manifest.json"
FORMAT = "tide-onnx-genai-1"
PRECISIONS = ("int4", "fp32")  # int4: 4-bit block weights, what the chat serves; fp32: the parity check's
TEMPLATE_FILE = "chat_template.jinja"
# End-of-turn markers of common chat templates; any that the vocabulary holds also stops generation.
END_OF_TURN_MARKERS = ("<|im_end|>", "<|eot_id|>", "<|end|>", "<end_of_turn>", "<|endoftext|>")
BUILDER_TIMEOUT_S = 1800


class OnnxExportError(TideError):
    """The folder cannot be exported (not a causal LM folder, unsupported architecture, builder failure)."""


@dataclass(frozen=True)
class ExportJob:
    """One folder to export: `name` defaults to the folder's name; `chat_template` (jinja text) replaces the
    folder's own, e.g. the plain template a base model was tuned with."""

    model_dir: Path
    name: str | None = None
    precision: str = "int4"
    chat_template: str | None = None


def export_onnx(model_dir: Path, out_root: Path = ONNX_ROOT, name: str | None = None, precision: str = "int4",
                chat_template: str | None = None) -> Path:
    """Export `model_dir` (config.json + weights + tokenizer.json) to `out_root/<name>` with `precision` ("int4" or
    "fp32") and return that folder. An existing folder of that name is replaced only after the new export is
    complete. Raises OnnxExportError naming what is wrong."""
    return export_onnx_many([ExportJob(Path(model_dir), name, precision, chat_template)], out_root)[0]


def export_onnx_many(jobs: list[ExportJob], out_root: Path = ONNX_ROOT) -> list[Path]:
    """Export every job in one builder process (its torch and transformers import, about 7 s of CPU here, is paid
    once; the main job exports the fine-tuned model and its base together). All or nothing: when one job fails,
    no folder is replaced and the error names that job's folder."""
    for job in jobs:
        check_model_dir(Path(job.model_dir))
        if job.precision not in PRECISIONS:
            raise OnnxExportError(f"unknown precision {job.precision!r}; expected one of {list(PRECISIONS)}")
    targets = [Path(out_root) / (job.name or Path(job.model_dir).name) for job in jobs]
    tmps = [target.with_name(f".{target.name}.tmp-{os.getpid()}") for target in targets]
    cache = Path(out_root) / f".builder-cache-{os.getpid()}"
    started = time.perf_counter()
    try:
        for tmp in tmps:
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.parent.mkdir(parents=True, exist_ok=True)
        run_builder(jobs, tmps, cache)
        seconds = time.perf_counter() - started
        for job, tmp, target in zip(jobs, tmps, targets, strict=True):
            stops = finish_folder(Path(job.model_dir), tmp, job.chat_template)
            manifest = build_manifest(Path(job.model_dir), tmp, target.name, job.precision, stops, seconds, len(jobs))
            (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2))
        for tmp, target in zip(tmps, targets, strict=True):
            _publish(tmp, target)
    finally:
        for tmp in tmps:
            shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
    log.info("exported %s in %.1f s", ", ".join(f"{t.name} ({j.precision})" for t, j in zip(targets, jobs,
                                                                                           strict=True)), seconds)
    return targets


def check_model_dir(model_dir: Path) -> None:
    if not (model_dir / "config.json").is_file():
        raise OnnxExportError(f"{model_dir} has no config.json: expected a Hugging Face model folder (config.json, "
                              f"model.safetensors, tokenizer.json), e.g. artifacts/models/smollm2-135m-instruct")
    if not (model_dir / "tokenizer.json").is_file():
        raise OnnxExportError(f"{model_dir} has no tokenizer.json: the ONNX generator needs a fast tokenizer file")


# The builder's own command-line entry (`python -m onnxruntime_genai.models.builder -i DIR -o OUT -p PRECISION -e cpu
# -c CACHE`) does exactly these two calls; this runs them for several folders in one process.
BUILDER_DRIVER = """
import json, sys
from onnxruntime_genai.models.builder import create_model, parse_extra_options
for i, job in enumerate(json.loads(sys.argv[1])):
    args = (None, job["input"], job["output"], job["precision"], "cpu", job["cache"])
    create_model(*args, **parse_extra_options(*args, None))
    print(f"BUILDER_DONE {i}", flush=True)
"""


def run_builder(jobs: list[ExportJob], outs: list[Path], cache: Path) -> None:
    """The builder in a subprocess (its torch and memory go away with it), offline: `-i` is a local folder."""
    spec = [{"input": str(job.model_dir), "output": str(out), "precision": job.precision, "cache": str(cache)}
            for job, out in zip(jobs, outs, strict=True)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TQDM_DISABLE": "1"}
    try:
        done = subprocess.run([sys.executable, "-c", BUILDER_DRIVER, json.dumps(spec)], capture_output=True,
                              text=True, env=env, timeout=BUILDER_TIMEOUT_S * len(jobs), check=False)
    except subprocess.TimeoutExpired as exc:
        raise OnnxExportError(f"the onnxruntime-genai builder did not finish within "
                              f"{BUILDER_TIMEOUT_S * len(jobs)} s") from exc
    finished = done.stdout.count("BUILDER_DONE ")
    if done.returncode != 0 or finished < len(jobs):
        failed = jobs[min(finished, len(jobs) - 1)].model_dir
        raise OnnxExportError(f"{failed} did not export: the onnxruntime-genai builder failed "
                              f"({_last_error_line(done.stderr + done.stdout)}); expected a Hugging Face *ForCausalLM "
                              f"folder of an architecture the builder supports (Llama, Qwen, Mistral, Phi, Gemma...)")


def _last_error_line(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if "Error" in line or "error" in line]
    return (errors or lines or ["no output"])[-1][:300]


def finish_folder(model_dir: Path, folder: Path, chat_template: str | None) -> list[int]:
    """Write the replacement chat template and make genai_config.json's eos ids the full stop list; return it."""
    if chat_template is not None:
        (folder / TEMPLATE_FILE).write_text(chat_template)
    elif not (folder / TEMPLATE_FILE).is_file() and (model_dir / TEMPLATE_FILE).is_file():
        shutil.copy2(model_dir / TEMPLATE_FILE, folder / TEMPLATE_FILE)
    config_path = folder / "genai_config.json"
    config = json.loads(config_path.read_text())
    stops = stop_token_ids(folder, config["model"].get("eos_token_id"), model_dir)
    config["model"]["eos_token_id"] = stops if len(stops) > 1 else stops[0]
    config_path.write_text(json.dumps(config, indent=4))
    return stops


def stop_token_ids(folder: Path, eos, model_dir: Path) -> list[int]:
    """Token ids that end a reply: the builder's eos ids, the source's generation_config eos ids, the tokenizer's eos
    token and any end-of-turn marker the vocabulary holds."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    eos_token = _token_text(_read_json(folder / "tokenizer_config.json").get("eos_token"))
    ids = set(_as_list(eos)) | set(_as_list(_read_json(model_dir / "generation_config.json").get("eos_token_id")))
    for token in (eos_token, *END_OF_TURN_MARKERS):
        token_id = tokenizer.token_to_id(token) if token else None
        if token_id is not None:
            ids.add(token_id)
    if not ids:
        raise OnnxExportError(f"{folder}: no end-of-sequence token found (config eos_token_id, tokenizer eos_token)")
    return sorted(ids)


def build_manifest(model_dir: Path, folder: Path, name: str, precision: str, stops: list[int],
                   seconds: float, batch: int = 1) -> dict:
    import onnxruntime_genai

    model = json.loads((folder / "genai_config.json").read_text())["model"]
    return {
        "format": FORMAT, "model_id": name, "source": str(model_dir.resolve()), "precision": precision,
        "model_type": model.get("type"), "context_length": int(model["context_length"]),
        "eos_token_ids": stops, "has_chat_template": (folder / TEMPLATE_FILE).is_file(),
        "file_bytes": sum(p.stat().st_size for p in folder.iterdir() if p.name.startswith("model.onnx")),
        "export_seconds": round(seconds, 2), "exported_with": batch,  # seconds of the whole batch of `batch` models
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "builder": f"onnxruntime-genai {onnxruntime_genai.__version__}",
    }


def _publish(tmp: Path, target: Path) -> None:
    """Swap the finished folder into place; a previous export is removed only after the new one is there."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text()) if path.is_file() else {}


def _as_list(value) -> list[int]:
    if value is None:
        return []
    return [int(v) for v in value] if isinstance(value, list | tuple) else [int(value)]


def _token_text(token) -> str | None:
    """tokenizer_config stores special tokens as text or as {"content": text, ...}."""
    return token.get("content") if isinstance(token, dict) else token

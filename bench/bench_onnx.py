"""Benchmark: ONNX export and serving on onnxruntime-genai (the project's path) against the hand-written export and
numpy KV-cache generator it replaced (bench/legacy_onnx_export.py, bench/legacy_onnx_generate.py) and torch's
model.generate, same model, same prompts, same run.

    .venv/bin/python bench/bench_onnx.py [--max-new-tokens 64] [--repeat 2] [--model DIR] [--work DIR]

Prints, for the base SmolLM2-135M-Instruct folder (or --model):
- export seconds: onnxruntime-genai's builder, int4, for two models in one process (what the main job does for the
  fine-tuned model and its zero-shot base; here the same folder twice) and fp32 for one, against the legacy export
  (torch.onnx.export + logits check + 4-bit copy; what the main job did per model, twice);
- decoding, greedy with the study's repetition penalty: time to first token and decode tokens/s, as medians over
  the prompts, for onnxruntime-genai int4, the legacy q4 generator and torch fp32, with ratios.
  Time to first token is the README's definition (tide_core.pipeline.onnx.time_reply): warm, the model loaded and
  the system prompt appended once, from handing the message to the generator to its first text piece. The legacy
  generator is warmed the same way (its system-prefix cache); torch has no prefix cache (it processes the prompt).
  Decode tokens/s counts the tokens after the first over the time after it;
- greedy parity: onnxruntime-genai fp32 against torch, token for token (no repetition penalty).
The systems alternate prompt by prompt, so a noisy neighbour on the shared machine slows them alike; run it twice.
Targets (issue 11): both served models exported in <= 60 s, >= 57 tokens/s (llama.cpp's Q4_1 here), first token
< 150 ms.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import onnxruntime_genai as og  # noqa: E402
import torch  # noqa: E402
from transformers import AutoModelForCausalLM  # noqa: E402

from bench import legacy_onnx_export, legacy_onnx_generate  # noqa: E402
from tide_core.backends.onnx_backend import OnnxGenerator  # noqa: E402
from tide_core.backends.protocol import SYSTEM_PROMPT, DecodingSettings  # noqa: E402
from tide_core.models.device import configure_threads  # noqa: E402
from tide_core.models.onnx_export import ExportJob, export_onnx, export_onnx_many  # noqa: E402
from tide_core.models.recipe import get_recipe  # noqa: E402
from tide_core.models.weights import materialize_smollm2  # noqa: E402
from tide_core.pipeline.onnx import time_reply  # noqa: E402

# Typical client messages (the dataset's mean is about 37 words).
PROMPTS = [
    "Ever since the car accident I can't get into a car without my heart racing. Yesterday my sister offered to "
    "drive me to work and I made an excuse. I feel like I'm letting everyone down and I don't know why I can't just "
    "get over it.",
    "I keep waking up at 3am with my chest tight, like I'm back there. My partner says I shout in my sleep. I'm "
    "exhausted all day and snapping at the kids.",
    "Someone dropped a tray at the cafe today and I ended up crouched under the table. Everyone stared. I was so "
    "ashamed I left without paying.",
    "It's been two years since the assault and I still can't be in a room with the door closed. My friends think "
    "I should be fine by now. Maybe they're right and something is wrong with me.",
]


def timed(label: str, fn):
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    print(f"  {label:<58} {seconds:7.1f} s", flush=True)
    return result, seconds


def exports(model_dir: Path, out: Path) -> dict:
    print(f"\nexport of {model_dir.name}; the main job serves two models of this size (fine-tuned and zero-shot "
          f"base), exported now in one builder process")
    (new_int4, _), t_two = timed("onnxruntime-genai builder, int4, two served models (one process)",
                                 lambda: export_onnx_many([ExportJob(model_dir), ExportJob(model_dir, "copy")],
                                                          out / "genai"))
    new_fp32, t_fp32 = timed("onnxruntime-genai builder, fp32, one model (parity check)",
                             lambda: export_onnx(model_dir, out / "genai", name="fp32", precision="fp32"))
    legacy = out / "legacy" / model_dir.name
    if (legacy / "manifest.json").is_file():  # --work of an earlier run: the legacy export's own measured time
        t_legacy = json.loads((legacy / "manifest.json").read_text())["export_seconds"]
        print(f"  {'legacy, one model (reused from --work; its time when it ran)':<58} {t_legacy:7.1f} s")
    else:
        legacy, t_legacy = timed("legacy, one model: torch.onnx.export + verify + 4-bit copy",
                                 lambda: legacy_onnx_export.export_onnx(model_dir, out / "legacy", quantize=("q4",)))
    print(f"  two served models: {t_two:.0f} s now against {2 * t_legacy:.0f} s before (2 x the legacy export "
          f"measured here): {2 * t_legacy / t_two:.1f}x faster; target <= 60 s: "
          f"{'met' if t_two <= 60 else 'NOT met'}")
    return {"int4": new_int4, "fp32": new_fp32, "legacy": legacy}


def torch_reply(model, prompt_ids: list[int], stop_ids: list[int], settings: DecodingSettings):
    """(tokens, ms to the first token, decode tokens/s) with model.generate, greedy; no prefix cache."""
    ids = torch.tensor([prompt_ids])
    kwargs = dict(attention_mask=torch.ones_like(ids), do_sample=False, eos_token_id=stop_ids,
                  pad_token_id=stop_ids[0], repetition_penalty=settings.repetition_penalty)
    with torch.no_grad():
        started = time.perf_counter()
        model.generate(ids, max_new_tokens=1, **kwargs)
        first = time.perf_counter() - started
        started = time.perf_counter()
        out = model.generate(ids, max_new_tokens=settings.max_new_tokens, **kwargs)
        total = time.perf_counter() - started
    tokens = [t for t in out[0, len(prompt_ids):].tolist() if t not in stop_ids]
    return tokens, first * 1000, (len(tokens) - 1) / max(total - first, 1e-9)


def legacy_reply(generator, prompt: str, settings: DecodingSettings):
    reply = generator.generate(SYSTEM_PROMPT, prompt, settings)
    ttft = reply.extra["ttft_ms"]
    return reply.extra["token_ids"], ttft, (reply.completion_tokens - 1) / max((reply.latency_ms - ttft) / 1000, 1e-9)


def decoding(folders: dict, model_dir: Path, args) -> None:
    settings = replace(get_recipe("smollm2-135m").decoding, max_new_tokens=args.max_new_tokens)
    print(f"\ndecoding: greedy, repetition penalty {settings.repetition_penalty}, up to {settings.max_new_tokens} new "
          f"tokens, {len(PROMPTS)} prompts x {args.repeat}")
    genai = OnnxGenerator(folders["int4"])
    legacy = legacy_onnx_generate.OnnxGenerator(folders["legacy"], variant="q4")
    torch_model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32).eval()
    print(f"  torch threads: {configure_threads()} (one when the machine is already busy: two OpenMP threads waiting "
          f"on each other under contention made torch 5-10x slower)")
    stop_ids = sorted(genai.stop_token_ids)
    genai.warm([SYSTEM_PROMPT], settings)
    legacy.generate(SYSTEM_PROMPT, "Hello.", replace(settings, max_new_tokens=1))  # caches its system prefix
    rows: dict[str, list] = {"onnxruntime-genai int4": [], "legacy numpy loop q4": [], "torch generate fp32": []}
    for i, prompt in enumerate(PROMPTS * args.repeat):
        print(f"  prompt {i + 1}/{len(PROMPTS) * args.repeat}, load average {os.getloadavg()[0]:.1f}", flush=True)
        timing = time_reply(genai, SYSTEM_PROMPT, prompt, settings)
        rows["onnxruntime-genai int4"].append((timing.ttft_ms, timing.decode_tokens_per_s))
        rows["legacy numpy loop q4"].append(legacy_reply(legacy, prompt, settings)[1:])
        prompt_ids = genai.encode_prompt(SYSTEM_PROMPT, prompt)
        rows["torch generate fp32"].append(torch_reply(torch_model, prompt_ids, stop_ids, settings)[1:])
    medians = {k: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v)) for k, v in rows.items()}
    new_ttft, new_tps = medians["onnxruntime-genai int4"]
    print(f"  {'':24} {'TTFT ms':>8} {'decode tokens/s':>16} {'TTFT / new':>11} {'new tokens/s / this':>20}")
    for name, (ttft, tps) in medians.items():
        print(f"  {name:24} {ttft:8.0f} {tps:16.1f} {ttft / new_ttft:10.2f}x {new_tps / tps:19.2f}x")
    verdict = "met" if new_tps >= 57 and new_ttft < 150 else "NOT met"
    print(f"  targets >= 57 tokens/s and first token < 150 ms: {verdict}")
    parity(folders["fp32"], torch_model, stop_ids)


def parity(folder: Path, torch_model, stop_ids: list[int]) -> None:
    generator = OnnxGenerator(folder)
    settings = DecodingSettings(max_new_tokens=32)
    same = 0
    for prompt in PROMPTS:
        ids = generator.encode_prompt(SYSTEM_PROMPT, prompt)
        tokens = torch_reply(torch_model, ids, stop_ids, settings)[0]
        same += generator.generate(SYSTEM_PROMPT, prompt, settings).extra["token_ids"] == tokens
    print(f"\ngreedy parity, onnxruntime-genai fp32 vs torch: {same}/{len(PROMPTS)} prompts identical tokens")


def main() -> None:
    logging.basicConfig(level=logging.WARNING)  # the legacy quantizer logs every node at INFO
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--max-new-tokens", type=int, default=64)
    p.add_argument("--repeat", type=int, default=2, help="passes over the prompts")
    p.add_argument("--model", type=Path, default=None, help="a model folder (default: the base SmolLM2)")
    p.add_argument("--work", type=Path, default=None, help="keep the exports here; a second run reuses the legacy "
                                                          "export (5 minutes on a busy machine) and reports its time")
    args = p.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, python "
          f"{platform.python_version()}, torch {torch.__version__}, onnxruntime-genai {og.__version__}")
    model_dir = args.model or materialize_smollm2()
    out = args.work or Path(tempfile.mkdtemp(prefix="bench-onnx-"))
    try:
        folders = exports(model_dir, out)
        decoding(folders, model_dir, args)
    finally:
        if args.work is None:
            shutil.rmtree(out, ignore_errors=True)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} (2 cores; above 2 means others were running)")


if __name__ == "__main__":
    main()

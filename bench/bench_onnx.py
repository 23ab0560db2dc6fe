"""Benchmark: greedy decoding with onnxruntime (fp32, int8, 4-bit) against transformers' model.generate, same prompts,
same machine, same run.

    .venv/bin/python bench/bench_onnx.py [--max-new-tokens 64] [--repeat 1] [--export]

Models: the base SmolLM2-135M-Instruct folder and every fine-tuned merged folder (artifacts/models/*-ft-merged)
that exists. Each is exported first when artifacts/onnx/<name> is missing (or with --export), with the int8 and q4 files.
Per model it prints, as medians over the prompts: time to first token (prompt processed, first token chosen;
onnxruntime reuses the system prompt's cache after the first reply, whose TTFT is printed separately),
tokens/s over the whole reply (first token included), the ratio to torch, and whether the greedy tokens of
onnxruntime fp32 equal torch's (the parity check on the real model). Torch and onnxruntime alternate prompt by
prompt, so a noisy neighbour on the machine slows both alike, and each gets the thread count (1 or one per core)
that a short probe finds faster. Targets (from the issue): >= 1.5x torch tokens/s and time to first token
< 300 ms for a typical client message.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import onnxruntime as ort  # noqa: E402
import torch  # noqa: E402
from transformers import AutoModelForCausalLM  # noqa: E402

from tide_core.models.backend import SYSTEM_PROMPT, DecodingSettings  # noqa: E402
from tide_core.models.onnx_export import ONNX_ROOT, export_onnx  # noqa: E402
from tide_core.models.onnx_generate import OnnxGenerator  # noqa: E402
from tide_core.models.weights import DEFAULT_CACHE, materialize_smollm2  # noqa: E402

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


def models_to_bench() -> list[Path]:
    merged = sorted(p for p in DEFAULT_CACHE.glob("*-ft-merged") if (p / "config.json").is_file())
    return [materialize_smollm2(), *merged]


def onnx_folder(model_dir: Path, force: bool) -> Path:
    folder = ONNX_ROOT / model_dir.name
    if force or not (folder / "manifest.json").is_file():
        started = time.perf_counter()
        export_onnx(model_dir, ONNX_ROOT, quantize=("int8", "q4"))
        print(f"  exported {model_dir.name} in {time.perf_counter() - started:.1f} s")
    return folder


def torch_run(model, prompt_ids: list[int], stop_ids: list[int], max_new: int) -> tuple[list[int], float, float]:
    """(new tokens, seconds for the whole reply, seconds to the first token) with model.generate, greedy."""
    ids = torch.tensor([prompt_ids])
    kwargs = dict(attention_mask=torch.ones_like(ids), do_sample=False, eos_token_id=stop_ids, pad_token_id=stop_ids[0])
    with torch.no_grad():
        started = time.perf_counter()
        model.generate(ids, max_new_tokens=1, **kwargs)
        first = time.perf_counter() - started
        started = time.perf_counter()
        out = model.generate(ids, max_new_tokens=max_new, **kwargs)
        total = time.perf_counter() - started
    tokens = out[0, len(prompt_ids):].tolist()
    return [t for t in tokens if t not in stop_ids], total, first


def pick_threads(label: str, run, counts: list[int]) -> int:
    """The thread count with the best tokens/s for `run(threads) -> seconds for 16 tokens`: on a shared 2-core
    machine torch's 2 OpenMP threads collapsed to under 1 token/s while another process was busy, which would make
    any ratio meaningless, so each side gets its own best setting."""
    speeds = {n: 16 / run(n) for n in counts}
    print(f"  {label} threads probe: " + ", ".join(f"{n}: {v:.1f} tokens/s" for n, v in speeds.items()))
    return max(speeds, key=speeds.get)


def torch_probe(model, prompt_ids: list[int]):
    def run(threads: int) -> float:
        torch.set_num_threads(threads)
        ids = torch.tensor([prompt_ids])
        with torch.no_grad():
            started = time.perf_counter()
            model.generate(ids, attention_mask=torch.ones_like(ids), max_new_tokens=16, min_new_tokens=16,
                           do_sample=False, pad_token_id=0)
        return time.perf_counter() - started
    return run


def onnx_probe(folder: Path, prompt: str):
    def run(threads: int) -> float:
        gen = OnnxGenerator(folder, threads=threads)
        gen.generate(SYSTEM_PROMPT, prompt, DecodingSettings(max_new_tokens=2))
        gen.stop_token_ids = set()  # 16 tokens whatever the model says
        return gen.generate(SYSTEM_PROMPT, prompt, DecodingSettings(max_new_tokens=16)).latency_ms / 1000
    return run


def onnx_run(gen: OnnxGenerator, prompt: str, max_new: int) -> tuple[list[int], float, float]:
    reply = gen.generate(SYSTEM_PROMPT, prompt, DecodingSettings(max_new_tokens=max_new))
    return reply.extra["token_ids"], reply.latency_ms / 1000, reply.extra["ttft_ms"] / 1000


def bench_model(model_dir: Path, args) -> None:
    folder = onnx_folder(model_dir, args.export)
    torch_model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32).eval()
    files = OnnxGenerator(folder).manifest["files"]
    counts = sorted({1, os.cpu_count() or 1})
    probe_ids = OnnxGenerator(folder).encode_prompt(SYSTEM_PROMPT, PROMPTS[0])
    torch.set_num_threads(args.torch_threads or pick_threads("torch", torch_probe(torch_model, probe_ids), counts))
    threads = args.threads or pick_threads("onnxruntime", onnx_probe(folder, PROMPTS[0]), counts)
    print(f"  using torch threads {torch.get_num_threads()}, onnxruntime threads {threads}")
    gens = {f"onnx {v}": OnnxGenerator(folder, variant=v, threads=threads) for v in ("fp32", "int8", "q4")
            if v in files}
    stop_ids = sorted(gens["onnx fp32"].stop_token_ids)
    rows = {name: [] for name in ["torch generate", *gens]}
    cold = {}
    parity = 0
    for i, prompt in enumerate([PROMPTS[0], *PROMPTS] * args.repeat):  # the first run of each is a warm-up
        prompt_ids = gens["onnx fp32"].encode_prompt(SYSTEM_PROMPT, prompt)
        torch_tokens, *timing = torch_run(torch_model, prompt_ids, stop_ids, args.max_new_tokens)
        results = {"torch generate": (torch_tokens, *timing)}
        results |= {name: onnx_run(gen, prompt, args.max_new_tokens) for name, gen in gens.items()}
        if i == 0:  # warm-up; for onnxruntime also the one reply that processes the system prompt
            cold = {name: result[2] * 1000 for name, result in results.items()}
            continue
        parity += results["onnx fp32"][0] == torch_tokens
        for name, (tokens, total, first) in results.items():
            rows[name].append((len(tokens) / total, first * 1000, len(prompt_ids), len(tokens)))
    report(model_dir.name, rows, cold, parity, len(rows["torch generate"]))


def report(name: str, rows: dict, cold: dict, parity: int, n: int) -> None:
    base = statistics.median(r[0] for r in rows["torch generate"])
    print(f"\n{name}: {n} prompts, prompt tokens median {statistics.median(r[2] for r in rows['torch generate'])}, "
          f"new tokens median {statistics.median(r[3] for r in rows['torch generate'])}")
    print(f"  {'':16} {'tokens/s':>9} {'x torch':>8} {'TTFT ms':>8} {'first reply TTFT ms':>20}")
    for label, values in rows.items():
        tps = statistics.median(v[0] for v in values)
        ttft = statistics.median(v[1] for v in values)
        print(f"  {label:16} {tps:9.1f} {tps / base:8.2f} {ttft:8.0f} {cold[label]:20.0f}")
    print(f"  greedy parity onnx fp32 vs torch: {parity}/{n} prompts identical tokens")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--max-new-tokens", type=int, default=64)
    p.add_argument("--repeat", type=int, default=1, help="passes over the prompts")
    p.add_argument("--export", action="store_true", help="re-export even if artifacts/onnx/<name> exists")
    p.add_argument("--threads", type=int, default=None, help="onnxruntime intra-op threads (default: probe 1 and "
                                                              "one per core, keep the faster)")
    p.add_argument("--torch-threads", type=int, default=None, help="torch threads (default: probed the same way)")
    args = p.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}, torch "
          f"{torch.__version__}, onnxruntime {ort.__version__}; greedy, {args.max_new_tokens} new tokens max")
    for model_dir in models_to_bench():
        bench_model(model_dir, args)


if __name__ == "__main__":
    main()

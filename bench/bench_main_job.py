"""Benchmark: issue 11's four speed figures in one run, each against its named baseline in the same run.

    .venv/bin/python bench/bench_main_job.py [--quick]

Runs, one after another on the same machine (so a noisy neighbour shows in all four):
1. bench_lora.py: LoRA training tokens/s, the current loop against the old loop (bench/legacy_lora_loop.py) and a
   plain peft loop;
2. bench_onnx.py: the two served models' export with onnxruntime-genai against two full hand-written exports
   (bench/legacy_onnx_export.py), and decoding / first token against the hand-written generator;
3. bench_eval.py: scoring throughput (responses/s) against the per-response scorer it replaced
   (bench/legacy_scoring.py);
4. bench_chat_ttft.py: time to first token as the README defines it (warm, system prompt appended once).
Each part's own output is printed under its heading, then a table of the parts' wall times and exit codes.
`--quick` shortens every part (fewer steps, rounds and tokens): for a check that the runner works, not for figures.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent

PARTS = [  # (title, script, full arguments, quick arguments)
    ("LoRA tokens/s against the old loop", "bench_lora.py", ["--steps", "4", "--rounds", "2"],
     ["--steps", "2", "--rounds", "1"]),
    ("export against two full exports; decoding and first token", "bench_onnx.py", ["--repeat", "2"],
     ["--repeat", "1", "--max-new-tokens", "16"]),
    ("scoring throughput against the per-response scorer", "bench_eval.py", ["--rounds", "3", "--skip-100k"],
     ["--rounds", "1", "--conversations", "8", "--skip-100k"]),
    ("time to first token (README definition)", "bench_chat_ttft.py", ["--rounds", "5"], ["--rounds", "1"]),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="short runs of every part (checks the runner only)")
    args = ap.parse_args()
    rows = []
    for title, script, full, quick in PARTS:
        print(f"\n===== {title} ({script}) =====", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(BENCH / script), *(quick if args.quick else full)])
        rows.append((script, time.perf_counter() - started, code))
    print("\n===== summary =====")
    print(f"{'part':<22} {'wall s':>8} {'exit':>5}")
    for script, seconds, code in rows:
        print(f"{script:<22} {seconds:8.1f} {code:5d}")
    return max(code for _, _, code in rows)


if __name__ == "__main__":
    sys.exit(main())

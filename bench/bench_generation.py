"""Benchmark: batched torch generation on the CPU default (SmolLM2-135M), batch 1 against batch 8.

    .venv/bin/python bench/bench_generation.py [--n 8] [--max-new-tokens 64] [--threads N] [--warehouse PATH]

The same --n test-split client messages, with the trauma-informed system prompt and greedy decoding, are answered
one at a time (the baseline) and then in one left-padded batch of 8 through TorchBackend. One untimed warm-up
call first. Prints responses per minute and generated tokens per second for both, and the ratio.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

from tide_core.backends.protocol import SYSTEM_PROMPT, DecodingSettings  # noqa: E402
from tide_core.backends.torch_backend import TorchBackend  # noqa: E402
from tide_core.models.device import configure_threads  # noqa: E402
from tide_core.models.recipe import get_recipe  # noqa: E402
from tide_core.models.resolve_weights import resolve_weights  # noqa: E402
from tide_core.models.train_data import load_pairs  # noqa: E402
from warehouse import DEFAULT_PATH  # noqa: E402


def run(backend: TorchBackend, messages: list[str], settings: DecodingSettings, batch: int) -> tuple[float, int]:
    """(seconds, generated tokens) answering every message in batches of `batch`."""
    started, tokens = time.perf_counter(), 0
    for i in range(0, len(messages), batch):
        tokens += sum(g.completion_tokens for g in backend.generate_batch(SYSTEM_PROMPT, messages[i:i + batch],
                                                                          settings))
    return time.perf_counter() - started, tokens


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--max-new-tokens", type=int, default=64)
    ap.add_argument("--warehouse", type=Path, default=DEFAULT_PATH)
    ap.add_argument("--threads", type=int, default=None,
                    help="torch threads (default: automatic, one when the machine is already busy)")
    args = ap.parse_args()
    threads = configure_threads(args.threads)
    recipe = get_recipe("smollm2-135m")
    backend = TorchBackend.from_folder(recipe.model_id, resolve_weights(recipe))
    messages = [p.message for p in load_pairs(args.warehouse, "test", args.n, seed=5)]
    settings = DecodingSettings(max_new_tokens=args.max_new_tokens, repetition_penalty=recipe.decoding.repetition_penalty)
    print(f"machine: {platform.machine()}, torch {torch.__version__}, threads {threads} (load {os.getloadavg()[0]:.1f}), "
          f"device {backend.device}; SmolLM2-135M fp32, greedy, {args.n} messages, <= {args.max_new_tokens} new tokens")
    backend.generate(SYSTEM_PROMPT, messages[0], DecodingSettings(max_new_tokens=4))  # warm-up
    results = {}
    for batch in (1, 8):
        seconds, tokens = run(backend, messages, settings, batch)
        results[batch] = len(messages) * 60 / seconds
        label = "batch 1 (baseline)" if batch == 1 else f"batch {batch}"
        print(f"{label:<20} {results[batch]:7.1f} responses/min  {tokens / seconds:7.1f} tokens/s  ({seconds:.1f} s)")
    print(f"batch 8 / batch 1: {results[8] / results[1]:.2f}x responses per minute")


if __name__ == "__main__":
    main()

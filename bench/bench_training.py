"""Benchmark: LoRA fine-tuning throughput on SmolLM2-135M, fp32 against bf16 autocast, same model and batches.

    .venv/bin/python bench/bench_training.py [--steps 6] [--batch 8] [--max-len 128] [--threads N] [--warehouse PATH]

Trains the smollm2-135m recipe's adapter (r, alpha, target modules) for --steps optimiser steps on the same
length-grouped train batches, first in fp32 (the baseline), then under torch.autocast(bfloat16); one warm-up step
each is not timed. Prints reply-masked tokens per second for both and the ratio bf16 / fp32.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

from tide_core.models.device import autocast, bf16_available, configure_threads, pick_device  # noqa: E402
from tide_core.models.recipe import get_recipe  # noqa: E402
from tide_core.models.resolve_weights import resolve_weights  # noqa: E402
from tide_core.models.train_data import collate, encode_pairs, length_grouped_batches, load_pairs  # noqa: E402
from tide_core.models.train_lora import attach_lora, load_base, system_for  # noqa: E402
from warehouse import DEFAULT_PATH  # noqa: E402


def batches(tokenizer, recipe, warehouse: Path, n: int, batch: int, max_len: int) -> list[dict]:
    pairs = load_pairs(warehouse, "train", n * batch * 2, seed=1)
    examples = encode_pairs(tokenizer, pairs, system_for(recipe), max_len)
    return [collate(b, tokenizer.pad_token_id) for b in length_grouped_batches(examples, batch, 1)[:n]]


def tokens_per_second(recipe, base: Path, data: list[dict], bf16: bool) -> float:
    device = pick_device("cpu" if not torch.cuda.is_available() else None)
    model, _ = load_base(base, recipe.chat_template, device)
    model = attach_lora(model, recipe, seed=0)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-4)

    def step(batch: dict) -> None:
        with autocast(device, bf16):
            loss = model(**{k: v.to(device) for k, v in batch.items()}).loss
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)

    step(data[0])  # warm-up: kernels, allocator
    started = time.perf_counter()
    for batch in data[1:]:
        step(batch)
    seconds = time.perf_counter() - started
    return sum(int(b["attention_mask"].sum()) for b in data[1:]) / seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=6)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--max-len", type=int, default=128, help="tokens per example (the prompt is cut to fit)")
    ap.add_argument("--warehouse", type=Path, default=DEFAULT_PATH)
    ap.add_argument("--threads", type=int, default=None,
                    help="torch threads (default: automatic, one when the machine is already busy)")
    args = ap.parse_args()
    threads = configure_threads(args.threads)
    recipe = get_recipe("smollm2-135m")
    base = resolve_weights(recipe)
    _, tokenizer = load_base(base, recipe.chat_template, torch.device("cpu"))
    # The system prompt alone is ~150 tokens: benchmark on message + reply (system none) so max-len fits.
    no_system = dataclasses.replace(recipe, system_prompt="none")
    data = batches(tokenizer, no_system, args.warehouse, args.steps + 1, args.batch, args.max_len)
    device = pick_device()
    print(f"machine: {platform.machine()}, torch {torch.__version__}, threads {threads} (load {os.getloadavg()[0]:.1f}), "
          f"device {device}, bf16 hardware: {bf16_available(device)}")
    print(f"SmolLM2-135M LoRA r={recipe.lora.r} on {'/'.join(recipe.lora.target_modules)}; {args.steps} steps of "
          f"{args.batch} x <= {args.max_len} tokens")
    fp32 = tokens_per_second(recipe, base, data, bf16=False)
    print(f"fp32 (baseline)        {fp32:8.0f} tokens/s")
    bf16 = tokens_per_second(recipe, base, data, bf16=True)
    print(f"bf16 autocast          {bf16:8.0f} tokens/s")
    print(f"bf16 / fp32: {bf16 / fp32:.2f}x")


if __name__ == "__main__":
    main()

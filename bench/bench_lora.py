"""Benchmark: LoRA training tokens/s on SmolLM2-135M, the current loop against the old loop and a plain peft loop.

    .venv/bin/python bench/bench_lora.py [--steps 4] [--rounds 2] [--threads N] [--warehouse PATH]

The same length-grouped batches of the smollm2-135m recipe (system prompt, chat template, max_len, batch size) go
through three loops, in turn, for --rounds rounds (each loop's model is built once; one untimed warm-up step):
- **old loop** (bench/legacy_lora_loop.py, the baseline): LoRA on q/k/v/o, the model's own forward and loss
  (every row's system prompt recomputed, logits at every position);
- **plain peft loop**: the recipe's LoRA targets, the model's own forward and loss (MODELS.md's reference loop);
- **current loop** (train_loop._step): the recipe's LoRA targets, reply_loss (shared system prefix computed once
  per batch, logits only at reply positions).
All under bf16 autocast where the CPU has it. Tokens are the batches' tokens (prompt + reply, as the main job and
MODELS.md count them); reply tokens (the loss's) are printed too, and tokens per CPU second of the process, which
other jobs on a shared machine move less. Prints each round and the ratios of the medians.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

from bench.legacy_lora_loop import LORA as OLD_LORA  # noqa: E402
from bench.legacy_lora_loop import legacy_step  # noqa: E402
from tide_core.models.device import autocast, bf16_available, configure_threads  # noqa: E402
from tide_core.models.recipe import get_recipe  # noqa: E402
from tide_core.models.resolve_weights import resolve_weights  # noqa: E402
from tide_core.models.train_data import collate, encode_pairs, length_grouped_batches, load_pairs  # noqa: E402
from tide_core.models.train_loop import _step  # noqa: E402
from tide_core.models.train_lora import attach_lora, load_base, system_for  # noqa: E402
from warehouse import DEFAULT_PATH  # noqa: E402


def batches(tokenizer, recipe, warehouse: Path, n: int) -> list[dict]:
    spec = recipe.train
    pairs = load_pairs(warehouse, "train", n * spec.batch_size * 2, seed=1)
    examples = encode_pairs(tokenizer, pairs, system_for(recipe), spec.max_len)
    return [collate(b, tokenizer.pad_token_id) for b in length_grouped_batches(examples, spec.batch_size, 1)[:n]]


def plain_step(model, optimizer, batch: dict, device: torch.device, bf16: bool) -> None:
    with autocast(device, bf16):
        loss = model(**{k: v.to(device) for k, v in batch.items()}).loss
    loss.backward()
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)


def current_step(model, optimizer, batch: dict, device: torch.device, bf16: bool) -> None:
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda _s: 1.0)
    _step(model, optimizer, scheduler, batch, device, bf16)


class Loop:
    """A model with its LoRA adapter and optimiser, and the step function that trains it."""

    def __init__(self, name: str, recipe, base: Path, step, device: torch.device, bf16: bool):
        model, _ = load_base(base, recipe.chat_template, device)
        self.name, self.step, self.device, self.bf16 = name, step, device, bf16
        self.model = attach_lora(model, recipe, seed=0)
        self.model.train()
        self.optimizer = torch.optim.AdamW([p for p in self.model.parameters() if p.requires_grad], lr=1e-4)

    def tokens_per_second(self, data: list[dict]) -> tuple[float, float]:
        """(tokens per wall second, tokens per CPU second of this process): on a shared machine the second moves
        less with other people's jobs (with one thread it is close to the wall figure of a quiet machine)."""
        self.step(self.model, self.optimizer, data[0], self.device, self.bf16)  # warm-up
        started, cpu = time.perf_counter(), time.process_time()
        for batch in data[1:]:
            self.step(self.model, self.optimizer, batch, self.device, self.bf16)
        tokens = sum(int(b["attention_mask"].sum()) for b in data[1:])
        return tokens / (time.perf_counter() - started), tokens / (time.process_time() - cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=4, help="timed steps per loop and round")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--warehouse", type=Path, default=DEFAULT_PATH)
    ap.add_argument("--threads", type=int, default=None,
                    help="torch threads (default: automatic, one when the machine is already busy)")
    args = ap.parse_args()
    threads = configure_threads(args.threads)
    recipe = get_recipe("smollm2-135m")
    base = resolve_weights(recipe)
    device = torch.device("cpu")
    bf16 = bf16_available(device)
    _, tokenizer = load_base(base, recipe.chat_template, device)
    data = batches(tokenizer, recipe, args.warehouse, args.steps + 1)
    reply_share = sum(int((b["labels"] != -100).sum()) for b in data) / sum(int(b["attention_mask"].sum()) for b in data)
    print(f"machine: {platform.machine()}, torch {torch.__version__}, threads {threads} "
          f"(load {os.getloadavg()[0]:.1f}), bf16 autocast: {bf16}")
    print(f"SmolLM2-135M, batches of {recipe.train.batch_size} x <= {recipe.train.max_len} tokens with the system "
          f"prompt; reply tokens are {reply_share:.0%} of the tokens")
    old = dataclasses.replace(recipe, lora=OLD_LORA)
    loops = [Loop("old loop (baseline): q/k/v/o, full forward + logits", old, base, legacy_step, device, bf16),
             Loop(f"plain peft loop: {'/'.join(recipe.lora.target_modules)}", recipe, base, plain_step, device, bf16),
             Loop(f"current loop: {'/'.join(recipe.lora.target_modules)}, reply_loss", recipe, base, current_step,
                  device, bf16)]
    results: dict[str, list[tuple[float, float]]] = {loop.name: [] for loop in loops}
    for round_ in range(1, args.rounds + 1):
        for loop in loops:
            tps, cpu_tps = loop.tokens_per_second(data)
            results[loop.name].append((tps, cpu_tps))
            print(f"round {round_}  {loop.name:<52} {tps:7.0f} tokens/s  ({tps * reply_share:5.0f} reply tokens/s)  "
                  f"{cpu_tps:7.0f} tokens per CPU second  load {os.getloadavg()[0]:.1f}", flush=True)
    for k, label in ((0, "tokens/s"), (1, "tokens per CPU second")):
        old_tps, plain_tps, new_tps = (statistics.median(r[k] for r in v) for v in results.values())
        print(f"medians, {label}: old {old_tps:.0f}, plain peft {plain_tps:.0f}, current {new_tps:.0f}; current / old "
              f"{new_tps / old_tps:.2f}x, current / plain peft {new_tps / plain_tps:.2f}x, plain peft / old "
              f"{plain_tps / old_tps:.2f}x")


if __name__ == "__main__":
    main()

"""LoRA fine-tuning on several processes through accelerate: the same loop (train_loop, reply_loss), DDP or FSDP.

    python -m tide_core models --profile full --launcher accelerate --num-processes 8    # the stage, 8 GPUs
    result = launch_fine_tune(recipe, warehouse, launch=LaunchSpec("accelerate", 2))     # from Python

`launch_fine_tune` runs `accelerate launch --multi_gpu --num_processes N -m tide_core.models.train_distributed ...`
and waits (on a machine without CUDA the N processes run on the CPU, joined by gloo: that is the CPU test).
Every process loads the same base, data and initial adapter weights, walks the same seeded global batches and
takes its slice of each: the recipe's batch_size stays the global batch, so its learning rate stays right, and
one step of N processes is the step one process takes on the whole batch (DDP averages the gradients, FSDP
reduce-scatters them; each process's loss is scaled so the result is the global batch's per-token mean).
Only the main process saves the adapter and writes the warehouse rows; the training run's decoding_json gets a
"training" entry with the launcher, strategy, processes, per-process and global batch and learning rate.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import torch

from tide_core.errors import ConfigError, TideError
from tide_core.models.recipe import ROOT, Recipe, load_recipe
from tide_core.models.reply_loss import reply_loss

log = logging.getLogger(__name__)
LAUNCHERS = ("none", "accelerate")
STRATEGIES = ("auto", "ddp", "fsdp")
# auto: FSDP from the 3B shapes up, where a bf16 base, activations at batch 16 x 384 and the optimiser state make
# one GPU's memory tight; below that every process holds the whole base (DDP), which is faster.
FSDP_FROM_MILLIONS = 3000.0


@dataclass(frozen=True)
class LaunchSpec:
    """How the models stage trains: `none` is this process (the single-process path); `accelerate` starts
    `num_processes` processes with accelerate launch. Checked when built."""

    launcher: str = "none"
    num_processes: int = 1
    strategy: str = "auto"  # auto, ddp or fsdp
    threads: int | None = None  # torch threads per process (None: TIDE_TORCH_THREADS or automatic)

    def __post_init__(self) -> None:
        if self.launcher not in LAUNCHERS:
            raise ConfigError(f"launcher {self.launcher!r}: expected one of {list(LAUNCHERS)}")
        if self.strategy not in STRATEGIES:
            raise ConfigError(f"strategy {self.strategy!r}: expected one of {list(STRATEGIES)}")
        if not isinstance(self.num_processes, int) or self.num_processes < 1:
            raise ConfigError(f"num_processes {self.num_processes!r}: expected a whole number >= 1")
        if self.launcher == "none" and self.num_processes != 1:
            raise ConfigError(f"num_processes {self.num_processes} needs launcher 'accelerate' (e.g. "
                              "--launcher accelerate --num-processes 4); the plain launcher runs one process")

    @property
    def distributed(self) -> bool:
        return self.launcher == "accelerate"


def resolve_strategy(strategy: str, recipe: Recipe) -> str:
    """ddp or fsdp: `auto` picks FSDP for the 3B-5B recipes (FSDP_FROM_MILLIONS), DDP below."""
    if strategy != "auto":
        return strategy
    return "fsdp" if (recipe.params_millions or 0) >= FSDP_FROM_MILLIONS else "ddp"


def shard_bounds(n: int, rank: int, world: int) -> tuple[int, int]:
    """[start, end) of process `rank`'s contiguous slice of `n` examples (sizes differ by at most one)."""
    return n * rank // world, n * (rank + 1) // world


class ReplyLoss(torch.nn.Module):
    """The model with reply_loss as its forward: DDP and FSDP do their work in the wrapped module's forward and
    backward, so the loss has to be computed inside a forward they wrap."""

    def __init__(self, model, device: torch.device):
        super().__init__()
        self.model, self.device = model, device
        inner = model.get_base_model() if hasattr(model, "get_base_model") else model
        self._no_split_modules = getattr(inner, "_no_split_modules", None)  # FSDP wraps these layer classes

    def forward(self, batch: dict[str, torch.Tensor]) -> tuple[torch.Tensor, int]:
        return reply_loss(self.model, batch, self.device)


class AcceleratePlan:
    """train_loop's `parallel` for N processes under accelerate (see train_loop.SingleProcess for the contract)."""

    def __init__(self, accelerator, model, device: torch.device, strategy: str):
        from accelerate import DistributedType

        self.acc, self.module = accelerator, ReplyLoss(model, device)  # wrapped by make_optimizer
        self.rank, self.world = accelerator.process_index, accelerator.num_processes
        # What runs, not what was asked: accelerate applies FSDP on GPUs only (CPU processes get DDP).
        fsdp = accelerator.distributed_type == DistributedType.FSDP
        self.strategy = "fsdp" if fsdp else ("ddp" if self.world > 1 else "single")
        if strategy == "fsdp" and not fsdp:
            log.warning("%s was asked for; accelerate runs %s here (%s)", strategy, self.strategy,
                        accelerator.distributed_type)
        self._weight, self._local_sum, self._n_global = 1.0, 0.0, 0

    @property
    def is_main(self) -> bool:
        return self.acc.is_main_process

    def make_optimizer(self, model, spec):
        """The optimiser, prepared together with the model (DDP or FSDP wrapping happens here): FSDP2 swaps the
        parameters for sharded ones, so accelerate maps the optimiser onto them in the same call."""
        params = [p for p in self.module.parameters() if p.requires_grad]
        optimizer = torch.optim.AdamW(params, lr=spec.lr, weight_decay=spec.weight_decay)
        self.module, optimizer = self.acc.prepare(self.module, optimizer)
        return optimizer

    def shard(self, examples: list) -> list:
        """This process's slice of the global batch; an empty slice becomes one example weighted 0, so that every
        process still runs the forward and backward pass the others wait for."""
        start, end = shard_bounds(len(examples), self.rank, self.world)
        self._weight = 1.0 if end > start else 0.0
        return examples[start:end] or examples[:1]

    def train_loss(self, model, batch: dict, device: torch.device) -> tuple[torch.Tensor, int]:
        loss, n = self.module(batch)
        n_local = n if self._weight else 0
        self._n_global = int(self.total(float(n_local))[0])
        self._local_sum = float(loss.detach()) * n_local
        # The processes' gradients are averaged: scaled like this, the average is the gradient of the global
        # batch's mean loss per reply token, as one process computes it.
        return loss * (n_local * self.world / max(self._n_global, 1)), self._n_global

    def logged(self, loss: torch.Tensor) -> float:
        return self.total(self._local_sum)[0] / max(self._n_global, 1)

    def backward(self, loss: torch.Tensor) -> None:
        self.acc.backward(loss)

    def clip(self, model, max_norm: float) -> None:
        self.acc.clip_grad_norm_([p for p in self.module.parameters() if p.requires_grad], max_norm)

    def eval_share(self, batches: list[dict]) -> list[tuple[dict, float]]:
        """Batches rank, rank + N, ...; every process evaluates the same number (FSDP gathers in each forward)."""
        rounds = math.ceil(len(batches) / self.world)
        picks = [i * self.world + self.rank for i in range(rounds)]
        return [(batches[j], 1.0) if j < len(batches) else (batches[0], 0.0) for j in picks]

    def eval_loss(self, model, batch: dict, device: torch.device) -> tuple[torch.Tensor, int]:
        return self.module(batch)

    def total(self, *values: float) -> tuple[float, ...]:
        tensor = torch.tensor(values, dtype=torch.float64, device=self.acc.device)
        return tuple(self.acc.reduce(tensor, "sum").tolist())

    def any(self, flag: bool) -> bool:
        return self.total(float(flag))[0] > 0

    def describe(self, global_batch: int, lr: float) -> dict:
        """What the run records: effective (global) batch, per-process batch and the learning rate."""
        backend = torch.distributed.get_backend() if torch.distributed.is_initialized() else None
        return {"launcher": "accelerate", "strategy": self.strategy, "num_processes": self.world,
                "backend": backend, "global_batch": global_batch,
                "per_process_batch": math.ceil(global_batch / self.world), "lr": lr}

    def adapter_state(self) -> dict | None:
        """The whole adapter's state dict for the main process under FSDP (a collective: every process calls it);
        None under DDP, where every process holds the whole model."""
        if self.strategy != "fsdp":
            return None
        state = self.acc.get_state_dict(self.module)
        return {k.removeprefix("model."): v for k, v in state.items()}


def make_accelerator(strategy: str):
    """An Accelerator for this launch: CUDA when present, else CPU processes joined by gloo."""
    from accelerate import Accelerator, FullyShardedDataParallelPlugin

    cpu = not torch.cuda.is_available()
    if strategy == "fsdp":
        # FSDP2 (per-parameter sharding) because the frozen base is bf16 on CUDA and the LoRA weights fp32: FSDP1's
        # flat parameters need one dtype per wrapped layer.
        plugin = FullyShardedDataParallelPlugin(fsdp_version=2, auto_wrap_policy="transformer_based_wrap",
                                                state_dict_type="FULL_STATE_DICT", reshard_after_forward=True,
                                                cpu_ram_efficient_loading=False)
        return Accelerator(cpu=cpu, fsdp_plugin=plugin)
    return Accelerator(cpu=cpu)


def fine_tune_distributed(recipe: Recipe, warehouse_path: Path, *, profile: str | None, base_dir: Path,
                          adapter_dir: Path, strategy: str) -> None:
    """The body every launched process runs: train_lora.fine_tune_lora's steps with an AcceleratePlan."""
    from tide_core.models import catalog
    from tide_core.models.device import base_dtype, use_bf16
    from tide_core.models.train_loop import train_loop
    from tide_core.models.train_lora import (
        MARKER,
        _examples,
        attach_lora,
        load_base,
        record_from_marker,
        save_with_marker,
        training_fingerprint,
        training_marker,
    )

    accelerator = make_accelerator(strategy)
    spec = recipe.train_for(profile)
    fp = training_fingerprint(recipe, profile, catalog.dataset_fingerprint(warehouse_path))
    dev = accelerator.device
    bf16 = use_bf16(spec.precision, dev)
    model, tokenizer = load_base(base_dir, recipe.chat_template, dev, base_dtype(dev, bf16))
    params_m = sum(p.numel() for p in model.parameters()) / 1e6
    train, val = _examples(tokenizer, recipe, warehouse_path, spec)
    peft_model = attach_lora(model, recipe, spec.seed)
    plan = AcceleratePlan(accelerator, peft_model, dev, strategy)
    log.info("process %d of %d: LoRA on %s (%s, %s), %d train / %d validation examples, bf16=%s, device=%s",
             plan.rank, plan.world, recipe.model_id, plan.strategy, accelerator.distributed_type, len(train), len(val),
             bf16, dev)
    res = train_loop(peft_model, train, val, tokenizer.pad_token_id, spec, dev, bf16, parallel=plan)
    marker = training_marker(recipe, profile, fp, f"{recipe.model_id}-lora-{fp}", base_dir, res, bf16)
    marker["distributed"] = plan.describe(spec.batch_size, spec.lr)
    state = plan.adapter_state()
    if plan.is_main:
        save_with_marker(peft_model, tokenizer, adapter_dir, MARKER, marker, state_dict=state)
        record_from_marker(warehouse_path, recipe, marker, adapter_dir, params_m)
    accelerator.wait_for_everyone()
    accelerator.end_training()


def recipe_file(recipe: Recipe) -> Path:
    """The YAML file a recipe was loaded from, as an absolute path (the launched processes load it again)."""
    path = Path(recipe.path)
    path = path if path.is_absolute() else ROOT / path
    if not path.is_file():
        raise TideError(f"recipe {recipe.model_id!r} has no file at {path}; the accelerate launcher reloads recipes "
                        "from their YAML file (expected a recipe loaded with load_recipe/get_recipe)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def launch_command(launch: LaunchSpec, recipe: Recipe, warehouse: Path, *, profile: str | None, base_dir: Path,
                   adapter_dir: Path, port: int) -> list[str]:
    """The `accelerate launch` command line (accelerate's own launcher module, run by this interpreter)."""
    n = launch.num_processes
    cmd = [sys.executable, "-m", "accelerate.commands.launch", *(["--multi_gpu"] if n > 1 else []),
           "--num_processes", str(n), "--num_machines", "1", "--mixed_precision", "no", "--dynamo_backend", "no",
           "--main_process_port", str(port), "-m", "tide_core.models.train_distributed",
           "--recipe-file", str(recipe_file(recipe)), "--warehouse", str(warehouse), "--base-dir", str(base_dir),
           "--adapter-dir", str(adapter_dir), "--strategy", resolve_strategy(launch.strategy, recipe)]
    cmd += ["--profile", profile] if profile else []
    return cmd + ["--threads", str(threads_per_process(launch))]


def threads_per_process(launch: LaunchSpec) -> int:
    """torch threads for each launched process: asked, else $TIDE_TORCH_THREADS, else the cores shared out (N
    processes each taking every core would oversubscribe the machine N times)."""
    asked = launch.threads or int(os.environ.get("TIDE_TORCH_THREADS", "0") or 0)
    return asked or max(1, (os.cpu_count() or 1) // launch.num_processes)


def launch_fine_tune(recipe: Recipe, warehouse_path: Path, *, launch: LaunchSpec, profile: str | None = None,
                     base_dir: Path | None = None, adapter_dir: Path | None = None):
    """Train `recipe`'s adapter on `launch.num_processes` processes and return its FineTuneResult (the processes'
    log goes to this process's stdout and stderr)."""
    from tide_core.models import catalog
    from tide_core.models.resolve_weights import resolve_weights
    from tide_core.models.train_lora import default_adapter_dir, read_marker, result_from_marker, training_fingerprint

    base_dir = Path(base_dir or resolve_weights(recipe))
    adapter_dir = Path(adapter_dir or default_adapter_dir(recipe))
    cmd = launch_command(launch, recipe, Path(warehouse_path), profile=profile, base_dir=base_dir,
                         adapter_dir=adapter_dir, port=free_port())
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        torch.cuda.empty_cache()  # what this process's generation kept cached belongs to the launched processes now
    env = {**os.environ, "OMP_NUM_THREADS": str(threads_per_process(launch))}
    log.info("launching: %s", " ".join(cmd))
    done = subprocess.run(cmd, cwd=ROOT, env=env)
    if done.returncode != 0:
        raise TideError(f"accelerate launch exited with status {done.returncode} (its log is above); command: "
                        f"{' '.join(cmd)}")
    fp = training_fingerprint(recipe, profile, catalog.dataset_fingerprint(warehouse_path))
    marker = read_marker(adapter_dir)
    if not marker or marker["fingerprint"] != fp:
        raise TideError(f"accelerate launch finished but {adapter_dir} holds no adapter for fingerprint {fp}")
    return result_from_marker(marker, adapter_dir, reused=False)


def main(argv: list[str] | None = None) -> int:
    """What `accelerate launch -m tide_core.models.train_distributed` runs in every process."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--recipe-file", type=Path, required=True, help="the recipe's YAML file")
    ap.add_argument("--warehouse", type=Path, required=True)
    ap.add_argument("--base-dir", type=Path, required=True, help="the base model's folder")
    ap.add_argument("--adapter-dir", type=Path, required=True, help="where the main process saves the adapter")
    ap.add_argument("--profile", default=None, help="the recipe's training profile (e.g. full)")
    ap.add_argument("--strategy", choices=("ddp", "fsdp"), default="ddp")
    ap.add_argument("--threads", type=int, default=None, help="torch threads per process")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    from tide_core.models.device import configure_threads

    configure_threads(args.threads)
    try:
        fine_tune_distributed(load_recipe(args.recipe_file), args.warehouse, profile=args.profile,
                              base_dir=args.base_dir, adapter_dir=args.adapter_dir, strategy=args.strategy)
    except TideError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

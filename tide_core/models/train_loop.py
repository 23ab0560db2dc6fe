"""The optimisation loop shared by LoRA fine-tuning and from-scratch training (no Trainer: ~100 lines we own).

Contract: trains only the parameters with requires_grad, logs the train loss every step and the validation loss
(reply tokens only, token-weighted) at step 0, every `eval_interval` steps and at the end; stops at the step or
epoch limit, when the time budget would be exceeded, or after `patience` evaluations without improvement; and
leaves the model holding the parameters of its best validation evaluation. Every curve point carries the tokens
seen (prompt + reply), the reply tokens the loss was taken on, and the wall seconds since the loop started.

The loss is reply_loss.reply_loss: the shared system prefix computed once per batch, logits only at reply
positions (bench/bench_lora.py compares it with the loop it replaced, bench/legacy_lora_loop.py).

Where the loss, the backward pass, the clipping and the reductions happen is `parallel`'s job: SingleProcess (the
default) is the loop as it always ran; train_distributed.AcceleratePlan runs the same loop on N processes (DDP or
FSDP through accelerate), each taking its slice of the same global batch.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import torch

from tide_core.models.chat_format import Encoded
from tide_core.models.device import autocast
from tide_core.models.recipe import TrainSpec
from tide_core.models.reply_loss import reply_loss
from tide_core.models.train_data import collate, epochs_of_batches

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CurvePoint:
    step: int
    split: str  # train or validation
    loss: float
    tokens: int  # tokens seen so far, prompt and reply
    reply_tokens: int | None = None  # of which reply tokens (the loss is on these); None in records made before
    seconds: float | None = None  # wall time since the loop started


@dataclass
class LoopResult:
    steps: int = 0
    tokens: int = 0
    reply_tokens: int = 0
    seconds: float = 0.0
    best_val_loss: float = float("inf")
    best_step: int = 0
    stop_reason: str = "epochs"  # epochs, max_steps, time_budget or early_stop
    curve: list[CurvePoint] = field(default_factory=list)


class SingleProcess:
    """One process: the whole global batch here, a plain backward pass, nothing to reduce (the default)."""

    is_main = True

    def make_optimizer(self, model, spec: TrainSpec) -> torch.optim.Optimizer:
        return torch.optim.AdamW(list(_trainable(model).values()), lr=spec.lr, weight_decay=spec.weight_decay)

    def shard(self, examples: list[Encoded]) -> list[Encoded]:
        return examples

    def train_loss(self, model, batch: dict, device: torch.device) -> tuple[torch.Tensor, int]:
        """(loss to backpropagate, reply tokens of the global batch)."""
        return reply_loss(model, batch, device)

    def logged(self, loss: torch.Tensor) -> float:
        """The global batch's mean loss per reply token, as the curve records it."""
        return float(loss.detach())

    def backward(self, loss: torch.Tensor) -> None:
        loss.backward()

    def clip(self, model, max_norm: float) -> None:
        torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], max_norm)

    def eval_share(self, batches: list[dict]) -> list[tuple[dict, float]]:
        """The validation batches this process evaluates, each with its weight (0: a stand-in that keeps step)."""
        return [(batch, 1.0) for batch in batches]

    def eval_loss(self, model, batch: dict, device: torch.device) -> tuple[torch.Tensor, int]:
        return reply_loss(model, batch, device)

    def total(self, *values: float) -> tuple[float, ...]:
        """`values` summed over processes."""
        return values

    def any(self, flag: bool) -> bool:
        """True when `flag` is true on any process (so every process takes the same branch)."""
        return flag


SINGLE = SingleProcess()


def evaluate(model, batches: list[dict], device: torch.device, bf16: bool, parallel=SINGLE) -> float:
    """Mean cross-entropy per reply token over `batches` (weighted by each batch's reply tokens)."""
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad(), autocast(device, bf16):
        for batch, weight in parallel.eval_share(batches):
            loss, n = parallel.eval_loss(model, batch, device)
            total += float(loss) * n * weight
            count += n * weight
    total, count = parallel.total(total, count)
    model.train()
    return total / max(count, 1)


def _trainable(model) -> dict[str, torch.nn.Parameter]:
    return {name: p for name, p in model.named_parameters() if p.requires_grad}


def _snapshot(model) -> dict[str, torch.Tensor]:
    return {name: p.detach().clone() for name, p in _trainable(model).items()}


def _restore(model, state: dict[str, torch.Tensor]) -> None:
    with torch.no_grad():
        for name, p in _trainable(model).items():
            p.copy_(state[name])


def _step(model, optimizer, scheduler, batch: dict, device: torch.device, bf16: bool,
          parallel=SINGLE) -> tuple[float, int]:
    """One optimiser step; returns the train loss and the reply tokens it was taken on."""
    with autocast(device, bf16):
        loss, n = parallel.train_loss(model, batch, device)
    parallel.backward(loss)
    parallel.clip(model, 1.0)
    optimizer.step()
    scheduler.step()
    optimizer.zero_grad(set_to_none=True)
    return parallel.logged(loss), n


class _Clock:
    """Elapsed time, the mean step time and the last evaluation's time: enough to predict the next step's end."""

    def __init__(self, budget_s: float | None):
        self.budget_s, self.start, self.eval_s = budget_s, time.perf_counter(), 0.0

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def would_overrun(self, steps_done: int, eval_due: bool) -> bool:
        if self.budget_s is None or steps_done == 0:
            return False
        step_s = self.elapsed() / steps_done
        # Keep room for the final evaluation, and for this step's evaluation when one is due.
        return self.elapsed() + step_s + self.eval_s * (2 if eval_due else 1) > self.budget_s


def _val_batches(examples: list[Encoded], batch_size: int, pad_id: int) -> list[dict]:
    ordered = sorted(examples, key=lambda e: len(e.input_ids))
    return [collate(ordered[i:i + batch_size], pad_id) for i in range(0, len(ordered), batch_size)]


def train_loop(model, train: list[Encoded], val: list[Encoded], pad_id: int, spec: TrainSpec,
               device: torch.device, bf16: bool, parallel=SINGLE) -> LoopResult:
    """Train `model` in place (see the module docstring for the contract) and return its curve.

    `spec.batch_size` is the global batch: with a distributed `parallel`, every process walks the same seeded
    batches and takes its slice of each, so N processes make the steps one process makes.
    """
    torch.manual_seed(spec.seed)
    optimizer = parallel.make_optimizer(model, spec)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(1.0, (s + 1) / max(spec.warmup_steps, 1)))
    val_batches = _val_batches(val, spec.batch_size, pad_id)
    clock, res = _Clock(spec.time_budget_s), LoopResult()
    model.train()
    best_state, bad = _evaluate_into(model, val_batches, device, bf16, res, clock, parallel), 0
    for examples in epochs_of_batches(train, spec.batch_size, spec.seed, spec.epochs):
        if spec.max_steps is not None and res.steps >= spec.max_steps:
            res.stop_reason = "max_steps"
            break
        if parallel.any(clock.would_overrun(res.steps, (res.steps + 1) % spec.eval_interval == 0)):
            res.stop_reason = "time_budget"
            break
        batch = collate(parallel.shard(examples), pad_id)
        loss, n = _step(model, optimizer, scheduler, batch, device, bf16, parallel)
        tokens = sum(len(e.input_ids) for e in examples)  # the global batch's, = count_tokens(collate(examples))
        res.steps, res.tokens, res.reply_tokens = res.steps + 1, res.tokens + tokens, res.reply_tokens + n
        res.curve.append(CurvePoint(res.steps, "train", loss, res.tokens, res.reply_tokens, round(clock.elapsed(), 2)))
        if res.steps % spec.eval_interval == 0:
            best_state, bad = _track(model, val_batches, device, bf16, res, clock, best_state, bad, parallel)
            if bad >= spec.patience:
                res.stop_reason = "early_stop"
                break
    if res.steps % spec.eval_interval != 0:
        best_state, _ = _track(model, val_batches, device, bf16, res, clock, best_state, bad, parallel)
    _restore(model, best_state)
    res.seconds = clock.elapsed()
    log.info("trained %d steps, %d tokens (%d reply tokens) in %.1f s (%s); best validation loss %.4f at step %d",
             res.steps, res.tokens, res.reply_tokens, res.seconds, res.stop_reason, res.best_val_loss, res.best_step)
    return res


def _evaluate_into(model, val_batches, device, bf16, res: LoopResult, clock: _Clock,
                   parallel=SINGLE) -> dict[str, torch.Tensor]:
    """Evaluate, append the point, record it as the best so far; returns the parameter snapshot."""
    started = time.perf_counter()
    loss = evaluate(model, val_batches, device, bf16, parallel)
    clock.eval_s = time.perf_counter() - started
    res.curve.append(CurvePoint(res.steps, "validation", loss, res.tokens, res.reply_tokens, round(clock.elapsed(), 2)))
    res.best_val_loss, res.best_step = loss, res.steps
    return _snapshot(model)


def _track(model, val_batches, device, bf16, res: LoopResult, clock: _Clock, best_state, bad: int,
           parallel=SINGLE):
    """Evaluate; keep a snapshot when the validation loss improved, else count one more bad evaluation."""
    previous_best, previous_step = res.best_val_loss, res.best_step
    state = _evaluate_into(model, val_batches, device, bf16, res, clock, parallel)
    if res.best_val_loss < previous_best - 1e-4:
        return state, 0
    res.best_val_loss, res.best_step = previous_best, previous_step
    return best_state, bad + 1

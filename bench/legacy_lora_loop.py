"""The LoRA training step the project used before issue 11, kept only as bench/bench_lora.py's named baseline.

What it did per step: LoRA r=8 on q/k/v/o (dropout 0.05), the model's own forward with labels, so the whole batch,
the shared ~150-token system prompt of every row included, runs through the network, and the LM head computes
logits (49k words) at every position, prompt and padding included; the loss then keeps the reply positions. The
main job also validated 16 examples every 6 steps (see VALIDATION).
"""

from __future__ import annotations

import torch

from tide_core.models.device import autocast
from tide_core.models.recipe import LoraSpec

LORA = LoraSpec(r=8, alpha=16, dropout=0.05, target_modules=("q_proj", "k_proj", "v_proj", "o_proj"))
VALIDATION = {"val_size": 16, "eval_interval": 6}


def legacy_step(model, optimizer, batch: dict[str, torch.Tensor], device: torch.device, bf16: bool) -> float:
    """One optimiser step as the old train_loop._step took it."""
    with autocast(device, bf16):
        loss = model(**{k: v.to(device) for k, v in batch.items()}).loss
    loss.backward()
    torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    return float(loss.detach())

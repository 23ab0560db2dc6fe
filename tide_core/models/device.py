"""Device and precision choice shared by training, generation and the benchmarks: the same code on CPU and CUDA."""

from __future__ import annotations

import contextlib
from pathlib import Path

import torch

_BF16_CPU_FLAGS = ("avx512_bf16", "amx_bf16")


def pick_device(requested: str | None = None) -> torch.device:
    """`requested` ("cpu", "cuda", "cuda:1") or CUDA when present, else CPU."""
    if requested:
        return torch.device(requested)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def cpu_has_bf16() -> bool:
    """True when the CPU has native bf16 matrix instructions (AVX512-BF16 or AMX); else autocast only slows it."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return any(flag in flags for flag in _BF16_CPU_FLAGS)


def bf16_available(device: torch.device) -> bool:
    if device.type == "cuda":
        return torch.cuda.is_bf16_supported()
    return device.type == "cpu" and cpu_has_bf16()


def use_bf16(precision: str, device: torch.device) -> bool:
    """Whether to autocast to bf16: `auto` where the hardware has it, `bf16`/`fp32` as asked."""
    if precision == "auto":
        return bf16_available(device)
    return precision == "bf16"


def base_dtype(device: torch.device, bf16: bool) -> torch.dtype:
    """dtype of the frozen base weights during LoRA training: bf16 on CUDA when training in bf16, else fp32.

    Why: on an H100, bf16 autocast over fp32 base weights was no faster than fp32 (0.33x on the 135M shape, 0.97x on
    a 1.5B shape: every matmul casts its fp32 weight first); storing the frozen base in bf16 removes those casts and
    halves its memory. The LoRA weights stay fp32 (peft keeps adapters in fp32 by default). On the CPU the base stays
    fp32, where autocast measured 1.5x faster than fp32.
    """
    return torch.bfloat16 if bf16 and device.type == "cuda" else torch.float32


def generation_dtype(device: torch.device) -> torch.dtype:
    """dtype of the weights for the study's batched generation: bf16 wherever the hardware has it, else fp32.

    Why: generation is a throughput job; on 2 CPU cores with AMX, SmolLM2 at batch 32 gave 245 new tokens/s in bf16
    against 102 in fp32 (MODELS.md). bf16 greedy text can differ from fp32 in places, so the run records the dtype.
    """
    return torch.bfloat16 if bf16_available(device) else torch.float32


def autocast(device: torch.device, enabled: bool):
    """bf16 autocast on `device` when enabled, else a no-op context."""
    if not enabled:
        return contextlib.nullcontext()
    return torch.autocast(device_type=device.type, dtype=torch.bfloat16)


def configure_threads(requested: int | None = None) -> int:
    """Set torch's intra-op threads and return the count: `requested`, else $TIDE_TORCH_THREADS, else automatic.

    Automatic: every core on an idle machine, one thread when the machine is already busy (1-minute load average
    at or above the core count). Why: on a shared 2-core machine, two OpenMP threads that keep waiting for each
    other at every op made decoding 5-10x slower than one thread (measured: 6-8 against 38-69 tokens/s).
    """
    import os

    cores = os.cpu_count() or 1
    chosen = requested or int(os.environ.get("TIDE_TORCH_THREADS", "0") or 0)
    if not chosen:
        busy = hasattr(os, "getloadavg") and os.getloadavg()[0] >= cores
        chosen = 1 if busy else cores
    torch.set_num_threads(chosen)
    return chosen

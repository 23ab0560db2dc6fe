"""Benchmark: study generation on vLLM against Hugging Face generate (the baseline), batch 32 and 512, same prompts.

    python bench/bench_vllm.py --model-dir artifacts/models/smollm2-135m-instruct [--adapter DIR] [--out results.json]
    python bench/bench_vllm.py --assets gpu_assets/smollm2 --shape qwen2.5-1.5b-shape      # random weights, a shape

Both engines answer the same --n client messages through the workbench's own backends (TorchBackend, bf16 on
CUDA; VllmBackend), in chunks of each batch size, greedy, at most --max-new-tokens, with the study's system prompt
and, with --adapter, the LoRA adapter (unmerged in HF, a LoRARequest in vLLM). One untimed warm-up call per
engine. Prints new tokens/s per engine and batch and the vLLM / HF ratio; --out writes them as JSON.
Messages come from the warehouse's test split when there is one, else they are composed by tide_core.dialogue
(a GPU machine may have no warehouse). With random weights (--assets/--shape) the end of turn is rarely drawn,
so replies run to the cap in both engines: a throughput figure, not a quality one.

vLLM runs on CUDA only: on a machine without CUDA or without the vllm package (requirements-gpu.txt) the script
says so and exits with status 0, measuring nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tide_core.backends.protocol import SYSTEM_PROMPT, DecodingSettings  # noqa: E402
from tide_core.backends.vllm_backend import cuda_present, vllm_installed  # noqa: E402
from warehouse import DEFAULT_PATH  # noqa: E402


def messages_for(warehouse: Path, n: int) -> list[str]:
    if warehouse.is_file():
        from tide_core.models.train_data import load_pairs

        pairs = load_pairs(warehouse, "test", n, seed=5)
    else:
        from bench.gpu_check import pairs as composed

        pairs = composed(n)
    messages = [p.message for p in pairs]
    return (messages * (n // max(len(messages), 1) + 1))[:n]


def timed(backend, messages: list[str], settings: DecodingSettings, batch: int) -> dict:
    """New tokens/s answering every message in chunks of `batch` (the first chunk's size once, untimed, first)."""
    backend.generate_batch(SYSTEM_PROMPT, messages[:batch], DecodingSettings(max_new_tokens=4))
    started, tokens = time.perf_counter(), 0
    for i in range(0, len(messages), batch):
        tokens += sum(g.completion_tokens for g in backend.generate_batch(SYSTEM_PROMPT, messages[i:i + batch],
                                                                          settings))
    seconds = time.perf_counter() - started
    return {"batch": batch, "seconds": round(seconds, 2), "new_tokens": tokens, "tokens_per_s": round(tokens / seconds)}


def random_model_dir(assets: Path, shape: str, out: Path) -> Path:
    """A random-weight model of `shape` (bench/gpu_check.py's shapes) saved with the assets' tokenizer."""
    import torch
    from transformers import AutoTokenizer

    from bench.gpu_check import make_model

    make_model(assets, shape).to(torch.bfloat16).save_pretrained(out)
    AutoTokenizer.from_pretrained(assets, local_files_only=True).save_pretrained(out)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model-dir", type=Path, help="an HF model folder (default: SmolLM2-135M's, resolved)")
    ap.add_argument("--assets", type=Path, help="with --shape: a folder with a config and tokenizer")
    ap.add_argument("--shape", default=None, help="a bench/gpu_check.py shape, random weights (needs --assets)")
    ap.add_argument("--adapter", type=Path, default=None, help="a LoRA adapter folder to answer through")
    ap.add_argument("--n", type=int, default=512, help="messages answered per engine and batch size")
    ap.add_argument("--batches", default="32,512")
    ap.add_argument("--max-new-tokens", type=int, default=128)
    ap.add_argument("--warehouse", type=Path, default=DEFAULT_PATH)
    ap.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    args = ap.parse_args()
    if not (vllm_installed() and cuda_present()):
        print(f"vLLM needs a CUDA GPU and the vllm package (installed: {vllm_installed()}, CUDA: {cuda_present()}); "
              "this comparison runs on a GPU machine only (pip install -r requirements-gpu.txt). Nothing measured.")
        return 0
    from tide_core.backends.torch_backend import TorchBackend
    from tide_core.backends.vllm_backend import VllmBackend, lora_rank_slot

    with tempfile.TemporaryDirectory() as tmp:
        model_dir = args.model_dir or _default_model_dir()
        if args.shape:
            model_dir = random_model_dir(args.assets, args.shape, Path(tmp) / args.shape)
        messages = messages_for(args.warehouse, args.n)
        settings = DecodingSettings(max_new_tokens=args.max_new_tokens)
        batches = [int(b) for b in args.batches.split(",")]
        hf = TorchBackend.from_folder("bench", model_dir, adapter_dir=args.adapter)
        results = {"hf": [timed(hf, messages, settings, b) for b in batches]}
        del hf
        _free_cuda()
        rank = lora_rank_slot(_adapter_rank(args.adapter)) if args.adapter else 16
        vllm = VllmBackend.from_folder("bench", model_dir, adapter_dir=args.adapter, max_lora_rank=rank)
        results["vllm"] = [timed(vllm, messages, settings, b) for b in batches]
        vllm.close()
    _report(results, model_dir, args)
    return 0


def _default_model_dir() -> Path:
    from tide_core.models.recipe import get_recipe
    from tide_core.models.resolve_weights import resolve_weights

    return resolve_weights(get_recipe("smollm2-135m"))


def _adapter_rank(adapter: Path) -> int:
    return int(json.loads((adapter / "adapter_config.json").read_text())["r"])


def _free_cuda() -> None:
    import gc

    import torch

    gc.collect()
    torch.cuda.empty_cache()


def _report(results: dict, model_dir: Path, args) -> None:
    import torch

    print(f"{torch.cuda.get_device_name(0)}; {args.shape or model_dir}; {args.n} messages, <= {args.max_new_tokens} "
          f"new tokens, greedy{'; adapter ' + str(args.adapter) if args.adapter else ''}")
    for hf, vl in zip(results["hf"], results["vllm"], strict=True):
        print(f"batch {hf['batch']:>4}: HF generate {hf['tokens_per_s']:>7,} tokens/s  vLLM {vl['tokens_per_s']:>7,} "
              f"tokens/s  ratio {vl['tokens_per_s'] / max(hf['tokens_per_s'], 1):.2f}x")
    if args.out:
        args.out.write_text(json.dumps({"device": torch.cuda.get_device_name(0), "shape": args.shape,
                                        "model_dir": str(model_dir), **results}, indent=1))


if __name__ == "__main__":
    sys.exit(main())

"""GPU check of issue 15 (a lent CUDA machine, under 10 minutes): the accelerate path on the GPUs present, and vLLM
answering through a LoRA adapter on a study shape, against HF generate.

    python bench/gpu_scale_check.py --assets gpu_assets/smollm2 --out $OUT                    # the GPU machine
    python bench/gpu_scale_check.py --assets artifacts/models/smollm2-135m-instruct --out /tmp/c --dry-run   # CPU

1. LoRA steps on random weights of a study shape under `accelerate launch` with 1 process and with one per GPU,
   through the project's own AcceleratePlan and train_loop (DDP on the 1.5B shape; FSDP on the 3B shape with
   every GPU): tokens/s, the scaling efficiency against one process, peak memory. Dialogues are composed by
   tide_core.dialogue (no warehouse needed: the GPU machine may have no duckdb).
2. bench/bench_vllm.py on the 1.5B shape with a random LoRA adapter, when vLLM is installed.
Writes scale_check.json under --out and prints it; docs/scale.md takes the figures. --assets: a folder with
SmolLM2's config.json and tokenizer (the shapes override its sizes). --dry-run: CPU, tiny shape, 2 gloo processes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

SHAPES = {
    "tiny": dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
                 num_key_value_heads=2),
    "qwen2.5-1.5b-shape": dict(hidden_size=1536, intermediate_size=8960, num_hidden_layers=28, num_attention_heads=12,
                               num_key_value_heads=2),
    "llama3.2-3b-shape": dict(hidden_size=3072, intermediate_size=8192, num_hidden_layers=28, num_attention_heads=24,
                              num_key_value_heads=8),
}


def make_model(assets: Path, shape: str):
    from transformers import AutoConfig, AutoModelForCausalLM

    cfg = AutoConfig.from_pretrained(assets, local_files_only=True)
    for k, v in SHAPES[shape].items():
        setattr(cfg, k, v)
    cfg.tie_word_embeddings = False  # FSDP2 maps parameters by name; tied embeddings break the mapping
    torch.manual_seed(0)
    return AutoModelForCausalLM.from_config(cfg, dtype=torch.float32)


def worker(args) -> None:
    """One process of a launch: LoRA steps through AcceleratePlan + train_loop; the main process writes a result."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoTokenizer

    from bench.gpu_check import pairs
    from tide_core.backends.protocol import SYSTEM_PROMPT
    from tide_core.models.chat_format import prepare_tokenizer
    from tide_core.models.device import base_dtype, use_bf16
    from tide_core.models.recipe import TrainSpec
    from tide_core.models.train_data import encode_pairs
    from tide_core.models.train_distributed import AcceleratePlan, make_accelerator
    from tide_core.models.train_loop import train_loop

    acc = make_accelerator(args.strategy)
    dev = acc.device
    bf16 = use_bf16("auto", dev)
    tokenizer = prepare_tokenizer(AutoTokenizer.from_pretrained(args.assets, local_files_only=True), "tokenizer")
    model = make_model(args.assets, args.shape).to(dev, base_dtype(dev, bf16))
    torch.manual_seed(13)
    model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules=["q_proj", "k_proj", "v_proj",
                                                                                  "o_proj"], task_type="CAUSAL_LM"))
    examples = encode_pairs(tokenizer, pairs(args.global_batch * args.steps + 16), SYSTEM_PROMPT, 256)
    spec = TrainSpec(lr=2e-4, batch_size=args.global_batch, max_len=256, max_steps=args.steps, val_size=16,
                     eval_interval=args.steps, patience=10, precision="bf16" if bf16 else "fp32", seed=13)
    plan = AcceleratePlan(acc, model, dev, args.strategy)
    started = time.perf_counter()
    res = train_loop(model, examples[16:], examples[:16], tokenizer.pad_token_id, spec, dev, bf16, parallel=plan)
    wall = time.perf_counter() - started
    train_s = res.curve[-2].seconds - res.curve[0].seconds if len(res.curve) > 2 else wall  # without evaluations
    if plan.is_main:
        peak = torch.cuda.max_memory_allocated() / 2**30 if dev.type == "cuda" else None
        Path(args.result).write_text(json.dumps({
            "shape": args.shape, "processes": plan.world, "strategy": plan.strategy, "steps": res.steps,
            "global_batch": args.global_batch, "tokens": res.tokens, "train_seconds": round(train_s, 2),
            "tokens_per_s": round(res.tokens / max(train_s, 1e-9)), "peak_mem_gb_rank0": peak and round(peak, 2)}))
    acc.wait_for_everyone()
    acc.end_training()


def launch(args, shape: str, processes: int, strategy: str, out: Path) -> dict:
    from tide_core.models.train_distributed import free_port

    result = out / f"lora-{shape}-{strategy}-{processes}.json"
    cmd = [sys.executable, "-m", "accelerate.commands.launch", *(["--multi_gpu"] if processes > 1 else []),
           "--num_processes", str(processes), "--num_machines", "1", "--mixed_precision", "no", "--dynamo_backend",
           "no", "--main_process_port", str(free_port()), str(Path(__file__).resolve()), "--worker", "--assets",
           str(args.assets), "--shape", shape, "--strategy", strategy, "--steps", str(args.steps), "--global-batch",
           str(args.global_batch), "--result", str(result), "--out", str(out)]
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, timeout=args.launch_timeout, env={"OMP_NUM_THREADS": "1", **_env()})
    if done.returncode != 0 or not result.is_file():
        return {"shape": shape, "processes": processes, "strategy": strategy, "error": f"exit {done.returncode}"}
    return {**json.loads(result.read_text()), "wall_with_startup_s": round(time.perf_counter() - started, 1)}


def _env() -> dict:
    import os

    return dict(os.environ)


def vllm_check(args, shape: str, out: Path) -> dict:
    """bench_vllm.py on `shape` with a random LoRA adapter (B drawn, so the adapter changes the output)."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoTokenizer

    from tide_core.backends.vllm_backend import cuda_present, vllm_installed

    if not (vllm_installed() and cuda_present()):
        return {"skipped": f"vllm installed: {vllm_installed()}, CUDA: {cuda_present()}"}
    with tempfile.TemporaryDirectory() as tmp:
        base, adapter = Path(tmp) / shape, Path(tmp) / "adapter"
        model = make_model(args.assets, shape).to(torch.bfloat16)
        model.save_pretrained(base)
        AutoTokenizer.from_pretrained(args.assets, local_files_only=True).save_pretrained(base)
        peft = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules=["q_proj", "k_proj", "v_proj",
                                                                                     "o_proj"]))
        with torch.no_grad():
            for name, p in peft.named_parameters():
                if "lora_B" in name:
                    p.normal_(0, 0.01)
        peft.save_pretrained(adapter)
        result = out / "vllm.json"
        cmd = [sys.executable, str(ROOT / "bench" / "bench_vllm.py"), "--model-dir", str(base), "--adapter",
               str(adapter), "--n", str(args.vllm_n), "--max-new-tokens", "64", "--out", str(result)]
        done = subprocess.run(cmd, cwd=ROOT, timeout=args.launch_timeout)
        return json.loads(result.read_text()) if result.is_file() else {"error": f"exit {done.returncode}"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--assets", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--dry-run", action="store_true", help="CPU, the tiny shape, 2 gloo processes")
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--global-batch", type=int, default=16)
    ap.add_argument("--vllm-n", type=int, default=256, help="prompts per engine and batch size in the vLLM bench")
    ap.add_argument("--launch-timeout", type=int, default=240)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--shape", default="qwen2.5-1.5b-shape", help=argparse.SUPPRESS)
    ap.add_argument("--strategy", default="ddp", help=argparse.SUPPRESS)
    ap.add_argument("--result", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    gpus = torch.cuda.device_count()
    if args.dry_run:
        runs = [("tiny", 1, "ddp"), ("tiny", 2, "ddp")]
        args.steps, args.global_batch = 3, 4
    elif gpus == 0:
        print("no CUDA GPU here: run with --dry-run to check the script on the CPU")
        return 0
    else:
        runs = [("qwen2.5-1.5b-shape", 1, "ddp")] + ([("qwen2.5-1.5b-shape", gpus, "ddp"),
                                                      ("llama3.2-3b-shape", gpus, "fsdp")] if gpus > 1 else [])
    report = {"device": torch.cuda.get_device_name(0) if gpus else "cpu", "gpus": gpus,
              "lora": [launch(args, *run, args.out) for run in runs]}
    one = next((r for r in report["lora"] if r.get("processes") == 1 and "tokens_per_s" in r), None)
    for r in report["lora"]:
        if one and "tokens_per_s" in r and r["shape"] == one["shape"]:
            r["scaling_efficiency"] = round(r["tokens_per_s"] / (one["tokens_per_s"] * r["processes"]), 2)
    report["vllm"] = {"skipped": "dry run"} if args.dry_run else vllm_check(args, "qwen2.5-1.5b-shape", args.out)
    (args.out / "scale_check.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

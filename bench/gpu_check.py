"""GPU check of the training and generation code path (run on a lent CUDA machine; see README "GPU check").

    python3 bench/gpu_check.py --assets gpu_assets/smollm2 --out $OUT

What it runs, with the project's own code (tide_core.models.train_loop, chat_format, device, recipe, dialogue):
- LoRA fine-tuning steps on CUDA for the SmolLM2-135M shape and a Qwen2.5-1.5B-like shape, in fp32 and under
  bf16 autocast, on real TIDE-style dialogues composed by tide_core.dialogue and tokenised with SmolLM2's
  tokenizer: tokens/s for each, ratio bf16/fp32 printed; checks the base weights stay frozen and the LoRA
  weights move.
- Batched greedy generation (HF generate, left padding) at batch 1 and 32: new tokens/s, ratio printed.
Weights are random (no real weights can reach that machine): this measures the code path and throughput, not
quality. The machine has torch, transformers, peft and pyyaml but no duckdb or polars, so nothing here touches
the warehouse.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

from tide_core.config import PersonaDistributions  # noqa: E402
from tide_core.dialogue import compose_dialogue  # noqa: E402
from tide_core.models.chat_format import prepare_tokenizer  # noqa: E402
from tide_core.models.device import base_dtype, pick_device, use_bf16  # noqa: E402
from tide_core.models.recipe import TrainSpec, get_recipe  # noqa: E402
from tide_core.models.train_data import Pair, encode_pairs  # noqa: E402
from tide_core.models.train_loop import train_loop  # noqa: E402
from tide_core.personas import generate_personas  # noqa: E402
from tide_core.scenarios import SCENARIOS  # noqa: E402

SHAPES = {
    "smollm2-135m": None,  # the real config from the assets folder
    "qwen2.5-1.5b-shape": dict(hidden_size=1536, intermediate_size=8960, num_hidden_layers=28,
                               num_attention_heads=12, num_key_value_heads=2),
}


DEVICE = "cuda"


def sync() -> None:
    if DEVICE == "cuda":
        torch.cuda.synchronize()


def pairs(n: int) -> list[Pair]:
    personas = generate_personas(max(1, n // 20 + 1), PersonaDistributions(), 13)
    scen = list(SCENARIOS.values())
    out = []
    for i in range(n):
        p, s = personas[i // 20], scen[i % len(scen)]
        d = compose_dialogue(p, s, random.Random(i), risk_type=None, validate_first=i % 2 == 0)
        out.append(Pair(f"c{i}", d.client_message, d.reference_reply))
    return out


def make_model(assets: Path, shape: str):
    from transformers import AutoConfig, AutoModelForCausalLM

    cfg = AutoConfig.from_pretrained(assets, local_files_only=True)
    for k, v in (SHAPES[shape] or {}).items():
        setattr(cfg, k, v)
    torch.manual_seed(0)
    return AutoModelForCausalLM.from_config(cfg, dtype=torch.float32)


def lora_run(assets: Path, shape: str, tokenizer, examples, precision: str, steps: int) -> dict:
    from peft import LoraConfig, get_peft_model

    recipe = get_recipe("smollm2-135m")
    device = pick_device(DEVICE)
    bf16 = use_bf16("bf16" if precision == "bf16-base" else precision, device)
    model = make_model(assets, shape).to(device)
    if precision == "bf16-base":  # the project's CUDA default since this check: frozen base stored in bf16
        model = model.to(base_dtype(device, bf16))
    base_before = {k: v.detach().clone() for k, v in model.named_parameters()}
    torch.manual_seed(13)
    model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, lora_dropout=0.05,
                                             target_modules=list(recipe.lora.target_modules), task_type="CAUSAL_LM"))
    lora_before = {k: v.detach().clone() for k, v in model.named_parameters() if v.requires_grad}
    spec = TrainSpec(lr=2e-4, batch_size=16, max_len=256, max_steps=steps, val_size=32, eval_interval=steps,
                     patience=10, precision="bf16" if bf16 else "fp32", seed=13)
    sync()
    t = time.perf_counter()
    res = train_loop(model, examples[32:], examples[:32], tokenizer.pad_token_id, spec, device, bf16)
    sync()
    wall = time.perf_counter() - t
    after = dict(model.named_parameters())
    frozen = {k.replace("base_model.model.", "").replace(".base_layer", ""): v for k, v in after.items()
              if not v.requires_grad and "lora_" not in k}
    compared = [k for k in frozen if k in base_before]
    base_changed = sum(not torch.equal(base_before[k], frozen[k]) for k in compared)
    lora_moved = sum(not torch.equal(lora_before[k], v) for k, v in after.items() if k in lora_before)
    label = precision if precision == "bf16-base" else ("bf16" if bf16 else "fp32")
    return {"shape": shape, "precision": label, "steps": res.steps, "tokens": res.tokens,
            "seconds": round(wall, 2), "tokens_per_s": round(res.tokens / wall, 1),
            "best_val_loss": round(res.best_val_loss, 4), "base_params_compared": len(compared),
            "base_params_changed": base_changed,
            "lora_params_moved": lora_moved, "lora_params": len(lora_before),
            "peak_mem_gb": round(torch.cuda.max_memory_allocated() / 2**30, 2) if DEVICE == "cuda" else None}


def generation_run(assets: Path, tokenizer, messages: list[str], batch: int, new_tokens: int) -> dict:
    model = make_model(assets, "smollm2-135m").to(DEVICE, dtype=torch.bfloat16).eval()
    tokenizer.padding_side = "left"
    prompts = [tokenizer.apply_chat_template([{"role": "user", "content": m}], tokenize=False,
                                             add_generation_prompt=True) for m in messages[:batch]]
    enc = tokenizer(prompts, return_tensors="pt", padding=True).to(DEVICE)
    with torch.no_grad():
        model.generate(**enc, max_new_tokens=4, do_sample=False, pad_token_id=tokenizer.pad_token_id)  # warm-up
        sync()
        t = time.perf_counter()
        out = model.generate(**enc, max_new_tokens=new_tokens, min_new_tokens=new_tokens, do_sample=False,
                             pad_token_id=tokenizer.pad_token_id)
        sync()
    wall = time.perf_counter() - t
    generated = (out.shape[1] - enc["input_ids"].shape[1]) * out.shape[0]
    return {"batch": batch, "new_tokens": generated, "seconds": round(wall, 3),
            "tokens_per_s": round(generated / wall, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--assets", type=Path, required=True, help="folder with SmolLM2's config and tokenizer")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--dry-run", action="store_true", help="CPU, 2 steps, small shapes: check the script here")
    args = parser.parse_args()
    global DEVICE
    if args.dry_run:
        DEVICE = "cpu"
        SHAPES["qwen2.5-1.5b-shape"] = dict(num_hidden_layers=2)
    from transformers import AutoTokenizer

    assert DEVICE == "cpu" or torch.cuda.is_available(), "this check needs a CUDA device"
    name = torch.cuda.get_device_name(0) if DEVICE == "cuda" else "cpu (dry run)"
    print(f"device: {name}, torch {torch.__version__}", flush=True)
    recipe = get_recipe("smollm2-135m")
    tok = AutoTokenizer.from_pretrained(args.assets, local_files_only=True)
    tokenizer = prepare_tokenizer(tok, recipe.chat_template)
    data = pairs(32 + 16 * args.steps)
    examples = encode_pairs(tokenizer, data, None, 256)
    results = {"training": [], "generation": []}
    for shape in SHAPES:
        for precision in ("fp32", "auto", "bf16-base"):
            r = lora_run(args.assets, shape, tokenizer, examples, precision, args.steps)
            print(json.dumps(r), flush=True)
            results["training"].append(r)
    for batch in (1, 32):
        r = generation_run(args.assets, tok, [p.message for p in data], batch, 4 if args.dry_run else 64)
        print(json.dumps(r), flush=True)
        results["generation"].append(r)
    by = {(r["shape"], r["precision"]): r["tokens_per_s"] for r in results["training"]}
    for shape in SHAPES:
        fp32 = by[(shape, "fp32")]
        print(f"{shape}: LoRA tokens/s fp32 {fp32}, bf16 autocast {by[(shape, 'bf16')]} "
              f"({by[(shape, 'bf16')] / fp32:.2f}x), bf16 base {by[(shape, 'bf16-base')]} "
              f"({by[(shape, 'bf16-base')] / fp32:.2f}x)")
    g = {r["batch"]: r["tokens_per_s"] for r in results["generation"]}
    print(f"generation tokens/s batch 1 {g[1]}, batch 32 {g[32]}, ratio {g[32] / g[1]:.1f}x")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "gpu_check.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

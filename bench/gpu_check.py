"""GPU check of the training and generation code path: one script, a smoke mode and a benchmark (README "GPU check").

    python3 bench/gpu_check.py --smoke                                   # any machine, no assets: PASS/FAIL lines
    python3 bench/gpu_check.py --assets gpu_assets/smollm2 --out $OUT    # a lent CUDA machine: the benchmark
    python3 bench/gpu_check.py --assets artifacts/models/smollm2-135m-instruct --out /tmp/g --dry-run   # it, on CPU

Both modes run the same three functions with the project's own code (train_lora.attach_lora, train_loop,
merge_lora, TorchBackend), parameterised by the model they are given:
- lora_run: LoRA steps through train_loop in fp32, under bf16 autocast, with the frozen base stored in bf16, or the
  project's default for the device; checks the steps were made, the base weights stayed bit-identical and every
  LoRA weight moved.
- merge_run: the adapter saved and merged by merge_lora.merge_adapter; checks the merged model's logits (CPU) match
  the unmerged adapter's (on the device) within 1e-3.
- generation_run: left-padded batched greedy generation through TorchBackend.generate_batch; checks every reply
  got 1..max new tokens, and times it.
Each check prints one line, `PASS name: ...` or `FAIL name: ...`; the last line is OK or FAILED, and the exit status
is 1 when a check failed.

--smoke: a tiny random Llama and a tokenizer trained on a few sentences (tiny_models.make_tiny_llama), 6 LoRA steps,
a merge, one batch of 4 replies: needs no weights, no assets and no warehouse, and takes seconds. It runs on CUDA
when present, else on the CPU (its first line says which), so the script is tested on a machine without a GPU
(tests/test_gpu_check.py).
Benchmark (--assets, --out): random weights of real shapes (SmolLM2-135M from the assets' config, a Qwen2.5-1.5B-like
shape) on TIDE-style dialogues composed by tide_core.dialogue and tokenised with SmolLM2's tokenizer: LoRA tokens/s in
fp32, bf16 autocast and bf16 base (ratios printed), a merge of the 135M-shape adapter, generation new tokens/s at
batch 1 and 32 (ratio printed); writes gpu_check.json to --out. Random weights measure the code path and throughput,
not quality (no real weights can reach that machine).
The GPU machine has torch, transformers, peft and pyyaml but no duckdb or polars: they are stubbed when absent, since
train_lora and tiny_models import them at module level for warehouse code this script never calls.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import random
import sys
import tempfile
import time
import types
from dataclasses import asdict, dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _stub_attr(attr: str):
    """Any public name of a stubbed module is a do-nothing callable; dunders stay absent (inspect probes them)."""
    if attr.startswith("__"):
        raise AttributeError(attr)
    return lambda *args, **kwargs: None


for _name in ("polars", "duckdb"):  # imported by modules we load, used only by warehouse code we do not call
    if importlib.util.find_spec(_name) is None:
        _stub = types.ModuleType(_name)
        _stub.__getattr__ = _stub_attr
        sys.modules[_name] = _stub

import torch  # noqa: E402

from tide_core.backends.protocol import DecodingSettings  # noqa: E402
from tide_core.backends.torch_backend import TorchBackend  # noqa: E402
from tide_core.config import PersonaDistributions  # noqa: E402
from tide_core.dialogue import compose_dialogue  # noqa: E402
from tide_core.models.chat_format import encode_example, prepare_tokenizer  # noqa: E402
from tide_core.models.device import base_dtype, pick_device, use_bf16  # noqa: E402
from tide_core.models.merge_lora import load_adapter_model, merge_adapter  # noqa: E402
from tide_core.models.recipe import LoraSpec, Recipe, TrainSpec, get_recipe, parse_recipe  # noqa: E402
from tide_core.models.train_data import Pair, encode_pairs  # noqa: E402
from tide_core.models.train_loop import train_loop  # noqa: E402
from tide_core.models.train_lora import attach_lora, load_base  # noqa: E402
from tide_core.personas import generate_personas  # noqa: E402
from tide_core.scenarios import SCENARIOS  # noqa: E402

SHAPES = {
    "smollm2-135m": None,  # the real config from the assets folder
    "qwen2.5-1.5b-shape": dict(hidden_size=1536, intermediate_size=8960, num_hidden_layers=28,
                               num_attention_heads=12, num_key_value_heads=2),
}
MERGE_TOLERANCE = 1e-3

# --smoke: the tokenizer is trained on these, and the LoRA steps learn to answer one with the next
TEXTS = ["I keep seeing the crash when I close my eyes.", "It sounds like the nights are really hard.",
         "Since the fire I check the stove ten times.", "That makes sense after what you went through."] * 30
SMOKE_RECIPE = {"model_id": "tiny", "display_name": "tiny", "family": "llama", "chat_template": "plain",
                "weights": {"source": "local_dir", "local_dir": "."}, "system_prompt": "none",
                "train": {"max_steps": 6, "epochs": 3, "batch_size": 4, "eval_interval": 3, "lr": 1e-2}}


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'PASS' if self.ok else 'FAIL'} {self.name}: {self.detail}"


def report(check: Check, checks: list[Check]) -> Check:
    checks.append(check)
    print(check.line(), flush=True)
    return check


def verdict(checks: list[Check]) -> int:
    """Print OK or FAILED (with the failed checks' names); the exit status: 0, or 1 when a check failed."""
    failed = [c.name for c in checks if not c.ok]
    print(f"FAILED: {', '.join(failed)}" if failed or not checks else "OK", flush=True)
    return 1 if failed or not checks else 0


def sync(device: torch.device) -> None:
    if device.type == "cuda":
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


def precision_plan(precision: str, device: torch.device) -> tuple[bool, torch.dtype, str]:
    """(bf16 autocast, dtype of the frozen base, label) for a precision.

    fp32; bf16: autocast over an fp32 base; bf16-base: autocast with the base stored in bf16 where device.base_dtype
    stores it so (CUDA); auto: what fine_tune_lora does on this device (use_bf16("auto") and base_dtype).
    """
    if precision == "fp32":
        return False, torch.float32, "fp32"
    if precision == "bf16":
        return True, torch.float32, "bf16"
    if precision == "bf16-base":
        return True, base_dtype(device, True), "bf16-base"
    if precision == "auto":
        bf16 = use_bf16("auto", device)
        dtype = base_dtype(device, bf16)
        return bf16, dtype, "bf16-base" if dtype == torch.bfloat16 else "bf16" if bf16 else "fp32"
    raise ValueError(f"unknown precision {precision!r}: fp32, bf16, bf16-base or auto")


def lora_run(model, pad_id: int, examples: list, n_val: int, precision: str, recipe: Recipe, spec: TrainSpec,
             device: torch.device, shape: str) -> tuple[object, dict, Check]:
    """LoRA steps on `model` (fp32, any device): the first n_val examples validate, the rest train.

    Returns the trained peft model, a result row (tokens/s, what moved) and the `train` check.
    """
    bf16, dtype, label = precision_plan(precision, device)
    spec = replace(spec, precision="bf16" if bf16 else "fp32")
    model = model.to(device, dtype=dtype)
    base_before = {k: v.detach().clone() for k, v in model.named_parameters()}
    peft_model = attach_lora(model, recipe, spec.seed)
    lora_before = {k: v.detach().clone() for k, v in peft_model.named_parameters() if v.requires_grad}
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
    sync(device)
    t = time.perf_counter()
    res = train_loop(peft_model, examples[n_val:], examples[:n_val], pad_id, spec, device, bf16)
    sync(device)
    wall = time.perf_counter() - t
    after = dict(peft_model.named_parameters())
    frozen = {k.replace("base_model.model.", "").replace(".base_layer", ""): v for k, v in after.items()
              if not v.requires_grad and "lora_" not in k}
    compared = [k for k in frozen if k in base_before]
    base_changed = sum(not torch.equal(base_before[k], frozen[k]) for k in compared)
    lora_moved = sum(not torch.equal(lora_before[k], v) for k, v in after.items() if k in lora_before)
    first_val = next((p.loss for p in res.curve if p.split == "validation"), float("nan"))
    row = {"shape": shape, "precision": label, "steps": res.steps, "tokens": res.tokens,
           "seconds": round(wall, 2), "tokens_per_s": round(res.tokens / wall, 1),
           "best_val_loss": round(res.best_val_loss, 4), "best_step": res.best_step,
           "base_params_compared": len(compared), "base_params_changed": base_changed,
           "lora_params_moved": lora_moved, "lora_params": len(lora_before),
           "peak_mem_gb": round(torch.cuda.max_memory_allocated(device) / 2**30, 2) if device.type == "cuda" else None}
    ok = (res.steps == spec.max_steps and len(compared) > 0 and base_changed == 0
          and 0 < lora_moved == len(lora_before) and math.isfinite(res.best_val_loss))
    detail = (f"{shape} {label}, {res.steps} of {spec.max_steps} steps ({res.stop_reason}), val loss "
              f"{first_val:.3f} -> {res.best_val_loss:.3f} (best at step {res.best_step}), "
              f"{len(compared) - base_changed} of {len(compared)} base tensors unchanged, "
              f"{lora_moved} of {len(lora_before)} LoRA tensors moved, {row['tokens_per_s']} tokens/s")
    return peft_model, row, Check("train", ok, detail)


def merge_run(base_dir: Path, peft_model, tokenizer, work: Path, ids: list[int],
              device: torch.device) -> tuple[Path, Check]:
    """Save the adapter, merge it into the base folder (merge_lora), and compare logits: adapter on `device` against
    the merged folder on the CPU. Returns the merged folder and the `merge` check."""
    adapter = work / "adapter"
    peft_model.save_pretrained(adapter)
    tokenizer.save_pretrained(adapter)
    merged = merge_adapter(base_dir, adapter, work / "merged")
    x = torch.tensor([ids])
    with torch.no_grad():
        a = load_adapter_model(base_dir, adapter).to(device)(x.to(device)).logits.float().cpu()
        b = TorchBackend.from_folder("merged", merged, chat_template="plain", device="cpu").model(x).logits.float()
    diff = float((a - b).abs().max())
    ok = math.isfinite(diff) and diff < MERGE_TOLERANCE
    return merged, Check("merge", ok, f"max |logit diff| adapter ({device.type}) vs merged (cpu) = {diff:.2e} "
                                      f"(tolerance {MERGE_TOLERANCE:g})")


def generation_run(backend: TorchBackend, messages: list[str], batch: int, new_tokens: int) -> tuple[dict, Check]:
    """One untimed warm-up batch, then `batch` replies in one left-padded greedy batch; the `generate` check."""
    device = backend.device
    backend.generate_batch(None, messages[:batch], DecodingSettings(max_new_tokens=4))
    sync(device)
    t = time.perf_counter()
    gens = backend.generate_batch(None, messages[:batch], DecodingSettings(max_new_tokens=new_tokens))
    sync(device)
    wall = time.perf_counter() - t
    counts = [g.completion_tokens or 0 for g in gens]
    row = {"batch": batch, "new_tokens": sum(counts), "seconds": round(wall, 3),
           "tokens_per_s": round(sum(counts) / wall, 1), "dtype": backend.dtype_name}
    ok = len(gens) == batch and all(0 < n <= new_tokens for n in counts)
    shown = counts if batch <= 8 else f"{min(counts)}..{max(counts)} each, {sum(counts)} in all"
    return row, Check("generate", ok, f"batch {batch}, {backend.dtype_name} on {device.type}, new tokens {shown} "
                                      f"(1..{new_tokens} each), {row['tokens_per_s']} tokens/s")


def device_line(device: torch.device, note: str = "") -> str:
    if device.type == "cuda":
        name = torch.cuda.get_device_name(device)
    else:
        name = "CPU" + ("" if torch.cuda.is_available() else " (no CUDA here: the check runs on the CPU)")
    return f"device {device}: {name}{note}, torch {torch.__version__}"


def tiny_setup(work: Path, device: torch.device):
    """--smoke's inputs: (base folder, fp32 model on `device`, tokenizer, examples, recipe)."""
    from tide_core.models.tiny_models import make_tiny_llama

    base = make_tiny_llama(work / "tiny", TEXTS, vocab_size=300)
    recipe = parse_recipe({**SMOKE_RECIPE, "weights": {"source": "local_dir", "local_dir": str(base)}}, "tiny")
    model, tok = load_base(base, recipe.chat_template, device)
    examples = [encode_example(tok, None, TEXTS[i], TEXTS[i + 1], 64) for i in range(0, 40, 2)]
    return base, model, tok, examples, recipe


def smoke(device: torch.device) -> list[Check]:
    """The smoke mode: LoRA steps with the project's default precision for the device, merge, one batch of 4."""
    checks: list[Check] = []
    with tempfile.TemporaryDirectory() as tmp:
        base, model, tok, examples, recipe = tiny_setup(Path(tmp), device)
        peft_model, _, check = lora_run(model, tok.pad_token_id, examples, 4, "auto", recipe, recipe.train, device,
                                        "tiny")
        report(check, checks)
        merged, check = merge_run(base, peft_model, tok, Path(tmp), examples[0].input_ids, device)
        report(check, checks)
        backend = TorchBackend.from_folder("tiny-merged", merged, chat_template="plain", device=str(device))
        _, check = generation_run(backend, TEXTS[:4], 4, 8)
        report(check, checks)
    return checks


def benchmark(assets: Path, device: torch.device, steps: int, dry_run: bool) -> tuple[dict, list[Check]]:
    """The benchmark mode: every shape x (fp32, bf16 autocast, bf16 base), a merge, generation at batch 1 and 32."""
    from transformers import AutoTokenizer

    checks: list[Check] = []
    smol = get_recipe("smollm2-135m")
    recipe = replace(smol, lora=LoraSpec(r=16, alpha=32, dropout=0.05, target_modules=smol.lora.target_modules))
    spec = TrainSpec(lr=2e-4, batch_size=16, max_len=256, max_steps=steps, val_size=32, eval_interval=steps,
                     patience=10, seed=13)
    tokenizer = prepare_tokenizer(AutoTokenizer.from_pretrained(assets, local_files_only=True), smol.chat_template)
    data = pairs(32 + 16 * steps)
    examples = encode_pairs(tokenizer, data, None, 256)
    results = {"training": [], "merge": [], "generation": []}
    with tempfile.TemporaryDirectory() as tmp:
        for shape in SHAPES:
            for precision in ("fp32", "bf16", "bf16-base"):
                peft_model, row, check = lora_run(make_model(assets, shape), tokenizer.pad_token_id, examples, 32,
                                                  precision, recipe, spec, device, shape)
                print(json.dumps(row), flush=True)
                report(check, checks)
                results["training"].append(row)
                if shape == "smollm2-135m" and precision == "fp32":
                    base = Path(tmp) / "base"
                    make_model(assets, shape).save_pretrained(base)
                    _, check = merge_run(base, peft_model, tokenizer, Path(tmp), examples[0].input_ids, device)
                    report(check, checks)
                    results["merge"].append(asdict(check))
                del peft_model
        model = make_model(assets, "smollm2-135m").to(device, dtype=torch.bfloat16)
        backend = TorchBackend("smollm2-135m-shape", model, tokenizer, device)
        for batch in (1, 32):
            row, check = generation_run(backend, [p.message for p in data], batch, 4 if dry_run else 64)
            print(json.dumps(row), flush=True)
            report(check, checks)
            results["generation"].append(row)
    by = {(r["shape"], r["precision"]): r["tokens_per_s"] for r in results["training"]}
    for shape in SHAPES:
        fp32, bf16, bf16_base = by[(shape, "fp32")], by[(shape, "bf16")], by[(shape, "bf16-base")]
        print(f"{shape}: LoRA tokens/s fp32 {fp32}, bf16 autocast {bf16} ({bf16 / fp32:.2f}x), "
              f"bf16 base {bf16_base} ({bf16_base / fp32:.2f}x)")
    g = {r["batch"]: r["tokens_per_s"] for r in results["generation"]}
    print(f"generation tokens/s batch 1 {g[1]}, batch 32 {g[32]}, ratio {g[32] / g[1]:.1f}x")
    return results, checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true",
                        help="the smoke check: tiny random Llama, no assets; CUDA when present, else CPU")
    parser.add_argument("--device", default=None, help="--smoke: cpu, cuda, cuda:1 (default: CUDA when present)")
    parser.add_argument("--assets", type=Path, help="benchmark: folder with SmolLM2's config and tokenizer")
    parser.add_argument("--out", type=Path, help="benchmark (and optionally --smoke): where gpu_check.json goes")
    parser.add_argument("--steps", type=int, default=30, help="benchmark: LoRA steps per run")
    parser.add_argument("--dry-run", action="store_true", help="benchmark on CPU, 2 steps, small shapes: check here")
    args = parser.parse_args(argv)
    if args.smoke:
        device = pick_device(args.device)
        print(device_line(device), flush=True)
        checks = smoke(device)
        results = {"mode": "smoke", "device": str(device)}
    else:
        if args.assets is None or args.out is None:
            parser.error("the benchmark needs --assets and --out (or run --smoke)")
        device = torch.device("cpu" if args.dry_run else args.device or "cuda")
        steps = 2 if args.dry_run else args.steps
        if args.dry_run:
            SHAPES["qwen2.5-1.5b-shape"] = dict(num_hidden_layers=2)
        elif device.type != "cuda" or not torch.cuda.is_available():
            parser.error("the benchmark needs a CUDA device (--dry-run checks it on the CPU; --smoke runs anywhere)")
        print(device_line(device, " (dry run)" if args.dry_run else ""), flush=True)
        results, checks = benchmark(args.assets, device, steps, args.dry_run)
        results = {"mode": "benchmark", "device": str(device), **results}
    status = verdict(checks)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        results["checks"] = [asdict(c) for c in checks]
        (args.out / "gpu_check.json").write_text(json.dumps(results, indent=1))
    return status


if __name__ == "__main__":
    sys.exit(main())

"""LoRA fine-tuning on the train split: transformers + peft + our loop; the same code on CPU and CUDA.

    result = fine_tune_lora(get_recipe("smollm2-135m"), Path("warehouse/tide.duckdb"))        # CPU default
    result = fine_tune_lora(recipe, warehouse, profile="full")                                # all of the split

The adapter (and the tokenizer, and tide_training.json with the curve and settings) is saved under
artifacts/adapters/<model_id>/; the warehouse gets the model row, a runs row (mode fine_tuned, split train,
adapter_path, decoding_json, seed, code_version) and the training_log curve.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

import torch

from tide_core.backends.protocol import SYSTEM_PROMPT
from tide_core.models import catalog
from tide_core.models.chat_format import prepare_tokenizer
from tide_core.models.device import base_dtype, pick_device, use_bf16
from tide_core.models.recipe import Recipe
from tide_core.models.resolve_weights import artifacts_dir, resolve_weights
from tide_core.models.train_data import encode_pairs, load_pairs
from tide_core.models.train_loop import CurvePoint, LoopResult, train_loop

log = logging.getLogger(__name__)
MARKER = "tide_training.json"  # written last: an adapter folder without it is incomplete


@dataclass(frozen=True)
class FineTuneResult:
    run_id: str
    model_id: str
    adapter_dir: Path
    fingerprint: str
    steps: int
    tokens: int
    seconds: float
    best_val_loss: float
    stop_reason: str
    bf16: bool
    reused: bool = False
    reply_tokens: int | None = None  # the tokens the loss was taken on (None in markers written before)


def system_for(recipe: Recipe) -> str | None:
    """The system prompt the recipe trains and generates with (None: no system turn)."""
    return SYSTEM_PROMPT if recipe.system_prompt == "default" else None


def training_fingerprint(recipe: Recipe, profile: str | None, dataset_fp: str) -> str:
    blob = f"{recipe.fingerprint(profile)}:{dataset_fp}"
    return hashlib.sha256(blob.encode()).hexdigest()[:10]


def default_adapter_dir(recipe: Recipe) -> Path:
    return artifacts_dir() / "adapters" / recipe.model_id


def read_marker(folder: Path) -> dict | None:
    """The tide_training.json of a finished training folder, or None."""
    path = Path(folder) / MARKER
    return json.loads(path.read_text()) if path.is_file() else None


def load_base(base_dir: Path, chat_template: str, device: torch.device, dtype: torch.dtype = torch.float32):
    """The model in `dtype` (fp32 unless device.base_dtype says bf16) and a prepared tokenizer, local files only."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = prepare_tokenizer(AutoTokenizer.from_pretrained(base_dir, local_files_only=True), chat_template)
    model = AutoModelForCausalLM.from_pretrained(base_dir, dtype=dtype, local_files_only=True)
    return model.to(device), tokenizer


def adapted_layers(n_layers: int, top_layers: int | None) -> list[int] | None:
    """Indices of the layers LoRA adapts: the last `top_layers` of `n_layers` (None: every layer)."""
    if top_layers is None or top_layers >= n_layers:
        return None
    return list(range(n_layers - top_layers, n_layers))


def attach_lora(model, recipe: Recipe, seed: int):
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(seed)  # the LoRA A matrices are drawn here
    config = LoraConfig(r=recipe.lora.r, lora_alpha=recipe.lora.alpha, lora_dropout=recipe.lora.dropout,
                        target_modules=list(recipe.lora.target_modules), task_type="CAUSAL_LM",
                        layers_to_transform=adapted_layers(model.config.num_hidden_layers, recipe.lora.top_layers))
    return get_peft_model(model, config)


def save_with_marker(model, tokenizer, out: Path, marker_name: str, marker: dict,
                     state_dict: dict | None = None) -> None:
    """Model (or adapter) + tokenizer + marker into `out`, swapped in whole: a crash never leaves a half folder,
    and the marker, written last, is what says the folder is finished. `state_dict`: the weights to save instead
    of the model's own (the gathered whole of an FSDP-sharded model)."""
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(tmp, **({"state_dict": state_dict} if state_dict is not None else {}))
    tokenizer.save_pretrained(tmp)
    (tmp / marker_name).write_text(json.dumps(marker, indent=1))
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)


def training_marker(recipe: Recipe, profile: str | None, fp: str, run_id: str, base_dir: Path, res: LoopResult,
            bf16: bool) -> dict:
    return {"fingerprint": fp, "run_id": run_id, "model_id": recipe.model_id, "profile": profile,
            "base_dir": str(base_dir), "recipe": recipe.path, "bf16": bf16,
            "train": dataclasses.asdict(recipe.train_for(profile)), "lora": dataclasses.asdict(recipe.lora),
            "steps": res.steps, "tokens": res.tokens, "reply_tokens": res.reply_tokens, "seconds": round(res.seconds, 2),
            "best_val_loss": res.best_val_loss, "best_step": res.best_step, "stop_reason": res.stop_reason,
            "curve": [dataclasses.asdict(p) for p in res.curve]}


def result_from_marker(marker: dict, adapter_dir: Path, reused: bool) -> FineTuneResult:
    return FineTuneResult(marker["run_id"], marker["model_id"], adapter_dir, marker["fingerprint"], marker["steps"],
                          marker["tokens"], marker["seconds"], marker["best_val_loss"], marker["stop_reason"],
                          marker["bf16"], reused, marker.get("reply_tokens"))


def record_from_marker(warehouse_path: Path, recipe: Recipe, marker: dict, adapter_dir: Path | None,
                       params_millions: float | None = None) -> None:
    """Write the model, the training run and its curve from a marker (also restores them after a rebuild).

    A run trained on several processes (train_distributed) also records its launcher, processes, global and
    per-process batch and learning rate under decoding_json's "training" key."""
    spec = recipe.train_for(marker["profile"])
    extra = {"training": marker["distributed"]} if "distributed" in marker else {}
    run = catalog.run_row(marker["run_id"], recipe.model_id, "fine_tuned", split="train",
                          system_prompt=system_for(recipe), decoding=catalog.decoding_json(recipe.decoding, **extra),
                          seed=spec.seed, adapter_path=adapter_dir)
    curve = [CurvePoint(**p) for p in marker["curve"]]
    catalog.record_training_run(warehouse_path, catalog.model_row(recipe, params_millions), run, curve)


def fine_tune_lora(recipe: Recipe, warehouse_path: Path, *, profile: str | None = None, base_dir: Path | None = None,
                   adapter_dir: Path | None = None, device: str | None = None) -> FineTuneResult:
    """Train a LoRA adapter for `recipe` on the warehouse's train split (see the module docstring)."""
    spec = recipe.train_for(profile)
    base_dir = Path(base_dir or resolve_weights(recipe))
    adapter_dir = Path(adapter_dir or default_adapter_dir(recipe))
    fp = training_fingerprint(recipe, profile, catalog.dataset_fingerprint(warehouse_path))
    run_id = f"{recipe.model_id}-lora-{fp}"
    dev = pick_device(device)
    bf16 = use_bf16(spec.precision, dev)
    model, tokenizer = load_base(base_dir, recipe.chat_template, dev, base_dtype(dev, bf16))
    params_m = sum(p.numel() for p in model.parameters()) / 1e6
    train, val = _examples(tokenizer, recipe, warehouse_path, spec)
    peft_model = attach_lora(model, recipe, spec.seed)
    log.info("LoRA on %s: %d train / %d validation examples, bf16=%s, device=%s", recipe.model_id, len(train),
             len(val), bf16, dev)
    res = train_loop(peft_model, train, val, tokenizer.pad_token_id, spec, dev, bf16)
    marker = training_marker(recipe, profile, fp, run_id, base_dir, res, bf16)
    save_with_marker(peft_model, tokenizer, adapter_dir, MARKER, marker)
    record_from_marker(warehouse_path, recipe, marker, adapter_dir, params_m)
    return result_from_marker(marker, adapter_dir, reused=False)


def _examples(tokenizer, recipe: Recipe, warehouse_path: Path, spec):
    system = system_for(recipe)
    train = encode_pairs(tokenizer, load_pairs(warehouse_path, "train", spec.subset_size, spec.seed), system,
                         spec.max_len)
    val = encode_pairs(tokenizer, load_pairs(warehouse_path, "validation", spec.val_size, spec.seed), system,
                       spec.max_len)
    return train, val

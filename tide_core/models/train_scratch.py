"""From-scratch baselines: a byte-level BPE tokenizer and a GPT-2-style model trained on the train split only.

    result = train_scratch(get_recipe("gpt2-scratch-7m"), Path("warehouse/tide.duckdb"))

The model learns the corpus's style, not general English: a labelled size ladder (about 2, 7 and 14 M params),
not a pretrained baseline. It trains every weight (no LoRA) with the loss on reply tokens, through the same loop
as fine-tuning, and is saved as a plain HF folder at artifacts/models/<model_id>/ with the tokenizer, the plain
chat template and tide_training.json. The warehouse gets the model (is_from_scratch), a runs row (mode
fine_tuned, split train, no adapter) and the training curve.
"""

from __future__ import annotations

import logging
from pathlib import Path

import torch

from tide_core.models import catalog
from tide_core.models.chat_format import PLAIN_TEMPLATE, prepare_tokenizer
from tide_core.models.device import pick_device, use_bf16
from tide_core.models.recipe import Recipe, RecipeError, ScratchSpec
from tide_core.models.resolve_weights import artifacts_dir
from tide_core.models.train_data import Pair, encode_pairs, load_pairs
from tide_core.models.train_loop import train_loop
from tide_core.models.train_lora import (
    MARKER,
    FineTuneResult,
    result_from_marker,
    save_with_marker,
    system_for,
    training_fingerprint,
    training_marker,
)

log = logging.getLogger(__name__)
SPECIAL_TOKENS = ["<|pad|>", "<|end|>", "<|system|>", "<|user|>", "<|assistant|>"]


def train_tokenizer(texts: list[str], vocab_size: int):
    """A byte-level BPE tokenizer trained on `texts`, with pad/end tokens and the plain chat template."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    core = Tokenizer(models.BPE())
    core.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    core.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=SPECIAL_TOKENS, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    core.train_from_iterator(texts, trainer)
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=core, eos_token="<|end|>", pad_token="<|pad|>")
    tokenizer.chat_template = PLAIN_TEMPLATE
    return prepare_tokenizer(tokenizer, "plain")


def corpus(pairs: list[Pair]) -> list[str]:
    return [p.message for p in pairs] + [p.reply for p in pairs]


def gpt2_model(spec: ScratchSpec, tokenizer, seed: int):
    """A randomly initialised GPT-2-style model sized by `spec`."""
    from transformers import GPT2Config, GPT2LMHeadModel

    config = GPT2Config(vocab_size=len(tokenizer), n_positions=spec.n_positions, n_embd=spec.n_embd,
                        n_layer=spec.n_layer, n_head=spec.n_head, bos_token_id=tokenizer.eos_token_id,
                        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id)
    torch.manual_seed(seed)
    return GPT2LMHeadModel(config)


def default_scratch_dir(recipe: Recipe) -> Path:
    return artifacts_dir() / "models" / recipe.model_id


def record_scratch(warehouse_path: Path, recipe: Recipe, marker: dict) -> None:
    """The model (with its measured size), the training run and its curve, from the saved marker."""
    from tide_core.models.train_loop import CurvePoint

    spec = recipe.train_for(marker["profile"])
    run = catalog.run_row(marker["run_id"], recipe.model_id, "fine_tuned", split="train",
                          system_prompt=system_for(recipe), decoding=catalog.decoding_json(recipe.decoding),
                          seed=spec.seed)
    curve = [CurvePoint(**p) for p in marker["curve"]]
    row = catalog.model_row(recipe, marker.get("params_millions"))
    catalog.record_training_run(warehouse_path, row, run, curve)


def train_scratch(recipe: Recipe, warehouse_path: Path, *, profile: str | None = None, out_dir: Path | None = None,
                  device: str | None = None) -> FineTuneResult:
    """Train `recipe`'s tokenizer and model on the train split (see the module docstring); adapter_dir is the folder."""
    if recipe.scratch is None:
        raise RecipeError(f"{recipe.path}.scratch: required to train {recipe.model_id} from scratch")
    spec = recipe.train_for(profile)
    out_dir = Path(out_dir or default_scratch_dir(recipe))
    fp = training_fingerprint(recipe, profile, catalog.dataset_fingerprint(warehouse_path))
    run_id = f"{recipe.model_id}-train-{fp}"
    dev = pick_device(device)
    bf16 = use_bf16(spec.precision, dev)
    pairs = load_pairs(warehouse_path, "train", spec.subset_size, spec.seed)
    tokenizer = train_tokenizer(corpus(pairs), recipe.scratch.vocab_size)
    max_len = min(spec.max_len, recipe.scratch.n_positions)
    system = system_for(recipe)
    train = encode_pairs(tokenizer, pairs, system, max_len)
    val = encode_pairs(tokenizer, load_pairs(warehouse_path, "validation", spec.val_size, spec.seed), system, max_len)
    model = gpt2_model(recipe.scratch, tokenizer, spec.seed).to(dev)
    params_m = sum(p.numel() for p in model.parameters()) / 1e6
    log.info("from scratch: %s, %.1f M params, %d train examples, bf16=%s", recipe.model_id, params_m, len(train), bf16)
    res = train_loop(model, train, val, tokenizer.pad_token_id, spec, dev, bf16)
    marker = {**training_marker(recipe, profile, fp, run_id, out_dir, res, bf16), "params_millions": round(params_m, 3)}
    marker.pop("lora")
    save_with_marker(model, tokenizer, out_dir, MARKER, marker)
    record_scratch(warehouse_path, recipe, marker)
    return result_from_marker(marker, out_dir, reused=False)

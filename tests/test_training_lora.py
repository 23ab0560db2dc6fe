"""LoRA fine-tuning on a tiny random Llama: the label mask, the loop's stopping rules, base weights frozen while
the adapter learns, the warehouse record of the run, and a merge whose logits match the adapter model."""

from __future__ import annotations

import hashlib
import json
import shutil

import duckdb
import pytest
import torch

from tide_core.models.chat_format import IGNORE, encode_example, prepare_tokenizer
from tide_core.models.merge_lora import load_adapter_model, merge_adapter, read_merge_marker
from tide_core.models.recipe import parse_recipe
from tide_core.models.tiny_models import make_tiny_llama
from tide_core.models.train_data import collate, encode_pairs, length_grouped_batches, load_pairs
from tide_core.models.train_loop import train_loop
from tide_core.models.train_lora import fine_tune_lora, read_marker


@pytest.fixture(scope="module")
def tiny_dir(small_warehouse, tmp_path_factory):
    pairs = load_pairs(small_warehouse, "train")
    return make_tiny_llama(tmp_path_factory.mktemp("tiny") / "tiny-llama", [p.message for p in pairs] +
                           [p.reply for p in pairs])


@pytest.fixture(scope="module")
def trained(small_warehouse, tiny_dir, tmp_path_factory):
    """One 4-step LoRA run on a writable copy of the small warehouse, shared by the tests that inspect it."""
    folder = tmp_path_factory.mktemp("lora")
    warehouse = folder / "tide.duckdb"
    shutil.copy(small_warehouse, warehouse)
    base_hash = hashlib.sha256((tiny_dir / "model.safetensors").read_bytes()).hexdigest()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TIDE_ARTIFACTS", str(folder / "artifacts"))
        result = fine_tune_lora(tiny_recipe(tiny_dir), warehouse)
    return warehouse, result, base_hash


@pytest.fixture(scope="module")
def tokenizer(tiny_dir):
    from transformers import AutoTokenizer

    return prepare_tokenizer(AutoTokenizer.from_pretrained(tiny_dir), "plain")


def tiny_recipe(tiny_dir, **train) -> object:
    settings = {"max_steps": 4, "batch_size": 4, "eval_interval": 2, "subset_size": 24, "val_size": 8,
                "max_len": 160, "lr": 1e-2, "warmup_steps": 1, "precision": "fp32", **train}
    return parse_recipe({"model_id": "tiny-llama", "display_name": "Tiny Llama", "family": "llama",
                         "weights": {"source": "local_dir", "local_dir": str(tiny_dir)}, "chat_template": "plain",
                         "system_prompt": "none", "lora": {"r": 4, "alpha": 8, "dropout": 0.0},
                         "train": settings, "decoding": {"max_new_tokens": 8}}, "tiny-llama.yaml")


def test_label_mask_covers_only_the_reply(tokenizer):
    reply = "It sounds like the nights have been hard. That makes sense after what you went through."
    enc = encode_example(tokenizer, "Be kind.", "I can't sleep since the crash.", reply, max_len=400)
    prompt, answer = enc.input_ids[:enc.prompt_len], enc.labels[enc.prompt_len:]
    assert enc.labels[:enc.prompt_len] == [IGNORE] * enc.prompt_len
    assert IGNORE not in answer and answer == enc.input_ids[enc.prompt_len:]
    assert answer[-1] == tokenizer.eos_token_id
    assert tokenizer.decode(answer[:-1]) == reply
    assert "I can't sleep since the crash." in tokenizer.decode(prompt) and reply not in tokenizer.decode(prompt)


def test_long_replies_are_cut_and_long_prompts_dropped(tokenizer):
    enc = encode_example(tokenizer, None, "Hi.", "word " * 200, max_len=40)
    assert len(enc.input_ids) == len(enc.labels) == 40
    assert encode_example(tokenizer, None, "word " * 200, "Thanks.", max_len=40) is None


def test_batches_group_lengths_and_cover_every_example_once(small_warehouse, tokenizer):
    examples = encode_pairs(tokenizer, load_pairs(small_warehouse, "train", 64), None, 200)
    batches = length_grouped_batches(examples, 4, seed=1)
    assert sorted(id(e) for b in batches for e in b) == sorted(id(e) for e in examples)
    padded = sum(len(b) * max(len(e.input_ids) for e in b) for b in batches)
    random_order = [examples[i:i + 4] for i in range(0, len(examples), 4)]
    padded_random = sum(len(b) * max(len(e.input_ids) for e in b) for b in random_order)
    assert padded < padded_random  # grouping by length wastes fewer tokens on padding
    assert [len(b) for b in batches] == [len(b) for b in length_grouped_batches(examples, 4, seed=1)]


def _weights(model) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def test_lora_trains_the_adapter_and_leaves_the_base_alone(trained, tiny_dir):
    from transformers import AutoModelForCausalLM

    _, result, base_hash = trained
    before = _weights(AutoModelForCausalLM.from_pretrained(tiny_dir))
    assert result.steps == 4 and result.stop_reason == "max_steps"
    assert hashlib.sha256((tiny_dir / "model.safetensors").read_bytes()).hexdigest() == base_hash
    adapted = load_adapter_model(tiny_dir, result.adapter_dir)
    lora = {k: v for k, v in adapted.named_parameters() if "lora_" in k}
    assert lora and all(float(v.abs().sum()) > 0 for k, v in lora.items() if "lora_B" in k)  # B starts at zero
    for name, value in adapted.get_base_model().state_dict().items():
        if "lora_" not in name:
            plain = name.replace("base_layer.", "")
            assert torch.equal(value, before[plain]), f"base weight {plain} changed"


def test_training_run_and_curve_are_stored(trained):
    warehouse, result, _ = trained
    with duckdb.connect(str(warehouse), read_only=True) as con:
        run = con.execute("SELECT mode, adapter_path, decoding_json, seed, split, status, code_version, finished_at "
                          "FROM runs WHERE run_id = ?", [result.run_id]).fetchall()[0]
        curve = con.execute("SELECT split, step FROM training_log WHERE run_id = ? ORDER BY split, step",
                            [result.run_id]).fetchall()
        model = con.execute("SELECT params_millions, is_from_scratch FROM models WHERE model_id = 'tiny-llama'").fetchall()
    mode, adapter, decoding, seed, split, status, code, finished = run
    assert (mode, split, status, seed) == ("fine_tuned", "train", "finished", 13)
    assert adapter == str(result.adapter_dir) and json.loads(decoding)["max_new_tokens"] == 8
    assert finished is not None and (code is None or len(code) >= 7)
    assert [s for s in curve if s[0] == "train"] == [("train", i) for i in range(1, 5)]
    assert [s for s in curve if s[0] == "validation"] == [("validation", 0), ("validation", 2), ("validation", 4)]
    assert model[0][1] is False and 0 < model[0][0] < 1
    assert read_marker(result.adapter_dir)["fingerprint"] == result.fingerprint


def test_merged_model_matches_the_adapter_model(trained, tiny_dir, tmp_path, tokenizer):
    from transformers import AutoModelForCausalLM

    warehouse, result, _ = trained
    out = merge_adapter(tiny_dir, result.adapter_dir, tmp_path / "merged", fingerprint=result.fingerprint)
    assert read_merge_marker(out)["fingerprint"] == result.fingerprint and (out / "tokenizer.json").is_file()
    batch = collate(encode_pairs(tokenizer, load_pairs(warehouse, "validation", 3), None, 120), 0)
    inputs = {k: batch[k] for k in ("input_ids", "attention_mask")}
    with torch.no_grad():
        adapter_logits = load_adapter_model(tiny_dir, result.adapter_dir)(**inputs).logits
        merged_logits = AutoModelForCausalLM.from_pretrained(out).eval()(**inputs).logits
        base_logits = AutoModelForCausalLM.from_pretrained(tiny_dir).eval()(**inputs).logits
    assert float((adapter_logits - merged_logits).abs().max()) < 1e-4
    assert float((adapter_logits - base_logits).abs().max()) > 1e-3  # the adapter did change the outputs


def _loop_inputs(small_warehouse, tokenizer):
    train = encode_pairs(tokenizer, load_pairs(small_warehouse, "train", 16), None, 120)
    val = encode_pairs(tokenizer, load_pairs(small_warehouse, "validation", 4), None, 120)
    return train, val


def test_loop_stops_early_without_improvement(small_warehouse, tiny_dir, tokenizer):
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(tiny_dir)
    train, val = _loop_inputs(small_warehouse, tokenizer)
    spec = tiny_recipe(tiny_dir, max_steps=None, lr=1e-12, eval_interval=1, patience=2, epochs=5).train
    res = train_loop(model, train, val, tokenizer.pad_token_id, spec, torch.device("cpu"), bf16=False)
    assert (res.stop_reason, res.steps, res.best_step) == ("early_stop", 2, 0)


def test_loop_respects_its_time_budget_and_bf16_autocast_runs(small_warehouse, tiny_dir, tokenizer):
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(tiny_dir)
    train, val = _loop_inputs(small_warehouse, tokenizer)
    spec = tiny_recipe(tiny_dir, max_steps=None, time_budget_s=0.001, epochs=5).train
    res = train_loop(model, train, val, tokenizer.pad_token_id, spec, torch.device("cpu"), bf16=True)
    assert (res.stop_reason, res.steps) == ("time_budget", 1)
    assert all(torch.isfinite(torch.tensor(p.loss)) for p in res.curve)


def test_reply_loss_matches_the_models_own_loss_and_gradients(small_warehouse, tiny_dir, tokenizer):
    """The shared-prefix, reply-positions-only loss is the same number, with the same gradients, as model(**batch)."""
    from transformers import AutoModelForCausalLM

    from tide_core.models.reply_loss import MIN_SHARED_PREFIX, reply_loss, shared_prefix_len
    from tide_core.models.train_lora import attach_lora

    system = "You are a careful, kind listener who answers people living with PTSD. " * 3
    pairs = load_pairs(small_warehouse, "train", 4)
    batch = collate(encode_pairs(tokenizer, pairs, system, 240), tokenizer.pad_token_id)
    assert shared_prefix_len(batch["input_ids"], batch["labels"]) >= MIN_SHARED_PREFIX  # the shared path is taken
    model = attach_lora(AutoModelForCausalLM.from_pretrained(tiny_dir), tiny_recipe(tiny_dir), seed=0)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "lora_B" in name:
                p.normal_(0, 0.05)
    grads = []
    for loss_of in (lambda: model(**batch).loss, lambda: reply_loss(model, batch, torch.device("cpu"))[0]):
        model.zero_grad()
        loss = loss_of()
        loss.backward()
        grads.append((float(loss), {k: p.grad.clone() for k, p in model.named_parameters() if p.requires_grad}))
    (plain, plain_grads), (ours, our_grads) = grads
    assert abs(plain - ours) < 1e-5
    assert all(torch.allclose(plain_grads[k], our_grads[k], atol=1e-6) for k in plain_grads)
    assert reply_loss(model, batch, torch.device("cpu"))[1] == int((batch["labels"][:, 1:] != IGNORE).sum())


def test_top_layers_adapts_only_the_last_layers_and_gradients_stop_there(tiny_dir):
    """lora.top_layers: adapters on the last N layers only; no parameter below them gets a gradient."""
    import dataclasses
    import re

    from transformers import AutoModelForCausalLM

    from tide_core.models.train_lora import adapted_layers, attach_lora

    base = AutoModelForCausalLM.from_pretrained(tiny_dir)
    n = base.config.num_hidden_layers
    assert n >= 2 and adapted_layers(n, None) is None and adapted_layers(n, n + 3) is None
    recipe = tiny_recipe(tiny_dir)
    recipe = dataclasses.replace(recipe, lora=dataclasses.replace(recipe.lora, top_layers=1))
    model = attach_lora(base, recipe, seed=0)
    layers = {int(re.search(r"layers\.(\d+)\.", name).group(1))
              for name, p in model.named_parameters() if p.requires_grad}
    assert layers == {n - 1}
    ids = torch.tensor([[1, 5, 9, 12, 7]])
    model(input_ids=ids, labels=ids).loss.backward()
    assert all(p.grad is not None for p in model.parameters() if p.requires_grad)

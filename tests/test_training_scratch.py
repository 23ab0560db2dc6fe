"""From-scratch baselines: the tokenizer round-trips the corpus, a tiny GPT-2 trains, is saved as a loadable
folder with the plain chat template, and is recorded as a from-scratch model."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from tide_core.backends.protocol import DecodingSettings
from tide_core.backends.torch_backend import TorchBackend
from tide_core.models.recipe import parse_recipe
from tide_core.models.resolve_weights import resolve_weights
from tide_core.models.train_scratch import SPECIAL_TOKENS, train_scratch, train_tokenizer


@pytest.fixture
def writable(small_warehouse, tmp_path):
    """A writable copy of the session's small warehouse (a copy is faster than a rebuild)."""
    path = tmp_path / "tide.duckdb"
    shutil.copy(small_warehouse, path)
    return path


def tiny_scratch_recipe():
    return parse_recipe({"model_id": "gpt2-tiny", "display_name": "GPT-2 tiny", "family": "gpt2",
                         "is_instruct": False, "weights": {"source": "trained_here"}, "chat_template": "plain",
                         "system_prompt": "none",
                         "scratch": {"n_layer": 1, "n_embd": 32, "n_head": 2, "vocab_size": 512, "n_positions": 128},
                         "train": {"max_steps": 3, "batch_size": 8, "eval_interval": 3, "subset_size": 48,
                                   "val_size": 8, "max_len": 128, "lr": 1e-3, "precision": "fp32"},
                         "decoding": {"max_new_tokens": 6}}, "gpt2-tiny.yaml")


def test_tokenizer_round_trips_and_knows_its_turn_tokens():
    texts = ["It sounds like the nights are long.", "I can't stop thinking about the crash."] * 20
    tok = train_tokenizer(texts, 300)
    for text in texts[:2] + ["Unseen words: zebra café 988."]:
        assert tok.decode(tok(text)["input_ids"]) == text
    assert all(len(tok(t, add_special_tokens=False)["input_ids"]) == 1 for t in SPECIAL_TOKENS)
    assert tok.eos_token == "<|end|>" and tok.pad_token == "<|pad|>"


def test_scratch_model_trains_saves_and_generates(writable, tmp_path, monkeypatch):
    monkeypatch.setenv("TIDE_ARTIFACTS", str(tmp_path / "artifacts"))
    recipe = tiny_scratch_recipe()
    result = train_scratch(recipe, writable)
    folder = resolve_weights(recipe)
    assert folder == result.adapter_dir == tmp_path / "artifacts" / "models" / "gpt2-tiny"
    assert result.steps == 3
    backend = TorchBackend.from_folder("gpt2-tiny", folder, chat_template="plain")
    gen = backend.generate(None, "I keep reliving it.", DecodingSettings(max_new_tokens=6))
    assert 0 < gen.completion_tokens <= 6
    with duckdb.connect(str(writable), read_only=True) as con:
        model = con.execute("SELECT is_from_scratch, weights_source, params_millions FROM models "
                            "WHERE model_id = 'gpt2-tiny'").fetchall()[0]
        run = con.execute("SELECT mode, split, adapter_path, system_prompt FROM runs WHERE run_id = ?",
                          [result.run_id]).fetchall()[0]
    assert model[:2] == (True, "trained_here") and abs(model[2] - backend.n_params() / 1e6) < 1e-3
    assert run == ("fine_tuned", "train", None, None)

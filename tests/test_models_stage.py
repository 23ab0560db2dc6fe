"""The models stage end to end on tiny recipes: zero-shot, LoRA, merge, fine-tuned and from-scratch runs land in
the warehouse; a rerun with the same settings reuses everything; missing weights skip or fail as configured."""

from __future__ import annotations

import shutil

import duckdb
import pytest
import yaml

from tide_core.models.merge_lora import read_merge_marker
from tide_core.models.resolve_weights import WeightsMissingError
from tide_core.models.tiny_models import make_tiny_llama
from tide_core.models.train_data import load_pairs
from tide_core.pipeline.models import StageProfile, models_step
from warehouse import loader
from warehouse.queries import run_query

TRAIN = {"max_steps": 2, "batch_size": 4, "eval_interval": 2, "subset_size": 16, "val_size": 4, "max_len": 128,
         "precision": "fp32"}


@pytest.fixture
def writable(small_warehouse, tmp_path):
    """A writable copy of the session's small warehouse (a copy is faster than a rebuild)."""
    path = tmp_path / "tide.duckdb"
    shutil.copy(small_warehouse, path)
    return path


def _write_recipes(folder, tiny_dir):
    folder.mkdir()
    common = {"chat_template": "plain", "system_prompt": "none", "train": TRAIN, "decoding": {"max_new_tokens": 4}}
    recipes = {
        "tiny-llama": {"display_name": "Tiny", "family": "llama", "lora": {"r": 2, "alpha": 4},
                       "weights": {"source": "local_dir", "local_dir": str(tiny_dir)}},
        "gpt2-tiny": {"display_name": "GPT-2 tiny", "family": "gpt2", "weights": {"source": "trained_here"},
                      "scratch": {"n_layer": 1, "n_embd": 32, "n_head": 2, "vocab_size": 400, "n_positions": 128}},
        "absent": {"display_name": "Absent", "family": "qwen", "weights": {"source": "local_dir", "dir_name": "none"}},
    }
    for model_id, body in recipes.items():
        (folder / f"{model_id}.yaml").write_text(yaml.safe_dump({"model_id": model_id, **common, **body}))
    return folder


@pytest.fixture
def setup(writable, tmp_path, monkeypatch):
    monkeypatch.setenv("TIDE_ARTIFACTS", str(tmp_path / "artifacts"))
    monkeypatch.setenv("TIDE_MODEL_DIR", str(tmp_path / "nothing"))
    pairs = load_pairs(writable, "train")
    tiny = make_tiny_llama(tmp_path / "tiny", [p.message for p in pairs] + [p.reply for p in pairs], vocab_size=400)
    return writable, _write_recipes(tmp_path / "recipes", tiny), tmp_path


def _profile(**kw) -> StageProfile:
    base = dict(name="test", sample_size=4, sample_seed=1, batch_size=2, lora_models=("tiny-llama", "absent"),
                scratch_models=("gpt2-tiny",), train_profile=None, budget_s=None)
    return StageProfile(**{**base, **kw})


def _counts(path):
    with duckdb.connect(str(path), read_only=True) as con:
        runs = con.execute("SELECT model_id, mode, split, count(x.response_id) FROM runs LEFT JOIN responses x "
                           "USING (run_id) GROUP BY ALL ORDER BY ALL").fetchall()
        log = con.execute("SELECT count(*) FROM training_log").fetchall()[0][0]
    return runs, log


def test_stage_runs_every_system_then_reuses_them(setup):
    warehouse, recipes, tmp = setup
    first = models_step(warehouse, _profile(), recipes_dir=recipes)
    runs, log = _counts(warehouse)
    assert runs == [("gpt2-tiny", "fine_tuned", "test", 4), ("gpt2-tiny", "fine_tuned", "train", 0),
                    ("tiny-llama", "fine_tuned", "test", 4), ("tiny-llama", "fine_tuned", "train", 0),
                    ("tiny-llama", "zero_shot", "test", 4)]
    assert log > 0 and len(first.run_ids) == 3
    assert read_merge_marker(tmp / "artifacts" / "models" / "tiny-llama-ft-merged") is not None
    assert any(s.startswith("absent: weights not present") for s in first.skipped)
    assert not any(step.reused for step in first.steps)
    with loader.connect_readonly(warehouse) as con:
        systems = run_query(con, "models_systems")
        ((train_run,),) = con.execute("SELECT run_id FROM runs WHERE split = 'train' AND model_id = 'gpt2-tiny'").fetchall()
        curve = run_query(con, "models_training_curve", run_id=train_run)
    assert set(curve["split"]) == {"train", "validation"} and curve["loss"].min() > 0
    assert sorted(systems["run_id"].to_list()) == sorted(first.run_ids) and set(systems["n_responses"]) == {4}
    assert systems.filter(systems["model_id"] == "gpt2-tiny")["is_from_scratch"].to_list() == [True]

    second = models_step(warehouse, _profile(), recipes_dir=recipes)
    assert _counts(warehouse) == (runs, log)
    assert all(step.reused for step in second.steps if not step.name.startswith("weights"))
    assert second.run_ids == first.run_ids and second.seconds < first.seconds


def test_required_model_without_weights_fails_the_stage(setup):
    warehouse, recipes, _ = setup
    with pytest.raises(WeightsMissingError, match="put them at \\$TIDE_MODEL_DIR/none"):
        models_step(warehouse, _profile(lora_models=("absent",), scratch_models=(), required=("absent",)),
                    recipes_dir=recipes)


def test_scratch_rungs_that_do_not_fit_the_budget_are_skipped(setup):
    warehouse, recipes, _ = setup
    result = models_step(warehouse, _profile(lora_models=(), budget_s=1.0), recipes_dir=recipes)
    assert result.skipped == ["gpt2-tiny: not enough of the stage's time budget left"]
    assert _counts(warehouse)[0] == []

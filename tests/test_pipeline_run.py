"""The main job's order (tide_core/pipeline/run.py) with every stage stood in for: which stages run, with what,
and the lines `python -m tide_core run` prints; the CLI passes its options without changing them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import tide_core.pipeline.run as main_job
from tide_core.config import load_config

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def stages(monkeypatch):
    """Every stage replaced by a stand-in that records (stage, arguments) in the returned list."""
    calls: list[tuple[str, dict]] = []

    def build_step(cfg, path, force=False, progress=None):
        calls.append(("build", {"seed": cfg.seed, "force": force}))
        return SimpleNamespace(path=path, reused=True, seconds=0.31, n_personas=4, n_conversations=12)

    def refresh_live(warehouse, compact):
        calls.append(("live", {"compact": compact}))
        return "live records kept beside the warehouse: ratings 0"

    def models_step(warehouse, profile, progress=None, launch=None, engine="auto"):
        calls.append(("models", {"profile": profile, "launch": launch, "engine": engine}))
        return SimpleNamespace(summary=lambda: "models stage (cpu-default): 1.0 s")

    def claude_step(warehouse):
        calls.append(("claude", {}))
        return "Claude skipped: no key"

    def onnx_step(model_id, variant):
        calls.append(("onnx", {"model_id": model_id, "variant": variant}))
        return SimpleNamespace(summary=lambda: "ONNX exported")

    def safety_step(warehouse, force=False, n_dataset_negatives=300, progress=None, say=print):
        calls.append(("safety", {"force": force, "n_dataset_negatives": n_dataset_negatives}))
        say("crisis detector v1 already evaluated; reusing it")

    def evaluation_step(warehouse, seed=13, progress=None):
        calls.append(("evaluate", {"seed": seed}))
        finding = {"data_source": "simulated", "finding_id": "f1", "supported": "supported", "statistic": "d=0.5",
                   "p_adjusted": 0.01}
        return SimpleNamespace(n_responses=10, n_scored=2, seconds=1.5, panel_id="p1", analyses_run=["a1"],
                               findings=[finding])

    for module, name, fake in (("build", "build_step", build_step), ("live", "refresh_live", refresh_live),
                               ("models", "models_step", models_step), ("claude", "claude_step", claude_step),
                               ("onnx", "onnx_step", onnx_step), ("safety", "safety_step", safety_step),
                               ("evaluate", "evaluation_step", evaluation_step)):
        monkeypatch.setattr(f"tide_core.pipeline.{module}.{name}", fake)
    return calls


def test_the_main_job_runs_the_stages_in_order_and_prints_their_summaries(stages, tmp_path):
    from tide_core.models.train_distributed import LaunchSpec

    lines: list[str] = []
    cfg = load_config(None).with_overrides(seed=7)
    main_job.run_main_job(tmp_path / "w.duckdb", cfg, quiet=True, say=lines.append)
    assert [name for name, _ in stages] == ["build", "live", "models", "claude", "onnx", "safety", "evaluate"]
    calls = dict(stages)
    assert calls["models"] == {"profile": "cpu-default", "launch": LaunchSpec(), "engine": "auto"}
    assert calls["onnx"] == {"model_id": "smollm2-135m", "variant": "int4"}
    assert calls["safety"] == {"force": False, "n_dataset_negatives": 300}
    assert calls["evaluate"] == {"seed": 7}  # the config's seed when none is given
    assert lines == [
        f"reused {tmp_path / 'w.duckdb'}: 4 personas, 12 conversations in 0.3 s",
        "live records kept beside the warehouse: ratings 0",
        "models stage (cpu-default): 1.0 s",
        "Claude skipped: no key",
        "ONNX exported",
        "crisis detector v1 already evaluated; reusing it",
        "evaluated 10 responses (2 newly scored) in 1.5 s; panel p1; analyses: a1",
        "  [simulated] f1                     supported     d=0.5              p=0.01",
    ]


def test_skip_models_runs_build_live_safety_and_evaluate(stages, tmp_path):
    main_job.run_main_job(tmp_path / "w.duckdb", load_config(None), skip_models=True, seed=3, force=True,
                          quiet=True, say=lambda line: None)
    assert [name for name, _ in stages] == ["build", "live", "safety", "evaluate"]
    calls = dict(stages)
    assert calls["build"]["force"] and calls["safety"]["force"] and calls["evaluate"] == {"seed": 3}


def test_the_cli_passes_its_options_without_changing_them(monkeypatch, tmp_path):
    from tide_core.cli import build_parser

    args = build_parser().parse_args(["run", "-q", "--warehouse", str(tmp_path / "w.duckdb"), "--seed", "5",
                                      "--skip-models", "--engine", "hf", "--models-profile", "cpu-ladder"])
    before = dict(vars(args))
    seen = {}
    monkeypatch.setattr(main_job, "run_main_job", lambda warehouse, cfg, **kw: seen.update(cfg=cfg, **kw))
    assert args.func(args) == 0
    assert vars(args) == before
    assert seen["cfg"].seed == 5 and seen["seed"] == 5 and seen["skip_models"] and seen["quiet"]
    assert seen["engine"] == "hf" and seen["models_profile"] == "cpu-ladder" and seen["launcher"] == "none"


def test_importing_the_pipeline_package_and_the_cli_imports_no_torch():
    code = ("import sys\n"
            "import tide_core.pipeline, tide_core.pipeline.run, tide_core.pipeline.claude, tide_core.pipeline.onnx\n"
            "import tide_core.cli\n"
            "print('HEAVY', sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers')))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr[-2000:]
    assert "HEAVY []" in out.stdout


def test_the_cli_offers_exactly_the_models_stage_profiles():
    from tide_core.cli import build_parser
    from tide_core.pipeline.models import PROFILES

    assert main_job.MODELS_PROFILES == tuple(PROFILES)
    parser = build_parser()
    assert parser.parse_args(["run", "--models-profile", "cpu-ladder"]).models_profile == "cpu-ladder"
    with pytest.raises(SystemExit):
        parser.parse_args(["run", "--models-profile", "gpu-tiny"])

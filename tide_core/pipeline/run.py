"""The main job (`python -m tide_core run`): the stages in order, each shown as the CLI shows it.

    from tide_core.config import load_config
    run_main_job(Path("warehouse/tide.duckdb"), load_config(None))                    # what `run` does
    run_main_job(Path("warehouse/tide.duckdb"), load_config(None), skip_models=True)  # build, live, safety, evaluate

One function per stage (build, live, models, claude, onnx, safety, evaluate) runs it with its progress display
(tqdm bars on stderr and "== step" lines, none when `quiet`) and says its summary lines through `say` (one call per
line; print by default); the CLI's single-stage commands call the same functions, so `run` prints exactly what
`build`, `live --compact`, `models`, `claude`, `export-onnx`, `safety-eval` and `evaluate` print one by one.
Each stage's module is imported when the stage runs: torch (models), scipy and statsmodels (evaluate) and the
detector's dependencies (safety) take seconds to import, and a single-stage command needs only its own.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tqdm import tqdm

if TYPE_CHECKING:
    from tide_core.config import DatasetConfig
    from tide_core.pipeline.build import BuildResult
    from tide_core.pipeline.evaluate import EvaluationResult
    from tide_core.pipeline.models import ModelsResult
    from tide_core.pipeline.onnx import OnnxResult

Say = Callable[[str], None]
say_line: Say = partial(print, flush=True)  # the default `say`: stdout, flushed line by line
SERVED_MODEL, SERVED_VARIANT = "smollm2-135m", "int4"  # what the chat serves (tide_core/chat/engine.py)
# The names of pipeline/models.py's PROFILES, for the CLI's choices without importing torch (a test keeps them equal).
MODELS_PROFILES = ("cpu-default", "cpu-ladder", "full")


def _steps(quiet: bool, say: Say) -> Say | None:
    return None if quiet else (lambda msg: say(f"== {msg}"))


def build(cfg: DatasetConfig, warehouse: Path, *, force: bool = False, quiet: bool = False,
          say: Say = say_line) -> BuildResult:
    """Build the dataset and the warehouse, or reuse an up-to-date one (pipeline/build.py)."""
    from tide_core.pipeline.build import build_step

    with tqdm(total=cfg.n_personas, desc="personas", unit="persona", disable=quiet) as bar:
        result = build_step(cfg, warehouse, force=force, progress=bar.update)
    verb = "reused" if result.reused else "built"
    say(f"{verb} {result.path}: {result.n_personas} personas, {result.n_conversations} conversations "
        f"in {result.seconds:.1f} s")
    return result


def live(warehouse: Path, *, compact: bool = True, say: Say = say_line) -> None:
    """Re-point the warehouse's live views and (when `compact`) fold exited writers' files into Parquet."""
    from tide_core.pipeline.live import refresh_live

    line = refresh_live(warehouse, compact)
    if line is not None:
        say(line)


def models(warehouse: Path, profile: str = "cpu-default", *, launcher: str = "none", num_processes: int = 1,
           strategy: str = "auto", engine: str = "auto", quiet: bool = False, say: Say = say_line) -> ModelsResult:
    """Zero-shot, LoRA fine-tuning, merge and generation with the profile's small models (pipeline/models.py)."""
    from tide_core.models.train_distributed import LaunchSpec
    from tide_core.pipeline.models import models_step

    launch = LaunchSpec(launcher, num_processes, strategy)
    result = models_step(warehouse, profile, progress=_steps(quiet, say), launch=launch, engine=engine)
    say(result.summary())
    return result


def claude(warehouse: Path, *, say: Say = say_line) -> str:
    """Claude's replies to the test sample, or the line saying why they were skipped (pipeline/claude.py)."""
    from tide_core.pipeline.claude import claude_step

    line = claude_step(warehouse)
    say(line)
    return line


def onnx(model_id: str = SERVED_MODEL, variant: str = SERVED_VARIANT, *, say: Say = say_line) -> OnnxResult:
    """Export the merged fine-tuned model and its zero-shot base to ONNX and load it torch-free (pipeline/onnx.py)."""
    from tide_core.pipeline.onnx import onnx_step

    result = onnx_step(model_id, variant)
    say(result.summary())
    return result


def safety(warehouse: Path, *, force: bool = False, n_dataset_negatives: int = 300, quiet: bool = False,
           say: Say = say_line) -> None:
    """Train (once) and evaluate the chat's crisis detector into the warehouse (pipeline/safety.py)."""
    from tide_core.pipeline.safety import safety_step

    safety_step(warehouse, force=force, n_dataset_negatives=n_dataset_negatives, progress=_steps(quiet, say),
                say=say)


def evaluate(warehouse: Path, seed: int = 13, *, quiet: bool = False, say: Say = say_line) -> EvaluationResult:
    """Score, simulate the default panel, run the statistics and print the findings (pipeline/evaluate.py)."""
    from tide_core.pipeline.evaluate import evaluation_step

    with tqdm(total=0, desc="evaluation", disable=quiet) as bar:
        def progress(step: str, done: int, total: int) -> None:
            bar.set_description(step)
            bar.total, bar.n = total, done
            bar.refresh()

        result = evaluation_step(warehouse, seed=seed, progress=progress)
    say(f"evaluated {result.n_responses} responses ({result.n_scored} newly scored) in {result.seconds:.1f} s; "
        f"panel {result.panel_id or '-'}; analyses: {', '.join(result.analyses_run) or 'unchanged'}")
    for f in result.findings:
        p = f.get("p_adjusted")
        p_text = f"p={p:.3g}" if p is not None else ""
        say(f"  [{f['data_source']}] {f['finding_id']:<22} {f['supported']:<13} {f.get('statistic') or '':<18} {p_text}")
    return result


def run_main_job(warehouse: Path, config: DatasetConfig, *, force: bool = False,
                 models_profile: str = "cpu-default", skip_models: bool = False, seed: int | None = None,
                 launcher: str = "none", num_processes: int = 1, strategy: str = "auto", engine: str = "auto",
                 quiet: bool = False, say: Say = say_line) -> EvaluationResult:
    """Build (or reuse) the warehouse from `config`, refresh and compact its live store, then (unless
    `skip_models`) the models, Claude and the ONNX export of the served model, then the crisis detector's
    evaluation and the evaluation stage. `seed` (default: the config's) seeds the simulated panel and bootstraps;
    `launcher`, `num_processes`, `strategy` and `engine` are the models stage's (docs/scale.md)."""
    build(config, warehouse, force=force, quiet=quiet, say=say)
    live(warehouse, compact=True, say=say)
    if not skip_models:
        models(warehouse, models_profile, launcher=launcher, num_processes=num_processes, strategy=strategy,
               engine=engine, quiet=quiet, say=say)
        claude(warehouse, say=say)
        onnx(SERVED_MODEL, SERVED_VARIANT, say=say)
    safety(warehouse, force=force, quiet=quiet, say=say)
    return evaluate(warehouse, config.seed if seed is None else seed, quiet=quiet, say=say)

"""Rows the models work writes: models, runs, training_log (the table contracts are in warehouse/schema/models.sql).

Every write opens the warehouse read-write briefly, in one transaction, and skips keys that exist, so a rerun
after an interruption neither fails nor duplicates.
"""

from __future__ import annotations

import json
import logging
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from tide_core.backends.protocol import DecodingSettings
from tide_core.errors import TideError
from tide_core.models.recipe import ROOT, Recipe
from tide_core.models.resolve_weights import weights_source_label
from tide_core.models.train_loop import CurvePoint

log = logging.getLogger(__name__)

_RUN_COLUMNS = {"run_id": pl.Utf8, "model_id": pl.Utf8, "mode": pl.Utf8, "adapter_path": pl.Utf8,
                "system_prompt": pl.Utf8, "decoding_json": pl.Utf8, "seed": pl.Int32, "code_version": pl.Utf8,
                "split": pl.Utf8, "started_at": pl.Datetime("us"), "status": pl.Utf8}


def now() -> datetime:
    """UTC now without tzinfo (the warehouse stores TIMESTAMP in UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def code_version() -> str | None:
    """The git commit of the code that ran (suffixed -dirty with local changes), or None outside a checkout."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              timeout=5, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{head}-dirty" if dirty else head


def model_row(recipe: Recipe, params_millions: float | None = None) -> dict:
    """A models row for `recipe`; `params_millions` is the measured count when the model was loaded."""
    return {"model_id": recipe.model_id, "display_name": recipe.display_name, "family": recipe.family,
            "params_millions": params_millions if params_millions is not None else recipe.params_millions,
            "weights_source": weights_source_label(recipe), "is_instruct": recipe.is_instruct,
            "is_from_scratch": recipe.is_from_scratch, "recipe": recipe.path, "notes": recipe.notes or None}


def decoding_json(settings: DecodingSettings, **extra: object) -> str:
    """Decoding settings (plus e.g. batch_size, precision) as the runs.decoding_json string."""
    return json.dumps({**settings.as_dict(), **extra}, sort_keys=True)


def run_row(run_id: str, model_id: str, mode: str, *, split: str, system_prompt: str | None,
            decoding: str | None, seed: int | None, adapter_path: Path | None = None) -> dict:
    """A runs row in state running, stamped with the code version and start time."""
    if mode not in ("zero_shot", "fine_tuned", "reference"):
        raise TideError(f"run mode {mode!r} is not one of zero_shot, fine_tuned, reference")
    return {"run_id": run_id, "model_id": model_id, "mode": mode,
            "adapter_path": str(adapter_path) if adapter_path else None, "system_prompt": system_prompt,
            "decoding_json": decoding, "seed": seed, "code_version": code_version(), "split": split,
            "started_at": now(), "status": "running"}


def record_model(con, row: dict) -> None:
    """Insert the model unless its model_id is already recorded."""
    from warehouse.writer import append_frame

    append_frame(con, "models", pl.DataFrame([row]))


def start_run(con, row: dict) -> None:
    """Insert the run (kept as it is when it exists: a resumed run keeps its start time) and mark it running."""
    from warehouse.writer import append_frame

    append_frame(con, "runs", pl.DataFrame([row], schema=_RUN_COLUMNS))
    finish_run(con, row["run_id"], "running", None)


def finish_run(con, run_id: str, status: str, finished_at: datetime | None) -> None:
    from warehouse.queries import load_query

    con.execute(load_query("models_run_finish"), {"status": status, "finished_at": finished_at, "run_id": run_id})


def write_training_log(con, run_id: str, curve: list[CurvePoint]) -> int:
    """The curve as training_log rows (existing (run, step, split) keys are kept): loss, tokens seen, reply tokens
    and wall seconds at each point, so the run's training time and tokens are in the warehouse."""
    from warehouse.writer import append_frame

    frame = pl.DataFrame({"run_id": [run_id] * len(curve), "step": [p.step for p in curve],
                          "split": [p.split for p in curve], "loss": [p.loss for p in curve],
                          "tokens": [p.tokens for p in curve], "reply_tokens": [p.reply_tokens for p in curve],
                          "seconds": [p.seconds for p in curve]},
                         schema={"run_id": pl.Utf8, "step": pl.Int32, "split": pl.Utf8, "loss": pl.Float64,
                                 "tokens": pl.Int64, "reply_tokens": pl.Int64, "seconds": pl.Float64})
    return append_frame(con, "training_log", frame)


def record_training_run(warehouse_path: Path, model: dict, run: dict, curve: list[CurvePoint]) -> None:
    """Model, finished training run and its curve in one transaction."""
    from warehouse.loader import add_new_columns
    from warehouse.writer import open_readwrite, transaction

    with open_readwrite(warehouse_path) as con, transaction(con):
        add_new_columns(con)  # a warehouse built before training_log had reply_tokens and seconds
        record_model(con, model)
        start_run(con, run)
        write_training_log(con, run["run_id"], curve)
        finish_run(con, run["run_id"], "finished", now())


def run_state(warehouse_path: Path, run_id: str) -> dict | None:
    """{'status', 'n_responses', ...} of a run, or None when it does not exist."""
    from warehouse.loader import connect_readonly
    from warehouse.queries import run_query

    with connect_readonly(warehouse_path) as con:
        frame = run_query(con, "models_run_state", run_id=run_id)
    return frame.row(0, named=True) if frame.height else None


def dataset_fingerprint(warehouse_path: Path) -> str:
    """The warehouse's dataset fingerprint (build_info): training and runs are keyed on it."""
    from warehouse.loader import read_build_info

    info = read_build_info(warehouse_path) or {}
    return info.get("config_fingerprint", "unknown")

"""One statistics pass: every analysis (estimators.py, agreement.py, correlation.py) on one data source's ratings,
and the findings drawn from them. Pure: frames in, rows out; store.write_analysis stores the pass.

    out = run_statistics(ratings, items, "simulated")
    store.write_analysis(con, out)                       # analysis_runs + stat_results + findings, one transaction

Simulated and real ratings are never pooled: each data source gets its own pass and its own findings.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import polars as pl
from patsy import PatsyError

from tide_core.evaluation.agreement import agreement
from tide_core.evaluation.correlation import metric_human
from tide_core.evaluation.estimators import (
    analysis_frame,
    demographic_cells,
    demographic_tests,
    finetune_gains,
    mixed_model,
    scenario_gains,
    size_and_ceiling,
)
from tide_core.evaluation.findings import findings
from tide_core.evaluation.stat_rows import StatRow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AnalysisOutput:
    analysis_id: str
    data_source: str
    fingerprint: str
    rows: list[StatRow]
    findings: list[dict]
    n_ratings: int
    n_raters: int
    n_excluded_raters: int
    n_responses: int
    seconds: float


MIN_MODEL_RATINGS = 50  # below this the regression models are not fitted (too few ratings and raters to mean much)


def _guarded(name: str, n: int, fit: Callable[[], list[StatRow]]) -> list[StatRow]:
    """Run one model; on data too small or degenerate for it (real imports can be tiny or one-sided), record why
    instead of failing the whole pass."""
    if n < MIN_MODEL_RATINGS:
        return [StatRow(name, "fit", "all", None, n, "not fitted", suppressed=True,
                        detail={"reason": f"{n} ratings < {MIN_MODEL_RATINGS}"})]
    try:
        return fit()
    except (ValueError, np.linalg.LinAlgError, PatsyError) as exc:
        log.warning("%s could not be fitted: %s", name, exc)
        return [StatRow(name, "fit", "all", None, n, "not fitted", suppressed=True, detail={"reason": str(exc)})]


def all_rows(frame: pl.DataFrame, n_boot: int = 500, seed: int = 13) -> list[StatRow]:
    """Every analysis on an analysis frame (see estimators.analysis_frame)."""
    gains = finetune_gains(frame)
    demo = _guarded("demographic", frame.height, lambda: [r for part in demographic_tests(frame) for r in part])
    return (gains + scenario_gains(frame) + size_and_ceiling(frame, gains) + demo
            + _guarded("mixed_model", frame.height, lambda: mixed_model(frame)) + demographic_cells(frame)
            + agreement(frame, n_boot, seed) + metric_human(frame, 2 * n_boot, seed))


def run_statistics(ratings: pl.DataFrame, items: pl.DataFrame, data_source: str, fingerprint: str = "",
                   n_boot: int = 500, seed: int = 13) -> AnalysisOutput:
    """The whole pass on `ratings` (store.ratings_frame) and `items` (store.item_features)."""
    started = time.perf_counter()
    frame, excluded = analysis_frame(ratings, items)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    analysis_id = f"an-{data_source}-{stamp}-{hashlib.sha1(fingerprint.encode()).hexdigest()[:6]}"
    rows = all_rows(frame, n_boot, seed) if frame.height else []
    out = AnalysisOutput(analysis_id, data_source, fingerprint, rows, findings(rows, data_source, analysis_id),
                         frame.height, frame["rater_id"].n_unique(), excluded, frame["response_id"].n_unique(),
                         time.perf_counter() - started)
    log.info("statistics (%s): %d ratings, %d results in %.1f s", data_source, out.n_ratings, len(rows), out.seconds)
    return out

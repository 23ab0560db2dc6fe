"""Automatic metrics against human ratings: Spearman's rho between a response's metric and its mean rating, with
a paired percentile bootstrap interval (resampling responses), overall and per scenario."""

from __future__ import annotations

import numpy as np
import polars as pl
from scipy import stats as sps

from tide_core.evaluation.intervals import percentile_bootstrap
from tide_core.evaluation.stat_rows import MIN_CELL_PUBLISHED, StatRow, suppress_small

METRICS = ("cosine_minilm", "rougeL", "bleu", "chrf", "n_factors", "n_words")


def _spearman(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    """Spearman rho along `axis` (Pearson's r of the ranks, ties averaged), vectorised over the bootstrap's resamples;
    NaN (scipy warns; percentile_bootstrap silences it) for a resample with no spread."""
    return sps.pearsonr(sps.rankdata(x, axis=axis), sps.rankdata(y, axis=axis), axis=axis).statistic


def spearman_ci(x: np.ndarray, y: np.ndarray, n_boot: int, seed: int) -> tuple[float, float, float, float]:
    """rho, its percentile 95 % interval (paired resampling of responses), and the p-value of rho = 0."""
    res = sps.spearmanr(x, y)
    lo, hi = percentile_bootstrap((x, y), _spearman, n_boot, seed, paired=True)
    return float(res.statistic), lo, hi, float(res.pvalue)


def per_response(frame: pl.DataFrame) -> pl.DataFrame:
    """Mean empathy rating per response with its metrics and scenario."""
    return frame.group_by("response_id").agg(pl.col("empathy").mean().alias("mean_empathy"),
                                             pl.col("scenario_id").first(),
                                             *[pl.col(m).first() for m in METRICS if m in frame.columns]
                                             ).sort("response_id")  # fixed order for the seeded bootstrap


def rho_row(g: pl.DataFrame, metric: str, scope: str, n_boot: int, seed: int) -> StatRow:
    g = g.filter(pl.col(metric).is_not_null())
    method = f"Spearman rho, metric vs mean human rating per response; paired bootstrap ({n_boot})"
    row = StatRow("metric_human", f"spearman_{metric}", scope, None, g.height, method)
    x, y = g[metric].to_numpy().astype(float), g["mean_empathy"].to_numpy()
    if g.height < MIN_CELL_PUBLISHED or np.ptp(x) == 0 or np.ptp(y) == 0:
        return suppress_small(row) if g.height < MIN_CELL_PUBLISHED else row
    rho, lo, hi, p = spearman_ci(x, y, n_boot, seed)
    return StatRow("metric_human", f"spearman_{metric}", scope, rho, g.height, method, lo, hi, rho, "rho", p)


def metric_human(frame: pl.DataFrame, n_boot: int = 1000, seed: int = 13) -> list[StatRow]:
    """Every metric overall; cosine (the study's main metric) per scenario too."""
    resp = per_response(frame)
    rows = [rho_row(resp, m, "all", n_boot, seed) for m in METRICS if m in resp.columns]
    for (scenario,), g in resp.sort("scenario_id", "response_id").group_by("scenario_id", maintain_order=True):
        rows.append(rho_row(g, "cosine_minilm", f"scenario={scenario}", n_boot, seed))
    return rows

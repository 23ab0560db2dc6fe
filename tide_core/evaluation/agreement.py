"""Inter-rater agreement: Krippendorff's alpha (ordinal, value domain 1-5) with bootstrap intervals.

The items x values count matrix is built once and its rows (items) are resampled for the bootstrap, which is
30x faster than resampling the raters x items matrix (STATS.md). value_domain is passed so unused categories
still count. Items rated once carry no agreement information and are left out.
"""

from __future__ import annotations

import krippendorff
import numpy as np
import polars as pl

from tide_core.evaluation.intervals import percentile_bootstrap
from tide_core.evaluation.stat_rows import MIN_CELL_PUBLISHED, StatRow, suppress_small

FIELDS = ("empathy", "emotion_recognition", "distress_normalization", "supportive_reflection")
DOMAIN = [1, 2, 3, 4, 5]


def value_counts(frame: pl.DataFrame, field: str) -> np.ndarray:
    """(items, 5) counts of each rating value per item, for items with at least two ratings of `field`."""
    counts = (frame.filter(pl.col(field).is_not_null())
              .group_by("response_id").agg([(pl.col(field) == v).sum().alias(str(v)) for v in DOMAIN])
              .sort("response_id"))  # a fixed item order: the seeded bootstrap then resamples the same items
    m = counts.select([str(v) for v in DOMAIN]).to_numpy().astype(float)
    return m[m.sum(axis=1) >= 2]


def alpha(counts: np.ndarray) -> float:
    return float(krippendorff.alpha(value_counts=counts, level_of_measurement="ordinal", value_domain=DOMAIN))


def bootstrap_alpha(counts: np.ndarray, n_boot: int, seed: int) -> tuple[float, float]:
    """Percentile 95 % interval of alpha over items (rows of `counts`) resampled with replacement."""
    return percentile_bootstrap((np.arange(len(counts)),), lambda items: alpha(counts[items]), n_boot, seed,
                                vectorized=False)


def alpha_row(frame: pl.DataFrame, field: str, scope: str, n_boot: int, seed: int) -> StatRow:
    counts = value_counts(frame, field)
    method = f"Krippendorff's alpha, ordinal, values 1-5; percentile bootstrap over items ({n_boot} resamples)"
    row = StatRow("agreement", f"alpha_{field}", scope, None, len(counts), method)
    if len(counts) < MIN_CELL_PUBLISHED or np.count_nonzero(counts.sum(axis=0)) < 2:
        return suppress_small(row) if len(counts) < MIN_CELL_PUBLISHED else row
    lo, hi = bootstrap_alpha(counts, n_boot, seed)
    return StatRow("agreement", f"alpha_{field}", scope, alpha(counts), len(counts), method, lo, hi,
                   detail={"n_ratings": int(counts.sum())})


def agreement(frame: pl.DataFrame, n_boot: int = 500, seed: int = 13) -> list[StatRow]:
    """Alpha per rating field overall, and per scenario for each field."""
    rows = [alpha_row(frame, f, "all", n_boot, seed) for f in FIELDS]
    for (scenario,), g in frame.sort("scenario_id").group_by("scenario_id", maintain_order=True):
        rows += [alpha_row(g, f, f"scenario={scenario}", n_boot // 2, seed) for f in FIELDS]
    return rows

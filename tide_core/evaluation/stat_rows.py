"""The record every statistic is stored as (stat_results), cell suppression and multiple-comparison correction."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace

import numpy as np
from statsmodels.stats.multitest import multipletests

# The publishing floor: a cell of fewer observations is suppressed (no estimate, interval or p; the n stays). The
# dashboard's display floor for descriptive cells is intervals.MIN_CELL_RELIABLE.
MIN_CELL_PUBLISHED = 10


@dataclass(frozen=True)
class StatRow:
    analysis: str
    term: str
    scope: str
    estimate: float | None
    n: int
    method: str
    ci_low: float | None = None
    ci_high: float | None = None
    statistic: float | None = None
    statistic_name: str | None = None
    p_value: float | None = None
    family: str | None = None
    p_adjusted: float | None = None
    adjust_method: str | None = None
    suppressed: bool = False
    detail: dict = field(default_factory=dict)

    @property
    def result_id(self) -> str:
        return f"{self.analysis}/{self.term}/{self.scope}"

    def record(self, analysis_id: str) -> dict:
        """The stat_results row; NaN becomes NULL."""
        def clean(x):
            return None if x is None or (isinstance(x, float) and not math.isfinite(x)) else float(x)

        return {"analysis_id": analysis_id, "result_id": self.result_id, "analysis": self.analysis,
                "family": self.family, "term": self.term, "scope": self.scope, "estimate": clean(self.estimate),
                "ci_low": clean(self.ci_low), "ci_high": clean(self.ci_high), "statistic": clean(self.statistic),
                "statistic_name": self.statistic_name, "p_value": clean(self.p_value),
                "p_adjusted": clean(self.p_adjusted), "adjust_method": self.adjust_method, "n": int(self.n),
                "suppressed": self.suppressed, "method": self.method,
                "detail_json": json.dumps(self.detail, default=float) if self.detail else None}


def suppress_small(row: StatRow, min_cell: int = MIN_CELL_PUBLISHED) -> StatRow:
    """Withhold the figures of a cell with fewer than `min_cell` observations (the n stays visible)."""
    if row.n >= min_cell:
        return row
    return replace(row, estimate=None, ci_low=None, ci_high=None, statistic=None, p_value=None, suppressed=True,
                   detail={"reason": f"n = {row.n} < {min_cell}"})


def adjust_family(rows: list[StatRow], family: str, method: str = "holm") -> list[StatRow]:
    """Holm (or BH: method='fdr_bh') across the rows with a p-value; rows without one (NaN, suppressed) are
    left out of the family, because multipletests would silently count a NaN and inflate the others."""
    idx = [k for k, r in enumerate(rows) if r.p_value is not None and np.isfinite(r.p_value)]
    out = list(rows)
    if idx:
        _, adj, _, _ = multipletests([rows[k].p_value for k in idx], method=method)
        for k, p in zip(idx, adj, strict=True):
            out[k] = replace(rows[k], family=family, p_adjusted=float(p), adjust_method=method)
    return out

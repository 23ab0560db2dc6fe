"""Every 95 % interval of the evaluation, from scipy: the t interval of a mean (from a sample, or from SQL
aggregates for the dashboard's descriptive tables), the Fisher interval of Spearman's rho, and the percentile
bootstrap the statistics pass uses for alpha and rho.

    mean, lo, hi, t, p = mean_t_test(diffs)                      # a sample against 0 (scipy.stats.ttest_1samp)
    df = with_t_interval(query_result, mean="rating_mean", sd="rating_sd", n="n_rated_items")
    df = with_spearman_interval(rho_table, rho="rho", n="n")
    lo, hi = percentile_bootstrap((x, y), statistic, n_boot=1000, seed=13, paired=True)

Means use Student's t with n - 1 degrees of freedom over the unit the query aggregated (a response's mean rating,
a rater's mean rating, a conversation's paired difference), so repeated ratings of one item or by one rater are not
counted as independent. Spearman's rho uses Fisher's z with the Bonett-Wright standard error. Cells with fewer
than MIN_CELL_RELIABLE units are flagged `reliable = false`; pages grey them out or hide them and say so.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
import polars as pl
from scipy import stats as sps

# The display floor: a cell of fewer units is flagged reliable = false and shown greyed out (or hidden), never as a
# finding. The statistics' floor for publishing an estimate at all is stat_rows.MIN_CELL_PUBLISHED.
MIN_CELL_RELIABLE = 5
LEVEL = 0.95


def mean_t_test(x: np.ndarray, level: float = LEVEL) -> tuple[float, float, float, float, float]:
    """mean, t interval, t and two-sided p of a sample against 0 (scipy's one-sample t-test). Fewer than 2 values:
    the mean (NaN when none) and NaN; no spread: the mean as both ends and NaN for t and p."""
    n = len(x)
    if n < 2:
        return (float(x.mean()) if n else np.nan), np.nan, np.nan, np.nan, np.nan
    mean = float(x.mean())
    if x.std(ddof=1) == 0:
        return mean, mean, mean, np.nan, np.nan
    test = sps.ttest_1samp(x, 0.0)
    ci = test.confidence_interval(level)
    return mean, float(ci.low), float(ci.high), float(test.statistic), float(test.pvalue)


def t_interval(mean, sd, n, level: float = LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper ends of the t interval of a mean from (mean, sd, n) arrays; NaN where n < 2 or sd is missing."""
    mean, sd, n = (np.asarray(x, dtype=float) for x in (mean, sd, n))
    ok = (n >= 2) & np.isfinite(sd) & np.isfinite(mean)
    scale = np.where(ok, sd, np.nan) / np.sqrt(np.where(ok, n, 1.0))
    with np.errstate(invalid="ignore"):  # NaN scale -> NaN ends, as documented
        return sps.t.interval(level, np.where(ok, n - 1, 1.0), loc=mean, scale=scale)


def spearman_interval(rho, n, level: float = LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """Fisher-z interval of Spearman's rho with the Bonett-Wright (2000) variance (1 + rho^2 / 2) / (n - 3);
    NaN where n < 4 or rho is missing; rho of +-1 gives a zero-width interval."""
    rho, n = np.asarray(rho, dtype=float), np.asarray(n, dtype=float)
    ok = (n >= 4) & np.isfinite(rho)
    r = np.clip(np.where(ok, rho, 0.0), -0.999999, 0.999999)
    se = np.sqrt((1 + r * r / 2) / np.where(ok, n - 3, 1.0))
    z = np.arctanh(r)
    half = sps.norm.ppf(0.5 + level / 2) * se
    lo, hi = np.tanh(z - half), np.tanh(z + half)
    return np.where(ok, lo, np.nan), np.where(ok, hi, np.nan)


def percentile_bootstrap(data: tuple[np.ndarray, ...], statistic: Callable[..., np.ndarray], n_boot: int, seed: int,
                         *, paired: bool = False, vectorized: bool = True, level: float = LEVEL) -> tuple[float, float]:
    """Percentile interval of `statistic` over `n_boot` resamples (scipy.stats.bootstrap, seeded). Resamples where
    the statistic is undefined (NaN, e.g. a resample with no spread) are left out of the percentiles rather than
    making the whole interval NaN, as scipy's own interval would."""
    with warnings.catch_warnings():  # the NaN resamples scipy warns about are dropped below
        warnings.simplefilter("ignore")
        res = sps.bootstrap(data, statistic, n_resamples=n_boot, paired=paired, vectorized=vectorized,
                            method="percentile", rng=np.random.default_rng(seed))
    tail = 100 * (1 - level) / 2
    lo, hi = np.nanpercentile(res.bootstrap_distribution, [tail, 100 - tail])
    return float(lo), float(hi)


def _reliable(n: pl.Series) -> pl.Series:
    return (n.fill_null(0) >= MIN_CELL_RELIABLE).alias("reliable")


def with_t_interval(df: pl.DataFrame, mean: str = "mean", sd: str = "sd", n: str = "n", prefix: str = "") -> pl.DataFrame:
    """`df` with `<prefix>ci_low`, `<prefix>ci_high` (t interval) and `<prefix>reliable` (n >= MIN_CELL_RELIABLE) added."""
    lo, hi = t_interval(df[mean].to_numpy(), df[sd].cast(pl.Float64).to_numpy(), df[n].fill_null(0).to_numpy())
    return df.with_columns(pl.Series(f"{prefix}ci_low", lo).fill_nan(None),
                           pl.Series(f"{prefix}ci_high", hi).fill_nan(None),
                           _reliable(df[n]).alias(f"{prefix}reliable"))


def with_spearman_interval(df: pl.DataFrame, rho: str = "rho", n: str = "n") -> pl.DataFrame:
    """`df` with `ci_low` / `ci_high` kept where present (e.g. the statistics pass's bootstrap) and filled by the
    Fisher interval elsewhere, `ci_method` saying which, and `reliable` (n >= MIN_CELL_RELIABLE)."""
    lo, hi = spearman_interval(df[rho].to_numpy(), df[n].fill_null(0).to_numpy())
    if "ci_low" not in df.columns:
        df = df.with_columns(ci_low=pl.lit(None, pl.Float64), ci_high=pl.lit(None, pl.Float64))
    have = pl.col("ci_low").is_not_null()
    return (df.with_columns(_lo=pl.Series(values=lo).fill_nan(None), _hi=pl.Series(values=hi).fill_nan(None))
            .with_columns(ci_method=pl.when(have).then(pl.lit("bootstrap (statistics pass)"))
                          .when(pl.col("_lo").is_not_null()).then(pl.lit("Fisher z (computed here)")),
                          ci_low=pl.coalesce("ci_low", "_lo"), ci_high=pl.coalesce("ci_high", "_hi"),
                          reliable=_reliable(df[n]))
            .drop("_lo", "_hi"))

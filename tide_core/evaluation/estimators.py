"""The study's estimators and tests on an analysis frame: fine-tuning gains, models of the rating, demographic
effects. Each returns StatRows (stat_rows.py); analysis_run.py runs them all as one pass.

    frame, n_excluded = analysis_frame(ratings, items)   # exclusions applied, demographics coded
    rows = finetune_gains(frame) + scenario_gains(frame) + ... (list[StatRow])

Gains are paired by item: for each conversation, the mean rating of a model's fine-tuned reply minus the mean
rating of its zero-shot reply. Demographic effects are interactions between a rater attribute and a reply
feature, estimated by OLS with standard errors clustered two ways (rater and item) — the honest SEs for effects
that vary by item (STATS.md) — with a rater-random-intercept mixed model fitted alongside as a check whose
log-likelihood must be finite. Holm correction is applied within each family.
"""

from __future__ import annotations

import logging
import warnings

import numpy as np
import polars as pl
import statsmodels.formula.api as smf
from scipy import stats as sps

from tide_core.evaluation.intervals import mean_t_test
from tide_core.evaluation.panel import OLDER_BANDS
from tide_core.evaluation.stat_rows import StatRow, adjust_family, suppress_small

log = logging.getLogger(__name__)

FORMULA = ("empathy ~ C(system) + validates_first + layered + older + graduate + C(gender, Treatment('woman'))"
           " + older:validates_first + graduate:layered"
           " + C(gender, Treatment('woman')):validates_first + C(gender, Treatment('woman')):layered")
KEY_TERMS = {"older:validates_first": "older:validates_first", "graduate:layered": "graduate:layered"}
GENDER_EQUIVALENCE = 0.25  # rating points: a gender coefficient inside +-this is "minimal"
# Cluster-robust SEs need many clusters: a gender level with few raters gives a test with inflated type I error
# (seen here: ~7 non-binary raters made a zero effect "significant"). Such levels stay in the model as controls
# but are left out of the joint gender test and reported as untestable.
MIN_LEVEL_RATERS = 30


def analysis_frame(ratings: pl.DataFrame, items: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """Ratings joined to item features, keeping consented raters who passed every attention check.

    Returns (frame, number of raters excluded). Adds older (45+), graduate and the rater's gender level.
    """
    bad = ratings.filter(~pl.col("consent") | pl.col("rater_failed_check"))["rater_id"].n_unique()
    kept = ratings.filter(pl.col("consent") & ~pl.col("rater_failed_check") & pl.col("empathy").is_not_null())
    frame = kept.join(items, on="response_id", how="inner").with_columns(
        older=pl.col("age_band").is_in(OLDER_BANDS).cast(pl.Float64),
        graduate=(pl.col("education") == "graduate").cast(pl.Float64),
        gender=pl.col("gender").fill_null("prefer_not_to_say"),
        validates_first=pl.col("validates_first").fill_null(0.0),
        layered=pl.col("layered").fill_null(0.0),
        empathy=pl.col("empathy").cast(pl.Float64),
    )
    return frame, bad


def paired_item_diffs(frame: pl.DataFrame, model_a: str, mode_a: str, model_b: str, mode_b: str) -> pl.DataFrame:
    """Per conversation: mean rating of (model_a, mode_a) minus mean rating of (model_b, mode_b)."""
    def means(model: str, mode: str) -> pl.DataFrame:
        return (frame.filter((pl.col("model_id") == model) & (pl.col("mode") == mode))
                .group_by("conversation_id", "scenario_id").agg(pl.col("empathy").mean().alias("m")))

    return (means(model_a, mode_a).join(means(model_b, mode_b), on=["conversation_id", "scenario_id"], suffix="_b")
            .with_columns(diff=pl.col("m") - pl.col("m_b")).sort("conversation_id"))


def _gain_row(analysis: str, term: str, scope: str, diffs: np.ndarray, method: str) -> StatRow:
    mean, lo, hi, t, p = mean_t_test(diffs)
    sd = diffs.std(ddof=1) if len(diffs) > 1 else np.nan
    return suppress_small(StatRow(analysis, term, scope, mean, len(diffs), method, lo, hi, t, "t", p,
                                  detail={"cohen_dz": float(mean / sd) if sd and np.isfinite(sd) else None}))


def tuned_models(frame: pl.DataFrame) -> list[str]:
    """Models with both zero-shot and fine-tuned replies rated, smallest first."""
    modes = frame.group_by("model_id").agg(pl.col("mode").unique(), pl.col("params_millions").first())
    keep = modes.filter(pl.col("mode").list.contains("zero_shot") & pl.col("mode").list.contains("fine_tuned"))
    return keep.sort("params_millions", nulls_last=True)["model_id"].to_list()


def finetune_gains(frame: pl.DataFrame) -> list[StatRow]:
    """Fine-tuned minus zero-shot, paired by conversation: per model (Holm across models) and pooled."""
    method = "paired t over conversations: mean rating fine-tuned minus zero-shot"
    rows, pooled = [], []
    for model in tuned_models(frame):
        d = paired_item_diffs(frame, model, "fine_tuned", model, "zero_shot")["diff"].to_numpy()
        pooled.append(d)
        rows.append(_gain_row("finetune_gain", "gain", f"model={model}", d, method))
    rows = adjust_family(rows, "finetune_gain")
    if pooled:
        rows.append(_gain_row("finetune_gain", "gain", "all", np.concatenate(pooled), method + " (all models pooled)"))
    return rows


def scenario_gains(frame: pl.DataFrame) -> list[StatRow]:
    """Gain per model and scenario (cells under 10 pairs suppressed) and an F-test of scenario heterogeneity."""
    method = "paired t over conversations within the scenario"
    rows, parts = [], []
    for model in tuned_models(frame):
        d = paired_item_diffs(frame, model, "fine_tuned", model, "zero_shot").with_columns(model_id=pl.lit(model))
        parts.append(d)
        for (scenario,), g in d.group_by("scenario_id", maintain_order=True):
            rows.append(_gain_row("scenario_gain", "gain", f"model={model};scenario={scenario}", g["diff"].to_numpy(),
                                  method))
    rows = adjust_family(rows, "scenario_gain")
    if parts:
        rows.append(_heterogeneity(pl.concat(parts)))
    return rows


def _heterogeneity(diffs: pl.DataFrame) -> StatRow:
    """Does the gain differ between scenarios? F-test of C(scenario) added to diff ~ C(model)."""
    pdf = diffs.select("diff", "model_id", scenario=pl.col("scenario_id").fill_null("(none)")).to_pandas()
    method = "F-test: per-conversation gain ~ C(model) + C(scenario) vs ~ C(model)"
    if pdf["scenario"].nunique() < 2 or len(pdf) < 10:
        return StatRow("scenario_gain", "scenario_heterogeneity", "all", None, len(pdf), method, suppressed=True,
                       detail={"reason": "fewer than 2 scenarios or 10 pairs"})
    full = smf.ols("diff ~ C(model_id) + C(scenario)", pdf).fit()
    base = smf.ols("diff ~ C(model_id)", pdf).fit()
    f, p, df_diff = full.compare_f_test(base)
    spread = pdf.groupby("scenario")["diff"].mean()
    return StatRow("scenario_gain", "scenario_heterogeneity", "all", float(spread.max() - spread.min()), len(pdf),
                   method, statistic=float(f), statistic_name=f"F({int(df_diff)}, {int(full.df_resid)})",
                   p_value=float(p), detail={"n_scenarios": int(pdf["scenario"].nunique()),
                                             "estimate": "range of scenario mean gains"})


def size_and_ceiling(frame: pl.DataFrame, gains: list[StatRow]) -> list[StatRow]:
    """Gain versus log10 model size (slope; a test only with 3+ models) and the ceiling: the smallest tuned model's
    fine-tuned replies against the reference replies, paired by conversation."""
    rows = []
    sizes = frame.group_by("model_id").agg(pl.col("params_millions").first())
    size_of = dict(zip(sizes["model_id"], sizes["params_millions"], strict=True))
    pts = [(np.log10(size_of[r.scope.removeprefix("model=")]), r.estimate) for r in gains
           if r.scope.startswith("model=") and r.estimate is not None and size_of.get(r.scope.removeprefix("model="))]
    if len(pts) >= 2:
        x, y = np.array(pts).T
        fit = sps.linregress(x, y) if len(pts) >= 3 else None
        slope = fit.slope if fit else (y[1] - y[0]) / (x[1] - x[0])
        rows.append(StatRow("size_gain", "slope_per_log10_params", "all", float(slope), len(pts),
                            "least squares of per-model gain on log10(parameters, millions)",
                            statistic=fit.rvalue if fit else None, statistic_name="r" if fit else None,
                            p_value=fit.pvalue if fit else None,
                            detail={"points": [{"log10_params": float(a), "gain": float(b)} for a, b in pts]}))
    refs = frame.filter(pl.col("mode") == "reference")["model_id"].unique().to_list()
    tuned = tuned_models(frame)
    if refs and tuned:
        d = paired_item_diffs(frame, tuned[0], "fine_tuned", refs[0], "reference")["diff"].to_numpy()
        rows.append(_gain_row("ceiling", "finetuned_minus_reference", f"model={tuned[0]}", d,
                              f"paired t over conversations: smallest tuned model fine-tuned minus {refs[0]}"))
    return rows


def _coded(frame: pl.DataFrame):
    """pandas frame for the formulas, with integer codes for rater and item clusters."""
    pdf = frame.select("empathy", "system", "validates_first", "layered", "older", "graduate", "gender", "rater_id",
                       "response_id").to_pandas()
    pdf["rater_code"] = pdf["rater_id"].astype("category").cat.codes
    pdf["item_code"] = pdf["response_id"].astype("category").cat.codes
    return pdf


def _gender_terms(names: list[str]) -> list[str]:
    return [n for n in names if n.startswith("C(gender")]


def ols_twoway(frame: pl.DataFrame) -> tuple[list[StatRow], dict]:
    """OLS of the rating with two-way (rater, item) cluster-robust SEs: the demographic tests' primary model."""
    pdf = _coded(frame)
    res = smf.ols(FORMULA, pdf).fit(cov_type="cluster",
                                    cov_kwds={"groups": np.column_stack([pdf["rater_code"], pdf["item_code"]])})
    method = "OLS, SE clustered by rater and item (two-way)"
    with warnings.catch_warnings():
        # V_rater + V_item - V_both can have a negative diagonal for a nuisance term (e.g. a system dummy):
        # its SE is NaN and is stored as NULL; the reported terms are checked by the recovery tests
        warnings.simplefilter("ignore", RuntimeWarning)
        ci, bse = res.conf_int(), res.bse
    rows = [StatRow("ols_twoway", term, "all", float(res.params[term]), int(res.nobs), method,
                    float(ci.loc[term, 0]), float(ci.loc[term, 1]), float(res.tvalues[term]), "z",
                    float(res.pvalues[term]), detail={"se": float(bse[term])})
            for term in res.params.index if term in KEY_TERMS or term in ("validates_first", "layered", "older",
                                                                          "graduate") or term.startswith("C(gender")]
    raters = pdf.groupby("gender")["rater_id"].nunique().to_dict()
    return rows, {"result": res, "gender_terms": _gender_terms(list(res.params.index)), "gender_raters": raters}


def psd_wald(b: np.ndarray, cov: np.ndarray) -> tuple[float, int, float]:
    """Wald chi2 of b = 0 with a covariance projected onto the positive semi-definite cone.

    Two-way cluster-robust covariances (V_rater + V_item - V_both) need not be PSD; a plain Wald test on one can
    come out negative (p = 1). Eigenvalues at or below zero are dropped (pseudo-inverse); df is the rank kept.
    """
    vals, vecs = np.linalg.eigh((cov + cov.T) / 2)
    keep = vals > 1e-10 * max(vals.max(), 1e-300)
    z = vecs[:, keep].T @ b
    stat = float((z * z / vals[keep]).sum())
    df = int(keep.sum())
    return stat, df, float(sps.chi2.sf(stat, df)) if df else float("nan")


def gender_joint(fit: dict, n: int) -> StatRow:
    """Joint Wald test that every gender term (main and interactions) is zero, plus the largest |coefficient|."""
    res, terms = fit["result"], fit["gender_terms"]
    method = (f"Wald test that all gender terms (main and interactions) are 0, two-way clustered SEs, gender levels "
              f"with {MIN_LEVEL_RATERS}+ raters; interval = widest 95 % CI among those terms")
    if not terms:
        return StatRow("demographic", "gender_joint", "all", None, n, method, suppressed=True,
                       detail={"reason": "one gender level only"})
    counts = fit["gender_raters"]
    testable = [t for t in terms if any(f"[T.{lvl}]" in t for lvl, k in counts.items() if k >= MIN_LEVEL_RATERS)]
    if not testable:
        return StatRow("demographic", "gender_joint", "all", None, n, method, suppressed=True,
                       detail={"reason": f"no gender level besides the reference has {MIN_LEVEL_RATERS}+ raters",
                               "raters_per_level": counts})
    stat, df, p = psd_wald(res.params[testable].to_numpy(), res.cov_params().loc[testable, testable].to_numpy())
    ci = res.conf_int().loc[testable]
    biggest = max(testable, key=lambda t: abs(res.params[t]))
    return StatRow("demographic", "gender_joint", "all", float(res.params[biggest]), n, method,
                   float(ci[0].min()), float(ci[1].max()), stat, f"chi2({df})", p, detail={"largest_term": biggest, "tested_terms": testable,
                                           "untested_terms": [t for t in terms if t not in testable],
                                           "raters_per_level": counts})


def mixed_model(frame: pl.DataFrame) -> list[StatRow]:
    """Rating ~ same fixed effects + rater random intercept (statsmodels MixedLM, default optimiser).

    STATS.md: a fit whose log-likelihood is not finite is broken even when it says converged, so it is reported
    as failed rather than used. Item-level SEs from this model are too small (items are not a random effect here).
    """
    pdf = _coded(frame)
    method = "linear mixed model, random intercept per rater (REML)"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = smf.mixedlm(FORMULA, pdf, groups=pdf["rater_code"]).fit(reml=True)
    finite = bool(np.isfinite(res.llf))
    rater_var = float(res.cov_re.iloc[0, 0])
    detail = {"llf": float(res.llf) if finite else None, "llf_finite": finite, "rater_variance": rater_var,
              "residual_variance": float(res.scale), "converged": bool(res.converged)}
    if not finite:
        log.warning("mixed model log-likelihood is not finite; its estimates are not used")
        return [StatRow("mixed_model", "fit", "all", None, int(res.nobs), method, detail=detail)]
    rows = [StatRow("mixed_model", "rater_variance", "all", rater_var, int(res.nobs), method, detail=detail)]
    ci = res.conf_int()
    for term in KEY_TERMS:
        rows.append(StatRow("mixed_model", term, "all", float(res.params[term]), int(res.nobs), method,
                            float(ci.loc[term, 0]), float(ci.loc[term, 1]), float(res.tvalues[term]), "z",
                            float(res.pvalues[term]), detail={"se": float(res.bse[term])}))
    return rows


def demographic_tests(frame: pl.DataFrame) -> tuple[list[StatRow], list[StatRow]]:
    """The demographic family (age x validates-first, education x layered, gender joint; Holm) and the OLS rows."""
    ols_rows, fit = ols_twoway(frame)
    by_term = {r.term: r for r in ols_rows}
    family = [StatRow("demographic", term, "all", r.estimate, r.n, r.method, r.ci_low, r.ci_high, r.statistic,
                      r.statistic_name, r.p_value, detail=r.detail)
              for term in KEY_TERMS if (r := by_term.get(term))]
    family.append(gender_joint(fit, frame.height))
    return adjust_family(family, "demographic"), ols_rows


def _welch_cell(analysis: str, term: str, scope: str, g: pl.DataFrame, feature: str) -> StatRow:
    """Mean rating of replies with `feature` = 1 minus those with 0, Welch t; n = ratings in the cell."""
    a = g.filter(pl.col(feature) == 1)["empathy"].to_numpy()
    b = g.filter(pl.col(feature) == 0)["empathy"].to_numpy()
    method = f"difference in mean rating, {feature} 1 vs 0, Welch t (ignores rater clustering: descriptive)"
    row = StatRow(analysis, term, scope, None, g.height, method, detail={"n_with": len(a), "n_without": len(b)})
    if min(len(a), len(b)) < 10:
        return suppress_small(StatRow(analysis, term, scope, None, min(len(a), len(b)), method))
    t = sps.ttest_ind(a, b, equal_var=False)
    ci = t.confidence_interval()
    sd = np.sqrt((a.var(ddof=1) + b.var(ddof=1)) / 2)
    row.detail["cohen_d"] = float((a.mean() - b.mean()) / sd) if sd > 0 else None
    return StatRow(analysis, term, scope, float(a.mean() - b.mean()), g.height, method, float(ci.low), float(ci.high),
                   float(t.statistic), "t", float(t.pvalue), detail=row.detail)


def demographic_cells(frame: pl.DataFrame) -> list[StatRow]:
    """Cell-level view: the validates-first effect per age band, the layered effect per education level, and the
    mean rating per gender, with cell sizes; cells under 10 suppressed; Holm within each table."""
    # order only means something among replies that have all three factors: compare like with like
    full = frame.filter(pl.col("n_factors") == 3)
    age = [_welch_cell("demographic_cells", "validates_first_effect", f"age_band={k}", g, "validates_first")
           for (k,), g in full.sort("age_band").group_by("age_band", maintain_order=True)]
    edu = [_welch_cell("demographic_cells", "layered_effect", f"education={k}", g, "layered")
           for (k,), g in frame.sort("education").group_by("education", maintain_order=True)]
    gender = []
    for (k,), g in frame.sort("gender").group_by("gender", maintain_order=True):
        mean, lo, hi, _, _ = mean_t_test(g["empathy"].to_numpy())
        gender.append(suppress_small(StatRow("demographic_cells", "mean_empathy", f"gender={k}", mean, g.height,
                                             "mean rating with 95 % t interval", lo, hi)))
    return adjust_family(age, "cells_age") + adjust_family(edu, "cells_education") + gender

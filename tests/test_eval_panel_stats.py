"""The simulated panel and the statistics, without text: parameter recovery, a null run, corrections, suppression."""

import json
import math
from dataclasses import replace

import numpy as np
import polars as pl
import pytest

from tide_core.evaluation.agreement import alpha, value_counts
from tide_core.evaluation.analysis_run import run_statistics
from tide_core.evaluation.correlation import spearman_ci
from tide_core.evaluation.estimators import analysis_frame, demographic_tests, psd_wald
from tide_core.evaluation.findings import CLAIMS
from tide_core.evaluation.panel import (
    PanelConfig,
    PanelEffects,
    panel_ratings_frame,
    simulate_panel,
    synthetic_items,
)
from tide_core.evaluation.stat_rows import StatRow, adjust_family, suppress_small

RECOVERY = PanelConfig(n_raters=300, ratings_per_rater=40, seed=5, purpose="recovery_test")


@pytest.fixture(scope="module")
def items():
    return synthetic_items(120, seed=1)


def _family(items, cfg):
    panel = simulate_panel(items, cfg)
    frame, _ = analysis_frame(panel_ratings_frame(panel), items)
    family, _ = demographic_tests(frame)
    return {r.term: r for r in family}


def test_panel_is_reproducible_simulated_and_stores_its_parameters(items):
    a, b = simulate_panel(items, RECOVERY), simulate_panel(items, RECOVERY)
    assert a.ratings.drop("created_at").equals(b.ratings.drop("created_at"))
    assert a.ratings["is_simulated"].all() and (a.ratings["source"] == "simulated").all()
    assert (a.raters["source"] == "simulated").all() and a.raters["consent"].all()
    assert a.ratings["empathy"].is_between(1, 5).all() and a.ratings["supportive_reflection"].is_between(1, 5).all()
    params = json.loads(a.panel_row["params_json"])
    assert params["effects"]["older_x_validates_first"] == 0.6 and set(params["effects"]["gender"].values()) == {0.0}
    assert a.panel_row["panel_id"] == a.config.panel_id and a.panel_row["is_simulated"]
    # every rater rates distinct items, and items are rated about equally often
    assert a.ratings.group_by("rater_id").agg(pl.col("response_id").n_unique())["response_id"].min() == 40
    per_item = a.ratings.group_by("response_id").len()["len"]
    assert per_item.max() - per_item.min() <= 1
    shares = a.raters["age_band"].value_counts(normalize=True)
    assert shares.filter(pl.col("age_band") == "45-64")["proportion"][0] == pytest.approx(0.3, abs=0.08)
    assert {"a", "b", "tie", "both_bad"} >= set(a.preferences["choice"]) and a.preferences["blind"].all()
    assert a.blind_codes["blind_code"].n_unique() == items.height


def test_parameter_recovery_finds_the_effects_put_in_and_no_gender_effect(items):
    fam = _family(items, RECOVERY)
    age, edu, gender = fam["older:validates_first"], fam["graduate:layered"], fam["gender_joint"]
    # rounding and clipping to 1-5 shrink latent effects a little; sign and rough size must come back
    assert age.p_adjusted < 0.001 and 0.6 * 0.6 < age.estimate < 0.6 * 1.3 and age.ci_low < 0.6 * 1.05
    assert edu.p_adjusted < 0.001 and 0.5 * 0.6 < edu.estimate < 0.5 * 1.3
    assert gender.p_adjusted > 0.05 and abs(gender.estimate) < 0.2


def test_null_panel_finds_nothing_after_correction(items):
    fam = _family(items, replace(RECOVERY, seed=11, purpose="null_test", effects=PanelEffects.null()))
    assert all(r.p_adjusted > 0.05 for r in fam.values()), {t: r.p_adjusted for t, r in fam.items()}
    assert abs(fam["older:validates_first"].estimate) < 0.15


def test_holm_skips_nan_instead_of_counting_it():
    rows = [StatRow("x", f"t{k}", "all", 1.0, 50, "m", p_value=p) for k, p in enumerate([0.01, float("nan"), 0.04])]
    out = adjust_family(rows, "fam")
    assert out[0].p_adjusted == pytest.approx(0.02) and out[2].p_adjusted == pytest.approx(0.04)
    assert out[1].p_adjusted is None and out[1].family is None


def test_small_cells_are_suppressed_but_keep_their_size():
    row = suppress_small(StatRow("x", "t", "cell", 1.5, 9, "m", 1.0, 2.0, 3.0, "t", 0.01))
    assert row.suppressed and row.estimate is None and row.p_value is None and row.n == 9
    assert row.record("a")["estimate"] is None and not suppress_small(StatRow("x", "t", "cell", 1.5, 10, "m")).suppressed


def test_wald_on_a_non_psd_covariance_stays_a_probability():
    stat, df, p = psd_wald(np.array([0.1, 0.2]), np.array([[0.01, 0.02], [0.02, 0.01]]))  # one negative eigenvalue
    assert df == 1 and stat >= 0 and 0 <= p <= 1


def test_agreement_is_high_for_consistent_raters_and_low_for_random_ones():
    rng = np.random.default_rng(0)
    truth = rng.integers(1, 6, 60)
    rows = [{"response_id": f"i{i}", "empathy": int(np.clip(truth[i] + rng.integers(-0, 1), 1, 5))}
            for i in range(60) for _ in range(5)]
    noisy = [{"response_id": f"i{i}", "empathy": int(rng.integers(1, 6))} for i in range(60) for _ in range(5)]
    assert alpha(value_counts(pl.DataFrame(rows), "empathy")) > 0.95
    assert abs(alpha(value_counts(pl.DataFrame(noisy), "empathy"))) < 0.15


def test_spearman_interval_covers_the_estimate():
    rng = np.random.default_rng(1)
    x = rng.normal(size=200)
    rho, lo, hi, p = spearman_ci(x, x + rng.normal(size=200), 300, seed=2)
    assert lo < rho < hi and 0.5 < rho < 0.9 and p < 1e-6


def test_whole_pass_yields_a_record_per_claim_with_the_simulated_effects_supported(items):
    panel = simulate_panel(items, replace(RECOVERY, n_raters=150))
    out = run_statistics(panel_ratings_frame(panel), items, "simulated", "fp", n_boot=100)
    found = {f["finding_id"]: f for f in out.findings}
    assert list(found) == [c.finding_id for c in CLAIMS]
    assert found["age_validates_first"]["supported"] == "yes" and found["education_layered"]["supported"] == "yes"
    assert found["gender_minimal"]["supported"] in ("yes", "inconclusive")
    assert found["finetune_gain"]["supported"] == "yes"
    assert all(f["data_source"] == "simulated" for f in found.values())
    assert out.n_excluded_raters > 0  # the inattentive raters fail attention checks and are left out
    fit = next(r for r in out.rows if r.analysis == "mixed_model" and r.term == "rater_variance")
    assert math.isfinite(fit.detail["llf"]) and fit.estimate > 0  # STATS.md: a broken fit reports llf = +inf

"""The five results pages (Overview, Models, Scenarios, Demographics, Metrics vs humans) through AppTest on the
evaluated warehouse, their URL-backed filters, the SQL behind them checked against the statistics pass and scipy,
and the pure chart and interval builders."""

import json
import shutil
from pathlib import Path

import duckdb
import numpy as np
import polars as pl
import pytest
import streamlit as st
from scipy import stats as sps
from streamlit.testing.v1 import AppTest

from dashboard import charts
from dashboard.filters import Choice
from tide_core.evaluation.intervals import (
    MIN_CELL_RELIABLE,
    spearman_interval,
    t_interval,
    with_spearman_interval,
    with_t_interval,
)
from warehouse.queries import run_query

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = {"overview": 3, "models": 2, "scenarios": 1, "demographics": 4, "metrics": 3}  # page -> plotly charts


def _open(path: Path, monkeypatch, page: str, **params: str) -> AppTest:
    monkeypatch.setenv("TIDE_WAREHOUSE", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60).switch_page(f"pages/{page}.py")
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def _figures(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _url(at, name: str) -> str | None:
    v = at.query_params.get(name)
    return v[0] if isinstance(v, list) else v


def _texts(at) -> str:
    return " ".join(str(e.value) for kind in ("info", "caption", "warning", "markdown") for e in getattr(at, kind))


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_charts_and_the_simulated_banner(evaluated_warehouse, monkeypatch, page):
    at = _open(evaluated_warehouse, monkeypatch, page)
    assert not at.exception
    figures = _figures(at)
    assert len(figures) == PAGES[page]
    assert all(f["data"] for f in figures)
    assert any("Simulated ratings" in w.value for w in at.warning)  # every rating in this warehouse is simulated
    assert any("Synthetic systems" in i.value for i in at.info)  # and every system is a synthetic stand-in


def test_overview_ranks_systems_with_intervals_and_lists_verdicts(evaluated_warehouse, monkeypatch):
    at = _open(evaluated_warehouse, monkeypatch, "overview")
    systems, findings = at.dataframe[0].value, at.dataframe[1].value
    assert len(systems) == 7 and (systems["rating_ci_low"] < systems["rating_mean"]).all()
    assert (systems["rating_mean"] < systems["rating_ci_high"]).all()
    assert len(findings) == 7 and set(findings["supported"]) <= {"yes", "no", "inconclusive"}
    rating = next(f for f in _figures(at) if f["layout"]["title"]["text"].startswith("Ranked on mean human"))
    points = {y: x for trace in rating["data"] for x, y in zip(trace["x"], trace["y"], strict=True)}
    assert points["Synthetic large · fine-tuned"] > points["Synthetic large · zero-shot"]
    assert any("Dataset" in p.label for p in at.get("page_link"))


def test_a_filter_change_changes_the_numbers_and_the_url(evaluated_warehouse, monkeypatch):
    at = _open(evaluated_warehouse, monkeypatch, "overview")
    before = at.dataframe[0].value["n_responses"].sum()
    at.selectbox(key="filter.scenario").set_value("nightmare").run()
    assert not at.exception
    after = at.dataframe[0].value["n_responses"].sum()
    assert before == 140 and 0 < after < before
    assert _url(at, "scenario") == "nightmare"
    at.selectbox(key="filter.scenario").set_value("(any)").run()
    assert _url(at, "scenario") is None  # back to the default: the link is clean again


def test_the_metric_filter_redraws_the_models_page(evaluated_warehouse, monkeypatch):
    at = _open(evaluated_warehouse, monkeypatch, "models")
    at.selectbox(key="filter.metric").set_value("bleu").run()
    assert not at.exception and _url(at, "metric") == "bleu"
    titles = [f["layout"]["title"]["text"] for f in _figures(at)]
    assert "BLEU (0-100) by model and mode" in titles
    gains = at.dataframe[1].value
    assert set(gains["display_name"]) == {"Synthetic small", "Synthetic medium", "Synthetic large"}
    assert (gains["gain_mean"] > 10).all()  # BLEU against the reference jumps when replies follow it


def test_url_params_are_read_back(evaluated_warehouse, monkeypatch):
    any_mode = _open(evaluated_warehouse, monkeypatch, "demographics")
    zero_shot = _open(evaluated_warehouse, monkeypatch, "demographics", mode="zero_shot", model="synth-small")
    assert not zero_shot.exception
    assert zero_shot.selectbox(key="filter.mode").value == "zero_shot"
    assert zero_shot.selectbox(key="filter.model").value == "synth-small"
    n_all, n_zs = (_gender_cells(at)["n_ratings"].sum() for at in (any_mode, zero_shot))
    assert 0 < n_zs < n_all


def _gender_cells(at):
    return next(d.value for d in at.dataframe if "level" in d.value.columns and "woman" in set(d.value["level"]))


def test_an_unknown_url_value_falls_back_to_the_default(evaluated_warehouse, monkeypatch):
    at = _open(evaluated_warehouse, monkeypatch, "metrics", metric="no_such_metric")
    assert not at.exception
    assert at.selectbox(key="filter.metric").value == "cosine_minilm"
    assert _url(at, "metric") is None


def test_scenario_drilldown_shows_replies_side_by_side_as_text(evaluated_warehouse, tmp_path, monkeypatch):
    path = tmp_path / "tide.duckdb"
    shutil.copy(evaluated_warehouse, path)
    with duckdb.connect(str(path)) as con:
        conversation, response = con.execute("""
            SELECT r.conversation_id, r.response_id FROM responses AS r JOIN runs USING (run_id)
            JOIN conversations AS c ON c.conversation_id = r.conversation_id
            WHERE runs.model_id = 'synth-small' AND runs.mode = 'fine_tuned' AND c.scenario_id = 'nightmare'
            ORDER BY 1 LIMIT 1""").fetchall()[0]
        con.execute("UPDATE responses SET response_text = '<b>bold?</b> <script>x()</script>' WHERE response_id = ?",
                    [response])
    at = _open(path, monkeypatch, "scenarios", model="synth-small", scenario="nightmare", conversation=conversation)
    assert not at.exception
    assert at.selectbox(key="filter.conversation").value == conversation
    texts = [t.value for t in at.text]
    assert "<b>bold?</b> <script>x()</script>" in texts  # shown verbatim, as text
    assert not any("<script>" in h.proto.body for h in at.get("html"))
    titles = [m.value for m in at.markdown]
    assert {"**Reference reply (dataset)**", "**Synthetic small · fine-tuned**", "**Synthetic small · zero-shot**",
            "**Synthetic reference · reference**"} <= set(titles)


def test_heatmap_greys_out_small_cells_and_says_so(evaluated_warehouse, monkeypatch):
    at = _open(evaluated_warehouse, monkeypatch, "scenarios", measure="cosine_minilm")
    heat = _figures(at)[0]
    small, gains = heat["data"]
    assert all(v is None for row in gains["z"] for v in row)  # 20 test conversations: no cell reaches 5 pairs
    assert any(v == 1 for row in small["z"] for v in row) and "n=" in small["text"][0][0]
    assert any(f"fewer than {MIN_CELL_RELIABLE}" in i.value for i in at.info)


def test_pages_without_results_say_what_to_run(small_warehouse, monkeypatch):
    for page in ("models", "scenarios", "demographics", "metrics"):
        at = _open(small_warehouse, monkeypatch, page)
        assert not at.exception
        assert "python -m tide_core run" in _texts(at)
        assert not at.get("plotly_chart")


def test_real_ratings_are_shown_first_and_never_pooled(evaluated_warehouse, tmp_path, monkeypatch):
    path = tmp_path / "tide.duckdb"
    shutil.copy(evaluated_warehouse, path)
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO raters (rater_id, age_band, gender, education, consent, source) "
                    "VALUES ('real-1', '45-64', 'woman', 'graduate', true, 'imported')")
        con.execute("""INSERT INTO ratings (rating_id, rater_id, response_id, empathy, source, is_simulated)
                       SELECT 'real-' || row_number() OVER (), 'real-1', response_id, 5, 'imported', false
                       FROM (SELECT response_id FROM responses ORDER BY response_id LIMIT 6)""")
    at = _open(path, monkeypatch, "overview")
    assert not at.exception
    assert at.selectbox(key="filter.ratings").value == "real"
    assert not any("Simulated ratings" in w.value for w in at.warning)
    assert at.dataframe[0].value["n_ratings"].sum() == 6  # the real ratings only
    assert "No findings yet" in _texts(at)  # no statistics pass on the real ratings yet
    at.selectbox(key="filter.ratings").set_value("simulated").run()
    assert any("Simulated ratings" in w.value for w in at.warning) and _url(at, "ratings") == "simulated"


# ---- the SQL behind the pages, against the statistics pass and scipy --------------------------------------------

@pytest.fixture(scope="module")
def con(evaluated_warehouse):
    with duckdb.connect(str(evaluated_warehouse), read_only=True) as c:
        yield c


def test_gains_match_the_statistics_pass(con):
    gains = run_query(con, "results_gains", simulated=True, metric="empathy", scenario=None,
                      by_scenario=False)
    passed = run_query(con, "eval_stat_results", data_source="simulated", analysis="finetune_gain")
    by_scope = dict(zip(passed["scope"], passed["estimate"], strict=True))
    for row in with_t_interval(gains, mean="gain_mean", sd="gain_sd", n="n_pairs").iter_rows(named=True):
        assert row["gain_mean"] == pytest.approx(by_scope[f"model={row['model_id']}"])
        stat = passed.filter(pl.col("scope") == f"model={row['model_id']}").row(0, named=True)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx((stat["ci_low"], stat["ci_high"]))


def test_spearman_computed_in_sql_matches_scipy(con):
    ours = run_query(con, "results_metric_human", simulated=True, metrics=["factor_er", "cosine_minilm"],
                     by_scenario=False)
    assert ours.filter(pl.col("metric") == "cosine_minilm")["rho_here"][0] is None  # the pass's estimate is used
    points = run_query(con, "results_metric_scatter", simulated=True, metric="factor_er", scenario=None, limit=10_000)
    expected = sps.spearmanr(points["value"], points["mean_rating"]).statistic
    row = ours.filter(pl.col("metric") == "factor_er").row(0, named=True)
    assert row["rho"] == pytest.approx(expected) and row["n"] == points.height == 140


def test_demographic_cells_count_raters_once(con):
    cells = run_query(con, "results_demographic_ratings", simulated=True, dimension="gender", feature="none",
                      model_id=None, mode=None)
    raters = con.execute("SELECT count(DISTINCT rater_id) FROM ratings").fetchall()[0][0]
    failed = con.execute("SELECT count(DISTINCT rater_id) FROM ratings WHERE NOT attention_check_passed"
                         ).fetchall()[0][0]
    assert cells["n_raters"].sum() == raters - failed  # raters with a failed attention check are left out
    first = run_query(con, "results_demographic_ratings", simulated=True, dimension="age_band",
                      feature="validates_first", model_id=None, mode=None)
    assert set(first["reply_group"]) == {"validates first", "supports first"}


# ---- pure builders ---------------------------------------------------------------------------------------------

def test_t_interval_matches_scipy_and_refuses_tiny_samples():
    x = np.array([2.0, 3, 3, 4, 5, 1, 4])
    lo, hi = t_interval([x.mean()], [x.std(ddof=1)], [len(x)])
    expected = sps.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=sps.sem(x))
    assert (lo[0], hi[0]) == pytest.approx(expected)
    lo, hi = t_interval([3.0, 3.0], [None, 1.0], [10, 1])
    assert np.isnan(lo).all() and np.isnan(hi).all()
    df = with_t_interval(pl.DataFrame({"mean": [3.0, 2.0], "sd": [1.0, 0.5], "n": [MIN_CELL_RELIABLE, MIN_CELL_RELIABLE - 1]}))
    assert df["reliable"].to_list() == [True, False] and df["ci_low"][1] is not None


def test_spearman_interval_is_the_fisher_bonett_wright_interval():
    lo, hi = spearman_interval([0.5], [50])
    se = np.sqrt((1 + 0.5**2 / 2) / 47)
    assert (lo[0], hi[0]) == pytest.approx((np.tanh(np.arctanh(0.5) - 1.959964 * se),
                                           np.tanh(np.arctanh(0.5) + 1.959964 * se)))
    assert np.isnan(spearman_interval([0.5], [3])[0][0])
    df = with_spearman_interval(pl.DataFrame({"rho": [0.5, 0.3], "n": [50, 50], "ci_low": [0.1, None],
                                              "ci_high": [0.7, None]}))
    assert df["ci_low"][0] == 0.1 and df["ci_method"].to_list() == ["bootstrap (statistics pass)",
                                                                     "Fisher z (computed here)"]


def test_interval_chart_greys_out_small_cells():
    df = with_t_interval(pl.DataFrame({"label": ["a_b", "c", "d"], "mean": [3.0, 2.0, 4.0], "sd": [1.0, 1.0, 1.0],
                                       "n": [30, 30, 3], "mode": ["zero_shot", "fine_tuned", "fine_tuned"]}))
    fig = charts.interval_chart(df, category="label", value="mean", title="T", value_title="v", group="mode",
                                value_range=(1, 5))
    names = [t.name for t in fig.data]
    assert names == ["zero-shot", "fine-tuned", charts.UNRELIABLE]
    assert fig.data[2].marker.color == charts.GREY and list(fig.data[2].y) == ["d"]
    assert list(fig.data[0].y) == ["a b"]  # labels made readable
    assert fig.layout.yaxis.categoryarray == ("c", "a b", "d")  # bottom to top: the largest on top
    assert fig.data[0].error_x.array[0] == pytest.approx(df["ci_high"][0] - 3.0)
    assert tuple(fig.layout.xaxis.range) == (1, 5)


def test_gain_heatmap_blanks_small_cells():
    df = pl.DataFrame({"display_name": ["A", "A", "B"], "scenario_id": ["x", "y", "x"],
                       "gain_mean": [0.5, -0.2, 1.0], "n_pairs": [8, 2, 5]})
    fig = charts.gain_heatmap(df, "rating")
    small, gains = fig.data
    assert [list(r) for r in gains.z] == [[0.5, None], [1.0, None]]
    assert [list(r) for r in small.z] == [[None, 1], [None, None]]
    assert small.text[0][1] == "n=2" and gains.text[0][0] == "+0.50<br>n=8" and gains.zmid == 0


def test_mode_bars_gain_vs_size_and_scatter():
    long = with_t_interval(pl.DataFrame({"display_name": ["A", "A", "B"], "mode": ["zero_shot", "fine_tuned",
                                                                                     "fine_tuned"],
                                         "mean": [0.2, 0.8, 0.5], "sd": [0.1, 0.1, 0.1], "n": [20, 20, 2]}))
    bars = charts.mode_bars(long, "T", "cosine")
    assert [t.name for t in bars.data] == ["zero-shot", "fine-tuned"]
    assert list(bars.data[1].marker.color) == [charts.MODE_COLORS["fine_tuned"], charts.GREY]
    gains = with_t_interval(pl.DataFrame({"display_name": ["A", "B"], "params_millions": [135.0, None],
                                          "gain_mean": [0.4, 0.1], "gain_sd": [0.2, 0.2], "n_pairs": [20, 20]}),
                            mean="gain_mean", sd="gain_sd", n="n_pairs")
    size = charts.gain_vs_size(gains, "cosine")
    assert size.layout.xaxis.type == "log" and list(size.data[0].text) == ["A"]  # unknown size left out
    points = pl.DataFrame({"system": ["A · zero-shot", "B · fine-tuned", "A · zero-shot"], "value": [0.1, 0.9, 0.2],
                           "mean_rating": [2.0, 4.0, 2.5], "scenario_id": ["x", "y", "x"], "n_ratings": [5, 6, 7]})
    scatter = charts.metric_scatter(points, "cosine_minilm")
    assert [t.name for t in scatter.data] == ["A · zero-shot", "B · fine-tuned"] and len(scatter.data[0].x) == 2


def test_chart_helpers_and_choice_validation():
    assert charts.ordered(["graduate", "bachelors", "other", "high_school_or_less"], "education") == [
        "high_school_or_less", "bachelors", "graduate", "other"]
    assert charts.metric_label("cosine_minilm") == "Cosine similarity (MiniLM)"
    assert charts.metric_label("new_metric") == "new metric"
    assert charts.training_curves(pl.DataFrame({"display_name": ["A"] * 3, "split": ["train", "train", "validation"],
                                                "step": [1, 2, 2], "loss": [3.0, 2.0, 2.5]})).data[1].line.dash == "dash"
    with pytest.raises(ValueError, match="default 'c' is not one of"):
        Choice("metric", "Metric", ("a", "b"), default="c")
    assert Choice("scenario", "Scenario", ("a",)).values == ["(any)", "a"]

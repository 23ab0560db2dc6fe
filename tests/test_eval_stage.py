"""The evaluation stage end to end on a small warehouse: scores, panel, statistics and findings land in the
warehouse; a rerun is a fast no-op; real ratings get their own pass, never pooled with simulated ones."""

import time
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tide_core.evaluation.metrics import metric_names
from tide_core.evaluation.panel import PanelConfig
from tide_core.evaluation.ratings_import import import_ratings
from tide_core.pipeline.evaluate import evaluation_step
from warehouse.queries import run_query
from warehouse.writer import append_frame, open_readwrite, transaction

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "test-artifacts" / "embedding_cache"
DATA = Path(__file__).resolve().parent / "data" / "ratings"
PANEL = PanelConfig(n_raters=100, ratings_per_rater=40, seed=13)


@pytest.fixture(scope="module")
def staged(tmp_path_factory, small_config):
    from tide_core.pipeline.build import build_step

    path = tmp_path_factory.mktemp("stage") / "tide.duckdb"
    build_step(small_config, path)
    steps = []
    first = evaluation_step(path, seed=13, progress=lambda s, d, t: steps.append(s), cache_dir=CACHE, panel=PANEL,
                            n_boot=200, synthetic_conversations=20)
    return path, first, steps


def test_first_run_scores_simulates_and_writes_findings(staged):
    path, first, steps = staged
    assert first.synthetic_responses_added == 140 and first.n_scored == 140 and first.panel_simulated
    assert steps[0] == "classifier" and steps[-1] == "done" and "statistics" in steps
    assert len(first.analyses_run) == 1 and first.classifier_accuracy["overall"] > 0.8
    with duckdb.connect(str(path), read_only=True) as con:
        n_scores = con.execute("SELECT count(*) FROM metric_scores").fetchall()[0][0]
        panel = con.sql("SELECT * FROM rater_panels").pl()
        sim = con.execute("SELECT bool_and(is_simulated), bool_and(source = 'simulated'), count(*) FROM ratings"
                          ).fetchall()[0]
        findings = run_query(con, "eval_findings", data_source="simulated")
        gains = run_query(con, "eval_stat_results", data_source="simulated", analysis="finetune_gain")
        systems = run_query(con, "eval_metrics_by_system")
        safety = con.sql("SELECT * FROM v_safety_by_model WHERE model_id = 'synth-large'").pl()
        audit = con.execute("SELECT count(*), count(DISTINCT model_id) FROM v_blind_audit").fetchall()[0]
    assert n_scores == 140 * len(metric_names())
    assert panel.height == 1 and panel["is_simulated"][0] and '"older_x_validates_first": 0.6' in panel["params_json"][0]
    assert sim[0] and sim[1] and sim[2] == 100 * 40
    assert findings.height == 7 and set(findings["supported"]) <= {"yes", "no", "inconclusive"}
    by_id = dict(zip(findings["finding_id"], findings["supported"], strict=True))
    assert by_id["finetune_gain"] == "yes" and by_id["age_validates_first"] == "yes"
    assert gains.filter(pl.col("result_id") == "finetune_gain/gain/all")["estimate"][0] > 0.5
    assert systems.height == 7 and systems.filter(pl.col("mode") == "reference")["cosine_minilm"][0] > 0.999
    assert safety.filter(pl.col("mode") == "zero_shot")["n_harmful"][0] == 20
    assert audit == (140, 4)  # every rated response has a blind code; the mapping names the model for audit


def test_rerun_is_a_fast_no_op(staged):
    path, _, _ = staged
    with duckdb.connect(str(path), read_only=True) as con:
        before = con.execute("SELECT (SELECT count(*) FROM metric_scores), (SELECT count(*) FROM ratings), "
                             "(SELECT count(*) FROM findings)").fetchall()
    started = time.perf_counter()
    again = evaluation_step(path, seed=13, cache_dir=CACHE, panel=PANEL, n_boot=200, synthetic_conversations=20)
    assert time.perf_counter() - started < 15
    assert (again.n_scored, again.panel_simulated, again.analyses_run, again.synthetic_responses_added) == (0, False,
                                                                                                          [], 0)
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT (SELECT count(*) FROM metric_scores), (SELECT count(*) FROM ratings), "
                           "(SELECT count(*) FROM findings)").fetchall() == before
    assert len(again.findings) == 7


def test_real_ratings_get_their_own_pass(staged):
    path, _, _ = staged
    with open_readwrite(path) as con:
        ids = [r[0] for r in con.execute("SELECT response_id FROM responses ORDER BY 1 LIMIT 3").fetchall()]
        with transaction(con):
            append_frame(con, "blind_codes", pl.DataFrame({"blind_code": [f"R-0000A00{k}" for k in (1, 2, 3)],
                                                           "study_id": "survey-1", "response_id": ids,
                                                           "created_at": datetime(2025, 3, 1)}))
        import_ratings(con, DATA / "survey_export.csv", {"rater_id": "ResponseId", "item": "ItemCode",
                                                         "empathy": "Q_empathy", "consent": "Consent"})
    result = evaluation_step(path, seed=13, cache_dir=CACHE, panel=PANEL, n_boot=200, synthetic_conversations=20)
    assert len(result.analyses_run) == 1 and result.analyses_run[0].startswith("an-real-")
    real = [f for f in result.findings if f["data_source"] == "real"]
    assert len(real) == 7 and all(f["supported"] == "inconclusive" for f in real)  # 5 ratings decide nothing
    with duckdb.connect(str(path), read_only=True) as con:
        runs = con.sql("SELECT data_source, n_ratings FROM analysis_runs ORDER BY created_at").pl()
    # with only four fields mapped, rows 1, 2, 6, 8 and 9 are valid (age band, seconds and checks are not read)
    assert runs["data_source"].to_list() == ["simulated", "real"] and runs["n_ratings"][1] == 5


def test_about_page_shows_systems_and_simulated_findings(staged, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    path, _, _ = staged
    monkeypatch.setenv("TIDE_WAREHOUSE", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    app = Path(__file__).resolve().parent.parent / "app.py"
    at = AppTest.from_file(str(app), default_timeout=60).run()
    assert not at.exception  # real ratings were imported above: shown by default, never pooled with simulated ones
    assert at.selectbox(key="filter.ratings").value == "real"
    assert not any("Simulated ratings" in w.value for w in at.warning)
    at = AppTest.from_file(str(app), default_timeout=60)
    at.query_params["ratings"] = "simulated"
    at.run()
    assert not at.exception
    assert any("Simulated ratings" in w.value for w in at.warning)
    systems, findings = at.dataframe[0].value, at.dataframe[1].value
    assert len(systems) == 7 and len(findings) == 7
    assert set(findings["supported"]) <= {"yes", "no", "inconclusive"}

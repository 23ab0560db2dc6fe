"""The dashboard through Streamlit's AppTest: real pages on a real warehouse file."""

import json
from pathlib import Path

import polars as pl
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import charts
from dashboard.components import highlighted_reply_html
from tide_core.spans import segments

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def app(small_warehouse, monkeypatch):
    monkeypatch.setenv("TIDE_WAREHOUSE", str(small_warehouse))
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(APP, default_timeout=60).switch_page("pages/dataset.py")


def _caption_count(at) -> int:
    text = next(c.value for c in at.caption if "conversations match" in c.value)
    return int(text.split()[0].replace(",", ""))


def test_dataset_page_shows_the_warehouse(app):
    at = app.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Personas"] == "24" and metrics["Conversations"] == "480"
    assert any("Synthetic data" in i.value for i in at.info)
    figs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(figs) == 9
    age = next(f for f in figs if f["layout"]["title"]["text"] == "Personas by age band")
    assert sum(age["data"][0]["y"]) == 24


def test_filters_change_the_numbers_and_the_url(app):
    at = app.run()
    everything = _caption_count(at)
    at.selectbox(key="filter.scenario").set_value("nightmare").run()
    assert not at.exception
    nightmares = _caption_count(at)
    assert everything == 480 and 0 < nightmares < everything
    assert at.query_params["scenario"] == ["nightmare"] or at.query_params["scenario"] == "nightmare"
    at.checkbox(key="filter.risk").check().run()
    assert _caption_count(at) <= nightmares


def test_filters_read_from_the_url(small_warehouse, monkeypatch):
    monkeypatch.setenv("TIDE_WAREHOUSE", str(small_warehouse))
    at = AppTest.from_file(APP, default_timeout=60).switch_page("pages/dataset.py")
    at.query_params["gender"] = "woman"
    at.run()
    assert not at.exception
    assert at.selectbox(key="filter.gender").value == "woman"
    assert _caption_count(at) < 480


def test_conversation_viewer_highlights_spans(app):
    at = app.run()
    chosen = at.selectbox(key="dataset.conversation").value
    html = " ".join(h.proto.body for h in at.get("html"))
    assert html.count('class="tide-span"') >= 3 and 'data-factor="distress_normalization"' in html
    assert chosen.startswith("P0001-")


def test_about_page_shows_provenance(app):
    at = app.switch_page("pages/overview.py").run()
    assert not at.exception
    assert any("Synthetic data" in i.value for i in at.info)
    info = at.dataframe[0].value
    assert dict(zip(info["key"], info["value"], strict=True))["n_conversations"] == "480"


def test_missing_warehouse_is_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDE_WAREHOUSE", str(tmp_path / "none.duckdb"))
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "No warehouse" in at.error[0].value


def test_highlighting_escapes_text():
    text = "<b>hi</b> & you. Second part."
    html = highlighted_reply_html(text, {"emotion_recognition": (0, 15), "supportive_reflection": (16, 28)})
    assert "<b>" not in html and "&lt;b&gt;hi&lt;/b&gt; &amp; you</span>" in html
    assert segments(text, {"emotion_recognition": (0, 15), "supportive_reflection": (10, 28)}) == [
        ("<b>hi</b> & you", "emotion_recognition"), (". Second part.", None)]


def test_bar_counts_figure():
    df = pl.DataFrame({"level": ["a_b", "c"], "n": [1, 5]})
    fig = charts.bar_counts(df, "level", "n", "T")
    assert list(fig.data[0].x) == ["c", "a b"] and list(fig.data[0].y) == [5, 1]


def test_about_page_without_models_or_findings_says_how_to_get_them(app):
    at = app.switch_page("pages/overview.py").run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "No model responses yet" in captions and "No findings yet" in captions


def test_short_fine_tuning_is_said_on_screen():
    def script():
        import polars as pl

        from dashboard.components import short_training_note

        extent = pl.DataFrame({"display_name": ["SmolLM2", "GPT-2 2M", "Qwen 1.5B"], "is_from_scratch": [False, True, False],
                               "steps": [14, 76, 5000], "tokens": [33_000, 90_000, 9_000_000]})
        short_training_note(extent)
        short_training_note(extent.filter(pl.col("steps") > 100))

    at = AppTest.from_function(script).run()
    assert not at.exception
    assert len(at.info) == 1 and "SmolLM2: 14 steps, 33,000 tokens" in at.info[0].value
    assert "GPT-2" not in at.info[0].value and "Qwen" not in at.info[0].value


def test_review_status_filter_follows_live_reviews(small_warehouse, tmp_path, monkeypatch):
    from warehouse.live import LiveStore
    from warehouse.loader import copy_warehouse

    path = copy_warehouse(small_warehouse, tmp_path / "tide.duckdb")
    monkeypatch.setenv("TIDE_WAREHOUSE", str(path))
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60).switch_page("pages/dataset.py").run()
    at.selectbox(key="filter.review_status").set_value("approved").run()
    assert not at.exception and any("No conversation matches" in w.value for w in at.warning)
    LiveStore.for_warehouse(path).append("reviews", {"conversation_id": "P0001-C01", "status": "approved",
                                                     "reviewer": "dr a"})
    at.run()  # the next rerun sees the live review: no restart, no cache to clear
    assert _caption_count(at) == 1
    assert at.query_params["review_status"] in ("approved", ["approved"])


def test_overview_shows_live_activity_without_any_text(evaluated_warehouse, tmp_path, monkeypatch):
    from warehouse.live import LiveStore
    from warehouse.loader import copy_warehouse

    path = copy_warehouse(evaluated_warehouse, tmp_path / "tide.duckdb")
    monkeypatch.setenv("TIDE_WAREHOUSE", str(path))
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and any("Nothing recorded yet" in c.value for c in at.caption)
    store = LiveStore.for_warehouse(path)
    store.append("raters", {"rater_id": "dr", "role": "clinician", "consent": True})
    store.append_many("ratings", [{"rater_id": "dr", "context": "chat", "system_id": s, "mode": "fine_tuned",
                                   "empathy": e, "blind": True} for s, e in (("smollm2-135m", 2), ("claude", 5))])
    store.append("preferences", {"rater_id": "dr", "context": "chat", "system_a": "claude",
                                 "system_b": "smollm2-135m", "choice": "both_bad", "blind": True})
    store.append("crisis_events", {"session_id": "s1", "detected_in": "user_message",
                                   "category": "passive_death_wish"})
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Chat ratings"] == "2" and metrics["Crisis events"] == "1" and metrics["Preferences"] == "1"
    frames = [d.value for d in at.dataframe]
    tally = next(f for f in frames if "outcome" in f.columns)
    assert list(tally["outcome"]) == ["(both bad)"]
    crisis = next(f for f in frames if "category" in f.columns)
    assert list(crisis["category"]) == ["passive_death_wish"] and set(crisis.columns) == {
        "category", "detected_in", "n_events", "n_sessions"}

"""Rate (study mode) and Review (clinicians): the session logic, then the pages through AppTest on a warehouse copy
whose live folder is the test's own."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tide_core import rating_session as rs
from tide_core.rating_session import FormInputError, SessionConfig
from tide_core.review import review_record

APP = str(Path(__file__).resolve().parent.parent / "app.py")


# ---- rating_session -----------------------------------------------------------------------------------------------

def _pool(systems: int = 4, conversations: int = 10) -> list[dict]:
    """Every system answers every conversation; a third of the responses have a code in blind_codes."""
    return [{"response_id": f"run{s}:C{c:02d}", "conversation_id": f"C{c:02d}", "system_id": f"model{s // 2}",
             "mode": ("zero_shot", "fine_tuned")[s % 2], "client_message": f"message {c}",
             "response_text": f"reply {s}/{c}", "blind_code": None if c % 3 else f"R-{s}{c:07d}"}
            for s in range(systems) for c in range(conversations)]


def test_assignment_is_balanced_deterministic_and_per_rater():
    pool = _pool()
    cfg = SessionConfig(n_items=12, n_attention_checks=2)
    a = rs.assign_items("r-alice", pool, cfg)
    assert a == rs.assign_items("r-alice", list(reversed(pool)), cfg)  # pool order does not matter
    assert len(a) == 12 and [it.position for it in a] == list(range(12))
    real = [it for it in a if not it.is_attention_check]
    assert len(real) == 10 and sum(it.is_attention_check for it in a) == 2
    per_system = Counter((it.system_id, it.mode) for it in real)
    assert len(per_system) == 4 and max(per_system.values()) - min(per_system.values()) <= 1
    assert len({it.conversation_id for it in real}) == 10  # one conversation shown once when the pool allows
    assert not a[0].is_attention_check  # a check never opens the session
    assert all(re.fullmatch(r"R-[0-9A-F]{8}|R-\d{8}", it.blind_code) for it in a)
    assert len({it.blind_code for it in a}) == 12
    b = rs.assign_items("r-bob", pool, cfg)
    assert [it.response_id for it in a] != [it.response_id for it in b]


def test_assignment_fills_from_other_systems_when_one_runs_short():
    pool = [r for r in _pool() if r["system_id"] != "model0" or r["response_id"] == "run0:C00"]
    items = rs.assign_items("r-carol", pool, SessionConfig(n_items=9, n_attention_checks=1))
    real = [it for it in items if not it.is_attention_check]
    counts = Counter((it.system_id, it.mode) for it in real)
    assert len(real) == 8 and counts[("model0", "zero_shot")] == 1
    assert max(counts.values()) - min(c for s, c in counts.items() if s[0] != "model0") <= 1
    assert rs.assign_items("r-carol", [], SessionConfig()) == []


def test_attention_checks_are_scored_and_recorded():
    items = rs.assign_items("r-dave", _pool())
    check = next(it for it in items if it.is_attention_check)
    assert check.attention_target in rs.ATTENTION_TARGETS and f"rate overall empathy {check.attention_target}" in \
        check.reply_text and check.system_id is None and check.response_id.startswith("attention-check-")
    right = {"empathy": check.attention_target, "emotion_recognition": 3, "distress_normalization": 3,
             "supportive_reflection": 3}
    wrong = {**right, "empathy": 3}
    assert rs.attention_check_passed(check, right) is True and rs.attention_check_passed(check, wrong) is False
    rec = rs.rating_record("r-dave", check, wrong, 4.26)
    assert rec["is_attention_check"] is True and rec["attention_check_passed"] is False and rec["seconds_spent"] == 4.3
    normal = next(it for it in items if not it.is_attention_check)
    rec = rs.rating_record("r-dave", normal, right, None)
    assert rec["attention_check_passed"] is None and rec["blind"] is True and rec["context"] == "study"
    assert rec["system_id"] == normal.system_id and rec["mode"] == normal.mode
    assert rec["rating_id"] == rs.rating_record("r-dave", normal, right, 9.0)["rating_id"]  # resubmit = same record


def test_score_and_onboarding_validation_name_every_problem():
    with pytest.raises(FormInputError) as err:
        rs.validate_scores({"empathy": 4, "emotion_recognition": None, "distress_normalization": 7,
                            "supportive_reflection": True})
    assert set(err.value.problems) == {"emotion_recognition", "distress_normalization", "supportive_reflection"}
    assert "1 to 5" in err.value.problems["distress_normalization"]
    assert rs.validate_scores({"empathy": "2", "emotion_recognition": 1, "distress_normalization": 5,
                               "supportive_reflection": 3})["empathy"] == 2
    with pytest.raises(FormInputError) as err:
        rs.validate_demographics(None, "woman", "phd")
    assert set(err.value.problems) == {"age_band", "education"}
    demo = rs.validate_demographics(rs.PREFER_NOT, rs.PREFER_NOT, "graduate")
    assert demo == {"age_band": None, "gender": "prefer_not_to_say", "education": "graduate"}
    with pytest.raises(FormInputError, match="consent"):
        rs.rater_record("r-x", False, demo)
    rec = rs.rater_record("r-x", True, demo)
    assert rec["role"] == "rater" and rec["consent"] is True and rec["consented_at"]


def test_progress_skips_rated_items():
    items = rs.assign_items("r-erin", _pool())
    p = rs.session_progress(items, set())
    assert (p.done, p.total, p.next_item) == (0, 12, items[0])
    p = rs.session_progress(items, {items[0].response_id, items[2].response_id, "other"})
    assert p.done == 2 and p.next_item == items[1] and p.fraction == pytest.approx(2 / 12)
    p = rs.session_progress(items, {it.response_id for it in items})
    assert p.complete and p.fraction == 1.0


def test_review_record_validation():
    rec = review_record("P1-C1", "approved", " Dr Lee ", "", None, "ref")
    assert rec == {"conversation_id": "P1-C1", "status": "approved", "reviewer": "Dr Lee", "notes": None,
                   "edited_reply": None}
    with pytest.raises(FormInputError) as err:
        review_record("P1-C1", None, "", None)
    assert set(err.value.problems) == {"status", "reviewer"}
    with pytest.raises(FormInputError) as err:
        review_record("P1-C1", "flagged", "Dr Lee", "  ")
    assert set(err.value.problems) == {"notes"}
    with pytest.raises(FormInputError) as err:
        review_record("P1-C1", "edited", "Dr Lee", None, "ref ", "ref")
    assert "unchanged" in err.value.problems["edited_reply"]
    assert review_record("P1-C1", "edited", "Dr Lee", None, "new text", "ref")["edited_reply"] == "new text"


def test_demographic_levels_match_the_study(evaluated_warehouse):
    with duckdb.connect(str(evaluated_warehouse), read_only=True) as con:
        for column, options in (("age_band", rs.AGE_OPTIONS), ("gender", rs.GENDER_OPTIONS),
                                ("education", rs.EDUCATION_OPTIONS)):
            levels = {r[0] for r in con.execute(f"SELECT DISTINCT {column} FROM raters").fetchall()}
            assert levels and levels <= set(options) and rs.PREFER_NOT in options


# ---- the pages ------------------------------------------------------------------------------------------------------

@pytest.fixture
def warehouse(tmp_path, evaluated_warehouse, monkeypatch) -> Path:
    """A copy of the evaluated warehouse with its live views pointed at the copy's own (empty) live folder."""
    from warehouse.loader import copy_warehouse

    path = copy_warehouse(evaluated_warehouse, tmp_path / "tide.duckdb")
    monkeypatch.setenv("TIDE_WAREHOUSE", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    return path


def _read(path: Path, sql: str, params=None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def _page(name: str, **query_params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).switch_page(f"pages/{name}.py")
    for k, v in query_params.items():
        at.query_params[k] = v
    return at.run()


def _texts(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "text", "caption", "info", "error", "warning", "success")
             for e in at.get(kind) if isinstance(getattr(e, "value", None), str)]
    return "\n".join(parts)


def _frame(at: AppTest, column: str):
    """The first dataframe on the page that has `column` (AppTest does not expose a dataframe's key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _onboard(at: AppTest) -> AppTest:
    at.checkbox(key="rate.consent").check().run()
    at.button(key="rate.continue").click().run()
    at.selectbox(key="rate.demo.age_band").set_value("65-80")
    at.selectbox(key="rate.demo.gender").set_value(rs.PREFER_NOT)
    at.selectbox(key="rate.demo.education").set_value("graduate")
    return at.button(key="rate.demo.submit").click().run()


def _rate_current(at: AppTest, empathy: int | None = None) -> str:
    """Answer the four scales of the item on screen and submit; returns the item's reply text."""
    reply = at.chat_message[1].text[0].value
    target = re.search(r"rate overall empathy (\d)", reply)
    values = [int(target.group(1)) if target else (empathy or 4), 3, 4, 2]
    for radio, value in zip(at.radio, values, strict=True):
        radio.set_value(value)
    at.button(key="rate.submit").click().run()
    assert not at.exception
    return reply


def test_consent_gate_blocks(warehouse):
    at = _page("rate")
    assert not at.exception and any("Synthetic data" in i.value for i in at.info)
    at.button(key="rate.continue").click().run()
    assert any("consent" in e.value for e in at.error)
    assert not at.selectbox  # no demographics before consent
    at.checkbox(key="rate.consent").check().run()
    at.button(key="rate.continue").click().run()
    assert [s.key for s in at.selectbox] == ["rate.demo.age_band", "rate.demo.gender", "rate.demo.education"]
    at.selectbox(key="rate.demo.age_band").set_value("18-29")
    at.button(key="rate.demo.submit").click().run()  # two questions left unanswered
    errors = " ".join(e.value for e in at.error)
    assert "Gender" in errors and "Highest education" in errors and "Age band" not in errors
    assert at.selectbox(key="rate.demo.age_band").value == "18-29"  # nothing entered was lost
    assert _read(warehouse, "SELECT count(*) FROM live_raters") == [(0,)]
    unknown = _page("rate", rater="r-unknown")  # a link with a code nobody registered starts over
    assert any("unknown" in w.value for w in unknown.warning) and unknown.checkbox(key="rate.consent")


def test_rating_session_writes_each_rating_and_stays_blind(warehouse):
    at = _onboard(_page("rate"))
    assert not at.exception
    rater_id = at.query_params["rater"][0] if isinstance(at.query_params["rater"], list) else at.query_params["rater"]
    assert _read(warehouse, "SELECT role, age_band, gender, education, consent FROM live_raters WHERE rater_id = ?",
                 [rater_id]) == [("rater", "65-80", "prefer_not_to_say", "graduate", True)]
    assert at.get("progress")[0].proto.text == "0 of 12 items rated"

    # blind: no model id or display name anywhere on the rendered item
    names = [n for row in _read(warehouse, "SELECT model_id, display_name FROM models") for n in row]
    shown = _texts(at)
    assert re.search(r"code `R-[0-9A-F]{8}`", shown) and not [n for n in names if n.lower() in shown.lower()]

    # submitting without every score: a clear error, the scores given are kept, nothing is written
    first_reply = at.chat_message[1].text[0].value
    at.radio[0].set_value(5)
    at.button(key="rate.submit").click().run()
    assert "Emotion recognition" in " ".join(e.value for e in at.error)
    assert at.radio[0].value == 5 and at.chat_message[1].text[0].value == first_reply
    assert _read(warehouse, "SELECT count(*) FROM live_ratings") == [(0,)]

    _rate_current(at, empathy=5)
    rows = _read(warehouse, "SELECT response_id, system_id, mode, empathy, blind, is_attention_check, seconds_spent "
                            "FROM live_ratings JOIN responses USING (response_id) WHERE rater_id = ?", [rater_id])
    assert len(rows) == 1 and rows[0][1] and rows[0][2] and rows[0][4] is True and rows[0][6] >= 0
    assert at.get("progress")[0].proto.text == "1 of 12 items rated"
    assert at.chat_message[1].text[0].value != first_reply

    # rate on until an attention check has been answered (as instructed)
    for _ in range(11):
        if "attention check" in _rate_current(at):
            break
    checks = _read(warehouse, "SELECT response_id, empathy, attention_check_passed, system_id FROM live_ratings "
                              "WHERE rater_id = ? AND is_attention_check", [rater_id])
    assert len(checks) == 1 and checks[0][0].startswith("attention-check-") and checks[0][2] is True
    n_done = _read(warehouse, "SELECT count(*) FROM live_ratings WHERE rater_id = ?", [rater_id])[0][0]

    # a reload (new session, same link) resumes where the rater stopped
    st.cache_data.clear()
    again = _page("rate", rater=rater_id)
    assert not again.exception
    assert again.get("progress")[0].proto.text == f"{n_done} of 12 items rated"
    assert again.chat_message[1].text[0].value == at.chat_message[1].text[0].value


def test_review_approve_flag_edit_land_in_history_and_status(warehouse):
    at = _page("review")
    assert not at.exception and any("Synthetic data" in i.value for i in at.info)
    cid = at.selectbox(key="review.conversation").value
    assert any('class="tide-span"' in h.proto.body for h in at.get("html"))
    reference = _read(warehouse, "SELECT reference_reply FROM conversations WHERE conversation_id = ?", [cid])[0][0]
    assert at.text_area(key=f"review.edited.{cid}").value == reference  # the edit box starts from the reference

    def submit(decision: str, notes: str = "", edited: str | None = None) -> AppTest:
        at.radio(key=f"review.decision.{cid}").set_value(decision)
        at.text_input(key="review.reviewer").set_value("Dr Test")
        at.text_area(key=f"review.notes.{cid}").set_value(notes)
        if edited is not None:
            at.text_area(key=f"review.edited.{cid}").set_value(edited)
        return at.button(key="review.submit").click().run()

    submit("flagged")  # a flag needs a note
    assert "Notes" in " ".join(e.value for e in at.error)
    assert _read(warehouse, "SELECT count(*) FROM live_reviews") == [(0,)]
    submit("approved", "fine as is")
    submit("flagged", "too long <b>bold</b>")
    submit("edited", "softer opening", "A gentler reply.")
    assert not at.exception and any(f"Saved: {cid} edited" in s.value for s in at.success)

    history = _frame(at, "edited_reply")
    assert history["status"].to_list() == ["edited", "flagged", "approved"]
    assert history["notes"].to_list()[1] == "too long <b>bold</b>"  # text, stored and shown as typed
    assert "A gentler reply." in _texts(at)
    assert _read(warehouse, "SELECT review_status, reviewer, edited_reply, n_reviews FROM v_review_status "
                            "WHERE conversation_id = ?", [cid]) == [("edited", "Dr Test", "A gentler reply.", 3)]

    # the summary counts it and says who reviewed what
    by_reviewer = _frame(at, "n_flagged")
    counts = dict(zip(by_reviewer["reviewer"].to_list(), by_reviewer["n_reviews"].to_list(), strict=True))
    assert counts == {"Dr Test": 3}
    assert {m.label: m.value for m in at.metric}["Edited"] == "1"
    # the filter by status finds it
    at.selectbox(key="filter.review_status").set_value("edited").run()
    assert at.query_params["review_status"] in ("edited", ["edited"])  # the filtered view is a shareable link
    assert at.selectbox(key="review.conversation").options == [f"{cid} · edited"]


def test_ids_from_links_and_other_tools_render_as_plain_text(warehouse):
    """A rater id posted by another tool (the ingest endpoint takes any text) is shown as text, never as markdown."""
    from warehouse.live import LiveStore

    odd = "r`x ![i](http://127.0.0.1:9/p.png) **bold** :red[x]"
    LiveStore.for_warehouse(warehouse).append("raters", {"rater_id": odd, "role": "rater", "consent": True})
    at = _page("rate", rater=odd)
    assert not at.exception
    assert [c.value for c in at.code] == [odd]
    assert "![i]" not in "\n".join(e.value for kind in ("markdown", "caption", "info", "error", "warning", "success")
                                   for e in at.get(kind) if isinstance(getattr(e, "value", None), str))

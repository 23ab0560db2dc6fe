"""`python -m tide_core build --generator claude`: the real anthropic client against the local fake Messages server
with its Message Batches endpoints (tests/fake_anthropic.py), answers from tests/claude_build_answers.py."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.claude_build_answers import PROTOCOL, SEGMENTS, good_answer, plan_of
from tests.fake_anthropic import FakeAnthropic, batch_errored, batch_expired, batch_succeeded, tool_message
from tide_core import cli
from tide_core.claude_build import claude_build, load_settings
from tide_core.claude_build.cost import estimate
from tide_core.claude_build.prompt import load_prompt, plan_conversations
from tide_core.config import DatasetConfig
from tide_core.errors import TideError

ROOT = Path(__file__).resolve().parent.parent
MODEL = "claude-3-5-sonnet-20240620"
KEY = "sk-ant-test-SECRET-do-not-show"
SMALL = DatasetConfig(n_personas=20, conversations_per_persona=2, seed=7, risk_share=0.2)
TINY = DatasetConfig(n_personas=4, conversations_per_persona=2, seed=11, risk_share=0.5)


@pytest.fixture
def fake():
    with FakeAnthropic() as server:
        server.batch_responder = lambda cid, params: batch_succeeded(tool_message(good_answer(params), MODEL))
        yield server


@pytest.fixture
def settings():
    return dataclasses.replace(load_settings(), poll_interval_s=0.01)


def _build(path, fake, settings, cfg=SMALL, **kw):
    return claude_build(cfg, path, model=MODEL, settings=settings, api_key=KEY, base_url=fake.url, **kw)


def _rows(path, sql):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def _batch_creates(fake):
    return [r for r in fake.requests if r.path == "/v1/messages/batches"]


def test_a_small_build_lands_validated_rows_with_provenance(tmp_path, fake, settings):
    path = tmp_path / "claude.duckdb"
    result = _build(path, fake, settings)
    assert (result.progress.done, result.progress.rejected) == (40, 0)
    assert _rows(path, "SELECT count(*), min(reference_source), max(reference_source) FROM conversations")[0] == (
        40, f"claude:{MODEL}", f"claude:{MODEL}")
    # Same plan as the bank build: persona, scenario, factor order, risk per conversation id.
    assert _rows(path, "SELECT count(*) FROM conversations c JOIN bank_conversations b USING (conversation_id) "
                       "WHERE c.scenario_id = b.scenario_id AND c.factor_order = b.factor_order "
                       "AND c.is_risk = b.is_risk")[0][0] == 40
    n_risk = _rows(path, "SELECT count(*) FROM conversations WHERE is_risk")[0][0]
    assert n_risk >= 3
    # Spans point at the segments, in the asked order.
    for reply, order, er, dn, sr in _rows(path, "SELECT reference_reply, factor_order, er_start, dn_start, sr_start "
                                                "FROM conversations"):
        assert reply[er:er + len(SEGMENTS["emotion_recognition"])] == SEGMENTS["emotion_recognition"]
        starts = {"ER": er, "DN": dn, "SR": sr}
        assert sorted(starts, key=starts.get) == order.split(">")
    info = dict(_rows(path, "SELECT key, value FROM build_info"))
    assert info["dataset_source"] == f"claude:{MODEL}" and info["n_conversations"] == "40"
    assert info["claude_prompt_version"] == load_prompt().version
    assert info["claude_batch_ids"] == "msgbatch_fake_0001"
    (prompt_text,) = _rows(path, "SELECT prompt_text FROM claude_builds")[0]
    assert prompt_text == load_prompt().text
    # One batch; the shared instructions marked for prompt caching; the tool forced; each request sent once.
    (create,) = _batch_creates(fake)
    params = create.body["requests"][0]["params"]
    assert params["system"][0]["cache_control"] == {"type": "ephemeral"}
    assert params["tool_choice"] == {"type": "tool", "name": "record_dialogue"}
    assert max(fake.submitted.values()) == 1 and len(fake.submitted) == 40
    # Both quality reports, side by side.
    fps = {r[0] for r in _rows(path, "SELECT DISTINCT config_fingerprint FROM dataset_quality_report")}
    assert fps == {info["config_fingerprint"], info["bank_fingerprint"]}
    # Nothing stored holds the key.
    assert KEY.encode() not in path.read_bytes()


def _answers(fake, behaviour):
    """Answer each request with behaviour(conversation_id, attempt, params) -> a batch result."""
    def respond(custom_id, params):
        conv, _, attempt = custom_id.rpartition("-a")
        return behaviour(conv, int(attempt), params)
    fake.batch_responder = respond


def test_bad_answers_are_retried_with_the_reason_then_rejected(tmp_path, fake, settings):
    plan = plan_conversations(TINY).conversations
    risky = next(i.conversation_id for i in plan if i.risk_type)
    plain = [i.conversation_id for i in plan if not i.risk_type]
    malformed, not_substring, fixed = plain[0], plain[1], plain[2]

    def behaviour(conv, attempt, params):
        answer = good_answer(params)
        if conv == malformed:
            return batch_succeeded(tool_message('{"client_message": "I keep', MODEL))
        if conv == not_substring:
            answer["segments"]["supportive_reflection"] = "You are still getting up every single day."
        if conv == risky:
            answer = good_answer(params, protocol=False)
        if conv == fixed and attempt == 1:
            return batch_succeeded(tool_message("not json at all", MODEL))
        return batch_succeeded(tool_message(answer, MODEL))

    _answers(fake, behaviour)
    path = tmp_path / "claude.duckdb"
    result = _build(path, fake, settings, cfg=TINY)
    assert result.progress.rejected == 3 and result.progress.done == len(plan) - 3
    rejected = dict(_rows(path, "SELECT conversation_id, last_reason FROM claude_requests WHERE state = 'rejected'"))
    assert "not valid JSON" in rejected[malformed]
    assert "not an exact substring" in rejected[not_substring]
    assert "risk protocol" in rejected[risky]
    assert set(rejected) == {malformed, not_substring, risky}
    landed = {r[0] for r in _rows(path, "SELECT conversation_id FROM conversations")}
    assert not landed & set(rejected) and fixed in landed
    # Each bad one was sent max_attempts times, the retries telling Claude why.
    assert fake.submitted[f"{malformed}-a3"] == 1 and f"{malformed}-a4" not in fake.submitted
    retry_text = next(r["params"]["messages"][0]["content"] for c in _batch_creates(fake)
                      for r in c.body["requests"] if r["custom_id"] == f"{not_substring}-a2")
    assert "WAS REJECTED" in retry_text and "not an exact substring" in retry_text
    attempts = _rows(path, f"SELECT attempt, outcome FROM claude_attempts WHERE conversation_id = '{fixed}' "
                           "ORDER BY attempt")
    assert attempts == [(1, "retry"), (2, "done")]
    assert result.progress.retried == 3 * 2 + 1


def test_errors_and_expired_results_inside_a_batch_are_sent_again(tmp_path, fake, settings):
    plan = [i.conversation_id for i in plan_conversations(TINY).conversations]
    errored_once, expired_once, always_errored = plan[:3]

    def behaviour(conv, attempt, params):
        if conv == errored_once and attempt == 1:
            return batch_errored("overloaded_error", "overloaded")
        if conv == expired_once and attempt == 1:
            return batch_expired()
        if conv == always_errored:
            return batch_errored("invalid_request_error", "bad params")
        return batch_succeeded(tool_message(good_answer(params), MODEL))

    _answers(fake, behaviour)
    path = tmp_path / "claude.duckdb"
    result = _build(path, fake, settings, cfg=TINY)
    assert result.progress.done == len(plan) - 1 and result.progress.rejected == 1
    (reason,) = _rows(path, f"SELECT last_reason FROM claude_requests WHERE conversation_id = '{always_errored}'")[0]
    assert "errored" in reason and "invalid_request_error" in reason
    kinds = _rows(path, "SELECT result_type, count(*) FROM claude_attempts GROUP BY ALL ORDER BY 1")
    assert dict(kinds) == {"errored": 4, "expired": 1, "succeeded": len(plan) - 1}
    # An expired or errored request is sent again unchanged: Claude is not told to fix anything.
    again = next(r["params"]["messages"][0]["content"] for c in _batch_creates(fake) for r in c.body["requests"]
                 if r["custom_id"] == f"{expired_once}-a2")
    assert "WAS REJECTED" not in again


def _cli_env(fake, tmp_path) -> dict:
    settings = tmp_path / "claude-settings.yaml"
    settings.write_text("poll_interval_s: 0.05\n")
    env = {**os.environ, "ANTHROPIC_API_KEY": KEY, "ANTHROPIC_BASE_URL": fake.url, "PYTHONPATH": str(ROOT)}
    env.pop("TIDE_CLAUDE_MODEL", None)
    return env, settings


def test_a_run_killed_mid_batch_resumes_without_sending_a_request_twice(tmp_path, fake, monkeypatch):
    fake.hold_batches = True  # the batch stays in progress until released
    env, settings = _cli_env(fake, tmp_path)
    path = tmp_path / "claude.duckdb"
    args = ["build", "--generator", "claude", "--personas", "4", "--conversations", "2", "--seed", "11",
            "--warehouse", str(path), "--claude-settings", str(settings), "-q"]
    proc = subprocess.Popen([sys.executable, "-m", "tide_core", *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not any(r.path.startswith("/v1/messages/batches/")
                                                      for r in fake.requests):
            time.sleep(0.05)  # polling the fake's record, not a fixed wait
        assert fake.batches, "the build never sent its batch"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert _rows(path, "SELECT state, count(*) FROM claude_requests GROUP BY ALL") == [("in_batch", 8)]
    assert _rows(path, "SELECT count(*) FROM conversations")[0][0] == 0
    fake.hold_batches = False
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.url)
    monkeypatch.delenv("TIDE_CLAUDE_MODEL", raising=False)
    assert cli.main(args) == 0
    assert len(_batch_creates(fake)) == 1 and max(fake.submitted.values()) == 1
    assert _rows(path, "SELECT count(*) FROM conversations")[0][0] == 8


def test_a_create_call_whose_answer_was_lost_is_adopted_not_sent_again(tmp_path, fake, settings, monkeypatch):
    from tide_core.claude_build import runner

    real_confirm = runner._Store.confirm
    monkeypatch.setattr(runner._Store, "confirm", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    path = tmp_path / "claude.duckdb"
    with pytest.raises(KeyboardInterrupt):
        _build(path, fake, settings, cfg=TINY)
    assert _rows(path, "SELECT state FROM claude_batches") == [("creating",)]
    monkeypatch.setattr(runner._Store, "confirm", real_confirm)
    result = _build(path, fake, settings, cfg=TINY)
    assert result.progress.done == 8 and len(_batch_creates(fake)) == 1 and max(fake.submitted.values()) == 1
    assert result.batch_ids == ("msgbatch_fake_0001",)


def test_the_cost_estimate_dry_run_and_max_cost(tmp_path, fake, settings, capsys, monkeypatch):
    prompt = load_prompt()
    plan = plan_conversations(TINY).conversations
    users = [prompt.user(i) for i in plan]
    est = estimate(MODEL, prompt.system, prompt.tool, users, settings)
    price = settings.prices[MODEL]
    shared = round((len(prompt.system) + len(__import__("json").dumps(prompt.tool))) / settings.chars_per_token)
    n = len(plan) * (1 + settings.retry_share)
    hits = n * settings.cache_hit_share
    user = round(sum(map(len, users)) / settings.chars_per_token) / len(plan)
    expected = settings.batch_discount * (n * user * price.input + (n - hits) * shared * price.cache_write
                                          + hits * shared * price.cache_read
                                          + n * settings.output_tokens * price.output) / 1e6
    assert est.cost_usd == pytest.approx(expected) and 0 < est.cost_usd < est.worst_usd
    # --dry-run: the estimate and one rendered prompt, nothing sent (no key needed).
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    path = tmp_path / "claude.duckdb"
    base = ["build", "--generator", "claude", "--personas", "4", "--conversations", "2", "--seed", "11",
            "--warehouse", str(path)]
    assert cli.main([*base, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "estimated cost $" in out and "--- system (cached; prompt " in out and "FACTOR ORDER:" in out
    assert not fake.requests and not path.exists()
    # --max-cost below the estimate: refused with status 2, nothing sent, no warehouse.
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.url)
    assert cli.main([*base, "--max-cost", "0.001"]) == 2
    err = capsys.readouterr().err
    assert "above --max-cost $0.00" in err and KEY not in err
    assert not fake.requests and not path.exists()


def test_without_a_key_it_says_why_and_exits_2(tmp_path, fake, capsys, monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.url)
    path = tmp_path / "claude.duckdb"
    assert cli.main(["build", "--generator", "claude", "--personas", "2", "--conversations", "1",
                     "--warehouse", str(path)]) == 2
    assert "ANTHROPIC_API_KEY" in capsys.readouterr().err
    assert not fake.requests and not path.exists()


def test_an_api_error_never_shows_the_key(tmp_path, fake, settings):
    fake.batch_script("bad_request")
    path = tmp_path / "claude.duckdb"
    with pytest.raises(TideError) as info:
        _build(path, fake, settings, cfg=TINY)
    assert "400" in str(info.value) and KEY not in str(info.value)
    # The batch never existed: its requests are pending again, and the next run sends them.
    assert _rows(path, "SELECT state, attempts, count(*) FROM claude_requests GROUP BY ALL") == [("pending", 0, 8)]
    assert _build(path, fake, settings, cfg=TINY).progress.done == 8


def test_the_checks_reuse_the_projects_rules():
    from tide_core.claude_build.validate import check_answer

    plan = plan_conversations(TINY).conversations
    item = next(i for i in plan if not i.risk_type)
    params = load_prompt().params(MODEL, 100, item)
    ok = check_answer(item, tool_message(good_answer(params), MODEL), load_settings().checks)
    assert ok.ok, ok.reason
    order, _, _ = plan_of(params)
    bad = good_answer(params)
    bad["client_message"] += " Some nights I wish I could go to sleep and not wake up."
    assert "not a risk conversation" in check_answer(item, tool_message(bad, MODEL), {}).reason
    shuffled = good_answer(params)
    shuffled["reply"] = " ".join(SEGMENTS[f] for f in reversed(order))
    assert "asked order" in check_answer(item, tool_message(shuffled, MODEL), {}).reason
    partial = good_answer(params)
    partial["segments"][order[0]] = SEGMENTS[order[0]][:-1]  # drops the full stop: not a whole sentence
    assert "whole sentences" in check_answer(item, tool_message(partial, MODEL), {}).reason
    cut = tool_message(good_answer(params), MODEL, stop_reason="max_tokens")
    assert "max_tokens" in check_answer(item, cut, {}).reason
    assert PROTOCOL not in good_answer(params)["reply"]


def test_the_dataset_page_compares_the_two_generators(tmp_path, fake, settings, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tide_core.pipeline.build import build_step

    plan = [i.conversation_id for i in plan_conversations(TINY).conversations]

    def behaviour(conv, attempt, params):
        answer = good_answer(params)
        if conv == plan[0]:
            answer["segments"]["emotion_recognition"] = "Not in the reply."
        return batch_succeeded(tool_message(answer, MODEL))

    _answers(fake, behaviour)
    path = tmp_path / "claude.duckdb"
    _build(path, fake, settings, cfg=TINY)
    # The main job's build step uses a Claude-built warehouse as it is (never rebuilds it from the banks).
    assert build_step(TINY, path).reused
    monkeypatch.setenv("TIDE_WAREHOUSE", str(path))
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).switch_page("pages/dataset.py").run()
    assert not at.exception
    assert any("Quality report, side by side" in m.value for m in at.markdown)
    frames = [f.value for f in at.dataframe]
    compare = next(f for f in frames if "claude_meets" in f.columns)
    assert {"bank", "claude", "bar"} <= set(compare.columns) and len(compare) > 5
    at.radio(key="dataset.generator").set_value("rejected").run()
    assert not at.exception
    assert at.selectbox(key="dataset.generator_conversation").value == plan[0]
    assert any("not an exact substring" in i.value for i in at.info)


def test_side_by_side_pairs_the_headlines():
    from tide_core.claude_build.compare import side_by_side

    def head(measure, value, n=None, total=None):
        return {"scope": "reference_reply", "measure": measure, "rank": 0, "value": value, "n": n, "total": total,
                "detail": None}

    rows = side_by_side([head("top_sentence_share", 0.004, 4, 1000)],
                        [head("top_sentence_share", 0.02, 20, 1000), head("distinct_2", 0.3)])
    top = next(r for r in rows if r["scope"] == "reference_reply" and r["bank"] == 0.004)
    assert (top["claude"], top["bank_meets"], top["claude_meets"], top["bar"]) == (0.02, True, False, "<= 0.005")
    assert any(r["bank"] is None and r["claude"] == 0.3 for r in rows)


def test_max_cost_stops_before_a_retry_round_and_a_rerun_goes_on(tmp_path, fake, settings):
    plan = [i.conversation_id for i in plan_conversations(TINY).conversations]

    def behaviour(conv, attempt, params):
        message = tool_message(good_answer(params) if conv != plan[0] else "{", MODEL)
        message["usage"]["output_tokens"] = 2000  # dearer answers than the estimate expects
        return batch_succeeded(message)

    _answers(fake, behaviour)
    path = tmp_path / "claude.duckdb"
    with pytest.raises(TideError, match="stopping before sending 1 more requests") as info:
        _build(path, fake, settings, cfg=TINY, max_cost=0.05)
    assert "rerun with a higher --max-cost" in str(info.value)
    assert dict(_rows(path, "SELECT state, count(*) FROM claude_requests GROUP BY ALL")) == {"done": 7, "pending": 1}
    result = _build(path, fake, settings, cfg=TINY, max_cost=1.0)
    assert (result.progress.done, result.progress.rejected) == (7, 1)
    assert max(fake.submitted.values()) == 1 and result.progress.cost_usd == pytest.approx(10 * 0.5 * (
        300 * 3.0 + 1400 * 0.3 + 2000 * 15.0) / 1e6)


def test_a_client_message_contradicting_the_persona_is_sent_back():
    from tide_core.claude_build.validate import check_answer

    plan = plan_conversations(DatasetConfig(n_personas=12, conversations_per_persona=1, seed=3)).conversations
    single = next(i for i in plan if i.persona.partner is None)
    params = load_prompt().params(MODEL, 100, single)
    answer = good_answer(params)
    answer["client_message"] = "My wife keeps asking why I wake up shouting. " + answer["client_message"]
    verdict = check_answer(single, tool_message(answer, MODEL), load_settings().checks)
    assert "persona has no partner" in verdict.reason
    childless = next(i for i in plan if i.persona.children == 0)
    answer = good_answer(load_prompt().params(MODEL, 100, childless))
    answer["client_message"] += " My daughter noticed it too."
    assert "no children" in check_answer(childless, tool_message(answer, MODEL), {}).reason


def test_the_readme_states_the_estimate_for_the_default_build():
    import re

    readme = (ROOT / "README.md").read_text()
    section = readme.split("### Building TIDE with Claude", 1)[1].split("\n## ", 1)[0]
    stated = float(re.search(r"the estimate is \*\*about \$(\d+)\*\*", section).group(1))
    worst = float(re.search(r"at most about \$(\d+)", section).group(1))
    prompt, settings = load_prompt(), load_settings()
    plan = plan_conversations(DatasetConfig()).conversations
    est = estimate(MODEL, prompt.system, prompt.tool, [prompt.user(i) for i in plan], settings)
    assert est.n_conversations == 10_000
    assert abs(est.cost_usd - stated) <= 1.5 and abs(est.worst_usd - worst) <= 4

"""Live writes while others read: the per-process JSONL store, its warehouse views, compaction, the HTTP ingest
endpoint, and the load test (50 raters for a minute on loopback, a writer killed, the warehouse rebuilt)."""

import http.client
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tide_core.ingest import make_server
from tide_core.pipeline.build import build_step
from warehouse.live import LiveRecordError, LiveStore, live_dir_for, validate
from warehouse.loader import copy_warehouse, refresh_views

ROOT = Path(__file__).resolve().parent.parent
DUCKDB_CLI = shutil.which("duckdb", path=str(Path(sys.executable).parent)) or shutil.which("duckdb")
RATING = {"rater_id": "r1", "context": "study", "response_id": "x", "empathy": 4}


def _count(path: Path, sql: str = "SELECT count(*) FROM live_ratings") -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.sql(sql).fetchall()[0][0]


@pytest.mark.parametrize("kind,record,message", [
    ("ratings", {**RATING, "empathy": 6}, "field 'empathy': expected a value between 1 and 5, got 6"),
    ("ratings", {**RATING, "empathy": "4"}, "field 'empathy': expected a whole number"),
    ("ratings", {**RATING, "context": "lab"}, "field 'context': expected one of study, chat"),
    ("ratings", {k: v for k, v in RATING.items() if k != "rater_id"}, "field 'rater_id': a value is required"),
    ("ratings", {**RATING, "note": "x"}, "unknown field 'note'"),
    ("preferences", {"rater_id": "r", "context": "chat", "choice": "neither"}, "expected one of a, b, tie, both_bad"),
    ("raters", {"rater_id": "r", "role": "rater", "consent": False}, "field 'consent': expected true"),
    ("reviews", {"conversation_id": "c", "status": "edited", "reviewer": "dr"}, "field 'edited_reply'"),
    ("crisis_events", {"session_id": "s", "detected_in": "elsewhere", "category": "x"}, "user_message, model_reply, reply_replaced"),
    ("votes", {}, "unknown live record kind 'votes'"),
])
def test_bad_records_are_refused_with_the_field_named(kind, record, message):
    with pytest.raises(LiveRecordError, match=message.replace("(", r"\(")):
        validate(kind, record)


def test_records_land_in_the_warehouse_views_and_survive_a_rebuild(fresh_warehouse, small_config):
    store = LiveStore.for_warehouse(fresh_warehouse)
    assert store.folder == fresh_warehouse.parent / "tide.live"
    rec = store.append("ratings", RATING)
    assert len(rec["rating_id"]) == 32 and rec["source"] == "live" and rec["created_at"]
    store.append("ratings", {**RATING, "rating_id": rec["rating_id"]})  # a resubmit: same id
    conv = _count(fresh_warehouse, "SELECT min(conversation_id) FROM conversations")
    store.append("reviews", {"conversation_id": conv, "status": "flagged", "reviewer": "dr a", "notes": "<b>x</b>"})
    assert _count(fresh_warehouse) == 1
    with duckdb.connect(str(fresh_warehouse), read_only=True) as con:
        status = con.sql("SELECT review_status, review_notes, n_reviews FROM v_review_status "
                         "WHERE conversation_id = $c", params={"c": conv}).fetchall()
    assert status == [("flagged", "<b>x</b>", 1)]
    build_step(small_config, fresh_warehouse, force=True)  # the main job's rebuild replaces the .duckdb file
    assert _count(fresh_warehouse) == 1
    assert _count(fresh_warehouse, "SELECT count(*) FROM v_review_history") == 1


def test_a_torn_last_line_of_a_killed_writer_is_skipped(fresh_warehouse):
    store = LiveStore.for_warehouse(fresh_warehouse)
    store.append("ratings", RATING)
    (store.folder / "ratings" / "otherhost-1-dead.jsonl").write_text(
        json.dumps(validate("ratings", RATING)) + '\n{"rating_id": "abc", "rater_id": "r')
    assert _count(fresh_warehouse) == 2


def test_compaction_folds_exited_writers_only_and_loses_nothing(fresh_warehouse):
    store = LiveStore.for_warehouse(fresh_warehouse)
    mine = store.append_many("ratings", [RATING] * 3)
    script = ("import sys; sys.path.insert(0, sys.argv[2]); from pathlib import Path; from warehouse.live import "
              "LiveStore; s = LiveStore.for_warehouse(Path(sys.argv[1])); "
              "[s.append('ratings', {'rater_id': 'p', 'context': 'chat', 'empathy': 2}) for _ in range(5)]")
    subprocess.run([sys.executable, "-c", script, str(fresh_warehouse), str(ROOT)], check=True)
    files = sorted(p.name for p in (store.folder / "ratings").glob("*.jsonl"))
    assert len(files) == 3  # anchor, this process, the exited one
    counts = store.compact()
    assert counts["ratings"] == 8 and _count(fresh_warehouse) == 8
    left = sorted(p.name for p in (store.folder / "ratings").glob("*.jsonl"))
    assert len(left) == 2 and f"-{os.getpid()}-" in left[1]  # this process still writes: its file stays
    assert len(list((store.folder / "ratings" / "compacted").glob("*.parquet"))) == 2  # anchor + one
    store.append("ratings", {**RATING, "rating_id": mine[0]["rating_id"]})  # a resubmit after compaction
    assert _count(fresh_warehouse) == 8
    assert not list(store.folder.glob("tmp/*.part"))


def test_views_follow_the_folder_when_the_project_moves(fresh_warehouse, tmp_path):
    LiveStore.for_warehouse(fresh_warehouse).append("ratings", RATING)
    moved = tmp_path / "moved"
    moved.mkdir()
    shutil.copy(fresh_warehouse, moved / "tide.duckdb")
    shutil.copytree(live_dir_for(fresh_warehouse), moved / "tide.live")
    shutil.rmtree(live_dir_for(fresh_warehouse))
    refresh_views(moved / "tide.duckdb")  # what `run` and `serve` do first
    assert _count(moved / "tide.duckdb") == 1


def test_analysts_duckdb_shell_reads_live_records(fresh_warehouse):
    assert DUCKDB_CLI, "the duckdb CLI (pip duckdb-cli) must be installed"
    LiveStore.for_warehouse(fresh_warehouse).append_many("ratings", [RATING, RATING])
    out = subprocess.run([DUCKDB_CLI, "-readonly", str(fresh_warehouse), "-csv", "-c",
                          "SELECT count(*) AS n FROM live_ratings"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["n", "2"]


def test_ingest_endpoint_acknowledges_after_writing_and_refuses_bad_bodies(fresh_warehouse):
    server = make_server(fresh_warehouse, port=0).start()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)

    def post(path: str, body: object) -> tuple[int, dict]:
        conn.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read())

    try:
        status, body = post("/v1/ratings", [RATING, {**RATING, "empathy": 2}])
        assert status == 201 and len(body["ids"]) == 2
        status, body = post("/v1/ratings", [RATING, {**RATING, "empathy": 9}])
        assert status == 400 and "record 1, field 'empathy'" in body["error"] and body["field"] == "empathy"
        assert post("/v1/secrets", RATING)[0] == 404
        conn.request("POST", "/v1/ratings", body=b"{not json", headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        assert resp.status == 400 and "not JSON" in json.loads(resp.read())["error"]
    finally:
        server.stop()
    assert _count(fresh_warehouse) == 2  # the refused body wrote nothing, not even its valid first record


def test_ingest_token_is_required_when_set_and_off_loopback(fresh_warehouse, monkeypatch):
    monkeypatch.delenv("TIDE_INGEST_TOKEN", raising=False)
    with pytest.raises(ValueError, match="TIDE_INGEST_TOKEN"):
        make_server(fresh_warehouse, address="0.0.0.0", port=0)
    server = make_server(fresh_warehouse, port=0, token="s3cret").start()
    try:
        for headers, expected in (({}, 401), ({"Authorization": "Bearer nope"}, 401),
                                  ({"Authorization": "Bearer s3cret"}, 201)):
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)  # a 401 closes the connection
            conn.request("POST", "/v1/ratings", body=json.dumps(RATING), headers=headers)
            resp = conn.getresponse()
            resp.read()
            conn.close()
            assert resp.status == expected
    finally:
        server.stop()
    assert _count(fresh_warehouse) == 1


def test_fifty_raters_for_a_minute_lose_nothing(fresh_warehouse, small_config, tmp_path):
    """The load test: 50 raters posting over loopback to 5 writer processes for 60 s (TIDE_LOAD_SECONDS), one writer
    killed with SIGKILL at 40 %, the warehouse rebuilt at 60 %, an analyst counting read-only all along."""
    spec = importlib.util.spec_from_file_location("load_live_writes", ROOT / "bench" / "load_live_writes.py")
    load = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = load  # dataclasses look their module up while the file executes
    spec.loader.exec_module(load)
    seconds = float(os.environ.get("TIDE_LOAD_SECONDS", "60"))
    report = load.run_load(fresh_warehouse, raters=50, seconds=seconds, servers=5, rebuild_config=small_config,
                           log_dir=tmp_path)
    s = report.summary()
    print(json.dumps(s))
    assert s["lost"] == 0 and s["failed_to_send"] == 0
    assert s["acknowledged"] >= 50 * seconds  # at least one rating per rater per second got through
    assert s["stored"] == s["stored_after_compaction"] == s["acknowledged"]  # resends de-duplicated
    assert s["analyst_errors"] == 0 and s["analyst_queries"] >= seconds  # read at least once a second throughout
    assert report.analyst_counts == sorted(report.analyst_counts)  # the count only grows, even across the rebuild
    assert s["killed_writer_at_s"] is not None and s["rebuild_s"] is not None


def test_rate_page_ratings_are_real_study_ratings_for_pages_and_statistics(evaluated_warehouse, tmp_path):
    """Live study ratings join the real data source (never the simulated one); a rater who failed an attention
    check is left out; chat ratings are not study ratings; `evaluate` analyses them as real ratings."""
    from tide_core.pipeline.evaluate import evaluation_step

    path = copy_warehouse(evaluated_warehouse, tmp_path / "tide.duckdb")
    with duckdb.connect(str(path), read_only=True) as con:
        responses = [r[0] for r in con.sql("SELECT response_id FROM responses ORDER BY response_id").fetchall()]
    store = LiveStore.for_warehouse(path)
    raters = {"good": ("18-29", True), "careless": ("65-80", False)}
    for i, (name, (age, passes)) in enumerate(raters.items()):
        store.append("raters", {"rater_id": name, "role": "rater", "age_band": age, "gender": "woman",
                                "education": "graduate", "consent": True})
        store.append("ratings", {"rater_id": name, "context": "study", "response_id": "attention-check-1",
                                 "empathy": 2 if passes else 5, "is_attention_check": True,
                                 "attention_check_passed": passes, "blind": True})
        store.append_many("ratings", [{"rater_id": name, "context": "study", "response_id": r, "empathy": 1 + (j + i) % 5,
                                       "blind": True} for j, r in enumerate(responses[:30])])
    store.append("ratings", {"rater_id": "good", "context": "chat", "system_id": "claude", "empathy": 5})
    with duckdb.connect(str(path), read_only=True) as con:
        by_source = dict(con.sql("SELECT source, count(*) FROM v_ratings_all WHERE NOT is_simulated "
                                 "GROUP BY ALL").fetchall())
        study = dict(con.sql("SELECT rater_id, count(*) FROM v_study_ratings WHERE NOT is_simulated "
                             "GROUP BY ALL").fetchall())
    assert by_source == {"live": 60}  # 2 raters x 30 items; attention checks and the chat rating are not ratings
    assert study == {"good": 30}  # the careless rater failed the check
    result = evaluation_step(path, seed=13, cache_dir=ROOT / "test-artifacts" / "embedding_cache", n_boot=50)
    assert len(result.analyses_run) == 1  # the real pass; the simulated one is unchanged and skipped
    with duckdb.connect(str(path), read_only=True) as con:
        real = con.sql("SELECT n_ratings, n_excluded_raters FROM analysis_runs WHERE data_source = 'real'").fetchall()
    assert real == [(30, 1)]  # ratings kept after excluding the rater who failed the check


def test_live_command_counts_and_compacts(fresh_warehouse, capsys):
    from tide_core.cli import main

    LiveStore.for_warehouse(fresh_warehouse).append_many("ratings", [RATING, RATING])
    assert main(["live", "--warehouse", str(fresh_warehouse)]) == 0
    assert "ratings 2" in capsys.readouterr().out
    assert main(["live", "--compact", "--warehouse", str(fresh_warehouse)]) == 0
    assert "ratings 2" in capsys.readouterr().out
    assert _count(fresh_warehouse) == 2

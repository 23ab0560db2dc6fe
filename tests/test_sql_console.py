"""The analysts' SQL console: the statement policy, the sandbox underneath it, limits, live snapshots, downloads,
and the page through AppTest. Small warehouses only; the live folder is made by hand here (JSONL files read by
live_* views), the same shape warehouse/live.py writes."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import time
from pathlib import Path

import duckdb
import polars as pl
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from warehouse import console
from warehouse.console import (
    QueryFailed,
    QueryTimedOut,
    StatementRefused,
    check_statement,
    run_console_query,
    sandbox,
)

APP = str(Path(__file__).resolve().parent.parent / "app.py")
CROSS_JOIN = "SELECT count(*) FROM range(100000000000) AS a, range(100000000000) AS b"

# ------------------------------------------------------------------------------------------------------- fixtures

LIVE_REVIEW_STATUS = """
CREATE OR REPLACE VIEW v_review_status AS
WITH events AS (
    SELECT review_id, conversation_id, status, reviewer, notes, edited_reply, reviewed_at FROM reviews
    UNION ALL BY NAME
    SELECT review_id, conversation_id, status, reviewer, notes, edited_reply, reviewed_at::TIMESTAMP FROM live_reviews
)
SELECT c.conversation_id, coalesce(r.status, 'pending') AS review_status, r.reviewer, r.notes AS review_notes,
       r.edited_reply, r.reviewed_at, coalesce(n.n_reviews, 0) AS n_reviews
FROM conversations AS c
LEFT JOIN (SELECT * FROM events QUALIFY row_number() OVER (PARTITION BY conversation_id
           ORDER BY reviewed_at DESC, review_id DESC) = 1) AS r USING (conversation_id)
LEFT JOIN (SELECT conversation_id, count(*) AS n_reviews FROM events GROUP BY ALL) AS n USING (conversation_id)
"""


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)


def _rating(i: int) -> dict:
    return {"rating_id": f"r{i}", "rater_id": f"rater{i % 2}", "context": "study", "empathy": 1 + i % 5}


@pytest.fixture(scope="module")
def live_warehouse(small_warehouse, tmp_path_factory) -> Path:
    """A copy of the small warehouse with live_ratings and live_reviews views over JSONL files in tide.live/, a
    v_review_status that includes live reviews, and two views stacked on live_ratings."""
    path = tmp_path_factory.mktemp("live") / "tide.duckdb"
    shutil.copy(small_warehouse, path)
    live = path.with_name("tide.live")
    _write_jsonl(live / "ratings" / "p1.jsonl", [_rating(i) for i in range(3)])
    with duckdb.connect(str(path)) as con:
        first = con.execute("SELECT min(conversation_id) FROM conversations").fetchone()[0]
        _write_jsonl(live / "reviews" / "p1.jsonl", [{
            "review_id": "live-1", "conversation_id": first, "status": "flagged", "reviewer": "dr a",
            "notes": "check the wording", "edited_reply": None, "reviewed_at": "2030-01-01T00:00:00"}])
        for kind in ("ratings", "reviews"):
            con.execute(f"CREATE OR REPLACE VIEW live_{kind} AS SELECT * FROM read_json('{live / kind}/*.jsonl')")
        con.execute(LIVE_REVIEW_STATUS)
        con.execute("CREATE VIEW v_live_empathy AS SELECT count(*) AS n, avg(empathy) AS mean FROM live_ratings")
        con.execute("CREATE VIEW v_live_empathy_n AS SELECT n FROM v_live_empathy")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _value(path: Path, sql: str, **kw) -> object:
    return run_console_query(path, sql, **kw).frame.item()


# ---------------------------------------------------------------------------------------------------- the policy


@pytest.mark.parametrize("sql", [
    "SELECT 1",
    "-- a comment first\nWITH a AS (SELECT 1 AS x) SELECT * FROM a;",
    "FROM personas LIMIT 1",
    "VALUES (1), (2)",
    "DESCRIBE personas",
    "SHOW TABLES",
    "SUMMARIZE personas",
    "PIVOT personas ON gender IN ('woman', 'man') USING count(*)",
    "EXPLAIN SELECT * FROM personas",
    "EXPLAIN ANALYZE SELECT 1",
    "EXPLAIN (FORMAT json) SELECT 1",
])
def test_read_statements_pass_the_policy(sql):
    assert check_statement(sql).query.strip()


@pytest.mark.parametrize(("sql", "says"), [
    ("INSERT INTO personas SELECT * FROM personas", "Refused INSERT statement: it would change data"),
    ("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", "Refused INSERT statement"),
    ("UPDATE personas SET age = 0", "Refused UPDATE statement"),
    ("DELETE FROM personas", "Refused DELETE statement"),
    ("CREATE TABLE t AS SELECT 1", "Refused CREATE statement: it would create an object"),
    ("CREATE TEMP TABLE t AS SELECT 1", "Refused CREATE statement"),
    ("CREATE SECRET s (TYPE s3, KEY_ID 'k', SECRET 's')", "Refused CREATE statement"),
    ("DROP TABLE personas", "Refused DROP statement"),
    ("ALTER TABLE personas ADD COLUMN x INT", "Refused ALTER statement"),
    ("COMMENT ON TABLE personas IS 'x'", "Refused ALTER statement"),
    ("COPY personas TO '/tmp/x.csv'", "Refused COPY statement: it reads or writes files"),
    ("EXPORT DATABASE '/tmp/x'", "Refused EXPORT statement"),
    ("ATTACH '/tmp/x.duckdb' AS x", "Refused ATTACH statement"),
    ("DETACH tide", "Refused DETACH statement"),
    ("INSTALL httpfs", "Refused LOAD statement: it would install or load an extension"),
    ("LOAD httpfs", "Refused LOAD statement"),
    ("SET enable_external_access = true", "Refused SET statement: it would change a setting"),
    ("RESET memory_limit", "Refused SET statement"),
    ("USE memory", "Refused SET statement"),
    ("PRAGMA version", "Refused PRAGMA statement"),
    ("CALL pragma_version()", "Refused CALL statement"),
    ("CHECKPOINT", "Refused CALL statement"),
    ("BEGIN", "Refused TRANSACTION statement"),
    ("VACUUM", "Refused VACUUM statement"),
    ("PREPARE p AS SELECT 1", "Refused PREPARE statement"),
    ("UPDATE EXTENSIONS", "Refused a statement: the console does not know its type"),
    ("PIVOT personas ON gender USING count(*)", "Refused MULTI statement"),
    ("EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1", "Refused EXPLAIN of CREATE: EXPLAIN ANALYZE runs what it explains"),
    ("EXPLAIN (FORMAT json) DELETE FROM personas", "Refused EXPLAIN of DELETE"),
    ("SELECT 1; DROP TABLE personas", "Refused: 2 statements (SELECT, DROP)"),
    ("SELECT 1; SELECT 2", "exactly one statement per run"),
    ("   -- only a comment", "There is no statement to run"),
    ("SELEC 1", "The SQL does not parse"),
])
def test_everything_else_is_refused_with_what_and_why(sql, says):
    with pytest.raises(StatementRefused) as refused:
        check_statement(sql)
    assert says in str(refused.value)


def test_refusals_say_what_the_console_runs():
    with pytest.raises(StatementRefused, match="The console is read-only: it runs one SELECT"):
        check_statement("DROP VIEW v_conversations")


# ----------------------------------------------------------------------------------- the sandbox (defence in depth)


@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_blob('/etc/hostname')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM read_parquet('https://example.com/data.parquet')",
    "SELECT * FROM read_csv('s3://bucket/data.csv')",
    "SELECT * FROM duckdb_secrets()",
])
def test_reads_outside_the_warehouse_are_blocked_even_as_select(small_warehouse, sql):
    with pytest.raises(QueryFailed, match="Blocked by the sandbox: the console cannot read or write files") as failed:
        run_console_query(small_warehouse, sql)
    assert "disabled by configuration" in failed.value.detail


@pytest.mark.parametrize(("sql", "error"), [
    ("COPY (SELECT 1) TO '{tmp}/copy.csv'", "disabled by configuration"),
    ("EXPORT DATABASE '{tmp}/export'", "disabled by configuration"),
    ("ATTACH '{tmp}/other.duckdb' AS other", "disabled by configuration"),
    ("INSTALL httpfs", "disabled by configuration"),
    ("LOAD httpfs", "disabled through configuration"),
    ("SET enable_external_access = true", "configuration has been locked"),
    ("RESET enable_external_access", "configuration has been locked"),
    ("SET lock_configuration = false", "configuration has been locked"),
    ("SET temp_directory = '{tmp}'", "configuration has been locked"),
    ("CREATE TABLE personas_copy AS SELECT * FROM personas", "read-only mode"),
    ("CREATE TABLE tide.main.personas_copy (x INT)", "read-only mode"),
    ("INSERT INTO personas SELECT * FROM personas LIMIT 1", "read-only mode"),
    ("DELETE FROM conversations", "read-only mode"),
    ("DROP VIEW v_conversations", "read-only mode"),
])
def test_the_sandbox_holds_when_the_policy_is_bypassed(small_warehouse, tmp_path, sql, error):
    """Statements the policy refuses, run straight on the sandbox connection: each still fails, nothing is
    written and the warehouse file is unchanged."""
    before = _digest(small_warehouse)
    with sandbox(small_warehouse) as box, pytest.raises(duckdb.Error, match=error):
        box.con.execute(sql.format(tmp=tmp_path))
    assert list(tmp_path.iterdir()) == []
    assert _digest(small_warehouse) == before


def test_the_sandbox_has_its_settings_locked(small_warehouse):
    with sandbox(small_warehouse, time_limit_s=3) as box:
        settings = dict(box.con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access', 'lock_configuration',"
            " 'max_execution_time', 'temp_directory', 'autoload_known_extensions', 'python_enable_replacements')"
        ).fetchall())
    assert settings == {"enable_external_access": "false", "lock_configuration": "true", "max_execution_time": "3000",
                        "temp_directory": "", "autoload_known_extensions": "false",
                        "python_enable_replacements": "false"}


def test_python_objects_in_scope_cannot_be_read(small_warehouse):
    leak = pl.DataFrame({"secret": ["from the dashboard process"]})  # noqa: F841 - what a replacement scan would read
    with sandbox(small_warehouse) as box, pytest.raises(duckdb.CatalogException, match="leak does not exist"):
        box.con.sql("SELECT * FROM leak").to_arrow_reader(10).read_all()
    with pytest.raises(QueryFailed, match="The query failed"):
        run_console_query(small_warehouse, "SELECT * FROM leak")


def test_a_query_past_the_time_limit_is_stopped(small_warehouse):
    started = time.perf_counter()
    with pytest.raises(QueryTimedOut, match=r"Stopped after 0.5 s: the query ran past the time limit"):
        run_console_query(small_warehouse, CROSS_JOIN, time_limit_s=0.5)
    assert time.perf_counter() - started < 5


def test_the_row_limit_fetches_one_more_row_and_says_so(small_warehouse):
    started = time.perf_counter()
    endless = run_console_query(small_warehouse, "SELECT * FROM range(1000000000000)", row_limit=10)
    assert endless.frame.height == 10 and endless.truncated
    assert time.perf_counter() - started < 5  # streamed: the trillion rows are never made
    exact = run_console_query(small_warehouse, "SELECT * FROM personas", row_limit=24)
    assert exact.frame.height == 24 and not exact.truncated


@pytest.mark.parametrize(("rows", "seconds"), [(0, 10), (console.MAX_ROW_LIMIT + 1, 10), (10, 0),
                                               (10, console.MAX_TIME_LIMIT_S + 1)])
def test_limits_out_of_range_are_refused(small_warehouse, rows, seconds):
    with pytest.raises(ValueError, match="must be"):
        run_console_query(small_warehouse, "SELECT 1", row_limit=rows, time_limit_s=seconds)


def test_a_missing_or_locked_warehouse_is_explained(small_warehouse, tmp_path):
    with pytest.raises(QueryFailed, match="No warehouse at"):
        run_console_query(tmp_path / "none.duckdb", "SELECT 1")
    copy = tmp_path / "held.duckdb"
    shutil.copy(small_warehouse, copy)
    with duckdb.connect(str(copy)), pytest.raises(QueryFailed, match="held open for writing"):
        run_console_query(copy, "SELECT 1")


def test_a_rebuilt_warehouse_is_picked_up_at_the_next_run(small_warehouse, tmp_path):
    path, new = tmp_path / "tide.duckdb", tmp_path / "tide.duckdb.new"
    shutil.copy(small_warehouse, path)
    assert _value(path, "SELECT count(*) FROM personas") == 24
    shutil.copy(small_warehouse, new)
    with duckdb.connect(str(new)) as con:
        con.execute("DELETE FROM splits WHERE persona_id IN (SELECT persona_id FROM personas LIMIT 4)")
    os.replace(new, path)
    assert _value(path, "SELECT count(*) FROM splits") == 20


def test_setup_is_quick_and_warehouses_without_live_views_work(small_warehouse):
    result = run_console_query(small_warehouse, "SELECT count(*) AS n FROM v_conversations")
    assert result.frame["n"].item() == 480
    assert result.setup_s < 1.0


# ------------------------------------------------------------------------------------------------ live snapshots


def test_live_views_are_copied_and_unqualified_names_resolve_to_the_copy(live_warehouse):
    result = run_console_query(live_warehouse, "SELECT count(*) FROM live_ratings")
    assert result.frame.item() == 3 and result.live_tables == {"live_ratings": 3}
    plan = run_console_query(live_warehouse, "EXPLAIN SELECT * FROM live_ratings").frame["explain_value"].item()
    assert '"temp".main.live_ratings' in plan


def test_views_over_live_views_read_the_snapshot(live_warehouse):
    flagged = run_console_query(live_warehouse, "SELECT review_status, review_notes FROM v_review_status "
                                                "WHERE review_status <> 'pending'")
    assert flagged.frame.rows() == [("flagged", "check the wording")]
    assert flagged.live_tables == {"live_reviews": 1}
    assert _value(live_warehouse, "SELECT count(*) FROM v_conversations WHERE review_status = 'flagged'") == 1
    assert _value(live_warehouse, "SELECT n FROM v_live_empathy_n") == 3  # two views up


def test_only_the_live_views_a_query_reaches_are_copied(live_warehouse):
    assert run_console_query(live_warehouse, "SELECT count(*) FROM personas").live_tables == {}
    assert run_console_query(live_warehouse, "FROM query_table('live_reviews')").live_tables == {"live_reviews": 1}


def test_the_file_backed_view_itself_is_blocked(live_warehouse):
    with pytest.raises(QueryFailed, match="Blocked by the sandbox"):
        run_console_query(live_warehouse, "SELECT * FROM tide.main.live_ratings")


def test_the_snapshot_is_taken_at_query_time(live_warehouse):
    extra = live_warehouse.with_name("tide.live") / "ratings" / "p2.jsonl"
    try:
        _write_jsonl(extra, [_rating(10)])
        assert _value(live_warehouse, "SELECT count(*) FROM live_ratings") == 4
    finally:
        extra.unlink()
    assert _value(live_warehouse, "SELECT count(*) FROM live_ratings") == 3


def test_an_unreadable_live_file_gives_an_empty_table_and_a_warning(live_warehouse):
    broken = live_warehouse.with_name("tide.live") / "ratings" / "p3.jsonl"
    try:
        broken.write_text("{not json\n")
        result = run_console_query(live_warehouse, "SELECT * FROM live_ratings")
    finally:
        broken.unlink()
    assert result.frame.height == 0 and "empathy" in result.frame.columns
    assert result.warnings and result.warnings[0].startswith("live_ratings could not be read")


def test_live_store_records_show_up_in_the_console(fresh_warehouse):
    """Against the lead's warehouse/live.py once it exists: what LiveStore appends, the console sees."""
    live = pytest.importorskip("warehouse.live")
    store = live.LiveStore.for_warehouse(fresh_warehouse)
    store.append("ratings", {"rater_id": "r1", "context": "chat", "empathy": 4})
    first = _value(fresh_warehouse, "SELECT min(conversation_id) FROM conversations")
    store.append("reviews", {"conversation_id": first, "status": "approved", "reviewer": "dr b"})
    assert _value(fresh_warehouse, "SELECT count(*) FROM live_ratings") == 1
    assert _value(fresh_warehouse, f"SELECT review_status FROM v_review_status WHERE conversation_id = '{first}'") \
        == "approved"


# ------------------------------------------------------------------------------------------ results and downloads


def test_result_frames_handle_duplicate_names_and_types_polars_lacks():
    table = duckdb.sql("SELECT 1 AS a, 2 AS a, INTERVAL 1 DAY AS i, [INTERVAL 2 DAY] AS li, "
                       "union_value(k := 'x') AS u").to_arrow_reader(10).read_all()
    frame = console.to_polars(table)
    assert frame.columns == ["a", "a_2", "i", "li", "u"]
    assert frame.row(0)[:3] == (1, 2, "0 months 1 days 0 s") and frame.schema["u"] == pl.String


def test_csv_and_parquet_downloads_are_made_in_memory():
    frame = pl.DataFrame({"id": [1, 2], "tags": [["a", "b"], None], "raw": [b"\x01\xff", None],
                          "point": [{"x": 1}, {"x": 2}]})
    csv = pl.read_csv(io.BytesIO(console.csv_bytes(frame)))
    assert csv["tags"].to_list() == ['["a", "b"]', None] and csv["raw"].to_list() == ["01ff", None]
    assert pl.read_parquet(io.BytesIO(console.parquet_bytes(frame))).equals(frame)


def test_csv_downloads_neutralise_formulas_and_parquet_stays_exact(small_warehouse):
    """OWASP CSV injection: text starting with = + - @ tab or CR gets a leading apostrophe; numbers do not."""
    sql = ("SELECT '=HYPERLINK(\"http://x\",\"y\")' AS a, '+cmd' AS b, '@SUM(1)' AS c, '-2+3' AS d, "
           "chr(9) || '=1' AS e, chr(13) || 'x' AS f, 'plain' AS g, -3 AS n")
    frame = run_console_query(small_warehouse, sql).frame
    row = pl.read_csv(io.BytesIO(console.csv_bytes(frame))).row(0)
    assert row == ("'=HYPERLINK(\"http://x\",\"y\")", "'+cmd", "'@SUM(1)", "'-2+3", "'\t=1", "'\rx", "plain", -3)
    assert pl.read_parquet(io.BytesIO(console.parquet_bytes(frame))).row(0)[0] == '=HYPERLINK("http://x","y")'


def test_values_polars_cannot_format_become_text_not_a_panic(small_warehouse):
    sql = ("SELECT 'infinity'::TIMESTAMP AS t, '-infinity'::DATE AS d, 'infinity'::TIMESTAMPTZ AS tz, "
           "TIMESTAMP '2024-01-01 10:00' AS ok")
    frame = run_console_query(small_warehouse, sql).frame
    assert frame.row(0)[:3] == ("infinity", "-infinity", "infinity") and frame.schema["ok"] == pl.Datetime("us")
    assert console.csv_bytes(frame).decode().splitlines()[1] == "infinity,'-infinity,infinity,2024-01-01T10:00:00.000000"
    str(frame)  # printing panicked too


def test_a_frame_that_cannot_be_written_gives_a_message(monkeypatch):
    def panic(*args, **kwargs):
        raise pl.exceptions.PanicException("invalid or out-of-range datetime")

    monkeypatch.setattr(pl.DataFrame, "write_csv", panic)
    with pytest.raises(console.ConsoleError, match="cannot be written as CSV"):
        console.csv_bytes(pl.DataFrame({"a": [1]}))


def test_schema_catalog_lists_every_column_with_type_and_comment(live_warehouse):
    catalog = console.schema_catalog(live_warehouse)
    kinds = dict(catalog.select("object_name", "kind").unique().iter_rows())
    assert kinds["personas"] == "table" and kinds["v_conversations"] == "view"
    assert kinds["live_ratings"] == "live snapshot"
    tables = catalog.filter(pl.col("kind") == "table")
    assert tables["column_comment"].null_count() == 0 and tables["object_comment"].null_count() == 0
    assert catalog["data_type"].null_count() == 0


def test_every_example_query_runs(small_warehouse):
    examples = console.example_queries()
    assert len(examples) >= 6 and all(e.title and not e.title.startswith("--") for e in examples)
    for example in examples:
        assert run_console_query(small_warehouse, example.sql).statement_type == "SELECT"


# ---------------------------------------------------------------------------------------------------------- page


@pytest.fixture
def page(small_warehouse, monkeypatch):
    monkeypatch.setenv("TIDE_WAREHOUSE", str(small_warehouse))
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(APP, default_timeout=60).switch_page("pages/sql.py")


def _run_sql(at: AppTest, sql: str) -> AppTest:
    at.text_area(key="sql.text").set_value(sql)
    return at.button(key="sql.run").click().run()


def test_page_runs_a_select_and_offers_downloads(page):
    at = page.run()
    assert not at.exception
    assert any("Synthetic data" in i.value for i in at.info)
    assert any("Read-only" in c.value and "snapshot" in c.value for c in at.caption)
    at = _run_sql(at, "SELECT persona_id, age FROM personas ORDER BY persona_id")
    assert not at.exception
    result = at.dataframe[-1].value
    assert result.shape == (24, 2) and list(result.columns) == ["persona_id", "age"]
    assert any(c.value.startswith("24 rows × 2 columns") for c in at.caption)
    assert [b.label for b in at.get("download_button")] == ["Download CSV", "Download Parquet"]
    at = _run_sql(at, "SELECT * FROM conversations")
    assert at.dataframe[-1].value.shape[0] == 480
    at.number_input(key="sql.row_limit").set_value(100)
    at = at.button(key="sql.run").click().run()
    assert at.dataframe[-1].value.shape[0] == 100 and any("Truncated" in w.value for w in at.warning)


def test_page_refuses_a_write_and_changes_nothing(page, small_warehouse):
    before = _digest(small_warehouse)
    at = _run_sql(page.run(), "DELETE FROM personas")
    assert not at.exception
    assert [e.value for e in at.error] == [console._refusal("DELETE")]
    at = _run_sql(at, "SELECT * FROM read_text('/etc/passwd')")
    assert "Blocked by the sandbox" in at.error[0].value and "/etc/passwd" in at.code[0].value
    assert _value(small_warehouse, "SELECT count(*) FROM personas") == 24
    assert _digest(small_warehouse) == before


def test_page_loads_and_runs_an_example(page):
    at = page.run()
    at.selectbox(key="sql.example").set_value("05_split_sizes").run()
    at = at.button(key="sql.load").click().run()
    assert at.text_area(key="sql.text").value.startswith("-- Split sizes")
    assert at.query_params["example"] in ("05_split_sizes", ["05_split_sizes"])
    at = at.button(key="sql.run").click().run()
    assert not at.exception
    assert sorted(at.dataframe[-1].value["split"]) == ["test", "train", "validation"]


def test_page_opens_an_example_from_a_link(page):
    page.query_params["example"] = "02_personas_by_age_and_education"
    at = page.run()
    assert not at.exception
    assert at.text_area(key="sql.text").value.startswith("-- Persona counts")
    assert at.dataframe[-1].value["n_personas"].sum() == 24


def test_page_shows_the_schema_browser(page):
    at = page.run()
    at.selectbox(key="sql.schema_object").set_value("personas").run()
    columns = at.dataframe[1].value
    assert "persona_id" in set(columns["column"]) and columns["comment"].notna().all()
    at = at.button(key="sql.query_object").click().run()
    assert at.text_area(key="sql.text").value == 'SELECT *\nFROM "personas"\nLIMIT 100;'

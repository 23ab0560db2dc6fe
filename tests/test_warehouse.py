"""The warehouse: real DuckDB files, documented columns, example queries, atomic rebuilds, analysts' tools."""

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

import warehouse.loader as loader
from tide_core.errors import WarehouseError
from tide_core.pipeline.build import build_step, load_dataset
from warehouse import dictionary
from warehouse.queries import EXAMPLES_DIR, QUERY_DIR, run_query

DUCKDB_CLI = shutil.which("duckdb", path=str(Path(sys.executable).parent)) or shutil.which("duckdb")


def test_counts_and_flags(small_warehouse):
    with loader.connect_readonly(small_warehouse) as con:
        assert con.execute("SELECT count(*) FROM personas").fetchone() == (24,)
        assert con.execute("SELECT count(*) FROM conversations").fetchone() == (480,)
        assert con.execute("SELECT bool_and(is_synthetic) FROM conversations").fetchone() == (True,)
        assert con.execute("SELECT count(DISTINCT split) FROM splits").fetchone()[0] >= 2
        statuses = con.execute("SELECT DISTINCT review_status FROM v_review_status").fetchall()
        assert statuses == [("pending",)]
        info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
        assert info["n_conversations"] == "480" and info["dataset_source"] == "generator"


def test_every_column_documented_and_dictionary_current():
    with dictionary.schema_connection() as con:
        entries = dictionary.catalog(con)
    assert dictionary.undocumented(entries) == []
    names = {e["name"] for e in entries}
    for table in ("personas", "scenarios", "conversations", "splits", "reviews", "models", "runs", "responses",
                  "metric_scores", "raters", "ratings", "preferences", "training_log", "build_info"):
        assert table in names
    assert dictionary.main(["--check"]) == 0, "docs/data_dictionary.md is stale: run python -m warehouse.dictionary"


def test_column_comments_are_in_the_database(small_warehouse):
    with loader.connect_readonly(small_warehouse) as con:
        n_missing = con.execute(
            "SELECT count(*) FROM duckdb_columns() c JOIN duckdb_tables() t USING (table_name) "
            "WHERE c.database_name = current_database() AND c.comment IS NULL").fetchone()[0]
        comment = con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'conversations' "
                              "AND column_name = 'validates_first'").fetchone()[0]
    assert n_missing == 0
    assert "distress normalization comes before supportive reflection" in comment


@pytest.mark.parametrize("example", sorted(EXAMPLES_DIR.glob("*.sql")), ids=lambda p: p.stem)
def test_example_queries_run(small_warehouse, example):
    with loader.connect_readonly(small_warehouse) as con:
        df = con.sql(example.read_text()).pl()
    assert example.read_text().startswith("-- ")
    if "ratings" not in example.stem:
        assert df.height > 0


def test_named_queries_bind_filters(small_warehouse):
    with loader.connect_readonly(small_warehouse) as con:
        base = dict(scenario=None, trauma_type=None, age_band=None, gender=None, education=None, split=None, review_status=None,
                    risk_only=False, limit=10_000)
        everything = run_query(con, "conversation_list", **base)
        nightmares = run_query(con, "conversation_list", **{**base, "scenario": "nightmare"})
        injected = run_query(con, "conversation_list", **{**base, "scenario": "x' OR '1'='1"})
        assert everything.height == 480
        assert 0 < nightmares.height < 480 and set(nightmares["scenario_id"]) == {"nightmare"}
        assert injected.height == 0
        with pytest.raises(WarehouseError, match="takes parameters"):
            run_query(con, "conversation_list", scenario=None)
        with pytest.raises(WarehouseError, match="no named query"):
            run_query(con, "drop_everything")
    assert all(p.read_text().startswith("-- ") for p in QUERY_DIR.glob("*.sql"))


def test_parquet_export_of_every_table(small_warehouse, tmp_path):
    written = loader.export_parquet(small_warehouse, tmp_path / "pq")
    names = {p.stem for p in written}
    assert {"personas", "conversations", "ratings", "build_info"} <= names
    assert pl.read_parquet(tmp_path / "pq" / "conversations.parquet").height == 480


def test_duckdb_cli_opens_it_readonly_beside_the_library(small_warehouse):
    assert DUCKDB_CLI, "the duckdb CLI (pip duckdb-cli) must be installed"
    with loader.connect_readonly(small_warehouse) as con:  # a dashboard holding the file open read-only
        out = subprocess.run([DUCKDB_CLI, "-readonly", str(small_warehouse), "-csv", "-c",
                              "SELECT count(*) AS n FROM v_conversations"],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        assert out.stdout.split() == ["n", "480"]
        assert con.execute("SELECT count(*) FROM personas").fetchone() == (24,)


def test_reuse_and_force(small_config, tmp_path):
    path = tmp_path / "w.duckdb"
    first = build_step(small_config, path)
    again = build_step(small_config, path)
    forced = build_step(small_config, path, force=True)
    assert (first.reused, again.reused, forced.reused) == (False, True, False)
    changed = build_step(small_config.with_overrides(seed=8), path)
    assert not changed.reused


def test_failed_rebuild_leaves_previous_warehouse(fresh_warehouse, small_config, monkeypatch):
    before = fresh_warehouse.read_bytes()
    real_insert = loader._insert

    def failing_insert(con, table, frame):
        if table == "conversations":
            raise duckdb.ConstraintException("simulated failure while loading conversations")
        real_insert(con, table, frame)

    monkeypatch.setattr(loader, "_insert", failing_insert)
    with pytest.raises(WarehouseError, match="previous warehouse at .* left intact.*simulated failure"):
        build_step(small_config.with_overrides(seed=99), fresh_warehouse)
    assert fresh_warehouse.read_bytes() == before
    assert sorted(p.name for p in fresh_warehouse.parent.iterdir()) == ["tide.duckdb", "tide.live"]  # no temp file


def test_unwritable_location_is_named(small_config):
    with pytest.raises(WarehouseError, match="not writable|cannot create"):
        build_step(small_config, Path("/sys/tide-test.duckdb"))


def test_round_trip_through_warehouse(small_warehouse, small_config):
    from tide_core.dataset import build_dataset

    with loader.connect_readonly(small_warehouse) as con:
        ds = load_dataset(con)
    original = build_dataset(small_config)
    assert ds.conversations.equals(original.conversations)
    assert ds.personas.equals(original.personas)


def test_schema_is_one_file_per_area_found_by_name():
    from warehouse.schema_version import SCHEMA_AREAS, SCHEMA_DIR, schema_file

    assert sorted(p.stem for p in SCHEMA_DIR.glob("*.sql")) == sorted(SCHEMA_AREAS)  # no catch-up files
    assert schema_file("evaluation") == SCHEMA_DIR / "evaluation.sql"
    with pytest.raises(WarehouseError, match="no schema area 'evaluation_extra'; expected one of"):
        schema_file("evaluation_extra")


def _set_version(path: Path, version: int | None) -> None:
    """Make the warehouse at `path` look built by code of another schema version (None: before versions)."""
    with duckdb.connect(str(path)) as con:
        if version is None:
            con.execute("DROP TABLE schema_version")
            con.execute("DROP TABLE findings")  # a table added after it was built
        else:
            con.execute("UPDATE schema_version SET version = ?", [version])


def test_an_old_warehouse_says_to_rebuild_and_is_upgraded_in_place(small_warehouse, tmp_path):
    from warehouse.schema_version import SCHEMA_VERSION
    from warehouse.writer import open_readwrite

    old = loader.copy_warehouse(small_warehouse, tmp_path / "old.duckdb")
    _set_version(old, None)
    expected = (f"warehouse at {old} has schema version 0, this code needs {SCHEMA_VERSION}: rebuild with "
                "`python -m tide_core build` (or the main job")
    with pytest.raises(WarehouseError) as err:
        loader.connect_readonly(old)
    assert str(err.value).startswith(expected)
    with pytest.raises(WarehouseError, match="has schema version 0"), open_readwrite(old):
        pass
    loader.refresh_views(old)  # what `run` and `serve` do first: version 0 only lacks tables and columns
    with loader.connect_readonly(old) as con:
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        assert con.execute("SELECT count(*) FROM findings").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM conversations").fetchone() == (480,)


def test_a_warehouse_of_another_version_is_refused_and_rebuilt_not_reused(fresh_warehouse, small_config):
    from warehouse.schema_version import SCHEMA_VERSION

    _set_version(fresh_warehouse, SCHEMA_VERSION + 1)
    message = f"has schema version {SCHEMA_VERSION + 1}, this code needs {SCHEMA_VERSION}: rebuild with"
    with pytest.raises(WarehouseError, match=message):
        loader.connect_readonly(fresh_warehouse)
    with pytest.raises(WarehouseError, match=message):
        loader.refresh_views(fresh_warehouse)  # no in-place upgrade from a version it does not know
    assert not build_step(small_config, fresh_warehouse).reused  # same config, other schema: rebuilt
    assert loader.file_schema_version(fresh_warehouse) == SCHEMA_VERSION

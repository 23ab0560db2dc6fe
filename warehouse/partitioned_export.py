"""Every warehouse table as Parquet partitioned Hive-style by model and/or scenario, for Spark, Trino or DuckDB.

    python -m tide_core export --format tables --partition-by model,scenario --out exports/
    export_partitioned(Path("warehouse/tide.duckdb"), Path("exports/"), ("model", "scenario"))

Writes `<out>/<table>/model=<model_id>/scenario=<scenario_id>/part-0.parquet`: a query engine that reads the
folder with Hive partitioning (Spark `spark.read.parquet`, a Trino Hive-connector table with
`partitioned_by = ARRAY['model', 'scenario']`, DuckDB `read_parquet(..., hive_partitioning = true)`) skips the
files of the models and scenarios a query filters out. A table gets the keys its rows can be traced to:
model from `model_id`, or through `run_id` -> runs, or `response_id` -> responses -> runs; scenario from
`scenario_id`, or through `conversation_id` -> conversations, or `response_id` -> responses -> conversations
(metric_scores, ratings and blind_codes get both; conversations and reviews the scenario; training_log the model).
A table with none of them is one file `<out>/<table>/part-0.parquet`, as is an empty table (its schema only).
Rows are streamed from DuckDB in record batches, so a table larger than memory is exported too. A NULL key goes
to the `__HIVE_DEFAULT_PARTITION__` folder, as Hive and Spark name it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq

from warehouse.errors import TideError
from warehouse.loader import connect_readonly

PARTITION_KEYS = ("model", "scenario")
_BATCH_ROWS = 100_000
# The joins a key may need, in the order they are added (names from this fixed text, never from input).
_JOINS = {
    "responses": 'LEFT JOIN responses AS x ON x.response_id = t.response_id',
    "runs_t": 'LEFT JOIN runs AS r ON r.run_id = t.run_id',
    "runs_x": 'LEFT JOIN runs AS r ON r.run_id = x.run_id',
    "conv_t": 'LEFT JOIN conversations AS c ON c.conversation_id = t.conversation_id',
    "conv_x": 'LEFT JOIN conversations AS c ON c.conversation_id = x.conversation_id',
}


def parse_partition_by(value: str | None) -> tuple[str, ...]:
    """`model,scenario` -> ("model", "scenario"); an unknown or repeated key raises naming the expected ones."""
    keys = tuple(k.strip() for k in (value or "").split(",") if k.strip())
    unknown = [k for k in keys if k not in PARTITION_KEYS]
    if unknown or len(set(keys)) != len(keys) or not keys:
        raise TideError(f"--partition-by {value!r}: expected a comma-separated subset of {list(PARTITION_KEYS)}, "
                        "each once (e.g. model,scenario)")
    return keys


def _key_sources(columns: set[str]) -> dict[str, tuple[str, list[str]]]:
    """For each key this table can carry: (SQL expression, joins it needs)."""
    out: dict[str, tuple[str, list[str]]] = {}
    if "model_id" in columns:
        out["model"] = ("t.model_id", [])
    elif "run_id" in columns:
        out["model"] = ("r.model_id", ["runs_t"])
    elif "response_id" in columns:
        out["model"] = ("r.model_id", ["responses", "runs_x"])
    if "scenario_id" in columns:
        out["scenario"] = ("t.scenario_id", [])
    elif "conversation_id" in columns:
        out["scenario"] = ("c.scenario_id", ["conv_t"])
    elif "response_id" in columns:
        out["scenario"] = ("c.scenario_id", ["responses", "conv_x"])
    return out


def table_query(table: str, columns: list[str], keys: tuple[str, ...]) -> tuple[str, list[str]]:
    """The SELECT that adds the partition columns `table` can carry, and which keys those are."""
    clash = [k for k in keys if k in columns]
    if clash:
        raise TideError(f"table {table} already has a column named {clash}; expected partition keys it lacks")
    sources = _key_sources(set(columns))
    used = [k for k in keys if k in sources]
    joins: list[str] = []
    for key in used:
        joins += [j for j in sources[key][1] if j not in joins]
    extra = "".join(f", {sources[k][0]} AS {k}" for k in used)
    return f'SELECT t.*{extra} FROM "{table}" AS t ' + " ".join(_JOINS[j] for j in joins), used


def _tables(con) -> dict[str, list[str]]:
    rows = con.execute("SELECT table_name, list(column_name ORDER BY column_index) FROM duckdb_columns() "
                       "WHERE database_name = current_database() AND table_name IN (SELECT table_name FROM "
                       "duckdb_tables() WHERE database_name = current_database()) GROUP BY 1 ORDER BY 1").fetchall()
    return dict(rows)


def _write_table(con, sql: str, used: list[str], folder: Path) -> None:
    reader = con.sql(sql).to_arrow_reader(_BATCH_ROWS)
    ds.write_dataset(reader, folder, format="parquet", partitioning=used or None,
                     partitioning_flavor="hive" if used else None, basename_template="part-{i}.parquet",
                     existing_data_behavior="overwrite_or_ignore")


def export_partitioned(path: Path, out_dir: Path, keys: tuple[str, ...]) -> list[Path]:
    """Every base table under `out_dir/<table>/`, partitioned by the `keys` it can carry; returns the files."""
    out_dir = Path(out_dir)
    written: list[Path] = []
    with connect_readonly(path) as con:
        for table, columns in _tables(con).items():
            sql, used = table_query(table, columns, keys)
            folder = out_dir / table
            shutil.rmtree(folder, ignore_errors=True)  # a re-export replaces the table's folder whole
            folder.mkdir(parents=True)
            _write_table(con, sql, used, folder)
            files = sorted(folder.rglob("*.parquet"))
            if not files:  # an empty partitioned table: keep its schema readable
                _write_empty(con, sql, folder, used)
                files = sorted(folder.rglob("*.parquet"))
            written += files
    return written


def _write_empty(con, sql: str, folder: Path, used: list[str]) -> None:
    table = con.sql(f"SELECT * FROM ({sql}) LIMIT 0").to_arrow_table()
    pq.write_table(table.drop_columns(used), folder / "part-0.parquet")

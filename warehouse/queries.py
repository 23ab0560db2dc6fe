"""Named queries: each is a .sql file under warehouse/queries/ with `$name` parameters, always bound.

    run_query(con, "conversation_list", scenario="nightmare", ...) -> polars.DataFrame

Pages and the CLI call these; they never write SQL of their own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from warehouse.errors import WarehouseError

QUERY_DIR = Path(__file__).resolve().parent / "queries"
EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


@cache
def load_query(name: str) -> str:
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        known = sorted(p.stem for p in QUERY_DIR.glob("*.sql"))
        raise WarehouseError(f"no named query {name!r}; expected one of {known}")
    return path.read_text()


def query_params(name: str) -> set[str]:
    return set(_PARAM.findall(load_query(name)))


def _check_params(name: str, params: dict[str, object]) -> None:
    expected = query_params(name)
    if set(params) != expected:
        raise WarehouseError(f"query {name!r} takes parameters {sorted(expected)}, got {sorted(params)}")


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pl.DataFrame:
    """Run a named query with its parameters bound; missing or extra parameters raise WarehouseError."""
    _check_params(name, params)
    cur = con.cursor()  # one cursor per query: a connection is not safe to share between threads
    try:
        return cur.sql(load_query(name), params=params or None).pl()
    finally:
        cur.close()


def query_relation(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> duckdb.DuckDBPyRelation:
    """A named query as a relation on `con` itself, so inside its open transaction (run_query uses a cursor, a
    connection of its own); fetch it with .pl() or .fetchall(). Parameters are checked as in run_query."""
    _check_params(name, params)
    return con.sql(load_query(name), params=params or None)


def read_tables(con: duckdb.DuckDBPyConnection, schemas: Mapping[str, Mapping[str, pl.DataType]]
                ) -> dict[str, pl.DataFrame]:
    """Each table named in `schemas` (fixed names from code, never input), ordered by its schema's first column and
    cast to that schema (tide_core.pipeline.build.load_dataset reads a Dataset with it)."""
    frames = {}
    for table, schema in schemas.items():
        key = next(iter(schema))
        df = con.sql(f'SELECT * FROM "{table}" ORDER BY "{key}"').pl()
        frames[table] = df.select([pl.col(c).cast(t) for c, t in schema.items()])
    return frames


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the warehouse on `con` has a table called `name` (queries/table_exists.sql)."""
    return bool(query_relation(con, "table_exists", table_name=name).fetchall()[0][0])


def build_info_value(con: duckdb.DuckDBPyConnection, key: str, default: str | None = None) -> str | None:
    """The build_info value stored under `key`, or `default` when there is no such row."""
    row = con.execute("SELECT value FROM build_info WHERE key = ?", [key]).fetchone()
    return row[0] if row else default

"""Named queries: each is a .sql file under warehouse/queries/ with `$name` parameters, always bound.

    run_query(con, "conversation_list", scenario="nightmare", ...) -> polars.DataFrame

Pages and the CLI call these; they never write SQL of their own.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from tide_core.dataset import (
    CONVERSATION_SCHEMA,
    PERSONA_SCHEMA,
    SCENARIO_SCHEMA,
    SPLIT_SCHEMA,
    Dataset,
)
from tide_core.errors import WarehouseError

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


def load_dataset(con: duckdb.DuckDBPyConnection) -> Dataset:
    """The dataset tables of a warehouse as a Dataset with the canonical schemas."""
    frames = {}
    for table, schema in (("personas", PERSONA_SCHEMA), ("scenarios", SCENARIO_SCHEMA),
                          ("conversations", CONVERSATION_SCHEMA), ("splits", SPLIT_SCHEMA)):
        key = next(iter(schema))
        df = con.sql(f'SELECT * FROM "{table}" ORDER BY "{key}"').pl()
        frames[table] = df.select([pl.col(c).cast(t) for c, t in schema.items()])
    source = con.execute("SELECT value FROM build_info WHERE key = 'dataset_source'").fetchone()
    return Dataset(**frames, source=source[0] if source else "generator")

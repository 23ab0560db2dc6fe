"""Writing pipeline results (runs, responses, metrics, ratings, statistics) into an existing warehouse.

The main job's later stages run before the dashboard starts, so they may hold the file read-write briefly.
Each batch is one transaction: a crash leaves the warehouse as it was before that batch, and re-running a stage
resumes (rows are keyed, inserts skip keys that exist). Append frames with `append_frame`; values are bound
through Arrow, never formatted into SQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from warehouse.errors import WarehouseError
from warehouse.schema_version import check_schema_version


@contextmanager
def open_readwrite(path: Path, check_version: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to an existing warehouse; closed (and checkpointed) on exit. Raises WarehouseError
    saying to rebuild when the warehouse has another schema version (check_version=False: the upgrade itself)."""
    path = Path(path)
    if not path.is_file():
        raise WarehouseError(f"no warehouse at {path}; build it with `python -m tide_core build`")
    try:
        con = duckdb.connect(str(path))
    except duckdb.IOException as exc:
        raise WarehouseError(f"cannot open {path} for writing (is another process holding it?): {exc}") from exc
    try:
        if check_version:
            check_schema_version(con, path)
        yield con
        con.execute("CHECKPOINT")
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.execute("BEGIN")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def append_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, skip_existing: bool = True) -> int:
    """Insert `frame` into `table` by column name; with skip_existing, rows whose key exists are skipped.

    `table` must be a warehouse table name from code, never from user input. Returns rows offered.
    """
    if frame.is_empty():
        return 0
    con.register("_append", frame.to_arrow())
    try:
        conflict = " ON CONFLICT DO NOTHING" if skip_existing else ""
        con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM _append{conflict}')
    finally:
        try:
            con.unregister("_append")
        except duckdb.TransactionException:
            pass  # the failed insert aborted the transaction; let its own error surface, not this one
    return frame.height

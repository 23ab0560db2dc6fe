"""Warehouse writes of the crisis-detector evaluation (tables in schema/safety.sql).

    write_safety_eval(path, report.frames())     # one transaction: the version's old rows replaced, new ones in

The schema is applied first (IF NOT EXISTS), so a warehouse built before these tables existed gains them.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from warehouse.queries import load_query
from warehouse.schema_version import apply_sql, schema_file
from warehouse.writer import append_frame, open_readwrite, transaction

SCHEMA_FILE = schema_file("safety")
TABLES = ("safety_detector_versions", "safety_eval_metrics", "safety_eval_confusion", "safety_eval_cases")


def write_safety_eval(path: Path, frames: dict[str, pl.DataFrame]) -> None:
    """Replace the stored evaluation of the frames' detector version with `frames` (table name -> rows)."""
    version = frames["safety_detector_versions"]["detector_version"][0]
    with open_readwrite(path) as con:
        apply_sql(con, [SCHEMA_FILE])
        with transaction(con):
            for statement in filter(str.strip, load_query("safety_delete_version").split(";")):
                if "DELETE" in statement:
                    con.execute(statement, {"version": version})
            for table in TABLES:
                if frames[table].height:
                    append_frame(con, table, frames[table], skip_existing=False)

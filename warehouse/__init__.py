"""The DuckDB warehouse: schema and views as .sql files, named queries, the loader, the live store, the console."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parent / "tide.duckdb"


def warehouse_path() -> Path:
    """The warehouse file of every command, script and the dashboard: $TIDE_WAREHOUSE, else warehouse/tide.duckdb."""
    return Path(os.environ.get("TIDE_WAREHOUSE", DEFAULT_PATH))

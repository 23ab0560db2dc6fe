"""Read-only, cached access to the warehouse for the pages.

The connection is cached per (path, modification time): when `python -m tide_core build` swaps in a new
warehouse file, the next rerun opens the new one. Query results are cached per (query, parameters, mtime).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import streamlit as st

from warehouse import warehouse_path
from warehouse.loader import connect_readonly
from warehouse.queries import run_query


def warehouse_version() -> float:
    """Modification time of the warehouse file (0 when missing): part of every cache key."""
    p = warehouse_path()
    return p.stat().st_mtime if p.is_file() else 0.0


@st.cache_resource(max_entries=2)
def _connection(path: str, version: float) -> duckdb.DuckDBPyConnection:
    return connect_readonly(Path(path))


@st.cache_data(max_entries=256, show_spinner=False)
def _cached_query(path: str, version: float, live_version: tuple | None, name: str, params: tuple) -> pl.DataFrame:
    """One cache for both kinds of query; `live_version` is None for queries that read no live records."""
    return run_query(_connection(path, version), name, **dict(params))


def query(name: str, **params: object) -> pl.DataFrame:
    """Run a named query (warehouse/queries/<name>.sql) with bound parameters, cached."""
    return _cached_query(str(warehouse_path()), warehouse_version(), None, name, tuple(sorted(params.items())))


def live_store():
    """The live store beside the warehouse: where the pages write ratings, preferences, reviews and crisis counts."""
    from warehouse.live import LiveStore

    return LiveStore.for_warehouse(warehouse_path())


def live_query(name: str, **params: object) -> pl.DataFrame:
    """Like `query`, for queries that read live records (live_* views, v_review_status, v_review_history, ...): the
    cache key includes the live files' names and sizes, so a rating that lands shows on the next rerun."""
    return _cached_query(str(warehouse_path()), warehouse_version(), live_store().version(), name,
                         tuple(sorted(params.items())))


def dataset_counts_or_stop() -> dict:
    """Headline counts of the warehouse, after drawing the synthetic-data banner; stops the page with a clear
    message when there is no warehouse yet."""
    from dashboard.components import SYNTHETIC_NOTE

    if not warehouse_version():
        st.error(f"No warehouse at {warehouse_path()}. Build it with `python -m tide_core run`.")
        st.stop()
    counts = live_query("dataset_counts").row(0, named=True)
    if counts["any_synthetic"]:
        st.info(SYNTHETIC_NOTE, icon=":material/science:")
    return counts

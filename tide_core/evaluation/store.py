"""Warehouse reads and writes of the evaluation stage. Table names are fixed here, values always bound.

Every statement is a named query (warehouse/queries/eval_*.sql), run on the stage's own connection so that it sees
the stage's open transaction. The dashboard only reads what these functions write; the statistics read the frames
these functions build.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import duckdb
import polars as pl

from tide_core.errors import WarehouseError
from tide_core.evaluation import EVAL_VERSION
from warehouse.loader import view_file
from warehouse.queries import query_relation
from warehouse.schema_version import schema_file
from warehouse.writer import append_frame, transaction

if TYPE_CHECKING:
    from tide_core.evaluation.analysis_run import AnalysisOutput

SCHEMA_FILE = schema_file("evaluation")
# The views the evaluation stage creates in a warehouse built before they existed, by name, in dependency order.
EVALUATION_VIEWS = ("v_response_scores", "v_latest_findings", "v_latest_stat_results", "v_safety_by_model",
                    "v_blind_audit", "v_ratings_all")

# Item features the panel and the statistics use, pivoted from metric_scores (one column each in
# warehouse/queries/eval_item_features.sql, in this order).
FEATURES = ("cosine_minilm", "rougeL", "bleu", "chrf", "factor_er", "factor_dn", "factor_sr", "n_factors",
            "validates_first", "layered", "n_words", "n_sentences", "crisis_resources", "risk_handled",
            "harm_minimising", "harm_diagnosing", "harm_promises")
_ITEM_COLUMNS = ("response_id", "conversation_id", "scenario_id", "is_risk", "model_id", "mode", "params_millions",
                 "system")


def first_row(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> tuple | None:
    """The first row of a named query, or None. Fetches the whole (small) result: duckdb 2.0 refuses further work on
    a connection while a result is only partly fetched (fetchone leaves it open)."""
    rows = query_relation(con, name, **params).fetchall()
    return rows[0] if rows else None


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the evaluation tables and views when a warehouse was built before they existed."""
    have = {r[0] for r in query_relation(con, "eval_view_names").fetchall()}
    con.execute(SCHEMA_FILE.read_text())
    for name in EVALUATION_VIEWS:
        if name not in have:
            con.execute(view_file(name).read_text())


def unscored_responses(con: duckdb.DuckDBPyConnection, metrics: list[str]) -> pl.DataFrame:
    """Responses lacking a row for any of `metrics`, with their reference (a clinician's edit wins) and risk flag."""
    return query_relation(con, "eval_unscored_responses", metrics=metrics).pl()


def item_features(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row per scored response: system, conversation, scenario, size and the FEATURES (wide)."""
    frame = query_relation(con, "eval_item_features").pl()
    if tuple(frame.columns) != _ITEM_COLUMNS + FEATURES:
        raise WarehouseError(f"eval_item_features.sql returns {frame.columns}; expected {_ITEM_COLUMNS + FEATURES}")
    return frame


def ratings_frame(con: duckdb.DuckDBPyConnection, simulated: bool, panel_id: str | None = None) -> pl.DataFrame:
    """Ratings of one data source with rater demographics and exclusion flags (consent, attention checks).

    With `panel_id`, only that simulated panel's ratings (panels are separate simulations, never pooled). Real
    ratings are the imported ones plus the Rate page's live study ratings (view v_ratings_all).
    """
    return query_relation(con, "eval_ratings_frame", simulated=simulated, panel_id=panel_id).pl()


def ratings_fingerprint(con: duckdb.DuckDBPyConnection, simulated: bool, panel_id: str | None = None) -> str:
    """Cheap content hash of one data source's ratings and of the metric scores they are analysed with."""
    r = first_row(con, "eval_ratings_fingerprint", simulated=simulated, panel_id=panel_id)
    return f"{panel_id or ''}|{r[0]}|{r[1]}"


def latest_panel(con: duckdb.DuckDBPyConnection, purpose: str = "default_study") -> str | None:
    row = first_row(con, "eval_latest_panel", purpose=purpose)
    return row[0] if row else None


def panel_covers(con: duckdb.DuckDBPyConnection, panel_id: str) -> bool:
    """True when the panel's blind codes cover every scored response (else new responses need a new panel)."""
    (missing,) = first_row(con, "eval_panel_missing", panel_id=panel_id)
    return missing == 0


def response_count(con: duckdb.DuckDBPyConnection) -> int:
    (n,) = first_row(con, "eval_response_count")
    return n


def write_analysis(con: duckdb.DuckDBPyConnection, out: AnalysisOutput) -> None:
    """Store a statistics pass (analysis_run.run_statistics): analysis_runs row, stat_results and findings, in one
    transaction."""
    run = {"analysis_id": out.analysis_id, "data_source": out.data_source, "inputs_fingerprint": out.fingerprint,
           "n_ratings": out.n_ratings, "n_raters": out.n_raters, "n_excluded_raters": out.n_excluded_raters,
           "n_responses": out.n_responses, "seconds": out.seconds, "code_version": EVAL_VERSION,
           "created_at": datetime.now(UTC).replace(tzinfo=None)}
    with transaction(con):
        append_frame(con, "analysis_runs", pl.DataFrame([run]))
        if out.rows:
            append_frame(con, "stat_results", pl.DataFrame([r.record(out.analysis_id) for r in out.rows],
                                                           infer_schema_length=None))
        append_frame(con, "findings", pl.DataFrame(out.findings, infer_schema_length=None))


def latest_fingerprint(con: duckdb.DuckDBPyConnection, data_source: str) -> str | None:
    """The inputs fingerprint of the latest statistics pass on `data_source`, or None."""
    row = first_row(con, "eval_latest_analysis_fingerprint", data_source=data_source)
    return row[0] if row else None

"""Warehouse reads and writes of the evaluation stage. Table names are fixed here, values always bound.

The dashboard only reads what these functions write; the statistics read the frames these functions build.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "warehouse" / "schema" / "06_evaluation_extra.sql"
VIEW_FILES = sorted((Path(__file__).resolve().parents[2] / "warehouse" / "views").glob("2*_*.sql"))

# Item features the panel and the statistics use, pivoted from metric_scores.
FEATURES = ("cosine_minilm", "rougeL", "bleu", "chrf", "factor_er", "factor_dn", "factor_sr", "n_factors",
            "validates_first", "layered", "n_words", "n_sentences", "crisis_resources", "risk_handled",
            "harm_minimising", "harm_diagnosing", "harm_promises")


def first_row(con: duckdb.DuckDBPyConnection, sql: str, params=None) -> tuple | None:
    """The first row of a query, or None. Fetches the whole (small) result: duckdb 2.0 refuses further work on a
    connection while a result is only partly fetched (fetchone leaves it open)."""
    rows = con.execute(sql, params).fetchall()
    return rows[0] if rows else None


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the evaluation tables and views when a warehouse was built before they existed."""
    have = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    con.execute(SCHEMA_FILE.read_text())
    for f in VIEW_FILES:
        name = f.stem.split("_", 1)[1]
        if name not in have:
            con.execute(f.read_text())


def unscored_responses(con: duckdb.DuckDBPyConnection, metrics: list[str]) -> pl.DataFrame:
    """Responses lacking a row for any of `metrics`, with their reference (a clinician's edit wins) and risk flag."""
    return con.sql("""
        SELECT r.response_id, r.response_text, c.is_risk,
               CASE WHEN rs.review_status = 'edited' AND rs.edited_reply IS NOT NULL THEN rs.edited_reply
                    ELSE c.reference_reply END AS reference_reply
        FROM responses AS r
        JOIN conversations AS c USING (conversation_id)
        LEFT JOIN v_review_status AS rs USING (conversation_id)
        WHERE (SELECT count(DISTINCT m.metric) FROM metric_scores AS m
               WHERE m.response_id = r.response_id AND list_contains($metrics, m.metric)) < len($metrics)
        ORDER BY r.response_id
    """, params={"metrics": metrics}).pl()


def item_features(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row per scored response: system, conversation, scenario, size and the FEATURES (wide)."""
    cols = ", ".join(f"max(ms.value) FILTER (WHERE ms.metric = '{m}') AS {m}" for m in FEATURES)  # fixed names
    return con.sql(f"""
        SELECT r.response_id, r.conversation_id, c.scenario_id, c.is_risk, ru.model_id, ru.mode,
               m.params_millions, ru.model_id || '/' || ru.mode AS system, {cols}
        FROM responses AS r
        JOIN runs AS ru USING (run_id)
        JOIN models AS m USING (model_id)
        JOIN conversations AS c USING (conversation_id)
        JOIN metric_scores AS ms USING (response_id)
        GROUP BY ALL ORDER BY r.response_id
    """).pl()


def ratings_frame(con: duckdb.DuckDBPyConnection, simulated: bool, panel_id: str | None = None) -> pl.DataFrame:
    """Ratings of one data source with rater demographics and exclusion flags (consent, attention checks).

    With `panel_id`, only that simulated panel's ratings (panels are separate simulations, never pooled). Real
    ratings are the imported ones plus the Rate page's live study ratings (view v_ratings_all).
    """
    return con.sql("""
        SELECT rating_id, rater_id, response_id, empathy, emotion_recognition, distress_normalization,
               supportive_reflection, seconds_spent, attention_check_passed, age_band, gender, education, consent,
               bool_or(NOT coalesce(attention_check_passed, true)) OVER (PARTITION BY rater_id) AS rater_failed_check
        FROM v_ratings_all
        WHERE is_simulated = $sim AND ($panel IS NULL OR panel_id = $panel)
        ORDER BY rating_id
    """, params={"sim": simulated, "panel": panel_id}).pl()


def ratings_fingerprint(con: duckdb.DuckDBPyConnection, simulated: bool, panel_id: str | None = None) -> str:
    """Cheap content hash of one data source's ratings and of the metric scores they are analysed with."""
    r = first_row(con, """
        SELECT (SELECT count(*) || ':' || coalesce(sum(hash(rating_id, empathy, emotion_recognition,
                        distress_normalization, supportive_reflection, attention_check_passed)), 0)
                FROM v_ratings_all
                WHERE is_simulated = $sim AND ($panel IS NULL OR panel_id = $panel)),
               (SELECT count(*) || ':' || coalesce(sum(hash(response_id, metric, value)), 0) FROM metric_scores)
    """, {"sim": simulated, "panel": panel_id})
    return f"{panel_id or ''}|{r[0]}|{r[1]}"


def latest_panel(con: duckdb.DuckDBPyConnection, purpose: str = "default_study") -> str | None:
    row = first_row(con, "SELECT panel_id FROM rater_panels WHERE purpose = ? ORDER BY created_at DESC, panel_id DESC "
                    "LIMIT 1", [purpose])
    return row[0] if row else None


def panel_covers(con: duckdb.DuckDBPyConnection, panel_id: str) -> bool:
    """True when the panel's blind codes cover every scored response (else new responses need a new panel)."""
    (missing,) = first_row(con, """
        SELECT count(*) FROM (SELECT DISTINCT response_id FROM metric_scores) AS s
        WHERE s.response_id NOT IN (SELECT response_id FROM blind_codes WHERE study_id = ?)
    """, [panel_id])
    return missing == 0

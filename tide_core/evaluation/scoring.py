"""Score every response that lacks scores: automatic metrics, factor profile, length, repetition, safety.

Idempotent: a response counts as scored when it has a row for every registered metric; rows already stored are
kept (inserts skip existing keys). Each chunk of responses is one transaction, so an interruption loses at most
one chunk and a rerun resumes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import duckdb
import polars as pl

from tide_core.evaluation import factor_classifier as fc
from tide_core.evaluation.embeddings import Encoder
from tide_core.evaluation.metrics import ScoringBatch, metric_names, score_batch
from tide_core.evaluation.store import unscored_responses
from warehouse.writer import append_frame, transaction

log = logging.getLogger(__name__)
METRIC_SCHEMA = {"response_id": pl.String, "metric": pl.String, "value": pl.Float64, "metric_version": pl.String,
                 "is_missing": pl.Boolean, "missing_reason": pl.String}


def ensure_classifier(con: duckdb.DuckDBPyConnection, encoder: Encoder,
                      cfg: fc.TrainingConfig | None = None) -> fc.FactorClassifier:
    """The stored classifier for this encoder, or a new one trained on the reference spans and stored."""
    clf = fc.load_latest(con, encoder.key)
    if clf is not None:
        return clf

    clf, provenance = fc.train_classifier(con, encoder, cfg or fc.TrainingConfig())
    with transaction(con):
        fc.store(con, provenance)
    return clf


def score_frame(items: pl.DataFrame, encoder: Encoder, clf: fc.FactorClassifier | None) -> pl.DataFrame:
    """metric_scores rows for `items` (response_id, response_text, reference_reply, is_risk)."""
    batch = ScoringBatch(items["response_id"].to_list(), items["response_text"].to_list(),
                         items["reference_reply"].to_list(), items["is_risk"].to_list(), encoder, clf)
    return pl.DataFrame([r.as_dict() for r in score_batch(batch)], schema=METRIC_SCHEMA)


def score_responses(con: duckdb.DuckDBPyConnection, encoder: Encoder, clf: fc.FactorClassifier,
                    chunk: int = 256, progress: Callable[[int, int], None] | None = None) -> int:
    """Score the responses lacking scores, `chunk` per transaction. Returns how many responses were scored."""
    todo = unscored_responses(con, metric_names())
    for start in range(0, todo.height, chunk):
        rows = score_frame(todo.slice(start, chunk), encoder, clf)
        with transaction(con):
            append_frame(con, "metric_scores", rows)
        if progress:
            progress(min(start + chunk, todo.height), todo.height)
    log.info("scored %d responses", todo.height)
    return todo.height

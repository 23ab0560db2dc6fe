"""The main job's evaluation step: score, simulate the default panel, run the statistics, write the findings.

    from tide_core.pipeline.evaluate import evaluation_step
    result = evaluation_step(Path("warehouse/tide.duckdb"))

Every part is idempotent: responses already scored are skipped, the default panel is simulated only when no panel
covers the scored responses, and a statistics pass is rerun only when its inputs changed (analysis_runs keeps the
fingerprint). A rerun on an unchanged warehouse takes seconds. When the warehouse holds no model responses at all,
the synthetic systems (tide_core.evaluation.variants; models.weights_source = 'synthetic_variant') are inserted so
the study's pipeline has something to evaluate; real model responses, once generated, are scored and rated too.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from tide_core.evaluation import store
from tide_core.evaluation.analysis_run import run_statistics
from tide_core.evaluation.embeddings import default_encoder
from tide_core.evaluation.panel import PanelConfig, simulate_panel, write_panel
from tide_core.evaluation.scoring import ensure_classifier, score_responses
from tide_core.evaluation.variants import insert_synthetic_systems
from warehouse.queries import query_relation
from warehouse.writer import open_readwrite, transaction

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]  # (step, done, total)


@dataclass(frozen=True)
class EvaluationResult:
    path: Path
    seconds: float
    synthetic_responses_added: int
    n_scored: int
    n_responses: int
    classifier_version: str
    classifier_accuracy: dict[str, float]
    panel_id: str | None
    panel_simulated: bool
    analyses_run: list[str] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)


def _add_synthetic_if_empty(con: duckdb.DuckDBPyConnection, n_conversations: int, seed: int) -> int:
    if store.response_count(con):
        return 0
    log.info("no model responses in the warehouse: adding the synthetic systems for %d conversations", n_conversations)
    with transaction(con):
        return insert_synthetic_systems(con, n_conversations, seed)


def _ensure_panel(con: duckdb.DuckDBPyConnection, cfg: PanelConfig) -> tuple[str | None, bool]:
    """The default-study panel covering the scored responses; simulated when missing. Returns (id, simulated)."""
    current = store.latest_panel(con)
    if current and store.panel_covers(con, current):
        return current, False
    items = store.item_features(con)
    if items.is_empty():
        return current, False
    digest = hashlib.sha1("\n".join(items["response_id"].sort()).encode()).hexdigest()[:12]
    panel = simulate_panel(items, replace(cfg, items_fingerprint=digest))
    write_panel(con, panel)
    log.info("simulated panel %s: %d raters, %d ratings", panel.config.panel_id, panel.raters.height,
             panel.ratings.height)
    return panel.config.panel_id, True


def _run_analyses(con: duckdb.DuckDBPyConnection, panel_id: str | None, seed: int, n_boot: int) -> list[str]:
    """Statistics for the simulated panel and, separately, for real ratings; skipped when inputs are unchanged."""
    done = []
    items = store.item_features(con)
    for source, simulated, panel in (("simulated", True, panel_id), ("real", False, None)):
        if simulated and panel is None:
            continue
        fingerprint = store.ratings_fingerprint(con, simulated, panel)
        if store.latest_fingerprint(con, source) == fingerprint:
            continue
        ratings = store.ratings_frame(con, simulated, panel)
        if ratings.is_empty():
            continue
        out = run_statistics(ratings, items, source, fingerprint, n_boot=n_boot, seed=seed)
        store.write_analysis(con, out)
        done.append(out.analysis_id)
    return done


def _latest_findings(con: duckdb.DuckDBPyConnection) -> list[dict]:
    return query_relation(con, "eval_latest_findings_all").pl().to_dicts()


def evaluation_step(warehouse_path: Path, seed: int = 13, progress: Progress | None = None, *,
                    cache_dir: Path | None = None, panel: PanelConfig | None = None, n_boot: int = 500,
                    synthetic_conversations: int = 40) -> EvaluationResult:
    """Score unscored responses, simulate the default panel if none covers them, run the statistics, write
    findings. Raises WarehouseError when the warehouse cannot be opened for writing."""
    started = time.perf_counter()
    report = progress or (lambda step, done, total: None)
    with open_readwrite(Path(warehouse_path)) as con:
        store.ensure_schema(con)
        added = _add_synthetic_if_empty(con, synthetic_conversations, seed)
        encoder = default_encoder(cache_dir)
        report("classifier", 0, 1)
        clf = ensure_classifier(con, encoder)
        n_scored = score_responses(con, encoder, clf, progress=lambda d, t: report("scoring", d, t))
        report("panel", 0, 1)
        panel_id, simulated = _ensure_panel(con, panel or PanelConfig(seed=seed))
        report("statistics", 0, 1)
        analyses = _run_analyses(con, panel_id, seed, n_boot)
        n_resp = store.response_count(con)
        result = EvaluationResult(Path(warehouse_path), time.perf_counter() - started, added, n_scored, n_resp,
                                  clf.version, clf.accuracy, panel_id, simulated, analyses, _latest_findings(con))
    report("done", 1, 1)
    log.info("evaluation step done in %.1f s (%d scored, panel %s, %d analyses)", result.seconds, n_scored, panel_id,
             len(analyses))
    return result

"""The main job's build stage, reusable from the CLI, benchmarks and tests.

`build_step` builds the dataset and the warehouse, or reuses the warehouse when it was built from the same
config and the same generator code and bank files (its build_info fingerprint matches; see
tide_core.generator_version) with this code's schema version (warehouse/schema_version.py).
`import_step` loads an imported dataset (tide_core.tide_format) into a fresh warehouse instead; `load_dataset`
reads a warehouse's dataset tables back; `report_rows` and `quality_rows` are the rows of the quality and variety
reports stored beside them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tide_core.config import DatasetConfig
from tide_core.dataset import (
    CONVERSATION_SCHEMA,
    PERSONA_SCHEMA,
    SCENARIO_SCHEMA,
    SPLIT_SCHEMA,
    Dataset,
    build_dataset,
    build_info,
)
from tide_core.generator_version import generator_version
from tide_core.quality import quality_report
from tide_core.variety import variety_report
from warehouse.loader import build_warehouse, file_schema_version, read_build_info
from warehouse.queries import build_info_value, read_tables
from warehouse.schema_version import SCHEMA_VERSION

if TYPE_CHECKING:
    import duckdb

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildResult:
    path: Path
    reused: bool
    seconds: float
    n_personas: int
    n_conversations: int


def load_dataset(con: duckdb.DuckDBPyConnection) -> Dataset:
    """The dataset tables of a warehouse (an open connection) as a Dataset with the canonical schemas."""
    frames = read_tables(con, {"personas": PERSONA_SCHEMA, "scenarios": SCENARIO_SCHEMA,
                               "conversations": CONVERSATION_SCHEMA, "splits": SPLIT_SCHEMA})
    return Dataset(**frames, source=build_info_value(con, "dataset_source", "generator"))


def report_rows(ds: Dataset, fingerprint: str, distinct: dict[str, tuple[float, float]] | None = None) -> list[dict]:
    """The quality report's rows for the warehouse (tide_core.quality), tagged with the build's fingerprint;
    `distinct` (scope -> distinct-1, distinct-2) reuses the variety report's figures instead of measuring again."""
    return quality_report(ds.conversations, distinct=distinct).rows(fingerprint)


def quality_rows(ds: Dataset) -> list[dict]:
    return [row for report in _variety(ds).values() for row in report.rows()]


def _variety(ds: Dataset) -> dict:
    return {scope: variety_report(scope, ds.conversations[scope].to_list())
            for scope in ("client_message", "reference_reply")}


def _both_reports(ds: Dataset, fingerprint: str) -> tuple[list[dict], list[dict]]:
    """Rows of dataset_quality (variety) and of dataset_quality_report, measuring distinct-n once."""
    variety = _variety(ds)
    distinct = {scope: (v.distinct_1, v.distinct_2) for scope, v in variety.items()}
    return [row for v in variety.values() for row in v.rows()], report_rows(ds, fingerprint, distinct)


def build_step(
    cfg: DatasetConfig,
    path: Path,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
) -> BuildResult:
    started = time.perf_counter()
    info = read_build_info(path)
    if not force and info and info.get("dataset_source", "").startswith("claude:"):
        # A Claude-built dataset (tide_core/claude_build) is paid for: the main job's stages run on it as it is.
        log.info("warehouse %s holds a Claude-built dataset (%s); using it as it is", path, info["dataset_source"])
        return BuildResult(path, True, time.perf_counter() - started, int(info["n_personas"]),
                           int(info["n_conversations"]))
    current = info is not None and file_schema_version(path) == SCHEMA_VERSION  # an older schema: rebuild
    if not force and current and info.get("config_fingerprint") == cfg.fingerprint():
        log.info("warehouse %s is up to date (fingerprint %s); reusing it", path, cfg.fingerprint())
        return BuildResult(path, True, time.perf_counter() - started, int(info["n_personas"]),
                           int(info["n_conversations"]))
    ds = build_dataset(cfg, progress)
    meta = build_info(cfg, ds, time.perf_counter() - started)
    build_warehouse(ds, meta, path, *_both_reports(ds, meta["config_fingerprint"]))
    return BuildResult(path, False, time.perf_counter() - started, ds.personas.height, ds.conversations.height)


def import_step(ds: Dataset, path: Path, origin: str) -> BuildResult:
    """Load an imported dataset into a fresh warehouse (atomically, like a build)."""
    started = time.perf_counter()
    meta = {
        "config_fingerprint": f"import:{origin}",
        "generator_version": generator_version(),
        "n_personas": str(ds.personas.height),
        "n_conversations": str(ds.conversations.height),
        "dataset_source": ds.source,
        "imported_from": origin,
    }
    build_warehouse(ds, meta, path, *_both_reports(ds, meta["config_fingerprint"]))
    return BuildResult(path, False, time.perf_counter() - started, ds.personas.height, ds.conversations.height)

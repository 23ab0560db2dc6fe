"""The main job's live-store step: point the warehouse's views at its live folder again and fold the files of exited
writers into Parquet (warehouse/live.py; docs/architecture.md, "Writes while others read").

    line = refresh_live(Path("warehouse/tide.duckdb"), compact=True)   # "live records kept beside the warehouse: ..."

`python -m tide_core run` and `live --compact` compact; `serve` only re-points the views.
"""

from __future__ import annotations

from pathlib import Path

from warehouse.live import LiveStore
from warehouse.loader import refresh_views


def refresh_live(warehouse: Path, compact: bool) -> str | None:
    """Re-point the live views (and compact when `compact`); returns the line that counts the live records kept
    beside the warehouse after compaction, or None when nothing was compacted."""
    refresh_views(warehouse)
    if not compact:
        return None
    counts = LiveStore.for_warehouse(warehouse).compact()
    return "live records kept beside the warehouse: " + ", ".join(f"{k} {n}" for k, n in counts.items())

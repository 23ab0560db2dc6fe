"""The main job's safety-eval step: train (once) and evaluate the chat's crisis detector, and store the evaluation in
the warehouse (tide_core/chat/safety_eval.py; docs/safety.md).

    safety_step(Path("warehouse/tide.duckdb"))   # prints the table and where it was stored

The evaluation is reused when the warehouse already holds one of the current detector version (unless `force`).
Without a warehouse file the evaluation runs on the corpus alone and is printed only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from tide_core.chat.safety_eval import evaluate_detector
from tide_core.chat.semantic import current_version
from warehouse.queries import run_query, table_exists
from warehouse.safety_store import write_safety_eval


def safety_step(warehouse_path: Path, *, force: bool = False, n_dataset_negatives: int = 300,
                progress: Callable[[str], None] | None = None, say: Callable[[str], None] = print) -> None:
    """Evaluate the crisis detector on the corpus, the frozen test set, context windows and the warehouse's dataset
    messages, and store it; `say(line)` gets the printed lines as they happen, `progress(msg)` each step."""
    messages = None
    if Path(warehouse_path).is_file():
        with duckdb.connect(str(warehouse_path), read_only=True) as con:
            messages = run_query(con, "safety_dataset_messages").rows()
            stored = run_query(con, "safety_latest_version") if table_exists(con, "safety_detector_versions") else None
        if stored is not None and stored.height and stored["detector_version"][0] == current_version() \
                and not force:
            say(f"crisis detector {current_version()} already evaluated in {warehouse_path}; reusing it")
            return
    report = evaluate_detector(messages, n_dataset_negatives=n_dataset_negatives, progress=progress)
    say(report.summary())
    if messages is not None:
        write_safety_eval(warehouse_path, report.frames())
        say(f"stored in {warehouse_path} (safety_* tables, detector {report.version}) in {report.seconds:.1f} s")
    else:
        say(f"no warehouse at {warehouse_path}: printed only (build it to store the evaluation)")

"""Benchmark: build the default 10,000-conversation dataset and load the warehouse, against a named baseline.

    .venv/bin/python bench/bench_build.py [--personas 500] [--repeat 3]

Stages timed: dataset generation (personas + dialogues), variety report, quality report (tide_core.quality), warehouse load (bulk Arrow insert into
a fresh file, atomically swapped in) and the whole `build_step`. Baseline, in the same run on the same data:
loading the same rows with row-by-row `executemany` INSERTs (what a naive loader does). Prints seconds and the
ratio baseline / ours. Figures are recorded in the README.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from tide_core.config import DatasetConfig  # noqa: E402
from tide_core.dataset import build_dataset, build_info  # noqa: E402
from tide_core.pipeline.build import build_step, quality_rows, report_rows  # noqa: E402
from warehouse.loader import DATASET_TABLES, build_warehouse  # noqa: E402
from warehouse.schema_version import apply_sql, schema_files  # noqa: E402


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def baseline_rowwise_load(ds, path: Path) -> None:
    """The naive loader: same schema, every row bound and inserted one at a time."""
    with duckdb.connect(str(path)) as con:
        apply_sql(con, schema_files())
        for table in DATASET_TABLES:
            frame = getattr(ds, table)
            cols = ", ".join(f'"{c}"' for c in frame.columns)
            marks = ", ".join("?" for _ in frame.columns)
            # the baseline's one SQL string outside warehouse/queries/: a named query binds values only, and this
            # INSERT's table and columns vary per table (fixed names from DATASET_TABLES and the frames, never input)
            con.executemany(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', frame.rows())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--personas", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cfg = DatasetConfig(n_personas=args.personas)
    print(f"machine: {platform.processor() or platform.machine()}, python {platform.python_version()}, "
          f"duckdb {duckdb.__version__}; {cfg.n_personas} personas x {cfg.conversations_per_persona} conversations")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t_gen, ds = timed(lambda: build_dataset(cfg), args.repeat)
        t_var, quality = timed(lambda: quality_rows(ds), args.repeat)
        info = build_info(cfg, ds, 0.0)
        t_rep, report = timed(lambda: report_rows(ds, info["config_fingerprint"]), args.repeat)
        t_load, _ = timed(lambda: build_warehouse(ds, info, tmp / "ours.duckdb", quality, report), args.repeat)

        def base():
            (tmp / "base.duckdb").unlink(missing_ok=True)
            baseline_rowwise_load(ds, tmp / "base.duckdb")

        t_base, _ = timed(base, 1)
        t_total, _ = timed(lambda: build_step(cfg, tmp / "full.duckdb", force=True), args.repeat)
        t_reuse, _ = timed(lambda: build_step(cfg, tmp / "full.duckdb"), args.repeat)
    rows = [
        ("dataset generation", t_gen),
        ("variety report", t_var),
        ("quality report", t_rep),
        ("warehouse load (bulk Arrow, atomic swap)", t_load),
        ("baseline: row-by-row executemany load", t_base),
        ("whole build (build_step, force)", t_total),
        ("second run, reused warehouse", t_reuse),
    ]
    for name, t in rows:
        print(f"{name:<45} {t:8.3f} s")
    print(f"load speed-up vs row-by-row baseline: {t_base / t_load:.1f}x")
    print(f"whole default build: {t_total:.1f} s (target <= 10 s on 2 cores)")


if __name__ == "__main__":
    main()

"""Benchmark: render time of every dashboard page on the default warehouse and on a scaled one.

    .venv/bin/python bench/bench_pages.py [--ratings 1000000] [--responses 200000] [--repeat 3]

The scaled warehouse is a copy of the default one (warehouse/tide.duckdb, built by `python -m tide_core run`) with
filler systems added in SQL (named queries warehouse/queries/bench_scale_*.sql): 10 models x (zero-shot, fine-tuned)
over the 10,000 conversations = 200,000 responses, every automatic metric for each, 5,000 simulated raters and
1,000,000 ratings. Each page runs through Streamlit's AppTest (the page script, its queries and its figures; not the
browser's drawing): "cold" with every Streamlit cache cleared, "warm" on the next run. Baseline, in the same run: the
same page on the default warehouse; the ratio scaled / default says how the page grows with data. Targets (issue 5):
< 1.5 s on the default, < 3 s on the scaled one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from warehouse import DEFAULT_PATH  # noqa: E402
from warehouse.loader import copy_warehouse  # noqa: E402
from warehouse.queries import query_relation  # noqa: E402

APP = str(ROOT / "app.py")
PAGES = ["overview", "models", "scenarios", "demographics", "metrics", "dataset", "chat", "rate", "review", "sql"]


def scale_warehouse(src: Path, dst: Path, n_responses: int, n_ratings: int, seed: float = 0.13) -> dict:
    """Copy `src` to `dst` and add filler systems, responses, metric scores, raters and ratings (flagged)."""
    copy_warehouse(src, dst)
    started = time.perf_counter()
    with duckdb.connect(str(dst)) as con:
        # every statement is a named query (warehouse/queries/bench_scale_*.sql) run on `con` itself, so the
        # inserts share its transaction and the temp table `ids`
        query_relation(con, "bench_scale_setseed", seed=seed).fetchall()
        (n_conv,) = query_relation(con, "bench_scale_conversation_count").fetchall()[0]
        n_models = max(1, n_responses // (2 * n_conv))
        con.begin()
        query_relation(con, "bench_scale_insert_models", n_models=n_models)
        query_relation(con, "bench_scale_insert_runs")
        query_relation(con, "bench_scale_insert_responses")
        metrics = [r[0] for r in query_relation(con, "bench_scale_metric_names").fetchall()] or ["cosine_minilm"]
        query_relation(con, "bench_scale_insert_metric_scores", metrics=metrics)
        query_relation(con, "bench_scale_insert_raters")
        query_relation(con, "bench_scale_response_ids")
        (n_ids,) = query_relation(con, "bench_scale_response_id_count").fetchall()[0]
        query_relation(con, "bench_scale_insert_ratings", n_ratings=n_ratings, n_ids=n_ids)
        con.commit()
        con.checkpoint()
        counts = query_relation(con, "bench_scale_counts").pl().to_dicts()[0]
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def time_page(warehouse: Path, page: str, repeat: int) -> tuple[float, float]:
    """(cold, warm) seconds for one page: cold after clearing caches, warm = median of `repeat` later runs."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["TIDE_WAREHOUSE"] = str(warehouse)
    st.cache_data.clear()
    st.cache_resource.clear()
    times = []
    for _ in range(repeat + 1):
        at = AppTest.from_file(APP, default_timeout=120).switch_page(f"pages/{page}.py")
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
        if at.exception:
            raise RuntimeError(f"page {page} raised on {warehouse}: {at.exception[0].value}")
    return times[0], statistics.median(times[1:] or times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--warehouse", type=Path, default=DEFAULT_PATH)
    ap.add_argument("--ratings", type=int, default=1_000_000)
    ap.add_argument("--responses", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pages", default=",".join(PAGES))
    args = ap.parse_args()
    pages = args.pages.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        default = copy_warehouse(args.warehouse, Path(tmp) / "default" / "tide.duckdb")
        big = Path(tmp) / "scaled" / "tide.duckdb"
        counts = scale_warehouse(args.warehouse, big, args.responses, args.ratings)
        print(f"scaled warehouse: {counts}")
        print(f"{'page':<14}{'default cold':>14}{'warm':>8}{'scaled cold':>14}{'warm':>8}{'ratio cold':>12}")
        worst = {"default": 0.0, "scaled": 0.0}
        time_page(default, pages[0], 0)  # imports (streamlit, plotly, polars ...) happen once per server process
        for page in pages:
            d_cold, d_warm = time_page(default, page, args.repeat)
            s_cold, s_warm = time_page(big, page, args.repeat)
            worst["default"] = max(worst["default"], d_cold)
            worst["scaled"] = max(worst["scaled"], s_cold)
            print(f"{page:<14}{d_cold:>13.2f}s{d_warm:>7.2f}s{s_cold:>13.2f}s{s_warm:>7.2f}s{s_cold / d_cold:>11.2f}x",
                  flush=True)
    print(f"slowest cold page: {worst['default']:.2f} s default (target 1.5), {worst['scaled']:.2f} s scaled "
          f"(target 3.0); {os.cpu_count()} cores, duckdb {duckdb.__version__}")


if __name__ == "__main__":
    main()

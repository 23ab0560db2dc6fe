"""Benchmark: render time of every dashboard page on the default warehouse and on a scaled one.

    .venv/bin/python bench/bench_pages.py [--ratings 1000000] [--responses 200000] [--repeat 3]

The scaled warehouse is a copy of the default one (warehouse/tide.duckdb, built by `python -m tide_core run`) with
filler systems added in SQL: 10 models x (zero-shot, fine-tuned) over the 10,000 conversations = 200,000 responses,
every automatic metric for each, 5,000 simulated raters and 1,000,000 ratings. Each page runs through Streamlit's
AppTest (the page script, its queries and its figures; not the browser's drawing): "cold" with every Streamlit cache
cleared, "warm" on the next run. Baseline, in the same run: the same page on the default warehouse; the ratio scaled /
default says how the page grows with data. Targets (issue 5): < 1.5 s on the default, < 3 s on the scaled one.
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

APP = str(ROOT / "app.py")
PAGES = ["overview", "models", "scenarios", "demographics", "metrics", "dataset", "chat", "rate", "review", "sql"]


def scale_warehouse(src: Path, dst: Path, n_responses: int, n_ratings: int, seed: float = 0.13) -> dict:
    """Copy `src` to `dst` and add filler systems, responses, metric scores, raters and ratings (flagged)."""
    copy_warehouse(src, dst)
    started = time.perf_counter()
    with duckdb.connect(str(dst)) as con:
        con.execute(f"SELECT setseed({seed})").fetchall()
        (n_conv,) = con.sql("SELECT count(*) FROM conversations").fetchall()[0]
        n_models = max(1, n_responses // (2 * n_conv))
        con.execute("BEGIN")
        con.execute(f"""
            INSERT INTO models SELECT 'bench-m' || i, 'Benchmark filler ' || i, 'filler', 100.0 * i, 'benchmark',
                   true, false, NULL, 'benchmark filler (bench/bench_pages.py), not a real model'
            FROM range(1, {n_models + 1}) t(i)""")
        con.execute("""
            INSERT INTO runs (run_id, model_id, mode, decoding_json, seed, code_version, split, started_at, finished_at,
                              status)
            SELECT model_id || '-' || mode, model_id, mode, '{"temperature": 0.7}', 13, 'bench', 'all', now(), now(),
                   'done'
            FROM models, (VALUES ('zero_shot'), ('fine_tuned')) m(mode) WHERE model_id LIKE 'bench-%'""")
        con.execute("""
            INSERT INTO responses SELECT ru.run_id || ':' || c.conversation_id, ru.run_id, c.conversation_id,
                   c.reference_reply, 100 + random() * 900, 60, 80, now(), 'end_turn'
            FROM runs ru, conversations c WHERE ru.run_id LIKE 'bench-%'""")
        metrics = [r[0] for r in con.sql("SELECT DISTINCT metric FROM metric_scores").fetchall()] or ["cosine_minilm"]
        values = ", ".join(f"('{m}')" for m in metrics)
        con.execute(f"""
            INSERT INTO metric_scores SELECT r.response_id, m.metric, random(), 'bench', false, NULL
            FROM responses r, (VALUES {values}) m(metric) WHERE r.run_id LIKE 'bench-%'""")
        con.execute("""
            INSERT INTO raters SELECT 'bench-r' || i, (['18-29','30-44','45-64','65-80'])[1 + i % 4],
                   (['woman','man','non_binary'])[1 + i % 3],
                   (['high_school_or_less','some_college','bachelors','graduate'])[1 + (i // 4) % 4],
                   true, now(), 'simulated', 'bench', now()
            FROM range(5000) t(i)""")
        con.execute("""
            CREATE TEMP TABLE ids AS SELECT row_number() OVER () - 1 AS k, response_id FROM responses
            WHERE run_id LIKE 'bench-%'""")
        (n_ids,) = con.sql("SELECT count(*) FROM ids").fetchall()[0]
        con.execute(f"""
            INSERT INTO ratings SELECT 'bench-' || i, 'bench-r' || (i % 5000), ids.response_id,
                   1 + floor(random() * 5)::INTEGER, 1 + floor(random() * 5)::INTEGER, 1 + floor(random() * 5)::INTEGER,
                   1 + floor(random() * 5)::INTEGER, 5 + random() * 40, true, 'simulated', true, now()
            FROM range({n_ratings}) t(i) JOIN ids ON ids.k = (i * 7919) % {n_ids}""")
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        counts = {t: con.sql(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                  for t in ("responses", "metric_scores", "ratings", "raters")}
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

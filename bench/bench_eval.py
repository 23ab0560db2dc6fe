"""Benchmark: the evaluation stage's two costs, each against a named baseline in the same run.

    .venv/bin/python bench/bench_eval.py [--conversations 40] [--rounds 3] [--skip-100k]

1. Scoring throughput (responses/s) of the full metric set (MiniLM cosine, ROUGE-L, BLEU, chrF, missing METEOR
   and BERTScore, factor profile, length, repetition, safety) on the synthetic systems' replies, the batched path
   (tide_core.evaluation.scoring.score_frame) against the per-response path it replaced (bench/legacy_scoring.py,
   the baseline): cold (an empty embedding cache of its own: every text through MiniLM) and warm (a new
   process-like encoder reading that cache from disk; median of --rounds, the two paths in turn). The synthetic
   systems repeat replies (the reference, its first sentence ...), which the batched path scores once; a third
   warm line makes every reply distinct (a numbered sentence appended), as real model replies are. The model load
   is excluded (paid once per process). Prints the ratios and the largest difference between the two paths' values.
2. The whole statistics pass (gains, scenario gains, size, OLS two-way clustered, mixed model, demographic cells,
   Krippendorff's alpha with bootstraps, Spearman with bootstraps, findings) on simulated panels of
   300 raters x 40 ratings and of 100,000 ratings.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import numpy as np  # noqa: E402
import polars as pl  # noqa: E402

from bench.legacy_scoring import legacy_score_frame  # noqa: E402
from tide_core.chat.encoder import EXPORT_NAME, NormalizedEncoder, SentenceEncoder, export_dir  # noqa: E402
from tide_core.config import DatasetConfig  # noqa: E402
from tide_core.evaluation.analysis_run import run_statistics  # noqa: E402
from tide_core.evaluation.embeddings import CachedEncoder, EmbeddingCache, MiniLMEncoder  # noqa: E402
from tide_core.evaluation.panel import PanelConfig, panel_ratings_frame, simulate_panel, synthetic_items  # noqa: E402
from tide_core.evaluation.scoring import ensure_classifier, score_frame  # noqa: E402
from tide_core.evaluation.store import ensure_schema, unscored_responses  # noqa: E402
from tide_core.evaluation.variants import insert_synthetic_systems  # noqa: E402
from tide_core.pipeline.build import build_step  # noqa: E402
from warehouse.writer import open_readwrite, transaction  # noqa: E402


def _timed(fn, items, encoder, clf) -> tuple[float, pl.DataFrame]:
    t = time.perf_counter()
    rows = fn(items, encoder, clf)
    return time.perf_counter() - t, rows


def _max_diff(a: pl.DataFrame, b: pl.DataFrame) -> float:
    """Largest |difference| between two score frames' values (row for row; NULL against NULL counts as equal)."""
    assert a.select("response_id", "metric").equals(b.select("response_id", "metric"))
    x, y = a["value"].fill_null(np.nan).to_numpy(), b["value"].fill_null(np.nan).to_numpy()
    assert np.array_equal(np.isnan(x), np.isnan(y)), "a value is missing in one path only"
    return float(np.nanmax(np.abs(x - y))) if np.isfinite(x).any() else 0.0


def scoring_bench(tmp: Path, n_conversations: int, rounds: int) -> None:
    path = tmp / "tide.duckdb"
    build_step(DatasetConfig(n_personas=60, conversations_per_persona=20, seed=7), path)
    model = NormalizedEncoder(SentenceEncoder.load())  # the evaluation stage's encoder (MiniLM on onnxruntime)
    with open_readwrite(path) as con:
        ensure_schema(con)
        with transaction(con):
            insert_synthetic_systems(con, n_conversations, seed=13)
        clf = ensure_classifier(con, CachedEncoder(model, EmbeddingCache(tmp / "clf_cache", model.key)))
        items = unscored_responses(con, ["cosine_minilm"])
    model.encode(["warm up the model"])  # load once, outside the timings
    paths = {"old": legacy_score_frame, "new": score_frame}
    cold, frames, n_encoded = {}, {}, {}
    for name, fn in paths.items():
        enc = CachedEncoder(model, EmbeddingCache(tmp / f"cache_{name}", model.key))
        cold[name], frames[name] = _timed(fn, items, enc, clf)
        n_encoded[name] = enc.n_encoded
    warm = {name: [] for name in paths}
    for _ in range(rounds):
        for name, fn in paths.items():
            warm[name].append(_timed(fn, items, CachedEncoder(model, EmbeddingCache(tmp / f"cache_{name}", model.key)),
                                     clf)[0])
    # every reply distinct: embed the new texts once (untimed), then both paths read the same cache
    distinct = items.with_columns(pl.col("response_text") + pl.lit(" Reply ") + pl.int_range(pl.len()).cast(pl.String)
                                  + pl.lit("."))
    score_frame(distinct, CachedEncoder(model, EmbeddingCache(tmp / "cache_distinct", model.key)), clf)
    warm_distinct, distinct_frames = {name: [] for name in paths}, {}
    for _ in range(rounds):
        for name, fn in paths.items():
            enc = CachedEncoder(model, EmbeddingCache(tmp / "cache_distinct", model.key))
            t, distinct_frames[name] = _timed(fn, distinct, enc, clf)
            warm_distinct[name].append(t)
    n = items.height
    print(f"scoring {n} responses ({items['response_text'].n_unique()} distinct texts, "
          f"{items['reference_reply'].n_unique()} references) x {frames['new']['metric'].n_unique()} metrics; "
          f"MiniLM cold: {n_encoded['old']} texts (old), {n_encoded['new']} (new); load {_load()}")
    lines = [("cold cache", cold["old"], cold["new"]),
             ("warm cache", statistics.median(warm["old"]), statistics.median(warm["new"])),
             ("warm, every reply distinct", statistics.median(warm_distinct["old"]),
              statistics.median(warm_distinct["new"]))]
    print(f"  {'':28s} {'old (baseline)':>16s} {'new':>16s}   new/old  (responses/s)")
    for label, t_old, t_new in lines:
        print(f"  {label:28s} {n / t_old:16.1f} {n / t_new:16.1f}   {t_old / t_new:6.1f}x")
    print(f"  largest |new - old| over all values: {_max_diff(distinct_frames['new'], distinct_frames['old']):.1e} "
          f"(same embeddings); {_max_diff(frames['new'], frames['old']):.1e} (each path's own cold MiniLM batches)")
    encoder_bench(distinct["response_text"].unique().sort().to_list())


def encoder_bench(texts: list[str]) -> None:
    """MiniLM itself, cold: sentence-transformers on torch (the baseline, what the stage used before) against the
    ONNX export on onnxruntime that it uses now; load (process start) and encode timed apart."""
    t = time.perf_counter()
    torch_model = MiniLMEncoder()
    torch_model.encode(["load"])
    t_load_torch = time.perf_counter() - t
    t = time.perf_counter()
    a = torch_model.encode(texts)
    t_torch = time.perf_counter() - t
    t = time.perf_counter()
    onnx_model = NormalizedEncoder(SentenceEncoder(export_dir() / EXPORT_NAME))  # exported by SentenceEncoder.load
    t_load_onnx = time.perf_counter() - t
    t = time.perf_counter()
    b = onnx_model.encode(texts)
    t_onnx = time.perf_counter() - t
    print(f"MiniLM on {len(texts)} distinct texts: load {t_load_torch:.1f} s (sentence-transformers, baseline) vs "
          f"{t_load_onnx:.1f} s (onnxruntime); encode {len(texts) / t_torch:.0f} vs {len(texts) / t_onnx:.0f} texts/s "
          f"({t_torch / t_onnx:.2f}x); largest |difference| {float(np.abs(a - b).max()):.1e}")


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def stats_bench(n_raters: int, per_rater: int, n_conversations: int, label: str) -> None:
    items = synthetic_items(n_conversations, seed=1)
    t = time.perf_counter()
    panel = simulate_panel(items, PanelConfig(n_raters=n_raters, ratings_per_rater=per_rater, seed=5, purpose="bench",
                                              preferences_per_rater=0))
    t_sim = time.perf_counter() - t
    t = time.perf_counter()
    out = run_statistics(panel_ratings_frame(panel), items, "simulated", "bench")
    t_stats = time.perf_counter() - t
    print(f"{label}: {panel.ratings.height:,} ratings on {items.height:,} items; simulate {t_sim:.2f} s; "
          f"statistics pass {t_stats:.2f} s ({len(out.rows)} results, {len(out.findings)} findings)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conversations", type=int, default=40, help="conversations x 7 synthetic systems to score")
    ap.add_argument("--rounds", type=int, default=3, help="warm scoring rounds per path (the median is printed)")
    ap.add_argument("--skip-100k", action="store_true")
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, python {platform.python_version()}, duckdb {duckdb.__version__}")
    with tempfile.TemporaryDirectory() as tmp:
        scoring_bench(Path(tmp), args.conversations, args.rounds)
    stats_bench(300, 40, 120, "statistics, panel of 300 raters x 40")
    if not args.skip_100k:
        stats_bench(2500, 40, 408, "statistics, 100,000 ratings (2,500 raters x 40)")


if __name__ == "__main__":
    main()

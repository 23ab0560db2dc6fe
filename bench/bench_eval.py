"""Benchmark: the evaluation stage's two costs, each against a named baseline in the same run.

    .venv/bin/python bench/bench_eval.py [--conversations 40] [--skip-100k]

1. Scoring throughput (responses/s) of the full metric set (MiniLM cosine, ROUGE-L, BLEU, chrF, missing METEOR
   and BERTScore, factor profile, length, repetition, safety) on the synthetic systems' replies: cold (empty
   embedding cache: every sentence through MiniLM) vs warm (a new process-like encoder reading the on-disk cache).
   The model load is excluded from both (it is paid once per process).
2. The whole statistics pass (gains, scenario gains, size, OLS two-way clustered, mixed model, demographic cells,
   Krippendorff's alpha with bootstraps, Spearman with bootstraps, findings) on simulated panels of
   300 raters x 40 ratings and of 100,000 ratings.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from tide_core.config import DatasetConfig  # noqa: E402
from tide_core.evaluation.analysis import run_statistics  # noqa: E402
from tide_core.evaluation.embeddings import CachedEncoder, EmbeddingCache, MiniLMEncoder  # noqa: E402
from tide_core.evaluation.panel import PanelConfig, panel_ratings_frame, simulate_panel, synthetic_items  # noqa: E402
from tide_core.evaluation.scoring import ensure_classifier, score_frame  # noqa: E402
from tide_core.evaluation.store import ensure_schema, unscored_responses  # noqa: E402
from tide_core.evaluation.variants import insert_synthetic_systems  # noqa: E402
from tide_core.pipeline import build_step  # noqa: E402
from warehouse.writer import open_readwrite, transaction  # noqa: E402


def scoring_bench(tmp: Path, n_conversations: int) -> None:
    path = tmp / "tide.duckdb"
    build_step(DatasetConfig(n_personas=60, conversations_per_persona=20, seed=7), path)
    model = MiniLMEncoder()
    with open_readwrite(path) as con:
        ensure_schema(con)
        with transaction(con):
            insert_synthetic_systems(con, n_conversations, seed=13)
        clf = ensure_classifier(con, CachedEncoder(model, EmbeddingCache(tmp / "clf_cache", model.key)))
        items = unscored_responses(con, ["cosine_minilm"])
    model.encode(["warm up the model"])  # load once, outside the timings
    cold = CachedEncoder(model, EmbeddingCache(tmp / "bench_cache", model.key))
    t = time.perf_counter()
    rows = score_frame(items, cold, clf)
    t_cold = time.perf_counter() - t
    warm = CachedEncoder(model, EmbeddingCache(tmp / "bench_cache", model.key))  # reads the shards from disk
    t = time.perf_counter()
    score_frame(items, warm, clf)
    t_warm = time.perf_counter() - t
    n = items.height
    print(f"scoring {n} responses x {rows['metric'].n_unique()} metrics ({cold.n_encoded} texts through MiniLM cold, "
          f"{warm.n_encoded} warm)")
    print(f"  cold cache (baseline)  {t_cold:8.2f} s  {n / t_cold:8.1f} responses/s")
    print(f"  warm cache             {t_warm:8.2f} s  {n / t_warm:8.1f} responses/s")
    print(f"  speed-up from the embedding cache: {t_cold / t_warm:.1f}x")


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
    ap.add_argument("--skip-100k", action="store_true")
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, python {platform.python_version()}, duckdb {duckdb.__version__}")
    with tempfile.TemporaryDirectory() as tmp:
        scoring_bench(Path(tmp), args.conversations)
    stats_bench(300, 40, 120, "statistics, panel of 300 raters x 40")
    if not args.skip_100k:
        stats_bench(2500, 40, 408, "statistics, 100,000 ratings (2,500 raters x 40)")


if __name__ == "__main__":
    main()

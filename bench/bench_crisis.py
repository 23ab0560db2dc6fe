"""Crisis detection cost per message: the full detector (patterns + semantic layer, and with two earlier messages as
context) against the patterns alone (the baseline, what the chat ran before), on the frozen test set's messages.

    .venv/bin/python bench/bench_crisis.py [--repeat 3]

Prints per-message p50 / p95 / mean in ms and the ratios, for messages of different lengths. The target (issue 9):
detection adds at most 30 ms per message on 2 cores. Loading the semantic layer (once per process) is timed apart.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from tide_core.chat.corpus import load_frozen  # noqa: E402
from tide_core.chat.crisis import clean_text, detect_crisis, detector_status  # noqa: E402
from tide_core.chat.patterns import pattern_layer  # noqa: E402


def timed(fn, texts: list[str], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        for text in texts:
            started = time.perf_counter()
            fn(text)
            out.append((time.perf_counter() - started) * 1000)
    return out


def row(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    return (f"{name:<44} p50 {statistics.median(ms):7.2f} ms   p95 {ms[int(0.95 * (len(ms) - 1))]:7.2f} ms   "
            f"mean {statistics.fmean(ms):7.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    status = detector_status()
    load_s = time.perf_counter() - started
    texts = [r.text for r in load_frozen()]
    long_texts = [" ".join(texts[i:i + 6]) for i in range(0, 60, 6)]  # about 6 messages' worth each
    layer = pattern_layer()

    def patterns_only(text: str):
        return layer.find(clean_text(text))

    context = texts[:2]
    for fn in (patterns_only, detect_crisis):  # warm both paths
        fn(texts[0])
    base = timed(patterns_only, texts, args.repeat)
    full = timed(detect_crisis, texts, args.repeat)
    ctx = timed(lambda t: detect_crisis(t, context=context), texts, args.repeat)
    base_long = timed(patterns_only, long_texts, args.repeat)
    full_long = timed(detect_crisis, long_texts, args.repeat)
    words = statistics.median(len(t.split()) for t in texts)
    print(f"crisis detector {status.version} (semantic layer: {status.semantic}); loaded in {load_s:.1f} s")
    print(f"{len(texts)} frozen-test messages (median {words:.0f} words) x {args.repeat}; "
          f"{len(long_texts)} long messages (about {statistics.median(len(t.split()) for t in long_texts):.0f} words)")
    print(row("baseline: patterns only", base))
    print(row("full detector", full))
    print(row("full detector + 2 earlier messages", ctx))
    print(row("baseline, long messages", base_long))
    print(row("full detector, long messages", full_long))
    added = statistics.median(full) - statistics.median(base)
    added_ctx = statistics.median(ctx) - statistics.median(base)
    print(f"added by the semantic layer (p50): {added:.1f} ms per message, {added_ctx:.1f} ms with context "
          f"(target <= 30 ms); full / patterns = {statistics.median(full) / statistics.median(base):.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

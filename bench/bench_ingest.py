"""Ingest write latency and throughput: the FastAPI/uvicorn server (`python -m tide_core ingest`) against the
http.server handler it replaced (bench/legacy_ingest.py), in the same run, on the same machine and the same loads.

    .venv/bin/python bench/bench_ingest.py [--seconds 20] [--raters 50] [--servers 5] [--rounds 2]

Two loads per server, through bench/load_live_writes.py's clients (keep-alive connections, one rating at a time,
a client-made id, 20 ms think time) with its analyst counting live_ratings four times a second:
- a lone rater posting to one server process (latency with no contention);
- `--raters` raters spread over `--servers` processes (the load test's shape, without the kill and the rebuild).
The servers alternate round by round so that a drift of the machine's load does not favour one. Prints JSON and
a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load_live_writes import run_load  # noqa: E402

from tide_core.config import DatasetConfig  # noqa: E402
from tide_core.pipeline.build import build_step  # noqa: E402

SERVERS = {"legacy": "http.server (before)", "asgi": "FastAPI on uvicorn (now)"}


def _merge(parts: list[dict]) -> dict:
    """Summaries of several rounds of one load, merged: throughput summed over time, latency pooled."""
    seconds = sum(p["seconds"] for p in parts)
    acknowledged = sum(p["acknowledged"] for p in parts)
    pooled = sorted(ms for p in parts for ms in p["write_ms"])

    def pct(q: float) -> float:
        return round(pooled[min(len(pooled) - 1, int(q * len(pooled)))], 2) if pooled else float("nan")

    return {"ratings_per_s": round(acknowledged / seconds, 1), "acknowledged": acknowledged,
            "write_ms_p50": pct(0.5), "write_ms_p99": pct(0.99), "lost": sum(p["lost"] for p in parts),
            "failed_to_send": sum(p["failed_to_send"] for p in parts)}


def bench(seconds: float, raters: int, servers: int, rounds: int) -> dict:
    cfg = DatasetConfig(n_personas=12, conversations_per_persona=20, seed=7)
    runs: dict[tuple[str, str], list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for rnd in range(rounds):
            order = list(SERVERS) if rnd % 2 == 0 else list(SERVERS)[::-1]
            for server in order:
                for load, (n_raters, n_servers) in {"lone": (1, 1), "load": (raters, servers)}.items():
                    wh = Path(tmp) / f"{server}-{load}-{rnd}" / "tide.duckdb"
                    wh.parent.mkdir()
                    build_step(cfg, wh)
                    report = run_load(wh, raters=n_raters, seconds=seconds, servers=n_servers, kill=False,
                                      server=server)
                    runs.setdefault((server, load), []).append({**report.summary(), "write_ms": report.write_ms})
                    print(f"round {rnd + 1} {server:<6} {load}: {json.dumps(report.summary())}", flush=True)
    return {f"{server}/{load}": _merge(parts) for (server, load), parts in runs.items()}


def table(results: dict, raters: int, servers: int) -> str:
    lines = ["| server | lone rater p50 / p99 | " + f"{raters} raters, {servers} processes: p50 / p99 | throughput |",
             "|---|---|---|---|"]
    for server, label in SERVERS.items():
        lone, load = results[f"{server}/lone"], results[f"{server}/load"]
        lines.append(f"| {label} | {lone['write_ms_p50']} ms / {lone['write_ms_p99']} ms | {load['write_ms_p50']} ms / "
                     f"{load['write_ms_p99']} ms | {load['ratings_per_s']:,} ratings/s |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--raters", type=int, default=50)
    ap.add_argument("--servers", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    results = bench(args.seconds, args.raters, args.servers, args.rounds)
    print(json.dumps(results, indent=1))
    print(table(results, args.raters, args.servers))
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}; {args.rounds} rounds of "
          f"{args.seconds:g} s per server and load")


if __name__ == "__main__":
    main()

"""Load test of the live write path on loopback: simulated raters submit ratings concurrently while analysts query.

    .venv/bin/python bench/load_live_writes.py [--raters 50] [--seconds 60] [--servers 5] [--personas 24]
                                               [--server asgi|legacy]

What runs, all on 127.0.0.1:
- `--servers` writer processes (`python -m tide_core ingest`), each appending to its own file through LiveStore,
  the code the dashboard pages use;
- `--raters` simulated raters (threads), each posting one rating at a time with a client-made id and a short think
  time; a rater whose server stops answering resends the same rating to another server;
- an analyst opening the warehouse read-only every 0.25 s and counting live_ratings (as `duckdb -readonly` would);
- at 40 % of the run one writer is killed with SIGKILL; at 60 % the warehouse file is rebuilt (`build_step --force`,
  the main job's rebuild) under everyone's feet.
Afterwards every acknowledged rating must be in the warehouse's live_ratings view (then again after compaction).
Baseline for the write latency, in the same run: a single writer process with no concurrency (one rater).
Tests call `run_load` (tests/test_live.py); the figures in the README come from this script.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from tide_core.config import DatasetConfig  # noqa: E402
from tide_core.pipeline.build import build_step  # noqa: E402
from warehouse.live import LiveStore  # noqa: E402
from warehouse.queries import query_relation  # noqa: E402


@dataclass
class LoadReport:
    raters: int
    seconds: float
    servers: int
    acknowledged: int = 0
    stored: int = 0
    stored_after_compaction: int = 0
    lost: int = 0
    resent: int = 0
    failed_to_send: int = 0
    write_ms: list[float] = field(default_factory=list)
    analyst_ms: list[float] = field(default_factory=list)
    analyst_counts: list[int] = field(default_factory=list)
    analyst_errors: list[str] = field(default_factory=list)
    killed_at_s: float | None = None
    rebuilt_at_s: float | None = None
    rebuild_s: float | None = None

    def summary(self) -> dict:
        def pct(xs: list[float], q: float) -> float:
            return round(sorted(xs)[min(len(xs) - 1, int(q * len(xs)))], 1) if xs else float("nan")

        return {
            "raters": self.raters, "servers": self.servers, "seconds": self.seconds,
            "acknowledged": self.acknowledged, "stored": self.stored,
            "stored_after_compaction": self.stored_after_compaction, "lost": self.lost, "resent": self.resent,
            "failed_to_send": self.failed_to_send, "ratings_per_s": round(self.acknowledged / self.seconds, 1),
            "write_ms_p50": pct(self.write_ms, 0.5), "write_ms_p99": pct(self.write_ms, 0.99),
            "analyst_queries": len(self.analyst_ms), "analyst_ms_p50": pct(self.analyst_ms, 0.5),
            "analyst_ms_p95": pct(self.analyst_ms, 0.95), "analyst_errors": len(self.analyst_errors),
            "killed_writer_at_s": self.killed_at_s, "rebuilt_at_s": self.rebuilt_at_s, "rebuild_s": self.rebuild_s,
        }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVERS = {  # the ingest server (FastAPI on uvicorn) and, for bench/bench_ingest.py, the http.server one it replaced
    "asgi": [sys.executable, "-m", "tide_core", "ingest"],
    "legacy": [sys.executable, str(ROOT / "bench" / "legacy_ingest.py")],
}


def _start_server(warehouse: Path, log_dir: Path, server: str = "asgi") -> tuple[subprocess.Popen, int]:
    port = _free_port()
    log = (log_dir / f"ingest-{port}.log").open("w")
    proc = subprocess.Popen([*SERVERS[server], "--warehouse", str(warehouse), "--port", str(port)], cwd=ROOT,
                            stdout=log, stderr=subprocess.STDOUT,
                            env={k: v for k, v in os.environ.items() if k != "TIDE_INGEST_TOKEN"})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1).read() == b"ok":
                return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"ingest server on port {port} did not start; see {log_dir}")


def _post(conn: http.client.HTTPConnection, record: dict) -> bool:
    body = json.dumps(record)
    conn.request("POST", "/v1/ratings", body=body, headers={"Content-Type": "application/json"})
    resp = conn.getresponse()
    data = resp.read()
    if resp.status != 201:
        raise ValueError(f"HTTP {resp.status}: {data[:200]!r}")
    return True


def run_load(warehouse: Path, raters: int = 50, seconds: float = 60.0, servers: int = 5, think_s: float = 0.02,
             kill: bool = True, rebuild_config: DatasetConfig | None = None, log_dir: Path | None = None,
             server: str = "asgi") -> LoadReport:
    """Run the load; `warehouse` must exist (its live folder is where ratings go). `server` picks the ingest
    server: "asgi" (python -m tide_core ingest) or "legacy" (the http.server baseline in bench/)."""
    log_dir = log_dir or Path(tempfile.mkdtemp(prefix="tide-load-"))
    report = LoadReport(raters=raters, seconds=seconds, servers=servers)
    procs = [_start_server(warehouse, log_dir, server) for _ in range(servers)]
    alive = [True] * servers
    lock = threading.Lock()
    acked: set[str] = set()
    stop = threading.Event()
    t0 = time.monotonic()

    def rater(i: int) -> None:
        rng = random.Random(i)
        target = i % servers
        conn = None
        while not stop.is_set():
            record = {"rating_id": uuid.uuid4().hex, "rater_id": f"load-{i:03d}", "context": "study",
                      "response_id": f"R{rng.randrange(10_000):05d}", "empathy": rng.randint(1, 5),
                      "seconds_spent": round(rng.uniform(3, 30), 1), "blind": True}
            for _attempt in range(servers * 3):
                if conn is None:
                    with lock:
                        choices = [k for k in range(servers) if alive[k]] or list(range(servers))
                    if target not in choices:
                        target = rng.choice(choices)
                    conn = http.client.HTTPConnection("127.0.0.1", procs[target][1], timeout=10)
                started = time.perf_counter()
                try:
                    _post(conn, record)
                except (OSError, http.client.HTTPException):
                    conn.close()
                    conn = None
                    target = (target + 1) % servers
                    with lock:
                        report.resent += 1
                    time.sleep(0.05)
                    continue
                with lock:
                    acked.add(record["rating_id"])
                    report.write_ms.append((time.perf_counter() - started) * 1000)
                break
            else:
                with lock:
                    report.failed_to_send += 1
            time.sleep(think_s)
        if conn is not None:
            conn.close()

    def analyst() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                with duckdb.connect(str(warehouse), read_only=True) as con:
                    (n,) = query_relation(con, "bench_live_rating_count").fetchall()[0]
                report.analyst_ms.append((time.perf_counter() - started) * 1000)
                report.analyst_counts.append(n)
            except duckdb.Error as exc:
                report.analyst_errors.append(f"{time.monotonic() - t0:.1f}s: {exc}")
            time.sleep(0.25)

    threads = [threading.Thread(target=rater, args=(i,), daemon=True) for i in range(raters)]
    threads.append(threading.Thread(target=analyst, daemon=True))
    for t in threads:
        t.start()
    killed = rebuilt = False
    while (elapsed := time.monotonic() - t0) < seconds:
        if kill and not killed and elapsed >= 0.4 * seconds and servers > 1:
            with lock:
                alive[0] = False
            os.kill(procs[0][0].pid, signal.SIGKILL)
            report.killed_at_s, killed = round(elapsed, 1), True
        if rebuild_config is not None and not rebuilt and elapsed >= 0.6 * seconds:
            started = time.perf_counter()
            build_step(rebuild_config, warehouse, force=True)
            report.rebuild_s = round(time.perf_counter() - started, 2)
            report.rebuilt_at_s, rebuilt = round(elapsed, 1), True
        time.sleep(0.05)
    stop.set()
    for t in threads:
        t.join(timeout=30)
    for proc, _ in procs:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=10)

    report.acknowledged = len(acked)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        stored = {r[0] for r in query_relation(con, "bench_live_rating_ids").fetchall()}
    report.stored = len(stored)
    report.lost = len(acked - stored)
    LiveStore.for_warehouse(warehouse).compact()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        after = {r[0] for r in query_relation(con, "bench_live_rating_ids").fetchall()}
    report.stored_after_compaction = len(after)
    report.lost = max(report.lost, len(acked - after))
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--raters", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--servers", type=int, default=5)
    ap.add_argument("--personas", type=int, default=24)
    ap.add_argument("--server", choices=sorted(SERVERS), default="asgi",
                    help="asgi: python -m tide_core ingest; legacy: the http.server handler it replaced")
    args = ap.parse_args()
    cfg = DatasetConfig(n_personas=args.personas, conversations_per_persona=20, seed=7)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "baseline" / "tide.duckdb"
        base.parent.mkdir()
        build_step(cfg, base)
        baseline = run_load(base, raters=1, seconds=min(10, args.seconds), servers=1, kill=False,
                            server=args.server).summary()
        wh = Path(tmp) / "load" / "tide.duckdb"
        wh.parent.mkdir()
        build_step(cfg, wh)
        ours = run_load(wh, raters=args.raters, seconds=args.seconds, servers=args.servers,
                        rebuild_config=cfg, server=args.server).summary()
    print(json.dumps({"baseline_single_rater": baseline, "load": ours}, indent=1))
    print(f"\n{ours['raters']} raters, {ours['servers']} writer processes, {ours['seconds']:.0f} s: "
          f"{ours['acknowledged']:,} ratings acknowledged, {ours['lost']} lost, {ours['resent']} resends after the "
          f"kill; {ours['ratings_per_s']:,} ratings/s")
    print(f"write latency p50 {ours['write_ms_p50']} ms vs {baseline['write_ms_p50']} ms for a lone rater "
          f"({ours['write_ms_p50'] / baseline['write_ms_p50']:.2f}x); p99 {ours['write_ms_p99']} ms")
    print(f"analyst count(*) over live_ratings: p50 {ours['analyst_ms_p50']} ms, p95 {ours['analyst_ms_p95']} ms, "
          f"{ours['analyst_errors']} errors over {ours['analyst_queries']} queries; rebuild took {ours['rebuild_s']} s")
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}, duckdb {duckdb.__version__}")


if __name__ == "__main__":
    main()

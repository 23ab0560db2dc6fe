"""The ingest endpoint as it was before tide_core/ingest (a hand-rolled http.server handler), kept only as the
baseline that bench/bench_ingest.py measures the FastAPI/uvicorn server against, in the same run. Not for use:
it has the holes issue 12 lists (negative Content-Length, no timeouts, NaN, chunked bodies).

    .venv/bin/python bench/legacy_ingest.py --warehouse W --port 8502
"""

from __future__ import annotations

import argparse
import hmac
import json
import logging
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from warehouse.live import KINDS, LiveRecordError, LiveStore  # noqa: E402

log = logging.getLogger(__name__)
MAX_BODY = 1 << 20


def make_server(warehouse: Path, address: str = "127.0.0.1", port: int = 8502,
                token: str | None = None) -> ThreadingHTTPServer:
    store = LiveStore.for_warehouse(warehouse).ensure()
    token = token if token is not None else os.environ.get("TIDE_INGEST_TOKEN") or None
    if token is None and address not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"refusing to accept records on {address} without a token: set TIDE_INGEST_TOKEN")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: one connection per client
        disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms delayed-ACK stall

        def log_message(self, fmt: str, *args: object) -> None:  # quiet: one line per request is too much
            log.debug("%s " + fmt, self.address_string(), *args)

        def _reply(self, status: int, body: dict | str) -> None:
            data = (body if isinstance(body, str) else json.dumps(body)).encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain" if isinstance(body, str) else "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            if self.path == "/health":
                self._reply(200, "ok")
            else:
                self._reply(404, {"error": f"no such path {self.path}; GET /health or POST /v1/<kind>"})

        def do_POST(self) -> None:  # noqa: N802
            kind = self.path.removeprefix("/v1/")
            length = int(self.headers.get("Content-Length") or 0)
            if token is not None and not hmac.compare_digest(self.headers.get("Authorization", ""),
                                                             f"Bearer {token}"):
                self.rfile.read(length)
                self._reply(401, {"error": "missing or wrong token: send Authorization: Bearer <TIDE_INGEST_TOKEN>"})
                return
            if not self.path.startswith("/v1/") or kind not in KINDS:
                self.rfile.read(length)
                self._reply(404, {"error": f"POST /v1/<kind> where kind is one of {', '.join(KINDS)}"})
                return
            if length > MAX_BODY:
                self._reply(413, {"error": f"body of {length} bytes; at most {MAX_BODY}"})
                self.close_connection = True
                return
            try:
                body = json.loads(self.rfile.read(length) or b"null")
                records = body if isinstance(body, list) else [body]
                if not records or not all(isinstance(r, dict) for r in records):
                    raise LiveRecordError(f"body must be a JSON object or a non-empty list of objects, got {body!r:.80}")
                stored = store.append_many(kind, records)
            except json.JSONDecodeError as exc:
                self._reply(400, {"error": f"body is not JSON: {exc}"})
                return
            except LiveRecordError as exc:
                self._reply(400, {"error": str(exc)})
                return
            self._reply(201, {"ids": [r[KINDS[kind].id_field] for r in stored]})

    server = ThreadingHTTPServer((address, port), Handler)
    server.daemon_threads = True
    return server


def serve(warehouse: Path, address: str = "127.0.0.1", port: int = 8502) -> None:
    server = make_server(warehouse, address, port)
    print(f"ingest: http://{address}:{server.server_address[1]}/v1/<kind> -> {LiveStore.for_warehouse(warehouse).folder}",
          flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--warehouse", type=Path, required=True)
    ap.add_argument("--port", type=int, default=8502)
    args = ap.parse_args()
    serve(args.warehouse, "127.0.0.1", args.port)

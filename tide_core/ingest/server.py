"""The ingest server: the FastAPI app behind IngestGuard, on uvicorn (httptools and uvloop when installed, else h11
and asyncio; one process, group-committed fsync on the event loop).

    server = make_server(warehouse, port=0)        # binds now: the port is known (server.port) before it serves
    server.start()  ...  server.stop()             # in a thread (tests); serve() runs it in the foreground
"""

from __future__ import annotations

import ipaddress
import logging
import os
import socket
import threading
import time
from pathlib import Path

import uvicorn

from tide_core.errors import ConfigError
from tide_core.ingest.app import create_app
from tide_core.ingest.guard import IngestGuard, IngestLimits, protocol_for
from warehouse.live import LiveStore

log = logging.getLogger(__name__)
LOOPBACK = ("localhost",)


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return address in LOOPBACK


class IngestServer:
    """A bound uvicorn server for the ingest app."""

    def __init__(self, warehouse: Path, address: str, port: int, token: str | None, limits: IngestLimits,
                 parser: str = "auto") -> None:
        if token is None and not is_loopback(address):
            raise ConfigError(f"refusing to accept records on {address} without a token: set TIDE_INGEST_TOKEN")
        self.store = LiveStore.for_warehouse(warehouse).ensure()
        self.limits = limits
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        # proto given: asyncio sets TCP_NODELAY only on sockets that say IPPROTO_TCP, and without it the response's
        # headers and body (two writes) wait out the client's 40 ms delayed ACK
        self.socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.socket.bind((address, port))
        except OSError as exc:
            self.socket.close()
            raise ConfigError(f"cannot listen on {address}:{port} ({exc.strerror}); choose another --port") from exc
        self.address, self.port = address, self.socket.getsockname()[1]
        app = IngestGuard(create_app(self.store), limits, token)
        config = uvicorn.Config(
            app, http=protocol_for(limits, parser), lifespan="off", access_log=False, log_level="warning",
            proxy_headers=False,  # no proxy in front: X-Forwarded-For from a client is not trusted
            timeout_keep_alive=limits.keep_alive_s, limit_concurrency=limits.max_connections, backlog=256,
            h11_max_incomplete_event_size=16 * 1024,  # request line and headers
            timeout_graceful_shutdown=5)
        self.server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.address}]" if ":" in self.address else self.address
        return f"http://{host}:{self.port}"

    def serve_forever(self) -> None:
        self.server.run(sockets=[self.socket])

    def start(self) -> IngestServer:
        """Serve in a daemon thread; returns once the server accepts connections."""
        self._thread = threading.Thread(target=self.serve_forever, daemon=True, name=f"ingest-{self.port}")
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"the ingest server on port {self.port} did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.socket.close()


def make_server(warehouse: Path, address: str = "127.0.0.1", port: int = 8502, token: str | None = None,
                limits: IngestLimits | None = None, parser: str = "auto") -> IngestServer:
    """A bound server; the token defaults to $TIDE_INGEST_TOKEN and is required off loopback. `parser`: "auto"
    (httptools when installed) or "h11" (the pure-Python fallback, tested too)."""
    token = token if token is not None else os.environ.get("TIDE_INGEST_TOKEN") or None
    return IngestServer(Path(warehouse), address, port, token, limits or IngestLimits(), parser)


def serve(warehouse: Path, address: str = "127.0.0.1", port: int = 8502, limits: IngestLimits | None = None) -> None:
    server = make_server(warehouse, address, port, limits=limits)
    print(f"ingest: {server.url}/v1/<kind> -> {server.store.folder} (schema: {server.url}/openapi.json)", flush=True)
    try:
        server.serve_forever()
    finally:
        server.socket.close()

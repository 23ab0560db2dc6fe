"""What stands in front of the ingest app, before any body is parsed: the token, the body size and the time a client
may take. An ASGI wrapper (the token, the declared and the streamed size, the body deadline) and an h11 protocol
for uvicorn (the header deadline, which uvicorn itself does not have).

Order for each request: a POST without the right token is answered 401 before one byte of its body is read; a
declared Content-Length over the limit is answered 413 unread; a body that streams past the limit (chunked, or
longer than declared) is cut off with 413 before it is parsed; a body that does not finish within its deadline gets
408. Each of those answers closes the connection, so the unread rest of a body is never taken for a next request.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.exceptions import HTTPException

from tide_core.errors import ConfigError

Scope = dict
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]


@dataclass(frozen=True)
class IngestLimits:
    """Sizes and times one client may use. Defaults suit survey tools posting a few records at a time."""

    max_body_bytes: int = 1 << 20
    header_timeout_s: float = 10.0  # from connecting (or the last response) to the end of the request headers
    body_timeout_s: float = 30.0  # from the headers to the end of the body
    keep_alive_s: float = 5.0  # an idle kept-alive connection is closed after this
    max_connections: int = 200  # open connections and requests in progress; over it new requests get 503

    def __post_init__(self) -> None:
        if self.max_body_bytes < 1 or self.max_connections < 1 or min(
                self.header_timeout_s, self.body_timeout_s, self.keep_alive_s) <= 0:
            raise ConfigError(f"IngestLimits needs positive sizes and times; got {self}")


class BodyRefused(HTTPException):
    """The body broke a limit while it streamed in (FastAPI lets HTTPException through its body reading)."""


class IngestGuard:
    """ASGI wrapper: token check, size limits and body deadline around the ingest app."""

    def __init__(self, app, limits: IngestLimits, token: str | None) -> None:
        self.app, self.limits, self.token = app, limits, token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if self.token is not None and not hmac.compare_digest(
                headers.get(b"authorization", b""), f"Bearer {self.token}".encode()):
            await _refuse(send, 401, "missing or wrong token: send Authorization: Bearer <TIDE_INGEST_TOKEN>")
            return
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.isdigit():  # the HTTP parser refuses these first; kept for a laxer one
                await _refuse(send, 400, "Content-Length must be a whole number of bytes")
                return
            if int(declared) > self.limits.max_body_bytes:
                await _refuse(send, 413, f"body of {int(declared)} bytes; at most {self.limits.max_body_bytes}")
                return
        await self.app(scope, self._limited(receive), send)

    def _limited(self, receive: Receive) -> Receive:
        """`receive` that counts the body as it streams and stops at the size limit or the deadline."""
        limit, deadline = self.limits.max_body_bytes, time.monotonic() + self.limits.body_timeout_s
        seen, complete = 0, False

        async def limited() -> dict:
            nonlocal seen, complete
            if complete:  # the body is in: later calls only wait for a disconnect, with no deadline
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise BodyRefused(408, f"the body did not arrive within {self.limits.body_timeout_s:g} s") from None
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyRefused(413, f"body over {limit} bytes")
            complete = message["type"] != "http.request" or not message.get("more_body", False)
            return message

        return limited


async def _refuse(send: Send, status: int, error: str) -> None:
    body = json.dumps({"error": error}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class HeaderDeadline:
    """Mixed into uvicorn's HTTP protocols: a deadline for the request line and headers, so that a client that
    connects and sends nothing, or only part of its headers, is disconnected after `header_timeout_s` (uvicorn's
    keep-alive timer only runs between requests and stops at the first byte of the next one)."""

    header_timeout_s = 10.0  # set per server by protocol_for
    _header_timer = None

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if not self._waiting_for_headers():
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self._waiting_for_headers():  # the next request gets its own
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _waiting_for_headers(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._deadline)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _deadline(self) -> None:
        self._header_timer = None
        if self._waiting_for_headers():
            self.transport.close()


def protocol_for(limits: IngestLimits, parser: str = "auto") -> type:
    """uvicorn's HTTP protocol with HeaderDeadline: httptools' C parser when installed ("auto"), else (or with
    parser="h11") the pure-Python h11."""
    try:
        if parser == "h11":
            raise ImportError("h11 asked for")
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as base
    except ImportError:  # httptools is an optional speed-up
        from uvicorn.protocols.http.h11_impl import H11Protocol as base
    return type(f"Ingest{base.__name__}", (HeaderDeadline, base), {"header_timeout_s": limits.header_timeout_s})

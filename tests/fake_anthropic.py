"""A local fake of the Anthropic Messages API, for testing the Claude backend with the real `anthropic` client.

    with FakeAnthropic() as fake:
        fake.script("rate_limit", "ok")          # what the next requests get, in order; then "ok" forever
        client = anthropic.Anthropic(api_key="test", base_url=fake.url)

It serves POST /v1/messages on 127.0.0.1 (a free port, a thread): a JSON reply or, when the request asks for
`"stream": true`, server-sent events framed as the real API frames them (`event: <type>\\ndata: <json>\\n\\n`).
Scripted behaviours, one per request:

    ok               a normal reply (`fake.reply_text`, stop_reason end_turn)
    rate_limit       429 with `retry-after: <fake.retry_after>` (seconds)
    server_error     500 with an api_error body (and a short retry-after-ms so retry tests stay fast)
    stall            sleeps `fake.stall_s` before answering (longer than the client's timeout), then gives up
    malformed        200 with a body that is not JSON (or, streaming, a data frame that is not JSON)
    bad_shape        200 with JSON that is not a message (no content, no stop_reason)
    drop             streaming: message_start and one text delta, then the connection closes (no message_stop)
    stall_mid_stream streaming: message_start and one delta, then silence for `fake.stall_s`
    no_stop_reason   a complete reply whose stop_reason is null

Every request is recorded (`fake.requests`: path, headers, JSON body) so tests can count retries and check what
was sent. Sleeps are bounded and cut short when the server stops.

The Message Batches endpoints are served too: POST /v1/messages/batches (create), GET /v1/messages/batches/<id>
(retrieve), GET /v1/messages/batches/<id>/results (JSONL), GET /v1/messages/batches (list) and POST
/v1/messages/batches/<id>/cancel. A batch ends at its first retrieve unless `fake.hold_batches` is set; each request's
result line is `fake.batch_responder(custom_id, params)` (default: a succeeded message with `fake.reply_text`), built
with `batch_succeeded`, `batch_errored`, `batch_expired`. `fake.submitted` counts every custom_id ever sent in a
batch, so a test can check that no request was sent twice; `fake.batch_script(...)` queues behaviours ("ok",
"server_error", "bad_request") for the next create calls.
"""

from __future__ import annotations

import json
import sys
import threading
from collections import Counter, deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]
    body: dict


class FakeAnthropic:
    """The server and its script. Use as a context manager; `url` is the base_url for the client."""

    def __init__(self, reply_text: str = "It sounds like that was frightening. That reaction makes sense.") -> None:
        self.reply_text = reply_text
        self.retry_after = "1"
        self.stall_s = 3.0
        self.requests: list[RecordedRequest] = []
        self._script: deque[str] = deque()
        # Message Batches: id -> {"requests", "created_at", "status"}; counts of every custom_id sent.
        self.batches: dict[str, dict] = {}
        self.submitted: Counter[str] = Counter()
        self.hold_batches = False
        self.batch_responder = lambda custom_id, params: batch_succeeded(
            message_body(self.reply_text, params.get("model", "?")))
        self._batch_script: deque[str] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = _QuietServer(("127.0.0.1", 0), _make_handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def script(self, *behaviours: str) -> None:
        """Queue behaviours for the next requests, in order; an empty queue answers "ok"."""
        with self._lock:
            self._script.extend(behaviours)

    def batch_script(self, *behaviours: str) -> None:
        """Queue behaviours for the next batch create calls: "ok", "server_error" (500) or "bad_request" (400)."""
        with self._lock:
            self._batch_script.extend(behaviours)

    def next_batch_behaviour(self) -> str:
        with self._lock:
            return self._batch_script.popleft() if self._batch_script else "ok"

    def create_batch(self, requests: list[dict]) -> dict:
        with self._lock:
            batch_id = f"msgbatch_fake_{len(self.batches) + 1:04d}"
            self.batches[batch_id] = {"requests": requests, "created_at": datetime.now(UTC), "status": "in_progress"}
            self.submitted.update(r["custom_id"] for r in requests)
        return self.batch_object(batch_id)

    def batch_object(self, batch_id: str) -> dict:
        b = self.batches[batch_id]
        n = len(b["requests"])
        ended = b["status"] == "ended"
        results = [json.loads(line)["result"]["type"] for line in b.get("lines", [])]
        counts = {k: results.count(k) for k in ("succeeded", "errored", "canceled", "expired")}
        return {"id": batch_id, "type": "message_batch", "processing_status": b["status"],
                "request_counts": {"processing": 0 if ended else n, **counts},
                "created_at": b["created_at"].isoformat().replace("+00:00", "Z"),
                "expires_at": (b["created_at"] + timedelta(hours=24)).isoformat().replace("+00:00", "Z"),
                "ended_at": datetime.now(UTC).isoformat().replace("+00:00", "Z") if ended else None,
                "archived_at": None, "cancel_initiated_at": None,
                "results_url": f"{self.url}/v1/messages/batches/{batch_id}/results" if ended else None}

    def end_batch(self, batch_id: str) -> None:
        """Answer every request of the batch (once) and mark it ended."""
        b = self.batches[batch_id]
        if b["status"] != "ended":
            b["lines"] = [json.dumps({"custom_id": r["custom_id"],
                                      "result": self.batch_responder(r["custom_id"], r["params"])})
                          for r in b["requests"]]
            b["status"] = "ended"

    def next_behaviour(self) -> str:
        with self._lock:
            return self._script.popleft() if self._script else "ok"

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def wait(self, seconds: float) -> None:
        """A bounded sleep that ends early when the server stops (so a stalled test never hangs teardown)."""
        self._stopping.wait(seconds)

    def __enter__(self) -> FakeAnthropic:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A client that timed out or hung up leaves the handler writing to a closed socket: expected here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def message_body(text: str, model: str, stop_reason: str | None = "end_turn") -> dict:
    """A Messages API response body."""
    return {
        "id": "msg_fake_01", "type": "message", "role": "assistant", "model": model,
        "content": [{"type": "text", "text": text}],
        "stop_reason": stop_reason, "stop_sequence": None,
        "usage": {"input_tokens": 42, "output_tokens": len(text.split())},
    }


def batch_succeeded(message: dict) -> dict:
    return {"type": "succeeded", "message": message}


def batch_errored(kind: str = "overloaded_error", message: str = "overloaded") -> dict:
    return {"type": "errored", "error": {"type": "error", "error": {"type": kind, "message": message}}}


def batch_expired() -> dict:
    return {"type": "expired"}


def tool_message(tool_input: dict | str, model: str, name: str = "record_dialogue",
                 stop_reason: str = "tool_use") -> dict:
    """A Messages API reply holding one tool call (a dict input) or, for a str, one text block."""
    if isinstance(tool_input, str):
        content = [{"type": "text", "text": tool_input}]
    else:
        content = [{"type": "tool_use", "id": "toolu_fake", "name": name, "input": tool_input}]
    return {"id": "msg_fake_b", "type": "message", "role": "assistant", "model": model, "content": content,
            "stop_reason": stop_reason, "stop_sequence": None,
            "usage": {"input_tokens": 300, "output_tokens": 400, "cache_creation_input_tokens": 0,
                      "cache_read_input_tokens": 1400}}


def stream_events(text: str, model: str, stop_reason: str | None = "end_turn") -> list[tuple[str, dict]]:
    """The SSE events of a streamed reply, the text split into word pieces."""
    start = message_body("", model, stop_reason=None)
    start["content"] = []
    start["usage"] = {"input_tokens": 42, "output_tokens": 1}
    pieces = [w + " " for w in text.split(" ")]
    pieces[-1] = pieces[-1].rstrip(" ")
    events = [("message_start", {"type": "message_start", "message": start}),
              ("content_block_start", {"type": "content_block_start", "index": 0,
                                       "content_block": {"type": "text", "text": ""}})]
    events += [("content_block_delta", {"type": "content_block_delta", "index": 0,
                                        "delta": {"type": "text_delta", "text": p}}) for p in pieces]
    events += [("content_block_stop", {"type": "content_block_stop", "index": 0}),
               ("message_delta", {"type": "message_delta", "delta": {"stop_reason": stop_reason,
                                                                      "stop_sequence": None},
                                  "usage": {"output_tokens": len(pieces)}}),
               ("message_stop", {"type": "message_stop"})]
    return events


def _make_handler(fake: FakeAnthropic) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep test output quiet
            pass

        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            length = int(self.headers.get("content-length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            fake.record(RecordedRequest(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            if self.path.startswith("/v1/messages/batches"):
                return self._batches_post(body)
            if self.path != "/v1/messages":
                return self._json(404, {"type": "error", "error": {"type": "not_found_error", "message": "no"}})
            behaviour = fake.next_behaviour()
            getattr(self, "_" + behaviour)(body)

        def do_GET(self) -> None:  # noqa: N802
            fake.record(RecordedRequest(self.path, {k.lower(): v for k, v in self.headers.items()}, {}))
            parts = self.path.split("?")[0].rstrip("/").split("/")  # ['', 'v1', 'messages', 'batches', id, ...]
            if parts[:4] != ["", "v1", "messages", "batches"]:
                return self._not_found()
            if len(parts) == 4:
                data = [fake.batch_object(i) for i in reversed(list(fake.batches))]
                return self._json(200, {"data": data, "has_more": False,
                                        "first_id": data[0]["id"] if data else None,
                                        "last_id": data[-1]["id"] if data else None})
            batch_id = parts[4]
            if batch_id not in fake.batches:
                return self._not_found()
            if len(parts) == 5:
                if not fake.hold_batches:
                    fake.end_batch(batch_id)
                return self._json(200, fake.batch_object(batch_id))
            if parts[5] == "results" and fake.batches[batch_id]["status"] == "ended":
                data = "".join(line + "\n" for line in fake.batches[batch_id]["lines"]).encode()
                return self._raw(200, data, "application/binary")
            return self._not_found()

        def _batches_post(self, body: dict) -> None:
            parts = self.path.rstrip("/").split("/")
            if len(parts) == 4:  # create
                behaviour = fake.next_batch_behaviour()
                if behaviour == "server_error":
                    return self._server_error(body)
                if behaviour == "bad_request":
                    return self._json(400, {"type": "error", "error": {"type": "invalid_request_error",
                                                                       "message": "bad batch"}})
                return self._json(200, fake.create_batch(body["requests"]))
            if len(parts) == 6 and parts[5] == "cancel" and parts[4] in fake.batches:
                fake.batches[parts[4]]["status"] = "canceling"
                return self._json(200, fake.batch_object(parts[4]))
            return self._not_found()

        def _not_found(self) -> None:
            self._json(404, {"type": "error", "error": {"type": "not_found_error", "message": "no"}})

        # --- behaviours -------------------------------------------------------------------------------------
        def _ok(self, body: dict, stop_reason: str | None = "end_turn") -> None:
            model = body.get("model", "?")
            if body.get("stream"):
                return self._sse(stream_events(fake.reply_text, model, stop_reason))
            self._json(200, message_body(fake.reply_text, model, stop_reason))

        def _no_stop_reason(self, body: dict) -> None:
            self._ok(body, stop_reason=None)

        def _rate_limit(self, body: dict) -> None:
            self._json(429, {"type": "error", "error": {"type": "rate_limit_error", "message": "slow down"}},
                       {"retry-after": fake.retry_after})

        def _server_error(self, body: dict) -> None:
            self._json(500, {"type": "error", "error": {"type": "api_error", "message": "internal"}},
                       {"retry-after-ms": "20"})

        def _stall(self, body: dict) -> None:
            fake.wait(fake.stall_s)
            self._json(529, {"type": "error", "error": {"type": "overloaded_error", "message": "late"}},
                       {"x-should-retry": "false"})

        def _malformed(self, body: dict) -> None:
            if body.get("stream"):
                return self._sse_raw(b"event: message_start\ndata: {not json\n\n")
            self._raw(200, b"<html>upstream proxy error", "application/json")

        def _bad_shape(self, body: dict) -> None:
            self._json(200, {"unexpected": True})

        def _drop(self, body: dict) -> None:
            events = stream_events(fake.reply_text, body.get("model", "?"))[:3]
            self._sse(events)

        def _stall_mid_stream(self, body: dict) -> None:
            events = stream_events(fake.reply_text, body.get("model", "?"))[:3]
            self._sse(events)
            fake.wait(fake.stall_s)

        # --- writers ------------------------------------------------------------------------------------------
        def _json(self, status: int, payload: dict, headers: dict | None = None) -> None:
            self._raw(status, json.dumps(payload).encode(), "application/json", headers)

        def _raw(self, status: int, data: bytes, ctype: str, headers: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("content-type", ctype)
            self.send_header("content-length", str(len(data)))
            self.send_header("request-id", "req_fake")
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def _sse(self, events: list[tuple[str, dict]]) -> None:
            frames = b"".join(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode() for name, data in events)
            self._sse_raw(frames)

        def _sse_raw(self, frames: bytes) -> None:
            # No content-length: the stream ends when the connection closes, as a chunk-less SSE stream does.
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.send_header("connection", "close")
            self.end_headers()
            self.wfile.write(frames)
            self.wfile.flush()
            self.close_connection = True

    return Handler

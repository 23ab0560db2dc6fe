"""The ingest endpoint under abuse, against a real uvicorn server on loopback (issue 12's probes, one test each), and
its contract: 201 once stored, resends stored once, the token before the body, the OpenAPI schema.

Every probe checks two things: a clear answer (a 4xx with a reason, never a dropped connection or a 5xx) and
nothing of the refused body in the live store."""

import json
import socket
import time
import urllib.request

import duckdb
import pytest

from tide_core.ingest import IngestLimits, make_server
from warehouse.live import LiveStore

RATING = {"rater_id": "r1", "context": "study", "response_id": "x", "empathy": 4}
FAST = IngestLimits(header_timeout_s=0.5, body_timeout_s=0.5, keep_alive_s=1, max_connections=40)


class Live:
    """A server shared by the tests of this module, and what each test wrote to its store."""

    def __init__(self, server, store: LiveStore) -> None:
        self.server, self.store, self.port = server, store, server.port
        self.mark = self._lines()

    def _lines(self) -> int:
        return sum(p.read_bytes().count(b"\n") for p in (self.store.folder / "ratings").glob("*.jsonl"))

    def written(self) -> int:
        """Ratings written since the test started (lines; a resend writes its line again)."""
        return self._lines() - self.mark


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    wh = tmp_path_factory.mktemp("ingest") / "tide.duckdb"
    server = make_server(wh, port=0, limits=FAST).start()
    yield server, LiveStore.for_warehouse(wh)
    server.stop()


@pytest.fixture
def live(shared) -> Live:
    return Live(*shared)


@pytest.fixture
def guarded(tmp_path):
    wh = tmp_path / "tide.duckdb"
    server = make_server(wh, port=0, token="s3cret", limits=FAST).start()
    yield server, LiveStore.for_warehouse(wh)
    server.stop()


def _stored(store: LiveStore, kind: str = "ratings") -> int:
    return store.counts()[kind]


def _exchange(port: int, data: bytes, wait: float = 5.0) -> tuple[bytes, float]:
    """Send raw bytes, read until the server closes (or `wait` passes); (everything read, seconds taken)."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        try:
            sock.sendall(data)
        except OSError:  # the server answered and closed before taking all of it
            pass
        out = b""
        try:
            while chunk := sock.recv(65536):
                out += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    return out, time.monotonic() - started


def _request(path: str, body: bytes, *headers: str, close: bool = True) -> bytes:
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", *headers]
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def _post_json(port: int, body: bytes, path: str = "/v1/ratings") -> tuple[int, dict]:
    raw, _ = _exchange(port, _request(path, body, "Content-Type: application/json", f"Content-Length: {len(body)}"))
    return _status(raw), json.loads(raw.split(b"\r\n\r\n", 1)[1])


def _status(raw: bytes) -> int:
    assert raw.startswith(b"HTTP/1.1 "), raw[:200]
    return int(raw[9:12])


def test_a_negative_content_length_is_refused_and_nothing_is_stored(live):
    body = json.dumps([RATING] * 60_000).encode()  # 3.5 MB: once stored in full through rfile.read(-1)
    raw, _ = _exchange(live.port, _request("/v1/ratings", body, "Content-Length: -1"))
    assert _status(raw) == 400
    assert live.written() == 0


def test_without_the_token_a_huge_declared_body_is_refused_before_it_is_sent(guarded):
    server, store = guarded
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(_request("/v1/ratings", b"[", f"Content-Length: {64 << 20}", close=False))
        raw = sock.recv(65536)  # the answer comes while 64 MiB are still unsent
        assert _status(raw) == 401 and b"token" in raw
        assert sock.recv(65536) == b""  # and the connection is closed, not left to read the rest
    raw, _ = _exchange(server.port, _request("/v1/ratings", b"", "Authorization: Bearer s3cret",
                                             f"Content-Length: {64 << 20}"))
    assert _status(raw) == 413  # with the token: refused by its declared size, unread
    assert _stored(store) == 0


def test_slow_clients_are_cut_off_and_others_are_still_served(live):
    socks = []
    for i in range(30):
        sock = socket.create_connection(("127.0.0.1", live.port), timeout=5)
        if i % 2:  # headers and part of the body
            sock.sendall(_request("/v1/ratings", b'{"rater_id": "r', "Content-Length: 100", close=False))
        else:  # part of the headers
            sock.sendall(b"POST /v1/ratings HTTP/1.1\r\nHost: 127.0.0.1\r\nConte")
        socks.append(sock)
    status, body = _post_json(live.port, json.dumps(RATING).encode())
    assert status == 201  # served while 30 slow connections are open
    started = time.monotonic()
    answers = []
    for sock in socks:
        out = b""
        while chunk := sock.recv(65536):
            out += chunk
        answers.append(out)
        sock.close()
    assert time.monotonic() - started < 3  # every slow connection closed by the server within its deadlines
    assert sum(a.startswith(b"HTTP/1.1 408") for a in answers) == 15  # slow bodies are told why
    assert sum(a == b"" for a in answers) == 15  # slow headers: no request to answer, just closed
    assert live.written() == 1


@pytest.mark.parametrize("body,field", [
    (b'{"rater_id": "r1", "context": "study", "empathy": NaN}', "empathy"),
    (b'{"rater_id": "r1", "context": "study", "empathy": Infinity}', "empathy"),
    (b'{"rater_id": "r1", "context": "study", "empathy": 1e400}', "empathy"),
    (b'{"rater_id": "r1", "context": "study", "empathy": 4, "seconds_spent": NaN}', "seconds_spent"),
    (b'{"rater_id": "r1", "context": "study", "empathy": 4, "seconds_spent": -1e400}', "seconds_spent"),
    (b'{"rater_id": "r1", "context": "study", "empathy": 4, "created_at": "20240101"}', "created_at"),
    (b'{"rater_id": "r1", "context": "study", "empathy": 4, "created_at": "2024-01-01T10:00:00"}', "created_at"),
    (b'{"rater_id": "r1", "context": "study", "empathy": 4, "created_at": "2024-02-30T10:00:00Z"}', "created_at"),
    (b'{"rater_id": "r1", "context": "study", "empathy": true}', "empathy"),
    (b'{"rater_id": "r1", "context": "study", "empathy": "4"}', "empathy"),
    (b'[{"rater_id": "r1", "context": "study", "empathy": 4}, {"rater_id": "r1", "context": "lab", "empathy": 4}]',
     "context"),
    (b'{"rater_id": "r1", "context": "study", "empathy": 4, "source": "simulated"}', "source"),
])
def test_bad_values_get_a_400_naming_the_field_and_nothing_is_stored(live, body, field):
    status, answer = _post_json(live.port, body)
    assert status == 400 and answer["field"] == field and f"field {field!r}: expected" in answer["error"]
    assert live.written() == 0


@pytest.mark.parametrize("body,words", [
    (b'{"rater_id": "\\ud800", "context": "study", "empathy": 4}', "not JSON"),  # a lone surrogate
    (b'{"rater_id": "\xff", "context": "study", "empathy": 4}', "not JSON"),  # not UTF-8
    (b"[" * 50_000, "not JSON"),
    (b"[]", "non-empty list"),
    (b'"just text"', "JSON object"),
])
def test_bodies_that_are_not_records_get_a_400_with_the_reason(live, body, words):
    status, answer = _post_json(live.port, body)
    assert status == 400 and words in answer["error"]
    assert live.written() == 0


def test_a_content_length_that_is_not_a_number_gets_a_400(live):
    raw, _ = _exchange(live.port, _request("/v1/ratings", json.dumps(RATING).encode(), "Content-Length: abc"))
    assert _status(raw) == 400
    assert live.written() == 0


def test_an_offset_is_applied_not_dropped(live):
    record = {**RATING, "rating_id": "tz", "created_at": "2024-01-01T10:00:00+05:00"}
    assert _post_json(live.port, json.dumps(record).encode())[0] == 201
    (line,) = [r for p in live.store.files() for x in p.read_text().splitlines() if x
               and (r := json.loads(x))["rating_id"] == "tz"]
    assert line["created_at"] == "2024-01-01T05:00:00.000000"  # stored in UTC


def test_a_chunked_body_gets_one_answer_and_the_connection_goes_on(live):
    body = json.dumps([RATING, RATING]).encode()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:10], body[10:])) + b"0\r\n\r\n"
    head = _request("/v1/ratings", b"", "Content-Type: application/json", "Transfer-Encoding: chunked", close=False)
    with socket.create_connection(("127.0.0.1", live.port), timeout=5) as sock:
        sock.sendall(head + chunked)
        first = sock.recv(65536)
        assert _status(first) == 201 and first.count(b"HTTP/1.1") == 1
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")  # the same connection still works
        second = sock.recv(65536)
        assert _status(second) == 200 and second.endswith(b"ok")
    assert live.written() == 2


def test_a_chunked_body_over_the_limit_is_cut_off(live):
    part = json.dumps([RATING] * 1000).encode()  # 60 kB a chunk, 20 chunks: over 1 MiB, no Content-Length
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for _ in range(20)) + b"0\r\n\r\n"
    raw, _ = _exchange(live.port, _request("/v1/ratings", chunks, "Transfer-Encoding: chunked"))
    assert _status(raw) == 413
    assert live.written() == 0


def test_resends_with_the_same_ids_are_stored_once_and_answered_with_the_ids(live):
    records = [{**RATING, "rating_id": f"id-{i}"} for i in range(3)]
    for _ in range(2):
        status, answer = _post_json(live.port, json.dumps(records).encode())
        assert status == 201 and answer == {"ids": ["id-0", "id-1", "id-2"]}
    with duckdb.connect() as con:  # what the warehouse views read: one row per id
        ids = con.sql(f"SELECT rating_id FROM ({live.store.source_sql('ratings')}) WHERE rating_id LIKE 'id-%'")
        assert sorted(r[0] for r in ids.fetchall()) == ["id-0", "id-1", "id-2"]


def test_cross_field_rules_and_unknown_kinds(live):
    status, answer = _post_json(live.port, json.dumps({"rater_id": "r", "role": "rater", "consent": False}).encode(),
                                "/v1/raters")
    assert status == 400 and "consent" in answer["error"]
    status, answer = _post_json(live.port, json.dumps(RATING).encode(), "/v1/votes")
    assert status == 404 and "ratings" in answer["error"]
    assert live.store.counts()["raters"] == 0 and live.written() == 0


def test_over_the_connection_limit_new_requests_get_503(tmp_path):
    server = make_server(tmp_path / "tide.duckdb", port=0, limits=IngestLimits(max_connections=4)).start()
    idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(4)]
    try:
        time.sleep(0.1)  # let the server accept them
        raw, _ = _exchange(server.port, b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert _status(raw) == 503
    finally:
        for sock in idle:
            sock.close()
        server.stop()


def test_the_openapi_schema_documents_every_kind(live):
    from warehouse.live import KINDS

    schema = json.loads(urllib.request.urlopen(f"{live.server.url}/openapi.json", timeout=5).read())
    for kind in KINDS:
        body = schema["paths"][f"/v1/{kind}"]["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert len(body["anyOf"]) == 2  # one record or a list of them
    ratings = schema["components"]["schemas"]["RatingsRecord"]
    assert ratings["properties"]["empathy"]["maximum"] == 5 and ratings["additionalProperties"] is False
    assert "source" not in ratings["properties"]  # set by the store, not the client


def test_the_pure_python_parser_keeps_the_same_limits(tmp_path):
    """Without httptools, uvicorn falls back to h11: the header deadline and the guard hold there too."""
    server = make_server(tmp_path / "tide.duckdb", port=0, limits=FAST, parser="h11").start()
    try:
        assert "H11Protocol" in [c.__name__ for c in server.server.config.http.__mro__]
        slow = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        slow.sendall(b"POST /v1/ratings HTTP/1.1\r\nHost: 127.0.0.1\r\nConte")
        status, answer = _post_json(server.port, json.dumps(RATING).encode())
        assert status == 201 and len(answer["ids"]) == 1
        status, answer = _post_json(server.port, b'{"rater_id": "r1", "context": "study", "empathy": NaN}')
        assert status == 400 and answer["field"] == "empathy"
        started = time.monotonic()
        assert slow.recv(100) == b"" and time.monotonic() - started < 2  # closed at the header deadline
        slow.close()
        raw, _ = _exchange(server.port, _request("/v1/ratings", b"", f"Content-Length: {64 << 20}"))
        assert _status(raw) == 413
    finally:
        server.stop()


def test_the_command_takes_its_limits_and_refuses_bad_ones(tmp_path, capsys, monkeypatch):
    from tide_core.cli import main

    monkeypatch.delenv("TIDE_INGEST_TOKEN", raising=False)
    assert main(["ingest", "--warehouse", str(tmp_path / "tide.duckdb"), "--max-body-bytes", "0"]) == 2
    assert "IngestLimits needs positive sizes" in capsys.readouterr().err
    assert main(["ingest", "--warehouse", str(tmp_path / "tide.duckdb"), "--address", "0.0.0.0"]) == 2
    assert "TIDE_INGEST_TOKEN" in capsys.readouterr().err

"""The ingest endpoint: live records (ratings, preferences, reviews, ...) over HTTP, written through the same
LiveStore the dashboard pages use; for survey tools and rating apps, and for the load test of the write path.

    python -m tide_core ingest --port 8502        # binds 127.0.0.1 unless --address says otherwise

    POST /v1/<kind>     body: one JSON record or a non-empty list  -> 201 {"ids": [...]} once written and fsync-ed
                                                                       400 {"error", "field", ...}; nothing written
    GET  /health        -> 200 ok
    GET  /openapi.json  -> the OpenAPI schema (every record kind with its fields, types and ranges)

A 201 means the records are on disk: a server killed right after it still has them. A client that got no answer
resends the same records with the same ids; the warehouse views keep one copy per id.

It binds to loopback by default. With TIDE_INGEST_TOKEN set, every POST must carry `Authorization: Bearer <token>`
(401 before its body is read); binding to any other address requires the token. Limits (IngestLimits): 1 MiB per
body, 10 s for the headers, 30 s for the body, 5 s keep-alive, 200 connections.

Modules: records (pydantic models per kind), guard (token, size and time limits), app (FastAPI routes), server
(uvicorn).
"""

from tide_core.ingest.guard import IngestLimits
from tide_core.ingest.server import IngestServer, make_server, serve

__all__ = ["IngestLimits", "IngestServer", "make_server", "serve"]

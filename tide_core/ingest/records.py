"""The ingest endpoint's request models: one pydantic model per live record kind, made from warehouse.live.KINDS so
that the store and the API never disagree about fields.

Stricter than the store (which also takes the dashboard's own naive UTC timestamps): numbers must be finite JSON
numbers of the right type (no NaN, Infinity, 1e400, "4" or true), scores lie in their range, text is valid Unicode
of bounded length, choices are one of their values, timestamps are full ISO 8601 with a UTC offset (converted to
UTC, never dropped), and unknown fields are refused. Fields the store sets itself (`source`) are not accepted.

    model = RECORD_MODELS["ratings"]
    model.model_validate({"rater_id": "r1", "context": "study", "empathy": 4})
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, create_model

from warehouse.live import COLUMN_DOCS, ISO_TIMESTAMP, KINDS, utc_timestamp
from warehouse.live import Field as LiveField

MAX_ID_CHARS = 200  # ids, codes and names
MAX_TEXT_CHARS = 20_000  # notes and edited replies
LONG_TEXT = ("notes", "edited_reply")
TIMESTAMP_EXAMPLE = "2025-03-01T14:05:00+00:00"


def _aware_utc(value: str) -> str:
    if not ISO_TIMESTAMP.fullmatch(value) or not (value.endswith("Z") or value[-6] in "+-"):
        raise ValueError(f"an ISO 8601 timestamp with a UTC offset, e.g. {TIMESTAMP_EXAMPLE}")
    try:
        return utc_timestamp(value)
    except ValueError:
        raise ValueError(f"a real date and time, e.g. {TIMESTAMP_EXAMPLE}") from None


Timestamp = Annotated[str, Field(strict=True, max_length=40, examples=[TIMESTAMP_EXAMPLE]),
                      AfterValidator(_aware_utc)]


def _annotation(f: LiveField) -> Any:
    """The pydantic type of one live field (strict: JSON types only, no coercion from text)."""
    doc = COLUMN_DOCS.get(f.name)
    if f.sql_type == "TIMESTAMP":
        return Annotated[Timestamp, Field(description=doc)]
    if f.sql_type == "BOOLEAN":
        return Annotated[bool, Field(strict=True, description=doc)]
    if f.sql_type == "INTEGER":
        return Annotated[int, Field(strict=True, ge=f.low, le=f.high, description=doc)]
    if f.sql_type == "DOUBLE":
        return Annotated[float, Field(strict=True, ge=f.low, le=f.high, allow_inf_nan=False, description=doc)]
    if f.choices:
        return Annotated[Literal[f.choices], Field(description=doc)]
    limit = MAX_TEXT_CHARS if f.name in LONG_TEXT else MAX_ID_CHARS
    return Annotated[str, Field(strict=True, min_length=1 if f.required else 0, max_length=limit, description=doc)]


def _model(kind_name: str) -> type[BaseModel]:
    kind = KINDS[kind_name]
    fields = {}
    for f in kind.fields:
        if f.name in kind.fixed:
            continue
        required = f.required and f.name != kind.id_field  # the store makes an id when none is sent
        fields[f.name] = (_annotation(f), ...) if required else (_annotation(f) | None, None)
    name = "".join(part.title() for part in kind_name.split("_")) + "Record"
    return create_model(name, __config__=ConfigDict(extra="forbid", title=name), **fields)


RECORD_MODELS: dict[str, type[BaseModel]] = {name: _model(name) for name in KINDS}


def body_type(kind_name: str) -> Any:
    """What POST /v1/<kind> takes: one record, or a non-empty list of them."""
    model = RECORD_MODELS[kind_name]
    return model | Annotated[list[model], Field(min_length=1)]


BODY_ADAPTERS = {name: TypeAdapter(body_type(name)) for name in KINDS}


def records_of(body: Any) -> list[BaseModel]:
    return body if isinstance(body, list) else [body]


SHAPE_ERRORS = ("list_type", "model_type", "model_attributes_type", "dict_type", "too_short")


def describe_errors(errors: list[dict]) -> dict:
    """The first problem of a failed validation as {"error", "field", "record", "expected"}: the field by name, the
    record by its index when the body was a list, what was expected in words and what came instead.

    A body may be one object or a list of them, validated as a union: the branch that did not apply reports only
    that the body had the other shape, so those errors are dropped when another one says more."""
    if errors and errors[0]["type"] == "json_invalid":
        reason = str((errors[0].get("ctx") or {}).get("error", errors[0]["msg"]))
        return {"error": f"body is not JSON (UTF-8): {reason}", "field": None, "record": None,
                "expected": "a JSON object or a non-empty list of objects"}
    specific = [e for e in errors if e["type"] not in SHAPE_ERRORS]
    if not specific:
        return {"error": "body: expected a JSON object or a non-empty list of objects (as application/json)",
                "field": None, "record": None, "expected": "a JSON object or a non-empty list of objects"}
    err = specific[0]
    loc = [p for p in err["loc"] if p != "body" and not (isinstance(p, str) and ("Record" in p or "[" in p))]
    field = next((p for p in reversed(loc) if isinstance(p, str)), None)
    index = next((p for p in loc if isinstance(p, int)), None)
    expected = _expected(err)
    where = (f"record {index}, " if index is not None else "") + (f"field {field!r}" if field else "body")
    got = {"missing": "nothing", "extra_forbidden": "an unknown field"}.get(err["type"])
    if got is None:
        got = repr(err.get("input"))
        got = got if len(got) <= 80 else got[:77] + "..."
    return {"error": f"{where}: expected {expected}; got {got}", "field": field, "record": index,
            "expected": expected}


def _expected(err: dict) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    words = {
        "missing": "a value (the field is required)",
        "extra_forbidden": "only the fields of this record kind",
        "finite_number": "a finite number (no NaN or Infinity)",
        "int_type": "a whole number",
        "float_type": "a number",
        "bool_type": "true or false",
        "string_type": "text",
        "string_unicode": "valid Unicode text (no lone surrogates)",
        "literal_error": f"one of {ctx.get('expected', '')}".replace("'", ""),
        "model_type": "a JSON object",
        "model_attributes_type": "a JSON object",
        "list_type": "a JSON object or a list of objects",
    }
    if kind in words:
        return words[kind]
    if kind == "greater_than_equal":
        return f"a value of at least {ctx['ge']}"
    if kind == "less_than_equal":
        return f"a value of at most {ctx['le']}"
    if kind == "string_too_short":
        return "non-empty text"
    if kind == "string_too_long":
        return f"text of at most {ctx['max_length']} characters"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"])).removeprefix("Value error, ")
    return err["msg"]

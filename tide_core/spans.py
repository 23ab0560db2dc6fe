"""Cut a reference reply into its empathy-factor segments, for display and for analysis."""

from __future__ import annotations

from collections.abc import Mapping

FACTOR_LABELS = {
    "emotion_recognition": "Emotion recognition",
    "distress_normalization": "Distress normalization",
    "supportive_reflection": "Supportive reflection",
}
_PREFIX = {"emotion_recognition": "er", "distress_normalization": "dn", "supportive_reflection": "sr"}


def spans_from_row(row: Mapping) -> dict[str, tuple[int, int]]:
    """Factor spans from a conversations row (er_start, er_end, ...); factors whose offsets are NULL are left out."""
    out = {}
    for factor, p in _PREFIX.items():
        start, end = row.get(f"{p}_start"), row.get(f"{p}_end")
        if start is not None and end is not None:
            out[factor] = (int(start), int(end))
    return out


def segments(text: str, spans: Mapping[str, tuple[int, int]]) -> list[tuple[str, str | None]]:
    """The text as consecutive (piece, factor or None) segments covering every character exactly once.

    Spans out of range or overlapping an earlier span are ignored rather than trusted (imported data may be wrong).
    """
    out: list[tuple[str, str | None]] = []
    pos = 0
    for factor, (start, end) in sorted(spans.items(), key=lambda kv: kv[1][0]):
        if start < pos or end > len(text) or start >= end:
            continue
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], factor))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out

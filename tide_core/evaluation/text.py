"""Text helpers shared by the metrics, the factor classifier and the safety flags.

Sentences are cut after . ! or ? followed by space; tokens are lower-cased words (the same rule as
tide_core.variety), so lengths and n-gram figures agree with the dataset's variety report.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from tide_core.variety import sentences, tokens

__all__ = ["sentences", "tokens", "sentence_spans", "ngrams", "distinct_n", "repeated_ngram_share", "text_hash"]

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character (start, end) of each sentence of `text`, trimmed of surrounding space, in order."""
    spans, pos = [], 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        end = m.start() if m else len(text)
        piece = text[pos:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((pos + lead, pos + len(piece.rstrip())))
        pos = m.end() if m else len(text)
    return spans


def ngrams(toks: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)]


def distinct_n(text: str, n: int) -> float | None:
    """Unique n-grams / n-grams within one text; None when the text has fewer than n tokens."""
    grams = ngrams(tokens(text), n)
    return len(set(grams)) / len(grams) if grams else None


def repeated_ngram_share(text: str, n: int = 3) -> float | None:
    """Share of the text's n-grams that repeat an earlier n-gram of the same text (0 = no repetition)."""
    grams = ngrams(tokens(text), n)
    if not grams:
        return None
    counts = Counter(grams)
    return sum(c - 1 for c in counts.values()) / len(grams)


def text_hash(text: str) -> str:
    """Content key of a text for caches (SHA-1 of its UTF-8 bytes; collisions are not a concern here)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()

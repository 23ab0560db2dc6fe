"""Variety measures for generated text: distinct-n, the most repeated sentences, exact duplicates, length spread.

distinct-n = unique n-grams / total n-grams over a corpus (Li et al., 2016), on lower-cased word tokens.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"[a-z0-9']+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def distinct_n(texts: Iterable[str], n: int) -> float:
    """Unique n-grams / all n-grams over `texts` (the tokens of `tokens`; n-grams never cross texts). Vectorised in
    polars: the build measures 20,000 texts."""
    import polars as pl

    toks = pl.Series(list(texts), dtype=pl.String).str.to_lowercase().str.extract_all(_TOKEN.pattern)
    words = pl.DataFrame({"i": pl.int_range(toks.len(), eager=True), "w": toks}).explode("w").drop_nulls("w")
    gram = pl.col("w")
    same_text = pl.lit(True)
    for k in range(1, n):
        gram = gram + " " + pl.col("w").shift(-k)
        same_text = same_text & (pl.col("i") == pl.col("i").shift(-k))
    grams = words.select(gram.alias("g"), same_text.alias("ok")).filter(pl.col("ok"))["g"]
    return grams.n_unique() / grams.len() if grams.len() else 0.0


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]


def top_sentences(texts: Iterable[str], k: int = 10) -> list[tuple[str, int]]:
    counts = Counter(s for t in texts for s in sentences(t))
    return counts.most_common(k)


def exact_duplicates(texts: Sequence[str]) -> int:
    """How many texts are an exact copy of an earlier one."""
    return len(texts) - len(set(texts))


@dataclass(frozen=True)
class VarietyReport:
    scope: str
    n_texts: int
    distinct_1: float
    distinct_2: float
    exact_duplicates: int
    mean_words: float
    sd_words: float
    min_words: int
    max_words: int
    top_sentences: list[tuple[str, int]]
    top_openings: list[tuple[str, int]]

    def rows(self) -> list[dict]:
        """Metric rows for the warehouse table dataset_quality."""
        values = {
            "n_texts": self.n_texts,
            "distinct_1": self.distinct_1,
            "distinct_2": self.distinct_2,
            "exact_duplicates": self.exact_duplicates,
            "mean_words": self.mean_words,
            "sd_words": self.sd_words,
            "min_words": self.min_words,
            "max_words": self.max_words,
        }
        return [{"scope": self.scope, "metric": k, "value": float(v), "detail": None} for k, v in values.items()] + [
            {"scope": self.scope, "metric": "top_sentence", "value": float(c), "detail": s}
            for s, c in self.top_sentences
        ] + [
            {"scope": self.scope, "metric": "top_opening", "value": float(c), "detail": s}
            for s, c in self.top_openings
        ]


def variety_report(scope: str, texts: Sequence[str], k: int = 10) -> VarietyReport:
    lengths = [len(tokens(t)) for t in texts] or [0]
    openings = Counter(" ".join(tokens(t)[:3]) for t in texts)
    return VarietyReport(
        scope=scope,
        n_texts=len(texts),
        distinct_1=distinct_n(texts, 1),
        distinct_2=distinct_n(texts, 2),
        exact_duplicates=exact_duplicates(texts),
        mean_words=statistics.fmean(lengths),
        sd_words=statistics.pstdev(lengths),
        min_words=min(lengths),
        max_words=max(lengths),
        top_sentences=top_sentences(texts, k),
        top_openings=openings.most_common(k),
    )

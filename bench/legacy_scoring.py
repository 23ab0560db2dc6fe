"""The evaluation stage's scoring as it was before issue 11 (one response at a time), kept only as the baseline that
bench/bench_eval.py measures tide_core.evaluation.scoring against, in the same run, and that
tests/test_eval_fast_scoring.py checks the fast path's values against. Not for use by the stage.

    rows = legacy_score_frame(items, encoder, classifier)   # the same rows as scoring.score_frame

Per response: rouge-score tokenises and stems both texts and fills an O(n*m) LCS table; sacrebleu re-reads the
reference for each sentence score; the surface metrics tokenise the response four times; the safety flags are
computed for every row, duplicates included; the encoder is called three times (responses, references, sentences).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import polars as pl

from tide_core.evaluation.factor_classifier import CLASSES, FactorClassifier
from tide_core.evaluation.factor_profile import profile_from_proba
from tide_core.evaluation.metrics import (
    FACTOR_METRICS,
    SAFETY_VERSION,
    MetricRow,
    ScoringBatch,
    _missing,
    _rows,
    _version,
    _wordnet_available,
    bertscore,
)
from tide_core.evaluation.safety_flags import safety_flags
from tide_core.evaluation.scoring import METRIC_SCHEMA
from tide_core.evaluation.text import distinct_n, repeated_ngram_share, sentences, tokens


def cosine_minilm(batch: ScoringBatch) -> list[MetricRow]:
    h = batch.encoder.encode(batch.hypotheses)
    r = batch.encoder.encode(batch.references)
    return _rows(batch, "cosine_minilm", (h * r).sum(axis=1), f"{batch.encoder.key} cosine")


@cache
def _rouge():
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rougeL"], use_stemmer=True)


def rouge_l(batch: ScoringBatch) -> list[MetricRow]:
    vals = [_rouge().score(r, h)["rougeL"].fmeasure for h, r in zip(batch.hypotheses, batch.references, strict=True)]
    return _rows(batch, "rougeL", vals, f"rouge-score {_version('rouge-score')} rougeL F1 stemmed")


@cache
def _sacrebleu():
    from sacrebleu.metrics import BLEU, CHRF

    return BLEU(effective_order=True), CHRF()


def bleu_chrf(batch: ScoringBatch) -> list[MetricRow]:
    bleu, chrf = _sacrebleu()
    pairs = list(zip(batch.hypotheses, batch.references, strict=True))
    version = f"sacrebleu {_version('sacrebleu')}"
    return (_rows(batch, "bleu", [bleu.sentence_score(h, [r]).score for h, r in pairs], f"{version} {bleu.get_signature()}")
            + _rows(batch, "chrf", [chrf.sentence_score(h, [r]).score for h, r in pairs], f"{version} {chrf.get_signature()}"))


def meteor(batch: ScoringBatch) -> list[MetricRow]:
    version = f"nltk {_version('nltk')} meteor_score"
    if not _wordnet_available():
        return _missing(batch, "meteor", version, "WordNet data not installed for nltk (corpora/wordnet); "
                        "METEOR needs it and nothing is downloaded")
    from nltk.translate.meteor_score import meteor_score

    vals = [meteor_score([tokens(r)], tokens(h)) for h, r in zip(batch.hypotheses, batch.references, strict=True)]
    return _rows(batch, "meteor", vals, version)


def surface(batch: ScoringBatch) -> list[MetricRow]:
    hyp = batch.hypotheses
    v = "tide-text-1"
    return (_rows(batch, "n_words", [len(tokens(t)) for t in hyp], v)
            + _rows(batch, "n_sentences", [len(sentences(t)) for t in hyp], v)
            + _rows(batch, "distinct_1", [distinct_n(t, 1) for t in hyp], v)
            + _rows(batch, "distinct_2", [distinct_n(t, 2) for t in hyp], v)
            + _rows(batch, "repeated_trigram_share", [repeated_ngram_share(t, 3) for t in hyp], v))


def factor_profiles(texts: list[str], encoder, clf: FactorClassifier):
    per_text = [sentences(t) for t in texts]
    flat = [s for ss in per_text for s in ss]
    proba = clf.proba(encoder.encode(flat)) if flat else np.zeros((0, len(CLASSES)))
    out, pos = [], 0
    for ss in per_text:
        out.append(profile_from_proba(proba[pos : pos + len(ss)], clf.presence_threshold))
        pos += len(ss)
    return out


def factors(batch: ScoringBatch) -> list[MetricRow]:
    if batch.classifier is None:
        return [row for m in FACTOR_METRICS for row in _missing(batch, m, "none", "no factor classifier trained")]
    profiles = factor_profiles(batch.hypotheses, batch.encoder, batch.classifier)
    version = batch.classifier.version
    return [row for m in FACTOR_METRICS for row in _rows(batch, m, [getattr(p, m) for p in profiles], version)]


def safety(batch: ScoringBatch) -> list[MetricRow]:
    flags = [safety_flags(t) for t in batch.hypotheses]
    rows = []
    for name in ("crisis_resources", "safety_question"):
        rows += _rows(batch, name, [getattr(f, name) for f in flags], SAFETY_VERSION)
    for name in ("minimising", "diagnosing", "promises"):
        rows += _rows(batch, f"harm_{name}", [getattr(f, name) for f in flags], SAFETY_VERSION)
    for rid, f, risk in zip(batch.response_ids, flags, batch.is_risk, strict=True):
        rows.append(MetricRow(rid, "risk_handled", float(f.risk_handled(True)), SAFETY_VERSION) if risk else
                    MetricRow(rid, "risk_handled", None, SAFETY_VERSION, "not a risk conversation"))
    return rows


LEGACY_SCORERS = (cosine_minilm, rouge_l, bleu_chrf, meteor, bertscore, surface, factors, safety)


def legacy_score_batch(batch: ScoringBatch) -> list[MetricRow]:
    return [row for fn in LEGACY_SCORERS for row in fn(batch)]


def legacy_score_frame(items: pl.DataFrame, encoder, clf: FactorClassifier | None) -> pl.DataFrame:
    """metric_scores rows for `items` (response_id, response_text, reference_reply, is_risk), the old way."""
    batch = ScoringBatch(items["response_id"].to_list(), items["response_text"].to_list(),
                         items["reference_reply"].to_list(), items["is_risk"].to_list(), encoder, clf)
    return pl.DataFrame([r.as_dict() for r in legacy_score_batch(batch)], schema=METRIC_SCHEMA)

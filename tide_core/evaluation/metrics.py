"""Automatic metrics of a response against its conversation's reference reply, as a registry.

    rows = score_batch(ScoringBatch(...))   # one MetricRow per response and metric name

Each scorer is registered with the metric names it produces; a conformance test walks the registry and checks
that every scorer returns exactly one row per response and declared name. A metric that cannot run here (METEOR
without WordNet data, BERTScore without the bert-score package) is recorded as missing with the reason, never
replaced by something else under its name.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from tide_core.evaluation.embeddings import Encoder
from tide_core.evaluation.factor_classifier import FactorClassifier
from tide_core.evaluation.factor_profile import factor_profiles
from tide_core.evaluation.safety_flags import safety_flags
from tide_core.evaluation.text import distinct_n, repeated_ngram_share, sentences, tokens

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MetricRow:
    response_id: str
    metric: str
    value: float | None
    metric_version: str
    missing_reason: str | None = None

    def as_dict(self) -> dict:
        return {"response_id": self.response_id, "metric": self.metric, "value": self.value,
                "metric_version": self.metric_version, "is_missing": self.missing_reason is not None,
                "missing_reason": self.missing_reason}


@dataclass
class ScoringBatch:
    response_ids: list[str]
    hypotheses: list[str]
    references: list[str]
    is_risk: list[bool]
    encoder: Encoder
    classifier: FactorClassifier | None
    memo: dict = field(default_factory=dict)  # shared results within the batch (e.g. embeddings)


Scorer = Callable[[ScoringBatch], list[MetricRow]]
REGISTRY: dict[str, tuple[tuple[str, ...], Scorer]] = {}


def register(*names: str) -> Callable[[Scorer], Scorer]:
    """Register a scorer producing the metric `names` (one row per response and name)."""
    def wrap(fn: Scorer) -> Scorer:
        REGISTRY[fn.__name__] = (names, fn)
        return fn
    return wrap


def metric_names() -> list[str]:
    return [n for names, _ in REGISTRY.values() for n in names]


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not-installed"


def _rows(batch: ScoringBatch, metric: str, values, version: str) -> list[MetricRow]:
    return [MetricRow(r, metric, None if v is None else float(v), version)
            for r, v in zip(batch.response_ids, values, strict=True)]


def _missing(batch: ScoringBatch, metric: str, version: str, reason: str) -> list[MetricRow]:
    return [MetricRow(r, metric, None, version, reason) for r in batch.response_ids]


@register("cosine_minilm")
def cosine_minilm(batch: ScoringBatch) -> list[MetricRow]:
    """Cosine similarity of the MiniLM embeddings of the whole response and the whole reference (the study's metric)."""
    h = batch.encoder.encode(batch.hypotheses)
    r = batch.encoder.encode(batch.references)
    return _rows(batch, "cosine_minilm", (h * r).sum(axis=1), f"{batch.encoder.key} cosine")


@cache
def _rouge():
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rougeL"], use_stemmer=True)


@register("rougeL")
def rouge_l(batch: ScoringBatch) -> list[MetricRow]:
    """ROUGE-L F1 with the Porter stemmer (rouge-score)."""
    vals = [_rouge().score(r, h)["rougeL"].fmeasure for h, r in zip(batch.hypotheses, batch.references, strict=True)]
    return _rows(batch, "rougeL", vals, f"rouge-score {_version('rouge-score')} rougeL F1 stemmed")


@cache
def _sacrebleu():
    from sacrebleu.metrics import BLEU, CHRF

    return BLEU(effective_order=True), CHRF()


@register("bleu", "chrf")
def bleu_chrf(batch: ScoringBatch) -> list[MetricRow]:
    """Sentence BLEU (effective order) and chrF, sacrebleu, on its 0-100 scale."""
    bleu, chrf = _sacrebleu()
    pairs = list(zip(batch.hypotheses, batch.references, strict=True))
    version = f"sacrebleu {_version('sacrebleu')}"
    return (_rows(batch, "bleu", [bleu.sentence_score(h, [r]).score for h, r in pairs], f"{version} {bleu.get_signature()}")
            + _rows(batch, "chrf", [chrf.sentence_score(h, [r]).score for h, r in pairs], f"{version} {chrf.get_signature()}"))


def _wordnet_available() -> bool:
    try:
        import nltk

        nltk.data.find("corpora/wordnet")
        return True
    except (ImportError, LookupError):
        return False


@register("meteor")
def meteor(batch: ScoringBatch) -> list[MetricRow]:
    """METEOR (nltk) when WordNet data is installed; otherwise recorded as missing (nothing is downloaded)."""
    version = f"nltk {_version('nltk')} meteor_score"
    if not _wordnet_available():
        return _missing(batch, "meteor", version, "WordNet data not installed for nltk (corpora/wordnet); "
                        "METEOR needs it and nothing is downloaded")
    from nltk.translate.meteor_score import meteor_score

    vals = [meteor_score([tokens(r)], tokens(h)) for h, r in zip(batch.hypotheses, batch.references, strict=True)]
    return _rows(batch, "meteor", vals, version)


@register("bertscore_f1")
def bertscore(batch: ScoringBatch) -> list[MetricRow]:
    """BERTScore F1 needs the bert-score package; without it the metric is missing (not replaced by cosine)."""
    if importlib.util.find_spec("bert_score") is None:
        return _missing(batch, "bertscore_f1", "bert-score not-installed",
                        "bert-score package not installed; BERTScore is not computed")
    from bert_score import BERTScorer  # pragma: no cover - not installed on the project machines

    from tide_core.models.weights import minilm_dir

    scorer = BERTScorer(model_type=str(minilm_dir()), num_layers=6)
    _, _, f1 = scorer.score(batch.hypotheses, batch.references)
    return _rows(batch, "bertscore_f1", f1.tolist(), f"bert-score {_version('bert-score')} {scorer.hash}")


@register("n_words", "n_sentences", "distinct_1", "distinct_2", "repeated_trigram_share")
def surface(batch: ScoringBatch) -> list[MetricRow]:
    """Length and repetition within the response (distinct-n and the share of repeated word trigrams)."""
    hyp = batch.hypotheses
    v = "tide-text-1"
    return (_rows(batch, "n_words", [len(tokens(t)) for t in hyp], v)
            + _rows(batch, "n_sentences", [len(sentences(t)) for t in hyp], v)
            + _rows(batch, "distinct_1", [distinct_n(t, 1) for t in hyp], v)
            + _rows(batch, "distinct_2", [distinct_n(t, 2) for t in hyp], v)
            + _rows(batch, "repeated_trigram_share", [repeated_ngram_share(t, 3) for t in hyp], v))


FACTOR_METRICS = ("factor_er", "factor_dn", "factor_sr", "n_factors", "validates_first", "layered")


@register(*FACTOR_METRICS)
def factors(batch: ScoringBatch) -> list[MetricRow]:
    """Per-factor presence scores (max sentence probability), factor count, validates-first order and layered."""
    if batch.classifier is None:
        return [row for m in FACTOR_METRICS for row in _missing(batch, m, "none", "no factor classifier trained")]
    profiles = factor_profiles(batch.hypotheses, batch.encoder, batch.classifier)
    version = batch.classifier.version
    return [row for m in FACTOR_METRICS for row in _rows(batch, m, [getattr(p, m) for p in profiles], version)]


SAFETY_VERSION = "tide-safety-2"  # 2: risk_handled is the chat's crisis screen (tide_core.chat.reply_guard)


@register("crisis_resources", "risk_handled", "safety_question", "harm_minimising", "harm_diagnosing",
          "harm_promises")
def safety(batch: ScoringBatch) -> list[MetricRow]:
    """Rule-based safety flags (1/0); risk_handled only exists for risk conversations (1 when the reply passes the
    chat's crisis screen, 0 when the chat would replace it)."""
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


def score_batch(batch: ScoringBatch) -> list[MetricRow]:
    """Every registered metric for every response of the batch."""
    rows: list[MetricRow] = []
    for names, fn in REGISTRY.values():
        out = fn(batch)
        rows += out
        log.debug("%s: %d rows for %s", fn.__name__, len(out), names)
    return rows


def as_array(rows: list[MetricRow], metric: str) -> np.ndarray:
    """The values of one metric in row order (NaN where missing), for tests and benchmarks."""
    return np.array([np.nan if r.value is None else r.value for r in rows if r.metric == metric])

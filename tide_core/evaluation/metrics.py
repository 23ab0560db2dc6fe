"""Automatic metrics of a response against its conversation's reference reply, as a registry.

    rows = score_batch(ScoringBatch(...))   # one MetricRow per response and metric name

Each scorer is registered with the metric names it produces; a conformance test walks the registry and checks
that every scorer returns exactly one row per response and declared name. A metric that cannot run here (METEOR
without WordNet data, BERTScore without the bert-score package) is recorded as missing with the reason, never
replaced by something else under its name.

Scorers work on the batch's distinct texts and pairs (ScoringBatch.distinct): each reference is tokenised, stemmed
and read into n-gram tables once however many responses answer it, each response once however many rows repeat it,
and every text the batch needs embedded (responses, references, response sentences) goes through the encoder in one
call. The values are those of the per-response computation (bench/legacy_scoring.py); tests/test_eval_fast_scoring.py
checks every metric against it.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

import numpy as np

from tide_core.evaluation.embeddings import Encoder
from tide_core.evaluation.factor_classifier import FactorClassifier
from tide_core.evaluation.factor_profile import factor_profiles
from tide_core.evaluation.safety_flags import safety_flags
from tide_core.evaluation.text import ngrams, sentences, tokens
from tide_core.models.weights import minilm_dir

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

    @property
    def distinct(self) -> Distinct:
        """The batch's distinct responses, references and (response, reference) pairs, computed once."""
        if "distinct" not in self.memo:
            self.memo["distinct"] = Distinct.of(self.hypotheses, self.references)
        return self.memo["distinct"]


def _unique(values: list) -> tuple[list, np.ndarray]:
    """(distinct values in first-seen order, index of each value's distinct entry)."""
    index: dict = {}
    where = [index.setdefault(v, len(index)) for v in values]
    return list(index), np.array(where, dtype=np.intp)


@dataclass(frozen=True)
class Distinct:
    hyps: list[str]
    hyp_index: np.ndarray  # row -> position in hyps
    refs: list[str]
    ref_index: np.ndarray
    pairs: list[tuple[int, int]]  # (hyp position, ref position)
    pair_index: np.ndarray

    @classmethod
    def of(cls, hypotheses: list[str], references: list[str]) -> Distinct:
        hyps, hi = _unique(hypotheses)
        refs, ri = _unique(references)
        pairs, pi = _unique(list(zip(hi.tolist(), ri.tolist(), strict=True)))
        return cls(hyps, hi, refs, ri, pairs, pi)

    def per_row(self, values: list, index: np.ndarray) -> list:
        """Values of the distinct entries spread back to the batch's rows."""
        return [values[i] for i in index.tolist()]


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
    d, vectors = batch.distinct, _vectors(batch)
    h = vectors.encode(d.hyps)[d.hyp_index]
    r = vectors.encode(d.refs)[d.ref_index]
    return _rows(batch, "cosine_minilm", (h * r).sum(axis=1), f"{batch.encoder.key} cosine")


class BatchVectors:
    """An Encoder over the texts one batch needs, embedded in a single call of the batch's encoder (so the model
    sees one length-sorted stream instead of three calls); a text outside that set goes to the encoder."""

    def __init__(self, encoder: Encoder, texts: list[str]):
        self.key = encoder.key
        self._encoder = encoder
        self._texts = list(dict.fromkeys(texts))
        self._matrix = encoder.encode(self._texts)
        self._row = {t: i for i, t in enumerate(self._texts)}

    def encode(self, texts: list[str]) -> np.ndarray:
        if all(t in self._row for t in texts):
            return self._matrix[[self._row[t] for t in texts]].reshape(len(texts), self._matrix.shape[1])
        return self._encoder.encode(texts)


def _vectors(batch: ScoringBatch) -> BatchVectors:
    """Embeddings of the distinct responses, references and (with a classifier) response sentences."""
    if "vectors" not in batch.memo:
        d = batch.distinct
        texts = [*d.hyps, *d.refs]
        if batch.classifier is not None:
            texts += [s for t in d.hyps for s in _sentences(batch, t)]
        batch.memo["vectors"] = BatchVectors(batch.encoder, texts)
    return batch.memo["vectors"]


def _sentences(batch: ScoringBatch, text: str) -> list[str]:
    memo = batch.memo.setdefault("sentences", {})
    if text not in memo:
        memo[text] = sentences(text)
    return memo[text]


@cache
def _porter():
    from nltk.stem import porter

    return porter.PorterStemmer()  # the stemmer rouge-score's DefaultTokenizer(use_stemmer=True) builds


class _MemoStemmer:
    """Porter stems remembered by word: a pure function, and the same few thousand words recur in every reply."""

    @staticmethod
    @lru_cache(maxsize=1 << 17)
    def stem(word: str) -> str:
        return _porter().stem(word)


def rouge_tokens(text: str) -> list[str]:
    """rouge-score's tokenisation (lower case, alphanumeric runs, Porter stems of words over 3 letters)."""
    from rouge_score import tokenize

    return tokenize.tokenize(text, _MemoStemmer)


def lcs_length(target: list[str], prediction: list[str]) -> int:
    """Length of the longest common subsequence of two token lists, bit-parallel (Allison-Dix / Hyyro): one
    big-integer step per prediction token instead of rouge-score's len(target) x len(prediction) table."""
    return _lcs_with_masks(_token_masks(target), len(target), prediction)


def _token_masks(toks: list[str]) -> dict[str, int]:
    """Each distinct token's positions in `toks` as the set bits of an integer."""
    masks: dict[str, int] = {}
    for i, tok in enumerate(toks):
        masks[tok] = masks.get(tok, 0) | (1 << i)
    return masks


def _lcs_with_masks(masks: dict[str, int], n_target: int, prediction: list[str]) -> int:
    full = (1 << n_target) - 1
    v = full  # zero bits mark target positions in the LCS so far
    for tok in prediction:
        m = masks.get(tok)
        if m:
            u = v & m
            v = ((v + u) | (v - u)) & full
    return n_target - v.bit_count()


def _rouge_l_f(lcs: int, n_target: int, n_prediction: int) -> float:
    """rouge-score's _score_lcs F-measure, operation for operation."""
    if not n_target or not n_prediction:
        return 0.0
    precision, recall = lcs / n_prediction, lcs / n_target
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


@register("rougeL")
def rouge_l(batch: ScoringBatch) -> list[MetricRow]:
    """ROUGE-L F1 with the Porter stemmer (rouge-score's tokeniser and F-measure; LCS length bit-parallel)."""
    d = batch.distinct
    hyp_toks = [rouge_tokens(t) for t in d.hyps]
    ref_masks = [(_token_masks(toks), len(toks)) for toks in map(rouge_tokens, d.refs)]
    vals = []
    for h, r in d.pairs:
        masks, n_ref = ref_masks[r]
        vals.append(_rouge_l_f(_lcs_with_masks(masks, n_ref, hyp_toks[h]), n_ref, len(hyp_toks[h])))
    version = f"rouge-score {_version('rouge-score')} rougeL F1 stemmed"
    return _rows(batch, "rougeL", d.per_row(vals, d.pair_index), version)


@cache
def _sacrebleu():
    from sacrebleu.metrics import BLEU, CHRF

    return BLEU(effective_order=True), CHRF()


@register("bleu", "chrf")
def bleu_chrf(batch: ScoringBatch) -> list[MetricRow]:
    """Sentence BLEU (effective order) and chrF, sacrebleu, on its 0-100 scale."""
    d = batch.distinct
    bleu, chrf = _sacrebleu()
    version = f"sacrebleu {_version('sacrebleu')}"
    bleu_vals = d.per_row(bleu_sentence_scores(bleu, d.hyps, d.refs, d.pairs), d.pair_index)
    chrf_vals = d.per_row(chrf_sentence_scores(chrf, d.hyps, d.refs, d.pairs), d.pair_index)
    return (_rows(batch, "bleu", bleu_vals, f"{version} {bleu.get_signature()}")
            + _rows(batch, "chrf", chrf_vals, f"{version} {chrf.get_signature()}"))


# sacrebleu's sentence_score(h, [r]) re-reads the reference and counts every n-gram match in a Python loop, for each
# pair. Below, each reference's n-gram tables come from sacrebleu's own reference cache once, each response's once,
# and a pair's clipped matches are counted over the n-grams the two share; the integer statistics are sacrebleu's,
# and so is the arithmetic that turns them into a score (_aggregate_and_compute).

def _overlap(hyp: Counter, ref: Counter) -> int:
    """Clipped matches: the sum over shared n-grams of min(count in hyp, count in ref)."""
    common = hyp.keys() & ref.keys()
    return sum(map(min, map(hyp.__getitem__, common), map(ref.__getitem__, common)))


def _reference_info(metric, hyps: list[str], refs: list[str], pairs: list[tuple[int, int]]) -> list[dict]:
    """sacrebleu's per-reference tables (one reference stream, which also sets num_refs = 1 for the signature, as
    sentence_score does), after sentence_score's argument checks."""
    for h, r in pairs:
        metric._check_sentence_score_args(hyps[h], [refs[r]])
    return metric._cache_references([refs])


def bleu_sentence_scores(bleu, hyps: list[str], refs: list[str], pairs: list[tuple[int, int]]) -> list[float]:
    """bleu.sentence_score(hyps[h], [refs[r]]).score for each pair (h, r)."""
    order = bleu.max_ngram_order
    ref_info = _reference_info(bleu, hyps, refs, pairs)
    ref_tables = []
    for info in ref_info:
        tables = [Counter() for _ in range(order)]
        for gram, count in info["ref_ngrams"].items():
            tables[len(gram) - 1][gram] = count
        ref_tables.append(tables)
    hyp_tables = []
    for h in hyps:
        toks = bleu._preprocess_segment(h).split()
        grams = [Counter(zip(*(toks[k:] for k in range(n)), strict=False)) for n in range(1, order + 1)]
        hyp_tables.append((grams, len(toks)))
    out = []
    for h, r in pairs:
        tables, hyp_len = hyp_tables[h]
        correct = [_overlap(t, rt) for t, rt in zip(tables, ref_tables[r], strict=True)]
        total = [sum(t.values()) for t in tables]
        stats = [hyp_len, bleu._get_closest_ref_len(hyp_len, ref_info[r]["ref_lens"]), *correct, *total]
        out.append(bleu._aggregate_and_compute([stats]).score)
    return out


def chrf_sentence_scores(chrf, hyps: list[str], refs: list[str], pairs: list[tuple[int, int]]) -> list[float]:
    """chrf.sentence_score(hyps[h], [refs[r]]).score for each pair (h, r)."""
    from sacrebleu.metrics.helpers import extract_all_char_ngrams, extract_word_ngrams

    ref_tables = [info["ref_ngrams"][0] for info in _reference_info(chrf, hyps, refs, pairs)]
    ref_sizes = [[sum(t.values()) for t in tables] for tables in ref_tables]
    hyp_tables = []
    for h in hyps:
        seg = chrf._preprocess_segment(h)
        tables = extract_all_char_ngrams(seg, chrf.char_order, chrf.whitespace)
        if chrf.word_order > 0:
            words = chrf._remove_punctuation(seg)
            tables += [extract_word_ngrams(words, n) for n in range(1, chrf.word_order + 1)]
        hyp_tables.append((tables, [sum(t.values()) for t in tables]))
    out = []
    for h, r in pairs:
        stats = []
        for ht, hn, rt, rn in zip(*hyp_tables[h], ref_tables[r], ref_sizes[r], strict=True):
            stats += [hn if rt else 0, rn, _overlap(ht, rt)]
        out.append(chrf._aggregate_and_compute([stats]).score)
    return out


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

    d = batch.distinct
    vals = [meteor_score([tokens(d.refs[r])], tokens(d.hyps[h])) for h, r in d.pairs]
    return _rows(batch, "meteor", d.per_row(vals, d.pair_index), version)


@register("bertscore_f1")
def bertscore(batch: ScoringBatch) -> list[MetricRow]:
    """BERTScore F1 needs the bert-score package; without it the metric is missing (not replaced by cosine)."""
    if importlib.util.find_spec("bert_score") is None:
        return _missing(batch, "bertscore_f1", "bert-score not-installed",
                        "bert-score package not installed; BERTScore is not computed")
    from bert_score import BERTScorer  # pragma: no cover - not installed on the project machines

    scorer = BERTScorer(model_type=str(minilm_dir()), num_layers=6)
    _, _, f1 = scorer.score(batch.hypotheses, batch.references)
    return _rows(batch, "bertscore_f1", f1.tolist(), f"bert-score {_version('bert-score')} {scorer.hash}")


@register("n_words", "n_sentences", "distinct_1", "distinct_2", "repeated_trigram_share")
def surface(batch: ScoringBatch) -> list[MetricRow]:
    """Length and repetition within the response (distinct-n and the share of repeated word trigrams)."""
    d = batch.distinct
    per_text = [_surface_values(t, len(_sentences(batch, t))) for t in d.hyps]
    names = ("n_words", "n_sentences", "distinct_1", "distinct_2", "repeated_trigram_share")
    return [row for k, name in enumerate(names)
            for row in _rows(batch, name, d.per_row([v[k] for v in per_text], d.hyp_index), "tide-text-1")]


def _surface_values(text: str, n_sentences: int) -> tuple:
    """n_words, n_sentences, distinct-1, distinct-2 and the repeated-trigram share (text.distinct_n and
    text.repeated_ngram_share) from one tokenisation of the text."""
    toks = tokens(text)
    out: list = [len(toks), n_sentences]
    for n in (1, 2):
        grams = ngrams(toks, n)
        out.append(len(set(grams)) / len(grams) if grams else None)
    grams = ngrams(toks, 3)
    out.append(sum(c - 1 for c in Counter(grams).values()) / len(grams) if grams else None)
    return tuple(out)


FACTOR_METRICS = ("factor_er", "factor_dn", "factor_sr", "n_factors", "validates_first", "layered")


@register(*FACTOR_METRICS)
def factors(batch: ScoringBatch) -> list[MetricRow]:
    """Per-factor presence scores (max sentence probability), factor count, validates-first order and layered."""
    if batch.classifier is None:
        return [row for m in FACTOR_METRICS for row in _missing(batch, m, "none", "no factor classifier trained")]
    d = batch.distinct
    profiles = d.per_row(factor_profiles(d.hyps, _vectors(batch), batch.classifier,
                                         [_sentences(batch, t) for t in d.hyps]), d.hyp_index)
    version = batch.classifier.version
    return [row for m in FACTOR_METRICS for row in _rows(batch, m, [getattr(p, m) for p in profiles], version)]


SAFETY_VERSION = "tide-safety-2"  # 2: risk_handled is the chat's crisis screen (tide_core.chat.reply_guard)


@register("crisis_resources", "risk_handled", "safety_question", "harm_minimising", "harm_diagnosing",
          "harm_promises")
def safety(batch: ScoringBatch) -> list[MetricRow]:
    """Rule-based safety flags (1/0); risk_handled only exists for risk conversations (1 when the reply passes the
    chat's crisis screen, 0 when the chat would replace it)."""
    d = batch.distinct
    needs_screen = set(d.hyp_index[np.asarray(batch.is_risk, dtype=bool)].tolist()) if batch.is_risk else set()
    flags = d.per_row([safety_flags(t, crisis_screen=i in needs_screen) for i, t in enumerate(d.hyps)], d.hyp_index)
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

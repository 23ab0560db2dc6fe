"""The crisis detector's semantic layer: MiniLM sentence embeddings and word n-grams, with scikit-learn classifiers
trained on the crisis corpus and a threshold chosen by cross-validation grouped by concept.

    model = SemanticModel.load_or_build()                  # artifacts/safety/semantic-<version>.joblib, built once
    scored, whole = model.score_message(encoder, text)      # MessageScore (risk score, category, words), Pooled
    scored.score >= model.threshold                         # flagged

- Features: the message's MiniLM embedding (standardised) beside its tf-idf word 1-2-grams. Measured by grouped CV
  on the corpus: the n-grams carry stance that mean-pooled embeddings blur ("i'd kill for a coffee" against "i want
  to kill myself"), the embeddings carry paraphrase; together they beat either alone (docs/safety.md).
- `classifier`: one multinomial logistic regression over the eleven risk categories and the kinds of hard negative
  (idiom, denial, third person, past danger, ...). The risk score is the summed probability of the risk categories;
  the category is the likeliest of them. Measured by grouped CV, this beat a binary risk-against-none model (calibrated,
  with a second model naming the category) by about 0.05 explicit and 0.05 implicit recall at the same false alarms.
- A message is scored whole and, when it is longer than nearly every corpus message (more than 8 sentences), also
  in every run of `chunk` consecutive sentences; its score is the highest. When it is flagged, its sentences are scored to say which words carried it.
- Context: the last three user messages together: their embeddings pooled (encoder.Pooled.combine, token-weighted)
  beside the n-grams of their joined text.

The version hashes the corpus files, the patterns file, the hyper-parameters, the dataset generator's version and
CODE_VERSION, so editing the corpus or the patterns rebuilds the model. Nothing here logs or keeps a message: scores are computed in memory and returned.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tide_core.chat.corpus import CorpusRecord, corpus_files, files_hash, load_corpus, split_sentences
from tide_core.chat.encoder import NormalizedEncoder, Pooled, SentenceEncoder, export_dir
from tide_core.chat.taxonomy import CATEGORIES, EXPLICIT, IMPLICIT, NONE
from tide_core.errors import TideError

log = logging.getLogger(__name__)

CODE_VERSION = "semantic-4"
HYPER = {"chunk": 2, "C": 3.0, "w_ngrams": 2.0, "w_embedding": 0.02, "folds": 5, "seed": 13,
         "target_recall_explicit": 0.95, "target_recall_implicit": 0.85, "max_false_alarm": 0.10, "ordinary_messages": 800, "ordinary_seed": 99}
MAX_CHUNKS = 48  # a longer message is scored on its opening and closing chunks


def message_chunks(text: str, size: int = 2, long: int = 8) -> list[str]:
    """What a message is scored on: the whole message and, when it is long (more than `long` sentences, longer than
    nearly every corpus message), every run of `size` consecutive sentences, so that one risk sentence inside a long
    message is not drowned by the rest. Messages of corpus length are scored whole, as the model was trained."""
    sentences = split_sentences(text)
    if len(sentences) <= long:
        return [text]
    chunks = [" ".join(sentences[i:i + size]) for i in range(0, len(sentences) - size + 1)]
    if len(chunks) > MAX_CHUNKS:
        chunks = chunks[:MAX_CHUNKS // 2] + chunks[-MAX_CHUNKS // 2:]
    return [text, *chunks]


_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[.,!?;:\n]")
_NEGATION = re.compile(r"(?:not|no|never|nothing|nobody|without|cannot|[a-z]+n['’]?t)")
_NOT_NEGATION = frozenset({"want", "went", "meant", "sent", "spent", "front", "point", "hint", "print", "faint",
                           "aint"})


def mark_negation(text: str) -> str:
    """Lower-cased words, each word after a negation and before the next punctuation prefixed with NOT_, so that
    "not going to hurt myself" and "going to hurt myself" give different n-grams (a standard sentiment trick)."""
    out, negated = [], False
    for token in _TOKEN.findall(text.lower()):
        if token in ".,!?;:\n":
            negated = False
            continue
        out.append("NOT_" + token if negated else token)
        if _NEGATION.fullmatch(token) and token not in _NOT_NEGATION:
            negated = True
    return " ".join(out)


class Features:
    """tf-idf word 1-2-grams (negation-marked) beside standardised MiniLM embeddings, weighted (fitted on training
    messages)."""

    def __init__(self, hyper: dict):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.preprocessing import StandardScaler

        self.ngrams = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, preprocessor=mark_negation,
                                      token_pattern=r"\S+")
        self.scaler = StandardScaler()
        self.w_ngrams, self.w_embedding = hyper["w_ngrams"], hyper["w_embedding"]

    def fit(self, texts: list[str], vectors: np.ndarray) -> Features:
        self.ngrams.fit(texts)
        self.scaler.fit(vectors)
        return self

    def known_words(self, text: str) -> int:
        """How many of the text's words the n-gram vocabulary knows (0: the model has nothing to go on)."""
        vocabulary = self.ngrams.vocabulary_
        return sum(1 for word in mark_negation(text).split() if word in vocabulary)

    def transform(self, texts: list[str], vectors: np.ndarray):
        import scipy.sparse as sp

        return sp.hstack([self.ngrams.transform(texts) * self.w_ngrams,
                          sp.csr_matrix(self.scaler.transform(vectors) * self.w_embedding)]).tocsr()


def fine_label(record: CorpusRecord) -> str:
    """The class a message is trained as: its risk category, or `none:<kind>` for a hard negative (idiom, denial,
    third person, ...). Modelling each kind of negative as its own class lets the classifier learn what sets "i'd
    kill for a coffee" apart from risk, instead of one 'none' class that must cover every look-alike at once."""
    return record.label if record.label != NONE else f"{NONE}:{record.negative_kind or 'other'}"


def fit_classifiers(records: list[CorpusRecord], texts: list[str], vectors: np.ndarray, hyper: dict = HYPER):
    """(features, classifier) fitted on whole messages (`vectors`: their normalised embeddings): one multinomial
    logistic regression over the risk categories and the kinds of hard negative (`fine_label`). A message's risk
    score is the summed probability of the risk categories; its category the likeliest of them."""
    from sklearn.linear_model import LogisticRegression

    features = Features(hyper).fit(texts, vectors)
    X = features.transform(texts, vectors)
    classifier = LogisticRegression(C=hyper["C"], class_weight="balanced", max_iter=5000, random_state=hyper["seed"])
    classifier.fit(X, np.array([fine_label(r) for r in records]))
    return features, classifier


@dataclass(frozen=True)
class MessageScore:
    score: float  # P(risk) of the highest-scoring part
    category: str  # the category model's choice for that part
    category_score: float
    unit: str  # the part that scored highest (the whole message, a chunk, or '' for a context window)
    unit_kind: str  # 'message' | 'chunk' | 'context'


class Scorer:
    """Scoring with fitted (features, classifier): shared by cross-validation and the chat."""

    def __init__(self, features: Features, classifier):
        self.features, self.classifier = features, classifier
        classes = list(classifier.classes_)
        self.risk_columns = np.array([i for i, c in enumerate(classes) if c in CATEGORIES])
        self.category_classes = [classes[i] for i in self.risk_columns]

    def risk_probabilities(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
        """Per text, the probability of each risk category (columns in `category_classes` order)."""
        return self.classifier.predict_proba(self.features.transform(texts, vectors))[:, self.risk_columns]

    def risk_proba(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
        return self.risk_probabilities(texts, vectors).sum(axis=1)

    def score(self, texts: list[str], vectors: np.ndarray, kinds: list[str]) -> MessageScore:
        """The highest-scoring of `texts` (`vectors`: their normalised embeddings) with its category and that
        category's share of the risk."""
        probs = self.risk_probabilities(texts, vectors)
        p = probs.sum(axis=1)
        best = int(np.argmax(p))
        c = int(np.argmax(probs[best]))
        share = float(probs[best, c] / p[best]) if p[best] > 0 else 0.0
        return MessageScore(float(p[best]), self.category_classes[c], share, texts[best], kinds[best])

@dataclass
class SemanticModel:
    """The fitted layer with its threshold and how it was chosen; saved with joblib under artifacts/safety."""

    version: str
    features: Features
    classifier: object
    threshold: float
    threshold_reason: str
    corpus_hash: str
    n_units: int
    n_records: int
    encoder_key: str
    trained_at: str
    cv: dict = field(default_factory=dict)  # out-of-fold message scores: record id -> (score, category)
    chunk: int = HYPER["chunk"]

    @property
    def scorer(self) -> Scorer:
        return Scorer(self.features, self.classifier)

    def score_message(self, encoder: SentenceEncoder, text: str) -> tuple[MessageScore, Pooled]:
        """The message's score (whole, and in chunks when long) and its whole-message pooled vector (kept for
        later context windows)."""
        chunks = message_chunks(text, self.chunk)
        pooled = encoder.encode(chunks)
        scored = self.scorer.score(chunks, pooled.normalized(), ["message"] + ["chunk"] * (len(chunks) - 1))
        return scored, Pooled(pooled.vectors[:1], pooled.tokens[:1])

    def explain(self, encoder: SentenceEncoder, scored: MessageScore, vector: np.ndarray | None = None) -> MessageScore:
        """The sentence of the flagged part that scores highest on its own (the words that carried it). With `vector`
        (the flagged part's normalised embedding, 1 x dims) each sentence is scored on its own n-grams beside that
        vector, with no second pass of the encoder: the n-grams carry most of the weight, and encoding every sentence
        again doubled the cost of a flagged message (26 ms against 13 ms on 2 cores)."""
        sentences = split_sentences(scored.unit)
        if len(sentences) <= 1:
            return scored
        vectors = (np.repeat(vector, len(sentences), axis=0) if vector is not None
                   else encoder.encode(sentences).normalized())
        best = self.scorer.score(sentences, vectors, ["sentence"] * len(sentences))
        return MessageScore(scored.score, scored.category, scored.category_score, best.unit, "sentence")

    def score_context(self, texts: list[str], pooled: Pooled) -> MessageScore:
        """The score of several messages taken together (their n-grams joined, their embeddings pooled)."""
        return self.scorer.score(["\n".join(texts)], pooled.normalized(), ["context"])

    # --- persistence ------------------------------------------------------------------------------------------
    @staticmethod
    def path_for(version: str) -> Path:
        return export_dir() / f"semantic-{version}.joblib"

    def save(self) -> Path:
        import joblib

        path = self.path_for(self.version)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        joblib.dump(self, tmp)
        os.replace(tmp, path)
        return path

    _lock = threading.Lock()
    _shared: SemanticModel | None = None

    @classmethod
    def load_or_build(cls) -> SemanticModel:
        """The current model (its version follows the corpus files): loaded from artifacts, or trained once."""
        with cls._lock:
            version = current_version()
            if cls._shared is not None and cls._shared.version == version:
                return cls._shared
            path = cls.path_for(version)
            model = None
            if path.is_file():
                import joblib

                try:
                    model = joblib.load(path)
                except Exception as exc:  # noqa: BLE001 - a stale or torn artifact is rebuilt, not fatal
                    log.warning("could not load %s (%s); rebuilding the semantic layer", path, type(exc).__name__)
            if model is None:
                log.info("training the crisis detector's semantic layer (version %s, once)", version)
                model = build_model(version)
                model.save()
            cls._shared = model
            return model


def current_version(hyper: dict = HYPER) -> str:
    from tide_core import GENERATOR_VERSION  # the ordinary messages come from the dataset generator
    from tide_core.chat.patterns import PATTERNS_FILE  # the threshold is chosen with the patterns in front

    digest = hashlib.sha256(json.dumps([CODE_VERSION, GENERATOR_VERSION, hyper,
                                        files_hash([*corpus_files(), PATTERNS_FILE])], sort_keys=True).encode())
    return digest.hexdigest()[:12]


# --- grouped cross-validation and the threshold -------------------------------------------------------------------
def ordinary_messages(n: int, seed: int) -> list[CorpusRecord]:
    """`n` non-risk client messages from the project's dataset generator (a 150-persona build with its own seed, not
    the study's), as extra negatives of ordinary PTSD talk: without them the classifier, which sees mostly heavy
    messages, calls everyday messages risky. Grouped by scenario for cross-validation."""
    import random

    from tide_core.config import DatasetConfig
    from tide_core.dataset import build_dataset

    if n <= 0:
        return []
    conversations = build_dataset(DatasetConfig(n_personas=150, seed=seed)).conversations
    rows = [r for r in conversations.select("conversation_id", "client_message", "scenario_id", "is_risk").rows()
            if not r[3]]
    random.Random(seed).shuffle(rows)
    return [CorpusRecord(f"tide-{cid}", f"none.tide_{scenario}", NONE, text, None, "ordinary_distress", (),
                         "tide_core.dataset", 0) for cid, text, scenario, _ in rows[:n]]


def _score_fold(records: list[CorpusRecord], vectors: np.ndarray, train: list[int], test: list[int],
                chunks: dict[str, list[str]], chunk_vectors: dict[str, np.ndarray], hyper: dict) -> dict[str, MessageScore]:
    """One fold of `cross_validate`: fit on `train`, score every message of `test` (a worker process's job)."""
    scorer = Scorer(*fit_classifiers([records[i] for i in train], [records[i].text for i in train], vectors[train],
                                     hyper))
    out = {}
    for i in test:
        parts = chunks[records[i].id]
        out[records[i].id] = scorer.score(parts, chunk_vectors[records[i].id], ["message"] + ["chunk"] * (len(parts) - 1))
    return out


def cross_validate(records: list[CorpusRecord], embed, hyper: dict = HYPER) -> dict[str, MessageScore]:
    """Out-of-fold message scores: GroupKFold by concept over the single-message records, so every score comes from
    a model that never saw any paraphrase of that message's idea. `embed(texts)` gives normalised embeddings. Every
    embedding is computed here first; the folds are then fitted in parallel worker processes, one per core (the
    same fits and scores as one after another, in about half the time on 2 cores)."""
    from joblib import Parallel, delayed
    from sklearn.model_selection import GroupKFold

    singles = [r for r in records if not r.turns]
    concepts = sorted({r.concept for r in singles})
    fold_of = {}
    for fold, (_, test) in enumerate(GroupKFold(n_splits=hyper["folds"]).split(concepts, groups=concepts)):
        for i in test:
            fold_of[concepts[i]] = fold
    vectors = embed([r.text for r in singles])
    chunks = {r.id: message_chunks(r.text, hyper["chunk"]) for r in singles}
    chunk_vectors = {r.id: vectors[i:i + 1] if len(chunks[r.id]) == 1 else embed(chunks[r.id])
                     for i, r in enumerate(singles)}
    folds = [([i for i, r in enumerate(singles) if fold_of[r.concept] != fold],
              [i for i, r in enumerate(singles) if fold_of[r.concept] == fold]) for fold in range(hyper["folds"])]
    workers = max(1, min(hyper["folds"], os.cpu_count() or 1))
    parts = Parallel(n_jobs=workers)(delayed(_score_fold)(singles, vectors, train, test, chunks, chunk_vectors, hyper)
                                     for train, test in folds)
    return {k: v for part in parts for k, v in part.items()}


def choose_threshold(records: list[CorpusRecord], scores: dict[str, float], pattern_hits: dict[str, bool],
                     hyper: dict = HYPER) -> tuple[float, str]:
    """The highest threshold at which the combined detector (patterns or score >= t) reaches the target recall on
    explicit and on implicit risk, out of fold; if no threshold reaches both within the false-alarm budget on the
    hard negatives, the lowest threshold that keeps false alarms within it."""
    def rates(t: float) -> tuple[float, float, float]:
        def share(rs):
            return float(np.mean([pattern_hits[r.id] or scores[r.id] >= t for r in rs])) if rs else 0.0
        return (share([r for r in records if r.label in EXPLICIT]), share([r for r in records if r.label in IMPLICIT]),
                share([r for r in records if r.label == NONE]))

    grid = np.round(np.arange(0.98, 0.019, -0.01), 2)
    for t in grid:
        explicit, implicit, false_alarm = rates(float(t))
        if explicit >= hyper["target_recall_explicit"] and implicit >= hyper["target_recall_implicit"]:
            if false_alarm <= hyper["max_false_alarm"]:
                return float(t), (f"highest threshold reaching the target recall out of fold (explicit "
                                  f"{explicit:.3f} >= {hyper['target_recall_explicit']}, implicit {implicit:.3f} >= "
                                  f"{hyper['target_recall_implicit']}), false alarms {false_alarm:.3f} within "
                                  f"{hyper['max_false_alarm']}")
            break
    for t in sorted(grid):
        explicit, implicit, false_alarm = rates(float(t))
        if false_alarm <= hyper["max_false_alarm"]:
            return float(t), (f"target recall not reachable within the false-alarm budget; lowest threshold with "
                              f"false alarms {false_alarm:.3f} <= {hyper['max_false_alarm']} (explicit {explicit:.3f}, "
                              f"implicit {implicit:.3f} out of fold)")
    return 0.5, "no threshold met the false-alarm budget; 0.5 by default"


def build_model(version: str | None = None, hyper: dict = HYPER) -> SemanticModel:
    """Embed the corpus, cross-validate by concept, choose the threshold, fit on everything."""
    from datetime import UTC, datetime

    from tide_core.chat.patterns import pattern_layer

    started = time.perf_counter()
    from tide_core.evaluation.embeddings import CachedEncoder, EmbeddingCache

    encoder = SentenceEncoder.load()
    # the corpus's embeddings, cached by text hash like the metrics' (chat messages are never written here)
    cached = CachedEncoder(NormalizedEncoder(encoder), EmbeddingCache(export_dir() / "embeddings", encoder.key))
    records = load_corpus()
    singles = [r for r in records if not r.turns]
    training = singles + ordinary_messages(hyper["ordinary_messages"], hyper["ordinary_seed"])
    oof = cross_validate(training, cached.encode, hyper)
    layer = pattern_layer()
    pattern_hits = {r.id: layer.find(r.text) is not None for r in singles}
    threshold, reason = choose_threshold(singles, {k: v.score for k, v in oof.items()}, pattern_hits, hyper)
    texts = [r.text for r in training]
    features, classifier = fit_classifiers(training, texts, cached.encode(texts), hyper)
    if not set(CATEGORIES) <= set(classifier.classes_):
        raise TideError(f"the crisis corpus lacks categories {sorted(set(CATEGORIES) - set(classifier.classes_))}")
    model = SemanticModel(version or current_version(hyper), features, classifier, threshold, reason,
                          files_hash(corpus_files()), len(training), len(records), encoder.key,
                          datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
                          {k: (v.score, v.category) for k, v in oof.items()}, hyper["chunk"])
    log.info("semantic layer %s: %d messages, threshold %.2f (%s) in %.1f s", model.version, len(training), threshold,
             reason, time.perf_counter() - started)
    return model


def encoder_for(model: SemanticModel) -> SentenceEncoder:
    """The sentence encoder `model` was trained with (the process's shared MiniLM ONNX session)."""
    encoder = SentenceEncoder.load()
    if encoder.key != model.encoder_key:
        raise TideError(f"the semantic model {model.version} was trained with {model.encoder_key}, "
                        f"but the encoder here is {encoder.key}; rebuild it with `python -m tide_core safety-eval`")
    return encoder

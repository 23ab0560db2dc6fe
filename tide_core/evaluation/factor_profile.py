"""Empathy-factor profile of a reply: which factors its sentences express, in what order, and how layered it is.

A factor is present when some sentence's class probability reaches the classifier's threshold; its score is the
highest such probability (0-1). The reply validates distress first when its first DN sentence comes before its
first SR sentence (both present). A reply is layered (the study's nuanced, multi-part reply) when all three factors
are present and it has at least four sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tide_core.evaluation.embeddings import Encoder
from tide_core.evaluation.factor_classifier import CLASSES, FactorClassifier
from tide_core.evaluation.text import sentences

LAYERED_MIN_SENTENCES = 4


@dataclass(frozen=True)
class FactorProfile:
    factor_er: float
    factor_dn: float
    factor_sr: float
    n_factors: int
    validates_first: int
    layered: int
    order: str  # e.g. "ER>DN>SR" by first appearance; factors absent are left out


def profile_from_proba(proba: np.ndarray, threshold: float) -> FactorProfile:
    """The profile of one reply from its sentence probabilities (n_sentences x 4, CLASSES order)."""
    if len(proba) == 0:
        return FactorProfile(0.0, 0.0, 0.0, 0, 0, 0, "")
    scores = proba.max(axis=0)
    present = {c: bool(scores[k] >= threshold) for k, c in enumerate(CLASSES) if c != "NONE"}
    first = {c: int(np.argmax(proba[:, k] >= threshold)) for k, c in enumerate(CLASSES) if present.get(c)}
    order = ">".join(sorted(first, key=lambda c: (first[c], c)))
    vf = int(present["DN"] and present["SR"] and first["DN"] < first["SR"])
    n = sum(present.values())
    layered = int(n == 3 and len(proba) >= LAYERED_MIN_SENTENCES)
    return FactorProfile(float(scores[0]), float(scores[1]), float(scores[2]), n, vf, layered, order)


def factor_profiles(texts: list[str], encoder: Encoder, clf: FactorClassifier,
                    per_text: list[list[str]] | None = None) -> list[FactorProfile]:
    """Profiles of many replies; their distinct sentences are embedded in one batch (`per_text`: the texts'
    sentences when the caller has them already)."""
    per_text = [sentences(t) for t in texts] if per_text is None else per_text
    flat = list(dict.fromkeys(s for ss in per_text for s in ss))
    proba = clf.proba(encoder.encode(flat)) if flat else np.zeros((0, len(CLASSES)))
    row = {s: i for i, s in enumerate(flat)}
    return [profile_from_proba(proba[[row[s] for s in ss]].reshape(len(ss), len(CLASSES)), clf.presence_threshold)
            for ss in per_text]

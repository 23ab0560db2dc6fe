"""The factor classifier's pieces: span labelling, the softmax fit, and the profile (presence, order, layered)."""

import numpy as np

from tide_core.evaluation.factor_classifier import CLASSES, fit_softmax, held_out_accuracy, label_sentences
from tide_core.evaluation.factor_profile import profile_from_proba


def test_sentences_take_the_label_of_the_span_they_sit_in():
    reply = "That sounds frightening. Anyone would feel shaken. You reached out, which matters."
    spans = {"ER": (0, 24), "DN": (25, 50), "SR": (51, len(reply))}
    assert label_sentences(reply, spans) == [("That sounds frightening.", "ER"), ("Anyone would feel shaken.", "DN"),
                                             ("You reached out, which matters.", "SR")]


def test_softmax_fit_separates_separable_classes_and_generalises():
    rng = np.random.default_rng(0)
    centers = rng.normal(0, 1, (4, 16))
    y = rng.integers(0, 4, 800)
    x = centers[y] + rng.normal(0, 0.3, (800, 16))
    w = fit_softmax(x[:600], y[:600], 4, 1e-4)
    pred = (np.hstack([x[600:], np.ones((200, 1))]) @ w).argmax(axis=1)
    acc = held_out_accuracy(pred, y[600:])
    assert acc["overall"] > 0.95 and set(acc) == {"overall", *CLASSES}
    # a constant guess is measured honestly: one-vs-rest accuracy of an always-wrong class is its base rate
    assert held_out_accuracy(np.zeros(4, int), np.array([1, 1, 2, 3]))["ER"] == 0.0


def _proba(*labels):
    p = np.full((len(labels), 4), 0.02)
    for k, lab in enumerate(labels):
        p[k, CLASSES.index(lab)] = 0.94
    return p


def test_profile_reads_order_presence_and_layering():
    validating = profile_from_proba(_proba("ER", "DN", "SR", "SR"), 0.5)
    assert (validating.n_factors, validating.validates_first, validating.layered) == (3, 1, 1)
    assert validating.order == "ER>DN>SR"
    supporting = profile_from_proba(_proba("ER", "SR", "DN"), 0.5)
    assert (supporting.validates_first, supporting.layered, supporting.order) == (0, 0, "ER>SR>DN")
    no_dn = profile_from_proba(_proba("ER", "SR", "NONE", "SR"), 0.5)
    assert (no_dn.n_factors, no_dn.validates_first, no_dn.factor_dn < 0.5) == (2, 0, True)
    assert profile_from_proba(np.zeros((0, 4)), 0.5).n_factors == 0


def test_softmax_fit_keeps_the_weight_layout_when_a_class_is_absent():
    rng = np.random.default_rng(1)
    centers = rng.normal(0, 1, (3, 8))
    y = rng.integers(0, 3, 300)  # no NONE sentences
    x = centers[y] + rng.normal(0, 0.3, (300, 8))
    w = fit_softmax(x, y, 4, 1e-4)
    assert w.shape == (9, 4)
    assert not ((np.hstack([x, np.ones((300, 1))]) @ w).argmax(axis=1) == 3).any()

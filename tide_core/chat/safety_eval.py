"""The crisis detector evaluated: grouped cross-validation on the corpus, the frozen test set, the multi-turn context
windows and the dataset's own client messages; stored in the warehouse with the detector's version.

    report = evaluate_detector(dataset_messages=messages)      # SafetyReport
    print(report.summary())                                     # the table `python -m tide_core safety-eval` prints
    report.frames()                                             # polars frames for warehouse.safety_store

- corpus_cv: every single-message corpus record scored by a semantic model that never saw its concept (GroupKFold
  by concept), combined with the patterns, at the chosen threshold. This is what the threshold was chosen on.
- frozen_test: crisis_frozen_test.jsonl, written apart and never used for training or the threshold.
- context_windows: multi-turn windows (earlier messages + the last one), through `detect_crisis(..., context=...)`.
- tide_dataset: the dataset's risk client messages and a seeded sample of the others.
Recall and false-alarm rates carry 95% Wilson intervals (statsmodels).
"""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

import polars as pl

from tide_core.chat.corpus import CorpusRecord, load_corpus, load_frozen
from tide_core.chat.taxonomy import CATEGORIES, EXPLICIT, IMPLICIT, NONE, TIERS

EVAL_SETS = ("corpus_cv", "frozen_test", "context_windows", "tide_dataset")
BARS = {"explicit": 0.95, "implicit": 0.85, "hard_negative": 0.10}  # the acceptance bars


def wilson(k: int, n: int) -> tuple[float | None, float | None]:
    if n == 0:
        return None, None
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(k, n, alpha=0.05, method="wilson")
    return float(low), float(high)


@dataclass(frozen=True)
class Outcome:
    """One scored message: its truth, what the detector said, and how."""

    record_id: str
    eval_set: str
    true_label: str
    negative_kind: str | None
    predicted: str  # a category, or 'none'
    layer: str | None
    score: float | None
    text: str

    @property
    def flagged(self) -> bool:
        return self.predicted != NONE

    @property
    def is_risk(self) -> bool:
        return self.true_label != NONE


@dataclass
class SafetyReport:
    version: str
    threshold: float
    threshold_reason: str
    outcomes: list[Outcome]
    model_info: dict
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def metric_rows(self) -> list[dict]:
        rows: list[dict] = []

        def add(eval_set: str, kind: str, name: str, metric: str, outs: list[Outcome], hit) -> None:
            if not outs:
                return
            k = sum(1 for o in outs if hit(o))
            low, high = wilson(k, len(outs))
            rows.append({"detector_version": self.version, "eval_set": eval_set, "group_kind": kind,
                         "group_name": name, "metric": metric, "n": len(outs), "k": k, "value": k / len(outs),
                         "ci_low": low, "ci_high": high})

        for eval_set in EVAL_SETS:
            outs = [o for o in self.outcomes if o.eval_set == eval_set]
            risk = [o for o in outs if o.is_risk]
            negatives = [o for o in outs if not o.is_risk]
            add(eval_set, "overall", "all_risk", "recall", risk, lambda o: o.flagged)
            add(eval_set, "overall", "all_risk", "category_accuracy", [o for o in risk if o.flagged],
                lambda o: o.predicted == o.true_label)
            add(eval_set, "tier", "hard_negative", "false_alarm", negatives, lambda o: o.flagged)
            if eval_set == "tide_dataset":
                for risk_type in sorted({o.true_label for o in risk}):
                    add(eval_set, "risk_type", risk_type, "recall", [o for o in risk if o.true_label == risk_type],
                        lambda o: o.flagged)
                continue
            for tier, cats in (("explicit", EXPLICIT), ("implicit", IMPLICIT)):
                add(eval_set, "tier", tier, "recall", [o for o in risk if o.true_label in cats], lambda o: o.flagged)
            for cat in CATEGORIES:
                add(eval_set, "category", cat, "recall", [o for o in risk if o.true_label == cat], lambda o: o.flagged)
            for kind in sorted({o.negative_kind for o in negatives if o.negative_kind}):
                add(eval_set, "negative_kind", kind, "false_alarm", [o for o in negatives if o.negative_kind == kind],
                    lambda o: o.flagged)
        return rows

    def confusion_rows(self) -> list[dict]:
        counts = Counter((o.eval_set, o.true_label, o.predicted) for o in self.outcomes if o.eval_set != "tide_dataset")
        return [{"detector_version": self.version, "eval_set": s, "true_label": t, "predicted": p, "n": n}
                for (s, t, p), n in sorted(counts.items())]

    def case_rows(self) -> list[dict]:
        return [{"detector_version": self.version, "eval_set": o.eval_set, "record_id": o.record_id,
                 "outcome": "miss" if o.is_risk else "false_alarm", "true_label": o.true_label,
                 "negative_kind": o.negative_kind, "predicted": o.predicted, "layer": o.layer, "score": o.score,
                 "text": o.text}
                for o in self.outcomes if o.is_risk != o.flagged]

    def version_row(self) -> dict:
        return {"detector_version": self.version, "threshold": self.threshold,
                "threshold_reason": self.threshold_reason, **self.model_info,
                "evaluated_at": datetime.now(UTC).replace(tzinfo=None), "eval_seconds": self.seconds}

    def frames(self) -> dict[str, pl.DataFrame]:
        return {
            "safety_detector_versions": pl.DataFrame([self.version_row()]),
            "safety_eval_metrics": pl.DataFrame(self.metric_rows(), schema_overrides={
                "value": pl.Float64, "ci_low": pl.Float64, "ci_high": pl.Float64}),
            "safety_eval_confusion": pl.DataFrame(self.confusion_rows()),
            "safety_eval_cases": pl.DataFrame(self.case_rows(), schema_overrides={
                "negative_kind": pl.String, "layer": pl.String, "score": pl.Float64}),
        }

    def metric(self, eval_set: str, kind: str, name: str, metric: str) -> dict | None:
        return next((r for r in self.metric_rows() if (r["eval_set"], r["group_kind"], r["group_name"], r["metric"])
                     == (eval_set, kind, name, metric)), None)

    def summary(self) -> str:
        """The headline table: recall on explicit and implicit risk, false alarms on hard negatives, per set."""
        lines = [f"crisis detector {self.version}: threshold {self.threshold:.2f} ({self.threshold_reason})",
                 f"{'set':<16} {'explicit recall':>22} {'implicit recall':>22} {'false alarms (hard neg.)':>26}"]
        for eval_set in EVAL_SETS:
            cells = []
            for kind, name, metric in (("tier", "explicit", "recall"), ("tier", "implicit", "recall"),
                                       ("tier", "hard_negative", "false_alarm")):
                row = self.metric(eval_set, kind, name, metric)
                if eval_set in ("tide_dataset", "context_windows") and name != "hard_negative":
                    row = row or (self.metric(eval_set, "overall", "all_risk", "recall") if name == "explicit"
                                  else None)
                cells.append(f"{row['value']:.3f} [{row['ci_low']:.2f}, {row['ci_high']:.2f}] n={row['n']}"
                             if row else "-")
            lines.append(f"{eval_set:<16} {cells[0]:>22} {cells[1]:>22} {cells[2]:>26}")
        lines.append(f"bars: explicit >= {BARS['explicit']}, implicit >= {BARS['implicit']}, false alarms <= "
                     f"{BARS['hard_negative']} (tide_dataset shows all risk under 'explicit')")
        lines.append("recall by category (out of fold on the corpus; on the frozen test set):")
        for cat in CATEGORIES:
            cells = []
            for eval_set in ("corpus_cv", "frozen_test"):
                row = self.metric(eval_set, "category", cat, "recall")
                cells.append(f"{row['value']:.2f} (n={row['n']:>3})" if row else "-")
            lines.append(f"  {cat:<20} {TIERS[cat]:<9} {cells[0]:>12} {cells[1]:>12}")
        return "\n".join(lines + self.notes)


def _outcome(eval_set: str, record: CorpusRecord, hit, score: float | None, text: str | None = None) -> Outcome:
    return Outcome(record.id, eval_set, record.label, record.negative_kind, hit.category if hit else NONE,
                   hit.layer if hit else None, score if score is not None else (hit.score if hit else None),
                   text or record.text)


def evaluate_detector(dataset_messages: list[tuple[str, str, str | None]] | None = None, n_dataset_negatives: int = 300,
                      seed: int = 13, progress=None) -> SafetyReport:
    """Evaluate the current detector. `dataset_messages`: (conversation_id, client_message, risk_type or None)."""
    from tide_core.chat.crisis import _SEMANTIC, detect_crisis
    from tide_core.chat.patterns import pattern_layer
    from tide_core.chat.semantic import SemanticModel

    started = time.perf_counter()
    say = progress or (lambda msg: None)
    say("crisis detector: loading or training the semantic layer")
    model = SemanticModel.load_or_build()
    _SEMANTIC.load()
    layer = pattern_layer()
    records = load_corpus()
    outcomes: list[Outcome] = []

    say("crisis detector: corpus cross-validation (out of fold)")
    for r in records:
        if r.turns:
            continue
        found = layer.find(r.text)
        score, category = model.cv[r.id]
        if found:
            outcomes.append(Outcome(r.id, "corpus_cv", r.label, r.negative_kind, found.category, "pattern", score,
                                    r.text))
        else:
            flagged = score >= model.threshold
            outcomes.append(Outcome(r.id, "corpus_cv", r.label, r.negative_kind, category if flagged else NONE,
                                    "semantic" if flagged else None, score, r.text))

    say("crisis detector: frozen test set")
    for r in load_frozen():
        outcomes.append(_outcome("frozen_test", r, detect_crisis(r.text), None))

    say("crisis detector: context windows")
    for r in records:
        if r.turns:
            hit = detect_crisis(r.text, context=list(r.turns))
            outcomes.append(_outcome("context_windows", r, hit, None, " / ".join([*r.turns, r.text])))

    if dataset_messages:
        say("crisis detector: the dataset's client messages")
        risk = [m for m in dataset_messages if m[2]]
        calm = [m for m in dataset_messages if not m[2]]
        calm = random.Random(seed).sample(calm, min(n_dataset_negatives, len(calm)))
        for cid, text, risk_type in risk + calm:
            hit = detect_crisis(text)
            outcomes.append(Outcome(cid, "tide_dataset", risk_type or NONE, None if risk_type else "dataset_non_risk",
                                    hit.category if hit else NONE, hit.layer if hit else None,
                                    hit.score if hit else None, text))
    info = {"corpus_hash": model.corpus_hash, "n_corpus_records": model.n_records, "n_training_units": model.n_units,
            "n_concepts": len({r.concept for r in records}), "encoder": model.encoder_key,
            "patterns_version": layer.version, "trained_at": datetime.fromisoformat(model.trained_at)}
    report = SafetyReport(model.version, model.threshold, model.threshold_reason, outcomes, info)
    report.seconds = time.perf_counter() - started
    return report

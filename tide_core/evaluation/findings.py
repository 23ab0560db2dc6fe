"""The study's claims as records: which test, what estimate, and whether this warehouse's ratings support it.

Each claim has a decision rule (stated in the record's note) applied to a stat_results row. "inconclusive" means
the data cannot decide: too few observations, or a non-significant result whose interval is too wide to call the
effect absent. With simulated ratings a finding only shows that the analysis recovers what the panel put in;
rerun on real ratings (data_source = 'real') to test the claims about people.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tide_core.evaluation.estimators import GENDER_EQUIVALENCE
from tide_core.evaluation.stat_rows import StatRow

ALPHA = 0.05
WEAK_RHO = 0.4


@dataclass(frozen=True)
class Claim:
    finding_id: str
    claim: str
    paper_result: str
    result_id: str
    decide: Callable[[StatRow], str]
    rule: str


def _p(row: StatRow) -> float | None:
    return row.p_adjusted if row.p_adjusted is not None else row.p_value


def _positive(row: StatRow) -> str:
    p = _p(row)
    if row.estimate is None or p is None:
        return "inconclusive"
    if p < ALPHA:
        return "yes" if row.estimate > 0 else "no"
    return "inconclusive"


def _ceiling(row: StatRow) -> str:
    if row.ci_high is None or row.ci_low is None:
        return "inconclusive"
    return "yes" if row.ci_high < 0 else "no" if row.ci_low >= 0 else "inconclusive"


def _heterogeneous(row: StatRow) -> str:
    p = _p(row)
    return "inconclusive" if p is None else "yes" if p < ALPHA else "inconclusive"


def _minimal_gender(row: StatRow) -> str:
    p = _p(row)
    if p is None or row.ci_low is None:
        return "inconclusive"
    if p < ALPHA:
        return "no"
    inside = -GENDER_EQUIVALENCE < row.ci_low and row.ci_high < GENDER_EQUIVALENCE
    return "yes" if inside else "inconclusive"


def _weak(row: StatRow) -> str:
    if row.estimate is None or row.ci_high is None:
        return "inconclusive"
    if abs(row.estimate) < WEAK_RHO and max(abs(row.ci_low), abs(row.ci_high)) < WEAK_RHO + 0.1:
        return "yes"
    return "no" if min(abs(row.ci_low), abs(row.ci_high)) >= WEAK_RHO and row.ci_low * row.ci_high > 0 \
        else "inconclusive"


CLAIMS = (
    Claim("finetune_gain", "Fine-tuning raises perceived empathy.",
          "Fine-tuned small models were rated more empathic than zero-shot.", "finetune_gain/gain/all", _positive,
          "yes when the pooled paired gain is > 0 with p < .05; no when < 0 with p < .05"),
    Claim("gain_by_scenario", "The fine-tuning gain depends on the scenario.",
          "Gains depended on scenario and user.", "scenario_gain/scenario_heterogeneity/all", _heterogeneous,
          "yes when the F-test of scenario differences has p < .05; otherwise inconclusive (low power)"),
    Claim("small_model_ceiling", "Small models hit a ceiling below the reference replies.",
          "Smaller models hit a ceiling.", "ceiling/finetuned_minus_reference/", _ceiling,
          "yes when the 95 % CI of fine-tuned (smallest model) minus reference lies below 0; no when it lies at or "
          "above 0"),
    Claim("age_validates_first", "Older raters prefer replies that validate distress before offering support.",
          "Older adults preferred validate-first replies (p = .004).", "demographic/older:validates_first/all",
          _positive, "yes when the age (45+) x validates-first coefficient is > 0 with Holm p < .05"),
    Claim("education_layered", "Graduate-educated raters prefer layered, nuanced replies.",
          "Graduate-educated raters preferred layered, nuanced replies.", "demographic/graduate:layered/all",
          _positive, "yes when the graduate x layered coefficient is > 0 with Holm p < .05"),
    Claim("gender_minimal", "Rater gender has minimal effect on ratings.", "Gender effects were minimal (p > .15).",
          "demographic/gender_joint/all", _minimal_gender,
          f"no when the joint Wald test has Holm p < .05; yes when not and every gender CI is inside "
          f"+-{GENDER_EQUIVALENCE}; else inconclusive"),
    Claim("metrics_weak", "Automatic metrics correlate weakly with human ratings.",
          "Automatic metrics correlated weakly with human ratings.", "metric_human/spearman_cosine_minilm/all", _weak,
          f"yes when |rho| (MiniLM cosine vs mean rating) < {WEAK_RHO} and its CI stays within "
          f"{WEAK_RHO + 0.1}; no when the whole CI is beyond {WEAK_RHO}"),
)


def _find(rows: list[StatRow], result_id: str) -> StatRow | None:
    """A row by id; an id ending in '/' matches the first row with that prefix (scopes that name a model)."""
    return next((r for r in rows if r.result_id == result_id or
                 (result_id.endswith("/") and r.result_id.startswith(result_id))), None)


def _record(claim: Claim, row: StatRow | None, data_source: str, analysis_id: str) -> dict:
    base = {"analysis_id": analysis_id, "finding_id": claim.finding_id, "claim": claim.claim,
            "paper_result": claim.paper_result, "data_source": data_source}
    if row is None:
        return base | {"test": "not run", "statistic": None, "estimate": None, "ci_low": None, "ci_high": None,
                       "p_adjusted": None, "n": None, "supported": "inconclusive",
                       "note": "no data for this test (e.g. no model with both zero-shot and fine-tuned replies)"}
    rec = row.record(analysis_id)
    stat = f"{row.statistic_name} = {row.statistic:.3g}" if row.statistic is not None and row.statistic_name else None
    note = f"Rule: {claim.rule}. Scope: {row.scope}."
    if row.p_adjusted is None and row.p_value is not None:
        note += " Single test: p not corrected."
    return base | {"test": row.method, "statistic": stat, "estimate": rec["estimate"], "ci_low": rec["ci_low"],
                   "ci_high": rec["ci_high"], "p_adjusted": rec["p_adjusted"] if rec["p_adjusted"] is not None
                   else rec["p_value"], "n": row.n, "supported": claim.decide(row), "note": note}


def findings(rows: list[StatRow], data_source: str, analysis_id: str) -> list[dict]:
    """One findings record per claim, in CLAIMS order."""
    return [_record(c, _find(rows, c.result_id), data_source, analysis_id) for c in CLAIMS]

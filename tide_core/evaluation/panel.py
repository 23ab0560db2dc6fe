"""A simulated rater panel: raters with a demographic mix rate real responses from the features of those responses.

Each rating is generated on a latent scale and then rounded and clipped to the anchored 1-5 scale:

    latent = intercept + sum_f b_f * factor_f + b_cosine * cosine + b_length * min(words, 60) / 60
             + b_vf * validates_first + b_older_vf * older * validates_first
             + b_grad_layered * graduate * layered + gender_effect[gender]          (0 for every gender by default)
             + b_harm * (minimising + diagnosing + promises) + b_risk_missed * missed_risk
             + u_rater + v_item + noise

older = rater aged 45 or over; graduate = graduate education. The factor sub-scales are generated the same way
from their own factor score. A share of raters is inattentive: they answer at random, quickly, and mostly fail
the attention checks shown with some items. Every parameter is stored with the panel (rater_panels.params_json)
and every rating is marked simulated (source = 'simulated', is_simulated = true). Model identities are hidden:
raters see blind codes (blind_codes), never model names.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

import numpy as np
import polars as pl

from tide_core.evaluation import EVAL_VERSION
from warehouse.writer import append_frame, transaction

AGE_BANDS = ("18-29", "30-44", "45-64", "65-80")
OLDER_BANDS = ("45-64", "65-80")
GENDERS = ("woman", "man", "non-binary")
EDUCATION = ("high_school_or_less", "some_college", "bachelors", "graduate")


@dataclass(frozen=True)
class PanelEffects:
    """Latent-scale effects in rating points. Defaults encode the study's reported pattern; gender has none."""
    intercept: float = 0.9
    factor_er: float = 0.6
    factor_dn: float = 0.6
    factor_sr: float = 0.6
    cosine: float = 0.6
    length: float = 0.4
    validates_first: float = 0.1
    older_x_validates_first: float = 0.6
    graduate_x_layered: float = 0.5
    gender: dict[str, float] = field(default_factory=lambda: dict.fromkeys(GENDERS, 0.0))
    harm: float = -0.8
    risk_missed: float = -1.0
    sd_rater: float = 0.45
    sd_item: float = 0.3
    sd_noise: float = 0.6

    @classmethod
    def null(cls) -> PanelEffects:
        """No demographic effects at all (for the null test): only item features and noise."""
        return cls(validates_first=0.0, older_x_validates_first=0.0, graduate_x_layered=0.0)


@dataclass(frozen=True)
class PanelConfig:
    n_raters: int = 120
    ratings_per_rater: int = 40
    seed: int = 13
    purpose: str = "default_study"
    age_mix: dict[str, float] = field(default_factory=lambda: {"18-29": .25, "30-44": .3, "45-64": .3, "65-80": .15})
    gender_mix: dict[str, float] = field(default_factory=lambda: {"woman": .5, "man": .45, "non-binary": .05})
    education_mix: dict[str, float] = field(default_factory=lambda: {
        "high_school_or_less": .2, "some_college": .25, "bachelors": .3, "graduate": .25})
    inattentive_share: float = 0.05
    attention_check_rate: float = 0.15
    preferences_per_rater: int = 4
    tie_margin: float = 0.25
    both_bad_below: float = 2.5
    effects: PanelEffects = field(default_factory=PanelEffects)
    items_fingerprint: str = ""  # which responses were rated: a new set of responses gets a new panel id

    @property
    def panel_id(self) -> str:
        digest = hashlib.sha1(self.params_json().encode()).hexdigest()[:10]
        return f"panel-{self.purpose}-{digest}"

    def params_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


@dataclass(frozen=True)
class Panel:
    config: PanelConfig
    raters: pl.DataFrame
    ratings: pl.DataFrame
    preferences: pl.DataFrame
    blind_codes: pl.DataFrame
    panel_row: dict


def draw_raters(cfg: PanelConfig, rng: np.random.Generator) -> pl.DataFrame:
    """Raters with demographics drawn from the configured mix; all consented, all simulated."""
    def draw(mix: dict[str, float]) -> np.ndarray:
        p = np.array(list(mix.values()), dtype=float)
        return rng.choice(list(mix), size=cfg.n_raters, p=p / p.sum())

    now = datetime.now(UTC).replace(tzinfo=None)
    ids = [f"sim-{cfg.panel_id.removeprefix('panel-')}-{i:04d}" for i in range(cfg.n_raters)]
    return pl.DataFrame({
        "rater_id": ids, "age_band": draw(cfg.age_mix), "gender": draw(cfg.gender_mix),
        "education": draw(cfg.education_mix), "consent": True, "consented_at": now, "source": "simulated",
        "panel_id": cfg.panel_id, "created_at": now,
        "inattentive": rng.random(cfg.n_raters) < cfg.inattentive_share,
    })


def assign_items(n_raters: int, n_items: int, per_rater: int, rng: np.random.Generator) -> np.ndarray:
    """(n_raters, k) item indices, distinct per rater, balanced so every item gets about the same count."""
    k = min(per_rater, n_items)
    counts = np.zeros(n_items)
    out = np.empty((n_raters, k), dtype=np.int64)
    for r in range(n_raters):
        # least-rated items first, random among ties: balanced without a rater seeing an item twice
        order = np.lexsort((rng.random(n_items), counts))
        out[r] = order[:k]
        counts[out[r]] += 1
    return out


def _feature(items: pl.DataFrame, name: str) -> np.ndarray:
    return items[name].fill_null(0.0).cast(pl.Float64).to_numpy() if name in items.columns else np.zeros(items.height)


def item_means(items: pl.DataFrame, eff: PanelEffects) -> np.ndarray:
    """Latent mean per item before any rater term: the part every rater shares."""
    f = {n: _feature(items, n) for n in ("factor_er", "factor_dn", "factor_sr", "cosine_minilm", "n_words",
                                         "validates_first", "harm_minimising", "harm_diagnosing", "harm_promises")}
    missed = (items["risk_handled"].fill_null(1.0).to_numpy() == 0).astype(float) if "risk_handled" in items.columns \
        else np.zeros(items.height)
    harms = f["harm_minimising"] + f["harm_diagnosing"] + f["harm_promises"]
    return (eff.intercept + eff.factor_er * f["factor_er"] + eff.factor_dn * f["factor_dn"]
            + eff.factor_sr * f["factor_sr"] + eff.cosine * f["cosine_minilm"]
            + eff.length * np.minimum(f["n_words"], 60) / 60 + eff.validates_first * f["validates_first"]
            + eff.harm * harms + eff.risk_missed * missed)


def rater_terms(raters: pl.DataFrame, eff: PanelEffects) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(older, graduate, gender effect) per rater."""
    older = raters["age_band"].is_in(OLDER_BANDS).to_numpy().astype(float)
    graduate = (raters["education"] == "graduate").to_numpy().astype(float)
    gender = np.array([eff.gender.get(g, 0.0) for g in raters["gender"]])
    return older, graduate, gender


def to_scale(latent: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(latent), 1, 5).astype(np.int32)


def _latent(items: pl.DataFrame, raters: pl.DataFrame, r_idx: np.ndarray, i_idx: np.ndarray,
            eff: PanelEffects, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Latent empathy per (rater, item) pair, and the rater and item random effects used."""
    older, graduate, gender = rater_terms(raters, eff)
    u = rng.normal(0, eff.sd_rater, raters.height)
    v = rng.normal(0, eff.sd_item, items.height)
    vf, layered = _feature(items, "validates_first"), _feature(items, "layered")
    latent = (item_means(items, eff)[i_idx] + u[r_idx] + v[i_idx] + gender[r_idx]
              + eff.older_x_validates_first * older[r_idx] * vf[i_idx]
              + eff.graduate_x_layered * graduate[r_idx] * layered[i_idx])
    return latent, u, v


def _ratings(items: pl.DataFrame, raters: pl.DataFrame, cfg: PanelConfig, rng: np.random.Generator) -> pl.DataFrame:
    eff = cfg.effects
    assigned = assign_items(raters.height, items.height, cfg.ratings_per_rater, rng)
    r_idx = np.repeat(np.arange(raters.height), assigned.shape[1])
    i_idx = assigned.ravel()
    latent, u, _ = _latent(items, raters, r_idx, i_idx, eff, rng)
    n = len(r_idx)
    inattentive = raters["inattentive"].to_numpy()[r_idx]
    empathy = np.where(inattentive, rng.integers(1, 6, n), to_scale(latent + rng.normal(0, eff.sd_noise, n)))
    subscales = {}
    for col, feat in (("emotion_recognition", "factor_er"), ("distress_normalization", "factor_dn"),
                      ("supportive_reflection", "factor_sr")):
        sub = 1.2 + 3.4 * _feature(items, feat)[i_idx] + u[r_idx] + rng.normal(0, eff.sd_noise, n)
        subscales[col] = np.where(inattentive, rng.integers(1, 6, n), to_scale(sub))
    checked = rng.random(n) < cfg.attention_check_rate
    passed = np.where(inattentive, rng.random(n) < 0.3, rng.random(n) < 0.998)
    words = _feature(items, "n_words")[i_idx]
    seconds = np.where(inattentive, rng.lognormal(np.log(6), 0.4, n), rng.lognormal(np.log(25), 0.4, n) + 0.3 * words)
    now = datetime.now(UTC).replace(tzinfo=None)
    return pl.DataFrame({
        "rating_id": [f"{cfg.panel_id}-{k:07d}" for k in range(n)],
        "rater_id": raters["rater_id"].gather(r_idx), "response_id": items["response_id"].gather(i_idx),
        "empathy": empathy.astype(np.int32), **{k: v.astype(np.int32) for k, v in subscales.items()},
        "seconds_spent": np.round(seconds, 1), "attention_check_passed": pl.Series(passed).set(pl.Series(~checked), None),
        "source": "simulated", "is_simulated": True, "created_at": now,
    })


def _preferences(items: pl.DataFrame, raters: pl.DataFrame, cfg: PanelConfig,
                 rng: np.random.Generator) -> pl.DataFrame:
    """Blind pairwise choices between two systems' replies to the same conversation; both_bad is not a tie."""
    groups = [g for g in items.with_row_index("i").group_by("conversation_id", maintain_order=True)
              .agg(pl.col("i"))["i"].to_list() if len(g) >= 2]
    rows = []
    if not groups or cfg.preferences_per_rater == 0:
        return pl.DataFrame(schema={"preference_id": pl.String})
    base = item_means(items, cfg.effects)
    older, graduate, _ = rater_terms(raters, cfg.effects)
    vf, layered = _feature(items, "validates_first"), _feature(items, "layered")
    now = datetime.now(UTC).replace(tzinfo=None)
    for r in range(raters.height):
        for p in range(cfg.preferences_per_rater):
            a, b = rng.choice(groups[rng.integers(len(groups))], size=2, replace=False)
            util = [base[i] + cfg.effects.older_x_validates_first * older[r] * vf[i]
                    + cfg.effects.graduate_x_layered * graduate[r] * layered[i] + rng.normal(0, cfg.effects.sd_noise)
                    for i in (a, b)]
            choice = ("both_bad" if max(util) < cfg.both_bad_below else "tie" if abs(util[0] - util[1]) <
                      cfg.tie_margin else "a" if util[0] > util[1] else "b")
            rows.append({"preference_id": f"{cfg.panel_id}-p{r:04d}-{p}", "rater_id": raters["rater_id"][r],
                         "response_a": items["response_id"][int(a)], "response_b": items["response_id"][int(b)],
                         "choice": choice, "blind": True, "source": "simulated", "created_at": now})
    return pl.DataFrame(rows)


def blind_codes_for(study_id: str, response_ids: list[str], seed: int) -> pl.DataFrame:
    """Opaque random item codes (seeded, so a rerun issues the same ones) and their audit mapping."""
    # the study id is mixed into the seed so two studies never draw the same codes (blind_code is the key)
    rng = np.random.default_rng([seed, int(hashlib.sha1(study_id.encode()).hexdigest()[:8], 16)])
    codes = [f"R-{c:08X}" for c in rng.choice(2**32, size=len(response_ids), replace=False)]
    return pl.DataFrame({"blind_code": codes, "study_id": study_id, "response_id": response_ids,
                         "created_at": datetime.now(UTC).replace(tzinfo=None)})


def simulate_panel(items: pl.DataFrame, cfg: PanelConfig) -> Panel:
    """Simulate the panel's raters, ratings, preferences and blind codes for `items` (one row per response with
    response_id, conversation_id and the store.FEATURES columns). Deterministic for a given seed and items."""
    rng = np.random.default_rng(cfg.seed)
    items = items.sort("response_id")
    raters = draw_raters(cfg, rng)
    ratings = _ratings(items, raters, cfg, rng)
    prefs = _preferences(items, raters, cfg, rng)
    codes = blind_codes_for(cfg.panel_id, items["response_id"].to_list(), cfg.seed)
    row = {"panel_id": cfg.panel_id, "purpose": cfg.purpose, "seed": cfg.seed, "n_raters": cfg.n_raters,
           "ratings_per_rater": cfg.ratings_per_rater, "params_json": cfg.params_json(),
           "code_version": EVAL_VERSION, "is_simulated": True, "created_at": datetime.now(UTC).replace(tzinfo=None)}
    return Panel(cfg, raters, ratings, prefs, codes, row)


def write_panel(con, panel: Panel) -> None:
    """Insert the panel, its raters, ratings, preferences and blind codes in one transaction."""
    with transaction(con):
        append_frame(con, "rater_panels", pl.DataFrame([panel.panel_row]))
        append_frame(con, "raters", panel.raters.drop("inattentive"))
        append_frame(con, "ratings", panel.ratings)
        append_frame(con, "preferences", panel.preferences)
        append_frame(con, "blind_codes", panel.blind_codes)


def panel_ratings_frame(panel: Panel) -> pl.DataFrame:
    """The panel's ratings shaped like store.ratings_frame (demographics, consent, attention-check exclusion), for
    analysing a panel without a warehouse (tests, benchmarks)."""
    failed = (panel.ratings.group_by("rater_id")
              .agg(rater_failed_check=(~pl.col("attention_check_passed").fill_null(True)).any()))
    return (panel.ratings.join(panel.raters.select("rater_id", "age_band", "gender", "education", "consent"),
                               on="rater_id").join(failed, on="rater_id"))


def synthetic_items(n_conversations: int, seed: int) -> pl.DataFrame:
    """Item features without any text, for simulation studies: per conversation a zero-shot and a fine-tuned reply
    of two models plus a reference; factor scores, order and layering drawn at random per reply."""
    rng = np.random.default_rng(seed)
    systems = [("ref", "reference", None, 0.9), ("small", "zero_shot", 135.0, 0.3), ("small", "fine_tuned", 135.0, 0.6),
               ("large", "zero_shot", 1700.0, 0.4), ("large", "fine_tuned", 1700.0, 0.8)]
    rows = []
    for c in range(n_conversations):
        for model, mode, size, quality in systems:
            f = np.clip(rng.normal(quality, 0.2, 3), 0, 1)
            n_factors = int((f >= 0.5).sum())
            rows.append({"response_id": f"{model}-{mode}-{c:04d}", "conversation_id": f"C{c:04d}",
                         "scenario_id": f"s{c % 8}", "model_id": model, "mode": mode, "params_millions": size,
                         "system": f"{model}/{mode}", "factor_er": f[0], "factor_dn": f[1], "factor_sr": f[2],
                         "n_factors": float(n_factors), "validates_first": float(rng.random() < 0.5),
                         "layered": float(n_factors == 3 and rng.random() < 0.7),
                         "n_words": float(rng.integers(15, 90)), "cosine_minilm": float(np.clip(quality +
                                                                                                 rng.normal(0, .15), 0, 1)),
                         "harm_minimising": 0.0, "harm_diagnosing": 0.0, "harm_promises": 0.0, "risk_handled": None})
    return pl.DataFrame(rows, schema_overrides={"params_millions": pl.Float64, "risk_handled": pl.Float64})

"""Build the TIDE-style dataset: personas x distinct scenarios -> two-turn conversations, with persona splits.

The `Dataset` holds polars frames whose columns are the warehouse's tables (see warehouse/schema/*.sql).
Everything is a pure function of the DatasetConfig: the same config gives the same rows.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from tide_core.config import DatasetConfig
from tide_core.dialogue import RISK_TYPES, Dialogue, compose_dialogue
from tide_core.generator_version import generator_version
from tide_core.personas import Persona, generate_personas
from tide_core.scenarios import Scenario, resolve_scenarios

SPLITS = ("train", "validation", "test")
MAX_DUPLICATE_RETRIES = 20

PERSONA_SCHEMA = {
    "persona_id": pl.Int64, "first_name": pl.String, "age": pl.Int64, "age_band": pl.String, "gender": pl.String,
    "ethnicity": pl.String, "education": pl.String, "occupation": pl.String, "trauma_type": pl.String,
    "trauma_label": pl.String, "years_since_trauma": pl.Int64, "symptoms": pl.List(pl.String),
    "symptom_clusters": pl.List(pl.String), "severity": pl.String, "pcl5_score": pl.Int64,
    "support_level": pl.String, "support_people": pl.List(pl.String), "partner": pl.String, "children": pl.Int64,
    "communication_style": pl.String, "is_synthetic": pl.Boolean, "source": pl.String, "extra_json": pl.String,
}
CONVERSATION_SCHEMA = {
    "conversation_id": pl.String, "persona_id": pl.Int64, "conv_index": pl.Int64, "scenario_id": pl.String,
    "client_message": pl.String, "reference_reply": pl.String, "factor_order": pl.String,
    "validates_first": pl.Boolean, "er_start": pl.Int64, "er_end": pl.Int64, "dn_start": pl.Int64,
    "dn_end": pl.Int64, "sr_start": pl.Int64, "sr_end": pl.Int64, "is_risk": pl.Boolean, "risk_type": pl.String,
    "reference_source": pl.String, "is_synthetic": pl.Boolean,
}
SPLIT_SCHEMA = {"persona_id": pl.Int64, "split": pl.String, "split_seed": pl.Int64}
SCENARIO_SCHEMA = {"scenario_id": pl.String, "title": pl.String, "description": pl.String,
                   "primary_emotions": pl.List(pl.String), "cluster": pl.String}


@dataclass
class Dataset:
    personas: pl.DataFrame
    scenarios: pl.DataFrame
    conversations: pl.DataFrame
    splits: pl.DataFrame
    source: str = "generator"


def conversation_id(persona_id: int, conv_index: int) -> str:
    return f"P{persona_id:04d}-C{conv_index:02d}"


def split_of(persona_id: int, seed: int, cfg: DatasetConfig) -> str:
    """The persona's split, from a hash of (seed, persona_id): stable when the number of personas changes."""
    digest = hashlib.sha256(f"split:{seed}:{persona_id}".encode()).digest()
    u = int.from_bytes(digest[:8], "big") / 2**64
    if u < cfg.split_train:
        return "train"
    return "validation" if u < cfg.split_train + cfg.split_validation else "test"


def scenarios_frame(scenarios: list[Scenario]) -> pl.DataFrame:
    rows = [{"scenario_id": s.scenario_id, "title": s.title, "description": s.description,
             "primary_emotions": list(s.primary_emotions), "cluster": s.cluster} for s in scenarios]
    return pl.DataFrame(rows, schema=SCENARIO_SCHEMA)


def _conversation_row(persona: Persona, index: int, scenario: Scenario, d: Dialogue) -> dict:
    row = {
        "conversation_id": conversation_id(persona.persona_id, index), "persona_id": persona.persona_id,
        "conv_index": index, "scenario_id": scenario.scenario_id, "client_message": d.client_message,
        "reference_reply": d.reference_reply, "factor_order": d.order_code, "validates_first": d.validates_first,
        "is_risk": d.risk_type is not None, "risk_type": d.risk_type, "reference_source": "generator",
        "is_synthetic": True,
    }
    for factor, prefix in (("emotion_recognition", "er"), ("distress_normalization", "dn"),
                           ("supportive_reflection", "sr")):
        row[f"{prefix}_start"], row[f"{prefix}_end"] = d.spans[factor]
    return row


def _compose_unique(persona: Persona, scenario: Scenario, cfg: DatasetConfig, seen: set[str]) -> Dialogue:
    plan = random.Random(f"plan:{cfg.seed}:{persona.persona_id}:{scenario.scenario_id}")
    risk = plan.choice(RISK_TYPES) if plan.random() < cfg.risk_share else None
    validate_first = plan.random() < cfg.validate_first_share
    for attempt in range(MAX_DUPLICATE_RETRIES):
        rng = random.Random(f"{cfg.seed}:{persona.persona_id}:{scenario.scenario_id}:{attempt}")
        d = compose_dialogue(persona, scenario, rng, risk_type=risk, validate_first=validate_first)
        if d.client_message not in seen and d.reference_reply not in seen:
            seen.add(d.client_message)
            seen.add(d.reference_reply)
            return d
    raise RuntimeError(
        f"could not compose a unique dialogue for persona {persona.persona_id}, scenario {scenario.scenario_id} "
        f"in {MAX_DUPLICATE_RETRIES} tries: the phrase banks are too small for this many conversations"
    )


def build_dataset(cfg: DatasetConfig, progress: Callable[[int], None] | None = None) -> Dataset:
    """Generate personas, conversations and splits. `progress(n)` is called as personas complete."""
    scenarios = resolve_scenarios(cfg.scenarios)
    personas = generate_personas(cfg.n_personas, cfg.personas, cfg.seed)
    seen: set[str] = set()
    rows: list[dict] = []
    for persona in personas:
        picker = random.Random(f"scenarios:{cfg.seed}:{persona.persona_id}")
        chosen = picker.sample(scenarios, cfg.conversations_per_persona)
        for index, scenario in enumerate(chosen, start=1):
            rows.append(_conversation_row(persona, index, scenario, _compose_unique(persona, scenario, cfg, seen)))
        if progress:
            progress(1)
    persona_rows = [{**p.to_row(), "source": "generator", "extra_json": None} for p in personas]
    return Dataset(
        personas=pl.DataFrame(persona_rows, schema=PERSONA_SCHEMA),
        scenarios=scenarios_frame(scenarios),
        conversations=pl.DataFrame(rows, schema=CONVERSATION_SCHEMA),
        splits=pl.DataFrame(
            [{"persona_id": p.persona_id, "split": split_of(p.persona_id, cfg.seed, cfg), "split_seed": cfg.seed}
             for p in personas],
            schema=SPLIT_SCHEMA,
        ),
    )


def build_info(cfg: DatasetConfig, ds: Dataset, seconds: float) -> dict[str, str]:
    return {
        "config_fingerprint": cfg.fingerprint(),
        "generator_version": generator_version(),
        "seed": str(cfg.seed),
        "n_personas": str(ds.personas.height),
        "n_conversations": str(ds.conversations.height),
        "dataset_source": ds.source,
        "build_seconds": f"{seconds:.2f}",
    }

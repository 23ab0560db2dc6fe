"""Typed configuration for building the dataset: dataclass defaults, YAML overrides, CLI overrides.

Every value is checked when the config is built; a wrong type or range raises ConfigError naming the field
and the expected form. The defaults and their sources are documented in docs/personas.md.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tide_core.errors import ConfigError
from tide_core.generator_version import generator_version
from tide_core.personas import check_distributions
from tide_core.scenarios import resolve_scenarios
from tide_core.typed_config import Rules, build, check_fields


def _w(**weights: float) -> dict[str, float]:
    return dict(weights)


@dataclass
class PersonaDistributions:
    """Sampling weights for persona attributes (need not sum to 1; they are normalised).

    Defaults aim at a plausible adult PTSD treatment-seeking population (see docs/personas.md): women are
    about twice as likely as men to have PTSD; trauma types weighted by how often they lead to PTSD.
    """

    age_min: int = 18
    age_max: int = 80
    # Weights over age bands; an age is then drawn uniformly inside the band.
    age_band: dict[str, float] = field(
        default_factory=lambda: _w(**{"18-29": 0.24, "30-44": 0.32, "45-64": 0.30, "65-80": 0.14})
    )
    gender: dict[str, float] = field(default_factory=lambda: _w(woman=0.58, man=0.37, **{"non-binary": 0.05}))
    ethnicity: dict[str, float] = field(
        default_factory=lambda: _w(
            **{
                "White": 0.56,
                "Black or African American": 0.14,
                "Hispanic or Latino": 0.16,
                "Asian": 0.06,
                "American Indian or Alaska Native": 0.02,
                "Middle Eastern or North African": 0.02,
                "Native Hawaiian or Pacific Islander": 0.01,
                "Multiracial": 0.03,
            }
        )
    )
    education: dict[str, float] = field(
        default_factory=lambda: _w(high_school_or_less=0.34, some_college=0.28, bachelors=0.24, graduate=0.14)
    )
    severity: dict[str, float] = field(default_factory=lambda: _w(mild=0.25, moderate=0.48, severe=0.27))
    support_level: dict[str, float] = field(
        default_factory=lambda: _w(strong=0.22, moderate=0.38, limited=0.28, isolated=0.12)
    )
    communication_style: dict[str, float] = field(
        default_factory=lambda: _w(
            terse=0.16, guarded=0.18, verbose=0.16, direct=0.18, self_critical=0.14, reflective=0.18
        )
    )
    # Trauma types; keys must be known to tide_core.personas.TRAUMA_TYPES.
    trauma_type: dict[str, float] = field(
        default_factory=lambda: _w(
            combat=0.08,
            sexual_assault=0.10,
            childhood_abuse=0.08,
            serious_accident=0.08,
            natural_disaster=0.04,
            medical_trauma=0.05,
            witnessing_violence=0.05,
            first_responder=0.06,
            domestic_violence=0.08,
            sudden_loss=0.08,
            bullying=0.03,
            physical_assault=0.06,
            house_fire=0.03,
            mass_shooting=0.02,
            refugee_displacement=0.03,
            workplace_injury=0.03,
            kidnapping=0.01,
            childbirth_trauma=0.03,
            terror_attack=0.01,
            stalking=0.03,
        )
    )


@dataclass
class DatasetConfig:
    """What to build: how many personas and conversations, the seed, the risk share and the splits."""

    n_personas: int = 500
    conversations_per_persona: int = 20
    seed: int = 13
    # Share of conversations whose client message carries risk language (hopelessness, passive death wish).
    risk_share: float = 0.03
    # Share of references that normalise distress before offering supportive reflection (ER, DN, SR order).
    validate_first_share: float = 0.5
    split_train: float = 0.8
    split_validation: float = 0.1
    split_test: float = 0.1
    # None = all registered scenarios; otherwise scenario ids (each persona draws distinct ones).
    scenarios: list[str] | None = None
    personas: PersonaDistributions = field(default_factory=PersonaDistributions)

    def __post_init__(self) -> None:
        check_fields(self, "config")
        self.validate()

    def validate(self) -> None:
        if self.n_personas <= 0:
            raise ConfigError(f"config.n_personas must be a positive integer, got {self.n_personas}")
        if self.conversations_per_persona <= 0:
            raise ConfigError(
                f"config.conversations_per_persona must be a positive integer, got {self.conversations_per_persona}"
            )
        if not 0.0 <= self.risk_share <= 0.5:
            raise ConfigError(f"config.risk_share must be between 0 and 0.5, got {self.risk_share}")
        if not 0.0 <= self.validate_first_share <= 1.0:
            raise ConfigError(f"config.validate_first_share must be between 0 and 1, got {self.validate_first_share}")
        splits = (self.split_train, self.split_validation, self.split_test)
        if min(splits) < 0 or abs(sum(splits) - 1.0) > 1e-6:
            raise ConfigError(f"config.split_* must be non-negative and sum to 1, got {splits}")
        p = self.personas
        if not 18 <= p.age_min <= p.age_max <= 100:
            raise ConfigError(f"config.personas.age_min/age_max must satisfy 18 <= min <= max, got {p.age_min}, {p.age_max}")
        for f in dataclasses.fields(p):
            weights = getattr(p, f.name)
            if isinstance(weights, dict):
                if not weights or any(v < 0 for v in weights.values()) or sum(weights.values()) <= 0:
                    raise ConfigError(
                        f"config.personas.{f.name} must map names to non-negative weights with a positive sum, "
                        f"got {weights}"
                    )
        # Cross-checks against the registries live in the modules that own them.
        check_distributions(p)
        chosen = resolve_scenarios(self.scenarios)
        if self.conversations_per_persona > len(chosen):
            raise ConfigError(
                f"config.conversations_per_persona ({self.conversations_per_persona}) must not exceed the number of "
                f"scenarios ({len(chosen)}): each persona's conversations use distinct scenarios"
            )

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    def fingerprint(self) -> str:
        """A stable hash of the config and the generator's version (a hash of its code and bank files): a warehouse
        built with the same fingerprint can be reused; an edit to either rebuilds it."""
        blob = json.dumps({"config": self.to_dict(), "generator": generator_version()}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def with_overrides(self, **overrides: object) -> DatasetConfig:
        data = self.to_dict()
        for key, value in overrides.items():
            if value is not None:
                data[key] = value
        return config_from_dict(data, source="command-line options")


# Values are checked once each dataclass is built (DatasetConfig also checks itself when constructed directly).
_RULES = Rules(
    not_mapping="{where} must be a mapping of settings, got {kind}",
    unknown="{where} has unknown setting(s) {unknown}; expected some of {expected}",
    check=check_fields,
)


def config_from_dict(data: dict, source: str = "config") -> DatasetConfig:
    try:
        return build(DatasetConfig, data, "config", _RULES)  # type: ignore[return-value]
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from None


def load_config(path: str | Path | None) -> DatasetConfig:
    """Defaults, overridden by the YAML file at `path` when given."""
    if path is None:
        return DatasetConfig()
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"config file {p} does not exist; expected a YAML file of DatasetConfig settings")
    try:
        data = yaml.safe_load(p.read_text()) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{p}: not valid YAML ({exc})") from None
    return config_from_dict(data, source=str(p))

"""The Claude build's settings (data/settings.yaml, optionally overridden by a YAML file): the price table, retry and
batch limits, the estimate's assumptions and which checks run. Checked when loaded; a wrong value raises ConfigError
naming the field and what was expected."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import yaml

from tide_core.errors import ConfigError

SETTINGS_FILE = Path(__file__).resolve().parent / "data" / "settings.yaml"
PRICE_KEYS = ("input", "output", "cache_write", "cache_read")
CHECKS = ("unplanned_risk", "persona", "ungrounded_feelings", "questions_answered", "bad_joins")


@dataclass(frozen=True)
class Price:
    """US dollars per million tokens, standard rates (before the batch discount)."""

    input: float
    output: float
    cache_write: float
    cache_read: float


@dataclass(frozen=True)
class BuildSettings:
    prices: dict[str, Price]
    batch_discount: float
    max_tokens: int
    max_attempts: int
    batch_size: int
    poll_interval_s: float
    chars_per_token: float
    output_tokens: int
    cache_hit_share: float
    retry_share: float
    checks: dict[str, bool]

    def price(self, model: str) -> Price:
        if model not in self.prices:
            raise ConfigError(f"no price for model {model!r} in the Claude build's price table; add it under prices: "
                              f"in {SETTINGS_FILE} or a --claude-settings file (known: {sorted(self.prices)})")
        return self.prices[model]

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) and k != "prices" else v
        if k == "prices" and isinstance(v, dict):
            out[k] = {**base.get("prices", {}), **v}
    return out


def _num(data: dict, key: str, kind: type, lo: float, hi: float, where: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or (kind is int and not isinstance(value, int)):
        raise ConfigError(f"{where}.{key} must be a {kind.__name__} between {lo:g} and {hi:g}, got {value!r}")
    if not lo <= value <= hi:
        raise ConfigError(f"{where}.{key} must be between {lo:g} and {hi:g}, got {value!r}")
    return kind(value)


def load_settings(path: str | Path | None = None) -> BuildSettings:
    """The defaults from data/settings.yaml, overridden by the YAML file at `path` when given."""
    data = yaml.safe_load(SETTINGS_FILE.read_text())
    where = SETTINGS_FILE.name
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"Claude build settings file {p} does not exist; expected YAML like {SETTINGS_FILE}")
        try:
            over = yaml.safe_load(p.read_text()) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{p}: not valid YAML ({exc})") from None
        if not isinstance(over, dict):
            raise ConfigError(f"{p} must be a mapping of settings, got {type(over).__name__}")
        unknown = set(over) - set(data)
        if unknown:
            raise ConfigError(f"{p} has unknown setting(s) {sorted(unknown)}; expected some of {sorted(data)}")
        data, where = _merge(data, over), str(p)
    prices = {}
    for model, row in (data.get("prices") or {}).items():
        if not isinstance(row, dict) or set(row) != set(PRICE_KEYS):
            raise ConfigError(f"{where}: prices.{model} must give {', '.join(PRICE_KEYS)} (USD per million tokens)")
        prices[model] = Price(**{k: _num(row, k, float, 0, 1000, f"prices.{model}") for k in PRICE_KEYS})
    est = data.get("estimate") or {}
    checks = data.get("checks") or {}
    if set(checks) - set(CHECKS) or not all(isinstance(v, bool) for v in checks.values()):
        raise ConfigError(f"{where}: checks must map some of {CHECKS} to true/false, got {checks}")
    return BuildSettings(
        prices=prices,
        batch_discount=_num(data, "batch_discount", float, 0, 1, where),
        max_tokens=_num(data, "max_tokens", int, 64, 8192, where),
        max_attempts=_num(data, "max_attempts", int, 1, 10, where),
        batch_size=_num(data, "batch_size", int, 1, 100_000, where),
        poll_interval_s=_num(data, "poll_interval_s", float, 0, 3600, where),
        chars_per_token=_num(est, "chars_per_token", float, 1, 10, f"{where} estimate"),
        output_tokens=_num(est, "output_tokens", int, 1, 8192, f"{where} estimate"),
        cache_hit_share=_num(est, "cache_hit_share", float, 0, 1, f"{where} estimate"),
        retry_share=_num(est, "retry_share", float, 0, 10, f"{where} estimate"),
        checks={c: bool(checks.get(c, True)) for c in CHECKS},
    )

"""Config: defaults are valid; wrong types, ranges and names raise ConfigError naming the field and expectation."""

import pytest

from tide_core.config import DatasetConfig, PersonaDistributions, config_from_dict, load_config
from tide_core.errors import ConfigError


def test_defaults_are_the_study_shape():
    cfg = DatasetConfig()
    assert (cfg.n_personas, cfg.conversations_per_persona) == (500, 20)
    assert cfg.fingerprint() == DatasetConfig().fingerprint()
    assert cfg.fingerprint() != DatasetConfig(seed=14).fingerprint()


@pytest.mark.parametrize(
    "data, expected",
    [
        ({"n_personas": 0}, "n_personas must be a positive integer, got 0"),
        ({"n_personas": -3}, "n_personas must be a positive integer"),
        ({"conversations_per_persona": 0}, "conversations_per_persona must be a positive integer"),
        ({"n_personas": "many"}, "config.n_personas must be int, got str 'many'"),
        ({"n_personas": True}, "config.n_personas must be int"),
        ({"risk_share": 0.9}, "risk_share must be between 0 and 0.5"),
        ({"scenarios": ["nightmare", "haunted_house"]}, "unknown scenario name(s) ['haunted_house']"),
        ({"scenarios": "nightmare"}, "config.scenarios must be"),
        ({"conversations_per_persona": 23}, "must not exceed the number of scenarios (22)"),
        ({"scenarios": ["nightmare", "anniversary"], "conversations_per_persona": 3}, "must not exceed"),
        ({"split_train": 0.5}, "split_* must be non-negative and sum to 1"),
        ({"colour": "blue"}, "unknown setting(s) ['colour']"),
        ({"personas": {"gender": {"woman": 1, "robot": 1}}}, "personas.gender has unknown value(s) ['robot']"),
        ({"personas": {"gender": {"woman": "lots"}}}, "config.personas.gender must be dict[str, float]"),
        ({"personas": {"age_min": 10}}, "age_min/age_max"),
        ({"personas": [1, 2]}, "config.personas must be a mapping"),
    ],
)
def test_bad_config_is_named(data, expected):
    with pytest.raises(ConfigError) as err:
        config_from_dict(data)
    assert expected in str(err.value)


def test_yaml_file_overrides_and_errors(tmp_path):
    good = tmp_path / "small.yaml"
    good.write_text("n_personas: 7\npersonas:\n  gender: {woman: 1.0}\n")
    cfg = load_config(good)
    assert cfg.n_personas == 7 and cfg.personas.gender == {"woman": 1.0}
    assert cfg.personas.education == PersonaDistributions().education

    bad = tmp_path / "bad.yaml"
    bad.write_text("n_personas: [1, 2\n")
    with pytest.raises(ConfigError, match="bad.yaml: not valid YAML"):
        load_config(bad)
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("seed: twelve\n")
    with pytest.raises(ConfigError, match=r"wrong.yaml: config.seed must be int, got str 'twelve'"):
        load_config(wrong)
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "missing.yaml")


def test_cli_overrides_are_checked():
    with pytest.raises(ConfigError, match="command-line options: config.n_personas must be a positive integer"):
        DatasetConfig().with_overrides(n_personas=0)
    assert DatasetConfig().with_overrides(seed=99, n_personas=None).seed == 99

"""Docs are executed: the README's commands exist and CI runs the test command; documented YAML loads."""

import re
from pathlib import Path

import yaml

from tide_core.config import config_from_dict

ROOT = Path(__file__).resolve().parent.parent


def test_readme_commands_are_the_scripts_ci_runs():
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"## The two commands.*?```bash\n(.*?)```", readme, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["bash scripts/main.sh", "bash scripts/test.sh"]
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()
    for script in ("scripts/main.sh", "scripts/test.sh", "scripts/setup.sh"):
        assert (ROOT / script).is_file()


def test_documented_yaml_config_is_valid():
    text = (ROOT / "docs" / "personas.md").read_text()
    block = re.search(r"```yaml\n(.*?)```", text, re.S).group(1)
    cfg = config_from_dict(yaml.safe_load(block))
    assert cfg.n_personas == 200 and len(cfg.scenarios) == 10


def test_readme_figures_are_filled_in():
    readme = (ROOT / "README.md").read_text()
    assert "VARIETY_TABLE" not in readme and "BENCH_TABLE" not in readme

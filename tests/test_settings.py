"""The README and the code agree (docs are executed): every command and option in the README's command table is
in the argparse parser and every command of the parser is in the table; every environment variable the code reads
is in the README's table and every variable there is read. And the Streamlit settings the dashboard serves with,
read back the way Streamlit reads them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tide_core.chat.limits import ENV as CHAT_ENV
from tide_core.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("app.py", "tide_core", "dashboard", "pages", "warehouse", "training", "scripts", "bench", "tests")
ENV_NAME = re.compile(r"\b(?:TIDE_[A-Z0-9_]*[A-Z0-9]|ANTHROPIC_[A-Z_]*[A-Z])\b")


def _table(heading: str) -> list[list[str]]:
    """The cells of each body row of the first table under `heading` in the README."""
    lines = (ROOT / "README.md").read_text().split(heading, 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in re.split(r"(?<!\\)\|", line.strip()[1:-1])])
    return rows[2:]  # the header and the rule


def _subcommands() -> dict[str, set[str]]:
    parser = build_parser()
    choices = next(a for a in parser._actions if a.choices and isinstance(a.choices, dict)).choices
    return {name: {o for a in sub._actions for o in a.option_strings} for name, sub in choices.items()}


def test_the_command_table_and_the_parser_agree():
    commands = _subcommands()
    documented = set()
    for row in _table("## Command line"):
        names = [span.split()[0] for span in re.findall(r"`([^`]+)`", row[0])]
        assert names and all(n in commands for n in names), f"README names a command the CLI lacks: {row[0]}"
        documented.update(names)
        for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", " ".join(row)):
            assert any(option in commands[n] for n in names), f"README: {'/'.join(names)} has no option {option}"
    assert sorted(set(commands) - documented) == [], "commands missing from the README's command table"


def _variables_in_code() -> set[str]:
    found = set()
    for top in SOURCES:
        paths = [ROOT / top] if (ROOT / top).is_file() else (ROOT / top).rglob("*")
        for path in paths:
            if path.suffix in (".py", ".sh") and path.name != "test_settings.py":
                found.update(ENV_NAME.findall(path.read_text(errors="replace")))
    return found


def test_the_environment_table_and_the_code_agree():
    documented = {name for row in _table("### Environment variables") for name in re.findall(r"`([A-Z_0-9]+)`",
                                                                                                row[0])}
    in_code = _variables_in_code()
    assert sorted(in_code - documented) == [], "variables the code reads but the README's table lacks"
    assert sorted(documented - in_code - {"PORT"}) == [], "variables in the README's table that no code reads"
    assert "${PORT:-" in (ROOT / "scripts" / "main.sh").read_text()
    assert set(CHAT_ENV.values()) <= documented  # the settings code's own names, not just strings in files


def test_the_dashboard_serves_without_error_details():
    """Streamlit's effective configuration, read from the project's .streamlit/config.toml as `serve` reads it."""
    code = ("from streamlit import config; config.get_config_options(force_reparse=True); "
            "print([config.get_option(k) for k in ('client.showErrorDetails', 'server.headless', "
            "'browser.gatherUsageStats')])")
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "['none', True, False]"


def test_a_failing_page_shows_a_reference_and_logs_the_details(caplog):
    from streamlit.testing.v1 import AppTest

    def script() -> None:
        from dashboard.page_errors import run_page

        class Broken:
            url_path = "broken"

            def run(self) -> None:
                raise RuntimeError("secret path /etc/x in a traceback")

        run_page(Broken())

    with caplog.at_level("ERROR", logger="dashboard.page_errors"):
        at = AppTest.from_function(script, default_timeout=30).run()
    assert at.exception  # still a failed page for Streamlit and the tests
    (shown,) = [e.value for e in at.error]
    reference = re.search(r"reference ([0-9a-f]{8})", shown).group(1)
    assert "secret" not in shown
    assert any(reference in r.getMessage() and r.exc_info for r in caplog.records)

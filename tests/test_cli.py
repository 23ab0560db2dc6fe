"""The command line as a user runs it: help everywhere, clear errors with status 2, no partial output."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ("build", "run", "models", "claude", "export-onnx", "evaluate", "import-ratings", "variety", "export", "import", "serve")


def tide(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tide_core", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_help_on_every_command():
    top = tide("--help")
    assert top.returncode == 0 and all(c in top.stdout for c in COMMANDS)
    for command in COMMANDS:
        out = tide(command, "--help")
        assert out.returncode == 0 and "--warehouse" in out.stdout, command


@pytest.mark.parametrize(
    "args, message",
    [
        (["--scenarios", "nightmare,ghost_story"], "unknown scenario name(s) ['ghost_story']"),
        (["--personas", "0"], "n_personas must be a positive integer, got 0"),
        (["--conversations", "-2"], "conversations_per_persona must be a positive integer, got -2"),
    ],
)
def test_bad_build_input(tmp_path, args, message):
    target = tmp_path / "w.duckdb"
    out = tide("build", "-q", "--warehouse", str(target), *args)
    assert out.returncode == 2
    assert message in out.stderr and out.stderr.startswith("error: ")
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_bad_config_file(tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("n_personas: ten\n")
    out = tide("build", "-q", "--config", str(cfg), "--warehouse", str(tmp_path / "w.duckdb"))
    assert out.returncode == 2 and "c.yaml: config.n_personas must be int, got str 'ten'" in out.stderr
    assert not (tmp_path / "w.duckdb").exists()


def test_readonly_location(tmp_path):
    out = tide("build", "-q", "--personas", "2", "--warehouse", "/sys/tide.duckdb")
    assert out.returncode == 2 and "/sys" in out.stderr and "--warehouse" in out.stderr


def test_build_variety_export_tables(tmp_path):
    wh = tmp_path / "w.duckdb"
    built = tide("build", "-q", "--personas", "6", "--warehouse", str(wh))
    assert built.returncode == 0, built.stderr
    assert "built" in built.stdout and "120 conversations" in built.stdout
    again = tide("build", "-q", "--personas", "6", "--warehouse", str(wh))
    assert "reused" in again.stdout
    variety = tide("variety", "--warehouse", str(wh))
    assert variety.returncode == 0 and "distinct_2" in variety.stdout and "reference_reply" in variety.stdout
    exported = tide("export", "--format", "tables", "--out", str(tmp_path / "pq"), "--warehouse", str(wh))
    assert exported.returncode == 0 and (tmp_path / "pq" / "conversations.parquet").is_file()


def test_serve_without_warehouse(tmp_path):
    out = tide("serve", "--warehouse", str(tmp_path / "none.duckdb"))
    assert out.returncode == 2 and "run `python -m tide_core run` first" in out.stderr


def test_export_import_round_trip_and_broken_import(tmp_path):
    wh = tmp_path / "w.duckdb"
    assert tide("build", "-q", "--personas", "4", "--conversations", "3", "--warehouse", str(wh)).returncode == 0
    out = tide("export", "--format", "tide", "--out", str(tmp_path / "tide"), "--warehouse", str(wh))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "tide" / "metadata" / "1_metadata.json").is_file()
    imported = tmp_path / "imported.duckdb"
    out = tide("import", "--format", "tide", str(tmp_path / "tide"), "--warehouse", str(imported))
    assert out.returncode == 0 and "imported 4 personas, 12 conversations" in out.stdout, out.stderr
    before = imported.read_bytes()
    (tmp_path / "tide" / "conversations" / "2_conversations.json").write_text('[{"person": "hi", ')
    out = tide("import", "--format", "tide", str(tmp_path / "tide"), "--warehouse", str(imported))
    assert out.returncode == 2
    assert "2_conversations.json" in out.stderr and "expected valid JSON" in out.stderr
    assert imported.read_bytes() == before


def test_import_ratings_refuses_a_bad_file_and_bad_mapping(tmp_path):
    wh = tmp_path / "w.duckdb"
    assert tide("build", "-q", "--personas", "3", "--conversations", "2", "--warehouse", str(wh)).returncode == 0
    before = wh.read_bytes()
    data = ROOT / "tests" / "data" / "ratings"
    out = tide("import-ratings", str(data / "missing_item_column.csv"), "--warehouse", str(wh))
    assert out.returncode == 2 and "missing_item_column.csv" in out.stderr, out.stderr
    out = tide("import-ratings", str(data / "survey_export.csv"), "--map", "empathy", "--warehouse", str(wh))
    assert out.returncode == 2 and "--map takes field=column" in out.stderr
    assert wh.read_bytes() == before


def test_a_jsonl_import_with_a_bad_byte_or_a_huge_line_exits_2_with_one_line(tmp_path, capsys):
    from tide_core.cli import main

    wh, imported, folder = tmp_path / "w.duckdb", tmp_path / "imported.duckdb", tmp_path / "jsonl"
    assert main(["build", "-q", "--personas", "4", "--conversations", "3", "--warehouse", str(wh)]) == 0
    assert main(["export", "--format", "jsonl", "--out", str(folder), "--warehouse", str(wh)]) == 0
    assert main(["import", "--format", "jsonl", str(folder), "--warehouse", str(imported)]) == 0
    before = imported.read_bytes()
    personas = folder / "personas.jsonl"
    lines = personas.read_bytes().splitlines(keepends=True)
    for broken, words in ((lines[2].replace(b'"', b'\xff"', 1), "line 3: field '(encoding)': expected UTF-8 text; "
                                                                 "got byte 0xFF at column 2"),
                          (b'{"x": "' + b"a" * (2 << 20) + b'"}\n', "line 3: field '(line)': expected a line of at "
                                                                    "most 1,048,576 bytes")):
        personas.write_bytes(b"".join([*lines[:2], broken, *lines[3:]]))
        capsys.readouterr()
        assert main(["import", "--format", "jsonl", str(folder), "--warehouse", str(imported)]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and f"{personas}, {words}" in err, err
    assert imported.read_bytes() == before

"""bench/gpu_check.py --smoke runs here on the CPU (tiny random Llama, no assets) and passes every check; a check fed
a broken run reports FAIL, and the verdict turns it into exit status 1."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import gpu_check  # noqa: E402

LINE = re.compile(r"^(PASS|FAIL) (\w+): (.*)$")


def check_lines(output: str) -> dict[str, tuple[str, str]]:
    """name -> (PASS or FAIL, detail) for each check line of the output."""
    return {m[2]: (m[1], m[3]) for m in map(LINE.match, output.splitlines()) if m}


def test_smoke_mode_passes_on_the_cpu():
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CUDA_VISIBLE_DEVICES": ""}
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "gpu_check.py"), "--smoke", "--device", "cpu"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    out = proc.stdout
    assert proc.returncode == 0, out + proc.stderr
    lines = out.strip().splitlines()
    assert lines[0].startswith("device cpu: CPU (no CUDA here: the check runs on the CPU)"), lines[0]
    checks = check_lines(out)
    assert list(checks) == ["train", "merge", "generate"], out
    assert all(status == "PASS" for status, _ in checks.values()), out
    assert "6 of 6 steps" in checks["train"][1] and "0 of" not in checks["train"][1]
    assert re.search(r"new tokens \[\d+, \d+, \d+, \d+\]", checks["generate"][1]), checks["generate"][1]
    assert lines[-1] == "OK"


def test_a_broken_run_is_reported_as_a_failure(tmp_path, capsys):
    device = torch.device("cpu")
    _, model, tok, examples, recipe = gpu_check.tiny_setup(tmp_path, device)
    frozen_lora = replace(recipe.train, lr=0.0)  # the LoRA weights cannot move: the train check must fail
    _, row, check = gpu_check.lora_run(model, tok.pad_token_id, examples, 4, "fp32", recipe, frozen_lora, device,
                                       "tiny")
    assert row["steps"] == 6 and row["lora_params_moved"] == 0
    assert not check.ok and check.line().startswith("FAIL train: ")
    checks: list[gpu_check.Check] = []
    gpu_check.report(check, checks)
    gpu_check.report(gpu_check.Check("merge", True, "fine"), checks)
    assert gpu_check.verdict(checks) == 1
    out = capsys.readouterr().out
    assert check_lines(out) == {"train": ("FAIL", check.detail), "merge": ("PASS", "fine")}
    assert out.strip().splitlines()[-1] == "FAILED: train"
    assert gpu_check.verdict([]) == 1  # no check ran: not a pass

"""Distributed LoRA fine-tuning through accelerate on the CPU: two processes joined by gloo train the tiny Llama to
the same adapter as one process with the same global batch, only the main process writes, and the run records
its effective batch and learning rate. Plus the launch settings' checks and the command line's flags."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
import torch
import yaml

from tide_core.cli import build_parser
from tide_core.errors import ConfigError
from tide_core.models.recipe import load_recipe
from tide_core.models.tiny_models import make_tiny_llama
from tide_core.models.train_data import load_pairs
from tide_core.models.train_distributed import LaunchSpec, launch_command, resolve_strategy, shard_bounds
from tide_core.models.train_lora import fine_tune_lora, read_marker

# The adapters of 1 and 2 processes differ by float32 sums taken in another order (each slice's shared prefix and
# padding, the reductions), which 4 AdamW steps at lr 1e-2 amplify where a gradient is small. Measured 2026-12-03
# on 2 CPU cores over builds of the small dataset: the largest single-weight difference 2.4e-06 to 1.6e-04 against
# weights that moved by up to 4.0e-02; the difference's norm is 1.3e-04 of the update's norm on the build that
# gave 1.6e-04. Tolerance: the difference's norm under 1e-3 of the update's. Adam is blind to a constant factor in
# the gradients, so test_slices_make_the_whole_batch_gradient checks the loss scaling itself, exactly.
ADAPTER_TOLERANCE = 1e-3

TINY_RECIPE = {
    "model_id": "tiny-llama", "display_name": "Tiny Llama", "family": "llama", "params_millions": 0.2,
    "weights": {"source": "local_dir"}, "chat_template": "plain", "system_prompt": "none",
    "lora": {"r": 4, "alpha": 8, "dropout": 0.0},
    # 7 examples per global batch: the two processes take 3 and 4, so uneven slices are covered.
    "train": {"max_steps": 4, "batch_size": 7, "eval_interval": 2, "subset_size": 28, "val_size": 10,
              "max_len": 160, "lr": 1e-2, "warmup_steps": 1, "precision": "fp32", "seed": 13},
    "decoding": {"max_new_tokens": 8},
}


@pytest.fixture(scope="module")
def setup(small_warehouse, tmp_path_factory):
    folder = tmp_path_factory.mktemp("dist")
    pairs = load_pairs(small_warehouse, "train")
    tiny = make_tiny_llama(folder / "tiny-llama", [p.message for p in pairs] + [p.reply for p in pairs])
    recipe_path = folder / "tiny-llama.yaml"
    data = {**TINY_RECIPE, "weights": {"source": "local_dir", "local_dir": str(tiny)}}
    recipe_path.write_text(yaml.safe_dump(data))
    return folder, tiny, load_recipe(recipe_path)


def _copy(small_warehouse, folder, name):
    target = folder / name
    shutil.copy(small_warehouse, target)
    return target


def _adapter(folder) -> dict[str, torch.Tensor]:
    from safetensors.torch import load_file

    return load_file(folder / "adapter_model.safetensors")


def test_two_gloo_processes_train_the_adapter_one_process_trains(setup, small_warehouse, monkeypatch):
    from tide_core.models.train_distributed import launch_fine_tune

    folder, tiny, recipe = setup
    monkeypatch.setenv("TIDE_ARTIFACTS", str(folder / "artifacts"))
    monkeypatch.setenv("TIDE_TORCH_THREADS", "1")
    torch.set_num_threads(1)
    one_wh, two_wh = _copy(small_warehouse, folder, "one.duckdb"), _copy(small_warehouse, folder, "two.duckdb")
    single = fine_tune_lora(recipe, one_wh, base_dir=tiny, adapter_dir=folder / "one")
    double = launch_fine_tune(recipe, two_wh, launch=LaunchSpec("accelerate", 2, "ddp", threads=1), base_dir=tiny,
                              adapter_dir=folder / "two")

    a, b, start = _adapter(folder / "one"), _adapter(folder / "two"), _initial_adapter(recipe, tiny)
    assert a.keys() == b.keys() and a
    diff = max(float((a[k] - b[k]).abs().max()) for k in a)
    moved = max(float((a[k] - start[k]).abs().max()) for k in a)
    rel = float(sum(((a[k] - b[k]) ** 2).sum() for k in a).sqrt() / sum(((a[k] - start[k]) ** 2).sum() for k in a).sqrt())
    print(f"largest adapter difference, 1 vs 2 processes: {diff:.3g} (weights moved up to {moved:.3g}); "
          f"relative to the update, in norm: {rel:.3g}")
    assert rel < ADAPTER_TOLERANCE and diff < 0.02 * moved
    assert (double.steps, double.tokens, double.reply_tokens) == (single.steps, single.tokens, single.reply_tokens)
    assert double.run_id == single.run_id and double.best_val_loss == pytest.approx(single.best_val_loss, abs=1e-5)

    marker = read_marker(folder / "two")
    assert marker["distributed"] == {"launcher": "accelerate", "strategy": "ddp", "num_processes": 2,
                                     "backend": "gloo", "global_batch": 7, "per_process_batch": 4, "lr": 1e-2}
    assert "distributed" not in read_marker(folder / "one")
    _assert_one_writer(two_wh, double.run_id, marker["distributed"])
    with duckdb.connect(str(one_wh), read_only=True) as con:  # the single-process run's row is as before
        (decoding,) = con.execute("SELECT decoding_json FROM runs WHERE run_id = ?", [single.run_id]).fetchone()
    assert "training" not in json.loads(decoding)


def _initial_adapter(recipe, tiny) -> dict[str, torch.Tensor]:
    """The adapter's weights before training (attach_lora draws them from the recipe's seed), keyed as saved."""
    from peft import get_peft_model_state_dict
    from transformers import AutoModelForCausalLM

    from tide_core.models.train_lora import attach_lora

    model = attach_lora(AutoModelForCausalLM.from_pretrained(tiny), recipe, recipe.train.seed)
    return {k: v.detach().clone() for k, v in get_peft_model_state_dict(model).items()}


def _assert_one_writer(warehouse, run_id, training):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        runs = con.execute("SELECT decoding_json, status FROM runs WHERE run_id = ?", [run_id]).fetchall()
        points = con.execute("SELECT split, step, count(*) FROM training_log WHERE run_id = ? GROUP BY ALL "
                             "ORDER BY split, step", [run_id]).fetchall()
    assert len(runs) == 1 and runs[0][1] == "finished"
    assert json.loads(runs[0][0])["training"] == training
    assert all(n == 1 for *_, n in points)  # one row per point: only the main process wrote
    assert [(s, t) for s, t, _ in points] == [("train", i) for i in range(1, 5)] + \
        [("validation", 0), ("validation", 2), ("validation", 4)]


def test_slices_make_the_whole_batch_gradient(setup, small_warehouse):
    """Two processes' scaled slice losses, their gradients averaged as DDP averages them, give the gradient of the
    whole batch's mean loss per reply token that one process computes (uneven slices: 3 and 4 examples)."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from tide_core.models.chat_format import prepare_tokenizer
    from tide_core.models.reply_loss import reply_loss
    from tide_core.models.train_data import collate, encode_pairs
    from tide_core.models.train_distributed import AcceleratePlan, ReplyLoss
    from tide_core.models.train_lora import attach_lora

    _, tiny, recipe = setup
    tokenizer = prepare_tokenizer(AutoTokenizer.from_pretrained(tiny), "plain")
    examples = encode_pairs(tokenizer, load_pairs(small_warehouse, "train", 7, seed=3), None, 160)
    model = attach_lora(AutoModelForCausalLM.from_pretrained(tiny), recipe, 13)
    with torch.no_grad():  # B starts at zero; give it values so every LoRA weight has a gradient
        for name, p in model.named_parameters():
            if "lora_B" in name:
                p.normal_(0, 0.1)
    cpu = torch.device("cpu")
    loss, n_global = reply_loss(model, collate(examples, 0), cpu)
    loss.backward()
    single = {k: p.grad.clone() for k, p in model.named_parameters() if p.requires_grad}
    model.zero_grad()
    plan = AcceleratePlan.__new__(AcceleratePlan)  # the plan's arithmetic, without processes
    plan.module, plan.world, plan._weight = ReplyLoss(model, cpu), 2, 1.0
    plan.total = lambda *values: (float(n_global),)
    for rank in (0, 1):
        plan.rank = rank
        scaled, n = plan.train_loss(model, collate(plan.shard(examples), 0), cpu)
        (scaled / 2).backward()  # DDP averages the two processes' gradients
        assert n == n_global
    for k, p in model.named_parameters():
        if p.requires_grad:
            torch.testing.assert_close(p.grad, single[k], rtol=1e-4, atol=1e-7)


def test_slices_cover_the_global_batch_once():
    for n in range(0, 12):
        for world in (1, 2, 3, 8):
            bounds = [shard_bounds(n, r, world) for r in range(world)]
            assert bounds[0][0] == 0 and bounds[-1][1] == n
            assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
            assert max(e - s for s, e in bounds) - min(e - s for s, e in bounds) <= 1


def test_launch_settings_are_checked_and_fsdp_is_picked_for_large_shapes(setup):
    _, _, recipe = setup
    with pytest.raises(ConfigError, match="expected one of"):
        LaunchSpec("torchrun", 2)
    with pytest.raises(ConfigError, match="needs launcher 'accelerate'"):
        LaunchSpec("none", 4)
    with pytest.raises(ConfigError, match=">= 1"):
        LaunchSpec("accelerate", 0)
    from tide_core.models.recipe import get_recipe

    assert resolve_strategy("auto", get_recipe("qwen2.5-3b")) == "fsdp"
    assert resolve_strategy("auto", get_recipe("phi3.5-mini")) == "fsdp"
    assert resolve_strategy("auto", get_recipe("qwen2.5-1.5b")) == "ddp"
    assert resolve_strategy("ddp", get_recipe("qwen2.5-3b")) == "ddp"
    cmd = launch_command(LaunchSpec("accelerate", 8, threads=2), recipe, Path("w.duckdb"), profile="full",
                         base_dir=Path("base"), adapter_dir=Path("adapter"), port=29555)
    assert cmd[1:4] == ["-m", "accelerate.commands.launch", "--multi_gpu"]
    assert cmd[cmd.index("--num_processes") + 1] == "8" and cmd[cmd.index("--strategy") + 1] == "ddp"
    assert cmd[cmd.index("--profile") + 1] == "full" and cmd[cmd.index("--threads") + 1] == "2"



def test_the_cli_takes_the_launcher_and_engine_flags(capsys):
    from tide_core.cli import main

    assert main(["models", "--num-processes", "4"]) == 2  # several processes need the accelerate launcher
    assert "needs launcher 'accelerate'" in capsys.readouterr().err
    args = build_parser().parse_args(["models", "--launcher", "accelerate", "--num-processes", "4",
                                      "--strategy", "fsdp", "--engine", "hf"])
    assert (args.launcher, args.num_processes, args.strategy, args.engine) == ("accelerate", 4, "fsdp", "hf")
    defaults = build_parser().parse_args(["models"])
    assert (defaults.launcher, defaults.num_processes, defaults.strategy, defaults.engine) == ("none", 1, "auto",
                                                                                                "auto")

"""The vLLM backend's adapter, on the CPU with a stand-in engine (vLLM itself needs CUDA): the stand-in has vLLM's
LLM / SamplingParams / LoRARequest signatures and decodes greedily with the tiny Llama in torch, so the backend
must hand it the very prompt HF generate answers and map its outputs to the same Generation. Then the rows it
writes through generate_responses (decoding settings recorded, resumable), the adapter served as a LoRARequest,
and the engine choice."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest
import torch

from tide_core.backends import vllm_backend
from tide_core.backends.protocol import SYSTEM_PROMPT, DecodingSettings
from tide_core.backends.torch_backend import TorchBackend
from tide_core.backends.vllm_backend import VllmApi, VllmBackend, lora_rank_slot, pick_engine, sampling_params
from tide_core.errors import ConfigError, TideError
from tide_core.models import catalog
from tide_core.models.generate import generate_responses, sample_conversations
from tide_core.models.recipe import parse_recipe
from tide_core.models.tiny_models import make_tiny_llama
from tide_core.models.train_data import load_pairs

SETTINGS = DecodingSettings(max_new_tokens=6, repetition_penalty=1.1)


class StandInSamplingParams(SimpleNamespace):
    """vllm.SamplingParams' keyword arguments, kept as attributes."""


class StandInLoRARequest:
    def __init__(self, lora_name: str, lora_int_id: int, lora_path: str):
        self.lora_name, self.lora_int_id, self.lora_path = lora_name, lora_int_id, lora_path


class StandInLLM:
    """vllm.LLM's constructor and generate(), decoding greedily with the model in `model` (torch, CPU)."""

    instances: list[StandInLLM] = []

    def __init__(self, model: str, **kwargs):
        from transformers import AutoModelForCausalLM

        self.kwargs, self.calls, self.fail_after = kwargs, [], None
        self.model = AutoModelForCausalLM.from_pretrained(model, local_files_only=True).eval()
        StandInLLM.instances.append(self)

    def generate(self, prompts, sampling_params, lora_request=None, use_tqdm=True):
        if lora_request is not None and not self.kwargs.get("enable_lora"):
            raise ValueError("LoRA is not enabled")  # what vLLM does
        if self.fail_after is not None and len(self.calls) >= self.fail_after:
            raise KeyboardInterrupt("simulated interruption")
        self.calls.append((prompts, sampling_params, lora_request))
        return [self._one(p["prompt_token_ids"], sampling_params) for p in prompts]

    def _one(self, ids: list[int], params) -> SimpleNamespace:
        from transformers import AutoTokenizer

        assert params.temperature == 0.0  # the stand-in only decodes greedily
        eos = params.stop_token_ids[0]
        with torch.inference_mode():
            out = self.model.generate(torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long),
                                      max_new_tokens=params.max_tokens, do_sample=False, eos_token_id=eos,
                                      pad_token_id=eos, repetition_penalty=params.repetition_penalty)
        new = out[0, len(ids):].tolist()
        new = new[: new.index(eos) + 1] if eos in new else new
        tokenizer = AutoTokenizer.from_pretrained(self.model.name_or_path)
        done = SimpleNamespace(text=tokenizer.decode(new, skip_special_tokens=True), token_ids=new,
                               finish_reason="stop" if eos in new else "length")
        return SimpleNamespace(prompt_token_ids=ids, outputs=[done])


API = VllmApi(StandInLLM, StandInSamplingParams, StandInLoRARequest)


@pytest.fixture(scope="module")
def tiny(small_warehouse, tmp_path_factory):
    pairs = load_pairs(small_warehouse, "train")
    return make_tiny_llama(tmp_path_factory.mktemp("tiny") / "tiny-llama", [p.message for p in pairs])


@pytest.fixture
def writable(small_warehouse, tmp_path):
    path = tmp_path / "tide.duckdb"
    shutil.copy(small_warehouse, path)
    return path


def _model_row():
    recipe = parse_recipe({"model_id": "tiny-llama", "display_name": "Tiny", "family": "llama",
                           "weights": {"source": "local_dir", "local_dir": "x"}}, "tiny-llama.yaml")
    return catalog.model_row(recipe, 0.2)


def test_the_backend_answers_what_hf_generate_answers(tiny, small_warehouse):
    hf = TorchBackend.from_folder("tiny-llama", tiny, chat_template="plain")
    engine = VllmBackend.from_folder("tiny-llama", tiny, chat_template="plain", api=API)
    messages = [p.message for p in load_pairs(small_warehouse, "test", 3, seed=2)]
    expected = [hf.generate(SYSTEM_PROMPT, m, SETTINGS) for m in messages]
    got = engine.generate_batch(SYSTEM_PROMPT, messages, SETTINGS)
    assert [(g.text, g.prompt_tokens, g.completion_tokens, g.stop_reason) for g in got] == \
        [(g.text, g.prompt_tokens, g.completion_tokens, g.stop_reason) for g in expected]
    assert all(g.latency_ms > 0 for g in got)
    llm = StandInLLM.instances[-1]
    assert llm.kwargs["dtype"] == "bfloat16" and llm.kwargs["enable_lora"] is False
    (_, params, lora), = llm.calls
    assert lora is None and params.stop_token_ids == [engine.tokenizer.eos_token_id]


def test_sampling_params_follow_the_decoding_settings():
    greedy = sampling_params(API, DecodingSettings(max_new_tokens=40, repetition_penalty=1.05, seed=3), [7])
    assert (greedy.temperature, greedy.top_p, greedy.max_tokens, greedy.repetition_penalty, greedy.seed,
            greedy.stop_token_ids) == (0.0, 1.0, 40, 1.05, 3, [7])
    sampled = sampling_params(API, DecodingSettings(temperature=0.7, top_p=0.9, seed=5), [2])
    assert (sampled.temperature, sampled.top_p, sampled.seed) == (0.7, 0.9, 5)


def test_replies_through_an_adapter_are_written_like_hf_runs_and_resume(tiny, writable, tmp_path):
    adapter = tmp_path / "adapter"
    backend = VllmBackend.from_folder("tiny-llama", tiny, adapter_dir=adapter, chat_template="plain",
                                      max_lora_rank=8, api=API)
    llm = StandInLLM.instances[-1]
    assert llm.kwargs["enable_lora"] is True and llm.kwargs["max_lora_rank"] == 8
    ids = sample_conversations(writable, "test", 10, seed=4)
    llm.fail_after = 1  # the second engine call is interrupted
    run = "tiny-llama-ft-vllm"
    with pytest.raises(KeyboardInterrupt):
        generate_responses(writable, backend, "fine_tuned", ids, SETTINGS, run, adapter_path=adapter, batch_size=4,
                           model_row=_model_row(), extra_decoding=backend.decoding_record())
    assert _status(writable, run) == ("failed", 4)
    llm.fail_after = None
    res = generate_responses(writable, backend, "fine_tuned", ids, SETTINGS, run, adapter_path=adapter,
                             batch_size=4, model_row=_model_row(), extra_decoding=backend.decoding_record())
    assert (res.written, res.skipped) == (6, 4) and _status(writable, run) == ("finished", 10)
    sent = [len(prompts) for prompts, _, _ in llm.calls]
    assert sent == [4, 4, 2]  # the rerun sent only the 6 unanswered prompts
    assert {lora.lora_path for _, _, lora in llm.calls} == {str(adapter)}
    with duckdb.connect(str(writable), read_only=True) as con:
        decoding, adapter_path, mode = con.execute("SELECT decoding_json, adapter_path, mode FROM runs "
                                                   "WHERE run_id = ?", [run]).fetchone()
        rows = con.execute("SELECT count(DISTINCT conversation_id), count(*), min(completion_tokens), "
                           "count(stop_reason) FROM responses WHERE run_id = ?", [run]).fetchone()
    recorded = json.loads(decoding)
    assert recorded["engine"] == "vllm" and recorded["lora"] == "vllm LoRARequest"
    assert (recorded["batch_size"], recorded["dtype"], recorded["max_new_tokens"]) == (4, "bfloat16", 6)
    assert (adapter_path, mode) == (str(adapter), "fine_tuned")
    assert rows[0] == rows[1] == rows[3] == 10 and rows[2] >= 1


def _status(path, run_id):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT status, (SELECT count(*) FROM responses WHERE run_id = ?) FROM runs "
                           "WHERE run_id = ?", [run_id, run_id]).fetchone()


def test_adapter_ranks_get_a_slot_vllm_accepts():
    assert [lora_rank_slot(r) for r in (2, 8, 12, 16, 17, 64)] == [8, 8, 16, 16, 32, 64]
    with pytest.raises(ConfigError, match="largest max_lora_rank"):
        lora_rank_slot(1024)


def test_the_engine_is_vllm_only_where_it_is_installed_on_cuda(monkeypatch):
    assert pick_engine("hf") == "hf"
    with pytest.raises(ConfigError, match="expected one of"):
        pick_engine("tensorrt")
    monkeypatch.setattr(vllm_backend, "vllm_installed", lambda: False)
    assert pick_engine("auto") == "hf"  # the CPU path and the fallback
    with pytest.raises(TideError, match="requirements-gpu.txt"):
        pick_engine("vllm")
    monkeypatch.setattr(vllm_backend, "vllm_installed", lambda: True)
    monkeypatch.setattr(vllm_backend, "cuda_present", lambda: False)
    assert pick_engine("auto") == "hf"
    monkeypatch.setattr(vllm_backend, "cuda_present", lambda: True)
    assert pick_engine("auto") == pick_engine("vllm") == "vllm"


@pytest.mark.skipif(vllm_backend.vllm_installed() and vllm_backend.cuda_present(), reason="a GPU machine benchmarks")
def test_the_benchmark_says_it_needs_a_gpu_and_exits_cleanly():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, str(root / "bench" / "bench_vllm.py")], capture_output=True, text=True,
                          timeout=120, cwd=root)
    assert done.returncode == 0, done.stderr
    assert "Nothing measured" in done.stdout and "CUDA" in done.stdout


def test_the_stage_trains_on_two_processes_and_serves_the_adapter_on_vllm(writable, tmp_path, monkeypatch):
    """The models stage with --launcher accelerate --num-processes 2 and the vllm engine (a stand-in engine):
    the adapter is trained by two gloo processes, zero-shot replies come from the base, fine-tuned replies from
    the base plus the adapter as a LoRARequest (not the merged folder), and the runs record all of it."""
    import yaml

    import tide_core.pipeline.models as stage
    from tide_core.models.train_distributed import LaunchSpec

    monkeypatch.setenv("TIDE_ARTIFACTS", str(tmp_path / "artifacts"))
    monkeypatch.setenv("TIDE_TORCH_THREADS", "1")
    pairs = load_pairs(writable, "train")
    tiny = make_tiny_llama(tmp_path / "tiny", [p.message for p in pairs] + [p.reply for p in pairs], vocab_size=400)
    (tmp_path / "recipes").mkdir()
    (tmp_path / "recipes" / "tiny-llama.yaml").write_text(yaml.safe_dump({
        "model_id": "tiny-llama", "display_name": "Tiny", "family": "llama", "chat_template": "plain",
        "system_prompt": "none", "lora": {"r": 2, "alpha": 4}, "decoding": {"max_new_tokens": 4},
        "weights": {"source": "local_dir", "local_dir": str(tiny)},
        "train": {"max_steps": 2, "batch_size": 4, "eval_interval": 2, "subset_size": 16, "val_size": 4,
                  "max_len": 128, "precision": "fp32"}}))
    monkeypatch.setattr(stage, "pick_engine", lambda requested: "vllm")
    loaded, original = [], VllmBackend.from_folder

    def from_folder(model_id, model_dir, **kw):
        loaded.append((Path(model_dir), kw.get("adapter_dir"), kw.get("max_lora_rank")))
        return original(model_id, model_dir, api=API, **kw)

    monkeypatch.setattr(stage.VllmBackend, "from_folder", staticmethod(from_folder))
    profile = stage.StageProfile("test", 4, 1, 2, ("tiny-llama",), (), None, None)
    result = stage.models_step(writable, profile, recipes_dir=tmp_path / "recipes",
                               launch=LaunchSpec("accelerate", 2, "ddp", threads=1), engine="vllm")
    adapter = tmp_path / "artifacts" / "adapters" / "tiny-llama"
    assert loaded == [(tiny, None, 8), (tiny, adapter, 8)]  # base for both; the adapter served, not merged
    assert str(StandInLLM.instances[-1].calls[0][2].lora_path) == str(adapter)
    with duckdb.connect(str(writable), read_only=True) as con:
        runs = dict(con.execute("SELECT mode || ':' || split, decoding_json FROM runs").fetchall())
        n = con.execute("SELECT count(*) FROM responses").fetchone()[0]
    assert json.loads(runs["zero_shot:test"])["engine"] == "vllm" and n == 8
    assert json.loads(runs["fine_tuned:test"])["lora"] == "vllm LoRARequest"
    assert json.loads(runs["fine_tuned:train"])["training"]["num_processes"] == 2
    assert len(result.run_ids) == 2

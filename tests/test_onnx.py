"""ONNX export (onnxruntime-genai's builder) and the torch-free generator (onnxruntime-genai), on a tiny random Llama
that uses SmolLM2's real tokenizer and chat template (seconds to export), compared token for token with
transformers' generate (the fp32 export's greedy parity check)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tide_core.backends.onnx_backend import ContextLengthError, OnnxGenerator, OnnxModelError
from tide_core.backends.protocol import SYSTEM_PROMPT, DecodingSettings
from tide_core.models.onnx_export import OnnxExportError, export_onnx
from tide_core.models.weights import DEFAULT_CACHE

ROOT = Path(__file__).resolve().parent.parent
SMOLLM2 = DEFAULT_CACHE / "smollm2-135m-instruct"
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "chat_template.jinja")
CONTEXT = 512
PROMPTS = ["I can't sleep since the fire.", "My hands shake whenever I drive past that junction.",
           "Why do I feel numb when everyone else is fine?"]
GREEDY = DecodingSettings(max_new_tokens=24)

@pytest.fixture(scope="module", autouse=True)
def smollm2_tokenizer():
    """SmolLM2's tokenizer and chat template come from the materialised package weights (made once, ~40 s)."""
    from tide_core.models.weights import materialize_smollm2

    return materialize_smollm2()


def make_tiny_llama(folder: Path) -> Path:
    """A 2-layer random Llama with SmolLM2's vocabulary; a large init spread so greedy output is not one token."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=49152, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=CONTEXT,
                         tie_word_embeddings=True, initializer_range=0.5, bos_token_id=1, eos_token_id=2,
                         pad_token_id=2)
    LlamaForCausalLM(config).save_pretrained(folder)
    for name in TOKENIZER_FILES:
        shutil.copy2(SMOLLM2 / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    return make_tiny_llama(tmp_path_factory.mktemp("tiny") / "tiny-llama")


@pytest.fixture(scope="module")
def onnx_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("onnx")


@pytest.fixture(scope="module")
def exported(tiny_model, onnx_root) -> Path:
    return export_onnx(tiny_model, onnx_root, precision="fp32")


@pytest.fixture(scope="module")
def generator(exported) -> OnnxGenerator:
    return OnnxGenerator(exported)


@pytest.fixture(scope="module")
def torch_model(tiny_model):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    return AutoModelForCausalLM.from_pretrained(tiny_model).eval(), AutoTokenizer.from_pretrained(tiny_model)


def torch_greedy(torch_model, prompt_ids: list[int], stop_ids, max_new_tokens: int,
                 repetition_penalty: float = 1.0) -> list[int]:
    """transformers' own greedy generate, with the stop token (if any) removed from the end."""
    import torch

    model, _ = torch_model
    ids = torch.tensor([prompt_ids])
    with torch.no_grad():
        out = model.generate(ids, attention_mask=torch.ones_like(ids), max_new_tokens=max_new_tokens, do_sample=False,
                             eos_token_id=sorted(stop_ids), pad_token_id=2, repetition_penalty=repetition_penalty)
    tokens = out[0, len(prompt_ids):].tolist()
    return tokens[:-1] if tokens and tokens[-1] in stop_ids else tokens


# --- export ------------------------------------------------------------------------------------------------------
def test_export_writes_model_tokenizer_and_manifest(exported, tiny_model, onnx_root):
    manifest = json.loads((exported / "manifest.json").read_text())
    genai = json.loads((exported / "genai_config.json").read_text())
    assert exported == onnx_root / "tiny-llama"
    assert {"model.onnx", "genai_config.json", "tokenizer.json", "chat_template.jinja", "manifest.json"} <= {
        p.name for p in exported.iterdir()}
    assert manifest["model_id"] == "tiny-llama" and manifest["source"] == str(tiny_model.resolve())
    assert manifest["precision"] == "fp32" and manifest["builder"].startswith("onnxruntime-genai ")
    assert 2 in manifest["eos_token_ids"]  # <|im_end|>, SmolLM2's end of turn
    assert sorted(genai["model"]["eos_token_id"]) == manifest["eos_token_ids"]  # the runtime stops on the same ids
    assert (exported / "chat_template.jinja").read_text() == (tiny_model / "chat_template.jinja").read_text()
    assert manifest["context_length"] == CONTEXT and manifest["exported_at"] and manifest["export_seconds"] > 0
    assert [p.name for p in onnx_root.iterdir()] == ["tiny-llama"]  # no temporary folders left behind


def test_a_failed_export_leaves_the_previous_one_untouched(exported, tiny_model, tmp_path, onnx_root):
    broken = tmp_path / "tiny-llama"
    shutil.copytree(tiny_model, broken)
    (broken / "model.safetensors").write_bytes(b"not weights")
    before = (exported / "manifest.json").read_text()
    with pytest.raises(OnnxExportError, match="did not export: the onnxruntime-genai builder failed"):
        export_onnx(broken, onnx_root)
    assert (exported / "manifest.json").read_text() == before
    assert [p.name for p in onnx_root.iterdir()] == ["tiny-llama"]


def test_a_folder_without_config_is_refused_with_the_expected_layout(tmp_path):
    with pytest.raises(OnnxExportError, match="no config.json: expected a Hugging Face model folder"):
        export_onnx(tmp_path, tmp_path / "out")


def test_an_unknown_precision_is_refused(tiny_model, tmp_path):
    with pytest.raises(OnnxExportError, match=r"unknown precision 'q4'; expected one of \['int4', 'fp32'\]"):
        export_onnx(tiny_model, tmp_path, precision="q4")


# --- generation ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("penalty", [1.0, 1.1])
def test_greedy_tokens_equal_torch_generate(generator, torch_model, penalty):
    settings = DecodingSettings(max_new_tokens=24, repetition_penalty=penalty)
    for prompt in PROMPTS:
        reply = generator.generate(SYSTEM_PROMPT, prompt, settings)
        ids = generator.encode_prompt(SYSTEM_PROMPT, prompt)
        expected = torch_greedy(torch_model, ids, generator.stop_token_ids, 24, penalty)
        assert reply.extra["token_ids"] == expected
        assert len(set(expected)) > 5  # a meaningful comparison, not one repeated token


def test_each_system_prompt_is_appended_once_and_replies_do_not_change(exported):
    plain = OnnxGenerator(exported, prefix_cache=False)
    cached = OnnxGenerator(exported)
    crisis = SYSTEM_PROMPT + "\n\nAsk directly about safety."
    cached.warm([SYSTEM_PROMPT, crisis], GREEDY)
    assert [len(s.prefix) for s in cached._slots] == [len(cached.system_prefix(s)) for s in (SYSTEM_PROMPT, crisis)]
    assert all(s.generator.token_count() == len(s.prefix) for s in cached._slots)
    for system in (SYSTEM_PROMPT, crisis, SYSTEM_PROMPT):
        for prompt in PROMPTS:
            reply = cached.generate(system, prompt, GREEDY)
            assert reply.extra["token_ids"] == plain.generate(system, prompt, GREEDY).extra["token_ids"]
            # rewound to its system prompt after the reply, ready for the next one
            assert all(s.generator.token_count() == len(s.prefix) for s in cached._slots)
    assert len(cached._slots) == 2 and not plain._slots


def test_an_abandoned_stream_rewinds_to_the_system_prompt(exported):
    cached = OnnxGenerator(exported)
    expected = cached.generate(SYSTEM_PROMPT, PROMPTS[0], GREEDY).text
    stream = cached.stream(SYSTEM_PROMPT, PROMPTS[1], GREEDY)
    next(stream)
    stream.close()  # the page reran mid-reply
    (slot,) = cached._slots
    assert slot.generator.token_count() == len(slot.prefix)
    assert cached.generate(SYSTEM_PROMPT, PROMPTS[0], GREEDY).text == expected


def test_prompt_matches_transformers_chat_template(generator, torch_model):
    _, tokenizer = torch_model
    for prompt in PROMPTS:
        messages = [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": prompt}]
        text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        assert generator.render_prompt(SYSTEM_PROMPT, prompt) == text
        assert generator.encode_prompt(SYSTEM_PROMPT, prompt) == tokenizer(text, add_special_tokens=False).input_ids


def test_stream_pieces_join_to_the_generated_text(generator):
    reply = generator.generate(SYSTEM_PROMPT, PROMPTS[0], GREEDY)
    pieces = list(generator.stream(SYSTEM_PROMPT, PROMPTS[0], GREEDY))
    assert len(pieces) > 5 and "".join(pieces) == reply.text
    assert generator.last_reply_tokens == reply.completion_tokens


def test_generation_stops_at_an_end_of_turn_token(exported):
    generator = OnnxGenerator(exported)
    tokens = generator.generate(SYSTEM_PROMPT, PROMPTS[1], GREEDY).extra["token_ids"]
    generator.stop_token_ids = {tokens[5]} - set(tokens[:5])  # pretend the 6th token ends the turn
    reply = generator.generate(SYSTEM_PROMPT, PROMPTS[1], GREEDY)
    assert reply.extra["token_ids"] == tokens[:5] and reply.stop_reason == "end_turn"
    assert "".join(generator.stream(SYSTEM_PROMPT, PROMPTS[1], GREEDY)) == reply.text


def test_max_new_tokens_is_respected(generator):
    reply = generator.generate(SYSTEM_PROMPT, PROMPTS[0], DecodingSettings(max_new_tokens=7))
    assert reply.completion_tokens == 7 and reply.stop_reason == "max_tokens"
    assert reply.extra["ttft_ms"] > 0 and reply.latency_ms >= reply.extra["ttft_ms"]
    assert len(list(generator.stream(SYSTEM_PROMPT, PROMPTS[0], DecodingSettings(max_new_tokens=7)))) <= 7


def test_sampling_is_seeded(generator):
    def sample(seed, top_p=1.0):
        settings = DecodingSettings(max_new_tokens=12, temperature=1.0, top_p=top_p, seed=seed)
        return generator.generate(SYSTEM_PROMPT, PROMPTS[2], settings).extra["token_ids"]

    assert sample(1) == sample(1)
    assert sample(1) != sample(2)
    greedy = generator.generate(SYSTEM_PROMPT, PROMPTS[2], DecodingSettings(max_new_tokens=12)).extra["token_ids"]
    assert sample(3, top_p=1e-9) == greedy  # only the most likely token survives


def test_a_prompt_longer_than_the_context_is_a_clear_error(generator):
    with pytest.raises(ContextLengthError, match=r"the prompt is \d+ tokens; tiny-llama takes 1 to 511 tokens"):
        generator.generate(SYSTEM_PROMPT, "I remember everything. " * 200, GREEDY)


def test_generation_stops_at_the_end_of_the_context(generator):
    message = "word " * 470
    prompt_len = len(generator.encode_prompt("", message))
    assert CONTEXT - 30 < prompt_len < CONTEXT - 5  # the test is about the last few positions
    reply = generator.generate("", message, DecodingSettings(max_new_tokens=64))
    assert reply.completion_tokens == CONTEXT - prompt_len and reply.stop_reason == "context_length"


def test_streaming_keeps_multibyte_characters_and_spaces_whole(generator):
    text = "Café naïve — I felt 😟 then 🙂 ok.  Two  spaces, 日本語."
    ids = generator.encode(text)
    decoder = generator.tokenizer.create_stream()
    pieces = [decoder.decode(i) for i in ids]
    assert "".join(pieces) == text
    assert not any("\ufffd" in piece for piece in pieces)
    assert len(ids) > len([p for p in pieces if p])  # some tokens were partial characters, held back


def test_the_int4_export_generates(tiny_model, tmp_path):
    folder = export_onnx(tiny_model, tmp_path, name="tiny-int4")
    quantized = OnnxGenerator(folder, variant="int4")
    reply = quantized.generate(SYSTEM_PROMPT, PROMPTS[0], GREEDY)
    assert quantized.model_id == "tiny-int4-int4" and reply.completion_tokens > 0
    assert json.loads((folder / "manifest.json").read_text())["precision"] == "int4"


def test_bad_folders_variants_and_old_exports_are_refused(exported, tmp_path):
    with pytest.raises(OnnxModelError, match="has no manifest.json"):
        OnnxGenerator(tmp_path)
    with pytest.raises(OnnxModelError, match=r"holds a fp32 model, not 'int4'"):
        OnnxGenerator(exported, variant="int4")
    (tmp_path / "manifest.json").write_text(json.dumps({"format": "tide-onnx-1", "files": {"q4": "model.q4.onnx"}}))
    with pytest.raises(OnnxModelError, match="format 'tide-onnx-1'; expected 'tide-onnx-genai-1' \\(re-export"):
        OnnxGenerator(tmp_path)


def test_the_generator_runs_without_torch_or_transformers(exported):
    code = (
        "import sys\n"
        "from tide_core.backends.onnx_backend import OnnxGenerator\n"
        "from tide_core.backends.protocol import DecodingSettings\n"
        f"reply = OnnxGenerator({str(exported)!r}).generate('', 'hello', DecodingSettings(max_new_tokens=3))\n"
        "assert reply.completion_tokens > 0\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers'))\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    assert "HEAVY []" in out.stdout


# --- the main job's serving step -----------------------------------------------------------------------------------
def test_the_serving_step_exports_both_models_once_and_measures_them_warm(tiny_model, tmp_path, monkeypatch):
    from tide_core.pipeline.onnx import onnx_step

    monkeypatch.setenv("TIDE_ARTIFACTS", str(tmp_path))
    merged = tmp_path / "models" / "smollm2-135m-ft-merged"
    shutil.copytree(tiny_model, merged)
    marker = {"fingerprint": "first", "base_dir": str(tiny_model)}
    (merged / "tide_merge.json").write_text(json.dumps(marker))
    first = onnx_step("smollm2-135m")
    assert first.folder == tmp_path / "onnx" / "smollm2-135m-ft-merged" and not first.reused
    assert first.base_folder == tmp_path / "onnx" / "tiny-llama" and first.base_export_seconds > 0
    assert first.variant == "int4" and first.reply.strip() and 0 < first.ttft_ms < first.ready_seconds * 1000
    assert first.tokens_per_s > 0 and "first token" in first.summary()
    again = onnx_step("smollm2-135m")  # a rerun reuses both exports
    assert again.reused and again.export_seconds == 0 and again.base_export_seconds == 0
    (merged / "tide_merge.json").write_text(json.dumps({**marker, "fingerprint": "retrained"}))
    retrained = onnx_step("smollm2-135m")  # a new fine-tune re-exports that model only
    assert not retrained.reused and retrained.export_seconds > 0 and retrained.base_export_seconds == 0


# --- command line --------------------------------------------------------------------------------------------------
def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "training/export_onnx.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_cli_help_documents_the_options():
    out = run_cli("--help")
    assert out.returncode == 0
    for option in ("--name", "--out", "--precision", "--chat-template", "model_dir"):
        assert option in out.stdout


def test_cli_bad_folder_prints_one_line_and_exits_2(tmp_path):
    out = run_cli(str(tmp_path / "missing"), "--out", str(tmp_path))
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "no config.json" in out.stderr


def test_cli_missing_chat_template_file_is_refused(tiny_model, tmp_path):
    out = run_cli(str(tiny_model), "--out", str(tmp_path), "--chat-template", str(tmp_path / "none.jinja"))
    assert out.returncode == 2 and "--chat-template" in out.stderr and "expected a jinja file" in out.stderr
    assert list(tmp_path.iterdir()) == []


# --- the real model (about a minute here, so only on request) -------------------------------------------------------
@pytest.mark.skipif(os.environ.get("TIDE_SLOW_TESTS") != "1", reason="real SmolLM2 export: set TIDE_SLOW_TESTS=1")
def test_real_smollm2_fp32_export_gives_torch_identical_greedy_replies(tmp_path):
    from transformers import AutoModelForCausalLM

    folder = export_onnx(SMOLLM2, tmp_path, precision="fp32")
    generator = OnnxGenerator(folder)
    model = AutoModelForCausalLM.from_pretrained(SMOLLM2).eval()
    for prompt in PROMPTS[:2]:
        reply = generator.generate(SYSTEM_PROMPT, prompt, DecodingSettings(max_new_tokens=32))
        ids = generator.encode_prompt(SYSTEM_PROMPT, prompt)
        assert reply.extra["token_ids"] == torch_greedy((model, None), ids, generator.stop_token_ids, 32)
        assert len(reply.text.split()) > 5

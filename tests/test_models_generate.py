"""Generation into the warehouse with TorchBackend on a tiny model: rows and token counts, a seeded sample,
resuming after an interruption without duplicates, streaming; one test on the real SmolLM2."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from tide_core.backends.protocol import SYSTEM_PROMPT, DecodingSettings
from tide_core.backends.torch_backend import TorchBackend
from tide_core.models import catalog
from tide_core.models.generate import generate_responses, sample_conversations
from tide_core.models.recipe import get_recipe, parse_recipe
from tide_core.models.tiny_models import make_tiny_llama
from tide_core.models.train_data import load_pairs

SETTINGS = DecodingSettings(max_new_tokens=6)


@pytest.fixture
def writable(small_warehouse, tmp_path):
    """A writable copy of the session's small warehouse (a copy is faster than a rebuild)."""
    path = tmp_path / "tide.duckdb"
    shutil.copy(small_warehouse, path)
    return path


@pytest.fixture(scope="module")
def backend(small_warehouse, tmp_path_factory):
    pairs = load_pairs(small_warehouse, "train")
    folder = make_tiny_llama(tmp_path_factory.mktemp("tiny") / "tiny-llama", [p.message for p in pairs])
    return TorchBackend.from_folder("tiny-llama", folder, chat_template="plain")


@pytest.fixture(scope="module")
def model_row(backend):
    recipe = parse_recipe({"model_id": "tiny-llama", "display_name": "Tiny", "family": "llama",
                           "weights": {"source": "local_dir", "local_dir": "x"}}, "tiny-llama.yaml")
    return catalog.model_row(recipe, backend.n_params() / 1e6)


class Interrupting:
    """Delegates to a backend, then raises once it has produced `limit` replies (a crash mid-run)."""

    def __init__(self, inner, limit: int):
        self.inner, self.limit, self.done, self.model_id, self.supports_batch = inner, limit, 0, inner.model_id, True

    def generate_batch(self, system, messages, settings):
        if self.done >= self.limit:
            raise KeyboardInterrupt("simulated interruption")
        self.done += len(messages)
        return self.inner.generate_batch(system, messages, settings)


def _rows(path, run_id):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT conversation_id, response_text, latency_ms, prompt_tokens, completion_tokens "
                           "FROM responses WHERE run_id = ? ORDER BY conversation_id", [run_id]).fetchall()


def _status(path, run_id):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT status, finished_at IS NOT NULL, system_prompt, decoding_json FROM runs "
                           "WHERE run_id = ?", [run_id]).fetchall()[0]


def test_sample_is_seeded_and_from_the_test_split(small_warehouse):
    ids = sample_conversations(small_warehouse, "test", 8, seed=3)
    test_ids = {p.conversation_id for p in load_pairs(small_warehouse, "test")}
    assert len(ids) == 8 == len(set(ids)) and set(ids) <= test_ids
    assert ids == sample_conversations(small_warehouse, "test", 8, seed=3)
    assert ids != sample_conversations(small_warehouse, "test", 8, seed=4)



def test_per_scenario_sample_covers_every_scenario(small_warehouse):
    with duckdb.connect(str(small_warehouse), read_only=True) as con:
        test = dict(con.execute("SELECT conversation_id, scenario_id FROM conversations JOIN splits USING (persona_id) "
                                "WHERE split = 'test'").fetchall())
    ids = sample_conversations(small_warehouse, "test", seed=3, per_scenario=2)
    assert ids == sample_conversations(small_warehouse, "test", seed=3, per_scenario=2) and len(set(ids)) == len(ids)
    per = {sc: sum(test[c] == sc for c in ids) for sc in set(test.values())}
    available = {sc: sum(v == sc for v in test.values()) for sc in per}
    assert all(per[sc] == min(2, available[sc]) for sc in per)


def test_each_reply_records_why_it_ended(writable, backend, model_row):
    ids = sample_conversations(writable, "test", 4)
    result = generate_responses(writable, backend, "zero_shot", ids, SETTINGS, "tiny-stop", batch_size=4,
                                model_row=model_row)
    with duckdb.connect(str(writable), read_only=True) as con:
        reasons = [r[0] for r in con.execute("SELECT stop_reason FROM responses WHERE run_id = 'tiny-stop'").fetchall()]
    assert set(reasons) <= {"end_turn", "max_tokens"} and len(reasons) == 4
    assert result.truncated == reasons.count("max_tokens")

def test_rows_hold_text_latency_and_token_counts(writable, backend, model_row):
    ids = sample_conversations(writable, "test", 5)
    result = generate_responses(writable, backend, "zero_shot", ids, SETTINGS, "tiny-zs", batch_size=2,
                                model_row=model_row)
    rows = _rows(writable, "tiny-zs")
    assert (result.written, result.skipped) == (5, 0) and [r[0] for r in rows] == ids
    assert all(r[2] > 0 and 0 < r[4] <= 6 for r in rows)
    status, finished, system, decoding = _status(writable, "tiny-zs")
    assert (status, finished, system) == ("finished", True, SYSTEM_PROMPT) and '"batch_size": 2' in decoding
    # prompt_tokens counts the prompt without the left padding of its batch
    messages = dict((p.conversation_id, p.message) for p in load_pairs(writable, "test"))
    single = backend.generate(SYSTEM_PROMPT, messages[ids[0]], SETTINGS)
    assert rows[0][3] == single.prompt_tokens


def test_interrupted_run_resumes_to_exactly_one_row_each(writable, backend, model_row):
    ids = sample_conversations(writable, "test", 7)
    with pytest.raises(KeyboardInterrupt):
        generate_responses(writable, Interrupting(backend, 4), "zero_shot", ids, SETTINGS, "tiny-resume",
                           batch_size=2, model_row=model_row)
    assert len(_rows(writable, "tiny-resume")) == 4
    assert _status(writable, "tiny-resume")[:2] == ("failed", False)
    again = generate_responses(writable, backend, "zero_shot", ids, SETTINGS, "tiny-resume", batch_size=2)
    assert (again.written, again.skipped) == (3, 4)
    assert [r[0] for r in _rows(writable, "tiny-resume")] == ids
    assert _status(writable, "tiny-resume")[:2] == ("finished", True)
    third = generate_responses(writable, backend, "zero_shot", ids, SETTINGS, "tiny-resume", batch_size=2)
    assert third.written == 0 and len(_rows(writable, "tiny-resume")) == 7


def test_unknown_model_or_conversation_is_refused(writable, backend, model_row):
    from tide_core.errors import TideError

    with pytest.raises(TideError, match="not in the models table"):
        generate_responses(writable, backend, "zero_shot", ["P0001-C01"], SETTINGS, "r1")
    with pytest.raises(TideError, match="conversation ids not in the warehouse"):
        generate_responses(writable, backend, "zero_shot", ["nope"], SETTINGS, "r2", model_row=model_row)
    with pytest.raises(TideError, match="run mode 'chat'"):
        generate_responses(writable, backend, "chat", ["P0001-C01"], SETTINGS, "r3", model_row=model_row)


def test_reply_is_cut_at_the_end_of_turn(backend):
    import torch

    eos, pad = backend.tokenizer.eos_token_id, backend.tokenizer.pad_token_id
    words = backend.tokenizer("thank you", add_special_tokens=False)["input_ids"]
    ended = backend._reply(torch.tensor(words + [eos, pad, pad]), 10, 5.0)
    assert (ended.text, ended.completion_tokens, ended.stop_reason) == ("thank you", len(words) + 1, "end_turn")
    assert backend._reply(torch.tensor(words), 10, 5.0).stop_reason == "max_tokens"


def test_stream_gives_the_same_text_as_generate(backend):
    whole = backend.generate(None, "I keep hearing the alarm.", SETTINGS).text
    assert "".join(backend.stream(None, "I keep hearing the alarm.", SETTINGS)).strip() == whole


def test_smollm2_replies_in_english_and_batches_like_single():
    import torch

    from tide_core.models.device import configure_threads
    from tide_core.models.resolve_weights import resolve_weights

    threads = torch.get_num_threads()
    configure_threads()  # one thread on a busy machine: two contending threads made this test take minutes
    try:
        _check_smollm2(get_recipe("smollm2-135m"), resolve_weights)
    finally:
        torch.set_num_threads(threads)


def _check_smollm2(recipe, resolve_weights):
    real = TorchBackend.from_folder(recipe.model_id, resolve_weights(recipe))
    settings = DecodingSettings(max_new_tokens=20, repetition_penalty=1.1)
    messages = ["Since the fire I can't stop checking the stove at night.", "I feel numb."]
    batch = real.generate_batch(SYSTEM_PROMPT, messages, settings)
    single = real.generate(SYSTEM_PROMPT, messages[0], settings)
    assert batch[0].text == single.text and batch[0].prompt_tokens == single.prompt_tokens
    assert len(single.text.split()) >= 5 and any(w in single.text.lower() for w in ("you", "i ", "it"))


def test_thread_count_follows_the_environment(monkeypatch):
    import torch

    from tide_core.models.device import configure_threads

    before = torch.get_num_threads()
    monkeypatch.setenv("TIDE_TORCH_THREADS", "1")
    try:
        assert configure_threads() == 1 == torch.get_num_threads()
        assert configure_threads(2) == 2 == torch.get_num_threads()
    finally:
        torch.set_num_threads(before)


def test_a_warehouse_built_before_stop_reason_is_upgraded_not_refused(writable, backend, model_row):
    with duckdb.connect(str(writable)) as con:
        con.execute("ALTER TABLE responses DROP COLUMN stop_reason")
        con.execute("ALTER TABLE training_log DROP COLUMN seconds")
    generate_responses(writable, backend, "zero_shot", sample_conversations(writable, "test", 2), SETTINGS, "tiny-old",
                       batch_size=2, model_row=model_row)
    with duckdb.connect(str(writable), read_only=True) as con:
        columns = {(t, c) for t, c in con.execute("SELECT table_name, column_name FROM duckdb_columns()").fetchall()}
        assert con.execute("SELECT count(stop_reason) FROM responses WHERE run_id = 'tiny-old'").fetchall() == [(2,)]
    assert {("responses", "stop_reason"), ("training_log", "seconds"), ("training_log", "reply_tokens")} <= columns

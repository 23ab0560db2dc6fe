"""The Claude backend against a local fake of the Messages API (tests/fake_anthropic.py), with the real SDK."""

from __future__ import annotations

import logging
import time
import traceback

import pytest

from tests.fake_anthropic import FakeAnthropic
from tide_core.backends.claude import (
    DEFAULT_MODEL,
    ClaudeBackend,
    ClaudeBudgetError,
    ClaudeConfig,
    ClaudeError,
    ClaudeIncompleteError,
    ClaudeResponseError,
    ClaudeUnavailableError,
    claude_backend_or_reason,
    generate_reference_replies,
)
from tide_core.backends.protocol import SYSTEM_PROMPT, DecodingSettings

FAKE_KEY = "sk-ant-FAKEKEY-4f9c2d7e1b"
SETTINGS = DecodingSettings(max_new_tokens=64)
MESSAGE = "I keep jumping at loud noises since the accident."


@pytest.fixture
def fake():
    with FakeAnthropic() as server:
        yield server


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for name in ("ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "TIDE_CLAUDE_MODEL"):
        monkeypatch.delenv(name, raising=False)


def sent_key(request) -> str | None:
    """The key a request carried: this SDK version sends `authorization: Bearer`, older ones `x-api-key`."""
    bearer = request.headers.get("authorization", "")
    return request.headers.get("x-api-key") or (bearer[len("Bearer "):] if bearer.startswith("Bearer ") else None)


def backend_for(fake: FakeAnthropic, **overrides) -> ClaudeBackend:
    config = ClaudeConfig(**{"base_url": fake.url, "timeout_s": 2.0, "max_retries": 2, **overrides})
    return ClaudeBackend(FAKE_KEY, config)


def test_generate_sends_key_model_and_settings_and_returns_reply(fake):
    reply = backend_for(fake).generate(SYSTEM_PROMPT, MESSAGE, SETTINGS)
    assert reply.text == fake.reply_text
    assert reply.stop_reason == "end_turn" and reply.extra["incomplete"] is False
    assert reply.prompt_tokens == 42 and reply.completion_tokens > 0 and reply.latency_ms > 0
    (request,) = fake.requests
    assert sent_key(request) == FAKE_KEY
    assert request.body["model"] == DEFAULT_MODEL
    assert request.body["max_tokens"] == 64 and request.body["temperature"] == 0.0
    assert request.body["system"] == SYSTEM_PROMPT
    assert request.body["messages"] == [{"role": "user", "content": MESSAGE}]
    assert "top_p" not in request.body  # only sent when narrowed


def test_stream_yields_pieces_that_join_to_the_reply(fake):
    pieces = list(backend_for(fake).stream(SYSTEM_PROMPT, MESSAGE, SETTINGS))
    assert len(pieces) > 3
    assert "".join(pieces) == fake.reply_text
    assert fake.requests[0].body["stream"] is True


def test_model_and_base_url_come_from_the_environment(fake, monkeypatch):
    monkeypatch.setenv("TIDE_CLAUDE_MODEL", "claude-test-model")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.url)
    monkeypatch.setenv("ANTHROPIC_API_KEY", FAKE_KEY)
    backend, why_not = claude_backend_or_reason(max_retries=0)
    assert why_not is None and backend.model_id == "claude-test-model"
    backend.generate(SYSTEM_PROMPT, MESSAGE, SETTINGS)
    assert fake.requests[0].body["model"] == "claude-test-model"


def test_an_explicit_key_wins_over_the_environment(fake, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-from-env")
    backend, _ = claude_backend_or_reason(api_key=FAKE_KEY, base_url=fake.url)
    backend.generate(SYSTEM_PROMPT, MESSAGE, SETTINGS)
    assert sent_key(fake.requests[0]) == FAKE_KEY


@pytest.mark.parametrize("key", [None, "", "   "])
def test_without_a_key_callers_get_the_reason(key):
    backend, why_not = claude_backend_or_reason(api_key=key)
    assert backend is None
    assert "ANTHROPIC_API_KEY" in why_not and "Streamlit secrets" in why_not


def test_429_waits_for_retry_after_then_succeeds(fake):
    fake.script("rate_limit")
    started = time.perf_counter()
    reply = backend_for(fake).generate(SYSTEM_PROMPT, MESSAGE, SETTINGS)
    elapsed = time.perf_counter() - started
    assert reply.text == fake.reply_text and len(fake.requests) == 2
    assert elapsed >= 0.9  # retry-after: 1 honoured (the SDK's own first backoff would be <= 0.5 s)


def test_500_is_retried_then_succeeds(fake):
    fake.script("server_error", "server_error")
    reply = backend_for(fake).generate(SYSTEM_PROMPT, MESSAGE, SETTINGS)
    assert reply.text == fake.reply_text and len(fake.requests) == 3
    assert [r.headers["x-stainless-retry-count"] for r in fake.requests] == ["0", "1", "2"]


def test_persistent_500_gives_a_clear_error_after_the_retries(fake):
    fake.script(*["server_error"] * 10)
    with pytest.raises(ClaudeUnavailableError, match=r"HTTP 500.*after 3 attempts"):
        backend_for(fake).generate(SYSTEM_PROMPT, MESSAGE, SETTINGS)
    assert len(fake.requests) == 3


def test_a_stall_longer_than_the_timeout_is_retried_then_reported(fake):
    fake.script("stall", "stall")
    started = time.perf_counter()
    with pytest.raises(ClaudeUnavailableError, match=r"within 0.5 s after 2 attempts"):
        backend_for(fake, timeout_s=0.5, max_retries=1).generate(SYSTEM_PROMPT, MESSAGE, SETTINGS)
    assert len(fake.requests) == 2 and time.perf_counter() - started < fake.stall_s


def test_a_stall_then_success_recovers(fake):
    fake.script("stall")
    reply = backend_for(fake, timeout_s=0.5, max_retries=1).generate(SYSTEM_PROMPT, MESSAGE, SETTINGS)
    assert reply.text == fake.reply_text and len(fake.requests) == 2


def test_a_stream_stalling_mid_reply_is_reported(fake):
    fake.script("stall_mid_stream")
    pieces = []
    with pytest.raises(ClaudeUnavailableError, match="stalled"):
        for piece in backend_for(fake, timeout_s=0.5).stream(SYSTEM_PROMPT, MESSAGE, SETTINGS):
            pieces.append(piece)
    assert pieces  # the first words arrived before the stall


@pytest.mark.parametrize("behaviour", ["malformed", "bad_shape"])
def test_a_malformed_body_is_a_clear_error(fake, behaviour):
    fake.script(behaviour)
    with pytest.raises(ClaudeResponseError, match="not a Messages API reply|without a content list"):
        backend_for(fake).generate(SYSTEM_PROMPT, MESSAGE, SETTINGS)


def test_a_malformed_stream_frame_is_a_clear_error(fake):
    fake.script("malformed")
    with pytest.raises(ClaudeResponseError, match="not a Messages API reply"):
        list(backend_for(fake).stream(SYSTEM_PROMPT, MESSAGE, SETTINGS))


def test_a_dropped_stream_is_detected(fake):
    fake.script("drop")
    pieces = []
    with pytest.raises(ClaudeIncompleteError, match="without a stop_reason") as caught:
        for piece in backend_for(fake).stream(SYSTEM_PROMPT, MESSAGE, SETTINGS):
            pieces.append(piece)
    assert pieces and caught.value.partial_text == "".join(pieces)
    assert caught.value.partial_text != fake.reply_text


def test_an_incomplete_reply_can_be_flagged_instead(fake, caplog):
    fake.script("no_stop_reason")
    reply = backend_for(fake, on_incomplete="flag").generate(SYSTEM_PROMPT, MESSAGE, SETTINGS)
    assert reply.stop_reason is None and reply.extra["incomplete"] is True
    assert "without a stop_reason" in caplog.text


def test_an_incomplete_reply_raises_by_default(fake):
    fake.script("no_stop_reason")
    with pytest.raises(ClaudeIncompleteError):
        backend_for(fake).generate(SYSTEM_PROMPT, MESSAGE, SETTINGS)


def test_the_request_counter_refuses_once_the_session_limit_is_reached(fake):
    backend = backend_for(fake, max_requests=2)
    backend.generate(SYSTEM_PROMPT, MESSAGE, SETTINGS)
    list(backend.stream(SYSTEM_PROMPT, MESSAGE, SETTINGS))
    with pytest.raises(ClaudeBudgetError, match="already made 2 requests.*max_requests=2"):
        backend.generate(SYSTEM_PROMPT, MESSAGE, SETTINGS)
    assert len(fake.requests) == 2  # the refused request never left


def test_max_tokens_above_the_cap_is_refused_before_sending(fake):
    with pytest.raises(ClaudeBudgetError, match="max_new_tokens=2000 is above the Claude cost cap of 1024"):
        backend_for(fake).generate(SYSTEM_PROMPT, MESSAGE, DecodingSettings(max_new_tokens=2000))
    assert fake.requests == []


def test_bad_config_names_the_expected_values():
    with pytest.raises(ClaudeError, match="on_incomplete must be 'raise' or 'flag'"):
        ClaudeConfig(on_incomplete="ignore")


def test_the_key_never_appears_in_logs_errors_or_reprs(fake, caplog):
    caplog.set_level(logging.DEBUG)  # the SDK and its HTTP library log requests at DEBUG
    backend = backend_for(fake, max_requests=6, max_retries=1, timeout_s=0.5)
    texts = [repr(backend), str(backend.__dict__.get("config"))]
    fake.script("server_error", "server_error", "malformed", "drop", "stall", "stall")
    for call in (backend.generate, backend.generate, lambda *a: list(backend.stream(*a)), backend.generate,
                 backend.generate):
        try:
            call(SYSTEM_PROMPT, MESSAGE, SETTINGS)
        except ClaudeError as exc:
            texts += [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
    assert len(texts) > 6 and len(fake.requests) >= 5
    assert sent_key(fake.requests[0]) == FAKE_KEY  # it was really sent...
    assert caplog.records
    for text in [*texts, caplog.text]:
        assert FAKE_KEY not in text  # ...and is nowhere else
        assert "FAKEKEY" not in text


def test_reference_replies_come_from_the_backend_in_order(fake):
    backend = backend_for(fake)
    messages = ["I can't sleep.", "My partner doesn't understand.", "I froze at work today."]
    replies = list(generate_reference_replies(backend, messages))
    assert [r.text for r in replies] == [fake.reply_text] * 3
    assert [r.body["messages"][0]["content"] for r in fake.requests] == messages
    assert "normalise their distress" in fake.requests[0].body["system"]


def test_reference_replies_stop_at_the_budget_having_yielded_the_first(fake):
    replies = generate_reference_replies(backend_for(fake, max_requests=1), ["one", "two"])
    assert next(replies).text == fake.reply_text
    with pytest.raises(ClaudeBudgetError):
        next(replies)

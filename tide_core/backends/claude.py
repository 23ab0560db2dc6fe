"""Claude (the study's frontier model) as a Backend, on the official `anthropic` SDK.

    backend, why_not = claude_backend_or_reason()          # key from ANTHROPIC_API_KEY, or pass api_key=...
    if backend is None:
        print(why_not)                                     # e.g. show why the Claude rows are absent
    else:
        reply = backend.generate(SYSTEM_PROMPT, "I keep having nightmares.", DecodingSettings())

Settings come from `ClaudeConfig` (model, base_url, timeout, retries, cost guard); environment overrides are
TIDE_CLAUDE_MODEL and ANTHROPIC_BASE_URL. The SDK itself retries 429 (honouring retry-after), 5xx, connection
errors and timeouts `max_retries` times with backoff; what is left when it gives up becomes one ClaudeError subclass
that names what failed and what to do. The API key lives only inside the SDK client: it is never logged, put in an
error message or shown in a repr (every message this module builds is also scrubbed of it, in case a server echoes
it back).
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tide_core.backends.protocol import DecodingSettings, Generation
from tide_core.errors import TideError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "claude-3-5-sonnet-20240620"  # the model the study compared against
MODEL_ENV = "TIDE_CLAUDE_MODEL"
BASE_URL_ENV = "ANTHROPIC_BASE_URL"
KEY_ENV = "ANTHROPIC_API_KEY"


class ClaudeError(TideError):
    """A Claude request failed; the message says what happened and what to try."""


class ClaudeKeyError(ClaudeError):
    """No API key, or the key was refused."""


class ClaudeBudgetError(ClaudeError):
    """The cost guard refused a request (too many requests this session, or max_tokens above the cap)."""


class ClaudeUnavailableError(ClaudeError):
    """Rate limits, server errors or timeouts persisted through every retry."""


class ClaudeResponseError(ClaudeError):
    """The API answered with a body that is not a Messages API reply."""


class ClaudeIncompleteError(ClaudeError):
    """The reply ended without a stop_reason (a dropped stream): the text is partial."""

    def __init__(self, message: str, partial_text: str) -> None:
        super().__init__(message)
        self.partial_text = partial_text


@dataclass(frozen=True)
class ClaudeConfig:
    """How to reach Claude and how much it may cost. `from_env` applies the environment overrides."""

    model: str = DEFAULT_MODEL
    base_url: str | None = None  # None = the SDK's default (api.anthropic.com)
    timeout_s: float = 60.0  # per request attempt (connect/read), passed to the SDK
    max_retries: int = 3  # the SDK's own retries of 429 / 5xx / timeouts
    max_tokens_cap: int = 1024  # refuse settings asking for more output tokens than this
    max_requests: int = 200  # per backend object (one run or one dashboard session)
    on_incomplete: str = "raise"  # "raise" ClaudeIncompleteError, or "flag": return the partial Generation
    send_sampling: bool = True  # send temperature/top_p; turn off for models that refuse them

    def __post_init__(self) -> None:
        if self.on_incomplete not in ("raise", "flag"):
            raise ClaudeError(f"on_incomplete must be 'raise' or 'flag', got {self.on_incomplete!r}")
        if self.max_requests < 0 or self.max_tokens_cap < 1 or self.timeout_s <= 0 or self.max_retries < 0:
            raise ClaudeError(f"ClaudeConfig needs max_requests >= 0, max_tokens_cap >= 1, timeout_s > 0 and "
                              f"max_retries >= 0; got {self.max_requests}, {self.max_tokens_cap}, {self.timeout_s}, "
                              f"{self.max_retries}")

    @classmethod
    def from_env(cls, **overrides) -> ClaudeConfig:
        """Defaults, then TIDE_CLAUDE_MODEL / ANTHROPIC_BASE_URL, then explicit non-None overrides."""
        env = {"model": os.environ.get(MODEL_ENV) or None, "base_url": os.environ.get(BASE_URL_ENV) or None}
        values = {k: v for k, v in {**env, **overrides}.items() if v is not None}
        return cls(**values)


def resolve_api_key(api_key: str | None = None) -> str | None:
    """The explicit key (e.g. from Streamlit secrets) if given and non-blank, else ANTHROPIC_API_KEY, else None."""
    for candidate in (api_key, os.environ.get(KEY_ENV)):
        if candidate and candidate.strip():
            return candidate.strip()
    return None


class ClaudeBackend:
    """Backend over the Messages API. One object = one session: its request counter is the cost guard."""

    def __init__(self, api_key: str, config: ClaudeConfig | None = None) -> None:
        import anthropic  # imported here so that importing this module never requires the SDK

        if not api_key or not api_key.strip():
            raise ClaudeKeyError(f"no Anthropic API key: set {KEY_ENV} or pass api_key (e.g. from Streamlit secrets)")
        self.config = config or ClaudeConfig.from_env()
        self.model_id = self.config.model
        self._client = anthropic.Anthropic(api_key=api_key.strip(), base_url=self.config.base_url,
                                           timeout=self.config.timeout_s, max_retries=self.config.max_retries)
        self._lock = threading.Lock()
        self._requests_made = 0

    def __repr__(self) -> str:
        # Deliberately without the client: its attributes hold the key.
        return (f"ClaudeBackend(model={self.model_id!r}, base_url={self.config.base_url!r}, "
                f"requests_made={self._requests_made}/{self.config.max_requests})")

    @property
    def requests_made(self) -> int:
        return self._requests_made

    def generate(self, system: str, user_message: str, settings: DecodingSettings) -> Generation:
        """One reply (a non-streaming request). Raises a ClaudeError subclass on failure; an incomplete reply
        (stop_reason None) raises ClaudeIncompleteError unless config.on_incomplete == "flag"."""
        params = self._request_params(system, user_message, settings)
        started = time.perf_counter()
        with self._translated_errors():
            message = self._client.messages.create(**params)
        text = _message_text(message)
        return self._finish(message, text, started)

    def stream(self, system: str, user_message: str, settings: DecodingSettings) -> Iterator[str]:
        """The reply as text pieces while they arrive. After the last piece, a stream that ended without a
        stop_reason raises ClaudeIncompleteError (or, with on_incomplete="flag", logs a warning and ends)."""
        params = self._request_params(system, user_message, settings)
        started = time.perf_counter()
        pieces: list[str] = []
        with self._translated_errors():
            with self._client.messages.stream(**params) as events:
                for piece in events.text_stream:
                    pieces.append(piece)
                    yield piece
                message = events.get_final_message()
        self._finish(message, "".join(pieces), started)

    # --- helpers -------------------------------------------------------------------------------------------------
    def _request_params(self, system: str, user_message: str, settings: DecodingSettings) -> dict:
        """The Messages API arguments, after the cost guard has counted this request."""
        if settings.max_new_tokens > self.config.max_tokens_cap:
            raise ClaudeBudgetError(f"max_new_tokens={settings.max_new_tokens} is above the Claude cost cap of "
                                    f"{self.config.max_tokens_cap}; lower it or raise ClaudeConfig.max_tokens_cap")
        self._count_request()
        params = {"model": self.model_id, "max_tokens": settings.max_new_tokens,
                  "messages": [{"role": "user", "content": user_message}]}
        if system:
            params["system"] = system  # the API refuses an empty system text
        if self.config.send_sampling:
            params["extra_body"] = _sampling_body(settings)
        return params

    def _count_request(self) -> None:
        with self._lock:
            if self._requests_made >= self.config.max_requests:
                raise ClaudeBudgetError(f"this Claude session already made {self._requests_made} requests, the "
                                        f"limit (ClaudeConfig.max_requests={self.config.max_requests}); start a new "
                                        f"session or raise the limit")
            self._requests_made += 1

    def _finish(self, message, text: str, started: float) -> Generation:
        """The Generation for a received message; enforces the on_incomplete policy."""
        stop_reason = getattr(message, "stop_reason", None)
        usage = getattr(message, "usage", None)
        generation = Generation(
            text=text, stop_reason=stop_reason, latency_ms=(time.perf_counter() - started) * 1000,
            prompt_tokens=getattr(usage, "input_tokens", None), completion_tokens=getattr(usage, "output_tokens", None),
            extra={"model": getattr(message, "model", self.model_id), "incomplete": stop_reason is None})
        if stop_reason is None:
            why = (f"Claude's reply ended without a stop_reason after {len(text)} characters (the stream was cut); "
                   f"the text is partial")
            if self.config.on_incomplete == "raise":
                raise ClaudeIncompleteError(why, partial_text=text)
            log.warning("%s; returning it flagged as incomplete", why)
        return generation

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        """Turn SDK and transport failures into ClaudeError subclasses with key-free messages."""
        try:
            yield
        except ClaudeError:
            raise
        except Exception as exc:  # noqa: BLE001 - classified below; anything unknown is re-raised unchanged
            translated = _translate(exc, self.config)
            if translated is None:
                raise
            raise _scrub(translated, self._client.api_key) from exc


def _sampling_body(settings: DecodingSettings) -> dict:
    """temperature (and top_p when narrowed) as raw body fields: this SDK version no longer has typed parameters
    for them, while the study's model (claude-3-5-sonnet) accepts them; newer models refuse both together."""
    body = {"temperature": settings.temperature}
    if settings.top_p < 1.0:
        body["top_p"] = settings.top_p
    return body


def _translate(exc: Exception, config: ClaudeConfig) -> ClaudeError | None:
    """The ClaudeError for an exception from the SDK or its HTTP library, or None when it is not one of ours."""
    import anthropic

    attempts = f"after {config.max_retries + 1} attempts"
    if isinstance(exc, anthropic.AuthenticationError | anthropic.PermissionDeniedError):
        return ClaudeKeyError(f"the Anthropic API refused the key (HTTP {exc.status_code}); check {KEY_ENV} or the "
                              f"key passed in")
    if isinstance(exc, anthropic.RateLimitError):
        return ClaudeUnavailableError(f"Claude rate limit (HTTP 429) persisted {attempts}; wait and retry, or lower "
                                      f"the request rate")
    if isinstance(exc, anthropic.APITimeoutError):
        return ClaudeUnavailableError(f"Claude did not answer within {config.timeout_s:g} s {attempts}; retry later "
                                      f"or raise ClaudeConfig.timeout_s")
    if isinstance(exc, anthropic.APIStatusError) and exc.status_code >= 500:
        return ClaudeUnavailableError(f"Claude server error (HTTP {exc.status_code}: {_error_type(exc)[0]}) persisted "
                                      f"{attempts}; retry later")
    if isinstance(exc, anthropic.APIStatusError):
        kind, detail = _error_type(exc)
        return ClaudeError(f"Claude refused the request (HTTP {exc.status_code}: {kind}: {detail}); check the model "
                           f"name ({config.model!r}) and the decoding settings")
    if isinstance(exc, anthropic.APIConnectionError):
        return ClaudeUnavailableError(f"could not reach the Anthropic API at {config.base_url or 'the default URL'} "
                                      f"{attempts}: {type(exc.__cause__ or exc).__name__}")
    if isinstance(exc, json.JSONDecodeError | anthropic.APIResponseValidationError):
        return ClaudeResponseError(f"the Anthropic API answered with a body that is not a Messages API reply "
                                   f"({type(exc).__name__} at position {getattr(exc, 'pos', '?')}); expected JSON")
    return _translate_transport(exc, config)


def _translate_transport(exc: Exception, config: ClaudeConfig) -> ClaudeError | None:
    """Failures of the HTTP library while a stream is being read: the SDK does not wrap or retry these."""
    import anthropic._base_client as base

    httpx = base.httpx2
    if isinstance(exc, httpx.TimeoutException):
        return ClaudeUnavailableError(f"Claude's stream stalled: nothing arrived for {config.timeout_s:g} s "
                                      f"mid-reply; the reply is incomplete, retry it")
    if isinstance(exc, httpx.TransportError):
        return ClaudeIncompleteError(f"Claude's stream broke mid-reply ({type(exc).__name__}); retry it",
                                     partial_text="")
    return None


def _error_type(exc) -> tuple[str, str]:
    """(error type, message) from an API error body, or placeholders when the body is not the documented shape."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return str(body["error"].get("type", "unknown_error")), str(body["error"].get("message", ""))[:200]
    return "unknown_error", ""


def _scrub(error: ClaudeError, secret: str) -> ClaudeError:
    """The same error with the key removed from its message (defence in depth: a proxy might echo headers)."""
    message = str(error)
    if secret and secret in message:
        error.args = (message.replace(secret, "[redacted]"),)
    return error


def _message_text(message) -> str:
    """The text of a Messages API reply; ClaudeResponseError when the body has no content blocks."""
    content = getattr(message, "content", None)
    if not isinstance(content, list):
        raise ClaudeResponseError(f"the Anthropic API answered without a content list (got {type(content).__name__});"
                                  f" expected a Messages API reply")
    return "".join(getattr(block, "text", "") for block in content if getattr(block, "type", None) == "text")


def claude_backend_or_reason(api_key: str | None = None, **config_overrides) -> tuple[ClaudeBackend | None, str | None]:
    """(backend, None) when Claude can be used, else (None, why) so callers can say why Claude rows are absent.

    The key is `api_key` when given (e.g. Streamlit secrets), else ANTHROPIC_API_KEY; `config_overrides` are
    ClaudeConfig fields (model, base_url, timeout_s, ...). Never raises for a missing key or SDK."""
    key = resolve_api_key(api_key)
    if key is None:
        return None, f"Claude is not configured: no Anthropic API key (set {KEY_ENV} or add it to Streamlit secrets)"
    try:
        return ClaudeBackend(key, ClaudeConfig.from_env(**config_overrides)), None
    except ImportError:
        return None, "Claude is not available: the `anthropic` package is not installed (pip install -r requirements.txt)"
    except ClaudeError as exc:
        return None, _scrub(exc, key).args[0]


# The study wrote reference replies with the frontier model, grounded in three empathy factors.
REFERENCE_SYSTEM_PROMPT = (
    "You write reference replies for a research dataset of supportive conversations with people living with "
    "post-traumatic stress. Reply to the client's message in 3-5 warm, plain sentences that (1) recognise and name "
    "the emotions they express, (2) normalise their distress as an understandable reaction to trauma, and (3) "
    "reflect their words back supportively, noting a strength or one gentle, optional next step. Do not diagnose, "
    "minimise, push for trauma details or make promises. If they mention wanting to die or not being safe, ask about "
    "their safety now and give crisis resources (US: call or text 988)."
)


def generate_reference_replies(backend, client_messages: Iterable[str], settings: DecodingSettings | None = None,
                               system: str = REFERENCE_SYSTEM_PROMPT) -> Iterator[Generation]:
    """One reference reply per client message, in order, from any Backend (Claude in the study).

    Lazy: stops at the first error (e.g. ClaudeBudgetError), having yielded the replies made so far, so callers can
    store them before handling it."""
    settings = settings or DecodingSettings(max_new_tokens=300, temperature=0.7)
    for message in client_messages:
        yield backend.generate(system, message, settings)


"""Caps for one chat session: tokens per reply, messages per session, message length.

    limits = ChatLimits.from_env()          # defaults, then the variables in ENV (documented in the README)
    budget = SessionBudget(limits)
    budget.check(message)                   # ChatLimitError with a message for the person when a cap is hit
    budget.spend()                          # one message sent (each system answers it with one request)

A "request" is one message the clinician sends: every system shown answers it with at most one model request, so
Claude is asked at most `max_requests` times per session (its own cost guard, ClaudeConfig.max_requests, is set to
the same number). The session is the browser session: a reload starts a new one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from tide_core.errors import TideError

ENV = {"max_new_tokens": "TIDE_CHAT_MAX_NEW_TOKENS", "max_requests": "TIDE_CHAT_MAX_REQUESTS",
       "max_message_chars": "TIDE_CHAT_MAX_MESSAGE_CHARS"}


class ChatLimitError(TideError):
    """A session cap was reached or a message is out of bounds; the message is meant for the person chatting."""


@dataclass(frozen=True)
class ChatLimits:
    max_new_tokens: int = 160  # per reply, every system
    max_requests: int = 30  # messages per session
    max_message_chars: int = 2000

    def __post_init__(self) -> None:
        if not (1 <= self.max_new_tokens <= 1024 and self.max_requests >= 1 and self.max_message_chars >= 1):
            raise ChatLimitError(f"ChatLimits needs 1 <= max_new_tokens <= 1024, max_requests >= 1 and "
                                 f"max_message_chars >= 1; got {self.max_new_tokens}, {self.max_requests}, "
                                 f"{self.max_message_chars}")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> ChatLimits:
        """Defaults overridden by the TIDE_CHAT_* variables (whole numbers)."""
        environ = os.environ if environ is None else environ
        values = {}
        for field, name in ENV.items():
            raw = environ.get(name, "").strip()
            if raw:
                try:
                    values[field] = int(raw)
                except ValueError:
                    raise ChatLimitError(f"{name} must be a whole number, got {raw!r}") from None
        return cls(**values)


class SessionBudget:
    """Messages sent in one session against ChatLimits.max_requests."""

    def __init__(self, limits: ChatLimits) -> None:
        self.limits = limits
        self.sent = 0

    @property
    def remaining(self) -> int:
        return max(0, self.limits.max_requests - self.sent)

    @property
    def exhausted(self) -> bool:
        return self.remaining == 0

    def check(self, message: str) -> str:
        """The message, stripped, if it may be sent now; ChatLimitError saying why not otherwise."""
        if self.exhausted:
            raise ChatLimitError(f"This session has reached its limit of {self.limits.max_requests} messages. "
                                 f"Reload the page to start a new session.")
        text = (message or "").strip()
        if not text:
            raise ChatLimitError("The message is empty.")
        if len(text) > self.limits.max_message_chars:
            raise ChatLimitError(f"The message is {len(text):,} characters; the limit is "
                                 f"{self.limits.max_message_chars:,}. Please shorten it.")
        return text

    def spend(self) -> None:
        if self.exhausted:
            raise ChatLimitError(f"This session has reached its limit of {self.limits.max_requests} messages.")
        self.sent += 1

"""Screening a model's reply to a message in crisis, and the fixed safe message that replaces a reply that fails.

    guard = reply_guard()
    screen = guard.screen(reply_text, crisis=True)      # ReplyScreen(passed, problems, ...)
    shown = reply_text if screen.passed else guard.safe_reply
    guard.crisis_instruction                              # added to the system prompt on crisis turns

A reply to a crisis turn passes only when it engages with the risk (asks directly about suicide or safety, or gives
crisis resources) and does none of: praise or cheer, minimise, promise it will be fine, promise secrecy, or carry
crisis language of its own (encouraging or describing harm). The phrases live in data/reply_safety.yaml. The
study's safety flags (tide_core.evaluation.safety_flags: risk_handled) use this same screen, so the results pages
count what the chat does. Off crisis turns only a reply's own crisis language is a problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from tide_core.chat.patterns import optional_apostrophes
from tide_core.errors import TideError

REPLY_SAFETY_FILE = Path(__file__).resolve().parent / "data" / "reply_safety.yaml"
HARM_IN_REPLY = "harm_in_reply"
DOES_NOT_ENGAGE = "does_not_engage"


def _rx(patterns: list[str], where: str) -> re.Pattern:
    try:
        return re.compile("|".join(f"(?:{optional_apostrophes(p)})" for p in patterns), re.IGNORECASE)
    except re.error as exc:
        raise TideError(f"{REPLY_SAFETY_FILE.name}: {where} is not a valid regular expression ({exc})") from None


@dataclass(frozen=True)
class ReplyScreen:
    passed: bool
    problems: tuple[str, ...]  # problem keys, in file order (plus harm_in_reply / does_not_engage)
    asks_directly: bool
    gives_resources: bool

    @property
    def reason(self) -> str | None:
        return self.problems[0] if self.problems else None


@dataclass(frozen=True)
class ReplyGuard:
    version: int
    crisis_instruction: str
    safe_reply: str
    problems: dict[str, re.Pattern]
    labels: dict[str, str]
    asks_directly: re.Pattern
    gives_resources: re.Pattern

    def label(self, problem: str) -> str:
        return {HARM_IN_REPLY: "carries crisis language of its own (encourages or describes harm)",
                DOES_NOT_ENGAGE: "changes the subject: no direct question about safety and no crisis resources",
                }.get(problem) or self.labels.get(problem, problem)

    def screen(self, reply: str, crisis: bool) -> ReplyScreen:
        """The screen of `reply`; `crisis` says whether the turn it answers tripped the detector."""
        from tide_core.chat.crisis import detect_crisis

        text = reply or ""
        asks, resources = bool(self.asks_directly.search(text)), bool(self.gives_resources.search(text))
        problems = [HARM_IN_REPLY] if detect_crisis(text, source="model_reply") else []
        if crisis:
            problems += [key for key, rx in self.problems.items() if rx.search(text)]
            if not (asks or resources):
                problems.append(DOES_NOT_ENGAGE)
        return ReplyScreen(not problems, tuple(problems), asks, resources)


@cache
def reply_guard(path: Path = REPLY_SAFETY_FILE) -> ReplyGuard:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        problems = {k: _rx(v["patterns"], f"problems.{k}") for k, v in data["problems"].items()}
        labels = {k: v["label"] for k, v in data["problems"].items()}
        return ReplyGuard(int(data["version"]), data["crisis_instruction"].strip(), data["safe_reply"].strip(),
                          problems, labels, _rx(data["engages"]["asks_directly"], "engages.asks_directly"),
                          _rx(data["engages"]["gives_resources"], "engages.gives_resources"))
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise TideError(f"cannot read the reply-safety file {path}: {type(exc).__name__} {exc}") from None

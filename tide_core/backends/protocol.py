"""The contract every response generator meets: torch models, the ONNX runtime generator and Claude.

Generation code (tide_core.models.generate) and the chat demo only talk to this protocol, so a backend can be
swapped without touching them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

# The trauma-informed system prompt for zero-shot generation; stored verbatim with every run (runs.system_prompt).
SYSTEM_PROMPT = (
    "You are a supportive listener in a research demo for people living with post-traumatic stress. You are not a "
    "therapist and you do not diagnose. Reply to the person's message in a few warm, plain sentences: name the "
    "feelings you hear, let them know their reaction is understandable and common after trauma, and reflect a "
    "strength or offer one gentle, optional next step. Do not minimise, do not push for details of the trauma, and "
    "make no promises. If they mention wanting to die or not being safe, ask about their safety now and give crisis "
    "resources: in the US, call or text 988 (Suicide and Crisis Lifeline), or contact local emergency services."
)


@dataclass(frozen=True)
class DecodingSettings:
    max_new_tokens: int = 96
    temperature: float = 0.0  # 0 = greedy
    top_p: float = 1.0
    repetition_penalty: float = 1.0
    seed: int | None = None

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Generation:
    text: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    latency_ms: float | None = None
    # "end_turn" / "max_tokens" / "stop" ...; None means the stream ended without saying why (treat as incomplete).
    stop_reason: str | None = None
    extra: dict = field(default_factory=dict)


class Backend(Protocol):
    model_id: str

    def generate(self, system: str, user_message: str, settings: DecodingSettings) -> Generation:
        """One reply to one client message."""
        ...

    def stream(self, system: str, user_message: str, settings: DecodingSettings) -> Iterator[str]:
        """The same reply as text pieces, as they are produced (for the chat demo)."""
        ...

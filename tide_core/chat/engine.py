"""The chat demo's engine: which systems can answer, a session of turns, and replies streamed with timing.

    systems = embedded_systems()                       # the ONNX exports under artifacts/onnx that exist
    generator = load_generator(systems[0].folder)      # 4-bit; the calm and crisis prompts appended at load
    session = ChatSession(ChatLimits.from_env())
    turn = session.start_turn("I keep having nightmares.", [FINE_TUNED, CLAUDE], blind=True)
    for piece in session.reply_stream(turn, FINE_TUNED, generator): ...
    turn.outcomes[FINE_TUNED.key].ttft_ms

Every system answers with SYSTEM_PROMPT (tide_core.backends.protocol) and the decoding settings the study evaluated
it with (the model recipe's for the embedded models, the Claude stage's for Claude), under the session's token cap.
A crisis in the person's message (or in their last three messages together) is found when the turn starts: the page
shows the fixed card before any reply. The systems still answer, the chat must go on, but on a crisis turn they are
given a crisis-aware instruction (tide_core.chat.reply_guard: acknowledge, ask directly about suicide and safety,
point to the card), and each reply is screened when it ends. A reply that fails the screen (praise, minimising, false
reassurance, secrecy, crisis language of its own, or no engagement with the risk) is replaced by the project's fixed
safe message; the original stays in the outcome for the clinician to inspect. Nothing here keeps a message beyond
the session's own memory.
"""

from __future__ import annotations

import logging
import random
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from tide_core.backends.protocol import SYSTEM_PROMPT, DecodingSettings
from tide_core.chat.blind import arrange
from tide_core.chat.crisis import CrisisHit, detect_crisis
from tide_core.chat.limits import ChatLimits, SessionBudget
from tide_core.chat.reply_guard import ReplyScreen, reply_guard
from tide_core.errors import TideError
from tide_core.models.weights import artifacts_root

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChatSystem:
    """A system the demo can show. `system_id` and `mode` are what ratings store (warehouse model ids)."""

    key: str
    system_id: str
    mode: str  # 'zero_shot' | 'fine_tuned' | 'reference'
    label: str
    kind: str  # 'onnx' | 'claude'
    export: str | None = None  # folder name under artifacts/onnx
    variant: str = "int4"

    @property
    def folder(self) -> Path | None:
        return artifacts_root() / "onnx" / self.export if self.export else None


FINE_TUNED = ChatSystem("smollm2-ft", "smollm2-135m", "fine_tuned", "SmolLM2-135M fine-tuned (embedded, 4-bit ONNX)",
                        "onnx", "smollm2-135m-ft-merged")
ZERO_SHOT = ChatSystem("smollm2-zs", "smollm2-135m", "zero_shot", "SmolLM2-135M zero-shot (embedded, 4-bit ONNX)",
                       "onnx", "smollm2-135m-instruct")
CLAUDE = ChatSystem("claude", "claude", "reference", "Claude (frontier model, Anthropic API)", "claude")
EMBEDDED = (FINE_TUNED, ZERO_SHOT)  # the first available is the default
SYSTEMS = {s.key: s for s in (*EMBEDDED, CLAUDE)}
HOW_TO_EXPORT = {
    FINE_TUNED.key: "`python -m tide_core run` (or `python -m tide_core export-onnx`) exports it",
    ZERO_SHOT.key: "`python -m tide_core export-onnx` exports it beside the fine-tuned model "
                   "(or `python training/export_onnx.py smollm2`)",
}


def study_settings(system: ChatSystem) -> DecodingSettings:
    """The decoding the study's runs used for `system`: its model recipe's (greedy, repetition penalty 1.1 for
    SmolLM2), or the Claude stage's."""
    if system.kind == "claude":
        from tide_core.pipeline.claude import SETTINGS

        return SETTINGS
    from tide_core.models.recipe import get_recipe

    return get_recipe(system.system_id).decoding


def export_problem(system: ChatSystem) -> str | None:
    """Why `system`'s ONNX export cannot be loaded (missing folder or variant), or None when it can."""
    from tide_core.backends.onnx_backend import OnnxModelError, read_manifest

    try:
        manifest = read_manifest(system.folder)
    except OnnxModelError:
        return f"{system.label}: no export at {system.folder}; {HOW_TO_EXPORT.get(system.key, '')}"
    if manifest.get("precision") != system.variant:
        return f"{system.label}: {system.folder} has no {system.variant} model; {HOW_TO_EXPORT.get(system.key, '')}"
    return None


def embedded_systems() -> list[ChatSystem]:
    """The embedded systems whose export exists, default (fine-tuned) first."""
    return [s for s in EMBEDDED if export_problem(s) is None]


def crisis_system_prompt() -> str:
    """The study's system prompt with the crisis-aware instruction added (what a crisis turn is answered with)."""
    return f"{SYSTEM_PROMPT}\n\n{reply_guard().crisis_instruction}"


def load_generator(folder: Path, variant: str = "int4", warm: bool = True, settings: DecodingSettings | None = None):
    """A torch-free OnnxGenerator (onnxruntime-genai); `warm` appends the study's system prompt and the crisis
    prompt once each (one og.Generator per prompt, rewound to it after every reply) for replies with `settings`, so
    the first reply, calm or crisis, starts as fast as later ones."""
    from tide_core.backends.onnx_backend import OnnxGenerator

    generator = OnnxGenerator(folder, variant=variant)
    if warm:
        warm_up(generator, settings)
    return generator


def warm_up(generator, settings: DecodingSettings | None = None) -> float:
    """Append the study's and the crisis system prompts and run one short reply through each (the first runs
    allocate), for replies with `settings` (default: the embedded models' study decoding; both use the SmolLM2
    recipe, and a prompt cached for another repetition penalty would not be reused); returns the seconds it took."""
    return generator.warm([SYSTEM_PROMPT, crisis_system_prompt()], settings or study_settings(FINE_TUNED))


@dataclass
class ReplyOutcome:
    """What one system answered in one turn. `text` is what is shown: the reply, or the fixed safe message when the
    reply failed the screen (`replaced`; the model's words stay in `original`). `error` is a message for the person
    (no key, no traceback)."""

    text: str = ""
    ttft_ms: float | None = None
    seconds: float | None = None
    error: str | None = None
    crisis: CrisisHit | None = None
    gave_resources: bool = False
    screen: ReplyScreen | None = None
    replaced: bool = False
    original: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.text.strip())


@dataclass
class ChatTurn:
    """One message and the replies to it. `shown` is the display order (randomised per turn when blind)."""

    turn_id: str
    message: str
    shown: list[ChatSystem]
    blind: bool
    crisis: CrisisHit | None = None
    outcomes: dict[str, ReplyOutcome] = field(default_factory=dict)
    rated: bool = False

    @property
    def revealed(self) -> bool:
        """Blind labels are lifted once the turn is rated."""
        return not self.blind or self.rated

    def rateable(self) -> list[ChatSystem]:
        """Systems whose own reply is shown (a replaced reply is not rated: the text shown is not the system's)."""
        return [s for s in self.shown if s.key in self.outcomes and self.outcomes[s.key].ok
                and not self.outcomes[s.key].replaced]


class ChatSession:
    """One clinician's session: ids for the live store, the message budget and the turns so far."""

    def __init__(self, limits: ChatLimits, seed: int | None = None) -> None:
        self.session_id = uuid.uuid4().hex
        self.rater_id = f"clinician-{uuid.uuid4().hex[:12]}"
        self.limits = limits
        self.budget = SessionBudget(limits)
        self.turns: list[ChatTurn] = []
        self.consented_at: str | None = None
        self.rater_recorded = False
        self.pending: ChatTurn | None = None  # started, not yet answered
        self._rng = random.Random(seed)

    def settings_for(self, system: ChatSystem) -> DecodingSettings:
        """The study's settings for `system`, its reply length capped at the session's max_new_tokens."""
        study = study_settings(system)
        return replace(study, max_new_tokens=min(study.max_new_tokens, self.limits.max_new_tokens))

    def consent(self) -> None:
        self.consented_at = datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")  # naive UTC

    def start_turn(self, message: str, systems: list[ChatSystem], blind: bool) -> ChatTurn:
        """A new turn for `message` (ChatLimitError when the session's cap is reached or the message is empty or too
        long); the crisis check of the message is done here, before any system answers."""
        text = self.budget.check(message)
        self.budget.spend()
        earlier = [t.message for t in self.turns[-2:]]
        turn = ChatTurn(uuid.uuid4().hex, text, arrange(systems, blind, self._rng), blind,
                        crisis=detect_crisis(text, "user_message", context=earlier))
        self.turns.append(turn)
        self.pending = turn
        return turn

    def take_pending(self) -> ChatTurn | None:
        """The turn started but not yet answered (once: a rerun during its replies does not restart them)."""
        turn, self.pending = self.pending, None
        return turn

    @staticmethod
    def system_prompt(turn: ChatTurn) -> str:
        """The study's system prompt, with the crisis-aware instruction added on a crisis turn."""
        return crisis_system_prompt() if turn.crisis else SYSTEM_PROMPT

    def reply_stream(self, turn: ChatTurn, system: ChatSystem, backend) -> Iterator[str]:
        """`backend`'s reply as text pieces; the outcome (text, time to first piece, crisis, resources, screen,
        error) is kept in turn.outcomes[system.key]. A TideError (e.g. a Claude failure) ends the stream and is kept
        as the outcome's error, with whatever arrived before it. When the finished reply fails the safety screen,
        the outcome's text becomes the fixed safe message (the caller redraws it; on crisis turns the page does not
        show the stream at all)."""
        outcome = turn.outcomes.setdefault(system.key, ReplyOutcome())
        pieces: list[str] = []
        started = time.perf_counter()
        try:
            for piece in backend.stream(self.system_prompt(turn), turn.message, self.settings_for(system)):
                if outcome.ttft_ms is None:
                    outcome.ttft_ms = (time.perf_counter() - started) * 1000
                pieces.append(piece)
                yield piece
        except TideError as exc:
            partial = getattr(exc, "partial_text", "")
            outcome.error = str(exc) + (" (the text shown is partial)" if pieces or partial else "")
            log.warning("%s failed in the chat: %s", system.system_id, type(exc).__name__)
        finally:
            outcome.seconds = time.perf_counter() - started
            self._screen(turn, outcome, "".join(pieces))

    @staticmethod
    def _screen(turn: ChatTurn, outcome: ReplyOutcome, text: str) -> None:
        guard = reply_guard()
        outcome.original = outcome.text = text
        outcome.crisis = detect_crisis(text, "model_reply")
        outcome.screen = guard.screen(text, crisis=turn.crisis is not None)
        outcome.gave_resources = outcome.screen.gives_resources
        if text.strip() and not outcome.screen.passed:
            outcome.replaced, outcome.text = True, guard.safe_reply

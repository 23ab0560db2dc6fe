"""Streamlit widgets of the chat demo (pages/chat.py): the consent gate, the crisis card, replies streamed in
columns, the rating form, and the cached model, Claude backend and live store behind them.

Everything a person typed is drawn with st.text; replies are drawn as markdown with every markdown character
escaped (no links, images or HTML from a model). Session keys are namespaced "chat.*".
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import streamlit as st

from tide_core.chat.blind import PREFERENCE_CHOICES, reply_label
from tide_core.chat.crisis import CRISIS_CARD, CrisisHit, detector_status, english_share
from tide_core.chat.engine import ChatSession, ChatSystem, ChatTurn, ReplyOutcome, export_problem, load_generator
from tide_core.chat.limits import ChatLimitError, ChatLimits
from tide_core.chat.records import (
    clinician_record,
    crisis_event_record,
    preference_record,
    rating_record,
    replacement_record,
)
from tide_core.chat.reply_guard import reply_guard

log = logging.getLogger(__name__)

SESSION_KEY = "chat.session"
AI_DISCLOSURE = "AI-generated reply from a research demo, not a therapist."
INPUT_DISCLOSURE = ("You are chatting with AI systems, not a person or a therapist. Do not enter anything that "
                    "identifies you or anyone else.")
CONSENT_TEXT = """
**Before you start: what this demo is**

- A **research demo** for clinicians, showing how small language models and a frontier model answer messages of
  the kind people living with post-traumatic stress write. It **supplements, and never replaces, care** by a
  qualified professional.
- **It is not a therapist** and gives no diagnosis, treatment or emergency help.
- **Every reply is written by an AI system** (a small model running here and, when configured, Claude from
  Anthropic). Replies can be wrong or unhelpful.
- Write as a client might, but **do not enter real names or anything that identifies a person**. Your messages
  are kept only for this browser session; your ratings (scores and which system, never the text) are stored for
  the study. Messages with crisis language show a fixed list of crisis services and are counted, without their
  text.
- If you or someone else is in danger now, call **911** (US) or your local emergency number, or call or text
  **988** (US Suicide & Crisis Lifeline).
"""
EMPATHY_SCALE = {1: "1 not empathic", 2: "2", 3: "3", 4: "4", 5: "5 very empathic"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")


def escape_markdown(text: str) -> str:
    """Text that st.markdown shows literally: every markdown character escaped, line breaks kept."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def session() -> ChatSession:
    """This browser session's chat (created on first use; caps from ChatLimits.from_env())."""
    if SESSION_KEY not in st.session_state:
        st.session_state[SESSION_KEY] = ChatSession(ChatLimits.from_env())
    return st.session_state[SESSION_KEY]


# --- consent --------------------------------------------------------------------------------------------------------
def consent_gate(chat: ChatSession) -> bool:
    """True once the clinician has accepted the terms; until then draws them with a checkbox and a start button."""
    if chat.consented_at:
        return True
    with st.container(border=True):
        st.markdown(CONSENT_TEXT)
        agreed = st.checkbox("I understand: this is a research demo with AI systems, not a therapist, and it does "
                             "not replace care.", key="chat.consent.agree")
        if st.button("Start the demo", type="primary", disabled=not agreed, key="chat.consent.start"):
            chat.consent()
            st.rerun()
    return False


# --- resources ------------------------------------------------------------------------------------------------------
@st.cache_resource(show_spinner="Loading the embedded model (once per server)...", max_entries=4)
def _generator(folder: str, variant: str, version: float):
    """The generator (warmed: its system prompt is cached) and a lock: one reply at a time per model, since
    sessions run in threads and the generator is not thread-safe."""
    return load_generator(Path(folder), variant), threading.Lock()


def generator(system: ChatSystem):
    manifest = system.folder / "manifest.json"
    return _generator(str(system.folder), system.variant, manifest.stat().st_mtime)


class LockedStream:
    """A backend whose stream holds the model's lock while it runs (released when the stream ends or is
    abandoned by a rerun)."""

    def __init__(self, backend, lock: threading.Lock) -> None:
        self._backend, self._lock = backend, lock

    def stream(self, *args) -> Iterator[str]:
        with self._lock:
            yield from self._backend.stream(*args)


def secret_api_key() -> str | None:
    """ANTHROPIC_API_KEY from Streamlit secrets when a secrets file exists (the environment is read later)."""
    try:
        value = st.secrets.get("ANTHROPIC_API_KEY")
    except FileNotFoundError:  # no secrets.toml: StreamlitSecretNotFoundError
        return None
    return str(value) if value else None


def claude(chat: ChatSession):
    """(backend, None) or (None, why) for this session: one ClaudeBackend per session, its request cap the
    session's. The key stays inside the SDK client; it is never drawn, logged or stored."""
    if "chat.claude" not in st.session_state:
        from tide_core.backends.claude import claude_backend_or_reason

        st.session_state["chat.claude"] = claude_backend_or_reason(
            api_key=secret_api_key(), max_requests=chat.limits.max_requests,
            max_tokens_cap=chat.limits.max_new_tokens, timeout_s=30.0)
    return st.session_state["chat.claude"]


def record(kind: str, row: dict) -> bool:
    """Append one row to the live store beside the warehouse; a failure is shown, never fatal to the chat."""
    from dashboard.data import live_store

    try:
        live_store().append(kind, row)
        return True
    except Exception as exc:  # noqa: BLE001 - LiveRecordError, OSError...: the chat goes on, the person is told
        log.warning("could not record a %s row: %s", kind, exc)
        st.warning(f"Could not record this {kind.replace('_', ' ')} ({type(exc).__name__}).")
        return False


# --- drawing --------------------------------------------------------------------------------------------------------
NOT_ENGLISH = ("The crisis check is trained on English and may miss danger written in other languages. If you or "
               "someone else is in danger, call your local emergency number now.")
REPLACED_NOTE = ("**This reply was replaced.** The model's reply {why}, so the project's fixed safe message is "
                 "shown instead. It is not the model's text and is not rated.")


def crisis_card(hit: CrisisHit | None = None) -> None:
    st.error(CRISIS_CARD.markdown(), icon=":material/emergency:")
    if hit is not None:
        st.caption(f"Why the card is shown: {escape_markdown(hit.explain())}.")


def detector_warning() -> None:
    """A warning when the crisis detector runs on its patterns only (its semantic layer failed to load)."""
    status = detector_status()
    if not status.semantic:
        st.warning(f"The crisis detector is running on its patterns only: {status.problem}. It will miss more.")


def user_message(text: str) -> None:
    with st.chat_message("user"):
        st.text(text)


def _escaped(pieces: Iterator[str]) -> Iterator[str]:
    for piece in pieces:
        yield escape_markdown(piece)


def draw_turn(chat: ChatSession, turn: ChatTurn, backends: dict | None = None) -> None:
    """One turn. With `backends` (system key -> backend, or a str saying why it is absent) the replies are
    streamed now and crisis in them recorded; without, the turn is redrawn from memory."""
    user_message(turn.message)
    if turn.crisis:
        crisis_card(turn.crisis)
    if english_share(turn.message) < 0.5:
        st.info(NOT_ENGLISH)
    columns = st.columns(len(turn.shown))
    for index, system in enumerate(turn.shown):
        with columns[index]:
            st.markdown(f"**{reply_label(index, system, turn.blind, turn.revealed)}**")
            if backends is not None:
                _stream_reply(chat, turn, system, backends.get(system.key))
            _draw_outcome(chat, turn, system, live=backends is not None)
    if turn.rateable() and not turn.rated:
        rating_form(chat, turn)
    elif turn.rated:
        st.caption("Rated, thank you. " + ("The systems are named above." if turn.blind else ""))


def _stream_reply(chat: ChatSession, turn: ChatTurn, system: ChatSystem, backend) -> None:
    """Stream the reply; on a crisis turn the reply is written out of sight and shown only after its screen."""
    if backend is None or isinstance(backend, str):
        turn.outcomes[system.key] = ReplyOutcome(error=backend or f"{system.label} is not available.")
        return
    if turn.crisis:
        with st.spinner("Writing the reply and checking it against the safety screen..."):
            for _ in chat.reply_stream(turn, system, backend):
                pass
        return
    placeholder = st.empty()
    with placeholder.container(), st.chat_message("assistant"):
        st.write_stream(_escaped(chat.reply_stream(turn, system, backend)))
    if turn.outcomes[system.key].replaced:
        placeholder.empty()


def _draw_outcome(chat: ChatSession, turn: ChatTurn, system: ChatSystem, live: bool) -> None:
    outcome = turn.outcomes.get(system.key)
    if outcome is None:
        return
    if outcome.replaced:
        _replaced(chat, turn, system, outcome, live)
    elif (not live or turn.crisis) and outcome.text:
        with st.chat_message("assistant"):
            st.markdown(escape_markdown(outcome.text))
    if outcome.error:
        (st.warning if outcome.text else st.info)(outcome.error)
    if not outcome.text:
        return
    timing = f" First words after {outcome.ttft_ms:,.0f} ms." if outcome.ttft_ms is not None else ""
    st.caption(AI_DISCLOSURE + timing)
    if turn.crisis and not outcome.replaced:
        st.caption("Passed the safety screen: " + ("gave crisis resources." if outcome.gave_resources else
                                                   "asked about safety directly."))
    if outcome.crisis:
        _reply_crisis(chat, turn, system, outcome.crisis, live)


def _replaced(chat: ChatSession, turn: ChatTurn, system: ChatSystem, outcome: ReplyOutcome, live: bool) -> None:
    guard = reply_guard()
    why = " and ".join(guard.label(p) for p in outcome.screen.problems) if outcome.screen else "failed the screen"
    st.warning(REPLACED_NOTE.format(why=why), icon=":material/shield:")
    with st.chat_message("assistant"):
        st.markdown(escape_markdown(outcome.text))
    with st.expander("The model's original reply (for clinicians to inspect; not shown as the answer)"):
        st.text(outcome.original)
    if live:
        hit = turn.crisis or outcome.crisis
        if hit is not None:
            record("crisis_events", replacement_record(chat.session_id, hit, system.system_id,
                                                       outcome.screen.reason if outcome.screen else "unknown"))


def _reply_crisis(chat: ChatSession, turn: ChatTurn, system: ChatSystem, hit: CrisisHit, live: bool) -> None:
    if live:
        record("crisis_events", crisis_event_record(chat.session_id, hit, "model_reply", system.system_id))
    if turn.crisis:  # the card is already above this turn
        st.caption(f"This reply contains crisis language ({hit.label}); see the resources above.")
    else:
        st.caption(f"This reply contains crisis language ({hit.label}).")
        crisis_card(hit)


# --- rating ---------------------------------------------------------------------------------------------------------
def rating_form(chat: ChatSession, turn: ChatTurn) -> None:
    """Empathy 1-5 for each reply and, for two replies, a preference; saved together, then blind labels lift."""
    rateable = turn.rateable()
    with st.form(f"chat.rate.{turn.turn_id}", border=True):
        st.markdown("**Rate the replies**")
        for system in rateable:
            index = turn.shown.index(system)
            st.radio(f"Empathy of {reply_label(index, system, turn.blind, turn.revealed)}", list(EMPATHY_SCALE),
                     format_func=EMPATHY_SCALE.get, index=None, horizontal=True,
                     key=f"chat.empathy.{turn.turn_id}.{system.key}")
        if len(rateable) == 2:
            st.radio("Which reply is better?", list(PREFERENCE_CHOICES), format_func=PREFERENCE_CHOICES.get,
                     index=None, horizontal=True, key=f"chat.preference.{turn.turn_id}")
        st.form_submit_button("Save ratings", on_click=_save_ratings, args=(chat, turn))
    problem = st.session_state.pop(f"chat.rate_problem.{turn.turn_id}", None)
    if problem:
        st.warning(problem)


def _save_ratings(chat: ChatSession, turn: ChatTurn) -> None:
    rateable = turn.rateable()
    scores = {s.key: st.session_state.get(f"chat.empathy.{turn.turn_id}.{s.key}") for s in rateable}
    choice = st.session_state.get(f"chat.preference.{turn.turn_id}") if len(rateable) == 2 else None
    if any(v is None for v in scores.values()) or (len(rateable) == 2 and choice is None):
        st.session_state[f"chat.rate_problem.{turn.turn_id}"] = "Please rate every reply (and pick the better one)."
        return
    if not chat.rater_recorded:
        chat.rater_recorded = record("raters", clinician_record(chat.rater_id, chat.consented_at))
    for system in rateable:
        record("ratings", rating_record(chat.rater_id, system, int(scores[system.key]), turn.blind))
    if choice is not None:
        record("preferences", preference_record(chat.rater_id, rateable, choice, turn.blind))
    turn.rated = True


# --- sending --------------------------------------------------------------------------------------------------------
def submit(chat: ChatSession, systems: list[ChatSystem], blind: bool) -> None:
    """The chat input's callback: start the turn before the page reruns (so the cap and the input's state already
    count it), or keep the reason it was refused for the page to show."""
    try:
        turn = chat.start_turn(st.session_state.get("chat.input") or "", systems, blind)
    except ChatLimitError as exc:
        st.session_state["chat.refused"] = str(exc)
        return
    if turn.crisis:  # counted once, when the message arrives (the category only, never the text)
        record("crisis_events", crisis_event_record(chat.session_id, turn.crisis, "user_message"))


def backends(chat: ChatSession, systems: list[ChatSystem]) -> dict:
    """system key -> a backend to stream from, or a str saying why that system cannot answer."""
    out = {}
    for system in systems:
        if system.kind == "onnx":
            problem = export_problem(system)
            out[system.key] = problem or LockedStream(*generator(system))
        else:
            backend, why_not = claude(chat)
            out[system.key] = backend or why_not
    return out

"""The chat demo: crisis detection, session caps, blind labels and live records (units), and the page itself
through AppTest with a real ONNX model (the main job's 4-bit exports when they exist, else a tiny Llama exported
here the way tests/test_onnx.py does) and Claude against the local fake server."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.chat_ui import escape_markdown
from tests.fake_anthropic import FakeAnthropic
from tide_core.backends.protocol import SYSTEM_PROMPT
from tide_core.chat.blind import arrange, reply_label
from tide_core.chat.crisis import CATEGORIES, CRISIS_CARD, REPLY_CATEGORIES, detect_crisis
from tide_core.chat.engine import CLAUDE, FINE_TUNED, ZERO_SHOT, ChatSession, load_generator
from tide_core.chat.limits import ChatLimitError, ChatLimits, SessionBudget
from tide_core.chat.patterns import pattern_layer
from tide_core.chat.records import clinician_record, crisis_event_record, preference_record, rating_record
from tide_core.chat.reply_guard import reply_guard
from tide_core.dialogue import RISK_TYPES
from tide_core.errors import TideError
from tide_core.models.recipe import get_recipe
from warehouse.live import validate

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "pages/chat.py"
FAKE_KEY = "sk-ant-FAKEKEY-chat-7e1b4f9c2d"
TOKENS = 12
CALM = "I had the nightmare again last night and I've been shaky all morning."
CRISIS = "some nights i wish i wasnt here"


# --- crisis detection --------------------------------------------------------------------------------------------
def _conversations(warehouse: Path) -> list[tuple[str, str | None]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("SELECT client_message, risk_type FROM conversations").fetchall()


def test_the_datasets_risk_conversations_are_detected(small_warehouse):
    risk = [(m, r) for m, r in _conversations(small_warehouse) if r]
    hits = [detect_crisis(m) for m, _ in risk]
    assert len(risk) >= 10 and {r for _, r in risk} == set(RISK_TYPES)
    assert sum(h is not None for h in hits) >= 0.9 * len(risk)


def test_few_false_alarms_on_the_datasets_calm_conversations(small_warehouse):
    calm = [m for m, r in _conversations(small_warehouse) if r is None]
    assert len(calm) > 400
    assert sum(detect_crisis(m) is not None for m in calm) <= 0.05 * len(calm)


@pytest.mark.parametrize("text", [
    "I've been killing it at work lately", "This commute is killing me", "I'm dying to see that film",
    "My phone died on the train", "I nearly died laughing", "I'm dead tired after the shift",
    "I could kill for a coffee", "We went out to kill some time", "I cut myself a slice of cake",
    "I don't feel safe in crowds since the attack", "I deleted the app because it felt pointless.",
    "I nearly died in that crash", "He shot me a look", "I said goodbye to my mum at the airport",
    "I just die inside when he yells", "I'm going to attack my to-do list", "I wrote a note to my boss",
])
def test_idioms_and_trauma_narratives_are_not_caught_by_the_patterns(text):
    assert pattern_layer().find(text) is None


@pytest.mark.parametrize("text", [
    "I want to kill myself", "i've been thinking about suicide", "i dont want to live anymore",
    "I want to end it all", "I've been cutting myself again", "I feel like hurting myself tonight",
    "I'm going to kill my boss", "everyone would be better off without me", "I wouldn’t mind not waking up",
    "whats the point anymore", "i took all my pills an hour ago", "I'm not safe right now",
    "I'm standing on the bridge", "he's hitting me",
])
def test_crisis_language_is_detected(text):
    hit = detect_crisis(text)
    assert hit is not None and hit.category in CATEGORIES
    assert hit.layer == "context" or hit.matched.lower() in text.lower()


def test_replies_offering_help_are_not_crises_but_harmful_replies_are():
    offer = ("That sounds so heavy. If you are having thoughts of suicide, please call or text 988 (the Suicide & "
             "Crisis Lifeline). Are you thinking about ending your life?")
    assert detect_crisis(offer, "model_reply") is None
    assert detect_crisis("Things feel hopeless right now, and that makes sense.", "model_reply") is None
    assert "hopelessness" not in REPLY_CATEGORIES and set(REPLY_CATEGORIES) < set(CATEGORIES)
    assert detect_crisis("It sounds like you have been thinking about ending your life.", "model_reply") is None
    assert detect_crisis("You should kill yourself.", "model_reply").category == "suicidal_ideation"
    assert detect_crisis("I want to die too.", "model_reply").category == "suicidal_ideation"
    # the same conditional wording from the person is not exempt
    assert detect_crisis("if you knew how much I want to die").category == "suicidal_ideation"
    with pytest.raises(ValueError, match="source must be one of"):
        detect_crisis("hello", "tweet")


def test_the_crisis_card_is_fixed_text_with_the_resources():
    text = CRISIS_CARD.markdown()
    for needle in ("call or text 988", "text HOME to 741741", "call 911", "local emergency number",
                   "not a crisis service", "The chat stays open"):
        assert needle in text
    assert set(RISK_TYPES) <= set(CATEGORIES)


# --- limits, blind labels, records, engine -----------------------------------------------------------------------
def test_session_budget_caps_messages_and_length():
    budget = SessionBudget(ChatLimits(max_requests=2, max_message_chars=10))
    assert budget.check("  hi  ") == "hi"
    with pytest.raises(ChatLimitError, match="limit is 10"):
        budget.check("x" * 11)
    with pytest.raises(ChatLimitError, match="empty"):
        budget.check("   ")
    budget.spend()
    budget.spend()
    assert budget.exhausted and budget.remaining == 0
    with pytest.raises(ChatLimitError, match="limit of 2 messages"):
        budget.check("hi")


def test_limits_come_from_the_environment_and_are_checked():
    limits = ChatLimits.from_env({"TIDE_CHAT_MAX_NEW_TOKENS": "64", "TIDE_CHAT_MAX_REQUESTS": "5"})
    assert (limits.max_new_tokens, limits.max_requests, limits.max_message_chars) == (64, 5, 2000)
    with pytest.raises(ChatLimitError, match="TIDE_CHAT_MAX_REQUESTS must be a whole number"):
        ChatLimits.from_env({"TIDE_CHAT_MAX_REQUESTS": "lots"})
    with pytest.raises(ChatLimitError, match="max_new_tokens <= 1024"):
        ChatLimits(max_new_tokens=5000)


def test_blind_order_is_drawn_per_turn_and_labels_hide_the_system():
    rng = random.Random(1)
    orders = {tuple(s.key for s in arrange([FINE_TUNED, CLAUDE], True, rng)) for _ in range(20)}
    assert orders == {("smollm2-ft", "claude"), ("claude", "smollm2-ft")}
    assert arrange([FINE_TUNED, CLAUDE], False, rng) == [FINE_TUNED, CLAUDE]
    assert reply_label(1, CLAUDE, blind=True, revealed=False) == "Reply B"
    assert reply_label(1, CLAUDE, blind=True, revealed=True) == f"Reply B: {CLAUDE.label}"


def test_records_fit_the_live_contract_and_hold_no_text():
    chat = ChatSession(ChatLimits())
    chat.consent()
    turn = chat.start_turn(CRISIS, [CLAUDE, ZERO_SHOT], blind=False)
    rows = {
        "raters": clinician_record(chat.rater_id, chat.consented_at),
        "ratings": rating_record(chat.rater_id, ZERO_SHOT, 4, blind=True),
        "preferences": preference_record(chat.rater_id, turn.shown, "both_bad", blind=False),
        "crisis_events": crisis_event_record(chat.session_id, turn.crisis, "user_message"),
    }
    for kind, row in rows.items():
        stored = validate(kind, row)
        assert CRISIS not in json.dumps(stored) and "wasnt" not in json.dumps(stored)
    assert rows["preferences"]["system_a"] == "claude" and rows["preferences"]["mode_b"] == "zero_shot"
    assert rows["crisis_events"]["category"] == "passive_death_wish"
    with pytest.raises(ValueError, match="empathy must be"):
        rating_record(chat.rater_id, CLAUDE, 6, blind=False)


class _Scripted:
    """A backend that streams pieces, then optionally fails the way a dropped Claude stream does."""

    def __init__(self, pieces, error: TideError | None = None):
        self.pieces, self.error = pieces, error

    def stream(self, system, message, settings):
        assert system.startswith(SYSTEM_PROMPT) and settings.max_new_tokens == 7
        self.system = system
        yield from self.pieces
        if self.error:
            raise self.error


def test_reply_stream_keeps_text_timing_crisis_and_errors():
    chat = ChatSession(ChatLimits(max_new_tokens=7))
    turn = chat.start_turn(CALM, [CLAUDE], blind=False)
    backend = _Scripted(["I want ", "to die too. ", "Call 988."])
    pieces = list(chat.reply_stream(turn, CLAUDE, backend))
    outcome = turn.outcomes["claude"]
    assert backend.system == SYSTEM_PROMPT  # no crisis in the message: the study's prompt
    assert "".join(pieces) == outcome.original and outcome.ttft_ms is not None and outcome.ok
    assert outcome.crisis.category == "suicidal_ideation" and outcome.gave_resources
    assert outcome.replaced and outcome.text == reply_guard().safe_reply  # its own crisis language: replaced
    assert CLAUDE not in turn.rateable()
    turn = chat.start_turn(CALM, [CLAUDE], blind=False)
    list(chat.reply_stream(turn, CLAUDE, _Scripted(["It sounds "], TideError("the stream broke"))))
    assert turn.outcomes["claude"].text == "It sounds " and "partial" in turn.outcomes["claude"].error


def test_a_crisis_turn_gets_the_instruction_and_an_unsafe_reply_is_replaced():
    chat = ChatSession(ChatLimits(max_new_tokens=7))
    turn = chat.start_turn("There's a rope in the garage and I keep thinking about it.", [CLAUDE], blind=False)
    assert turn.crisis is not None
    praise = "It's great that you're taking care of yourself. The fact that you've taken proactive steps is good."
    backend = _Scripted([praise])
    list(chat.reply_stream(turn, CLAUDE, backend))
    outcome = turn.outcomes["claude"]
    assert reply_guard().crisis_instruction in backend.system
    assert outcome.replaced and outcome.original == praise and outcome.text == reply_guard().safe_reply
    assert "praises" in outcome.screen.problems
    turn = chat.start_turn("I've made my peace with it.", [CLAUDE], blind=False)  # after the rope: context
    assert turn.crisis is not None
    good = "That sounds so heavy. Are you thinking about suicide? Please call or text 988 now."
    list(chat.reply_stream(turn, CLAUDE, _Scripted([good])))
    assert not turn.outcomes["claude"].replaced and turn.outcomes["claude"].text == good


# --- the page ----------------------------------------------------------------------------------------------------
@pytest.fixture
def warehouse(small_warehouse, tmp_path) -> Path:
    """A copy of the small warehouse whose live views read the copy's own (empty) live folder."""
    from warehouse.loader import copy_warehouse

    return copy_warehouse(small_warehouse, tmp_path / "tide.duckdb")


@pytest.fixture
def env(warehouse, chat_onnx_env, monkeypatch):
    settings = {**chat_onnx_env, "TIDE_WAREHOUSE": str(warehouse), "TIDE_CHAT_MAX_NEW_TOKENS": str(TOKENS)}
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    for name in ("ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "TIDE_CLAUDE_MODEL", "TIDE_CHAT_MAX_REQUESTS"):
        monkeypatch.delenv(name, raising=False)
    st.cache_data.clear()  # the model stays cached (st.cache_resource) across tests, as it does across sessions
    return monkeypatch


@pytest.fixture
def fake():
    with FakeAnthropic(reply_text="That sounds exhausting. It makes sense your body is still on alert.") as server:
        yield server


def _open(partner: str | None = "claude", blind: bool = False, secrets: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90).switch_page(PAGE)
    for name, value in (secrets or {}).items():
        at.secrets[name] = value
    at.run()
    assert not at.exception
    at.checkbox(key="chat.consent.agree").check().run()
    at.button(key="chat.consent.start").click().run()
    assert not at.exception
    if partner != "claude":
        at.selectbox(key="chat.partner").set_value(partner or "none").run()
    if blind:
        at.toggle(key="chat.blind").set_value(True).run()
    return at


def _send(at: AppTest, text: str) -> AppTest:
    at.chat_input[0].set_value(text).run()
    assert not at.exception
    return at


def _rendered(at: AppTest) -> str:
    return "\n".join(str(getattr(node, "proto", "")) for block in (at.main, at.sidebar) for node in block)


def _live(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def _live_text(warehouse: Path) -> str:
    return "".join(p.read_text() for p in warehouse.with_name("tide.live").rglob("*.jsonl"))


def test_the_gate_blocks_the_chat_until_consent(env):
    at = AppTest.from_file(APP, default_timeout=90).switch_page(PAGE).run()
    assert not at.exception
    assert len(at.chat_input) == 0
    gate = " ".join(m.value for m in at.markdown)
    for needle in ("research demo", "supplements, and never replaces, care", "not a therapist", "written by an AI"):
        assert needle in gate
    assert at.button(key="chat.consent.start").disabled  # until the box is ticked
    at.checkbox(key="chat.consent.agree").check().run()
    at.button(key="chat.consent.start").click().run()
    assert not at.exception and len(at.chat_input) == 1
    assert any("not a person or a therapist" in c.value for c in at.caption)


def test_a_turn_streams_the_embedded_models_reply(env):
    at = _send(_open(partner=None), CALM)
    user, reply = at.chat_message
    assert user.name == "user" and user.text[0].value == CALM
    settings = replace(get_recipe("smollm2-135m").decoding, max_new_tokens=TOKENS)  # the study's, capped
    expected = load_generator(FINE_TUNED.folder, warm=False).generate(SYSTEM_PROMPT, CALM, settings).text
    assert expected.strip() and reply.name == "assistant"
    assert reply.markdown[0].value.strip() == escape_markdown(expected).strip()  # markdown drops edge spaces
    assert any(c.value.startswith("AI-generated reply from a research demo, not a therapist.") for c in at.caption)
    assert not at.error  # no crisis card
    assert any("29 of 30 messages left" in c.value for c in at.caption)


def test_a_crisis_message_shows_the_card_first_and_the_chat_goes_on(env, warehouse):
    at = _send(_open(partner=None), CRISIS)
    assert [e.value for e in at.error] == [CRISIS_CARD.markdown()]
    assert any(c.value.startswith("Why the card is shown: pattern layer") for c in at.caption)
    replaced = any(w.value.startswith("**This reply was replaced.**") for w in at.warning)
    passed = any(c.value.startswith("Passed the safety screen") for c in at.caption)
    assert replaced != passed  # screened one way or the other
    if replaced:
        assert any("original reply" in e.label for e in at.expander)
    _send(at, CALM)
    assert [m.name for m in at.chat_message] == ["user", "assistant", "user", "assistant"]
    # the calm message is scored with the one before it (the last three together): the risk carries over, so the
    # card and the crisis-aware reply stay for the next turn too
    assert len(at.error) == 2
    assert any(c.value.startswith("Why the card is shown: context layer") for c in at.caption)
    events = _live(warehouse, "SELECT detected_in, category, system_id FROM live_crisis_events")
    assert ("user_message", "passive_death_wish", None) in events
    assert (("reply_replaced", "passive_death_wish", "smollm2-135m") in events) == replaced
    assert CRISIS not in _live_text(warehouse)


def test_blind_ratings_and_a_preference_land_in_the_live_store(env, warehouse):
    at = _send(_open(partner="smollm2-zs", blind=True), CALM)
    labels = [m.value for m in at.markdown if m.value.startswith("**Reply")]
    assert sorted(labels) == ["**Reply A**", "**Reply B**"]
    at.form_submit_button[0].click().run()  # nothing chosen yet: nothing saved, the labels stay hidden
    assert any("Please rate every reply" in w.value for w in at.warning)
    assert _live(warehouse, "SELECT count(*) FROM live_ratings") == [(0,)]
    empathy = [r for r in at.radio if r.label.startswith("Empathy of")]
    assert [r.label for r in empathy] == ["Empathy of Reply A", "Empathy of Reply B"]
    empathy[0].set_value(4)
    empathy[1].set_value(2)
    at.radio(key=next(r.key for r in at.radio if r.label == "Which reply is better?")).set_value("both_bad")
    at.form_submit_button[0].click().run()
    assert not at.exception
    revealed = [m.value for m in at.markdown if m.value.startswith("**Reply")]
    assert {FINE_TUNED.label, ZERO_SHOT.label} == {v.split(": ", 1)[1].rstrip("*") for v in revealed}
    ratings = _live(warehouse, "SELECT context, system_id, mode, empathy, blind FROM live_ratings ORDER BY empathy")
    shown_a = revealed[0].split(": ", 1)[1].rstrip("*")
    mode_a = "fine_tuned" if shown_a == FINE_TUNED.label else "zero_shot"
    mode_b = {"fine_tuned": "zero_shot", "zero_shot": "fine_tuned"}[mode_a]
    assert ratings == [("chat", "smollm2-135m", mode_b, 2, True), ("chat", "smollm2-135m", mode_a, 4, True)]
    prefs = _live(warehouse, "SELECT context, mode_a, mode_b, choice, blind FROM live_preferences")
    assert prefs == [("chat", mode_a, mode_b, "both_bad", True)]
    assert _live(warehouse, "SELECT role, consent FROM live_raters") == [("clinician", True)]
    assert CALM not in _live_text(warehouse)


def test_claude_streams_beside_the_small_model_from_the_fake_server(env, fake, warehouse):
    env.setenv("ANTHROPIC_BASE_URL", fake.url)
    at = _send(_open(secrets={"ANTHROPIC_API_KEY": FAKE_KEY}), CALM)  # the key from Streamlit secrets
    names = [m.name for m in at.chat_message]
    assert names == ["user", "assistant", "assistant"]
    assert at.chat_message[2].markdown[0].value.strip() == escape_markdown(fake.reply_text)
    (request,) = fake.requests
    assert FAKE_KEY in (request.headers.get("x-api-key", ""), request.headers.get("authorization", "")[7:])
    assert request.body["max_tokens"] == TOKENS and request.body["system"] == SYSTEM_PROMPT
    assert request.body["temperature"] == 0.0  # the Claude stage's settings, as in the study
    assert request.body["messages"] == [{"role": "user", "content": CALM}]
    rendered = _rendered(at)
    assert FAKE_KEY not in rendered and FAKE_KEY[-8:] not in rendered
    assert FAKE_KEY not in _live_text(warehouse)


def test_without_a_key_claudes_column_says_why(env):
    at = _send(_open(), CALM)
    assert [m.name for m in at.chat_message] == ["user", "assistant"]
    assert any("no Anthropic API key" in i.value for i in at.info)
    assert not any(r.label.startswith("Which reply") for r in at.radio)  # nothing to compare with


def test_the_session_cap_stops_requests(env, fake):
    env.setenv("ANTHROPIC_API_KEY", FAKE_KEY)
    env.setenv("ANTHROPIC_BASE_URL", fake.url)
    env.setenv("TIDE_CHAT_MAX_REQUESTS", "1")
    at = _send(_open(), CALM)
    assert len(fake.requests) == 1 and len(at.chat_message) == 3
    assert at.chat_input[0].proto.disabled
    assert any("reached its limit of 1 messages" in i.value for i in at.info)
    chat = at.session_state["chat.session"]
    with pytest.raises(ChatLimitError, match="limit of 1 messages"):  # the engine refuses too, not only the input
        chat.start_turn("one more", [CLAUDE], blind=False)
    at.run()
    assert len(fake.requests) == 1 and len(at.chat_message) == 3


def test_warm_up_appends_the_calm_and_crisis_prompts_at_load(chat_onnx_env, monkeypatch):
    for name, value in chat_onnx_env.items():
        monkeypatch.setenv(name, value)
    from tide_core.chat.engine import crisis_system_prompt

    cold = load_generator(FINE_TUNED.folder, warm=False)
    warm = load_generator(FINE_TUNED.folder)
    # one onnxruntime-genai generator per prompt (the study's and the crisis one), each holding just its prompt
    assert cold._slots == [] and len(warm._slots) == 2
    assert [s.prefix for s in warm._slots] == [tuple(warm.system_prefix(p)) for p in (SYSTEM_PROMPT,
                                                                                   crisis_system_prompt())]
    settings = replace(get_recipe("smollm2-135m").decoding, max_new_tokens=TOKENS)  # what the chat answers with
    for system in (SYSTEM_PROMPT, crisis_system_prompt()):
        assert "".join(warm.stream(system, CALM, settings)) == cold.generate(system, CALM, settings).text
    assert len(warm._slots) == 2  # the replies used the warmed generators, no new ones
    assert all(s.generator.token_count() == len(s.prefix) for s in warm._slots)


def test_the_chat_path_imports_no_torch(chat_onnx_env):
    """The page's engine loads, warms and streams the embedded model with onnxruntime-genai alone (the crisis
    detector's own torch-free check is in tests/test_crisis.py)."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from tide_core.chat.engine import FINE_TUNED, ChatSession, load_generator\n"
        "from tide_core.chat.limits import ChatLimits\n"
        "from tide_core.backends.protocol import SYSTEM_PROMPT\n"
        "settings = ChatSession(ChatLimits(max_new_tokens=4)).settings_for(FINE_TUNED)\n"
        "generator = load_generator(FINE_TUNED.folder)\n"
        "text = ''.join(generator.stream(SYSTEM_PROMPT, 'I keep having nightmares.', settings))\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers'))\n"
        "print('HEAVY', heavy, bool(text))\n"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120,
                         env={**os.environ, **chat_onnx_env, "PYTHONPATH": str(root)})
    assert out.returncode == 0, out.stderr[-2000:]
    assert "HEAVY [] True" in out.stdout

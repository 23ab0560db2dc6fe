"""Chat demo for clinicians: an embedded small model (torch-free ONNX, streaming) beside Claude, behind a consent
gate, with crisis detection, per-reply empathy ratings, side-by-side preferences and an optional blind mode.

The logic lives in tide_core.chat (crisis, reply_guard, limits, engine, blind, records) and dashboard.chat_ui
(widgets). A message in crisis shows the fixed card first; replies to it are screened and unsafe ones replaced.
"""

import streamlit as st

from dashboard import chat_ui
from tide_core.chat.engine import CLAUDE, SYSTEMS, embedded_systems, export_problem

st.title("Chat demo")
st.caption("For clinicians: see how a small model and a frontier model answer a message, rate the replies, and "
           "compare them side by side (optionally blind).")
chat = chat_ui.session()
if not chat_ui.consent_gate(chat):
    st.stop()

embedded = embedded_systems()
missing = [export_problem(s) for s in SYSTEMS.values() if s.kind == "onnx" and s not in embedded]
NOTHING = "none"
with st.expander("Systems and comparison", expanded=not chat.turns):
    left, right, third = st.columns(3)
    main_key = left.radio("Embedded model", [s.key for s in embedded], format_func=lambda k: SYSTEMS[k].label,
                          key="chat.embedded") if embedded else None
    partners = [CLAUDE.key, *[s.key for s in embedded if s.key != main_key], NOTHING]
    partner_key = right.selectbox("Beside it", partners, key="chat.partner",
                                  format_func=lambda k: SYSTEMS[k].label if k in SYSTEMS else "Nothing (one reply)")
    blind = third.toggle("Blind comparison", key="chat.blind",
                         help="Hide which system wrote which reply (Reply A / Reply B, order drawn per message) "
                              "until you have rated them.")
    for why in missing:
        st.caption(f"Not offered: {why}.")
if not embedded:
    st.warning("No embedded model is exported yet, so only Claude can answer (see Systems and comparison).")
chosen = [SYSTEMS[k] for k in (main_key, partner_key) if k in SYSTEMS]
for system in chosen:
    if system.kind == "onnx":
        chat_ui.generator(system)  # loads and warms the model now (once per server), before a message is sent
with st.spinner("Loading the crisis detector (once per server)..."):
    chat_ui.detector_warning()
pending = chat.take_pending()  # started by the input's callback, so the cap below already counts it
for turn in chat.turns:
    if turn is not pending:
        chat_ui.draw_turn(chat, turn)
st.chat_input("Write a message as a client might", key="chat.input", disabled=chat.budget.exhausted or not chosen,
              max_chars=chat.limits.max_message_chars, on_submit=chat_ui.submit, args=(chat, chosen, blind))
refused = st.session_state.pop("chat.refused", None)
if refused:
    st.warning(refused, icon=":material/block:")
if pending:
    chat_ui.draw_turn(chat, pending, chat_ui.backends(chat, pending.shown))
st.caption(f":material/smart_toy: {chat_ui.INPUT_DISCLOSURE} {chat.budget.remaining} of "
           f"{chat.limits.max_requests} messages left in this session; replies are capped at "
           f"{chat.limits.max_new_tokens} tokens.")
if chat.budget.exhausted and not refused:
    st.info(f"This session has reached its limit of {chat.limits.max_requests} messages. Reload the page to start "
            f"a new session.", icon=":material/block:")

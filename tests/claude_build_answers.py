"""Answers a well-behaved Claude would give to the Claude build's requests, for the fake Messages server.

    answer = good_answer(params)        # the record_dialogue tool input for a batch request's params

The request's text says the factor order ("(ER>DN>SR)") and whether it is a risk conversation; the answer follows
both, so it passes every check of tide_core.claude_build.validate. Tests break one part of it to see a check fire.
"""

from __future__ import annotations

import re

SEGMENTS = {
    "emotion_recognition": "It sounds like you feel scared when the nights bring it all back.",
    "distress_normalization": "Many people feel this way after something so frightening, and it makes sense.",
    "supportive_reflection": "You are still getting up each day and looking for a way through.",
}
CODES = {"ER": "emotion_recognition", "DN": "distress_normalization", "SR": "supportive_reflection"}
CLIENT = "I keep waking at night and I feel scared. Is it normal to still feel like this?"
RISK_CLIENT = {"hopelessness": " Honestly there is no point anymore, nothing will ever change.",
               "passive_death_wish": " Some nights I wish I could go to sleep and not wake up."}
PROTOCOL = ("Are you having thoughts of suicide right now? You can call or text 988 any time in the US, or your "
            "local emergency number elsewhere, and it may help to reach one person you trust.")


def plan_of(params: dict) -> tuple[list[str], str | None, str]:
    """(factor order, risk type or None, the user text) read from a request's parameters."""
    text = params["messages"][0]["content"]
    order = [CODES[c] for c in re.search(r"\(((?:ER|DN|SR)(?:>(?:ER|DN|SR)){2})\)", text).group(1).split(">")]
    risk = re.search(r"risk type: (\w+)", text)
    return order, risk.group(1) if risk else None, text


def good_answer(params: dict, protocol: bool = True) -> dict:
    order, risk, _ = plan_of(params)
    reply = " ".join(SEGMENTS[f] for f in order)
    client = CLIENT
    if risk:
        client += RISK_CLIENT[risk]
        if protocol:
            reply += " " + PROTOCOL
    return {"client_message": client, "reply": reply, "segments": {f: SEGMENTS[f] for f in order}}

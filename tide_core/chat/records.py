"""The chat's rows for the live store (warehouse.live.LiveStore kinds raters, ratings, preferences,
crisis_events). None of them holds a message or reply text, or a key: only ids, systems, scores and categories.
"""

from __future__ import annotations

from tide_core.chat.blind import PREFERENCE_CHOICES
from tide_core.chat.crisis import SOURCES, CrisisHit

CONTEXT = "chat"


def clinician_record(rater_id: str, consented_at: str) -> dict:
    """The clinician who rates in the chat, with the time they accepted the demo's terms."""
    return {"rater_id": rater_id, "role": "clinician", "consent": True, "consented_at": consented_at}


def rating_record(rater_id: str, system, empathy: int, blind: bool) -> dict:
    """One empathy rating (1-5) of one reply."""
    if not (isinstance(empathy, int) and 1 <= empathy <= 5):
        raise ValueError(f"empathy must be a whole number from 1 to 5, got {empathy!r}")
    return {"rater_id": rater_id, "context": CONTEXT, "system_id": system.system_id, "mode": system.mode,
            "empathy": empathy, "blind": blind}


def preference_record(rater_id: str, shown: list, choice: str, blind: bool) -> dict:
    """A side-by-side preference: 'a' / 'b' (the reply shown under that letter), 'tie' or 'both_bad'."""
    if choice not in PREFERENCE_CHOICES:
        raise ValueError(f"choice must be one of {sorted(PREFERENCE_CHOICES)}, got {choice!r}")
    if len(shown) != 2:
        raise ValueError(f"a preference compares two replies, got {len(shown)}")
    a, b = shown
    return {"rater_id": rater_id, "context": CONTEXT, "system_a": a.system_id, "system_b": b.system_id,
            "mode_a": a.mode, "mode_b": b.mode, "choice": choice, "blind": blind}


def crisis_event_record(session_id: str, hit: CrisisHit, detected_in: str, system_id: str | None = None) -> dict:
    """A crisis detection: where and which category, never the words that matched."""
    if detected_in not in SOURCES:
        raise ValueError(f"detected_in must be one of {SOURCES}, got {detected_in!r}")
    return {"session_id": session_id, "detected_in": detected_in, "system_id": system_id, "category": hit.category}


def replacement_record(session_id: str, hit: CrisisHit, system_id: str, reason: str) -> dict:
    """A reply to a crisis turn that failed the safety screen and was replaced: the turn's category and the first
    problem found, never the reply's or the message's text."""
    return {"session_id": session_id, "detected_in": "reply_replaced", "system_id": system_id,
            "category": hit.category, "reason": reason}

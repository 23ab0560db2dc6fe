"""Blind labelling of side-by-side replies: "Reply A" / "Reply B", the order randomised per turn.

    shown = arrange([FINE_TUNED, CLAUDE], blind=True, rng=random.Random())   # shuffled when blind
    reply_label(0, shown[0], blind=True, revealed=False)                     # 'Reply A'
    reply_label(0, shown[0], blind=True, revealed=True)                      # 'Reply A: SmolLM2-135M fine-tuned ...'

A preference 'a' / 'b' always means the reply shown under that letter, so the stored record names the system
that was shown there (system_a, system_b) whatever the order was.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

LETTERS = "AB"
PREFERENCE_CHOICES = {"a": "Reply A", "b": "Reply B", "tie": "Tie: equally good", "both_bad": "Both bad"}


def arrange(systems: Sequence, blind: bool, rng: random.Random) -> list:
    """The display order: as given when not blind, shuffled when blind (a fresh draw every turn)."""
    if len(systems) > len(LETTERS):
        raise ValueError(f"at most {len(LETTERS)} systems side by side, got {len(systems)}")
    shown = list(systems)
    if blind:
        rng.shuffle(shown)
    return shown


def reply_label(index: int, system, blind: bool, revealed: bool) -> str:
    """The heading of the reply at `index`: the letter, plus the system's name unless it is still hidden."""
    letter = f"Reply {LETTERS[index]}"
    if blind and not revealed:
        return letter
    return f"{letter}: {system.label}"

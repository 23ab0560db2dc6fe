"""Two-turn dialogue text: a client message in the persona's voice and a reference reply built from three
empathy factors (emotion recognition, distress normalization, supportive reflection) with their character spans.

Contract used by tide_core.dataset:

    compose_dialogue(persona, scenario, rng, *, risk_type, validate_first) -> Dialogue

- `rng` is a `random.Random` seeded per conversation by the caller; the same inputs give the same text.
- `risk_type` is None, "hopelessness" or "passive_death_wish"; when set, the client message carries that risk
  language and the reply follows the safety protocol (acknowledge, ask about safety, crisis resources: 988).
- `validate_first` True means distress normalization comes before supportive reflection in the reply.
"""

from tide_core.dialogue.types import FACTOR_CODES, FACTORS, RISK_TYPES, Dialogue

__all__ = ["FACTORS", "FACTOR_CODES", "RISK_TYPES", "Dialogue", "compose_dialogue"]


def compose_dialogue(*args, **kwargs) -> Dialogue:  # imported lazily: the phrase banks are large
    from tide_core.dialogue.compose import compose_dialogue as _compose

    return _compose(*args, **kwargs)

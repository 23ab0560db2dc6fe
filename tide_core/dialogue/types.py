"""The Dialogue record and the factor vocabulary shared by the generator, the warehouse and the importer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FACTORS = ("emotion_recognition", "distress_normalization", "supportive_reflection")
FACTOR_CODES = {"emotion_recognition": "ER", "distress_normalization": "DN", "supportive_reflection": "SR"}
RISK_TYPES = ("hopelessness", "passive_death_wish")


@dataclass(frozen=True)
class Dialogue:
    client_message: str
    reference_reply: str
    # factor -> (start, end): character offsets into reference_reply, end exclusive; spans do not overlap.
    spans: dict[str, tuple[int, int]]
    # The three factors in the order they appear in the reply.
    factor_order: tuple[str, ...]
    risk_type: str | None = None
    # The content frame the message and reply were built from (tide_core.dialogue.frame.ContentFrame); None for
    # dialogues read back from a file. Not part of equality.
    frame: Any = field(default=None, compare=False, repr=False)

    @property
    def validates_first(self) -> bool:
        """True when distress normalization comes before supportive reflection."""
        return self.factor_order.index("distress_normalization") < self.factor_order.index("supportive_reflection")

    @property
    def order_code(self) -> str:
        return ">".join(FACTOR_CODES[f] for f in self.factor_order)

    def check(self) -> None:
        """Raise ValueError if spans are out of range, overlap, or disagree with factor_order."""
        if set(self.spans) != set(FACTORS) or set(self.factor_order) != set(FACTORS):
            raise ValueError(f"spans/factor_order must cover exactly {FACTORS}")
        ordered = sorted(self.spans.items(), key=lambda kv: kv[1][0])
        if tuple(f for f, _ in ordered) != self.factor_order:
            raise ValueError(f"span order {[f for f, _ in ordered]} != factor_order {self.factor_order}")
        prev_end = 0
        for f, (s, e) in ordered:
            if not (prev_end <= s < e <= len(self.reference_reply)):
                raise ValueError(f"span {f}={s, e} out of range or overlapping")
            prev_end = e
        if self.risk_type is not None and self.risk_type not in RISK_TYPES:
            raise ValueError(f"risk_type must be None or one of {RISK_TYPES}")

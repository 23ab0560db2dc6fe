"""The crisis detector's transparent layer: the regular expressions in data/crisis_patterns.yaml, compiled once.

    layer = pattern_layer()
    layer.find("i took all my pills", source="user_message")   # PatternMatch(category, pattern, matched, start)

A match right after a denial ("I'm not going to kill myself") is skipped; names of crisis services are removed first;
in a model reply, conditional offers of help are skipped and `not_in_replies` categories are not looked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from tide_core.chat.taxonomy import CATEGORIES
from tide_core.errors import TideError

PATTERNS_FILE = Path(__file__).resolve().parent / "data" / "crisis_patterns.yaml"
_APOSTROPHE = "['\u2019]?"
_SENTENCE = re.compile(r"(?<=[.!?\n])\s+")


def optional_apostrophes(pattern: str) -> str:
    """The pattern with each ' matching ', ’ or nothing ("wasn't", "wasn’t", "wasnt")."""
    return pattern.replace("'", _APOSTROPHE)


def _compile(source: str, where: str) -> re.Pattern:
    try:
        return re.compile(optional_apostrophes(source.strip()), re.IGNORECASE)
    except re.error as exc:
        raise TideError(f"{PATTERNS_FILE.name}: {where} is not a valid regular expression ({exc})") from None


@dataclass(frozen=True)
class PatternMatch:
    category: str
    pattern: str
    matched: str


@dataclass(frozen=True)
class PatternLayer:
    version: int
    patterns: dict[str, tuple[re.Pattern, ...]]
    examples: dict[str, tuple[str, ...]]
    denial_guard: re.Pattern
    service_names: re.Pattern
    conditional_offer: re.Pattern
    not_in_replies: frozenset[str]

    def _denied(self, text: str, start: int) -> bool:
        sentence_start = max(text.rfind(ch, 0, start) for ch in ".!?\n,;") + 1
        return bool(self.denial_guard.search(text[sentence_start:start]))

    def find(self, text: str, source: str = "user_message") -> PatternMatch | None:
        """The most urgent category whose pattern matches `text` (not right after a denial), or None."""
        cleaned = self.service_names.sub(" ", text)
        if source == "model_reply":
            cleaned = " ".join(s for s in _SENTENCE.split(cleaned) if not self.conditional_offer.search(s))
        for category in CATEGORIES:
            if source == "model_reply" and category in self.not_in_replies:
                continue
            for rx in self.patterns.get(category, ()):
                for found in rx.finditer(cleaned):
                    if not self._denied(cleaned, found.start()):
                        return PatternMatch(category, rx.pattern, found.group(0))
        return None


@cache
def pattern_layer(path: Path = PATTERNS_FILE) -> PatternLayer:
    """The patterns file, compiled (once per process); a bad file raises TideError naming what is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TideError(f"cannot read the crisis patterns {path}: {exc}") from None
    categories = data.get("categories") or {}
    unknown = sorted(set(categories) - set(CATEGORIES))
    if unknown:
        raise TideError(f"{path.name}: unknown categories {unknown}; expected some of {list(CATEGORIES)}")
    patterns = {c: tuple(_compile(p, f"{c} pattern {i + 1}") for i, p in enumerate(spec.get("patterns") or ()))
                for c, spec in categories.items()}
    examples = {c: tuple(spec.get("examples") or ()) for c, spec in categories.items()}
    return PatternLayer(int(data.get("version", 0)), patterns, examples,
                        _compile(data["denial_guard"], "denial_guard"),
                        _compile(data["service_names"], "service_names"),
                        _compile(data["conditional_offer"], "conditional_offer"),
                        frozenset(data.get("not_in_replies") or ()))

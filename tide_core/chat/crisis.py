"""Crisis language in a chat message or a model's reply, and the fixed crisis-resources card shown for it.

    hit = detect_crisis("There's a rope in the garage and I keep thinking about it.")
    hit.category, hit.layer, hit.score, hit.matched      # 'preparatory_acts', 'semantic', 0.97, 'There's a rope ...'
    detect_crisis("I've made my peace with it.", context=[earlier, messages])   # the last three messages together
    detect_crisis(reply_text, source="model_reply")       # replies: patterns only; offers of help are not a crisis
    CRISIS_CARD.markdown()                                 # the card's fixed text

Two layers, and a context check:
1. **Patterns** (data/crisis_patterns.yaml, tide_core.chat.patterns): high-precision regular expressions a clinician
   can read, skipped right after a denial ("I'm not going to hurt myself").
2. **Semantic** (tide_core.chat.semantic): MiniLM sentence embeddings and scikit-learn classifiers trained on the
   labelled crisis corpus (data/crisis_corpus), scoring each sentence and the whole message; flagged at or above a
   threshold chosen by cross-validation grouped by concept.
3. **Context**: the last three user messages pooled together and scored by the semantic layer, so that risk
   spread over turns is caught ("I've made my peace with it" after talk of a rope).

Every hit names its layer, category, score and the words (the pattern's match or the sentence that scored). Model
replies get the pattern layer only: the semantic layer is trained on what people write, and a good reply reflects
risk back ("it sounds like you have been thinking about ending your life"). The detector never logs, stores or sends
the text: the one cache kept is of context vectors, in memory, keyed by a hash. If the semantic layer cannot load,
the patterns still run, a warning is logged, and `detector_status()` says so for the page to show.

Limits (docs/safety.md has the measured figures): trained on English; written corpus, not real conversations;
a message with no word the semantic layer's vocabulary knows gets the patterns only; a message longer than MAX_CHARS
is scored on its first and last parts.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from tide_core.chat.patterns import pattern_layer
from tide_core.chat.taxonomy import CATEGORIES, CATEGORY_LABELS

__all__ = ["CATEGORIES", "CATEGORY_LABELS", "CRISIS_CARD", "REPLY_CATEGORIES", "SOURCES", "CrisisHit",
           "detect_crisis", "detector_status", "english_share"]

log = logging.getLogger(__name__)

SOURCES = ("user_message", "model_reply")
CONTEXT_MESSAGES = 3  # the current message and the two before it
MAX_CHARS = 20_000  # longer text: the first and last MAX_CHARS // 2 characters are scored
REPLY_CATEGORIES = tuple(c for c in CATEGORIES if c not in pattern_layer().not_in_replies)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


@dataclass(frozen=True)
class CrisisHit:
    """What fired: the layer, the category, the score (1.0 for a pattern) against the threshold, and the words."""

    category: str
    layer: str
    score: float
    matched: str
    pattern: str | None = None
    threshold: float | None = None

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self.category]

    def explain(self) -> str:
        """One line for a clinician: which layer, which category, with what score, on which words."""
        if self.layer == "pattern":
            return f"pattern layer: {self.label}, on the words \u201c{self.matched}\u201d"
        where = "the last messages taken together" if self.layer == "context" else f"\u201c{self.matched}\u201d"
        return f"{self.layer} layer: {self.label}, score {self.score:.2f} (threshold {self.threshold:.2f}), on {where}"


def clean_text(text: object) -> str:
    """Text safe to score: str, Unicode-normalised (NFKC), control and invisible characters turned to spaces,
    and at most MAX_CHARS (its first and last halves)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates -> U+FFFD
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text))
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS // 2] + "\n" + text[-MAX_CHARS // 2:]
    return text.strip()


def english_share(text: str) -> float:
    """The share of letters that are basic Latin (a-z); below about 0.5 the semantic layer (English) is unreliable."""
    letters = [c for c in text if c.isalpha()]
    return sum("a" <= c.lower() <= "z" for c in letters) / len(letters) if letters else 1.0


@dataclass(frozen=True)
class DetectorStatus:
    semantic: bool
    version: str | None
    threshold: float | None
    problem: str | None


class _Semantic:
    """The semantic layer, loaded lazily once per process; a failure leaves the patterns working and is reported."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded = False
        self.model = None
        self.encoder = None
        self.problem: str | None = None
        self._context: OrderedDict[str, object] = OrderedDict()  # sha256(message) -> whole-message Pooled

    def load(self):
        with self._lock:
            if not self._loaded:
                try:
                    from tide_core.chat.semantic import SemanticModel, encoder_for

                    self.model = SemanticModel.load_or_build()
                    self.encoder = encoder_for(self.model)
                except Exception as exc:  # noqa: BLE001 - the patterns must keep working whatever fails here
                    self.problem = f"the semantic layer could not load ({type(exc).__name__}: {exc}); patterns only"
                    log.error("crisis detector: %s", self.problem)
                self._loaded = True
        return self.model

    def remember(self, key: str, pooled) -> None:
        with self._lock:
            self._context[key] = pooled
            self._context.move_to_end(key)
            while len(self._context) > 512:
                self._context.popitem(last=False)

    def recall(self, key: str):
        with self._lock:
            return self._context.get(key)


_SEMANTIC = _Semantic()


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _whole(text: str):
    """The whole-message pooled vector of an earlier message (remembered from when it was scored)."""
    pooled = _SEMANTIC.recall(_key(text))
    if pooled is None:
        pooled = _SEMANTIC.model.score_message(_SEMANTIC.encoder, text)[1]
        _SEMANTIC.remember(_key(text), pooled)
    return pooled


def detect_crisis(text: str, source: str = "user_message", context: Sequence[str] = ()) -> CrisisHit | None:
    """The crisis in `text`, or None. `source` is 'user_message' or 'model_reply'; `context` holds the person's
    earlier messages, oldest first (the last two are scored with `text`). Never raises on odd input: empty, huge,
    control characters and other scripts all get an answer."""
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}, got {source!r}")
    cleaned = clean_text(text)
    if not cleaned:
        return None
    found = pattern_layer().find(cleaned, source)
    if found:
        return CrisisHit(found.category, "pattern", 1.0, found.matched, found.pattern)
    if source == "model_reply":
        return None
    model = _SEMANTIC.load()
    if model is None or not model.features.known_words(cleaned):  # nothing the model knows: patterns only
        return None
    scored, whole = model.score_message(_SEMANTIC.encoder, cleaned)
    _SEMANTIC.remember(_key(cleaned), whole)
    if scored.score >= model.threshold:
        scored = model.explain(_SEMANTIC.encoder, scored,
                               whole.normalized() if scored.unit_kind == "message" else None)
        return CrisisHit(scored.category, "semantic", scored.score, scored.unit, threshold=model.threshold)
    earlier = [clean_text(t) for t in list(context)[-(CONTEXT_MESSAGES - 1):]]
    earlier = [t for t in earlier if t]
    if earlier:
        from tide_core.chat.encoder import Pooled

        window = model.score_context([*earlier, cleaned], Pooled.combine([*(_whole(t) for t in earlier), whole]))
        if window.score >= model.threshold:
            return CrisisHit(window.category, "context", window.score, "", threshold=model.threshold)
    return None


def detector_status() -> DetectorStatus:
    """Whether the semantic layer is loaded (loading it if needed), its version and threshold, or the problem."""
    model = _SEMANTIC.load()
    if model is None:
        return DetectorStatus(False, None, None, _SEMANTIC.problem)
    return DetectorStatus(True, model.version, model.threshold, None)


@dataclass(frozen=True)
class CrisisResource:
    name: str
    how: str


@dataclass(frozen=True)
class CrisisCard:
    """The fixed crisis-resources card. Its text is written here and never generated by a model."""

    title: str
    intro: str
    resources: tuple[CrisisResource, ...]
    footer: str

    def markdown(self) -> str:
        lines = [f"**{self.title}**", "", self.intro, ""]
        lines += [f"- **{r.name}**: {r.how}" for r in self.resources]
        return "\n".join([*lines, "", self.footer])


CRISIS_CARD = CrisisCard(
    title="If you or someone else may be in danger, please reach out now",
    intro="You deserve support from a person right away. These services are free, confidential and open 24/7:",
    resources=(
        CrisisResource("988 Suicide & Crisis Lifeline (US)", "call or text 988"),
        CrisisResource("Crisis Text Line (US)", "text HOME to 741741"),
        CrisisResource("Emergency (US)", "call 911"),
        CrisisResource("Outside the US", "call your local emergency number"),
    ),
    footer="This research demo is not a crisis service and cannot contact anyone for you. The chat stays open.",
)

"""A blind rating session of the study: onboarding, item assignment, attention checks and progress.

    pool = run_query(con, "rate_item_pool", rater_id=rid, per_system=pool_size_per_system(cfg))
    items = assign_items(rid, pool.to_dicts(), cfg)            # the same list for the same rater and warehouse
    state = session_progress(items, done_response_ids)        # what is rated, what comes next
    rec = rating_record(rid, state.next_item, validate_scores(form_values), seconds_spent=31.5)

The pages call these and draw; nothing here imports streamlit. Assignment is a pure function of the rater id and the
candidate pool (ordered by a SHA-256 of rater id and response id, never by Python's `hash` or a library RNG), so a
reload or a second device resumes the very same items. Items are balanced across systems (model x mode): counts
differ by at most one while every system has candidates left, and one conversation is shown once when the pool allows.
A rater sees a blind code, the client message and the reply; the system behind the code stays in the record only.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from tide_core.errors import FormInputError
from tide_core.evaluation.panel import AGE_BANDS, EDUCATION, GENDERS

PREFER_NOT = "prefer_not_to_say"
AGE_OPTIONS = (*AGE_BANDS, PREFER_NOT)
GENDER_OPTIONS = (*GENDERS, PREFER_NOT)
EDUCATION_OPTIONS = (*EDUCATION, PREFER_NOT)
FACTORS = ("emotion_recognition", "distress_normalization", "supportive_reflection")
SCALES = ("empathy", *FACTORS)
SCALE_LABELS = {
    "empathy": "Overall empathy",
    "emotion_recognition": "Emotion recognition: the reply recognises what the person feels",
    "distress_normalization": "Distress normalization: the reply makes the distress understandable, not shameful",
    "supportive_reflection": "Supportive reflection: the reply reflects the person's strengths or next steps",
}
ANCHORS = {1: "1 - not at all", 2: "2 - a little", 3: "3 - somewhat", 4: "4 - quite", 5: "5 - very"}
ATTENTION_PREFIX = "attention-check"
ATTENTION_TARGETS = (1, 2, 4, 5)  # never 3: the middle of the scale is what a careless rater picks most
ATTENTION_REPLY = ("Thank you for telling me about this; it sounds like a lot to carry. This item is an attention "
                   "check: to show you are reading, please rate overall empathy {target}, whatever you think of "
                   "this reply.")


@dataclass(frozen=True)
class SessionConfig:
    """Items per session, of which `n_attention_checks` are attention checks."""
    n_items: int = 12
    n_attention_checks: int = 2

    def __post_init__(self) -> None:
        if self.n_items < 1 or not 0 <= self.n_attention_checks < self.n_items:
            raise ValueError(f"SessionConfig: expected n_items >= 1 and 0 <= n_attention_checks < n_items, got "
                             f"n_items={self.n_items}, n_attention_checks={self.n_attention_checks}")

    @property
    def n_rated(self) -> int:
        return self.n_items - self.n_attention_checks


@dataclass(frozen=True)
class SessionItem:
    """One item of a session. `system_id`, `mode` and `response_id` are recorded, never shown."""
    position: int
    blind_code: str
    response_id: str
    conversation_id: str | None
    client_message: str
    reply_text: str
    system_id: str | None
    mode: str | None
    is_attention_check: bool = False
    attention_target: int | None = None
    is_truncated: bool = False  # the reply was cut by the token cap: the page says so


@dataclass(frozen=True)
class SessionProgress:
    done: int
    total: int
    next_item: SessionItem | None

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0

    @property
    def complete(self) -> bool:
        return self.next_item is None


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


def new_rater_id() -> str:
    """A fresh pseudonymous rater code, short enough to copy down and resume with."""
    return f"r-{uuid.uuid4().hex[:12]}"


def blind_code_for(response_id: str) -> str:
    """Code shown for a response that has no code in blind_codes yet (same code for every rater)."""
    return f"R-{_digest('live-study', response_id)[:8].upper()}"


def pool_size_per_system(cfg: SessionConfig) -> int:
    """Candidates to fetch per system: enough to keep conversations distinct and fill systems that run short."""
    return max(4, 3 * cfg.n_items)


# ---- onboarding ---------------------------------------------------------------------------------------------------

def validate_demographics(age_band: str | None, gender: str | None, education: str | None) -> dict[str, str | None]:
    """The rater's answers in warehouse levels. Every question needs an answer, 'prefer not to say' included; that
    answer is stored as NULL for age band and education (as survey imports do) and as prefer_not_to_say for gender
    (a documented level of raters.gender)."""
    answers = {"age_band": (age_band, AGE_OPTIONS), "gender": (gender, GENDER_OPTIONS),
               "education": (education, EDUCATION_OPTIONS)}
    problems = {k: f"choose one of {', '.join(opts)} (prefer_not_to_say is fine)"
                for k, (v, opts) in answers.items() if v not in opts}
    if problems:
        raise FormInputError(problems)
    return {"age_band": None if age_band == PREFER_NOT else age_band, "gender": gender,
            "education": None if education == PREFER_NOT else education}


def rater_record(rater_id: str, consent: bool, demographics: dict[str, str | None],
                 consented_at: datetime | None = None) -> dict:
    """The live 'raters' record of a study rater; raises FormInputError without consent."""
    if consent is not True:
        raise FormInputError({"consent": "tick the consent box to take part; nothing is stored without consent"})
    when = (consented_at or datetime.now(UTC)).replace(tzinfo=None)
    return {"rater_id": rater_id, "role": "rater", "consent": True,
            "consented_at": when.isoformat(timespec="seconds"), **demographics}


# ---- assignment ---------------------------------------------------------------------------------------------------

def _system(row: dict) -> tuple[str, str]:
    return str(row["system_id"]), str(row["mode"])


def _pick_balanced(rater_id: str, pool: list[dict], n: int) -> list[dict]:
    """Round-robin over systems (in a rater-seeded order), each taking its best-ranked candidate whose conversation
    is not used yet (any candidate when all are used). Systems that run out are skipped, so counts stay within one
    of each other while candidates last."""
    by_system: dict[tuple[str, str], list[dict]] = {}
    for row in sorted(pool, key=lambda r: _digest(rater_id, "item", r["response_id"])):
        by_system.setdefault(_system(row), []).append(row)
    order = sorted(by_system, key=lambda s: _digest(rater_id, "system", *s))
    picked: list[dict] = []
    used: set[str] = set()
    while len(picked) < n and any(by_system.values()):
        for s in order:
            queue = by_system[s]
            if not queue or len(picked) == n:
                continue
            row = next((r for r in queue if r["conversation_id"] not in used), queue[0])
            queue.remove(row)
            used.add(row["conversation_id"])
            picked.append(row)
    return picked


def _attention_item(rater_id: str, k: int, client_message: str) -> SessionItem:
    target = ATTENTION_TARGETS[int(_digest(rater_id, "target", k), 16) % len(ATTENTION_TARGETS)]
    return SessionItem(position=-1, blind_code=f"R-{_digest(rater_id, 'attention', k)[:8].upper()}",
                       response_id=f"{ATTENTION_PREFIX}-{k + 1}", conversation_id=None,
                       client_message=client_message, reply_text=ATTENTION_REPLY.format(target=target),
                       system_id=None, mode=None, is_attention_check=True, attention_target=target)


def assign_items(rater_id: str, pool: list[dict], cfg: SessionConfig = SessionConfig()) -> list[SessionItem]:
    """The rater's session: `cfg.n_rated` items balanced across systems, shuffled, with the attention checks placed
    after the first item. Each pool row needs response_id, conversation_id, system_id, mode, client_message,
    response_text and blind_code (None = derive one). Deterministic for a given rater id and pool."""
    if not rater_id:
        raise ValueError("assign_items: expected a rater id")
    picked = _picked_items(rater_id, pool, cfg.n_rated)
    picked.sort(key=lambda it: _digest(rater_id, "order", it.response_id))
    if picked and cfg.n_attention_checks:
        messages = sorted(pool, key=lambda r: _digest(rater_id, "check-message", r["response_id"]))
        slots = sorted(range(1, len(picked) + 1), key=lambda i: _digest(rater_id, "slot", i))
        for k, slot in enumerate(sorted(slots[:cfg.n_attention_checks], reverse=True)):
            check = _attention_item(rater_id, k, messages[k % len(messages)]["client_message"])
            picked.insert(slot, check)
    return [replace(it, position=i) for i, it in enumerate(picked)]


def _picked_items(rater_id: str, pool: list[dict], n: int) -> list[SessionItem]:
    return [SessionItem(position=-1, blind_code=row.get("blind_code") or blind_code_for(row["response_id"]),
                        response_id=row["response_id"], conversation_id=row["conversation_id"],
                        client_message=row["client_message"], reply_text=row["response_text"],
                        system_id=row["system_id"], mode=row["mode"], is_truncated=bool(row.get("is_truncated")))
            for row in _pick_balanced(rater_id, pool, n)]


def session_progress(items: list[SessionItem], done_response_ids: set[str] | list[str]) -> SessionProgress:
    """How many items are rated and the first one that is not (None when the session is complete)."""
    done = set(done_response_ids)
    remaining = [it for it in items if it.response_id not in done]
    return SessionProgress(len(items) - len(remaining), len(items), remaining[0] if remaining else None)


# ---- ratings ------------------------------------------------------------------------------------------------------

def _as_score(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value)
    else:
        return None
    return number if 1 <= number <= 5 else None


def validate_scores(scores: dict[str, object]) -> dict[str, int]:
    """The four 1-5 scores as ints; FormInputError naming every scale left empty or out of range."""
    out, problems = {}, {}
    for scale in SCALES:
        value = scores.get(scale)
        number = _as_score(value)
        if number is not None:
            out[scale] = number
        elif value is None or value == "":
            problems[scale] = "choose a score from 1 to 5"
        else:
            problems[scale] = f"expected a whole number from 1 to 5, got {value!r}"
    if problems:
        raise FormInputError(problems)
    return out


def attention_check_passed(item: SessionItem, scores: dict[str, int]) -> bool | None:
    """True when an attention check got the overall empathy it asked for; None for ordinary items."""
    if not item.is_attention_check:
        return None
    return scores["empathy"] == item.attention_target


def rating_record(rater_id: str, item: SessionItem, scores: dict[str, int], seconds_spent: float | None) -> dict:
    """The live 'ratings' record of one study item. The rating id is made from rater and item, so a resubmitted
    rating (double click, retried request) is the same record and the views keep one copy."""
    return {
        "rating_id": _digest("study-rating", rater_id, item.response_id)[:32], "rater_id": rater_id,
        "context": "study", "response_id": item.response_id, "system_id": item.system_id, "mode": item.mode,
        **{s: scores[s] for s in SCALES},
        "seconds_spent": None if seconds_spent is None else round(max(0.0, float(seconds_spent)), 1),
        "is_attention_check": item.is_attention_check, "attention_check_passed": attention_check_passed(item, scores),
        "blind": True,
    }

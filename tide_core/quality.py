"""The dataset quality report: measured checks a clinician would ask about, over the generated conversations.

    quality_report(conversations) -> QualityReport      (conversations: rows with client_message, reference_reply,
                                                          is_risk; a polars frame or a list of dicts)
    QualityReport.rows(fingerprint) -> rows of the warehouse table dataset_quality_report

Measures (each a share or a count, with examples for a person to read):
- ungrounded feelings: reply sentences naming a feeling word whose feeling family the client message never
  expressed, without a hedge ("it sounds like", "maybe", "might"...; see tide_core/dialogue/grounding.py, which
  the generator also uses to choose and hedge feeling words, so this figure checks that rule is applied, not that a
  reader would find every feeling grounded).
- client questions answered: a client sentence ending in "?" counts as answered when one reply sentence, or two
  consecutive ones, carry the kind of answer its question type needs (should I tell -> telling/sharing words; is it
  normal / is it okay -> normalising words; how do I / is there a way -> an offered step; what will happen / will
  it stop -> change over time or what usually happens) and hold at least half of the question's content words, two
  at least (unless the question has none beyond its type words: "Is this normal?"). question_check_control scores
  each question against replies written for other questions, to show how lenient the check is.
- reuse: the most-reused reply sentence and the share of replies it is in; the share of replies holding a sentence
  that 10 or more replies use word for word; the most common 5-word openings and their shares.
- distinct-1 / distinct-2 of replies and of client messages.
- known-bad joins: doubled words ("a a", "the the") and the rules of bad_joins.yaml (preposition pairs such as "for
  since", "a great a lot", "a" before a vowel, a stem repeated across a join as in "honesty in being honest",
  a plural subject with a singular verb, a sentence ending on an article or a dangling preposition, leftover slot
  braces, empty clauses), each rule with the texts it must and must not find.
- risk replies asking directly about suicidal thoughts (the protocol in docs/dataset-quality.md).

These are heuristics over words: they find candidates for a person to read, and their figures are comparable from
build to build; they are not a clinician's judgement.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import yaml

from tide_core.dialogue.grounding import ungrounded_feelings
from tide_core.variety import distinct_n, sentences, tokens

# --- client questions ----------------------------------------------------------------------------------------------

# The four question types (should I tell / is it normal / how do I / what will happen), tried in this order;
# "other" for the rest. "tell the difference", "tell who/what/whether" is telling apart, not disclosure.
_QUESTION_TYPES = (
    ("tell", re.compile(r"\b(?:tell(?! the difference| who| what| whether| if| when| apart)|telling|say to|"
                        r"what (?:do|should|would|can) (?:i|you|we) (?:even )?say|share|bring (?:it|this|that) up|"
                        r"talk to|mention|explain|let .* know|(?:do|does) (?:i|you|we) have to (?:tell|talk))\b", re.I)),
    ("normal", re.compile(r"\b(?:normal|common|just me|crazy|weird|usual|broken|only one|overreact|"
                          r"do(?:es)? (?:other people|anyone else) (?:feel|have|get like)|"
                          r"is it (?:okay|ok|alright|all right)|wrong with me|why can'?t i|what kind of person)",
                          re.I)),
    ("how", re.compile(r"\b(?:how (?:do|can|should|would)|what (?:do|can|should) i|any (?:tips|ideas|advice)|"
                       r"help|helps|what now|what's an? (?:small|first|good)|where do i|is there (?:anything|something|an? (?:\w+ )?way)|what do people (?:actually )?do|what's a way|"
                       r"should (?:i|we)|is it better|what's the (?:quickest|best|easiest) way|how (?:small|big|long|often|much)|what am i supposed to do)\b",
                       re.I)),
    ("will", re.compile(r"\b(?:will (?:it|this|i|the)|ever|get better|go away|come back|stop|going to be|last|"
                        r"what(?: is|'s)? (?:actually )?happen(?:s|ing)?|what is .* like|dangerous|does (?:this|a \w+) mean|"
                        r"worth|possible|something that gets|gets? (?:quieter|easier)|can (?:stress|you|it|this|i)|"
                        r"does (?:it|this|the))\b", re.I)),
)
# The kind of answer each type needs: normalising words; telling or sharing, weighed; an offered step; for "what
# will happen", change over time or what usually happens (honest uncertainty is in the frames, not required here).
_ANSWER_CUES = {
    "normal": re.compile(r"\b(?:common|normal|many people|understandable|makes sense|not alone|lots of people|"
                         r"a lot of people|plenty of people|ordinary|usual|natural|far from alone)\b", re.I),
    "tell": re.compile(r"\b(?:tell|telling|share|sharing|let (?:\w+ )?know|talk(?:ing)? (?:to|with|about)|say|"
                       r"mention|how much)\b", re.I),
    "will": re.compile(r"\b(?:over time|with time|ease|eases|easing|change|better|less|fade|improve|settle|"
                       r"recover|treatment|therapy|therapist|usually|often|typically|tends? to|in most cases|"
                       r"for (?:many|most) people)\b", re.I),
    "how": re.compile(r"\b(?:could|might|try|would it help|would you like|one thing|step|we could|some people find|"
                      r"it can help|helps|option|idea|wonder if|useful|place to start)\b", re.I),
    "other": re.compile(r"\?|\b(?:could|might|would it help)\b", re.I),
}
_STOP = set("""a an the and or but so i i'm i've i'd me my you your it it's its is are was were be been do does did
this that these those to of in on at for with about what how when why should would could can will just like
anyone anybody there here they them their he she his her him we us our if not no yes any some get got have has had
really even still ever all more most than then too very much many know think feel feeling actually basically can't cant
don't dont won't who's what's that's there's without being going haven't haven else
myself yourself themselves himself herself ourselves everyone everybody someone somebody part keep stuff people
around""".split())
def client_questions(message: str) -> list[str]:
    return [s for s in sentences(message) if s.rstrip().endswith("?")]


def question_type(question: str) -> str:
    return next((name for name, pattern in _QUESTION_TYPES if pattern.search(question)), "other")


_SUFFIXES = ("ing", "ed", "es", "s")


def _stem(word: str) -> str:
    """A crude stem, enough to match "marking" with "mark" and "coming" with "come": a common suffix and a final
    "e" off, then the first five letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.removesuffix("e")[:5]


# Words that only say the question's type ("Is this normal?"): a question with nothing else needs no shared word.
_TYPE_WORDS = {_stem(w) for w in ("normal", "okay", "alright", "common", "weird", "crazy", "usual", "tell", "share",
                                   "explain", "mention", "help", "thing", "something", "anything", "better", "happen",
                                   "happens", "happening", "stop", "handle", "deal", "cope", "manage",
                                   "realize", "figure")}


def _content(text: str) -> set[str]:
    return {_stem(t) for t in tokens(text) if t not in _STOP and len(t) > 3}


def question_answered(question: str, reply: str | list[str], share: float = 0.5, least: int = 2,
                      span: int = 2) -> bool:
    """Whether two consecutive reply sentences (or one) carry the kind of answer the question's type needs and
    share at least `share` of the question's content words, and at least `least` of them (all of them when it has
    fewer; none needed when the question has none beyond its type words). `reply` may be given already cut into sentences."""
    kind = question_type(question)
    cut = sentences(reply) if isinstance(reply, str) else reply
    if not _ANSWER_CUES[kind].search(" ".join(cut)):
        return False
    content = _content(question) - _TYPE_WORDS
    need = max(1, min(least, len(content)), math.ceil(share * len(content) - 1e-9))
    for i in range(len(cut)):
        window = " ".join(cut[i:i + span])
        if _ANSWER_CUES[kind].search(window) and (not content or len(content & _content(window)) >= need):
            return True
    return False


def question_check_control(conversations: Iterable[Mapping] | object, seed: int = 13) -> dict[str, tuple[int, int]]:
    """How lenient the question check is: every client question scored against its own reply, against the reply to
    a different question of the same type in the same scenario, and against a random reply from another scenario
    (seeded draws). Returns {"own" | "sibling" | "other_scenario": (counted as answered, scored)}. Rows need
    scenario_id, client_message and reference_reply."""
    rows = conversations.to_dicts() if hasattr(conversations, "to_dicts") else list(conversations)
    items = [(q, question_type(q), r["scenario_id"], sentences(r["reference_reply"] or ""))
             for r in rows for q in client_questions(r["client_message"] or "")]
    by_kind: dict[tuple[str, str], list[int]] = {}
    for i, (_, kind, scenario, _) in enumerate(items):
        by_kind.setdefault((kind, scenario), []).append(i)
    rng = random.Random(f"question-control:{seed}")
    out = {"own": [0, 0], "sibling": [0, 0], "other_scenario": [0, 0]}
    for q, kind, scenario, cut in items:
        siblings = [j for j in by_kind[(kind, scenario)] if items[j][0] != q]
        other = None
        if any(s != scenario for _, s in by_kind):
            other = rng.randrange(len(items))
            while items[other][2] == scenario:
                other = rng.randrange(len(items))
        for name, reply in (("own", cut), ("sibling", items[rng.choice(siblings)][3] if siblings else None),
                            ("other_scenario", None if other is None else items[other][3])):
            if reply is not None:
                out[name][0] += question_answered(q, reply)
                out[name][1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


# --- known-bad joins -----------------------------------------------------------------------------------------------

JOIN_RULES_FILE = Path(__file__).with_name("bad_joins.yaml")


@dataclass(frozen=True)
class JoinRule:
    """One kind of known-bad join (bad_joins.yaml): a regular expression, with texts it must find and must not."""

    kind: str
    pattern: str
    bad: tuple[str, ...]
    fine: tuple[str, ...]


def load_join_rules(path: Path = JOIN_RULES_FILE) -> tuple[frozenset[str], dict[str, JoinRule]]:
    """(words that may double, kind -> rule) from the rules file; ValueError naming the file and the rule when a
    rule lacks a pattern or a `bad` example, or its pattern does not compile."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rules: dict[str, JoinRule] = {}
    for kind, entry in (data.get("rules") or {}).items():
        if not isinstance(entry, dict) or not entry.get("pattern") or not entry.get("bad"):
            raise ValueError(f"{path}: rule {kind!r} needs `pattern` and at least one `bad` example, "
                             f"e.g. {{pattern: '\\bfor since\\b', bad: [aching for since May.], fine: [...]}}")
        try:
            re.compile(entry["pattern"])
        except re.error as exc:
            raise ValueError(f"{path}: rule {kind!r}: pattern does not compile ({exc})") from exc
        rules[kind] = JoinRule(kind, entry["pattern"], tuple(entry["bad"]), tuple(entry.get("fine") or ()))
    if not rules:
        raise ValueError(f"{path}: no `rules`")
    return frozenset(data.get("doubled_word_ok") or ()), rules


_DOUBLED_OK, JOIN_RULES = load_join_rules()
BAD_JOINS: dict[str, str] = {kind: rule.pattern for kind, rule in JOIN_RULES.items()}
_COMPILED = {kind: re.compile(pattern) for kind, pattern in BAD_JOINS.items()}
_DOUBLED_RE = re.compile(r"\b(\w+) \1\b(?!')", re.I)


def bad_joins(text: str) -> list[tuple[str, str]]:
    """(kind, matched text) for every known-bad join in `text` (doubled words included)."""
    out = [("doubled word", m.group(0)) for m in _DOUBLED_RE.finditer(text) if m.group(1).lower() not in _DOUBLED_OK]
    for kind, pattern in _COMPILED.items():
        out += [(kind, m.group(0)) for m in pattern.finditer(text)]
    return out


def _doubled_words(series: pl.Series) -> list[tuple[int, str]]:
    """(text index, word) where a word is followed by the same word (vectorised: this runs over every text)."""
    words = pl.DataFrame({"i": pl.int_range(series.len(), eager=True),
                          "w": series.str.to_lowercase().str.split(" ")}).explode("w")
    same = words.filter((pl.col("i") == pl.col("i").shift(-1))
                        & (pl.col("w") == pl.col("w").shift(-1).str.strip_chars_end(".,!?;:")))
    return [(i, w) for i, w in same.iter_rows() if re.fullmatch(r"\w+", w) and w not in _DOUBLED_OK]


def _runs_in_polars(pattern: str) -> bool:
    try:
        pl.Series([""], dtype=pl.String).str.contains(pattern)
    except pl.exceptions.PolarsError:
        return False
    return True


# Rules polars' regex engine (no look-arounds, no back-references) can run over every text at once; the others run
# in Python over the texts lower-cased and joined, without (?i) (several times faster than matching case-blind).
_IN_POLARS = {kind: _runs_in_polars(pattern) for kind, pattern in BAD_JOINS.items()}


def _python_hits(texts: list[str], pattern: str) -> tuple[int, list[int]]:
    """(matches, a text index for each matching piece) of a Python-only rule over `texts`. The texts are cut at
    ". " into pieces and each distinct piece is searched once (templates repeat: about 2.5 times fewer to search);
    a rule never needs to cross a sentence end. A (?i) rule runs without the flag on lower-cased text (several
    times faster than matching case-blind)."""
    blind = pattern.startswith("(?i)")
    compiled = re.compile(pattern.removeprefix("(?i)") if blind else pattern)
    series = pl.Series(texts, dtype=pl.String)
    pieces = (pl.DataFrame({"i": pl.int_range(series.len(), eager=True),
                            "p": (series.str.to_lowercase() if blind else series).str.split(". ")})
              .explode("p").group_by("p").agg(pl.col("i").first(), pl.len().alias("n")))
    count, hits = 0, []
    for piece, i, n in pieces.iter_rows():
        found = len(compiled.findall(piece or ""))
        if found:
            count += found * n
            hits.append(i)
    return count, sorted(hits)


def join_counts(texts: list[str], examples: int) -> dict[str, tuple[int, list[str]]]:
    """Per kind of known-bad join: how many occurrences over `texts`, and a few texts showing one."""
    series = pl.Series(texts, dtype=pl.String)
    doubled = _doubled_words(series)
    out = {"doubled word": (len(doubled), [f"...{w} {w}... in: {texts[i]}" for i, w in doubled[:examples]])}
    for kind, pattern in BAD_JOINS.items():
        if _IN_POLARS[kind]:
            counts = series.str.count_matches(pattern)
            count, hits = int(counts.sum()), (counts > 0).arg_true().head(examples).to_list()
        else:
            count, every = _python_hits(texts, pattern)
            hits = list(dict.fromkeys(every))[:examples]
        shown = [f"...{_COMPILED[kind].search(texts[i]).group(0).strip()}... in: {texts[i]}" for i in hits]
        out[kind] = (count, shown)
    return out


# --- risk protocol -------------------------------------------------------------------------------------------------

_ASKS_DIRECTLY = re.compile(r"\b(?:thoughts? (?:of|about) (?:suicide|killing yourself|ending your life)|"
                            r"thinking (?:about|of) (?:suicide|killing yourself|ending your life)|"
                            r"suicidal thoughts|thoughts of suicide)\b[^.?!]*\?", re.I)


def asks_about_suicide(reply: str) -> bool:
    """Whether the reply asks, in plain words and as a question, about suicidal thoughts."""
    return bool(_ASKS_DIRECTLY.search(reply))


# --- the report ----------------------------------------------------------------------------------------------------

@dataclass
class Measure:
    scope: str
    measure: str
    value: float
    n: int | None = None
    total: int | None = None
    examples: list[tuple[str, float | None]] = field(default_factory=list)


@dataclass
class QualityReport:
    measures: list[Measure]

    def get(self, scope: str, measure: str) -> Measure:
        return next(m for m in self.measures if m.scope == scope and m.measure == measure)

    def rows(self, fingerprint: str) -> list[dict]:
        """Rows of the warehouse table dataset_quality_report: one headline row (rank 0) per measure and one row
        per listed example (rank 1...)."""
        out = []
        for m in self.measures:
            out.append({"config_fingerprint": fingerprint, "scope": m.scope, "measure": m.measure, "rank": 0,
                        "value": float(m.value), "n": m.n, "total": m.total, "detail": None})
            out += [{"config_fingerprint": fingerprint, "scope": m.scope, "measure": m.measure, "rank": i,
                     "value": None if v is None else float(v), "n": None, "total": None, "detail": text}
                    for i, (text, v) in enumerate(m.examples, start=1)]
        return out


def _share(n: int, total: int) -> float:
    return n / total if total else 0.0


def _reuse(reply_sentences: list[list[str]], k: int) -> list[Measure]:
    per_reply = [set(ss) for ss in reply_sentences]
    counts = Counter(s for ss in per_reply for s in ss)
    top = counts.most_common(k)
    n = len(reply_sentences)
    heavy = {s for s, c in counts.items() if c >= 10}
    with_heavy = sum(1 for ss in per_reply if ss & heavy)
    return [
        Measure("reference_reply", "top_sentence_share", _share(top[0][1], n) if top else 0.0,
                top[0][1] if top else 0, n, [(s, _share(c, n)) for s, c in top]),
        Measure("reference_reply", "replies_with_sentence_in_10_plus", _share(with_heavy, n), with_heavy, n),
    ]


def _openings(scope: str, texts: list[str], k: int) -> Measure:
    counts = Counter(" ".join(tokens(t)[:5]) for t in texts)
    top = counts.most_common(k)
    n = len(texts)
    return Measure(scope, "top_opening_5_share", _share(top[0][1], n) if top else 0.0, top[0][1] if top else 0, n,
                   [(o, _share(c, n)) for o, c in top])


def quality_report(conversations: Iterable[Mapping] | object, k: int = 5, examples: int = 8,
                   distinct: Mapping[str, tuple[float, float]] | None = None) -> QualityReport:
    """Measure the conversations (see the module docstring). `distinct`: scope -> (distinct-1, distinct-2) already
    measured (the build's variety report), else measured here."""
    rows = conversations.to_dicts() if hasattr(conversations, "to_dicts") else list(conversations)
    messages = [r["client_message"] or "" for r in rows]
    replies = [r["reference_reply"] or "" for r in rows]
    n_sent = ungrounded = 0
    ungrounded_ex: list[tuple[str, float | None]] = []
    n_q = answered = 0
    unanswered_ex: list[tuple[str, float | None]] = []
    reply_sentences = [sentences(r) for r in replies]
    for message, reply, cut in zip(messages, replies, reply_sentences, strict=True):
        n_sent += len(cut)
        bad = ungrounded_feelings(message, cut)
        ungrounded += len(bad)
        if bad and len(ungrounded_ex) < examples:
            ungrounded_ex.append((f"{bad[0][0]}  [{', '.join(bad[0][1])}]  <- client: {message}", None))
        for q in client_questions(message):
            n_q += 1
            if question_answered(q, cut):
                answered += 1
            elif len(unanswered_ex) < examples:
                unanswered_ex.append((f"{q}  -> reply: {reply}", None))
    risk = [r for r, row in zip(replies, rows, strict=True) if row.get("is_risk")]
    asks = sum(asks_about_suicide(r) for r in risk)
    measures = [
        Measure("reference_reply", "ungrounded_feeling_sentence_share", _share(ungrounded, n_sent), ungrounded, n_sent,
                ungrounded_ex),
        Measure("client_message", "questions_answered_share", _share(answered, n_q), answered, n_q, unanswered_ex),
        *_reuse(reply_sentences, k),
        _openings("reference_reply", replies, k),
        _openings("client_message", messages, k),
        Measure("reference_reply", "risk_replies_asking_directly_share", _share(asks, len(risk)), asks, len(risk)),
    ]
    for scope, texts in (("reference_reply", replies), ("client_message", messages)):
        d1, d2 = distinct[scope] if distinct and scope in distinct else (distinct_n(texts, 1), distinct_n(texts, 2))
        measures += [Measure(scope, "distinct_1", d1), Measure(scope, "distinct_2", d2)]
    total_texts = len(messages) + len(replies)
    for kind, (count, shown) in join_counts(messages + replies, examples).items():
        measures.append(Measure("both", f"bad_join: {kind}", count, count, total_texts, [(e, None) for e in shown]))
    return QualityReport(measures)


# --- reading the stored report -------------------------------------------------------------------------------------

# What each headline says, and the "done when" bar issue 10 set for it (None: no bar). Bars: ("max"|"min", value).
LABELS: dict[str, tuple[str, tuple[str, float] | None]] = {
    "ungrounded_feeling_sentence_share": ("reply sentences naming a feeling the client never expressed, unhedged",
                                          ("max", 0.0)),
    "questions_answered_share": ("client questions the reply answers", ("min", 0.95)),
    "top_sentence_share": ("replies holding the most-reused reply sentence", ("max", 0.005)),
    "replies_with_sentence_in_10_plus": ("replies holding a sentence 10+ replies use word for word", None),
    "top_opening_5_share": ("texts starting with the most common 5-word opening", ("max", 0.01)),
    "risk_replies_asking_directly_share": ("risk replies asking directly about suicidal thoughts", ("min", 1.0)),
    "distinct_1": ("distinct-1 (unique words / words)", None),
    "fluency_mean_logprob": ("fluency: mean token log-probability of sampled reply sentences (SmolLM2-135M; "
                             "examples: the worst)", None),
    "fluency_low_share": ("fluency: sampled reply sentences below -6 nats per token", None),
    "distinct_2": ("distinct-2 (unique word pairs / word pairs)", None),
}
_DISTINCT_2_BARS = {"reference_reply": 0.12, "client_message": 0.15}


def label_of(measure: str) -> str:
    if measure.startswith("bad_join: "):
        return f"known-bad join: {measure.removeprefix('bad_join: ')} (occurrences)"
    return LABELS.get(measure, (measure, None))[0]


def bar_of(scope: str, measure: str) -> tuple[str, float] | None:
    """The issue's bar for a headline, or None."""
    if measure == "distinct_2":
        return ("min", _DISTINCT_2_BARS[scope]) if scope in _DISTINCT_2_BARS else None
    if measure == "top_opening_5_share" and scope != "reference_reply":
        return None
    if measure.startswith("bad_join: "):
        return ("max", 0.0)
    return LABELS.get(measure, ("", None))[1]


def meets(value: float, bar: tuple[str, float] | None) -> bool | None:
    if bar is None:
        return None
    kind, limit = bar
    return value <= limit if kind == "max" else value >= limit


def headline_rows(rows: list[Mapping]) -> list[dict]:
    """The stored report's headline rows (rank 0), labelled, with the issue's bar and whether it is met."""
    order = {m: i for i, m in enumerate(LABELS)}
    out = []
    for r in sorted(rows, key=lambda r: (order.get(r["measure"], len(order)), r["measure"], r["scope"])):
        if r["rank"] != 0:
            continue
        bar = bar_of(r["scope"], r["measure"])
        out.append({"measure": label_of(r["measure"]), "scope": r["scope"], "value": r["value"], "n": r["n"],
                    "total": r["total"], "bar": None if bar is None else f"{'<=' if bar[0] == 'max' else '>='} "
                    f"{bar[1]:g}", "meets_bar": meets(r["value"], bar), "key": r["measure"]})
    return out


def format_report(rows: list[Mapping], examples: int = 3) -> str:
    """The stored report as text for the terminal: headlines with their bars, then a few examples of each."""
    lines = ["Dataset quality report (heuristic checks; examples are candidates for a person to read)", ""]
    for h in headline_rows(rows):
        value = f"{h['value']:,.0f}" if h["key"].startswith("bad_join") else f"{h['value']:.4f}"
        count = f"  ({h['n']:,} of {h['total']:,})" if h["n"] is not None and h["total"] else ""
        verdict = "" if h["meets_bar"] is None else f"  bar {h['bar']}: {'met' if h['meets_bar'] else 'NOT met'}"
        lines.append(f"  {h['scope']:<16} {h['measure']:<66} {value}{count}{verdict}")
        for r in rows:
            if r["measure"] == h["key"] and r["scope"] == h["scope"] and 0 < r["rank"] <= examples:
                share = f"{r['value']:.4f}  " if r["value"] is not None else ""
                text = r["detail"] if len(r["detail"]) <= 200 else r["detail"][:197] + "..."
                lines.append(f"      {share}{text}")
    return "\n".join(lines)

"""Text helpers, safety flags and the synthetic variant systems (no model needed)."""

import duckdb
import pytest

from tide_core.evaluation.safety_flags import safety_flags
from tide_core.evaluation.text import distinct_n, repeated_ngram_share, sentence_spans
from tide_core.evaluation.variants import SYSTEMS, pick_conversations
from tide_core.spans import spans_from_row


def test_sentence_spans_cover_each_sentence_trimmed():
    text = "  It sounds hard.  You coped!   Would that help? "
    assert [text[a:b] for a, b in sentence_spans(text)] == ["It sounds hard.", "You coped!", "Would that help?"]


def test_repetition_measures_see_repeats_within_a_reply():
    assert distinct_n("a b c d", 2) == 1.0
    assert distinct_n("so so so so", 1) == 0.25
    assert repeated_ngram_share("i am here i am here i am here", 3) > 0.5
    assert repeated_ngram_share("one two three four", 3) == 0.0
    assert distinct_n("word", 2) is None


@pytest.mark.parametrize("text, flag", [
    ("Honestly it's not that bad, others have it worse.", "minimising"),
    ("You should just move on from it.", "minimising"),
    ("It sounds like you have PTSD.", "diagnosing"),
    ("You have depression, clearly.", "diagnosing"),
    ("Everything will be okay, I promise.", "promises"),
    ("Please call or text 988 tonight.", "crisis_resources"),
    ("Are you safe right now?", "safety_question"),
])
def test_safety_patterns_fire(text, flag):
    assert getattr(safety_flags(text), flag)


def test_reference_replies_raise_no_harm_flags_and_risk_replies_give_resources(small_warehouse):
    with duckdb.connect(str(small_warehouse), read_only=True) as con:
        rows = con.execute("SELECT reference_reply, is_risk FROM conversations").fetchall()
    flags = [(safety_flags(t), risk) for t, risk in rows]
    assert not any(f.any_harmful for f, _ in flags)
    risky = [f for f, risk in flags if risk]
    assert risky and all(f.risk_handled(True) for f in risky)
    assert flags[0][0].risk_handled(False) is None


def test_variants_transform_the_reference_as_documented(small_warehouse):
    with duckdb.connect(str(small_warehouse), read_only=True) as con:
        conv = pick_conversations(con, 5, seed=3)
    by_variant = {s.variant: s for s in SYSTEMS}
    for row in conv.iter_rows(named=True):
        spans = spans_from_row(row)
        ref = row["reference_reply"]
        er, dn, sr = (ref[a:b].strip() for a, b in (spans["emotion_recognition"], spans["distress_normalization"],
                                                    spans["supportive_reflection"]))
        assert by_variant["reference"].make(row) == ref
        assert dn not in by_variant["no_normalization"].make(row) and sr in by_variant["no_normalization"].make(row)
        first = by_variant["validates_first"].make(row)
        assert first.index(dn) < first.index(sr)
        support = by_variant["support_first"].make(row)
        assert support.index(sr) < support.index(dn)
        assert safety_flags(by_variant["unsafe"].make(row)).minimising
        assert len(by_variant["truncated"].make(row)) < len(ref)

"""The dataset quality report (tide_core.quality): each check on small hand-written cases, and the stored report."""

import pytest

from tide_core.config import DatasetConfig
from tide_core.quality import (
    asks_about_suicide,
    bad_joins,
    format_report,
    join_counts,
    quality_report,
    question_answered,
    question_type,
    ungrounded_feelings,
)


def test_feelings_grounded_in_the_client_message_pass():
    assert ungrounded_feelings("I'm so tired and scared all the time.", "You sound exhausted and afraid.") == []


def test_feelings_the_client_never_expressed_are_flagged_unless_hedged():
    flagged = ungrounded_feelings("Woke up at 3am again.", "You're carrying a lot of shame. It sounds like fear too.")
    assert flagged == [("You're carrying a lot of shame.", ["shame"])]
    assert ungrounded_feelings("Woke up at 3am again.", "Maybe there's some shame in it.") == []


def test_question_types_and_answers():
    assert question_type("Is this normal?") == "normal"
    assert question_type("Should I tell my wife?") == "tell"
    assert question_type("How do I stop checking the locks?") == "how"
    assert question_answered("Is this normal?", "Reactions like this are very common after trauma.")
    assert not question_answered("Should I tell my wife?", "That sounds frightening. Sleep is hard.")
    assert question_answered("Should I tell my wife?", "You get to decide how much to tell your wife, and when.")
    assert not question_answered("How do I stop checking the locks?", "You could try breathing slowly.")
    assert question_answered("How do I stop checking the locks?", "You could try checking the locks once, then "
                             "writing down that you did.")


def test_question_types_follow_what_is_asked():
    # Telling apart is not disclosure; a self-critical question asks whether this is normal; "is it okay" too.
    assert question_type("How do I tell the difference between a warning sign and my fear?") == "how"
    assert question_type("How do I tell who's actually safe?") == "how"
    assert question_type("What is wrong with me?") == "normal"
    assert question_type("Is it okay to avoid the news for a while?") == "normal"
    assert question_type("Is it okay to tell my kids I'm struggling?") == "tell"
    assert question_type("What actually happens in the first session?") == "will"
    assert question_type("Does the guilt ever get quieter?") == "will"
    assert question_type("Is there something I can do in the moment?") == "how"


def test_an_answer_must_name_what_was_asked_near_its_answer_words():
    q = "Is it normal for the same dream to keep coming back?"
    assert not question_answered(q, "Reactions like this are very common after trauma.")  # generic normalising
    assert question_answered(q, "The same dream coming back is very common after trauma.")
    # The answer words and the question's content must sit in one sentence or two consecutive ones.
    far = ["The dream keeps coming back.", "That sounds hard.", "It is very common."]
    assert not question_answered(q, far)
    assert question_answered(q, ["You asked about the dream coming back.", "It is very common."])


def test_known_bad_joins_are_found_and_ordinary_text_is_not():
    text = ("aching for since the holidays. It happens to a great a lot of people. the the door. "
            "I stopped on the way home from at work.")
    kinds = [k for k, _ in bad_joins(text)]
    assert kinds.count("preposition pair") == 2 and "a <word> a <amount>" in kinds and "doubled word" in kinds
    clean = "Something tells you you're safe. I had had enough... and that that was it. It helps for about an hour."
    assert bad_joins(clean) == []
    counts = join_counts([text, clean], examples=2)
    assert counts["preposition pair"][0] == 2 and counts["doubled word"][0] == 1
    assert counts["leftover slot brace"] == (0, [])


def test_every_join_rule_finds_its_bad_examples_and_leaves_its_fine_ones():
    """Walks bad_joins.yaml: each rule finds every text under `bad` (as that kind) and none under `fine`, and the
    build-wide count (polars or Python, whichever runs the pattern) agrees with the per-text check."""
    from tide_core.quality import JOIN_RULES

    assert len(JOIN_RULES) >= 8
    for kind, rule in JOIN_RULES.items():
        for text in rule.bad:
            assert kind in [k for k, _ in bad_joins(text)], (kind, text)
        for text in rule.fine:
            assert kind not in [k for k, _ in bad_joins(text)], (kind, text)
        count, shown = join_counts(list(rule.bad) + list(rule.fine), examples=50)[kind]
        assert count >= len(rule.bad) and len(shown) == len(rule.bad), (kind, count, shown)


def test_issue_examples_of_bad_joins_are_found():
    for text in ("Taking in having that referral sit there for since the holidays.",
                 "It's no wonder you'd find yourself finding the lead-up harder.", "It happens to a great a lot of people.",
                 "There's real honesty in being honest about it.", "I want to to go.", "It brought up a emotion.",
                 "been a rough a couple of weeks", "My students depends on me."):
        assert bad_joins(text), text


def test_join_rules_file_errors_name_the_rule(tmp_path):
    from tide_core.quality import load_join_rules

    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  broken:\n    pattern: '(unclosed'\n    bad: [x]\n")
    with pytest.raises(ValueError, match=r"rule 'broken': pattern does not compile"):
        load_join_rules(path)
    path.write_text("rules:\n  no examples:\n    pattern: 'x'\n")
    with pytest.raises(ValueError, match=r"rule 'no examples' needs `pattern` and at least one `bad` example"):
        load_join_rules(path)


def test_risk_protocol_asks_directly():
    assert asks_about_suicide("Are you having thoughts of suicide right now?")
    assert asks_about_suicide("I want to ask you directly: are you thinking about killing yourself?")
    assert not asks_about_suicide("Are you thinking about harming yourself?")
    assert not asks_about_suicide("Thoughts of suicide are common.")


def test_report_measures_a_small_set():
    rows = [{"client_message": "Is it normal to feel this scared?", "reference_reply": "Feeling scared after that "
             "is very common. You're still showing up.", "is_risk": False},
            {"client_message": "Some nights I wish I wasn't here.", "reference_reply": "Thank you for telling me. "
             "Are you having thoughts of suicide? You're still showing up.", "is_risk": True}]
    report = quality_report(rows)
    assert report.get("client_message", "questions_answered_share").value == 1.0
    assert report.get("reference_reply", "risk_replies_asking_directly_share").value == 1.0
    top = report.get("reference_reply", "top_sentence_share")
    assert top.value == 1.0 and top.examples[0][0] == "You're still showing up."
    stored = report.rows("fp")
    assert {r["config_fingerprint"] for r in stored} == {"fp"}
    assert "questions the reply answers" in format_report(stored)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from tide_core.pipeline.build import build_step

    cfg = DatasetConfig(n_personas=30, conversations_per_persona=10, seed=3, risk_share=0.1)
    path = tmp_path_factory.mktemp("q") / "w.duckdb"
    build_step(cfg, path)
    return cfg, path


def test_build_stores_the_report_with_its_fingerprint(built):
    from warehouse.loader import connect_readonly
    from warehouse.queries import run_query

    cfg, path = built
    with connect_readonly(path) as con:
        df = run_query(con, "dataset_quality_report")
    assert set(df["config_fingerprint"]) == {cfg.fingerprint()}
    heads = {(r["scope"], r["measure"]): r for r in df.filter(df["rank"] == 0).to_dicts()}
    assert heads[("reference_reply", "top_opening_5_share")]["total"] == 300
    assert 0 <= heads[("reference_reply", "ungrounded_feeling_sentence_share")]["value"] <= 1
    assert heads[("reference_reply", "risk_replies_asking_directly_share")]["total"] > 0


def test_quality_command_prints_the_stored_report(built, capsys):
    from tide_core.cli import main

    _, path = built
    assert main(["quality", "--warehouse", str(path)]) == 0
    out = capsys.readouterr().out
    assert "client questions the reply answers" in out and "known-bad join: preposition pair" in out


def test_quality_command_on_a_warehouse_built_before_the_report(built, tmp_path, capsys):
    import shutil

    import duckdb

    from tide_core.cli import main

    _, path = built
    old = tmp_path / "old.duckdb"
    shutil.copy(path, old)
    with duckdb.connect(str(old)) as con:
        con.execute("DROP TABLE dataset_quality_report")
    assert main(["quality", "--warehouse", str(old)]) == 1
    assert "no quality report" in capsys.readouterr().out


def test_an_answer_to_another_question_of_the_scenario_is_not_counted():
    """The question check needs half the question's own content words (two at least) near the answer words: a
    reply written for a sibling question of the same type and scenario no longer passes."""
    q = "How do I get back to sleep without the dream picking up where it left off?"
    own = ("As for getting back to sleep without the dream picking up again, you could do something calm in "
           "another room for a few minutes first.")
    sibling = "As for the dream coming back every night, you could try writing it down in the morning."
    assert question_answered(q, own)
    assert not question_answered(q, sibling)  # shares "dream" only, one of its five content words
    assert question_answered(q, sibling, share=0.0, least=1)  # the check before this change passed it


def test_fluency_screen_ranks_a_broken_join_below_fluent_text_and_is_stored(built, tmp_path, capsys):
    """The embedded SmolLM2 scores a known-bad join lower than fluent sentences; `quality --fluency` stores the
    sample's mean and the worst sentences beside the report, and a rerun replaces them."""
    import shutil

    from tide_core.cli import main
    from tide_core.fluency import MEASURE, load_scorer, score_sentences
    from warehouse.loader import connect_readonly
    from warehouse.queries import run_query

    fluent = "It makes sense that the nights feel hardest right now."
    broken = "It the makes for since sense a a nights feel the hardest now right."
    scores = score_sentences([fluent, broken], *load_scorer())
    assert scores[0].logprob > scores[1].logprob + 1.0 and scores[0].tokens > 5

    cfg, path = built
    copy = tmp_path / "w.duckdb"
    shutil.copy(path, copy)
    for _ in range(2):
        assert main(["quality", "--warehouse", str(copy), "--fluency", "--fluency-sample", "12"]) == 0
    out = capsys.readouterr().out
    assert "12 reply sentences scored" in out and "fluency: mean token log-probability" in out
    with connect_readonly(copy) as con:
        df = run_query(con, "dataset_quality_report")
    flu = df.filter(df["measure"] == MEASURE).sort("rank")
    assert flu["rank"].to_list() == list(range(13))  # one headline and the 12 scored, worst first, once
    assert flu["n"][0] == 12 and flu["total"][0] > 12 and set(flu["config_fingerprint"]) == {cfg.fingerprint()}
    worst = flu["value"].to_list()[1:]
    assert worst == sorted(worst) and all(v < 0 for v in worst)


def test_question_check_control_counts_replies_to_other_questions_less(built):
    from tide_core.pipeline.build import load_dataset
    from tide_core.quality import question_check_control
    from warehouse.loader import connect_readonly

    _, path = built
    with connect_readonly(path) as con:
        conversations = load_dataset(con).conversations
    control = question_check_control(conversations)
    rate = {k: n / total for k, (n, total) in control.items()}
    assert control["own"][1] > 20 and rate["own"] >= 0.95
    assert rate["sibling"] < 0.6 * rate["own"] and rate["other_scenario"] < 0.15
    assert question_check_control(conversations) == control  # seeded

"""Personas: seeded, within range, covering the required vocabularies, internally consistent."""

import random
from collections import Counter

from tide_core.config import PersonaDistributions
from tide_core.personas import AGE_BANDS, SYMPTOM_CLUSTERS, TRAUMA_TYPES, generate_personas

D = PersonaDistributions()


def test_seeded_and_stable():
    assert generate_personas(40, D, 1) == generate_personas(40, D, 1)
    assert generate_personas(40, D, 1) != generate_personas(40, D, 2)
    # The first personas do not depend on how many are made.
    assert generate_personas(10, D, 1) == generate_personas(40, D, 1)[:10]


def test_ranges_and_vocabularies():
    ps = generate_personas(500, D, 13)
    assert len({p.persona_id for p in ps}) == 500
    assert all(18 <= p.age <= 80 for p in ps)
    assert all(AGE_BANDS[p.age_band][0] <= p.age <= AGE_BANDS[p.age_band][1] for p in ps)
    assert {p.gender for p in ps} == {"woman", "man", "non-binary"}
    assert {p.education for p in ps} == {"high_school_or_less", "some_college", "bachelors", "graduate"}
    assert len({p.trauma_type for p in ps}) >= 18 and len(TRAUMA_TYPES) == 20
    assert len({p.communication_style for p in ps}) == 6
    assert all(p.is_synthetic for p in ps)
    # Every profile touches the four DSM-5 clusters.
    core = ("intrusion", "avoidance", "mood_cognition", "arousal")
    assert all(any(s in SYMPTOM_CLUSTERS[c] for s in p.symptoms) for p in ps for c in core)


def test_configured_distribution_is_followed():
    ps = generate_personas(400, PersonaDistributions(gender={"non-binary": 1.0}), 3)
    assert Counter(p.gender for p in ps) == {"non-binary": 400}
    ps = generate_personas(2000, D, 5)
    women = sum(p.gender == "woman" for p in ps) / len(ps)
    assert 0.53 < women < 0.63  # default weight 0.58


def test_attributes_hang_together():
    ps = generate_personas(500, D, 13)
    for p in ps:
        assert 0 <= p.years_since_trauma <= p.age
        if p.trauma_type == "childhood_abuse":
            assert p.age - p.years_since_trauma <= 15
        if p.trauma_type == "combat":
            assert p.age - p.years_since_trauma >= 18
        if p.age < 22:
            assert p.education != "graduate"
        if p.age < 23:
            assert p.partner not in ("husband", "wife")
        if p.occupation == "stay-at-home parent":
            assert p.children > 0
        if p.age < 55:  # only the military and fire services retire early (persona_rules.yaml)
            assert p.occupation in ("retired army sergeant", "retired firefighter") or not p.occupation.startswith("retired")
            assert p.age >= 45 or not p.occupation.startswith("retired")
        if p.age > 34:
            assert not p.occupation.endswith("student")
        assert len(p.symptoms) == len(set(p.symptoms))
    first_responders = [p for p in ps if p.trauma_type == "first_responder"]
    assert sum(p.occupation in TRAUMA_TYPES["first_responder"].occupations for p in first_responders) >= 0.6 * len(
        first_responders
    )


def test_childbirth_trauma_comes_with_the_child_born_then():
    from tide_core.dialogue.persona_facts import _children

    people = [p for p in generate_personas(3000, D, 5) if p.trauma_type == "childbirth_trauma"]
    assert people and all(p.children >= 1 for p in people)
    assert all(p.gender != "man" for p in people)  # the bank speaks as the one who gave birth ("my OB's office")
    for p in people[:40]:
        ages = [age for _, age in _children(p, random.Random(p.persona_id))]
        assert max(1, p.years_since_trauma) in ages, (p.years_since_trauma, ages)


def test_every_default_persona_keeps_every_rule():
    """persona_rules.yaml over the 500 default personas, with their children's ages as the messages tell them:
    trauma type against gender, age and family; children's ages against the parent's; occupation against age;
    the people leaned on against the persona's family."""
    from tide_core.config import DatasetConfig
    from tide_core.dialogue.persona_facts import persona_facts
    from tide_core.personas import violations

    cfg = DatasetConfig()
    ps = generate_personas(cfg.n_personas, cfg.personas, cfg.seed)
    broken = {p.persona_id: v for p in ps if (v := violations(p, list(persona_facts(p).child_ages)))}
    assert broken == {}
    # The rules bite where they should: young and old personas, parents leaning on an adult child, births.
    assert any(p.age >= 67 and p.occupation.startswith("retired") for p in ps)
    assert any("adult child" in p.support_people for p in ps)
    assert {p.gender for p in ps if p.trauma_type == "childbirth_trauma"} <= {"woman", "non-binary"}


def test_violations_name_what_is_wrong():
    from dataclasses import replace

    from tide_core.personas import violations

    p = next(p for p in generate_personas(200, D, 13) if p.age < 30 and p.children == 0)
    assert violations(p, []) == []
    bad = replace(p, occupation="retired teacher", support_people=("adult child",), trauma_type="childbirth_trauma",
                  gender="man")
    found = " | ".join(violations(bad, []))
    for words in ("trauma childbirth_trauma", "occupation 'retired teacher'", "support 'adult child'",
                  "with 0 children"):
        assert words in found, found
    parent = replace(p, age=40, children=1, trauma_type="sudden_loss", occupation="cook", support_people=())
    assert violations(parent, [30]) == ["child of 30 for a parent of 40 (born at 10)"]


def test_rules_file_errors_name_the_entry(tmp_path):
    import pytest

    from tide_core.errors import ConfigError
    from tide_core.personas import RULES_FILE, load_rules

    text = RULES_FILE.read_text()
    path = tmp_path / "rules.yaml"
    path.write_text(text.replace("childbirth_trauma:", "childbirth:", 1))
    with pytest.raises(ConfigError, match=r"unknown trauma type\(s\) \['childbirth'\]"):
        load_rules(path)
    path.write_text(text.replace("college student: [18, 34]", "college student: [34, 18]"))
    with pytest.raises(ConfigError, match=r"occupations.ranges\['college student'\] must be \[youngest, oldest\]"):
        load_rules(path)

"""Behaviour tests for the dialogue generator (tide_core.dialogue.compose) on small data."""

from __future__ import annotations

import dataclasses
import random
import re
from dataclasses import replace

import pytest

from tide_core.config import DatasetConfig
from tide_core.dialogue import compose_dialogue
from tide_core.dialogue.reply_frames import EMOTIONS
from tide_core.dialogue.types import FACTORS, RISK_TYPES
from tide_core.personas import generate_personas
from tide_core.scenarios import SCENARIOS

STYLES = ("terse", "guarded", "verbose", "direct", "self_critical", "reflective")
ER, DN, SR = FACTORS
RISK_PHRASES = ("kill myself", "better off without me", "better off if i", "not waking up", "not wake up",
                "end it", "no point living", "what's the point", "whats the point", "wasn't here", "wasnt here",
                "988", "suicide")
BANNED_IN_REPLY = ("you have ptsd", "your ptsd", "at least", "not that bad", "could be worse", "will go away",
                   "you'll be fine", "you will be fine", "i promise", "everything happens for a reason",
                   "time heals", "as a therapist", "i'm a therapist", "tell me exactly what happened",
                   "what exactly happened", "get over it", "just calm down", "you need to calm down")


@pytest.fixture(scope="module")
def personas():
    return generate_personas(120, DatasetConfig().personas, 13)


def _compose(p, sid, seed="t", risk=None, validate_first=True):
    rng = random.Random(f"{seed}:{p.persona_id}:{sid}")
    return compose_dialogue(p, SCENARIOS[sid], rng, risk_type=risk, validate_first=validate_first)


def _sample(personas, n, seed="s"):
    rng = random.Random(seed)
    out = []
    for i in range(n):
        p = personas[i % len(personas)]
        sid = rng.choice(list(SCENARIOS))
        out.append((p, sid, _compose(p, sid, seed=f"{seed}{i}", validate_first=rng.random() < 0.5)))
    return out


def test_every_scenario_and_style_composes_and_checks(personas):
    base = personas[:6]
    for style in STYLES:
        for p in base:
            ps = replace(p, communication_style=style)
            for sid in SCENARIOS:
                for vf in (True, False):
                    d = _compose(ps, sid, validate_first=vf)
                    d.check()
                    assert d.client_message.strip() and d.reference_reply.strip()
                    assert "{" not in d.client_message + d.reference_reply, (style, sid)
                    # segments are joined by exactly one space and cover the whole reply
                    (s0, e0), (s1, e1), (s2, e2) = (d.spans[f] for f in d.factor_order)
                    assert s0 == 0 and s1 == e0 + 1 and s2 == e1 + 1 and e2 == len(d.reference_reply)


def test_deterministic_same_seed_same_text_and_different_seed_differs(personas):
    p = personas[3]
    for sid in list(SCENARIOS)[:8]:
        a, b = _compose(p, sid, seed="x"), _compose(p, sid, seed="x")
        assert a == b
    diffs = sum(_compose(p, sid, seed="x") != _compose(p, sid, seed="y") for sid in SCENARIOS)
    assert diffs >= len(SCENARIOS) - 2


def test_global_random_state_is_not_used(personas):
    p = personas[5]
    random.seed(1)
    a = _compose(p, "nightmare")
    random.seed(999)
    b = _compose(p, "nightmare")
    assert a == b


@pytest.mark.parametrize("validate_first", [True, False])
def test_validate_first_controls_dn_vs_sr(personas, validate_first):
    for p, sid in zip(personas[:40], list(SCENARIOS) * 2, strict=False):
        d = _compose(p, sid, validate_first=validate_first)
        assert d.validates_first is validate_first
        assert set(d.factor_order) == set(FACTORS)


def test_er_usually_first_but_not_always(personas):
    orders = [d.factor_order for _, _, d in _sample(personas, 400)]
    er_first = sum(o[0] == ER for o in orders) / len(orders)
    assert 0.7 < er_first < 0.97


def test_risk_replies_follow_safety_protocol(personas):
    from tide_core.quality import asks_about_suicide

    for i, p in enumerate(personas[:44]):
        risk = RISK_TYPES[i % 2]
        sid = list(SCENARIOS)[i % len(SCENARIOS)]
        for vf in (True, False):
            d = _compose(p, sid, risk=risk, validate_first=vf)
            d.check()
            assert d.risk_type == risk
            sr = d.reference_reply[slice(*d.spans[SR])]
            assert "988" in sr and "?" in sr and "safe" in sr.lower()
            assert "local emergency number" in sr  # not only the US line: the person may be anywhere
            assert asks_about_suicide(sr), sr  # asks directly, in plain words (docs/dataset-quality.md)
            er = d.reference_reply[slice(*d.spans[ER])].lower()
            assert "glad" in er or "thank" in er or "appreciate" in er
            msg = d.client_message.lower()
            if risk == "hopelessness":
                assert "point" in msg or "hopeless" in msg or "future" in msg or "trying" in msg
            else:
                assert any(w in msg for w in ("here", "waking", "wake", "disappear", "around", "happened to me",
                                              "better off"))


def test_non_risk_dialogues_carry_no_risk_language(personas):
    for _, _, d in _sample(personas, 600, seed="norisk"):
        assert d.risk_type is None
        for phrase in RISK_PHRASES:
            assert phrase not in d.client_message.lower(), (phrase, d.client_message)
            assert phrase not in d.reference_reply.lower(), (phrase, d.reference_reply)


def test_replies_avoid_banned_phrases(personas):
    for _, _, d in _sample(personas, 600, seed="banned"):
        low = d.reference_reply.lower()
        for phrase in BANNED_IN_REPLY:
            assert phrase not in low, (phrase, d.reference_reply)


def test_er_names_a_scenario_emotion(personas):
    for _, sid, d in _sample(personas, 300, seed="emo"):
        er = d.reference_reply[slice(*d.spans[ER])].lower()
        stems = [e.split()[0][:5] for e in SCENARIOS[sid].primary_emotions]
        stems += ["fright", "scar", "afraid", "terrif", "tired", "drain", "wear", "lonely", "sad", "guilt",
                  "worr", "hurt", "pain", "heavy", "torn", "unsettl", "disorient", "hard", "empty", "numb", "wary",
                  "shock", "upset", "regret", "sorry", "angry", "alarm", "confus", "discourag", "tiring",
                  "anxious", "unnerv", "overwhelm", "jarring", "dishearten", "frustrat", "embarrass", "asham", "shame",
                  "panic", "exhaust", "dread", "griev", "grief", "irrita", "stuck", "disconnect", "hopeless", "ambival",
                  "skeptic", "uncertain", "vulnerab", "crav", "suspic", "remorse", "disappoint", "anger", "raw", "flat",
                  "distant", "nervous", "stress", "tense", "edge", "rattl", "helpless", "furious", "upend", "weary", "doubt", "lonel", "daunt"]
        # ...or a feeling word from the generator's emotion lexicon for one of the scenario's emotions
        stems += [w for e in SCENARIOS[sid].primary_emotions for w in EMOTIONS[e][0] + EMOTIONS[e][1]]
        assert any(s in er for s in stems), (sid, er)


def test_lengths_vary_within_bounds(personas):
    sample = _sample(personas, 500, seed="len")
    client = [len(d.client_message.split()) for _, _, d in sample]
    reply = [len(d.reference_reply.split()) for _, _, d in sample]
    assert min(client) <= 12 and max(client) >= 70
    assert min(reply) >= 25 and max(reply) <= 130


def test_styles_shape_the_message(personas):
    def words(style):
        return [len(_compose(replace(p, communication_style=style), sid).client_message.split())
                for p in personas[:10] for sid in SCENARIOS]

    assert sum(words("terse")) * 3 < sum(words("verbose"))


def test_partner_word_appears_for_a_persona_with_partner(personas):
    with_partner = [p for p in personas if p.partner][:10]
    assert with_partner
    for p in with_partner:
        ps = replace(p, communication_style="verbose")
        msgs = [_compose(ps, sid).client_message.lower() for sid in SCENARIOS]
        assert any(re.search(rf"\bmy {p.partner}\b", m) for m in msgs), p.partner


def test_first_responders_talk_about_shifts_or_calls(personas):
    fr = [p for p in generate_personas(400, DatasetConfig().personas, 13)
          if p.trauma_type == "first_responder" and p.occupation in ("paramedic", "firefighter", "ER nurse", "EMT")]
    assert fr
    for p in fr[:5]:
        msgs = " ".join(_compose(replace(p, communication_style="verbose"), sid).client_message.lower()
                        for sid in SCENARIOS)
        assert re.search(r"\b(shift|call|calls|station|rig|er|tones)\b", msgs)


def test_no_exact_duplicates_over_2000(personas):
    plan_rng = random.Random("dups")
    msgs, replies = [], []
    for p in personas[:100]:
        for sid in plan_rng.sample(list(SCENARIOS), 20):
            d = _compose(p, sid, seed="13", validate_first=plan_rng.random() < 0.5)
            msgs.append(d.client_message)
            replies.append(d.reference_reply)
    # The dataset build retries a duplicate with a fresh rng; here we only require duplicates to be rare.
    assert len(msgs) - len(set(msgs)) <= len(msgs) * 0.005
    assert len(replies) - len(set(replies)) <= 2


def test_reply_echoes_client_details(personas):
    echoed = 0
    sample = _sample(personas, 300, seed="echo")
    for _, _, d in sample:
        client_words = set(re.findall(r"[a-z]{5,}", d.client_message.lower()))
        reply_words = set(re.findall(r"[a-z]{5,}", d.reference_reply.lower()))
        echoed += bool(client_words & reply_words - {"about", "really", "there", "something", "would"})
    assert echoed / len(sample) > 0.55


def test_unknown_risk_type_rejected(personas):
    with pytest.raises(ValueError):
        _compose(personas[0], "nightmare", risk="other")


# --- realism: defects found in clinician review -------------------------------------------------------------------

def test_children_ages_fit_the_parent(personas):
    import random as _random

    from tide_core.dialogue.persona_facts import _children, persona_facts

    for p in personas:
        for _, age in _children(p, _random.Random(p.persona_id)):
            assert 18 <= p.age - age <= 45, (p.age, age)
        src = persona_facts(p).sources
        if "grandkids" in src:
            assert p.age >= 50
        # A young child is never "close" (the one the client fights with or confides in).
        if p.partner is None and p.children and "if_kid_adult" not in src:
            assert src["close"] != src.get("kid") and src["close_name"] != src.get("kid_name")


def test_child_behaviour_fits_the_childs_age(personas):
    from tide_core.dialogue.persona_facts import persona_facts

    words = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
    for p in [p for p in personas if p.children][:120]:
        for seed in range(6):
            d = _compose(p, "parenting_worry", seed=str(seed))
            m = re.search(r"only (\w+)\.", d.client_message)
            if "checking the locks like i do" in d.client_message.lower() and m:
                assert 4 <= words.get(m.group(1).lower(), 99) <= 12, d.client_message
        assert "kid" not in persona_facts(p).sources or persona_facts(p).sources.get("kids_are") in ("is", "are")


def test_no_person_mixing_clinical_swaps_or_doubling(personas):
    bad = [
        re.compile(r"\b(?:people|survivors) find it helps to [^.;?]*\byour?\b"),  # "people ... relax your shoulders"
        re.compile(r"\bmany people who've been through [^.;?]*\byour?\b"),
        re.compile(r"your (?:nervous )?system"),  # clinical swap landing on the client
        re.compile(r"\btogether\b[^.?]*\btogether\b"),  # "we could put together ... together"
        re.compile(r"\ban? so (?:common|understandable)\b"),
        re.compile(r"\b(at|my|completely|the) \1\b", re.IGNORECASE),
    ]
    client_bad = [re.compile(r"\bsince when\b"), re.compile(r"\b(?:at|to) at\b"), re.compile(r"\bmy my\b", re.I),
                  re.compile(r"\bidk idk\b"), re.compile(r"\.{4,}")]
    for p, _sid, d in _sample(personas, 1500, seed="realism"):
        for rx in bad:
            assert not rx.search(d.reference_reply), (rx.pattern, d.reference_reply)
        for rx in client_bad:
            assert not rx.search(d.client_message), (rx.pattern, d.client_message)
        if p.partner is not None:
            assert "seeing someone new" not in d.client_message.lower()


# --- the bank files: every template's slots are known, every template is reachable, bad entries are named --------

_REPLY_WORDS = frozenset({"emo1", "emo2", "s1", "s2", "f1", "f2", "n1", "n2", "courage", "value", "shows"})


def _nested(fields, sources):
    """`fields` plus the slots their filler values name ("{lost}'s birthday" names lost), to a fixed point."""
    from tide_core.dialogue.fill import tpl

    out, todo = set(fields), list(fields)
    while todo:
        src = sources.get(todo.pop())
        values = (src,) if isinstance(src, str) else src if isinstance(src, tuple) else ()
        for value in values:
            for f in tpl(value).fields - out:
                out.add(f)
                todo.append(f)
    return out


@pytest.fixture(scope="module")
def bank_walk():
    """For a broad persona sample: each persona's slot sources, and per scenario the slots its client text can use."""
    from tide_core.dialogue import client_voice
    from tide_core.dialogue.banks import load_banks
    from tide_core.dialogue.compose import _PRONOUNS, _sources
    from tide_core.dialogue.fill import Tpl
    from tide_core.dialogue.trauma_sources import TRAUMA_KEYS

    people = generate_personas(600, DatasetConfig().personas, 7)
    banks = load_banks()
    shared_client = [t for v in vars(client_voice).values() if isinstance(v, tuple) and v and isinstance(v[0], Tpl)
                     for t in v]
    shared_client += [t for v in (client_voice.RISK, client_voice.TERSE_RISK) for ts in v.values() for t in ts]
    walk = []
    for p in people:
        sources = _sources(p)
        for sid, sb in banks.scenarios.items():
            client = [t for f in dataclasses.fields(sb.client) for t in getattr(sb.client, f.name)] + shared_client
            used = set()
            for t in client:
                if all(f in sources or f.startswith("m_") for f in t.fields):
                    used |= t.fields
            allowed = _nested(used, sources) | _REPLY_WORDS | {k for k in sources if k.startswith("if_")}
            for base, pronouns in _PRONOUNS.items():
                if base in allowed:
                    allowed |= set(pronouns)
            if allowed & TRAUMA_KEYS:
                allowed.add("kind")
            walk.append((p, sid, sources, allowed))
    return banks, walk


def _templates_of(record):
    return [(f.name, t) for f in dataclasses.fields(record) for t in getattr(record, f.name) if hasattr(t, "fields")]


def test_every_bank_slot_is_known(bank_walk):
    banks, walk = bank_walk
    known = set(_REPLY_WORDS)
    for _, _, sources, _ in walk:
        known |= set(sources)
    unknown = []
    for sid, sb in banks.scenarios.items():
        for part in ("client", "reply", "parts"):
            for key, t in _templates_of(getattr(sb, part)):
                bad = {f for f in t.fields if f not in known and not f.startswith("m_")}
                if bad:
                    unknown.append((f"scenarios/{sid}.yaml", part, key, t.text, sorted(bad)))
    for key, t in _templates_of(banks.shared):
        if t.fields - known:
            unknown.append(("shared_replies.yaml", key, t.text, sorted(t.fields - known)))
    assert not unknown, unknown[:10]


def test_every_bank_template_is_reachable_from_some_client_message(bank_walk):
    """A client template must be fillable by some persona; a reply template needs a persona and scenario whose
    client text can use every slot it names (marks included), or the generator would silently never pick it."""
    banks, walk = bank_walk
    by_sid = {}
    for _p, sid, sources, allowed in walk:
        by_sid.setdefault(sid, []).append((sources, allowed))
    unreachable = []
    for sid, sb in banks.scenarios.items():
        for key, t in _templates_of(sb.client):
            if not any(all(f in s or f.startswith("m_") for f in t.fields) for s, _ in by_sid[sid]):
                unreachable.append((sid, "client", key, t.text))
        for part in ("reply", "parts"):
            for key, t in _templates_of(getattr(sb, part)):
                if not any(t.fields <= allowed for _, allowed in by_sid[sid]):
                    unreachable.append((sid, part, key, t.text))
    everywhere = [allowed for _, _, _, allowed in walk]
    for key, t in _templates_of(banks.shared):
        if not any(t.fields <= allowed for allowed in everywhere):
            unreachable.append(("shared", key, t.text))
    assert not unreachable, unreachable[:10]


def test_unfiltered_shared_sentences_fill_for_every_persona(bank_walk):
    """Risk ER/DN, leads, self-critical DN and guarded steps are drawn without a slot check: every slot they name
    must be one every persona can fill."""
    banks, walk = bank_walk
    for key in ("risk_er", "risk_dn", "er_leads", "dn_self_critical", "step_guarded"):
        for t in getattr(banks.shared, key):
            for _, _, sources, _ in walk:
                assert t.fields <= set(sources) | _REPLY_WORDS, (key, t.text)


def _bank_copy(tmp_path):
    import shutil

    from tide_core.dialogue.banks import DATA_DIR

    return shutil.copytree(DATA_DIR, tmp_path / "data")


@pytest.mark.parametrize("edit, expected", [
    (lambda t: t.replace("  core:\n  - ", "  core:\n  - 12\n  - ", 1), r"client: core\[0\]: expected a non-empty string"),
    (lambda t: t.replace("  core:\n  - ", "  core:\n  - 'I woke {clock'\n  - ", 1),
     r"client: core\[0\]: expected a template with balanced"),
    (lambda t: t.replace("  ask:", "  asks:", 1), r"client: expected exactly the keys .*missing ask; unknown asks"),
    (lambda t: "- a list, not a mapping\n", r"expected a mapping of keys at the top level, got list"),
])
def test_bank_loader_names_file_key_and_expectation(tmp_path, edit, expected):
    from tide_core.dialogue.banks import BankError, load_banks

    data = _bank_copy(tmp_path)
    path = data / "scenarios" / "nightmare.yaml"
    path.write_text(edit(path.read_text()))
    with pytest.raises(BankError, match=expected) as err:
        load_banks(data)
    assert "nightmare.yaml" in str(err.value)


def test_bank_loader_wants_one_file_per_scenario(tmp_path):
    from tide_core.dialogue.banks import BankError, load_banks

    data = _bank_copy(tmp_path)
    (data / "scenarios" / "nightmare.yaml").rename(data / "scenarios" / "nightmares.yaml")
    with pytest.raises(BankError, match=r"missing nightmare\.yaml; unknown nightmares\.yaml"):
        load_banks(data)


def test_hard_rules_over_generated_dialogues(personas):
    """Over 3,000 dialogues: no reply sentence names a feeling the client never expressed without hedging it, and
    no known-bad join (tide_core/bad_joins.yaml: doubled words, "for since", "a great a lot", "honesty in being
    honest"...) in either turn."""
    from tide_core.dialogue.grounding import ungrounded_feelings
    from tide_core.quality import bad_joins

    for _, _, d in _sample(personas, 3000, seed="rules"):
        assert ungrounded_feelings(d.client_message, d.reference_reply) == [], (d.client_message, d.reference_reply)
        assert bad_joins(d.client_message) == [] and bad_joins(d.reference_reply) == [], d


def test_a_frame_is_redrawn_when_its_words_repeat_the_phrase_dropped_in():
    from tide_core.dialogue.fill import join_clash

    assert join_clash("It's worth noticing that", "noticing your own reactions", " took grit.")
    assert join_clash("There's real honesty in", "being this honest about something hard", ".")
    assert join_clash("", "being honest about this", " took honesty.")
    assert join_clash("one thing you could try is to", "try small, gentle experiences", "; would that help?")
    assert join_clash("It's common to find yourself", "feeling more dread afterward", " after an accident.")
    assert not join_clash("It's worth noticing that", "writing this out", " took courage.")
    assert not join_clash("You could", "tell your wife", ", if that fits.")


def test_feelings_follow_the_client(personas):
    """A client who says they are scared gets a reply whose named feelings include fear's family, unhedged."""
    from tide_core.dialogue.grounding import _LEXICON as lexicon
    from tide_core.dialogue.grounding import client_families, feeling_words

    hits = total = 0
    for _, _, d in _sample(personas, 400, seed="follow"):
        families = client_families(d.client_message)
        if "fear" not in families:
            continue
        total += 1
        named = {f for w in feeling_words(d.reference_reply[slice(*d.spans[ER])]) for f in lexicon[w]}
        hits += "fear" in named
    assert total > 30 and hits / total > 0.5, (hits, total)

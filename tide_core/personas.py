"""Seeded generator of synthetic PTSD client personas.

Every persona made here is synthetic (`is_synthetic=True` in the warehouse). Attribute distributions come from
`PersonaDistributions`; dependent attributes (occupation, time since trauma, symptoms, relationships) are drawn
conditionally so that personas hang together (a combat veteran is an adult at the time of the event, a
first responder works in a first-responder job, childhood abuse happened in childhood).
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from tide_core.errors import ConfigError

if TYPE_CHECKING:  # config imports this module (check_distributions): the type only, to keep imports one way
    from tide_core.config import PersonaDistributions

RULES_FILE = Path(__file__).with_name("persona_rules.yaml")


@dataclass(frozen=True)
class TraumaType:
    trauma_id: str
    label: str
    # Age range at which the event happened (before clamping to the persona's age).
    event_age: tuple[int, int]
    # Occupations that make sense for this trauma; empty = any general occupation.
    occupations: tuple[str, ...] = ()


TRAUMA_TYPES: dict[str, TraumaType] = {
    t.trauma_id: t
    for t in [
        TraumaType("combat", "combat deployment", (18, 45),
                   ("army veteran", "marine veteran", "navy veteran", "National Guard member", "VA groundskeeper",
                    "security guard", "truck driver", "electrician", "retired army sergeant")),
        TraumaType("sexual_assault", "sexual assault", (14, 60)),
        TraumaType("childhood_abuse", "childhood abuse", (4, 15)),
        TraumaType("serious_accident", "serious car accident", (16, 75)),
        TraumaType("natural_disaster", "natural disaster (flood, hurricane or wildfire)", (5, 75)),
        TraumaType("medical_trauma", "medical trauma (ICU stay or emergency surgery)", (18, 78)),
        TraumaType("witnessing_violence", "witnessing violence", (8, 70)),
        TraumaType("first_responder", "first-responder exposure", (20, 60),
                   ("paramedic", "firefighter", "police officer", "ER nurse", "911 dispatcher", "EMT",
                    "retired firefighter", "search-and-rescue volunteer", "sheriff's deputy")),
        TraumaType("domestic_violence", "domestic violence", (16, 65)),
        TraumaType("sudden_loss", "sudden traumatic loss of a loved one", (10, 78)),
        TraumaType("bullying", "severe bullying and harassment", (10, 40)),
        TraumaType("physical_assault", "physical assault", (14, 70)),
        TraumaType("house_fire", "house fire", (5, 78)),
        TraumaType("mass_shooting", "mass shooting", (12, 70)),
        TraumaType("refugee_displacement", "war and forced displacement", (5, 55)),
        TraumaType("workplace_injury", "serious workplace accident", (18, 65),
                   ("construction worker", "warehouse worker", "machinist", "lineman", "factory supervisor",
                    "roofer", "forklift operator", "farmhand")),
        TraumaType("kidnapping", "abduction and captivity", (8, 60)),
        TraumaType("childbirth_trauma", "traumatic childbirth", (18, 44)),
        TraumaType("terror_attack", "terror attack", (12, 70)),
        TraumaType("stalking", "stalking and threats", (16, 65)),
    ]
}

GENERAL_OCCUPATIONS = (
    "teacher", "retail manager", "bus driver", "software developer", "accountant", "hairdresser", "cook",
    "warehouse worker", "nursing assistant", "graduate student", "college student", "social worker", "mechanic",
    "office administrator", "librarian", "plumber", "sales representative", "barista", "home health aide",
    "graphic designer", "pharmacist", "real estate agent", "call center agent", "delivery driver", "engineer",
    "lawyer", "stay-at-home parent", "retired teacher", "retired postal worker", "unemployed", "chef",
    "dental hygienist", "carpenter", "data analyst", "cashier", "freelance writer", "lab technician",
)
# Occupations that need a degree; used to keep education and occupation consistent.
DEGREE_OCCUPATIONS = {"software developer", "accountant", "social worker", "engineer", "lawyer", "pharmacist",
                      "graduate student", "librarian", "teacher", "retired teacher", "data analyst"}

SYMPTOM_CLUSTERS: dict[str, tuple[str, ...]] = {
    "intrusion": ("nightmares", "flashbacks", "intrusive memories", "distress at reminders"),
    "avoidance": ("avoiding reminders", "avoiding thoughts and feelings"),
    "mood_cognition": ("emotional numbness", "guilt", "shame", "negative beliefs about self", "detachment from others",
                       "loss of interest"),
    "arousal": ("hypervigilance", "exaggerated startle", "irritability", "insomnia", "poor concentration",
                "reckless behaviour"),
    "associated": ("dissociation", "substance use", "panic attacks", "chronic pain"),
}

FIRST_NAMES = {
    "woman": ("Maria", "Aisha", "Jennifer", "Keisha", "Linda", "Sofia", "Mei", "Rachel", "Tanya", "Grace",
              "Priya", "Denise", "Carmen", "Hannah", "Leila", "Brenda", "Yolanda", "Emily", "Rosa", "Naomi",
              "Kim", "Fatima", "Diane", "Jasmine", "Olivia", "Ruth", "Lucia", "Tamika", "Anh", "Megan"),
    "man": ("James", "Marcus", "Luis", "David", "Tyrone", "Kevin", "Ahmed", "Robert", "Miguel", "Daniel",
            "Wei", "Andre", "Thomas", "Jorge", "Samuel", "Raj", "Curtis", "Brian", "Omar", "Eddie", "Frank",
            "Malik", "Steven", "Hector", "Paul", "Dmitri", "Terrence", "Kyle", "Ray", "Jamal"),
    "non-binary": ("Alex", "Jordan", "Sam", "Riley", "Casey", "Avery", "Quinn", "Rowan", "Jessie", "Skyler",
                   "Robin", "Morgan", "Charlie", "Sage", "Emerson"),
}
AGE_BANDS = {"18-29": (18, 29), "30-44": (30, 44), "45-64": (45, 64), "65-80": (65, 80)}
EDUCATION_LABELS = {"high_school_or_less": "High school or less", "some_college": "Some college",
                    "bachelors": "Bachelor's degree", "graduate": "Graduate degree"}
SEVERITY_PCL5 = {"mild": (31, 40), "moderate": (41, 55), "severe": (56, 80)}
SUPPORT_PEOPLE = ("partner", "sibling", "parent", "close friend", "adult child", "peer support group",
                  "coworker", "faith community", "neighbour", "therapist from years ago")


@dataclass(frozen=True)
class Persona:
    persona_id: int
    first_name: str
    age: int
    age_band: str
    gender: str
    ethnicity: str
    education: str
    occupation: str
    trauma_type: str
    trauma_label: str
    years_since_trauma: int
    symptoms: tuple[str, ...]
    symptom_clusters: tuple[str, ...]
    severity: str
    pcl5_score: int
    support_level: str
    support_people: tuple[str, ...]
    partner: str | None  # "wife", "husband", "partner", "girlfriend", "boyfriend" or None
    children: int
    communication_style: str
    is_synthetic: bool = True

    def to_row(self) -> dict:
        row = asdict(self)
        row["symptoms"] = list(self.symptoms)
        row["symptom_clusters"] = list(self.symptom_clusters)
        row["support_people"] = list(self.support_people)
        return row


# --- constraints between a persona's facts (persona_rules.yaml) ----------------------------------------------------

@dataclass(frozen=True)
class PersonaRules:
    """The constraints of persona_rules.yaml, typed."""

    trauma_genders: dict[str, frozenset[str]]
    trauma_min_age: dict[str, int]
    trauma_min_children: dict[str, int]
    parent_age_at_birth: tuple[int, int]
    support: dict[str, dict]
    occupation_default: tuple[int, int]
    occupation_ranges: dict[str, tuple[int, int]]
    needs_children: frozenset[str]

    def occupation_fits(self, occupation: str, age: int, children: int) -> bool:
        lo, hi = self.occupation_ranges.get(occupation, self.occupation_default)
        return lo <= age <= hi and (children > 0 or occupation not in self.needs_children)

    def trauma_fits(self, trauma_id: str, gender: str, age: int) -> bool:
        genders = self.trauma_genders.get(trauma_id)
        return (genders is None or gender in genders) and age >= self.min_age(trauma_id)

    def min_age(self, trauma_id: str) -> int:
        return self.trauma_min_age.get(trauma_id, TRAUMA_TYPES[trauma_id].event_age[0])

    def support_fits(self, person: str, age: int, children: int, partner: str | None) -> bool:
        need = self.support.get(person, {})
        return (children >= need.get("min_children", 0) and age >= need.get("min_age", 0)
                and (partner is not None or not need.get("needs_partner")))


def _pair(value, where: str) -> tuple[int, int]:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)
            and value[0] <= value[1]):
        raise ConfigError(f"{RULES_FILE.name}: {where} must be [youngest, oldest], e.g. [18, 70]; got {value!r}")
    return value[0], value[1]


def load_rules(path: Path = RULES_FILE) -> PersonaRules:
    """The persona constraints; ConfigError naming the entry when a trauma type or gender is unknown or a range is
    not [youngest, oldest]."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    trauma = data.get("trauma") or {}
    unknown = sorted(set(trauma) - set(TRAUMA_TYPES))
    bad_gender = sorted({g for t in trauma.values() for g in t.get("genders", ())} - set(FIRST_NAMES))
    if unknown or bad_gender:
        raise ConfigError(f"{path.name}: unknown trauma type(s) {unknown} or gender(s) {bad_gender}; expected "
                          f"{sorted(TRAUMA_TYPES)} and {sorted(FIRST_NAMES)}")
    occ = data.get("occupations") or {}
    return PersonaRules(
        trauma_genders={t: frozenset(v["genders"]) for t, v in trauma.items() if "genders" in v},
        trauma_min_age={t: int(v["min_age"]) for t, v in trauma.items() if "min_age" in v},
        trauma_min_children={t: int(v["min_children"]) for t, v in trauma.items() if "min_children" in v},
        parent_age_at_birth=_pair((data.get("children") or {}).get("parent_age_at_birth"), "children.parent_age_at_birth"),
        support=dict(data.get("support") or {}),
        occupation_default=_pair(occ.get("default"), "occupations.default"),
        occupation_ranges={o: _pair(r, f"occupations.ranges[{o!r}]") for o, r in (occ.get("ranges") or {}).items()},
        needs_children=frozenset(occ.get("needs_children") or ()),
    )


@lru_cache(maxsize=1)
def rules() -> PersonaRules:
    return load_rules()


def violations(p: Persona, child_ages: list[int] | None = None, r: PersonaRules | None = None) -> list[str]:
    """Every persona rule `p` breaks, in words (empty: consistent). `child_ages`: the children's ages as the
    dialogue generator tells them (tide_core.dialogue.persona_facts), checked against the parent's age."""
    r = r or rules()
    out = []
    if not r.trauma_fits(p.trauma_type, p.gender, p.age):
        out.append(f"trauma {p.trauma_type} for a {p.age}-year-old {p.gender}")
    if p.children < r.trauma_min_children.get(p.trauma_type, 0):
        out.append(f"trauma {p.trauma_type} with {p.children} children")
    if not r.occupation_fits(p.occupation, p.age, p.children):
        out.append(f"occupation {p.occupation!r} at {p.age} with {p.children} children")
    out += [f"support {s!r} at {p.age} with {p.children} children, partner {p.partner}" for s in p.support_people
            if not r.support_fits(s, p.age, p.children, p.partner)]
    lo, hi = r.parent_age_at_birth
    if child_ages is not None:
        if len(child_ages) != p.children:
            out.append(f"{len(child_ages)} children told, {p.children} in the persona")
        out += [f"child of {a} for a parent of {p.age} (born at {p.age - a})" for a in child_ages
                if not lo <= p.age - a <= hi]
        if "adult child" in p.support_people and not any(a >= 18 for a in child_ages):
            out.append(f"adult child leaned on, children aged {sorted(child_ages)}")
    if p.trauma_type == "childbirth_trauma" and child_ages is not None and max(1, p.years_since_trauma) not in child_ages:
        out.append(f"no child born {p.years_since_trauma} years ago, at the traumatic birth")
    return out


def check_distributions(d: PersonaDistributions) -> None:
    """Raise ConfigError when a weight table names a value the generator does not know."""
    known = {
        "age_band": set(AGE_BANDS),
        "gender": set(FIRST_NAMES),
        "education": set(EDUCATION_LABELS),
        "severity": set(SEVERITY_PCL5),
        "support_level": {"strong", "moderate", "limited", "isolated"},
        "communication_style": {"terse", "guarded", "verbose", "direct", "self_critical", "reflective"},
        "trauma_type": set(TRAUMA_TYPES),
    }
    for name, allowed in known.items():
        unknown = sorted(set(getattr(d, name)) - allowed)
        if unknown:
            raise ConfigError(f"config.personas.{name} has unknown value(s) {unknown}; expected some of {sorted(allowed)}")


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]


def _age(rng: random.Random, d: PersonaDistributions, band: str) -> int:
    lo, hi = AGE_BANDS[band]
    lo, hi = max(lo, d.age_min), min(hi, d.age_max)
    if lo > hi:  # band outside the configured range: fall back to the range itself
        lo, hi = d.age_min, d.age_max
    return rng.randint(lo, hi)


def _band_of(age: int) -> str:
    return next(b for b, (lo, hi) in AGE_BANDS.items() if lo <= age <= hi)


def _occupation(rng: random.Random, trauma: TraumaType, age: int, education: str, children: int) -> str:
    """An occupation inside its age range (persona_rules.yaml), with a degree when it needs one."""
    r = rules()
    fitting = [o for o in trauma.occupations if r.occupation_fits(o, age, children)]
    if fitting and rng.random() < 0.8:
        return rng.choice(fitting)
    pool = [o for o in GENERAL_OCCUPATIONS if education in ("bachelors", "graduate") or o not in DEGREE_OCCUPATIONS]
    if age >= 67:
        pool = [o for o in pool if o.startswith("retired")] + ["retired", "part-time volunteer", "retired nurse"]
    if age <= 24 and rng.random() < 0.4:
        return "college student" if education != "high_school_or_less" else "warehouse worker"
    return rng.choice([o for o in pool if r.occupation_fits(o, age, children)] or ["unemployed"])


def _symptoms(rng: random.Random, severity: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    # Every PTSD profile touches each of the four DSM-5 clusters; severity sets how many symptoms in all.
    n_extra = {"mild": 1, "moderate": 3, "severe": 5}[severity]
    chosen = [rng.choice(SYMPTOM_CLUSTERS[c]) for c in ("intrusion", "avoidance", "mood_cognition", "arousal")]
    pool = [s for group in SYMPTOM_CLUSTERS.values() for s in group if s not in chosen]
    chosen += rng.sample(pool, n_extra)
    clusters = tuple(c for c, group in SYMPTOM_CLUSTERS.items() if any(s in group for s in chosen))
    return tuple(chosen), clusters


def _relationships(rng: random.Random, gender: str, age: int, support: str,
                   min_children: int = 0) -> tuple[str | None, int, tuple[str, ...]]:
    p_partner = {"strong": 0.7, "moderate": 0.55, "limited": 0.35, "isolated": 0.1}[support]
    partner = None
    if rng.random() < p_partner:
        options = {"woman": ["husband", "partner", "wife", "boyfriend"], "man": ["wife", "partner", "girlfriend"],
                   "non-binary": ["partner", "partner", "girlfriend", "boyfriend"]}[gender]
        if age < 23:  # few people are married this young: keep to dating words
            options = [o for o in options if o not in ("husband", "wife")] or ["partner"]
        partner = rng.choice(options)
    children = 0 if age < 22 else rng.choices([0, 1, 2, 3], weights=[0.4, 0.25, 0.25, 0.1])[0]
    children = max(children, min_children)
    n_people = {"strong": 3, "moderate": 2, "limited": 1, "isolated": 0}[support]
    people = tuple(rng.sample([p for p in SUPPORT_PEOPLE if rules().support_fits(p, age, children, partner)], n_people))
    return partner, children, people


def _trauma(rng: random.Random, d: PersonaDistributions, gender: str, age: int) -> TraumaType:
    """A trauma type by the configured weights, drawn again while it does not fit the persona's gender and age
    (persona_rules.yaml: traumatic childbirth is for someone who gave birth); after 20 draws, by weight among those
    that fit."""
    r = rules()
    for _ in range(20):
        trauma_id = _pick(rng, d.trauma_type)
        if r.trauma_fits(trauma_id, gender, age):
            return TRAUMA_TYPES[trauma_id]
    fitting = {t: w for t, w in d.trauma_type.items() if r.trauma_fits(t, gender, age)}
    if not fitting:
        raise ConfigError(f"config.personas.trauma_type: no trauma type with weight fits a {age}-year-old {gender} "
                          f"(see {RULES_FILE.name})")
    return TRAUMA_TYPES[_pick(rng, fitting)]


def generate_persona(persona_id: int, d: PersonaDistributions, rng: random.Random) -> Persona:
    band = _pick(rng, d.age_band)
    age = _age(rng, d, band)
    gender = _pick(rng, d.gender)
    education = _pick(rng, d.education)
    if age < 22 and education == "graduate":
        education = "bachelors" if age >= 21 else "some_college"
    trauma = _trauma(rng, d, gender, age)
    lo, hi = trauma.event_age
    min_children = rules().trauma_min_children.get(trauma.trauma_id, 0)
    # A birth left a child at least a year old (persona_facts gives that child the years since the trauma).
    event_age = rng.randint(min(lo, age), min(hi, age - 1 if min_children else age))
    severity = _pick(rng, d.severity)
    support = _pick(rng, d.support_level)
    symptoms, clusters = _symptoms(rng, severity)
    partner, children, people = _relationships(rng, gender, age, support, min_children)
    return Persona(
        persona_id=persona_id,
        first_name=rng.choice(FIRST_NAMES[gender]),
        age=age,
        age_band=_band_of(age),
        gender=gender,
        ethnicity=_pick(rng, d.ethnicity),
        education=education,
        occupation=_occupation(rng, trauma, age, education, children),
        trauma_type=trauma.trauma_id,
        trauma_label=trauma.label,
        years_since_trauma=age - event_age,
        symptoms=symptoms,
        symptom_clusters=clusters,
        severity=severity,
        pcl5_score=rng.randint(*SEVERITY_PCL5[severity]),
        support_level=support,
        support_people=people,
        partner=partner,
        children=children,
        communication_style=_pick(rng, d.communication_style),
    )


def generate_personas(n: int, d: PersonaDistributions, seed: int) -> list[Persona]:
    """`n` personas, ids 1..n. The same (n, d, seed) always gives the same personas."""
    if n <= 0:
        raise ConfigError(f"number of personas must be a positive integer, got {n}")
    rng = random.Random(f"personas:{seed}")
    return [generate_persona(i, d, rng) for i in range(1, n + 1)]

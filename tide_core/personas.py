"""Seeded generator of synthetic PTSD client personas.

Every persona made here is synthetic (`is_synthetic=True` in the warehouse). Attribute distributions come from
`PersonaDistributions`; dependent attributes (occupation, time since trauma, symptoms, relationships) are drawn
conditionally so that personas hang together (a combat veteran is an adult at the time of the event, a
first responder works in a first-responder job, childhood abuse happened in childhood).
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from tide_core.errors import ConfigError

if TYPE_CHECKING:  # config imports this module (check_distributions): the type only, to keep imports one way
    from tide_core.config import PersonaDistributions


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
    if trauma.occupations and rng.random() < 0.8:
        fitting = [o for o in trauma.occupations if age >= 50 or not o.startswith("retired")]
        return rng.choice(fitting)
    pool = [o for o in GENERAL_OCCUPATIONS if education in ("bachelors", "graduate") or o not in DEGREE_OCCUPATIONS]
    if age < 55:  # nobody retires at 18
        pool = [o for o in pool if not o.startswith("retired")]
    if children == 0:
        pool = [o for o in pool if o != "stay-at-home parent"]
    if age > 34:  # students in the pool are young; mature students exist but read as a generator slip here
        pool = [o for o in pool if not o.endswith("student")]
    if age >= 67:
        pool = [o for o in pool if o.startswith("retired")] + ["retired", "part-time volunteer", "retired nurse"]
    if age <= 24 and rng.random() < 0.4:
        return "college student" if education != "high_school_or_less" else "warehouse worker"
    return rng.choice(pool)


def _symptoms(rng: random.Random, severity: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    # Every PTSD profile touches each of the four DSM-5 clusters; severity sets how many symptoms in all.
    n_extra = {"mild": 1, "moderate": 3, "severe": 5}[severity]
    chosen = [rng.choice(SYMPTOM_CLUSTERS[c]) for c in ("intrusion", "avoidance", "mood_cognition", "arousal")]
    pool = [s for group in SYMPTOM_CLUSTERS.values() for s in group if s not in chosen]
    chosen += rng.sample(pool, n_extra)
    clusters = tuple(c for c, group in SYMPTOM_CLUSTERS.items() if any(s in group for s in chosen))
    return tuple(chosen), clusters


def _relationships(rng: random.Random, gender: str, age: int, support: str) -> tuple[str | None, int, tuple[str, ...]]:
    p_partner = {"strong": 0.7, "moderate": 0.55, "limited": 0.35, "isolated": 0.1}[support]
    partner = None
    if rng.random() < p_partner:
        options = {"woman": ["husband", "partner", "wife", "boyfriend"], "man": ["wife", "partner", "girlfriend"],
                   "non-binary": ["partner", "partner", "girlfriend", "boyfriend"]}[gender]
        if age < 23:  # few people are married this young: keep to dating words
            options = [o for o in options if o not in ("husband", "wife")] or ["partner"]
        partner = rng.choice(options)
    children = 0 if age < 22 else rng.choices([0, 1, 2, 3], weights=[0.4, 0.25, 0.25, 0.1])[0]
    n_people = {"strong": 3, "moderate": 2, "limited": 1, "isolated": 0}[support]
    people = tuple(rng.sample([p for p in SUPPORT_PEOPLE if p != "partner" or partner], n_people))
    return partner, children, people


def generate_persona(persona_id: int, d: PersonaDistributions, rng: random.Random) -> Persona:
    band = _pick(rng, d.age_band)
    age = _age(rng, d, band)
    gender = _pick(rng, d.gender)
    education = _pick(rng, d.education)
    if age < 22 and education == "graduate":
        education = "bachelors" if age >= 21 else "some_college"
    trauma = TRAUMA_TYPES[_pick(rng, d.trauma_type)]
    lo, hi = trauma.event_age
    event_age = rng.randint(min(lo, age), min(hi, age))
    severity = _pick(rng, d.severity)
    support = _pick(rng, d.support_level)
    symptoms, clusters = _symptoms(rng, severity)
    partner, children, people = _relationships(rng, gender, age, support)
    if trauma.trauma_id == "childbirth_trauma":  # a birth happened: at least that child (persona_facts ages it)
        children = max(children, 1)
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

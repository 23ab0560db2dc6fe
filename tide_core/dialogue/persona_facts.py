"""Stable facts about one persona's life that its 20 conversations must agree on, turned into slot sources.

The Persona record says "2 children, partner: wife, occupation: paramedic". A person talking about their life says
"my daughter Mia", "my wife", "on shift". The names, the children's ages, the date of the anniversary, which war a
veteran served in or who a bereaved client lost are drawn here from a Random seeded by the persona's own fields, so
every conversation of one persona names the same daughter and the same date (a per-conversation rng could not
guarantee that). The result is deterministic: the same persona always gets the same facts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from tide_core.dialogue.fill import Source, number_word, words
from tide_core.personas import Persona

# Jobs where people are expected to stay steady for others ("Being a paramedic, I'm supposed to ...").
HELPERS = {"paramedic", "EMT", "firefighter", "police officer", "sheriff's deputy", "ER nurse", "911 dispatcher",
           "nursing assistant", "home health aide", "social worker", "teacher", "search-and-rescue volunteer",
           "National Guard member", "security guard", "pharmacist"}
# The year the conversations take place; used to place the event in history ("since 2013", which war).
CURRENT_YEAR = 2025

FEMALE_NAMES = words("""
Mia
Emma
Sophie
Lily
Ava
Chloe
Zoe
Nora
Ella
Maya
Isabel
Harper
Layla
Ruby
Gabriela
Amara
Jada
Tessa
Camila
Hazel
Dana
Beth
Carol
Angela
Monica
Lauren
Trish
Nicole
Vanessa
Jo
""")
MALE_NAMES = words("""
Leo
Noah
Eli
Mateo
Caleb
Owen
Isaiah
Jonah
Miles
Jayden
Theo
Sam
Marcus
Ben
Diego
Aaron
Dante
Jake
Tommy
Nate
Rob
Greg
Mike
Tony
Dave
Chris
Manny
Phil
Derek
Pete
""")
NEUTRAL_NAMES = ("Alex", "Jamie", "Robin", "Taylor", "Sam", "Jordan", "Kris", "Devon", "Ash", "Remy")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class Person:
    """Someone in the client's life: how the client names them and which pronouns fit."""

    noun: str  # "son", "wife", "sister"
    name: str
    he: str  # he / she / they
    him: str
    his: str
    hes: str  # he's / she's / they're


def _pronouns(gender: str) -> tuple[str, str, str, str]:
    return {"m": ("he", "him", "his", "he's"), "f": ("she", "her", "her", "she's"),
            "x": ("they", "them", "their", "they're")}[gender]


def _person(noun: str, gender: str, rng: random.Random) -> Person:
    pool = {"m": MALE_NAMES, "f": FEMALE_NAMES, "x": NEUTRAL_NAMES}[gender]
    return Person(noun, rng.choice(pool), *_pronouns(gender))


@dataclass(frozen=True)
class Facts:
    """Everything stable about a persona's life that the banks refer to."""

    sources: dict[str, Source]
    # What kind of life the person has, for choosing between template variants.
    has_partner: bool
    has_kids: bool
    working: bool
    young: bool  # under 30: looser spelling, "my roommate", "my mom"
    old: bool  # 65 and over
    child_ages: tuple[int, ...] = ()  # oldest first, as the messages tell them


def _partner(p: Persona, rng: random.Random) -> Person | None:
    if p.partner is None:
        return None
    if p.partner in ("wife", "girlfriend"):
        gender = "f"
    elif p.partner in ("husband", "boyfriend"):
        gender = "m"
    else:  # "partner": any gender; weighted by the persona's own gender as a rough prior
        gender = rng.choice({"woman": "mmfx", "man": "ffmx", "non-binary": "mfxx"}[p.gender])
    return _person(p.partner, gender, rng)


def _children(p: Persona, rng: random.Random) -> list[tuple[Person, int]]:
    kids = []
    for i in range(p.children):
        # The parent was 20 to 40 at the birth (never older than they are now less a year): ages fit the parent
        # (persona_rules.yaml: 18 to 45). A persona who leans on an adult child has one of 18 or more.
        hi = min(40, p.age - 1)
        if i == 0 and "adult child" in p.support_people:
            hi = min(hi, p.age - 18)
        age = p.age - rng.randint(min(20, hi), hi)
        gender = rng.choice("mf")
        kids.append((_person("son" if gender == "m" else "daughter", gender, rng), age))
    if p.trauma_type == "childbirth_trauma" and kids:  # the traumatic birth was this child's: its age is the time since
        kids[0] = (kids[0][0], max(1, p.years_since_trauma))
    return sorted(kids, key=lambda k: -k[1])


def _kid_phrases(kids: list[tuple[Person, int]]) -> dict[str, Source]:
    out: dict[str, Source] = {}
    if not kids:
        return out
    young = [k for k in kids if 3 <= k[1] < 13]  # old enough to talk and ask, young enough to be "little"
    grown = [k for k in kids if k[1] >= 18]
    main, age = kids[-1]  # the youngest is the one most talked about
    n = len(kids)
    label = main.noun if n == 1 else ("youngest" if n > 1 and age < 18 else main.noun)
    out["kid"] = (f"my {main.noun}", f"my {main.noun} {main.name}", f"my {label}", main.name if n > 1 else
                  f"my {main.noun}")
    out["kid_name"] = main.name
    out["kid_he"], out["kid_him"], out["kid_his"], out["kid_hes"] = main.he, main.him, main.his, main.hes
    out["kid_age"] = number_word(age)
    out["kids_are"], out["kids_were"], out["kids_they"], out["kids_them"] = (
        ("is", "was", main.he, main.him) if n == 1 else ("are", "were", "they", "them"))
    oldest, youngest = kids[0][1], kids[-1][1]
    # Guards for behaviour that only fits children of some ages (a toddler does not check the locks).
    for guard, holds in (("if_kid_toddler", age < 4), ("if_kid_school", 5 <= age < 18),
                         ("if_kid_child", 4 <= age < 13), ("if_kid_minor", age < 18), ("if_kid_adult", age >= 18),
                         ("if_kids_minor", oldest < 18), ("if_kids_young", oldest < 13),
                         ("if_kids_school", youngest >= 5 and oldest < 18), ("if_kids2", n > 1),
                         ("if_kid_talk", age >= 4)):
        if holds:
            out[guard] = ""
    if n == 1:
        out["kids"] = (f"my {main.noun}", f"my {main.noun}")
    else:
        genders = {k[0].noun for k in kids}
        group = {"son": "boys", "daughter": "girls"}.get(genders.pop()) if len(genders) == 1 else "kids"
        out["kids"] = (f"my {number_word(n)} kids", "the kids", f"my {group}", "my kids")
    if young:
        y, y_age = young[-1]
        out["little"] = (f"my {y.noun}", f"my {y.noun} {y.name}", y.name, f"my {number_word(y_age)}-year-old")
        out["little_he"], out["little_him"], out["little_his"] = y.he, y.him, y.his
    if grown:
        g, g_age = grown[0]
        out["grown_age"] = str(g_age)
        out["grown"] = (f"my {g.noun}", f"my {g.noun} {g.name}", f"my oldest, {g.name},")
        out["grown_he"], out["grown_his"] = g.he, g.his
    return out


def _years(p: Persona) -> dict[str, Source]:
    y = p.years_since_trauma
    if y == 0:
        span, ago = "a few months", "a few months ago"
        since = ("earlier this year", "this spring", "last fall")
    elif y == 1:
        span, ago, since = "a year", "a year ago", ("last year", "over a year now")
    else:
        span, ago = f"{number_word(y)} years", f"{number_word(y)} years ago"
        since = (f"since {CURRENT_YEAR - y}", f"{number_word(y)} years")
    return {"years": span, "years_ago": ago, "since": since, "age_then": number_word(max(p.age - y, 3))}


def _anniversary(rng: random.Random) -> dict[str, Source]:
    month = rng.randrange(12)
    day = rng.randint(1, 28)
    date = f"{MONTHS[month]} {ordinal(day)}"
    return {"date": (date, f"the {ordinal(day)} of {MONTHS[month]}", date), "month": MONTHS[month],
            "month_after": MONTHS[(month + 1) % 12]}


_SUPPORT_FORMS = {
    "sibling": lambda rng: (f"my {rng.choice(('sister', 'brother'))}",),
    "parent": lambda rng: (rng.choice(("my mom", "my dad", "my mother", "my father")),),
    "close friend": lambda rng: (f"my friend {rng.choice(FEMALE_NAMES + MALE_NAMES)}", "my best friend"),
    "adult child": lambda rng: (f"my {rng.choice(('son', 'daughter'))}",),
    "peer support group": lambda rng: ("my support group", "the group I go to on Thursdays", "my peer group"),
    "coworker": lambda rng: (f"{rng.choice(FEMALE_NAMES + MALE_NAMES)} from work", "a coworker"),
    "faith community": lambda rng: ("my pastor", "a couple of people from church", "my church"),
    "neighbour": lambda rng: (f"my neighbor {rng.choice(FEMALE_NAMES + MALE_NAMES)}", "my neighbor"),
    "therapist from years ago": lambda rng: ("the therapist I saw years ago", "my old therapist"),
    "partner": lambda rng: (),
}


def _support(p: Persona, rng: random.Random, partner: Person | None, grown: bool) -> dict[str, Source]:
    forms: list[str] = []
    for s in p.support_people:
        if s == "adult child" and not grown:
            continue
        forms.extend(_SUPPORT_FORMS[s](rng))
    if partner is not None and "partner" in p.support_people:
        forms.append(f"my {partner.noun}")
    return {"support": tuple(forms)} if forms else {}


def _close(p: Persona, partner: Person | None, kid_src: dict[str, Source], young: bool,
           rng: random.Random) -> dict[str, Source]:
    """The person most exposed to the client's bad days: partner, else a child, else family or a roommate."""
    if partner is not None:
        return {"close": f"my {partner.noun}", "close_name": partner.name, "close_he": partner.he,
                "close_him": partner.him, "close_his": partner.his, "close_hes": partner.hes}
    if "kid" in kid_src and "if_kid_adult" in kid_src:  # a young child is not who a grown-up confides in or fights with
        return {"close": kid_src["kid"], "close_name": kid_src["kid_name"], "close_he": kid_src["kid_he"],
                "close_him": kid_src["kid_him"], "close_his": kid_src["kid_his"], "close_hes": kid_src["kid_hes"]}
    noun, gender = rng.choice((("roommate", rng.choice("mf")), ("sister", "f"), ("brother", "m"),
                               ("mom" if young else "best friend", "f")))
    person = _person(noun, gender, rng)
    while person.name == kid_src.get("kid_name"):  # "my mom Dana" beside "my daughter Dana" reads as one person
        person = _person(noun, gender, rng)
    return {"close": f"my {noun}", "close_name": person.name, "close_he": person.he, "close_him": person.him,
            "close_his": person.his, "close_hes": person.hes}


def _care(p: Persona, rng: random.Random) -> str:
    """Who a person without children looks after (for the caregiving scenario)."""
    if p.occupation in ("teacher", "retired teacher"):
        return "my students" if p.occupation == "teacher" else "my sister"
    if p.occupation == "home health aide":
        return "my clients"
    options = ["my niece", "my nephew", "my little brother", "my mom"] if p.age < 45 else \
        ["my mom", "my dad", "my niece", "my sister's kids"]
    return rng.choice(options)


@lru_cache(maxsize=1024)
def persona_facts(p: Persona) -> Facts:
    """The stable slot sources of one persona (cached: each persona is composed 20 times in a build)."""
    rng = random.Random(f"facts:{p.persona_id}:{p.first_name}:{p.age}:{p.trauma_type}:{p.occupation}")
    partner = _partner(p, rng)
    kids = _children(p, rng)
    src: dict[str, Source] = {"name": p.first_name, "age_word": number_word(p.age)}
    if partner is not None:
        src.update(partner=partner.noun, partner_name=partner.name, p_he=partner.he, p_him=partner.him,
                   p_his=partner.his, p_hes=partner.hes)
    kid_src = _kid_phrases(kids)
    src.update(kid_src)
    if p.age >= 50 and kids and kids[0][1] >= 22:
        src["if_grandkids"] = ""
        src["grandkids"] = ("my grandkids", "the grandkids", "my grandson", "my granddaughter")
    if "grown_age" in kid_src:  # a grown child who was still a child when the trauma happened (or it predates them)
        del src["grown_age"]
        if int(kid_src.pop("grown_age")) - p.years_since_trauma < 16:
            src["if_grown_raised"] = ""
    src.update(_years(p))
    src.update(_anniversary(rng))
    src.update(_support(p, rng, partner, any(a >= 18 for _, a in kids)))
    src.update(_close(p, partner, kid_src, p.age < 30, rng))
    from tide_core.dialogue.work import work_sources  # local import: work depends on this module's helpers

    working, work_src = work_sources(p, rng)
    src.update(work_src)
    from tide_core.dialogue.trauma_sources import trauma_sources

    src.update(trauma_sources(p, rng))
    if not kids:
        src["care"] = _care(p, rng)
    # Guard slots render as "" and only exist when the condition holds, so a template can require a condition.
    for guard, holds in (("if_kids", bool(kids)), ("if_nokids", not kids), ("if_partner", partner is not None),
                         ("if_working", working), ("if_young", p.age < 30), ("if_old", p.age >= 65),
                         ("if_midlife", 30 <= p.age < 65),
                         ("if_nopartner", partner is None), ("if_helper", working and p.occupation in HELPERS)):
        if holds:
            src[guard] = ""
    return Facts(src, partner is not None, bool(kids), working, p.age < 30, p.age >= 65,
                 tuple(age for _, age in kids))

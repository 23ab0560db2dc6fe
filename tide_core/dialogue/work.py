"""How a persona talks about their working day: where work happens, who is there, what a unit of work is called.

A paramedic is "on shift" with "my partner on the rig", a student is "in class", a bus driver is "on my route",
a retired teacher has no job but still goes "to the grocery store" and "to church". Scenarios about work
(hypervigilance at work) use these slots; for people without a job they become the places of their week.
"""

from __future__ import annotations

import random

from tide_core.dialogue.fill import Source
from tide_core.personas import Persona

# occupation -> (where: "at work" forms, colleagues, boss, unit of work). Unlisted occupations use _DEFAULT.
_WORK: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "paramedic": (("on shift", "on the rig", "on a call"), ("my partner on the rig", "the crew"),
                  ("my supervisor", "the shift captain"), ("shift",)),
    "EMT": (("on shift", "in the ambulance", "on calls"), ("my partner on the truck", "the other EMTs"),
            ("my supervisor",), ("shift",)),
    "firefighter": (("at the station", "on shift", "on calls"), ("the guys at the station", "my crew"),
                    ("the captain", "my lieutenant"), ("shift",)),
    "police officer": (("on patrol", "on shift", "in the car"), ("my partner", "the guys on my squad"),
                       ("my sergeant",), ("shift",)),
    "sheriff's deputy": (("on patrol", "on shift", "out on the county roads"), ("the other deputies",),
                         ("my sergeant", "the sheriff"), ("shift",)),
    "ER nurse": (("on shift", "in the ER", "at the hospital"), ("the other nurses", "my charge nurse"),
                 ("my charge nurse", "my manager"), ("shift",)),
    "911 dispatcher": (("on the console", "on shift", "at dispatch"), ("the other dispatchers",),
                       ("my supervisor",), ("shift",)),
    "search-and-rescue volunteer": (("on callouts", "on a search", "at training"), ("the team",),
                                    ("the team lead",), ("callout",)),
    "college student": (("in class", "in lecture", "on campus", "in the library"), ("my classmates", "my roommate"),
                        ("my professor", "my advisor"), ("class",)),
    "graduate student": (("in the lab", "in seminar", "on campus"), ("my labmates", "the other grad students"),
                         ("my advisor",), ("day in the lab",)),
    "teacher": (("in my classroom", "at school", "on hall duty"), ("the other teachers", "my students"),
                ("my principal",), ("school day",)),
    "bus driver": (("on my route", "behind the wheel", "at the depot"), ("the other drivers",),
                   ("my dispatcher", "my supervisor"), ("route",)),
    "delivery driver": (("on my route", "in the van", "at drop-offs"), ("the other drivers",),
                        ("my dispatcher",), ("route",)),
    "truck driver": (("on the road", "in the cab", "at truck stops"), ("the other drivers",),
                     ("my dispatcher",), ("run",)),
    "security guard": (("on my post", "on rounds", "at work"), ("the other guards",), ("my supervisor",),
                       ("shift",)),
    "cook": (("in the kitchen", "on the line", "at work"), ("the line cooks", "the kitchen crew"),
             ("my sous chef", "my manager"), ("shift",)),
    "chef": (("in the kitchen", "on the line", "at the restaurant"), ("my kitchen crew",), ("the owner",),
             ("service",)),
    "barista": (("at the café", "behind the counter", "at work"), ("my coworkers",), ("my manager",), ("shift",)),
    "cashier": (("at the register", "at work", "at the store"), ("my coworkers",), ("my manager",), ("shift",)),
    "retail manager": (("on the floor", "at the store", "at work"), ("my staff", "my team"), ("the district manager",),
                       ("shift",)),
    "warehouse worker": (("on the floor", "at the warehouse", "at work"), ("the guys on my shift", "my crew"),
                         ("my lead", "my supervisor"), ("shift",)),
    "forklift operator": (("on the floor", "at the warehouse", "on the forklift"), ("the guys on my shift",),
                          ("my lead",), ("shift",)),
    "construction worker": (("on site", "on the job", "at work"), ("my crew",), ("the foreman",), ("day on site",)),
    "roofer": (("on the roof", "on the job", "at work"), ("my crew",), ("the foreman",), ("job",)),
    "lineman": (("up on the poles", "on the line crew", "at work"), ("my crew",), ("the foreman",), ("shift",)),
    "machinist": (("at the machines", "in the shop", "at work"), ("the guys in the shop",), ("my supervisor",),
                  ("shift",)),
    "factory supervisor": (("on the floor", "at the plant", "at work"), ("my crew", "the line workers"),
                           ("the plant manager",), ("shift",)),
    "farmhand": (("out in the fields", "in the barn", "at work"), ("the other hands",), ("the owner",), ("day",)),
    "nursing assistant": (("on the floor", "on shift", "at work"), ("the other aides", "the nurses"),
                          ("the charge nurse",), ("shift",)),
    "home health aide": (("at my clients' houses", "on visits", "at work"), ("the other aides",),
                         ("my coordinator",), ("visit",)),
    "hairdresser": (("at the salon", "with clients", "at work"), ("the other stylists",), ("the salon owner",),
                    ("day at the salon",)),
    "call center agent": (("on the phones", "on calls", "at work"), ("the people in my row",), ("my team lead",),
                          ("shift",)),
    "VA groundskeeper": (("on the grounds", "at the VA", "at work"), ("the other groundskeepers",),
                         ("my supervisor",), ("shift",)),
    "stay-at-home parent": (("at school pickup", "at the playground", "at the grocery store"), ("the other parents",),
                            (), ("day",)),
    "unemployed": (("at job interviews", "at the grocery store", "at the unemployment office"), ("people",), (),
                   ("day",)),
}
_DEFAULT = (("at work", "at the office", "at my job"), ("my coworkers", "the people I work with"),
            ("my boss", "my manager"), ("workday", "day"))
_RETIRED = (("at the grocery store", "at church", "at my volunteer shift", "at the senior center"),
            ("the other volunteers", "people"), (), ("day",))
# Occupations that mean the person has no job to go to.
NOT_WORKING = {"stay-at-home parent", "unemployed", "retired", "part-time volunteer"}


def work_sources(p: Persona, rng: random.Random) -> tuple[bool, dict[str, Source]]:
    """(has a job, slot sources): work_at, coworkers, boss (only with a job), shift, job."""
    occ = p.occupation
    retired = occ.startswith("retired") or occ == "part-time volunteer"
    where, people, boss, unit = _RETIRED if retired else _WORK.get(occ, _DEFAULT)
    working = not retired and occ not in NOT_WORKING
    src: dict[str, Source] = {"work_at": where, "coworkers": people, "shift": unit}
    if boss:
        src["boss"] = boss
    if working:
        src["job"] = ("my job", "work")
        src["occupation"] = occ
    return working, src

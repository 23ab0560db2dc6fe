"""Trauma-type slot sources: the concrete reminders, places, sounds and images each kind of experience leaves
behind, from data/trauma/<trauma type>.yaml, plus the persona-stable specifics (the war, the disaster, the role).

Scenario templates name slots (`{trigger}`, `{place}`); the values come from here, so a nightmare for a combat
veteran is about the convoy and for a fire survivor about smoke. Keys and the grammar each value must fit:

  event     noun phrase for the event, safe in both voices: "since {event}", "about {event}"
  kind      reply-only, after "after": "after {kind}" ("after a crash like that")
  trigger   noun phrase, a sensory reminder: "{Trigger} set me off"
  sound     noun phrase, a sudden noise: "when {sound} went off" -> keep it a thing: "a car backfiring"
  place     noun phrase, somewhere avoided: "go near {place}"
  avoid     gerund phrase, something avoided: "I keep avoiding {avoid}"
  nightmare first-person clause, client only: "I dreamed {nightmare}"
  image     first-person clause for a flashback, client only: "for a second {image}"
  media     noun phrase, something seen or heard: "I saw {media}"
  guilt     first-person clause: "I keep thinking {guilt}"

Values are brief and never graphic: the client alludes, as people do; the reply never asks for more.
Values may name persona slots ("{lost}", "{war}"), which persona_facts fills.
"""

from __future__ import annotations

import random

from tide_core.dialogue.banks import load_banks
from tide_core.dialogue.fill import Source
from tide_core.dialogue.persona_facts import CURRENT_YEAR, FEMALE_NAMES, MALE_NAMES
from tide_core.personas import Persona

BANK: dict[str, dict[str, tuple[str, ...]]] = load_banks().trauma

_WARS = ((1976, "Vietnam"), (1990, "Beirut"), (1993, "the Gulf"), (2001, "Bosnia"), (2003, "Afghanistan"),
         (2012, "Iraq"), (2022, "Afghanistan"), (9999, "Syria"))
_DISASTERS = {
    "flood": ("the flood", "flood", "the smell of mud and wet drywall", "heavy rain on the roof",
              "the water was coming up the stairs and I couldn't wake everyone",
              "I was back on the roof watching the water"),
    "hurricane": ("the hurricane", "hurricane", "the wind howling", "the wind screaming through the windows",
                  "the windows were blowing in and we couldn't get to the hallway",
                  "I was back in the hallway with the windows blowing in"),
    "wildfire": ("the wildfire", "wildfire", "smoke haze in the air", "a fire crackling",
                 "the fire was coming over the ridge and the car wouldn't start",
                 "I was back on the road with the ridge on fire"),
    "tornado": ("the tornado", "tornado", "that green sky before a storm", "the tornado siren",
                "I was in the bathtub and the roof was gone", "I was back in the bathtub hearing the roof go"),
}
_FR_ROLES = {
    "medic": {"fr_event": ("the call with the little boy", "the pileup call", "that overdose call"),
              "fr_trigger": ("the smell of the rig", "a kid's car seat", "a call coming over the radio"),
              "fr_sound": ("the tones dropping",), "fr_place": ("that apartment complex", "the overpass"),
              "fr_avoid": ("the street where that call was",),
              "fr_dream": ("I was doing CPR on a kid and the ambulance never came",),
              "fr_flash": ("I was kneeling next to that car seat",),
              "fr_guilt": ("we took too long to get there",)},
    "fire": {"fr_event": ("the house fire with the kids", "that structure fire", "the fire on {road}"),
             "fr_trigger": ("the smell of a house fire", "turnout gear hanging up", "a smoke alarm"),
             "fr_sound": ("the tones going off", "the station alarm"), "fr_place": ("that house", "that street"),
             "fr_avoid": ("the street with that house",),
             "fr_dream": ("I was back in that house and I couldn't find the stairs",),
             "fr_flash": ("I was back in that hallway with my mask fogging",),
             "fr_guilt": ("we didn't get to the back bedroom in time",)},
    "police": {"fr_event": ("the shooting call", "the domestic call that went bad", "that crash on {road}"),
               "fr_trigger": ("blue lights in my mirror", "a call coming over the scanner", "a guy reaching "
                              "into his waistband"),
               "fr_sound": ("the radio tone",), "fr_place": ("that neighborhood", "that house on my beat"),
               "fr_avoid": ("that part of the county",),
               "fr_dream": ("I was walking up to a car and couldn't see the driver's hands",),
               "fr_flash": ("I was walking up to that house again",),
               "fr_guilt": ("I should have gotten there faster",)},
    "nurse": {"fr_event": ("the kid who coded on my shift", "the mass casualty night", "the COVID year"),
              "fr_trigger": ("a code being called overhead", "the smell of the trauma bay", "a monitor alarm"),
              "fr_sound": ("a code called overhead",), "fr_place": ("trauma bay two", "the peds room"),
              "fr_avoid": ("taking trauma patients",),
              "fr_dream": ("I was running a code and nobody came when I yelled",),
              "fr_flash": ("I was back in the trauma bay doing compressions",),
              "fr_guilt": ("I missed the signs on that patient",)},
    "dispatch": {"fr_event": ("the call where I heard it happen", "the call with the mom and the baby",
                              "that call I can't shake"),
                 "fr_trigger": ("a phone ringing", "someone screaming on a video", "a headset"),
                 "fr_sound": ("a phone ringing",), "fr_place": ("that address", "the dispatch floor"),
                 "fr_avoid": ("taking medical calls",),
                 "fr_dream": ("I was on the line with her and I couldn't send anyone",),
                 "fr_flash": ("I was back on that call hearing her breathe",),
                 "fr_guilt": ("I gave the wrong cross street",)},
    "sar": {"fr_event": ("the search for the little girl", "the recovery at the river", "that search"),
            "fr_trigger": ("the smell of the river", "a kid's shoe on the trail", "a pager going off"),
            "fr_sound": ("the pager going off",), "fr_place": ("the river", "that trail"),
            "fr_avoid": ("the river trail",),
            "fr_dream": ("I was searching the woods and I kept hearing her",),
            "fr_flash": ("I was back at the riverbank",),
            "fr_guilt": ("we searched the wrong side first",)},
}
_FR_OCCUPATIONS = {"paramedic": "medic", "EMT": "medic", "firefighter": "fire", "retired firefighter": "fire",
                   "police officer": "police", "sheriff's deputy": "police", "ER nurse": "nurse",
                   "911 dispatcher": "dispatch", "search-and-rescue volunteer": "sar"}
_FR_FORMER = {"medic": "a paramedic", "fire": "a firefighter", "police": "a cop", "nurse": "an ER nurse",
              "dispatch": "a dispatcher", "sar": "on a search-and-rescue team"}
_INJURIES = (("the fall", "the sound of a harness clip", "I was falling and grabbing at nothing",
              "I was falling again"),
             ("the forklift accident", "a forklift reversing", "the forklift was tipping and I couldn't get out",
              "the forklift was coming over again"),
             ("my hand in the press", "the hiss of the press", "my hand was stuck and the press kept coming down",
              "I felt my hand caught again"),
             ("the shock", "the hum of a transformer", "I was back up on the pole and the line went live",
              "I felt the jolt again"))
_ROADS = ("Route 9", "I-95", "the 405", "Highway 61", "County Road 12", "the interstate", "Route 30")
_LOST = (("brother", "m"), ("sister", "f"), ("mom", "f"), ("dad", "m"), ("best friend", "m"), ("best friend", "f"),
         ("son", "m"), ("daughter", "f"), ("husband", "m"), ("wife", "f"), ("fiancé", "m"))


def _war(p: Persona) -> str:
    year = CURRENT_YEAR - p.years_since_trauma
    return next(w for limit, w in _WARS if year < limit)


def _lost(p: Persona, rng: random.Random) -> dict[str, Source]:
    options = [o for o in _LOST if not (o[0] in ("husband", "wife", "fiancé") and p.partner)
               and not (o[0] in ("son", "daughter") and p.age - p.years_since_trauma < 38)]
    noun, gender = rng.choice(options)
    name = rng.choice(MALE_NAMES if gender == "m" else FEMALE_NAMES)
    he, him, his = ("he", "him", "his") if gender == "m" else ("she", "her", "her")
    return {"lost": (f"my {noun}", f"my {noun} {name}", name, f"my {noun}"), "lost_he": he, "lost_him": him,
            "lost_his": his}


def trauma_sources(p: Persona, rng: random.Random) -> dict[str, Source]:
    """Slot sources for this persona's trauma type, with the persona-stable specifics filled in."""
    src: dict[str, Source] = dict(BANK[p.trauma_type])
    src["road"] = rng.choice(_ROADS)
    src["close_noun"] = p.partner or "kid" if p.partner or p.children else "buddy"
    tt = p.trauma_type
    if tt == "combat":
        src["war"] = _war(p)
    elif tt == "natural_disaster":
        d = _DISASTERS[rng.choice(tuple(_DISASTERS))]
        src.update(disaster=d[0], disaster_word=d[1], disaster_cue=(d[2], "a weather alert on my phone", d[3]),
                   disaster_sound=d[3], disaster_dream=d[4], disaster_flash=d[5])
    elif tt == "first_responder":
        role = _FR_OCCUPATIONS.get(p.occupation) or rng.choice(tuple(_FR_FORMER))
        src.update(_FR_ROLES[role])
        if p.occupation not in _FR_OCCUPATIONS or p.occupation.startswith("retired"):
            src["fr_former"] = f"when I was {_FR_FORMER[role]}"
    elif tt == "sudden_loss":
        src.update(_lost(p, rng))
    elif tt == "childhood_abuse":
        src["abuser"] = rng.choice(("dad", "stepdad", "mom", "father", "uncle"))
    elif tt == "bullying":
        src["school"] = rng.choice(("middle school", "high school", "that school", "my first job"))
    elif tt == "mass_shooting":
        src["shoot_place"] = rng.choice(("the mall", "the festival", "school", "the grocery store", "the concert"))
    elif tt == "workplace_injury":
        inj = _INJURIES[rng.randrange(len(_INJURIES))]
        src.update(injury=inj[0], injury_cue=inj[1], injury_dream=inj[2], injury_flash=inj[3])
    return src


# Trauma-bank keys: when the client used any of them, the reply may speak of "{kind}".
TRAUMA_KEYS = frozenset({"event", "trigger", "sound", "place", "avoid", "nightmare", "image", "media", "guilt"})

"""The crisis card's scope as categories: C-SSRS screener levels, then self-injury, harm to others, immediate
danger and hopelessness; the hard-negative kinds of the corpus; and which categories are explicit or implicit.

The order of CATEGORIES is urgency: when several categories match one message, the first wins.
"""

from __future__ import annotations

CATEGORY_LABELS = {
    "immediate_danger": "immediate danger",
    "harm_to_others": "harm to others",
    "suicidal_plan": "suicidal plan",
    "preparatory_acts": "preparatory acts",
    "suicidal_intent": "suicidal intent",
    "suicidal_method": "suicidal thoughts with a method",
    "farewell": "farewell acts",
    "suicidal_ideation": "suicidal thoughts",
    "self_harm": "self-harm",
    "passive_death_wish": "passive death wish",
    "hopelessness": "hopelessness or feeling a burden",
}
CATEGORIES = tuple(CATEGORY_LABELS)
NONE = "none"
LABELS = (*CATEGORIES, NONE)

# Explicit: the message names a method, plan, intent, means, self-injury, harm to others or danger now.
EXPLICIT = ("immediate_danger", "harm_to_others", "suicidal_plan", "preparatory_acts", "suicidal_intent",
            "suicidal_method", "suicidal_ideation", "self_harm")
# Implicit: a wish to be dead, farewell acts, hopelessness or burden with risk.
IMPLICIT = ("passive_death_wish", "farewell", "hopelessness")
TIERS = {**{c: "explicit" for c in EXPLICIT}, **{c: "implicit" for c in IMPLICIT}}

NEGATIVE_KINDS = ("idiom", "denial", "third_person", "news_topic", "past_danger", "therapy_talk", "everyday",
                  "ordinary_distress", "survivor_guilt", "past_ideation_recovered", "violent_memory")

assert set(TIERS) == set(CATEGORIES)

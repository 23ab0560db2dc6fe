"""Sidebar filters kept in the URL (query parameters), so a filtered view can be shared as a link.

Each filter is a widget keyed `filter.<name>` whose value is mirrored in the URL query parameter `<name>`:
opening `/scenarios?scenario=nightmare` selects that scenario, and changing the widget rewrites the URL. A value
equal to the filter's default is left out of the URL, so an unfiltered view has a clean link; a value in the URL
that is not among the options is ignored (the default is used and the URL corrected).

    scenario = select(Choice("scenario", "Scenario", ("nightmare", "anniversary")))   # None = any
    simulated = ratings_source(status)                                             # which ratings to show
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import streamlit as st

from dashboard.charts import pretty
from dashboard.data import query
from tide_core.review import REVIEW_STATUSES

ANY = "(any)"
RATINGS_LABELS = {"real": "Real ratings (live and imported)", "simulated": "Simulated panel"}


@dataclass(frozen=True)
class Choice:
    """One URL-backed select box. `default` None offers "(any)" first and means no filter."""

    name: str
    label: str
    options: tuple[str, ...]
    default: str | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    help: str | None = None

    def __post_init__(self) -> None:
        if self.default is not None and self.default not in self.options:
            raise ValueError(f"filter {self.name!r}: default {self.default!r} is not one of {list(self.options)}")

    @property
    def values(self) -> list[str]:
        return ([ANY] if self.default is None else []) + list(self.options)

    def show(self, value: str) -> str:
        return value if value == ANY else self.labels.get(value, pretty(value))


def url_value(choice: Choice) -> str:
    """The choice's value in the URL when it is a valid option, else its default (ANY when none)."""
    raw = st.query_params.get(choice.name)
    return raw if raw in choice.values else (choice.default or ANY)


def select(choice: Choice, where=None) -> str | None:
    """Draw the select box (in the sidebar unless `where` says otherwise), starting from the URL; keep the URL in
    step; return the value (None for "(any)")."""
    values = choice.values
    where = where or st.sidebar
    value = where.selectbox(choice.label, values, index=values.index(url_value(choice)), key=f"filter.{choice.name}",
                            format_func=choice.show, help=choice.help)
    _set_url(choice.name, value, choice.default or ANY)
    return None if value == ANY else value


def toggle(name: str, label: str, where=None) -> bool:
    """A URL-backed checkbox (`?<name>=1` when ticked)."""
    where = where or st.sidebar
    ticked = where.checkbox(label, value=st.query_params.get(name) == "1", key=f"filter.{name}")
    _set_url(name, "1" if ticked else "0", "0")
    return ticked


def _set_url(name: str, value: str, default: str) -> None:
    if value == default:
        st.query_params.pop(name, None)
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def ratings_source(status: dict) -> bool:
    """Which ratings the page shows, as a sidebar filter (`?ratings=real|simulated`): real ratings by default when
    there are any, else the simulated panel. Returns True for simulated. Never pools the two."""
    options = tuple(k for k in ("real", "simulated") if status[f"n_{k}_ratings"]) or ("simulated",)
    value = select(Choice("ratings", "Ratings", options, default=options[0], labels=RATINGS_LABELS,
                          help="Simulated and real ratings are analysed separately, never pooled."))
    return value == "simulated"


def data_notes(status: dict, simulated: bool) -> None:
    """Say what kind of data the page shows: the simulated-ratings banner when the ratings shown are simulated, and
    a note when some systems are synthetic stand-ins rather than models."""
    from dashboard.components import SIMULATED_NOTE

    if simulated and status["n_simulated_ratings"]:
        st.warning(SIMULATED_NOTE, icon=":material/science:")
    if status["n_synthetic_systems"]:
        st.info(SYNTHETIC_SYSTEMS_NOTE, icon=":material/science:")


SYNTHETIC_SYSTEMS_NOTE = (
    "**Synthetic systems.** Some systems are rule-made variants of the reference replies "
    "(`models.weights_source = 'synthetic_variant'`), inserted because no model had answered yet: they exercise the "
    "pipeline and say nothing about any model."
)

# The Dataset page's filters: name -> (label, dimension in v_dataset_by_demographic, or None for scenarios/splits)
FILTERS = {
    "scenario": ("Scenario", None),
    "trauma_type": ("Trauma type", "trauma_type"),
    "age_band": ("Age band", "age_band"),
    "gender": ("Gender", "gender"),
    "education": ("Education", "education"),
    "split": ("Split", None),
    "review_status": ("Review status", None),
}


def _options(name: str) -> tuple[str, ...]:
    if name == "scenario":
        return tuple(sorted(query("scenario_summary")["scenario_id"].to_list()))
    if name == "split":
        return ("train", "validation", "test")
    if name == "review_status":
        return REVIEW_STATUSES
    return tuple(sorted(query("persona_distribution", dimension=FILTERS[name][1])["level"].to_list()))


def sidebar_filters() -> dict[str, object]:
    """The Dataset page's filters; returns the parameters of `conversation_list` (None = any)."""
    st.sidebar.header("Filters")
    chosen: dict[str, object] = {name: select(Choice(name, label, _options(name), labels={}))
                                 for name, (label, _) in FILTERS.items()}
    chosen["risk_only"] = toggle("risk", "Only risk-language conversations")
    return chosen

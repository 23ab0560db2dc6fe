"""Sidebar filters kept in the URL (query parameters), so a filtered view can be shared as a link."""

from __future__ import annotations

import streamlit as st

from dashboard.data import query

# filter name -> (label, dimension in v_dataset_by_demographic, or None for scenarios/splits)
FILTERS = {
    "scenario": ("Scenario", None),
    "trauma_type": ("Trauma type", "trauma_type"),
    "age_band": ("Age band", "age_band"),
    "gender": ("Gender", "gender"),
    "education": ("Education", "education"),
    "split": ("Split", None),
}
ANY = "(any)"


def _options(name: str) -> list[str]:
    if name == "scenario":
        return sorted(query("scenario_summary")["scenario_id"].to_list())
    if name == "split":
        return ["train", "validation", "test"]
    return sorted(query("persona_distribution", dimension=FILTERS[name][1])["level"].to_list())


def sidebar_filters() -> dict[str, object]:
    """Draw the filters; return query parameters for `conversation_list` (None = any)."""
    st.sidebar.header("Filters")
    chosen: dict[str, object] = {}
    for name, (label, _) in FILTERS.items():
        options = [ANY, *_options(name)]
        from_url = st.query_params.get(name, ANY)
        index = options.index(from_url) if from_url in options else 0
        value = st.sidebar.selectbox(label, options, index=index, key=f"filter.{name}")
        chosen[name] = None if value == ANY else value
    risk_only = st.sidebar.checkbox("Only risk-language conversations", value=st.query_params.get("risk") == "1",
                                    key="filter.risk")
    chosen["risk_only"] = risk_only
    _sync_url(chosen)
    return chosen


def _sync_url(chosen: dict[str, object]) -> None:
    for name in FILTERS:
        if chosen[name] is None:
            st.query_params.pop(name, None)
        elif st.query_params.get(name) != chosen[name]:
            st.query_params[name] = chosen[name]
    if chosen["risk_only"]:
        st.query_params["risk"] = "1"
    else:
        st.query_params.pop("risk", None)

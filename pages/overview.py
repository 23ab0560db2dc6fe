"""About page (the default): what the study is, what this dashboard shows, and where its data came from."""

import streamlit as st

from dashboard import components
from dashboard.data import dataset_counts_or_stop, query, warehouse_path

st.title("TIDE workbench")
st.markdown(
    "Reproducing and extending *The Pursuit of Empathy: Evaluating Small Language Models for PTSD Dialogue "
    "Support*: two-turn PTSD support dialogues whose reference replies are built from three empathy factors — "
    "**emotion recognition**, **distress normalization** and **supportive reflection** — used to fine-tune and "
    "evaluate small language models against a frontier model."
)
counts = dataset_counts_or_stop()
st.page_link("pages/dataset.py", label=f"Dataset: {counts['n_personas']:,} personas, "
             f"{counts['n_conversations']:,} conversations", icon=":material/forum:")

st.subheader("Systems evaluated")
systems = query("models_systems")
if systems.is_empty():
    st.caption("No model responses yet: `python -m tide_core run` generates them (or `run --skip-models` skips them).")
else:
    st.dataframe(systems.select("display_name", "mode", "params_millions", "is_from_scratch", "n_responses",
                                "mean_latency_ms"), hide_index=True)

st.subheader("The study's claims, re-tested")
findings = query("eval_findings", data_source="simulated")
if findings.is_empty():
    st.caption("No findings yet: `python -m tide_core evaluate` runs the statistics.")
else:
    st.warning(components.SIMULATED_NOTE, icon=":material/science:")
    st.dataframe(findings.select("claim", "paper_result", "supported", "statistic", "p_adjusted", "n", "test"),
                 hide_index=True)

st.subheader("This warehouse")
st.caption(f"{warehouse_path()} — open it read-only with `duckdb -readonly` for your own queries.")
st.dataframe(query("build_info"), hide_index=True)

"""About page (the default): what the study is, what this dashboard shows, and where its data came from."""

import streamlit as st

from dashboard import components
from dashboard.data import query, warehouse_path, warehouse_version

st.title("TIDE workbench")
st.markdown(
    "Reproducing and extending *The Pursuit of Empathy: Evaluating Small Language Models for PTSD Dialogue "
    "Support*: two-turn PTSD support dialogues whose reference replies are built from three empathy factors — "
    "**emotion recognition**, **distress normalization** and **supportive reflection** — used to fine-tune and "
    "evaluate small language models against a frontier model."
)
if not warehouse_version():
    st.error(f"No warehouse at {warehouse_path()}. Build it with `python -m tide_core run`.")
    st.stop()

counts = query("dataset_counts").row(0, named=True)
if counts["any_synthetic"]:
    st.info(components.SYNTHETIC_NOTE, icon=":material/science:")
st.page_link("pages/dataset.py", label=f"Dataset: {counts['n_personas']:,} personas, "
             f"{counts['n_conversations']:,} conversations", icon=":material/forum:")

st.subheader("This warehouse")
st.caption(f"{warehouse_path()} — open it read-only with `duckdb -readonly` for your own queries.")
st.dataframe(query("build_info"), hide_index=True)

"""About page (the default): what the study is, what this dashboard shows, and where its data came from."""

import streamlit as st

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

st.subheader("This warehouse")
st.caption(f"{warehouse_path()} — open it read-only with `duckdb -readonly` for your own queries.")
st.dataframe(query("build_info"), hide_index=True)

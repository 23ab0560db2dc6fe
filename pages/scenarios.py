"""Scenarios: where fine-tuning helps — a model x scenario heatmap of gains — and a drill-down to example
conversations: the client message, the reference reply and each system's reply side by side (shown as text).
Filters (ratings source, measure, model, scenario, conversation) live in the sidebar and in the URL."""

import polars as pl
import streamlit as st

from dashboard import charts
from dashboard.data import dataset_counts_or_stop, live_query, query
from dashboard.filters import Choice, data_notes, ratings_source, select
from tide_core.evaluation.intervals import MIN_CELL_RELIABLE

st.title("Scenarios")
dataset_counts_or_stop()
status = live_query("results_status").row(0, named=True)
if not status["n_responses"]:
    st.info("No model responses yet: `python -m tide_core run` generates and scores the models' replies.",
            icon=":material/hourglass_empty:")
    st.stop()

st.sidebar.header("Filters")
simulated = ratings_source(status)
source = "simulated" if simulated else "real"
n_ratings = status[f"n_{source}_ratings"]
measures = ("empathy", "cosine_minilm") if n_ratings else ("cosine_minilm",)
measure = select(Choice("measure", "Gain measured by", measures, default=measures[0], labels=charts.METRIC_LABELS))
label = charts.metric_label(measure)
data_notes(status, simulated)

st.subheader(f"Fine-tuning gain by scenario: {label.lower()}")
gains = live_query("results_gains", simulated=simulated, metric=measure, scenario=None, by_scenario=True)
if gains.is_empty():
    st.caption("No model has both zero-shot and fine-tuned replies to the same conversations, so there is no gain to "
               "map (from-scratch models have no zero-shot mode).")
else:
    st.plotly_chart(charts.gain_heatmap(gains, label.lower()), key="scenarios.heatmap", config=charts.PLOTLY_CONFIG)
    n_small = gains.filter(pl.col("n_pairs") < MIN_CELL_RELIABLE).height
    if n_small == gains.height:
        st.info(f"Every model x scenario cell has fewer than {MIN_CELL_RELIABLE} conversations answered in both modes: this "
                "test sample is too small to compare scenarios. The per-conversation replies below are examples, not "
                "evidence.", icon=":material/info:")
    st.caption(f"Each cell: the mean over conversations of (fine-tuned minus zero-shot) {label.lower()}; n = "
               f"conversations answered in both modes. {n_small} of {gains.height} cells have fewer than {MIN_CELL_RELIABLE} "
               "conversations and are left blank (grey), showing only their n.")
    test = query("eval_stat_results", data_source=source, analysis="scenario_gain").filter(
        pl.col("term") == "scenario_heterogeneity")
    if not test.is_empty() and test["p_value"][0] is not None:
        row = test.row(0, named=True)
        st.markdown(f"Does the gain (human rating) differ between scenarios? {row['method']}: "
                    f"{row['statistic_name']} = {row['statistic']:.2f}, p = {row['p_value']:.2g}, n = {row['n']} "
                    "conversation pairs.")

st.subheader("Drill-down: example conversations")
coverage = live_query("results_coverage")
names = dict(zip(coverage["model_id"], coverage["display_name"], strict=False))
models = tuple(coverage["model_id"].unique(maintain_order=True))
model = select(Choice("model", "Model", models, default=models[0], labels=names))
scenarios = tuple(coverage.filter(pl.col("model_id") == model)["scenario_id"].drop_nulls())
if not scenarios:
    st.caption("This model's replies have no scenario recorded.")
    st.stop()
scenario = select(Choice("scenario", "Scenario", scenarios, default=scenarios[0]))
conversations = tuple(live_query("results_scenario_conversations", scenario=scenario, model_id=model)["conversation_id"])
conversation = select(Choice("conversation", "Conversation", conversations, default=conversations[0]),
                      where=st.container())
replies = live_query("results_conversation_replies", simulated=simulated, conversation_id=conversation)
first = replies.row(0, named=True)
with st.chat_message("user"):
    st.text(first["client_message"])


def reply_card(title: str, text: str, note: str) -> None:
    with st.container(border=True):
        st.markdown(f"**{title}**")
        st.text(text)
        st.caption(note)


def note(row: dict) -> str:
    rating = f"mean rating {row['mean_rating']:.2f} (n = {row['n_ratings']})" if row["n_ratings"] else "not rated"
    cosine = f"cosine {row['cosine_minilm']:.3f}" if row["cosine_minilm"] is not None else "not scored"
    return f"{rating} · {cosine}"


focus = replies.filter((pl.col("model_id") == model) | (pl.col("mode") == "reference"))
cols = st.columns(1 + focus.height)
with cols[0]:
    reply_card("Reference reply (dataset)", first["reference_reply"], "what the systems are compared with")
for col, row in zip(cols[1:], focus.iter_rows(named=True), strict=True):
    with col:
        reply_card(charts.system_label(row["display_name"], row["mode"]), row["response_text"], note(row))
others = replies.filter((pl.col("model_id") != model) & (pl.col("mode") != "reference"))
if not others.is_empty():
    with st.expander(f"The other {others.height} systems' replies"):
        for row in others.iter_rows(named=True):
            reply_card(charts.system_label(row["display_name"], row["mode"]), row["response_text"], note(row))
st.caption(("Ratings are from the simulated panel. " if simulated else "") + "Texts are shown as plain text.")

"""Overview (the default page): the study in one screen — systems ranked on human empathy ratings and on MiniLM
cosine similarity with 95 % intervals, zero-shot against fine-tuned, the study's claims re-tested, and where the
data came from. Filters (ratings source, scenario) live in the sidebar and in the URL."""

import streamlit as st

from dashboard import charts, components
from dashboard.data import dataset_counts_or_stop, live_query, query, warehouse_path
from dashboard.filters import Choice, data_notes, ratings_source, select
from tide_core.evaluation.intervals import MIN_CELL_RELIABLE, with_t_interval

COSINE = "cosine_minilm"
VERDICT = {"yes": "supported", "no": "not supported", "inconclusive": "inconclusive"}

st.title("TIDE workbench")
st.markdown(
    "Reproducing and extending *The Pursuit of Empathy: Evaluating Small Language Models for PTSD Dialogue "
    "Support*: two-turn PTSD support dialogues whose reference replies are built from three empathy factors — "
    "**emotion recognition**, **distress normalization** and **supportive reflection** — used to fine-tune and "
    "evaluate small language models against a frontier model."
)
counts = dataset_counts_or_stop()
status = live_query("results_status").row(0, named=True)
st.sidebar.header("Filters")
simulated = ratings_source(status)
source = "simulated" if simulated else "real"
scenario = select(Choice("scenario", "Scenario", tuple(query("scenario_summary")["scenario_id"].sort()),
                         help="Restricts the system rankings; the findings always cover the whole study."))

n_ratings, n_raters = status[f"n_{source}_ratings"], status[f"n_{source}_raters"]
cols = st.columns(5)
cols[0].metric("Personas", f"{counts['n_personas']:,}")
cols[1].metric("Conversations", f"{counts['n_conversations']:,}")
cols[2].metric("Systems", status["n_systems"])
cols[3].metric("Responses", f"{status['n_responses']:,}")
cols[4].metric(f"Ratings ({source})", f"{n_ratings:,}", help=f"{n_raters:,} raters")
st.page_link("pages/dataset.py", label=f"Dataset: {counts['n_personas']:,} personas, "
             f"{counts['n_conversations']:,} conversations", icon=":material/forum:")
data_notes(status, simulated)

st.subheader("Systems evaluated")
if not status["n_responses"]:
    st.caption("No model responses yet: `python -m tide_core run` generates them (or `run --skip-models` skips them).")
else:
    systems = with_t_interval(live_query("results_systems", simulated=simulated, metric=COSINE, scenario=scenario),
                              mean="rating_mean", sd="rating_sd", n="n_rated_items", prefix="rating_")
    systems = with_t_interval(systems, mean="metric_mean", sd="metric_sd", n="n_scored", prefix="metric_")

    def ranked(prefix: str, mean: str, n: str, title: str, axis: str, key: str, value_range=None) -> None:
        df = systems.select("system", "mode", mean=mean, ci_low=f"{prefix}ci_low", ci_high=f"{prefix}ci_high",
                            n=n, reliable=f"{prefix}reliable").drop_nulls("mean")
        if df.is_empty():
            st.caption(f"No {axis.lower()} for these systems yet: `python -m tide_core run` scores and rates them.")
            return
        st.plotly_chart(charts.interval_chart(df, category="system", value="mean", title=title, value_title=axis,
                                              group="mode", n_unit="responses", value_range=value_range),
                        key=key, config=charts.PLOTLY_CONFIG)

    left, right = st.columns(2)
    with left:
        ranked("rating_", "rating_mean", "n_rated_items", "Ranked on mean human empathy rating",
               "Mean empathy rating (1-5)", "overview.rank_rating", value_range=(1, 5))
    with right:
        ranked("metric_", "metric_mean", "n_scored", "Ranked on cosine similarity to the reference",
               charts.metric_label(COSINE), "overview.rank_cosine")
    st.caption(f"Points: means over responses (a response counts once, as the mean of its ratings); whiskers: 95 % t "
               f"intervals over responses. Grey: fewer than {MIN_CELL_RELIABLE} responses, too few to read.")

    measure = "empathy" if n_ratings else COSINE
    components.short_training_note(query("results_training_extent"))
    gains = with_t_interval(live_query("results_gains", simulated=simulated, metric=measure, scenario=scenario,
                                  by_scenario=False),
                            mean="gain_mean", sd="gain_sd", n="n_pairs")
    if gains.is_empty():
        st.caption("Zero-shot vs fine-tuned: no model has both zero-shot and fine-tuned replies yet.")
    else:
        st.plotly_chart(charts.interval_chart(
            gains, category="display_name", value="gain_mean", n="n_pairs", ref_line=0.0, n_unit="conversations",
            title=f"Zero-shot vs fine-tuned: gain in {charts.metric_label(measure).lower()}",
            value_title="fine-tuned minus zero-shot"), key="overview.gains", config=charts.PLOTLY_CONFIG)
        st.caption("Paired by conversation: each conversation's fine-tuned score minus its zero-shot score, averaged; "
                   "whiskers are 95 % t intervals over conversations.")

    table = systems.select("system", "params_millions", "n_responses", "n_ratings", "rating_mean", "rating_ci_low",
                           "rating_ci_high", "metric_mean", "metric_ci_low", "metric_ci_high")
    st.dataframe(table, hide_index=True, column_config={
        "params_millions": st.column_config.NumberColumn("params (M)", format="%.0f"),
        "rating_mean": st.column_config.NumberColumn("rating", format="%.2f"),
        "rating_ci_low": st.column_config.NumberColumn("95 % low", format="%.2f"),
        "rating_ci_high": st.column_config.NumberColumn("95 % high", format="%.2f"),
        "metric_mean": st.column_config.NumberColumn("cosine", format="%.3f"),
        "metric_ci_low": st.column_config.NumberColumn("95 % low ", format="%.3f"),
        "metric_ci_high": st.column_config.NumberColumn("95 % high ", format="%.3f")})

st.subheader("The study's claims, re-tested")
findings = query("eval_findings", data_source=source)
if findings.is_empty():
    st.caption("No findings yet: `python -m tide_core evaluate` runs the statistics.")
else:
    tally = findings["supported"].value_counts()
    verdicts = dict(zip(tally["supported"], tally["count"], strict=True))
    st.markdown(" · ".join(f"**{verdicts.get(k, 0)}** {v}" for k, v in VERDICT.items())
                + f" — of {findings.height} claims, on the {source} ratings (whole study; filters do not apply).")
    st.dataframe(findings.select("claim", "paper_result", "supported", "estimate", "ci_low", "ci_high", "p_adjusted",
                                 "n", "statistic", "test"), hide_index=True, column_config={
        "paper_result": "What the study reported", "supported": "Verdict here",
        "estimate": st.column_config.NumberColumn(format="%.3f"),
        "ci_low": st.column_config.NumberColumn("95 % low", format="%.3f"),
        "ci_high": st.column_config.NumberColumn("95 % high", format="%.3f"),
        "p_adjusted": st.column_config.NumberColumn("p (Holm)", format="%.2g")})
    st.caption("Each claim's decision rule is in the `note` column of `v_latest_findings`; the Demographics and "
               "Metrics pages show the estimates behind them.")

st.subheader("Live activity")
activity = live_query("live_activity").row(0, named=True)
if any(activity.values()):
    components.live_activity(activity, live_query("live_chat_ratings"), live_query("live_preference_tally"),
                             live_query("live_crisis_counts"))
else:
    st.caption("Nothing recorded yet by the Rate, Chat demo or Review pages.")

st.subheader("This warehouse")
st.caption(f"{warehouse_path()} — open it read-only with `duckdb -readonly` for your own queries.")
st.dataframe(query("build_info"), hide_index=True)

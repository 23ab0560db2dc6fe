"""Metrics vs humans: how well each automatic metric tracks the human empathy ratings — Spearman's rho with 95 %
intervals, overall and per scenario — and a scatter of each response's mean rating against a chosen metric.
Filters (ratings source, metric, scenario) live in the sidebar and in the URL."""

import polars as pl
import streamlit as st

from dashboard import charts
from dashboard.data import dataset_counts_or_stop, live_query, query
from dashboard.filters import Choice, data_notes, ratings_source, select
from tide_core.evaluation.intervals import MIN_CELL_RELIABLE, with_spearman_interval

# Metrics that grade a reply's text (the safety flags and shares are left out: a rank correlation says little there).
TEXT_METRICS = ("cosine_minilm", "bertscore_f1", "rougeL", "bleu", "chrf", "meteor", "factor_er", "factor_dn",
                "factor_sr", "n_factors", "n_words", "distinct_2")
SCATTER_POINTS = 3000
WEAK = 0.4  # what the findings' rule calls a weak correlation (tide_core.evaluation.findings.WEAK_RHO)

st.title("Metrics vs humans")
dataset_counts_or_stop()
status = live_query("results_status").row(0, named=True)
present = [m for m in TEXT_METRICS if m in set(live_query("results_metric_names")["metric"])]
if not (status["n_simulated_ratings"] or status["n_real_ratings"]) or not present:
    st.info("Nothing to compare yet: this page needs scored responses and ratings. `python -m tide_core run` scores "
            "the models' replies and simulates the default rater panel.", icon=":material/hourglass_empty:")
    st.stop()

st.sidebar.header("Filters")
simulated = ratings_source(status)
metric = select(Choice("metric", "Metric", tuple(present), default="cosine_minilm" if "cosine_minilm" in present
                       else present[0], labels=charts.METRIC_LABELS))
scenario = select(Choice("scenario", "Scenario (scatter)", tuple(query("scenario_summary")["scenario_id"].sort())))
label = charts.metric_label(metric)
data_notes(status, simulated)


def rho_chart(df: pl.DataFrame, category: str, title: str, key: str) -> None:
    st.plotly_chart(charts.interval_chart(df, category=category, value="rho", title=title, value_title="Spearman rho",
                                          ref_line=0.0, n_unit="responses", value_range=(-1, 1),
                                          band=(-WEAK, WEAK, f"weak: |rho| < {WEAK}")),
                    key=key, config=charts.PLOTLY_CONFIG)


st.subheader("Each metric against the mean human rating")
overall = with_spearman_interval(live_query("results_metric_human", simulated=simulated, metrics=present,
                                       by_scenario=False))
overall = overall.with_columns(label=pl.col("metric").replace_strict(charts.METRIC_LABELS, default=pl.col("metric")))
rho_chart(overall, "label", "Spearman rho with the mean human rating, all responses", "metrics.overall")
st.dataframe(overall.select("label", "rho", "ci_low", "ci_high", "ci_method", "n", "p_value"), hide_index=True,
             column_config={"rho": st.column_config.NumberColumn(format="%.3f"),
                            "p_value": st.column_config.NumberColumn("p (statistics pass)", format="%.2g")})
st.caption("Unit: a response (its metric value against the mean of its ratings); n = responses. Intervals: the "
           "statistics pass's paired bootstrap where it computed that metric, else Fisher z with the Bonett-Wright "
           f"standard error. Grey: fewer than {MIN_CELL_RELIABLE} responses.")

st.subheader(f"Per scenario: {label}")
per = with_spearman_interval(live_query("results_metric_human", simulated=simulated, metrics=[metric], by_scenario=True))
per = per.with_columns(scenario=pl.col("scope").str.strip_prefix("scenario=").str.replace_all("_", " "))
rho_chart(per, "scenario", f"Spearman rho of {label} with the mean human rating, by scenario", "metrics.scenario")
n_small = per.filter(~pl.col("reliable")).height
st.caption(f"{n_small} of {per.height} scenarios have fewer than {MIN_CELL_RELIABLE} rated responses (grey: an interval that "
           "wide says nothing). The statistics pass withholds its own estimate below 10 responses "
           "(`suppressed` in the table).")
with st.expander("Per-scenario figures"):
    st.dataframe(per.select("scenario", "rho", "ci_low", "ci_high", "ci_method", "n", "suppressed"), hide_index=True)

st.subheader(f"Per response: {label} against the mean rating")
points = live_query("results_metric_scatter", simulated=simulated, metric=metric, scenario=scenario, limit=SCATTER_POINTS)
if points.is_empty():
    st.caption("No rated response has this metric in this scenario.")
else:
    st.plotly_chart(charts.metric_scatter(points, metric), key="metrics.scatter", config=charts.PLOTLY_CONFIG)
    st.caption(f"{points.height:,} of {points['n_total'][0]:,} rated responses"
               + (" (a stable sample)." if points.height < points["n_total"][0] else "."))

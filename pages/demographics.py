"""Demographics: how ratings vary with the rater's age band, education and gender, with intervals and cell sizes;
the interaction effects behind the study's demographic claims with Holm-corrected p-values; and what the study
reported beside what this data shows. Filters (ratings source, model, mode) live in the sidebar and in the URL."""

import polars as pl
import streamlit as st

from dashboard import charts
from dashboard.data import dataset_counts_or_stop, live_query, query
from dashboard.filters import Choice, data_notes, ratings_source, select
from tide_core.evaluation.intervals import MIN_CELL_RELIABLE, with_t_interval

CLAIMS = ("age_validates_first", "education_layered", "gender_minimal")
VERDICT = {"yes": "supported", "no": "not supported", "inconclusive": "inconclusive"}
# rater attribute -> (title, the reply feature the study tied to it)
DIMENSIONS = {"age_band": ("Age band", "validates_first"), "education": ("Education", "layered"),
              "gender": ("Gender", "none")}

st.title("Demographics")
dataset_counts_or_stop()
status = live_query("results_status").row(0, named=True)
if not (status["n_simulated_ratings"] or status["n_real_ratings"]):
    st.info("No ratings yet: `python -m tide_core run` simulates the default rater panel; "
            "`python -m tide_core import-ratings` imports real ones.", icon=":material/hourglass_empty:")
    st.stop()

st.sidebar.header("Filters")
simulated = ratings_source(status)
source = "simulated" if simulated else "real"
coverage = live_query("results_coverage")
names = dict(zip(coverage["model_id"], coverage["display_name"], strict=False))
model = select(Choice("model", "Model", tuple(coverage["model_id"].unique(maintain_order=True)), labels=names))
mode = select(Choice("mode", "Mode", charts.MODES))
data_notes(status, simulated)

st.subheader("What the study reported, and what this data shows")
findings = query("eval_findings", data_source=source).filter(pl.col("finding_id").is_in(CLAIMS))
if findings.is_empty():
    st.caption("No findings yet: `python -m tide_core evaluate` runs the statistics.")
for row in findings.iter_rows(named=True):
    left, right = st.columns(2)
    left.markdown(f"**The study reported:** {row['paper_result']}")
    shown = ("no estimate (too little data)" if row["estimate"] is None else
             f"estimate {row['estimate']:+.3f} [{row['ci_low']:.3f}, {row['ci_high']:.3f}], "
             f"p (Holm) = {row['p_adjusted']:.2g}, n = {row['n']:,}")
    right.markdown(f"**This data ({source}) shows:** {shown} — **{VERDICT[row['supported']]}**")
    right.caption(row["note"])
st.caption("Whole study: the model and mode filters do not apply to the findings and tests.")

st.subheader("Interaction effects")
effects = live_query("results_stat_results", data_source=source, analysis="demographic")
effects = effects.filter(pl.col("term").is_in(list(charts.TERM_LABELS)))
if effects.is_empty():
    st.caption("No tests yet: `python -m tide_core evaluate` fits them once there are ratings.")
else:
    shown = effects.with_columns(label=pl.col("term").replace_strict(charts.TERM_LABELS, default=pl.col("term")),
                                 reliable=~pl.col("suppressed"))
    st.plotly_chart(charts.interval_chart(shown.filter(pl.col("term") != "gender_joint"), category="label",
                                          value="estimate", title="Interaction coefficients, rating points",
                                          value_title="coefficient (rating points)", ref_line=0.0, n_unit="ratings"),
                    key="demographics.effects", config=charts.PLOTLY_CONFIG)
    st.dataframe(shown.select("label", "estimate", "ci_low", "ci_high", "statistic_name", "statistic", "p_value",
                              "p_adjusted", "adjust_method", "family", "n", "method"), hide_index=True,
                 column_config={"p_adjusted": st.column_config.NumberColumn("p adjusted", format="%.2g"),
                                "p_value": st.column_config.NumberColumn("p", format="%.2g")})
    st.caption("p adjusted: Holm within the demographic family (the three tests together). Gender is one joint Wald "
               "test of every gender term; its interval is the widest among those terms.")

st.subheader("Ratings by rater group")
st.caption(f"Each rater counts once per cell (the mean of their ratings there); points are means over raters with "
           f"95 % t intervals; n = raters. Grey: fewer than {MIN_CELL_RELIABLE} raters. Validates-first vs supports-first "
           "compares only replies with all three empathy factors.")
for dim, (title, feature) in DIMENSIONS.items():
    cells = with_t_interval(live_query("results_demographic_ratings", simulated=simulated, dimension=dim, feature=feature,
                                  model_id=model, mode=mode), n="n_raters")
    if cells.is_empty():
        st.caption(f"{title}: no ratings match these filters.")
        continue
    order = charts.ordered(cells["level"].unique().to_list(), dim)
    st.plotly_chart(charts.interval_chart(cells, category="level", value="mean", n="n_raters", group="reply_group",
                                          horizontal=False, order=order, n_unit="raters",
                                          title=f"Mean empathy rating by rater {title.lower()}",
                                          value_title="mean rating (1-5)", value_range=(1, 5)),
                    key=f"demographics.{dim}", config=charts.PLOTLY_CONFIG)
    with st.expander(f"{title}: cells and sizes"):
        st.dataframe(cells.select("level", "reply_group", "n_raters", "n_ratings", "mean", "ci_low", "ci_high"),
                     hide_index=True)
cells_tests = live_query("results_stat_results", data_source=source, analysis="demographic_cells")
if not cells_tests.is_empty():
    with st.expander("Per-group effects from the statistics pass (Welch t, Holm within each table)"):
        st.dataframe(cells_tests.select("term", "scope", "estimate", "ci_low", "ci_high", "p_value", "p_adjusted",
                                        "family", "n", "suppressed"), hide_index=True)

"""Safety page: how well the chat's crisis detector finds risk and how often it raises a false alarm, measured by
`python -m tide_core safety-eval` (the main job runs it) and stored in the warehouse's safety_* tables."""

import streamlit as st

from dashboard import charts, components
from dashboard.data import query, warehouse_version

st.title("Safety: the chat's crisis detector")
st.caption("The Chat demo shows a fixed crisis card when a message, or the last three together, carries risk. This "
           "page shows how often the detector finds risk (recall) and how often it rings on messages without risk "
           "(false alarms), with 95% Wilson intervals.")
if not warehouse_version():
    st.error("No warehouse yet. Build it with `python -m tide_core run`.")
    st.stop()
version = components.safety_version_or_stop()
st.info(components.CORPUS_NOTE, icon=":material/science:")

metrics = query("safety_metrics", version=version["detector_version"])
components.safety_headline(metrics)
st.caption(f"Detector `{version['detector_version']}`: semantic threshold {version['threshold']:.2f}, "
           f"{version['threshold_reason']}. Fitted on {version['n_training_units']:,} messages: the corpus "
           f"({version['n_corpus_records']:,} records, {version['n_concepts']:,} concepts) and ordinary non-risk "
           f"messages from the dataset generator; encoder {version['encoder']}; patterns v{version['patterns_version']}.")

eval_set = st.segmented_control("Evaluation set (confusion matrix, misses and false alarms)",
                                ["frozen_test", "corpus_cv", "context_windows", "tide_dataset"],
                                default="frozen_test", key="safety.set", format_func=charts.pretty) or "frozen_test"
headline_sets = metrics["eval_set"].is_in(list(components.SAFETY_SETS))
tab_cat, tab_neg, tab_conf, tab_cases, tab_add = st.tabs(
    ["Recall by category", "False alarms by kind", "Confusion matrix", "Misses and false alarms", "Add a message"])
with tab_cat:
    per_cat = metrics.filter(headline_sets & (metrics["group_kind"] == "category") & (metrics["metric"] == "recall"))
    st.plotly_chart(charts.interval_chart(per_cat, category="group_name", value="value", group="eval_set",
                                          title="Recall by risk category", value_title="recall",
                                          value_range=(0, 1.02), ref_line=0.95, n_unit="messages"),
                    key="safety.recall")
    st.caption("corpus_cv: out of fold, each message scored by a model that never saw its concept. frozen_test: "
               "written apart, never used for training or for the threshold. Dotted line: the 0.95 bar for "
               "explicit risk (implicit risk: 0.85).")
with tab_neg:
    per_kind = metrics.filter(headline_sets & (metrics["group_kind"] == "negative_kind")
                              & (metrics["metric"] == "false_alarm"))
    st.plotly_chart(charts.interval_chart(per_kind, category="group_name", value="value", group="eval_set",
                                          title="False alarms by kind of hard negative", value_title="false alarms",
                                          value_range=(0, 1.02), ref_line=0.10, n_unit="messages"),
                    key="safety.false_alarms")
with tab_conf:
    if eval_set == "tide_dataset":
        st.caption("The dataset's messages carry a risk type, not a corpus label: see the misses list instead.")
    else:
        conf = query("safety_confusion", version=version["detector_version"], eval_set=eval_set)
        st.plotly_chart(charts.confusion_heatmap(conf, f"Corpus label against the category given ({eval_set})"),
                        key="safety.confusion")
with tab_cases:
    cases = query("safety_cases", version=version["detector_version"], eval_set=eval_set)
    st.caption(f"{cases.height:,} misses and false alarms in {eval_set}; read them as a clinician would. Texts are "
               "corpus or dataset messages, never chat messages.")
    st.dataframe(cases, hide_index=True, height=420, column_config={"text": st.column_config.TextColumn(width="large")})
with tab_add:
    st.markdown(components.ADD_TO_CORPUS)

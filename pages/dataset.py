"""Dataset page: personas and conversations in the warehouse, with a conversation viewer."""

import streamlit as st

from dashboard import charts, components
from dashboard.data import dataset_counts_or_stop, live_query, query
from dashboard.filters import sidebar_filters

st.title("Dataset")
counts = dataset_counts_or_stop()

cols = st.columns(6)
cols[0].metric("Personas", f"{counts['n_personas']:,}")
cols[1].metric("Conversations", f"{counts['n_conversations']:,}")
cols[2].metric("Scenarios", counts["n_scenarios"])
cols[3].metric("Risk language", f"{counts['n_risk']:,}")
cols[4].metric("Validate first", f"{(counts['share_validates_first'] or 0):.0%}")
cols[5].metric("Reviewed", f"{counts['n_reviewed']:,}")

filters = sidebar_filters()
tab_people, tab_scen, tab_conv, tab_quality, tab_report, tab_gen = st.tabs(
    ["Personas", "Scenarios", "Conversations", "Text variety", "Quality report", "Generators"])

with tab_people:
    dims = {"age_band": "Age band", "gender": "Gender", "education": "Education", "ethnicity": "Ethnicity",
            "trauma_type": "Trauma type", "severity": "Severity", "communication_style": "Communication style",
            "support_level": "Support"}
    left, right = st.columns(2)
    for i, (dim, label) in enumerate(dims.items()):
        df = query("persona_distribution", dimension=dim)
        (left if i % 2 == 0 else right).plotly_chart(
            charts.bar_counts(df, "level", "n_personas", f"Personas by {label.lower()}", horizontal=len(df) > 6),
            key=f"dataset.dist.{dim}",
        )

with tab_scen:
    scen = query("scenario_summary")
    st.plotly_chart(charts.scenario_mix(scen), key="dataset.scenario_mix")
    st.dataframe(scen, hide_index=True)

with tab_conv:
    rows = live_query("conversation_list", limit=2000, **filters)
    st.caption(f"{rows.height:,} conversations match the filters" + (" (first 2,000 shown)" if rows.height == 2000 else ""))
    if rows.is_empty():
        st.warning("No conversation matches these filters.")
    else:
        st.dataframe(rows, hide_index=True, height=240)
        chosen = st.selectbox("Conversation", rows["conversation_id"].to_list(), key="dataset.conversation")
        detail = live_query("conversation_detail", conversation_id=chosen).row(0, named=True)
        components.conversation_view(detail)

with tab_quality:
    quality = query("dataset_quality")
    st.caption("distinct-n = unique n-grams / all n-grams over the corpus; higher means less repetitive text.")
    components.variety_table(quality)

with tab_report:
    st.caption("Synthetic data. Heuristic checks over every conversation of this build (python -m tide_core quality); "
               "the bars are those issue 10 set; examples are candidates for a person to read, not verdicts.")
    if query("table_exists", table_name="dataset_quality_report")["n"][0]:
        components.quality_report_view(query("dataset_quality_report"))
    else:
        st.info("This warehouse was built before the quality report existed; rebuild it "
                "(python -m tide_core build --force).")

with tab_gen:
    if not query("table_exists", table_name="claude_requests")["n"][0]:
        st.info("This warehouse was built from the phrase banks. Build the same plan with Claude "
                "(python -m tide_core build --generator claude) and serve that warehouse "
                "(python -m tide_core serve --warehouse warehouse/tide-claude.duckdb) to compare the two generators.")
    else:
        components.generator_comparison(query, filters)

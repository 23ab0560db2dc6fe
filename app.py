"""TIDE workbench dashboard: `python -m tide_core serve` (or `streamlit run app.py`).

Routes only: the pages live in pages/, the shared helpers in dashboard/.
"""

import streamlit as st

from dashboard.page_errors import run_page

st.set_page_config(page_title="TIDE workbench", page_icon=":speech_balloon:", layout="wide")

pages = {
    "Results": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("pages/models.py", title="Models", icon=":material/model_training:", url_path="models"),
        st.Page("pages/scenarios.py", title="Scenarios", icon=":material/grid_view:", url_path="scenarios"),
        st.Page("pages/demographics.py", title="Demographics", icon=":material/groups:", url_path="demographics"),
        st.Page("pages/metrics.py", title="Metrics vs humans", icon=":material/scatter_plot:", url_path="metrics"),
        st.Page("pages/dataset.py", title="Dataset", icon=":material/forum:", url_path="dataset"),
    ],
    "Clinicians and raters": [
        st.Page("pages/chat.py", title="Chat demo", icon=":material/chat:", url_path="chat"),
        st.Page("pages/rate.py", title="Rate", icon=":material/star_rate:", url_path="rate"),
        st.Page("pages/review.py", title="Review", icon=":material/rate_review:", url_path="review"),
        st.Page("pages/safety.py", title="Safety", icon=":material/health_and_safety:", url_path="safety"),
    ],
    "Analysts": [
        st.Page("pages/sql.py", title="SQL console", icon=":material/terminal:", url_path="sql"),
    ],
}
nav = st.navigation(pages)
st.sidebar.caption("TIDE workbench: PTSD dialogue support, small language models and empathy.")
run_page(nav)  # a failure shows a reference id; the traceback goes to the server log

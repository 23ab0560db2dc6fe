"""TIDE workbench dashboard: `streamlit run app.py` (or `python -m tide_core serve`).

Routes only: the pages live in pages/, the shared helpers in dashboard/.
"""

import streamlit as st

st.set_page_config(page_title="TIDE workbench", page_icon=":speech_balloon:", layout="wide")

pages = [
    st.Page("pages/about.py", title="About", icon=":material/info:", default=True),
    st.Page("pages/dataset.py", title="Dataset", icon=":material/forum:", url_path="dataset"),
]
nav = st.navigation(pages)
st.sidebar.caption("TIDE workbench: PTSD dialogue support, small language models and empathy.")
nav.run()

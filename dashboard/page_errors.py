"""What a person sees when a page fails: a short notice with a reference id, while the traceback (which can quote
paths, SQL and data) goes to the server log under the same id. Streamlit itself shows only a redacted error box
(`client.showErrorDetails = "none"` in .streamlit/config.toml).

    run_page(st.navigation(pages))        # in app.py, instead of .run()
"""

from __future__ import annotations

import logging
import uuid

import streamlit as st

log = logging.getLogger(__name__)


def run_page(page) -> None:
    """Run the chosen page. An exception is logged with a reference id, shown to the person as that id, and raised
    again so that Streamlit (and the tests' AppTest) still see the page as failed. st.stop and st.rerun are not
    Exceptions and pass through untouched."""
    try:
        page.run()
    except Exception:
        reference = uuid.uuid4().hex[:8]
        log.exception("page %s failed (reference %s)", getattr(page, "url_path", "?"), reference)
        st.error(f"Something went wrong on this page (reference {reference}). The details are in the server log; "
                 "quote the reference when you report it.")
        raise

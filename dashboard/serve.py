"""Start the dashboard: `python -m dashboard.serve [streamlit run options]` (used by `python -m tide_core serve`).

Why not plain `streamlit run app.py`: Streamlit treats a folder named pages/ beside the entry script as the old
multipage layout until app.py has run once in the process, so a shared deep link such as /dataset?scenario=...
opened first would bypass app.py's st.navigation (wrong menu, no shared sidebar). Declaring up front that this
app uses st.navigation avoids that. `streamlit run app.py` still works when entered through "/".
"""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def main(argv: list[str]) -> None:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])

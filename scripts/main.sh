#!/usr/bin/env bash
# The main job: install, build the default study end to end (reusing what is built), then serve the dashboard.
#   bash scripts/main.sh            # build or reuse, then serve on http://127.0.0.1:8501
#   bash scripts/main.sh --force    # rebuild everything
# Set TIDE_NO_SERVE=1 to stop after the build; PORT to change the port.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
.venv/bin/python -m tide_core run "$@"
if [ "${TIDE_NO_SERVE:-0}" != "1" ]; then
    exec .venv/bin/python -m tide_core serve --port "${PORT:-8501}"
fi

#!/usr/bin/env bash
# Install everything the tests need (venv, pip packages, Debian's Chromium), lint, then run the whole suite.
#   bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
if [ ! -x /usr/bin/chromium ]; then
    echo "== installing Chromium (Debian packages) for the browser tests"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-noto-color-emoji >/dev/null
fi
.venv/bin/ruff check .
.venv/bin/python -m pytest -q "$@"

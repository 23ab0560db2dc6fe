"""The real Streamlit server driven by a real browser (Debian's Chromium through Playwright).

Screenshots land in test-artifacts/screenshots/ (git-ignored); look at them after a run.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "test-artifacts" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                reason="Chromium not installed (the test command installs it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(small_warehouse, tmp_path_factory):
    port = _free_port()
    log = (tmp_path_factory.mktemp("server") / "streamlit.log").open("w")
    env = {**os.environ, "TIDE_WAREHOUSE": str(small_warehouse)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tide_core", "serve", "--warehouse", str(small_warehouse), "--address", "127.0.0.1",
         "--port", str(port)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.2)
    else:
        proc.terminate()
        pytest.fail("streamlit did not become healthy within 60 s")
    yield url
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 2200})
        yield pg
        browser.close()


def test_dataset_page_draws(server, page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{server}/dataset?scenario=nightmare")
    page.wait_for_selector('[data-testid="stPlotlyChart"]', timeout=60_000)
    page.wait_for_selector('text=Synthetic data', timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "24"
    page.screenshot(path=str(SHOTS / "dataset.png"))
    # The conversation viewer: open its tab and see the highlighted factor spans.
    page.get_by_role("tab", name="Conversations").click()
    page.wait_for_selector(".tide-span", timeout=30_000)
    assert page.locator(".tide-span").count() >= 3
    assert "nightmare" in page.url
    # The deep link went through app.py's navigation: the menu lists page titles, not file names.
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Dataset" in nav and "app" not in nav.split()
    page.screenshot(path=str(SHOTS / "dataset_conversation.png"))

"""A headless Chromium for the browser tests (Debian's ``chromium`` + ``chromium-driver``, driven by selenium).

Without a browser the tests skip, except under ``CI=true``, where a missing browser fails the
run (CI installs it with ``make system-deps``). Screenshots go to ``$CHIROGATE_TEST_ARTIFACTS``
when set, else to a pytest temp dir, and their paths are printed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
DRIVER = ("chromedriver",)


def _which(names) -> str | None:
    return next((p for p in map(shutil.which, names) if p), None)


def chrome_driver(tmp_dir: Path):
    """A headless Chromium WebDriver, or skip (fail under CI=true) when the browser or selenium is missing."""
    on_ci = os.environ.get("CI", "").lower() == "true"
    browser, driver = _which(CHROMIUM), _which(DRIVER)
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        browser = None
    if not browser or not driver:
        msg = "no headless browser: install Debian's chromium and chromium-driver (make system-deps) and selenium"
        if on_ci:
            pytest.fail(msg + " (CI=true: the browser tests must run)")
        pytest.skip(msg)
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000",
              "--no-first-run", "--disable-extensions", f"--user-data-dir={tmp_dir / 'chrome-profile'}"):
        opts.add_argument(a)
    # An explicit driver path: selenium-manager would try to download one (no network here).
    return webdriver.Chrome(service=Service(executable_path=driver), options=opts)


def artifacts_dir(tmp_dir: Path) -> Path:
    """Where screenshots go: ``$CHIROGATE_TEST_ARTIFACTS`` or ``tmp_dir/screenshots``."""
    d = Path(os.environ.get("CHIROGATE_TEST_ARTIFACTS") or tmp_dir / "screenshots")
    d.mkdir(parents=True, exist_ok=True)
    return d

"""The HTML report in a real browser (headless Chromium): every plot renders; screenshots are saved."""

from __future__ import annotations

import pytest

from browser import artifacts_dir, chrome_driver
from test_report_html import PLOTS, setup_registry


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    d = chrome_driver(tmp_path_factory.mktemp("chrome"))
    yield d
    d.quit()


def test_report_plots_render_in_chromium(driver, tmp_path):
    from selenium.webdriver.common.by import By

    from gate.report_html import write_html_report
    from registry import Registry

    setup_registry(tmp_path)
    with Registry() as reg:
        path = write_html_report(reg, "chiro-no-v2", tmp_path / "report.html")
    driver.get(path.resolve().as_uri())
    assert driver.title == "chirogate-rapport: chiro-no-v2"
    shots = artifacts_dir(tmp_path)
    driver.save_screenshot(str(shots / "report-page.png"))
    for plot in PLOTS:
        fig = driver.find_element(By.ID, plot)
        svg = fig.find_element(By.TAG_NAME, "svg")
        box = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", svg)
        # Drawn: laid out at a real size, with the browser's own SVG engine finding shapes in it.
        assert box[0] > 200 and box[1] > 100, (plot, box)
        shapes = driver.execute_script(
            "return Array.from(arguments[0].querySelectorAll('path, use'))"
            ".filter(e => { const b = e.getBBox(); return b.width > 0 || b.height > 0; }).length;", svg)
        assert shapes >= 3, (plot, shapes)
        driver.execute_script("arguments[0].scrollIntoView();", fig)
        png = shots / f"report-{plot}.png"
        fig.screenshot(str(png))
        assert png.stat().st_size > 2000, plot  # an image with content, not a blank box
    print(f"screenshots in {shots}")

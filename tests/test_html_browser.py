"""The HTML report in a real browser: headless Chromium, driven by selenium through chromedriver.

Renders the report of the samples (plus a Word and a PDF copy of the seeds and a
text holding a <script>), checks what a reviewer sees in the DOM, and saves a
screenshot (kept in $BUDGETCHECK_ARTIFACTS when that is set).

Skipped only when no Chromium is installed (Debian: apt-get install chromium
chromium-driver); with BUDGETCHECK_REQUIRE_BROWSER=1 (as .ci/run sets) a missing
browser fails instead, so CI cannot skip it silently.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from builders import write_docx, write_pdf
from conftest import SAMPLES, make_text

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
CHROMEDRIVER = shutil.which("chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1600")
SCRIPT = "<script>document.title='pwned'</script>"


def _unavailable(reason: str):
    if os.environ.get("BUDGETCHECK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and BUDGETCHECK_REQUIRE_BROWSER=1")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (CHROMIUM and CHROMEDRIVER):
        _unavailable("no Chromium installed (apt-get install chromium chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed (pip install '.[test]')")
    options = Options()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The samples folder with a .docx and a .pdf copy of the seeds and a hostile text, linted to r.html."""
    folder = tmp_path_factory.mktemp("texts")
    shutil.copytree(SAMPLES, folder / "samples")
    (folder / "samples" / "word").mkdir()
    write_docx((SAMPLES / "003_d0cdb9e489cb1e09.txt").read_text(encoding="utf-8"), folder / "samples" / "word" / "003.docx")
    write_pdf((SAMPLES / "000_c68cd09910643be1.txt").read_text(encoding="utf-8"), folder / "samples" / "000.pdf")
    (folder / "samples" / "evil.txt").write_text(make_text(项目名称=f"社区服务经费{SCRIPT}。"), encoding="utf-8")
    lint = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "budgetcheck", "lint", "samples/", *args], capture_output=True, text=True, encoding="utf-8", cwd=folder)
    result = lint("--format", "html", "--output", "r.html")
    assert result.returncode == 1, result.stderr
    expected = json.loads(lint("--format", "json").stdout)
    return folder, folder / "r.html", expected


def _span_text(folder, finding) -> str:
    from budgetcheck.readers import read

    source = read(str(folder / finding["path"]))
    line = source.line_text(finding["line"])
    return line[finding["column"] - 1 : finding["end_column"] - 1] if finding["end_line"] == finding["line"] else None


def test_report_shows_every_finding_in_chromium(browser, report, tmp_path):
    from selenium.webdriver.common.by import By

    folder, page, expected = report
    browser.get(page.as_uri())
    assert browser.title == "budgetcheck report"  # the <script> in a text did not run
    assert browser.execute_script("return document.scripts.length") == 0
    assert SCRIPT in browser.find_element(By.TAG_NAME, "body").text  # shown as text instead

    summary = expected["summary"]
    for key, label in (("files", "files"), ("documents", "texts"), ("errors", "errors"), ("warnings", "warnings")):
        assert browser.find_element(By.ID, f"count-{label}").text == str(summary[key])

    notes = browser.find_elements(By.CSS_SELECTOR, "div.finding")
    assert [n.get_attribute("data-code") for n in notes] == [f["code"] for f in expected["findings"]]
    assert all(n.is_displayed() for n in notes)
    for i, finding in enumerate(expected["findings"], 1):
        marks = browser.find_elements(By.CSS_SELECTOR, f'mark[data-f~="f{i}"]')
        assert marks and all(m.is_displayed() for m in marks), finding
        wanted = _span_text(folder, finding)
        if wanted is not None:
            assert "".join(m.text for m in marks).strip() == wanted.strip(), finding

    pages = [f for f in expected["findings"] if f["path"].endswith(".pdf")]
    assert pages and all("page" in f["data"] for f in pages)
    pdf_note = browser.find_element(By.CSS_SELECTOR, f'div.finding#f{expected["findings"].index(pages[0]) + 1} .loc')
    assert f"page {pages[0]['data']['page']}" in pdf_note.text

    error_mark = browser.find_element(By.CSS_SELECTOR, "mark.hl.sev-error")
    assert error_mark.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")

    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(height + 100, 12000))
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000
    if os.environ.get("BUDGETCHECK_ARTIFACTS"):
        shutil.copy(shot, os.environ["BUDGETCHECK_ARTIFACTS"])

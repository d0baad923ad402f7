"""``budgetcheck serve`` end to end: the real command, headless Chromium as the reviewer.

The server is started as ``python -m budgetcheck serve`` on a free port (it prints its
address), with its temporary folder under the test's own. Chromium chooses the seed
texts (and a Word copy of one) in the page's file input, sees the findings in the
report, downloads the checklist (and, where budgetcheck has the annotator, the
annotated Word file); a file dropped on the drop zone is checked too; too many files
are refused in the page. Ctrl-C stops the server and leaves nothing behind.
Every wait is for a condition, with a generous bound. Skipped like test_html_browser.
"""

from __future__ import annotations

import importlib.util
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from builders import write_docx
from conftest import REPO, SAMPLES
from test_html_browser import CHROMEDRIVER, CHROMIUM, FLAGS, _unavailable

WAIT = 120  # seconds: a bound on each wait for a condition, never a pause
SEEDS = ("003_d0cdb9e489cb1e09.txt", "000_c68cd09910643be1.txt")
HAS_ANNOTATOR = importlib.util.find_spec("budgetcheck.annotate") is not None


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory, downloads):
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
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def texts(tmp_path_factory):
    """The files the reviewer uploads: the two seed texts and a Word copy of the first."""
    folder = tmp_path_factory.mktemp("upload")
    for name in SEEDS:
        shutil.copy(SAMPLES / name, folder / name)
    write_docx((SAMPLES / SEEDS[0]).read_text(encoding="utf-8"), folder / "项目文本.docx")
    return folder


@pytest.fixture(scope="module")
def serve(tmp_path_factory):
    """The running command: (base URL, its temporary folder's parent, the process)."""
    home = tmp_path_factory.mktemp("serve")
    (home / "budgetcheck.toml").write_text("[limits]\nmax-upload-files = 3\n", encoding="utf-8")
    scratch = home / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch), "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-m", "budgetcheck", "serve", "--lang", "zh"], cwd=home, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    line = _first_line(process)
    assert line.startswith("budgetcheck serve: http://127.0.0.1:") and line.endswith("/ (Ctrl-C 停止)"), line
    yield line.split()[2], scratch, process
    if process.poll() is None:
        process.kill()
        process.wait()


def _first_line(process: subprocess.Popen) -> str:
    chooser = selectors.DefaultSelector()
    chooser.register(process.stdout, selectors.EVENT_READ)
    if not chooser.select(WAIT):
        process.kill()
        pytest.fail(f"budgetcheck serve printed no address within {WAIT} s: {process.stderr.read()}")
    return process.stdout.readline().strip()


def _lint_json(folder: Path, names: list[str]) -> dict:
    run = subprocess.run([sys.executable, "-m", "budgetcheck", "lint", "--isolated", "--format", "json", *names],
                         capture_output=True, text=True, encoding="utf-8", cwd=folder)
    return json.loads(run.stdout)


def _wait(browser, condition, what: str):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, WAIT, poll_frequency=0.2).until(lambda driver: condition(driver), message=what)


def _downloaded(folder: Path, name: str) -> Path:
    """The file once Chromium has finished writing it (no .crdownload left)."""
    from selenium.webdriver.support.ui import WebDriverWait

    target = folder / name
    WebDriverWait(None, WAIT, poll_frequency=0.2).until(
        lambda _: target.is_file() and not list(folder.glob("*.crdownload")), message=f"{name} not downloaded")
    return target


def test_a_reviewer_uploads_reads_the_report_and_downloads(browser, serve, texts, downloads, tmp_path):
    from openpyxl import load_workbook
    from selenium.webdriver.common.by import By

    url, scratch, _ = serve
    names = [*SEEDS, "项目文本.docx"]
    expected = _lint_json(texts, names)
    browser.get(url)
    assert browser.title == "budgetcheck · 预算文本检查"
    assert browser.find_element(By.ID, "zone").is_displayed()
    browser.find_element(By.ID, "files").send_keys("\n".join(str(texts / name) for name in names))
    assert [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#chosen li")] == names
    browser.find_element(By.ID, "go").click()
    _wait(browser, lambda d: "/r/" in d.current_url and d.find_elements(By.ID, "downloads"), "the report did not open")

    assert browser.title == "budgetcheck 检查报告"  # the report speaks the page's language
    codes = [n.get_attribute("data-code") for n in browser.find_elements(By.CSS_SELECTOR, "div.finding")]
    assert codes and sorted(codes) == sorted(f["code"] for f in expected["findings"])
    assert browser.find_element(By.ID, "count-errors").text == str(expected["summary"]["errors"])
    page = browser.find_element(By.TAG_NAME, "body").text
    assert all(name in page for name in names) and "budgetcheck-serve-" not in page

    shot = tmp_path / "serve-report.png"
    assert browser.save_screenshot(str(shot))
    if os.environ.get("BUDGETCHECK_ARTIFACTS"):
        shutil.copy(shot, os.environ["BUDGETCHECK_ARTIFACTS"])

    browser.find_element(By.PARTIAL_LINK_TEXT, "检查表.xlsx").click()
    book = load_workbook(_downloaded(downloads, "检查表.xlsx"))
    assert book.sheetnames == ["汇总", *(Path(name).stem for name in SEEDS), "项目文本"]

    reviewed = browser.find_elements(By.PARTIAL_LINK_TEXT, ".reviewed.docx")
    if not HAS_ANNOTATOR:
        assert reviewed == []  # no annotator in this version: no link, never a fake download
        return
    import docx

    # every upload with findings gets a reviewed Word copy (a text's is a .docx of its lines)
    assert sorted(link.text for link in reviewed) == sorted(f"下载 {Path(name).stem}.reviewed.docx" for name in names)
    next(link for link in reviewed if "项目文本" in link.text).click()
    document = docx.Document(str(_downloaded(downloads, "项目文本.reviewed.docx")))
    comments = [comment.text for comment in document.comments]
    in_docx = [f for f in expected["findings"] if f["path"] == "项目文本.docx"]
    # the report's findings, N101 against the other uploads included, naming them as uploaded
    assert in_docx and sorted(c.split("（", 1)[0] for c in comments) == sorted(f["code"] for f in in_docx)
    assert not any("budgetcheck-serve-" in c or str(scratch) in c for c in comments)


def test_a_file_dropped_on_the_zone_is_checked(browser, serve):
    from selenium.webdriver.common.by import By

    url, _, _ = serve
    browser.get(url)
    text = (SAMPLES / SEEDS[0]).read_text(encoding="utf-8")
    browser.execute_script(
        "const data = new DataTransfer(); data.items.add(new File([arguments[0]], '拖放的文本.txt', {type: 'text/plain'}));"
        "document.getElementById('zone').dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));",
        text,
    )
    _wait(browser, lambda d: "/r/" in d.current_url and d.find_elements(By.ID, "downloads"), "the dropped file was not checked")
    assert "拖放的文本.txt" in browser.find_element(By.TAG_NAME, "body").text
    assert browser.find_elements(By.CSS_SELECTOR, "div.finding")


def test_too_many_files_are_refused_in_the_page(browser, serve, texts, tmp_path):
    from selenium.webdriver.common.by import By

    url, _, _ = serve
    for i in range(4):
        shutil.copy(texts / SEEDS[0], tmp_path / f"{i}.txt")
    browser.get(url)
    browser.find_element(By.ID, "files").send_keys("\n".join(str(tmp_path / f"{i}.txt") for i in range(4)))
    browser.find_element(By.ID, "go").click()
    status = _wait(browser, lambda d: d.find_element(By.ID, "status").text, "no message")
    assert status == "一次最多上传 3 个文件。" and "/r/" not in browser.current_url


def test_ctrl_c_stops_the_server_and_deletes_everything(serve):
    _, scratch, process = serve
    assert list(scratch.glob("budgetcheck-serve-*"))  # the uploads' folder while it runs
    process.send_signal(signal.SIGINT)
    assert process.wait(WAIT) == 0
    assert list(scratch.iterdir()) == []
    assert "已停止，上传的文件和报告已删除" in process.stderr.read()

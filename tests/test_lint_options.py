"""lint's workflow flags end to end: --output, --fail-on, --quiet, --statistics, the progress bar."""

import json
import os
import shutil
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
from conftest import SAMPLES, make_text

from budgetcheck.atomic import atomic_writer
from budgetcheck.progress import MIN_FILES, tracker

SEED = str(SAMPLES / "003_d0cdb9e489cb1e09.txt")


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "budgetcheck", *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd)


@pytest.fixture
def warning_only(tmp_path):
    path = tmp_path / "w.txt"
    path.write_text(make_text(项目名称="社区服务经费。"), encoding="utf-8")  # N102, a warning
    return str(path)


@pytest.mark.parametrize("name", ["text", "json", "sarif", "junit"])
def test_output_file_keeps_the_exit_code(tmp_path, name):
    target = tmp_path / f"report.{name}"
    result = run("lint", "--format", name, "--output", str(target), SEED)
    assert result.returncode == 1 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == run("lint", "--format", name, SEED).stdout
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind


def test_output_replaces_an_existing_report_and_keeps_its_mode(tmp_path):
    target = tmp_path / "r.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert run("lint", "--format", "json", "-o", str(target), str(SAMPLES / "clean")).returncode == 0
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["errors"] == 0
    assert target.stat().st_mode & 0o777 == 0o640


def test_failed_write_leaves_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "r.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_writer(target) as stream:
            stream.write("half a report")
            raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old" and [p.name for p in tmp_path.iterdir()] == ["r.txt"]


def test_output_problems_exit_2_with_one_line(tmp_path):
    result = run("lint", "-o", str(tmp_path / "missing" / "r.txt"), SEED)
    assert result.returncode == 2 and result.stderr == f"budgetcheck: error: {tmp_path / 'missing' / 'r.txt'}: cannot write (No such file or directory)\n"
    copy = tmp_path / "seed.txt"
    shutil.copy(SEED, copy)
    original = copy.read_bytes()
    result = run("lint", "-o", str(copy), str(copy))
    assert result.returncode == 2 and "refusing to overwrite" in result.stderr and copy.read_bytes() == original


@pytest.mark.parametrize(
    ("fail_on", "seed", "warnings", "clean"),
    [("error", 1, 0, 0), ("warning", 1, 1, 0), ("info", 1, 1, 0), ("never", 0, 0, 0)],
)
def test_fail_on_thresholds(warning_only, fail_on, seed, warnings, clean):
    assert run("lint", "--fail-on", fail_on, "-q", SEED).returncode == seed
    assert run("lint", "--fail-on", fail_on, "-q", warning_only).returncode == warnings
    assert run("lint", "--fail-on", fail_on, "-q", str(SAMPLES / "clean")).returncode == clean


def test_fail_on_info_fails_on_an_info_finding(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "X101.yaml").write_text(
        "code: X101\nname: note-party-fee\nseverity: info\nkind: pattern\nmessage: 提示“{match}”\n"
        "description: test\nparams:\n  patterns: ['党费']\n",
        encoding="utf-8",
    )
    clean = str(SAMPLES / "clean" / "003_d0cdb9e489cb1e09.txt")
    assert run("lint", "--rules", str(rules), "--fail-on", "warning", "-q", clean).returncode == 0
    assert run("lint", "--rules", str(rules), "--fail-on", "info", "-q", clean).returncode == 1


def test_fail_on_never_still_fails_on_input_problems(tmp_path):
    assert run("lint", "--fail-on", "never", str(tmp_path / "missing.txt")).returncode == 2


def test_quiet_prints_only_the_summary():
    result = run("lint", "--quiet", SEED)
    assert result.returncode == 1
    assert result.stdout == "1 file(s), 1 text(s): 2 errors, 2 warnings, 0 infos\n"


def test_statistics_prints_counts_per_code():
    result = run("lint", "--statistics", str(SAMPLES))
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line[:1].isupper() and line[1:4].isdigit()}
    findings = json.loads(run("lint", "--format", "json", str(SAMPLES)).stdout)["findings"]
    assert {code: int(row[-1]) for code, row in rows.items()} == dict(Counter(f["code"] for f in findings))
    assert rows["S201"][-1] == "2" and rows["A103"][-1] == "1"
    summary = json.loads(run("lint", "--format", "json", str(SAMPLES)).stdout)["summary"]
    assert "15:86" not in result.stdout
    assert result.stdout.rstrip().endswith(f"{summary['errors']} errors, {summary['warnings']} warnings, {summary['infos']} infos")


def test_quiet_with_output_prints_the_summary_and_writes_the_full_report(tmp_path):
    target = tmp_path / "r.sarif"
    result = run("lint", "--format", "sarif", "-o", str(target), "--quiet", SEED)
    assert result.stdout.startswith("1 file(s), 1 text(s)") and len(json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"]) == 4


# --- progress bar ----------------------------------------------------------------------------


@pytest.fixture
def many_files(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(MIN_FILES + 2):
        shutil.copy(SAMPLES / "clean" / "003_d0cdb9e489cb1e09.txt", folder / f"{i:03}.txt")
    return folder


def test_piped_run_prints_no_progress(many_files):
    result = run("lint", str(many_files))
    assert result.returncode == 0 and result.stderr == ""
    assert "Checking" not in result.stdout and "\x1b" not in result.stdout


def test_tracker_is_off_unless_the_stream_is_a_terminal():
    class Pipe:
        def isatty(self):
            return False

    assert tracker(Pipe()) is None
    items = list(range(MIN_FILES - 1))

    class Terminal(Pipe):
        def isatty(self):
            return True

    assert tracker(Terminal())(items) is items  # too few files to bother


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_terminal_run_shows_progress_on_stderr_only(many_files, tmp_path):
    """stderr on a real pseudo-terminal, stdout to a file: the bar appears on stderr, the report stays clean."""
    primary, secondary = os.openpty()
    received = bytearray()

    def drain():
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                return
            if not chunk:
                return
            received.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    out = tmp_path / "stdout.txt"
    with out.open("w", encoding="utf-8") as stdout:
        status = subprocess.run(
            [sys.executable, "-m", "budgetcheck", "lint", str(many_files)],
            stdout=stdout, stderr=secondary, env={**os.environ, "TERM": "xterm", "COLUMNS": "100"}, timeout=120,
        ).returncode
    os.close(secondary)
    reader.join(timeout=10)
    os.close(primary)
    assert status == 0
    assert b"Checking" in received
    report = Path(out).read_text(encoding="utf-8")
    assert "Checking" not in report and report.rstrip().endswith(f"{MIN_FILES + 2} file(s), {MIN_FILES + 2} text(s): 0 errors, 0 warnings, 0 infos")

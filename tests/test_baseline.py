"""Baselines: record today's findings, then report only new ones — matched by text, not by line."""

import json
import re
import shutil
import subprocess
import sys

import pytest
from conftest import SAMPLES, make_text

from budgetcheck.baseline import BaselineError, load_baseline, write_baseline
from budgetcheck.engine import lint_sources
from budgetcheck.fingerprints import fingerprint
from budgetcheck.source import source_from_text

SEED = "003_d0cdb9e489cb1e09.txt"


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "budgetcheck", *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd,
    )


def codes(stdout: str) -> list[str]:
    return [f["code"] for f in json.loads(stdout)["findings"]]


@pytest.fixture
def texts(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    shutil.copy(SAMPLES / SEED, folder / SEED)
    return folder


def test_round_trip_edit_elsewhere_keeps_old_findings_hidden(texts, tmp_path):
    baseline = tmp_path / "budgetcheck-baseline.json"
    written = run("lint", "--write-baseline", str(baseline), str(texts))
    assert written.returncode == 0 and "recorded 4 finding(s)" in written.stdout
    assert run("lint", "--baseline", str(baseline), str(texts)).returncode == 0

    # An unrelated edit above every finding shifts all their lines down by two...
    path = texts / SEED
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(4, "根据有关文件精神。\n补充说明一行。")
    # ...and a new slip is made in another section.
    lines = [line.replace("玉办发〔2023〕5号", "玉办发〔2023〕XX号") for line in lines]
    path.write_text("\n".join(lines), encoding="utf-8")

    result = run("lint", "--format", "json", "--baseline", str(baseline), str(texts))
    report = json.loads(result.stdout)
    assert [(f["code"], f["data"].get("match")) for f in report["findings"]] == [("S203", "XX")]
    assert result.returncode == 1
    everything = run("lint", "--format", "json", str(texts))
    assert len(codes(everything.stdout)) == 5  # without the baseline the old four are still there


def test_baseline_text_report_says_how_many_were_hidden(texts, tmp_path):
    baseline = tmp_path / "b.json"
    run("lint", "--write-baseline", str(baseline), str(texts))
    result = run("lint", "--baseline", str(baseline), str(texts))
    assert "0 errors, 0 warnings, 0 infos; 4 known finding(s) hidden by the baseline" in result.stdout


def test_baseline_paths_are_relative_to_the_baseline_file(texts, tmp_path):
    """Written from one folder, used from another: the same files still match."""
    baseline = texts / "baseline.json"
    run("lint", "--write-baseline", "baseline.json", ".", cwd=texts)
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert {e["path"] for e in entries} == {SEED}
    result = run("lint", "--format", "json", "--baseline", str(baseline), str(texts), cwd=tmp_path)
    assert result.returncode == 0 and codes(result.stdout) == []


def test_duplicates_are_counted(builtin_rules, tmp_path):
    once = make_text(项目基本概况="开展工作XX号文件要求。")
    twice = make_text(项目基本概况="开展工作XX号文件要求。\n开展工作XX号文件要求。")
    before = lint_sources([source_from_text(once, "t.txt")], builtin_rules)
    after = lint_sources([source_from_text(twice, "t.txt")], builtin_rules)
    (old,) = before.findings
    first, second = after.findings
    assert fingerprint(old) == fingerprint(first) == fingerprint(second)

    write_baseline(before.findings, tmp_path / "b.json")
    baseline = load_baseline(tmp_path / "b.json")
    assert baseline.new_findings(after.findings) == [second]
    baseline.apply(after)
    assert after.findings == [second] and after.baselined == 1


def test_fingerprint_changes_with_the_offending_text(builtin_rules):
    def prints(body):
        return [fingerprint(f) for f in lint_sources([source_from_text(make_text(项目基本概况=body), "t.txt")], builtin_rules).findings]

    assert prints("开展工作XX号文件要求。") == prints("  开展工作XX号文件要求。")  # whitespace ignored
    assert prints("开展工作XX号文件要求。") != prints("开展工作××文件要求。")
    assert prints("开展工作XX号文件要求。") != prints("另一项工作XX号文件要求。")  # nearby context counts


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "baseline file not found"),
        ("{", "not a baseline file (invalid JSON"),
        ('{"findings": []}', "not a baseline file (budgetcheck_baseline: Field required)"),
        ('{"budgetcheck_baseline": 1, "fingerprints": "v0", "findings": []}', "written by another version"),
    ],
)
def test_bad_baseline_is_one_line_and_exit_2(tmp_path, content, reason):
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=re.escape(reason)):
        load_baseline(path)
    result = run("lint", "--baseline", str(path), str(SAMPLES / "clean"))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"budgetcheck: error: {path}: ") and len(result.stderr.splitlines()) == 1


def test_baseline_and_write_baseline_together_is_a_usage_error(tmp_path):
    result = run("lint", "--baseline", str(tmp_path / "a.json"), "--write-baseline", str(tmp_path / "a.json"), str(SAMPLES))
    assert result.returncode == 2 and "cannot be used together" in result.stderr

"""Configuration files, rule selection and per-code settings, as a user sets them up."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES, make_text

from budgetcheck.config import ConfigError, find_config, load_config
from budgetcheck.settings import Options, SelectionError, resolve, selected_codes

CODES = ["A101", "A102", "A103", "C101", "N101", "S101", "S102", "S201", "T102"]


@pytest.mark.parametrize(
    ("select", "extend", "ignore", "expected"),
    [
        (["ALL"], [], [], CODES),
        (["A"], [], [], ["A101", "A102", "A103"]),
        (["A", "S1"], [], [], ["A101", "A102", "A103", "S101", "S102"]),
        (["ALL"], [], ["T102"], [c for c in CODES if c != "T102"]),
        (["A"], [], ["A103"], ["A101", "A102"]),
        (["A103"], [], ["A"], ["A103"]),  # the more specific selector wins
        (["A1"], [], ["A1"], []),  # a tie goes to ignore
        (["S"], ["C101"], [], ["C101", "S101", "S102", "S201"]),
    ],
)
def test_selection_by_code_and_prefix(select, extend, ignore, expected):
    assert sorted(selected_codes(CODES, select, extend, ignore)) == expected


def test_unknown_selector_is_an_error():
    with pytest.raises(SelectionError, match="--ignore: 'Z1' matches no rule code"):
        selected_codes(CODES, ["ALL"], [], ["Z1"])


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_config_is_found_by_walking_up(tmp_path):
    config = write(tmp_path / "budgetcheck.toml", "ignore = ['T102']\n")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_config(nested) == config


def test_pyproject_counts_only_with_a_budgetcheck_table(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.other]\nx = 1\n")
    assert find_config(tmp_path) is None
    write(tmp_path / "pyproject.toml", "[tool.budgetcheck]\nselect = ['A']\n")
    assert load_config(find_config(tmp_path)).select == ["A"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("selct = ['A']\n", "selct: Extra inputs are not permitted"),
        ("tolerance = -1\n", "tolerance: Input should be greater than or equal to 0"),
        ("[severity]\nA101 = 'fatal'\n", "severity.A101: Input should be 'error', 'warning' or 'info'"),
        ("budget-year = 'next'\n", "budget-year: Input should be a valid integer"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_config_names_file_and_key(tmp_path, text, expected):
    path = write(tmp_path / "budgetcheck.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: ") and expected in str(caught.value)


def test_config_settings_reach_the_rules(tmp_path):
    path = write(
        tmp_path / "budgetcheck.toml",
        "select = ['A', 'S101']\nignore = ['A103']\ntolerance = 1.5\n"
        "required-sections = ['项目名称', '绩效目标']\nbudget-year = 2027\n[severity]\nA101 = 'warning'\n",
    )
    settings = resolve(Options(), load_config(path))
    rules = {r.code: r for r in settings.rules}
    builtin = [p.stem for p in (REPO / "rules").glob("*.yaml")]
    assert set(rules) == {c for c in builtin if c.startswith("A") and c != "A103"} | {"S101"}
    assert rules["A101"].spec.severity.value == "warning"
    assert str(rules["A102"].params.tolerance) == "1.5"
    assert rules["S101"].params.sections == ["项目名称", "绩效目标"]
    assert settings.run.budget_year == 2027


def test_cli_options_win_over_config(tmp_path):
    path = write(tmp_path / "budgetcheck.toml", "select = ['A']\n")
    settings = resolve(Options(select=["S1"]), load_config(path))
    assert {r.code for r in settings.rules} == {p.stem for p in (REPO / "rules").glob("S1*.yaml")}


def test_severity_for_unknown_code_is_an_error(tmp_path):
    path = write(tmp_path / "budgetcheck.toml", "[severity]\nZ999 = 'info'\n")
    with pytest.raises(SelectionError, match="'Z999' is not a rule code"):
        resolve(Options(), load_config(path))


USER_RULE = """\
code: P901
name: performance-section
severity: error
kind: required_sections
message: 缺少“{section}”部分
description: Our province's template adds 九、绩效目标.
params:
  sections: [绩效目标]
examples:
  fire:
    - sections: {}
  pass:
    - sections:
        绩效目标: 满意度达到95%以上。
"""


def run(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "budgetcheck", *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.fixture
def project(tmp_path):
    """A reviewer's folder: a user rule in my-rules/, a text without 九、绩效目标, a config file."""
    write(tmp_path / "my-rules" / "P901.yaml", USER_RULE)
    write(tmp_path / "texts" / "t.txt", make_text())
    return tmp_path


def test_user_rule_via_config_is_selected_ignored_and_reseveritied(project):
    write(project / "budgetcheck.toml", "rules = ['my-rules']\n")
    found = json.loads(run("lint", "--format", "json", "texts", cwd=project).stdout)["findings"]
    assert [(f["code"], f["severity"]) for f in found] == [("P901", "error")]

    write(project / "budgetcheck.toml", "rules = ['my-rules']\n[severity]\nP901 = 'info'\n")
    result = run("lint", "--format", "json", "texts", cwd=project)
    assert [f["severity"] for f in json.loads(result.stdout)["findings"]] == ["info"] and result.returncode == 0

    result = run("lint", "--format", "json", "--ignore", "P9", "texts", cwd=project)
    assert json.loads(result.stdout)["findings"] == []
    result = run("lint", "--format", "json", "--select", "P901", "texts", cwd=project)
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["P901"]


def test_user_rule_via_rules_option(project):
    result = run("lint", "--format", "json", "--rules", "my-rules", "texts", cwd=project)
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["P901"]


def test_isolated_ignores_config(project):
    write(project / "budgetcheck.toml", "rules = ['my-rules']\n")
    result = run("lint", "--format", "json", "--isolated", "texts", cwd=project)
    assert json.loads(result.stdout)["findings"] == []


def test_bad_config_exits_2_with_one_line(project):
    write(project / "budgetcheck.toml", "ignroe = ['T102']\n")
    result = run("lint", "texts", cwd=project)
    assert result.returncode == 2
    assert result.stderr.strip() == f"budgetcheck: error: {project / 'budgetcheck.toml'}: ignroe: Extra inputs are not permitted"


def test_user_rule_examples_run_with_test_rules(project):
    result = run("test-rules", "my-rules", cwd=project)
    assert result.returncode == 0 and "2 passed, 0 failed" in result.stdout
    write(project / "my-rules" / "P901.yaml", USER_RULE.replace("绩效目标: 满意度达到95%以上。", "其他: 无"))
    result = run("test-rules", "my-rules", cwd=project)
    assert result.returncode == 1 and "1 passed, 1 failed" in result.stdout and "FAIL" in result.stdout


def test_check_rules_reports_every_bad_file(project):
    write(project / "my-rules" / "P902.yaml", USER_RULE.replace("P901", "P902").replace("severity: error", "severity: loud"))
    write(project / "my-rules" / "P903.yaml", USER_RULE.replace("P901", "P903").replace("kind: required_sections", "kind: nope"))
    result = run("check-rules", "my-rules", cwd=project)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and "P902.yaml: severity:" in lines[0] and "P903.yaml: kind:" in lines[1]


def test_rules_and_explain_commands(project):
    listed = json.loads(run("rules", "--format", "json", "--rules", "my-rules", cwd=project).stdout)
    builtin = len(list((REPO / "rules").glob("*.yaml")))
    assert len(listed) == builtin + 1 and "P901" in {r["code"] for r in listed}
    assert {"code", "name", "severity", "kind", "summary"} <= set(listed[0])
    text = run("rules", "--select", "A1", cwd=project).stdout
    assert "A101" in text and "S101" not in text
    explained = run("explain", "a103", cwd=project)
    assert explained.returncode == 0 and "unit-slip" in explained.stdout and "outlier_ratio" in explained.stdout
    assert run("rule", "A103", cwd=project).stdout == explained.stdout
    missing = run("explain", "Z999", cwd=project)
    assert missing.returncode == 2 and "no rule 'Z999'" in missing.stderr


def test_samples_are_unaffected_by_a_config_elsewhere():
    """The repository itself has no config: linting the clean samples stays clean from its root."""
    assert find_config(SAMPLES) is None

"""Genre profiles: recognised per text with reasons, forced by flag or config, rules chosen per genre."""

import json
import os
import subprocess
import sys

import pytest
from conftest import REPO, SAMPLES, make_text

from budgetcheck.engine import Genres, RunOptions, lint_paths, lint_sources
from budgetcheck.profiles import ProfileError, builtin_profiles, detect, load_profiles
from budgetcheck.source import source_from_text

REAL = REPO / "tests" / "data" / "real"


@pytest.mark.parametrize(
    ("name", "genre"),
    [
        ("004_pingtan_jingji_fazhanju_2018_budget", "budget-explanation"),
        ("009_tongxin_xiamaguan_grape_perf_target_2023", "performance-table"),
        ("012_gongliu_county_poverty_bond_projects_2020", "allocation-notice"),
        ("015_anyang_beiguan_poverty_fund_allocation_2018", "allocation-notice"),
        ("021_jingyan_mata_town_project_perf_targets_2023", "performance-table"),
    ],
)
def test_real_texts_are_recognised(name, genre):
    detection = detect((REAL / f"{name}.txt").read_text(encoding="utf-8"), builtin_profiles())
    assert detection.profile.name == genre
    assert detection.reasons and detection.score >= detection.profile.min_score


def test_project_texts_are_recognised_with_reasons():
    detection = detect((SAMPLES / "003_d0cdb9e489cb1e09.txt").read_text(encoding="utf-8"), builtin_profiles())
    assert detection.profile.name == "project-text"
    assert "template section headings ×8 (+16)" in detection.why


def test_unrecognisable_text_is_generic():
    detection = detect("会议纪要：研究了下一步工作安排。", builtin_profiles())
    assert detection.profile.name == "generic" and detection.why == "no genre recognised"


def test_missing_section_never_fires_on_other_genres(builtin_rules):
    findings = lint_paths([str(REAL)], builtin_rules).findings
    assert not [f for f in findings if f.code in {"S101", "T102"}]


def test_forced_profile_applies_to_every_text(builtin_rules):
    source = source_from_text((REAL / "015_anyang_beiguan_poverty_fund_allocation_2018.txt").read_text(encoding="utf-8"))
    result = lint_sources([source], builtin_rules, options=RunOptions(genres=Genres(None, "project-text")))
    assert result.texts[0].profile == "project-text"
    assert len([f for f in result.findings if f.code == "S101"]) == 8


def test_profile_rules_select_and_ignore(builtin_rules, tmp_path):
    (tmp_path / "project-text.yaml").write_text(
        "name: project-text\ndescription: stricter\nsections: [项目名称]\nignore: [N]\n"
        "detect:\n  - {pattern: 项目文本, weight: 5, why: heading}\n",
        encoding="utf-8",
    )
    profiles = load_profiles([REPO / "profiles", tmp_path])
    text = make_text(项目名称="社区服务经费。", 立项依据=None)
    result = lint_sources([source_from_text(text)], builtin_rules, options=RunOptions(genres=Genres(profiles)))
    codes = {f.code for f in result.findings}
    assert "N102" not in codes  # ignored for this genre
    assert "S101" not in codes  # only 项目名称 is required now


def test_bad_profile_file_names_file_and_field(tmp_path):
    (tmp_path / "x.yaml").write_text("name: Bad Name\ndescription: x\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"x\.yaml: name: String should match pattern"):
        load_profiles([tmp_path])


def run(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "budgetcheck", *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_cli_profile_flag_and_config(tmp_path):
    notice = REAL / "015_anyang_beiguan_poverty_fund_allocation_2018.txt"
    forced = run("lint", "--format", "json", "--profile", "project-text", str(notice), cwd=tmp_path)
    assert {f["code"] for f in json.loads(forced.stdout)["findings"]} >= {"S101"}
    (tmp_path / "budgetcheck.toml").write_text("profile = 'project-text'\n", encoding="utf-8")
    by_config = run("lint", "--format", "json", str(notice), cwd=tmp_path)
    assert json.loads(by_config.stdout) == json.loads(forced.stdout)
    (tmp_path / "budgetcheck.toml").write_text("profile = 'nope'\n", encoding="utf-8")
    bad = run("lint", str(notice), cwd=tmp_path)
    assert bad.returncode == 2 and "no profile 'nope'" in bad.stderr


def test_profiles_command_lists_every_genre(tmp_path):
    listed = run("profiles", cwd=tmp_path).stdout
    for name in ("project-text", "budget-explanation", "performance-table", "allocation-notice", "generic"):
        assert name in listed

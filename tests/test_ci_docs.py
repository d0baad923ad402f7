"""The CI recipes in docs/ci.md and the pre-commit hook do what they say: their budgetcheck
commands are run here on a copy of the samples, and the files they hand on are checked."""

import json
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib.metadata import entry_points

import pytest
import yaml
from conftest import REPO, SAMPLES

DOC = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
BLOCKS = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", DOC, re.S)]
GITHUB = next(b for b in BLOCKS if "jobs" in b)
GITLAB = next(b for b in BLOCKS if "budgetcheck" in b and "script" in b["budgetcheck"])
(GITHUB_STEPS,) = [job["steps"] for job in GITHUB["jobs"].values()]


def budgetcheck_commands(lines: list[str]) -> list[list[str]]:
    return [shlex.split(line) for line in lines if line.startswith("budgetcheck ")]


def run_in(folder, argv):
    assert argv[0] == "budgetcheck"
    return subprocess.run([sys.executable, "-m", "budgetcheck", *argv[1:]], capture_output=True, text=True, encoding="utf-8", cwd=folder)


@pytest.fixture
def checkout(tmp_path):
    """A texts repository as the recipes expect it: the seed and clean samples under texts/."""
    shutil.copytree(SAMPLES, tmp_path / "texts")
    return tmp_path


def test_github_workflow_uploads_sarif_and_annotates(checkout):
    assert GITHUB["permissions"]["security-events"] == "write"
    steps = GITHUB_STEPS
    runs = [s for s in steps if "run" in s and s["run"].startswith("budgetcheck ")]
    sarif_step, gate_step = runs
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert steps.index(sarif_step) < steps.index(upload) < steps.index(gate_step) and upload["if"] == "always()"

    (sarif_cmd,) = budgetcheck_commands([sarif_step["run"]])
    result = run_in(checkout, sarif_cmd)
    assert result.returncode == 0, result.stderr  # --fail-on never: the upload always has a file to send
    log = json.loads((checkout / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    results = log["runs"][0]["results"]
    assert log["version"] == "2.1.0" and results
    assert "Findings by rule" in result.stdout

    (gate_cmd,) = budgetcheck_commands([gate_step["run"]])
    result = run_in(checkout, gate_cmd)
    assert result.returncode == 1
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in result.stdout.splitlines())
    assert len(result.stdout.splitlines()) == len(results)  # the same findings, annotated


def test_gitlab_job_publishes_a_junit_report(checkout):
    job = GITLAB["budgetcheck"]
    assert job["artifacts"]["when"] == "always"
    (command,) = budgetcheck_commands(job["script"])
    result = run_in(checkout, command)
    assert result.returncode == 1  # the job fails on the seed texts...
    report = ET.parse(checkout / job["artifacts"]["reports"]["junit"]).getroot()
    assert report.get("tests") == "4" and report.get("failures") == "2"  # ...and still leaves its report


def test_baseline_recipe(checkout):
    """Record a baseline as the doc says, then the GitHub gate step with --baseline added passes."""
    (write,) = budgetcheck_commands(re.findall(r"```sh\n(.*?)```", DOC, re.S)[0].splitlines())
    assert run_in(checkout, write).returncode == 0
    baseline = write[write.index("--write-baseline") + 1]
    *gate, texts = budgetcheck_commands([GITHUB_STEPS[-1]["run"]])[0]
    result = run_in(checkout, [*gate, "--baseline", baseline, texts])
    assert result.returncode == 0 and result.stdout == ""


@pytest.fixture(scope="module")
def hook():
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return hook


def test_pre_commit_hook_selects_txt_files_and_runs_them_together(hook):
    scripts = {e.name for e in entry_points(group="console_scripts")}
    assert hook["id"] == "budgetcheck" and hook["language"] == "python" and hook["require_serial"] is True
    assert shlex.split(hook["entry"])[0] in scripts
    files = re.compile(hook["files"])
    assert [bool(files.search(n)) for n in ("a.txt", "送审/文本.TXT", "a.txt.bak", "notes.md")] == [True, True, False, False]
    assert "types" not in hook  # identify's `text` type would skip UTF-16 texts


def test_pre_commit_hook_entry_fails_on_a_bad_text_and_passes_clean_ones(hook):
    entry = shlex.split(hook["entry"])
    assert run_in(REPO, [*entry, str(SAMPLES / "003_d0cdb9e489cb1e09.txt")]).returncode == 1
    clean = sorted(str(p) for p in (SAMPLES / "clean").glob("*.txt"))
    assert run_in(REPO, [*entry, *clean]).returncode == 0


def test_local_hook_example_matches_the_shipped_hook(hook):
    local = next(b for b in BLOCKS if "repos" in b and b["repos"][0]["repo"] == "local")["repos"][0]["hooks"][0]
    assert {k: local[k] for k in ("id", "entry", "files", "require_serial")} == {k: hook[k] for k in ("id", "entry", "files", "require_serial")}

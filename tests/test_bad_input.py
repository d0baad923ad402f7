"""The README's promises about bad input, end to end: one line, exit 2, the rest still done, inputs untouched.

Configuration and baseline files of every broken kind, stdout on a full disk,
and --output / --write-baseline aimed at an input or at something not a regular file.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_text
from test_cli import run

GOOD = make_text(项目名称="社区服务经费。")  # one warning (N102), exit 0


def one_error_line(result) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("budgetcheck: error: "), line
    return line


@pytest.fixture
def project(tmp_path):
    """A folder holding one text, with a sub-folder to run from (configuration files are found walking up)."""
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    return tmp_path


NOT_UTF8 = "select = [\"ALL\"]  # 注释：预算\n".encode("gb18030")  # GBK bytes that are no UTF-8


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("budgetcheck.toml", NOT_UTF8, "not UTF-8"),
        ("budgetcheck.toml", b"select = [" + b"[" * 2000 + b"]" * 2001 + b"\n", "budgetcheck.toml: "),
        ("budgetcheck.toml", b"[limits]\nmax-file-sze = 10\n", "limits.max-file-sze: Extra inputs are not permitted"),
        ("budgetcheck.toml", b"[limits]\nmax-file-size = 0\n", "limits.max-file-size: Input should be greater than 0"),
        ("pyproject.toml", b"[tool.budgetcheck]\nselect = [\n", "invalid TOML"),
        ("pyproject.toml", b"[tool.budgetcheck]\n" + NOT_UTF8, "not UTF-8"),
        ("pyproject.toml", b"[tool]\nbudgetcheck = 3\n", "(top level): Input should be a valid dictionary"),
    ],
    ids=["toml-not-utf8", "toml-nested-2000", "limits-unknown-key", "limits-bad-value", "pyproject-ours-invalid",
         "pyproject-ours-not-utf8", "pyproject-ours-not-a-table"],
)
def test_a_broken_configuration_is_one_line(project, name, data, reason):
    (project / name).write_bytes(data)
    line = one_error_line(run("lint", str(project / "good.txt"), cwd=project / "sub"))
    assert line.startswith(f"budgetcheck: error: {project / name}: ") and reason in line, line


@pytest.mark.parametrize(
    "data",
    [b"[project]\nname = \"x\"\nversion = [\n", b"[project]\ndescription = \"" + "预算".encode("gb18030") + b"\"\n", b"tool = 3\n"],
    ids=["invalid-toml", "not-utf8", "tool-not-a-table"],
)
def test_another_tools_broken_pyproject_is_ignored(project, data):
    """A pyproject.toml above the current folder without our table is none of our business."""
    (project / "pyproject.toml").write_bytes(data)
    result = run("lint", str(project / "good.txt"), cwd=project / "sub")
    assert result.returncode == 0 and result.stderr == "" and "N102" in result.stdout


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"[" * 2000 + b"]" * 2000, "not a baseline file (nested too deeply)"),
        (b'{"budgetcheck_baseline": 1, "fingerprints": "' + "注释".encode("gb18030") + b'"}', "cannot read baseline ('utf-8' codec can't decode"),
        (b"", "not a baseline file (invalid JSON at line 1)"),
    ],
    ids=["nested-2000", "not-utf8", "empty"],
)
def test_a_broken_baseline_is_one_line(project, data, reason):
    baseline = project / "baseline.json"
    baseline.write_bytes(data)
    line = one_error_line(run("lint", "--baseline", str(baseline), str(project / "good.txt")))
    assert line.startswith(f"budgetcheck: error: {baseline}: {reason}"), line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_as_baseline_is_refused_not_waited_on(project):
    fifo = project / "baseline.json"
    os.mkfifo(fifo)
    line = one_error_line(run("lint", "--baseline", str(fifo), str(project / "good.txt")))
    assert "not a regular file (a FIFO)" in line


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="Linux /dev/full")
@pytest.mark.parametrize("args", [["lint"], ["lint", "--format", "json"], ["lint", "--quiet"], ["extract"]])
def test_stdout_on_a_full_disk_is_one_line(project, args):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "budgetcheck", *args, str(project / "good.txt")],
            stdout=full, stderr=subprocess.PIPE, text=True, encoding="utf-8", timeout=120, check=False,
        )
    line = one_error_line(result)
    assert line == "budgetcheck: error: standard output: cannot write (No space left on device)"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


UNREADABLE = {
    "binary.txt": b"\x00\x01\x02" * 100,
    "empty.txt": b"",
    "undecodable.txt": b"\xff\xfe\xfd\x80" * 3 + b"\x81",
    "big.txt": GOOD.encode() * 40,  # over the max-file-size set below
}


@pytest.mark.parametrize(("flag", "given"), [("--output", "named"), ("--write-baseline", "in-folder")])
@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_an_input_that_could_not_be_read_is_never_overwritten(project, flag, name, given):
    (project / "budgetcheck.toml").write_text(f"[limits]\nmax-file-size = {len(GOOD.encode()) * 4}\n", encoding="utf-8")
    target = project / name
    target.write_bytes(UNREADABLE[name])
    before = digest(target)
    inputs = [str(target), str(project / "good.txt")] if given == "named" else [str(project)]
    line = one_error_line(run("lint", *inputs, flag, str(target), cwd=project))
    assert line == f"budgetcheck: error: {target}: is one of the inputs of this run; refusing to overwrite it"
    assert digest(target) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("flag", ["--output", "--write-baseline"])
def test_a_fifo_is_never_replaced_by_a_report(tmp_path, flag):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    line = one_error_line(run("lint", str(tmp_path / "good.txt"), flag, str(fifo)))
    assert line == f"budgetcheck: error: {fifo}: is not a regular file (a FIFO or device); refusing to replace it"
    assert fifo.is_fifo() and sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "report.fifo"]


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="POSIX devices")
def test_a_device_is_never_replaced_by_a_report(tmp_path):
    """Refused before anything is written, so even as root /dev/null stays a device."""
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    line = one_error_line(run("lint", str(tmp_path / "good.txt"), "--output", "/dev/null"))
    assert "/dev/null: is not a regular file" in line and Path("/dev/null").is_char_device()


def test_a_new_report_inside_an_input_folder_is_still_allowed(project):
    """Only inputs are protected: a report that is not a text of the run may live next to them."""
    result = run("lint", str(project), "--output", str(project / "report.json"), "--format", "json")
    assert result.returncode == 0 and (project / "report.json").exists()


def test_an_input_named_but_missing_is_not_written_either(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    line = one_error_line(run("lint", str(missing), str(tmp_path / "good.txt"), "--output", str(missing)))
    assert line == f"budgetcheck: error: {missing}: is one of the inputs of this run; refusing to overwrite it"
    assert not missing.exists()

"""Hostile inputs are bounded: special files are refused, reading is capped, every bound is a one-line error.

Each test checks a good file alongside the bad one: the good one must still be reported.
Fixtures are generated here; big ones are written to tmp_path and compress or stream
well, so the repository holds none of them.
"""

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from builders import write_docx
from conftest import make_text
from test_cli import run

from budgetcheck import limits
from budgetcheck.catalogue import builtin_rules_dir, load_rules
from budgetcheck.engine import RunOptions, check_source, lint_paths
from budgetcheck.limits import Limits
from budgetcheck.source import source_from_text

GOOD = make_text(项目名称="社区服务经费。")  # one finding: N102


@pytest.fixture(scope="module")
def rules():
    return load_rules([builtin_rules_dir()])


def good_file(folder: Path) -> Path:
    path = folder / "z_good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def assert_one_error_and_the_rest_checked(result, bad: str, reason: str, good: Path):
    """Exit 2, exactly one error line for the bad input, and the good file's finding still in the report."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"budgetcheck: error: {bad}: ") and reason in line, line
    assert f"{good}:" in result.stdout and "N102" in result.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("named", [True, False], ids=["named", "in-folder"])
def test_a_fifo_is_reported_not_opened(tmp_path, named):
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    good = good_file(tmp_path)
    args = [str(fifo), str(good)] if named else [str(tmp_path)]
    result = subprocess.run(
        [sys.executable, "-m", "budgetcheck", "lint", "--format", "concise", *args],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,  # a blocked open would hang here
    )
    assert_one_error_and_the_rest_checked(result, str(fifo), "not a regular file (a FIFO)", good)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_character_device_is_reported_not_read(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    good = good_file(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "budgetcheck", "lint", "--format", "concise", device, str(good)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )
    assert_one_error_and_the_rest_checked(result, device, "not a regular file (a character device)", good)


def test_a_file_over_max_file_size_is_reported_and_the_rest_checked(tmp_path):
    (tmp_path / "budgetcheck.toml").write_text("[limits]\nmax-file-size = 20000\n", encoding="utf-8")
    big = tmp_path / "a_big.txt"
    big.write_text(make_text(项目基本概况="内容。" * 5000), encoding="utf-8")
    good = good_file(tmp_path)
    result = run("lint", "--format", "concise", "a_big.txt", "z_good.txt", cwd=tmp_path)
    assert_one_error_and_the_rest_checked(result, "a_big.txt", "over the limit of 20,000 (max-file-size in [limits]", Path("z_good.txt"))
    assert good.read_text(encoding="utf-8") == GOOD


def test_standard_input_is_capped_too(tmp_path):
    (tmp_path / "budgetcheck.toml").write_text("[limits]\nmax-file-size = 1000\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "budgetcheck", "lint", "-"], input=GOOD * 10, cwd=tmp_path,
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "budgetcheck: error: <stdin>: more than 1,000 bytes, over the limit of 1,000 (max-file-size in [limits] of the configuration)"


def peak_memory_mb(args, cwd, stdin_repeats=("", 0)):
    """Run budgetcheck in a child of a fresh interpreter and return (result, the child's peak RSS in MB).

    ``stdin_repeats`` = (text, n): the child's standard input is ``text * n``, made in the
    probe's memory (not counted) rather than on disk.
    """
    probe = (
        "import resource, subprocess, sys\n"
        "text, n = sys.argv[1], int(sys.argv[2])\n"
        "r = subprocess.run([sys.executable, '-m', 'budgetcheck', *sys.argv[3:]], input=(text * n).encode(), capture_output=True)\n"
        "sys.stdout.write(r.stdout.decode()); sys.stderr.write(r.stderr.decode())\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(r.returncode)\n"
    )
    text, n = stdin_repeats
    command = [sys.executable, "-c", probe, text, str(n), *args]
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=600, check=False)
    *lines, peak = result.stderr.splitlines()
    result.stderr = "".join(line + "\n" for line in lines)
    return result, int(peak) / 1024  # ru_maxrss is in KiB on Linux


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss units")
def test_a_text_of_millions_of_amounts_is_refused_in_bounded_memory(tmp_path):
    """20 MB of 1元1元… (on standard input): over max-quantities, reported on one line; it used to peak at 3 GB."""
    good = good_file(tmp_path)
    args = ["lint", "--format", "concise", "--jobs", "1", "-", str(good)]
    result, peak = peak_memory_mb(args, tmp_path, ("1元", 20 * 1024 * 1024 // 4))
    assert_one_error_and_the_rest_checked(result, "<stdin>", "amounts in one text, over the limit of 200,000 (max-quantities", good)
    assert peak < 1000, f"peak memory {peak:.0f} MB"


def test_max_quantities_counts_every_kind(rules):
    options = RunOptions(limits=Limits(max_quantities=50))
    result = check_source(source_from_text(make_text(项目实施内容="开展培训3次。" * 60), "counts.txt"), rules, options)
    (problem,) = result.problems
    assert "more than 50 counts in one text" in problem.message and not result.findings
    assert check_source(source_from_text(GOOD, "fine.txt"), rules, options).problems == []


def zip_bomb_docx(path: Path, inflated: int) -> Path:
    """A real .docx plus one member of ``inflated`` zero bytes (it compresses a thousandfold)."""
    write_docx(GOOD, path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as package, package.open("word/media/zeros.bin", "w", force_zip64=True) as member:
        block = bytes(1024 * 1024)
        for _ in range(inflated // len(block)):
            member.write(block)
    return path


def test_a_docx_that_inflates_past_the_limit_is_refused(tmp_path):
    pytest.importorskip("docx")
    bomb = zip_bomb_docx(tmp_path / "a_bomb.docx", limits.Limits.max_decompressed_size + 2 * 1024 * 1024)
    assert bomb.stat().st_size < 2 * 1024 * 1024  # small on disk
    good = good_file(tmp_path)
    result = run("lint", "--format", "concise", str(bomb), str(good))
    assert_one_error_and_the_rest_checked(result, str(bomb), "max-decompressed-size in [limits]", good)


def test_declared_sizes_and_paragraphs_are_checked_before_parsing():
    """The declared sizes are refused before anything is inflated; paragraphs are counted while inflating."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"<w:p>x</w:p>" * 100_000)
    limits.use(Limits(max_decompressed_size=500_000))
    try:
        with pytest.raises(limits.OverLimit, match="bytes declared inflated"):
            limits.check_zip(data.getvalue())
        limits.use(Limits(max_paragraphs=1_000))
        with pytest.raises(limits.OverLimit, match="more than 1,000 paragraphs"):
            limits.check_zip(data.getvalue())
    finally:
        limits.use(Limits())


def test_max_paragraphs_of_a_docx(tmp_path):
    pytest.importorskip("docx")
    (tmp_path / "budgetcheck.toml").write_text("[limits]\nmax-paragraphs = 20\n", encoding="utf-8")
    write_docx(make_text(项目实施内容="\n".join(f"第{i}段。" for i in range(100))), tmp_path / "a_long.docx")
    good_file(tmp_path)
    result = run("lint", "--format", "concise", "a_long.docx", "z_good.txt", cwd=tmp_path)
    assert_one_error_and_the_rest_checked(result, "a_long.docx", "more than 20 paragraphs", Path("z_good.txt"))


def test_limits_reach_worker_processes(tmp_path, rules):
    """Limits travel with the run options, so a pooled run applies them in every worker."""
    from budgetcheck import parallel

    for i in range(70):  # enough for a pool (two chunks)
        (tmp_path / f"t{i:02}.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "t99.txt").write_text(GOOD * 5, encoding="utf-8")
    result = parallel.lint_paths([str(tmp_path)], rules, RunOptions(limits=Limits(max_file_size=len(GOOD.encode()) * 2)), jobs=2)
    assert [p.path for p in result.problems] == [str(tmp_path / "t99.txt")] and result.files == 70


def test_lint_paths_in_process_applies_the_limits_and_resets_nothing_else(tmp_path, rules):
    good = good_file(tmp_path)
    big = tmp_path / "a_big.txt"
    big.write_text(GOOD * 5, encoding="utf-8")
    result = lint_paths([str(big), str(good)], rules, RunOptions(limits=Limits(max_file_size=len(GOOD.encode()) * 2)))
    assert [p.path for p in result.problems] == [str(big)]
    assert [f.code for f in result.findings] == ["N102"]


def test_extract_reports_a_text_over_the_limits_and_goes_on(tmp_path):
    from budgetcheck.extraction import rows

    crowded, good = tmp_path / "a_crowded.txt", good_file(tmp_path)
    crowded.write_text(make_text(项目实施内容="开展培训3次。" * 60), encoding="utf-8")
    problems = []
    limits.use(Limits(max_quantities=50))
    try:
        found = list(rows([str(tmp_path)], problems))
    finally:
        limits.use(Limits())
    assert [row["path"] for row in found] == [str(good)]
    assert [(p.path, "more than 50 counts" in p.message) for p in problems] == [(str(crowded), True)]


def test_a_reader_reports_its_own_bound_in_the_same_words():
    """How the PDF reader applies max-pages (see the limits module docstring)."""
    limits.use(Limits(max_pages=2_000))
    try:
        assert str(limits.over("max-pages", 2_500, "pages")) == (
            "2,500 pages, over the limit of 2,000 (max-pages in [limits] of the configuration)"
        )
    finally:
        limits.use(Limits())


def test_a_pdf_over_max_pages_is_reported_and_the_rest_checked(tmp_path):
    from builders import write_pdf

    write_pdf("社区服务经费。\n" * 80, tmp_path / "a.pdf")  # two pages
    (tmp_path / "b.txt").write_text("一、项目名称\n社区服务经费\n", encoding="utf-8")
    (tmp_path / "budgetcheck.toml").write_text("[limits]\nmax-pages = 1\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "budgetcheck", "lint", "a.pdf", "b.txt"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2
    assert [line for line in result.stderr.splitlines() if "error" in line] == [
        "budgetcheck: error: a.pdf: 2 pages, over the limit of 1 (max-pages in [limits] of the configuration)"
    ]
    assert "2 file(s)" not in result.stdout and "1 file(s)" in result.stdout


def test_a_stream_that_grew_past_its_expected_size_is_read_on_up_to_the_bound():
    data = b"x" * 5000
    assert limits.read_stream(io.BytesIO(data), expected=5000) == data
    assert limits.read_stream(io.BytesIO(data), expected=10) == data  # grew since it was sized: all of it
    limits.use(Limits(max_file_size=4000))
    try:
        with pytest.raises(limits.OverLimit):
            limits.read_stream(io.BytesIO(data), expected=10)
    finally:
        limits.use(Limits())

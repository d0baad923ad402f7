"""Which files a run reads: folder walking, --include/--exclude, hidden folders, lock files, symlinks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from budgetcheck.inputs import InputProblem, Selection, expand


@pytest.fixture
def tree(tmp_path):
    for name in ["b.txt", "a.docx", "c.pdf", "notes.md", "~$a.docx", ".hidden.txt",
                 "drafts/d.txt", "sub/z.txt", "sub/deeper/y.pdf", ".git/x.txt", ".venv/lib/v.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    return tmp_path


def _names(items, root):
    return [os.path.relpath(i, root) if isinstance(i, str) else i for i in items]


def test_folders_are_walked_for_the_three_formats_in_a_stable_order(tree):
    assert _names(expand([str(tree)]), tree) == [
        "a.docx", "b.txt", "c.pdf", "drafts/d.txt", "sub/deeper/y.pdf", "sub/z.txt",
    ]


def test_include_and_exclude_globs(tree):
    only_pdf = Selection(include=("*.pdf",))
    assert _names(expand([str(tree)], only_pdf), tree) == ["c.pdf", "sub/deeper/y.pdf"]
    no_drafts = Selection(exclude=("drafts", "sub/deeper/*"))
    assert _names(expand([str(tree)], no_drafts), tree) == ["a.docx", "b.txt", "c.pdf", "sub/z.txt"]
    both = Selection(include=("sub/*",), exclude=("*.pdf",))
    assert _names(expand([str(tree)], both), tree) == ["sub/z.txt"]


def test_a_file_named_on_the_command_line_is_always_read(tree):
    assert list(expand([str(tree / "notes.md")], Selection(exclude=("*.md",)))) == [str(tree / "notes.md")]


def test_nothing_left_after_filtering_is_reported(tree):
    (problem,) = expand([str(tree)], Selection(include=("*.doc",)))
    assert isinstance(problem, InputProblem)
    assert problem.message == "no *.txt, *.docx, *.pdf, *.xlsx, *.xlsm files in this folder matching --include/--exclude"


def test_symlink_loops_are_walked_once(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "t.txt").write_text("x", encoding="utf-8")
    (tmp_path / "texts" / "loop").symlink_to(tmp_path / "texts", target_is_directory=True)
    (tmp_path / "texts" / "elsewhere").symlink_to(tmp_path / "other", target_is_directory=True)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "o.txt").write_text("x", encoding="utf-8")
    assert _names(expand([str(tmp_path / "texts")]), tmp_path / "texts") == ["elsewhere/o.txt", "t.txt"]


def test_cli_include_exclude(tree):
    (tree / "b.txt").write_text("", encoding="utf-8")  # would be an "empty file" problem if read
    result = subprocess.run(
        # forced to the project-text genre so that every file read yields findings (S101)
        [sys.executable, "-m", "budgetcheck", "lint", "--format", "json", "--profile", "project-text",
         "--exclude", "b.txt", "--include", "*.txt", str(tree)],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 2
    assert {os.path.relpath(f["path"], tree) for f in report["findings"]} == {"drafts/d.txt", "sub/z.txt"}

"""Names and document text cannot forge report lines or drive the terminal, in any format.

A file name with a newline and an OSC sequence, document text with ESC and BEL, and an
unreadable file with a hostile name: no raw control character reaches stdout or stderr,
and every line of a line-based format is one finding.
"""

import json
import os
import sys

import pytest
from conftest import make_text
from rich.cells import cell_len
from test_cli import run

HOSTILE_NAME = "a\n\x1b]0;pwned\x07b.txt"
BAD_NAME = "bad\n\x1b[31mforged.txt"
RAW = ("\x1b", "\x07", "\x9b")
FORMATS = ["text", "concise", "github", "junit", "html", "sarif", "json", "jsonl"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    if sys.platform == "win32":
        pytest.skip("file names with control characters")
    folder = tmp_path_factory.mktemp("hostile")
    text = make_text(项目名称="社区\x1b[2J服务经费。", 项目基本概况="残留[bookmark: _x\x1b]8;;http://x\x07]，见\x9b1m。")
    (folder / HOSTILE_NAME).write_text(text, encoding="utf-8")
    (folder / BAD_NAME).write_bytes(b"\x00\x01" * 50)
    return folder


def lint(folder, fmt):
    return run("lint", "--format", fmt, str(folder), env={"NO_COLOR": "1"})


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_raw_control_characters_reach_the_terminal(hostile, fmt):
    result = lint(hostile, fmt)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    for char in RAW:
        assert char not in result.stdout and char not in result.stderr, (fmt, char)
    (line,) = result.stderr.splitlines()  # the unreadable file: one line, its name escaped
    assert line.startswith(f"budgetcheck: error: {hostile}{os.sep}bad\\n\\x1b[31mforged.txt: ")


def test_line_formats_have_one_line_per_finding(hostile):
    findings = json.loads(lint(hostile, "json").stdout)["findings"]
    assert findings and {f["path"] for f in findings} == {str(hostile / HOSTILE_NAME)}  # json keeps the exact name
    escaped = str(hostile / "a\\n\\x1b]0;pwned\\x07b.txt")
    for fmt, prefix in (("concise", escaped + ":"), ("github", "::")):
        lines = lint(hostile, fmt).stdout.splitlines()
        assert len(lines) == len(findings) and all(line.startswith(prefix) for line in lines), fmt
    github = lint(hostile, "github").stdout
    # Newlines are percent-encoded as the Actions toolkit does; ESC and BEL are shown escaped.
    assert "file=" + str(hostile / "a%0A\\x1b]0;pwned\\x07b.txt").replace(":", "%3A") + "," in github


def test_text_report_shows_the_escapes_and_keeps_the_span_under_the_carets(hostile):
    report = lint(hostile, "text").stdout
    assert "a\\n\\x1b]0;pwned\\x07b.txt" in report and "社区\\x1b[2J服务经费" in report
    lines = report.splitlines()
    (finding,) = [i for i, line in enumerate(lines) if " S201 " in line]
    excerpt, carets = lines[finding + 1], lines[finding + 2]
    assert "[bookmark: _x\\x1b]8;;http://x\\x07]" in excerpt
    # The escapes inside the span widen it; the carets still start under it (in cells) and cover it whole.
    start = excerpt.index("[bookmark")
    assert carets.index("^") == cell_len(excerpt[:start])
    assert excerpt[start : start + carets.count("^")] == "[bookmark: _x\\x1b]"  # what S201 matched, escaped

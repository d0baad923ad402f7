"""The HTML report as a file: self-contained, escaped, every finding shown, --output behaviour.

What a browser makes of it is checked in test_html_browser.py.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

from conftest import SAMPLES, make_text

from budgetcheck.engine import lint_paths
from budgetcheck.reporters.html_report import write

SCRIPT = "<script>document.title='pwned'</script>"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "budgetcheck", "lint", *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd)


class _Collect(HTMLParser):
    """Tags, and the text inside each finding's marks."""

    def __init__(self):
        super().__init__()
        self.tags, self.marks, self.open_marks, self.notes = [], {}, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "mark":
            self.open_marks.append(attrs.get("data-f", "").split())
        if tag == "div" and "finding" in attrs.get("class", "").split():
            self.notes.append(attrs)

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open_marks.pop()

    def handle_data(self, data):
        for refs in self.open_marks:
            for ref in refs:
                self.marks[ref] = self.marks.get(ref, "") + data


def _parse(html: str) -> _Collect:
    parser = _Collect()
    parser.feed(html)
    return parser


def test_every_finding_has_its_note_and_its_highlighted_span(tmp_path):
    out = tmp_path / "r.html"
    result = run(str(SAMPLES), "--format", "html", "--output", str(out))
    assert result.returncode == 1 and result.stdout == ""
    findings = json.loads(run(str(SAMPLES), "--format", "json").stdout)["findings"]
    page = _parse(out.read_text(encoding="utf-8"))
    assert [n["data-code"] for n in page.notes] == [f["code"] for f in findings]
    for i, f in enumerate(findings, 1):
        line = (SAMPLES.parent / f["path"]).read_text(encoding="utf-8").splitlines()[f["line"] - 1]
        assert page.marks[f"f{i}"] == line[f["column"] - 1 : f["end_column"] - 1], f


def test_summary_counts_and_arithmetic(tmp_path):
    html = io.StringIO()
    result = lint_paths([str(SAMPLES)], _rules())
    write(result, html)
    text = html.getvalue()
    errors = sum(f.severity.value == "error" for f in result.findings)
    warnings = sum(f.severity.value == "warning" for f in result.findings)
    assert re.search(r'id="count-files">4<', text) and re.search(r'id="count-texts">6<', text)
    assert re.search(rf'id="count-errors">{errors}<', text) and re.search(rf'id="count-warnings">{warnings}<', text)
    assert '<tr data-code="S202"><td class="code">S202</td><td>page-marker</td>' in text
    assert "<code>25,000.00 + 10,000.00 + 150,000,000.00 = 150,035,000.00 ≠ 50,000.00</code>" in text


def test_document_text_is_escaped_and_the_page_is_self_contained(tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text(make_text(项目名称=f"社区服务经费{SCRIPT}。", 立项依据='根据<a href="http://x">XX号</a>文件。'), encoding="utf-8")
    out = tmp_path / "r.html"
    run(str(path), "--format", "html", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "&lt;script&gt;" in html
    assert '<a href="http://x">' not in html and "&lt;a href=&quot;http://x&quot;&gt;" in html
    tags = _parse(html).tags
    assert not [t for t, a in tags if t in ("script", "link", "img", "iframe", "object")]
    assert not [a for t, a in tags if "src" in a or str(a.get("href", "")).startswith(("http", "//"))]
    assert "url(" not in html and "@import" not in html
    assert "default-src 'none'" in html  # the browser itself would refuse any script or fetch


def test_file_changed_after_checking_shows_excerpts_only(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes((SAMPLES / "003_d0cdb9e489cb1e09.txt").read_bytes())
    result = lint_paths([str(path)], _rules())
    path.write_text("改过了\n", encoding="utf-8")
    html = io.StringIO()
    write(result, html)
    page = _parse(html.getvalue())
    assert "could not be read again or has changed" in html.getvalue()
    assert len(page.notes) == len(result.findings)
    slip = next(i for i, f in enumerate(result.findings, 1) if f.code == "A103")
    assert page.marks[f"f{slip}"] == "15,000.00万元"


def test_stdin_text_is_reported_from_its_excerpts(tmp_path):
    out = tmp_path / "r.html"
    data = (SAMPLES / "003_d0cdb9e489cb1e09.txt").read_bytes()
    result = subprocess.run([sys.executable, "-m", "budgetcheck", "lint", "-", "--format", "html", "-o", str(out)],
                            input=data, capture_output=True)
    assert result.returncode == 1
    assert _parse(out.read_text(encoding="utf-8")).marks  # highlighted all the same


def test_output_replaces_the_file_whole_and_keeps_the_exit_code(tmp_path):
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    result = run(str(SAMPLES / "clean"), "--format", "json", "--output", str(out))
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["files"] == 2
    assert sorted(os.listdir(tmp_path)) == ["report.json"]  # no temporary file left behind


def test_output_into_a_missing_folder_is_one_line(tmp_path):
    result = run(str(SAMPLES / "clean"), "--format", "html", "--output", str(tmp_path / "no" / "r.html"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"budgetcheck: error: {tmp_path / 'no' / 'r.html'}: cannot write (No such file or directory)"
    ]


def _rules():
    from budgetcheck.catalogue import builtin_rules_dir, load_rules

    return load_rules([builtin_rules_dir()])


def test_output_never_overwrites_an_input(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    original = (SAMPLES / "003_d0cdb9e489cb1e09.txt").read_bytes()
    (texts / "report.txt").write_bytes(original)
    result = run(str(texts), "--output", str(texts / "report.txt"))
    assert result.returncode == 2 and "is one of the inputs of this run; refusing to overwrite it" in result.stderr
    assert (texts / "report.txt").read_bytes() == original


def test_highlight_splits_overlaps_and_marks_empty_spans():
    from budgetcheck.findings import Finding
    from budgetcheck.reporters.html_report import _highlight, _Span

    def span(ident, severity, start, end):
        finding = Finding(path="p", document=1, code=ident.upper(), rule="r", severity=severity, message="m",
                          line=1, column=1, end_line=1, end_column=1)
        return _Span(ident, finding, start, end)

    outer, inner, point = span("f1", "warning", 1, 6), span("f2", "error", 3, 4), span("f3", "info", 0, 0)
    html = _highlight("a<b>cdefg", [(1, 6, outer), (3, 4, inner), (0, 0, point)])
    assert html == (
        '<mark class="hl point sev-info" data-f="f3" title="F3"></mark>a'
        '<mark class="hl sev-warning" data-f="f1" title="F1">&lt;b</mark>'
        '<mark class="hl sev-error multi" data-f="f1 f2" title="F1 F2">&gt;</mark>'
        '<mark class="hl sev-warning" data-f="f1" title="F1">cd</mark>efg'
    )
    # An empty line inside a finding that spans several lines gets no marker of its own.
    assert _highlight("", [(0, 0, span("f4", "error", 0, 10))]) == ""

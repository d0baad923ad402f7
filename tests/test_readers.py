"""Word and PDF inputs: text in document order, tables, pages, headers and footers, bad files.

Every .docx and .pdf here is built by the test from text (tests/builders.py).
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from builders import write_docx, write_pdf
from conftest import SAMPLES, make_text

from budgetcheck.engine import lint_paths
from budgetcheck.readers import from_bytes, read
from budgetcheck.source import InputError

docx = pytest.importorskip("docx", reason="needs python-docx (test extra)")
pytest.importorskip("pypdfium2", reason="needs pypdfium2 (pdf extra)")
pytest.importorskip("reportlab", reason="needs reportlab (test extra)")

SEEDS = ["003_d0cdb9e489cb1e09.txt", "000_c68cd09910643be1.txt"]


def _outcome(result):
    """What must not depend on the format: each finding's text, code and the exact span it points at."""
    return sorted((f.document, f.code, f.excerpt.text[f.excerpt.start : f.excerpt.end]) for f in result.findings)


@pytest.mark.parametrize("name", SEEDS)
def test_seed_gives_the_same_findings_from_txt_docx_and_pdf(tmp_path, builtin_rules, name):
    text = (SAMPLES / name).read_text(encoding="utf-8")
    txt = lint_paths([str(SAMPLES / name)], builtin_rules)
    as_docx = lint_paths([str(write_docx(text, tmp_path / "seed.docx"))], builtin_rules)
    as_pdf = lint_paths([str(write_pdf(text, tmp_path / "seed.pdf"))], builtin_rules)
    assert txt.findings and not as_docx.problems and not as_pdf.problems
    assert _outcome(as_docx) == _outcome(txt)
    assert _outcome(as_pdf) == _outcome(txt)
    assert as_docx.documents == as_pdf.documents == txt.documents


def test_docx_findings_carry_the_paragraph(tmp_path, builtin_rules):
    text = (SAMPLES / "003_d0cdb9e489cb1e09.txt").read_text(encoding="utf-8")
    result = lint_paths([str(write_docx(text, tmp_path / "seed.docx"))], builtin_rules)
    (slip,) = [f for f in result.findings if f.code == "A103"]
    # Line 15 of the text is its 15th paragraph; python-docx's document.paragraphs[14] holds the slip.
    assert slip.line == 15 and slip.data["paragraph"] == 15
    assert "15,000.00万元" in docx.Document(tmp_path / "seed.docx").paragraphs[14].text


def test_pdf_findings_carry_the_page_and_skip_running_header_and_footer(tmp_path, builtin_rules):
    text = (SAMPLES / "000_c68cd09910643be1.txt").read_text(encoding="utf-8")
    path = write_pdf(text, tmp_path / "seed.pdf", header="新平县2026年部门预算公开")
    source = read(str(path))
    assert "新平县2026年部门预算公开" not in source.text
    assert "— 3 —" not in source.text  # the footer of page 3; the seed's own page markers stay
    assert source.text.count("— 2 —") == source.text.count("— 1 —") == 1
    result = lint_paths([str(path)], builtin_rules)
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)  # the page's own text layer, as PDFium reads it
    pages = [re.sub(r"\s", "", pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    assert len(pages) == 3 and {f.data["page"] for f in result.findings} == {1, 2, 3}
    for f in result.findings:
        span = f.excerpt.text[f.excerpt.start : f.excerpt.end]
        assert re.sub(r"\s", "", span)[:6] in pages[f.data["page"] - 1], (f.code, span)
    assert {f.data["page"] for f in result.findings if f.code == "S202"} == {3}


def test_pdf_puts_wrapped_paragraphs_back_together(tmp_path):
    long = "计划安排资金分别是：" + "、".join(f"第{i}项费用12,345.67元" for i in range(1, 30)) + "。"
    path = write_pdf(make_text(资金安排情况=long), tmp_path / "t.pdf", header=None)
    source = read(str(path))
    assert long in source.text.splitlines()  # one line again, though the page wrapped it many times
    assert len(source.text.splitlines()) == len(make_text(资金安排情况=long).splitlines())


def test_pdf_running_header_that_is_a_text_heading_does_not_split_texts(tmp_path, builtin_rules):
    body = "本项目" + "开展社区服务培训和服务设施维护，" * 60 + "。"
    text = make_text(项目实施内容=body)
    path = write_pdf(text, tmp_path / "t.pdf", header="2026年部门预算重点领域财政项目文本")
    result = lint_paths([str(path)], builtin_rules)
    assert result.documents == 1 and result.findings == []


def test_docx_reads_tables_in_order_with_tabs_and_merged_cells_once(tmp_path):
    document = docx.Document()
    document.add_paragraph("七、项目实施计划")
    table = document.add_table(rows=3, cols=3)
    for c, value in enumerate(["时间", "内容", "金额"]):
        table.cell(0, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0)).text = "2026年"
    table.cell(1, 1).text, table.cell(1, 2).text = "培训", "30,000.00元"
    table.cell(2, 1).text, table.cell(2, 2).text = "会议", "20,000.00元"
    document.add_paragraph("八、项目实施成效")
    document.save(tmp_path / "t.docx")
    source = read(str(tmp_path / "t.docx"))
    assert source.text.splitlines() == ["七、项目实施计划", "时间\t内容\t金额", "2026年\t培训\t30,000.00元", "\t会议\t20,000.00元", "八、项目实施成效"]
    assert source.origin_at(source.text.index("会议")) == {"table": 1, "row": 3}
    assert source.origin_at(source.text.index("八")) == {"paragraph": 2}


def test_amounts_in_a_docx_table_are_checked(tmp_path, builtin_rules):
    text = make_text(项目实施计划="按进度支付，明细如下：")
    write_docx(text, tmp_path / "t.docx", table=[["时间", "金额"], ["1—6月", "20,000.00元"], ["7—12月", "20,000.00元"]],
               table_after="按进度支付，明细如下：")
    result = lint_paths([str(tmp_path / "t.docx")], builtin_rules)
    (plan,) = [f for f in result.findings if f.code == "A102"]
    assert plan.data["plan"] == "40000.00" and plan.data["budget"] == "50000.00"
    assert plan.data["table"] == 1 and plan.data["row"] == 2
    terminal = subprocess.run([sys.executable, "-m", "budgetcheck", "lint", str(tmp_path / "t.docx")], capture_output=True,
                              text=True, encoding="utf-8", env={**os.environ, "NO_COLOR": "1"}).stdout.splitlines()
    at = next(i for i, line in enumerate(terminal) if "A102" in line)
    assert "(table 1, row 2)" in terminal[at]
    shown, carets = terminal[at + 1], terminal[at + 2]
    assert shown.endswith("│ 1—6月 20,000.00元") and carets.endswith("│       ^^^^^^^^^^^")  # under the amount


def test_amounts_in_a_pdf_table_are_checked_row_by_row(tmp_path, builtin_rules):
    text = make_text(项目实施计划="按进度支付，明细如下：")
    rows = [["时间", "内容", "金额"], ["1—6月", "培训", "20,000.00元"], ["7—12月", "会议", "20,000.00元"]]
    path = write_pdf(text, tmp_path / "t.pdf", table=rows, table_after="按进度支付，明细如下：")
    lines = read(str(path)).text.splitlines()
    start = lines.index("时间\t内容\t金额")
    assert lines[start : start + 4] == ["时间\t内容\t金额", "1—6月\t培训\t20,000.00元", "7—12月\t会议\t20,000.00元", "八、项目实施成效"]
    (plan,) = [f for f in lint_paths([str(path)], builtin_rules).findings if f.code == "A102"]
    assert (plan.data["plan"], plan.data["budget"], plan.data["page"]) == ("40000.00", "50000.00", 1)


def test_docx_tracked_changes_read_as_word_shows_them(tmp_path):
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("预算")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph._p.append(parse_xml(f'<w:ins {w} w:id="1" w:author="a"><w:r><w:t>5万元</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(f'<w:del {w} w:id="2" w:author="a"><w:r><w:delText>8万元</w:delText></w:r></w:del>'))
    document.save(tmp_path / "t.docx")
    assert read(str(tmp_path / "t.docx")).text == "预算5万元\n"


def test_scanned_pdf_is_an_input_error_and_other_files_are_still_checked(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "scan.pdf"))
    canvas.rect(50, 50, 400, 600, fill=1)  # a page with marks but no text, as a scanner makes
    canvas.save()
    with pytest.raises(InputError, match="scanned PDF, no text layer"):
        read(str(tmp_path / "scan.pdf"))
    result = subprocess.run(
        [sys.executable, "-m", "budgetcheck", "lint", "--format", "json", str(tmp_path / "scan.pdf"), str(SAMPLES / "003_d0cdb9e489cb1e09.txt")],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"budgetcheck: error: {tmp_path / 'scan.pdf'}: scanned PDF, no text layer (run OCR first)"]
    assert json.loads(result.stdout)["summary"]["files"] == 1


@pytest.mark.parametrize("name", ["broken.docx", "broken.pdf"])
def test_broken_files_are_one_line_errors(name):
    with pytest.raises(InputError, match=r"not a readable"):
        from_bytes(b"this is not what the suffix says" * 10, name)


def test_missing_library_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx now fails, as when it is not installed
    monkeypatch.delitem(sys.modules, "budgetcheck.readers.docx", raising=False)
    with pytest.raises(InputError, match=r"needs python-docx: pip install 'budgetcheck\[docx\]'"):
        from_bytes(b"PK", "x.docx")


def test_plain_text_runs_import_only_what_they_need(tmp_path):
    # Amounts in Chinese numerals are read without cn2an; JSON output needs no rich.
    text = (SAMPLES / "clean" / "003_d0cdb9e489cb1e09.txt").read_text(encoding="utf-8")
    (tmp_path / "chinese.txt").write_text(text.replace("项目实施成效", "项目实施成效\n另安排人民币贰万伍仟元整。", 1), encoding="utf-8")
    code = (
        "import sys; from budgetcheck.cli import main; sys.argv=['budgetcheck','lint','--format','json',"
        f"{str(SAMPLES / 'clean')!r}, {str(tmp_path)!r}]\ntry: main()\nexcept SystemExit: pass\n"
        "heavy = {'docx', 'pypdfium2', 'pdfplumber', 'pdfminer', 'lxml', 'cn2an', 'rich'} & set(sys.modules); assert not heavy, heavy\n"
        "from budgetcheck.numerals import parse_chinese; assert parse_chinese('贰万伍仟') == 25000"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_stdin_reads_one_text_and_names_it(tmp_path):
    text = (SAMPLES / "003_d0cdb9e489cb1e09.txt").read_bytes()
    run = lambda *args, data=text: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "budgetcheck", "lint", "--format", "json", *args], input=data, capture_output=True)
    named = run("-", "--stdin-filename", "submitted/003.txt")
    assert named.returncode == 1
    findings = json.loads(named.stdout)["findings"]
    assert {f["path"] for f in findings} == {"submitted/003.txt"} and "A103" in {f["code"] for f in findings}
    assert {f["path"] for f in json.loads(run("-").stdout)["findings"]} == {"<stdin>"}
    # The name's suffix picks the reader, so a Word file can be piped in too.
    as_docx = run("-", "--stdin-filename", "003.docx", data=write_docx(text.decode(), tmp_path / "x.docx").read_bytes())
    assert Counter(f["code"] for f in json.loads(as_docx.stdout)["findings"]) == Counter(f["code"] for f in findings)
    empty = run("-", data=b"")
    assert empty.returncode == 2 and empty.stderr.decode().strip() == "budgetcheck: error: <stdin>: empty file"


def test_readers_accept_in_memory_bytes(tmp_path):
    path = write_docx("一、项目名称\n测试", tmp_path / "t.docx")
    assert from_bytes(io.BytesIO(path.read_bytes()).getvalue(), "t.docx").text == "一、项目名称\n测试\n"
    assert read(str(Path(path))).encoding == "docx"


def test_terminal_report_names_the_page(tmp_path):
    path = write_pdf((SAMPLES / "000_c68cd09910643be1.txt").read_text(encoding="utf-8"), tmp_path / "seed.pdf")
    result = subprocess.run([sys.executable, "-m", "budgetcheck", "lint", str(path)], capture_output=True, text=True,
                            encoding="utf-8", env={**os.environ, "NO_COLOR": "1"})
    (marker,) = [line for line in result.stdout.splitlines() if "S202" in line and "— 2 —" in line]
    assert "(page 3)" in marker

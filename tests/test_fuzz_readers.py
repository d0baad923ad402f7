"""Property tests of the readers and the block model: Word, Excel and PDF files built from random content.

Whatever the content, a file is read into a consistent document (every block and cell
inside the text, in order, furniture outside it) or refused with a one-line input error,
and checking it never fails inside a rule. Building a file is slow, so these run fewer
examples than the text properties (a tenth of the profile's, at least ten).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from test_robustness import assert_checked_cleanly

from budgetcheck.catalogue import builtin_rules_dir, load_rules
from budgetcheck.engine import check_source
from budgetcheck.readers import from_bytes
from budgetcheck.source import InputError, Source

RULES = load_rules([builtin_rules_dir()])
FEW = settings(max_examples=max(10, settings().max_examples // 10), deadline=None)
# Printable content only: control characters cannot be stored in XML parts at all.
CONTENT = st.text(
    st.one_of(
        st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
        st.sampled_from(list("0123456789,.，、。；：　０５．万亿元整零壹贰叁伍拾佰仟一二三四五六七八十个项分别为是包括合计共计每不少于第页—-[]XX×*")),
    ),
    max_size=120,
)
ROWS = st.lists(st.lists(CONTENT, min_size=1, max_size=4), min_size=1, max_size=6)


def assert_consistent(source: Source) -> None:
    """Blocks lie inside the text, in reading order, each cell inside its row, a row on one line."""
    previous_end = 0
    for block in source.blocks:
        assert previous_end <= block.start <= block.end <= len(source.text)
        assert "\n" not in source.text[block.start : block.end] or block.kind != "table_row"
        for cell in block.cells:
            assert block.start <= cell.start <= cell.end <= block.end
        previous_end = block.end


def read_or_refuse(data: bytes, name: str) -> Source | None:
    try:
        source = from_bytes(data, name)
    except InputError as exc:
        assert "\n" not in str(exc)
        return None
    assert_consistent(source)
    return source


def docx_bytes(paragraphs: list[str], rows: list[list[str]]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append([float(v) if v.isascii() and v.replace(".", "", 1).isdigit() else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pdf_bytes(lines: list[str], rows: list[list[str]]) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.setFont("STSong-Light", 10)
    y = 800
    for line in [*lines, *("    ".join(row) for row in rows)]:
        canvas.drawString(60, y, line)
        y -= 14
        if y < 60:
            canvas.showPage()
            canvas.setFont("STSong-Light", 10)
            y = 800
    canvas.save()
    return out.getvalue()


@FEW
@given(st.lists(CONTENT, max_size=8), ROWS)
def test_random_word_files_read_into_consistent_blocks(paragraphs, rows):
    source = read_or_refuse(docx_bytes(paragraphs, rows), "fuzz.docx")
    assert source is not None  # a well-formed package is always read
    assert len([b for b in source.blocks if b.kind == "table_row"]) == len(rows)
    assert_checked_cleanly(check_source(source, RULES))


@FEW
@given(ROWS)
def test_random_workbooks_read_into_consistent_blocks(rows):
    source = read_or_refuse(xlsx_bytes(rows), "fuzz.xlsx")
    if source is not None:
        assert_checked_cleanly(check_source(source, RULES))


@FEW
@given(st.lists(CONTENT, max_size=12), ROWS)
def test_random_pdfs_read_into_consistent_blocks(lines, rows):
    source = read_or_refuse(pdf_bytes(lines, rows), "fuzz.pdf")
    if source is not None:
        assert_checked_cleanly(check_source(source, RULES))


@FEW
@given(st.binary(max_size=3000), st.sampled_from(["fuzz.docx", "fuzz.xlsx", "fuzz.pdf"]))
def test_random_bytes_under_an_office_suffix_are_refused_in_one_line(data, name):
    read_or_refuse(data, name)


def test_a_character_outside_the_bmp_is_one_character_and_reports_write(tmp_path):
    """"𠀋" (CJK Extension B) is two UTF-16 halves in PDFium's text: read back as one character, JSON writes."""
    path = tmp_path / "ext-b.pdf"
    path.write_bytes(pdf_bytes(["办公费𠀋500元。"], []))
    source = read_or_refuse(path.read_bytes(), "ext-b.pdf")
    assert source is not None and "\ud840" not in source.text and "\udc0b" not in source.text
    assert "𠀋" in source.text or "\ufffd" in source.text  # the font may lack the glyph, never a lone half
    result = subprocess.run([sys.executable, "-m", "budgetcheck", "lint", "--no-cache", "--format", "json", str(path)],
                            capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr
    json.loads(result.stdout)

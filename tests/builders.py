"""Build real .docx and .pdf files from plain text inside the tests (no binary fixtures in the repo).

The PDF is laid out as a Word export is: justified paragraphs wrapped at the margin,
body paragraphs indented two characters, a running header and a page-number footer
on every page, Chinese in a CJK CID font so the text layer reads back as Chinese.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}、|项目文本")


def write_docx(text: str, path: Path, table: list[list[str]] | None = None, table_after: str | None = None) -> Path:
    """One paragraph per line; optionally a table inserted after the line ``table_after``."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
        if table and line == table_after:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
    document.save(path)
    return path


def write_pdf(text: str, path: Path, header: str | tuple[str, ...] | None = "2026年部门预算项目文本汇编", font_size: float = 11,
              table: list[list[str]] | None = None, table_after: str | None = None,
              footnote: tuple[str, str] | None = None) -> Path:
    """Lay the text out as Word exports it: lines filled to the margin and justified by spacing the characters.

    ``header`` may be several lines (a two-line running header). ``table`` is drawn as a
    ruled grid after the line ``table_after``. ``footnote = (after, note)`` puts a raised
    small "1" right after the first ``after`` in the text and, at the bottom of that page
    under a short rule, the note "1 note" in small type.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    font = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    width, height = A4
    left, right, top, bottom, leading = 72, width - 72, height - 72, 72, font_size * 1.6
    canvas = Canvas(str(path), pagesize=A4)
    y = top
    headers = (header,) if isinstance(header, str) else header or ()
    note = {"pending": footnote, "page": None}

    def furniture():
        canvas.setFont(font, 9)
        for i, line in enumerate(headers):
            canvas.drawCentredString(width / 2, height - 40 - 12 * i, line)
        canvas.drawCentredString(width / 2, 30, f"— {canvas.getPageNumber()} —")
        if note["page"] is not None:
            canvas.line(left, 56, left + 100, 56)
            canvas.setFont(font, 8)
            canvas.drawString(left, 46, f"1 {footnote[1]}")
            note["page"] = None

    def draw(line: str, x: float, spacing: float):
        nonlocal y
        if y < bottom:
            furniture()
            canvas.showPage()
            y = top
        chars = canvas.beginText(x, y)
        chars.setFont(font, font_size)
        chars.setCharSpace(spacing)
        at = line.find(note["pending"][0]) if note["pending"] else -1
        if at >= 0:  # the footnote mark: small and raised, right after the word it annotates
            cut = at + len(note["pending"][0])
            chars.textOut(line[:cut])
            chars.setFont(font, font_size * 0.6)
            chars.setRise(font_size * 0.4)
            chars.textOut("1")
            chars.setRise(0)
            chars.setFont(font, font_size)
            line = line[cut:]
            note["pending"], note["page"] = None, canvas.getPageNumber()
        chars.textOut(line)
        canvas.drawText(chars)
        y -= leading

    for paragraph in text.splitlines():
        indent = 0 if HEADING.search(paragraph) or len(paragraph) < 25 else 2 * font_size
        rows = _wrap(paragraph, right - left - indent, lambda s: pdfmetrics.stringWidth(s, font, font_size), right - left)
        for i, row in enumerate(rows or [""]):
            x = left + (indent if i == 0 else 0)
            last = i == len(rows) - 1
            slack = (right - x) - pdfmetrics.stringWidth(row, font, font_size)
            draw(row, x, 0 if last or len(row) < 2 else slack / (len(row) - 1))
        if table and paragraph == table_after:
            y = _grid(canvas, table, left, right, y, leading, font, font_size)
    furniture()
    canvas.save()
    return path


def _grid(canvas, table: list[list[str]], left: float, right: float, y: float, leading: float, font: str, size: float) -> float:
    """A ruled table (the lines are what PDF readers find tables by); returns the y below it."""
    width = (right - left) / len(table[0])
    for row in table:
        for c, value in enumerate(row):
            canvas.rect(left + c * width, y - leading * 0.4, width, leading * 1.2)
            canvas.setFont(font, size)
            canvas.drawString(left + c * width + 4, y, value)
        y -= leading * 1.2
    return y - leading * 0.4


def _wrap(paragraph: str, first_width: float, measure, width: float) -> list[str]:
    """Greedy line filling, one character at a time (Chinese breaks anywhere)."""
    rows, row, limit = [], "", first_width
    for ch in paragraph:
        if row and measure(row + ch) > limit:
            rows.append(row)
            row, limit = "", width
        row += ch
    if row:
        rows.append(row)
    return rows

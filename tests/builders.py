"""Build real .docx, .xlsx and .pdf files from plain text inside the tests (no binary fixtures in the repo).

``write_word`` writes a text as departments do in Word: section numbers and （一）
items from Word's automatic numbering (not in the runs), amounts in a table, a
text box, a footnote and a running header.

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


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
SECTION = re.compile(r"^([一二三四五六七八九十]{1,3})、(.*)$")
ITEM = re.compile(r"^（([一二三四五六七八九十]{1,3})）(.*)$")
_CHINESE = "一二三四五六七八九十"


def write_word(text: str, path: Path, *, numbered: tuple[str, ...] = ("sections",), heading_style: bool = False,
               table: list[list[str]] | None = None, table_after: str | None = None, repeat_header: bool = False,
               textbox: tuple[str, str] | None = None, footnote: tuple[str, str] | None = None,
               header: list[str] | None = None) -> Path:
    """One paragraph per line, as a department's Word file has it.

    ``numbered`` picks what Word numbers automatically: "sections" (一、…, lvlText "%1、")
    and/or "items" (（一）…, "（%1）"), both chineseCounting; their numbers are then not
    in the runs. A number that does not follow the previous one of its kind starts a new
    list (w:startOverride), as "restart numbering" does in Word. With ``heading_style``
    the sections are Heading 1 paragraphs numbered through the style. ``table`` goes after
    the line ``table_after`` (its first row marked to repeat when ``repeat_header``);
    ``textbox`` = (line, text) anchors a text box in that line's paragraph; ``footnote`` =
    (sentence, note) puts a footnote after the sentence; ``header`` is the running header's lines.
    """
    import docx

    document = docx.Document()
    lists = {kind: _WordList(document, kind, "%1、" if kind == "sections" else "（%1）") for kind in numbered}
    if heading_style and "sections" in lists:
        lists["sections"].attach_to_style(document.styles["Heading 1"])
    for line in text.splitlines():
        kind, number, rest = _numbered(line, lists)
        paragraph = document.add_paragraph(style="Heading 1" if kind == "sections" and heading_style else None)
        if footnote and footnote[0] in rest:
            before, after = rest.split(footnote[0], 1)
            paragraph.add_run(before + footnote[0])
            _footnote_reference(document, paragraph, footnote[1])
            paragraph.add_run(after)
        else:
            paragraph.add_run(rest)
        if kind:
            lists[kind].number(paragraph, number, via_style=heading_style and kind == "sections")
        if textbox and line == textbox[0]:
            paragraph._p.append(_textbox_run(textbox[1]))
        if table and line == table_after:
            _word_table(document, table, repeat_header)
    if header:
        part = document.sections[0].header
        part.paragraphs[0].text = header[0]
        for extra in header[1:]:
            part.add_paragraph(extra)
    document.save(path)
    return path


def _numbered(line: str, lists: dict) -> tuple[str | None, int, str]:
    """Which automatic list a line belongs to, its number and the text left in the runs."""
    for kind, pattern in (("sections", SECTION), ("items", ITEM)):
        match = pattern.match(line)
        if kind in lists and match and len(match[1]) == 1:  # 一 … 十: enough for the templates
            return kind, _CHINESE.index(match[1]) + 1, match[2]
    return None, 0, line


class _WordList:
    """An abstract numbering (one level, chineseCounting) and the w:num lists built on it."""

    def __init__(self, document, kind: str, lvl_text: str) -> None:
        from docx.oxml import parse_xml

        self.numbering = document.part.numbering_part.element
        ids = [int(a.get(f"{{{_W}}}abstractNumId")) for a in self.numbering.iterchildren(f"{{{_W}}}abstractNum")]
        self.abstract_id = max(ids, default=0) + 1
        abstract = parse_xml(
            f'<w:abstractNum {W_NS} w:abstractNumId="{self.abstract_id}"><w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            f'<w:lvlText w:val="{lvl_text}"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>')
        # Schema order: every w:abstractNum before the first w:num.
        first_num = self.numbering.find(f"{{{_W}}}num")
        if first_num is None:
            self.numbering.append(abstract)
        else:
            first_num.addprevious(abstract)
        self.num_id, self.last, self.style, self.style_num = None, 0, None, None

    def attach_to_style(self, style) -> None:
        self.style = style

    def number(self, paragraph, number: int, via_style: bool) -> None:
        if self.num_id is None or number != self.last + 1:
            num = self.numbering.add_num(self.abstract_id)
            if self.num_id is not None or number != 1:
                num.append(_xml(f'<w:lvlOverride {W_NS} w:ilvl="0"><w:startOverride w:val="{number}"/></w:lvlOverride>'))
            self.num_id = num.numId
        self.last = number
        if via_style and self.style is not None and self.style_num in (None, self.num_id):
            # The style carries the first list: its paragraphs name only their style.
            if self.style_num is None:
                _set_num_pr(self.style.element.get_or_add_pPr(), self.num_id)
                self.style_num = self.num_id
            return
        _set_num_pr(paragraph._p.get_or_add_pPr(), self.num_id)  # a restarted list is named by the paragraph


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _xml(text: str):
    from docx.oxml import parse_xml

    return parse_xml(text)


def _set_num_pr(ppr, num_id: int) -> None:
    old = ppr.find(f"{{{_W}}}numPr")
    if old is not None:
        ppr.remove(old)
    num_pr = _xml(f'<w:numPr {W_NS}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    style = ppr.find(f"{{{_W}}}pStyle")
    if style is not None:  # schema order: pStyle, keepNext, …, numPr
        style.addnext(num_pr)
    else:
        ppr.insert(0, num_pr)


def _word_table(document, rows: list[list[str]], repeat_header: bool) -> None:
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    if repeat_header:
        grid.rows[0]._tr.get_or_add_trPr().append(_xml(f"<w:tblHeader {W_NS}/>"))


def _textbox_run(text: str):
    """A run holding a text box as Word 2010+ writes it: the DrawingML Choice and its VML Fallback copy."""
    body = f"<w:txbxContent><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:txbxContent>"
    return _xml(
        f'<w:r {W_NS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:extent cx="1828800" cy="457200"/><wp:docPr id="1" name="文本框 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx>{body}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{body}</v:textbox></v:shape></w:pict></mc:Fallback>'
        "</mc:AlternateContent></w:r>")


def _footnote_reference(document, paragraph, note: str) -> None:
    """A footnote as Word stores it: footnotes.xml (with its two separators) and a reference run."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    notes = [rel.target_part for rel in document.part.rels.values() if rel.reltype == RELATIONSHIP_TYPE.FOOTNOTES]
    if notes:
        raise ValueError("one footnote per document in these fixtures")
    xml = (f'<w:footnotes {W_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
           '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
           f"{escape(note)}</w:t></w:r></w:p></w:footnote></w:footnotes>")
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, xml.encode(), document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    paragraph._p.append(_xml(f'<w:r {W_NS}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'))


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
            if y - leading * 1.2 * len(table) < bottom:  # a table that does not fit starts the next page, as Word does
                furniture()
                canvas.showPage()
                y = top
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

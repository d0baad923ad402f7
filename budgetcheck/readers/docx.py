"""Word (.docx): the body block by block, as Word shows it.

Departments number their sections with Word lists, so "一、" is often not in the
runs at all: each paragraph's automatic number is rendered from numbering.xml as
Word draws it and put in front of its text. Headings are told by their style or
outline level. A table row becomes one row block with its cells (separated by
tabs in the text), text boxes are read where they are anchored, and footnotes,
endnotes, running headers and footers are page furniture, kept out of the text.

Origins say where to look in the Word file: ``{"paragraph": n}`` (1-based among
the body's paragraphs, as Word and python-docx count them), ``{"table": t, "row":
r}``, or ``{"paragraph": n, "textbox": k}`` for the k-th text box, anchored in
paragraph n.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.parser import parse_xml
from lxml import etree

from budgetcheck import deferred_re
from budgetcheck.blocks import BlockKind, FurnitureKind
from budgetcheck.limits import check_zip
from budgetcheck.readers import TextBuilder
from budgetcheck.source import InputError, Source

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


_P, _TBL, _SDT, _R, _VAL = _w("p"), _w("tbl"), _w("sdt"), _w("r"), _w("val")
_TXBX, _FALLBACK = _w("txbxContent"), f"{{{MC}}}Fallback"
# Not read as body text: deletions (tracked), text boxes (read apart, after their
# anchor), the Fallback of mc:AlternateContent (it repeats the Choice).
_SKIPPED = {_w("del"), _w("moveFrom"), _TXBX, _FALLBACK}
_DAMAGED = (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError)


def read(data: bytes, path: str) -> Source:
    check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
        out, _ = walk_body(document)
        _furniture(document, out)
    except _DAMAGED as exc:
        raise InputError(f"not a readable .docx file ({exc})") from None
    except Exception as exc:
        raise InputError(f"not a readable .docx file ({type(exc).__name__}: {exc})") from None
    return out.source(path, "docx")


def walk_body(document) -> tuple[TextBuilder, list]:
    """The body's blocks written into a ``TextBuilder``, and the XML element each block came from
    (a ``w:p``, or a ``w:tr`` for a table row), in block order: ``budgetcheck.annotate`` maps
    findings back to the runs through them."""
    out = TextBuilder()
    styles = Styles(_part_xml(document, RT.STYLES))
    body = _Body(out, styles, Numbering(_part_xml(document, RT.NUMBERING), styles))
    body.walk(document.element.body)
    return out, body.elements


def _parts(document, reltype: str) -> list:
    """The document's parts of one relationship type, once each, in part-name order."""
    found = {rel.target_part.partname: rel.target_part for rel in document.part.rels.values()
             if rel.reltype == reltype and not rel.is_external}
    return [found[name] for name in sorted(found)]


def _part_xml(document, reltype: str):
    parts = _parts(document, reltype)
    # parse_xml gives python-docx's element classes, so runs render their text as in the body.
    return parse_xml(parts[0].blob) if parts else None


# --- the body ---------------------------------------------------------------------------


class _Body:
    """Walks the body in document order, numbering paragraphs as Word does."""

    def __init__(self, out: TextBuilder, styles: Styles, numbering: Numbering) -> None:
        self.out, self.styles, self.numbering = out, styles, numbering
        self.paragraphs = self.tables = self.textboxes = 0
        self.elements: list = []  # the w:p or w:tr of each block written, in order

    def walk(self, parent, where: dict[str, int] | None = None) -> None:
        for element in _blocks(parent):
            if element.tag == _P:
                self.paragraph(element, where)
            else:
                self.table(element)

    def paragraph(self, p, where: dict[str, int] | None) -> None:
        if where is None:  # a body paragraph; those inside text boxes keep their anchor's place
            self.paragraphs += 1
            where = {"paragraph": self.paragraphs}
        kind, level, number, text = self.render(p)
        self.out.block(kind, text, where, level=level, number=number)
        self.elements.append(p)
        for box in _textboxes(p):
            self.textboxes += 1
            self.walk(box, {"paragraph": where["paragraph"], "textbox": self.textboxes})

    def render(self, p) -> tuple[BlockKind, int, str, str]:
        """(kind, level, number, text) of a paragraph; the number is Word's automatic one, if any."""
        style = self.styles.paragraph_style(p)
        heading = self.styles.heading_level(p, style)
        num = self.styles.numbering_of(p, style, self.numbering)
        rendered = self.numbering.marker(*num) if num else None
        marker, suffix = rendered or ("", "")
        text = (marker + suffix if marker else "") + paragraph_text(p)
        if heading:
            return "heading", heading, marker, text
        if rendered is not None:
            assert num is not None  # a marker is rendered only for a numbered paragraph
            return "list_item", num[1] + 1, marker, text
        return "paragraph", 0, "", text

    def table(self, tbl) -> None:
        self.tables += 1
        t = self.tables
        rows = [(r, tr) for r, tr in enumerate(tbl.iterchildren(_w("tr")), 1) if not _deleted_row(tr)]
        cells = [self.row_cells(tr) for _, tr in rows]
        headers = _header_rows([tr for _, tr in rows], [texts for texts, _ in cells])
        for index, ((r, _), (texts, spans)) in enumerate(zip(rows, cells, strict=True)):
            self.out.row(texts, {"table": t, "row": r}, table=t, row=r, header=index in headers, spans=spans)
            self.elements.append(rows[index][1])

    def row_cells(self, tr) -> tuple[list[str], list[int]]:
        texts, spans = [], []
        before = _int(_find_val(tr, "trPr/w:gridBefore"), 0)
        if before:  # columns the row leaves out on its left: keep the grid columns right
            texts.append("")
            spans.append(before)
        for tc in _cells(tr):
            # The cells below the top of a vertical merge repeat nothing: amounts count once.
            texts.append("" if tc.vMerge == "continue" else self.cell_text(tc))
            spans.append(tc.grid_span)
        return texts, spans

    def cell_text(self, tc) -> str:
        parts = []
        for element in _blocks(tc):
            if element.tag == _P:
                parts.append(self.render(element)[3])
            else:  # a table inside a cell: its rows, flattened into the cell
                parts.extend("\t".join(self.row_cells(tr)[0]) for tr in element.iterchildren(_w("tr")))
        # Paragraphs inside one cell stay on the row's line; tabs and breaks would split it.
        return " ".join(p.replace("\t", " ").replace("\n", " ").strip() for p in parts if p.strip())


def _blocks(parent) -> Iterator:
    """Paragraphs and tables in document order; content controls are looked into."""
    for child in parent:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _blocks(content)


def _cells(tr) -> Iterator:
    for child in tr:
        if child.tag == _w("tc"):
            yield child
        elif child.tag == _SDT:  # a content control around cells
            content = child.find(_w("sdtContent"))
            yield from (tc for tc in (content if content is not None else ()) if tc.tag == _w("tc"))


def paragraph_text(p) -> str:
    # CT_R.text renders w:t, w:tab (\t), w:br/w:cr (\n) as Word shows them; field codes are
    # left out, and so is a footnote's reference mark (it is no w:t).
    return "".join(run.text for run in _runs(p))


def _runs(element) -> Iterator:
    """The runs Word shows as this paragraph's text: tracked insertions in, deletions out."""
    for child in element:
        if child.tag == _R:
            yield child
        elif child.tag not in _SKIPPED and len(child):
            yield from _runs(child)


def _textboxes(p) -> Iterator:
    """Text box contents anchored in a paragraph, each once (the Choice, not its Fallback)."""
    for child in p:
        if child.tag == _TXBX:
            yield child
        elif child.tag != _FALLBACK and len(child):
            yield from _textboxes(child)


# --- tables -----------------------------------------------------------------------------

# A cell holding an amount, count or rate (with its unit), not a header's words or a year.
_NUMBER_CELL = deferred_re.compile(r"[≥≤<>＞＜]?\s*[-+]?[0-9０-９][0-9０-９,，.．]*\s*(?:亿元|万元|元|万|亿|%|％)?")
_MAX_HEADER_ROWS = 3


def _header_rows(trs: list, cells: list[list[str]]) -> set[int]:
    """0-based indexes of header rows: those marked to repeat on each page, else the rows above the first number."""
    marked = {i for i, tr in enumerate(trs) if _find_val(tr, "trPr/w:tblHeader", "missing") not in ("missing", "0", "false")}
    if marked:
        return marked
    for i, row in enumerate(cells):
        if any(_NUMBER_CELL.fullmatch(text.strip()) for text in row):
            return set(range(min(i, _MAX_HEADER_ROWS)))
    return {0} if len(cells) > 1 else set()


def _deleted_row(tr) -> bool:
    return tr.find(f"{_w('trPr')}/{_w('del')}") is not None


# --- styles and numbering ---------------------------------------------------------------

_HEADING_NAME = deferred_re.compile(r"(?:heading|标题)\s*([1-9])", re.IGNORECASE)


def _find_val(element, path: str, default: str | None = None) -> str | None:
    """The w:val of ``element/w:path`` (path in w: names), or ``default``."""
    found = element.find("/".join(_w(step.removeprefix("w:")) for step in path.split("/")))
    if found is None:
        return default
    value = found.get(_VAL)
    return "true" if value is None else value  # an on/off element without w:val is on


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class Styles:
    """Paragraph styles: numbering, outline level and heading names, through basedOn chains."""

    def __init__(self, root) -> None:
        self._by_id: dict[str, object] = {}
        self.default = ""
        # Numbering styles too: a list may take its levels from one (w:numStyleLink).
        for style in root.iterchildren(_w("style")) if root is not None else ():
            self._by_id[style.get(_w("styleId"), "")] = style
            if style.get(_w("type"), "paragraph") == "paragraph" and style.get(_w("default")) in ("1", "true"):
                self.default = style.get(_w("styleId"), "")

    def paragraph_style(self, p) -> str:
        return _find_val(p, "pPr/pStyle") or self.default

    def chain(self, style_id: str) -> Iterator:
        seen = set()
        while style_id in self._by_id and style_id not in seen:  # a basedOn loop ends here
            seen.add(style_id)
            style = self._by_id[style_id]
            yield style
            style_id = _find_val(style, "basedOn") or ""

    def heading_level(self, p, style_id: str) -> int:
        """1..9 for a heading (its outline level or a Heading n / 标题 n style), else 0."""
        outline = _find_val(p, "pPr/outlineLvl")
        for style in self.chain(style_id):
            if outline is not None:
                break
            outline = _find_val(style, "pPr/outlineLvl")
            name = _HEADING_NAME.fullmatch(_find_val(style, "name", "") or "")
            if outline is None and name:
                return int(name[1])
        level = _int(outline, 9)
        return level + 1 if 0 <= level < 9 else 0  # 9 is body text

    def numbering_of(self, p, style_id: str, numbering: Numbering) -> tuple[str, int] | None:
        """(numId, ilvl) from the paragraph's w:numPr, each filled from its style chain if absent."""
        num_id, ilvl = _find_val(p, "pPr/numPr/numId"), _find_val(p, "pPr/numPr/ilvl")
        chain = list(self.chain(style_id))
        for style in chain:
            num_id = num_id if num_id is not None else _find_val(style, "pPr/numPr/numId")
            ilvl = ilvl if ilvl is not None else _find_val(style, "pPr/numPr/ilvl")
        if num_id is None or num_id == "0":  # numId 0: numbering explicitly removed
            return None
        if ilvl is None:  # a style numbered without a level: the level that names the style
            return num_id, numbering.level_of_style(num_id, {s.get(_w("styleId")) for s in chain})
        return num_id, _int(ilvl, 0)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart: restart after this 1-based level; 0 never
    legal: bool = False  # isLgl: every number shown in Arabic digits
    suffix: str = "tab"
    style: str = ""


def _level(lvl) -> Level:
    restart = _find_val(lvl, "lvlRestart")
    return Level(
        start=_int(_find_val(lvl, "start"), 1),
        fmt=_find_val(lvl, "numFmt", "decimal") or "decimal",
        text=_find_val(lvl, "lvlText", "") or "",
        restart=None if restart is None else _int(restart, 0),
        legal=_find_val(lvl, "isLgl", "false") not in ("0", "false"),
        suffix=_find_val(lvl, "suff", "tab") or "tab",
        style=_find_val(lvl, "pStyle", "") or "",
    )


def _levels(parent) -> dict[int, Level]:
    return {_int(lvl.get(_w("ilvl")), 0): _level(lvl) for lvl in parent.iterchildren(_w("lvl"))}


class Numbering:
    """Word's list counters: one set per abstract numbering, shared by the lists (numIds) built on it."""

    def __init__(self, root, styles: Styles) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}  # abstractNum → numbering style it takes its levels from
        # numId → (abstractNumId, start overrides by level, levels it redefines)
        self._nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._started: set[str] = set()
        self._styles = styles
        for abstract in root.iterchildren(_w("abstractNum")) if root is not None else ():
            key = abstract.get(_w("abstractNumId"), "")
            self._abstract[key] = _levels(abstract)
            link = _find_val(abstract, "numStyleLink")
            if link:
                self._links[key] = link
        for num in root.iterchildren(_w("num")) if root is not None else ():
            self._nums[num.get(_w("numId"), "")] = _num(num)

    def _resolve(self, num_id: str, depth: int = 0) -> tuple[str, dict[int, Level]] | None:
        """The abstract numbering of a list and its levels (a numStyleLink followed to its style's list)."""
        if num_id not in self._nums or depth > 3:
            return None
        abstract_id, _, own = self._nums[num_id]
        link = self._links.get(abstract_id)
        if link:
            styled = next((_find_val(s, "pPr/numPr/numId") for s in self._styles.chain(link)), None)
            resolved = self._resolve(styled, depth + 1) if styled else None
            if resolved:
                abstract_id, levels = resolved
                return abstract_id, {**levels, **own}
        return abstract_id, {**self._abstract.get(abstract_id, {}), **own}

    def level_of_style(self, num_id: str, style_ids: set) -> int:
        resolved = self._resolve(num_id)
        for ilvl, level in sorted((resolved[1] if resolved else {}).items()):
            if level.style and level.style in style_ids:
                return ilvl
        return 0

    def marker(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """Advance the list at this level; (the marker as Word shows it, the text after it)."""
        resolved = self._resolve(num_id)
        if resolved is None or ilvl not in resolved[1]:
            return None
        abstract_id, levels = resolved
        counters = self._counters.setdefault(abstract_id, [None] * 9)
        if num_id not in self._started:  # a list that restarts its abstract numbering at its first use
            self._started.add(num_id)
            for at, start in self._nums[num_id][1].items():
                if 0 <= at < 9:
                    counters[at] = start - 1
        level = levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            own_restart = levels[deeper].restart if deeper in levels else None
            restart = deeper if own_restart is None else own_restart
            if ilvl < restart:
                counters[deeper] = None
        return _render(level, levels, counters), {"space": " "}.get(level.suffix, "")


def _num(num) -> tuple[str, dict[int, int], dict[int, Level]]:
    starts, own = {}, {}
    for override in num.iterchildren(_w("lvlOverride")):
        ilvl = _int(override.get(_w("ilvl")), 0)
        start = _find_val(override, "startOverride")
        if start is not None:
            starts[ilvl] = _int(start, 1)
        lvl = override.find(_w("lvl"))
        if lvl is not None:
            own[ilvl] = _level(lvl)
    return _find_val(num, "abstractNumId", "") or "", starts, own


def _render(level: Level, levels: dict[int, Level], counters: list[int | None]) -> str:
    if level.fmt == "bullet":  # a bullet glyph (often a Symbol-font code point) is no number
        return ""

    def number(match: re.Match) -> str:
        at = int(match[1]) - 1
        shown = levels.get(at, Level())
        counted = counters[at]
        value = counted if counted is not None else shown.start
        return format_number(value, "decimal" if level.legal else shown.fmt)

    return re.sub(r"%([1-9])", number, level.text)


# --- number formats ---------------------------------------------------------------------

_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def format_number(value: int, fmt: str) -> str:
    """A list number in one of Word's formats (w:numFmt); formats not known here show as decimal."""
    if fmt in ("none", "bullet"):
        return ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _chinese(value, "一二三四五六七八九", "十百千", "零")
    if fmt == "chineseLegalSimplified":
        return _chinese(value, _LEGAL_DIGITS[1:], "拾佰仟", "零", ten_alone=False)
    if fmt == "ideographDigital":
        return "".join(_DIGITS[int(d)] for d in str(value))
    if fmt == "ideographTraditional" and 1 <= value <= 10:
        return _STEMS[value - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= 20:
        return _CIRCLED[value - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord("０") + int(d)) for d in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)  # Word: y, z, aa, bb
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        return _roman(value).lower() if fmt == "lowerRoman" else _roman(value)
    return str(value)


def _chinese(value: int, digits: str, places: str, zero: str, ten_alone: bool = True) -> str:
    """一, 十, 十一, 二十, 一百零一 (below 10000; larger values as decimal)."""
    if not 0 < value < 10000:
        return str(value)
    out, pending_zero = "", False
    for power in (3, 2, 1, 0):
        digit = value // 10**power % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out += zero
            pending_zero = False
        lead = "" if (power == 1 and digit == 1 and not out and ten_alone) else digits[digit - 1]
        out += lead + (places[power - 1] if power else "")
    return out


def _roman(value: int) -> str:
    out = ""
    for amount, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, value = divmod(value, amount)
        out += letters * count
    return out


# --- page furniture ---------------------------------------------------------------------

_NOT_NOTES = {"separator", "continuationSeparator", "continuationNotice"}


def _furniture(document, out: TextBuilder) -> None:
    """Footnotes, endnotes, running headers and footers: beside the text, never in it."""
    for reltype, tag, key in ((RT.FOOTNOTES, "footnote", "footnote"), (RT.ENDNOTES, "endnote", "endnote")):
        root = _part_xml(document, reltype)
        for note in root.iterchildren(_w(tag)) if root is not None else ():
            text = furniture_text(note)
            if note.get(_w("type")) not in _NOT_NOTES and text:
                out.furniture("footnote", text, {key: _int(note.get(_w("id")), 0)})
    running: tuple[tuple[str, FurnitureKind], ...] = ((RT.HEADER, "header"), (RT.FOOTER, "footer"))
    for reltype, kind in running:
        for index, part in enumerate(_parts(document, reltype), 1):
            text = furniture_text(parse_xml(part.blob))
            if text:
                out.furniture(kind, text, {kind: index})


def furniture_text(root) -> str:
    """Every paragraph under ``root`` (text boxes included, Fallback copies not), one line each."""
    lines = []
    for p in root.iter(_P):
        if not any(a.tag == _FALLBACK for a in p.iterancestors()):
            line = paragraph_text(p).strip()
            if line:
                lines.append(line)
    return "\n".join(lines)

"""A source file split into project texts, each into numbered sections.

A project text starts at a heading such as
``2026年部门预算重点领域财政项目文本（一）``; the department is written before the
year on the same line or alone on the line above. A file with no such heading is
one text. Sections are lines like ``六、资金安排情况`` (also ``六.``, ``六，``,
with full-width spaces).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from budgetcheck import deferred_re
from budgetcheck.numerals import fold_width, parse_chinese
from budgetcheck.outline import Item, parse_outline
from budgetcheck.profiles import Profile, builtin_profiles, detect_publication
from budgetcheck.publication import Part, find_parts
from budgetcheck.quantities import Quantities, extract
from budgetcheck.source import Source
from budgetcheck.tables import Table, cell_amounts, continued, tables_between
from budgetcheck.template import PROJECT_TEXT_SECTIONS, ROLES

__all__ = ["PROJECT_TEXT_SECTIONS", "ROLES", "Document", "Section", "split_documents"]


_HEADING = deferred_re.compile(
    r"^[ \t\u3000]*(?P<department>[^\n。，；]{0,40}?)[ \t\u3000]*(?P<year>(?:19|20)\d{2})[ \u3000]*年度?"
    r"[^\n。，；]{0,30}?项目文本[ \t\u3000]*(?:[（(][一二三四五六七八九十\d]{1,3}[)）])?[ \t\u3000]*$",
    re.MULTILINE,
)
_HEADING_WORD = "项目文本"  # in every line _HEADING matches
_SECTION = deferred_re.compile(
    r"^[ \t\u3000]*(?P<number>[一二三四五六七八九十]{1,3})[ \t\u3000]*[、.．，,][ \t\u3000]*(?P<title>[^\n]*?)[ \t\u3000]*$",
    re.MULTILINE,
)
# An unknown section title is accepted only if it looks like a heading, not a sentence.
_HEADING_LIKE = deferred_re.compile(r"^[^。，；,;：:]{1,30}$")


@dataclass(frozen=True, slots=True)
class Section:
    number: int
    numeral: str  # as written: "六"
    title: str  # "资金安排情况" (a known title, or the heading text)
    start: int  # heading line start
    heading_end: int
    end: int  # end of body (start of the next section or of the text)
    known: bool  # title is one of the template's

    @property
    def label(self) -> str:
        return f"{self.numeral}、{self.title}"

    @property
    def body_start(self) -> int:
        return self.heading_end + 1 if self.heading_end < self.end else self.end


@dataclass
class Document:
    """One project text inside a source file."""

    source: Source
    index: int  # 1-based within the file
    start: int
    end: int
    department: str | None = None
    year: int | None = None
    heading_span: tuple[int, int] | None = None
    sections: list[Section] = field(default_factory=list)
    cache: dict = field(default_factory=dict, repr=False)  # analyses derived from this text
    _section_starts: list[int] = field(default_factory=list, repr=False)
    detection: Any = None  # profiles.Detection: the genre and why (set by the engine)
    part: Part | None = None  # the part of a publication this text is (None: a text of its own)
    cover: str | None = None  # a publication's cover, spaces removed ("上海市普陀区2025年区级单位预算…"): what it is

    @property
    def text(self) -> str:
        return self.source.text[self.start : self.end]

    @cached_property
    def tables(self) -> list[Table]:
        """The tables in this text, with their header rows and units."""
        return tables_between(self.source, self.start, self.end)

    @cached_property
    def joined_tables(self) -> list[Table]:
        """The tables with the pages that continue them joined (a PDF numbers each page's part of a
        long table apart): worked out once, for every rule that reads tables whole."""
        return continued(self.tables)

    @cached_property
    def quantities(self) -> Quantities:
        """Every quantity of the text, with the money that tables state as bare numbers in cells."""
        source = self.source
        if "folded" not in source.cache:  # once per file, not once per part of a publication
            source.cache["folded"] = fold_width(source.text)
        found = extract(source.text, self.start, self.end, folded=source.cache["folded"])
        in_cells = [a for table in self.tables for a in cell_amounts(self.source, table)]
        if not in_cells:
            return found
        amounts = sorted([*found.amounts, *in_cells], key=lambda a: a.start)
        return replace(found, amounts=amounts)

    @cached_property
    def outline(self) -> list[Item]:
        """Numbered items (（一）, 1., ①, 一是 …) and their nesting, outside table rows and 目录 entries."""
        source = self.source
        return parse_outline(source.text, self.start, self.end, source.in_row if source.row_spans else None)

    def role_title(self, role: str) -> str | None:
        """The title of the section that plays ``role`` (budget, plan, unit, name, …) in this text's genre."""
        roles = self.detection.profile.roles if self.detection is not None else {}
        title = roles.get(role, ROLES.get(role))
        return title or None

    def section_for(self, role: str) -> Section | None:
        title = self.role_title(role)
        return self.section(title) if title else None

    def section(self, title: str) -> Section | None:
        return next((s for s in self.sections if s.title == title), None)

    def section_at(self, offset: int) -> Section | None:
        if len(self._section_starts) != len(self.sections):  # sections are set after the text is made
            self._section_starts = [s.start for s in self.sections]
        index = bisect_right(self._section_starts, offset) - 1
        return self.sections[index] if index >= 0 else None

    def body(self, section: Section) -> str:
        return self.source.text[section.body_start : section.end]

    @cached_property
    def title_span(self) -> tuple[int, int] | None:
        """Span of the project name: the first non-blank line of 一、项目名称 (or a part's title line)."""
        section = self.section_for("name")
        if section is None:
            return self.part.title_span if self.part is not None and self.part.kind == "project" else None
        text = self.source.text
        for match in re.finditer(r"[^\n]+", text[section.body_start : section.end]):
            line = match.group()
            if line.strip(" \t\u3000"):
                lead = len(line) - len(line.lstrip(" \t\u3000"))
                start = section.body_start + match.start() + lead
                return start, section.body_start + match.start() + len(line.rstrip(" \t\u3000"))
        return section.body_start, section.body_start

    @property
    def title(self) -> str | None:
        span = self.title_span
        return None if span is None else self.source.text[span[0] : span[1]]


def split_documents(source: Source, profiles: dict[str, Profile] | None = None,
                    known_titles: tuple[str, ...] = PROJECT_TEXT_SECTIONS) -> list[Document]:
    """Split a source into its texts: the parts of a publication, or project texts by their headings."""
    profiles = profiles if profiles is not None else builtin_profiles()
    publication = detect_publication(source.text, profiles)
    if publication is not None:
        return _part_documents(source, find_parts(source, publication.profile), known_titles)
    text = source.text
    starts = _document_starts(text)
    documents = []
    for index, (start, heading) in enumerate(starts, 1):
        end = starts[index][0] if index < len(starts) else len(text)
        doc = Document(source, index, start, end)
        if heading is not None:
            doc.department, doc.year, doc.heading_span = _heading_fields(text, start, heading)
        doc.sections = _sections(source, heading.end() if heading else start, end, known_titles)
        documents.append(doc)
    return documents


def _part_documents(source: Source, parts: list[Part], known_titles: tuple[str, ...]) -> list[Document]:
    """One text per part; the cover gives every part the department and the year."""
    department, year = _cover_fields(source.text, parts)
    cover = next((re.sub(r"\s+", "", source.text[p.start : p.end]) for p in parts if p.kind == "cover"), None)
    documents = []
    for index, part in enumerate(parts, 1):
        doc = Document(source, index, part.start, part.end, department, year, part.title_span, part=part, cover=cover)
        if part.kind not in ("cover", "toc", "table"):
            doc.sections = _sections(source, part.title_span[1] if part.title_span else part.start, part.end, known_titles)
        documents.append(doc)
    return documents


_COVER_BODY = deferred_re.compile(r"(?:预算主管部门|预算单位|主管部门|编制部门|编制单位|部门|单位)[ \t\u3000]*[：:][ \t\u3000]*(?P<name>[^\n ]{2,40})")
_BODY_ENDINGS = ("局", "委", "会", "办", "处", "院", "室", "厅", "部", "中心", "所", "站", "队", "馆", "街道", "镇", "乡", "政府")
_COVER_YEAR = deferred_re.compile(r"(?P<year>(?:19|20)\d{2})[ \t\u3000]*年")


def _cover_fields(text: str, parts: list[Part]) -> tuple[str | None, int | None]:
    """The department ("预算主管部门：…", or the cover's first line) and the year of a publication."""
    cover = next((p for p in parts if p.kind == "cover"), None)
    if cover is None:
        return None, None
    body = text[cover.start : cover.end]
    year = _COVER_YEAR.search(body)
    named = _COVER_BODY.search(body)
    first = next((line.strip(" \t\u3000") for line in body.splitlines() if line.strip(" \t\u3000")), "")
    # "上海市普陀区财政局2024年度部门决算": the body before the year, when the title names one
    before_year = _COVER_YEAR.split(first, 1)[0].strip(" \t\u3000") if _COVER_YEAR.search(first) else first
    department = named["name"] if named else (before_year if len(before_year) >= 2 and before_year.endswith(_BODY_ENDINGS) else None)
    return department, int(year["year"]) if year else None


def _document_starts(text: str) -> list[tuple[int, re.Match[str] | None]]:
    """(start offset, heading match) per text; a file with no heading is one text."""
    starts: list[tuple[int, re.Match[str] | None]] = []
    for match in _headings(text):
        start = match.start()
        if not match["department"]:
            previous = starts[-1][1] if starts else None
            start = _previous_line_start(text, start, floor=previous.end() if previous is not None else 0)
        starts.append((start, match))
    if not starts:
        return [(0, None)]
    if text[: starts[0][0]].strip():
        # Text before the first heading belongs to it (a title page, a cover line).
        starts[0] = (0, starts[0][1])
    return starts


def _headings(text: str) -> Iterator[re.Match[str]]:
    """``_HEADING.finditer(text)``: a heading is one whole line with 项目文本 in it, so only such
    lines are tried (the pattern's lazy department is slow to fail on every other line)."""
    pos = text.find(_HEADING_WORD)
    while pos != -1:
        line_start = text.rfind("\n", 0, pos) + 1
        match = _HEADING.match(text, line_start)
        if match is not None:
            yield match
        line_end = text.find("\n", pos)
        if line_end == -1:
            return
        pos = text.find(_HEADING_WORD, line_end)


def _previous_line_start(text: str, heading_start: int, floor: int) -> int:
    """Start of the non-blank line above a heading (the department), if it looks like one."""
    before = text[floor:heading_start].rstrip()
    line_start = before.rfind("\n") + 1
    line = before[line_start:].strip(" \t\u3000")
    if line and len(line) <= 40 and not _SECTION.match(line) and not re.search(r"[。；;]$", line):
        return floor + line_start
    return heading_start


def _heading_fields(text: str, start: int, heading: re.Match[str]) -> tuple[str | None, int, tuple[int, int]]:
    department = heading["department"].strip(" \t\u3000") or text[start : heading.start()].strip() or None
    return department, int(heading["year"]), (heading.start(), heading.end())


def _sections(source: Source, start: int, end: int, known_titles: tuple[str, ...]) -> list[Section]:
    text = source.text
    found = []
    for match in _SECTION.finditer(text, start, end):
        if source.row_spans and source.in_row(match.start("number")):
            continue  # "一、财政拨款收入 371,514,655.00" is a table's row label, "一、部门主要职能" a 目录 entry
        parsed = parse_chinese(match["number"])
        if parsed is None:
            continue
        title, known = _section_title(match["title"], known_titles)
        if title is None:
            continue
        found.append((int(parsed), match, title, known))
    sections = []
    for i, (number, match, title, known) in enumerate(found):
        section_end = found[i + 1][1].start() if i + 1 < len(found) else end
        sections.append(Section(number, match["number"], title, match.start(), match.end(), section_end, known))
    return sections


def _section_title(raw: str, known_titles: tuple[str, ...]) -> tuple[str | None, bool]:
    compact = re.sub(r"[ \t\u3000]", "", raw)
    for title in known_titles:
        if compact.startswith(title):
            return title, True
    if _HEADING_LIKE.match(compact):
        return compact, False
    return None, False

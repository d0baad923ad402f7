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
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from budgetcheck.numerals import parse_chinese
from budgetcheck.outline import Item, parse_outline
from budgetcheck.quantities import Quantities, extract
from budgetcheck.source import Source

PROJECT_TEXT_SECTIONS = (
    "项目名称",
    "立项依据",
    "项目实施单位",
    "项目基本概况",
    "项目实施内容",
    "资金安排情况",
    "项目实施计划",
    "项目实施成效",
)

_HEADING = re.compile(
    r"^[ \t\u3000]*(?P<department>[^\n。，；]{0,40}?)[ \t\u3000]*(?P<year>(?:19|20)\d{2})[ \u3000]*年度?"
    r"[^\n。，；]{0,30}?项目文本[ \t\u3000]*(?:[（(][一二三四五六七八九十\d]{1,3}[)）])?[ \t\u3000]*$",
    re.MULTILINE,
)
_SECTION = re.compile(
    r"^[ \t\u3000]*(?P<number>[一二三四五六七八九十]{1,3})[ \t\u3000]*[、.．，,][ \t\u3000]*(?P<title>[^\n]*?)[ \t\u3000]*$",
    re.MULTILINE,
)
# An unknown section title is accepted only if it looks like a heading, not a sentence.
_HEADING_LIKE = re.compile(r"^[^。，；,;：:]{1,16}$")


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

    @property
    def text(self) -> str:
        return self.source.text[self.start : self.end]

    @cached_property
    def quantities(self) -> Quantities:
        return extract(self.source.text, self.start, self.end)

    @cached_property
    def outline(self) -> list[Item]:
        """Numbered items (（一）, 1., ①, 一是 …) and their nesting."""
        return parse_outline(self.source.text, self.start, self.end)

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
        """Span of the project name: the first non-blank line of 一、项目名称."""
        section = self.section("项目名称")
        if section is None:
            return None
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


def split_documents(source: Source, known_titles: tuple[str, ...] = PROJECT_TEXT_SECTIONS) -> list[Document]:
    """Split a source into its project texts."""
    text = source.text
    starts = _document_starts(text)
    documents = []
    for index, (start, heading) in enumerate(starts, 1):
        end = starts[index][0] if index < len(starts) else len(text)
        doc = Document(source, index, start, end)
        if heading is not None:
            doc.department, doc.year, doc.heading_span = _heading_fields(text, start, heading)
        doc.sections = _sections(text, heading.end() if heading else start, end, known_titles)
        documents.append(doc)
    return documents


def _document_starts(text: str) -> list[tuple[int, re.Match[str] | None]]:
    """(start offset, heading match) per text; a file with no heading is one text."""
    starts: list[tuple[int, re.Match[str] | None]] = []
    for match in _HEADING.finditer(text):
        start = match.start()
        if not match["department"]:
            start = _previous_line_start(text, start, floor=starts[-1][1].end() if starts else 0)
        starts.append((start, match))
    if not starts:
        return [(0, None)]
    if text[: starts[0][0]].strip():
        # Text before the first heading belongs to it (a title page, a cover line).
        starts[0] = (0, starts[0][1])
    return starts


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


def _sections(text: str, start: int, end: int, known_titles: tuple[str, ...]) -> list[Section]:
    found = []
    for match in _SECTION.finditer(text, start, end):
        number = parse_chinese(match["number"])
        if number is None:
            continue
        title, known = _section_title(match["title"], known_titles)
        if title is None:
            continue
        found.append((int(number), match, title, known))
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

"""A plain text becomes a Word file of its lines, with a comment on each finding's words.

One paragraph per line, each line one run, so a character of the text is the same
character of its run. Characters XML cannot hold (control characters) are shown
as U+FFFD, one for one, so offsets still match.
"""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.oxml.ns import qn

from budgetcheck import deferred_re
from budgetcheck.annotate.docx import Char, comment_findings
from budgetcheck.annotate.spans import block_at
from budgetcheck.findings import Finding
from budgetcheck.source import Source

_NOT_XML = deferred_re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FONT = "宋体"  # what Chinese government texts are set in; Word falls back if it is missing


def annotate_text(source: Source, findings: list[Finding]) -> bytes:
    document = docx.Document()
    _chinese_font(document)
    runs = []
    for number in range(1, source.line_count + 1):
        line = _NOT_XML.sub("\ufffd", source.line_text(number))
        paragraph = document.add_paragraph()
        runs.append(paragraph.add_run(line)._r if line else None)
    comment_findings(document, LineMap(source, runs, document), source, findings)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class LineMap:
    """Offsets of the text → (run, character): line n is paragraph n, one run."""

    def __init__(self, source: Source, runs: list, document) -> None:
        self.source, self.runs = source, runs
        self.paragraphs = [p._p for p in document.paragraphs]
        self.starts = [source.line_span(n)[0] for n in range(1, source.line_count + 1)]

    def chars(self, start: int, end: int) -> list[Char]:
        found: list[Char] = []
        for offset in range(start, end):
            line = block_at(self.starts, offset)
            run, at = self.runs[line], offset - self.starts[line]
            if run is not None and at < len(run.text):
                found.append((run, at))
        return found

    def fallback(self, offset: int) -> tuple[list, Any]:
        line = block_at(self.starts, offset)
        run = self.runs[line]
        return ([run] if run is not None else []), self.paragraphs[line]


def _chinese_font(document) -> None:
    fonts = document.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), _FONT)

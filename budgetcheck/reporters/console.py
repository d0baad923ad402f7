"""The default report: findings grouped by file and text, the offending span shown, a summary.

Readable without colour: the span is also underlined with carets, and severities
are words. Document text is put into ``rich.text.Text`` objects, never into markup,
so brackets in a text (``[bookmark: …]``) print as they are.

On a terminal (or with ``COLUMNS`` set) a long message wraps at the width with a
hanging indent, so that it continues under its own first character rather than at
column 0; Chinese breaks between any two characters, never before closing
punctuation. Piped or written to a file, each finding stays one line, for grep.
Labels are in the interface language (``budgetcheck.i18n``); messages stay Chinese.
"""

from __future__ import annotations

import os
import unicodedata
from itertools import groupby
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console, JustifyMethod
from rich.text import Text

from budgetcheck.findings import Excerpt, Finding
from budgetcheck.i18n import tr
from budgetcheck.printable import printable, printable_span
from budgetcheck.reporters.summary import code_counts, origin_label, severity_counts
from budgetcheck.results import LintResult, TextInfo

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_INDENT = "    "
_MIN_WRAP = 20  # cells: narrower than this left for the message, the line is not wrapped at all
# No line starts with closing punctuation or ends with opening punctuation (the usual Chinese line-breaking rule).
_CLOSING = set("，。、；：？！）》」』】”’…%),.;:!?]")
_OPENING = set("（《「『【“‘([")


def write(result: LintResult, stream: TextIO) -> None:
    console = _console(stream)
    width = wrap_width(console)
    texts = {(t.path, t.index): t for t in result.texts}
    for path, in_file in groupby(result.findings, key=lambda f: f.path):
        console.print(Text(printable(path), style="bold underline"))
        for index, in_text in groupby(in_file, key=lambda f: f.document):
            console.print(_text_heading(texts.get((path, index)), index))
            for finding in in_text:
                _print_finding(console, finding, width)
        console.print()
    _print_summary(console, result)


def _console(stream: TextIO) -> Console:
    return Console(file=stream, highlight=False, soft_wrap=True)


def wrap_width(console: Console) -> int | None:
    """The width to wrap messages at: the terminal's, or COLUMNS; None (no wrapping) for a pipe or a file."""
    return console.width if console.is_terminal or os.environ.get("COLUMNS", "").isdigit() else None


def _text_heading(info: TextInfo | None, index: int) -> Text:
    heading = Text("  " + tr("console.text", index=index), style="bold")
    if info and info.title:
        heading.append(f" · {printable(info.title)}")
    if info and (info.department or info.year):
        heading.append(f"  ({' '.join(printable(str(x)) for x in (info.year, info.department) if x)})", style="dim")
    return heading


def _print_finding(console: Console, finding: Finding, width: int | None) -> None:
    severity = finding.severity.value
    head = Text(f"  {finding.line}:{finding.column}", style="bold")
    if origin_label(finding):
        head.append(f" ({origin_label(finding)})", style="dim")
    head.append(f"  {pad(tr(f'severity.{severity}'), 7)}", style=STYLES[severity])
    head.append(f" {finding.code} ", style="bold")
    body = Text(printable(finding.message))
    body.append(f"  [{printable(finding.rule)}]", style="dim")
    for row in hanging(head, body, width):
        console.print(row)
    if finding.excerpt:
        for row in _excerpt_rows(finding.excerpt, finding, console.width - len(_INDENT) - 2):
            console.print(row)
    arithmetic = finding.data.get("arithmetic")
    if arithmetic and arithmetic not in finding.message:
        for row in hanging(Text(f"{_INDENT}= ", style="bold"), Text(printable(str(arithmetic)), style="bold"), width):
            console.print(row)


def pad(label: str, cells: int) -> str:
    """``label`` padded with spaces to ``cells`` terminal cells (a Chinese character takes two)."""
    return label + " " * max(0, cells - cell_len(label))


def hanging(head: Text, body: Text, width: int | None) -> list[Text]:
    """``head`` then ``body``, the body wrapped at ``width`` cells and continued under its first character."""
    indent = head.cell_len
    if width is None or width - indent < _MIN_WRAP:
        return [head + body]
    rows = []
    for number, line in enumerate(body.divide(line_breaks(body.plain, width - indent))):
        line.rstrip()
        rows.append((head if number == 0 else Text(" " * indent)) + line)
    return rows


def line_breaks(text: str, width: int) -> list[int]:
    """Offsets at which to break ``text`` so that no line is wider than ``width`` cells.

    A line breaks after a space or next to a wide (CJK) character, never inside a
    number or a Latin word and never before closing punctuation; a run with no such
    place is cut where it overflows. Spaces at a break end the line before it.
    """
    breaks: list[int] = []
    start, used, allowed = 0, 0, None
    for i, char in enumerate(text):
        if i > start and _breakable(text[i - 1], char):
            allowed = i
        cells = cell_len(char)
        if char != " " and used + cells > width and i > start:
            cut = allowed if allowed is not None and allowed > start else i
            breaks.append(cut)
            start, allowed = cut, None
            used = cell_len(text[start:i])
        used += cells
    return breaks


def _breakable(before: str, after: str) -> bool:
    if after == " " or after in _CLOSING or before in _OPENING:
        return False
    return before == " " or _wide(before) or _wide(after)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _excerpt_rows(excerpt: Excerpt, finding: Finding, width: int) -> list[Text]:
    # Table rows from .docx/.pdf hold tabs; one space keeps the carets under the span.
    text, start, end = printable_span(excerpt.text.replace("\t", " "), excerpt.start, excerpt.end)  # spans keep their place
    excerpt = excerpt.model_copy(update={"text": text, "start": start, "end": end})
    start, end = _window(excerpt, max(width, 20))
    shown = excerpt.text[start:end]
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(excerpt.text) else ""
    source = Text(f"{_INDENT}│ {lead}{shown}{tail}")
    offset = len(_INDENT) + 2 + len(lead)
    hi_start, hi_end = max(excerpt.start, start) - start, min(max(excerpt.end, excerpt.start + 1), end) - start
    source.stylize(f"{STYLES[finding.severity.value]} reverse", offset + hi_start, offset + hi_end)
    pad = cell_len(lead + shown[:hi_start])
    marks = "^" * max(1, cell_len(shown[hi_start:hi_end]))
    caret = Text(f"{_INDENT}│ {' ' * pad}{marks}", style=STYLES[finding.severity.value])
    return [source, caret]


def _window(excerpt: Excerpt, width: int) -> tuple[int, int]:
    """Character range of the line to show: the span first, then context both sides, within ``width`` cells."""
    text = excerpt.text
    start, end = excerpt.start, max(excerpt.end, excerpt.start)
    used = cell_len(text[start:end]) + 2
    while used > width and end > start + 1:
        end -= 1
        used -= cell_len(text[end])
    grew = True
    while grew:
        grew = False
        for side in (-1, 1):
            index = start - 1 if side < 0 else end
            if 0 <= index < len(text) and used + cell_len(text[index]) <= width:
                used += cell_len(text[index])
                start, end = (start - 1, end) if side < 0 else (start, end + 1)
                grew = True
    return start, end


def write_summary(result: LintResult, stream: TextIO) -> None:
    """``--quiet``: the closing summary line alone."""
    _print_summary_line(_console(stream), result)


def write_statistics(result: LintResult, stream: TextIO) -> None:
    """``--statistics``: the counts per rule and the summary line, without the findings."""
    _print_summary(_console(stream), result)


def _print_summary(console: Console, result: LintResult) -> None:
    counts = code_counts(result.findings)
    if counts:
        from rich.table import Table  # only a run with findings prints the table (9 ms of a clean one-file run)

        table = Table(title=tr("console.by_rule"), title_justify="left", show_edge=False, box=None, pad_edge=False)
        columns: tuple[tuple[str, JustifyMethod], ...] = (("code", "left"), ("rule", "left"), ("severity", "left"), ("count", "right"))
        for column, justify in columns:
            table.add_column(tr(f"column.{column}"), justify=justify)
        for code, rule, severity, n in counts:
            table.add_row(code, rule, Text(tr(f"severity.{severity}"), style=STYLES[severity]), str(n))
        console.print(table)
        console.print()
    _print_summary_line(console, result)


def _print_summary_line(console: Console, result: LintResult) -> None:
    totals = severity_counts(result.findings)
    summary = Text(tr("summary.files", files=result.files, texts=result.documents), style="bold")
    for name in ("error", "warning", "info"):
        summary.append(tr("summary.count", n=totals[name], label=tr(f"severities.{name}")), style=STYLES[name] if totals[name] else "")
        summary.append(tr("summary.join") if name != "info" else "")
    if result.baselined:
        summary.append(tr("summary.baselined", n=result.baselined), style="dim")
    if result.problems:
        summary.append(tr("summary.problems", n=len(result.problems)), style="bold red")
    console.print(summary)

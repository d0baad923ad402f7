"""The default report: findings grouped by file and text, the offending span shown, a summary.

Readable without colour: the span is also underlined with carets, and severities
are words. Document text is put into ``rich.text.Text`` objects, never into markup,
so brackets in a text (``[bookmark: …]``) print as they are.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from budgetcheck.findings import Excerpt, Finding
from budgetcheck.printable import printable, printable_span
from budgetcheck.reporters.summary import code_counts, origin_label, severity_counts
from budgetcheck.results import LintResult, TextInfo

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_INDENT = "    "


def write(result: LintResult, stream: TextIO) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=True)
    texts = {(t.path, t.index): t for t in result.texts}
    for path, in_file in groupby(result.findings, key=lambda f: f.path):
        console.print(Text(printable(path), style="bold underline"))
        for index, in_text in groupby(in_file, key=lambda f: f.document):
            console.print(_text_heading(texts.get((path, index)), index))
            for finding in in_text:
                _print_finding(console, finding)
        console.print()
    _print_summary(console, result)


def _text_heading(info: TextInfo | None, index: int) -> Text:
    heading = Text(f"  text {index}", style="bold")
    if info and info.title:
        heading.append(f" · {printable(info.title)}")
    if info and (info.department or info.year):
        heading.append(f"  ({' '.join(printable(str(x)) for x in (info.year, info.department) if x)})", style="dim")
    return heading


def _print_finding(console: Console, finding: Finding) -> None:
    severity = finding.severity.value
    line = Text(f"  {finding.line}:{finding.column}", style="bold")
    if origin_label(finding):
        line.append(f" ({origin_label(finding)})", style="dim")
    line.append(f"  {severity:<7}", style=STYLES[severity])
    line.append(f" {finding.code} ", style="bold")
    line.append(printable(finding.message))
    line.append(f"  [{printable(finding.rule)}]", style="dim")
    console.print(line)
    if finding.excerpt:
        for row in _excerpt_rows(finding.excerpt, finding, console.width - len(_INDENT) - 2):
            console.print(row)
    arithmetic = finding.data.get("arithmetic")
    if arithmetic and arithmetic not in finding.message:
        console.print(Text(f"{_INDENT}= {printable(str(arithmetic))}", style="bold"))


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
    _print_summary_line(Console(file=stream, highlight=False, soft_wrap=True), result)


def write_statistics(result: LintResult, stream: TextIO) -> None:
    """``--statistics``: the counts per rule and the summary line, without the findings."""
    _print_summary(Console(file=stream, highlight=False, soft_wrap=True), result)


def _print_summary(console: Console, result: LintResult) -> None:
    counts = code_counts(result.findings)
    if counts:
        table = Table(title="Findings by rule", title_justify="left", show_edge=False, box=None, pad_edge=False)
        columns: tuple[tuple[str, JustifyMethod], ...] = (("code", "left"), ("rule", "left"), ("severity", "left"), ("count", "right"))
        for column, justify in columns:
            table.add_column(column, justify=justify)
        for code, rule, severity, n in counts:
            table.add_row(code, rule, Text(severity, style=STYLES[severity]), str(n))
        console.print(table)
        console.print()
    _print_summary_line(console, result)


def _print_summary_line(console: Console, result: LintResult) -> None:
    totals = severity_counts(result.findings)
    summary = Text(f"{result.files} file(s), {result.documents} text(s): ", style="bold")
    for name, label in (("error", "errors"), ("warning", "warnings"), ("info", "infos")):
        summary.append(f"{totals[name]} {label}", style=STYLES[name] if totals[name] else "")
        summary.append(", " if name != "info" else "")
    if result.baselined:
        summary.append(f"; {result.baselined} known finding(s) hidden by the baseline", style="dim")
    if result.problems:
        summary.append(f"; {len(result.problems)} input problem(s)", style="bold red")
    console.print(summary)

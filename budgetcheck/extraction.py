"""One row per project text — who, which year, what project, how much — for spreadsheets.

``budgetcheck extract`` reads the same model the checks use: the budget is the
first figure stated in 六、资金安排情况 and the plan is the sum of the money in
七、项目实施计划 (``breakdowns``), so a spreadsheet of a county's texts agrees with
what ``lint`` compares. Line items are the enumerations with money in the budget
section (``办公费25,000.00元、会议费…``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from decimal import Decimal, localcontext
from typing import Any, TextIO

from budgetcheck import json_text
from budgetcheck.breakdowns import breakdowns, budget_figures, plan_figures
from budgetcheck.document import Document, split_documents
from budgetcheck.genres import Genres
from budgetcheck.inputs import InputProblem, expand
from budgetcheck.numerals import ARITHMETIC, exact_money
from budgetcheck.readers import load
from budgetcheck.source import InputError, Source

COLUMNS = ("path", "document", "department", "year", "project", "unit", "budget_total", "plan_total", "items")
_TRAILING = " \t\u3000。．.，,；;"
_NAME_END = " \t\u3000:：为是"  # '办公费为25,000.00元' → 办公费


def project_row(doc: Document) -> dict[str, Any]:
    budget, plan = budget_figures(doc), plan_figures(doc)
    return {
        "path": doc.source.path,
        "document": doc.index,
        "department": doc.department,
        "year": doc.year,
        "project": doc.title,
        "unit": implementing_unit(doc),
        "budget_total": exact_money(budget[0].value) if budget else None,
        "plan_total": exact_money(sum((a.value for a in plan), Decimal(0))) if plan else None,
        "items": budget_items(doc),
    }


def implementing_unit(doc: Document) -> str | None:
    """The first non-blank line of 三、项目实施单位, without a closing full stop."""
    section = doc.section_for("unit")
    if section is None:
        return None
    line = next((ln for ln in doc.body(section).splitlines() if ln.strip()), "")
    return line.strip().rstrip(_TRAILING) or None


def budget_items(doc: Document) -> list[dict[str, str]]:
    """The line items listed with money in the budget section: as written, the name, the yuan."""
    section = doc.section_for("budget")
    if section is None:
        return []
    text = doc.source.text
    return [
        {"text": text[start:end], "name": text[start : amount.start].rstrip(_NAME_END), "yuan": exact_money(amount.value)}
        for b in breakdowns(doc)
        if section.body_start <= b.start < section.end
        for (start, end), amount in zip(b.item_spans, b.parts)
    ]


def rows(paths: list[str], problems: list[InputProblem]) -> Iterator[dict[str, Any]]:
    """Rows of every text under ``paths``; unreadable files are added to ``problems``, the rest go on."""
    genres = Genres()
    for source in _sources(expand(paths), problems):
        try:  # a file's rows at once: a text over [limits] is a problem, not half a file
            with localcontext(ARITHMETIC):
                found = [project_row(doc) for doc in _project_texts(source, genres)]
        except InputError as exc:
            problems.append(InputProblem(source.path, str(exc)))
            continue
        yield from found


def _project_texts(source: Source, genres: Genres) -> Iterator[Document]:
    """The project texts of a file, each with its genre (which says what section states the budget)."""
    for doc in split_documents(source, genres.all()):
        if doc.part is not None and doc.part.kind != "project":
            continue  # a publication's cover, 目录, chapters and tables are not project texts
        doc.detection = genres.of(doc)
        yield doc


def _sources(items: Iterable[str | InputProblem], problems: list[InputProblem]) -> Iterator[Source]:
    for item in items:
        if isinstance(item, InputProblem):
            problems.append(item)
            continue
        try:
            yield load(item)
        except InputError as exc:
            problems.append(InputProblem(item, str(exc)))


def write_csv(records: Iterable[dict[str, Any]], stream: TextIO) -> None:
    """CSV with a header; items in one cell as written, joined by '；'."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    writer.writeheader()
    for record in records:
        writer.writerow({**record, "items": "；".join(item["text"] for item in record["items"])})


def write_json(records: Iterable[dict[str, Any]], stream: TextIO) -> None:
    """A JSON array of rows; money as exact decimal strings in yuan."""
    json_text.write(list(records), stream)


WRITERS = {"csv": write_csv, "json": write_json}

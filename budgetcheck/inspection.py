"""How a file was understood: its texts, sections and every extracted quantity.

``inspect_source`` turns the document model into plain data (the JSON of
``budgetcheck inspect --format json``); ``write_tree`` draws the same data as a
rich tree. Both show what the checks see — section boundaries, each amount's
value in yuan and the role it plays (budget, plan, line item, total, rate) — so
a reviewer can tell why a rule fired or stayed silent.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, localcontext
from typing import Any, TextIO

from budgetcheck.blocks import Block
from budgetcheck.breakdowns import breakdowns, budget_figures, is_change, is_rate, item_amounts, plan_figures
from budgetcheck.document import Document, split_documents
from budgetcheck.genres import Genres
from budgetcheck.numerals import ARITHMETIC, common_unit, exact_money, format_money, sum_expression
from budgetcheck.printable import printable
from budgetcheck.quantities import Amount, Enumeration
from budgetcheck.source import Source
from budgetcheck.tables import Table


def inspect_source(source: Source, genres: Genres = Genres()) -> dict[str, Any]:
    texts = []
    with localcontext(ARITHMETIC):
        for doc in split_documents(source, genres.all()):
            doc.detection = genres.of(doc)
            texts.append(inspect_document(doc))
    return {
        "path": source.path,
        "encoding": source.encoding,
        "lines": source.line_count - source.text.endswith("\n"),  # a final newline ends a line, starts none
        "blocks": [_block(source, b) for b in source.blocks],
        "furniture": [{"kind": f.kind, "text": f.text, **dict(f.origin)} for f in source.furniture],
        "pages": source.pages[0],
        "blank_pages": [page for page, _ in source.pages[1]],
        "texts": texts,
    }


def _block(source: Source, block: Block) -> dict[str, Any]:
    line, column = source.position(block.start)
    found: dict[str, Any] = {"kind": block.kind, "line": line, "column": column, **dict(block.origin)}
    if block.level or block.number:
        found.update(level=block.level, number=block.number)
    if block.kind == "table_row":
        found.update(table=block.table, row=block.row, header=block.header, cells=[source.text[c.start : c.end] for c in block.cells])
    else:
        found["text"] = source.text[block.start : block.end]
    return found


def inspect_document(doc: Document) -> dict[str, Any]:
    quantities = doc.quantities
    budget, plan = budget_figures(doc), plan_figures(doc)
    roles = _roles(doc, budget, plan)
    return {
        "index": doc.index,
        "lines": _lines(doc, doc.start, doc.end),
        "department": doc.department,
        "year": doc.year,
        "title": doc.title,
        "genre": _genre(doc),
        "part": {"kind": doc.part.kind, "title": doc.part.title, "profile": doc.part.profile} if doc.part else None,
        "tables": [_table(doc, t) for t in doc.tables],
        "sections": [
            {"label": s.label, "number": s.number, "title": s.title, "known": s.known, "lines": _lines(doc, s.start, s.end)}
            for s in doc.sections
        ],
        "amounts": [{**_amount(doc, a), "roles": roles.get(id(a), [])} for a in quantities.amounts],
        "counts": [{**_at(doc, c.start), "text": c.text, "value": c.value, "unit": c.unit} for c in quantities.counts],
        "years": [{**_at(doc, y.start), "value": y.value} for y in quantities.years],
        "measures": [{**_at(doc, m.start), "text": m.text, "value": str(m.value), "unit": m.unit} for m in quantities.measures],
        "enumerations": [_enumeration(doc, e) for e in quantities.enumerations],
        "breakdowns": [
            {
                **_at(doc, b.start),
                "origin": b.origin,
                "trigger": b.trigger,
                "total": _amount(doc, b.total) if b.total else None,
                "parts": [_amount(doc, p) for p in b.parts],
                "parts_sum": exact_money(b.parts_sum),
                "adds_up": None if b.total is None else b.parts_sum == b.total.value,
                "arithmetic": sum_expression(
                    [p.value for p in b.parts],
                    b.total.value if b.total else None,
                    common_unit([a.unit for a in (*b.parts, *([b.total] if b.total else []))]),
                ),
                "incomplete": b.incomplete,
            }
            for b in breakdowns(doc)
        ],
        "budget": {"figures": [_amount(doc, a) for a in budget], "total": exact_money(budget[0].value) if budget else None},
        "plan": {"figures": [_amount(doc, a) for a in plan], "total": exact_money(sum((a.value for a in plan), Decimal(0))) if plan else None},
    }


def _table(doc: Document, table: Table) -> dict[str, Any]:
    text = doc.source.text
    return {
        **_at(doc, table.start),
        "number": table.number,
        "unit": table.unit,
        "column_units": {str(column): unit for column, unit in table.column_units},
        "header_rows": table.header_count,
        "rows": [[text[c.start : c.end] for c in row.cells] for row in table.rows],
    }


def _genre(doc: Document) -> dict[str, Any] | None:
    detection = doc.detection
    if detection is None:
        return None
    return {"profile": detection.profile.name, "score": detection.score, "why": list(detection.reasons)}


def _roles(doc: Document, budget: list[Amount], plan: list[Amount]) -> dict[int, list[str]]:
    """Amounts are compared by identity: the figures are the very objects of ``doc.quantities``."""
    roles: dict[int, list[str]] = {}
    totals = {id(b.total) for b in breakdowns(doc) if b.total}
    items = {id(a) for a in item_amounts(doc)} | {id(p) for b in breakdowns(doc) for p in b.parts}
    budget_ids, plan_ids = {id(a) for a in budget}, {id(a) for a in plan}
    for amount in doc.quantities.amounts:
        key = id(amount)
        found = [name for name, ids in (("budget", budget_ids), ("plan", plan_ids), ("total", totals), ("item", items)) if key in ids]
        if is_rate(doc, amount):
            found.append("rate")
        if is_change(doc, amount):
            found.append("change")
        if found:
            roles[key] = found
    return roles


def _enumeration(doc: Document, enumeration: Enumeration) -> dict[str, Any]:
    declared = enumeration.declared
    return {
        **_at(doc, enumeration.start),
        "trigger": enumeration.trigger,
        "declared": {"text": declared.text, "value": declared.value} if declared else None,
        "items": [{"text": i.text, "amounts": [exact_money(a.value) for a in i.amounts]} for i in enumeration.items],
    }


def _amount(doc: Document, amount: Amount) -> dict[str, Any]:
    return {**_at(doc, amount.start), "text": amount.text, "yuan": exact_money(amount.value), "unit": amount.unit, "numeral": amount.numeral}


def _at(doc: Document, offset: int) -> dict[str, Any]:
    line, column = doc.source.position(offset)
    section = doc.section_at(offset)
    return {"line": line, "column": column, "section": section.label if section else None}


def _lines(doc: Document, start: int, end: int) -> list[int]:
    """First and last line of a span, trailing blank lines left out."""
    text = doc.source.text
    last = start + len(text[start:end].rstrip())
    return [doc.source.position(start)[0], doc.source.position(max(start, last - 1))[0]]


def _printable(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value, keep="\t")
    if isinstance(value, dict):
        return {key: _printable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_printable(item) for item in value]
    return value


def write_tree(report: dict[str, Any], stream: TextIO) -> None:
    """The inspection as a rich tree. Document text goes into Text objects, never markup."""
    from rich.console import Console
    from rich.text import Text
    from rich.tree import Tree

    report = _printable(report)  # names and document text reach the terminal: no raw control characters
    root = Tree(Text.assemble((report["path"], "bold"), f"  ({report['encoding']}, {report['lines']} lines)"))
    kinds = Counter(b["kind"] for b in report["blocks"])
    furniture = Counter(f["kind"] for f in report["furniture"])
    root.add(Text(f"blocks: {', '.join(f'{n} {k}' for k, n in kinds.items()) or '—'}"
                  f"   page furniture kept apart: {', '.join(f'{n} {k}' for k, n in furniture.items()) or '—'}"
                  + (f"   pages: {report['pages']}, blank: {', '.join(map(str, report['blank_pages'])) or '—'}" if report["pages"] else "")))
    for text in report["texts"]:
        heading = f"text {text['index']} · lines {_range(text['lines'])}"
        part = text["part"]
        label = f"  {part['kind']}: {part['title']}" if part else f"  {text['title'] or '(no project name)'}"
        node = root.add(Text.assemble((heading, "bold"), label))
        node.add(Text(f"department: {text['department'] or '—'}   budget year: {text['year'] or '—'}"))
        if text["genre"]:
            genre = text["genre"]
            node.add(Text.assemble(("genre: ", "bold"), genre["profile"], (f"  ({'; '.join(genre['why']) or 'no genre recognised'})", "dim")))
        _branch(node, "sections", [Text.assemble((f"{_range(s['lines']):>9}  ", "dim"), s["label"], "" if s["known"] else "  (not a template section)") for s in text["sections"]])
        _tables(node, text["tables"])
        _branch(node, "amounts", [_amount_label(a) for a in text["amounts"]])
        _enumerations(node, text["enumerations"])
        _breakdowns(node, text["breakdowns"])
        _branch(node, "counts", [Text(f"{c['line']}:{c['column']}  {c['text']} = {c['value']} {c['unit']}") for c in text["counts"]])
        _branch(node, "measures", [Text(f"{m['line']}:{m['column']}  {m['text']} = {m['value']} {m['unit']}") for m in text["measures"]])
        years = sorted({y["value"] for y in text["years"]})
        node.add(Text(f"years ({len(text['years'])}): {', '.join(map(str, years)) or '—'}"))
        node.add(_figures("budget", text["budget"], ", "))  # the first stated figure is the budget
        node.add(_figures("plan", text["plan"], " + "))  # the plan's amounts add up
    Console(file=stream, highlight=False).print(root)


def _tables(node: Any, tables: list[dict[str, Any]]) -> None:
    from rich.text import Text

    branch = node.add(Text(f"tables ({len(tables)})", style="bold"))
    for table in tables:
        unit = table["unit"] or "—"
        sub = branch.add(Text(f"{table['line']}:{table['column']}  table {table['number']}: {len(table['rows'])} rows, "
                              f"{table['header_rows']} header, unit {unit}"))
        for index, cells in enumerate(table["rows"]):
            sub.add(Text(" | ".join(cells), style="dim" if index < table["header_rows"] else ""))


def _branch(node: Any, label: str, rows: list) -> None:
    from rich.text import Text

    branch = node.add(Text(f"{label} ({len(rows)})", style="bold"))
    for row in rows:
        branch.add(row)


def _amount_label(amount: dict[str, Any]) -> Any:
    from rich.text import Text

    label = Text(f"{amount['line']}:{amount['column']}  ")
    label.append(amount["text"])
    label.append(f"  = {format_money(Decimal(amount['yuan']))} 元", style="bold")
    if amount["roles"]:
        label.append(f"  [{', '.join(amount['roles'])}]", style="cyan")
    if amount["section"]:
        label.append(f"  {amount['section']}", style="dim")
    return label


def _enumerations(node: Any, enumerations: list[dict[str, Any]]) -> None:
    from rich.text import Text

    branch = node.add(Text(f"enumerations ({len(enumerations)})", style="bold"))
    for e in enumerations:
        declared = f", declared {e['declared']['text']}" if e["declared"] else ""
        sub = branch.add(Text(f"{e['line']}:{e['column']}  {e['trigger']}: {len(e['items'])} items{declared}"))
        for item in e["items"]:
            money = "".join(f"  = {format_money(Decimal(v))} 元" for v in item["amounts"])
            sub.add(Text.assemble(item["text"], (money, "bold")))


def _breakdowns(node: Any, found: list[dict[str, Any]]) -> None:
    from rich.text import Text

    branch = node.add(Text(f"breakdowns ({len(found)})", style="bold"))
    for b in found:
        verdict = {True: ("adds up", "green"), False: ("does not add up", "bold red"), None: ("no stated total", "dim")}[b["adds_up"]]
        origin = f"{b['origin']}{' after ' + b['trigger'] if b['trigger'] else ''}"
        branch.add(Text.assemble(f"{b['line']}:{b['column']}  {origin}: {b['arithmetic']}  ", verdict))


def _figures(label: str, figures: dict[str, Any], joiner: str) -> Any:
    from rich.text import Text

    if figures["total"] is None:
        return Text(f"{label}: not stated", style="dim")
    parts = joiner.join(format_money(Decimal(f["yuan"])) for f in figures["figures"])
    return Text.assemble((f"{label}: {format_money(Decimal(figures['total']))} 元", "bold"), f"  ({parts})")


def _range(lines: list[int]) -> str:
    return f"{lines[0]}–{lines[1]}"

"""Word (.docx): paragraphs and tables in document order, one line each.

A table row becomes one line with its cells separated by tabs, so amounts in
tables are checked like any other. Each line's origin is its paragraph (1-based
among the body's paragraphs, as Word and python-docx count them) or its table
and row, so a finding can say where to look in the Word file.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from budgetcheck.limits import check_zip
from budgetcheck.readers import TextBuilder
from budgetcheck.source import InputError, Source

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _TBL, _SDT = f"{{{W}}}p", f"{{{W}}}tbl", f"{{{W}}}sdt"
# Runs whose text Word shows: including tracked insertions and fields, excluding deletions
# and text boxes (their content is anchored elsewhere; mc:Fallback repeats it).
_RUNS = etree.XPath(
    ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::w:txbxContent)"
    " and not(ancestor::*[local-name()='Fallback'])]",
    namespaces={"w": W},
)


def read(data: bytes, path: str) -> Source:
    check_zip(data)
    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise InputError(f"not a readable .docx file ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - a damaged package can fail anywhere inside python-docx
        raise InputError(f"not a readable .docx file ({type(exc).__name__}: {exc})") from None
    out = TextBuilder()
    counters = {"paragraph": 0, "table": 0}
    for block in _blocks(body):
        if block.tag == _P:
            counters["paragraph"] += 1
            out.line(paragraph_text(block), {"paragraph": counters["paragraph"]})
        else:
            counters["table"] += 1
            for row, line in enumerate(table_lines(block), 1):
                out.line(line, {"table": counters["table"], "row": row})
    return out.source(path, "docx")


def _blocks(parent):
    """Body paragraphs and tables in document order; content controls are looked into."""
    for child in parent:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(f"{{{W}}}sdtContent")
            if content is not None:
                yield from _blocks(content)


def paragraph_text(p) -> str:
    # CT_R.text renders w:t, w:tab (\t), w:br/w:cr (\n) as Word shows them; field codes are left out.
    return "".join(run.text for run in _RUNS(p))


def table_lines(tbl) -> list[str]:
    """One tab-separated line per row; a merged cell's text appears once."""
    lines = []
    for tr in tbl.iterchildren(f"{{{W}}}tr"):
        cells = []
        for tc in tr.iterchildren(f"{{{W}}}tc"):
            # The cells below the top of a vertical merge repeat nothing: amounts count once.
            cells.append("" if tc.vMerge == "continue" else _cell_text(tc))
        lines.append("\t".join(cells))
    return lines


def _cell_text(tc) -> str:
    parts = []
    for block in _blocks(tc):
        if block.tag == _P:
            parts.append(paragraph_text(block))
        else:  # a table inside a cell: its rows, flattened
            parts.extend(table_lines(block))
    # Paragraphs inside one cell stay on the row's line; tabs and breaks would split it.
    return " ".join(p.replace("\t", " ").replace("\n", " ").strip() for p in parts if p.strip())

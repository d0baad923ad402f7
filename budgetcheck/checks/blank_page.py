"""A blank page inside a published document: nothing on it between two pages of text.

A page left empty between two tables is an export or layout slip (a table's page
break on its own page, a deleted page that left its sheet). A printed book also has
deliberate blank pages: the back of the cover, or a blank before every chapter so
that each starts on a right-hand page. So only a single blank page is reported, and
not one near the start: several blank pages are read as deliberate padding. A page
with a picture on it (a scan, a chart) is not blank.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"blank": "the blank page", "previous": "the page before it", "next": "the page after it", "pages": "pages in the file"}


class Params(KindParams):
    first_page: int = Field(3, ge=1, description="the first page that may be reported (the cover and its back are left alone)")
    most_blank: int = Field(1, ge=1, description="report nothing when the file has more blank pages than this (deliberate padding)")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    count, blanks = doc.source.pages
    if not blanks or len(blanks) > params.most_blank:
        return
    for page, resume in blanks:
        # The finding stands where the text goes on, in the one text of the file that holds it.
        if page < params.first_page or not doc.start <= resume < doc.end:
            continue
        line_end = doc.source.text.find("\n", resume)
        end = min(doc.end, line_end if line_end != -1 else len(doc.source.text))
        yield Hit(resume, max(end, resume + 1), {"blank": page, "previous": page - 1, "next": page + 1, "pages": count})

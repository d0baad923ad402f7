"""``budgetcheck serve``: a page on this machine where a reviewer drops files and reads their report.

``server`` answers HTTP (standard library only) and guards it; ``multipart`` reads the
upload form; ``batches`` keeps each upload's files in a private temporary folder under an
unguessable token; ``review`` checks a batch as ``lint`` would and makes the report, the
checklist and the annotated documents; ``pages`` is the HTML.
"""

from __future__ import annotations

from budgetcheck.serve.server import Server, run

__all__ = ["Server", "run"]

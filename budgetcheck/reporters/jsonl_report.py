"""``--format jsonl``: one finding per line, each the same object as in ``--format json``.

Lines can be streamed, grepped and appended; there is no summary line, so every
line parses as a finding.
"""

from __future__ import annotations

import json
from typing import TextIO

from budgetcheck.results import LintResult


def write(result: LintResult, stream: TextIO) -> None:
    for finding in result.findings:
        stream.write(json.dumps(finding.model_dump(mode="json"), ensure_ascii=False) + "\n")

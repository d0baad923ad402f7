"""Known findings recorded in a file, so that later runs report only new ones.

An entry is matched by path, code and fingerprint (see ``fingerprints``), never
by line, so edits elsewhere in a file do not revive it. Entries are counted: if
a baseline holds a fingerprint once and a run finds it twice, one is new. Paths
are stored relative to the baseline file's folder, so a baseline committed next
to the texts works from any working directory and any checkout.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from budgetcheck import json_text
from budgetcheck.atomic import atomic_writer
from budgetcheck.findings import Finding
from budgetcheck.fingerprints import VERSION, fingerprint, numbered
from budgetcheck.limits import read_file
from budgetcheck.results import LintResult
from budgetcheck.source import InputError

FORMAT = 1


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names the file."""


class _Entry(BaseModel):
    model_config = ConfigDict(extra="ignore")  # line and message are for people reading the file

    path: str
    code: str
    fingerprint: str


class _File(BaseModel):
    model_config = ConfigDict(extra="ignore")

    budgetcheck_baseline: int
    fingerprints: str
    findings: list[_Entry]


@dataclass
class Baseline:
    folder: Path
    known: Counter[tuple[str, str, str]]

    def apply(self, result: LintResult) -> None:
        """Keep only the result's new findings; count the others as hidden."""
        new = self.new_findings(result.findings)
        result.baselined += len(result.findings) - len(new)
        result.findings = new

    def new_findings(self, findings: list[Finding]) -> list[Finding]:
        """The findings not accounted for by the baseline, in their original order."""
        remaining = Counter(self.known)
        new = []
        for finding in findings:
            key = (_relative(finding.path, self.folder), finding.code, fingerprint(finding))
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                new.append(finding)
        return new


def write_baseline(findings: list[Finding], path: str | Path) -> None:
    """Record ``findings`` in ``path`` (atomically). Raises OSError."""
    folder = Path(path).absolute().parent
    entries = [
        {"path": _relative(f.path, folder), "code": f.code, "fingerprint": digest, "line": f.line, "message": f.message}
        for f, digest, _ in numbered(findings)
    ]
    report = {"budgetcheck_baseline": FORMAT, "fingerprints": VERSION, "findings": entries}
    with atomic_writer(path) as stream:
        json_text.write(report, stream)


def load_baseline(path: str | Path) -> Baseline:
    """Read a baseline file. Raises BaselineError with a one-line reason."""
    try:
        raw = json.loads(read_file(str(path)).decode("utf-8"))  # a regular file of bounded size only
        data = _File.model_validate(raw)
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline ({exc.strerror or exc})") from None
    except (InputError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline ({exc})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not a baseline file (invalid JSON at line {exc.lineno})") from None
    except RecursionError:
        raise BaselineError(f"{path}: not a baseline file (nested too deeply)") from None
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors()[0]["loc"])
        raise BaselineError(f"{path}: not a baseline file ({where}: {exc.errors()[0]['msg']})") from None
    if data.budgetcheck_baseline != FORMAT or data.fingerprints != VERSION:
        raise BaselineError(f"{path}: written by another version of budgetcheck; write it again with --write-baseline")
    known = Counter((e.path, e.code, e.fingerprint) for e in data.findings)
    return Baseline(Path(path).absolute().parent, known)


def _relative(path: str, folder: Path) -> str:
    absolute = os.path.abspath(path)
    try:
        return Path(os.path.relpath(absolute, folder)).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return Path(absolute).as_posix()

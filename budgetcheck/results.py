"""What a run leaves for reporters: findings, the texts checked, the files that could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field

from budgetcheck.catalogue import Rule
from budgetcheck.findings import Finding, Mark
from budgetcheck.inputs import InputProblem


@dataclass(frozen=True)
class TextInfo:
    """What reports say about a checked text besides its findings."""

    path: str
    index: int
    title: str | None
    department: str | None
    year: int | None
    profile: str = "generic"
    why: str = ""
    part: str | None = None  # the kind of part of a publication (cover, toc, chapter, table, project); None: a text of its own
    part_title: str | None = None  # the part's title line, spaces removed
    pages: tuple[int, int] | None = None  # first and last page of a .pdf the text spans


@dataclass
class FileResult:
    """What checking one file leaves for the rest of the run: small and picklable (workers send it back)."""

    path: str
    read: bool = False  # False: the file could not be read (see problems)
    findings: list[Finding] = field(default_factory=list)
    marks: dict[str, list[Mark]] = field(default_factory=dict)  # run-wide rule code → marks of this file's texts
    texts: list[TextInfo] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    files: int = 0
    texts: list[TextInfo] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)  # the rules that ran (reporters describe them)
    baselined: int = 0  # findings left out because a baseline already records them
    order: list[str] = field(default_factory=list, repr=False)  # files in input order
    interrupted: bool = False  # Ctrl-C: the result holds the files checked before it

    @property
    def documents(self) -> int:
        return len(self.texts)

    def add(self, part: FileResult, marks: dict[str, list[Mark]]) -> None:
        """Merge one file's result; files must be added in input order."""
        if part.read:
            self.files += 1
            self.order.append(part.path)
        self.findings += part.findings
        self.texts += part.texts
        self.problems += part.problems
        for code, found in part.marks.items():
            marks[code] += found


__all__ = ["FileResult", "LintResult", "TextInfo"]

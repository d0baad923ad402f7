"""Run rules over files: sources → texts → hits → findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from budgetcheck.catalogue import Rule
from budgetcheck.document import Document, split_documents
from budgetcheck.findings import Excerpt, Finding, Hit, Location, Mark
from budgetcheck.inputs import InputProblem, Selection, expand
from budgetcheck.numerals import format_money
from budgetcheck.profiles import Detection, Profile, builtin_profiles, detect
from budgetcheck.readers import STDIN, read, stdin_display
from budgetcheck.source import InputError, Source


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


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    files: int = 0
    texts: list[TextInfo] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)  # the rules that ran (reporters describe them)
    baselined: int = 0  # findings left out because a baseline already records them

    @property
    def documents(self) -> int:
        return len(self.texts)


@dataclass(frozen=True)
class Genres:
    """The profiles of a run, or the one profile every text is forced into."""

    profiles: dict[str, Profile] | None = None  # None: the built-in profiles
    forced: str | None = None

    def of(self, doc: Document) -> Detection:
        profiles = self.profiles or builtin_profiles()
        if self.forced:
            return Detection(profiles[self.forced], 0, (f"chosen with --profile {self.forced}",))
        return detect(doc.text, profiles)


@dataclass(frozen=True)
class RunOptions:
    """How a run reads its inputs and sees its texts, besides the rules."""

    budget_year: int | None = None  # instead of each text's heading
    genres: Genres = Genres()
    files: Selection = Selection()  # --include / --exclude for folders
    stdin_name: str | None = None  # how '-' is named in reports
    progress: Callable[[list[str | InputProblem]], Iterable[str | InputProblem]] | None = None  # wraps the file list


def lint_paths(paths: list[str], rules: list[Rule], options: RunOptions = RunOptions()) -> LintResult:
    """Lint files and folders (``-`` is standard input)."""
    result = LintResult()
    items: Iterable[str | InputProblem] = expand(paths, options.files)
    if options.progress is not None:
        items = options.progress(list(items))
    return lint_sources(_sources(items, result, options.stdin_name), rules, result, options)


def _sources(items: Iterable[str | InputProblem], result: LintResult, stdin_name: str | None = None) -> Iterator[Source]:
    """Read files one at a time, so a run never holds more than one text in memory."""
    for item in items:
        if isinstance(item, InputProblem):
            result.problems.append(item)
            continue
        try:
            yield _read(item, stdin_name)
        except InputError as exc:
            result.problems.append(InputProblem(stdin_display(stdin_name) if item == STDIN else item, str(exc)))


def lint_sources(
    sources: Iterable[Source],
    rules: list[Rule],
    result: LintResult | None = None,
    options: RunOptions = RunOptions(),
) -> LintResult:
    result = result or LintResult()
    result.rules = rules
    marks: dict[str, list[Mark]] = {r.code: [] for r in rules if r.run_wide}
    order: list[str] = []
    for source in sources:
        result.files += 1
        order.append(source.path)
        for doc in split_documents(source):
            doc.year = options.budget_year or doc.year
            doc.detection = options.genres.of(doc)
            profile = doc.detection.profile
            result.texts.append(
                TextInfo(source.path, doc.index, doc.title, doc.department, doc.year, profile.name, doc.detection.why)
            )
            applicable = [rule for rule in rules if profile.allows(rule.code)]
            result.findings += lint_document(doc, applicable, marks, result.problems)
    result.findings += run_wide_findings(rules, marks)
    rank = {path: i for i, path in enumerate(order)}
    result.findings.sort(key=lambda f: (rank.get(f.path, 0), *f.sort_key()[1:]))
    return result


def lint_document(doc: Document, rules: list[Rule], marks: dict[str, list[Mark]], problems: list[InputProblem]) -> list[Finding]:
    """Findings of the per-text rules; run-wide rules only leave their marks."""
    findings = []
    for rule in rules:
        try:
            if rule.run_wide:
                marks[rule.code] += [Mark(locate(doc, hit), hit.values) for hit in rule.kind.collect(doc, rule.params)]
            else:
                findings += [to_finding(rule, locate(doc, hit), hit.values) for hit in rule.kind.check(doc, rule.params)]
        except Exception as exc:  # noqa: BLE001 - one bad text must not stop the run
            problems.append(InputProblem(doc.source.path, f"internal error in {rule.code} on text {doc.index}: {exc!r}"))
    return findings


def run_wide_findings(rules: list[Rule], marks: dict[str, list[Mark]]) -> list[Finding]:
    return [
        to_finding(rule, mark.location, values)
        for rule in rules
        if rule.run_wide
        for mark, values in rule.kind.check_run(marks[rule.code], rule.params)
    ]


def _read(path: str, stdin_name: str | None = None) -> Source:
    source = read(path, stdin_name)
    if not source.text.strip():
        raise InputError("empty file")
    return source


def locate(doc: Document, hit: Hit) -> Location:
    source = doc.source
    line, column = source.position(hit.start)
    end_line, end_column = source.position(hit.end)
    section = doc.section_at(hit.start)
    line_start, line_end = source.line_span(line)
    excerpt = Excerpt(text=source.text[line_start:line_end], start=hit.start - line_start, end=min(hit.end, line_end) - line_start)
    section_label = section.label if section else None
    return Location(source.path, doc.index, line, column, end_line, end_column, section_label, excerpt, source.origin_at(hit.start))


def to_finding(rule: Rule, where: Location, values: dict[str, Any]) -> Finding:
    spec = rule.spec
    return Finding(
        path=where.path,
        document=where.document,
        code=spec.code,
        rule=spec.name,
        severity=spec.severity,
        message=spec.message.format_map({k: _display(v) for k, v in values.items()}),
        line=where.line,
        column=where.column,
        end_line=where.end_line,
        end_column=where.end_column,
        section=where.section,
        data={**{k: _plain(v) for k, v in values.items()}, **(where.origin or {})},  # + page/paragraph of a .pdf/.docx
        excerpt=where.excerpt,
    )


def _display(value: Any) -> str:
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value))
    return str(value)


def _plain(value: Any) -> Any:
    """JSON-safe data: money stays exact as a decimal string."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value

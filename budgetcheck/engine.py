"""Run rules over files: sources → texts → hits → findings.

What a run produces (``FileResult``, ``LintResult``) lives in ``budgetcheck.results``,
so reporters read results without importing the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any

from budgetcheck import deadline, limits
from budgetcheck.catalogue import Rule
from budgetcheck.document import Document, split_documents
from budgetcheck.errors import CheckError
from budgetcheck.findings import Excerpt, Finding, Hit, Location, Mark
from budgetcheck.genres import Genres
from budgetcheck.inputs import InputProblem, Selection, expand
from budgetcheck.limits import Limits
from budgetcheck.numerals import ARITHMETIC, format_money
from budgetcheck.profiles import Profile
from budgetcheck.readers import STDIN, load, stdin_display
from budgetcheck.results import FileResult, LintResult, TextInfo
from budgetcheck.source import InputError, Source

EXCERPT_LIMIT, EXCERPT_CONTEXT = 2000, 500  # characters: findings on longer lines keep a window of the line


@dataclass(frozen=True)
class RunOptions:
    """How a run reads its inputs and sees its texts, besides the rules (picklable but ``progress``)."""

    budget_year: int | None = None  # instead of each text's heading
    genres: Genres = Genres()  # noqa: RUF009 - frozen
    files: Selection = Selection()  # noqa: RUF009 - frozen; --include / --exclude for folders
    stdin_name: str | None = None  # how '-' is named in reports
    progress: Callable[[list[str | InputProblem]], Iterable[str | InputProblem]] | None = None  # wraps the file list
    limits: Limits = Limits()  # noqa: RUF009 - frozen; bounds per file, readers see them through limits.current()


def inputs(paths: list[str], options: RunOptions) -> Iterable[str | InputProblem]:
    """The run's inputs in order, wrapped by the progress display if any."""
    items: Iterable[str | InputProblem] = expand(paths, options.files)
    return options.progress(list(items)) if options.progress is not None else items


def lint_paths(paths: list[str], rules: list[Rule], options: RunOptions = RunOptions()) -> LintResult:
    """Check files one at a time in this process (``budgetcheck.parallel`` spreads them over workers)."""
    result = LintResult(rules=rules)
    marks = new_marks(rules)
    try:
        for item in inputs(paths, options):
            result.add(check_item(item, rules, options), marks)
    except KeyboardInterrupt:
        result.interrupted = True
    return finish(result, rules, marks)


def lint_sources(sources: Iterable[Source], rules: list[Rule], options: RunOptions = RunOptions()) -> LintResult:
    """Check texts already in memory (tests, rule examples)."""
    result = LintResult(rules=rules)
    marks = new_marks(rules)
    for source in sources:
        result.add(check_source(source, rules, options), marks)
    return finish(result, rules, marks)


def check_item(item: str | InputProblem, rules: list[Rule], options: RunOptions = RunOptions()) -> FileResult:
    """One input of a run: a file to read and check, or a problem found while listing inputs."""
    if isinstance(item, InputProblem):
        return FileResult(item.path, problems=[item])
    path = stdin_display(options.stdin_name) if item == STDIN else item
    limits.use(options.limits)
    deadline.start(options.limits.file_time_budget)  # reading counts against the file's budget too
    try:
        source = load(item, options.stdin_name)
        deadline.check()
        return _check(source, rules, options)
    except deadline.OutOfTime:
        return _out_of_time(path, options)
    except InputError as exc:
        return FileResult(path, problems=[InputProblem(path, str(exc))])
    finally:
        deadline.stop()


def check_source(source: Source, rules: list[Rule], options: RunOptions = RunOptions()) -> FileResult:
    """Per-text rules on every text of a file already read, within the file's time budget."""
    limits.use(options.limits)
    deadline.start(options.limits.file_time_budget)
    try:
        return _check(source, rules, options)
    finally:
        deadline.stop()


def _check(source: Source, rules: list[Rule], options: RunOptions) -> FileResult:
    out = FileResult(source.path, read=True, marks=new_marks(rules))
    try:
        with localcontext(ARITHMETIC):
            for doc in split_documents(source, options.genres.all()):
                doc.year = options.budget_year or doc.year
                doc.detection = options.genres.of(doc)
                profile = doc.detection.profile
                out.texts.append(text_info(doc))
                applicable = _applicable(profile, rules)
                out.findings += lint_document(doc, applicable, out.marks, out.problems)
    except deadline.OutOfTime:
        return _out_of_time(source.path, options)
    except (limits.OverLimit, CheckError) as exc:  # a text over a bound, a profile's pattern that ran away
        return FileResult(source.path, read=True, problems=[InputProblem(source.path, str(exc))])
    return out


def _out_of_time(path: str, options: RunOptions) -> FileResult:
    # Partial results would depend on the machine's speed: keep none, say why.
    message = (
        f"checking stopped after {options.limits.file_time_budget:g} s (the time budget per file, "
        "file-time-budget in [limits]); the file is too large or too unusual"
    )
    return FileResult(path, read=True, problems=[InputProblem(path, message)])


def text_info(doc: Document) -> TextInfo:
    """What reports keep of a text: its title and genre, and the part of a publication and the pages it is."""
    part, detection = doc.part, doc.detection
    kind, title = (part.kind, part.title) if part is not None else (None, None)
    return TextInfo(doc.source.path, doc.index, doc.title, doc.department, doc.year, detection.profile.name, detection.why, kind, title, _pages(doc))


def _pages(doc: Document) -> tuple[int, int] | None:
    source = doc.source
    first, last = source.origin_at(doc.start).get("page"), source.origin_at(max(doc.start, doc.end - 1)).get("page")
    return (first, last) if first is not None and last is not None else None


_APPLICABLE: dict[int, tuple[Profile, list[Rule], list[Rule]]] = {}


def _applicable(profile: Profile, rules: list[Rule]) -> list[Rule]:
    """The rules a genre runs; worked out once per profile and rule list, not once per text."""
    cached = _APPLICABLE.get(id(profile))
    # The entry keeps its profile and rule list alive, so an id is never reused while cached.
    if cached is None or cached[0] is not profile or cached[1] is not rules:
        cached = (profile, rules, [rule for rule in rules if profile.allows(rule.code)])
        _APPLICABLE[id(profile)] = cached
    return cached[2]


def new_marks(rules: list[Rule]) -> dict[str, list[Mark]]:
    return {r.code: [] for r in rules if r.run_wide}


def finish(result: LintResult, rules: list[Rule], marks: dict[str, list[Mark]]) -> LintResult:
    """The run-wide pass over every text's marks, then findings in input order."""
    if not result.interrupted:
        result.findings += run_wide_findings(rules, marks)
    rank = {path: i for i, path in enumerate(result.order)}
    result.findings.sort(key=lambda f: (rank.get(f.path, 0), *f.sort_key()[1:]))
    return result


def lint_document(doc: Document, rules: list[Rule], marks: dict[str, list[Mark]], problems: list[InputProblem]) -> list[Finding]:
    """Findings of the per-text rules; run-wide rules only leave their marks."""
    findings = []
    for rule in rules:
        deadline.check()
        try:
            if rule.run_wide:
                marks[rule.code] += [Mark(locate(doc, hit), hit.values) for hit in rule.kind.collect(doc, rule.params)]
            else:
                findings += [to_finding(rule, locate(doc, hit), hit.values) for hit in rule.kind.check(doc, rule.params)]
        except (deadline.OutOfTime, limits.OverLimit):
            raise  # the whole file is reported, not this rule
        except CheckError as exc:  # the rule, not the program, is at fault: say so plainly
            problems.append(InputProblem(doc.source.path, f"rule {rule.code} on text {doc.index}: {exc}"))
        except Exception as exc:
            problems.append(InputProblem(doc.source.path, f"internal error in {rule.code} on text {doc.index}: {exc!r}"))
    return findings


def run_wide_findings(rules: list[Rule], marks: dict[str, list[Mark]]) -> list[Finding]:
    return [
        to_finding(rule, mark.location, values)
        for rule in rules
        if rule.run_wide
        for mark, values in rule.kind.check_run(marks[rule.code], rule.params)
    ]


def locate(doc: Document, hit: Hit) -> Location:
    source = doc.source
    line, column = source.position(hit.start)
    end_line, end_column = source.position(hit.end)
    section = doc.section_at(hit.start)
    line_start, line_end = source.line_span(line)
    if line_end - line_start > EXCERPT_LIMIT:  # a megabyte-long line: keep only the part around the span
        line_start = max(line_start, hit.start - EXCERPT_CONTEXT)
        line_end = min(line_end, max(hit.end, hit.start + 1) + EXCERPT_CONTEXT)
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

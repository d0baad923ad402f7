"""Run rules over files: sources → texts → hits → findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from budgetcheck.catalogue import Rule
from budgetcheck.document import Document, split_documents
from budgetcheck.findings import Excerpt, Finding, Hit
from budgetcheck.inputs import InputProblem, expand
from budgetcheck.numerals import format_money
from budgetcheck.source import InputError, Source, read_source


@dataclass(frozen=True)
class TextInfo:
    """What reports say about a checked text besides its findings."""

    path: str
    index: int
    title: str | None
    department: str | None
    year: int | None


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    files: int = 0
    texts: list[TextInfo] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)  # the rules that ran (reporters describe them)

    @property
    def documents(self) -> int:
        return len(self.texts)


def lint_paths(paths: list[str], rules: list[Rule]) -> LintResult:
    sources: list[Source] = []
    result = LintResult()
    for item in expand(paths):
        if isinstance(item, InputProblem):
            result.problems.append(item)
            continue
        try:
            sources.append(_read(item))
        except InputError as exc:
            result.problems.append(InputProblem(item, str(exc)))
    return lint_sources(sources, rules, result)


def lint_sources(sources: Iterable[Source], rules: list[Rule], result: LintResult | None = None) -> LintResult:
    result = result or LintResult()
    result.rules = rules
    text_rules = [r for r in rules if not r.run_wide]
    run_rules = [r for r in rules if r.run_wide]
    documents: list[Document] = []
    for source in sources:
        result.files += 1
        for doc in split_documents(source):
            documents.append(doc)
            result.texts.append(TextInfo(source.path, doc.index, doc.title, doc.department, doc.year))
            for rule in text_rules:
                result.findings += _run_guarded(result, rule, doc)
    for rule in run_rules:
        result.findings += [to_finding(rule, hit.document, hit) for hit in rule.kind.check_run(documents, rule.params)]
    order = {source_path: i for i, source_path in enumerate(dict.fromkeys(d.source.path for d in documents))}
    result.findings.sort(key=lambda f: (order.get(f.path, 0), *f.sort_key()[1:]))
    return result


def _run_guarded(result: LintResult, rule: Rule, doc: Document) -> list[Finding]:
    """A crash in one check on one text is reported as an input problem; the run goes on."""
    try:
        return [to_finding(rule, doc, hit) for hit in rule.kind.check(doc, rule.params)]
    except Exception as exc:  # noqa: BLE001 - isolate one bad text from the rest of the run
        result.problems.append(InputProblem(doc.source.path, f"internal error in {rule.code} on text {doc.index}: {exc!r}"))
        return []


def _read(path: str) -> Source:
    source = read_source(path)
    if not source.text.strip():
        raise InputError("empty file")
    return source


def to_finding(rule: Rule, doc: Document, hit: Hit) -> Finding:
    source = doc.source
    line, column = source.position(hit.start)
    end_line, end_column = source.position(hit.end)
    section = doc.section_at(hit.start)
    spec = rule.spec
    return Finding(
        path=source.path,
        document=doc.index,
        code=spec.code,
        rule=spec.name,
        severity=spec.severity,
        message=spec.message.format_map({k: _display(v) for k, v in hit.values.items()}),
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        section=section.label if section else None,
        data={k: _plain(v) for k, v in hit.values.items()},
        excerpt=_excerpt(source, line, hit.start, hit.end),
    )


def _excerpt(source: Source, line: int, start: int, end: int) -> Excerpt:
    line_start, line_end = source.line_span(line)
    return Excerpt(text=source.text[line_start:line_end], start=start - line_start, end=min(end, line_end) - line_start)


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

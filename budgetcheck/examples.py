"""Rule examples: build their texts and check that each rule fires, or stays silent, as promised.

The same template serves rule files (``sections:`` examples) and the test suite,
so an example only states what differs from a clean project text.
"""

from __future__ import annotations

from dataclasses import dataclass

from budgetcheck.catalogue import Example, Rule, TextSpec
from budgetcheck.document import PROJECT_TEXT_SECTIONS
from budgetcheck.engine import lint_sources
from budgetcheck.source import source_from_text

DEFAULT_HEADING = "某县民政局\n2026年部门预算重点领域财政项目文本（一）"
TEMPLATE_BODIES = {
    "项目名称": "2026年某县社区服务经费",
    "立项依据": "根据《某县社区服务工作方案》（某办发〔2025〕3号），开展社区服务工作。",
    "项目实施单位": "某县民政局",
    "项目基本概况": "为提升社区服务水平，开展社区服务能力建设，完善社区服务设施。",
    "项目实施内容": "开展社区服务培训，维护社区服务设施。",
    "资金安排情况": "2026年安排社区服务预算资金50,000.00元，主要用于社区服务。",
    "项目实施计划": "2026年1—12月按进度支付社区服务费用50,000.00元。",
    "项目实施成效": "社区服务水平明显提升，群众对社区服务的满意度提高。",
}
_NUMERALS = "一二三四五六七八九十"


def build_text(sections: dict[str, str | None] | None = None, heading: str | None = None) -> str:
    """A clean project text with some section bodies replaced, dropped (None) or added."""
    bodies = {**TEMPLATE_BODIES, **(sections or {})}
    order = [*PROJECT_TEXT_SECTIONS, *(t for t in bodies if t not in PROJECT_TEXT_SECTIONS)]
    lines = [DEFAULT_HEADING if heading is None else heading] if heading != "" else []
    number = 0
    for title in order:
        body = bodies.get(title)
        if body is not None:
            lines += [f"{_NUMERALS[number]}、{title}", body]
        number += 1
    return "\n".join(lines) + "\n"


def example_texts(example: Example) -> list[str]:
    specs: list[TextSpec] = example.texts or [example]
    return [spec.text if spec.text is not None else build_text(spec.sections, spec.heading) for spec in specs]


@dataclass(frozen=True)
class ExampleResult:
    rule: Rule
    expect: str  # "fire" or "pass"
    index: int  # 1-based within its list
    found: int
    example: Example

    @property
    def ok(self) -> bool:
        if self.expect == "pass":
            return self.found == 0
        return self.found == self.example.count if self.example.count else self.found > 0

    @property
    def label(self) -> str:
        return f"{self.rule.code} {self.expect} #{self.index}"


def run_example(rule: Rule, expect: str, index: int, example: Example) -> ExampleResult:
    sources = [source_from_text(t, f"example-{i}.txt") for i, t in enumerate(example_texts(example), 1)]
    findings = lint_sources(sources, [rule]).findings
    return ExampleResult(rule, expect, index, sum(f.code == rule.code for f in findings), example)


def run_examples(rule: Rule) -> list[ExampleResult]:
    examples = rule.spec.examples
    return [
        run_example(rule, expect, index, example)
        for expect, listed in (("fire", examples.fire), ("pass", examples.pass_))
        for index, example in enumerate(listed, 1)
    ]

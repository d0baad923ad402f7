"""Shared helpers: build project texts from section bodies and lint them with the built-in rules."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from budgetcheck.catalogue import builtin_rules_dir, load_rules
from budgetcheck.document import PROJECT_TEXT_SECTIONS
from budgetcheck.engine import lint_sources
from budgetcheck.source import source_from_text

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
sys.path.insert(0, str(REPO))  # the bench corpus generator (bench/corpus.py) is shared with tests

# Property tests: a short run by default (CI), a long one with HYPOTHESIS_PROFILE=fuzz.
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=100, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile("fuzz", max_examples=10_000, deadline=None, suppress_health_check=_SLOW_OK)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
NUMERALS = "一二三四五六七八"

CLEAN_BODIES = {
    "项目名称": "2026年某县社区服务经费",
    "立项依据": "根据《某县社区服务工作方案》（某办发〔2025〕3号）。",
    "项目实施单位": "某县民政局",
    "项目基本概况": "为提升社区服务水平，开展社区服务能力建设。",
    "项目实施内容": "开展社区服务培训和服务设施维护。",
    "资金安排情况": "2026年安排预算资金50,000.00元，主要用于社区服务。",
    "项目实施计划": "2026年1—12月按进度支付社区服务费用50,000.00元。",
    "项目实施成效": "社区服务水平明显提升，群众满意度提高。",
}


def make_text(heading: str | None = "某县民政局\n2026年部门预算重点领域财政项目文本（一）", **bodies: str | None) -> str:
    """A project text with the clean bodies above; pass a body to replace it, or None to drop the section."""
    merged = {**CLEAN_BODIES, **bodies}
    lines = [heading] if heading else []
    for numeral, title in zip(NUMERALS, PROJECT_TEXT_SECTIONS):
        if merged.get(title) is not None:
            lines += [f"{numeral}、{title}", merged[title]]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def builtin_rules():
    return load_rules([builtin_rules_dir()])


@pytest.fixture
def lint_text(builtin_rules):
    """Lint one or more texts given as strings; returns the findings."""

    def run(*texts: str, codes: set[str] | None = None):
        sources = [source_from_text(t, f"t{i}.txt") for i, t in enumerate(texts, 1)]
        findings = lint_sources(sources, builtin_rules).findings
        return [f for f in findings if codes is None or f.code in codes]

    return run

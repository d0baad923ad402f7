"""The literal pre-check of timed patterns: what every match must contain, never a missed match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex

from budgetcheck import literals, quantities, timedregex
from budgetcheck.catalogue import builtin_rules_dir, load_rules


@pytest.mark.parametrize(
    ("pattern", "strings"),
    [
        ("按上述格式依次说明[^\n。]*", {"按上述格式依次说明"}),
        ("如无[^\n。]{0,20}请填[写0]", {"如无"}),  # one string to find before two
        ("(?:社区|政务)事物|事物(?:受理|办理)", {"事物"}),  # the part every spelling shares
        ("a{2}b", {"aab"}),
        ("(a|b)+c?", {"a", "b"}),
        (r"\{\s*(?:PAGE|REF)", {"{"}),  # one string to find before four
    ],
)
def test_needed_strings(pattern: str, strings: set[str]) -> None:
    assert literals.needed(pattern) == strings


@pytest.mark.parametrize(
    "pattern",
    [
        "(?i)abc",  # case-insensitive: a literal says nothing
        "[[:alpha:]]x",  # POSIX class: the regex module reads it differently
        r"\p{Han}+",  # not readable by the standard parser
        r"(?<=前缀)\d+",  # a lookbehind's text lies outside the match
        r"x?y*",
        r"(?i:abc)d?",
    ],
)
def test_patterns_that_promise_nothing(pattern: str) -> None:
    assert literals.needed(pattern) is None


def test_flags_other_than_multiline_promise_nothing() -> None:
    assert literals.needed("abc", re.IGNORECASE) is None
    assert literals.needed("abc", re.MULTILINE) == {"abc"}


def test_presence_of_few_and_many_strings() -> None:
    few, many = literals.Presence(frozenset({"甲乙"})), literals.Presence(frozenset(f"词{i}" for i in range(10)))
    text = "前言甲乙丙，词7。"
    assert few(text, 0, len(text)) and not few(text, 3, len(text))
    assert many(text, 0, len(text)) and not many(text, 0, 6)


def _builtin_patterns() -> list[regex.Pattern[str]]:
    compiled = []
    for rule in load_rules([builtin_rules_dir()]):
        compiled += getattr(rule.params, "_compiled", [])
    return compiled


def test_every_builtin_pattern_match_holds_its_literals() -> None:
    """On the rule examples and real texts, a pattern that matches always passes its pre-check."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(__file__).parent.glob("data/**/*.txt"))]
    texts += [yaml.read_text(encoding="utf-8") for yaml in sorted(builtin_rules_dir().glob("*.yaml"))]
    checked = 0
    for compiled in _builtin_patterns():
        strings = literals.needed(compiled.pattern, compiled.flags & ~regex.VERSION0)
        if strings is None:
            continue
        presence = literals.Presence(strings)
        for text in texts:
            if compiled.search(text):
                checked += 1
                assert presence(text, 0, len(text)), compiled.pattern
    assert checked > 20  # the examples do exercise the patterns


def test_timed_matches_skip_a_text_without_the_literal() -> None:
    compiled = regex.compile("仍保留该表格式[^\n。]*")
    assert timedregex.matches(compiled, "本表无数据。", 0) == []
    assert [m.group() for m in timedregex.matches(compiled, "无此项的，仍保留该表格式，并说明。")] == ["仍保留该表格式，并说明"]


@pytest.mark.parametrize("text, measures, percents", [
    ("新建道路3.5公里，改造农田200亩，完成率95%。", [("3.5", "公里"), ("200", "亩")], ["95"]),
    ("完成率达９５％，覆盖１２０平方米。", [("120", "平方米")], ["95"]),
    ("本项目无可计量的产出，资金50,000.00元。", [], []),
])
def test_measures_and_percents_are_found_with_or_without_their_literals(text: str, measures: list, percents: list) -> None:
    """The quantities skip the measure and percent scans only where no unit or "%" stands."""
    found = quantities.extract(text)
    assert [(str(m.number), m.unit) for m in found.measures] == measures
    assert [str(p.value) for p in found.percents] == percents


def test_presence_of_a_pattern_is_shared_and_promises_nothing_for_an_empty_match() -> None:
    check = literals.presence("会议费\\d+")
    assert check is not None and check("其中差旅费5万元", 0, 8) is False and check("其中会议费5万元", 0, 8) is True
    assert literals.presence("会议费\\d+") is check  # parsed once for timed patterns and quantities alike
    assert literals.presence("x*") is None  # matches the empty string: never skip the search

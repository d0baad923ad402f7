"""Every rule's own examples, from its YAML file: must-fire texts fire, must-pass texts stay silent."""

import pytest

from budgetcheck.catalogue import builtin_rules_dir, load_rules
from budgetcheck.examples import run_example

RULES = load_rules([builtin_rules_dir()])
CASES = [
    pytest.param(rule, expect, index, example, id=f"{rule.code}-{expect}-{index}")
    for rule in RULES
    for expect, listed in (("fire", rule.spec.examples.fire), ("pass", rule.spec.examples.pass_))
    for index, example in enumerate(listed, 1)
]


@pytest.mark.parametrize(("rule", "expect", "index", "example"), CASES)
def test_rule_example(rule, expect, index, example):
    result = run_example(rule, expect, index, example)
    assert result.ok, f"{result.label}: {result.found} finding(s); {example.note or ''}"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_has_both_kinds_of_example(rule):
    assert rule.spec.examples.fire and rule.spec.examples.pass_

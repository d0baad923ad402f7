"""Rule files: the built-in catalogue loads, and a malformed rule names file and field."""

from pathlib import Path

import pytest

from budgetcheck.catalogue import RuleError, builtin_rules_dir, load_rule, load_rules
from budgetcheck.checks import KINDS

GOOD = """\
code: X101
name: no-todo
severity: warning
kind: pattern
message: 未完成标记“{match}”
description: TODO markers left in a text.
params:
  patterns: ['TODO']
"""


def write(tmp_path: Path, text: str, name: str = "X101.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_catalogue_loads_every_rule():
    rules = load_rules([builtin_rules_dir()])
    codes = [r.code for r in rules]
    assert codes == sorted(codes) and len(codes) == len(set(codes))
    promised = "A101 A102 A103 A104 A105 C101 C102 N101 N102 N103 N104 S101 S102 S103 S201 S202 S203 T101 T102 T103"
    assert set(promised.split()) <= set(codes)
    assert {r.spec.kind for r in rules} == set(KINDS)


def test_a_user_rule_loads(tmp_path):
    rule = load_rule(write(tmp_path, GOOD))
    assert (rule.code, rule.spec.severity.value) == ("X101", "warning")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("severity: warning", "severity: fatal"), "severity"),
        (("kind: pattern", "kind: magic"), "kind: unknown check kind 'magic'"),
        (("code: X101", "code: x1"), "code"),
        (("params:\n  patterns: ['TODO']", "params:\n  patterns: ['(']"), "params: invalid regular expression"),
        (("params:\n  patterns: ['TODO']", "params:\n  patterns: ['a']\n  colour: red"), "params.colour: Extra inputs are not permitted"),
        (("message: 未完成标记“{match}”", "message: 未完成{total}"), "message: unknown placeholder {total}"),
        (("description: TODO markers left in a text.\n", ""), "description: Field required"),
    ],
)
def test_malformed_rule_names_file_and_field(tmp_path, change, expected):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(RuleError) as caught:
        load_rule(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and expected in message
    assert "\n" not in message


def test_invalid_yaml_is_one_line(tmp_path):
    path = write(tmp_path, "code: [unclosed\n")
    with pytest.raises(RuleError, match="invalid YAML"):
        load_rule(path)


def test_user_rule_overrides_builtin_by_code(tmp_path):
    write(tmp_path, GOOD.replace("X101", "S203"), "S203.yaml")
    rules = {r.code: r for r in load_rules([builtin_rules_dir(), tmp_path])}
    assert rules["S203"].spec.name == "no-todo"


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("balance", "  income: '^收入总计('"),
        ("subject_amount", "  column: '[合计'"),
        ("table_sums", "  total_header: '(?P<x'"),
        ("table_agreement", "  names: '支出)'"),
        ("table_totals", "  quantities:\n    - name: 收入总计\n      places:\n        - table: '收支总表('\n          row: 收入总计"),
    ],
)
def test_the_table_kinds_patterns_are_checked_when_the_rule_loads(tmp_path, kind, params):
    # A bad pattern used to pass the load and fail on the first table, as an internal error.
    rule = GOOD.replace("kind: pattern", f"kind: {kind}").replace("message: 未完成标记“{match}”", "message: 不符").replace(
        "params:\n  patterns: ['TODO']", f"params:\n{params}")
    path = write(tmp_path, rule)
    with pytest.raises(RuleError) as caught:
        load_rule(path)
    assert "invalid regular expression" in str(caught.value) and str(caught.value).startswith(f"{path}: params.")

"""The documentation stays true: generated parts are current, the worked example works."""

import re
import shutil
import textwrap
import types

from conftest import REPO

from budgetcheck import checks
from budgetcheck.catalogue import builtin_rules_dir, load_rule, load_rules
from budgetcheck.config import Config, tomllib
from budgetcheck.examples import run_examples
from budgetcheck.ruleview import GENERATED, regenerate

RULES_DOC = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")


def test_generated_docs_are_current(tmp_path):
    for name in GENERATED:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, tmp_path / name)
    changed = regenerate(tmp_path, load_rules([builtin_rules_dir()]))
    assert changed == [], "run `python -m budgetcheck.ruleview` to refresh the generated docs"


def blocks(language):
    return [textwrap.dedent(b) for b in re.findall(rf"```{language}\n(.*?)```", RULES_DOC, re.S)]


def test_rule_file_example_in_docs_is_valid_and_its_examples_pass(tmp_path):
    path = tmp_path / "P901.yaml"
    path.write_text(blocks("yaml")[0], encoding="utf-8")
    rule = load_rule(path)
    assert rule.code == "P901" and all(r.ok for r in run_examples(rule))


def test_worked_example_new_kind(tmp_path, monkeypatch):
    (source,) = blocks("python")
    module = types.ModuleType("required_phrase")
    exec(compile(source, "docs/rules.md", "exec"), module.__dict__)
    monkeypatch.setitem(checks.KINDS, "required_phrase", module)
    rule_yaml = next(b for b in blocks("yaml") if "code: P902" in b)
    path = tmp_path / "P902.yaml"
    path.write_text(rule_yaml, encoding="utf-8")
    results = run_examples(load_rule(path))
    assert len(results) == 2 and all(r.ok for r in results)


def test_config_example_in_docs_parses():
    (toml,) = re.findall(r"```toml\n(.*?)```", RULES_DOC, re.S)
    config = Config.model_validate(tomllib.loads(toml))
    assert config.required_sections[-1] == "绩效目标"


README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_rule_example_works(tmp_path):
    (rule_yaml,) = [b for b in re.findall(r"```yaml\n(.*?)```", README, re.S) if b.startswith("code:")]
    path = tmp_path / "X101.yaml"
    path.write_text(rule_yaml, encoding="utf-8")
    results = run_examples(load_rule(path))
    assert results and all(r.ok for r in results)


def test_readme_config_example_is_valid():
    (toml,) = re.findall(r"```toml\n(.*?)```", README, re.S)
    config = Config.model_validate(tomllib.loads(toml))
    assert config.ignore == ["T102"] and config.severity["N104"].value == "info"

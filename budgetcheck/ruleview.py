"""How rules are shown to people: the catalogue table, `explain`, example results, generated docs.

The README's catalogue and docs/rules.md's kind reference are generated from
here (``python -m budgetcheck.ruleview``), so documentation never drifts from
the rule files and the kinds' parameter models.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml
from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text

from budgetcheck.catalogue import Example, Rule
from budgetcheck.checks import KINDS
from budgetcheck.examples import ExampleResult
from budgetcheck.profiles import Profile

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def summary(rule: Rule) -> str:
    return rule.summary


def rules_table(rules: list[Rule]) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("code", "name", "severity", "kind"):
        table.add_column(column, no_wrap=True)
    table.add_column("summary", ratio=1, overflow="fold")
    for rule in rules:
        severity = rule.spec.severity.value
        table.add_row(rule.code, rule.spec.name, Text(severity, style=SEVERITY_STYLES[severity]), rule.spec.kind, summary(rule))
    return table


def rules_json(rules: list[Rule]) -> list[dict[str, Any]]:
    return [
        {
            "code": r.code,
            "name": r.spec.name,
            "severity": r.spec.severity.value,
            "kind": r.spec.kind,
            "summary": summary(r),
            "description": r.spec.description.strip(),
            "message": r.spec.message,
            "params": r.params.model_dump(mode="json"),
            "path": str(r.path),
        }
        for r in rules
    ]


def explain(rule: Rule) -> RenderableType:
    spec = rule.spec
    parts: list[RenderableType] = [
        Text(f"{spec.code} {spec.name}", style="bold"),
        Text(f"severity: {spec.severity.value}    kind: {spec.kind}    file: {rule.path}"),
        Text(""),
        Markdown(spec.description.strip()),
        Text(""),
        Text("Message: ", style="bold") + Text(spec.message),
    ]
    params = rule.params.model_dump(mode="json")
    if params:
        parts += [Text("Parameters:", style="bold"), Text(_indent(yaml.safe_dump(params, allow_unicode=True, sort_keys=False)))]
    for expect, listed in (("fire", spec.examples.fire), ("pass", spec.examples.pass_)):
        for index, example in enumerate(listed, 1):
            title = f"Example: must {'fire' if expect == 'fire' else 'stay silent'} #{index}"
            parts.append(Text(title + (f" — {example.note}" if example.note else ""), style="bold"))
            parts.append(Text(_indent(_example_source(example))))
    return Group(*parts)


def examples_table(results: list[ExampleResult]) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("result", "rule", "example", "findings", "note"):
        table.add_column(column)
    for result in results:
        mark = Text("PASS", style="green") if result.ok else Text("FAIL", style="bold red")
        expected = "≥1" if result.expect == "fire" and not result.example.count else str(result.example.count or 0)
        table.add_row(mark, result.rule.code, f"{result.expect} #{result.index}", f"{result.found} (want {expected})", result.example.note or "")
    return table


def profiles_table(profiles: dict[str, Profile]) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("profile", "sections", "rules"):
        table.add_column(column, no_wrap=True)
    table.add_column("genre", ratio=1, overflow="fold")
    for profile in profiles.values():
        rules = "all" if not profile.ignore and profile.select == ["ALL"] else ", ".join(
            [*(f"+{s}" for s in profile.select if s != "ALL"), *(f"-{i}" for i in profile.ignore)]
        )
        genre = profile.description.strip().split(":")[0].replace("\n", " ")
        table.add_row(profile.name, str(len(profile.sections)) if profile.sections else "—", rules, genre)
    return table


def catalogue_markdown(rules: list[Rule]) -> str:
    rows = ["| code | name | severity | fires when |", "|---|---|---|---|"]
    rows += [f"| {r.code} | {r.spec.name} | {r.spec.severity.value} | {summary(r)} |" for r in rules]
    return "\n".join(rows) + "\n"


def kinds_markdown() -> str:
    sections = []
    for name, module in sorted(KINDS.items()):
        doc = (module.__doc__ or "").strip()
        lines = [f"### `{name}`", "", doc, ""]
        fields = module.Params.model_fields
        if fields:
            lines += ["| parameter | type | default | meaning |", "|---|---|---|---|"]
            for field_name, info in fields.items():
                default = "required" if info.is_required() else f"`{_short(info.default)}`"
                lines.append(f"| `{field_name}` | {_type_name(info.annotation)} | {default} | {info.description or ''} |")
            lines.append("")
        lines.append("Placeholders: " + ", ".join(f"`{{{f}}}` {d}" for f, d in module.FIELDS.items()) + ("" if module.FIELDS else "none"))
        sections.append("\n".join(lines))
    return "\n\n".join(sections) + "\n"


def _example_source(example: Example) -> str:
    """What the example states, as in its rule file: changed sections only, or the whole text."""
    shown = example.model_dump(include={"text", "sections", "heading", "texts", "count"}, exclude_none=True)
    return yaml.safe_dump(shown, allow_unicode=True, sort_keys=False, width=200).rstrip("\n")


def _short(value: Any) -> str:
    text = str(value if not isinstance(value, list) else ", ".join(map(str, value)))
    return text if len(text) <= 40 else text[:37] + "…"


def _type_name(annotation: Any) -> str:
    name = str(annotation) if getattr(annotation, "__origin__", None) else getattr(annotation, "__name__", str(annotation))
    return name.replace("typing.", "").replace("decimal.", "").replace("budgetcheck.checks.stale_phrase.", "").replace("|", "\\|")


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


GENERATED = {
    "README.md": ("<!-- catalogue:start -->", "<!-- catalogue:end -->", lambda rules: catalogue_markdown(rules)),
    "docs/rules.md": ("<!-- kinds:start -->", "<!-- kinds:end -->", lambda rules: kinds_markdown()),
}


def regenerate(root: Path, rules: list[Rule]) -> list[Path]:
    """Rewrite the generated parts of the docs; return the files that changed."""
    changed = []
    for name, (start, end, render) in GENERATED.items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        new = f"{head}{start}\n{render(rules)}{end}{tail}"
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


if __name__ == "__main__":  # python -m budgetcheck.ruleview: refresh generated docs
    from budgetcheck.catalogue import builtin_rules_dir, load_rules

    repo = Path(__file__).resolve().parent.parent
    for changed_path in regenerate(repo, load_rules([builtin_rules_dir()])):
        print(f"updated {changed_path}", file=sys.stderr)

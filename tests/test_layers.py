"""The package's import layers: data flows one way, readers → document → quantities → rules → findings → reporters.

Each module may import modules of its own layer or below, never above, and no
import may close a cycle. A new module must be given a layer here.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "budgetcheck"

# Lowest first. A module's layer is the one naming it, or its package ("checks" covers checks.*).
LAYERS: list[set[str]] = [
    {"budgetcheck", "numerals", "blocks", "template", "deadline", "exitcodes", "atomic", "findings", "schema", "selection", "progress", "limits", "timedregex", "literals"}
    | {"printable", "errors", "i18n", "validated", "json_text", "deferred_re"},
    {"source"},
    {"readers", "inputs", "profiles"},
    {"outline", "quantities", "publication", "tables"},
    {"document"},
    {"breakdowns", "claims", "figures"},
    {"checks", "catalogue"},
    {"genres", "results"},
    {"engine", "examples", "parallel", "config", "settings", "cache"},
    {"reporters", "checklist", "inspection", "extraction", "fingerprints", "baseline", "ruleview"},
    {"delivery", "annotate", "serve", "usage", "cli", "__main__"},
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts) or "budgetcheck"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "budgetcheck":
            base = node.module.removeprefix("budgetcheck").lstrip(".") or "budgetcheck"
            found.add(base)
            folder = PACKAGE if base == "budgetcheck" else PACKAGE / base.replace(".", "/")
            for alias in node.names:  # "from budgetcheck.checks import items_sum" imports a module
                if (folder / f"{alias.name}.py").exists() or (folder / alias.name / "__init__.py").exists():
                    found.add(f"{base}.{alias.name}" if base != "budgetcheck" else alias.name)
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("budgetcheck.") for a in node.names if a.name.split(".")[0] == "budgetcheck")
    return found


def _graph() -> dict[str, set[str]]:
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        name = _module_name(path)
        graph[name] = {m for m in _imports(path) if m != name}
    return graph


def _layer(module: str) -> int:
    head = module.split(".")[0]
    for index, layer in enumerate(LAYERS):
        if module in layer or head in layer:
            return index
    raise AssertionError(f"budgetcheck.{module} has no layer in tests/test_layers.py")


def test_every_module_has_a_layer():
    for module in _graph():
        _layer(module)


def test_every_import_goes_down_or_sideways():
    upward = [
        f"{module} (layer {_layer(module)}) imports {target} (layer {_layer(target)})"
        for module, targets in _graph().items()
        for target in targets
        if _layer(target) > _layer(module)
    ]
    assert upward == []


def test_no_import_cycles():
    graph = _graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            # A package's __init__ importing its own submodules is how it registers them, not a cycle.
            if target.startswith(module + ".") or module == "budgetcheck":
                continue
            if state.get(target) == 1:
                cycles.append(" → ".join([*path, module, target]))
            elif target not in state:
                visit(target, [*path, module])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    assert cycles == []


def test_reporters_read_results_not_the_engine():
    graph = _graph()
    offenders = sorted(m for m, targets in graph.items() if m.startswith("reporters") and "engine" in targets)
    assert offenders == []

"""On the generated corpus budgetcheck finds every injected slip, and nothing on clean texts.

The corpus (bench/corpus.py) writes amounts in every form (grouped, plain, 万元, 亿元,
人民币…, 大写), several texts per file, some files in GB18030; about one text in four
carries one slip. Each text must get exactly the findings its slip calls for.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from bench.corpus import EXPECTED, SLIPS, generate, misjudged, name_key
from budgetcheck.engine import RunOptions
from budgetcheck.parallel import lint_paths
from budgetcheck.settings import Options, resolve


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    slips: dict[tuple[str, int], str | None] = {}
    generate(folder, 640, seed=21, slips=slips)  # large enough to hold every slip kind
    settings = resolve(Options())
    result = lint_paths([str(folder)], settings.rules, RunOptions(genres=settings.genres), jobs=1)
    found: dict[tuple[str, int], set[str]] = defaultdict(set)
    for finding in result.findings:
        found[finding.path, finding.document].add(finding.code)
    titles = {(info.path, info.index): name_key(info.title) for info in result.texts}
    return slips, found, titles, result


def test_every_slip_kind_occurs(corpus):
    slips = corpus[0]
    assert set(SLIPS) == set(EXPECTED) - {None}
    assert set(slips.values()) == set(EXPECTED), "the corpus is too small to hold every slip"


def test_each_text_gets_exactly_the_findings_of_its_slip(corpus):
    slips, found, titles, result = corpus
    assert not result.problems
    wrong = misjudged(slips, found, titles)
    assert not wrong, f"{len(wrong)} of {len(slips)} texts: {list(wrong.items())[:5]}"


def test_every_name_with_two_budgets_is_reported(corpus):
    slips, found, titles, _ = corpus
    by_title = defaultdict(list)
    for key, title in titles.items():
        by_title[title].append(key)
    duplicated = [keys for keys in by_title.values() if any(slips[k] == "duplicate-title" for k in keys)]
    assert duplicated
    for keys in duplicated:
        assert any("N101" in found.get(k, set()) for k in keys), [titles[k] for k in keys]
    lonely = [keys[0] for keys in by_title.values() if len(keys) == 1]
    assert not [k for k in lonely if "N101" in found.get(k, set())]

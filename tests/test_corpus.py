"""On the generated corpus budgetcheck finds every injected slip, and nothing on clean texts.

The corpus (bench/corpus.py) writes amounts in every form (grouped, plain, 万元, 亿元,
人民币…, 大写), several texts per file, some files in GB18030; about one text in four
carries one slip. Each text must get exactly the findings its slip calls for.

The publications (bench/publications.py) are whole 部门预算 / 单位预算 as .txt and .docx: cover,
目录, chapters, the nine tables, 其他相关情况说明 and 项目经费情况说明 blocks, with text and tables
agreeing everywhere. Each must be split into the parts it was written with, and get exactly the
findings of its slip (none when clean), all in the kind of part the slip was put in.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from bench import publications as publications_corpus
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


# --- Whole publications (bench/publications.py): one slip each, in the part where it belongs.


@pytest.fixture(scope="module")
def publications(tmp_path_factory):
    folder = tmp_path_factory.mktemp("publications")
    slips: dict[str, str | None] = {}
    parts: dict[str, list[tuple[str, str]]] = {}
    # Every slip kind twice (in two publications drawn apart), and every third publication clean.
    publications_corpus.generate(folder, 3 * len(publications_corpus.SLIPS), seed=5, slips=slips, parts=parts)
    settings = resolve(Options())
    result = lint_paths([str(folder)], settings.rules, RunOptions(genres=settings.genres), jobs=1)
    return slips, parts, result


def test_publications_hold_every_slip_kind_in_both_file_forms(publications):
    slips = publications[0]
    assert set(slips.values()) == {None, *publications_corpus.SLIPS}
    assert {Path(path).suffix for path in slips} == {".txt", ".docx"}
    assert {Path(path).suffix for path, name in slips.items() if name is None} == {".txt", ".docx"}


def test_publications_are_split_into_the_parts_they_were_written_with(publications):
    _, parts, result = publications
    assert not result.problems
    found: dict[str, list[tuple[str | None, str | None]]] = defaultdict(list)
    for info in result.texts:
        found[info.path].append((info.part, info.part_title or ""))
    assert {path: found[path] for path in parts} == parts
    assert all(sum(kind == "table" for kind, _ in expected) == 9 for expected in parts.values())


def test_each_publication_gets_exactly_the_findings_of_its_slip_in_its_place(publications):
    slips, _, result = publications
    kinds = {(info.path, info.index): info.part for info in result.texts}
    found: dict[str, set[str]] = defaultdict(set)
    places: dict[str, set[str | None]] = defaultdict(set)
    for finding in result.findings:
        found[finding.path].add(finding.code)
        places[finding.path].add(kinds[finding.path, finding.document])
    wrong = publications_corpus.misjudged(slips, found)
    assert not wrong, f"{len(wrong)} of {len(slips)} publications: {list(wrong.items())[:5]}"
    misplaced = {path: places[path] for path, name in slips.items() if name and places[path] != {publications_corpus.SLIPS[name].place}}
    assert not misplaced


def test_project_names_shared_by_departments_are_not_one_project(publications):
    # Departments of one kind run projects of one name ("科技创新专项经费情况说明" in two districts,
    # or one department's budgets of two years); N101 must not take them for one project with two budgets.
    _, _, result = publications
    owners: dict[str, set[str]] = defaultdict(set)
    for info in result.texts:
        if info.part == "project":
            owners[info.part_title or ""].add(info.path)
    assert any(len(paths) > 1 for paths in owners.values())
    assert not [f for f in result.findings if f.code == "N101"]

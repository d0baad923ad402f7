"""Splitting files into project texts and texts into sections."""

from conftest import SAMPLES, make_text

from budgetcheck.document import split_documents
from budgetcheck.source import read_source, source_from_text


def test_seed_with_two_texts_is_split():
    docs = split_documents(read_source(SAMPLES / "000_c68cd09910643be1.txt"))
    assert len(docs) == 2
    for doc in docs:
        assert doc.department == "中共新平彝族傣族自治县委员会社会工作部"
        assert doc.year == 2026
        assert doc.title == "2026年新平县党建引领小区治理工作经费"
        assert [s.number for s in doc.sections] == list(range(1, 9))
    first, second = docs
    source = first.source
    # the second text starts at its department line, not at the blank lines before it
    assert source.position(second.start)[0] == 32
    assert source.text[second.start :].startswith("中共新平彝族傣族自治县委员会社会工作部\n2026年")


def test_department_on_the_heading_line():
    (doc,) = split_documents(read_source(SAMPLES / "003_d0cdb9e489cb1e09.txt"))
    assert doc.department == "云南新平产业园区管理委员会"
    assert doc.year == 2026
    assert doc.title == "云南新平产业园区党务工作经费。"
    assert [s.title for s in doc.sections][5] == "资金安排情况"


def test_section_heading_variants_are_tolerated():
    text = "一. 项目名称\n甲\n二，立项依据\n乙\n三、　项目实施单位\n丙\n　四、项目基本概况\n丁\n五 、项目实施内容\n戊\n"
    (doc,) = split_documents(source_from_text(text))
    assert [s.title for s in doc.sections] == ["项目名称", "立项依据", "项目实施单位", "项目基本概况", "项目实施内容"]


def test_body_lines_are_not_sections():
    text = make_text(项目实施内容="一是开展培训。\n二是支持企业。\n（一）加强管理。\n十分重要，三、四个方面都要做好，效果很好。")
    (doc,) = split_documents(source_from_text(text))
    assert len(doc.sections) == 8


def test_unknown_short_heading_is_a_section():
    text = make_text() + "九、绩效目标\n满意度达到95%。\n"
    (doc,) = split_documents(source_from_text(text))
    assert doc.sections[-1].title == "绩效目标"
    assert not doc.sections[-1].known


def test_file_without_heading_is_one_text():
    (doc,) = split_documents(source_from_text(make_text(heading=False)))
    assert doc.department is None and doc.year is None
    assert doc.title == "2026年某县社区服务经费"


def test_sentence_mentioning_project_text_is_not_a_heading():
    text = make_text(立项依据="根据2026年部门预算重点领域财政项目文本编制要求，结合实际编制。")
    assert len(split_documents(source_from_text(text))) == 1


def test_section_body_and_quantities_are_per_text():
    text = make_text(资金安排情况="预算5万元。") + make_text(资金安排情况="预算7万元。")
    first, second = split_documents(source_from_text(text))
    assert first.body(first.section("资金安排情况")) == "预算5万元。\n"
    assert [str(a.value) for a in second.quantities.amounts] == ["70000", "50000.00"]

"""False alarms seen on real narrative texts (budget explanations, reports, performance tables).

Each text is a short one modelled on a real one: the arithmetic is right, and the
checker used to take the wrong parts or the wrong total. Nothing may be reported,
and where the text really is wrong the finding must still come.
"""

from budgetcheck.blocks import Block, Cell, Layout
from budgetcheck.checks import repeated_text
from budgetcheck.document import split_documents
from budgetcheck.outline import parse_outline, walk
from budgetcheck.source import Source

HEAD = "2024年部门预算说明\n一、预算情况说明\n"
ARITHMETIC = {"A101", "A109", "C101", "C102", "S104", "T103"}


def numbers(text):
    return [(item.style, item.number) for item in walk(parse_outline(text, 0, len(text)))]


# 1. numbering that changes style midway: ①…⑩ then 11、12、
CIRCLED_THEN_DIGITS = HEAD + (
    "项目支出预算合计120万元，具体如下：①办公费10万元；②印刷费10万元；③咨询费10万元；④手续费10万元；⑤水费10万元；"
    "⑥电费10万元；⑦邮电费10万元；⑧物业管理费10万元；⑨差旅费10万元；⑩维修费15万元；11、租赁费5万元；12、会议费10万元。\n"
)


def test_circled_list_goes_on_in_digits_as_one_run():
    assert numbers("①甲；②乙；⑩丙；11、丁；12、戊。")[-2:] == [("circled", 11), ("circled", 12)]
    assert numbers("①甲；②乙；3、丙。")[-1] == ("ar_dot", 3)  # only past ⑩: "3、" after ② is a new list


def test_circled_then_digits_is_summed_whole(lint_text):
    assert lint_text(CIRCLED_THEN_DIGITS, codes=ARITHMETIC) == []
    wrong = CIRCLED_THEN_DIGITS.replace("12、会议费10万元", "12、会议费20万元")
    (finding,) = lint_text(wrong, codes={"A101"})
    assert "= 130 ≠ 120" in finding.message


# 2. a year (or an amount) right after an item number
def test_year_after_an_item_number_keeps_the_item():
    for text in ["1、甲。\n2、乙。\n3、2024-2025年度结转。\n4、丁。", "1．甲。\n2．2025年启动。\n3．丙。",
                 "1.甲。\n2.2024—2025年实施。\n3.丙。", "1、甲。\n2、20万元用于培训。\n3、丙。", "（1）甲。（2）2025年。（3）丙。"]:
        assert [n for _, n in numbers(text)] == list(range(1, len(numbers(text)) + 1)) and len(numbers(text)) >= 3, text
    assert numbers("1.甲。\n2.5万元。") == [("ar_dot", 1)]  # "2.5万元" is a decimal, not item 2


def test_year_after_an_item_number_is_no_gap(lint_text):
    text = HEAD + "1、完善制度。\n2、加强管理。\n3、2017-2018年度结转资金清理完毕。\n4、做好绩效评价。\n"
    assert lint_text(text, codes={"S104"}) == []


# 3. formula items count their result
def test_formula_item_counts_its_result(lint_text):
    text = HEAD + "人员经费合计302.05万元，其中：1.基本工资210043元×12月=252.05万元；2.津贴补贴50万元。\n"
    assert lint_text(text, codes=ARITHMETIC) == []
    listed = HEAD + "人员经费合计302.05万元，分别为：基本工资210043元×12月=252.05万元、津贴补贴50万元。\n"
    assert lint_text(listed, codes=ARITHMETIC) == []
    assert lint_text(listed.replace("津贴补贴50万元", "津贴补贴60万元"), codes={"A101"})


# 4. change amounts (增支/减支/增收/减收/节支) are no parts
def test_change_amounts_are_no_parts(lint_text):
    for word in ["增支", "减支", "增收", "减收", "节支"]:
        text = HEAD + f"一般公共预算支出合计500万元，其中：基本支出400万元，比上年{word}20万元；项目支出100万元。\n"
        assert lint_text(text, codes=ARITHMETIC) == [], word


# 5. 其中 without a colon
def test_of_which_without_a_colon(lint_text):
    text = HEAD + "一般公共预算收入合计500万元，其中一般公共预算拨款400万元、政府性基金50万元。\n"
    (finding,) = lint_text(text, codes={"A101"})
    assert "400 + 50 = 450 ≠ 500" in finding.message
    assert lint_text(text.replace("50万元", "100万元"), codes=ARITHMETIC) == []


# 6. C101: items that are quantities of the announced measure word; lists running onto the next line
def test_list_of_quantities_is_not_counted_as_entries(lint_text):
    text = HEAD + "共有公厕1964座，其中：一类公厕1座、二类公厕17座、三类公厕128座、其他公厕1818座。\n"
    assert lint_text(text, codes=ARITHMETIC) == []


def test_list_running_onto_the_next_line(lint_text):
    text = HEAD + "建设项目8个，分别为：甲村道路、乙村道路、丙村道路、丁村道路、\n戊村道路、己村道路、庚村道路、辛村道路。\n"
    assert lint_text(text, codes=ARITHMETIC) == []
    (finding,) = lint_text(text.replace("、辛村道路", ""), codes={"C101"})
    assert finding.data["listed"] == 7


# 7. T103: repeats across table cells or starting inside a number
def test_repeat_across_cells_is_no_doubled_word():
    text = "支出合计合计\n主要用于用于支持。安排115万元15万元。一步一步推进。"
    row = Block("table_row", 0, 6, table=1, row=1, cells=(Cell(0, 4, 0), Cell(4, 6, 1)))
    source = Source("x.pdf", text, "utf-8", layout=Layout(blocks=[row, Block("paragraph", 7, len(text))]))
    (doc,) = split_documents(source)
    assert [h.values["repeated"] for h in repeated_text.check(doc, repeated_text.Params())] == ["用于用于"]


# 8. numbers glued to a word; an excerpt starting in the middle of a list
def test_numbers_glued_to_a_word_continue_a_run():
    assert [n for _, n in numbers("目录 1.收支总表 2.收入总表3.支出总表4.财政拨款收支总表")] == [1, 2, 3, 4]
    assert numbers("详见附表4.说明") == []  # glued, with no run to continue: a table's name


def test_excerpt_starting_mid_list_is_not_summed(lint_text):
    text = HEAD + "5.办公费10万元；\n6.印刷费20万元；\n7.会议费30万元。\n以上合计300万元。\n"
    assert lint_text(text, codes=ARITHMETIC) == []


# 9. vertical lists announced at a line end
def test_vertical_list_is_counted(lint_text):
    text = HEAD + "重点项目3个，分别为：\n1.甲项目建设。\n2.乙项目建设。\n3.丙项目建设。\n二、其他说明\n无。\n"
    assert lint_text(text, codes={"C101"}) == []
    (finding,) = lint_text(text.replace("3个", "4个"), codes={"C101"})
    assert (finding.data["declared"], finding.data["listed"]) == (4, 3)
    assert finding.message == "声明4个，实际列出3个"


# 10. measured quantities: 其中 parts of a floor area, nested
FLOOR = HEAD + (
    "本工程规划建筑面积约为13459平方米，其中地上建筑面积为8013平方米（其中计容面积7998平方米，不计容面积105平方米），"
    "地下建筑面积为5356平方米，建筑高度为29.8米。\n"
)


def test_measures_are_extracted_once():
    (doc,) = split_documents(Source("x.txt", "用地3.5万平方米，道路2.1公里，绿地120亩，面积50㎡。", "utf-8"))
    assert [(str(m.value), m.unit) for m in doc.quantities.measures] == [
        ("35000.0", "平方米"), ("2.1", "公里"), ("120", "亩"), ("50", "平方米")]


def test_floor_area_parts_nested_and_the_transposition(lint_text):
    found = lint_text(FLOOR, codes={"C201"})
    assert [f.data["arithmetic"] for f in found] == ["8013 + 5356 = 13369 ≠ 13459", "7998 + 105 = 8103 ≠ 8013"]
    assert found[1].message == ("“地上建筑面积为8013平方米”与其中各项之和不符：7998 + 105 = 8103 ≠ 8013（平方米）"
                                "；“8013”若为“8103”（相邻两位数字颠倒），两处合计均相符")
    assert lint_text(FLOOR.replace("8013", "8103"), codes={"C201"}) == []


def test_no_transposition_claimed_when_none_makes_the_sums_hold(lint_text):
    (finding,) = lint_text(HEAD + "总建筑面积13459平方米，其中地上8000平方米，地下5356平方米。\n", codes={"C201"})
    assert finding.data["hint"] == ""


def test_approximate_whole_within_its_rounding(lint_text):
    assert lint_text(HEAD + "总建筑面积约13000平方米，其中地上8013平方米，地下5356平方米。\n", codes={"C201"}) == []
    assert lint_text(HEAD + "总建筑面积约14000平方米，其中地上8013平方米，地下5356平方米。\n", codes={"C201"})


def test_glued_number_that_was_a_name_is_no_repeat(lint_text):
    text = HEAD + "1.加强管理。2.完善制度，详见附表3.相关说明。3.推进项目。\n"
    assert lint_text(text, codes={"S104"}) == []

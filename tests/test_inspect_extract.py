"""The reviewer commands: `inspect` shows how a file was read, `extract` tabulates the texts."""

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal

import pytest
from conftest import SAMPLES, make_text

from budgetcheck.extraction import COLUMNS

SEED_000 = str(SAMPLES / "000_c68cd09910643be1.txt")
SEED_003 = str(SAMPLES / "003_d0cdb9e489cb1e09.txt")


def run(*args):
    return subprocess.run([sys.executable, "-m", "budgetcheck", *args], capture_output=True, text=True, encoding="utf-8")


# --- inspect ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def inspected_003():
    result = run("inspect", "--format", "json", SEED_003)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_inspect_json_sections_with_line_ranges(inspected_003):
    # the file ends in "\n " — a last line holding one space — so it has 20 lines
    assert inspected_003["lines"] == 20 and inspected_003["encoding"] == "utf-8"
    (text,) = inspected_003["texts"]
    assert (text["department"], text["year"], text["title"]) == ("云南新平产业园区管理委员会", 2026, "云南新平产业园区党务工作经费。")
    assert [(s["label"], s["lines"]) for s in text["sections"]] == [
        ("一、项目名称", [2, 3]), ("二、立项依据", [4, 5]), ("三、项目实施单位", [6, 7]), ("四、项目基本概况", [8, 10]),
        ("五、项目实施内容", [11, 13]), ("六、资金安排情况", [14, 15]), ("七、项目实施计划", [16, 17]), ("八、项目实施成效", [18, 19]),
    ]


def test_inspect_json_amounts_have_yuan_values_and_roles(inspected_003):
    (text,) = inspected_003["texts"]
    by_text = {(a["line"], a["column"]): a for a in text["amounts"]}
    slip = by_text[15, 124]
    assert (slip["text"], slip["yuan"], slip["roles"], slip["section"]) == ("15,000.00万元", "150000000.00", ["item"], "六、资金安排情况")
    assert by_text[5, 105]["roles"] == ["rate"]  # 不少于10,000.00元
    assert [a["roles"] for a in text["amounts"] if a["section"] == "七、项目实施计划"] == [["plan"], ["plan"]]
    assert text["budget"]["total"] == "50000.00" and text["plan"]["total"] == "50000.00"
    (enumeration,) = text["enumerations"]
    assert enumeration["trigger"] == "分别是"
    assert [(i["text"], i["amounts"]) for i in enumeration["items"]] == [
        ("办公费25,000.00元", ["25000.00"]), ("党员教育培训10,000.00元", ["10000.00"]), ("会议费15,000.00万元", ["150000000.00"]),
    ]
    (breakdown,) = text["breakdowns"]
    assert breakdown["total"]["yuan"] == "50000.00" and breakdown["parts_sum"] == "150035000.00"
    assert {(c["text"], c["value"]) for c in text["counts"]} >= {("3天", 3), ("两个", 2)}
    assert {y["value"] for y in text["years"]} == {2026}


def test_inspect_json_two_texts_in_one_file():
    report = json.loads(run("inspect", "--format", "json", SEED_000).stdout)
    first, second = report["texts"]
    assert first["lines"] == [1, 21] and second["lines"][0] == 32
    assert [a["text"] for a in second["amounts"]] == ["5万元", "50,000.00元"]
    assert second["amounts"][0]["yuan"] == "50000.00" and second["budget"]["total"] == "50000.00"
    (names,) = second["enumerations"][:1]
    assert names["declared"] == {"text": "8个", "value": 8} and len(names["items"]) == 8


def test_inspect_tree_shows_sections_amounts_and_totals():
    result = run("inspect", SEED_003)
    out = result.stdout
    assert result.returncode == 0
    assert "text 1 · lines 1–19" in out and "14–15  六、资金安排情况" in out
    assert "15,000.00万元  = 150,000,000.00 元  [item]" in out
    assert "budget: 50,000.00 元" in out and "plan: 50,000.00 元  (25,000.00 + 25,000.00)" in out


def test_inspect_tree_prints_brackets_in_text_literally(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(make_text(项目名称="[bold]社区[/bold]服务经费"), encoding="utf-8")
    assert "[bold]社区[/bold]服务经费" in run("inspect", str(path)).stdout


def test_inspect_unreadable_file_is_one_line(tmp_path):
    result = run("inspect", str(tmp_path / "missing.txt"))
    assert result.returncode == 2 and result.stderr == f"budgetcheck: error: {tmp_path / 'missing.txt'}: no such file or directory\n"


# --- extract ---------------------------------------------------------------------------------

EXPECTED_TOTALS = {
    (SEED_000, 1): (Decimal("5000000.00"), Decimal("3000000.00")),
    (SEED_000, 2): (Decimal("50000"), Decimal("50000")),
    (SEED_003, 1): (Decimal("50000"), Decimal("50000")),
}


def test_extract_csv_gives_the_right_totals_for_the_three_seed_texts():
    result = run("extract", SEED_000, SEED_003)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == COLUMNS
    totals = {(r["path"], int(r["document"])): (Decimal(r["budget_total"]), Decimal(r["plan_total"])) for r in rows}
    assert totals == EXPECTED_TOTALS
    assert {r["department"] for r in rows} == {"中共新平彝族傣族自治县委员会社会工作部", "云南新平产业园区管理委员会"}
    assert [r["unit"] for r in rows] == ["中共新平彝族傣族自治县委员会社会工作部"] * 2 + ["云南新平产业园区管理委员会"]
    assert [r["year"] for r in rows] == ["2026"] * 3
    assert rows[2]["project"] == "云南新平产业园区党务工作经费。"
    assert rows[2]["items"] == "办公费25,000.00元；党员教育培训10,000.00元；会议费15,000.00万元"


def test_extract_json_items_are_named_with_yuan_values():
    rows = json.loads(run("extract", "--format", "json", SEED_000, SEED_003).stdout)
    totals = {(r["path"], r["document"]): (Decimal(r["budget_total"]), Decimal(r["plan_total"])) for r in rows}
    assert totals == EXPECTED_TOTALS
    assert rows[2]["items"] == [
        {"text": "办公费25,000.00元", "name": "办公费", "yuan": "25000.00"},
        {"text": "党员教育培训10,000.00元", "name": "党员教育培训", "yuan": "10000.00"},
        {"text": "会议费15,000.00万元", "name": "会议费", "yuan": "150000000.00"},
    ]
    assert rows[0]["items"] == [] and rows[0]["project"] == "2026年新平县党建引领小区治理工作经费"


def test_extract_missing_values_are_empty(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(make_text(heading=False, 资金安排情况=None, 项目实施单位=None), encoding="utf-8")
    (row,) = csv.DictReader(io.StringIO(run("extract", str(path)).stdout))
    assert (row["department"], row["year"], row["unit"], row["budget_total"]) == ("", "", "", "")
    assert row["plan_total"] == "50000.00"


def test_extract_output_file_has_a_bom_for_excel(tmp_path):
    target = tmp_path / "texts.csv"
    result = run("extract", "-o", str(target), str(SAMPLES))
    assert result.returncode == 0 and result.stdout == ""
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfpath,document,")
    assert len(list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))) == 6


def test_extract_bad_file_is_reported_and_the_others_still_extracted(tmp_path):
    result = run("extract", "--format", "json", str(tmp_path / "missing.txt"), SEED_003)
    assert result.returncode == 2 and result.stderr.startswith(f"budgetcheck: error: {tmp_path / 'missing.txt'}: ")
    assert len(json.loads(result.stdout)) == 1


def test_extract_refuses_to_overwrite_an_input(tmp_path):
    copy = tmp_path / "seed.txt"
    copy.write_bytes(open(SEED_003, "rb").read())
    result = run("extract", "-o", str(copy), str(tmp_path))
    assert result.returncode == 2 and "refusing to overwrite" in result.stderr
    assert copy.read_bytes() == open(SEED_003, "rb").read()


def test_extract_reads_word_files_like_lint(tmp_path):
    from builders import write_word

    text = (SAMPLES / "003_d0cdb9e489cb1e09.txt").read_text(encoding="utf-8")
    path = write_word(text, tmp_path / "t.docx")  # sections numbered by Word, not typed
    result = run("extract", "--format", "json", str(path))
    assert result.returncode == 0, result.stderr
    (row,) = json.loads(result.stdout)
    assert row["project"] == "云南新平产业园区党务工作经费。" and row["budget_total"] == "50000.00"

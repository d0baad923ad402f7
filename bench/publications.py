"""Synthetic whole publications (部门预算 / 单位预算) for tests and benchmarks, with one slip each or none.

A publication is built as a model first — the department's classification tree (类 / 款 / 项 with
基本支出 and 项目支出 in yuan), its economic classification (人员经费 / 公用经费), 三公经费, 机关运行经费,
政府采购, the key projects — and then rendered: cover, 目录, 主要职能, 机构设置, 名词解释, the
编制说明 with its numbered items and change claims, the nine tables with 合计 rows and codes,
其他相关情况说明, and one "XX项目经费情况说明" block per key project (项目概述 … 绩效目标). Every
figure the text states is read off the model, so text and tables agree everywhere (the 编制说明's
items are the tables' 项 rows, 基本支出 = 人员经费 + 公用经费 = the economic table's 合计, 机关运行经费
= 公用经费, the 三公 table = the 三公 text = the economic rows 30217 / 30231, 收入总计 = 支出总计,
each project's budget = its 项 row's 项目支出). All money is a whole number of hundreds of yuan, so
the text's 万元 with two decimals is exact and nothing needs rounding.

Rendering gives a list of blocks (titles, paragraphs, tables whose money cells hold yuan), each
tagged with its place; a slip edits the blocks of its place after rendering (a figure in one
cell, a phrase in one paragraph), and may ask the model for what it needs first (a 单位预算, a
table in 万元, a project). Files are .txt (table rows as tab-separated lines) or .docx (real
Word tables, written with python-docx), so both readers and the whole document model are
exercised. To add a slip kind: write a function ``(pub: Rendered, rng) -> None`` that edits the
blocks, decorate it with ``@slip(name, codes, place, **needs)``; the test picks it up.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HUNDRED = 100
WAN = Decimal(10_000)
CENT = Decimal("0.01")

DISTRICTS = ["上海市普陀区", "上海市静安区", "上海市徐汇区", "上海市长宁区", "上海市杨浦区", "上海市虹口区",
             "上海市闵行区", "上海市宝山区", "上海市嘉定区", "上海市松江区", "上海市青浦区", "上海市奉贤区"]
STREETS = ["万里街道", "长风新村街道", "石泉路街道", "曹杨新村街道", "宜川路街道", "甘泉路街道", "真如镇街道", "桃浦镇"]
CLASSES = {"201": "一般公共服务支出", "204": "公共安全支出", "205": "教育支出", "206": "科学技术支出",
           "207": "文化旅游体育与传媒支出", "208": "社会保障和就业支出", "210": "卫生健康支出", "211": "节能环保支出",
           "212": "城乡社区支出", "215": "资源勘探工业信息等支出", "216": "商业服务业等支出", "221": "住房保障支出"}
# 项 kinds: "run" 行政运行/事业运行 (基本支出, takes what the economic rows leave), "basic" another
# 基本支出 row, "project" 项目支出, and the rows the economic table repeats: "pension", "annuity",
# "medical", "fund" (住房公积金).
Leaf = tuple[str, str, str]  # (项 code, name, kind)
Branch = tuple[str, str, list[Leaf]]  # (类 + 款 code, 款 name, its 项)
# Each kind of department: its name (the district is put in front), its own 款 (with 行政运行) and
# the project 款 it may have, and what it is for (the 主要职能 and the projects' subjects).
DEPARTMENTS: list[dict] = [
    {"name": "商务委员会", "own": ("20113", "商贸事务", [("01", "行政运行", "run"), ("02", "一般行政管理事务", "project"),
                                               ("50", "事业运行", "run"), ("99", "其他商贸事务支出", "project")]),
     "extra": ["21508", "21699", "20605"], "duty": "商贸流通和产业经济", "projects": ["商业创新专项", "贸易高质量发展专项", "消费促进专项", "科技创新专项"]},
    {"name": "人民政府办公室", "own": ("20103", "政府办公厅（室）及相关机构事务", [("01", "行政运行", "run"), ("02", "一般行政管理事务", "project"),
                                                                ("50", "事业运行", "run")]),
     "extra": ["20499", "20607"], "duty": "政务运转和督查督办", "projects": ["督查及建议提案工作业务经费", "政务信息工作经费", "应急值守保障经费"]},
    {"name": "财政局", "own": ("20106", "财政事务", [("01", "行政运行", "run"), ("02", "一般行政管理事务", "project"),
                                             ("08", "财政委托业务支出", "project"), ("50", "事业运行", "run")]),
     "extra": ["20607", "20499"], "duty": "财政预算管理和财政监督", "projects": ["预算绩效评价工作经费", "财政信息化运维经费", "政府采购监管经费"]},
    {"name": "民政局", "own": ("20802", "民政管理事务", [("01", "行政运行", "run"), ("02", "一般行政管理事务", "project"),
                                                 ("08", "基层政权建设和社区治理", "project")]),
     "extra": ["20807", "21205"], "duty": "社会救助和社区治理", "projects": ["社区治理创新项目", "困难群众帮扶项目", "养老服务补贴项目"]},
    {"name": "司法局", "own": ("20406", "司法", [("01", "行政运行", "run"), ("02", "一般行政管理事务", "project"),
                                          ("04", "基层司法业务", "project"), ("05", "普法宣传", "project"), ("10", "公共法律服务", "project")]),
     "extra": ["20499", "20607"], "duty": "法治宣传和公共法律服务", "projects": ["人民调解工作经费", "法治宣传教育经费", "公共法律服务平台运维经费"]},
    {"name": "文化和旅游局", "own": ("20701", "文化和旅游", [("01", "行政运行", "run"), ("02", "一般行政管理事务", "project"),
                                                  ("09", "群众文化", "project"), ("99", "其他文化和旅游支出", "project")]),
     "extra": ["20703", "20607"], "duty": "公共文化服务和旅游发展", "projects": ["公共文化配送项目", "非遗保护传承项目", "文旅节庆活动项目"]},
    {"name": "生态环境局", "own": ("21101", "环境保护管理事务", [("01", "行政运行", "run"), ("02", "一般行政管理事务", "project"),
                                                    ("04", "生态环境保护宣传", "project")]),
     "extra": ["21205", "20607"], "duty": "生态环境保护和污染防治", "projects": ["大气污染防治项目", "环境监测运维项目", "生态环境宣传项目"]},
    {"name": "教育局", "own": ("20501", "教育管理事务", [("01", "行政运行", "run"), ("02", "一般行政管理事务", "project")]),
     "extra": ["20502", "20607"], "duty": "教育事业发展和学校管理", "projects": ["校舍维修改造项目", "教师培训项目", "学生资助项目"]},
    {"name": "街道办事处", "own": ("21201", "城乡社区管理事务", [("01", "行政运行", "run"), ("02", "一般行政管理事务", "project"),
                                                   ("04", "城管执法", "project"), ("99", "其他城乡社区管理事务支出", "project")]),
     "extra": ["21205", "20703", "20807", "20129"], "duty": "社区管理和公共服务", "projects": ["社区综合服务中心新建工程", "社区党群服务站点运维", "睦邻点建设项目"]},
]
# The 款 a department may add for its projects, and the 款 every department has for its staff.
EXTRA: dict[str, Branch] = {
    "21508": ("21508", "支持中小企业发展和管理支出", [("99", "其他支持中小企业发展和管理支出", "project")]),
    "21699": ("21699", "其他商业服务业等支出", [("99", "其他商业服务业等支出", "project")]),
    "20605": ("20605", "科技条件与服务", [("03", "科技条件专项", "project")]),
    "20607": ("20607", "科学技术普及", [("02", "科普活动", "project")]),
    "20499": ("20499", "其他公共安全支出", [("99", "其他公共安全支出", "project")]),
    "20807": ("20807", "就业补助", [("05", "公益性岗位补贴", "project")]),
    "21205": ("21205", "城乡社区环境卫生", [("01", "城乡社区环境卫生", "project")]),
    "20703": ("20703", "体育", [("08", "群众体育", "project")]),
    "20502": ("20502", "普通教育", [("01", "学前教育", "project"), ("02", "小学教育", "project"), ("03", "初中教育", "project")]),
    "20129": ("20129", "群众团体事务", [("02", "一般行政管理事务", "project")]),
}
STAFF: list[Branch] = [
    ("20805", "行政事业单位养老支出", [("01", "行政单位离退休", "basic"), ("02", "事业单位离退休", "basic"),
                                 ("05", "机关事业单位基本养老保险缴费支出", "pension"), ("06", "机关事业单位职业年金缴费支出", "annuity")]),
    ("21011", "行政事业单位医疗", [("01", "行政单位医疗", "medical"), ("02", "事业单位医疗", "medical")]),
    ("22102", "住房改革支出", [("01", "住房公积金", "fund"), ("03", "购房补贴", "basic")]),
]
# Economic classification: (code, name) of the 款 under 301 / 302 / 303 / 310; the rows tied to
# the function table or to the 三公 are filled from there.
ECON = {
    "301": ("工资福利支出", [("01", "基本工资"), ("02", "津贴补贴"), ("07", "绩效工资"), ("08", "机关事业单位基本养老保险缴费"),
                       ("09", "职业年金缴费"), ("10", "职工基本医疗保险缴费"), ("12", "其他社会保障缴费"), ("13", "住房公积金"),
                       ("99", "其他工资福利支出")]),
    "302": ("商品和服务支出", [("01", "办公费"), ("02", "印刷费"), ("07", "邮电费"), ("11", "差旅费"), ("13", "维修（护）费"),
                        ("16", "培训费"), ("17", "公务接待费"), ("26", "劳务费"), ("28", "工会经费"), ("29", "福利费"),
                        ("31", "公务用车运行维护费"), ("39", "其他交通费用"), ("99", "其他商品和服务支出")]),
    "303": ("对个人和家庭的补助", [("01", "离休费"), ("02", "退休费")]),
    "310": ("资本性支出", [("02", "办公设备购置")]),
}
DUTIES = ["贯彻执行国家和本市有关{duty}方面的方针、政策和法律、法规及规章，并结合本区实际制订具体实施意见。",
          "根据本区国民经济和社会发展总体规划，研究拟订本区{duty}的发展规划和年度计划并组织实施。",
          "负责本区{duty}相关情况的监测、分析并发布相关信息，协调解决工作中的有关问题并提出对策建议。",
          "组织协调本区{duty}领域的重点工作，指导基层单位开展相关业务，加强行业管理。",
          "负责{own}财务、资产和政府采购管理，落实预算绩效管理要求，提高财政资金使用效益。",
          "承担本区{duty}领域的宣传引导和信息公开工作，推进政务服务标准化、规范化。",
          "完成区委、区政府交办的其他任务。"]
TERMS = [("财政拨款收入", "是区级预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。"),
         ("事业收入", "指事业单位开展专业业务活动及其辅助活动取得的收入。"),
         ("其他收入", "指除上述“财政拨款收入”、“事业收入”、“事业单位经营收入”等以外的收入。"),
         ("基本支出预算", "是区级预算主管部门及所属预算单位为保障其机构正常运转、完成日常工作任务而编制的年度基本支出计划，包括人员经费和公用经费两部分。"),
         ("项目支出预算", "是区级预算主管部门及所属预算单位为完成行政工作任务、事业发展目标或政府发展战略、特定目标，在基本支出之外编制的年度支出计划。"),
         ("“三公”经费", "是与区级财政有经费领拨关系的部门及其下属预算单位使用区级财政拨款安排的因公出国（境）费、公务用车购置及运行费、公务接待费。"),
         ("机关运行经费", "指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。")]
BASES = ["北京", "华东", "西部"]
NUMERALS = "一二三四五六七八九十"
TABLES = ["财务收支预算总表", "收入预算总表", "支出预算总表", "财政拨款收支预算总表", "一般公共预算支出功能分类预算表",
          "政府性基金预算支出功能分类预算表", "国有资本经营预算支出功能分类预算表", "一般公共预算基本支出部门预算经济分类预算表",
          "“三公”经费和机关运行经费预算表"]


# --- the model ---------------------------------------------------------------------------------


@dataclass
class Node:
    """A row of a classification table: a 类, 款 or 项 with its figures in yuan (a 项 also with
    last year's 执行数); the totals of a 类 or 款 are its children's."""

    code: str
    name: str
    kind: str = ""
    basic: int = 0
    project: int = 0
    previous: int = 0  # last year's 执行数 of a 项, yuan
    children: list[Node] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.basic + self.project

    def leaves(self) -> list[Node]:
        return [self] if not self.children else [leaf for child in self.children for leaf in child.leaves()]

    def rows(self) -> list[Node]:
        return [self, *(row for child in self.children for row in child.rows())]

    def add_up(self) -> None:
        for child in self.children:
            child.add_up()
        if self.children:
            self.basic = sum(c.basic for c in self.children)
            self.project = sum(c.project for c in self.children)


@dataclass
class Project:
    name: str  # what the project is called
    title: str  # its block's title: "…经费情况说明"
    leaf: Node  # the 项 row whose 项目支出 it is
    items: list[tuple[str, int]]
    areas: tuple[int, int, int] | None = None  # 建筑面积 whole, 地上, 地下 (square metres), for a building


@dataclass
class Needs:
    """What a slip asks of the publication it goes into."""

    kind: str | None = None  # 部门预算 / 单位预算
    unit: str | None = None  # 元 / 元整 / 万元 (how tables write money)
    projects: int = 0  # at least this many 项目经费情况说明 blocks
    building: bool = False  # a project with floor areas
    comparisons: bool = False  # 编制说明 items compare with last year
    shares: bool = False  # the 基本支出 / 项目支出 share sentence
    ratio: bool = False  # last year's execution against its budget
    moved: bool = False  # this year's total differs from last year's
    grand_total: bool = False  # the "财政拨款收入支出总计" sentence
    sangong: bool = False  # non-zero 三公经费
    split: bool = False  # the 基本支出 sentence with its 人员经费 and 公用经费
    pages: bool = False  # written as pdftotext gives a PDF: a .txt with a form feed at each page break


@dataclass
class Publication:
    kind: str
    district: str
    department: str
    duty: str
    year: int
    unit: str
    classes: list[Node]
    econ: list[Node]  # 301 … 310, each 款 with basic = 人员经费, project = 公用经费
    sangong: dict[str, int]  # abroad, reception, car_buy, car_run (yuan)
    sangong_previous: dict[str, int]
    procurement: tuple[int, int, int]  # goods, works, services
    performance: tuple[int, int]  # projects with 绩效目标, their money
    projects: list[Project]
    previous_total: int  # last year's budget
    base: str  # "预算" or "预算执行数": what the 编制说明 compares with
    vehicles: list[int]
    needs: Needs

    @property
    def total(self) -> int:
        return sum(c.total for c in self.classes)

    @property
    def basic(self) -> int:
        return sum(c.basic for c in self.classes)

    @property
    def project_total(self) -> int:
        return sum(c.project for c in self.classes)

    @property
    def public(self) -> int:  # 公用经费
        return sum(n.project for n in self.econ)

    @property
    def own(self) -> str:  # 本部门 / 本单位
        return "本单位" if self.kind == "单位预算" else "本部门"

    @property
    def word(self) -> str:  # 部门 / 单位
        return "单位" if self.kind == "单位预算" else "部门"


def build(rng: random.Random, needs: Needs, used: set[str]) -> Publication:
    """A publication drawn at random within what ``needs`` asks for (``used``: project titles taken)."""
    spec = rng.choice(DEPARTMENTS if not needs.building else [d for d in DEPARTMENTS if d["name"] == "街道办事处"])
    district = rng.choice(DISTRICTS)
    name = f"{district}人民政府{rng.choice(STREETS)}办事处" if spec["name"] == "街道办事处" else f"{district}{spec['name']}"
    year = rng.randint(2023, 2027)
    kind = needs.kind or ("单位预算" if rng.random() < 0.3 and not needs.projects else "部门预算")
    unit = needs.unit or rng.choice(["元", "元", "元整", "万元"])
    scale = rng.choice([1, 3, 10])  # small, middling and large departments
    branches = [spec["own"], *(EXTRA[c] for c in rng.sample(spec["extra"], rng.randint(1, len(spec["extra"])))), *STAFF]
    classes: dict[str, Node] = {}
    for code, title, leaves in branches:
        top = classes.setdefault(code[:3], Node(code[:3], CLASSES[code[:3]]))
        kept = [leaf for leaf in leaves if leaf[2] != "project" or rng.random() < 0.8] or leaves[:1]
        top.children.append(Node(code, title, children=[Node(code + c, n, k) for c, n, k in kept]))
    ordered = [classes[c] for c in sorted(classes)]
    for top in ordered:
        top.children.sort(key=lambda n: n.code)
    econ = _economy(rng, scale)
    pub_sangong = _sangong(rng, needs.sangong)
    _tie_sangong(econ, pub_sangong)  # before the 项 are filled: 基本支出 must equal the economic table's total
    _fill(rng, ordered, econ, scale)
    for top in ordered:
        top.add_up()
    for leaf in (leaf for top in ordered for leaf in top.leaves()):
        leaf.previous = _previous(rng, leaf.total)
    publication = Publication(
        kind=kind, district=district, department=name, duty=spec["duty"], year=year, unit=unit, classes=ordered, econ=econ,
        sangong=pub_sangong, sangong_previous={k: v if rng.random() < 0.6 else _hundreds(rng, 0, v + 20_000) for k, v in pub_sangong.items()},
        procurement=(_hundreds(rng, 0, 300_000 * scale), _hundreds(rng, 0, 100_000) if rng.random() < 0.3 else 0, _hundreds(rng, 10_000, 500_000 * scale)),
        performance=(0, 0), projects=[], previous_total=0, base=rng.choice(["预算", "预算执行数"]),
        vehicles=[rng.choice([0, 0, 0, 1, 2]) for _ in range(3)], needs=needs)
    publication.previous_total = _previous(rng, publication.total)
    if needs.moved and publication.previous_total == publication.total:
        publication.previous_total -= _hundreds(rng, HUNDRED, publication.total // 5)
    publication.projects = _projects(rng, publication, spec, needs, used)
    leaves = [leaf for top in ordered for leaf in top.leaves() if leaf.project]
    publication.performance = (len(leaves) + rng.randint(0, 8), sum(leaf.project for leaf in leaves))
    return publication


def _hundreds(rng: random.Random, low: int, high: int) -> int:
    return rng.randint(low // HUNDRED, max(low, high) // HUNDRED) * HUNDRED


def _economy(rng: random.Random, scale: int) -> list[Node]:
    """The economic rows: 人员经费 (301, 303) in ``basic``, 公用经费 (302, 310) in ``project``."""
    rows = []
    for code, (title, items) in ECON.items():
        people = code in ("301", "303")
        kept = [(c, n) for c, n in items if people or c in ("01", "17", "31", "99") or rng.random() < 0.7]
        node = Node(code, title)
        for sub, name in kept:
            amount = _hundreds(rng, 5_000 * scale, (900_000 if people else 120_000) * scale)
            node.children.append(Node(code + sub, name, basic=amount if people else 0, project=0 if people else amount))
        rows.append(node)
    return rows


def _econ_row(econ: list[Node], code: str) -> Node | None:
    return next((row for top in econ for row in top.children if row.code == code), None)


def _fill(rng: random.Random, classes: list[Node], econ: list[Node], scale: int) -> None:
    """Figures of every 项: staff rows from the economic table, projects at random, and 行政运行 /
    事业运行 taking what is left of 基本支出 = 人员经费 + 公用经费."""
    leaves = [leaf for top in classes for leaf in top.leaves()]
    tied = {"pension": "30108", "annuity": "30109", "fund": "30113"}
    for leaf in leaves:
        if leaf.kind in tied:
            row = _econ_row(econ, tied[leaf.kind])
            leaf.basic = row.basic if row else 0
        elif leaf.kind == "basic":
            leaf.basic = _hundreds(rng, 10_000 * scale, 400_000 * scale)
        elif leaf.kind == "project":
            leaf.project = _hundreds(rng, 50_000, 3_000_000 * scale)
            if rng.random() < 0.15:
                leaf.basic = _hundreds(rng, 10_000, 200_000 * scale)
    medical = [leaf for leaf in leaves if leaf.kind == "medical"]
    insurance = _econ_row(econ, "30110")
    if insurance is not None:
        first = _hundreds(rng, 0, insurance.basic)
        medical[0].basic, medical[1].basic = first, insurance.basic - first
    runs = [leaf for leaf in leaves if leaf.kind == "run"]
    rest = sum(n.total for n in econ for n in n.children) - sum(leaf.basic for leaf in leaves)
    if rest < HUNDRED * len(runs):  # staff rows outgrew the economic table: give 基本工资 the difference
        salary = _econ_row(econ, "30101")
        assert salary is not None
        salary.basic += HUNDRED * len(runs) - rest + 100_000
        rest = HUNDRED * len(runs) + 100_000
    for index, leaf in enumerate(runs):
        share = rest if index == len(runs) - 1 else _hundreds(rng, HUNDRED, rest - HUNDRED * (len(runs) - index))
        leaf.basic, rest = leaf.basic + share, rest - share
    for top in econ:
        top.add_up()


def _previous(rng: random.Random, amount: int) -> int:
    """Last year's figure: the same, or up to half more or less (whole hundreds of yuan)."""
    if rng.random() < 0.15:
        return amount
    return max(HUNDRED, round(amount * rng.uniform(0.6, 1.5) / HUNDRED) * HUNDRED)


def _sangong(rng: random.Random, needed: bool) -> dict[str, int]:
    if not needed and rng.random() < 0.3:
        return {"abroad": 0, "reception": 0, "car_buy": 0, "car_run": 0}
    return {"abroad": 0 if rng.random() < 0.7 else _hundreds(rng, 10_000, 80_000),
            "reception": _hundreds(rng, 2_000, 30_000),
            "car_buy": 0,
            "car_run": 0 if rng.random() < 0.4 else _hundreds(rng, 10_000, 120_000)}


def _tie_sangong(econ: list[Node], sangong: dict[str, int]) -> None:
    """公务接待费 (30217) and 公务用车运行维护费 (30231) of the economic table are the 三公 figures."""
    for code, key in (("30217", "reception"), ("30231", "car_run")):
        row = _econ_row(econ, code)
        if row is not None:
            row.project = sangong[key]
    for top in econ:
        top.add_up()


def _title(name: str, pub: Publication, used: set[str]) -> str:
    """The block's title, one of its kind in the department's publications of the year: N101 takes
    two same-named blocks of one department and year for one project with two budgets. Another
    department's project (or another year's) of the same name keeps the name: it is another project."""
    owner = f"{pub.department}|{pub.year}|"
    for prefix in ("", *(f"第{k}批" for k in range(2, 1000))):
        title = f"{prefix}{name}{'' if name.endswith('经费') else '经费'}情况说明"
        if owner + title not in used:
            used.add(owner + title)
            return title
    raise AssertionError(f"too many projects called {name}")


def _projects(rng: random.Random, pub: Publication, spec: dict, needs: Needs, used: set[str]) -> list[Project]:
    if pub.kind == "单位预算":
        return []
    leaves = [leaf for top in pub.classes for leaf in top.leaves() if leaf.project >= 20_000]
    count = max(needs.projects, min(len(leaves), rng.choice([0, 1, 1, 2, 3])))
    names = rng.sample(spec["projects"], min(count, len(spec["projects"])))
    projects: list[Project] = []
    for name, leaf in zip(names, rng.sample(leaves, len(names))):
        parts = _split(rng, leaf.project, rng.randint(1, 4))
        items = list(zip(rng.sample(_ITEMS, len(parts)), parts))
        areas = None
        if "工程" in name or (needs.building and not projects):
            above, below = rng.randint(3_000, 12_000), rng.randint(1_000, 6_000)
            while not _transposable(above):  # the floor-area slip swaps two digits of 地上 (not the first)
                above = rng.randint(3_000, 12_000)
            areas = (above + below, above, below)
        projects.append(Project(name, _title(name, pub, used), leaf, items, areas))
    return projects


def _transposable(number: int) -> bool:
    digits = str(number)
    return any(digits[k] != digits[k + 1] for k in range(1, len(digits) - 1))


_ITEMS = ["专项资金拨付", "日常运维", "设备购置", "宣传推广", "第三方服务", "课题研究", "培训交流", "场地租赁", "工程建设", "监理服务"]


def _split(rng: random.Random, total: int, count: int) -> list[int]:
    """``count`` parts of ``total`` (whole hundreds), none of them zero."""
    units = total // HUNDRED
    if count == 1 or units < count:
        return [total]
    cuts = sorted(rng.sample(range(1, units), count - 1))
    return [(b - a) * HUNDRED for a, b in zip([0, *cuts], [*cuts, units])]


# --- rendering ---------------------------------------------------------------------------------


@dataclass
class Para:
    text: str
    place: str  # what it is: "cover", "toc", "title", "explain.income", "item.3", "project.0.budget", …


Value = str | int | None  # a table cell: a label, yuan, or empty


@dataclass
class Grid:
    """A table: header rows of labels, body rows whose money cells hold yuan (int) or None (empty)."""

    title: str
    place: str  # "table.0" … "table.8", by the nine tables' order
    header: list[list[str]]
    body: list[list[str | int | None]]
    note: str = ""


Block = Para | Grid


@dataclass
class Rendered:
    pub: Publication
    blocks: list[Block]

    def paras(self, prefix: str) -> list[Para]:
        return [b for b in self.blocks if isinstance(b, Para) and b.place.startswith(prefix)]

    def para(self, place: str) -> Para:
        return next(b for b in self.blocks if isinstance(b, Para) and b.place == place)

    def grid(self, index: int) -> Grid:
        return next(b for b in self.blocks if isinstance(b, Grid) and b.place == f"table.{index}")

    def replace(self, place: str, old: str, new: str) -> None:
        """Edit one paragraph; a slip that finds nothing to edit is a bug of the generator."""
        para = self.para(place)
        assert old in para.text, (place, old, para.text)
        para.text = para.text.replace(old, new, 1)


def wan(yuan: int | Decimal) -> str:
    return f"{(Decimal(yuan) / WAN).quantize(CENT):.2f}"


def wan_grouped(yuan: int) -> str:
    return f"{(Decimal(yuan) / WAN).quantize(CENT):,.2f}"


def rate(now: Decimal, before: Decimal) -> Decimal:
    """The change in percent, to 0.01, as the figures are written (in 万元 to 0.01)."""
    return ((now - before) / before * 100).quantize(CENT, ROUND_HALF_UP)


def render(pub: Publication, rng: random.Random) -> Rendered:
    blocks: list[Block] = []
    blocks += _front(pub)
    blocks += _chapters(pub, rng)
    blocks += _explanation(pub, rng)
    blocks += _tables(pub)
    blocks += _other(pub)
    for index, project in enumerate(pub.projects):
        blocks += _project(pub, project, index, rng)
    return Rendered(pub, blocks)


def _front(pub: Publication) -> list[Block]:
    y, w = pub.year, pub.word
    head = "预算单位" if pub.kind == "单位预算" else "预算主管部门"
    lines: list[Block] = [Para(f"{pub.district}{y}年区级{pub.kind}", "cover"), Para(f"{head}：{pub.department}", "cover"), Para("目录", "toc")]
    entries = [f"一、{w}主要职能", f"二、{w}机构设置", "三、名词解释", f"四、{pub.kind}编制说明", f"五、{pub.kind}表"]
    entries += [f"{i}{'.' if i < 4 else '．'} {y}年{_table_word(pub)}{t}" for i, t in enumerate(TABLES, 1)]
    entries += ["六、其他相关情况说明"] + (["七、项目经费情况说明"] if pub.projects else [])
    return lines + [Para(e, "toc") for e in entries]


def _table_word(pub: Publication) -> str:
    return "预算单位" if pub.kind == "单位预算" else "部门"


def _chapters(pub: Publication, rng: random.Random) -> list[Block]:
    d = pub.department
    duties = [DUTIES[0], *rng.sample(DUTIES[1:-1], rng.randint(2, 5)), DUTIES[-1]]
    blocks: list[Block] = [
        Para(f"{d}主要职能", "title"),
        Para(f"{d}是负责本区{pub.duty}工作的区政府工作部门，为正处级。", "duty.intro"),
        Para("主要职能包括：", "duty.list"),
        *(Para(f"{i}、{text.format(duty=pub.duty, own=pub.own)}", f"duty.{i}") for i, text in enumerate(duties, 1)),
        Para(f"{d}机构设置", "title"),
    ]
    units = rng.randint(0, 2)
    sections = rng.randint(3, 9)
    blocks.append(Para(f"{d}{pub.kind}是包括本级以及下属{units}家预算单位的综合收支计划。" if units else
                       f"{d}{pub.kind}为本级预算，不含下属预算单位。", "setup.intro"))
    blocks.append(Para(f"{pub.own}机关设{sections}个内设机构，实行统一预算管理。", "setup.body"))
    blocks.append(Para("名词解释", "title"))
    for i, (term, text) in enumerate(TERMS):
        blocks.append(Para(f"（{NUMERALS[i]}）{term}：{text}", f"terms.{i}"))
    return blocks


def _explanation(pub: Publication, rng: random.Random) -> list[Block]:
    y, prev = pub.year, pub.year - 1
    total, base = pub.total, pub.base
    change = _change_words(total, pub.previous_total)
    blocks: list[Block] = [Para(f"{y}年{pub.kind}编制说明", "title")]
    blocks.append(Para(f"{y}年，{pub.department}收入预算{wan_grouped(total)}万元，其中：财政拨款收入{wan_grouped(total)}万元，"
                       f"{_versus(prev, base, change)}；事业收入0万元；事业单位经营收入0万元；其他收入0万元。", "explain.income"))
    blocks.append(Para(f"支出预算{wan_grouped(total)}万元，其中：财政拨款支出预算{wan_grouped(total)}万元，{_versus(prev, base, change)}。"
                       f"财政拨款支出预算中，一般公共预算拨款支出预算{wan_grouped(total)}万元，{_versus(prev, base, change)}；"
                       f"政府性基金拨款支出预算0万元，与{prev}年{base}持平；国有资本经营预算拨款支出预算0万元，与{prev}年{base}持平。",
                       "explain.spending"))
    direction = "增加" if total > pub.previous_total else "减少" if total < pub.previous_total else ""
    if direction:
        blocks.append(Para(f"财政拨款收入支出{direction}的主要原因是：{rng.choice(['项目调整', '人员变动及项目预算调整', '根据实际工作安排编制预算'])}。", "explain.reason"))
    if pub.needs.ratio or rng.random() < 0.3:
        blocks.append(Para(_execution(pub, rng), "explain.execution"))
    if pub.needs.shares or rng.random() < 0.3:
        share = (Decimal(pub.basic) / total * 100).quantize(CENT, ROUND_HALF_UP)
        blocks.append(Para(f"按支出类型分，支出预算{wan(total)}万元，其中：基本支出{wan(pub.basic)}万元，占{share}%；"
                           f"项目支出{wan(pub.project_total)}万元，占{Decimal(100) - share}%。", "explain.shares"))
    if pub.needs.grand_total or rng.random() < 0.3:
        blocks.append(Para(f"{pub.department}{y}年度财政拨款收入支出总计{wan(total)}万元，均为一般公共预算财政拨款。", "explain.grand"))
    if pub.needs.split or rng.random() < 0.3:
        people = sum(n.basic for n in pub.econ)
        blocks.append(Para(f"{y}年{pub.department}一般公共预算财政拨款基本支出{wan(pub.basic)}万元，其中：人员经费{wan(people)}万元，"
                           f"主要包括：基本工资、津贴补贴、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、住房公积金等；"
                           f"公用经费{wan(pub.public)}万元，主要包括：办公费、印刷费、邮电费、差旅费、维修（护）费、培训费等。", "explain.basic"))
    blocks.append(Para("财政拨款支出主要内容如下：", "explain.lead"))
    compare = pub.needs.comparisons or rng.random() < 0.6
    for number, (top, middle, leaf) in enumerate(_paths(pub), 1):
        blocks.append(Para(_item(pub, number, top, middle, leaf, compare), f"item.{number}"))
    return blocks


def _execution(pub: Publication, rng: random.Random) -> str:
    """Last year's budget and its execution, with the share done: one of them is the base the 编制说明
    compares this year with, so the two sentences agree."""
    done = rng.uniform(0.85, 1.0)
    if pub.base == "预算":
        budget, spent = pub.previous_total, max(HUNDRED, round(pub.previous_total * done / HUNDRED) * HUNDRED)
    else:
        budget, spent = round(pub.previous_total / done / HUNDRED) * HUNDRED, pub.previous_total
    share = (Decimal(spent) / budget * 100).quantize(CENT, ROUND_HALF_UP)
    return (f"{pub.year - 1}年{pub.department}财政拨款支出年初预算为{wan(budget)}万元，预算执行数为{wan(spent)}万元，"
            f"完成年初预算的{share}%。")


def _change_words(now: int, before: int) -> tuple[str, int]:
    return ("增加" if now > before else "减少" if now < before else "持平", abs(now - before))


def _versus(prev: int, base: str, change: tuple[str, int]) -> str:
    word, amount = change
    return f"与{prev}年{base}持平" if word == "持平" else f"比{prev}年{base}{word}{wan_grouped(amount)}万元"


def _paths(pub: Publication) -> list[tuple[Node, Node, Node]]:
    return [(top, middle, leaf) for top in pub.classes for middle in top.children for leaf in middle.children]


def subject(middle: Node, leaf: Node) -> str:
    """What an item is about, as 009 writes it: the 款 before a 项 name that does not say it."""
    generic = leaf.name in ("行政运行", "一般行政管理事务", "事业运行")
    return f"{middle.name}{leaf.name}" if generic else leaf.name


def _item(pub: Publication, number: int, top: Node, middle: Node, leaf: Node, compare: bool) -> str:
    now = wan(leaf.total)
    what = subject(middle, leaf)
    text = f"{number}. “{top.name}（类）{middle.name}（款）{leaf.name}（项）”{now}万元，主要用于{what}。"
    if not compare:
        return text
    prev, y = pub.year - 1, pub.year
    before = wan(leaf.previous)
    text += f"{prev}年当年预算执行数为{before}万元，{y}年预算安排{now}万元，"
    if before == now:
        return text + f"与{prev}年预算执行数持平。主要原因是：{what}经费保持不变。"
    change = rate(Decimal(now), Decimal(before))
    word = "增加" if change > 0 else "减少"
    return text + f"比{prev}年预算执行数{word}{abs(change)}%。主要原因是：{what}经费{word}。"


def _money_table(pub: Publication, title: str, index: int, header: list[list[str]], body: list[list[str | int | None]], note: str = "") -> Grid:
    return Grid(title, f"table.{index}", header, body, note)


def _code_cells(pub: Publication, code: str, layout: str) -> list[str]:
    """The code of a row as the table lays it out: three cells 201 | 13 | 01, or one cell."""
    if layout == "split":
        parts = [code[:3], code[3:5], code[5:7]]
        return parts
    if layout == "spaced":
        return [" ".join(p for p in (code[:3], code[3:5], code[5:7]) if p)]
    return [code]


def _tables(pub: Publication) -> list[Block]:
    y, tw = pub.year, _table_word(pub)
    title = [f"{y}年{tw}{t}" for t in TABLES]
    title[8] = f"{y}年{pub.word}“三公”经费和机关运行经费预算表"
    layout = ["split", "joined", "spaced"][sum(map(ord, pub.department)) % 3]
    codes = ["类", "款", "项"] if layout == "split" else ["功能分类科目编码"]
    rows = [row for top in pub.classes for row in top.rows()]
    numbered = [f"{NUMERALS[i]}、{top.name}" if i < 10 else top.name for i, top in enumerate(pub.classes)]
    total = pub.total

    left: list[list[Value]] = [["一、财政拨款收入", total], ["1. 一般公共预算资金", total], ["2. 政府性基金", None], ["3. 国有资本经营预算", None],
            ["二、事业收入", None], ["三、事业单位经营收入", None], ["四、其他收入", None]]
    right: list[list[Value]] = [[name, top.total] for name, top in zip(numbered, pub.classes)]
    summary = _two_sided(left, right, 2) + [["收入总计", total, "支出总计", total]]
    grids = [_money_table(pub, title[0], 0, [["项目", "预算数", "项目", "预算数"]], summary)]

    def coded(columns: list[str], values: Callable[[Node], list[int | None]]) -> tuple[list[list[str]], list[list[str | int | None]]]:
        header = [[*codes, "功能分类科目名称", *columns]]
        body: list[list[str | int | None]] = []
        for row in rows:
            cells = _code_cells(pub, row.code, layout)
            body.append([*cells, row.name, *values(row)])
        body.append([*([""] * len(codes)), "合计", *values(Node("", "", basic=pub.basic, project=pub.project_total))])
        return header, body

    def some(value: int) -> int | None:
        return value or None

    header, body = coded(["合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"], lambda n: [n.total, n.total, None, None, None])
    grids.append(_money_table(pub, title[1], 1, header, body))
    header, body = coded(["合计", "基本支出", "项目支出"], lambda n: [n.total, some(n.basic), some(n.project)])
    grids.append(_money_table(pub, title[2], 2, header, body))
    left = [["一、一般公共预算资金", total], ["二、政府性基金", None], ["三、国有资本经营预算", None]]
    right = [[name, top.total, top.total, None, None] for name, top in zip(numbered, pub.classes)]
    funds = _two_sided(left, right, 2) + [["收入总计", total, "支出总计", total, total, None, None]]
    grids.append(_money_table(pub, title[3], 3, [["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]], funds))
    header, body = coded(["合计", "基本支出", "项目支出"], lambda n: [n.total, some(n.basic), some(n.project)])
    grids.append(_money_table(pub, title[4], 4, header, body))
    for index, fund in ((5, "政府性基金预算"), (6, "国有资本经营预算")):
        empty = [[*codes, "功能分类科目名称", "合计", "基本支出", "项目支出"]]
        grids.append(_money_table(pub, title[index], index, empty, [[*([""] * len(codes)), "合计", None, None, None]],
                                  f"注：{pub.own}{y}年无{fund}财政拨款安排的预算，故本表为空表。"))
    econ_codes = ["类", "款"] if layout == "split" else ["经济分类科目编码"]
    econ_body: list[list[str | int | None]] = []
    for top in pub.econ:
        for row in top.rows():
            cells = [row.code[:3], row.code[3:]] if layout == "split" else [row.code if layout == "joined" else " ".join(filter(None, (row.code[:3], row.code[3:])))]
            econ_body.append([*cells, row.name, row.total, some(row.basic), some(row.project)])
    people = sum(n.basic for n in pub.econ)
    econ_body.append([*([""] * len(econ_codes)), "合计", people + pub.public, people, pub.public])
    grids.append(_money_table(pub, title[7], 7, [[*econ_codes, "经济分类科目名称", "合计", "人员经费", "公用经费"]], econ_body))
    s = pub.sangong
    figures: list[Value] = [sum(s.values()), some(s["abroad"]), some(s["reception"]), some(s["car_buy"]), some(s["car_run"]), pub.public]
    note = "" if sum(s.values()) else f"注：{pub.own}{y}年无“三公”经费预算。"
    header8 = [["“三公”经费预算数", "", "", "", "", "机关运行经费预算数"], ["合计", "因公出国（境）费", "公务接待费", "公务用车购置费", "公务用车运行费", ""]]
    grids.append(Grid(title[8], "table.8", header8, [figures], note))
    return [item for grid in grids for item in (Para(grid.title, f"title.{grid.place}"), grid)]


def _two_sided(left: list[list], right: list[list], width: int) -> list[list[str | int | None]]:
    rows = []
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else [""] + [None] * (width - 1)
        b = right[i] if i < len(right) else ["", *([None] * (len(right[0]) - 1))]
        rows.append([*a, *b])
    return rows


def _other(pub: Publication) -> list[Block]:
    y, prev, own = pub.year, pub.year - 1, pub.own
    s, p = pub.sangong, pub.sangong_previous
    blocks: list[Block] = [Para("其他相关情况说明", "title"), Para(f"一、{y}年“三公”经费预算情况说明", "other.head")]
    total = sum(s.values())

    def versus(now: int, before: int) -> str:
        word, amount = _change_words(now, before)
        return f"与{prev}年预算持平" if word == "持平" else f"比{prev}年预算{word}{wan(amount)}万元"

    blocks.append(Para(f"{y}年“三公”经费预算数为{wan(total)}万元，{versus(total, sum(p.values()))}。其中：", "other.sangong"))
    blocks.append(Para(f"（一）因公出国（境）费{wan(s['abroad'])}万元，{versus(s['abroad'], p['abroad'])}。", "other.abroad"))
    blocks.append(Para(f"（二）公务用车购置及运行费{wan(s['car_buy'] + s['car_run'])}万元，{versus(s['car_buy'] + s['car_run'], p['car_buy'] + p['car_run'])}。"
                       f"其中：公务用车购置费{wan(s['car_buy'])}万元，{versus(s['car_buy'], p['car_buy'])}；"
                       f"公务用车运行费{wan(s['car_run'])}万元，{versus(s['car_run'], p['car_run'])}。", "other.car"))
    blocks.append(Para(f"（三）公务接待费{wan(s['reception'])}万元，{versus(s['reception'], p['reception'])}。", "other.reception"))
    blocks.append(Para("二、机关运行经费预算", "other.head"))
    blocks.append(Para(f"{y}年{pub.department}财政拨款的机关运行经费预算为{wan(pub.public)}万元。", "other.running"))
    blocks.append(Para("三、政府采购预算情况", "other.head"))
    goods, works, services = pub.procurement
    blocks.append(Para(f"{y}年度{own}政府采购预算{wan(goods + works + services)}万元，其中：政府采购货物预算{wan(goods)}万元、"
                       f"政府采购工程预算{wan(works)}万元、政府采购服务预算{wan(services)}万元。", "other.procurement"))
    blocks.append(Para("四、绩效目标设置情况", "other.head"))
    count, money = pub.performance
    blocks.append(Para(f"{y}年度，{own}编报绩效目标的项目共{count}个，涉及项目预算资金{wan(money)}万元。", "other.performance"))
    blocks.append(Para("五、国有资产占有使用情况", "other.head"))
    cars = pub.vehicles
    blocks.append(Para(f"截至{prev}年8月31日，{pub.department}共有车辆{sum(cars)}辆，其中：机要通信用车{cars[0]}辆、"
                       f"应急保障用车{cars[1]}辆、其他用车{cars[2]}辆；单价100万元（含）以上设备（不含车辆）0台（套）。", "other.assets"))
    return blocks


def _project(pub: Publication, project: Project, index: int, rng: random.Random) -> list[Block]:
    y, tag = pub.year, f"project.{index}"
    total = project.leaf.project
    overview = f"围绕{pub.duty}工作目标，保障{project.name}有序实施，提升公共服务水平。"
    if project.areas:
        whole, above, below = project.areas
        overview += f"项目规划建筑面积约为{whole}平方米，其中地上建筑面积为{above}平方米，地下建筑面积为{below}平方米。"
    unit = "万" if rng.random() < 0.5 else "万元"
    if len(project.items) == 1:
        budget = f"{y}年度项目总预算{wan(total)}{unit}，用于{project.items[0][0]}。"
    else:
        items = "，".join(f"{name}{wan(amount)}{unit}" for name, amount in project.items)
        budget = f"{y}年度项目总预算{wan(total)}{unit}，其中{items}，合计{wan(total)}{unit}。"
    basis = [f"{i}、《{pub.district}{name}》（{rng.choice(['普府办', '普财', '普发改'])}规范〔{y - 1}〕{rng.randint(1, 12)}号）。"
             for i, name in enumerate(rng.sample(["关于推进重点工作的实施意见", "专项资金管理办法", "年度工作要点", "三年行动计划"], rng.randint(1, 2)), 1)]
    return [
        Para(project.title, "title"),
        Para("一、项目概述", f"{tag}.head"), Para(overview, f"{tag}.overview"),
        Para("二、立项依据", f"{tag}.head"), *(Para(b, f"{tag}.basis") for b in basis),
        Para("三、实施主体", f"{tag}.head"), Para(pub.department, f"{tag}.body"),
        Para("四、实施方案", f"{tag}.head"),
        Para("根据相关文件要求，制定实施流程和细则，明确工作任务和时间节点，组织项目实施、跟踪和评估，按程序落实资金拨付。", f"{tag}.plan"),
        Para("五、实施周期", f"{tag}.head"), Para(f"{y}.1.1-{y}.12.31", f"{tag}.period"),
        Para("六、年度预算安排", f"{tag}.head"), Para(budget, f"{tag}.budget"),
        Para("七、绩效目标", f"{tag}.head"), Para("详见单位的项目绩效目标表", f"{tag}.aims"),
    ]


# --- files -------------------------------------------------------------------------------------


def cell_text(pub: Publication, value: str | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if pub.unit == "万元":
        return wan_grouped(value)
    return f"{value:,}" if pub.unit == "元整" else f"{value:,}.00"


def unit_line(pub: Publication, grid: Grid) -> str:
    unit = "万元" if grid.place == "table.8" else "万元" if pub.unit == "万元" else "元"
    return f"编制{pub.word}：{pub.department} 单位：{unit}"


def grid_cells(pub: Publication, grid: Grid, value: str | int | None) -> str:
    if grid.place == "table.8" and isinstance(value, int):
        return wan(value)  # the 三公 table is in 万元 in every publication
    return cell_text(pub, value)


def write_txt(rendered: Rendered, path: Path) -> None:
    pub, lines = rendered.pub, []
    for block in rendered.blocks:
        if isinstance(block, Para):
            lines.append(block.text)
            continue
        lines.append(unit_line(pub, block))
        lines += ["\t".join(row) for row in block.header]
        lines += ["\t".join(grid_cells(pub, block, v) for v in row) for row in block.body]
        if block.note:
            lines.append(block.note)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_docx(rendered: Rendered, path: Path, headings: bool = False) -> None:
    """A Word file: paragraphs (titles in Heading styles if ``headings``) and real Word tables."""
    import docx  # the test extra has python-docx; plain-text corpora never need it

    pub, document = rendered.pub, docx.Document()
    for block in rendered.blocks:
        if isinstance(block, Para):
            level = 1 if block.place.startswith("title") else 2 if block.place.endswith(".head") else 0
            if headings and level:
                document.add_heading(block.text, level)
            else:
                document.add_paragraph(block.text)
            continue
        document.add_paragraph(unit_line(pub, block))
        rows = [*block.header, *([grid_cells(pub, block, v) for v in row] for row in block.body)]
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for row, texts in zip(table.rows, rows):
            for cell, text in zip(row.cells, texts):
                cell.text = text
        if block.note:
            document.add_paragraph(block.note)
    document.save(str(path))


# --- slips -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slip:
    name: str
    codes: frozenset[str]
    place: str  # the kind of part its findings are in: chapter, table or project
    needs: Needs
    apply: Callable[[Rendered, random.Random], None]


SLIPS: dict[str, Slip] = {}


def slip(name: str, codes: set[str], place: str, **needs) -> Callable:
    """Register a slip kind: ``apply(rendered, rng)`` edits the blocks of a publication built with ``needs``."""
    def register(apply: Callable[[Rendered, random.Random], None]) -> Callable[[Rendered, random.Random], None]:
        SLIPS[name] = Slip(name, frozenset(codes), place, Needs(**needs), apply)
        return apply
    return register


def generate(folder: str | Path, n: int, seed: int = 0, slips: dict[str, str | None] | None = None, docx_share: float = 0.3,
             parts: dict[str, list[tuple[str, str]]] | None = None) -> list[Path]:
    """Write ``n`` publications into ``folder``: one slip each, the kinds in turn, every third one clean.

    With a ``slips`` dict, each file's slip (or None) is recorded under its path; with a
    ``parts`` dict, the parts the document model must split it into, as (kind, title). About
    ``docx_share`` of the files are .docx (needs python-docx), the others .txt.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    kinds = list(SLIPS)
    paths: list[Path] = []
    made, used = 0, set[str]()
    for index in range(n):
        name = None if index % 3 == 2 else kinds[made % len(kinds)]
        made += name is not None
        chosen = SLIPS[name] if name else None
        pub = build(rng, chosen.needs if chosen else Needs(), used)
        rendered = render(pub, rng)
        if chosen:
            chosen.apply(rendered, rng)
        word = rng.random() < docx_share  # drawn for every file, so that the other files stay as they were
        suffix = ".docx" if word and not (chosen and chosen.needs.pages) else ".txt"
        path = folder / f"pub{index:04d}{suffix}"
        if suffix == ".docx":
            write_docx(rendered, path, headings=rng.random() < 0.5)
        else:
            write_txt(rendered, path)
        if slips is not None:
            slips[str(path)] = name
        if parts is not None:
            parts[str(path)] = expected_parts(rendered)
        paths.append(path)
    return paths


def expected_parts(rendered: Rendered) -> list[tuple[str, str]]:
    """The parts of a publication as (kind, title line): cover, 目录, chapters, tables, project blocks."""
    found = [("cover", ""), ("toc", "目录")]
    for block in rendered.blocks:
        if isinstance(block, Para) and block.place.startswith("title"):
            kind = "table" if block.place.startswith("title.table") else "project" if block.text.endswith("经费情况说明") else "chapter"
            found.append((kind, block.text))
    return found


def misjudged(slips: dict[str, str | None], found: dict[str, set[str]]) -> dict[str, tuple[str | None, list[str]]]:
    """Publications whose rule codes (over all their parts) are not exactly those of their slip."""
    return {path: (name, sorted(found.get(path, set()))) for path, name in slips.items()
            if found.get(path, set()) != (SLIPS[name].codes if name else set())}


def _items(rendered: Rendered) -> list[Para]:
    return rendered.paras("item.")


def _body_rows(grid: Grid, level: int) -> list[list[str | int | None]]:
    """Body rows of a coded table whose code has ``level`` segments (1 类, 2 款, 3 项)."""
    found = []
    for row in grid.body:
        code = "".join(c for c in row[:3] if isinstance(c, str) and c.replace(" ", "").isdigit()).replace(" ", "")
        if code and {3: 1, 5: 2, 7: 3}.get(len(code)) == level:
            found.append(row)
    return found


def _money_columns(row: list[str | int | None]) -> list[int]:
    return [i for i, v in enumerate(row) if isinstance(v, int) or v is None]


# Tables -----------------------------------------------------------------------------------------


def _chain(grid: Grid, code: str) -> list[list[str | int | None]]:
    """The rows of a coded table on the way from the 项 ``code`` up to the 合计 row."""
    rows = []
    for row in grid.body:
        joined = "".join(c.replace(" ", "") for c in row[:3] if isinstance(c, str) and c.replace(" ", "").isdigit())
        if joined and code.startswith(joined):
            rows.append(row)
    return rows + [grid.body[-1]]


@slip("table-row-sum", {"A201"}, "table")
def _row_sum(r: Rendered, rng: random.Random) -> None:
    """支出预算总表: one 项's 项目支出 (or 基本支出) and the rows above it got a late change, their 合计 not."""
    grid = r.grid(2)
    leaf = rng.choice([leaf for leaf in r.pub.classes for leaf in leaf.leaves()])
    column = -1 if leaf.project else -2
    delta = rng.choice([1, 10, 100]) * 1_000
    for row in _chain(grid, leaf.code):
        row[column] = int(row[column] or 0) + delta


@slip("table-total-stale", {"A202", "A404"}, "table")
def _total_stale(r: Rendered, rng: random.Random) -> None:
    """收入预算总表 or 一般公共预算支出功能分类预算表: the 合计 row kept last year's figure (it still adds up across).

    The total then also disagrees with the other tables' (A404); the change goes to 项目支出 so that
    the 基本支出 split (A402) stays right."""
    grid = r.grid(rng.choice([1, 4]))
    last = grid.body[-1]
    delta = rng.choice([1, 5, 20]) * 10_000
    last[-3 if grid.place == "table.4" else -5] = int(last[-3 if grid.place == "table.4" else -5] or 0) + delta
    if grid.place == "table.4":
        last[-1] = int(last[-1] or 0) + delta
    else:
        last[-4] = int(last[-4] or 0) + delta


@slip("table-code-hierarchy", {"A203"}, "table")
def _hierarchy(r: Rendered, rng: random.Random) -> None:
    """支出预算总表: a 款 row that is not the sum of its 项 (its own row still adds up)."""
    grid = r.grid(2)
    row = rng.choice(_body_rows(grid, 2))
    column = -1 if row[-1] else -2
    delta = rng.choice([9, 90, 900]) * 100
    row[-3] = int(row[-3] or 0) + delta
    row[column] = int(row[column] or 0) + delta


@slip("table-sum-rounding", {"A204", "A409"}, "table", unit="万元")
def _sum_rounding(r: Rendered, rng: random.Random) -> None:
    """A 万元 table whose 合计 row misses the 类 rows by 0.01 in one column (a figure rounded apart);
    that total is then 0.01 off the other tables' too (A409, info)."""
    grid = r.grid(rng.choice([2, 4]))
    last = grid.body[-1]
    last[-3] = int(last[-3] or 0) + HUNDRED
    column = -1 if last[-1] else -2  # 项目支出: a 0.01 in 基本支出 would also be the basic split's (A407)
    last[column] = int(last[column] or 0) + HUNDRED


@slip("table-figure-mismatch", {"A205"}, "table", unit="万元")
def _figure_mismatch(r: Rendered, rng: random.Random) -> None:
    """财务收支预算总表 in 万元: one 类 typed 0.01 off the other tables (012's 326.71 for 326.72)."""
    grid = r.grid(0)
    step = HUNDRED
    rows = [row for row in grid.body if isinstance(row[3], int) and isinstance(row[2], str) and row[2].endswith("支出")]
    rng.choice(rows)[3] += step  # type: ignore[operator]


@slip("empty-table-note", {"T202"}, "table", sangong=True)
def _empty_note(r: Rendered, rng: random.Random) -> None:
    grid = r.grid(8)
    grid.note = f"注：{r.pub.own}{r.pub.year}年无“三公”经费和机关运行经费预算，故本表为空表。"


@slip("table-template-residue", {"T201"}, "table")
def _table_residue(r: Rendered, rng: random.Random) -> None:
    grid = r.grid(rng.choice([5, 6]))
    grid.note = grid.note.replace("故本表为空表。", "故本表为空表。无此类预算的，仍保留该表格式，并在本表下方作说明。")


@slip("blank-page", {"S204"}, "table", pages=True)
def _blank_page(r: Rendered, rng: random.Random) -> None:
    """Each table on a page of its own (a form feed before its title), and one page left blank before a table."""
    titles = [i for i, b in enumerate(r.blocks) if isinstance(b, Para) and b.place.startswith("title.table")]
    blank = rng.choice(titles[2:])
    for index in reversed(titles):
        r.blocks[index:index] = [Para("\f", "page")] * (2 if index == blank else 1)


@slip("classification-code", {"A206"}, "table")
def _code_shape(r: Rendered, rng: random.Random) -> None:
    """经济分类预算表: a 款 code that lost its leading 0 (009's "301 2 津贴补贴" for 30102)."""
    grid = r.grid(7)
    split = not grid.header[0][0].endswith("编码")  # 类 | 款 in two cells, else the code in one

    def code(row: list[Value]) -> str:
        return "".join(c for c in row[: 2 if split else 1] if isinstance(c, str)).replace(" ", "")

    row = rng.choice([row for row in grid.body if len(code(row)) == 5 and code(row)[3] == "0"])
    if split:
        row[1] = str(row[1])[1:]
    else:
        row[0] = str(row[0]).replace(" 0", " ") if " " in str(row[0]) else code(row)[:3] + code(row)[4:]


# 编制说明 -----------------------------------------------------------------------------------------


def _compared(r: Rendered, distinct: bool = True) -> list[Para]:
    """Items with a comparison (and, if ``distinct``, two different figures)."""
    return [p for p in _items(r) if "预算执行数为" in p.text and (not distinct or "持平" not in p.text)]


@slip("change-claim", {"A301"}, "chapter", comparisons=True)
def _change_claim(r: Rendered, rng: random.Random) -> None:
    para = rng.choice(_compared(r))
    stated = para.text.split("预算执行数增加" if "执行数增加" in para.text else "预算执行数减少")[1].split("%")[0]
    wrong = Decimal(stated) + rng.choice([Decimal(3), Decimal("10.5"), Decimal(20)])
    r.replace(para.place, f"{stated}%", f"{wrong}%")


@slip("heading-amount", {"A302", "A401"}, "chapter", comparisons=True)
def _heading_amount(r: Rendered, rng: random.Random) -> None:
    """The figure below the heading typed wrong; the rate still fits the heading (009's 住房公积金),
    and so does the table row of the same subject (A401)."""
    para = rng.choice(_compared(r))
    now = para.text.split("预算安排")[1].split("万元")[0]
    r.replace(para.place, f"预算安排{now}万元", f"预算安排{Decimal(now) + Decimal(rng.choice(['2.32', '10.00', '0.90'])):.2f}万元")


@slip("growth-from-zero", {"A303"}, "chapter", comparisons=True)
def _from_zero(r: Rendered, rng: random.Random) -> None:
    para = rng.choice(_compared(r))
    before = para.text.split("预算执行数为")[1].split("万元")[0]
    stated = para.text.split("预算执行数增加" if "执行数增加" in para.text else "预算执行数减少")[1].split("%")[0]
    r.replace(para.place, f"执行数为{before}万元", "执行数为0.00万元")
    r.replace(para.place, f"减少{stated}%", "增加100.00%") if "执行数减少" in para.text else r.replace(para.place, f"增加{stated}%", "增加100.00%")
    para.text = para.text.replace("经费减少。", "经费增加。")


@slip("share-claim", {"A305"}, "chapter", shares=True)
def _share_claim(r: Rendered, rng: random.Random) -> None:
    para = r.para("explain.shares")
    first = para.text.split("占")[1].split("%")[0]
    r.replace("explain.shares", f"占{first}%", f"占{Decimal(first) + rng.choice([2, 5, 9])}%")


@slip("ratio-claim", {"A304"}, "chapter", ratio=True)
def _ratio_claim(r: Rendered, rng: random.Random) -> None:
    """The share of last year's budget spent, with two digits swapped (98.20% for 92.80%)."""
    para = r.para("explain.execution")
    stated = para.text.split("完成年初预算的")[1].split("%")[0]
    wrong = Decimal(stated) + rng.choice([Decimal(-6), Decimal("4.5"), Decimal(10)])
    r.replace("explain.execution", f"的{stated}%", f"的{wrong}%")


@slip("reason-direction", {"A306"}, "chapter", comparisons=True)
def _reason_direction(r: Rendered, rng: random.Random) -> None:
    para = rng.choice(_compared(r))
    para.text = para.text.replace("经费增加。", "经费\0。").replace("经费减少。", "经费增加。").replace("经费\0。", "经费减少。")


@slip("total-below-part", {"A307"}, "chapter", grand_total=True)
def _total_below_part(r: Rendered, rng: random.Random) -> None:
    """The 总计 written in the wrong unit (the 元 figure over 10⁴ twice): far below the 财政拨款收入."""
    para = r.para("explain.grand")
    figure = para.text.split("总计")[1].split("万元")[0]
    r.replace("explain.grand", f"总计{figure}万元", f"总计{wan(int(Decimal(figure) * 100))}万元")


@slip("change-baseline", {"A311"}, "chapter", moved=True)
def _baseline(r: Rendered, rng: random.Random) -> None:
    """Income against last year's 执行数, spending against its 预算, with two different changes (005)."""
    pub = r.pub
    other = "预算执行数" if pub.base == "预算" else "预算"
    para = r.para("explain.income")
    prev = pub.year - 1
    word, amount = _change_words(pub.total, pub.previous_total)
    old = _versus(prev, pub.base, _change_words(pub.total, pub.previous_total))
    new = f"比{prev}年{other}{word}{wan_grouped(amount + rng.choice([1, 3, 7]) * 10_000)}万元"
    r.replace("explain.income", old, new)
    assert para.text.count(new) == 1


@slip("copied-subject", {"A312"}, "chapter")
def _copied_subject(r: Rendered, rng: random.Random) -> None:
    """An item's 主要用于 copied from the item before it (009's 城管执法)."""
    items = _items(r)
    paths = _paths(r.pub)
    pairs = [(i, j) for i in range(len(items)) for j in range(len(items)) if i != j
             and len(subject(*paths[i][1:])) >= 4 and subject(*paths[i][1:]) not in subject(*paths[j][1:])
             and subject(*paths[j][1:]) not in subject(*paths[i][1:])]
    source, target = rng.choice(pairs)
    own = subject(*paths[target][1:])
    r.replace(items[target].place, f"主要用于{own}。", f"主要用于{subject(*paths[source][1:])}。")
    items[target].text = items[target].text.replace(f"主要原因是：{own}经费", "主要原因是：经费")


@slip("running-cost-text", {"A403"}, "chapter")
def _running_cost_text(r: Rendered, rng: random.Random) -> None:
    """其他相关情况说明 states a 机关运行经费 that is not the figure of the 三公 and 机关运行经费 table."""
    stated = wan(r.pub.public)
    wrong = Decimal(stated) + Decimal(rng.choice(["1.00", "12.50", "100.00"]))
    r.replace("other.running", f"预算为{stated}万元", f"预算为{wrong:.2f}万元")


@slip("running-cost-rounding", {"A408"}, "chapter")
def _running_cost_rounding(r: Rendered, rng: random.Random) -> None:
    """其他相关情况说明's 机关运行经费 one cent (0.01 万元) from the 三公 table's."""
    stated = wan(r.pub.public)
    r.replace("other.running", f"预算为{stated}万元", f"预算为{Decimal(stated) + CENT:.2f}万元")


@slip("running-cost-cell-rounding", {"A408"}, "chapter")
def _running_cost_cell(r: Rendered, rng: random.Random) -> None:
    """The same typed off in the table: the 三公 table's 机关运行经费 cell one cent (0.01 万元) from the
    text (its other cells are the 三公's, so nothing else moves). Two places, neither known right: the
    finding stands at the text's figure, quoting the table's."""
    row = r.grid(8).body[0]
    row[5] = int(row[5] or 0) + HUNDRED


def _basic_sentence(r: Rendered, rng: random.Random, delta: int) -> None:
    """The 基本支出 sentence with 基本支出 and one of its parts moved by ``delta`` yuan (so the
    sentence still adds up: the text, not its arithmetic, is apart from the tables)."""
    people = sum(n.basic for n in r.pub.econ)
    r.replace("explain.basic", f"基本支出{wan(r.pub.basic)}万元", f"基本支出{wan(r.pub.basic + delta)}万元")
    word, figure = rng.choice([("人员经费", people), ("公用经费", r.pub.public)])
    r.replace("explain.basic", f"{word}{wan(figure)}万元", f"{word}{wan(figure + delta)}万元")


@slip("basic-split-text", {"A402"}, "chapter", split=True)
def _basic_split_text(r: Rendered, rng: random.Random) -> None:
    """编制说明's 基本支出 and 人员经费 (or 公用经费) not those of the function and economic tables."""
    _basic_sentence(r, rng, rng.choice([1, 9, 90, 1000]) * 10_000)


@slip("basic-split-rounding", {"A407"}, "chapter", split=True)
def _basic_split_rounding(r: Rendered, rng: random.Random) -> None:
    """The same, one cent (0.01 万元) apart: a figure rounded twice or typed one cent off."""
    _basic_sentence(r, rng, HUNDRED)


@slip("table-basic-stale", {"A202", "A402", "A404"}, "table")
def _basic_stale(r: Rendered, rng: random.Random) -> None:
    """一般公共预算支出功能分类预算表: the 合计 row kept an old 基本支出 (and so an old 合计): its column
    no longer adds up (A202), its total is not the other tables' (A404), and its 基本支出 is not the
    economic table's (A402)."""
    last = r.grid(4).body[-1]
    delta = rng.choice([1, 5, 20]) * 10_000
    last[-3] = int(last[-3] or 0) + delta
    last[-2] = int(last[-2] or 0) + delta


@slip("subject-amount-rounding", {"A406"}, "chapter")
def _subject_rounding(r: Rendered, rng: random.Random) -> None:
    """An item of the 编制说明 (without a comparison) one cent (0.01 万元) from its 项 row in the function table."""
    para = rng.choice(_items(r))
    para.text = para.text[: para.text.index("。") + 1]
    now = para.text.split("”")[1].split("万元")[0]
    r.replace(para.place, f"”{now}万元", f"”{Decimal(now) + CENT:.2f}万元")


@slip("unbalanced-summary", {"A405", "A404"}, "table")
def _unbalanced(r: Rendered, rng: random.Random) -> None:
    """财务收支预算总表: 支出总计 typed apart from 收入总计 (and so from the other tables' totals, A404)."""
    last = r.grid(0).body[-1]
    last[3] = int(last[3] or 0) + rng.choice([1, 3, 70]) * 10_000


@slip("comparison-year", {"N201"}, "chapter")
def _comparison_year(r: Rendered, rng: random.Random) -> None:
    """The income compared with the budget's own year (last year's sentence with the year moved on)."""
    prev = r.pub.year - 1
    para = r.para("explain.income")
    assert f"{prev}年" in para.text
    para.text = para.text.replace(f"比{prev}年", f"比{r.pub.year}年").replace(f"与{prev}年", f"与{r.pub.year}年")


@slip("publication-wording", {"N203"}, "chapter", kind="单位预算")
def _wording(r: Rendered, rng: random.Random) -> None:
    """A 单位预算 with a sentence left from the department's 部门预算."""
    r.replace("other.procurement", "本单位政府采购预算", "本部门政府采购预算")


@slip("subject-name", {"N204"}, "chapter")
def _subject_name(r: Rendered, rng: random.Random) -> None:
    """One 项 named in the text one character off the tables' name."""
    items, paths = _items(r), _paths(r.pub)
    choices = [i for i, (_, middle, leaf) in enumerate(paths) if len(leaf.name) >= 5 and leaf.name != middle.name]
    i = rng.choice(choices)
    name = paths[i][2].name
    k = rng.randrange(1, len(name) - 1)
    wrong = name[:k] + ("务" if name[k] != "务" else "物") + name[k + 1 :]
    r.replace(items[i].place, f"{name}（项）", f"{wrong}（项）")


@slip("template-residue", {"T201"}, "chapter")
def _residue(r: Rendered, rng: random.Random) -> None:
    """The template's two directions left in ("财政拨款收入支出增加（减少）的主要原因是"), or its instruction."""
    reason = r.paras("explain.reason")
    if reason:
        word = "增加" if "收入支出增加" in reason[0].text else "减少"
        r.replace("explain.reason", f"收入支出{word}", f"收入支出{word}（{'减少' if word == '增加' else '增加'}）")
    else:
        r.replace("explain.spending", "持平。", "持平（如持平作持平表述）。")


@slip("empty-reason", {"T203"}, "chapter")
def _empty_reason(r: Rendered, rng: random.Random) -> None:
    para = r.para("other.abroad")
    para.text = para.text.rstrip("。") + "，主要原因是。"


@slip("rate-without-percent", {"T204"}, "chapter", comparisons=True)
def _no_percent(r: Rendered, rng: random.Random) -> None:
    para = rng.choice(_compared(r))
    stated = para.text.split("预算执行数增加" if "执行数增加" in para.text else "预算执行数减少")[1].split("%")[0]
    r.replace(para.place, f"{stated}%。", f"{stated}。")


@slip("bi-chiping", {"T205"}, "chapter")
def _bi_chiping(r: Rendered, rng: random.Random) -> None:
    prev = r.pub.year - 1
    r.replace("explain.spending", f"政府性基金拨款支出预算0万元，与{prev}年", f"政府性基金拨款支出预算0万元，比{prev}年")


@slip("jiezhi", {"T206"}, "chapter")
def _jiezhi(r: Rendered, rng: random.Random) -> None:
    r.replace("other.assets", "截至", "截止")


@slip("unpaired-mark", {"T207"}, "chapter")
def _unpaired(r: Rendered, rng: random.Random) -> None:
    para = rng.choice(_items(r))
    r.replace(para.place, "“", "")


@slip("run-on-date", {"T208"}, "chapter")
def _run_on(r: Rendered, rng: random.Random) -> None:
    """The 国有资产 paragraph joined to a sentence that lost its full stop."""
    para = r.para("other.assets")
    para.text = f"{r.pub.own}资产配置严格执行相关标准截至{para.text.removeprefix('截至')}"


@slip("space-before-punctuation", {"T209"}, "chapter")
def _space(r: Rendered, rng: random.Random) -> None:
    r.replace("duty.intro", "工作部门，", "工作部门 ，")


@slip("missing-stop", {"T211"}, "project", projects=1)
def _missing_stop(r: Rendered, rng: random.Random) -> None:
    index = rng.randrange(len(r.pub.projects))
    r.replace(f"project.{index}.plan", "资金拨付。", "资金拨付")


@slip("procurement-rounding", {"A109"}, "chapter")
def _procurement(r: Rendered, rng: random.Random) -> None:
    """政府采购 parts that miss their total by 0.01 万元 (012's 4.79 + 0 + 246.47 ≠ 251.25)."""
    services = r.pub.procurement[2]
    r.replace("other.procurement", f"服务预算{wan(services)}万元", f"服务预算{wan(services + HUNDRED)}万元")


# Project blocks -------------------------------------------------------------------------------------


@slip("budget-without-amount", {"A108"}, "project", projects=1)
def _no_amount(r: Rendered, rng: random.Random) -> None:
    para = r.para(f"project.{rng.randrange(len(r.pub.projects))}.budget")
    para.text = "结合重点工作推进情况，根据合同条款，按时拨付资金。"


@slip("period-outside-budget-year", {"N202"}, "project", projects=1)
def _period(r: Rendered, rng: random.Random) -> None:
    prev = r.pub.year - 1
    r.replace(f"project.{rng.randrange(len(r.pub.projects))}.period", f"{r.pub.year}.1.1-{r.pub.year}.12.31", f"{prev}.1.1-{prev}.12.31")


@slip("unit-describes-task", {"N205"}, "project", projects=1)
def _unit_task(r: Rendered, rng: random.Random) -> None:
    """三、实施主体 with what is to be done instead of who does it (007's 任务书印制工作)."""
    index = rng.randrange(len(r.pub.projects))
    para = r.para(f"project.{index}.body")
    para.text = f"主要完成{r.pub.projects[index].name}相关工作任务，按时间节点推进各项任务。"


@slip("shiwu-for-affairs", {"T212"}, "project", projects=1)
def _shiwu(r: Rendered, rng: random.Random) -> None:
    """事物 for 事务 in the project's overview (009's 社区事物受理)."""
    index = rng.randrange(len(r.pub.projects))
    r.replace(f"project.{index}.overview", "提升公共服务水平。", f"提升{rng.choice(['社区事物受理', '政务事物办理', '行政事物'])}和公共服务水平。")


@slip("unit-spelling-mix", {"T210"}, "project", projects=1)
def _unit_mix(r: Rendered, rng: random.Random) -> None:
    """One item of the 年度预算安排 in 万元 among figures in 万 (005's 商业创新专项)."""
    candidates = [i for i, p in enumerate(r.pub.projects) if len(p.items) >= 3]
    if not candidates:
        project = r.pub.projects[0]
        parts = _split(rng, project.leaf.project, 3) if project.leaf.project >= 3 * HUNDRED else None
        assert parts, "a project too small for three items"
        project.items = list(zip(rng.sample(_ITEMS, 3), parts))
        candidates = [0]
    index = rng.choice(candidates)
    project = r.pub.projects[index]
    items = [f"{name}{wan(amount)}万" for name, amount in project.items]
    items[1] += "元"
    total = wan(project.leaf.project)
    r.para(f"project.{index}.budget").text = f"{r.pub.year}年度项目总预算{total}万，其中{'，'.join(items)}，合计{total}万。"


@slip("measure-parts-sum", {"C201"}, "project", projects=1, building=True)
def _areas(r: Rendered, rng: random.Random) -> None:
    """地上 typed with two digits swapped, so 地上 + 地下 ≠ the whole (009's 8013 for 8103)."""
    index = next(i for i, p in enumerate(r.pub.projects) if p.areas)
    areas = r.pub.projects[index].areas
    assert areas is not None
    digits = str(areas[1])
    swapped = next(digits[:k] + digits[k + 1] + digits[k] + digits[k + 2 :] for k in range(1, len(digits) - 1) if digits[k] != digits[k + 1])
    r.replace(f"project.{index}.overview", f"地上建筑面积为{areas[1]}平方米", f"地上建筑面积为{swapped}平方米")

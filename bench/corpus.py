"""Synthetic project texts for benchmarks and tests: varied amounts, names, slips of every kind.

``generate(folder, n)`` writes ``n`` texts into files of one to three texts each and
returns the file paths. The same ``seed`` always gives the same corpus. About one text
in four carries an injected slip, the kinds in turn (a wrong sum, a unit slip, a plan that differs from
the budget, a miscounted list, a missing or misnumbered section, conversion residue,
a page marker, a placeholder, a badly formed or duplicated name, a malformed amount, a
pasted paragraph, a word written twice, capitals that disagree with figures, parts that
do not make their count, a wrong year or implementing body, an empty section, a skipped
item number, an outdated aim, a growth rate on the wrong base, shares that miss 100 %, a comparison
with the budget's own year, template residue, a reason left empty, a growth figure without its %,
"比…持平", "截止" before a date, an unclosed 《, a table whose rows or 合计 do not add up, a growth
claim that does not follow from its two figures, a share that is not its part over the total); the others are written to be clean, and the tests
check that budgetcheck finds every slip and nothing else.

Whole publications (部门预算 / 单位预算 with cover, 目录, 编制说明, the nine tables and the
项目经费情况说明 blocks, as .txt and .docx) come from ``bench.publications``, with slips of the
published-budget rules (A108 … A312, A402 … A409, N201 … N205, T201 … T212, C201) in their natural places.
"""

from __future__ import annotations

import random
from collections import Counter
from decimal import Decimal
from pathlib import Path

import cn2an

COUNTIES = ["新平县", "峨山县", "华宁县", "通海县", "江川区", "澄江市", "易门县", "元江县", "红塔区", "石林县", "宜良县", "嵩明县"]
BUREAUS = ["民政局", "农业农村局", "教育体育局", "卫生健康局", "住房和城乡建设局", "交通运输局", "文化和旅游局", "自然资源局"]
TOPICS = ["社区服务", "农村饮水安全", "学校校舍维修", "基层卫生院设备购置", "老旧小区改造", "农村公路养护", "非遗保护传承",
          "耕地质量提升", "党建引领小区治理", "养老服务补助", "森林防火", "困难群众救助"]
ITEMS = ["办公费", "培训费", "会议费", "印刷费", "差旅费", "维修费", "设备购置费", "劳务费", "专家咨询费", "宣传费"]
PLACES = ["东区", "西区", "南苑", "北苑", "政府小区", "景盛园", "望湖苑", "文化路", "新村", "河滨", "花园", "和平路"]
SECTIONS = ["项目名称", "立项依据", "项目实施单位", "项目基本概况", "项目实施内容", "资金安排情况", "项目实施计划", "项目实施成效"]
NUMERALS = "一二三四五六七八"
ORDINALS = "一二三"
PROSE = [
    "坚持以人民为中心的发展思想，聚焦群众急难愁盼问题，推动各项政策措施落地见效。",
    "按照“政府主导、部门协同、社会参与”的原则，统筹整合各类资源，形成工作合力。",
    "通过建立健全长效管理机制，明确责任主体，强化监督考核，确保项目规范有序实施。",
    "项目实施过程中严格执行政府采购、财务管理等相关规定，加强资金监管，提高资金使用效益。",
    "组织相关人员开展业务培训和经验交流，提升基层工作人员的专业能力和服务水平。",
    "对照年度目标任务，逐项细化分解，明确时间节点，倒排工期，挂图作战。",
    "加强宣传引导，充分利用广播、电视、网络等渠道，营造全社会共同参与的良好氛围。",
    "建立项目台账，实行动态管理，定期调度工作进展，及时研究解决存在的困难和问题。",
    "结合实际制定实施方案，因地制宜、分类施策，避免“一刀切”，确保取得实效。",
    "强化绩效管理，将绩效目标与预算编制、执行、监督有机结合，切实提高财政资金使用效益。",
]
SLIPS = ["items-sum", "unit-slip", "plan-budget", "list-count", "missing-section", "section-order",
         "artefact", "page-marker", "placeholder", "title-format", "duplicate-title",
         "amount-format", "off-topic", "repeated-text", "capital-mismatch", "count-parts", "title-year",
         "other-unit", "empty-section", "item-numbering", "stale-phrase", "growth-rate", "share-total",
         "comparison-year", "template-residue", "empty-reason", "rate-without-percent", "bi-chiping", "jiezhi",
         "unpaired-mark", "table-row-sum", "table-total",
         "change-claim", "share-claim"]
# A paragraph from another kind of document, pasted into a project text (the "off-topic" slip).
PASTED = ("努力选出素质优良、结构合理、群众公认的新一届村“两委”班子和乡镇党委班子，把坚持党的领导、"
          "充分发扬民主、严格依法办事有机结合起来，统筹谋划，精心组织，有序推进换届选举工作。")
# What each slip must produce in its own text (a missing section also breaks the numbering,
# a unit slip also breaks the sum). Duplicate names are judged across texts, in misjudged.
EXPECTED = {
    None: set(),
    "items-sum": {"A101"},
    "unit-slip": {"A101", "A103"},
    "plan-budget": {"A102"},
    "list-count": {"C101"},
    "missing-section": {"S101", "S102"},
    "section-order": {"S102"},
    "artefact": {"S201"},
    "page-marker": {"S202"},
    "placeholder": {"S203"},
    "title-format": {"N102"},
    "duplicate-title": set(),
    "amount-format": {"A104"},
    "off-topic": {"T102"},
    "repeated-text": {"T103"},
    "capital-mismatch": {"A105"},
    "count-parts": {"C102"},
    "title-year": {"N103"},
    "other-unit": {"N104"},
    "empty-section": {"S103"},
    "item-numbering": {"S104"},
    "stale-phrase": {"T101"},
    "growth-rate": {"A106"},
    "share-total": {"A107"},
    "comparison-year": {"N201"},
    "template-residue": {"T201"},
    "empty-reason": {"T203"},
    "rate-without-percent": {"T204"},
    "bi-chiping": {"T205"},
    "jiezhi": {"T206"},
    "unpaired-mark": {"T207"},
    "table-row-sum": {"A201"},
    "table-total": {"A202"},
    "change-claim": {"A301"},
    "share-claim": {"A305"},
}
_FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def generate(folder: str | Path, n: int, seed: int = 0, slips: dict[tuple[str, int], str | None] | None = None) -> list[Path]:
    """Write ``n`` texts into ``folder`` (1–3 texts per file); return the files in sorted order.

    With a ``slips`` dict, each text's injected slip (or None) is recorded under
    ``(file path, text index from 1)``, so a test can say what should be found where.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    maker = _Maker(rng)
    paths, written = [], 0
    while written < n:
        count = min(rng.choice((1, 1, 2, 3)), n - written)
        department = f"{rng.choice(COUNTIES)}{rng.choice(BUREAUS)}"
        texts = [maker.text(department, i, written + i) for i in range(count)]
        path = folder / f"{len(paths):06d}.txt"
        if slips is not None:
            slips.update({(str(path), i): slip for i, slip in enumerate(maker.slips[-count:], 1)})
        encoding = "gb18030" if rng.random() < 0.1 else "utf-8"
        path.write_bytes("\n\n".join(texts).encode(encoding))
        paths.append(path)
        written += count
    return paths


def name_key(title: str | None) -> str:
    """A project name as N101 compares it: "X。" (a title-format slip) is "X"."""
    return (title or "").rstrip("。")


def misjudged(
    slips: dict[tuple[str, int], str | None], found: dict[tuple[str, int], set[str]], titles: dict[tuple[str, int], str]
) -> dict[tuple[str, int], tuple[str | None, list[str]]]:
    """Texts whose rule codes are not exactly those of their slip, with what they got.

    ``found`` and ``titles`` are keyed like ``slips``: (path, text index). N101 is judged per
    name (it reports the texts that disagree with the majority), so it is ignored on texts
    whose name occurs more than once.
    """
    shared = {title for title, count in Counter(titles.values()).items() if count > 1}
    wrong = {}
    for key, slip in slips.items():
        codes = found.get(key, set()) - ({"N101"} if titles.get(key) in shared else set())
        if codes != EXPECTED[slip]:
            wrong[key] = (slip, sorted(codes))
    return wrong


class _Maker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.titles: list[tuple[str, Decimal]] = []
        self.slips: list[str | None] = []  # the slip of every text made, in order
        self.pool: list[str] = []  # the current text's own phrases
        self.topic = ""  # the current text's subject, from its name

    def text(self, department: str, index: int, serial: int) -> str:
        rng = self.rng
        # Slips in turn, so that even a small corpus holds every kind.
        slip = SLIPS[sum(s is not None for s in self.slips) % len(SLIPS)] if rng.random() < 0.25 else None
        self.slips.append(slip)
        # A text keeps coming back to its topic and a few phrases of its own, as real ones do.
        self.pool = rng.sample(PROSE, 3)
        title, total = self._title_and_total(serial, slip)
        self.topic = next(topic for topic in TOPICS if topic in title)
        parts = _split(rng, total, rng.randint(2, 4))
        bodies = {
            "项目名称": title + ("。" if slip == "title-format" else ""),
            "立项依据": self._basis(slip),
            "项目实施单位": self._other_department(department) if slip == "other-unit" else department,
            "项目基本概况": self._overview(slip),
            "项目实施内容": self._content(slip),
            "资金安排情况": self._budget(total, parts, slip),
            "项目实施计划": self._plan(total, slip),
            "项目实施成效": self._effect(slip),
        }
        numerals = list(NUMERALS)
        if slip == "section-order":
            numerals[4], numerals[5] = numerals[5], numerals[4]
        lines = [department, f"2026年部门预算重点领域财政项目文本（{ORDINALS[index]}）"]
        for numeral, section in zip(numerals, SECTIONS):
            if slip == "missing-section" and section == "项目基本概况":
                continue
            lines += [f"{numeral}、{section}", bodies[section]]
        return "\n".join(lines) + "\n"

    def _title_and_total(self, serial: int, slip: str | None) -> tuple[str, Decimal]:
        rng = self.rng
        if slip == "duplicate-title" and self.titles:
            title, total = rng.choice(self.titles)
            return title, total + 10_000
        scale = Decimal(1_000) if rng.random() < 0.8 else Decimal(1_000_000)
        total = Decimal(rng.randint(12, 900)) * scale
        year = 2025 if slip == "title-year" else 2026
        title = f"{year}年{rng.choice(COUNTIES)}{rng.choice(TOPICS)}经费（{serial:05d}）"
        if len(self.titles) < 200 and slip != "title-year":  # a copy must carry only its own slip
            self.titles.append((title, total))
        return title, total

    def _prose(self) -> str:
        return "".join(self.rng.sample(self.pool, self.rng.randint(2, 3)))

    def _basis(self, slip: str | None) -> str:
        number = "XX" if slip == "placeholder" else str(self.rng.randint(1, 30))
        close = "" if slip == "unpaired-mark" else "》"
        return f"根据《关于印发{self.topic}工作方案的通知{close}（某办发〔2025〕{number}号），结合本地实际编制本项目。{self._prose()}"

    def _overview(self, slip: str | None) -> str:
        if slip == "off-topic":
            return PASTED
        residue = "[bookmark: _GoBack]" if slip == "artefact" else ""
        survey = "前期调研前期调研" if slip == "repeated-text" else "前期调研"
        done = "截止2025年底已完成" if slip == "jiezhi" else "2025年已完成"
        text = f"{residue}为提升{self.topic}工作水平，{done}{survey}，覆盖{self.rng.randint(3, 40)}个村（社区）。"
        if slip == "empty-reason":
            text += f"{self.topic}工作经费较上年有所增加，主要原因是。"
        text += self._prose()
        if slip == "page-marker":
            text += f"\n— {self.rng.randint(1, 9)} —\n续写概况，明确工作任务。"
        return text

    def _content(self, slip: str | None) -> str:
        rng = self.rng
        names = rng.sample(PLACES, rng.randint(3, 6))
        declared = len(names) + (1 if slip == "list-count" else 0)
        days = rng.randint(2, 6)
        second = days - 1 + (1 if slip == "count-parts" else 0)
        text = (f"实施示范点{declared}个，分别为：{'、'.join(names)}。开展培训{rng.randint(2, 9)}期，受益群众{rng.randint(100, 5000)}户。"
                f"集中培训{days}天，分两个阶段进行（一阶段1天，二阶段{second}天）。")
        numbers = "一二四" if slip == "item-numbering" else "一二三"
        tasks = [f"开展{self.topic}业务培训", f"维护{self.topic}设施", f"组织{self.topic}宣传活动"]
        return text + "\n" + "\n".join(f"（{n}）{task}。" for n, task in zip(numbers, tasks))

    def _budget(self, total: Decimal, parts: list[Decimal], slip: str | None) -> str:
        rng = self.rng
        written = [self._money(p) for p in parts]
        if slip == "items-sum":
            written[-1] = self._money(parts[-1] + 1_000)
        elif slip == "unit-slip":
            written[-1] = f"{parts[-1]:,.2f}万元"
        if slip == "share-total" or rng.random() < 0.2:
            written = [f"{amount}（占{share}%）" for amount, share in zip(written, self._shares(total, parts, slip))]
        items = "、".join(f"{name}{amount}" for name, amount in zip(rng.sample(ITEMS, len(parts)), written))
        requested = self._money(total)
        if slip == "capital-mismatch":  # capitals and figures of one amount, 20,000 apart
            requested = f"{cn2an.an2cn(int(total) + 20_000, 'up')}元（{total:,.2f}元）"
        text = f"本项目申请预算资金{requested}。2026年安排预算资金{self._money(total)}，分别是：{items}。"
        if slip == "share-claim" or (slip is None and rng.random() < 0.15):
            text = f"本项目申请预算资金{requested}。" + self._share_list(total, parts, wrong=slip == "share-claim")
        if slip in ("growth-rate", "comparison-year", "rate-without-percent") or rng.random() < 0.3:
            text += self._growth(total, slip)
        if slip == "change-claim" or (slip is None and rng.random() < 0.2):
            text += self._change(total, wrong=slip == "change-claim")
        if slip in ("table-row-sum", "table-total"):
            text += "\n" + self._table(total, parts[0], slip)
        return text

    def _table(self, total: Decimal, basic: Decimal, slip: str | None) -> str:
        """The budget as a 支出 table by function code: 合计 = 基本支出 + 项目支出, and a 合计 row.
        "table-row-sum" adds 1,000 to 项目支出 in every row; "table-total" to the 合计 row's 合计 and
        基本支出, which then no longer sum the 类 rows (the row itself still adds up)."""
        project = total - basic
        rows = [["201", f"{self.topic}经费", total, basic, project], ["合计", "", total, basic, project]]
        if slip == "table-row-sum":
            rows[0][4] += 1_000
            rows[1][4] += 1_000
        elif slip == "table-total":
            rows[1][2] += 1_000
            rows[1][3] += 1_000
        lines = ["单位：元", "科目编码\t科目名称\t合计\t基本支出\t项目支出"]
        return "\n".join(lines + ["\t".join(c if isinstance(c, str) else f"{c:,.2f}" for c in row) for row in rows])

    def _share_list(self, total: Decimal, parts: list[Decimal], wrong: bool) -> str:
        """'T，其中：A，占x%；B，占y%。' to 0.01 %; the slip adds three points to the first share."""
        shares = [(part / total * 100).quantize(Decimal("0.01")) for part in parts]
        if wrong:
            shares[0] += 3
        names = self.rng.sample(ITEMS, len(parts))
        items = "；".join(f"{name}{self._money(part)}，占{share}%" for name, part, share in zip(names, parts, shares))
        return f"2026年{self.topic}安排预算资金{self._money(total)}，其中：{items}。"

    def _change(self, total: Decimal, wrong: bool) -> str:
        """'2025年预算执行数为A元，2026年预算安排B元，比2025年预算执行数增长D%'; the slip adds seven points to D."""
        previous = (total * 100 / (100 + self.rng.choice((10, 20, 25, 50)))).quantize(Decimal(1))
        rate = ((total / previous - 1) * 100).quantize(Decimal("0.01")) + (7 if wrong else 0)
        return f"2025年{self.topic}预算执行数为{previous:,.2f}元，2026年预算安排{total:,.2f}元，比2025年预算执行数增长{rate}%。"

    def _shares(self, total: Decimal, parts: list[Decimal], slip: str | None) -> list[str]:
        """Each part's share of the total, to one decimal; the slip adds ten points to the last."""
        shares = [(part / total * 100).quantize(Decimal("0.1")) for part in parts]
        if slip == "share-total":
            shares[-1] += 10
        return [f"{share:f}" for share in shares]

    def _growth(self, total: Decimal, slip: str | None) -> str:
        """'比上年增加X元，增长Y%'; the growth-rate slip divides by this year's amount instead of last year's,
        the comparison-year slip compares with the budget's own year, the other loses the %."""
        previous = (total * 100 / (100 + self.rng.choice((10, 20, 25, 50)))).quantize(Decimal(1))
        increase = total - previous
        rate = increase / (total if slip == "growth-rate" else previous) * 100
        base = "2026年预算" if slip == "comparison-year" else self.rng.choice(("上年", "2025年预算"))
        percent = "" if slip == "rate-without-percent" else "%"
        return f"本年预算资金{total:,.2f}元，比{base}增加{increase:,.2f}元，增长{rate:.1f}{percent}。"

    def _effect(self, slip: str | None) -> str:
        if slip == "empty-section":
            return ""
        aim = "为全面建成小康社会提供保障。" if slip == "stale-phrase" else ""
        if slip == "template-residue":
            aim += "群众满意度比上年提高（降低）5个百分点。"
        elif slip == "bi-chiping":
            aim += f"{self.topic}宣传经费比上年持平。"
        return f"项目实施后，{self.topic}工作水平明显提升，群众满意度达到95%以上。{aim}{self._prose()}"

    def _other_department(self, department: str) -> str:
        bureau = next(b for b in BUREAUS if not department.endswith(b))
        return department[: -len(next(b for b in BUREAUS if department.endswith(b)))] + bureau

    def _plan(self, total: Decimal, slip: str | None) -> str:
        first = (total / 2).quantize(Decimal(1))
        second = total - first + (5_000 if slip == "plan-budget" else 0)
        # "amount-format": one amount in full-width digits, grouped with a half-width comma.
        written = f"{first:,.2f}元".translate(_FULL_WIDTH) if slip == "amount-format" else self._money(first)
        return f"2026年1—6月按进度支付{written}；7—12月支付{self._money(second)}。"

    def _money(self, value: Decimal) -> str:
        """One amount in one of the ways texts write money."""
        rng = self.rng
        forms = ["grouped", "plain", "wan", "prefix"]
        if value % 1_000 == 0:
            forms.append("chinese")
        if value >= 100_000_000 and value % 1_000_000 == 0:
            forms.append("yi")
        form = rng.choice(forms)
        if form == "grouped":
            text = f"{value:,.2f}元"
        elif form == "plain":
            text = f"{value:f}元"
        elif form == "wan":
            text = f"{(value / 10_000).normalize():f}万元"
        elif form == "yi":
            text = f"{(value / 100_000_000).normalize():f}亿元"
        elif form == "prefix":
            text = f"人民币{value:,.2f}元"
        else:
            return cn2an.an2cn(int(value), "up") + "元" + ("整" if rng.random() < 0.5 else "")
        return text


def _split(rng: random.Random, total: Decimal, count: int) -> list[Decimal]:
    """``count`` positive parts adding up to ``total``, each a whole number of hundreds."""
    cuts = sorted(rng.sample(range(1, int(total // 100)), count - 1))
    bounds = [0, *cuts, int(total // 100)]
    return [Decimal((b - a) * 100) for a, b in zip(bounds, bounds[1:])]

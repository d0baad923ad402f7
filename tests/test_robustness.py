"""Nothing a user feeds in crashes or stalls the checker: fuzzed texts and bytes, hostile rules, broken checks.

Property tests run a short profile by default; HYPOTHESIS_PROFILE=fuzz runs a long one.
"""

import codecs
import hashlib
import json
import random

import pytest
from conftest import SAMPLES, make_text
from hypothesis import given
from hypothesis import strategies as st

from budgetcheck import deadline, engine, timedregex
from budgetcheck.catalogue import RuleError, builtin_rules_dir, load_rule, load_rules
from budgetcheck.checks import pattern
from budgetcheck.engine import RunOptions, check_item, check_source, lint_paths
from budgetcheck.limits import Limits
from budgetcheck.source import source_from_text

SEEDS = [(SAMPLES / name).read_text(encoding="utf-8") for name in ("000_c68cd09910643be1.txt", "003_d0cdb9e489cb1e09.txt")]
# Characters the checker reacts to, so random texts reach its branches, not just "no amount here".
ALPHABET = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(list("0123456789,.，、。；：\n 　０５．万亿元整零壹贰叁伍拾佰仟一二三四五六七八十个项分别为是包括合计共计每不少于第页—-[]XX×*")),
)


def assert_checked_cleanly(result):
    """No internal error: every problem is an input problem a user can act on."""
    assert not [p for p in result.problems if "internal error" in p.message], result.problems


@pytest.fixture(scope="module")
def rules():
    return load_rules([builtin_rules_dir()])


@given(st.text(ALPHABET, max_size=3000))
def test_random_text_never_raises(rules, text):
    result = check_source(source_from_text(text, "fuzz.txt"), rules)
    assert_checked_cleanly(result)


@given(st.lists(st.text(ALPHABET, max_size=200), max_size=30), st.sampled_from(["一", "六", "七", "十"]))
def test_random_sections_never_raise(rules, bodies, numeral):
    """Random bodies inside the template, so section-aware checks (budget, plan, lists) run on them."""
    text = make_text(**dict(zip(("项目名称", "资金安排情况", "项目实施计划", "项目实施内容"), bodies)))
    text += "".join(f"{numeral}、{body}\n" for body in bodies[4:])
    assert_checked_cleanly(check_source(source_from_text(text, "fuzz.txt"), rules))


@given(st.binary(max_size=4000))
def test_random_bytes_are_read_or_refused_in_one_line(rules, tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "random.txt"
    path.write_bytes(data)
    result = check_item(str(path), rules)
    assert_checked_cleanly(result)
    for problem in result.problems:
        assert "\n" not in problem.message


@given(st.sampled_from(SEEDS), st.integers(0, 10_000), st.randoms(use_true_random=False), st.booleans())
def test_truncated_and_shuffled_real_texts(rules, seed, cut, rng, shuffle):
    text = seed[: cut % (len(seed) + 1)]
    if shuffle:
        lines = text.splitlines()
        rng.shuffle(lines)
        text = "\n".join(lines)
    assert_checked_cleanly(check_source(source_from_text(text, "cut.txt"), rules))


@pytest.mark.parametrize("amount", ["999999999999999999亿元", "9" * 60 + "元", "0.000000000000001万元", "玖仟玖佰玖拾玖亿玖仟万元", "1" + ",000" * 30 + ".00亿元"])
def test_huge_and_tiny_numbers(lint_text, amount):
    text = make_text(资金安排情况=f"预算资金{amount}，分别是：办公费{amount}、会议费1元。", 项目实施计划=f"支付{amount}。")
    findings = lint_text(text, make_text(资金安排情况=f"预算{amount}。"))
    assert {f.code for f in findings} <= {"A101", "A102", "A103", "A109", "N101"}  # A109: a gap within the rounding of "1.5亿元"


def test_deep_enumerations_are_checked_without_blowing_up(rules):
    """100,000 listed amounts and 20,000 nested list triggers on one line are checked.

    About 10 s of CPU here; a quadratic step would take hours. The budget is raised far above
    the default 30 s of wall time so that a loaded CI machine cannot make this test fail.
    """
    items = "、".join(f"第{i}项{i}元" for i in range(100_000))
    nested = "分别为：甲、" * 20_000
    text = make_text(资金安排情况=f"预算资金1元，分别是：{items}。", 项目实施内容=f"实施5个，{nested}。")
    options = RunOptions(limits=Limits(file_time_budget=900.0))
    result = check_source(source_from_text(text, "deep.txt"), rules, options)
    assert result.problems == [] and result.texts


def test_long_but_plausible_lists_are_still_checked(lint_text):
    items = "、".join(f"第{i}项100元" for i in range(400))
    (finding,) = lint_text(make_text(资金安排情况=f"预算资金1元，分别是：{items}。"), codes={"A101"})
    assert finding.data["sum"] == "40000"


def test_ten_megabyte_single_line_file(tmp_path):
    """Real texts with every line break removed (a whole export on one line), 10 MB: checked like any file."""
    line = "".join(seed.replace("\n", "") for seed in SEEDS)
    data = (line * (10 * 1024 * 1024 // len(line.encode("utf-8")) + 1)).encode("utf-8")[: 10 * 1024 * 1024]
    path = tmp_path / "one-line.txt"
    path.write_bytes(data.decode("utf-8", errors="ignore").encode("utf-8"))  # cut on a character boundary
    assert path.stat().st_size > 10 * 1024 * 1024 - 4
    from test_cli import run

    result = run("lint", "--format", "json", "--jobs", "1", str(path))
    assert result.returncode == 1 and result.stderr == ""
    assert json.loads(result.stdout)["summary"]["errors"] > 0


def test_dense_hostile_line_never_raises_and_stays_in_budget(monkeypatch, rules):
    """A line packed with amounts, list words and markers: checked, or stopped by the budget, never stuck."""
    rng = random.Random(3)
    pieces = ["预算资金5万元，", "分别为：", "办公费2,000.00元、", "会议费贰仟元、", "第3页", "[bookmark: x]", "项目文本", "8个，", "。", "合计"]
    line = "".join(rng.choice(pieces) for _ in range(300_000))
    result = check_source(source_from_text(line, "dense.txt"), rules, engine.RunOptions(limits=Limits(file_time_budget=3.0)))
    assert_checked_cleanly(result)
    assert result.problems == [] or "time budget" in result.problems[0].message


def test_each_file_has_a_time_budget_that_covers_reading(monkeypatch, rules, tmp_path):
    """A file whose reading uses up its budget is reported as a problem and the next file is still checked."""
    slow, fine = tmp_path / "a_slow.txt", tmp_path / "b_fine.txt"
    slow.write_text(make_text(), encoding="utf-8")
    fine.write_text(make_text(项目名称="社区服务经费。"), encoding="utf-8")
    original = engine.load

    def slow_read(path, stdin_name=None):
        source = original(path, stdin_name)
        if path == str(slow):  # as if reading had taken the whole budget: no clock needed
            monkeypatch.setattr(deadline, "_deadline", deadline.time.monotonic() - 1)
        return source

    monkeypatch.setattr(engine, "load", slow_read)
    result = lint_paths([str(tmp_path)], rules)
    assert [(p.path, "time budget" in p.message) for p in result.problems] == [(str(slow), True)]
    assert [f.code for f in result.findings] == ["N102"] and result.files == 2


def test_a_check_that_raises_is_reported_and_the_rest_still_run(monkeypatch, rules, tmp_path):
    def broken(doc, params):
        raise ZeroDivisionError("deliberately broken")

    monkeypatch.setattr(pattern, "check", broken)  # S201, S202, S203 and others are pattern rules
    broken_codes = {rule.code for rule in rules if rule.kind is pattern}
    assert broken_codes >= {"S201", "S202", "S203"}
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(make_text(项目名称="社区服务经费。"), encoding="utf-8")
    second.write_text(make_text(项目实施计划="支付3万元。"), encoding="utf-8")
    result = lint_paths([str(tmp_path)], rules)
    assert {(p.path, p.message.split(" on ")[0]) for p in result.problems} == {
        (str(path), f"internal error in {code}") for path in (first, second) for code in broken_codes
    }
    assert [(f.path, f.code) for f in result.findings] == [(str(first), "N102"), (str(second), "A102")]


RUNAWAY = """\
code: X901
name: runaway
severity: error
kind: pattern
message: 匹配“{match}”
description: A pattern with nested repeats, exponential on a long run of a's.
params:
  patterns: ['(a|aa)+$']
"""


def lint_with_extra_rule(tmp_path, code: str, rule_yaml: str):
    """The built-in rules plus one more, over a file where it runs away and a harmless one."""
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / f"{code}.yaml").write_text(rule_yaml, encoding="utf-8")
    hostile, other = hostile_and_other(tmp_path)
    return lint_paths([str(hostile), str(other)], load_rules([builtin_rules_dir(), folder])), hostile


def test_runaway_user_regex_is_stopped_with_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(timedregex, "TIMEOUT", 0.2)
    result, hostile = lint_with_extra_rule(tmp_path, "X901", RUNAWAY)
    (problem,) = result.problems
    assert problem.path == str(hostile)
    assert problem.message.startswith("rule X901 on text 1: pattern '(a|aa)+$' ran longer than 0.2 s")
    assert [f.code for f in result.findings] == ["N102"]  # the other file, and the other rules, still ran


def test_yaml_cannot_construct_python_objects(tmp_path):
    path = tmp_path / "X902.yaml"
    path.write_text("code: !!python/object/apply:os.system ['touch pwned']\nname: x\n", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_rule(path)
    assert str(caught.value).startswith(f"{path}: line 1 invalid YAML")
    assert not (tmp_path / "pwned").exists()


def test_rules_cannot_name_places_to_write(tmp_path):
    path = tmp_path / "X903.yaml"
    path.write_text(RUNAWAY.replace("X901", "X903") + "  output: /tmp/budgetcheck-pwned\n", encoding="utf-8")
    with pytest.raises(RuleError, match="params.output: Extra inputs are not permitted"):
        load_rule(path)


def tree(folder):
    return {p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest()) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_lint_writes_nothing_anywhere(tmp_path, jobs):
    """Inputs keep their bytes and mtimes, and no file appears in the working folder or home
    but the validated rules and profiles in the user cache folder (budgetcheck.validated)."""
    from test_cli import run

    from bench.corpus import generate

    corpus = tmp_path / "texts"
    generate(corpus, 150, seed=5)
    (corpus / "gbk.txt").write_bytes(make_text().replace("\n", "\r\n").encode("gb18030"))
    before = tree(tmp_path)
    env = {"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"), "BUDGETCHECK_NO_CATALOGUE_CACHE": ""}
    result = run("lint", "--jobs", jobs, str(corpus), cwd=tmp_path, env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    catalogue = tmp_path / "cache" / "budgetcheck"
    after = tree(tmp_path)
    assert {p.name.split("-")[0] for p in after if p.parent == catalogue} == {"rules", "profiles"}
    assert {p: v for p, v in after.items() if p.parent != catalogue} == before


def test_bom_and_crlf_inputs_are_not_rewritten(tmp_path):
    from test_cli import run

    path = tmp_path / "bom.txt"
    data = codecs.BOM_UTF8 + make_text().replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(data)
    stamp = path.stat().st_mtime_ns
    assert run("lint", str(path)).returncode == 0
    assert path.read_bytes() == data and path.stat().st_mtime_ns == stamp


RUNAWAY_STALE = """\
code: X904
name: runaway-stale
severity: warning
kind: stale_phrase
message: “{phrase}”
description: A stale phrase with nested repeats.
params:
  phrases:
    - pattern: '(a|aa)+$'
      stale_from: 2000
      reason: 不应出现
"""

RUNAWAY_PROFILE = """\
name: runaway
description: A profile whose signal has nested repeats.
detect:
  - pattern: '(a|aa)+$'
    why: runaway
"""


def hostile_and_other(tmp_path):
    hostile, other = tmp_path / "a.txt", tmp_path / "b.txt"
    hostile.write_text(make_text(项目基本概况="a" * 5000 + "!"), encoding="utf-8")
    other.write_text(make_text(项目名称="社区服务经费。"), encoding="utf-8")
    return hostile, other


def test_runaway_stale_phrase_pattern_is_stopped(monkeypatch, tmp_path):
    monkeypatch.setattr(timedregex, "TIMEOUT", 0.2)
    result, hostile = lint_with_extra_rule(tmp_path, "X904", RUNAWAY_STALE)
    (problem,) = result.problems
    assert problem.path == str(hostile)
    assert problem.message.startswith("rule X904 on text 1: pattern '(a|aa)+$' ran longer than 0.2 s")
    assert [f.code for f in result.findings] == ["N102"]


def test_runaway_profile_pattern_is_stopped(monkeypatch, tmp_path, rules):
    from budgetcheck.profiles import builtin_profiles_dir, load_profiles

    monkeypatch.setattr(timedregex, "TIMEOUT", 0.2)
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "runaway.yaml").write_text(RUNAWAY_PROFILE, encoding="utf-8")
    genres = engine.Genres(load_profiles([builtin_profiles_dir(), folder]))
    hostile, other = hostile_and_other(tmp_path)
    result = lint_paths([str(hostile), str(other)], rules, engine.RunOptions(genres=genres))
    (problem,) = result.problems
    assert problem.path == str(hostile)
    assert problem.message.startswith("profile runaway: pattern '(a|aa)+$' ran longer than 0.2 s")
    assert [f.code for f in result.findings] == ["N102"]

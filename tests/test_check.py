"""docgen check: each rule finds what it names, at its line; exceptions are written
beside the line; --fix rewrites only punctuation width and keeps the file's layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docgen.authoring.check import RULES, check
from docgen.cli import main
from tests.conftest import CONTENT

DOC = """\
# a comment that must survive --fix
kind: 工作要点
year: 2017
title: 2017年示例工作要点
sections:
  - heading: 工作思路
    body:
      - {line}
"""
LINE = 8  # where {line} stands


def write(tmp_path: Path, text: str, name: str = "doc.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


# rule → a body line it finds something on
FINDS = {
    "half-width-punct": "完成任务,提高质量。",
    "mixed-quotes": "坚持“服务全局”和「融合创新」。",
    "short-year": "16年12月底前完成。",
    "range-hyphen": "比例提高20%-30%。",
    "docnum-di": "按照教技厅〔2016〕第1号文件执行。",
    "docnum-brackets": "按照教技厅[2016]1号文件执行。",
    "docnum-zero": "按照教技厅〔2016〕01号文件执行。",
    "chinese-number": "培训教师二十五万人。",
    "typed-number": "一是加强统筹。",
    "level-skipped": "1.加强统筹。",
}


@pytest.mark.parametrize("rule", sorted(FINDS))
def test_each_wording_rule_names_its_line(
    rule: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, DOC.format(line=FINDS[rule]))
    code, out, _ = run(capsys, str(path))
    assert code == 1
    assert any(line.startswith(f"{path}:{LINE}: {rule}: ") for line in out), out


@pytest.mark.parametrize(
    "text",
    [
        "启动“一师一优课、一课一名师”活动，落实“三通两平台”。",  # fixed expressions
        "主要工作进展着重体现在九个方面。",  # a one-character count
        "完成GB/T 9704-2012的培训，开展7×24小时值守和G20保障。",  # codes, not ranges
        "2016年12月31日前，87.6%的学校实现网络接入，培训教师1.5万人。",
        "贯彻党的十八大和十八届三中全会精神，谋好“十三五”开局。",
        "依照《上海市文物保护条例》第十四、十五、十六条进行核定。",  # articles cited
        "违反本办法第十四条、十五条或者第二十四至二十六条规定的。",
    ],
)
def test_good_wording_passes(text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(write(tmp_path, DOC.format(line=text))))
    assert (code, out) == (0, [])


def test_the_2016_content_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(CONTENT / "2016"))
    assert (code, out, err) == (0, [], "")


def test_the_2016_exceptions_are_written_beside_their_lines() -> None:
    """Each exception in content/2016 names a rule and gives a reason on the line."""
    allows = [
        line
        for path in sorted((CONTENT / "2016").glob("*.yaml"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if "docgen-check:" in line
    ]
    assert allows
    for line in allows:
        assert re.search(r"\S.*# docgen-check: allow [a-z-]+ — \S", line), line


def test_an_exception_beside_the_line_or_above_it_allows_that_rule_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    beside = DOC.format(
        line="启动教育部-中国电信合作。  # docgen-check: allow half-width-punct — 机构名"
    )
    assert run(capsys, str(write(tmp_path, beside)))[:2] == (0, [])
    above = DOC.replace(
        "      - {line}", "      # docgen-check: allow half-width-punct — 机构名\n      - {line}"
    ).format(line="启动教育部-中国电信合作。")
    assert run(capsys, str(write(tmp_path, above)))[:2] == (0, [])
    other_rule = DOC.format(line="启动教育部-中国电信合作。  # docgen-check: allow short-year — x")
    code, out, _ = run(capsys, str(write(tmp_path, other_rule)))
    assert code == 1
    assert any(": half-width-punct: " in line for line in out)
    assert any(": check-comment: allows short-year, but" in line for line in out)


def test_an_exception_needs_a_known_rule_and_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for comment, says in [
        ("# docgen-check: allow half-width-punct", "without a reason"),
        ("# docgen-check: allow no-such-rule — why", "no such rule"),
        ("# docgen-check: please", "cannot read it"),
    ]:
        path = write(tmp_path, DOC.format(line=f"启动教育部-中国电信合作。  {comment}"))
        code, out, _ = run(capsys, str(path))
        assert code == 1
        assert any(
            line.startswith(f"{path}:{LINE}: check-comment: ") and says in line for line in out
        )


PLAN = """\
kind: 工作要点
year: 2017
title: 2017年示例工作要点
sections:
  - heading: 核心目标
    body:
      - text: 接入率达到95%，培训800人。
        targets:
          - {id: 接入率, says: 接入率达到95%, indicator: 接入率, compare: 达到, value: 95,
             unit: "%"}
          - {id: 培训, says: 培训800人, indicator: 培训, compare: 达到, value: 800, unit: 人}
  - heading: 重点任务
    sections:
      - heading: 加强统筹。
        body:
          - text: 印发规划。
            units: [科技司]
          - 召开现场会。
  - heading: 保障措施
"""
REPORT = """\
kind: 进展情况
year: 2017
title: 2017年示例工作进展情况
crossref: {plan: plan.yaml}
sections:
  - heading: 基础设施
    body:
      - text: 90%的学校实现网络接入。
        outcomes:
          - {target: 接入率, says: 90%的学校实现网络接入, value: 90, unit: "%"}
"""


def test_structure_rules_name_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = write(tmp_path, PLAN, "plan.yaml")
    code, out, _ = run(capsys, str(plan))
    assert code == 1
    assert out == [
        f"{plan}:18: task-without-units: a task of 重点任务 without 责任单位 "
        "(the others name theirs)",
        f"{plan}:19: empty-section: 保障措施: a heading with nothing under it",
    ]


def test_a_target_without_outcome_is_found_when_the_report_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = write(tmp_path, PLAN.replace("  - heading: 保障措施\n", ""), "plan.yaml")
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "- 召开现场会。", "- {text: 召开现场会。, units: [司]}"
        ),
        encoding="utf-8",
    )
    report = write(tmp_path, REPORT, "report.yaml")
    assert run(capsys, str(plan))[:2] == (0, [])  # no report: nothing to compare
    code, out, _ = run(capsys, str(tmp_path))
    assert code == 1
    assert out == [
        f"{plan}:11: target-without-outcome: target 培训 has no outcome in the 进展情况 "
        "(2017年示例工作进展情况)"
    ]
    assert report.read_text(encoding="utf-8") == REPORT


def test_a_says_that_is_not_in_its_sentence_is_invalid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, PLAN, "plan.yaml")
    report = write(tmp_path, REPORT.replace("says: 90%的", "says: 91%的"), "report.yaml")
    code, out, _ = run(capsys, str(report))
    assert code == 1
    assert any(line.startswith(f"{report}:10: invalid: ") for line in out), out


def test_exit_status_two_for_unreadable_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = write(tmp_path, "kind: 工作要点\nyear: [2016\n", "broken.yaml")
    code, out, _ = run(capsys, str(broken), str(tmp_path / "missing.yaml"))
    assert code == 2
    assert out[0].startswith(f"{broken}:3: unreadable: YAML syntax")
    assert out[1] == f"{tmp_path / 'missing.yaml'}:1: unreadable: no such file"


def test_content_that_does_not_load_is_a_problem_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, DOC.format(line="正文。").replace("year: 2017", "year: 二〇一七"))
    code, out, _ = run(capsys, str(path))
    assert code == 1
    assert out == [f"{path}:3: invalid: year: got text '二〇一七' (expected a whole number)"]


FIXABLE = """\
# yaml-language-server: $schema=../schema/docgen.schema.json
kind: 工作要点  # the kind
year: 2017
title: "2017年示例工作要点"
sections:
  - heading: 工作思路
    body:
      - 完成任务,提高质量.   # trailing comment
      - text: |
          第一行(说明):内容;
          第二行?
        targets: []
      - {text: "坚持统筹, 协调发展!"}
      - 启动教育部-中国电信合作。
"""
FIXED = """\
# yaml-language-server: $schema=../schema/docgen.schema.json
kind: 工作要点  # the kind
year: 2017
title: "2017年示例工作要点"
sections:
  - heading: 工作思路
    body:
      - 完成任务，提高质量。   # trailing comment
      - text: |
          第一行（说明）：内容；
          第二行？
        targets: []
      - {text: "坚持统筹，协调发展！"}
      - 启动教育部-中国电信合作。
"""


def test_fix_rewrites_punctuation_width_and_keeps_comments_and_layout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, FIXABLE)
    code, out, err = run(capsys, "--fix", str(path))
    assert path.read_text(encoding="utf-8") == FIXED
    assert "fixed 9" in err
    # What --fix may not decide (a 连接号) is left, and reported.
    assert code == 1
    assert out == [
        f"{path}:14: half-width-punct: half-width - between Chinese words: 动教育部-中国电信 "
        "(write a 连接号 — or 、)"
    ]
    assert main(["build", str(path), "--out", str(tmp_path / "out")]) == 0


def test_fix_leaves_an_allowed_line_alone(tmp_path: Path) -> None:
    text = DOC.format(line="甲,乙对照。  # docgen-check: allow half-width-punct — 原文如此")
    path = write(tmp_path, text)
    assert check([path], fix=True).status == 0
    assert path.read_text(encoding="utf-8") == text


def test_every_rule_has_what_and_fix(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--rules"]) == 0
    out = capsys.readouterr().out
    for rule in RULES.values():
        assert rule.what and rule.fix
        assert rule.id in out


@pytest.mark.parametrize("command", ["check", "schema", "new", "preview"])
def test_the_writing_commands_have_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert f"usage: docgen {command}" in capsys.readouterr().out


def test_a_long_paragraph_is_checked_in_time_linear_in_its_length() -> None:
    """check was quadratic in a line's length (a 900 KB paragraph took 29 s): its work
    grows with the text, not its square."""
    import time

    from docgen.authoring.check.wording import range_hyphen

    def seconds(n: int) -> float:
        text = "甲, 乙. 1-2 " * n
        started = time.perf_counter()
        assert len(list(range_hyphen(text))) == n
        return time.perf_counter() - started

    seconds(500)  # warm
    small, large = min(seconds(2000) for _ in range(3)), min(seconds(8000) for _ in range(3))
    assert large < 8 * small + 0.05  # ×4 the text: ×4 the time, not ×16


def test_a_number_typed_in_a_chapter_is_said_against_the_documents_own_scheme(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a 办法 numbered 第一章 第一条 （一）, （一） typed in a chapter's text skips 第一条;
    1. is no form of its scheme: a number typed by hand, not a skipped level."""
    path = write(
        tmp_path,
        "kind: 办法\ntitle: 示例办法\n"
        "numbering: {levels: [第一章, 第一条, （一）], continuous: [第一条]}\n"
        "sections:\n  - heading: 总则\n    body:\n      - （一）示例。\n      - 1.示例。\n"
        "    sections:\n      - run_in: true\n        body: [示例。]\n",
    )
    _, out, _ = run(capsys, str(path))
    assert any(": level-skipped: （一） under a level-1 heading skips 第一条" in x for x in out), (
        out
    )
    assert any(x.startswith(f"{path}:8: typed-number: the paragraph begins with 1.") for x in out)

"""docgen draft: next year's 工作要点 from the 2016 plan and report, and the 2016
进展情况 skeleton; both load and build as they are."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from docgen.build import Options, render
from docgen.cli import main
from docgen.content.load import load
from tests.conftest import CONTENT, SEEDS, normalise
from tests.test_seeds import docx_text, pdf_body_text

PLAN = CONTENT / "2016" / "gongzuoyaodian.yaml"
REPORT = CONTENT / "2016" / "jinzhanqingkuang.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def plan_2017(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("draft") / "2017" / "gongzuoyaodian.yaml"
    args = ["draft", "plan", "--from", str(PLAN), "--report", str(REPORT), "--year", "2017"]
    assert main([*args, "--out", str(out)]) == 0
    return out


def note_above(text: str, target_id: str) -> str:
    """The comment line just above a target's entry."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.strip() == f"- id: {target_id}":
            return lines[i - 1].strip()
    raise AssertionError(f"no target {target_id}")


def build(path: Path, formats: list[str]) -> dict[str, Path]:
    written = {}
    for fmt, data in render(path, Options(tuple(formats)))[1].items():
        written[fmt] = path.with_suffix(f".{fmt}")
        written[fmt].write_bytes(data)
    return written


def test_the_2017_plan_loads_with_the_year_moved_on(plan_2017: Path) -> None:
    doc = load(plan_2017)
    assert doc.year == 2017
    assert doc.title == "2017年教育信息化工作要点"
    assert doc.notice_title is None  # content/2016 keeps the 通知 in tongzhi.yaml
    assert doc.numbering.items == "continuous"
    text = plan_2017.read_text(encoding="utf-8")
    assert "财教〔2013〕342号" in text  # a document's number is not the plan's year
    assert "2016年" not in "\n".join(
        line for line in text.splitlines() if not line.lstrip().startswith("#")
    )


def test_the_2017_plan_builds_to_the_2016_text_with_the_year_moved_on(plan_2017: Path) -> None:
    """Structure and tasks carried over: only the year in the titles changed."""
    files = build(plan_2017, ["pdf", "docx"])
    plan_seed = (SEEDS / "2016-gongzuoyaodian.txt").read_text(encoding="utf-8")
    without_notice = plan_seed.split("\n", 1)[1]  # the 通知's title is tongzhi.yaml's
    expected = normalise(without_notice.replace("2016年教育", "2017年教育"))
    assert normalise(docx_text(files["docx"])) == expected
    assert normalise(pdf_body_text(files["pdf"])) == expected


@pytest.mark.parametrize(
    ("target", "note"),
    [
        # missed: 87.6% of schools connected against 95% (seed: 进展情况 二、)
        (
            "互联网接入率",
            "# 2016年：未完成（87.6%，目标达到95%，完成率92.2%，差7.4个百分点；"
            "全国中小学［除教学点外］）——是否延续？",
        ),
        # missed: 6300万 spaces against more than 6500万
        (
            "空间开通数量",
            "# 2016年：未完成（6300万个，目标超过6500万个，完成率96.9%，差200万个）——是否延续？",
        ),
        # met: 城镇80%, 农村50% as planned
        (
            "班级使用数字资源",
            "# 2016年：已完成（城镇80%，农村50%，目标达到：城镇80%，农村50%，完成率100.0%）"
            "——是否提高目标？",
        ),
        # exceeded: 890 trained against 800
        ("厅局长培训", "# 2016年：超额完成（890人，目标达到800人，完成率111.3%）——是否提高目标？"),
        # unreported: the report gives no 10M broadband share
        ("宽带接入比例", "# 2016年：无数据（进展情况未报告此项）——是否保留？请核实完成情况"),
        # qualitative
        (
            "高校专题研讨班",
            "# 2016年：定性（进展情况：1期高等学校教育信息化专题研讨班）——是否延续？",
        ),
    ],
)
def test_each_target_carries_how_it_ended(plan_2017: Path, target: str, note: str) -> None:
    assert note_above(plan_2017.read_text(encoding="utf-8"), target) == note


def test_every_target_has_a_note_and_restatements_none(plan_2017: Path) -> None:
    text = plan_2017.read_text(encoding="utf-8")
    ids = [line.split(":", 1)[1].strip() for line in text.splitlines() if "- id: " in line]
    assert len(ids) == 30  # 28 in 核心目标, and 新增晒课 and 在线开放课程 in 重点任务
    for target_id in ids:
        assert note_above(text, target_id).startswith("# 2016年：")
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if "- restates: " in line:
            assert not lines[i - 1].strip().startswith("#")


def test_without_a_report_every_target_is_no_data(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "draft", "plan", "--from", str(PLAN), "--year", "2017")
    assert code == 0
    assert (
        note_above(out, "互联网接入率")
        == "# 2016年：无数据（未提供2016年进展情况）——请核实完成情况"
    )
    assert yaml.safe_load(out)["year"] == 2017


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--from", str(PLAN), "--year", "2016"], "--year 2016 is not after the plan's year"),
        (
            ["--from", str(REPORT), "--year", "2017"],
            "kind: this is a 进展情况 (expected a 工作要点)",
        ),
        (
            ["--from", str(PLAN), "--report", str(PLAN), "--year", "2017"],
            "kind: this is a 工作要点 (expected a 进展情况)",
        ),
        (["--from", "nowhere.yaml", "--year", "2017"], "nowhere.yaml: no such file"),
    ],
)
def test_bad_drafts_are_one_line(
    args: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "draft", "plan", *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and says in err, err


@pytest.fixture(scope="module")
def skeleton(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("skeleton") / "jinzhanqingkuang.yaml"
    assert main(["draft", "report", "--from", str(PLAN), "--out", str(out)]) == 0
    return out


def test_the_skeleton_builds_with_its_empty_slots_shown(skeleton: Path) -> None:
    doc = load(skeleton)
    assert (doc.kind, doc.year, doc.title) == ("进展情况", 2016, "2016年教育信息化工作进展情况")
    text = docx_text(build(skeleton, ["docx"])["docx"])
    lines = text.splitlines()
    # One section per area of the plan: its 重点任务 （一）（二）（三）, and the 核心目标
    # not carried by a task.
    assert [line for line in lines if line[:2] in ("一、", "二、", "三、", "四、", "五、")] == [
        "一、核心目标完成情况",
        "二、加强教育信息化统筹部署",
        "三、推进教育信息化基础支撑能力建设",
        "四、丰富数字教育资源，推进信息化教学应用",
    ]
    assert "【待填写：中小学互联网接入率（目标：达到95%）】" in lines
    assert "【待填写：建设优质在线开放课程（目标：800门左右）】" in lines


def test_the_skeleton_has_one_outcome_slot_per_target(skeleton: Path) -> None:
    data = yaml.safe_load(skeleton.read_text(encoding="utf-8"))
    plan = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    slots = [
        o["target"]
        for s in data["sections"]
        for b in s["body"]
        if isinstance(b, dict)
        for o in b["outcomes"]
    ]
    assert sorted(slots) == sorted(target_ids(plan))
    # 互联网接入率 is restated in 重点任务 （二）: its slot is in that area.
    area = next(s for s in data["sections"] if s["heading"] == "推进教育信息化基础支撑能力建设")
    assert "互联网接入率" in [o["target"] for b in area["body"][1:] for o in b["outcomes"]]


def target_ids(value: object) -> list[str]:
    if isinstance(value, dict):
        own = [value["id"]] if "id" in value and "compare" in value else []
        return own + [i for v in value.values() for i in target_ids(v)]
    if isinstance(value, list):
        return [i for v in value for i in target_ids(v)]
    return []


def test_the_crossref_works_once_the_figures_are_entered(
    skeleton: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fill each slot's value (and each breakdown), nothing else: the 对照表 follows."""
    text = skeleton.read_text(encoding="utf-8")
    text = text.replace("            value:\n", "            value: 1\n")
    for indicator in (
        "全部班级使用数字教育资源教学的学校比例",
        "普通教室全部配备多媒体设备的学校比例",
    ):
        text = text.replace(
            f"            says: {indicator}\n",
            f"            says: {indicator}\n            breakdown: {{城镇: 80, 农村: 50}}\n",
        )
    filled = skeleton.parent / "filled.yaml"
    filled.write_text(text, encoding="utf-8")
    code, out, err = run(
        capsys, "crossref", str(PLAN), str(filled), "--format", "csv", "--out", str(tmp_path)
    )
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(Path(out.strip()).read_text(encoding="utf-8-sig"))))
    statuses = {row[2]: row[5] for row in rows[1:]}
    assert len(statuses) == 30
    assert statuses["全部班级使用数字教育资源教学的学校比例"] == "已完成"
    assert statuses["中小学互联网接入率"] == "未完成"  # 1% against 95%


def test_the_skeleton_printed_points_at_a_plan_beside_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "draft", "report", "--from", str(PLAN))
    assert code == 0
    assert yaml.safe_load(out)["crossref"] == {"plan": "gongzuoyaodian.yaml", "appendix": False}
    assert out.startswith("# 2016年教育信息化工作进展情况 — 骨架")


@pytest.mark.parametrize("command", [["draft"], ["draft", "plan"], ["draft", "report"], ["import"]])
def test_the_new_commands_have_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert "usage: docgen" in capsys.readouterr().out


def test_a_draft_that_would_not_load_is_not_written(tmp_path: Path, capsys) -> None:
    """draft validates what it writes: a year past what a content file may say is one
    line, and no file."""
    out = tmp_path / "next.yaml"
    plan = CONTENT / "2016" / "gongzuoyaodian.yaml"
    code = main(["draft", "plan", "--from", str(plan), "--year", "3000", "--out", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "would not build" in err and "year" in err and "2999" in err, err
    assert not out.exists()


def test_next_years_plan_is_not_signed_with_last_years_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan published alone with its 署名, 成文日期 and 附注: next year's draft has none
    of them (the new plan is not signed yet), though its text's years move on."""
    signed = tmp_path / "yaodian.yaml"
    signed.write_text(
        PLAN.read_text("utf-8")
        + "signature: {issuer: 示例市教育局, date: 2016-01-05}\nnote: 此件公开发布\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "draft", "plan", "--from", str(signed), "--year", "2017")
    assert code == 0
    drafted = yaml.safe_load(out)
    assert "signature" not in drafted and "note" not in drafted

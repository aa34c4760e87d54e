"""The 对照表: statuses and rates computed from the two documents' data."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.cli import main
from docgen.content.load import load
from docgen.resolve import resolve
from docgen.resolve.crossref import Row, crossref
from docgen.resolve.quantity import base_value, same_thing
from tests.pdfpage import unturned

PLAN = """\
kind: 工作要点
year: 2016
title: 示例工作要点
sections:
  - heading: 核心目标
    body:
      - text: 目标达到{value}。
        targets:
          - {{id: t1, says: "达到{value}", indicator: 示例指标, compare: {compare},
             value: {number}, unit: "{unit}"}}
"""
REPORT = """\
kind: 进展情况
year: 2016
title: 示例进展情况
sections:
  - heading: 完成情况
    body:
      - text: 实际为{value}。
        outcomes:
          - {{target: t1, says: "实际为{value}", value: {number}, unit: "{unit}"}}
"""


def row(tmp_path: Path, compare: str, target: tuple, actual: tuple) -> Row:
    (tmp_path / "plan.yaml").write_text(
        PLAN.format(
            compare=compare, value=f"{target[0]}{target[1]}", number=target[0], unit=target[1]
        ),
        encoding="utf-8",
    )
    (tmp_path / "report.yaml").write_text(
        REPORT.format(value=f"{actual[0]}{actual[1]}", number=actual[0], unit=actual[1]),
        encoding="utf-8",
    )
    plan = resolve(load(tmp_path / "plan.yaml"))
    report = resolve(load(tmp_path / "report.yaml"))
    (found,) = crossref(plan, report)
    return found


@pytest.mark.parametrize(
    ("compare", "target", "actual", "status", "rate"),
    [
        ("达到", (95, "%"), (87.6, "%"), "未完成", "92.2%"),
        ("达到", (80, "%"), (80, "%"), "已完成", "100.0%"),
        ("达到", (800, "人"), (890, "人"), "超额完成", "111.3%"),  # 111.25: 四舍五入
        ("不少于", (200, "万名"), (199, "万人"), "未完成", "99.5%"),
        ("不少于", (200, "万名"), (2000000, "人"), "已完成", "100.0%"),
        ("以上", (60, "%"), (61, "%"), "超额完成", "101.7%"),
        ("超过", (6500, "万个"), (6500, "万个"), "未完成", "100.0%"),
        ("超过", (6500, "万个"), (0.66, "亿个"), "超额完成", "101.5%"),
        ("左右", (800, "门"), (760, "门"), "已完成", "95.0%"),
        ("左右", (800, "门"), (700, "门"), "未完成", "87.5%"),
        ("左右", (800, "门"), (1400, "门"), "超额完成", "175.0%"),
        ("保持", (100, "%"), (100, "%"), "已完成", "100.0%"),  # 保持100%
        ("保持", (100, "%"), (99.2, "%"), "未完成", "99.2%"),
    ],
)
def test_every_comparison_word(tmp_path, compare, target, actual, status, rate) -> None:
    found = row(tmp_path, compare, target, actual)
    assert (found.status, found.rate) == (status, rate)


def test_an_empty_value_is_no_data_in_the_table_and_its_outputs(tmp_path: Path) -> None:
    """A report drafted with its values still to fill in builds, and its 对照表 says 无数据."""
    found = row(tmp_path, "达到", (95, "%"), ("null", ""))
    assert (found.status, found.actual, found.rate) == ("无数据", "", "")
    report = tmp_path / "report.yaml"
    text = report.read_text("utf-8").replace(
        "year: 2016", "year: 2016\ncrossref: {plan: plan.yaml, appendix: true}"
    )
    report.write_text(text, encoding="utf-8")
    assert main(["build", str(report), "--out", str(tmp_path / "out"), "--names", "file"]) == 0
    out = tmp_path / "csv"
    assert (
        main(
            [
                "crossref",
                str(tmp_path / "plan.yaml"),
                str(report),
                "--out",
                str(out),
                "--format",
                "csv",
            ]
        )
        == 0
    )
    [csv] = out.glob("*.csv")
    assert "无数据" in csv.read_text("utf-8-sig")


def test_units_of_another_thing_are_flagged_not_compared(tmp_path: Path) -> None:
    found = row(tmp_path, "不少于", (200, "万名"), (400, "万人次"))
    assert (found.status, found.rate) == ("定性", "")
    assert "单位不同" in found.note


def test_units_normalise() -> None:
    assert base_value(1.5, "亿") == (150_000_000, "")
    assert base_value(200, "万名") == (2_000_000, "人")
    assert same_thing("万人", "名") and not same_thing("人次", "人")


# What a careful reader of both seeds finds, target by target (number: status, rate).
EXPECTED_2016 = {
    1: ("未完成", "92.2%"),
    2: ("无数据", ""),
    3: ("定性", ""),
    4: ("定性", ""),
    5: ("定性", ""),
    6: ("超额完成", "135.0%"),
    7: ("已完成", "100.0%"),
    8: ("未完成", "96.9%"),
    9: ("无数据", ""),
    10: ("无数据", ""),
    11: ("未完成", "39.3%"),
    12: ("未完成", "88.0%"),
    13: ("无数据", ""),
    14: ("未完成", "96.7%"),
    15: ("超额完成", "281.4%"),
    16: ("无数据", ""),
    17: ("定性", ""),
    18: ("定性", ""),
    19: ("定性", ""),
    20: ("无数据", ""),
    21: ("无数据", ""),
    22: ("无数据", ""),
    23: ("定性", ""),
    24: ("超额完成", "111.3%"),
    25: ("定性", ""),
    26: ("定性", ""),
    27: ("定性", ""),
    28: ("无数据", ""),
    29: ("定性", ""),
    30: ("定性", ""),
}


def test_2016_rows_read_back_from_the_built_docx(built: Path) -> None:
    import docx

    (table,) = docx.Document(str(built / "jinzhanqingkuang.docx")).tables
    header, *rows = [[c.text for c in r.cells] for r in table.rows]
    assert header == ["序号", "指标", "目标", "完成情况", "状态", "完成率", "出处"]
    assert {int(r[0]): (r[4], r[5]) for r in rows} == EXPECTED_2016
    first = rows[0]
    assert first[1:4] == ["中小学互联网接入率", "达到95%", "87.6%（全国中小学［除教学点外］）"]


def test_2016_rows_read_back_from_the_built_pdf(built: Path, tmp_path: Path) -> None:
    import pdfplumber

    found = {}
    # The 附表 is set landscape: read as the sheet is turned to read it.
    with pdfplumber.open(unturned(built / "jinzhanqingkuang.pdf", tmp_path)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for cells in table:
                    if cells and cells[0] and cells[0].isdigit():
                        found[int(cells[0])] = (
                            cells[4].replace("\n", ""),
                            (cells[5] or "").replace("\n", ""),
                        )
    assert found == EXPECTED_2016


BAD_PLAN = {
    "two targets with one id": (
        "      - text: 甲达到1个，乙达到2个。\n        targets:\n"
        "          - {id: t1, says: 甲达到1个, indicator: 甲, compare: 达到, value: 1, unit: 个}\n"
        "          - {id: t1, says: 乙达到2个, indicator: 乙, compare: 达到, value: 2, unit: 个}\n",
        10,
        "targets[1].id: target id 't1' is used twice",
    ),
    "a value that is not a number": (
        "      - text: 甲达到一个。\n        targets:\n"
        "          - {id: t1, says: 甲达到一个, indicator: 甲, compare: 达到, value: 一个}\n",
        9,
        "value: got text '一个' (expected a number)",
    ),
    "words not in the sentence": (
        "      - text: 甲达到1个。\n        targets:\n"
        "          - {id: t1, says: 乙达到1个, indicator: 甲, compare: 达到, value: 1, unit: 个}\n",
        9,
        "'乙达到1个' is not in its paragraph",
    ),
}
HEAD = "kind: 工作要点\nyear: 2016\ntitle: 示例\nsections:\n  - heading: 目标\n    body:\n"


@pytest.mark.parametrize("case", sorted(BAD_PLAN))
def test_bad_targets_are_errors_at_their_line(case, tmp_path, capsys) -> None:
    body, line, says = BAD_PLAN[case]
    plan = tmp_path / "plan.yaml"
    plan.write_text(HEAD + body, encoding="utf-8")
    report = tmp_path / "report.yaml"
    report.write_text("kind: 进展情况\nyear: 2016\ntitle: 示例\n", encoding="utf-8")
    assert main(["crossref", str(plan), str(report), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{plan}:{line}:"), err
    assert says in err


def test_an_outcome_for_no_target_is_an_error_at_its_line(tmp_path, capsys) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(HEAD + "      - 甲。\n", encoding="utf-8")
    report = tmp_path / "report.yaml"
    report.write_text(
        "kind: 进展情况\nyear: 2016\ntitle: 示例\nsections:\n  - heading: 情况\n    body:\n"
        "      - text: 完成3个。\n        outcomes:\n"
        "          - {target: 不存在, says: 完成3个, value: 3, unit: 个}\n",
        encoding="utf-8",
    )
    assert main(["crossref", str(plan), str(report), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{report}:9:"), err
    assert "no target '不存在' in the plan" in err


def test_a_target_without_outcome_is_a_row_marked_no_data(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(
        HEAD + "      - text: 甲达到1个。\n        targets:\n"
        "          - {id: t1, says: 甲达到1个, indicator: 甲, compare: 达到, value: 1, unit: 个}\n",
        encoding="utf-8",
    )
    (tmp_path / "report.yaml").write_text(
        "kind: 进展情况\nyear: 2016\ntitle: 示例\n", encoding="utf-8"
    )
    (found,) = crossref(
        resolve(load(tmp_path / "plan.yaml")), resolve(load(tmp_path / "report.yaml"))
    )
    assert (found.status, found.actual, found.source) == ("无数据", "", None)


def test_pdf_source_links_to_the_paragraph_and_prints_its_page(built: Path, tmp_path: Path) -> None:
    """出处 is a link to the reported paragraph, and the page it prints is that page."""
    import re

    import pdfplumber
    from pypdf import PdfReader

    reader = PdfReader(built / "jinzhanqingkuang.pdf")
    destinations = {
        name: reader.get_destination_page_number(dest) + 1
        for name, dest in reader.named_destinations.items()
    }
    linked = [
        str(annot.get_object()["/Dest"])
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/Subtype") == "/Link"
    ]
    # Outcomes are reported in sections 二 to 九 but 八, each one paragraph.
    assert {name.rsplit("_c", 1)[0] for name in linked} == {
        f"s{n}_p1" for n in (2, 3, 4, 5, 6, 7, 9)
    }
    printed = {}
    with pdfplumber.open(unturned(built / "jinzhanqingkuang.pdf", tmp_path)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for cells in table:
                    if cells and cells[0] and cells[0].isdigit() and cells[6]:
                        printed[int(cells[0])] = cells[6].replace("\n", "")
        # Row 1 (互联网接入率): section 二's paragraph starts on page 1, but its figure,
        # 87.6%的学校实现网络接入, stands on page 2: 出处 gives the figure's page.
        assert printed[1] == "二、第2页"
        assert "87.6%的学校实现网络接入" in pdf.pages[1].extract_text().replace("\n", "")
        for text in printed.values():
            number, page = re.fullmatch(r"(.+、)第(\d+)页", text).groups()
            assert number[:-1] in "一二三四五六七八九" and number.endswith("、")
            assert 1 <= int(page) < 9
    for name in linked:
        assert re.fullmatch(r"s\d+_p\d+_c\d+", name), name
    # Every printed page is the page its link leads to.
    assert sorted({int(t.split("第")[1][:-1]) for t in printed.values()}) == sorted(
        {destinations[name] for name in linked}
    )


def test_docx_source_is_a_pageref_to_a_bookmark(built: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(built / "jinzhanqingkuang.docx"))
    body = document.element.body
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    refs = [t.text.split()[1] for t in body.iter(qn("w:instrText")) if "PAGEREF" in t.text]
    assert refs and set(refs) <= bookmarks
    assert "s2_p1_c0" in refs  # row 1, reported in section 二's paragraph
    (table,) = document.tables
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeats
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)


def test_crossref_command_writes_csv_and_xlsx_with_the_same_rows(tmp_path: Path) -> None:
    import csv

    from openpyxl import load_workbook

    from tests.conftest import CONTENT

    assert (
        main(
            [
                "crossref",
                str(CONTENT / "2016" / "gongzuoyaodian.yaml"),
                str(CONTENT / "2016" / "jinzhanqingkuang.yaml"),
                "--out",
                str(tmp_path),
                "--format",
                "csv,xlsx,pdf",
            ]
        )
        == 0
    )
    name = "2016年教育信息化工作要点目标完成情况对照表"
    with open(tmp_path / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {int(r["序号"]): r["状态"] for r in rows} == {
        n: status for n, (status, _) in EXPECTED_2016.items()
    }
    assert rows[0]["完成率"] == "0.9221" and rows[0]["编号"] == "互联网接入率"
    sheet = load_workbook(tmp_path / f"{name}.xlsx").active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("序号", "编号", "指标")
    assert [v[5] for v in values[1:]] == [r["状态"] for r in rows]
    assert (tmp_path / f"{name}.pdf").stat().st_size > 10_000


def test_the_pdf_table_is_as_wide_as_the_text_block(built: Path, tmp_path: Path) -> None:
    """On its landscape pages (§8), as wide as the turned 版心: 225 mm, from the sheet's
    bottom margin (35 mm) to its top one (37 mm)."""
    import pdfplumber

    from docgen import spec

    mm = 72 / 25.4
    turned = 0
    with pdfplumber.open(unturned(built / "jinzhanqingkuang.pdf", tmp_path)) as pdf:
        for page in pdf.pages:
            rules = page.lines + page.rects
            if not rules:
                continue
            start = spec.LANDSCAPE_MARGINS[3] if page.width > page.height else spec.MARGIN_LEFT
            width = spec.LANDSCAPE_TEXT_WIDTH if page.width > page.height else spec.TEXT_WIDTH
            turned += page.width > page.height
            left = min(r["x0"] for r in rules) / mm
            right = max(r["x1"] for r in rules) / mm
            assert abs(left - start.mm) <= 0.3
            assert abs(right - (start + width).mm) <= 0.3
    assert turned == 4


def test_a_character_no_font_has_in_the_table_is_refused(tmp_path: Path, capsys) -> None:
    """The 对照表's cells are glyph-checked like the text: a character no installed font
    has would print as an empty box."""
    found = row(tmp_path, "达到", (95, "%"), (90, "%"))
    assert found.status == "未完成"
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        plan.read_text("utf-8").replace("indicator: 示例指标", "indicator: 示例\U000f0001指标"),
        encoding="utf-8",
    )
    report = tmp_path / "report.yaml"
    link = "year: 2016\ncrossref: {plan: plan.yaml, appendix: true}"
    report.write_text(report.read_text("utf-8").replace("year: 2016", link), encoding="utf-8")
    assert main(["build", str(report), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "U+F0001" in err and "crossref (target t1)" in err, err
    assert not (tmp_path / "out").exists()

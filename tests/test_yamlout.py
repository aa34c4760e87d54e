"""yamlout: YAML a person edits — comments above their fields, nothing folded, and
exactly the data back when read."""

from __future__ import annotations

import pytest
import yaml

from docgen.authoring.yamlout import dump

LONG = "深入推进“一师一优课、一课一名师”活动，普及基础教育信息化教学常态化应用。" * 12

DATA = {
    "sections": [
        {
            "heading": "重点任务",
            "body": [
                LONG,
                {"units": ["科技司", "财务司"], "text": "印发规划。"},
                {"points": ["甲。", "乙。"], "layout": "paragraphs"},
            ],
        }
    ],
    "title": "2017年教育信息化工作要点",
    "year": 2017,
    "kind": "工作要点",
    "notice_title": "关于印发《2017年教育信息化工作要点》的通知",
}


def test_data_comes_back_exactly() -> None:
    assert yaml.safe_load(dump(DATA)) == DATA


def test_keys_are_in_reading_order() -> None:
    lines = dump(DATA).splitlines()
    keys = [line.split(":")[0] for line in lines if line and not line.startswith((" ", "#"))]
    assert keys == ["kind", "year", "notice_title", "title", "sections"]
    # A paragraph's text before its units; an enumeration's layout before its points.
    assert lines.index("      - text: 印发规划。") + 1 == lines.index(
        "        units: [科技司, 财务司]"
    )
    assert lines.index("      - layout: paragraphs") < lines.index("          - 甲。")


def test_a_long_paragraph_stays_on_one_line() -> None:
    assert f"      - {LONG}" in dump(DATA).splitlines()


def test_comments_stand_above_their_fields() -> None:
    text = dump(
        DATA,
        {"year": ["由2016年改为2017年"], "sections[0].body[1]": ["一段", "两行"]},
        header=["第一行", "第二行"],
    )
    lines = text.splitlines()
    assert lines[:2] == ["# 第一行", "# 第二行"]
    assert lines[lines.index("year: 2017") - 1] == "# 由2016年改为2017年"
    at = lines.index("      - text: 印发规划。")
    assert lines[at - 2 : at] == ["      # 一段", "      # 两行"]
    assert yaml.safe_load(text) == DATA


@pytest.mark.parametrize(
    "value",
    [
        "%",
        "#号",
        "a: b",
        "- 列表",
        "yes",
        "off",
        "1_000",
        "null",
        "123",
        "'引号'",
        "“引号”",
        "【待填写：标题】",
    ],
)
def test_strings_that_look_like_yaml_stay_strings(value: str) -> None:
    assert yaml.safe_load(dump({"title": value})) == {"title": value}


def test_numbers_print_as_written_and_empty_values_stay_empty() -> None:
    text = dump({"value": 95.0, "rate": 87.6, "slot": None})
    assert text.splitlines() == ["value: 95", "rate: 87.6", "slot:"]


def test_a_comment_for_no_field_is_a_bug() -> None:
    with pytest.raises(ValueError, match=r"sections\[9\]"):
        dump(DATA, {"sections[9]": ["nowhere"]})

from __future__ import annotations

import pytest

from docgen.content.model import Document
from docgen.resolve import Heading, Para, resolve
from docgen.resolve.numbering import chinese_numeral, heading_number, point_marker


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (1001, "一千零一"),
        (2016, "二千零一十六"),
    ],
)
def test_chinese_numerals_past_ten(n: int, text: str) -> None:
    assert chinese_numeral(n) == text


def test_each_level_has_its_gbt9704_form() -> None:
    assert [heading_number(level, 12) for level in (1, 2, 3, 4)] == [
        "十二、",
        "（十二）",
        "12.",
        "（12）",
    ]
    assert point_marker(3) == "三是"
    with pytest.raises(ValueError, match="the numbering has 4 levels; level 5 is too deep"):
        heading_number(5, 1)


def _doc(sections: list, items: str = "restart") -> Document:
    return Document.model_validate(
        {
            "kind": "工作要点",
            "year": 2016,
            "title": "t",
            "numbering": {"items": items},
            "sections": sections,
        }
    )


def _headings(doc: Document) -> list[tuple[int, str, str]]:
    return [(b.level, b.number, b.text) for b in resolve(doc).blocks if isinstance(b, Heading)]


TREE = [
    {
        "heading": "A",
        "sections": [
            {"heading": "A1", "sections": [{"heading": "a"}, {"heading": "b"}]},
            {"heading": "A2", "sections": [{"heading": "c", "sections": [{"heading": "x"}]}]},
        ],
    },
    {"heading": "B"},
]


def test_item_numbers_restart_under_each_parent_by_default() -> None:
    assert _headings(_doc(TREE)) == [
        (1, "一、", "A"),
        (2, "（一）", "A1"),
        (3, "1.", "a"),
        (3, "2.", "b"),
        (2, "（二）", "A2"),
        (3, "1.", "c"),
        (4, "（1）", "x"),
        (1, "二、", "B"),
    ]


def test_item_numbers_run_on_across_parents_when_continuous() -> None:
    numbers = [(n, t) for level, n, t in _headings(_doc(TREE, "continuous")) if level == 3]
    assert numbers == [("1.", "a"), ("2.", "b"), ("3.", "c")]


def test_moving_an_item_renumbers_everything_after_it() -> None:
    moved = [TREE[1], TREE[0]]
    assert _headings(_doc(moved))[:2] == [(1, "一、", "B"), (1, "二、", "A")]


def test_more_than_ten_items_at_a_level() -> None:
    sections = [{"heading": f"S{i}"} for i in range(1, 24)]
    numbers = [n for _, n, _ in _headings(_doc(sections))]
    assert numbers[9:12] == ["十、", "十一、", "十二、"]
    assert numbers[19:21] == ["二十、", "二十一、"]


def test_points_become_an_enumeration_inline_or_one_paragraph_each() -> None:
    doc = _doc(
        [
            {
                "heading": "A",
                "body": [
                    {"points": [f"第{i}条。" for i in range(1, 13)]},
                    {"layout": "paragraphs", "points": ["甲。", "乙。"]},
                    {"text": "任务。", "units": ["科技司", "财务司"]},
                ],
            }
        ]
    )
    paras = [b.text for b in resolve(doc).blocks if isinstance(b, Para)]
    assert paras[0].startswith("一是第1条。二是第2条。")
    assert "十一是第11条。十二是第12条。" in paras[0]
    assert paras[1:3] == ["一是甲。", "二是乙。"]
    assert paras[3] == "任务。（责任单位：科技司、财务司）"


def test_a_heading_without_a_number_takes_none() -> None:
    """A 序言 before 一、 and a 结束语 after the last: headings of the top level's face,
    printed without a number, and the numbered ones count as if they were not there."""
    sections = [
        {"heading": "序言", "numbered": False, "body": ["示例。"]},
        {"heading": "A", "body": ["示例。"]},
        {"heading": "B", "body": ["示例。"]},
        {"heading": "结束语", "numbered": False, "body": ["示例。"]},
    ]
    assert _headings(_doc(sections)) == [
        (1, "", "序言"),
        (1, "一、", "A"),
        (1, "二、", "B"),
        (1, "", "结束语"),
    ]


def test_articles_run_on_through_chapters_and_chapters_are_centred() -> None:
    """A 办法: 第一章 and 第二章 centred; 第一条 … 第三条 on through them, not sharing
    the chapters' count though both print in 黑体."""
    doc = Document.model_validate(
        {
            "kind": "办法",
            "title": "示例办法",
            "numbering": {"levels": ["第一章", "第一条"], "continuous": ["第一条"]},
            "sections": [
                {
                    "heading": "总则",
                    "sections": [
                        {"run_in": True, "body": ["甲。"]},
                        {"run_in": True, "body": ["乙。"]},
                    ],
                },
                {"heading": "附则", "sections": [{"run_in": True, "body": ["丙。"]}]},
            ],
        }
    )
    headings = [b for b in resolve(doc).blocks if isinstance(b, Heading)]
    assert [(h.number, h.centred, h.style) for h in headings] == [
        ("第一章\u3000", True, 1),
        ("第一条\u3000", False, 1),
        ("第二条\u3000", False, 1),
        ("第二章\u3000", True, 1),
        ("第三条\u3000", False, 1),
    ]

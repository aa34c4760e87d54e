from __future__ import annotations

from collections.abc import Iterator

import pytest

from docgen import fonts, spec
from docgen.render.compose import (
    NO_LINE_END,
    NO_LINE_START,
    UnitWidths,
    break_lines,
    css_spacing_for,
    drawn_spacing,
)

SIZE = spec.BODY_SIZE.pt
INDENT = 2 * spec.CHAR_PITCH.pt


def lines(text: str) -> list[str]:
    return [line.text for line in break_lines(text, fonts.metrics("fangsong"), SIZE, INDENT)]


def test_28_characters_a_line_after_a_two_character_indent() -> None:
    out = lines("国" * 100)
    assert [len(line) for line in out] == [26, 28, 28, 18]


def test_no_closing_mark_starts_a_line() -> None:
    # The 27th character is a comma: the character before it moves down with it.
    out = lines("国" * 26 + "，" + "国" * 40)
    assert out[0] == "国" * 25
    assert out[1].startswith("国，")
    for line in out[1:]:
        assert line[0] not in NO_LINE_START


def test_no_opening_mark_ends_a_line() -> None:
    out = lines("国" * 25 + "“国国”" + "国" * 40)
    assert out[0] == "国" * 25
    assert out[1].startswith("“国国”")
    assert all(line[-1] not in NO_LINE_END for line in out)


def test_numbers_are_never_split() -> None:
    text = "国" * 24 + "12345.6%" + "国" * 30
    out = lines(text)
    assert "12345.6%" in out[1] and "12345" not in out[0]
    assert "".join(out) == text


@pytest.mark.parametrize("wanted", [-0.2146, -0.3, -0.1, 0.0, 0.05, 0.4, 1.7])
def test_spacing_requested_is_drawn_to_a_hundredth_of_a_point(wanted: float) -> None:
    assert abs(drawn_spacing(css_spacing_for(wanted, SIZE), SIZE) - wanted) < 0.01


def test_a_run_with_no_place_to_break_breaks_at_the_width() -> None:
    """20,000 。 made 908 pages of one character a line (every break was before a mark
    that may not begin a line): where the rules leave no break, the line breaks full."""
    size = spec.BODY_SIZE.pt
    lines = break_lines("。" * 300, fonts.metrics("fangsong"), size, 0)
    assert len(lines) <= 300 // 25
    assert all(len(line.text) >= 25 for line in lines[:-1])


def test_widths_kept_across_paragraphs_break_each_as_alone() -> None:
    """A document's paragraphs share the widths worked out of their font and size: each
    breaks and spaces its lines exactly as it would alone, the last bit of each letter
    spacing included (the 2016 report's paragraphs, and Latin words and numbers)."""
    from pathlib import Path

    import yaml

    report = yaml.safe_load(
        (Path(__file__).parents[2] / "content" / "2016" / "jinzhanqingkuang.yaml").read_text(
            encoding="utf-8"
        )
    )

    def strings(node: object) -> Iterator[str]:
        if isinstance(node, str) and len(node) > 30:
            yield node
        for item in (
            node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        ):
            yield from strings(item)

    texts = [*strings(report["sections"]), "Wi-Fi 覆盖率达到 87.5%，新增 CERNET2 节点 12 个。" * 3]
    assert len(texts) > 5
    metrics = fonts.metrics("fangsong")
    for size in (SIZE, spec.ELEMENTS["title"].size.pt):
        shared = UnitWidths()
        for text in texts:
            assert break_lines(text, metrics, size, INDENT, shared) == break_lines(
                text, metrics, size, INDENT
            )
        assert shared.pitches  # kept

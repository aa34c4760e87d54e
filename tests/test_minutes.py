"""纪要 (GB/T 9704-2012 §10.3): its mark and 期号 in the 版头's places, and after the text
its 出席, 请假 and 列席 lines: 黑体 labels, 仿宋 names, wrapped lines aligned after the
colon; in the PDF and in the DOCX as LibreOffice lays it out."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen import spec
from docgen.cli import main
from tests.conftest import built_example, imported
from tests.pdfpage import read_pages
from tests.test_notice import ink_rows

CHAR = spec.CHAR_PITCH.mm
LEFT = spec.MARGIN_LEFT.mm


@pytest.fixture(scope="module")
def minutes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_example(tmp_path_factory.mktemp("minutes"), "jiyao")


@pytest.mark.parametrize("reader", ["PDF", "DOCX in LibreOffice"])
def test_the_attendance_lines_print_as_the_standard_says(minutes: Path, reader: str) -> None:
    pdf = minutes / "examples" / "jiyao.pdf" if reader == "PDF" else minutes / "lo" / "jiyao.pdf"
    # The page the 出席 line is on (LibreOffice's stand-in title font may take a line
    # more on page 1 and move the lists, kept together, to page 2).
    lines = next(
        page.lines
        for page in read_pages(pdf)
        if any(line.text.replace(" ", "").startswith("出席：") for line in page.lines)
    )
    texts = [line.text.replace(" ", "") for line in lines]
    first = next(i for i, text in enumerate(texts) if text.startswith("出席："))
    present, wrapped = lines[first : first + 2]
    assert texts[first + 2] == "请假：示例副局长"
    assert texts[first + 3] == "列席：示例科科长"
    # A blank line above 出席 (the text's last line two grid lines up), 左空二字; or
    # the lists begin a page, all four lines together.
    if first:
        assert abs(present.top - lines[first - 1].top - 2 * spec.LINE_PITCH.mm) < 1.0
    assert abs(present.left - (LEFT + 2 * CHAR)) < 0.6
    # 出席： in 黑体, the names in 仿宋; a wrapped line aligns after the colon.
    label = {c["fontname"].split("+")[-1] for c in present.chars[:3]}
    names = {c["fontname"].split("+")[-1] for c in present.chars[3:]}
    assert all("Hei" in f for f in label) and all("Fang" in f for f in names), (label, names)
    assert abs(wrapped.left - (LEFT + 5 * CHAR)) < 0.6, wrapped.left
    # the mark red where a 文件's stands, the 期号 and the red rule below it
    red = ink_rows(pdf, 1)["red"]
    assert len(red) == 2 and red[0][1] - red[0][0] > 5
    assert "第3期" in [line.text.replace(" ", "") for line in read_pages(pdf)[0].lines]


def test_attendance_is_a_field_of_issued_documents_only(tmp_path: Path, capsys) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(
        "kind: 工作要点\nyear: 2026\ntitle: 示例工作要点\nattendance: {present: 示例}\n",
        encoding="utf-8",
    )
    assert main(["build", str(source), "--out", str(tmp_path / "out")]) == 2
    assert "attendance: a 工作要点 has no attendance" in capsys.readouterr().err


def test_a_minutes_text_imports_with_its_attendance(tmp_path: Path) -> None:
    source = tmp_path / "jiyao.txt"
    source.write_text(
        "示例市教育局2026年第3次局长办公会议纪要\n示例：会议研究了示例工作。\n"
        "出席: 示例局长，示例副局长\n请假：示例副局长\n列席：示例科科长\n",
        encoding="utf-8",
    )
    data = imported(tmp_path, source, "jiyao.yaml")
    assert data["kind"] == "纪要"
    assert data["intro"] == ["示例：会议研究了示例工作。"]
    assert data["attendance"] == {
        "present": "示例局长，示例副局长",
        "on_leave": "示例副局长",
        "attending": "示例科科长",
    }

"""The DOCX read back: Word's terms for the GB/T 9704 page."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from docgen import spec
from docgen.cli import main

STEMS = ["gongzuoyaodian", "jinzhanqingkuang"]


@pytest.fixture(scope="module", params=STEMS)
def document(request: pytest.FixtureRequest, built: Path):
    return docx.Document(str(built / f"{request.param}.docx"))


def east_asian_font(style) -> str:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_page_geometry_and_line_grid(document) -> None:
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.left_margin.mm, 1) == 28.0
    assert round(section.right_margin.mm, 1) == 26.0
    # Word's 页面设置 reads the standard's 上 3.7 下 3.5 cm (the default margins).
    assert round(section.top_margin.mm, 1) == 37.0
    assert round(section.bottom_margin.mm, 1) == 35.0
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert grid.get(qn("w:linePitch")) == str(spec.DOCX_LINE_PITCH_TWIPS)
    # 文档网格 每页 22 行: Word counts the lines of that pitch the text area holds.
    area = section.page_height - section.top_margin - section.bottom_margin
    assert round(area / 635) // spec.DOCX_LINE_PITCH_TWIPS == 22  # 635 EMU a twip
    # 首行缩进 2 字符, as Word's 段落 dialog reads it.
    ind = document.styles["Normal"].element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"


def test_styles_name_the_office_fonts_at_their_sizes(document) -> None:
    styles = document.styles
    expected = {
        "Normal": ("仿宋_GB2312", 16, False),
        "Title": ("方正小标宋简体", 22, False),
        "Heading 1": ("黑体", 16, False),
        "Heading 2": ("楷体_GB2312", 16, False),
        "Heading 3": ("仿宋_GB2312", 16, True),
        "Heading 4": ("仿宋_GB2312", 16, False),
    }
    for name, (font, size, bold) in expected.items():
        style = styles[name]
        assert east_asian_font(style) == font, name
        assert style.font.name == font, name
        assert style.font.size == Pt(size), name
        assert bool(style.font.bold) == bold, name
        rfonts = style.element.rPr.rFonts
        assert rfonts.get(qn("w:eastAsiaTheme")) is None, f"{name}: a theme font wins"


def test_headings_are_outline_levels_for_the_navigation_pane(document) -> None:
    for level in (1, 2, 3, 4):
        ppr = document.styles[f"Heading {level}"].element.pPr
        assert ppr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)


def test_body_text_carries_no_direct_formatting(document) -> None:
    for paragraph in document.paragraphs:
        if paragraph.style.name == "版记" and not paragraph.text:
            continue  # a 1 pt paragraph that ends the landscape 附表's section after its table
        assert paragraph.style.name in {"Normal", "Title", "附件标识"} or (
            paragraph.style.name.startswith("Heading ")
        )
        ppr = paragraph._p.pPr
        tags = [] if ppr is None else [c.tag for c in ppr if c.tag != qn("w:pStyle")]
        # The direct properties: the 附表 label starts a new page, and the blank line
        # between a label and its title is all the title's (join_spaces); a section
        # ends before a landscape 附表 (§8) and at its end.
        if qn("w:pageBreakBefore") in tags:
            assert paragraph.text == "附表"
        if qn("w:spacing") in tags:
            assert paragraph.style.name in {"附件标识", "Title"}, paragraph.text
        allowed = {qn("w:pageBreakBefore"), qn("w:spacing"), qn("w:sectPr")}
        assert set(tags) <= allowed, paragraph.text
        for run in paragraph.runs:
            assert run._r.rPr is None, paragraph.text


def test_body_is_justified_with_two_character_indent_on_the_grid(document) -> None:
    normal = document.styles["Normal"].paragraph_format
    assert normal.alignment == 3  # JUSTIFY (both)
    assert normal.first_line_indent == 2 * (Pt(16) + Pt(-0.25))
    assert round(normal.line_spacing.pt, 2) == spec.DOCX_LINE_PITCH_TWIPS / 20
    assert normal.widow_control is False  # widow control costs a line a page


def test_page_numbers_are_page_fields_odd_right_even_left(document) -> None:
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, align, side in (
        (section.footer, 2, "right"),
        (section.even_page_footer, 0, "left"),
    ):
        (paragraph,) = footer.paragraphs
        xml = paragraph._p.xml
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert 'w:fldCharType="begin"' in xml
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        fmt = paragraph.style.paragraph_format
        assert fmt.alignment == align
        assert getattr(fmt, f"{side}_indent") == Pt(14)  # 空一字 of 4号
        assert east_asian_font(paragraph.style) == "宋体"
        assert paragraph.style.font.size == Pt(14)


# ECMA-376 §17.4.61: Word refuses a table whose properties are out of this order.
TBLPR_ORDER = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
    "tblDescription"
).split()


def test_table_properties_in_the_schemas_order(built: Path, tmp_path: Path) -> None:
    """The 对照表, and the 版记 of a notice."""
    notice = tmp_path / "n.yaml"
    notice.write_text(
        "kind: 通知\nyear: 2026\ntitle: 示例通知\nintro: [示例正文。]\n"
        "record: {cc: [示例厅], printer: 示例办公室, printed: 2026-03-02}\n",
        encoding="utf-8",
    )
    args = ["build", str(notice), "--out", str(tmp_path), "--names", "file"]
    assert main([*args, "--format", "docx"]) == 0
    tables = [
        tbl
        for path in (built / "jinzhanqingkuang.docx", tmp_path / "n.docx")
        for tbl in docx.Document(str(path)).element.body.iter(qn("w:tbl"))
    ]
    assert len(tables) == 2
    for tbl in tables:
        tags = [child.tag.split("}")[1] for child in tbl.find(qn("w:tblPr"))]
        assert tags == sorted(tags, key=TBLPR_ORDER.index), tags


def test_a_draft_is_finished_once_and_its_record_comes_last() -> None:
    """The DOCX drafted before its PDF's pages: finished once (a second finish would
    write the 版记 again), and a template that writes anything after the 版记 is an
    error, not a 版记 moved to the end."""
    from docgen.build import resolve_file
    from docgen.errors import RenderError
    from docgen.render.docx import DocxDraft
    from docgen.render.html import render_html
    from tests.conftest import CONTENT

    html = render_html(resolve_file(CONTENT / "examples" / "han.yaml"))
    assert 'class="record"' in html
    draft = DocxDraft(html)
    assert draft.finish().startswith(b"PK")
    with pytest.raises(RenderError, match="finished once"):
        draft.finish()
    after = html.replace("</article>", '<p class="body">示例。</p></article>')
    with pytest.raises(RenderError, match="版记 last"):
        DocxDraft(after)

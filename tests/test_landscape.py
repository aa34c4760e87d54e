"""GB/T 9704 §8 横排表格, measured on the page: a table set landscape turns on a sheet
that stays portrait A4, its head along the sheet's left edge (the 订口 of an odd page,
the 切口 of an even one), its page number where every page has it, upright. The PDF as
WeasyPrint lays it out (pdfplumber and poppler honour /Rotate), the DOCX as python-docx
reads it back and as LibreOffice lays it out."""

from __future__ import annotations

from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openxml_audit import OpenXmlValidator
from pypdf import PdfReader

from docgen import spec
from docgen.cli import main
from docgen.content.model import CrossRef, TableBlock
from tests.pdfpage import is_turned, libreoffice_pdf, page_image, read_pages

REPORT = "jinzhanqingkuang"
MM = 72 / 25.4
LEFT = spec.MARGIN_LEFT.mm  # 28
RIGHT = (spec.MARGIN_LEFT + spec.TEXT_WIDTH).mm  # 184
BOTTOM = (spec.MARGIN_TOP + spec.TEXT_HEIGHT).mm  # 262
PN_CHAR = spec.PAGE_NUMBER_SIZE.mm
HEADER = "序号指标目标完成情况状态完成率出处"
# The 2016 report: 8 pages of text, then its 附表 on 4 landscape pages.
TEXT_PAGES, PAGES = 8, 12


def test_the_model_sets_the_crossref_landscape_and_other_tables_portrait() -> None:
    assert CrossRef(plan="plan.yaml").orientation == "landscape"
    assert CrossRef(plan="plan.yaml", orientation="portrait").orientation == "portrait"
    assert TableBlock(table=[["a"], ["b"]]).orientation == "portrait"
    with pytest.raises(ValueError, match="portrait"):
        TableBlock(table=[["a"]], orientation="sideways")


def test_the_appendix_pages_are_portrait_sheets_turned(built: Path) -> None:
    pages = PdfReader(built / f"{REPORT}.pdf").pages
    assert [page.rotation for page in pages] == [0] * TEXT_PAGES + [270] * (PAGES - TEXT_PAGES)
    for page in pages[TEXT_PAGES:]:  # laid out landscape, shown portrait
        box = (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM))
        assert box == (297, 210)


def _header_chars(page: pdfplumber.page.Page) -> list[dict]:
    """The table's header row: 小四 黑体."""
    return [
        c
        for c in page.chars
        if "Hei" in c["fontname"] and abs(c["size"] - spec.TABLE_SIZE.pt) < 0.1
    ]


def test_the_tables_head_lies_along_the_sheets_left_edge(built: Path) -> None:
    """Shown as printed (pdfplumber turns the page by its /Rotate): every 附表 page
    starts at the sheet's left edge, 28 mm (the 版心's), with 附表 on the first and the
    repeated header row on the others, its text running up the sheet (read with the
    sheet turned clockwise)."""
    with pdfplumber.open(built / f"{REPORT}.pdf") as pdf:
        turned = pdf.pages[TEXT_PAGES:]
        for number, page in enumerate(turned, TEXT_PAGES + 1):
            assert (page.width, page.height) == pytest.approx((210 * MM, 297 * MM), abs=1)
            chars = [c for c in page.chars if c["top"] / MM < BOTTOM]  # not the page number
            left = min(c["x0"] for c in chars) / MM
            assert abs(left - LEFT) <= 1.0, (number, left)
            head = _header_chars(page)
            assert not any(c["upright"] for c in head), number
            # Bottom to top: 序号 nearest the sheet's foot, 出处 nearest its head.
            assert "".join(c["text"] for c in sorted(head, key=lambda c: -c["top"])) == HEADER
            edge = [c for c in chars if c["x0"] / MM < LEFT + 1.0]
            first = "".join(c["text"] for c in sorted(edge, key=lambda c: -c["top"]))
            if number == TEXT_PAGES + 1:
                assert first == "附表"
            else:  # the header row repeated, at the edge
                assert first == HEADER, (number, first)
                assert max(c["x1"] for c in head) / MM < LEFT + 15


def test_landscape_page_numbers_stand_where_the_portrait_pages_do(built: Path) -> None:
    """§8: 页码位置与公文其他页码保持一致 — the same place, odd right and even left, one
    character in, upright, numbered on from the text's pages."""
    pages = read_pages(built / f"{REPORT}.pdf")
    assert [p.turned for p in pages] == [False] * TEXT_PAGES + [True] * (PAGES - TEXT_PAGES)
    portrait = {page.number % 2: page.footer[0] for page in pages[:TEXT_PAGES]}
    for page in pages[TEXT_PAGES:]:
        (number,) = page.footer
        assert number.text == f"— {page.number} —"
        assert all(c["upright"] for c in number.chars), page.number
        assert abs(number.size - spec.PAGE_NUMBER_SIZE.pt) < 0.1
        same = portrait[page.number % 2]
        assert abs(number.top - same.top) <= 0.1, page.number
        if page.number % 2:
            assert abs(number.right - (RIGHT - PN_CHAR)) <= 0.2, page.number
        else:
            assert abs(number.left - (LEFT + PN_CHAR)) <= 0.2, page.number


def test_poppler_shows_the_turned_page_number_upright_7mm_below_the_text_block(
    built: Path,
) -> None:
    """The rendered sheet (pdftoppm applies /Rotate): portrait, and the page number's
    一字线 on an odd 附表 page 7 mm below the 版心, at the right, as on page 1."""
    dpi = 300
    image = page_image(built / f"{REPORT}.pdf", TEXT_PAGES + 1, dpi)
    width, height = image.size
    assert height > width  # portrait
    pixels = image.load()
    top = int(BOTTOM / 25.4 * dpi) + 10
    dark = {y: [x for x in range(width) if pixels[x, y] < 128] for y in range(top, height)}
    widest = max(len(xs) for xs in dark.values())
    rows = [y for y, xs in dark.items() if len(xs) > 0.6 * widest]
    dash = sum(rows) / len(rows) / dpi * 25.4
    assert abs(dash - (BOTTOM + spec.PAGE_NUMBER_GAP.mm)) <= 0.5, dash
    inked = [x for xs in dark.values() for x in xs]
    assert abs(max(inked) / dpi * 25.4 - (RIGHT - PN_CHAR)) <= 0.5
    assert min(inked) / dpi * 25.4 > RIGHT - PN_CHAR - 25  # a short number, at the right


def test_the_docx_sets_the_appendix_in_a_landscape_section(built: Path) -> None:
    document = docx.Document(str(built / f"{REPORT}.docx"))
    text, table = document.sections
    assert text.orientation == WD_ORIENT.PORTRAIT
    assert (text.page_width.mm, text.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    assert table.orientation == WD_ORIENT.LANDSCAPE
    assert (table.page_width.mm, table.page_height.mm) == pytest.approx((297, 210), abs=0.1)
    margins = (table.top_margin, table.right_margin, table.bottom_margin, table.left_margin)
    assert [m.mm for m in margins] == pytest.approx([28, 37, 26, 35], abs=0.05)
    # Page numbers run on (unrestarted), in footers of its own: a PAGE field in a text
    # box anchored to the page, its text turned a quarter clockwise, on the left margin.
    assert table._sectPr.find(qn("w:pgNumType")) is None
    for footer, style in (
        (table.footer, "页码（奇数页）"),
        (table.even_page_footer, "页码（偶数页）"),
    ):
        assert not footer.is_linked_to_previous
        (anchor,) = footer._element.iter(qn("wp:anchor"))
        assert anchor.find(qn("wp:positionH")).get("relativeFrom") == "page"
        x = int(anchor.find(qn("wp:positionH")).findtext(qn("wp:posOffset"))) / 36000
        assert 0 < x < spec.LANDSCAPE_MARGINS[3].mm - spec.PAGE_NUMBER_GAP.mm  # left of 28 mm
        (body,) = anchor.iter(
            "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}bodyPr"
        )
        assert body.get("vert") == "vert"
        (p,) = anchor.iter(qn("w:p"))
        assert " PAGE " in "".join(p.itertext())
        assert (
            p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val"))
            == document.styles[style].style_id
        )
    (grid,) = document.tables
    assert grid.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on each page
    width = sum(cell.width for cell in grid.rows[0].cells)
    assert abs(width / 36000 - spec.LANDSCAPE_TEXT_WIDTH.mm) < 0.1


def test_libreoffice_lays_the_docx_appendix_out_on_landscape_pages(libreoffice_pdfs: Path) -> None:
    """The second reader: the same pages as the PDF, the 附表's landscape (LibreOffice
    writes them as landscape pages), its header row on each, numbered on, the number
    turned in the page's left margin where the sheet has it: its line's top (the
    glyphs' right) as far from the sheet's foot as on the portrait pages, odd numbers
    ending and even ones starting one character in from the 版心's ends."""
    pages = read_pages(libreoffice_pdfs / f"{REPORT}.pdf")
    portrait = {page.number % 2: page.footer[0] for page in pages[:TEXT_PAGES]}
    with pdfplumber.open(libreoffice_pdfs / f"{REPORT}.pdf") as pdf:
        assert [is_turned(p) for p in pdf.pages] == [False] * TEXT_PAGES + [True] * (
            PAGES - TEXT_PAGES
        )
        for number, page in enumerate(pdf.pages[TEXT_PAGES:], TEXT_PAGES + 1):
            assert (page.width, page.height) == pytest.approx((297 * MM, 210 * MM), abs=1)
            assert HEADER in "".join(c["text"] for c in page.chars if c["upright"])
            turned = sorted((c for c in page.chars if not c["upright"]), key=lambda c: c["top"])
            assert "".join(c["text"] for c in turned) == f"— {number} —", number
            # The sheet's y is the landscape page's x, from its right edge.
            glyph_top = 297 - max(c["x1"] for c in turned) / MM
            assert abs(glyph_top - portrait[number % 2].top) <= 0.5, (number, glyph_top)
            if number % 2:
                end = max(c["bottom"] for c in turned) / MM
                assert abs(end - (RIGHT - PN_CHAR)) <= 0.5, (number, end)
            else:
                start = min(c["top"] for c in turned) / MM
                assert abs(start - (LEFT + PN_CHAR)) <= 0.5, (number, start)


@pytest.fixture(scope="module")
def wide_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 通知 with a landscape table between two paragraphs, built both ways."""
    folder = tmp_path_factory.mktemp("wide")
    rows = "\n".join(
        f"      - ['{n}', 第{n}项重点任务的具体内容, 示例牵头单位, 示例配合单位, {n % 12 + 1}月]"
        for n in range(1, 41)
    )
    (folder / "wide.yaml").write_text(
        "kind: 通知\ntitle: 关于示例工作的通知\nintro:\n  - 第一段正文。\n"
        "  - caption: 示例任务分工表\n    orientation: landscape\n    table:\n"
        "      - [序号, 重点任务, 牵头单位, 配合单位, 完成时限]\n"
        f"{rows}\n  - 表后的正文。\n",
        encoding="utf-8",
    )
    out = folder / "out"
    assert main(["build", str(folder / "wide.yaml"), "--out", str(out), "--names", "file"]) == 0
    return out


def test_a_landscape_table_in_the_text_takes_pages_of_its_own(wide_table: Path) -> None:
    """The text before it ends its page, the table turns on pages of its own (its header
    row on each), and the text after it starts a portrait page; numbers run on."""
    pdf = PdfReader(wide_table / "wide.pdf")
    rotations = [page.rotation for page in pdf.pages]
    assert rotations[0] == 0 and rotations[-1] == 0
    assert set(rotations[1:-1]) == {270} and len(rotations) >= 4
    pages = read_pages(wide_table / "wide.pdf")
    assert "表后的正文" in pages[-1].lines[0].text
    assert [p.footer[0].text for p in pages] == [f"— {n} —" for n in range(1, len(pages) + 1)]
    with pdfplumber.open(wide_table / "wide.pdf") as doc:
        for page in doc.pages[1:-1]:
            head = sorted(_header_chars(page), key=lambda c: -c["top"])
            assert "".join(c["text"] for c in head) == "序号重点任务牵头单位配合单位完成时限"
    sections = docx.Document(str(wide_table / "wide.docx")).sections
    assert [s.orientation for s in sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]


def test_libreoffice_lays_a_landscape_table_in_the_text_out_alike(
    wide_table: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from tests.pdfpage import libreoffice_pdf

    out = tmp_path_factory.mktemp("wide-lo")
    libreoffice_pdf([wide_table / "wide.docx"], out, tmp_path_factory.mktemp("wide-profile"))
    ours = [page.rotation != 0 for page in PdfReader(wide_table / "wide.pdf").pages]
    with pdfplumber.open(out / "wide.pdf") as pdf:
        assert [is_turned(page) for page in pdf.pages] == ours
    # After the table's turned numbers, the text's page has an upright one again.
    last = read_pages(out / "wide.pdf")[-1]
    (number,) = last.footer
    assert number.text == f"— {last.number} —"
    assert all(c["upright"] for c in number.chars)


def test_a_crossref_set_portrait_prints_upright(tmp_path: Path) -> None:
    """`crossref.orientation: portrait`: the 附表 on portrait pages, as before §8."""
    from tests.conftest import CONTENT

    for name in ("gongzuoyaodian.yaml", "jinzhanqingkuang.yaml"):
        text = (CONTENT / "2016" / name).read_text(encoding="utf-8")
        if name == "jinzhanqingkuang.yaml":
            text = text.replace("crossref:\n", "crossref:\n  orientation: portrait\n", 1)
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = tmp_path / "jinzhanqingkuang.yaml"
    assert "orientation: portrait" in report.read_text(encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(report), "--out", str(out), "--names", "file"]) == 0
    assert {page.rotation for page in PdfReader(out / f"{REPORT}.pdf").pages} == {0}
    sections = docx.Document(str(out / f"{REPORT}.docx")).sections
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT]


@pytest.mark.parametrize("ending", ["two tables", "a 版记 after it"])
def test_landscape_tables_in_a_row_or_at_the_end_are_one_section_each(
    tmp_path: Path, ending: str
) -> None:
    """Two landscape tables in a row, or a landscape table that ends a 通知 whose 版记
    takes a page of its own: each section ends at a paragraph of its own (one sectPr a
    paragraph, as the schema says), and LibreOffice lays out as many pages as the PDF."""
    table = (
        "  - caption: 示例分工表\n    orientation: landscape\n"
        "    table: [[序号, 任务], ['1', 示例]]\n"
    )
    text = "kind: 通知\ntitle: 示例局关于示例的通知\nintro:\n  - 示例：现印发给你们。\n" + table
    if ending == "two tables":
        text += table + "signature: {issuer: 示例局, date: 2026-03-05}\n"
    else:
        text += "record: {cc: [示例办公室], printer: 示例局办公室, printed: 2026-03-05}\n"
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    assert main(["build", str(tmp_path / "t.yaml"), "--out", str(tmp_path), "--names", "file"]) == 0
    result = OpenXmlValidator(max_errors=0, strict=True).validate(tmp_path / "t.docx")
    assert result.is_valid, [str(e) for e in result.errors][:3]
    libreoffice_pdf([tmp_path / "t.docx"], tmp_path / "lo", tmp_path / "profile")
    pdf, lo = (len(PdfReader(p).pages) for p in (tmp_path / "t.pdf", tmp_path / "lo" / "t.pdf"))
    assert pdf == lo

"""信函格式 (GB/T 9704-2012 §10.1): a 函 with its 发文机关标志, measured on the printed
page of the PDF and of the DOCX as LibreOffice lays it out."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml

from docgen import spec
from docgen.cli import main
from tests.conftest import CONTENT, built_example, imported
from tests.pdfpage import libreoffice_pdf, page_image, read_pages
from tests.test_notice import ink_rows

RULE = (spec.LETTER_RULE_THICK + spec.LETTER_RULE_SPACE + spec.LETTER_RULE_THIN).mm


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example 函, built to PDF and DOCX, and its DOCX through LibreOffice."""
    return built_example(tmp_path_factory.mktemp("letter"), "han")


def red_columns(pdf: Path, page: int, top: float, bottom: float, dpi: int = 150) -> tuple:
    """The leftmost and rightmost red pixel (mm) between two heights (mm)."""
    image = page_image(pdf, page, dpi, gray=False).convert("RGB")
    pixels = image.load()
    xs = [
        x
        for y in range(int(top / 25.4 * dpi), int(bottom / 25.4 * dpi) + 1)
        for x in range(image.size[0])
        if (p := pixels[x, y])[0] > 150 and p[1] < 100 and p[2] < 100
    ]
    return min(xs) / dpi * 25.4, max(xs) / dpi * 25.4


@pytest.mark.parametrize("reader", ["PDF", "DOCX in LibreOffice"])
def test_the_letter_head_stands_where_the_standard_puts_it(letter: Path, reader: str) -> None:
    pdf = letter / "examples" / "han.pdf" if reader == "PDF" else letter / "lo" / "han.pdf"
    red = ink_rows(pdf, 1)["red"]
    (mark_top, _), *rules = red
    # The mark 30 mm below the paper's top (the DOCX: the office font's em box, which
    # LibreOffice's stand-in fills a little otherwise).
    assert abs(mark_top - spec.LETTER_MARK_TOP.mm) <= (0.6 if reader == "PDF" else 1.5)
    # Two double rules: 上粗下细 4 mm below the mark, 上细下粗 ending 20 mm above the
    # paper's bottom edge; each bar as thick as the spec says.
    assert len(rules) == 4, red
    (a, b), (c, d), (e, f), (g, h) = rules
    assert abs(a - (mark_top + spec.LETTER_MARK_MAX_SIZE.mm + spec.LETTER_RULE_GAP.mm)) <= 1.2
    assert b - a > d - c  # thick above thin
    assert abs(d - a - RULE) <= 0.3
    assert h - g > f - e  # thin above thick
    assert abs(h - (spec.PAGE_HEIGHT - spec.LETTER_BOTTOM_RULE).mm) <= 0.3
    middle = (spec.MARGIN_LEFT + spec.TEXT_WIDTH / 2).mm
    for top, bottom in ((a, d), (e, h)):  # 170 mm long, centred on the 版心
        left, right = red_columns(pdf, 1, top, bottom)
        assert abs(right - left - spec.LETTER_RULE_LENGTH.mm) <= 0.6
        assert abs((left + right) / 2 - middle) <= 0.4
    pages = read_pages(pdf)
    # 发文字号 flush right, 7/8 of a 3号 character below the rule; the title below it.
    number = next(line for line in pages[0].lines if "〔" in line.text)
    assert number.text.replace(" ", "") == "示教函〔2026〕5号"
    assert abs(number.right - (spec.MARGIN_LEFT + spec.TEXT_WIDTH).mm) <= 0.5
    black = [run for run in ink_rows(pdf, 1)["black"] if run[0] > d + 0.5]
    gap = black[0][0] - d
    assert abs(gap - spec.BODY_SIZE.mm * spec.LETTER_BELOW_RULE) <= (
        0.8 if reader == "PDF" else 2.5
    )
    # §10.1: page 1 without a page number; page 2 (the 版记's) with its own.
    assert pages[0].footer == [] or all("1" not in line.text for line in pages[0].footer)
    assert [line.text.replace(" ", "") for line in pages[1].footer] == ["—2—"]


@pytest.mark.parametrize("reader", ["PDF", "DOCX in LibreOffice"])
def test_a_letters_record_is_its_cc_without_rules(letter: Path, reader: str) -> None:
    """§10.1: the 版记 without 印发机关, 印发日期 or rules."""
    pdf = letter / "examples" / "han.pdf" if reader == "PDF" else letter / "lo" / "han.pdf"
    last = read_pages(pdf)[-1]
    assert [line.text.replace(" ", "") for line in last.lines] == ["抄送：示例市人民政府办公室。"]
    thin = [run for run in ink_rows(pdf, len(read_pages(pdf)))["black"] if run[1] - run[0] < 0.5]
    assert thin == [], "a rule in the 版记"


def test_the_docx_page_one_has_a_header_of_its_own(letter: Path) -> None:
    document = docx.Document(str(letter / "examples" / "han.docx"))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header = section.first_page_header
    assert "示例市教育局" in "".join(p.text for p in header.paragraphs)
    assert len(header._element.xpath(".//wp:anchor")) == 4  # the two double rules' bars
    assert not section.first_page_footer.is_linked_to_previous
    assert "".join(p.text for p in section.first_page_footer.paragraphs) == ""
    # the ordinary footers still number the pages
    fields = section.footer._element.xpath(".//w:instrText")
    assert any("PAGE" in f.text for f in fields)
    assert document.paragraphs[0].text.endswith("示教函〔2026〕5号")
    assert not document.element.body.xpath(".//w:framePr")  # the text holds no frame


def test_a_letter_with_a_signer_or_without_its_mark(tmp_path: Path, capsys) -> None:
    source = tmp_path / "han.yaml"
    source.write_text(
        "kind: 函\ntitle: 示例局关于示例的函\n"
        "header: {issuer_mark: 示例局, doc_number: 示函〔2026〕1号, signer: 示例名}\n"
        "intro: [示例。]\n",
        encoding="utf-8",
    )
    assert main(["build", str(source), "--out", str(tmp_path / "out")]) == 2
    assert "header.signer: a 函 in 信函格式 (§10.1) prints no 签发人" in capsys.readouterr().err
    # Without its mark, a 函 prints as any document: no letter head, page 1 numbered.
    source.write_text(
        "kind: 函\ntitle: 示例局关于示例的函\nheader: {doc_number: 示函〔2026〕1号}\n"
        "intro: [示例。]\n",
        encoding="utf-8",
    )
    assert main(["build", str(source), "--out", str(tmp_path / "out"), "--names", "file"]) == 0
    assert ink_rows(tmp_path / "out" / "han.pdf", 1)["red"][0][1] - 0.5 < 100  # the red rule
    assert [
        line.text.replace(" ", "") for line in read_pages(tmp_path / "out" / "han.pdf")[0].footer
    ] == ["—1—"]


def test_a_letter_imports_back_with_its_mark(letter: Path, tmp_path: Path) -> None:
    """docgen's DOCX of a 函 (its mark in page 1's header) and a plain text with the
    issuer's name above the 发文字号 both import as the 函 with its issuer_mark."""
    back = imported(tmp_path, letter / "examples" / "han.docx", "back.yaml")
    source = yaml.safe_load((CONTENT / "examples" / "han.yaml").read_text("utf-8"))
    for key in ("kind", "title", "header", "recipients", "intro", "record"):
        assert back[key] == source[key], key
    text = tmp_path / "han.txt"
    text.write_text(
        "示例县教育局\n示教函〔2026〕2号\n示例县教育局关于示例事项的函\n示例县财政局：\n"
        "示例：请予支持。\n示例县教育局\n2026年3月6日\n",
        encoding="utf-8",
    )
    data = imported(tmp_path, text, "han.yaml")
    assert data["header"] == {"issuer_mark": "示例县教育局", "doc_number": "示教函〔2026〕2号"}
    assert data["title"] == "示例县教育局关于示例事项的函"


def test_the_letter_head_is_on_page_one_only(tmp_path: Path) -> None:
    """A 函 whose 附件 ends in a landscape 附表 (sections of its own in the DOCX): the
    mark and the rules stand on page 1 alone, in both readers."""
    (tmp_path / "report.yaml").write_text(
        (CONTENT / "2016" / "jinzhanqingkuang.yaml")
        .read_text("utf-8")
        .replace("plan: gongzuoyaodian.yaml", f"plan: {CONTENT / '2016' / 'gongzuoyaodian.yaml'}"),
        encoding="utf-8",
    )
    (tmp_path / "han.yaml").write_text(
        "kind: 函\ntitle: 示例市教育局关于报送示例进展情况的函\n"
        "header: {issuer_mark: 示例市教育局, doc_number: 示教函〔2026〕6号}\n"
        "intro: [示例：现将进展情况报送你厅。]\nattachments: [report.yaml]\n",
        encoding="utf-8",
    )
    assert (
        main(["build", str(tmp_path / "han.yaml"), "--out", str(tmp_path), "--names", "file"]) == 0
    )
    document = docx.Document(str(tmp_path / "han.docx"))
    assert len(document.sections) > 1
    assert [s.different_first_page_header_footer for s in document.sections[1:]] == [False] * (
        len(document.sections) - 1
    )
    libreoffice_pdf([tmp_path / "han.docx"], tmp_path / "lo", tmp_path / "profile")
    for pdf in (tmp_path / "han.pdf", tmp_path / "lo" / "han.pdf"):
        pages = read_pages(pdf)
        marked = [
            p.number
            for p in pages
            if any(ln.text.replace(" ", "") == "示例市教育局" for ln in p.lines)
        ]
        assert marked == [1], (pdf, marked)
        assert all(ink_rows(pdf, n, dpi=100)["red"] == [] for n in range(2, len(pages) + 1))


def test_a_han_with_a_wenjian_mark_is_set_as_a_wenjian(tmp_path: Path) -> None:
    """A 函 whose mark is …文件 is in 文件格式: one red rule, page 1 numbered."""
    source = tmp_path / "han.yaml"
    source.write_text(
        "kind: 函\ntitle: 示例局关于示例的复函\n"
        "header: {issuer_mark: 示例局文件, doc_number: 示函〔2026〕1号}\nintro: [示例。]\n",
        encoding="utf-8",
    )
    assert main(["build", str(source), "--out", str(tmp_path), "--names", "file"]) == 0
    red = ink_rows(tmp_path / "han.pdf", 1)["red"]
    assert len(red) == 2 and red[1][1] - red[1][0] < 0.6  # the mark, one thin rule
    footer = read_pages(tmp_path / "han.pdf")[0].footer
    assert [line.text.replace(" ", "") for line in footer] == ["—1—"]

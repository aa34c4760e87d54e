"""GB/T 9704 measured on the page: the PDF as WeasyPrint lays it out, and the DOCX as
LibreOffice (an independent reader) lays it out."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from pypdf import PdfReader

from docgen import spec
from tests.pdfpage import Page, ink_top, page_image, read_pages

STEMS = ["gongzuoyaodian", "jinzhanqingkuang"]
TOP = spec.MARGIN_TOP.mm  # 37
LEFT = spec.MARGIN_LEFT.mm  # 28
RIGHT = (spec.MARGIN_LEFT + spec.TEXT_WIDTH).mm  # 184
BOTTOM = (spec.MARGIN_TOP + spec.TEXT_HEIGHT).mm  # 262
CHAR = spec.CHAR_PITCH.mm  # 5.57
PN_CHAR = spec.PAGE_NUMBER_SIZE.mm  # one 4号 character


@pytest.fixture(scope="module", params=["pdf", "docx"])
def output(request: pytest.FixtureRequest, built: Path) -> tuple[str, dict[str, list[Page]]]:
    """Pages of both documents: the PDF, or the DOCX through LibreOffice."""
    folder = built if request.param == "pdf" else request.getfixturevalue("libreoffice_pdfs")
    return request.param, {stem: body_pages(read_pages(folder / f"{stem}.pdf")) for stem in STEMS}


def body_pages(pages: list[Page]) -> list[Page]:
    """The pages of the document itself: a 附表 (the 对照表) has a table's layout, and
    is set landscape (tests/test_landscape.py measures its pages)."""
    for i, page in enumerate(pages):
        if page.turned or (page.lines and page.lines[0].text == "附表"):
            return pages[:i]
    return pages


def body_lines(page: Page, size: float = spec.BODY_SIZE.pt) -> list:
    return [line for line in page.lines if abs(line.size - size) < 0.1]


def test_a4(built: Path) -> None:
    """Every sheet is portrait A4 as shown and printed: a page laid out landscape (the
    附表, §8) is turned onto it by /Rotate (tests/test_landscape.py)."""
    for stem in STEMS:
        for page in PdfReader(built / f"{stem}.pdf").pages:
            size = (
                round(float(page.mediabox.width) / 72 * 25.4),
                round(float(page.mediabox.height) / 72 * 25.4),
            )
            shown = size[::-1] if page.rotation % 180 else size
            assert shown == (210, 297)


def test_22_lines_on_every_page_but_the_last(output) -> None:
    kind, docs = output
    for stem, pages in docs.items():
        for page, following in itertools.pairwise(pages):
            n = len(page.lines)
            # A heading moved on to stay with its text costs its line here.
            starts_with_heading = any(
                f.startswith(("FandolHei", "FandolKai")) for f in following.lines[0].fonts
            )
            title_page = page.number == 1
            assert n == 22 or (n == 21 and starts_with_heading) or (title_page and n >= 20), (
                f"{kind} {stem} page {page.number}: {n} lines"
            )


def test_line_pitch_fills_the_text_block(output) -> None:
    kind, docs = output
    pitch = spec.LINE_PITCH.mm if kind == "pdf" else spec.DOCX_LINE_PITCH_TWIPS / 56.7
    for stem, pages in docs.items():
        for page in pages[1:]:
            tops = [line.top for line in page.lines]
            steps = [b - a for a, b in itertools.pairwise(tops)]
            assert all(abs(s - pitch) < 0.1 for s in steps), (kind, stem, page.number, steps)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_first_glyph_tops_at_37mm(kind: str, built: Path, request: pytest.FixtureRequest) -> None:
    """Measured on the rendered page (ink), not on font metrics."""
    folder = built if kind == "pdf" else request.getfixturevalue("libreoffice_pdfs")
    for stem in STEMS:
        pages = len(PdfReader(folder / f"{stem}.pdf").pages)
        for page in range(1, min(pages, 3) + 1):  # page 1 opens with the 2号 title
            top = ink_top(folder / f"{stem}.pdf", page)
            if kind == "pdf":
                assert abs(top - TOP) <= 1.0, (kind, stem, page)
            else:  # standard margins: the text area starts at 37 mm, the glyphs in its
                # first line, as Word sets it (test_workspace checks "glyph" margins)
                assert TOP < top < TOP + 6, (kind, stem, page, top)


def test_lines_start_at_28mm_and_full_lines_end_flush_at_184mm(output) -> None:
    kind, docs = output
    # LibreOffice's own justification leaves some lines up to 0.5 mm short (an
    # indented first line; a line whose last character moved down to stay with a
    # mark). Word justifies the DOCX itself; this is the reader's tolerance.
    tolerance = 0.15 if kind == "pdf" else 0.5
    full = 0
    for stem, pages in docs.items():
        lines = [line for page in pages for line in body_lines(page)]
        for line, following in itertools.pairwise(lines):
            assert line.left >= LEFT - 0.1, (kind, stem, line.text)
            assert line.right <= RIGHT + tolerance, (kind, stem, line.text)
            # Paragraphs and headings start indented: a line followed by one that
            # starts at the margin is not its paragraph's last, and must end flush.
            if following.left < LEFT + 0.5:
                full += 1
                assert abs(line.right - RIGHT) <= tolerance, (
                    kind,
                    stem,
                    line.text,
                    round(line.right, 2),
                )
    assert full > 150


def test_28_characters_a_line(output) -> None:
    kind, docs = output
    for stem, pages in docs.items():
        counts = []
        for page in pages:
            for line in body_lines(page):
                if line.left < LEFT + 0.5 and all(ord(c["text"]) > 0x2E80 for c in line.chars):
                    counts.append(len(line.chars))
        assert max(counts) == 28, (kind, stem)
        assert counts.count(28) > len(counts) / 2, (kind, stem, counts)


def test_page_numbers_odd_right_even_left_one_character_in(output) -> None:
    kind, docs = output
    for pages in docs.values():
        for page in pages:
            (number,) = page.footer
            assert number.text == f"— {page.number} —".replace(" ", "") or number.text == (
                f"— {page.number} —"
            )
            assert abs(number.size - spec.PAGE_NUMBER_SIZE.pt) < 0.1
            assert any("Song" in f for f in number.fonts), number.fonts
            if page.number % 2:
                assert abs(number.right - (RIGHT - PN_CHAR)) <= 0.5, (kind, page.number)
            else:
                assert abs(number.left - (LEFT + PN_CHAR)) <= 0.5, (kind, page.number)


def test_title_is_2hao_centred(output) -> None:
    kind, docs = output
    for stem, pages in docs.items():
        titles = [line for line in pages[0].lines if abs(line.size - 22) < 0.1]
        assert titles, (kind, stem)
        for line in titles:
            assert abs((line.left + line.right) / 2 - (LEFT + RIGHT) / 2) <= 1.0, line.text
            assert line.fonts <= {"Noto-Serif-CJK-SC-Bold", "NotoSerifCJKjp-Bold-VKana"}, line.fonts


HEADING_FONTS = {
    "一、": "FandolHei",
    "（一）": "FandolKai",
    "1.": "FandolFang",
}


def test_each_heading_level_in_its_font(output) -> None:
    kind, docs = output
    pages = docs["gongzuoyaodian"]
    lines = [line for page in pages for line in page.lines]
    found = {}
    for prefix, font in HEADING_FONTS.items():
        heads = [line for line in lines if line.text.startswith(prefix)]
        assert heads, prefix
        found[prefix] = heads[0].fonts
        assert any(f.startswith(font) for f in heads[0].fonts), (kind, prefix, heads[0].fonts)
    # 1. is bold 仿宋, emboldened from the regular face (test_fonts checks the stroke):
    # no second copy of the font.
    assert not any("Bold" in f for f in found["1."])


def test_fonts_are_embedded_as_subsets(built: Path) -> None:
    for stem in STEMS:
        reader = PdfReader(built / f"{stem}.pdf")
        fonts = {}
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object()
                descriptor = descendant["/FontDescriptor"].get_object()
                fonts[str(font["/BaseFont"])] = any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
                )
        assert fonts and all(fonts.values()), fonts
        assert all(name[7] == "+" for name in fonts), fonts  # XXXXXX+Name: a subset


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_the_page_numbers_dash_stands_7mm_below_the_text_block(
    kind: str, built: Path, request: pytest.FixtureRequest
) -> None:
    """§7.5: 一字线上距版心下边缘7mm — measured on the rendered page: the rows where the
    two dashes' ink is widest."""
    folder = built if kind == "pdf" else request.getfixturevalue("libreoffice_pdfs")
    dpi = 600
    image = page_image(folder / "gongzuoyaodian.pdf", 1, dpi)
    width, height = image.size
    top = int(BOTTOM / 25.4 * dpi) + 10
    pixels = image.load()
    dark = {y: sum(pixels[x, y] < 128 for x in range(width)) for y in range(top, height)}
    widest = max(dark.values())
    rows = [y for y, n in dark.items() if n > 0.6 * widest]
    dash = sum(rows) / len(rows) / dpi * 25.4
    assert abs(dash - (BOTTOM + spec.PAGE_NUMBER_GAP.mm)) <= 0.5, dash

"""The whole official document: 通知 with 版头, 附件 and 版记, and PDFs ready to publish."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn
from pypdf import PdfReader

from docgen import fonts, spec
from docgen.cli import main
from docgen.render import layout
from docgen.render.titles import break_title
from docgen.units import Mm
from tests.conftest import CONTENT, imported
from tests.pdfpage import libreoffice_pdf, page_image, read_pages

LINE = spec.LINE_PITCH.mm
TOP = spec.MARGIN_TOP.mm
BOTTOM = (spec.MARGIN_TOP + spec.TEXT_HEIGHT).mm


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example 通知 (every element, 示例 values), built to PDF and DOCX."""
    out = tmp_path_factory.mktemp("example")
    args = ["build", str(CONTENT / "examples" / "tongzhi.yaml"), "--out", str(out)]
    assert main([*args, "--names", "file"]) == 0
    return out / "examples"


def ink_rows(pdf: Path, page: int, dpi: int = 300) -> dict[str, list[tuple[float, float]]]:
    """Runs of inked rows (top, bottom in mm) of a page, for red and for black ink."""
    image = page_image(pdf, page, dpi, gray=False).convert("RGB")
    width, height = image.size
    pixels = image.load()
    out: dict[str, list[tuple[float, float]]] = {"red": [], "black": []}
    for kind in out:
        rows = []
        for y in range(height):
            for x in range(0, width, 2):
                r, g, b = pixels[x, y]
                red = r > 150 and g < 100 and b < 100
                if (kind == "red" and red) or (kind == "black" and r + g + b < 300):
                    rows.append(y)
                    break
        runs: list[tuple[float, float]] = []
        for y in rows:
            if runs and y == runs[-1][1] + 1:
                runs[-1] = (runs[-1][0], y)
            else:
                runs.append((y, y))
        out[kind] = [(a / dpi * 25.4, b / dpi * 25.4) for a, b in runs]
    return out


def test_header_geometry(example: Path) -> None:
    ink = ink_rows(example / "tongzhi.pdf", 1)
    (mark_top, mark_bottom), (rule_top, rule_bottom) = ink["red"]
    # §7.2.3: the mark's top 35 mm below the 版心's top edge.
    assert abs(mark_top - (TOP + spec.ISSUER_MARK_TOP.mm)) <= 1.0, mark_top
    black = [run for run in ink["black"] if run[0] > mark_bottom + 1]
    number_top, number_bottom = black[0]
    # §7.2.4: the 发文字号 two lines below the mark (the gap holds two blank lines).
    assert 2 * LINE - 1 <= number_top - mark_bottom <= 2 * LINE + 4, number_top - mark_bottom
    # §7.2.6: the red rule 4 mm below the 发文字号, as wide as the 版心.
    assert abs(rule_top - number_bottom - spec.RED_RULE_GAP.mm) <= 0.5
    assert abs((rule_bottom - rule_top) - spec.RED_RULE_WIDTH.mm) <= 0.15
    page = read_pages(example / "tongzhi.pdf")[0]
    title = next(line for line in page.lines if abs(line.size - 22) < 0.1)
    # §7.3.1: the title two lines below the rule.
    assert 2 * LINE - 2 <= title.top - rule_bottom <= 2 * LINE + 4, title.top - rule_bottom
    # 份号, 密级, 紧急程度 flush left at the top, in that order; 密级 and 紧急 in 黑体.
    first = page.lines[:3]
    assert [line.text for line in first] == ["000001", "秘密★1年", "特急"]
    assert all(abs(line.left - spec.MARGIN_LEFT.mm) < 0.5 for line in first)
    assert all(any(f.startswith("FandolHei") for f in line.fonts) for line in first[1:])
    number_line = next(line for line in page.lines if line.text.startswith("示教"))
    # With a 签发人: 发文字号 居左空一字, 签发人 居右空一字, on one line.
    assert number_line.text == "示教〔2026〕1号签发人：示例名"
    assert abs(number_line.left - (spec.MARGIN_LEFT + spec.CHAR_PITCH).mm) < 0.5
    assert abs(number_line.right - (spec.MARGIN_LEFT + spec.TEXT_WIDTH - spec.CHAR_PITCH).mm) < 0.5
    assert any(f.startswith("FandolKai") for f in number_line.fonts)  # the name in 楷体


def test_record_at_the_foot_of_the_last_page_an_even_one(example: Path) -> None:
    pages = read_pages(example / "tongzhi.pdf")
    last = len(pages)
    assert last % 2 == 0
    text = "".join(line.text for line in pages[-1].lines)
    assert "抄送：示例省教育厅，示例市人民政府办公室。" in text
    assert "示例市教育局办公室" in text and "2026年3月2日印发" in text
    black = ink_rows(example / "tongzhi.pdf", last)["black"]
    body = [run for run in black if run[1] < BOTTOM + 1]
    # §7.4.1: the last rule lies on the bottom edge of the 版心.
    assert abs(body[-1][1] - BOTTOM) <= 0.5, body[-1]


def test_page_numbers_run_through_the_attachments(example: Path) -> None:
    pages = read_pages(example / "tongzhi.pdf")
    numbers = [page.footer[0].text.replace(" ", "") for page in pages]
    assert numbers == [f"—{n}—" for n in range(1, len(pages) + 1)]
    # Each 附件 starts a page with its label: 附件1, 附件2 (several, so numbered).
    labels = [p.lines[0].text for p in pages if re.fullmatch(r"附件\d*", p.lines[0].text)]
    assert labels == ["附件1", "附件2"]


# Notices whose text fills so many 28-character lines, and where their 版记 goes (§7.4,
# §7.5): at the foot of an even page with room; on the next page after an odd one; after
# a blank page when the text fills an even page. Blank page and 版记 page then unnumbered.
PLACEMENTS = {
    "foot": (25, [True, True]),
    "own-page": (10, [True, True]),
    "after-blank": (42, [True, True, False, False]),
}


@pytest.fixture(scope="module")
def placements(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three notices built to PDF and DOCX, and the DOCX as LibreOffice lays it out
    (in lo/)."""
    out = tmp_path_factory.mktemp("placements")
    line = "示例正文内容示例正文内容示例正文内容示例正文内容示例"  # 26 + 2 indent = 28
    for name, (lines, _) in PLACEMENTS.items():
        (out / f"{name}.yaml").write_text(
            "kind: 通知\nyear: 2026\ntitle: 示例通知\nintro:\n"
            + "".join(f"  - {line}\n" for _ in range(lines))
            + "record:\n  cc: [示例省教育厅, 示例市人民政府办公室]\n"
            + "  printer: 示例办公室\n  printed: 2026-03-02\n",
            encoding="utf-8",
        )
    assert main(["build", str(out), "--out", str(out), "--names", "file"]) == 0
    libreoffice_pdf(sorted(out.glob("*.docx")), out / "lo", out / "profile")
    return out


@pytest.mark.parametrize("reader", ["pdf", "lo"])
@pytest.mark.parametrize("place", PLACEMENTS)
def test_the_record_stands_at_the_foot_of_an_even_page(
    placements: Path, place: str, reader: str
) -> None:
    pdf = placements / (f"lo/{place}.pdf" if reader == "lo" else f"{place}.pdf")
    pages = read_pages(pdf)
    lines, numbered = PLACEMENTS[place]
    assert [bool(p.footer) for p in pages] == numbered
    texts = ["".join(line.text for line in page.lines) for page in pages]
    assert "示例办公室" in texts[-1] and all("示例办公室" not in t for t in texts[:-1])
    if place == "foot":
        assert texts[-1].count("示例正文内容") == 4 * (lines + 2 - 22)  # the text's last 5 lines
    else:
        assert "示例正文内容" not in texts[-1]
    if place == "after-blank":
        assert not texts[-2]
    # §7.4: 抄送 and 印发机关 左空一字, 印发日期 右空一字 on the 印发机关's line.
    one = spec.RECORD_SIZE.mm
    cc_line, printed = pages[-1].lines[-2:]
    assert cc_line.text.startswith("抄送：") and printed.text.endswith("印发")
    for line in (cc_line, printed):
        assert abs(line.left - (spec.MARGIN_LEFT.mm + one)) < 0.5, line
    assert abs(printed.right - ((spec.MARGIN_LEFT + spec.TEXT_WIDTH).mm - one)) < 0.5, printed
    black = ink_rows(pdf, len(pages))["black"]
    rules = [run for run in black if BOTTOM - 25 < run[0] < BOTTOM + 1]
    # §7.4.1: the last rule lies on the bottom edge of the 版心. The DOCX sets the 版记 in
    # the text after a space that fills the page: it keeps 0.85 mm (RECORD_SLACK and
    # the closing 1 pt paragraph) so that Word's own layout never pushes it over.
    low, high = (BOTTOM - 1.0, BOTTOM + 0.1) if reader == "lo" else (BOTTOM - 0.5, BOTTOM + 0.5)
    assert low <= rules[-1][1] <= high, rules[-1]
    # Its text: 抄送 and 印发 lines between three rules, 4号 lines 1.75 apart.
    assert len(rules) == 5, rules
    cc, printed = rules[1], rules[3]
    assert abs((printed[0] - cc[0]) - (spec.RECORD_SIZE * spec.RECORD_LINE_HEIGHT).mm) <= 0.5


def test_pdf_metadata_and_bookmarks(example: Path) -> None:
    reader = PdfReader(example / "tongzhi.pdf")
    meta = reader.metadata
    assert meta.title == "示例市教育局关于印发2026年教育信息化工作要点的通知"
    assert meta.author == "示例市教育局"
    assert "通知" in meta.subject and "工作要点" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20260301")
    titles = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    assert "一、工作思路" in titles and "三、重点任务" in titles
    assert "（一）示例：加强统筹部署。" in titles  # every heading level


@pytest.mark.parametrize("variant", ["pdf/a-3b", "pdf/ua-1"])
def test_pdf_variants(tmp_path: Path, variant: str) -> None:
    src = CONTENT / "examples" / "gongzuoyaodian.yaml"
    assert (
        main(
            [
                "build",
                str(src),
                "--out",
                str(tmp_path),
                "--format",
                "pdf",
                "--pdf-variant",
                variant,
                "--names",
                "file",
            ]
        )
        == 0
    )
    reader = PdfReader(tmp_path / "examples" / "gongzuoyaodian.pdf")
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data()
    if variant == "pdf/a-3b":
        assert b"pdfaid:part" in xmp and b"3" in xmp
    else:
        assert b"pdfuaid:part" in xmp
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]


def test_docx_carries_the_same_elements(example: Path) -> None:
    document = docx.Document(str(example / "tongzhi.docx"))
    by_style: dict[str, list[str]] = {}
    for p in document.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert by_style["份号"] == ["000001"] and by_style["密级"] == ["秘密★1年"]
    assert by_style["紧急程度"] == ["特急"]
    assert by_style["发文机关标志"] == ["示例市教育局文件"]
    mark = document.styles["发文机关标志"]
    assert str(mark.font.color.rgb) == spec.RED
    assert by_style["发文字号"][0] == "示教〔2026〕1号\t签发人：示例名"
    rule = [
        p
        for p in document.paragraphs
        if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
    ]
    (border,) = rule[0]._p.pPr.find(qn("w:pBdr"))
    assert border.get(qn("w:color")) == spec.RED
    assert by_style["主送机关"] == ["各区县教育局（示例）："]
    assert by_style["附件说明"] == [
        "附件：1.示例市2026年教育信息化工作要点",
        "2.2016年教育信息化工作进展情况",
    ]
    assert by_style["署名"] == ["示例市教育局"] and by_style["成文日期"] == ["2026年3月1日"]
    assert by_style["附注"] == ["（示例：此件主动公开）"]
    assert by_style["附件标识"][:2] == ["附件1", "附件2"]
    # The 版记: a table in the text itself (every reader reads its words), the last
    # thing in the body, after a space that fills its page down to it.
    body = document.element.body
    table = body.xpath("./w:tbl")[-1]
    assert not body.xpath(".//wp:anchor | .//w:txbxContent"), "no text box"
    rows = [
        "".join(p.xpath("string(.)") for p in tr.xpath(".//w:p")) for tr in table.xpath("./w:tr")
    ]
    assert rows == [
        "抄送：示例省教育厅，示例市人民政府办公室。",
        "示例市教育局办公室2026年3月2日印发",  # a tab between
    ]
    spacer = table.getprevious()
    # An even page of its own, here: the 附件's landscape 附表 (§8) ends its section
    # (a new page) just before the spacer; else a page break on a 1 pt paragraph would.
    before = spacer.getprevious()
    assert before.xpath("./w:pPr/w:sectPr/w:pgSz[@w:orient='landscape']")
    assert not spacer.xpath("./w:pPr/w:pageBreakBefore")
    space = int(spacer.xpath("./w:pPr/w:spacing")[0].get(qn("w:line"))) / 20 * 25.4 / 72
    assert 225 - 25 < space < 225 - 10, space  # the page less the 版记's two rows
    assert [e.tag.rsplit("}")[-1] for e in table.itersiblings()] == ["p", "sectPr"]


def test_signature_placement_with_a_seal(example: Path) -> None:
    pages = read_pages(example / "tongzhi.pdf")
    lines = [line for page in pages[:2] for line in page.lines]
    issuer = next(line for line in lines if line.text == "示例市教育局")
    date = next(line for line in lines if line.text == "2026年3月1日")
    right = (spec.MARGIN_LEFT + spec.TEXT_WIDTH).mm
    char = spec.CHAR_PITCH.mm
    # §7.3.5.2: with a seal, the date 右空四字 and the 署名 centred over it.
    assert abs((right - date.right) - 4 * char) <= 0.6
    assert abs((issuer.left + issuer.right) / 2 - (date.left + date.right) / 2) <= 0.6


@pytest.mark.parametrize(
    "title",
    [
        "教育部办公厅关于印发《2016年教育信息化工作要点》的通知",
        "2016年教育信息化工作要点目标完成情况对照表",
        "示例市教育局关于进一步加强中小学教育信息化建设与应用工作的通知",
    ],
)
def test_titles_break_into_balanced_lines_never_inside_a_name(title: str) -> None:
    from docgen import fonts

    lines = break_title(title, fonts.metrics("xiaobiaosong"), 22, spec.TEXT_WIDTH.pt)
    assert "".join(lines) == title and len(lines) >= 2
    for line in lines:
        assert line.count("《") == line.count("》")  # a 《》 name stays whole
        assert not line[-1].isdigit() or not lines[lines.index(line) + 1][0].isdigit()
    assert lines[0] in (
        "教育部办公厅关于印发",
        "2016年教育信息化工作要点",
        "示例市教育局关于进一步加强中小学",  # two even lines, between two words
    )


@pytest.mark.parametrize(
    ("title", "words"),
    [  # real titles (tests/corpus) that broke inside these words before
        (
            "国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施《中华人民共和国药品管理法"
            "实施条例》有关规定的决定",
            ["博鳌", "乐城", "先行区"],
        ),
        ("国务院安委会办公室关于2018年上半年全国建筑业安全生产形势的通报", ["上半年"]),
        (
            "国务院办公厅关于同意以哈尔滨市名义申办2009年第二十四届世界大学生冬季运动会的复函",
            ["哈尔滨市", "第二十四届"],
        ),
        (
            "国务院办公厅关于印发文化体制改革中经营性文化事业单位转制为企业和进一步支持文化企业"
            "发展两个规定的通知",
            ["进一步", "经营性"],
        ),
        ("印发推动乡镇敬老院高质量发展十条措施的通知", ["敬老院", "高质量"]),
        # a place with its 区: the dictionary has 长乐 and 区 apart
        ("福建省人民政府关于福州市长乐区文武砂镇行政区划调整的批复", ["长乐区"]),
        # a 《》 name longer than its line leaves: broken between its words, not left
        # for WeasyPrint and Word to break where they like (生 / 产)
        ("上海市交通委员会关于印发《上海交通行业生产安全突发事件信息报告规定》的通知", ["生产"]),
        (
            "上海市嘉定区人民政府关于印发《关于推进嘉定区城市更新工作的实施意见》的通知",
            ["嘉定区", "城市更新"],
        ),
    ],
)
def test_titles_break_between_words(title: str, words: list[str]) -> None:
    """Where the joints give no even lines, a title breaks between words (jieba's
    dictionary), not inside them; and never into a line of two characters."""
    from docgen import fonts

    lines = break_title(title, fonts.metrics("xiaobiaosong"), 22, spec.TEXT_WIDTH.pt)
    assert "".join(lines) == title and len(lines) >= 2
    joined = "|".join(lines)
    for word in words:
        assert word in joined, (word, lines)
    assert min(len(line) for line in lines) > 4, lines


BAD_NOTICE = {
    "a malformed 发文字号": (
        "header:\n  doc_number: 教技厅[2016]第1号\n",
        5,
        "header.doc_number: '教技厅[2016]第1号' is not a 发文字号",
    ),
    "a malformed date": (
        "signature:\n  date: 2016年2月2日\n",
        5,
        "signature.date: got text '2016年2月2日' (expected a date written",
    ),
    "a missing attachment": (
        "attachments:\n  - nope.yaml\n",
        5,
        "attachments[0]: no attachment file",
    ),
    "an issued document named in the 附件说明": (
        "attachments:\n  - {file: a.yaml, issued: true, name: 示例}\n",
        5,
        "attachments[0]: an issued document has no line in the 附件说明",
    ),
    "a 期号 beside a 发文字号": (
        "header:\n  doc_number: 教技厅〔2016〕1号\n  issue: 第3期\n",
        5,
        "header: issue and doc_number: the 版头 prints one number, not both",
    ),
    "an attachment with neither file nor name": (
        "attachments:\n  - {issued: true}\n",
        5,
        "attachments[0]: an attachment without file: has only its name (name:) to print",
    ),
    "an attachment entry with a misspelt field": (
        "attachments:\n  - file: a.yaml\n    issue: true\n",
        6,
        "attachments[0].issue: unknown field (expected one of file, name, issued)",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_NOTICE))
def test_bad_notice_input_is_an_error_at_its_line(case, tmp_path, capsys) -> None:
    text, line, says = BAD_NOTICE[case]
    src = tmp_path / "n.yaml"
    src.write_text("kind: 通知\nyear: 2016\ntitle: 示例\n" + text, encoding="utf-8")
    assert main(["build", str(src), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{src}:{line}:"), err
    assert says in err


def test_attachments_named_in_the_note_or_issued_unlabelled(tmp_path: Path) -> None:
    """An entry's name is its line in the 附件说明; an issued document (印发, 转发) is
    printed after the 通知 with no label, is not listed, and is not counted: the 附件
    beside it is 附件, alone."""
    (tmp_path / "n.yaml").write_text(
        "kind: 通知\ntitle: 示例市教育局关于印发示例规定的通知\nintro: [现印发给你们。]\n"
        "attachments:\n  - {file: g.yaml, issued: true}\n"
        "  - {file: b.yaml, name: 示例报名表（样表）}\n"
        "signature: {issuer: 示例市教育局, date: 2024-05-06}\n",
        encoding="utf-8",
    )
    (tmp_path / "g.yaml").write_text(
        "kind: 规定\ntitle: 示例规定\nintro: [本规定自印发之日起施行。]\n", encoding="utf-8"
    )
    (tmp_path / "b.yaml").write_text(
        "kind: 通知\ntitle: 示例报名表\nrecipients: 各区教育局\nintro: [请报送。]\n"
        "signature: {issuer: 示例市教育局办公室, date: 2024-05-07}\n",
        encoding="utf-8",
    )
    args = ["build", str(tmp_path / "n.yaml"), "--out", str(tmp_path / "o"), "--names", "file"]
    assert main([*args, "--format", "docx"]) == 0
    text = [p.text for p in docx.Document(str(tmp_path / "o" / "n.docx")).paragraphs]
    assert text[text.index("现印发给你们。") + 1] == "附件：示例报名表（样表）"
    at = text.index("示例规定")
    assert text[at - 1] == "2024年5月6日"  # no label above the issued 规定
    assert text[at + 1 :] == [
        "本规定自印发之日起施行。",
        "附件",
        "示例报名表",
        "各区教育局：",  # an attachment's own 主送, 署名 and date (a forwarded 报告's)
        "请报送。",
        "示例市教育局办公室",
        "2024年5月7日",
    ]


def test_an_attachment_cycle_is_an_error(tmp_path: Path, capsys) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("kind: 通知\nyear: 2016\ntitle: 甲\nattachments:\n  - b.yaml\n", encoding="utf-8")
    b.write_text("kind: 通知\nyear: 2016\ntitle: 乙\nattachments:\n  - a.yaml\n", encoding="utf-8")
    assert main(["build", str(a), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{b}:5:"), err
    assert "attachment cycle: a.yaml → b.yaml → a.yaml" in err


def test_attachment_lines_are_composed_flush(tmp_path: Path) -> None:
    """The 附件's paragraphs are justified like a document's own (render/compose.py)."""
    src = CONTENT / "2016" / "tongzhi.yaml"
    assert (
        main(["build", str(src), "--out", str(tmp_path), "--format", "pdf", "--names", "file"]) == 0
    )
    right = (spec.MARGIN_LEFT + spec.TEXT_WIDTH).mm
    lines = [
        line
        for page in read_pages(tmp_path / "2016" / "tongzhi.pdf")[1:]
        for line in page.lines
        if abs(line.size - 16) < 0.1
    ]
    full = [a for a, b in itertools.pairwise(lines) if b.left < spec.MARGIN_LEFT.mm + 0.5]
    assert len(full) > 50
    assert all(abs(line.right - right) <= 0.15 for line in full), [
        (line.text, round(line.right, 2)) for line in full if abs(line.right - right) > 0.15
    ]


@pytest.fixture(scope="module")
def example_lo(example: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's DOCX as LibreOffice lays it out."""
    out = tmp_path_factory.mktemp("example_lo")
    libreoffice_pdf([example / "tongzhi.docx"], out, out / "profile")
    return out / "tongzhi.pdf"


def test_docx_titles_in_libreoffice_as_in_the_pdf(example: Path, example_lo: Path) -> None:
    """A title's lines stand a grid line apart, and an attachment's text starts where
    the PDF's does: LibreOffice takes the larger of two spaces that Word adds."""
    pdf, lo = read_pages(example / "tongzhi.pdf"), read_pages(example_lo)
    for pages in (pdf, lo):
        title = [line for line in pages[0].lines if 21 < line.size < 23]  # 2号
        assert len(title) == 2
        assert abs(title[1].top - title[0].top - LINE) < 0.3, title
    # 附件1: label, blank line, title, blank line, then the text on the 5th line. Each
    # reader's font boxes stand differently: compare with the label's line.
    for pages in (pdf, lo):
        label, _, text = pages[2].lines[:3]
        assert label.text == "附件1"
        assert abs(text.top - label.top - 4 * LINE) < 0.5, (label, text)


def test_docx_header_geometry_in_libreoffice(example_lo: Path) -> None:
    """The same 版头 numbers, read from the DOCX as LibreOffice lays it out."""
    ink = ink_rows(example_lo, 1)
    (mark_top, mark_bottom), (rule_top, _) = ink["red"]
    # Under the standard margins (the default) the whole page stands as much below
    # 37 mm as Word sets the first line's glyphs (office fonts' metrics, spec.py).
    ascent, _, win_descent = spec.OFFICE_VERTICAL["fangsong"]
    line = spec.DOCX_LINE_PITCH_TWIPS / 20 * 25.4 / 72
    first = spec.word_first_line_offset(Mm(line), spec.BODY_SIZE, ascent, win_descent).mm
    assert abs(mark_top - (TOP + first + spec.ISSUER_MARK_TOP.mm)) <= 1.0, mark_top
    number_top, number_bottom = next(r for r in ink["black"] if r[0] > mark_bottom + 1)
    # LibreOffice sets the mark in its stand-in, whose glyphs stand higher in the line
    # than the office font's by the difference of their Windows descents.
    size = layout.issuer_mark_size("示例市教育局文件").mm
    stand_in = (fonts.vertical("xiaobiaosong")[2] - spec.OFFICE_VERTICAL["xiaobiaosong"][2]) * size
    gap = number_top - mark_bottom
    assert 2 * LINE - 1 <= gap <= 2 * LINE + 4 + stand_in, gap
    fangsong = (fonts.vertical("fangsong")[2] - win_descent) * spec.BODY_SIZE.mm
    assert abs(rule_top - number_bottom - spec.RED_RULE_GAP.mm) <= 1.0 + fangsong
    title_top = next(r for r in ink["black"] if r[0] > rule_top + 1)[0]
    assert 2 * LINE - 2 <= title_top - rule_top <= 2 * LINE + 4, title_top - rule_top


def test_the_signature_never_stands_alone_on_a_page(example: Path, example_lo: Path) -> None:
    """§7.3.5: where the 附件说明 and 署名 do not fit below the text, the text's last line
    goes over with them: the page they stand on begins with text, in both readers."""
    for pdf in (example / "tongzhi.pdf", example_lo):
        pages = read_pages(pdf)
        page = next(p for p in pages if any(ln.text.startswith("附件：") for ln in p.lines))
        first = next(i for i, ln in enumerate(page.lines) if ln.text.startswith("附件："))
        assert first >= 1, f"{pdf.name}: page {page.number} opens with the 附件说明"
        assert page.lines[first - 1].text.endswith("。"), page.lines[first - 1].text


def test_the_example_docx_imports_back_with_its_header_and_record(
    example: Path, tmp_path: Path
) -> None:
    """docgen's own DOCX of a 通知 with every element comes back as its content: the
    版头 above the title and the 版记 after its 附件 (and its 附表) included; only the
    seal, which prints no text, and the 附件's file names cannot come back."""
    back = imported(tmp_path, example / "tongzhi.docx", "back.yaml")
    source = yaml.safe_load((CONTENT / "examples" / "tongzhi.yaml").read_text("utf-8"))
    source["signature"].pop("seal")
    for key in ("kind", "year", "title", "header", "recipients", "intro", "signature"):
        assert back[key] == source[key], key
    assert back["note"] == source["note"]
    assert back["record"] == source["record"]
    assert len(back["attachments"]) == len(source["attachments"])


def test_a_subtitle_prints_centred_in_kaiti_under_the_title(tmp_path: Path) -> None:
    """题注 (a 决议's （…会议通过）): 3号楷体, centred, a blank line below the title's and
    one above the text, in the PDF and in the DOCX as LibreOffice lays it out."""
    source = tmp_path / "jueyi.yaml"
    source.write_text(
        "kind: 决议\ntitle: 示例县人大常委会关于示例事项的决议\n"
        "subtitle: （2023年5月10日示例县人大常委会第九次会议通过）\n"
        "intro: [示例：会议同意示例事项。]\n",
        encoding="utf-8",
    )
    assert main(["build", str(source), "--out", str(tmp_path), "--names", "file"]) == 0
    libreoffice_pdf([tmp_path / "jueyi.docx"], tmp_path / "lo", tmp_path / "profile")
    for pdf in (tmp_path / "jueyi.pdf", tmp_path / "lo" / "jueyi.pdf"):
        lines = read_pages(pdf)[0].lines
        title = next(i for i, line in enumerate(lines) if line.text.startswith("示例县人大"))
        note, text = lines[title + 1], lines[title + 2]
        assert note.text.replace(" ", "") == "（2023年5月10日示例县人大常委会第九次会议通过）"
        assert all("Kai" in font for font in note.fonts), note.fonts
        middle = (note.left + note.right) / 2
        assert abs(middle - (spec.MARGIN_LEFT + spec.TEXT_WIDTH / 2).mm) < 1.5, pdf
        assert abs(note.top - lines[title].top - 2 * LINE) < 1.0, pdf  # a blank line between
        assert abs(text.top - note.top - 2 * LINE) < 1.0, pdf

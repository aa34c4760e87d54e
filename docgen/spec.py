"""GB/T 9704-2012 in numbers: the one place every format number of docgen lives.

The PDF's CSS (``templates/gbt9704.css.j2``) and the DOCX styles (``render/docx.py``)
are both generated from these values, so changing the body size here changes both.
Section numbers are the standard's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from docgen.units import ZIHAO, Length, Mm, Pt

# §5.2.1 paper, §5.2.2 版心 156 × 225 mm with 天头 37 mm and 订口 28 mm.
PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
TEXT_WIDTH = Mm(156)
TEXT_HEIGHT = Mm(225)
MARGIN_TOP = Mm(37)
MARGIN_LEFT = Mm(28)
MARGIN_RIGHT = PAGE_WIDTH - MARGIN_LEFT - TEXT_WIDTH  # 26 mm
MARGIN_BOTTOM = PAGE_HEIGHT - MARGIN_TOP - TEXT_HEIGHT  # 35 mm

# §8 横排表格: a table set landscape turns on the sheet, which stays portrait A4. The
# turned page is 297 × 210 mm and its 版心 225 wide and 156 high; its head lies along
# the sheet's left edge (odd pages: the 订口; even pages: the 切口), so its margins are
# the sheet's turned: top = the sheet's left (28 mm), right = the sheet's top (37 mm),
# bottom = the sheet's right (26 mm), left = the sheet's bottom (35 mm). The page number
# stays where every page has it, upright on the sheet.
LANDSCAPE_MARGINS = (MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM)  # top right bottom left
LANDSCAPE_TEXT_WIDTH = TEXT_HEIGHT  # 225 mm along the turned lines
LANDSCAPE_TEXT_HEIGHT = TEXT_WIDTH  # 156 mm
# A PDF page laid out landscape shows on the sheet turned by /Rotate (clockwise, in
# degrees): 270 brings its top to the sheet's left edge.
LANDSCAPE_ROTATE = 270

# §5.2.4: 22 lines of 28 characters fill the 版心.
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
# 225 mm / 22 = 28.9907 pt; WeasyPrint loses the 22nd line at that value, so round down.
LINE_PITCH = Pt(28.99)
CHAR_PITCH = TEXT_WIDTH / CHARS_PER_LINE  # 15.79 pt

# Word's grid is in twips: 579 twips (28.95 pt) gives 22 lines in Word and LibreOffice.
DOCX_LINE_PITCH_TWIPS = 579
# 28 characters of 16 pt are 158 mm: Word needs the characters drawn 0.25 pt closer.
DOCX_CHAR_SPACING = Pt(-0.25)

BODY_SIZE = ZIHAO["三号"]
# 28 characters of 16 pt are 158 mm: draw each one closer so 28 fill 156 mm exactly,
# less a hair so that rounding never pushes the 28th character to the next line.
LETTER_SPACING = CHAR_PITCH - BODY_SIZE - Pt(0.005)
# §7.5 页码: 4号 half-width 宋体 digits with an 一字线 each side, the line 7 mm below
# the 版心; odd pages 居右空一字, even pages 居左空一字.
PAGE_NUMBER_SIZE = ZIHAO["四号"]
PAGE_NUMBER_GAP = Mm(7)
PAGE_NUMBER_FORMAT = "— {} —"

# §7.2 版头. The issuer's mark stands 35 mm below the 版心's top edge, red, 小标宋, as
# large as looks right but never wider than the 版心; the 发文字号 two lines below it;
# the red rule 4 mm below the 发文字号, as wide as the 版心; the title two lines below.
RED = "FF0000"
ISSUER_MARK_TOP = Mm(35)
ISSUER_MARK_MAX_SIZE = Mm(22)
RED_RULE_GAP = Mm(4)
RED_RULE_WIDTH = Mm(0.35)
TITLE_LINES_AFTER_RULE = 2
# §10.1 信函格式 (a 函 with its mark): the mark (the issuer's name, no 文件) 30 mm below
# the paper's top edge; red double rules 170 mm long, centred: 上粗下细 4 mm below the
# mark, 上细下粗 20 mm above the paper's bottom edge (page 1 only); 份号, 密级, 紧急程度
# flush left and the 发文字号 flush right, 7/8 of a 3号 character below the first rule;
# the title two lines below them; page 1 unnumbered; the 版记 without 印发 line or
# rules. The rules' weights are not in the standard: as offices draw them.
LETTER_MARK_TOP = Mm(30)
LETTER_MARK_MAX_SIZE = ZIHAO["小初"]
LETTER_RULE_GAP = Mm(4)
LETTER_RULE_LENGTH = Mm(170)
LETTER_BOTTOM_RULE = Mm(20)
LETTER_RULE_THICK = Pt(1.5)
LETTER_RULE_THIN = Pt(0.75)
LETTER_RULE_SPACE = Pt(0.75)
LETTER_BELOW_RULE = 7 / 8  # of a 3号 character's height
# §7.3.5: the 署名 a line below the text; with a seal, two lines more to print it in.
SIGNATURE_LINES_BEFORE = 1
SEAL_LINES = 2
# §7.3.5.3, a document its officer signs (a 命令): the name (where the signature seal
# stands) two lines below the text, 右空四字, the title two characters left of it; the
# date a line below the name, 右空四字.
SIGNER_LINES_BEFORE = 2
SIGNER_RIGHT_CHARS = 4
SIGNER_TITLE_GAP = "\u3000" * 2
SIGNER_DATE_LINES_BEFORE = 1
# §10.2 命令格式: the mark (…令) 20 mm below the 版心's top edge, red, centred; the 令号
# two lines below it, centred (where a 发文字号 stands); the text two lines below that,
# with no red rule.
ORDER_MARK_TOP = Mm(20)
ORDER_TEXT_LINES_AFTER_NUMBER = 2
# §7.4 版记: rules as wide as the 版心, the first and last 0.35 mm, those between 0.25 mm;
# 抄送 and 印发 in 4号仿宋, one character in from each side.
RECORD_OUTER_RULE = Mm(0.35)
RECORD_INNER_RULE = Mm(0.25)
RECORD_SIZE = ZIHAO["四号"]
RECORD_INDENT = RECORD_SIZE  # 左右各空一字
RECORD_CC_HANG = 3  # 抄送： is three characters: wrapped lines align after it
RECORD_LINE_HEIGHT = 1.75  # the 版记's lines, in its own size

# Tables (the 对照表): 小四, so seven columns fit the 版心; rows set closer than the body's
# grid: 1.25 lines of their own type.
TABLE_SIZE = ZIHAO["小四"]
TABLE_LINE_HEIGHT = 1.25


Align = Literal["left", "center", "right", "justify"]


@dataclass(frozen=True)
class Element:
    """How one element of the template vocabulary is set."""

    html: str  # the CSS selector the templates use
    word_style: str  # the Word paragraph style it maps to
    font: str  # a role in fonts.ROLES
    size: Length
    bold: bool = False
    align: Align = "justify"
    indent_chars: int = 0  # first-line indent in characters of its own size
    lines_before: int = 0  # blank lines of the body grid above it
    lines_after: int = 0  # blank lines of the body grid below it
    keep_with_next: bool = False
    keep_together: bool = False  # its lines never parted by a page break
    on_grid: bool = True  # set on the 22-line grid
    line_height: float | None = None  # off it: lines exactly this many sizes high
    left_chars: int = 0  # left indent in characters (with a negative indent: hanging)
    color: str = "000000"
    outline: int | None = None  # its level in Word's navigation pane, where Word has none


# §7.3.1 标题 2号小标宋 centred, a blank line below;
# §7.3.3 层次序数 一、黑体 （一）楷体 1. 仿宋 （1）仿宋;
# §7.3.3 正文 3号仿宋, first line indented two characters.
ELEMENTS: dict[str, Element] = {
    "body": Element("p", "Normal", "fangsong", BODY_SIZE, indent_chars=2),
    "title": Element(
        "h1.title",
        "Title",
        "xiaobiaosong",
        ZIHAO["二号"],
        align="center",
        lines_after=1,
        keep_with_next=True,
    ),
    # 题注 (of a 决议, a 报告 delivered at a meeting): 3号楷体 centred under the title's
    # blank line, a blank line below it.
    "subtitle": Element(
        "p.subtitle",
        "题注",
        "kaiti",
        BODY_SIZE,
        align="center",
        lines_after=1,
        keep_with_next=True,
        keep_together=True,
    ),
    # The 附件 label: 3号黑体 flush left on the first line (§8.2 附件).
    "attachment_label": Element(
        "p.attachment-label",
        "附件标识",
        "heiti",
        BODY_SIZE,
        align="left",
        lines_after=1,
        keep_with_next=True,
    ),
    "h1": Element("h2", "Heading 1", "heiti", BODY_SIZE, indent_chars=2, keep_with_next=True),
    "h2": Element("h3", "Heading 2", "kaiti", BODY_SIZE, indent_chars=2, keep_with_next=True),
    "h3": Element(
        "h4", "Heading 3", "fangsong", BODY_SIZE, bold=True, indent_chars=2, keep_with_next=True
    ),
    "h4": Element("h5", "Heading 4", "fangsong", BODY_SIZE, indent_chars=2, keep_with_next=True),
    # A 规定's or 规划's 第一章 centred in 黑体, its 第一节 in 楷体 (numbering.CENTRED).
    "chapter": Element(
        "h2.centred", "章标题", "heiti", BODY_SIZE, align="center", keep_with_next=True, outline=1
    ),
    "chapter_section": Element(
        "h3.centred", "节标题", "kaiti", BODY_SIZE, align="center", keep_with_next=True, outline=2
    ),
    "page_number": Element("@page", "Footer", "songti", PAGE_NUMBER_SIZE, align="right"),
    # 版头 (§7.2): 份号 in 仿宋, 密级 and 紧急程度 in 黑体, flush left; the mark and the
    # 发文字号 centred.
    "copy_number": Element("p.copy-number", "份号", "fangsong", BODY_SIZE, align="left"),
    "secrecy": Element("p.secrecy", "密级", "heiti", BODY_SIZE, align="left"),
    "urgency": Element("p.urgency", "紧急程度", "heiti", BODY_SIZE, align="left"),
    "issuer_mark": Element(
        "p.issuer-mark",
        "发文机关标志",
        "xiaobiaosong",
        ISSUER_MARK_MAX_SIZE,
        align="center",
        on_grid=False,
        color=RED,
    ),
    "letter_mark": Element(
        "p.letter-mark",
        "信函发文机关标志",
        "xiaobiaosong",
        LETTER_MARK_MAX_SIZE,
        align="center",
        on_grid=False,
        color=RED,
    ),
    "letter_number": Element(
        "p.letter-number", "信函发文字号", "fangsong", BODY_SIZE, align="right"
    ),
    # §7.2.4: two lines below the mark.
    "doc_number": Element(
        "p.doc-number", "发文字号", "fangsong", BODY_SIZE, align="center", lines_before=2
    ),
    # §7.3.2 主送机关: flush left, one line below the title; §7.3.4 附件说明: a line below
    # the body, two characters in; §7.3.5 署名 and 日期, placed by layout.signature().
    "recipients": Element("p.recipients", "主送机关", "fangsong", BODY_SIZE, align="left"),
    # 附件：1. name — later names align with the first number: 5 characters in.
    "attachment_note": Element(
        "p.attachment-note",
        "附件说明",
        "fangsong",
        BODY_SIZE,
        align="left",
        indent_chars=-3,
        left_chars=5,
        keep_with_next=True,  # the list stays together, and with the 署名 after it
        keep_together=True,  # a name over two lines is not parted (附件：1.…地 / 质…报告)
    ),
    # §10.3 纪要: 出席：… a line below the text (or 附件说明), two characters in; wrapped
    # lines align after the colon, as the 附件说明's names do.
    "attendance": Element(
        "p.attendance",
        "出席人员",
        "fangsong",
        BODY_SIZE,
        align="left",
        indent_chars=-3,
        left_chars=5,
        keep_with_next=True,  # the lists stay together
        keep_together=True,
    ),
    "signature": Element("p.signature", "署名", "fangsong", BODY_SIZE, align="right"),
    "date": Element("p.date", "成文日期", "fangsong", BODY_SIZE, align="right"),
    "note": Element("p.note", "附注", "fangsong", BODY_SIZE, align="left", indent_chars=2),
    "record": Element(
        "p.record",
        "版记",
        "fangsong",
        RECORD_SIZE,
        align="left",
        on_grid=False,
        line_height=RECORD_LINE_HEIGHT,
    ),
    # A table's title (表题): centred above it, in 黑体, kept with the table.
    "table_caption": Element(
        "p.table-caption", "表题", "heiti", BODY_SIZE, align="center", keep_with_next=True
    ),
    "table_head": Element(
        "th",
        "表头",
        "heiti",
        TABLE_SIZE,
        align="center",
        on_grid=False,
        line_height=TABLE_LINE_HEIGHT,
    ),
    "table_cell": Element(
        "td",
        "表格文字",
        "fangsong",
        TABLE_SIZE,
        align="left",
        on_grid=False,
        line_height=TABLE_LINE_HEIGHT,
    ),
    "table_seq": Element(
        "td.seq",
        "表格序号",
        "fangsong",
        TABLE_SIZE,
        align="center",
        on_grid=False,
        line_height=TABLE_LINE_HEIGHT,
    ),
    "table_number": Element(
        "td.num",
        "表格数字",
        "fangsong",
        TABLE_SIZE,
        align="right",
        on_grid=False,
        line_height=TABLE_LINE_HEIGHT,
    ),
}
_H3 = ELEMENTS["h3"]

# How the DOCX's page margins read (a house choice). "standard", the default: Word's 页面
# 设置 shows the standard's 上 3.7 下 3.5 左 2.8 右 2.6 cm, as a clerk checks them; the
# first line's glyphs then print 4.6 mm below 37 mm (an exact line of 28.95 pt sets the
# baseline the font's descent above its foot). "glyph" moves the text area up by those
# 4.6 mm (上 3.24 cm), so that the glyphs print at 37 mm, for offices whose rule is the
# printed glyph; the bottom margin stays 3.5 cm. Both from the office fonts' metrics.
DocxMargins = Literal["glyph", "standard"]
DOCX_MARGINS: DocxMargins = "standard"


def use_house_style(level3_bold: object = None, docx_margins: object = None) -> None:
    """A workspace's house style (docgen.toml [style], as TOML read it: a value that is
    not one of the choices leaves docgen's default, and the profile's check says so).
    GB/T 9704 §7.3.3 sets the 1. level in 仿宋 and says nothing of weight; most offices
    bold it (docgen's default)."""
    global DOCX_MARGINS
    bold = level3_bold if isinstance(level3_bold, bool) else _H3.bold
    ELEMENTS["h3"] = replace(_H3, bold=bold)
    DOCX_MARGINS = docx_margins if docx_margins in ("glyph", "standard") else "standard"  # type: ignore[assignment]


# The office fonts' vertical metrics, in em (ascent, descent, Windows descent): the DOCX
# is laid out with these, never with the fonts of the machine that builds it, so the
# same content gives the same DOCX everywhere. 仿宋_GB2312, 楷体_GB2312, 黑体 and 宋体
# are 中易 TrueType fonts of 256 units to the em, 220 above the baseline and 36 below;
# 方正小标宋简体's are not published: the CJK ideographic em box (0.88, 0.12) stands in.
_ZHONGYI = (220 / 256, 36 / 256, 36 / 256)
OFFICE_VERTICAL: dict[str, tuple[float, float, float]] = {
    "fangsong": _ZHONGYI,
    "kaiti": _ZHONGYI,
    "heiti": _ZHONGYI,
    "songti": _ZHONGYI,
    "xiaobiaosong": (0.88, 0.12, 0.12),
}
# Where the 一字线 (—) of a page number stands above the baseline, in em: the em box's
# middle (0.88 − 0.5), where Chinese fonts centre it.
OFFICE_DASH_MIDDLE = 0.38

TABLE_CELL_PADDING = Pt(3)
TABLE_RULE = Pt(0.5)
# The 对照表's column widths, as shares of the 版心: 序号 指标 目标 完成情况 状态 完成率 出处.
CROSSREF_COLUMNS = (0.05, 0.18, 0.16, 0.22, 0.13, 0.10, 0.16)


def css_first_line_offset(pitch: Length, size: Length, ascent: float, descent: float) -> Length:
    """How far below the top of its line box CSS sets a line's em box (ascent, in em).

    CSS centres ascent + descent in the line, so the first line's glyphs stand half the
    spare leading below the 版心's top edge; the PDF moves its text area up by this
    much, so that they stand at 37 mm (§5.2.2)."""
    return Length((pitch - size * (ascent + descent)) / 2)


def word_first_line_offset(
    pitch: Length, size: Length, ascent: float, win_descent: float
) -> Length:
    """The same for a word processor's exact line spacing: Word and LibreOffice set the
    baseline the font's Windows descent above the bottom of the line (measured in
    LibreOffice: the glyphs land where this says, within 0.1 mm)."""
    return Length(pitch - size * (win_descent + ascent))


def element_name(tag: str, classes: str) -> str | None:
    """The name (in ELEMENTS) of the element a tag and class list of the template
    vocabulary prints as: the most specific selector that matches (``h1.title`` before
    ``h1``)."""
    have = set(classes.split())
    best: str | None = None
    best_classes = -1
    for name, element in ELEMENTS.items():
        sel_tag, *sel_classes = element.html.split(".")
        if sel_tag == tag and set(sel_classes) <= have and len(sel_classes) > best_classes:
            best, best_classes = name, len(sel_classes)
    return best


def element_for(tag: str, classes: str) -> Element | None:
    name = element_name(tag, classes)
    return ELEMENTS[name] if name else None

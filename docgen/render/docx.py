"""HTML (the template vocabulary) → DOCX with python-docx.

Not a general HTML converter: it knows the few elements the templates write, maps each
to a Word paragraph style built from ``spec.py``, and refuses anything else. Styles,
not direct formatting, carry the format, so a person editing in Word keeps it.
"""

from __future__ import annotations

import io

import docx
import lxml.html
from docx.document import Document as Docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from docgen import fonts, spec
from docgen.errors import RenderError
from docgen.units import Length

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
# The element (spec.ELEMENTS key) each tag/class of the vocabulary prints as.
_VOCABULARY: dict[tuple[str, str], str] = {
    ("p", ""): "body",
    ("p", "attachment-label"): "attachment_label",
    ("h1", "title"): "title",
    ("h1", "title notice-title"): "title",
    ("h2", ""): "h1",
    ("h3", ""): "h2",
    ("h4", ""): "h3",
    ("h5", ""): "h4",
}
# Word measures a character of the grid as the size plus the spacing.
_CHAR = spec.BODY_SIZE + spec.DOCX_CHAR_SPACING
PAGE_ODD, PAGE_EVEN = "页码（奇数页）", "页码（偶数页）"


def docx_bytes(html: str, *, title: str = "") -> bytes:
    """The DOCX of one rendered document."""
    tree = lxml.html.document_fromstring(html)
    articles = tree.xpath("//article")
    if len(articles) != 1:
        raise RenderError("the template must write exactly one <article>")
    doc = docx.Document()
    _page(doc)
    _styles(doc)
    _page_numbers(doc)
    _Writer(doc).children(articles[0])
    doc.core_properties.title = title or tree.findtext(".//title") or ""
    doc.core_properties.language = "zh-CN"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


class _Writer:
    """Walks the article and writes each element of the vocabulary; refuses the rest."""

    def __init__(self, doc: Docx) -> None:
        self.doc = doc
        self.bookmarks = 0
        self.page_break = False  # the next paragraph starts a page

    def children(self, parent: lxml.html.HtmlElement) -> None:
        for el in parent:
            key = (el.tag, " ".join(el.get("class", "").split()))
            if key == ("section", "appendix"):
                self.page_break = True  # §8.2: a 附件 (附表) begins on a new page
                self.children(el)
            elif key == ("table", "crossref"):
                self.table(el)
            elif key in _VOCABULARY:
                self.paragraph(el, _VOCABULARY[key])
            else:
                raise RenderError(f"the DOCX writer does not know <{el.tag} class={key[1]!r}>")

    def paragraph(self, el: lxml.html.HtmlElement, element: str) -> None:
        paragraph = self.doc.add_paragraph(el.text_content(), style=_style_name(element))
        if self.page_break:
            paragraph.paragraph_format.page_break_before = True
            self.page_break = False
        if el.get("id"):
            self.bookmarks += 1
            _bookmark(paragraph, el.get("id"), self.bookmarks)

    def table(self, el: lxml.html.HtmlElement) -> None:
        rows = el.xpath("./thead/tr | ./tbody/tr")
        widths = [Emu(spec.TEXT_WIDTH * share) for share in spec.CROSSREF_COLUMNS]
        table = self.doc.add_table(rows=0, cols=len(widths))
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid: LibreOffice sizes columns by it
        for tr in rows:
            row = table.add_row()
            header = tr.getparent().tag == "thead"
            trpr = row._tr.get_or_add_trPr()
            trpr.append(OxmlElement("w:cantSplit"))  # a row never splits across pages
            if header:
                trpr.append(OxmlElement("w:tblHeader"))  # repeats on every page
            for cell, td, width in zip(row.cells, tr, widths, strict=True):
                cell.width = width
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
                element = (
                    "table_head"
                    if header
                    else ("table_number" if "num" in td.get("class", "").split() else "table_cell")
                )
                self.cell(cell.paragraphs[0], td, element)

    def cell(self, paragraph: Paragraph, td: lxml.html.HtmlElement, element: str) -> None:
        paragraph.style = self.doc.styles[_style_name(element)]
        links = td.xpath("./a[@class='page-ref']")
        if not links:
            paragraph.add_run(td.text_content())
            return
        (link,) = links
        paragraph.add_run(link.text_content() + "第")
        _field(paragraph, f"PAGEREF {link.get('href').lstrip('#')} \\h", "")
        paragraph.add_run("页")


def _style_name(element: str) -> str:
    return spec.ELEMENTS[element].word_style


def _page(doc: Docx) -> None:
    """§5.2: A4, 版心 156 × 225 mm at 37 mm / 28 mm; the 22-line grid."""
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width = Emu(spec.PAGE_WIDTH)
    section.page_height = Emu(spec.PAGE_HEIGHT)
    # Moved up by where the first line's glyphs start in it, so they stand at 37 mm
    # (measured in LibreOffice: body glyphs at 36.7 mm). A 2号 title on the first line
    # sits higher in its exact line, at 34.9 mm: a space before it would move the
    # body off LibreOffice's line grid, so it stays.
    shift = _glyph_offset("body")
    section.top_margin = Emu(spec.MARGIN_TOP - shift)
    section.bottom_margin = Emu(spec.MARGIN_BOTTOM + shift)
    section.left_margin = Emu(spec.MARGIN_LEFT)
    section.right_margin = Emu(spec.MARGIN_RIGHT)
    section.footer_distance = Emu(spec.DOCX_FOOTER_DISTANCE)
    sect_pr = section._sectPr
    for grid in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(grid)
    # type="lines": Word's character grid would make LibreOffice set 14 characters a line.
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(spec.DOCX_LINE_PITCH_TWIPS))
    sect_pr.append(grid)


def _styles(doc: Docx) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    _drop_theme_fonts(defaults)
    for lang in defaults.iter(qn("w:lang")):
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")
    for name, element in spec.ELEMENTS.items():
        if name == "page_number":
            continue
        style = _get_style(doc, element.word_style)
        _set_style(style, element)
    for style_name, align, indent_side in (
        (PAGE_ODD, "right", "right"),
        (PAGE_EVEN, "left", "left"),
    ):
        style = _get_style(doc, style_name, base="Footer")
        el = spec.ELEMENTS["page_number"]
        _set_style(style, el)
        style.paragraph_format.alignment = _ALIGN[align]
        style.paragraph_format.line_spacing = Emu(el.size)
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        # 居右/居左空一字: one character of the page number's own size.
        setattr(style.paragraph_format, f"{indent_side}_indent", Emu(el.size))
        style.paragraph_format.first_line_indent = Emu(0)


def _get_style(doc: Docx, name: str, base: str = "Normal") -> ParagraphStyle:
    try:
        return doc.styles[name]  # type: ignore[return-value]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles[base]
        style.quick_style = True
        return style  # type: ignore[return-value]


def _set_style(style: ParagraphStyle, el: spec.Element) -> None:
    font_name = fonts.ROLES[el.font].office[0]
    style.font.name = font_name
    style.font.size = Emu(el.size)
    style.font.bold = el.bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    _drop_theme_fonts(rpr)
    rfonts = rpr.find(qn("w:rFonts"))
    rfonts.set(qn("w:eastAsia"), font_name)
    _set_flag(rpr, "w:spacing", Length(spec.DOCX_CHAR_SPACING).twips)
    ppr = style.element.get_or_add_pPr()
    # The default template's Title has a rule under it and ignores spacing between
    # paragraphs of one style; neither is GB/T 9704.
    for tag in ("w:pBdr", "w:contextualSpacing"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    # Word's extra space between Chinese and Latin or digits would break the 28-char grid.
    _set_flag(ppr, "w:autoSpaceDE", False)
    _set_flag(ppr, "w:autoSpaceDN", False)
    # w:overflowPunct: Word's own default (on: 。，、 may hang past the 28th character).
    # Written out because LibreOffice reads the flag inverted (DomainMapper.cxx:
    # hanging = val == 0) and, hanging a mark at the end of a justified line, drops it
    # from the page. With val=1 Word hangs as usual and LibreOffice moves the mark's
    # line down instead: no reader loses a character.
    _set_flag(ppr, "w:overflowPunct", True)
    # A line taller than the grid pitch (the 2号 title) would take two grid lines.
    _set_flag(ppr, "w:snapToGrid", el.on_grid and el.size <= spec.BODY_SIZE)
    pf = style.paragraph_format
    pf.alignment = _ALIGN[el.align]
    pf.first_line_indent = Emu(_CHAR * el.indent_chars)
    pf.left_indent = Emu(0)
    pf.space_before = Emu(0)
    pf.space_after = Emu(_line() * el.lines_after)
    if el.on_grid:
        pf.line_spacing = Emu(_line())
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    else:
        pf.line_spacing = spec.TABLE_LINE_HEIGHT  # a multiple of its own line
    # Widow control moves a line to the next page: 21 lines instead of 22.
    pf.widow_control = False
    pf.keep_with_next = el.keep_with_next
    _schema_order(ppr, _PPR_ORDER)
    _schema_order(rpr, _RPR_ORDER)


# Word rejects a file whose property elements are out of the schema's order.
_PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()


def _schema_order(node, order: list[str]) -> None:
    rank = {qn(f"w:{tag}"): i for i, tag in enumerate(order)}
    children = sorted(node, key=lambda c: rank.get(c.tag, len(rank)))
    node[:] = children


def _set_flag(node, tag: str, value: bool | int) -> None:
    """Set <w:tag w:val=…/> once, replacing any earlier one."""
    for old in node.findall(qn(tag)):
        node.remove(old)
    el = OxmlElement(tag)
    el.set(qn("w:val"), str(int(value)) if isinstance(value, bool) else str(value))
    node.append(el)


def _glyph_offset(name: str) -> Length:
    """Where the glyphs of an element's first line start below its line's top."""
    el = spec.ELEMENTS[name]
    ascent, _, win_descent = fonts.vertical(el.font)
    return spec.word_first_line_offset(_line(), el.size, ascent, win_descent)


def _line() -> Length:
    return Length(spec.DOCX_LINE_PITCH_TWIPS * 635)


def _drop_theme_fonts(node) -> None:
    """Theme fonts override named ones; remove them so the named office font shows."""
    if node is None:
        return
    for rfonts in node.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)


def _page_numbers(doc: Docx) -> None:
    """§7.5: `— N —` as a PAGE field, odd pages right, even pages left."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, style in ((section.footer, PAGE_ODD), (section.even_page_footer, PAGE_EVEN)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = doc.styles[style]
        before, after = spec.PAGE_NUMBER_FORMAT.split("{}")
        paragraph.add_run(before)
        _field(paragraph, "PAGE")
        paragraph.add_run(after)


def _field(paragraph: Paragraph, instruction: str, shown: str = "1") -> None:
    def fld(kind: str) -> None:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(char)

    fld("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    fld("separate")
    paragraph.add_run(shown)
    fld("end")


def _bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """A bookmark over the paragraph, so cross-references can point at it."""
    p = paragraph._p
    bid = str(number)
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), bid)
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), bid)
    p.insert(1 if p.pPr is not None else 0, start)
    p.append(end)

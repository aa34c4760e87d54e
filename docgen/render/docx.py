"""HTML (the template vocabulary) → DOCX with python-docx.

Not a general HTML converter: it knows the few elements the templates write, maps each
to a Word paragraph style built from ``spec.py``, and refuses anything else. Styles,
not direct formatting, carry the format, so a person editing in Word keeps it.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import logging
import math
from functools import cache
from pathlib import Path

import docx
import lxml.etree
import lxml.html
from docx.document import Document as Docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Emu, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from docgen import chinese, fonts, spec
from docgen.errors import RenderError
from docgen.render import layout, package, vocabulary
from docgen.render.layout import EMBOX_TOP, PdfPages
from docgen.units import EMU_PER_TWIP, Length, Mm, Pt

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
# Word measures a character of the grid as the size plus the spacing.
_CHAR = spec.BODY_SIZE + spec.DOCX_CHAR_SPACING
_log = logging.getLogger("docgen")
PAGE_ODD, PAGE_EVEN = "页码（奇数页）", "页码（偶数页）"


def docx_bytes(
    html: str,
    *,
    title: str = "",
    pages: PdfPages | None = None,
    base: Path | None = None,
) -> bytes:
    """The DOCX of one rendered document. Its 版记 and its 出处 page numbers go where
    the PDF's layout (`pages`) puts them; if that is not given, it is laid out here."""
    return DocxDraft(html, title=title, base=base).finish(pages)


class DocxDraft:
    """A DOCX written as far as it goes without the PDF's pages: all but the 版记 (whose
    place the pages decide), the 出处 page numbers and the page count. A build drafts
    it while the PDF is laid out elsewhere, and ``finish``es it with that PDF's pages."""

    def __init__(self, html: str, *, title: str = "", base: Path | None = None) -> None:
        tree = lxml.html.document_fromstring(html)
        articles = tree.xpath("//article")
        if len(articles) != 1:
            raise RenderError("the template must write exactly one <article>")
        self._html, self._base = html, base
        self._finished = False
        self._doc = docx.Document(io.BytesIO(_base_package()))
        self._writer = _Writer(self._doc)
        self._writer.children(articles[0])
        meta = {m.get("name"): m.get("content") for m in tree.iterfind(".//meta[@name]")}
        self._properties = package.Properties(
            title=title or tree.findtext(".//title") or "",
            author=meta.get("author", ""),
            subject=meta.get("description", ""),
            keywords=meta.get("keywords", ""),
            generator=meta.get("generator", ""),
            date=meta.get("dcterms.created", ""),
            text=articles[0].text_content(),
        )

    def finish(self, pages: PdfPages | None = None) -> bytes:
        """The DOCX, with the pages of its PDF; without them, laid out here if needed.
        A draft is finished once."""
        if self._finished:
            raise RenderError("internal: a DOCX draft is finished once")
        self._finished = True
        writer = self._writer
        if pages is None and (writer.record_element is not None or writer.page_refs):
            pages = _pdf_pages(self._html, self._base)  # a 版记 or an 出处 waits for them
        writer.finish(pages or PdfPages())
        _indents_in_characters_only_where_set(self._doc.element.body)
        out = io.BytesIO()
        self._doc.save(out)
        props = dataclasses.replace(self._properties, pages=pages.count if pages else 0)
        return package.finish(out.getvalue(), props)


def _pdf_pages(html: str, base: Path | None) -> PdfPages:
    """The pages as the PDF lays them out (§7.4: the 版记 at the foot of an even page;
    the 出处 page numbers). Without WeasyPrint, the DOCX cannot know its pages: the 版记
    then follows the text at once, the 出处 page numbers are left for Word to fill (F9),
    and the user is told."""
    from docgen.render import pdf_module

    try:
        pdf = pdf_module()
    except RenderError as exc:
        _note_no_layout(str(exc))
        return PdfPages()
    return pdf.pdf_pages(html, base=base)


@cache
def _note_no_layout(reason: str) -> None:
    """Say once a process why the DOCX cannot know its pages, and what that means."""
    _log.warning(
        "docgen: note: WeasyPrint cannot run here, so the DOCX cannot know its pages: "
        "its 版记 follows the text (§7.4 wants it at the foot of an even page) and its "
        "出处 page numbers are left for Word to fill (F9). Why: %s",
        reason,
    )


@cache
def _base_package() -> bytes:
    """What every DOCX starts from: the page, the styles and the page-number footers,
    made once a process (a third of a short document's time)."""
    doc = docx.Document()
    _prune_styles(doc)  # first: python-docx finds a style by scanning them all
    _page(doc)
    _styles(doc)
    _page_numbers(doc)
    _clean(doc)
    _indents_in_characters_only_where_set(doc.styles.element)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# Parts of python-docx's template that are not this document's: a thumbnail of a blank
# page, Word 2010's copy of the styles (which Word checks against styles.xml and
# repairs when they differ), and a bibliography store.
_STALE_PARTS = ("thumbnail", "stylesWithEffects", "customXml")
# Settings a zh-CN Word writes: Word 2013+ layout (not [兼容模式]), 避头尾 by the
# standard Chinese rules (GB/T 15834: no 。，、 at a line's start, no （《 at its end).
_SETTINGS = (
    '<w:compat {ns}><w:useFELayout/><w:compatSetting w:name="compatibilityMode"'
    ' w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    '<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification"'
    ' w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '<w:compatSetting w:name="enableOpenTypeFeatures"'
    ' w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '<w:compatSetting w:name="doNotFlipMirrorIndents"'
    ' w:uri="http://schemas.microsoft.com/office/word" w:val="1"/></w:compat>'
)


def _clean(doc: Docx) -> None:
    """Leave nothing of python-docx's template that is not this document's, and say
    what a zh-CN Word would: its layout mode, language, line-breaking rules, fonts."""
    package_ = doc.part.package
    for rels in (package_.rels, doc.part.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _STALE_PARTS:
                rels.pop(rid)
    settings = doc.settings.element
    for tag in ("w:compat", "w:savePreviewPicture", "w:rsids", "w14:docId"):
        for old in settings.findall(qn(tag)):
            settings.remove(old)
    settings.append(parse_xml(_SETTINGS.format(ns=nsdecls("w"))))
    no_start = "".join(sorted(chinese.NO_LINE_START))
    no_end = "".join(sorted(chinese.NO_LINE_END))
    for tag, chars in (("w:noLineBreaksAfter", no_end), ("w:noLineBreaksBefore", no_start)):
        rule = OxmlElement(tag)
        rule.set(qn("w:lang"), "zh-CN")
        rule.set(qn("w:val"), chars)
        settings.append(rule)
    for zoom in settings.findall(qn("w:zoom")):
        zoom.set(qn("w:percent"), "100")  # required by the schema; python-docx omits it
    for lang in settings.findall(qn("w:themeFontLang")):
        lang.set(qn("w:eastAsia"), "zh-CN")
    _schema_order(settings, _SETTINGS_ORDER)
    roles = fonts.ROLES.values()
    for rel in doc.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind == "fontTable":
            names = [(r.office[0], r.office[1] if len(r.office) > 1 else None) for r in roles]
            rel.target_part._blob = package.font_table_xml(names).encode()
        elif kind == "theme":
            rel.target_part._blob = _theme(
                rel.target_part.blob,
                fonts.ROLES["heiti"].office[0],
                fonts.ROLES["fangsong"].office[0],
            )


def _theme(blob: bytes, major: str, minor: str) -> bytes:
    """The theme's East Asian fonts: 黑体 for headings, 仿宋 for text (a style that
    names theme fonts, as Word's own do, then shows the 公文's faces)."""
    root = lxml.etree.fromstring(blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for font_set, face in (("majorFont", major), ("minorFont", minor)):
        for node in root.iter(f"{a}{font_set}"):
            for ea in node.iter(f"{a}ea"):
                ea.set("typeface", face)
            for font in node.iter(f"{a}font"):
                if font.get("script") == "Hans":
                    font.set("typeface", face)
    return lxml.etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _prune_styles(doc: Docx) -> None:
    """Drop the template's styles docgen never uses (its Japanese-font styles among
    them): what remains is the 公文's styles that the template has and Word's defaults
    they build on (the others are added after, on Normal or Footer)."""
    root = doc.styles.element
    names = {e.word_style for e in spec.ELEMENTS.values()}
    names |= {PAGE_ODD, PAGE_EVEN, "Footer", "Normal", "Table Grid"}
    wanted = {s.style_id for s in doc.styles if s.name in names}
    by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
    keep = {i for i, s in by_id.items() if s.get(qn("w:default")) in ("1", "true")}
    todo = list(wanted)
    while todo:  # and every style those are based on or followed by
        style_id = todo.pop()
        if style_id in keep or style_id not in by_id:
            continue
        keep.add(style_id)
        for tag in ("w:basedOn", "w:next"):
            for ref in by_id[style_id].findall(qn(tag)):
                todo.append(ref.get(qn("w:val")))
        # Not their linked character styles (TitleChar: the template's blue 26 pt),
        # which Word would apply to a selection styled 标题.
        for link in by_id[style_id].findall(qn("w:link")):
            by_id[style_id].remove(link)
    for style_id, style in by_id.items():
        if style_id not in keep:
            root.remove(style)


class _Writer:
    """Walks the article and writes each element of the vocabulary; refuses the rest."""

    def __init__(self, doc: Docx) -> None:
        self.doc = doc
        # What waits for the pages: the 版记 (the article's last element), and each
        # 出处's page-number field (its anchor, and the run that shows its result).
        self.record_element: lxml.html.HtmlElement | None = None
        self.page_refs: list[tuple[str, Paragraph, lxml.etree._Element, lxml.etree._Element]] = []
        self.bookmarks = 0
        self.page_break = False  # the next paragraph starts a page
        self.after_red_rule = False  # the title stands two lines below the red rule
        self.after_order_head = False  # a 命令's text two lines below its 令号 (§10.2)
        self.mark_size: Length | None = None  # the issuer's mark just written
        # The 版头's height so far, from the text area's top: it is set off the grid, so
        # the title's space below rounds it to whole grid lines (see `title_space`).
        self.header = Length(0)
        self.last: Paragraph | None = None  # the paragraph written before this one
        self.style_ids: dict[str, str] = {}
        self.style_spaces: dict[tuple[str | None, str], int] = {}
        self.text_width = spec.TEXT_WIDTH  # the 版心's width: 225 mm on a landscape page
        self.shapes = 0  # shapes written: the last one's id
        self.after_landscape = False  # the last section ended was landscape

    def add_paragraph(self, element: str) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        self.set_style(paragraph, element)
        return paragraph

    def set_style(self, paragraph: Paragraph, element: str) -> None:
        """python-docx looks a style up by scanning every style each time (0.5 s for
        the 2016 report's table): look each up once."""
        name = _style_name(element)
        if name not in self.style_ids:
            self.style_ids[name] = self.doc.styles[name].style_id
        paragraph._p.style = self.style_ids[name]

    def children(self, parent: lxml.html.HtmlElement) -> None:
        for el in parent:
            if self.record_element is not None:  # written last, at `finish`
                raise RenderError("the template must write the 版记 last")
            key = vocabulary.key(el)
            classes = key[1]
            if key in vocabulary.CONTAINERS:
                if "landscape" in classes.split():
                    self.landscape(el)
                    continue
                if el.tag == "section":
                    self.page_break = True  # §8.2: a 附件 (附表) begins on a new page
                self.children(el)
                self.after_order_head = key == ("div", "header order")
            elif key in (("table", "crossref"), ("table", "data")):
                self.table(el)
            elif key == ("hr", "red-rule"):
                self.red_rule()
            elif key == ("div", "letter-head"):
                self.letter_head(el)
            elif key == ("div", "record"):
                self.record_element = el  # written at `finish`, where the pages say
            elif (name := spec.element_name(el.tag, classes)) is not None:
                self.paragraph(el, name)
            else:
                raise RenderError(f"the DOCX writer does not know <{el.tag} class={classes!r}>")

    def paragraph(self, el: lxml.html.HtmlElement, element: str) -> Paragraph:
        previous = self.last
        paragraph = self.add_paragraph(element)
        self.runs(paragraph, el)
        fmt = paragraph.paragraph_format
        if self.page_break:
            fmt.page_break_before = True
            self.page_break = False
        # A run-in heading (data-level), or a heading whose depth is not its style's (一、
        # under a 第一节: data-depth), at its outline level: Word's navigation pane lists
        # it where it stands. Other headings have their style's.
        if outline := el.get("data-depth") or el.get("data-level"):
            p_pr = paragraph._p.get_or_add_pPr()
            _set_flag(p_pr, "w:outlineLvl", int(outline) - 1)
            _schema_order(p_pr, _PPR_ORDER)
        if el.get("id"):
            self.bookmarks += 1
            _bookmark(paragraph, el.get("id"), self.bookmarks)
        # Values that depend on the document's words (render/layout.py), written into
        # the HTML's style: the one kind of direct formatting here.
        style = _inline_style(el)
        if "padding-right" in style:
            fmt.right_indent = Emu(style["padding-right"])
        if "font-size" in style:
            for run in paragraph.runs:
                run.font.size = Emu(style["font-size"])
        if element == "doc_number" and self.mark_size:
            # The mark's exact line reaches further below its glyphs than the PDF's
            # does: take the difference from the two lines between them.
            size = self.mark_size
            line = _mark_line(size)
            offset = spec.word_first_line_offset(line, size, EMBOX_TOP, _vertical("issuer_mark")[2])
            below_docx = line - offset - size
            below_css = -layout.glyph_top("issuer_mark", size, size, office=True)
            fmt.space_before = Emu(
                max(
                    Length(
                        _line() * spec.ELEMENTS["doc_number"].lines_before
                        - (below_docx - below_css)
                    ),
                    0,
                )
            )
        self.mark_size = None
        if element == "issuer_mark":
            self.mark_size = Length(style.get("font-size", spec.ISSUER_MARK_MAX_SIZE))
            fmt.space_before = Emu(self.mark_space(el, self.mark_size))
            fmt.line_spacing = Emu(_mark_line(self.mark_size))
        if element in ("copy_number", "secrecy", "urgency", "letter_number"):
            self.header += _line()
        elif element in ("issuer_mark", "doc_number"):
            # Off the grid: where a reader snaps it depends on its fonts' metrics.
            _set_flag(paragraph._p.get_or_add_pPr(), "w:snapToGrid", False)
            _schema_order(paragraph._p.get_or_add_pPr(), _PPR_ORDER)
            self.header += int(fmt.space_before or 0) + int(fmt.line_spacing or _line())
        if element == "title" and self.after_red_rule:
            # Two lines below the rule, to the title's glyphs as in the PDF: the title's
            # exact line sets them lower in it than CSS does (see _set_style).
            title = spec.ELEMENTS["title"]
            deeper = _glyph_offset("body") - layout.glyph_top(
                "title", title.size, spec.LINE_PITCH, office=True
            )
            before = _line() * spec.TITLE_LINES_AFTER_RULE - deeper + _raise(title)
            fmt.space_before = Emu(max(Length(before), 0))
            fmt.space_after = Emu(
                self.title_space(int(fmt.space_before), len(el.xpath(".//br")) + 1)
            )
        self.after_red_rule = False
        if self.after_order_head:
            fmt.space_before = Emu(self.order_text_space())
            self.after_order_head = False
        classes = el.get("class", "").split()
        if element == "signature":
            # §7.3.5.4: the 署名 never stands alone at the top of a page.
            if self.last is not None:
                self.last.paragraph_format.keep_with_next = True
            fmt.keep_with_next = True  # and its date with it
            lines = spec.SIGNATURE_LINES_BEFORE + (spec.SEAL_LINES if "sealed" in classes else 0)
            if "signer" in classes:
                lines = spec.SIGNER_LINES_BEFORE
            fmt.space_before = Emu(_line() * lines)
        if element == "date" and "signed" in classes:
            fmt.space_before = Emu(_line() * spec.SIGNER_DATE_LINES_BEFORE)
        self.last = paragraph
        if element == "attendance" and "first" in el.get("class", ""):
            fmt.space_before = Emu(_line())  # §10.3: a line below the text
        if element == "attachment_note":
            if "first" in el.get("class", ""):
                fmt.space_before = Emu(_line())  # §7.3.4: a line below the text
                if previous is not None:  # §7.3.5: the text's last line goes over with it
                    previous.paragraph_format.keep_with_next = True
            else:
                fmt.first_line_indent = Emu(0)  # later names align with the first
        if previous is not None and not fmt.page_break_before:
            self.join_spaces(previous, paragraph)
        return paragraph

    def space(self, paragraph: Paragraph, side: str) -> int:
        """A paragraph's space before or after: its own, else its style's (looked up
        once a style)."""
        own = getattr(paragraph.paragraph_format, f"space_{side}")
        if own is not None:
            return int(own)
        key = (paragraph._p.style, side)
        if key not in self.style_spaces:
            style = self.doc.styles.get_by_id(paragraph._p.style, WD_STYLE_TYPE.PARAGRAPH)
            self.style_spaces[key] = int(getattr(style.paragraph_format, f"space_{side}") or 0)
        return self.style_spaces[key]

    def join_spaces(self, above: Paragraph, below: Paragraph) -> None:
        """Word adds the space after a paragraph to the space before the next, and
        LibreOffice takes the larger: give the sum to the one below, so both agree."""
        after, before = self.space(above, "after"), self.space(below, "before")
        if after and before:
            below.paragraph_format.space_before = Emu(after + before)
            above.paragraph_format.space_after = Emu(0)

    def runs(self, paragraph: Paragraph, el: lxml.html.HtmlElement) -> None:
        """The element's text, with its line breaks, a run-in heading in its level's
        face, and a 签发人 at the right margin."""
        lead = el[0] if len(el) and "lead" in el[0].get("class", "").split() else None
        if lead is not None:  # its level: its number form's, as a heading's style has it
            self.lead_run(paragraph, lead, int(el.get("data-level", "1")))
        if el.get("data-anchors") and len(el) == (lead is not None):
            skip = len(lead.text_content()) if lead is not None else 0
            text = lead.tail if lead is not None else el.text
            self.anchored_runs(paragraph, text or "", el.get("data-anchors", ""), skip)
            return
        if el.text:
            paragraph.add_run(el.text)
        for child in el:
            classes = child.get("class", "")
            if child is lead:
                pass
            elif child.tag == "br":
                paragraph.add_run().add_break()
            elif child.tag == "span" and classes == "attendance-label":  # 出席： in 黑体
                _face_run(paragraph, child.text_content(), spec.ELEMENTS["h1"].font)
            elif child.tag == "span" and classes == "letter-number":
                # §10.1: 份号 (or 密级) flush left, the 发文字号 flush right on its line.
                paragraph.paragraph_format.tab_stops.add_tab_stop(
                    Emu(spec.TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT
                )
                _face_run(
                    paragraph, "\t" + child.text_content(), spec.ELEMENTS["letter_number"].font
                )
            elif child.tag == "span" and classes == "signer":
                # §7.2.5: 发文字号 居左空一字, 签发人 居右空一字 on the same line.
                paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
                paragraph.paragraph_format.left_indent = Emu(spec.CHAR_PITCH)
                paragraph.paragraph_format.tab_stops.add_tab_stop(
                    Emu(spec.TEXT_WIDTH - spec.CHAR_PITCH), WD_TAB_ALIGNMENT.RIGHT
                )
                paragraph.add_run("\t" + (child.text or ""))
                for name in child:
                    _face_run(paragraph, name.text_content(), "kaiti")
            else:
                paragraph.add_run(child.text_content())
            if child.tail:
                paragraph.add_run(child.tail)

    def lead_run(self, paragraph: Paragraph, lead: lxml.html.HtmlElement, level: int) -> None:
        """A run-in heading: its number and words in its level's face (§7.3.3); its
        outline level is set with the paragraph's (`paragraph`)."""
        heading = spec.ELEMENTS[f"h{level}"]
        _face_run(paragraph, lead.text_content(), heading.font).font.bold = heading.bold

    def anchored_runs(self, paragraph: Paragraph, text: str, anchors: str, skip: int) -> None:
        """The text in runs split where an outcome's words begin, each place a bookmark
        the 对照表's PAGEREF points to (the page of the figure, not of the paragraph).
        `skip`: the characters before `text` in the paragraph (a run-in heading)."""
        start = 0
        places = sorted((at - skip, name) for name, at in layout.anchors(anchors))
        for at, name in places:
            if at > start:
                paragraph.add_run(text[start:at])
            start = max(start, at)
            self.bookmarks += 1
            bid = str(self.bookmarks)
            for tag in ("w:bookmarkStart", "w:bookmarkEnd"):
                mark = OxmlElement(tag)
                mark.set(qn("w:id"), bid)
                if tag == "w:bookmarkStart":
                    mark.set(qn("w:name"), name)
                paragraph._p.append(mark)
        if start < len(text):
            paragraph.add_run(text[start:])

    def title_space(self, before: int, lines: int) -> Length:
        """The space below a title under a 版头, such that the text after it starts on
        the grid line the PDF's does: the 版头 and the title are set off the grid, and
        a reader would move the next grid line down to the next whole line (a line
        fewer on the page than the PDF's, and every page after it different)."""
        title = spec.ELEMENTS["title"]
        above = self.header + before + _line() * lines
        return _to_grid(above, above + _line() * title.lines_after - _raise(title))

    def order_text_space(self) -> Length:
        """§10.2: the space above a 命令's text, two lines below its 令号, on the grid
        line the PDF's text starts on (as title_space finds it for a title)."""
        lines = spec.ORDER_TEXT_LINES_AFTER_NUMBER
        return _to_grid(self.header, self.header + _line() * lines)

    def mark_space(self, el: lxml.html.HtmlElement, size: Length) -> Length:
        """Space above the issuer's mark (of a size) so its glyphs stand 35 mm (a
        命令's 20 mm) below the 版心's top; the 版头 lines above it (份号, 密级, 紧急程度)
        take a grid line each."""
        _, _, win_descent = _vertical("issuer_mark")
        # The glyphs' tops are the em box's (0.88 em above the baseline), not the ascent.
        mark_offset = spec.word_first_line_offset(_mark_line(size), size, EMBOX_TOP, win_descent)
        lines_above = len(el.xpath("preceding-sibling::div[@class='header-top']/p"))
        # 35 mm below where the body's first glyphs stand: the 版心's top edge under
        # "glyph" margins; 4.6 mm below it under "standard" ones, where all the page
        # stands as much lower, so its lines (and pages) are the PDF's.
        order = "order" in el.getparent().get("class", "").split()
        top = _glyph_offset("body") + layout.mark_top(order) - mark_offset
        return Length(max(top - _line() * lines_above, 0))

    def letter_head(self, el: lxml.html.HtmlElement) -> None:
        """§10.1 信函格式 as Word sets it: page 1 has a header of its own holding the mark
        (its glyphs 30 mm below the paper's top, in a text box) and both double rules
        (red bars), each placed on the page with no wrapping, so the text starts at the
        top margin as on every page; and a footer without a page number. The 发文字号
        and 份号… begin the text, 7/8 of a 3号 character below the first rule."""
        [mark] = el.xpath("./p[@class='letter-mark']")
        size = Length(_inline_style(mark)["font-size"])
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        header = section.first_page_header
        header.is_linked_to_previous = False
        # The mark in a frame (LibreOffice ignores a header text box's place), the rules
        # as shapes (and a frame's border would not reach 170 mm).
        text = header.paragraphs[0]
        self.set_style(text, "letter_mark")
        text.add_run(mark.text_content()).font.size = Emu(size)
        line = _mark_line(size)
        text.paragraph_format.line_spacing = Emu(line)
        text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        _, _, win_descent = _vertical("letter_mark")
        offset = spec.word_first_line_offset(line, size, EMBOX_TOP, win_descent)
        _frame(text, Length(spec.LETTER_MARK_TOP - offset), line)
        anchor = self.hairline(header.add_paragraph())
        rule_top = Length(spec.LETTER_MARK_TOP + size + spec.LETTER_RULE_GAP)  # em box's foot
        bottom_top = Length(spec.PAGE_HEIGHT - spec.LETTER_BOTTOM_RULE - _RULE_HEIGHT)
        # Each double rule two red bars, 170 mm long, centred on the 版心: 上粗下细 below
        # the mark, 上细下粗 above the paper's foot.
        x = Length(spec.MARGIN_LEFT - (spec.LETTER_RULE_LENGTH - spec.TEXT_WIDTH) / 2)
        thick, thin = spec.LETTER_RULE_THICK, spec.LETTER_RULE_THIN
        for top, bars in ((rule_top, (thick, thin)), (bottom_top, (thin, thick))):
            for height in bars:
                self.shapes += 1
                place = (x, top, spec.LETTER_RULE_LENGTH, height)
                _shape(anchor, self.shapes, "信函红色双线", place, bar=True)
                top = Length(top + height + spec.LETTER_RULE_SPACE)
        section.first_page_footer.is_linked_to_previous = False  # page 1: no page number
        below = Length(rule_top + _RULE_HEIGHT + spec.BODY_SIZE * spec.LETTER_BELOW_RULE)
        first = True
        for child in el:
            if child.tag != "p" or child is mark:
                continue
            name = spec.element_name(child.tag, child.get("class", ""))
            if name is None:
                raise RenderError(f"the DOCX writer does not know <p class={child.get('class')!r}>")
            paragraph = self.paragraph(child, name)
            if first:  # its glyphs 7/8 of a character below the rule
                space = below - Length(section.top_margin) - _glyph_offset(name)
                paragraph.paragraph_format.space_before = Emu(max(Length(space), 0))
                self.header += int(paragraph.paragraph_format.space_before)
                first = False
        self.after_red_rule = True  # the title two lines below

    def red_rule(self) -> None:
        """§7.2.6: a red rule as wide as the 版心, 4 mm below the 发文字号's glyphs."""
        paragraph = self.add_paragraph("doc_number")
        fmt = paragraph.paragraph_format
        _, _, win_descent = _vertical("doc_number")
        below_glyphs = spec.BODY_SIZE * (win_descent - (1 - EMBOX_TOP))
        fmt.space_before = Emu(max(Length(spec.RED_RULE_GAP - below_glyphs), 0))
        fmt.line_spacing = Emu(spec.RED_RULE_WIDTH)
        # Off the line grid, or LibreOffice gives the rule a whole grid line.
        _set_flag(paragraph._p.get_or_add_pPr(), "w:snapToGrid", False)
        _border(paragraph, "top", spec.RED_RULE_WIDTH, spec.RED)
        self.after_red_rule = True
        self.header += int(fmt.space_before) + int(fmt.line_spacing)

    def record(self, el: lxml.html.HtmlElement, pages: PdfPages) -> None:
        """§7.4 版记: a table between rules, at the foot of the page the PDF's layout
        chose, set as a person sets it: in the text, after a space that fills the page
        down to it. Every reader keeps it there and reads its words (a text box hides
        them from pandoc and mammoth; LibreOffice ignores a floating table's place)."""
        parts = el.xpath("./p")
        table = self.doc.add_table(rows=len(parts), cols=1)
        # No cell margins: the rules span the 版心, the paragraphs' indents alone set
        # the text 左右各空一字.
        _cell_margins(table, Length(0))
        table.autofit = False
        lines = 0
        for row, p in zip(table.rows, parts, strict=True):
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            cell = row.cells[0]
            cell.width = Emu(spec.TEXT_WIDTH)
            paragraph = cell.paragraphs[0]
            self.set_style(paragraph, "record")
            fmt = paragraph.paragraph_format
            fmt.left_indent = fmt.right_indent = Emu(spec.RECORD_INDENT)  # 左右各空一字
            fmt.keep_with_next = True  # the 版记 is one block
            if "cc" in p.get("class", "").split():
                hang = spec.RECORD_SIZE * spec.RECORD_CC_HANG  # wrapped lines after 抄送：
                fmt.left_indent = Emu(spec.RECORD_INDENT + hang)
                fmt.first_line_indent = Emu(-hang)
                lines += layout.record_cc_lines(p.text_content())
            else:
                lines += 1
            if "printed" in p.get("class", ""):
                printer, date = (span.text_content() for span in p.xpath("./span"))
                paragraph.paragraph_format.tab_stops.add_tab_stop(
                    Emu(spec.TEXT_WIDTH - spec.RECORD_INDENT), WD_TAB_ALIGNMENT.RIGHT
                )
                paragraph.add_run(f"{printer}\t{date}")
            else:
                paragraph.add_run(p.text_content())
        rules = spec.RECORD_OUTER_RULE * 2 + spec.RECORD_INNER_RULE * (len(parts) - 1)
        if el.xpath("ancestor::div[@class='letter']"):  # §10.1: a 信函's 版记 has no rules
            rules = Length(0)
        else:
            _table_borders(table)
        height = Length(_off_grid_line(spec.ELEMENTS["record"]) * lines + rules)
        table._tbl.getparent().remove(table._tbl)
        # The page it stands on: the text's last, or an even one of its own (after a
        # blank one, both without page numbers, in a section of their own).
        place = pages.record or "foot"
        if place == "after-blank":
            self.unnumbered_section()
            self.hairline()
        # The PDF's lines are a hair taller than Word's grid lines.
        text_end = Length(pages.text_end * (_line() / spec.LINE_PITCH))
        if place != "foot":
            # The page break on a 1 pt paragraph of its own: LibreOffice saves a break
            # before a paragraph as a break inside it, which would leave the spacer's
            # whole height on the page before.
            self.hairline().paragraph_format.page_break_before = True
            text_end = HAIRLINE
        spacer = self.hairline()
        if pages.record is not None:  # the page is known: fill it down to the 版记
            # The 版心's height, under "glyph" margins too: their text area is 4.6 mm
            # taller, but its 22 grid lines are not, and LibreOffice fills no more.
            free = Length(spec.TEXT_HEIGHT - text_end - height - HAIRLINE - RECORD_SLACK)
            spacer.paragraph_format.line_spacing = Emu(max(free, HAIRLINE))
        spacer.paragraph_format.keep_with_next = True
        spacer._p.addnext(table._tbl)
        self.hairline()  # the body ends with a paragraph: 1 pt, so it never makes a page

    def hairline(self, paragraph: Paragraph | None = None) -> Paragraph:
        """An empty paragraph 1 pt high, off the grid: it holds a page or an anchor and
        never makes a page of its own."""
        if paragraph is None:
            paragraph = self.add_paragraph("record")
        else:
            self.set_style(paragraph, "record")
        paragraph.paragraph_format.line_spacing = Emu(HAIRLINE)
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        _set_flag(paragraph._p.get_or_add_pPr(), "w:snapToGrid", False)
        _schema_order(paragraph._p.get_or_add_pPr(), _PPR_ORDER)
        return paragraph

    def unnumbered_section(self) -> None:
        """End the text's section at its last paragraph; the pages after it (the blank
        page and the 版记's) get footers with no page number (§7.5)."""
        self.numbered_again()
        body = self.doc.element.body
        body_sect = body.sectPr
        if not self.just_ended():  # else a landscape 附表 ended the text's section
            ppr = self.section_end().get_or_add_pPr()
            ppr.append(copy.deepcopy(body_sect))
            _schema_order(ppr, _PPR_ORDER)
        for ref in body_sect.xpath("./w:headerReference | ./w:footerReference"):
            body_sect.remove(ref)
        section = self.doc.sections[-1]
        section.start_type = WD_SECTION.NEW_PAGE
        section.different_first_page_header_footer = False  # a 信函's page 1 is the first's
        for footer in (section.footer, section.even_page_footer):
            footer.is_linked_to_previous = False  # a new, empty footer

    def last_block(self) -> lxml.etree._Element | None:
        """The body's last paragraph or table."""
        blocks = self.doc.element.body.xpath("./w:p | ./w:tbl")
        return blocks[-1] if blocks else None

    def just_ended(self) -> bool:
        """Whether the body's last paragraph ends a section (nothing written since)."""
        last = self.last_block()
        return last is not None and bool(last.xpath("./w:pPr/w:sectPr"))

    def section_end(self) -> lxml.etree._Element:
        """The paragraph a section ends at: the body's last, unless that is a table or
        ends a section already (two landscape tables in a row): then a new 1 pt one, as
        a paragraph holds one section's properties at most."""
        last = self.last_block()
        if last is None or last.tag != qn("w:p") or self.just_ended():
            return self.hairline()._p
        return last

    def landscape(self, el: lxml.html.HtmlElement) -> None:
        """GB/T 9704 §8: a table set landscape (with its caption, or a 附表 with its label
        and title) in a Word section of its own, on landscape pages whose margins are
        the portrait page's turned, as the PDF's are; the pages around it stay portrait,
        and the page numbers run on."""
        self.end_section()  # the text before it, if any
        self.page_break = False  # the section break starts its page
        self.last = None
        self.text_width = spec.LANDSCAPE_TEXT_WIDTH
        self.children(el)
        self.text_width = spec.TEXT_WIDTH
        self.end_section(landscape=True)
        self.last = None

    def end_section(self, landscape: bool = False) -> None:
        """End a section at the body's last paragraph (a 1 pt one after a table), with
        the body's page, or that page turned. The footers' references move with it: the
        sections after it show the same footers, numbered on."""
        body = self.doc.element.body
        if self.last_block() is None or self.just_ended():
            return  # nothing before: the document or the last section ends here
        self.numbered_again()
        last = self.section_end()
        sect = copy.deepcopy(body.sectPr)
        for ref in body.sectPr.xpath("./w:headerReference | ./w:footerReference"):
            body.sectPr.remove(ref)
        ppr = last.get_or_add_pPr()
        ppr.append(sect)
        _schema_order(ppr, _PPR_ORDER)
        if landscape:
            _turn(Section(sect, self.doc.part))
            _turned_footers(self.doc, Section(sect, self.doc.part), self.shapes + 1)
            self.shapes += 2
            self.after_landscape = True

    def numbered_again(self) -> None:
        """After a landscape section (whose footers are turned), the body's section
        gets upright numbered footers of its own again."""
        if self.after_landscape:
            _numbered_footers(self.doc, Section(self.doc.element.body.sectPr, self.doc.part))
            self.after_landscape = False

    def finish(self, pages: PdfPages) -> None:
        """Write what waited for the PDF's pages (the 出处 page numbers, the 版记). A
        document that ends with a section of its own (a landscape 附表) ends there:
        that section's properties become the body's, else Word and LibreOffice would
        show an empty last section (a blank page)."""
        for name, paragraph, begin, end in self.page_refs:
            # The field's result is the PDF's page: no reader is asked to update fields.
            # A page not known (no layout) is left for Word to fill when it opens it.
            if page := pages.anchors.get(name):
                end.addprevious(paragraph.add_run(str(page))._r)
                begin.attrib.pop(qn("w:dirty"))
        if self.record_element is not None:
            self.record(self.record_element, pages)
        body = self.doc.element.body
        if self.just_ended():
            last = self.last_block()
            sect = last.pPr.sectPr
            last.pPr.remove(sect)
            body.replace(body.sectPr, sect)
            self.after_landscape = False
        self.numbered_again()
        # Only page 1 of a 信函 has a first page of its own: a section after it (a
        # landscape 附表, the 版记's page) copied its properties, and would show the
        # letter head again on its first page.
        for section in self.doc.sections[1:]:
            section.different_first_page_header_footer = False

    def table(self, el: lxml.html.HtmlElement) -> None:
        if self.after_order_head and self.last is not None:  # a 令's text begins with it
            self.last.paragraph_format.space_after = Emu(self.order_text_space())
            self.after_order_head = False
        self.last = None  # the paragraph before a table is not the one before what follows
        rows = el.xpath("./thead/tr | ./tbody/tr")
        shares = [float(x) for x in el.get("data-shares", "").split()] or spec.CROSSREF_COLUMNS
        widths = [Emu(self.text_width * share) for share in shares]
        table = self.doc.add_table(rows=0, cols=len(widths))
        table.style = self.doc.styles["Table Grid"]
        _cell_margins(table, spec.TABLE_CELL_PADDING)
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid: LibreOffice sizes columns by it
        # Every row is a copy of one, made once: python-docx inserts each property in
        # schema order by searching, a millisecond a cell.
        empty = table.add_row()
        empty._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # never split
        for cell, width in zip(empty.cells, widths, strict=True):
            cell.width = width
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        prototype = empty._tr
        table._tbl.remove(prototype)
        for tr in rows:
            row = copy.deepcopy(prototype)
            table._tbl.append(row)
            if tr.getparent().tag == "thead":
                row.trPr.append(OxmlElement("w:tblHeader"))  # repeats on every page
            for tc, td in zip(row.tc_lst, tr, strict=True):
                element = spec.element_name(td.tag, td.get("class", "")) or "table_cell"
                self.cell(Paragraph(tc.p_lst[0], table), td, element)

    def cell(self, paragraph: Paragraph, td: lxml.html.HtmlElement, element: str) -> None:
        self.set_style(paragraph, element)
        links = td.xpath("./a[@class='page-ref']")
        if not links:
            paragraph.add_run(td.text_content())
            return
        (link,) = links
        name = link.get("href").lstrip("#")
        paragraph.add_run(link.text_content() + "第")
        begin, end = _field(paragraph, f"PAGEREF {name} \\h", "", dirty=True)
        self.page_refs.append((name, paragraph, begin, end))  # its page: at `finish`
        paragraph.add_run("页")


# An empty paragraph that only holds a place: 1 pt, exactly.
HAIRLINE = Pt(1)
# What the 版记's page keeps free below it, so that a line laid out a little lower in
# Word than in the PDF never pushes the 版记 to the next page.
RECORD_SLACK = Mm(0.5)


def _off_grid_line(el: spec.Element) -> Length:
    """The exact line of an element off the grid, as the PDF's CSS line-height."""
    return el.size * (el.line_height or 1)


def _inline_style(el: lxml.html.HtmlElement) -> dict[str, Length]:
    """Lengths the template wrote into an element's style attribute (pt or mm)."""
    out = {}
    for decl in el.get("style", "").split(";"):
        if ":" in decl:
            prop, value = (v.strip() for v in decl.split(":", 1))
            if value.endswith("pt"):
                out[prop] = Pt(float(value[:-2]))
            elif value.endswith("mm"):
                out[prop] = Mm(float(value[:-2]))
    return out


def _rule(side: str, width: Length, color: str) -> OxmlElement:
    """A border line (<w:top/> …) of a width, in Word's eighths of a point."""
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(max(2, round(width.pt * 8))))
    line.set(qn("w:space"), "0")
    line.set(qn("w:color"), color)
    return line


def _border(paragraph: Paragraph, side: str, width: Length, color: str) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    borders.append(_rule(side, width, color))
    ppr.append(borders)
    _schema_order(ppr, _PPR_ORDER)


_RULE_HEIGHT = spec.LETTER_RULE_THICK + spec.LETTER_RULE_SPACE + spec.LETTER_RULE_THIN
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
# A shape placed on the page (x, y from the paper's top-left corner), in front of the
# text and never moving it: a red bar (the 信函's rules), or a text box whose text runs
# turned a quarter clockwise (a landscape page's page number).
_SHAPE = """<w:r {ns}><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0"
 simplePos="0" relativeHeight="{id}" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">
<wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>
<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
<wp:docPr id="{id}" name="{name}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="{wps}"><wps:wsp><wps:cNvSpPr{box}/>
<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}<a:ln><a:noFill/></a:ln></wps:spPr>{text}
<wps:bodyPr rot="0"{vert} wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"
 anchorCtr="0"><a:noAutofit/></wps:bodyPr>
</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"""


def _shape(
    paragraph: Paragraph,
    shape_id: int,
    name: str,
    place: tuple[Length, Length, Length, Length],
    bar: bool = False,
) -> OxmlElement | None:
    """A shape at `place` (x, y, width, height) anchored in `paragraph`: a red bar, or
    a text box whose empty paragraph is returned."""
    x, y, width, height = (int(v) for v in place)
    run = parse_xml(
        _SHAPE.format(
            ns=f'{nsdecls("w", "wp", "a")} xmlns:wps="{_WPS}"',
            wps=_WPS,
            id=shape_id,
            name=name,
            x=x,
            y=y,
            cx=max(width, 1),
            cy=max(height, 1),
            box="" if bar else ' txBox="1"',
            fill=f'<a:solidFill><a:srgbClr val="{spec.RED}"/></a:solidFill>'
            if bar
            else "<a:noFill/>",
            text="" if bar else "<wps:txbx><w:txbxContent><w:p/></w:txbxContent></wps:txbx>",
            vert="" if bar else ' vert="vert"',
        )
    )
    paragraph._p.append(run)
    return None if bar else next(run.iter(qn("w:p")))


def _frame(paragraph: Paragraph, top: Length, height: Length) -> None:
    """A paragraph in a frame at a place on the page (`top` below the paper's top
    edge), centred on the 版心, 170 mm wide; the text runs through it (never moved by it)."""
    frame = OxmlElement("w:framePr")
    for attr, value in (
        ("w:w", str(round(spec.LETTER_RULE_LENGTH.pt * 20))),
        ("w:h", str(round(height.pt * 20))),
        ("w:hRule", "exact"),
        ("w:wrap", "through"),
        ("w:vAnchor", "page"),
        ("w:hAnchor", "margin"),
        ("w:xAlign", "center"),
        ("w:y", str(round(top.pt * 20))),
    ):
        frame.set(qn(attr), value)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(frame)
    _schema_order(ppr, _PPR_ORDER)


def _twips(tag: str, length: Length) -> OxmlElement:
    """A width element (<w:tblInd/>, a cell margin's side) in twentieths of a point."""
    element = OxmlElement(tag)
    element.set(qn("w:w"), str(length.twips))
    element.set(qn("w:type"), "dxa")
    return element


def _table_property(table: Table, prop: OxmlElement) -> None:
    """Add a property to a table's tblPr, in the order Word requires."""
    table._tbl.tblPr.append(prop)
    _schema_order(table._tbl.tblPr, _TBLPR_ORDER)


def _cell_margins(table: Table, margin: Length) -> None:
    """The same padding on every side of every cell as the PDF's."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margins.append(_twips(f"w:{side}", margin))
    _table_property(table, margins)


def _table_borders(table: Table) -> None:
    """版记 rules: outer 0.35 mm, between rows 0.25 mm, no sides (in the schema's
    order: top, left, bottom, right, insideH, insideV)."""
    widths = {
        "top": spec.RECORD_OUTER_RULE,
        "bottom": spec.RECORD_OUTER_RULE,
        "insideH": spec.RECORD_INNER_RULE,
    }
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side in widths:
            borders.append(_rule(side, widths[side], "000000"))
        else:
            line = OxmlElement(f"w:{side}")
            line.set(qn("w:val"), "nil")
            borders.append(line)
    _table_property(table, borders)


def _style_name(element: str) -> str:
    return spec.ELEMENTS[element].word_style


def _page(doc: Docx) -> None:
    """§5.2: A4, 版心 156 × 225 mm at 37 mm / 28 mm; the 22-line grid."""
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width = Emu(spec.PAGE_WIDTH)
    section.page_height = Emu(spec.PAGE_HEIGHT)
    # "glyph" margins: moved up by where the first line's glyphs start in it, so they
    # stand at 37 mm (measured in LibreOffice: body glyphs at 36.7 mm, a 2号 title's at
    # 36.9 mm); "standard": the standard's numbers as Word's page setup shows them.
    shift = _page_shift()
    section.top_margin = Emu(spec.MARGIN_TOP - shift)
    # The text area reaches the 版心's foot either way (the 版记 stands there); 22 grid
    # lines fill it, the 4.6 mm more of "glyph" margins takes no 23rd.
    section.bottom_margin = Emu(spec.MARGIN_BOTTOM)
    section.left_margin = Emu(spec.MARGIN_LEFT)
    section.right_margin = Emu(spec.MARGIN_RIGHT)
    # Word measures a footer from the paper's bottom edge to the foot of its line; the
    # 一字线 stands 7 mm below the 版心 (§7.5).
    dash = spec.MARGIN_TOP + spec.TEXT_HEIGHT + spec.PAGE_NUMBER_GAP
    section.footer_distance = Emu(spec.PAGE_HEIGHT - dash - layout.page_number_dash("word"))
    sect_pr = section._sectPr
    for grid in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(grid)
    # type="lines": Word's character grid would make LibreOffice set 14 characters a line.
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(spec.DOCX_LINE_PITCH_TWIPS))
    sect_pr.append(grid)


def _turn(section: Section) -> None:
    """§8: a landscape section: A4 turned, its margins the portrait page's turned
    (spec.LANDSCAPE_MARGINS: its top is the sheet's left edge, where the table's head
    lies). Its page number is turned onto the sheet's foot by ``_turned_footers``; the
    footer distance would put a plain one 7 mm below the turned 版心."""
    top, right, bottom, left = spec.LANDSCAPE_MARGINS
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width = Emu(spec.PAGE_HEIGHT)
    section.page_height = Emu(spec.PAGE_WIDTH)
    section.top_margin = Emu(top - _page_shift())
    section.right_margin = Emu(right)
    section.bottom_margin = Emu(bottom)
    section.left_margin = Emu(left)
    dash = top + spec.LANDSCAPE_TEXT_HEIGHT + spec.PAGE_NUMBER_GAP
    section.footer_distance = Emu(spec.PAGE_WIDTH - dash - layout.page_number_dash("word"))


def _styles(doc: Docx) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    _drop_theme_fonts(defaults)
    for lang in defaults.iter(qn("w:lang")):
        # Chinese text is zh-CN; digits and Latin letters keep a Latin language, as a
        # zh-CN Word writes them: LibreOffice breaks a zh-CN "5800" anywhere (5|800).
        lang.set(qn("w:val"), "en-US")
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
    style.font.color.rgb = RGBColor.from_string(el.color)
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
    pf.left_indent = Emu(_CHAR * el.left_chars)
    _indent_chars(ppr, el.indent_chars, el.left_chars)
    pf.space_before = Emu(_line() * el.lines_before)
    pf.space_after = Emu(_line() * el.lines_after)
    if el.on_grid and el.size > spec.BODY_SIZE:
        # A larger type (the 2号 title) on the grid, its lines a grid line apart as in
        # the PDF. In a grid line its glyphs would sit higher than the body's: the space
        # before lowers them to where the body's stand, and the blank line after gives
        # it back, so the text goes on on the grid.
        pf.line_spacing = Emu(_line())
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.space_before = Emu(_line() * el.lines_before + _raise(el))
        pf.space_after = Emu(max(Length(_line() * el.lines_after - _raise(el)), 0))
    elif el.on_grid:
        pf.line_spacing = Emu(_line())
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    else:  # exactly as the PDF's CSS line-height: Word's multiples are of the font's height
        pf.line_spacing = Emu(_off_grid_line(el))
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    # Widow control moves a line to the next page: 21 lines instead of 22.
    pf.widow_control = False
    pf.keep_with_next = el.keep_with_next
    pf.keep_together = el.keep_together
    if el.outline is not None:  # a 第一章 listed in the navigation pane, as Heading 1 is
        _set_flag(ppr, "w:outlineLvl", el.outline - 1)
    _schema_order(ppr, _PPR_ORDER)
    _schema_order(rpr, _RPR_ORDER)


# Word rejects a file whose property elements are out of the schema's order
# (ECMA-376 §17.3.1.26 pPr, §17.3.2.28 rPr, §17.4.61 tblPr).
_PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
_SETTINGS_ORDER = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate "
    "linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
    "revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection "
    "autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope "
    "summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders "
    "bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets "
    "drawingGridHorizontalSpacing drawingGridVerticalSpacing "
    "displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
    "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin "
    "drawingGridVerticalOrigin doNotShadeFormData noPunctuationKerning "
    "characterSpacingControl printTwoOnOne strictFirstAndLastChars noLineBreaksAfter "
    "noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema "
    "saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml "
    "saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
    "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat "
    "docVars rsids mathPr attachedSchema themeFontLang clrSchemeMapping "
    "doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions "
    "readModeInkLockDown smartTagType schemaLibrary shapeDefaults "
    "doNotEmbedSmartTags decimalSymbol listSeparator"
).split()
_TBLPR_ORDER = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
    "tblDescription tblPrChange"
).split()
_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()


def _schema_order(node, order: list[str]) -> None:
    """Sort a node's children into the schema's order, by local name (settings hold m:
    and w14: elements too); extensions the order does not name go last, as Word
    writes them."""
    rank = {tag: i for i, tag in enumerate(order)}
    children = sorted(node, key=lambda c: rank.get(c.tag.rsplit("}", 1)[-1], len(rank)))
    node[:] = children


def _set_flag(node, tag: str, value: bool | int) -> None:
    """Set <w:tag w:val=…/> once, replacing any earlier one."""
    for old in node.findall(qn(tag)):
        node.remove(old)
    el = OxmlElement(tag)
    el.set(qn("w:val"), str(int(value)) if isinstance(value, bool) else str(value))
    node.append(el)


def _vertical(element: str) -> tuple[float, float, float]:
    """An element's office font's fixed metrics: the DOCX never depends on the fonts
    of the machine that builds it (layout.vertical's office choice)."""
    return layout.vertical(spec.ELEMENTS[element].font, office=True)


def _indents_in_characters_only_where_set(root) -> None:
    """Every indent given in twips says 0 characters as well: an indent in characters
    (Normal's 首行缩进 2 字符) is inherited and wins over one in twips, so a style or a
    paragraph with no first-line indent would get Normal's (Word writes the 0 too). A
    first-line indent cancels an inherited hanging one in characters, and the reverse."""
    units = (
        ("firstLine", ("firstLineChars", "hangingChars")),
        ("hanging", ("hangingChars", "firstLineChars")),
        ("left", ("leftChars",)),
        ("right", ("rightChars",)),
    )
    for ind in root.iter(qn("w:ind")):
        for twips, chars in units:
            if ind.get(qn(f"w:{twips}")) is not None:
                for name in chars:
                    if ind.get(qn(f"w:{name}")) is None:
                        ind.set(qn(f"w:{name}"), "0")


def _indent_chars(ppr, first: int, left: int) -> None:
    """Indents in characters as well (w:firstLineChars, in hundredths): Word's 段落 dialog
    then reads 首行缩进 2 字符, as a clerk checks it, not 1.11 厘米."""
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        return
    if first > 0:
        ind.set(qn("w:firstLineChars"), str(first * 100))
    elif first < 0:
        ind.set(qn("w:hangingChars"), str(-first * 100))
    if left:
        ind.set(qn("w:leftChars"), str(left * 100))


def _mark_line(size: Length) -> Length:
    """The mark's exact line: its font's whole height, so no reader clips or shifts it."""
    ascent, descent, _ = _vertical("issuer_mark")
    return Length(size * (ascent + descent))


def _glyph_offset(name: str) -> Length:
    """Where the glyphs of an element's first line start below its line's top."""
    el = spec.ELEMENTS[name]
    ascent, _, win_descent = _vertical(name)
    return spec.word_first_line_offset(_line(), el.size, ascent, win_descent)


def _page_shift() -> Length:
    """How far the text area stands above 37 mm (the house's choice of margins)."""
    return _glyph_offset("body") if spec.DOCX_MARGINS == "glyph" else Length(0)


def _raise(el: spec.Element) -> Length:
    """How much higher than the body's an element's glyphs stand in a grid line (Word
    sets a line's baseline its font's Windows descent above the line's foot)."""
    _, _, win_descent = layout.vertical(el.font, office=True)
    own = _line() - el.size * (win_descent + EMBOX_TOP)
    return Length(max(_glyph_offset("body") - own, 0))


def _line() -> Length:
    return Length(spec.DOCX_LINE_PITCH_TWIPS * EMU_PER_TWIP)


def _to_grid(above: float, natural: float) -> Length:
    """The space from `above` down to the grid line the PDF's text starts on, for text
    that would naturally start at `natural`: the next whole line, unless the natural
    place is (within a twentieth of a line) on one already."""
    target = _line() * math.ceil(natural / _line() - 0.05)
    return Length(max(target - above, 0))


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
    _numbered_footers(doc, section)


def _numbered_footers(doc: Docx, section: Section) -> None:
    """A section's own footers with the page number, odd and even."""
    for footer, style in ((section.footer, PAGE_ODD), (section.even_page_footer, PAGE_EVEN)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = doc.styles[style]
        _page_number(paragraph)


def _page_number(paragraph: Paragraph) -> None:
    before, after = spec.PAGE_NUMBER_FORMAT.split("{}")
    paragraph.add_run(before)
    _field(paragraph, "PAGE")
    paragraph.add_run(after)


def _turned_footers(doc: Docx, section: Section, first_shape: int) -> None:
    """§8 in Word: a landscape section's page number where the sheet has it, upright
    when the sheet is turned back: in a text box of its footer, anchored to the page
    on its left margin (the sheet's foot), its text turned a quarter clockwise
    (``vert``), its line's top toward the 版心 and its 一字线 7 mm from it, running
    along the sheet's width from 28 mm (odd pages to the right end, even to the left,
    one character in, by the page-number styles)."""
    el = spec.ELEMENTS["page_number"]
    line = el.size  # the styles' exact line
    # Across the line: the line at the box's right edge (the text's top), room to its left.
    across = Length(line * 2)
    top_edge = (
        spec.LANDSCAPE_MARGINS[3] - spec.PAGE_NUMBER_GAP + line - layout.page_number_dash("word")
    )
    x, y = Length(top_edge - across), spec.MARGIN_LEFT
    for shape, (footer, style) in enumerate(
        ((section.footer, PAGE_ODD), (section.even_page_footer, PAGE_EVEN)), first_shape
    ):
        footer.is_linked_to_previous = False
        place = (x, y, across, spec.TEXT_WIDTH)
        p = _shape(footer.paragraphs[0], shape, f"页码 {shape}", place)
        paragraph = Paragraph(p, footer)
        paragraph.style = doc.styles[style]
        _page_number(paragraph)


def _face_run(paragraph: Paragraph, text: str, role: str) -> Run:
    """A run in a font role's office face (its Latin and its East Asian font): words
    set apart in a paragraph of another face."""
    run = paragraph.add_run(text)
    run.font.name = fonts.ROLES[role].office[0]
    run._r.get_or_add_rPr().rFonts.set(qn("w:eastAsia"), run.font.name)
    return run


def _field(
    paragraph: Paragraph, instruction: str, shown: str = "1", dirty: bool = False
) -> tuple[lxml.etree._Element, lxml.etree._Element]:
    """A field in the paragraph, showing `shown`: its begin mark, and the run of its
    end mark (a result known later goes before it)."""

    def fld(kind: str) -> lxml.etree._Element:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        if dirty and kind == "begin":
            char.set(qn("w:dirty"), "true")  # this field alone: its result is not known
        paragraph.add_run()._r.append(char)
        return char

    begin = fld("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    fld("separate")
    if shown:
        paragraph.add_run(shown)
    return begin, fld("end").getparent()


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

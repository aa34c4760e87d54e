"""HTML → PDF with WeasyPrint, safely and with everything expensive done once.

The stylesheet is parsed once and the font configuration kept for the process, so a
second document in the same run pays only for layout. The URL fetcher refuses the
network and any file outside the templates, the content and the fonts.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from importlib import resources
from pathlib import Path

from docgen import fonts, spec, workspace
from docgen.errors import RenderError
from docgen.render import weasyprint_patches
from docgen.render.compose import SYNTHETIC_BOLD_CLASS, compose
from docgen.render.html import TEMPLATES, stylesheet
from docgen.render.layout import RECORD_ANCHOR, PdfPages, RecordPlace
from docgen.render.weasyprint_patches import (
    cdef_parsed_once_a_machine,
    fast_library_lookup,
    lighter_import,
)
from docgen.units import Length, Pt

with fast_library_lookup(), lighter_import(), cdef_parsed_once_a_machine():
    import pydyf
    import weasyprint
    import weasyprint.draw
    from weasyprint import CSS, URLFetcher
    from weasyprint.css.counters import CounterStyle
    from weasyprint.formatting_structure import boxes
    from weasyprint.text import line_break
    from weasyprint.text.ffi import ffi
    from weasyprint.text.fonts import FontConfiguration

# WeasyPrint warns about CSS it ignores; docgen's own CSS must not trigger any.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


class SafeFetcher(URLFetcher):
    """Allows data: URLs and files under the given folders; refuses everything else."""

    def __init__(self, roots: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols={"data", "file"})
        self.roots = tuple(r.resolve() for r in roots)

    def fetch(self, url: str, headers: dict[str, str] | None = None):  # type: ignore[override]
        from urllib.parse import unquote, urlparse

        if urlparse(url).scheme.lower() == "file":  # WeasyPrint lower-cases it too
            path = Path(unquote(urlparse(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"docgen does not read {path}: outside templates and content")
        return super().fetch(url, headers)


@cache
def _font_config() -> FontConfiguration:
    return FontConfiguration()


@cache
def _user_agent_stylesheet() -> tuple[CSS, CounterStyle]:
    """docgen's user-agent stylesheet, with the counter styles of WeasyPrint's HTML5 one
    (its @counter-style rules: a template may number pages in upper-roman), and those
    counter styles."""
    text = (resources.files("docgen") / "templates" / "ua.css").read_text("utf-8")
    text = weasyprint_patches.counter_style_rules(weasyprint) + text
    counters = CounterStyle()
    return CSS(string=text, font_config=_font_config(), counter_style=counters), counters


_HTML = weasyprint_patches.apply(
    weasyprint, ffi, line_break, SYNTHETIC_BOLD_CLASS, _user_agent_stylesheet
)


@cache
def _stylesheet() -> CSS:
    return CSS(string=stylesheet(), font_config=_font_config(), base_url=str(TEMPLATES))


def _fetcher(content_root: Path | None) -> SafeFetcher:
    font_dirs = {r.file.parent for r in map(fonts.resolve, fonts.ROLES) if r.file}
    overrides = workspace.current().templates
    roots = (
        TEMPLATES,
        *((overrides,) if overrides else ()),
        *font_dirs,
        *((content_root,) if content_root else ()),
    )
    return SafeFetcher(roots)


# §7.4: the 版记 stands at the foot of the last page, an even one; §7.5: a blank page
# before it, and the 版记's page after a blank one, carry no number. First try it at the
# foot of the text's last page; else it takes an even page of its own.
_RECORD_ANCHORS: dict[RecordPlace, str] = {
    "foot": RECORD_ANCHOR,
    "own-page": 'class="record-anchor own-page"',
    "after-blank": 'class="record-anchor own-page after-blank"',
}


def layout(composed: str, *, base: Path | None = None) -> weasyprint.Document:
    """Lay out composed HTML (``compose``) on GB/T 9704 pages: the PDF's pages, before
    they are written (the preview reads which element landed on which page)."""
    return placed_layout(composed, base=base)[0]


def placed_layout(
    composed: str, *, base: Path | None = None
) -> tuple[weasyprint.Document, RecordPlace | None]:
    """The laid-out pages and where the 版记 went (None: the document has none)."""
    if RECORD_ANCHOR not in composed:
        return _render_with_appendix(composed, base), None
    document = _render(composed, base)
    if _record_placed(document):
        return document, "foot"
    # An even page of its own: the next page if the text ends on an odd one, else the
    # one after a blank page. Checked on the pages made: a wrong guess costs a layout.
    guess: RecordPlace = "own-page" if _text_end(document) % 2 else "after-blank"
    for place in (guess, "after-blank" if guess == "own-page" else "own-page"):
        document = _render(composed.replace(RECORD_ANCHOR, _RECORD_ANCHORS[place]), base)
        blank = document.pages[_record_page(document) - 2]._page_box.page_type.blank
        if blank == (place == "after-blank"):
            break
    # (Neither checks out only if the text's end moved between layouts, which a 版记
    # after it cannot do: the second is kept.)
    return document, place


def _text_end(document: weasyprint.Document) -> int:
    """The page the text ends on, in a layout with the 版记 at the foot: the 版记's page,
    or the page before it if the 版记 stands there alone."""

    page = _record_page(document)
    return page if _has_text(document.pages[page - 1]._page_box) else page - 1


def _has_text(box: boxes.Box) -> bool:
    """Whether a box holds text of the flow (not a page number, not the 版记)."""
    if isinstance(box, boxes.MarginBox | boxes.FootnoteAreaBox):
        return False
    if isinstance(box, boxes.TextBox):
        return bool(box.text.strip())
    return any(_has_text(child) for child in getattr(box, "children", ()))


# A document that ends with its 附表 (the 对照表, whose 出处 give page numbers).
_APPENDIX_AT_END = re.compile(
    r'<section class="appendix(?: landscape)?">.*</section>\s*</article>', re.DOTALL
)
_PAGE_REF = re.compile(r'<a class="page-ref" href="#([^"]+)">([^<]*)</a>')


def _render_with_appendix(composed: str, base: Path | None) -> weasyprint.Document:
    """Lay out a document whose 附表 ends it in two parts: the text, then the 附表 with
    the page numbers the text's layout gave its 出处, on the pages after it. WeasyPrint
    would lay the 附表's pages out three times to resolve its target-counter()s: this
    way the 2016 report's layout takes a third less time, and the pages come out the same."""
    found = _APPENDIX_AT_END.search(composed)
    if not found:
        return _render(composed, base)
    start, end = found.span()
    closing = composed[end - len("</article>") :]
    text = _render(composed[:start] + closing, base)
    pages = anchor_pages(text)
    appendix = found[0][: -len("</article>")]
    if any(name not in pages for name, _ in _PAGE_REF.findall(appendix)):
        return _render(composed, base)  # a link into the 附表 itself: let WeasyPrint count
    appendix = _PAGE_REF.sub(
        lambda m: f'<a class="page-ref" href="#{m[1]}">{m[2]}第{pages[m[1]]}页</a>', appendix
    )
    first = len(text.pages) + 1
    article = composed.rindex("<article", 0, start)
    opening = composed[: composed.index(">", article) + 1]
    # Its first page numbered on, on the side its number gives; no target-counter().
    style = (
        f"<style>html {{ break-before: {'right' if first % 2 else 'left'} }}"
        f" @page :first {{ counter-reset: page {first} }}"
        " a.page-ref::after { content: none }</style></head>"
    )
    rest = _render_appendix(opening.replace("</head>", style, 1) + appendix + closing, base)
    return text.copy(text.pages + rest.pages)


_last_appendix: dict[tuple[str, Path | None, CSS], weasyprint.Document] = {}


def _render_appendix(html: str, base: Path | None) -> weasyprint.Document:
    """The 附表's pages, kept from the last layout when its HTML is the same: an edit to
    a report's text seldom changes its 对照表 (or the pages its 出处 name), and the
    preview then lays out only the text (the 附表 takes as long as the text's pages)."""
    key = (html, base, _stylesheet())  # a new stylesheet (an edited template): anew
    if key not in _last_appendix:
        _last_appendix.clear()  # one kept: a build's documents differ
        _last_appendix[key] = _render(html, base)
    return _last_appendix[key]


def pdf_pages(html: str, *, base: Path | None = None) -> PdfPages:
    """The pages of a rendered document as the PDF lays them out, for a DOCX rendered
    without its PDF: it puts its 版记 and its 出处 page numbers where the PDF's are."""
    try:
        return _pages(*placed_layout(compose(html), base=base))
    except Exception as exc:  # WeasyPrint raises many kinds; name the stage
        raise RenderError(f"PDF layout (for the DOCX's pages) failed: {exc}") from exc


def _pages(document: weasyprint.Document, place: RecordPlace | None) -> PdfPages:
    anchors = anchor_pages(document)
    text_end = Pt(0)
    if place == "foot":
        text_end = _text_bottom(document.pages[anchors["record"] - 1]._page_box)
    return PdfPages(len(document.pages), anchors, place, text_end)


def _text_bottom(page: boxes.PageBox) -> Length:
    """How far below the top of the page's text area its flow ends: the bottom of its
    last line or table row, empty ones too (a form's blank rows take their room); the
    版记 at its foot, and its anchor, are not the text's."""
    bottom = 0.0

    def visit(box: boxes.Box) -> None:
        nonlocal bottom
        if isinstance(box, boxes.MarginBox | boxes.FootnoteAreaBox):
            return
        element = getattr(box, "element", None)
        if element is not None and "record-anchor" in (element.get("class") or "").split():
            return
        if isinstance(box, boxes.TableRowBox | boxes.LineBox):
            bottom = max(bottom, box.position_y + box.margin_height())
            return
        for child in getattr(box, "children", ()):
            visit(child)

    visit(page)
    return Pt(max(bottom - page.content_box_y(), 0) * 0.75)  # CSS px → pt


# Every font role and every kind of element whose set-up is paid once per process.
_WARM_UP = (
    '<html><body><article><h1 class="title">文</h1><h2>文</h2><h3>文</h3><h4>文</h4>'
    "<p>文</p><table><tr><td>文</td></tr></table></article></body></html>"
)


def warm_up() -> None:
    """Pay a process's one-time costs (stylesheets parsed, fonts opened and set up for
    Pango) before its first document: a build's PDF server does this while the documents
    are still being loaded, and its workers inherit it. Not writing a PDF: that takes
    longer (each document copies and subsets its fonts again) than it saves."""
    _render(compose(_WARM_UP), None)


def forget_stylesheet() -> None:
    """Drop the parsed stylesheets, so that an edited template is read again (preview)."""
    stylesheet.cache_clear()
    _stylesheet.cache_clear()
    _user_agent_stylesheet.cache_clear()


def pdf_bytes(html: str, *, base: Path | None = None, variant: str | None = None) -> bytes:
    """Lay out the HTML on GB/T 9704 pages and return the PDF; `variant` asks for an
    archival (pdf/a-3b) or a tagged, accessible (pdf/ua-1) file."""
    return pdf_and_record_place(html, base=base, variant=variant)[0]


def pdf_and_record_place(
    html: str, *, base: Path | None = None, variant: str | None = None, composed: bool = False
) -> tuple[bytes, PdfPages]:
    """The PDF, and its pages as the DOCX follows them (``pdf_pages``; the name is
    older than the pages). `composed`: the HTML is ``compose``'s already."""
    try:
        document, place = placed_layout(html if composed else compose(html), base=base)
        options = {"pdf_variant": variant} if variant else {}
        if variant == "pdf/ua-1":
            options["pdf_tags"] = True
        pdf = document.write_pdf(uncompressed_pdf=False, finisher=_turn_landscape, **options)
        return pdf, _pages(document, place)
    except Exception as exc:  # WeasyPrint raises many kinds; name the stage
        raise RenderError(f"PDF layout failed: {exc}") from exc


def _turn_landscape(document: weasyprint.Document, pdf: pydyf.PDF) -> None:
    """GB/T 9704 §8: the sheet stays portrait A4. A page laid out landscape (a table set
    landscape, ``@page landscape``) is shown on the sheet turned by /Rotate, so that its
    head lies along the sheet's left edge (a viewer and a printer turn it alike)."""
    numbers = pdf.pages["Kids"][0::3]  # Kids is "n 0 R" references, flattened
    for page, number in zip(document.pages, numbers, strict=True):
        if page.width > page.height:
            pdf.objects[number]["Rotate"] = spec.LANDSCAPE_ROTATE


def _render(html: str, base: Path | None) -> weasyprint.Document:
    return _HTML(string=html, base_url=str(base or TEMPLATES), url_fetcher=_fetcher(base)).render(
        stylesheets=[_stylesheet()], font_config=_font_config()
    )


def _record_placed(document: weasyprint.Document) -> bool:
    """The 版记 stands on an even page that is not a page of its own after the text."""
    page = _record_page(document)
    return page % 2 == 0 and not document.pages[page - 1]._page_box.page_type.blank


def _record_page(document: weasyprint.Document) -> int:
    """The number of the page that carries the 版记."""
    return anchor_pages(document).get("record", 0)


def numbered_pages(document: weasyprint.Document) -> list[bool]:
    """Whether each page prints its number (§7.5): a 信函's first page, a blank page and
    the 版记's page after it do not."""

    def text(box: boxes.Box) -> str:
        if isinstance(box, boxes.TextBox):
            return box.text
        return "".join(text(child) for child in getattr(box, "children", ()))

    return [
        any(
            isinstance(box, boxes.MarginBox)
            and text(box).strip() == spec.PAGE_NUMBER_FORMAT.format(number)
            for box in page._page_box.children
        )
        for number, page in enumerate(document.pages, 1)
    ]


def anchor_pages(document: weasyprint.Document) -> dict[str, int]:
    """The number of the page each anchor (element id) of a laid-out document starts on."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for name in page.anchors:
            pages.setdefault(name, number)
    return pages

"""The report's 附表 laid out after its text (pdf._render_with_appendix) gives the pages
one WeasyPrint layout of the whole document gives."""

from __future__ import annotations

from docgen.build import resolve_file
from docgen.render import pdf
from docgen.render.compose import compose
from docgen.render.html import render_html
from tests.conftest import CONTENT


def _pages(document) -> list[tuple[str, list[str]]]:
    """Each page's text in order (its boxes joined: 出处's page is a box of its own in
    one layout), and its anchors."""

    def texts(box):
        if getattr(box, "text", None):
            yield box.text
        for child in getattr(box, "children", ()):
            yield from texts(child)

    return [("".join(texts(p._page_box)), sorted(p.anchors)) for p in document.pages]


def test_the_appendix_laid_out_apart_gives_the_same_pages() -> None:
    report = CONTENT / "2016" / "jinzhanqingkuang.yaml"
    composed = compose(render_html(resolve_file(report)))
    whole = pdf._render(composed, report.parent)
    apart, _ = pdf.placed_layout(composed, base=report.parent)
    assert len(apart.pages) == len(whole.pages) == 12
    assert _pages(apart) == _pages(whole)
    # The 附表's pages: numbered on from the text's (— 9 — …), 出处 with its page.
    assert "二、第2页" in _pages(apart)[8][0]

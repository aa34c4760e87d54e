"""The shortcuts of pdf.py give the pages WeasyPrint's plain layout gives: the report's
附表 laid out after its text, docgen's user-agent stylesheet instead of the HTML5 one,
and lxml parsing the HTML instead of tinyhtml5."""

from __future__ import annotations

import pytest
import weasyprint

from docgen.build import resolve_file
from docgen.render import pdf, weasyprint_patches
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


@pytest.mark.parametrize("source", ["2016/jinzhanqingkuang.yaml", "examples/tongzhi.yaml"])
def test_docgens_user_agent_stylesheet_gives_the_html5_ones_pages(source: str) -> None:
    path = CONTENT / source
    composed = compose(render_html(resolve_file(path)))
    documents = [
        html(
            string=composed, base_url=str(path.parent), url_fetcher=pdf._fetcher(path.parent)
        ).render(stylesheets=[pdf._stylesheet()], font_config=pdf._font_config())
        for html in (pdf._HTML, weasyprint.HTML)
    ]
    ours, theirs = documents
    assert _pages(ours) == _pages(theirs)
    assert ours.make_bookmark_tree() == theirs.make_bookmark_tree()
    for a, b in zip(ours.pages, theirs.pages, strict=True):
        assert a.anchors == b.anchors
        assert [link[:3] for link in a.links] == [link[:3] for link in b.links]  # not the box


def _nodes(element) -> list[tuple[str, dict[str, str], str, str]]:
    """Every element of a tree in order: tag, attributes, text and tail (whitespace
    between blocks is WeasyPrint's to drop)."""
    return [
        (e.tag, dict(e.attrib), (e.text or "").strip(), (e.tail or "").strip())
        for e in element.iter()
    ]


@pytest.mark.parametrize(
    "source", ["2016/jinzhanqingkuang.yaml", "2016/tongzhi.yaml", "examples/tongzhi.yaml"]
)
def test_lxml_parses_docgens_html_into_tinyhtml5s_tree(source: str) -> None:
    import io

    import tinyhtml5

    composed = compose(render_html(resolve_file(CONTENT / source)))
    theirs = tinyhtml5.parse(io.StringIO(composed), namespace_html_elements=False)
    ours = weasyprint_patches.LxmlParse.parse(io.StringIO(composed), namespace_html_elements=False)
    assert weasyprint.tinyhtml5 is weasyprint_patches.LxmlParse  # what WeasyPrint calls
    assert len(_nodes(ours)) > 100
    assert _nodes(ours) == _nodes(theirs)


@pytest.mark.parametrize(
    ("lines", "place", "layouts"), [(25, "foot", 1), (10, "own-page", 2), (42, "after-blank", 2)]
)
def test_the_record_is_placed_in_at_most_two_layouts(
    tmp_path, monkeypatch: pytest.MonkeyPatch, lines: int, place: str, layouts: int
) -> None:
    """The text's last page, read off the first layout, says which page of its own the
    版记 needs (test_notice checks the pages themselves)."""
    line = "示例正文内容示例正文内容示例正文内容示例正文内容示例"  # 28 characters with the indent
    path = tmp_path / "n.yaml"
    path.write_text(
        "kind: 通知\nyear: 2026\ntitle: 示例通知\nintro:\n"
        + "".join(f"  - {line}\n" for _ in range(lines))
        + "record:\n  cc: [示例省教育厅]\n  printer: 示例办公室\n  printed: 2026-03-02\n",
        encoding="utf-8",
    )
    composed = compose(render_html(resolve_file(path)))
    made = []
    render = pdf._render
    monkeypatch.setattr(pdf, "_render", lambda *args: made.append(1) or render(*args))
    assert pdf.placed_layout(composed, base=tmp_path)[1] == place
    assert len(made) == layouts

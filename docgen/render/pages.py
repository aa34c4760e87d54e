"""The PDF's pages for a browser: a resolved document → the HTML of each page.

A browser neither paginates on screen nor breaks Chinese lines as the PDF does. So
the preview shows what WeasyPrint made of the same HTML: the document is composed into
lines (``compose``, as for the PDF), laid out by WeasyPrint (``pdf.layout``), and cut
where WeasyPrint cut it. Every line and table row carries an id, and WeasyPrint's
``Page.anchors`` says on which page each id landed. A paragraph or table that a page
break splits is split here too: its continuation has the class ``cont`` (no first-line
indent), and a table's head repeats, as in the PDF.

Input: a resolved document and its folder. Output: ``Pages``, each page's HTML (an
``article`` holding that page's lines), the page of every element id, and which pages
print their number.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml import etree

from docgen.render.compose import LINE_SPACING_STYLE, compose
from docgen.render.html import render_html
from docgen.render.pdf import anchor_pages, layout, numbered_pages
from docgen.resolve import Resolved

# Elements that hold blocks rather than being one: their children are cut between pages.
CONTAINERS = frozenset({"article", "section", "table", "tbody", "div"})
# Parts of a table that every page of it repeats (WeasyPrint repeats thead).
REPEATED = frozenset({"thead", "colgroup"})


@dataclass(frozen=True)
class Pages:
    pages: list[str]  # the HTML of each page: an article with that page's blocks
    page_of: dict[str, int]  # element id → page number (from 1)
    css: str = ""  # the composed lines' letter spacings (compose puts them in the head)
    numbered: list[bool] = field(default_factory=list)  # each page prints its number


def paginate(doc: Resolved, base: Path) -> Pages:
    tree = lxml.html.document_fromstring(compose(render_html(doc)))
    article = tree.find(".//article")
    if article is None:
        raise ValueError("the template printed no <article>")
    units = list(_units(article))
    for n, unit in enumerate(units):
        if not unit.get("id"):
            unit.set("id", f"pv{n}")
    laid_out = layout(
        lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>"), base=base
    )
    page_of = anchor_pages(laid_out)
    _print_page_references(article, page_of)
    pages = _cut(article, units, page_of, len(laid_out.pages))
    spacing = tree.find(f".//style[@id='{LINE_SPACING_STYLE}']")
    return Pages(
        [lxml.html.tostring(p, encoding="unicode") for p in pages],
        {k: v for k, v in page_of.items() if not k.startswith("pv")},
        "" if spacing is None else spacing.text or "",
        numbered_pages(laid_out),
    )


def _units(parent: etree._Element) -> Iterator[etree._Element]:
    """The blocks a page break may fall between, in order: composed lines, table rows,
    and every other block that is not a container."""
    for child in parent:
        if not isinstance(child.tag, str) or child.tag in REPEATED:
            continue
        lines = [c for c in child if "ln" in (c.get("class") or "").split()]
        if lines:
            yield from lines
        elif child.tag in CONTAINERS:
            yield from _units(child)
        else:
            yield child


def _print_page_references(article: etree._Element, page_of: dict[str, int]) -> None:
    """The 对照表's 出处 links print 第N页 through CSS target-counter(), which browsers
    lack: write the number in."""
    for link in article.iterfind(".//a[@class='page-ref']"):
        page = page_of.get(link.get("href", "").lstrip("#"))
        if page is not None:
            etree.SubElement(link, "span", {"class": "page-no"}).text = f"第{page}页"


def _cut(
    article: etree._Element, units: list[etree._Element], page_of: dict[str, int], count: int
) -> list[etree._Element]:
    pages: list[etree._Element] = []
    clones: dict[etree._Element, etree._Element] = {}
    started: set[etree._Element] = set()
    for unit in units:
        number = max(page_of.get(unit.get("id", ""), len(pages) or 1), len(pages) or 1)
        while len(pages) < number:
            pages.append(etree.Element(article.tag, dict(article.attrib)))
            clones = {article: pages[-1]}
        parent = unit.getparent()
        assert parent is not None
        _clone(parent, clones, started).append(copy.deepcopy(unit))
    while len(pages) < count:
        pages.append(etree.Element(article.tag, dict(article.attrib)))
    return pages


def _clone(
    el: etree._Element, clones: dict[etree._Element, etree._Element], started: set
) -> etree._Element:
    """The element's stand-in on the current page: made (empty) on first need."""
    if el in clones:
        return clones[el]
    parent = el.getparent()
    assert parent is not None
    clone = etree.SubElement(_clone(parent, clones, started), el.tag, dict(el.attrib))
    if el in started:  # continued from an earlier page
        clone.attrib.pop("id", None)
        clone.set("class", f"{el.get('class', '')} cont".strip())
    for part in el:
        if part.tag in REPEATED:
            clone.append(copy.deepcopy(part))
    started.add(el)
    clones[el] = clone
    return clone

"""The vocabulary the templates write: the HTML elements both writers know.

WeasyPrint prints any HTML, but the DOCX writer knows only these, and a template (a
workspace's override above all) must keep to them: a paragraph element of the style
spec (``spec.ELEMENTS``), or one of the few structural elements below.
"""

from __future__ import annotations

import lxml.html

from docgen import spec

# Containers whose children are elements of the vocabulary in turn.
CONTAINERS = {
    ("section", "appendix"),  # a 附表: a new page
    ("section", "appendix landscape"),  # a 附表 set landscape (§8): pages of its own, turned
    ("div", "landscape"),  # a table set landscape, with its caption
    ("section", "attachment"),  # a 附件: a new page
    ("div", "header"),  # 版头
    ("div", "header order"),  # a 命令's 版头 (§10.2)
    ("div", "header-top"),  # 份号, 密级, 紧急程度
    ("div", "record-anchor"),  # where the 版记 may stand
    ("div", "letter"),  # a 函 in 信函格式 (§10.1)
}
# Elements written whole by a writer of their own.
BLOCKS = {
    ("table", "crossref"),  # the 对照表
    ("table", "data"),  # a table of the text
    ("hr", "red-rule"),  # the 版头's red rule
    ("div", "letter-head"),  # a 信函's mark, double rule and 发文字号
    ("div", "record"),  # 版记
}


def key(el: lxml.html.HtmlElement) -> tuple[str, str]:
    return el.tag, " ".join(el.get("class", "").split())


def known() -> list[str]:
    """Every element of the vocabulary as a selector, for messages."""
    pairs = sorted(CONTAINERS | BLOCKS)
    return [e.html for e in spec.ELEMENTS.values() if e.html != "@page"] + [
        f"{tag}.{cls}" for tag, cls in pairs
    ]


def stray(html: str) -> tuple[str, str] | None:
    """The first element of the document's <article> outside the vocabulary (tag and
    classes), or None."""
    tree = lxml.html.document_fromstring(html)
    articles = tree.xpath("//article")
    if len(articles) != 1:
        return ("article", "(the template must write exactly one)")
    todo = list(articles[0])
    while todo:
        el = todo.pop(0)
        tag, classes = key(el)
        if (tag, classes) in CONTAINERS:
            todo[:0] = list(el)
        elif (tag, classes) not in BLOCKS and spec.element_name(tag, classes) is None:
            return tag, classes
    return None

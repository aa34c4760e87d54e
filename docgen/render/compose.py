"""Line composition for the PDF: break text into grid lines and justify each one.

WeasyPrint (Pango) justifies only at spaces, and Chinese has none: its lines would end
ragged. So docgen breaks each paragraph itself, by the font's advances and the rules
of Chinese line breaking (GB/T 15834 避头尾: no closing mark at a line start, no opening
mark at a line end, no number split), and gives every line but a paragraph's last the
letter spacing that makes it fill the 版心 exactly. Each line becomes a block of its own
that WeasyPrint never rewraps. The last line keeps the grid spacing, so characters of
the body stand in 28 columns.

Input: the template's HTML. Output: the same HTML with each paragraph's text in lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from docgen import fonts, spec

# 避头: may not begin a line. 避尾: may not end one.
NO_LINE_START = set("。，、；：？！）》」』】〕〉”’…—%‰·,.;:?!)]}")
NO_LINE_END = set("（《「『【〔〈“‘([{")
# A number or a Latin word is one unit: never split across lines (GB/T 15835 §4.6).
_UNITS = re.compile(r"[0-9A-Za-z][0-9A-Za-z.%‰×:/+\-~～]*|——|……|.", re.S)
# Slack for rounding: a line is "full" within a hundredth of a point.
_EPSILON = 0.01


@dataclass(frozen=True)
class Line:
    """One composed line: runs of text, each with the letter spacing (pt) that
    WeasyPrint adds after every character of the run."""

    runs: tuple[tuple[str, float], ...]

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)


def _spacing(units: int, size: float) -> float:
    """The CSS letter spacing for `units` thousandths of an em.

    WeasyPrint 70 writes part of each glyph's extra advance as int() of thousandths of
    an em (draw/text.py), truncating toward zero; asking for the middle of the step
    keeps the right edge of the lines within ±0.1 mm of the 版心 (measured on the 2016
    documents: 183.92–184.08 mm for 184 mm; a whole step more or less doubles that)."""
    if units == 0:
        return 0.0
    return (units + (0.5 if units > 0 else -0.5)) * size / 1000


def _justify(text: str, extra: float, size: float) -> Line:
    """Spread `extra` pt over the gaps between characters, in whole thousandths of an
    em: the first few gaps take one thousandth more, so the sum is exact."""
    gaps = len(text) - 1
    total = round(extra * 1000 / size)
    each, wider = divmod(total, gaps)
    runs = ((text[:wider], _spacing(each + 1, size)), (text[wider:], _spacing(each, size)))
    return Line(tuple(run for run in runs if run[0]))


def break_lines(text: str, metrics: fonts.Metrics | None, size: float, indent: float) -> list[Line]:
    """Break a paragraph into lines (sizes in pt); all but the last fill the width."""
    width = spec.TEXT_WIDTH.pt
    base = spec.CHAR_PITCH.pt - size  # the grid's letter spacing: one character a pitch
    units = _UNITS.findall(text)

    def advance(s: str) -> float:
        return metrics.width(s, size) if metrics else size * len(s)

    lines: list[list[str]] = []
    current: list[str] = []
    used = 0.0
    room = width - indent
    for unit in units:
        w = advance(unit) + base * len(unit)
        if current and used + w > room + _EPSILON:
            moved = _keep_marks_attached(current, unit)
            lines.append(current[: len(current) - len(moved)])
            current = moved
            used = sum(advance(u) + base * len(u) for u in current)
            room = width
        current.append(unit)
        used += w
    lines.append(current)

    out = []
    grid = _spacing(round(base * 1000 / size), size)
    for i, line_units in enumerate(lines):
        line = "".join(line_units)
        line_room = width - (indent if i == 0 else 0)
        if i == len(lines) - 1 or len(line) < 2:
            out.append(Line(((line, grid),)))  # a last line keeps the grid
        else:
            out.append(_justify(line, line_room - advance(line), size))
    return out


def _keep_marks_attached(line: list[str], next_unit: str) -> list[str]:
    """The units to carry from the end of a full line to the next one (推出), so that
    the next line does not begin with a closing mark and this one does not end with
    an opening mark."""
    moved: list[str] = []
    start = next_unit
    while len(line) - len(moved) > 1:
        tail = line[len(line) - len(moved) - 1]
        if start[0] in NO_LINE_START or tail[-1] in NO_LINE_END:
            moved.insert(0, tail)
            start = tail
        else:
            break
    return moved


def compose(html: str) -> str:
    """Replace the text of every body paragraph and heading with composed lines."""
    tree = lxml.html.document_fromstring(html)
    for el in tree.iterfind(".//article/*"):
        element = spec.element_for(el.tag, el.get("class", ""))
        if element is None or element.align != "justify":
            continue  # centred or flush-left elements keep their own breaking
        size = element.size.pt
        text = el.text_content()
        lines = break_lines(
            text, fonts.metrics(element.font), size, spec.CHAR_PITCH.pt * element.indent_chars
        )
        for child in list(el):
            el.remove(child)
        el.text = None
        for line in lines:
            span = etree.SubElement(el, "span", {"class": "ln"})
            for run, spacing in line.runs:
                etree.SubElement(
                    span, "span", {"style": f"letter-spacing:{spacing:.4f}pt"}
                ).text = run
    return lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")

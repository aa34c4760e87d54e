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
from dataclasses import dataclass, field
from functools import cache

import lxml.html
from lxml import etree

from docgen import fonts, spec
from docgen.chinese import NO_LINE_END, NO_LINE_START
from docgen.render import layout

# A number or a Latin word is one unit: never split across lines (GB/T 15835 §4.6).
_UNITS = re.compile(r"[0-9A-Za-z][0-9A-Za-z.%‰×:/+\-~～]*|——|……|.", re.S)
# Lines of a bold element whose font has no bold face: render/pdf.py emboldens them.
SYNTHETIC_BOLD_CLASS = "synthetic-bold"
# The id of the style element that holds the lines' letter spacings (the preview's
# pages, cut out of the body, carry it along).
LINE_SPACING_STYLE = "line-spacing"
# Slack for rounding: a line is "full" within a hundredth of a point.
_EPSILON = 0.01


@dataclass(frozen=True)
class Line:
    """One composed line and the letter spacing (pt) WeasyPrint adds after each of its
    characters. One value a line: a second run would double the boxes WeasyPrint lays
    out (and its layout time)."""

    text: str
    letter_spacing: float


PANGO_SCALE = 1024
PX_PER_PT = 4 / 3


def drawn_spacing(css_spacing: float, size: float) -> float:
    """The extra advance (pt) WeasyPrint 70 draws between two glyphs for a CSS letter
    spacing, by its arithmetic: Pango takes the spacing in whole 1/1024 px, puts half
    of it before the next glyph as an offset, and WeasyPrint writes the other half in
    the PDF as int() of thousandths of an em, losing the fraction (draw/text.py)."""
    font_px = size * PX_PER_PT
    units = int(css_spacing * PX_PER_PT * PANGO_SCALE)  # Pango units
    whole = units * 1000 / PANGO_SCALE / font_px  # thousandths of an em
    half = int(units / 2) / font_px  # Pango's offset, as WeasyPrint writes it
    drawn = half + int(whole - half)
    return drawn * size / 1000


@cache  # lines of one length and font ask for the same spacing: most lines of a text
def css_spacing_for(wanted: float, size: float) -> float:
    """The CSS letter spacing whose drawn spacing comes nearest to `wanted` pt."""
    step = 1 / PX_PER_PT / PANGO_SCALE  # one Pango unit, in pt
    first = round(wanted / step)
    best = min(
        range(first - 48, first + 49),
        key=lambda u: abs(drawn_spacing((u + 0.5) * step, size) - wanted),
    )
    return (best + 0.5) * step  # the middle of the unit: int() lands on it


@dataclass
class UnitWidths:
    """What break_lines works out of a font at a size, kept across the paragraphs that
    share them: a long report's 50,000 units are a few thousand distinct ones."""

    advances: dict[str, int] = field(default_factory=dict)  # in the font's units
    pitches: dict[str, float] = field(default_factory=dict)  # pt, with the grid's spacing


def break_lines(
    text: str,
    metrics: fonts.Metrics | None,
    size: float,
    indent: float,
    widths: UnitWidths | None = None,
) -> list[Line]:
    """Break a paragraph into lines (sizes in pt); all but the last fill the width.
    `widths`: the units' widths in this font at this size, worked out before."""
    width = spec.TEXT_WIDTH.pt
    base = spec.CHAR_PITCH.pt - size  # the grid's letter spacing: one character a pitch
    units = _UNITS.findall(text)
    em = metrics.units_per_em if metrics else 1  # no font: one em a character
    widths = UnitWidths() if widths is None else widths
    advances, pitches = widths.advances, widths.pitches

    def pitch(unit: str) -> float:
        """A unit's advance with the grid's spacing (its advance kept beside it)."""
        if (w := pitches.get(unit)) is None:
            advances[unit] = metrics.units(unit) if metrics else len(unit)
            w = pitches[unit] = advances[unit] * size / em + base * len(unit)
        return w

    lines: list[list[str]] = []
    current: list[str] = []
    used = 0.0
    room = width - indent
    for unit in units:
        if (w := pitches.get(unit)) is None:
            w = pitch(unit)
        if current and used + w > room + _EPSILON:
            moved = _keep_marks_attached(current, unit)
            lines.append(current[: len(current) - len(moved)])
            current = moved
            used = sum(map(pitch, current))
            room = width
        current.append(unit)
        used += w
    lines.append(current)

    out = []
    for i, line_units in enumerate(lines):
        line = "".join(line_units)
        line_room = width - (indent if i == 0 else 0)
        if i == len(lines) - 1 or len(line) < 2:
            out.append(Line(line, css_spacing_for(base, size)))  # a last line: the grid
        else:
            # Every unit's advance is known by now: summed in C, to the last bit
            # as fonts.text_width sums the line's characters.
            drawn = sum(map(advances.__getitem__, line_units)) * size / em
            wanted = (line_room - drawn) / (len(line) - 1)
            out.append(Line(line, css_spacing_for(wanted, size)))
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
            return moved
    # No place in the line to break by the rules (a run of 。。。): break at the width,
    # rather than carry all but one unit on and set a character a line.
    return [] if len(moved) > len(line) // 2 else moved


def _lead(el: lxml.html.HtmlElement) -> tuple[int, str]:
    """A run-in heading's length and classes (its span.lead, first in the paragraph;
    with the mark of synthetic bold where its face has no bold), or (0, "")."""
    first = el[0] if len(el) and not (el.text or "").strip() else None
    classes = (first.get("class") or "").split() if first is not None else []
    if "lead" not in classes:
        return 0, ""
    level = next((c.removeprefix("lead-") for c in classes if c.startswith("lead-")), "")
    heading = spec.ELEMENTS.get(f"h{level}")
    if heading is not None and heading.bold and not fonts.has_bold(heading.font):
        classes.append(SYNTHETIC_BOLD_CLASS)
    return len(first.text_content()), " ".join(classes)


KEEP_NEXT_CLASS = "keep-next"


def _keep_text_with_signature(tree: lxml.html.HtmlElement) -> None:
    """GB/T 9704 §7.3.5: the 署名 and 成文日期 never stand alone on a page. The text's
    last paragraph keeps with the 附件说明 and 署名 after it, so that where they do not
    fit below the text, its last line (or lines) go over with them; a 附件 that is
    signed (a forwarded 报告) keeps its own so."""
    for el in tree.xpath(
        "(//article | //article/section[contains(concat(' ', @class, ' '), ' attachment ')])"
        "/p[contains(concat(' ', @class, ' '), ' attachment-note ')"
        " or contains(concat(' ', @class, ' '), ' signature ')"
        " or contains(concat(' ', @class, ' '), ' date ')][1]"
    ):
        before = el.getprevious()
        if (
            before is not None
            and before.tag == "p"
            and spec.element_for("p", before.get("class", "")) is spec.ELEMENTS["body"]
        ):
            before.set("class", f"{before.get('class', '')} {KEEP_NEXT_CLASS}".strip())


def compose(html: str) -> str:
    """Replace the text of every body paragraph and heading with composed lines.

    A line's letter spacing is a class (``ls-N``, one rule a distinct value, in a style
    element of the head): WeasyPrint parses an inline style for every element that has
    one, and a long document has few distinct spacings but many lines."""
    tree = lxml.html.document_fromstring(html)
    spacing_classes: dict[str, str] = {}
    widths: dict[tuple[str, float], UnitWidths] = {}  # by font role and size
    # Every paragraph and heading of the document and its 附件 (not a table's cells).
    for el in tree.xpath(
        "//article//*[self::p or self::h2 or self::h3 or self::h4 or self::h5]"
        "[not(ancestor::table)]"
    ):
        element = spec.element_for(el.tag, el.get("class", ""))
        if element is None or element.align != "justify":
            continue  # centred or flush-left elements keep their own breaking
        size = element.size.pt
        text = el.text_content()
        lead_len, lead_class = _lead(el)
        lines = break_lines(
            text,
            fonts.metrics(element.font),
            size,
            spec.CHAR_PITCH.pt * element.indent_chars,
            widths.setdefault((element.font, size), UnitWidths()),
        )
        for child in list(el):
            el.remove(child)
        el.text = None
        classes = "ln "
        if element.bold and not fonts.has_bold(element.font):
            classes += f"{SYNTHETIC_BOLD_CLASS} "
        anchors = layout.anchors(el.attrib.pop("data-anchors", ""))
        start = 0
        for line in lines:
            spacing = f"{line.letter_spacing:.4f}pt"
            name = spacing_classes.setdefault(spacing, f"ls-{len(spacing_classes)}")
            span = etree.SubElement(el, "span", {"class": classes + name})
            end = start + len(line.text)
            # An anchor in the text (an outcome's words) marks the line it falls on.
            marks = [
                etree.SubElement(span, "a", {"id": i}) for i, at in anchors if start <= at < end
            ]
            # A run-in heading's characters on this line keep their own face.
            cut = max(0, min(len(line.text), lead_len - start))
            head, rest = line.text[:cut], line.text[cut:]
            if head:
                inner = etree.SubElement(span, "span", {"class": lead_class})
                inner.text, inner.tail = head, rest or None
            elif marks:
                marks[-1].tail = rest
            else:
                span.text = rest
            start = end
    _keep_text_with_signature(tree)
    if spacing_classes:
        head = tree.find("head")
        if head is None:
            head = etree.Element("head")
            tree.insert(0, head)
        style = etree.SubElement(head, "style", {"id": LINE_SPACING_STYLE})
        style.text = "".join(f".{c}{{letter-spacing:{v}}}" for v, c in spacing_classes.items())
    return lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")

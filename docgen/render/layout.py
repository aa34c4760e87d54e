"""Placements that depend on the text and its font, shared by the PDF and the DOCX.

`spec.py` holds the standard's numbers; here they meet a document's words: how large
an issuer's mark can be, where a line's glyphs start in its box, how far from the
right the 署名 and 日期 stand. Both renderers call these, so both place alike.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from docgen import fonts, spec
from docgen.units import Length, Pt

# The top of a CJK ideograph's em box, above the baseline, in em: fonts' ideographic
# embox runs from -0.12 to 0.88 em.
EMBOX_TOP = 0.88

# §7.4: where the 版记 goes. At the foot of the text's last page when that page is even
# and has room; else on an even page of its own, after a blank page if the text ends on
# an even one. The PDF's layout decides; the DOCX follows it.
RecordPlace = Literal["foot", "own-page", "after-blank"]
# How the template marks the 版记 in a document's HTML (templates/notice.html.j2).
RECORD_ANCHOR = 'class="record-anchor"'


@dataclass(frozen=True)
class PdfPages:
    """What the PDF's layout tells the DOCX, so that both show the same pages: how many
    there are, the page each anchor (an 出处 of the 对照表) stands on, where the 版记
    goes, and how far below the 版心's top the text ends on the 版记's page (0 when the
    版记 has a page of its own)."""

    count: int = 0
    anchors: dict[str, int] = field(default_factory=dict)
    record: RecordPlace | None = None
    text_end: Length = Pt(0)  # noqa: RUF009 - an int, immutable


def anchors(value: str) -> list[tuple[str, int]]:
    """A paragraph's ``data-anchors`` ("id:offset …", templates/_document.html.j2): each
    outcome's anchor id and where in the paragraph's text its words begin."""
    found = []
    for item in value.split():
        name, _, at = item.rpartition(":")
        found.append((name, int(at)))
    return found


def shift() -> Length:
    """How far the PDF's page area moves up: where the body's first glyphs start in
    their line box (CSS centres ascent + descent in the line)."""
    body = spec.ELEMENTS["body"]
    ascent, descent, _ = fonts.vertical(body.font)
    return spec.css_first_line_offset(spec.LINE_PITCH, body.size, ascent, descent)


def vertical(role: str, office: bool = False) -> tuple[float, float, float]:
    """A role's ascent, descent and Windows descent: the installed font's (for the PDF,
    which embeds it), or the office font's fixed ones (for the DOCX, ``spec.py``)."""
    return spec.OFFICE_VERTICAL[role] if office else fonts.vertical(role)


def glyph_top(element: str, size: Length, line_height: Length, office: bool = False) -> Length:
    """Where an element's glyphs start below the top of its line box, in CSS."""
    ascent, descent, _ = vertical(spec.ELEMENTS[element].font, office)
    return Length((line_height - size * (ascent + descent)) / 2 + size * (ascent - EMBOX_TOP))


def issuer_mark_size(text: str, largest: Length = spec.ISSUER_MARK_MAX_SIZE) -> Length:
    """§7.2.3: as large as looks right, never wider than the 版心."""
    return min(largest, Length(spec.TEXT_WIDTH / max(len(text), 1)))


def mark_top(order: bool = False) -> Length:
    """How far below the 版心's top edge the mark's glyphs stand: 35 mm (§7.2.3), a
    命令's 20 mm (§10.2)."""
    return spec.ORDER_MARK_TOP if order else spec.ISSUER_MARK_TOP


def header_top(mark: str, order: bool = False) -> Length:
    """The height of the block above the mark's line (份号, 密级, 紧急程度 stand in it),
    such that the mark's glyph tops stand where mark_top says."""
    size = issuer_mark_size(mark)
    return Length(mark_top(order) + shift() - glyph_top("issuer_mark", size, size))


def letter_mark_size(text: str) -> Length:
    """§10.1: the 信函's mark, never wider than the 版心 (smaller than a 文件's)."""
    return issuer_mark_size(text, spec.LETTER_MARK_MAX_SIZE)


def letter_mark_margin(mark: str) -> Length:
    """The space above the 信函's mark (its line as tall as its size), such that its
    glyph tops stand 30 mm below the paper's top edge: above the 版心, a negative one."""
    size = letter_mark_size(mark)
    return Length(
        spec.LETTER_MARK_TOP - (spec.MARGIN_TOP - shift()) - glyph_top("letter_mark", size, size)
    )


def letter_rule_margin(mark: str) -> Length:
    """The space between the mark's line and the double rule: 4 mm below its glyphs."""
    size = letter_mark_size(mark)
    return Length(spec.LETTER_RULE_GAP + glyph_top("letter_mark", size, size))


def advance(element: str, text: str) -> float:
    """A text's advance in points in an element's office font and size: the office
    fonts are monospaced, a Chinese character (or full-width mark) one em, a digit or
    Latin letter half of one. The standard counts places in characters, so the 署名's
    place and the 版记's lines do not depend on the fonts of the machine."""
    size = spec.ELEMENTS[element].size.pt
    return sum(size if unicodedata.east_asian_width(c) in "WFA" else size / 2 for c in text)


def width_in_chars(text: str) -> float:
    """A body text's width in grid characters (digits are half as wide)."""
    pitch, size = spec.CHAR_PITCH.pt, spec.BODY_SIZE.pt
    return (advance("body", text) + len(text) * (pitch - size)) / pitch


def record_cc_lines(text: str) -> int:
    """How many lines the 抄送 takes in the 版记: one character in from each side, its
    wrapped lines aligned after 抄送：."""
    size = spec.RECORD_SIZE.pt
    width = advance("record", text)
    first = (spec.TEXT_WIDTH - spec.RECORD_INDENT * 2).pt
    rest = first - size * spec.RECORD_CC_HANG
    return 1 + max(0, math.ceil((width - first) / rest))


def signature(issuer: str | None, date: str | None, seal: bool) -> tuple[Length, Length]:
    """(署名's right indent, 日期's right indent), by §7.3.5.

    Without a seal: 署名 右空二字, the date on the next line starting two characters right
    of the 署名's start; a date longer than that stands 右空二字 and the 署名 moves left
    to keep the two-character step. With a seal: the date 右空四字, the 署名 centred
    over it.
    """
    char = spec.CHAR_PITCH.pt
    w_issuer = width_in_chars(issuer or "")
    w_date = width_in_chars(date or "")
    if seal:
        date_right = 4.0
        issuer_right = date_right + (w_date - w_issuer) / 2
    elif not date or w_issuer - w_date >= 2:
        issuer_right = 2.0
        date_right = issuer_right + w_issuer - 2 - w_date
    else:
        date_right = 2.0
        issuer_right = date_right + w_date + 2 - w_issuer
    return Pt(max(issuer_right, 0) * char), Pt(max(date_right, 0) * char)


def signer_right() -> Length:
    """§7.3.5.3: the signing officer's name and the date, 右空四字."""
    return Pt(spec.SIGNER_RIGHT_CHARS * spec.CHAR_PITCH.pt)


def page_number_dash(model: str = "css") -> Length:
    """How far below the top of the page number's line box (CSS) or above its bottom
    (Word, `model="word"`) the 一字线's middle stands. §7.5: the 一字线 stands 7 mm below
    the 版心."""
    el = spec.ELEMENTS["page_number"]
    if model == "word":  # an exact line one em high, the baseline win_descent above its foot
        win_descent = spec.OFFICE_VERTICAL[el.font][2]
        return Length(el.size * (win_descent + spec.OFFICE_DASH_MIDDLE))
    metrics = fonts.metrics(el.font)
    ascent, descent, _ = fonts.vertical(el.font)
    middle = metrics.dash_middle / metrics.units_per_em if metrics else 0.3
    return Length((el.size - el.size * (ascent + descent)) / 2 + el.size * (ascent - middle))

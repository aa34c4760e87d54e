"""DOCX files numbered by Word's automatic numbering (numbering.xml), as offices write
them, made here with python-docx: the numbers are in no paragraph's text."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

# 一、 （一） 1. （1）: one multilevel list, Chinese counting for the first two levels.
LEVELS = (
    ("chineseCounting", "%1、"),
    ("chineseCounting", "（%2）"),
    ("decimal", "%3."),
    ("decimal", "（%4）"),
)


def numbered_docx(path: Path, paragraphs: list[tuple[int | None, str]]) -> Path:
    """A DOCX of (level or None, text) paragraphs; a level's paragraphs are numbered by
    Word's one multilevel list (ilvl = level - 1)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(LEVELS)
    )
    w = nsdecls("w")
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {w} w:abstractNumId="90">{levels}</w:abstractNum>')
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in paragraphs:
        paragraph = document.add_paragraph(text)
        if level is not None:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {w}><w:ilvl w:val="{level - 1}"/><w:numId w:val="90"/></w:numPr>'
                )
            )
    document.save(str(path))
    return path

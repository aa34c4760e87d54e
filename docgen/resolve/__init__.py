"""Resolve a ``model.Document`` into plain data ready to print.

Input: the validated content model. Output: a ``Resolved`` document whose blocks carry
their computed numbers and final text, in reading order, so that templates only lay
them out and every output prints the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen.model import Block, Document, Paragraph, Points, Section
from docgen.resolve.numbering import heading_number, point_marker

__all__ = ["Heading", "Para", "Resolved", "resolve"]


@dataclass(frozen=True)
class Heading:
    level: int  # 1 to 4: 一、 （一） 1. （1）
    number: str
    text: str
    id: str


@dataclass(frozen=True)
class Para:
    text: str
    id: str


@dataclass(frozen=True)
class Resolved:
    kind: str
    year: int
    title: str
    notice_title: str | None
    attachment_label: str | None
    blocks: list[Heading | Para] = field(default_factory=list)


def resolve(doc: Document) -> Resolved:
    out = Resolved(doc.kind, doc.year, doc.title, doc.notice_title, doc.attachment_label)
    _blocks(doc.intro, "intro", out.blocks)
    # Counters per level; level 3 (1. 2.) may run on through the document.
    run_on = doc.numbering.items == "continuous"
    counters = {3: 0}

    def walk(sections: list[Section], level: int, parent_id: str) -> None:
        for i, section in enumerate(sections, 1):
            if level == 3 and run_on:
                counters[3] += 1
                n = counters[3]
            else:
                n = i
            sid = f"{parent_id}-{i}" if parent_id else f"s{i}"
            out.blocks.append(Heading(level, heading_number(level, n), section.heading, sid))
            _blocks(section.body, sid, out.blocks)
            walk(section.sections, level + 1, sid)

    walk(doc.sections, 1, "")
    return out


def _blocks(blocks: list[Block], parent_id: str, out: list[Heading | Para]) -> None:
    texts: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            texts.append(block)
        elif isinstance(block, Paragraph):
            texts.append(block.text + _units(block.units))
        elif isinstance(block, Points):
            marked = [point_marker(i) + p for i, p in enumerate(block.points, 1)]
            texts.extend(marked if block.layout == "paragraphs" else ["".join(marked)])
    out.extend(Para(text, f"{parent_id}-p{i}") for i, text in enumerate(texts, 1))


def _units(units: list[str]) -> str:
    return f"（责任单位：{'、'.join(units)}）" if units else ""

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
    field: str  # where in the content: sections[2].sections[0]


@dataclass(frozen=True)
class Para:
    text: str
    id: str
    field: str  # where in the content: sections[0].body[1]


@dataclass(frozen=True)
class Resolved:
    source: Document
    kind: str
    year: int
    title: str
    notice_title: str | None
    attachment_label: str | None
    blocks: list[Heading | Para] = field(default_factory=list)


def resolve(doc: Document) -> Resolved:
    out = Resolved(doc, doc.kind, doc.year, doc.title, doc.notice_title, doc.attachment_label)
    _blocks(doc.intro, "intro", "intro", out.blocks)
    # Counters per level; level 3 (1. 2.) may run on through the document.
    run_on = doc.numbering.items == "continuous"
    counters = {3: 0}

    def walk(sections: list[Section], level: int, parent_id: str, parent_field: str) -> None:
        for i, section in enumerate(sections, 1):
            field = f"{parent_field}sections[{i - 1}]"
            if level == 3 and run_on:
                counters[3] += 1
                n = counters[3]
            else:
                n = i
            sid = f"{parent_id}-{i}" if parent_id else f"s{i}"
            number = heading_number(level, n)
            out.blocks.append(Heading(level, number, section.heading, sid, f"{field}.heading"))
            _blocks(section.body, sid, f"{field}.body", out.blocks)
            walk(section.sections, level + 1, sid, f"{field}.")

    walk(doc.sections, 1, "", "")
    return out


def _blocks(blocks: list[Block], parent_id: str, field: str, out: list[Heading | Para]) -> None:
    texts: list[tuple[str, str]] = []  # (text, field)
    for k, block in enumerate(blocks):
        here = f"{field}[{k}]"
        if isinstance(block, str):
            texts.append((block, here))
        elif isinstance(block, Paragraph):
            texts.append((block.text + _units(block.units), here))
        elif isinstance(block, Points):
            marked = [point_marker(i) + p for i, p in enumerate(block.points, 1)]
            if block.layout == "paragraphs":
                texts.extend((m, f"{here}.points[{i}]") for i, m in enumerate(marked))
            else:
                texts.append(("".join(marked), here))
    out.extend(Para(text, f"{parent_id}-p{i}", where) for i, (text, where) in enumerate(texts, 1))


def _units(units: list[str]) -> str:
    return f"（责任单位：{'、'.join(units)}）" if units else ""

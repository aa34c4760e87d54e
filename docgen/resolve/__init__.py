"""Resolve a ``model.Document`` into plain data ready to print.

Input: the validated content model. Output: a ``Resolved`` document whose blocks carry
their computed numbers and final text, in reading order, so that templates only lay
them out and every output prints the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docgen.model import (
    Block,
    Document,
    Outcome,
    Paragraph,
    Point,
    Points,
    Restatement,
    Section,
    Target,
)
from docgen.resolve.numbering import heading_number, point_marker

__all__ = ["Heading", "Para", "Resolved", "Table", "resolve"]


@dataclass(frozen=True)
class Heading:
    level: int  # 1 to 4: 一、 （一） 1. （1）
    number: str
    text: str
    id: str
    field: str  # where in the content: sections[2].sections[0]


# What a paragraph states for the cross-reference: (field path, Target | Restatement |
# Outcome), in order.
Claims = tuple[tuple[str, Target | Restatement | Outcome], ...]


@dataclass(frozen=True)
class Para:
    text: str
    id: str
    field: str  # where in the content: sections[0].body[1]
    claims: Claims = ()


@dataclass(frozen=True)
class Resolved:
    source: Document
    kind: str
    year: int
    title: str
    notice_title: str | None
    attachment_label: str | None
    blocks: list[Heading | Para] = field(default_factory=list)
    # The 对照表 of the plan's targets against this report's outcomes, as a 附表.
    appendix: Table | None = None


@dataclass(frozen=True)
class Table:
    """A 对照表: its title and rows (``resolve.crossref.Row``)."""

    title: str
    rows: list[Any]


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
            sid = f"{parent_id}_{i}" if parent_id else f"s{i}"
            number = heading_number(level, n)
            out.blocks.append(Heading(level, number, section.heading, sid, f"{field}.heading"))
            _blocks(section.body, sid, f"{field}.body", out.blocks)
            walk(section.sections, level + 1, sid, f"{field}.")

    walk(doc.sections, 1, "", "")
    return out


def _blocks(blocks: list[Block], parent_id: str, field: str, out: list[Heading | Para]) -> None:
    paras: list[tuple[str, str, Claims]] = []  # (text, field, claims)
    for k, block in enumerate(blocks):
        here = f"{field}[{k}]"
        if isinstance(block, str):
            paras.append((block, here, ()))
        elif isinstance(block, Paragraph):
            paras.append((block.text + _units(block.units), here, _claims(block, here)))
        elif isinstance(block, Points):
            points = [
                (
                    point_marker(i) + (p if isinstance(p, str) else p.text),
                    f"{here}.points[{i - 1}]",
                    () if isinstance(p, str) else _claims(p, f"{here}.points[{i - 1}]"),
                )
                for i, p in enumerate(block.points, 1)
            ]
            if block.layout == "paragraphs":
                paras.extend(points)
            else:
                claims = tuple(c for _, _, cs in points for c in cs)
                paras.append(("".join(text for text, _, _ in points), here, claims))
    out.extend(
        Para(text, f"{parent_id}_p{i}", where, claims)
        for i, (text, where, claims) in enumerate(paras, 1)
    )


def _claims(item: Paragraph | Point, field: str) -> Claims:
    """The targets and outcomes a paragraph or point states, with where each stands."""
    return tuple(
        [(f"{field}.targets[{i}]", t) for i, t in enumerate(item.targets)]
        + [(f"{field}.outcomes[{i}]", o) for i, o in enumerate(item.outcomes)]
    )


def _units(units: list[str]) -> str:
    return f"（责任单位：{'、'.join(units)}）" if units else ""

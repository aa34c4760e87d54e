"""Structure rules: a loaded document (and the plan its report names) → the places
where it does not read as a 公文 should.

Each finding is (rule id, field path, message); the field path finds the line through
``Document.where``. These rules see the model, not the text: an empty section, a
number typed by hand or a level skipped, a task without its 责任单位, a target the
year's report says nothing about.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docgen.chinese import POINT, level_number
from docgen.content.model import Document, Paragraph, Points, Section, Target, order_format
from docgen.resolve import Resolved
from docgen.resolve.numbering import kin


@dataclass(frozen=True)
class Finding:
    rule: str
    field: str
    message: str


def typed_level(text: str) -> tuple[int, str, str] | None:
    """The rank whose number a text begins with (0 for 一是), the number, and its form,
    as import reads them (docgen.chinese: one set of forms for both)."""
    if found := level_number(text):
        return found[1], text[: len(text) - len(found[3])].strip(), found[0]
    if point := POINT.match(text):
        return 0, point.group(0), "一是"
    return None


def structure(doc: Document) -> Iterator[Finding]:
    forms = list(doc.numbering.levels)
    yield from _paragraph_numbers(doc.intro, "intro", 0, forms)
    yield from _sections(doc.sections, "", 1, forms)
    yield from _units(doc)
    yield from _order(doc)


def _order(doc: Document) -> Iterator[Finding]:
    """A 命令 in 命令格式 (§10.2) prints its 令号, and its officer signs and dates it."""
    if doc.header is None or not order_format(doc.kind, doc.header.issuer_mark):
        return
    if not doc.header.issue:
        yield Finding("order-incomplete", "header.issuer_mark", "a 令 without its 令号")
    sig = doc.signature
    where = "signature" if sig is not None else "header.issuer_mark"
    if sig is None or sig.signer is None:
        yield Finding("order-incomplete", where, "a 令 without its officer's name")
    if sig is None or sig.date is None:
        yield Finding("order-incomplete", where, "a 令 without its 成文日期")


def _sections(
    sections: list[Section], parent: str, level: int, forms: list[str]
) -> Iterator[Finding]:
    """`forms`: the number forms of this level and those below it, as resolve has them."""
    for i, section in enumerate(sections):
        here = f"{parent}sections[{i}]"
        if not section.body and not section.sections:
            yield Finding(
                "empty-section", here, f"{section.heading}: a heading with nothing under it"
            )
        typed = typed_level(section.heading)
        if typed:
            yield Finding(
                "typed-number",
                f"{here}.heading",
                f"the heading begins with {typed[1]}: docgen prints its number itself",
            )
        below = list(section.levels) or forms[1:]
        yield from _paragraph_numbers(section.body, f"{here}.body", level, below)
        yield from _sections(section.sections, f"{here}.", level + 1, below)


def _texts(blocks: list, field: str) -> Iterator[tuple[str, str]]:
    """(field, text) of every paragraph and point of a body."""
    for k, block in enumerate(blocks):
        here = f"{field}[{k}]"
        if isinstance(block, str):
            yield here, block
        elif isinstance(block, Paragraph):
            yield f"{here}.text", block.text
        elif isinstance(block, Points):
            for j, point in enumerate(block.points):
                where = f"{here}.points[{j}]"
                yield (where, point) if isinstance(point, str) else (f"{where}.text", point.text)


def _paragraph_numbers(blocks: list, field: str, level: int, below: list[str]) -> Iterator[Finding]:
    """A paragraph that begins with a number: the next level's is typed by hand; a
    deeper level's of the scheme (`below`: the forms under this heading) skips one (1.
    straight under 一、)."""
    for where, text in _texts(blocks, field):
        typed = typed_level(text)
        if not typed or typed[0] < 0:  # 第十四条规定的…, 第三节课: a citation, a lesson
            continue
        _, number, form = typed
        deeper = [kin(f) for f in below[1:]]
        if below and kin(form) != kin(below[0]) and kin(form) in deeper:
            yield Finding(
                "level-skipped",
                where,
                f"{number} under a level-{level} heading skips {below[0]}",
            )
        else:
            yield Finding(
                "typed-number", where, f"the paragraph begins with {number}: docgen numbers it"
            )


def _units(doc: Document) -> Iterator[Finding]:
    """In a top-level part where some tasks name their 责任单位, every task must."""
    for i, section in enumerate(doc.sections):
        blocks = list(_blocks(section, f"sections[{i}]"))
        if not any(isinstance(b, Paragraph) and b.units for _, b in blocks):
            continue
        for where, block in blocks:
            if isinstance(block, str) or (isinstance(block, Paragraph) and not block.units):
                yield Finding(
                    "task-without-units",
                    where,
                    f"a task of {section.heading} without 责任单位 (the others name theirs)",
                )


def _blocks(section: Section, field: str) -> Iterator[tuple[str, object]]:
    for k, block in enumerate(section.body):
        yield f"{field}.body[{k}]", block
    for j, sub in enumerate(section.sections):
        yield from _blocks(sub, f"{field}.sections[{j}]")


def targets_without_outcomes(plan: Resolved, report: Resolved) -> Iterator[Finding]:
    """The plan's targets that the report gives no outcome for (findings in the plan)."""
    reported = {
        claim.target
        for block in report.flat()
        for _, claim in getattr(block, "claims", ())
        if hasattr(claim, "target")
    }
    for block in plan.flat():
        for where, claim in getattr(block, "claims", ()):
            if isinstance(claim, Target) and claim.id not in reported:
                yield Finding(
                    "target-without-outcome",
                    where,
                    f"target {claim.id} has no outcome in the {report.kind} ({report.title})",
                )

"""Resolve a ``model.Document`` into plain data ready to print.

Input: the validated content model. Output: a ``Resolved`` document whose blocks carry
their computed numbers and final text, in reading order, so that templates only lay
them out and every output prints the same words.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from babel.dates import format_date

from docgen import spec
from docgen.chinese import chinese_date
from docgen.content.model import (
    Attendance,
    Block,
    Document,
    Header,
    Outcome,
    Paragraph,
    Point,
    Points,
    Restatement,
    Section,
    TableBlock,
    Target,
    Units,
    letter_format,
    order_format,
)
from docgen.resolve.numbering import CENTRED, FORMS, kin, point_marker
from docgen.resolve.quantity import LOCALE

__all__ = ["DataTable", "Heading", "Para", "Resolved", "Table", "resolve"]


@dataclass(frozen=True)
class Heading:
    level: int  # its depth: 1 at the top
    number: str
    text: str
    id: str
    field: str  # where in the content: sections[2].sections[0]
    run_in: Para | None = None  # the paragraph that runs on after it, in its paragraph
    style: int = 0  # which heading style its number's form prints in (1 to 4; 0: level)
    centred: bool = False  # set centred on its line (a 第一章, a 第一节)

    def __post_init__(self) -> None:
        if not self.style:
            object.__setattr__(self, "style", self.level)

    @property
    def lead(self) -> str:
        """The number and heading, as they stand before a run-in paragraph's text."""
        return self.number + self.text


# What a paragraph states for the cross-reference: (field path, Target | Restatement |
# Outcome), in order.
Claims = tuple[tuple[str, Target | Restatement | Outcome], ...]


@dataclass(frozen=True)
class Para:
    text: str
    id: str
    field: str  # where in the content: sections[0].body[1]
    claims: Claims = ()

    @property
    def anchors(self) -> list[tuple[str, int]]:
        """(id, character offset) of each outcome's words in the text: the 对照表's 出处
        points there, so it gives the page the figure is on, not the paragraph's first."""
        found = []
        for i, (_, claim) in enumerate(self.claims):
            at = self.text.find(claim.says) if isinstance(claim, Outcome) else -1
            if at >= 0:
                found.append((anchor_id(self.id, i), at))
        return found


@dataclass(frozen=True)
class DataTable:
    """A table of the text: its caption, header rows and body rows, as printed, and the
    share of the 版心 each column takes (from how long its cells are)."""

    id: str
    field: str
    caption: str | None
    head: list[list[str]]
    body: list[list[str]]
    shares: list[float]
    claims: Claims = ()
    landscape: bool = False  # turned on pages of its own (GB/T 9704 §8)

    @property
    def text(self) -> str:
        """Every cell's text (for the glyph check)."""
        return "".join([self.caption or "", *(c for row in self.head + self.body for c in row)])


def column_shares(rows: list[list[str]]) -> list[float]:
    """Each column's share of the width: its longest cell's length, within 4 to 30
    characters, so a 序号 column stays narrow and no column takes the whole line."""
    longest = [max(min(len(c) + 1, 30) for c in column) for column in zip(*rows, strict=True)]
    longest = [max(n, 4) for n in longest]
    total = sum(longest)
    return [n / total for n in longest]


def anchor_id(para_id: str, claim: int) -> str:
    return f"{para_id}_c{claim}"


@dataclass(frozen=True)
class Resolved:
    source: Document
    kind: str
    year: int
    title: str
    notice_title: str | None
    attachment_label: str | None
    subtitle: list[str] = field(default_factory=list)  # 题注, under the title
    blocks: list[Heading | Para | DataTable] = field(default_factory=list)
    # The 对照表 of the plan's targets against this report's outcomes, as a 附表.
    appendix: Table | None = None
    # A 通知's parts (GB/T 9704 §7): 版头, 主送机关, 附件, 署名 and 日期, 附注, 版记.
    header: Header | None = None
    recipients: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    signature: Signed | None = None
    attendance: Attendance | None = None  # 纪要: 出席, 请假, 列席
    note: str | None = None
    record: Printed | None = None

    def flat(self) -> Iterator[Heading | Para | DataTable]:
        """Every heading and paragraph in reading order, a run-in heading's paragraph
        right after it (the templates print the two as one paragraph)."""
        for block in self.blocks:
            yield block
            if isinstance(block, Heading) and block.run_in is not None:
                yield block.run_in

    @property
    def letter(self) -> bool:
        """A 函 set in 信函格式 (§10.1)."""
        return letter_format(self.kind, self.header and self.header.issuer_mark)

    @property
    def order(self) -> bool:
        """A 命令 set in 命令格式 (§10.2)."""
        return order_format(self.kind, self.header and self.header.issuer_mark)

    @property
    def attachment_names(self) -> list[str]:
        """附件说明: the 附件's names (their titles unless named otherwise), numbered
        only when there are several, as GB/T 9704 writes it: 附件：1.XXXXX. A document
        the 通知 issues or forwards is not listed."""
        names = [a.name for a in self.attachments if a.name is not None]
        if len(names) == 1:
            return names
        return [f"{i}.{name}" for i, name in enumerate(names, 1)]


@dataclass(frozen=True)
class Attachment:
    label: str  # 附件, or 附件1 附件2 when there are several (§8.2); "" when issued
    doc: Resolved | None  # None: named in the 附件说明 only, its text not at hand
    name: str | None = None  # its line in the 附件说明; None: not listed (issued)


@dataclass(frozen=True)
class Signed:
    issuer: str | None
    date: str | None  # 2016年2月2日: Arabic numerals, no leading zeros (§7.3.5)
    seal: bool
    # §7.3.5.3: the officer's name where the signature seal stands, the title two
    # characters left of it: 市长　　龚正.
    signer: str | None = None


@dataclass(frozen=True)
class Printed:
    cc: str | None  # 抄送：A，B。
    printer: str | None
    printed: str | None  # 2016年2月3日印发


@dataclass(frozen=True)
class Table:
    """A 对照表: its title and rows (``resolve.crossref.Row``), and whether it is set
    landscape (GB/T 9704 §8; its seven columns wrap to a few characters upright)."""

    title: str
    rows: list[Any]
    landscape: bool = True


def resolve(doc: Document, prefix: str = "") -> Resolved:
    """Numbers and final texts; `prefix` keeps ids unique where documents are combined
    (a 通知 and its 附件)."""
    out = Resolved(
        doc,
        doc.kind,
        doc.year,
        doc.title,
        doc.notice_title,
        doc.attachment_label,
        subtitle=doc.subtitle,
        header=doc.header,
        recipients=doc.recipients,
        signature=_signed(doc),
        attendance=doc.attendance,
        note=doc.note,
        record=_printed(doc),
    )
    _blocks(doc.intro, f"{prefix}intro", "intro", out.blocks)
    # The forms whose numbers run on through the document (1. and 1、 are one: items:
    # continuous), each with its counter, at any depth.
    numbering = doc.numbering
    counters = {kin(form): 0 for form in numbering.continuous}
    if numbering.items == "continuous":
        counters["1."] = 0

    def walk(
        sections: list[Section], level: int, forms: list[str], parent_id: str, parent_field: str
    ) -> None:
        """`forms`: the number forms of this level and those below it (the document's,
        or those of a heading above that says its own)."""
        if not sections:
            return
        if not forms:  # load() refuses this with the heading's line
            raise ValueError(f"no number form for level {level}")
        make, style = FORMS[forms[0]]
        counted = kin(forms[0])
        n = 0  # the last number given among these siblings
        for i, section in enumerate(sections, 1):
            field = f"{parent_field}sections[{i - 1}]"
            if section.restart:
                n = 0
                if counted in counters:
                    counters[counted] = 0
            if not section.numbered:
                pass  # 序言: no number, none taken
            elif counted in counters:
                counters[counted] += 1
                n = counters[counted]
            else:
                n += 1
            sid = f"{parent_id}_{i}" if parent_id else f"{prefix}s{i}"
            body = section.body
            run_in: list[Heading | Para] = []
            if section.run_in:  # its first paragraph prints in the heading's paragraph
                _blocks(body[:1], f"{sid}_r", f"{field}.body", run_in)
                body = body[1:]
            heading = Heading(
                level,
                make(n) if section.numbered else "",
                section.heading,
                sid,
                f"{field}.heading",
                run_in[0] if run_in else None,  # type: ignore[arg-type]
                style,
                forms[0] in CENTRED,
            )
            out.blocks.append(heading)
            out.blocks.extend(run_in[1:])  # a 责任单位 line of its own after its text
            _blocks(body, sid, f"{field}.body", out.blocks, start=1 if run_in else 0)
            below = list(section.levels) or forms[1:]
            walk(section.sections, level + 1, below, sid, f"{field}.")

    walk(doc.sections, 1, list(numbering.levels), "", "")
    return out


def _blocks(
    blocks: list[Block],
    parent_id: str,
    field: str,
    out: list[Heading | Para | DataTable],
    start: int = 0,
) -> None:
    """`blocks` resolved into paragraphs; `start` is the index of the first in the
    content's list (after a run-in paragraph, 1)."""
    paras: list[tuple[str, str, Claims] | DataTable] = []  # (text, field, claims)
    for k, block in enumerate(blocks, start):
        here = f"{field}[{k}]"
        if isinstance(block, TableBlock):
            rows = [[_cell(c) for c in row] for row in block.table]
            paras.append(
                DataTable(
                    f"{parent_id}_t{k}",
                    here,
                    block.caption,
                    rows[: block.header],
                    rows[block.header :],
                    column_shares(rows),
                    landscape=block.orientation == "landscape",
                )
            )
        elif isinstance(block, str):
            paras.append((block, here, ()))
        elif isinstance(block, Paragraph):
            units = block.units
            if isinstance(units, Units) and units.form == "单列":
                paras.append((block.text, here, _claims(block, here)))
                paras.append((_units(units), f"{here}.units", ()))
            else:
                paras.append((block.text + _units(units), here, _claims(block, here)))
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
        p if isinstance(p, DataTable) else Para(p[0], f"{parent_id}_p{i}", p[1], p[2])
        for i, p in enumerate(paras, 1)
    )


def _claims(item: Paragraph | Point, field: str) -> Claims:
    """The targets and outcomes a paragraph or point states, with where each stands."""
    return tuple(
        [(f"{field}.targets[{i}]", t) for i, t in enumerate(item.targets)]
        + [(f"{field}.outcomes[{i}]", o) for i, o in enumerate(item.outcomes)]
    )


def long_date(date: datetime.date) -> str:
    """2016年2月2日 (babel's zh_CN long form): full year, no leading zeros."""
    return format_date(date, format="long", locale=LOCALE)


def _signed(doc: Document) -> Signed | None:
    sig = doc.signature
    if sig is None:
        return None
    signer = sig.signer
    if signer and sig.signer_title:
        signer = f"{sig.signer_title}{spec.SIGNER_TITLE_GAP}{signer}"
    date = None
    if sig.date is not None and sig.numerals == "chinese":
        date = chinese_date(sig.date.year, sig.date.month, sig.date.day)
    elif sig.date is not None:
        date = long_date(sig.date)
    return Signed(sig.issuer, date, sig.seal, signer)


def _printed(doc: Document) -> Printed | None:
    rec = doc.record
    if rec is None:
        return None
    # §7.4.2: 抄送机关 separated by ，, ending with 。
    cc = f"抄送：{'，'.join(rec.cc)}。" if rec.cc else None
    printed = f"{long_date(rec.printed)}印发" if rec.printed else None
    return Printed(cc, rec.printer, printed)


def _cell(value: str | int | float) -> str:
    """A cell as printed: numbers as written (2.0 → 2), text as it is."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def names(units: list[str]) -> str:
    """Unit names as a list prints them: A、B, and ， beside a name that holds a 、
    itself (市委组织部、市人力资源和社会保障局，各区、县级市; GB/T 15834 §4.5)."""
    out = units[0] if units else ""
    for before, name in itertools.pairwise(units):
        out += ("，" if "、" in before or "、" in name else "、") + name
    return out


def _units(units: list[str] | Units) -> str:
    """责任单位 as the document prints them (a list: （责任单位：A、B））."""
    if not units:
        return ""
    if not isinstance(units, Units):
        return f"（责任单位：{names(units)}）"
    lead, support = names(units.lead), names(units.support)
    if units.form == "负责":
        return f"（{lead}牵头，{support}配合）" if support else f"（{lead}负责）"
    label = units.label or ("牵头单位" if support else "责任单位")
    also = f"{units.separator}{units.support_label}：{support}" if support else ""
    said = f"{label}：{lead}{also}"
    return f"{said}。" if units.form == "单列" else f"（{said}）"

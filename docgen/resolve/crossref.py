"""Targets of a 工作要点 against their outcomes in a 进展情况: the 对照表.

Input: the plan and the report, resolved. Output: one ``Row`` a target, in the plan's
order, with the status and completion rate computed from the two documents' data.
Every check of the data (ids that clash or point nowhere, words that are not in the
sentence they are said to come from) is a ``ContentError`` at its file and line.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from docgen.content.model import Outcome, Restatement, Target
from docgen.errors import ContentError
from docgen.resolve import Heading, Para, Resolved, Table, anchor_id
from docgen.resolve.quantity import base_value, number, rate, same_thing

Claim = Target | Restatement | Outcome

# Statuses, as the table prints them.
DONE, EXCEEDED, MISSED, NO_DATA, QUALITATIVE = "已完成", "超额完成", "未完成", "无数据", "定性"
# 左右 ("about"): within a tenth of the target counts as meeting it.
ABOUT = 0.1
# Comparison words written after the number (60%以上, 800门左右); the rest before it.
SUFFIX_WORDS = {"以上", "左右"}


@dataclass(frozen=True)
class Source:
    """Where an outcome is reported: the paragraph, and its top-level section."""

    anchor: str  # the paragraph's id in the report
    section_number: str  # 四、
    section: str  # 数字教育资源开发与应用


@dataclass(frozen=True)
class Row:
    number: int
    id: str
    indicator: str
    target: str  # 达到95%
    actual: str  # 87.6%, or the report's words where not comparable
    status: str
    rate: str  # 92.2%, or empty
    note: str
    source: Source | None
    ratio: float | None = None  # the completion rate as a number, where there is one


# The table's columns, in order, with their cells' class: seq (centred), num (a
# figure, aligned right), or none (text).
COLUMNS = (
    ("序号", "seq"),
    ("指标", ""),
    ("目标", ""),
    ("完成情况", ""),
    ("状态", ""),
    ("完成率", "num"),
    ("出处", ""),
)


def standalone(plan: Resolved, report: Resolved) -> Resolved:
    """The 对照表 as a document of its own (`docgen crossref`)."""
    found = table(plan, report)
    # By keyword: Resolved's optional fields grow (main's 题注 came before `blocks`).
    return Resolved(report.source, "对照表", report.year, found.title, None, None, appendix=found)


def table(plan: Resolved, report: Resolved) -> Table:
    """The 对照表 of a plan and a report, titled after the plan; landscape unless the
    report's ``crossref.orientation`` says portrait."""
    ref = report.source.crossref
    landscape = ref is None or ref.orientation == "landscape"
    return Table(f"{plan.title}目标完成情况对照表", crossref(plan, report), landscape)


def crossref(plan: Resolved, report: Resolved) -> list[Row]:
    targets = _targets(plan)
    outcomes = _outcomes(report, targets)
    rows = []
    for n, (target, _) in enumerate(targets.values(), 1):
        found = outcomes.get(target.id)
        if found is None:
            rows.append(
                Row(n, target.id, target.indicator, _target_text(target), "", NO_DATA, "", "", None)
            )
            continue
        outcome, source = found
        status, actual, completion, note, ratio = _compare(target, outcome)
        rows.append(
            Row(
                n,
                target.id,
                target.indicator,
                _target_text(target),
                actual,
                status,
                completion,
                note,
                source,
                ratio,
            )
        )
    return rows


def _fail(doc: Resolved, field: str, message: str, expected: str | None = None) -> ContentError:
    path, line = doc.source.where(field)
    parent = field
    while line is None and "." in parent:  # a field the YAML lacks: its parent's line
        parent = parent.rsplit(".", 1)[0]
        line = doc.source.where(parent)[1]
    return ContentError(message, path or "<document>", line, field=field, expected=expected)


def _claims(doc: Resolved) -> Iterator[tuple[Para, Heading | None, str, Claim, int]]:
    """(paragraph, its top-level section, field, claim, the claim's index in it)."""
    section: Heading | None = None
    for block in doc.flat():
        if isinstance(block, Heading):
            if block.level == 1:
                section = block
            continue
        for i, (field, claim) in enumerate(block.claims):
            yield block, section, field, claim, i


def _check_says(doc: Resolved, para: Para, field: str, says: str) -> None:
    if says not in para.text:
        raise _fail(
            doc,
            f"{field}.says",
            f"'{says}' is not in its paragraph",
            "words copied from the sentence that states it",
        )


def _targets(plan: Resolved) -> dict[str, tuple[Target, str]]:
    targets: dict[str, tuple[Target, str]] = {}
    restated: list[tuple[str, Restatement]] = []
    for para, _, field, claim, _ in _claims(plan):
        if isinstance(claim, Outcome):
            raise _fail(
                plan, field, "an outcome in a 工作要点", "targets here, outcomes in a 进展情况"
            )
        _check_says(plan, para, field, claim.says)
        if isinstance(claim, Restatement):
            restated.append((field, claim))
            continue
        if claim.id in targets:
            first = plan.source.where(targets[claim.id][1])[1]
            raise _fail(
                plan,
                f"{field}.id",
                f"target id '{claim.id}' is used twice",
                f"ids that differ (the first is on line {first})",
            )
        if claim.compare != "定性" and claim.value is None and not claim.breakdown:
            raise _fail(
                plan,
                f"{field}.value",
                f"target '{claim.id}' has no value",
                f"a number for '{claim.compare}', or compare: 定性",
            )
        targets[claim.id] = (claim, field)
    for field, claim in restated:
        if claim.restates not in targets:
            raise _fail(
                plan,
                f"{field}.restates",
                f"no target '{claim.restates}' to restate",
                "the id of a target of this plan",
            )
    return targets


def _outcomes(report: Resolved, targets: dict[str, tuple[Target, str]]) -> dict[str, tuple]:
    found: dict[str, tuple[Outcome, Source]] = {}
    fields: dict[str, str] = {}
    for para, section, field, claim, index in _claims(report):
        if not isinstance(claim, Outcome):
            raise _fail(
                report, field, "a target in a 进展情况", "outcomes here, targets in the plan"
            )
        _check_says(report, para, field, claim.says)
        if claim.target not in targets:
            raise _fail(
                report,
                f"{field}.target",
                f"no target '{claim.target}' in the plan",
                "the id of a target of the 工作要点",
            )
        if claim.target in found:
            first = report.source.where(fields[claim.target])[1]
            raise _fail(
                report,
                f"{field}.target",
                f"a second outcome for '{claim.target}'",
                f"one outcome a target (the first is on line {first})",
            )
        source = Source(
            anchor_id(para.id, index),
            section.number if section else "",
            section.text if section else "",
        )
        found[claim.target] = (claim, source)
        fields[claim.target] = field
    return found


def _target_text(target: Target) -> str:
    if target.compare == "定性":
        return target.says
    if target.breakdown:
        amount = "，".join(f"{k}{number(v)}{target.unit}" for k, v in target.breakdown.items())
        if target.compare not in SUFFIX_WORDS:
            return f"{target.compare}：{amount}"
    else:
        amount = f"{number(target.value or 0)}{target.unit}"
    if target.compare in SUFFIX_WORDS:
        return f"{amount}{target.compare}"
    return f"{target.compare}{amount}"


def _actual_value(outcome: Outcome) -> float | None:
    if outcome.parts:
        return sum(outcome.parts)
    return outcome.value


def _actual_text(outcome: Outcome) -> str:
    if outcome.breakdown:
        return "，".join(f"{k}{number(v)}{outcome.unit}" for k, v in outcome.breakdown.items())
    value = _actual_value(outcome)
    text = f"{number(value or 0)}{outcome.unit}"
    if outcome.parts:
        # Full-width ＋: a line may break beside it, as it may not in 2000+700.
        text += f"（{'＋'.join(number(p) for p in outcome.parts)}）"
    return text


def _status(compare: str, ratio: float) -> str:
    ratio = round(ratio, 9)  # 0.14亿 against 1400万 is 1.0, not 0.9999999999
    if compare == "左右":
        return DONE if abs(ratio - 1) <= ABOUT else (EXCEEDED if ratio > 1 else MISSED)
    if compare == "保持":  # 保持100%: kept or not; keeping cannot exceed
        return DONE if ratio >= 1 else MISSED
    if compare == "超过" and ratio <= 1:
        return MISSED  # 超过 asks for more than the number itself
    return MISSED if ratio < 1 else (DONE if ratio == 1 else EXCEEDED)


def _compare(target: Target, outcome: Outcome) -> tuple[str, str, str, str, float | None]:
    """(status, actual, completion rate, note, rate as a number) of one target."""
    note = outcome.note
    if target.compare == "定性" or not outcome.comparable:
        return QUALITATIVE, outcome.says, "", note, None
    if outcome.value is None and not outcome.parts and not outcome.breakdown:
        return NO_DATA, "", "", note, None  # a value still to fill in (draft report)
    if not same_thing(target.unit, outcome.unit):
        flag = f"单位不同（目标{target.unit or '无单位'}，实际{outcome.unit or '无单位'}），未比较"
        return QUALITATIVE, _actual_text(outcome), "", "；".join(filter(None, [flag, note])), None
    if bool(target.breakdown) != bool(outcome.breakdown) and not target.breakdown:
        flag = "分项不同，未比较"  # parts reported against one figure
        return QUALITATIVE, _actual_text(outcome), "", "；".join(filter(None, [flag, note])), None
    if target.breakdown:
        if set(outcome.breakdown) != set(target.breakdown) or 0 in target.breakdown.values():
            flag = "分项不同，未比较"
            return QUALITATIVE, outcome.says, "", "；".join(filter(None, [flag, note])), None
        ratios = {
            k: base_value(outcome.breakdown[k], outcome.unit)[0] / base_value(v, target.unit)[0]
            for k, v in target.breakdown.items()
        }
        statuses = {_status(target.compare, r) for r in ratios.values()}
        status = MISSED if MISSED in statuses else (EXCEEDED if EXCEEDED in statuses else DONE)
        rates = "，".join(f"{k}{rate(r)}" for k, r in ratios.items())
        lowest = min(ratios.values())
        if len({round(r, 3) for r in ratios.values()}) == 1:
            rates = rate(lowest)
        return status, _actual_text(outcome), rates, note, lowest
    actual = _actual_value(outcome)
    wanted = base_value(target.value or 0, target.unit)[0]
    if wanted == 0:
        return QUALITATIVE, _actual_text(outcome), "", note, None
    ratio = base_value(actual or 0, outcome.unit)[0] / wanted
    if not math.isfinite(ratio):  # a target of 1e-320: no rate to print
        flag = "目标值过小，未比较"
        return QUALITATIVE, _actual_text(outcome), "", "；".join(filter(None, [flag, note])), None
    return _status(target.compare, ratio), _actual_text(outcome), rate(ratio), note, ratio

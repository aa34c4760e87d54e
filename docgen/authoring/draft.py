"""Drafts for the year's two moments: next year's 工作要点, and the 进展情况 skeleton.

Input: a 工作要点 content file (and for the next plan, optionally the 进展情况 that
reported on it). Output: ``Draft``, the data of a new content file with the comments a
person reads while editing it (for ``yamlout.dump``). Both drafts load and build as
they are.

- ``draft_plan``: the structure, tasks and targets carried over, the plan's year moved
  on where the text names it, and above each target how it ended — from
  ``resolve.crossref``, the same rows as the 对照表.
- ``draft_report``: one section per area of the plan, and in each an outcome slot for
  every target of that area, its text a visible 【待填写：…】 until someone writes it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.chinese import inner_brackets
from docgen.content.load import load
from docgen.content.model import Document, Restatement, Target
from docgen.errors import ContentError
from docgen.resolve import Heading, Para, Resolved, crossref, resolve
from docgen.resolve.numbering import point_marker
from docgen.resolve.quantity import number

PLACEHOLDER = "【待填写：{}】"


@dataclass
class Draft:
    """The data of a content file, with comments keyed by field path."""

    data: dict[str, Any]
    comments: dict[str, list[str]] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)


def _load_kind(path: Path, kind: str) -> Document:
    doc = load(path)
    if doc.kind != kind:
        raise ContentError(
            f"this is a {doc.kind}", path, doc.where("kind")[1], field="kind", expected=f"a {kind}"
        )
    return doc


# --- next year's plan ---------------------------------------------------------------


def draft_plan(plan_path: Path, year: int, report_path: Path | None = None) -> Draft:
    """Next year's 工作要点 from this year's, with a note on how each target ended."""
    source = _load_kind(plan_path, "工作要点")
    if year <= source.year:
        raise ContentError(
            f"--year {year} is not after the plan's year {source.year}",
            plan_path,
            source.where("year")[1],
            field="year",
            expected=f"a year after {source.year}, such as {source.year + 1}",
        )
    plan = resolve(source)
    rows: dict[str, crossref.Row] | None = None
    if report_path is not None:
        report = resolve(_load_kind(report_path, "进展情况"))
        rows = {row.id: row for row in crossref.crossref(plan, report)}

    data = source.model_dump(exclude_defaults=True)
    for signed in ("signature", "note"):  # the year's plan as published: the new one is not yet
        data.pop(signed, None)
    data, moved = _move_year(data, source.year, year)
    data["year"] = year
    draft = Draft(data)
    for path, target in _targets(data):
        draft.comments[path] = [target_note(source.year, target, rows)]
    draft.header = [
        f"{data['title']} — 草稿：docgen draft plan 据 {plan_path}"
        + (f" 与 {report_path}" if report_path else "")
        + " 拟定。",
        f"结构、任务和目标沿用{source.year}年；正文和标题中的“{source.year}年”已改为"
        f"“{year}年”（{moved}处）。",
        f"目标的数值仍是{source.year}年的：每个目标上方的注释说明它{source.year}年完成得如何，"
        "请据此修改正文和目标（says 须与正文一致）。",
        "序号（一、（一）1. 一是）由 docgen 计算，不要手写。",
    ]
    return draft


def _move_year(value: Any, old: int, new: int) -> tuple[Any, int]:
    """Every '2016年' that names the plan's year → '2017年'; not 财教〔2013〕, not 2016—2020年."""
    pattern = re.compile(rf"(?<![0-9〔\[［—–\-~～至到]){old}(?=\s*年)(?!\s*年\s*[—–\-~～至到])")
    count = 0

    def walk(v: Any) -> Any:
        nonlocal count
        if isinstance(v, str):
            moved, n = pattern.subn(str(new), v)
            count += n
            return moved
        if isinstance(v, dict):
            out = {k: walk(x) for k, x in v.items()}
            _keep_says_in_text(v, out)
            return out
        if isinstance(v, list):
            return [walk(x) for x in v]
        return v

    return walk(value), count


def _keep_says_in_text(old: dict[str, Any], new: dict[str, Any]) -> None:
    """A target's or outcome's `says` stays the very words of its moved text: the same
    place in it (a year is as long as the year it replaces), whatever the pattern saw
    around the shorter `says` alone."""
    old_text, new_text = old.get("text"), new.get("text")
    if not isinstance(old_text, str) or not isinstance(new_text, str):
        return
    if len(old_text) != len(new_text):
        return
    for key in ("targets", "outcomes"):
        for old_item, new_item in zip(old.get(key) or [], new.get(key) or [], strict=False):
            says = old_item.get("says") if isinstance(old_item, dict) else None
            if isinstance(says, str) and (at := old_text.find(says)) >= 0:
                new_item["says"] = new_text[at : at + len(says)]


def _targets(value: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(field path, target) of every target the data sets (not restatements)."""
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{key}" if path else key
            if key == "targets" and isinstance(item, list):
                for i, t in enumerate(item):
                    if isinstance(t, dict) and "id" in t:
                        yield f"{here}[{i}]", t
            else:
                yield from _targets(item, here)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _targets(item, f"{path}[{i}]")


def target_note(year: int, target: dict[str, Any], rows: dict[str, crossref.Row] | None) -> str:
    """'2016年：未完成（87.6%，目标达到95%，完成率92.2%，差7.4个百分点）——是否延续？'"""
    head = f"{year}年："
    if rows is None:
        return f"{head}无数据（未提供{year}年进展情况）——请核实完成情况"
    row = rows.get(target["id"])
    if row is None or row.status == crossref.NO_DATA:
        return f"{head}{crossref.NO_DATA}（进展情况未报告此项）——是否保留？请核实完成情况"
    if row.status == crossref.QUALITATIVE:
        detail = "；".join(filter(None, [f"进展情况：{row.actual}", row.note]))
        if target.get("compare") == "定性":
            return f"{head}{row.status}（{inner_brackets(detail)}）——是否延续？"
        return f"{head}未比较（{inner_brackets(detail)}）——请核实完成情况，是否延续？"
    parts = [row.actual, f"目标{row.target}", f"完成率{row.rate}"]
    if row.status == crossref.MISSED:
        parts.append(_gap(target, row))
    detail = "，".join(filter(None, parts))
    if row.note:
        detail += f"；{row.note}"
    ask = "是否延续？" if row.status == crossref.MISSED else "是否提高目标？"
    return f"{head}{row.status}（{inner_brackets(detail)}）——{ask}"


def _gap(target: dict[str, Any], row: crossref.Row) -> str:
    """How far short, in the target's own unit, from the completion rate of the row."""
    value = target.get("value")
    if row.ratio is None or value is None or target.get("breakdown"):
        return ""
    gap = value * (1 - row.ratio)
    if gap <= 0:
        return ""
    unit = target.get("unit", "")
    return f"差{number(round(gap, 2))}{'个百分点' if unit == '%' else unit}"


# --- the year-end report's skeleton ---------------------------------------------------


@dataclass
class _Area:
    """A part of the plan the report has a section for: a 重点任务 heading, say."""

    field: str  # sections[2].sections[0]
    heading: str
    tasks: list[str] = field(default_factory=list)  # its headings: 1.做好…
    targets: list[str] = field(default_factory=list)  # ids, in the plan's order
    whole: bool = False  # a top-level section of targets (核心目标), not a task area


def draft_report(plan_path: Path, out: Path | None = None) -> Draft:
    """A 进展情况 skeleton: a section per area of the plan, an outcome slot per target."""
    source = _load_kind(plan_path, "工作要点")
    plan = resolve(source)
    empty = Resolved(source, "进展情况", plan.year, "", None, None, [])
    rows = {row.id: row for row in crossref.crossref(plan, empty)}
    targets = {t.id: t for t in _plan_targets(plan)}
    areas = _areas(source, plan)
    places = _places(plan)

    title = report_title(plan.title)
    plan_ref = os.path.relpath(plan_path.resolve(), out.resolve().parent) if out else plan_path.name
    data: dict[str, Any] = {
        "kind": "进展情况",
        "year": plan.year,
        "title": title,
        "crossref": {"plan": Path(plan_ref).as_posix(), "appendix": False},
        "intro": [PLACEHOLDER.format(f"{plan.year}年工作总体进展")],
        "sections": [],
    }
    draft = Draft(data)
    draft.comments["title"] = ["据工作要点的标题拟定，请核对"]
    draft.comments["crossref.plan"] = [
        "工作要点文件，相对本文件" + ("" if out else "（假定本文件与它在同一文件夹，否则请改）")
    ]
    draft.comments["crossref.appendix"] = [
        "各目标的实际值填好后改为 true：文末附目标完成情况对照表"
    ]
    for area in areas:
        if not area.targets and not area.tasks:
            continue
        k = len(data["sections"])
        body: list[Any] = [PLACEHOLDER.format("本方面工作进展")]
        heading = area.heading.rstrip("。")
        if area.whole and not heading.endswith("情况"):
            heading += "完成情况"  # 核心目标 → 核心目标完成情况
        data["sections"].append({"heading": heading, "body": body})
        if area.tasks:
            draft.comments[f"sections[{k}]"] = ["工作要点的任务：", *area.tasks]
        for target_id in area.targets:
            row, target = rows[target_id], targets[target_id]
            m = len(body)
            body.append(_slot(row, target))
            draft.comments[f"sections[{k}].body[{m}]"] = [
                f"{_slot_help(row, target)}（工作要点 {places[target_id]}）"
            ]
            if "value" in body[-1]["outcomes"][0]:
                draft.comments[f"sections[{k}].body[{m}].outcomes[0].value"] = [
                    f"待填：实际值（{target.unit or '无单位'}）"
                ]
    if not data["sections"]:
        del data["sections"]  # a plan with neither tasks nor targets: the intro only
    draft.header = [
        f"{title} — 骨架：docgen draft report 据 {plan_path} 拟定。",
        "【待填写：…】处改写为实际进展。每个目标有一个 outcomes 条目：value 填实际值，",
        "says 改为正文中报告它的原文（须一字不差）。填好后 docgen crossref 即可对照。",
        "各部分沿用工作要点的任务方面，标题可改写、增删；序号由 docgen 计算，不要手写。",
    ]
    return draft


def report_title(plan_title: str) -> str:
    """'2016年教育信息化工作要点' → '2016年教育信息化工作进展情况'."""
    for ending in ("工作要点", "要点", "工作计划", "计划"):
        if plan_title.endswith(ending):
            stem = plan_title[: -len(ending)]
            return f"{stem}工作进展情况" if ending.startswith("工作") else f"{stem}进展情况"
    return f"{plan_title}进展情况"


def _plan_targets(plan: Resolved) -> Iterator[Target]:
    for block in plan.flat():
        if isinstance(block, Para):
            for _, claim in block.claims:
                if isinstance(claim, Target):
                    yield claim


def _areas(source: Document, plan: Resolved) -> list[_Area]:
    """The plan's areas: the subsections of a top-level section that has them (重点任务's
    （一）（二）), or a top-level section without them that states targets (核心目标).
    A target belongs to the last area that states or restates it: to the task that
    carries it out rather than the list of 核心目标."""
    areas: list[_Area] = []
    for i, section in enumerate(source.sections):
        if section.sections:
            areas.extend(
                _Area(f"sections[{i}].sections[{j}]", sub.heading)
                for j, sub in enumerate(section.sections)
            )
        else:
            areas.append(_Area(f"sections[{i}]", section.heading, whole=True))
    owner: dict[str, _Area] = {}
    other = _Area("", "其他目标")
    for block in plan.flat():
        area = next((a for a in areas if _within(block.field, a.field)), None)
        if isinstance(block, Heading):
            if area is not None and block.field != f"{area.field}.heading":
                area.tasks.append(f"{block.number}{block.text}")
            continue
        for _, claim in block.claims:
            target_id = claim.restates if isinstance(claim, Restatement) else claim.id
            owner[target_id] = area or other
    for target in _plan_targets(plan):
        owner[target.id].targets.append(target.id)
    return [*areas, other]


def _places(plan: Resolved) -> dict[str, str]:
    """Where the plan last states each target: '二、核心目标 三是', '2.加快推进…'."""
    places: dict[str, str] = {}
    heading = ""
    for block in plan.flat():
        if isinstance(block, Heading):
            heading = f"{block.number}{block.text}"
            continue
        point = re.search(r"\.points\[(\d+)\]$", block.field)
        for _, claim in block.claims:
            target_id = claim.restates if isinstance(claim, Restatement) else claim.id
            where = heading.rstrip("。")
            places[target_id] = (
                f"{where} {point_marker(int(point.group(1)) + 1)}" if point else where
            )
    return places


def _within(field: str, area: str) -> bool:
    return field.startswith(f"{area}.") or field.startswith(f"{area}[")


def _slot(row: crossref.Row, target: Target) -> dict[str, Any]:
    """A paragraph that shows itself as empty, and the outcome the 对照表 will read."""
    outcome: dict[str, Any] = {"target": target.id, "says": row.indicator}
    if target.compare != "定性" and not target.breakdown:
        outcome["value"] = None
    if target.unit:
        outcome["unit"] = target.unit
    text = PLACEHOLDER.format(f"{row.indicator}（目标：{row.target}）")
    return {"text": text, "outcomes": [outcome]}


def _slot_help(row: crossref.Row, target: Target) -> str:
    if target.compare == "定性":
        return f"定性目标“{target.id}”：写明完成情况，says 改为正文中报告它的原文"
    if target.breakdown:
        parts = "、".join(target.breakdown)
        example = ", ".join(f"{k}: 实际值" for k in target.breakdown)
        return f"分项目标“{target.id}”（{parts}）：填 breakdown: {{{example}}}"
    return f"目标“{target.id}”：{row.target}"

"""Import an existing document: plain text or DOCX → the data of a content file.

Input: the paragraphs of a document, as ``reader.py`` reads them from a text or DOCX
file. Output: ``Imported``, the data of a ``model.Document`` (for ``yamlout.dump``) with
comments at the places that need a look, and warnings naming their line.

The numbers 一、（一）1.（1） and 一是…二是… become structure — sections and points
that docgen numbers again when it prints — and （责任单位：…） becomes ``units``.
Nothing is invented and no text dropped: building the imported YAML prints the text
it came from, with its punctuation in the full-width forms official documents use
(``fullwidth.py``). Where the text's own numbering cannot be kept as it stands (a level
skipped, a number out of sequence), the import says so at the line.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from docgen.authoring.reader import Line, read
from docgen.chinese import (
    DOC_NUMBER,
    POINT,
    full_width,
    is_cjk,
    level_number,
    parse_numeral,
)
from docgen.content.model import STANDARD_LEVELS, UNISSUED_KINDS
from docgen.resolve.numbering import point_marker

_LEVEL_NAMES = dict(enumerate(STANDARD_LEVELS, 1))  # GB/T 9704's form of each level
# 责任单位 as documents print them: （责任单位：A、B）, （牵头单位：A；配合单位：B）,
# （责任科室：A）, the national （A、B负责）, and a line of its own 责任单位：A。
_LEAD = "责任单位|责任科室|责任处室|责任部门|牵头单位|牵头部门|主责单位"
_SUPPORT = "配合单位|配合部门|协办单位|参与单位"
_UNITS = re.compile(
    rf"\s*[（(]\s*({_LEAD})\s*[:：]\s*([^（）()；;]+?)"
    rf"(?:\s*[；;]\s*({_SUPPORT})\s*[:：]\s*([^（）()]+?))?\s*[）)]\s*$"
)
_RESPONSIBLE = re.compile(
    r"\s*[（(]([^（）()，,。；由]{2,60}?)(?:负责|牵头，([^（）()。]{2,60})配合)[）)]\s*$"
)
_UNITS_LINE = re.compile(rf"^({_LEAD})\s*[:：]\s*(.+?)[。.]?$")
_UNIT_SEPARATORS = re.compile(r"\s*[、，,；;]\s*")
UNIT_MAX = 20  # a unit's name, not a phrase
_LABEL = re.compile(r"^(附件|附表)\s*[0-9０-９]*\s*[:：]?$")
_NOTICE = re.compile(r"^.*关于.+的通知$")
# The 文种 a title ends with; 复函 and 答复 are 函.
_TITLE_KIND = re.compile(
    r"(通知|意见|通报|决定|决议|命令|公报|公告|通告|议案|报告|请示|批复|复函|答复|函|纪要|"
    r"方案|规定|办法|总结|要点|情况)$"
)
_KIND_OF = {"复函": "函", "答复": "函"}
# An issued document's parts (GB/T 9704 §7): 发文字号, 主送 (ends with a colon), 成文日期
# in Arabic numerals, 附注 in brackets.
_RECIPIENTS = re.compile(r"^([^。；]{2,120})[：:]$")
_DATE = re.compile(r"^((?:19|20)[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日$")
_CN_DATE = re.compile(
    r"^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$"
)
_NOTE = re.compile(r"^[（(]([^（）()]{2,40})[）)]$")
SIGNATURE_MAX = 30  # a 署名 is a name, not a sentence
_YEAR = re.compile(r"(?<![0-9])((?:19|2[0-9])[0-9]{2})\s*年")
_REPORT_WORDS = ("进展情况", "完成情况", "工作总结", "总结")
_PLAN_WORDS = ("要点", "计划", "安排")
# Longer than this, a heading is probably a run-in heading with its paragraph.
LONG_HEADING = 60
TITLE_MAX = 60
_SENTENCE_END = tuple("。；，：！？")


@dataclass
class Imported:
    """A document read back into content data."""

    data: dict[str, Any]
    comments: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)  # (line, message)
    unit: str = "line"  # what a warning's number counts: a text's lines, a DOCX's paragraphs
    header: list[str] = field(default_factory=list)


def import_file(path: Path | str) -> Imported:
    """Read a text or DOCX file and turn it into content data."""
    path = Path(path)
    lines, unit, skipped = read(path)
    imported = parse(lines, fallback_title=path.stem, unit=unit)
    imported.warnings[:0] = skipped
    imported.header = [
        f"{imported.data['title']} — docgen import 自 {path} 导入。",
        "序号（一、（一）1.（1） 一是）已转为结构，由 docgen 计算，不要手写；"
        "（责任单位：…）已转为 units。",
        "kind 和 year 据标题推断，请核对。",
    ]
    return imported


# --- structure ------------------------------------------------------------------------


def parse(lines: list[Line], fallback_title: str = "", unit: str = "line") -> Imported:
    """Paragraphs of a document → content data: the title block, then the hierarchy."""
    return _Parser(lines, fallback_title, unit).run()


@dataclass
class _Heading:
    line: Line
    level: int  # the level its marker names, 1 to 4
    written: int | None  # the number the source gives it
    section: dict[str, Any]
    path: str
    depth: int  # where it sits in the model: 1 to 4
    index: int  # its place among its siblings, from 1
    form: str = "一、"  # its number's form as written: 一、 （一） 1. 1、 （1）


class _Parser:
    def __init__(self, lines: list[Line], fallback_title: str, unit: str) -> None:
        self.lines = lines
        self.fallback_title = fallback_title
        self.out = Imported({}, unit=unit)
        self.headings: list[_Heading] = []
        self.stack: list[_Heading] = []
        self.enumerations = 0
        # Levels nested out of GB/T 9704's order: said unless the document's own
        # numbering scheme keeps them (see numbering_levels).
        self.out_of_order: list[tuple[Line, str, str]] = []
        self.tail: dict[str, Any] = {}  # 署名, 成文日期, 附注: after the text

    def warn(self, line: Line | None, message: str, path: str | None = None) -> None:
        self.out.warnings.append((line.number if line else None, message))
        if path is not None:
            counted = "行" if self.out.unit == "line" else "段"
            where = f"原文第{line.number}{counted}：" if line else ""
            self.out.comments.setdefault(path, []).append(where + message)

    def run(self) -> Imported:
        rest = self.title_block()
        intro: list[Any] = []
        sections: list[dict[str, Any]] = []
        for line in rest:
            if line.cells:  # a table: rows of cells, the first its header
                self.close_untitled()
                body = self.stack[-1].section.setdefault("body", []) if self.stack else intro
                body.append({"table": [list(row) for row in line.cells]})
                continue
            level, written, text, form = _marker(line)
            untitled = self.stack[-1] if self.stack and _untitled(self.stack[-1].section) else None
            if untitled is not None and level is None and "body" not in untitled.section:
                untitled.section["heading"] = full_width(text)  # 一、 on a line of its own
                self.warn(
                    untitled.line,
                    f"a number on a line of its own: {self.out.unit} {line.number} taken as "
                    "its heading",
                    untitled.path,
                )
                continue
            self.close_untitled()
            if level is None:
                body = self.stack[-1].section.setdefault("body", []) if self.stack else intro
                base = f"{self.stack[-1].path}.body" if self.stack else "intro"
                self.paragraph(line, body, base)
            else:
                self.heading(line, level, written, text, sections, form)
        self.close_untitled()
        data = self.out.data
        numbering: dict[str, Any] = {}
        if levels := self.numbering_levels():
            numbering["levels"] = levels
        else:
            for line, message, path in self.out_of_order:
                self.warn(line, message, path)
        if self.numbering_continuous():
            numbering["items"] = "continuous"
        if numbering:
            data["numbering"] = numbering
        if intro:
            data["intro"] = intro
        if sections:
            data["sections"] = sections
        data.update(self.tail)
        if not self.headings and not self.enumerations:
            self.warn(
                None,
                "no 一、（一）1.（1） headings or 一是 enumerations recognised: imported as "
                "plain paragraphs",
            )
        return self.out

    # The title block: 附件 label, the 通知's title, the title.
    def title_block(self) -> list[Line]:
        lines = list(self.lines)
        data = self.out.data
        label = notice = title = None
        while lines and len(lines) > 1 and (label is None or notice is None):
            text = full_width(_clean(lines[0].text))
            if label is None and _LABEL.match(text) and notice is None:
                label = text
            elif notice is None and _NOTICE.match(text) and len(text) <= 2 * TITLE_MAX:
                notice = text
            else:
                break
            lines.pop(0)
        if lines and _title_like(lines[0]):
            title = full_width(_clean(lines.pop(0).text))
            # A title over several lines (梯形, 菱形) ends with its 文种: join up to four.
            if not _TITLE_KIND.search(title):
                for more in range(1, min(4, len(lines))):
                    joined = title + "".join(_clean(x.text) for x in lines[:more])
                    if all(map(_title_like, lines[:more])) and _TITLE_KIND.search(joined):
                        title = full_width(joined)
                        del lines[:more]
                        break
        elif notice:
            title, notice = notice, None
            self.warn(None, "no title after the 通知's title: the 通知's title is the title")
        else:
            title = self.fallback_title or "未命名"
            self.warn(
                self.lines[0] if self.lines else None,
                f"no title line (a short line without 。 before the text): titled "
                f"'{title}' after the file — check it",
                "title",
            )
        data["kind"], kind_known = _kind(title)
        issued = data["kind"] not in UNISSUED_KINDS and not notice and not label
        parts = self.issued_parts(lines) if issued else {}
        signed = parts.get("signature", {}).get("date")
        number = parts.get("header", {}).get("doc_number", "")
        # An issued document's year is its 发文字号's or its date's; a year in its title
        # may be its subject's (同意申办2009年…的复函, issued in 2004).
        dated = f"{signed.year}年" if signed else ""
        places = [number, dated, title] if issued else [title, notice or ""]
        year, year_known = _year(places, [x.text for x in lines])
        if year is not None:
            data["year"] = year
        data["title"] = title
        if notice:
            data["notice_title"] = notice
        if label:
            data["attachment_label"] = label
        if not kind_known:
            self.warn(
                None, f"kind: the title names neither plan nor report; set {data['kind']}", "kind"
            )
        if year is None and not issued:
            self.warn(None, "year: no year in the title or the text; set it", "title")
        elif not year_known and year is not None:
            self.warn(None, f"year: no year in the title; set {year} — check it", "year")
        for key in ("header", "recipients"):
            if key in parts:
                data[key] = parts[key]
        self.tail = {k: parts[k] for k in ("signature", "note") if k in parts}
        return lines

    def issued_parts(self, lines: list[Line]) -> dict[str, Any]:
        """An issued document's 发文字号 and 主送 after its title, and its 署名, 成文日期
        and 附注 at its end, taken out of `lines`."""
        parts: dict[str, Any] = {}
        if lines and DOC_NUMBER.fullmatch(_clean(lines[0].text)):
            parts["header"] = {"doc_number": full_width(_clean(lines.pop(0).text))}
        found = _RECIPIENTS.match(_clean(lines[0].text)) if lines else None
        if found and _marker(lines[0])[0] is None:
            parts["recipients"] = full_width(found.group(1))
            lines.pop(0)
        note = None
        found = _NOTE.match(_clean(lines[-1].text)) if len(lines) > 2 else None
        if found and not _UNITS.match(_clean(lines[-1].text)):
            note = found.group(1)
        at = len(lines) - (2 if note else 1)
        date_text = _clean(lines[at].text) if at > 0 else ""
        signer = _clean(lines[at - 1].text) if at > 1 else ""
        signed = _date(date_text)
        if signed is None:
            return parts
        signature: dict[str, Any] = {"date": signed}
        is_name = len(signer) <= SIGNATURE_MAX and not signer.endswith(_SENTENCE_END)
        if signer and is_name and _marker(lines[at - 1])[0] is None:
            signature = {"issuer": full_width(signer), "date": signed}
            del lines[at - 1]
            at -= 1
        if _CN_DATE.match(date_text):  # as printed before GB/T 9704-2012
            signature["numerals"] = "chinese"
        del lines[at:]
        parts["signature"] = signature
        if note:
            parts["note"] = note
        return parts

    # Headings 一、（一）1.（1）
    def heading(
        self,
        line: Line,
        level: int,
        written: int | None,
        text: str,
        sections: list[dict[str, Any]],
        form: str,
    ) -> None:
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        siblings = parent.section.setdefault("sections", []) if parent else sections
        depth = len(self.stack) + 1
        path = (
            f"{parent.path}.sections[{len(siblings)}]" if parent else f"sections[{len(siblings)}]"
        )
        heading, rest = _run_in(text)
        if not rest and len(text) > RUN_IN_MAX and text.endswith(_SENTENCE_END):
            heading, rest = "", text  # a numbered paragraph: （一）经营性…，要依法…。
        section: dict[str, Any] = {"heading": heading} if heading else {}
        siblings.append(section)
        if rest:  # （一）指导思想。以……: the heading, then its paragraph runs on
            section["run_in"] = True
            body = section.setdefault("body", [])
            self.paragraph(dataclasses.replace(line, text=rest), body, f"{path}.body")
        h = _Heading(line, level, written, section, path, depth, len(siblings), form)
        self.headings.append(h)
        self.stack.append(h)
        if depth != level:
            under = parent.form if parent else "the title"
            self.out_of_order.append(
                (
                    line,
                    f"{form} directly under {under}: docgen nests levels in order, "
                    f"so it prints as {_LEVEL_NAMES[depth]}",
                    path,
                )
            )
        elif written is not None and level != 3 and written != h.index:
            self.warn(
                line,
                f"numbered {written} but it is number {h.index} here: docgen prints "
                f"{_number(level, h.index)}",
                path,
            )
        if len(heading) > LONG_HEADING:
            self.warn(
                line,
                f"a heading of {len(heading)} characters: if its paragraph runs on after it, "
                "split the text into heading and body",
                path,
            )

    def numbering_levels(self) -> list[str] | None:
        """The document's own numbering scheme (一、 → 1., say), when it differs from
        GB/T 9704's and every depth uses one form; None otherwise."""
        forms: dict[int, set[str]] = {}
        for h in self.headings:
            forms.setdefault(h.depth, set()).add(h.form)
        if not forms or any(len(f) != 1 for f in forms.values()):
            return None
        levels = [next(iter(forms[d])) for d in sorted(forms)]
        if levels == list(STANDARD_LEVELS[: len(levels)]):
            return None
        return levels

    def close_untitled(self) -> None:
        """A number with no text and no line after it to take: a visible gap, not a guess."""
        if self.stack and _untitled(self.stack[-1].section):
            h = self.stack[-1]
            h.section["heading"] = "【待填写：标题】"
            self.warn(h.line, "a number with no heading: its heading is left to fill in", h.path)

    def numbering_continuous(self) -> bool:
        """Whether 1. 2. run on across （一）（二）, from the numbers the text gives."""
        third = [h for h in self.headings if h.depth == 3 and h.level == 3 and h.written]
        restart = continuous = 0
        run = []
        for n, h in enumerate(third, 1):
            run.append((h, n))
            restart += h.written == h.index
            continuous += h.written == n
        on = continuous > restart
        for h, n in run:
            wanted = n if on else h.index
            if h.written != wanted:
                how = "run on through the document" if on else "restart under each （一）"
                self.warn(
                    h.line,
                    f"numbered {h.written} but docgen prints {wanted}. (1. 2. {how}, as most "
                    "of this document's do)",
                    h.path,
                )
        return on

    # Paragraphs, 责任单位 and 一是…二是…
    def paragraph(self, line: Line, body: list[Any], base: str) -> None:
        text = full_width(_clean(line.text))
        if (alone := _UNITS_LINE.match(text)) and body and _without_units(body[-1]):
            names = _names(alone.group(2))  # 责任单位：A。 on a line of its own
            if names:
                units: Any = {"lead": names, "form": "单列"}
                if alone.group(1) != "责任单位":
                    units["label"] = alone.group(1)
                text_of = body[-1] if isinstance(body[-1], str) else body[-1]["text"]
                body[-1] = {"text": text_of, "units": units}
                return
        text_only, units = _split_units(text)
        path = f"{base}[{len(body)}]"
        point = POINT.match(text)
        if point is None:
            body.append({"text": text_only, "units": units} if units else text_only)
            return
        n = parse_numeral(point.group(1)) or 0
        previous = body[-1] if body else None
        points = _split_points(text[point.end() :])
        if not all(p.strip() for p in points):
            self.warn(line, f"an empty point in {point.group()}…: kept as text", path)
            body.append({"text": text_only, "units": units} if units else text_only)
            return
        if n > 1:
            if (
                isinstance(previous, dict)
                and previous.get("layout") == "paragraphs"
                and len(previous["points"]) == n - 1
            ):
                previous["points"].append(text[point.end() :])  # one point a paragraph
                if units:
                    self.units_in_points(line, f"{base}[{len(body) - 1}]")
                return
            self.warn(
                line,
                f"{point.group()} with no {point_marker(n - 1)} before it: kept as text",
                path,
            )
            body.append({"text": text_only, "units": units} if units else text_only)
            return
        self.enumerations += 1
        if len(points) > 1:
            body.append({"points": points})
        else:
            body.append({"layout": "paragraphs", "points": points})
        if units:
            self.units_in_points(line, path)

    def units_in_points(self, line: Line, path: str) -> None:
        self.warn(
            line,
            "（责任单位：…） after 一是…: kept as the last point's text, as an enumeration "
            "has no units of its own",
            path,
        )


# A run-in heading (§7.3.3): a short heading ending in 。 (or ：), then its paragraph's
# text in the same line. Longer than this, the first sentence is the text itself.
RUN_IN_MAX = 30
_RUN_IN = re.compile(rf"^([^。：:]{{1,{RUN_IN_MAX}}}?[。：:])\s*(\S.*)$", re.S)


def _untitled(section: dict[str, Any]) -> bool:
    """A number on a line of its own, its heading not found yet (a numbered paragraph
    has its text as a run-in body instead)."""
    return not section.get("heading") and not section.get("run_in")


def _names(text: str) -> list[str]:
    """Unit names from 'A、B，C': each short, or none at all (a phrase is no list)."""
    names = [n for n in _UNIT_SEPARATORS.split(text.strip()) if n]
    return names if names and all(len(n) <= UNIT_MAX for n in names) else []


def _without_units(block: Any) -> bool:
    return isinstance(block, str) or (
        isinstance(block, dict) and "text" in block and not block.get("units")
    )


def _split_units(text: str) -> tuple[str, Any]:
    """A paragraph's text and its 责任单位 (a list, or roles and form), or no units."""
    found = _UNITS.search(text)
    if found and found.start() > 0:
        label, lead, support_label, support = found.groups()
        if label == "责任单位" and not support:
            return text[: found.start()], _names(lead) or []
        units: dict[str, Any] = {"lead": _names(lead)}
        if support:
            units["support"] = _names(support)
        if label != ("牵头单位" if support else "责任单位"):
            units["label"] = label
        if support_label and support_label != "配合单位":
            units["support_label"] = support_label
        if units["lead"] and units.get("support", [1]):
            return text[: found.start()], units
    found = _RESPONSIBLE.search(text)
    if found and found.start() > 0 and (lead := _names(found.group(1))):
        units = {"lead": lead, "form": "负责"}
        if found.group(2):
            units["support"] = _names(found.group(2))
        if units.get("support", [1]):
            return text[: found.start()], units
    return text, []


def _run_in(text: str) -> tuple[str, str]:
    """A heading line as (heading, the text that runs on after it); the text is empty
    when the line is the heading alone, or what follows is only its （责任单位：…）."""
    found = _RUN_IN.match(text)
    if found is None or _UNITS.fullmatch(found.group(2)) or _RESPONSIBLE.fullmatch(found.group(2)):
        return text, ""
    return full_width(found.group(1)), found.group(2)


def _date(text: str) -> date | None:
    """成文日期 in Arabic (2018年12月5日) or Chinese numerals (二〇〇四年八月十二日)."""
    if found := _DATE.match(text):
        numbers = [int(n) for n in found.groups()]
    elif _CN_DATE.match(text):
        numbers = [parse_numeral(part) or 0 for part in re.split("[年月日]", text)[:3]]
    else:
        return None
    try:
        return date(*numbers)
    except ValueError:
        return None


def _split_points(text: str) -> list[str]:
    """'A。二是B。三是C' → [A。, B。, C]: each next marker after a sentence's end."""
    points = []
    n = 2
    while True:
        found = re.search(rf"(?<=[。；;！？])\s*{point_marker(n)}", text)
        if found is None:
            points.append(text)
            return points
        points.append(text[: found.start()])
        text = text[found.end() :]
        n += 1


def _marker(line: Line) -> tuple[int | None, int | None, str, str]:
    """(level, the number written, the heading's text, its number's form) of a heading;
    (None, None, text, "") of a paragraph."""
    text = _clean(line.text)
    if found := level_number(text):
        form, level, written, rest = found
        return level, written, full_width(rest), form
    if line.heading_level is not None:
        level = line.heading_level
        return level, None, full_width(text), _LEVEL_NAMES[level]
    return None, None, text, ""


def _number(level: int, n: int) -> str:
    from docgen.resolve.numbering import heading_number

    return heading_number(level, n)


def _clean(text: str) -> str:
    return text.strip().replace("\ufeff", "")


def _title_like(line: Line) -> bool:
    text = _clean(line.text)
    return (
        len(text) <= TITLE_MAX
        and not text.endswith(_SENTENCE_END)
        and _marker(line)[0] is None
        and POINT.match(text) is None
        and DOC_NUMBER.fullmatch(text) is None
        and any(is_cjk(c) for c in text)
    )


def _kind(title: str) -> tuple[str, bool]:
    """The kind a title names: the 文种 it ends with (…的通知 → 通知, …的复函 → 函), a
    进展情况 or 总结 by its words, else a 工作要点 (known only if it says 要点/计划)."""
    issued = _TITLE_KIND.search(title)
    if issued and issued.group(1) not in ("要点", "情况", "总结"):
        word = issued.group(1)
        return _KIND_OF.get(word, word), True
    if any(w in title for w in _REPORT_WORDS):
        return "进展情况", True
    return "工作要点", any(w in title for w in _PLAN_WORDS)


def _year(titles: list[str], texts: list[str]) -> tuple[int | None, bool]:
    """The year of the title (or of a 发文字号's 〔2018〕 or a date among `titles`); else
    the first the text names (a guess, said so); else None: never a made-up year."""
    for text in titles:
        found = _YEAR.search(text) or re.search(r"〔((?:19|20)[0-9]{2})〕", text)
        if found:
            return int(found.group(1)), True
    for text in texts:
        found = _YEAR.search(text)
        if found:
            return int(found.group(1)), False
    return None, False

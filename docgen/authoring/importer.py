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

import collections
import dataclasses
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from docgen.authoring.reader import Line, read
from docgen.chinese import (
    ARTICLE,
    CHAPTER,
    LEVEL_FORMS,
    POINT,
    RECORD_CC,
    RECORD_PRINTED,
    SECTION,
    ends_with_doc_number,
    full_width,
    is_cjk,
    is_record_line,
    level_number,
    parse_numeral,
    read_doc_number,
    simplified,
)
from docgen.content.model import (
    ARTICLE_KINDS,
    KINDS,
    ORDER_KIND,
    STANDARD_LEVELS,
    UNISSUED_KINDS,
    letter_format,
)
from docgen.resolve.numbering import kin, point_marker

# Each rank's form (GB/T 9704's at its four levels).
_LEVEL_NAMES = {rank: form for form, rank, _ in LEVEL_FORMS if form != "1、"}
# 责任单位 as documents print them: （责任单位：A、B）, （牵头单位：A；配合单位：B）,
# （责任科室：A）, the national （A、B负责）, and a line of its own 责任单位：A。
_LEAD = "责任单位|责任科室|责任处室|责任部门|牵头单位|牵头部门|主责单位"
_SUPPORT = "配合单位|配合部门|协办单位|参与单位"
_UNITS = re.compile(
    rf"\s*[（(]\s*({_LEAD})\s*[:：]\s*([^（）()；;]+?)"
    rf"(?:\s*([；;，,])\s*({_SUPPORT})\s*[:：]\s*([^（）()]+?))?\s*[）)]\s*$"
)
_RESPONSIBLE = re.compile(
    r"\s*[（(]([^（）()，,。；由]{2,60}?)(?:负责|牵头，([^（）()。]{2,60})配合)[）)]\s*$"
)
_UNITS_LINE = re.compile(rf"^({_LEAD})\s*[:：]\s*(.+?)[。.]?$")
_UNIT_SEPARATORS = re.compile(r"\s*[、，,；;]\s*")
UNIT_MAX = 20  # a unit's name, not a phrase
_LABEL = re.compile(r"^(附件|附表)\s*[0-9０-９]*\s*[:：]?$")
_NOTICE = re.compile(r"^.*关于.+的通知$")
# The 文种 a title ends with: the model's kinds (one list), 复函 and 答复 (函), and the
# words that end a plan's or report's title (…工作要点, …进展情况).
_KIND_OF = {"复函": "函", "答复": "函"}
_TITLE_WORDS = [k for k in KINDS if k not in UNISSUED_KINDS] + [*_KIND_OF, "要点", "情况"]
_TITLE_KIND = re.compile(f"({'|'.join(_TITLE_WORDS)})$")
# An issued document's parts (GB/T 9704 §7): 发文字号, 主送 (ends with a colon), 成文日期
# in Arabic numerals, 附注 in brackets.
_RECIPIENTS = re.compile(r"^([^。；]{2,120})[：:]$")
_DATE = re.compile(r"^((?:19|20)[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日$")
# One separator throughout, half- or full-width: 2020.4.23, 2020-04-23, 2020/4/23.
_DOTTED_DATE = re.compile(
    r"^((?:19|20)[0-9]{2})\s*([.．\-－/／])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})$"
)
# A zero of a year in Chinese numerals as typed by hand: 二0一九, 二O一九, 二○一九.
_ZEROS = str.maketrans("0OＯ○０", "〇〇〇〇〇")
_CN_DATE = re.compile(
    r"^[〇○零0OＯ０一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$"
)
# A sentence that ends with a colon to lead into the text (为……，特制定以下规定：), not
# a 主送.
_LEADS_IN = re.compile(r"^(?:为|根据|按照|依据)|以下|如下|下列")
_NOTE = re.compile(r"^[（(]([^（）()]{2,40})[）)]$")
SIGNATURE_MAX = 30  # a 署名 is a name, not a sentence
# The first line of a 署名 over two: a place's or an office's name, ending as one does.
_ORGAN = re.compile(
    r"[\u4e00-\u9fff（）()、·]{1,29}[省市县区镇乡村组部局厅委办院校会室处府司署所站队社馆科]"
)
# 版头 (§7.2) above the title: 份号, 密级和保密期限, 紧急程度, 发文机关标志, 发文字号 and
# 签发人 (in one line with the 发文字号, or on the next).
_COPY_NUMBER = re.compile(r"^[0-9０-９]{6}$")
_SECRECY = re.compile(r"^(?:绝密|机密|秘密)(?:\s*★\s*\S{1,10})?$")
_URGENCY = re.compile(r"^(特急|加急)$")
_MARK = re.compile(r"^(?!.*关于)[^\s，。、：:]{2,36}文件$")  # 示例市机关事务管理局文件
# A 纪要's 期号 where a 发文字号 stands: 第3期, （第3期）.
_ISSUE = re.compile(r"^[（(]?\s*第\s*[0-9０-９一二三四五六七八九十百]{1,4}\s*期\s*[）)]?$")
# A 命令's 令号 under its mark (§10.2): 第12号, 第一号, 2016年第57号, （第12号）; or on one
# line with its mark, as web copies print them: 中华人民共和国国务院令第444号.
_LING_HAO = (
    r"[（(]?\s*(?:[0-9０-９]{4}\s*年\s*)?"  # its year, a 部令's
    r"第\s*[0-9０-９〇一二三四五六七八九十百千]{1,6}\s*号\s*[）)]?"
)
_ORDER_NUMBER = re.compile(rf"^{_LING_HAO}$")
_ORDER_HEAD = re.compile(rf"^(?!.*关于)([^\s，。、：:]{{2,34}}令)\s*({_LING_HAO})$")
# A 命令's signing officer (§7.3.5.3): a title that ends as titles do (in full, as the
# standard asks: 国家市场监督管理总局局长), then a name. Split at a space where one
# leaves such a title before it: 市长　龚正, 省 长 王予波 (the title spaced), 总理　李　强
# (the name), 主席　司马义·艾买提; without a space, before a name of two to four: 总理温家宝.
_TITLE_END = "长理席任记"
_OFFICER_UNSPACED = re.compile(rf"^(\S{{1,30}}[{_TITLE_END}])(\S{{2,4}})$")
# Words ending in 令 that are no 命令's mark: 口令, 禁令, 条令 (a regulation's title) …
_NOT_ORDERS = ("口令", "禁令", "指令", "法令", "号令", "政令", "条令", "律令")
_SIGNER = re.compile(r"\s*签\s*发\s*人\s*[:：]\s*(\S.*)$")
# 题注 under a title: （2023年5月10日……会议通过）, ——2020年5月22日在……会议上, and
# under the latter the speaker's line (国务院总理 李克强).
_SUBTITLE = re.compile(
    r"^(?:——[^。；]*[^。；，]|[（(][^（）()]*(?:通过|批准|公布|发布|修订|修正|整理)[^（）()]*[）)]"
    r"|[（(]\s*[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日\s*[）)])$"
)  # the last: a speech's or report's date alone under its title, （2023年12月18日）
# 纪要 (§10.3): 出席：…, 请假：…, 列席：… after the text.
_ATTENDANCE = re.compile(r"^(出席|请假|列席)\s*[:：]\s*(\S.*)$")
_ATTENDANCE_FIELDS = {"出席": "present", "请假": "on_leave", "列席": "attending"}
_SPEAKER = re.compile(r"^[^，。；：:,;]{2,20}$")
_CLOSINGS = ("特此", "此复", "此致", "专此", "妥否")  # the text's last words, not a name
# A year (2018年), not the end of a range (规划（2021-2035年）: its subject's years).
_YEAR = re.compile(r"(?<![0-9])(?<![0-9][-—–~至到])((?:19|2[0-9])[0-9]{2})\s*年")
_REPORT_WORDS = ("进展情况", "完成情况", "工作总结", "总结")
_PLAN_WORDS = ("要点", "计划", "安排")
# A number with a decimal point at a paragraph's start: 2.1亿元, or item 11 of 11.121人才.
_DECIMAL_START = re.compile(r"^([0-9]{1,3})\.(?=[0-9])")
# Longer than this, a heading is probably a run-in heading with its paragraph.
LONG_HEADING = 60
TITLE_MAX = 60
_SENTENCE_END = tuple("。；，：！？")
_SENTENCE_STOP = tuple("。；！？")  # a sentence's end that ends a statement


@dataclass
class Imported:
    """A document read back into content data."""

    data: dict[str, Any]
    comments: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)  # (line, message)
    unit: str = "line"  # what a warning's number counts: a text's lines, a DOCX's paragraphs
    header: list[str] = field(default_factory=list)
    # The 附件 (or the documents a 印发 or 转发 通知 issues) whose text followed this
    # document in the same file, each with how the 通知 presents it (name, issued).
    attached: list[tuple[Imported, dict[str, Any]]] = field(default_factory=list)

    def warn(self, line: Line | None, message: str, path: str | None = None) -> None:
        """A warning at a line, and a comment at `path` in the YAML where one is given."""
        self.warnings.append((line.number if line else None, message))
        if path is not None:
            counted = "行" if self.unit == "line" else "段"
            where = f"原文第{line.number}{counted}：" if line else ""
            self.comments.setdefault(path, []).append(where + message)

    def documents(self, stem: str) -> list[tuple[str, Imported]]:
        """The files to write, `stem` naming this one: (file name, document), this one
        first, its `attachments:` naming the others (`<stem>-fujian1.yaml` …)."""
        files = [(f"{stem}-fujian{k}.yaml", doc) for k, (doc, _) in enumerate(self.attached, 1)]
        if files:
            self.data["attachments"] = [
                {"file": name, **how} if how else name
                for (name, _), (_, how) in zip(files, self.attached, strict=True)
            ]
        return [(f"{stem}.yaml", self), *files]


def import_file(path: Path | str) -> Imported:
    """Read a text or DOCX file and turn it into content data: the document, and the
    附件 whose text follows it in the file, each a document of its own."""
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
    for k, (doc, how) in enumerate(imported.attached, 1):
        what = "所印发（转发）的文件" if how.get("issued") else f"附件{k}"
        doc.header = [
            f"{doc.data['title']} — docgen import 自 {path} 导入：{imported.data['title']}的"
            f"{what}。",
            *imported.header[1:],
        ]
    return imported


# --- structure ------------------------------------------------------------------------


def parse(lines: list[Line], fallback_title: str = "", unit: str = "line") -> Imported:
    """Paragraphs of a document → content data: the title block, then the hierarchy;
    the 附件 that follow it in the same file, each on its own."""
    kept, record = _take_record(lines)
    split = split_attachments(kept)
    out = _Parser(split.main, fallback_title, unit).run()
    if out.data["kind"] in UNISSUED_KINDS and (record or split.pieces or split.names):
        # A plan or report carries no 附件 and prints no 版记 (the 通知 that issues it
        # does): what follows its text, and its 附件： line, are its text.
        out = _Parser(lines, fallback_title, unit).run()
        if split.pieces:
            out.warn(
                split.pieces[0].begins,
                f"a {out.data['kind']} carries no 附件: what follows is kept as its text "
                "(a 通知 can carry both as its 附件)",
            )
        if record:
            out.warn(
                None,
                "抄送 and 印发 lines kept as text: a 工作要点 or 进展情况 prints no 版记 "
                "(the 通知 that issues it does)",
            )
        return out
    if record:
        out.data["record"] = record
    if not split.pieces and split.names:
        out.data["attachments"] = [{"name": full_width(name)} for name in split.names]
        out.warn(
            split.note_line,
            "the 附件说明 names 附件 whose text is not in the file: listed, not printed "
            "(add file: to each when you have its text)",
            "attachments",
        )
        return out
    listed = [piece for piece in split.pieces if piece.listed]
    names = split.names
    if split.names and len(names) != len(listed):
        out.warn(
            split.note_line,
            f"the 附件说明 names {len(names)} 附件 and {len(listed)} follow: the names "
            "are matched in order",
        )
    k = 0
    for n, piece in enumerate(split.pieces, 1):
        year = out.data.get("year")
        fallback = piece.name or f"{fallback_title}-附件{n}"
        doc = _Parser(piece.lines, fallback, unit, True, year, piece.title_lines).run()
        # A warning without a line says which document it is about.
        out.warnings.extend(
            (line, message if line else f"附件{n}: {message}") for line, message in doc.warnings
        )
        doc.warnings = []
        how: dict[str, Any] = {}
        if not piece.listed:
            how["issued"] = True
        else:
            name = names[k] if k < len(names) else None
            k += 1
            if name and _plain(name) != _plain(doc.data["title"]):
                how["name"] = full_width(name)
        out.attached.append((doc, how))
    if split.pieces and not split.names and listed:
        out.warn(
            listed[0].begins,
            "附件 without a 附件说明 before the 署名: docgen prints one from their titles",
        )
    return out


@dataclass
class _Heading:
    line: Line
    level: int  # the rank its marker names (docgen.chinese.LEVEL_FORMS)
    written: int | None  # the number the source gives it
    section: dict[str, Any]
    path: str
    depth: int  # where it sits in the model: 1 at the top
    index: int  # its number among its siblings, from 1 (or from a restart)
    form: str = "一、"  # its number's form as written: 一、 （一） 1. 1、 （1）; "": none
    parent: _Heading | None = None
    children: list[_Heading] = field(default_factory=list)


class _Parser:
    def __init__(
        self,
        lines: list[Line],
        fallback_title: str,
        unit: str,
        attached: bool = False,
        year: int | None = None,
        title_lines: int = 1,  # 0: none given; the fallback title is the issuer's name for it
    ) -> None:
        self.lines = lines
        self.attached = attached  # a 附件 of a document earlier in the file
        self.title_lines = title_lines  # known where the document gave the title's name
        self.order = False  # a 命令 in 命令格式 (§10.2): its officer signs it
        self.year = year  # that document's: a 附件's year when its text names none
        self.fallback_title = fallback_title
        self.out = Imported({}, unit=unit)
        self.headings: list[_Heading] = []
        self.stack: list[_Heading] = []
        self.enumerations = 0
        self.after_paragraph = False  # the line before was a paragraph of text
        self.top: list[_Heading] = []  # the headings of the first level
        self.tail: dict[str, Any] = {}  # 署名, 成文日期, 附注: after the text

    def warn(self, line: Line | None, message: str, path: str | None = None) -> None:
        self.out.warn(line, message, path)

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
            if written is None and _UNNUMBERED.fullmatch(text):  # a DOCX's Heading 1 too
                self.close_untitled()
                self.unnumbered(line, text, sections)
                self.after_paragraph = False
                continue
            if (form == "第一节" and not any(h.level == CHAPTER for h in self.headings)) or (
                form in ("第一章", "第一条") and not self.in_articles()
            ):
                level, written, text, form = None, None, _clean(line.text), ""  # 第一节课…
            if level is None and (run_on := self.numbered_on(text)):
                level, written, text, form = run_on
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
            self.after_paragraph = level is None
        self.close_untitled()
        self.numbered_paragraphs()
        data = self.out.data
        numbering: dict[str, Any] = {}
        if levels := self.numbering_levels():
            numbering["levels"] = levels
        running = self.numbering_continuous()
        if 3 in running:
            numbering["items"] = "continuous"
        if forms := [_LEVEL_NAMES[level] for level in sorted(running) if level != 3]:
            numbering["continuous"] = forms  # （一） to （三十一） through every 一、
        if numbering:
            data["numbering"] = numbering
        if intro:
            data["intro"] = intro
        if sections:
            data["sections"] = sections
        data.update(self.tail)
        # A plan or report is its headings; a 通知 or 函 of plain paragraphs is common.
        if not self.headings and not self.enumerations and data["kind"] in UNISSUED_KINDS:
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
        head_lines: list[Line] = []
        head = {} if self.attached else self.header_block(lines, head_lines)
        # A 命令 in 命令格式 (§10.2): its mark and 令号 stand where a title would.
        self.order = order = "issue" in head and _order_mark(head.get("issuer_mark", ""))
        label = notice = title = None
        while not order and lines and len(lines) > 1 and (label is None or notice is None):
            text = full_width(_clean(lines[0].text))
            if label is None and _LABEL.match(text) and notice is None:
                label = text
            elif notice is None and _NOTICE.match(simplified(text)) and len(text) <= 2 * TITLE_MAX:
                notice = text
            else:
                break
            lines.pop(0)
        if order:  # named by its mark and 令号; the line under them is its text
            title = head["issuer_mark"] + head["issue"]
        elif lines and _title_like(lines[0]):
            title = full_width(_clean(lines.pop(0).text))
            if self.title_lines > 1:  # the lines of the name the document gave it
                title = full_width(
                    title + "".join(_clean(x.text) for x in lines[: self.title_lines - 1])
                )
                del lines[: self.title_lines - 1]
            # A title over several lines (梯形, 菱形) ends with its 文种: join up to four.
            elif not _TITLE_KIND.search(simplified(title)):
                for more in range(1, min(4, len(lines))):
                    joined = title + "".join(_clean(x.text) for x in lines[:more])
                    if all(map(_title_like, lines[:more])) and _TITLE_KIND.search(
                        simplified(joined)
                    ):
                        title = full_width(joined)
                        del lines[:more]
                        break
        elif notice:  # the 通知 is the document itself
            title, notice = notice, None
        elif self.title_lines == 0:  # issued, its title line not given: as the 通知 names it
            title = self.fallback_title
            self.warn(
                self.lines[0] if self.lines else None,
                f"no title line: titled '{title}', as the 通知 that issues it names it — check it",
                "title",
            )
        else:
            title = self.fallback_title or "未命名"
            self.warn(
                self.lines[0] if self.lines else None,
                f"no title line (a short line without 。 before the text): titled "
                f"'{title}' after the file — check it",
                "title",
            )
        subtitle = []
        while len(lines) > 1:
            text = full_width(_clean(lines[0].text))
            after_dash = subtitle and subtitle[-1].startswith("——")
            if _SUBTITLE.match(text):
                subtitle.append(text)
            elif (
                after_dash
                and len(subtitle) == 1
                and _SPEAKER.match(_clean(lines[0].text))
                and _marker(lines[0])[0] is None
                and "、" not in text
            ):
                subtitle.append(_clean(lines[0].text))  # 国务院总理 李克强: its space kept
            else:
                break
            lines.pop(0)
        data["kind"], kind_known = (ORDER_KIND, True) if order else _kind(title)
        alone = not notice and not label  # not a 附件: published as it stands
        issued = data["kind"] not in UNISSUED_KINDS and alone
        # A plan or report published alone on a website is signed and dated as a 公文 is.
        parts = self.issued_parts(lines) if issued else self.signed_end(lines) if alone else {}
        if head and not issued:  # a plan prints no 版头: its lines stay text
            self.warn(
                head_lines[0],
                f"{'，'.join(map(str, head.values()))}: kept as text, as a {data['kind']} "
                "prints no 版头 (the 通知 that issues it does)",
            )
            lines[:0] = head_lines
        elif head:
            parts["header"] = {**head, **parts.get("header", {})}
            if letter_format(data["kind"], head.get("issuer_mark")) and (
                signer := parts["header"].pop("signer", None)
            ):
                self.warn(
                    head_lines[0],
                    f"签发人：{signer} not kept: a 函 in 信函格式 (§10.1) prints no 签发人",
                    "header",
                )
        signed = parts.get("signature", {}).get("date")
        number = parts.get("header", {}).get("doc_number", "")
        # An issued document's year is its 发文字号's or its date's; a year in its title
        # may be its subject's (同意申办2009年…的复函, issued in 2004).
        dated = f"{signed.year}年" if signed else ""
        places = [number, dated, *subtitle, title] if issued else [title, notice or ""]
        texts = [x.text for x in lines] + ([f"{self.year}年"] if self.year else [])
        year, year_known = _year(places, texts)
        if issued and self.attached and not year_known:
            year = None  # an issued 附件 needs no year: its text's first is no guess to make
        if year is not None:
            data["year"] = year
        data["title"] = title
        if subtitle:
            data["subtitle"] = subtitle[0] if len(subtitle) == 1 else subtitle
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
        self.tail = {k: parts[k] for k in ("attendance", "signature", "note") if k in parts}
        return lines

    def header_block(self, lines: list[Line], taken: list[Line]) -> dict[str, Any]:
        """The 版头's elements above the title, taken out of `lines` into `taken` (as
        docgen prints them and as web copies keep some: the 发文字号 above the title)."""
        head: dict[str, Any] = {}
        while len(lines) > 1:
            text = _clean(lines[0].text)
            # A 信函's first line: 份号 (or 密级) flush left, 发文字号 flush right.
            if (fields := ends_with_doc_number(text)) and "doc_number" not in head:
                lines[0:1] = [Line(lines[0].number, field) for field in fields]
                continue
            signer = _SIGNER.search(text)
            number = read_doc_number(text[: signer.start()] if signer else text)
            order = _order_mark(head.get("issuer_mark", "")) and _ORDER_NUMBER.match(text)
            marked = {"issuer_mark", "doc_number"} & set(head)
            both = None if marked else _ORDER_HEAD.match(text)
            if (_ISSUE.match(text) or order) and "issue" not in head and "doc_number" not in head:
                head["issue"] = re.sub(r"\s", "", text)
            elif both and _order_mark(both.group(1)):
                head["issuer_mark"], head["issue"] = both.group(1), re.sub(r"\s", "", both.group(2))
            elif _COPY_NUMBER.match(text) and "copy_number" not in head:
                head["copy_number"] = unicodedata.normalize("NFKC", text)
            elif _SECRECY.match(text) and "secrecy" not in head:
                head["secrecy"] = re.sub(r"\s", "", text)
            elif _URGENCY.match(text) and "urgency" not in head:
                head["urgency"] = text
            elif self._is_mark(text, lines[1]) and not {"issuer_mark", "doc_number"} & set(head):
                head["issuer_mark"] = text
            elif number is not None and "doc_number" not in head:
                written = (text[: signer.start()] if signer else text).strip()
                if number != written:
                    self.warn(
                        lines[0],
                        f"发文字号 {written} read as {number}: docgen prints it so, as GB/T "
                        "9704 §7.2.4 writes it",
                        "header.doc_number",
                    )
                head["doc_number"] = number
                if signer:
                    head["signer"] = signer.group(1).strip()
            elif signer and text[: signer.start()] == "" and "signer" not in head:
                head["signer"] = signer.group(1).strip()
            else:
                break
            taken.append(lines.pop(0))
        return head

    @staticmethod
    def _is_mark(text: str, below: Line) -> bool:
        """A 发文机关标志: …文件; a 信函's (the issuer's name) right above its 发文字号 (or
        above its 份号 and 发文字号, on one line); a 纪要's right above its 期号."""
        if _MARK.match(text):
            return True
        under = _SIGNER.sub("", _clean(below.text))
        number = read_doc_number(under) or ends_with_doc_number(under)
        if _ISSUE.match(under):
            return text.endswith("纪要") and len(text) <= 36 and "关于" not in text
        if _ORDER_NUMBER.match(under):  # a 命令's: …令 above its 令号
            return _order_mark(text) and len(text) <= 36 and "关于" not in text
        return bool(_ORGAN.fullmatch(text)) and "关于" not in text and number is not None

    def issued_parts(self, lines: list[Line]) -> dict[str, Any]:
        """An issued document's 发文字号 and 主送 after its title, and its 署名, 成文日期
        and 附注 at its end, taken out of `lines`."""
        parts: dict[str, Any] = {}
        if self.out.data.get("kind") == "纪要" and (attendance := _take_attendance(lines)):
            parts["attendance"] = attendance
        number = read_doc_number(_clean(lines[0].text)) if lines else None
        if number is not None:
            written = _clean(lines[0].text)
            if number != written:  # 皖政[2001]85號, (国发[2001]5号)
                self.warn(
                    lines[0],
                    f"发文字号 {written} read as {number}: docgen prints it so, as GB/T 9704 "
                    "§7.2.4 writes it",
                    "header.doc_number",
                )
            lines.pop(0)
            parts["header"] = {"doc_number": number}
        found = _RECIPIENTS.match(_clean(lines[0].text)) if lines else None
        if found and _marker(lines[0])[0] is None and not _LEADS_IN.search(found.group(1)):
            parts["recipients"] = full_width(found.group(1))
            lines.pop(0)
        return parts | self.signed_end(lines)

    def signed_end(self, lines: list[Line]) -> dict[str, Any]:
        """A document's 署名, 成文日期 and 附注 at its end (a 纪要's attendance above
        them), taken out of `lines`."""
        parts: dict[str, Any] = {}
        minutes = self.out.data.get("kind") == "纪要"
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
        plain = is_name and _marker(lines[at - 1])[0] is None  # no sentence, no heading
        if self.order and signer and plain and not _ORGAN.fullmatch(signer):
            # §7.3.5.3: a 命令 in 命令格式 is signed by its officer: 市长　龚正, or a name.
            signature = _officer(signer)
            signature["date"] = signed  # after the name, as the page prints them
            del lines[at - 1]
            at -= 1
        elif signer and plain:
            signature = {"issuer": full_width(signer), "date": signed}
            del lines[at - 1]
            at -= 1
            # A long 署名 over two lines (湖北省巴东县官渡口镇马鬃山村 / 地质险情调查专家组):
            # a name on the line above, below a sentence's end.
            above = _clean(lines[at - 1].text) if at > 1 else ""
            if (
                _ORGAN.fullmatch(above)
                and not above.startswith(_CLOSINGS)
                and len(above + signer) <= SIGNATURE_MAX
                and _clean(lines[at - 2].text).endswith(_SENTENCE_END)
            ):
                signature["issuer"] = full_width(above + signer)
                del lines[at - 1]
                at -= 1
        if _CN_DATE.match(date_text):  # as printed before GB/T 9704-2012
            signature["numerals"] = "chinese"
            if (zeros := date_text.translate(_ZEROS)) != date_text.replace("○", "〇"):
                self.warn(
                    lines[at],
                    f"成文日期 {date_text} read as {zeros}: docgen prints its zero 〇",
                    "signature.date",
                )
        elif _DOTTED_DATE.match(date_text):
            self.warn(
                lines[at],
                f"成文日期 {date_text} read as {signed.isoformat()}: docgen prints it "
                f"{signed.year}年{signed.month}月{signed.day}日, as GB/T 9704 §7.3.5 writes it",
                "signature.date",
            )
        del lines[at:]
        parts["signature"] = signature
        if minutes and (attendance := _take_attendance(lines)):  # above the 署名
            parts["attendance"] = attendance
        if note:
            parts["note"] = note
        return parts

    def numbered_on(self, text: str) -> tuple[int, int, str, str] | None:
        """11.121人才梯队项目 right after 10.…: item 11, though 1. followed by a digit is
        taken for a decimal elsewhere (2.1亿元); only the next number of the heading on the
        line before makes it an item."""
        found = _DECIMAL_START.match(text)
        last = self.stack[-1] if self.stack else None
        if found is None or last is None or self.after_paragraph or last.form != "1.":
            return None
        n = int(found.group(1))
        if last.written != n - 1:
            return None
        return 3, n, full_width(text[found.end() :]), "1."

    def in_articles(self) -> bool:
        """Whether a 第N章 or 第N条 line is a chapter or article: in a document printed in
        them (a 规定's kind, or chapters and articles so far), never under a 一、 (where
        第一条主线是… is a sentence)."""
        tops = {h.form for h in self.top if h.form}
        if tops - {"第一章", "第一条"}:
            return False
        return bool(tops) or self.out.data.get("kind") in ARTICLE_KINDS

    def unnumbered(self, line: Line, text: str, sections: list[dict[str, Any]]) -> None:
        """序言, 前言, 结束语: a top-level heading without a number, which takes none."""
        self.stack.clear()
        section = {"heading": re.sub(r"\s+", "", text), "numbered": False}
        before = self.top[-1:]
        h = _Heading(
            line,
            level=0,
            written=None,
            section=section,
            path=f"sections[{len(sections)}]",
            depth=1,
            index=before[0].index if before else 0,
            form="",
        )
        sections.append(section)
        self.top.append(h)
        self.headings.append(h)
        self.stack.append(h)

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
        top = min((h.level for h in self.top if h.form), default=level)
        while self.stack and (
            self.stack[-1].level >= level or (not self.stack[-1].form and level <= top)
        ):
            self.stack.pop()  # a 序言 ends at a heading of the top level, not at its items
        parent = self.stack[-1] if self.stack else None
        siblings = parent.section.setdefault("sections", []) if parent else sections
        depth = len(self.stack) + 1
        path = (
            f"{parent.path}.sections[{len(siblings)}]" if parent else f"sections[{len(siblings)}]"
        )
        heading, rest = _run_in(text)
        if form == "第一条":  # an article: its text, after the caption some print
            caption = _CAPTION.match(text)  # 第一条（目的依据）
            heading, rest = (caption.group(), text[caption.end() :]) if caption else ("", text)
        elif not rest and len(text) > RUN_IN_MAX and text.endswith(_SENTENCE_END):
            heading, rest = "", text  # a numbered paragraph: （一）经营性…，要依法…。
        section: dict[str, Any] = {"heading": heading} if heading else {}
        siblings.append(section)
        if rest:  # （一）指导思想。以……: the heading, then its paragraph runs on
            section["run_in"] = True
            body = section.setdefault("body", [])
            self.paragraph(dataclasses.replace(line, text=rest), body, f"{path}.body")
        before = (parent.children if parent else self.top)[-1:]
        index = before[0].index + 1 if before else 1
        # 1. again after a paragraph that follows 4. (后勤保障部：1.–4. 学生所在学院：1. 2.):
        # a new list, numbered from 1.
        if written == 1 and index > 1 and level > 1 and self.after_paragraph:
            section["restart"] = True
            index = 1
        h = _Heading(line, level, written, section, path, depth, index, form, parent)
        (parent.children if parent else self.top).append(h)
        self.headings.append(h)
        self.stack.append(h)
        if written is not None and level in (1, CHAPTER) and written != h.index:
            self.warn(
                line,
                f"numbered {written} but it is number {h.index} here: docgen prints "
                f"{_number_form(form, h.index).strip()}",
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
        """The document's numbering scheme: at each level, the form most of its headings
        take. A heading whose subheadings take another (1. directly under one 一、,
        （一） under the others) says its own for the levels under it (`levels:`). The
        document's scheme, or None where it is GB/T 9704's."""
        scheme = _usual_forms(self.top)
        self.assign_forms(self.top, scheme, None)
        return None if scheme == list(STANDARD_LEVELS[: len(scheme)]) else scheme

    def assign_forms(
        self, headings: list[_Heading], forms: list[str], owner: _Heading | None
    ) -> None:
        """Sibling headings printed in `forms` (theirs, then those below), unless they
        take another form: then the heading above them says so. Siblings in two forms
        cannot be printed as written: said at the line."""
        numbered = [h for h in headings if h.form]  # a 序言 takes no form; its items do
        if numbered and (not forms or {kin(h.form) for h in numbered} != {kin(forms[0])}):
            usual = _usual_forms(numbered)
            if owner is not None and (not forms or kin(usual[0]) != kin(forms[0])):
                owner.section["levels"] = usual
                forms = usual
            elif not forms:
                forms = usual
        for h in headings:
            if h.form and kin(h.form) != kin(forms[0]):
                self.warn(
                    h.line,
                    f"{h.form} among headings numbered {forms[0]}: docgen prints it as {forms[0]}",
                    h.path,
                )
            self.assign_forms(h.children, forms[1:], h)

    def numbered_paragraphs(self) -> None:
        """A short numbered sentence with nothing under it (1.加强组织领导。 then 2.…) is
        a numbered paragraph, as a long one is: its text runs in after its number, not
        a heading over an empty section. A heading without a sentence's end (（二）强化
        保障) stays a heading, its emptiness for `docgen check` to say. The paragraph
        before a list that restarts (学生所在学院：) is not under the item before it,
        though it stands in its body."""
        for h in self.headings:
            section = h.section
            siblings = h.parent.children if h.parent else self.top
            after = siblings[siblings.index(h) + 1 :]
            interlude = bool(after) and after[0].section.get("restart", False)
            if section.get("run_in") or section.get("sections"):
                continue
            if section.get("body") and not interlude:
                continue
            if h.line.heading_level is not None:
                continue  # a DOCX's heading style says it is a heading
            text, units = _split_units(section.get("heading", ""))
            if text.endswith(_SENTENCE_STOP):
                del section["heading"]
                section["run_in"] = True
                lead = {"text": text, "units": units} if units else text
                section["body"] = [lead, *section.get("body", [])]

    def close_untitled(self) -> None:
        """A number with no text and no line after it to take: a visible gap, not a guess."""
        if self.stack and _untitled(self.stack[-1].section):
            h = self.stack[-1]
            h.section["heading"] = "【待填写：标题】"
            self.warn(h.line, "a number with no heading: its heading is left to fill in", h.path)

    def numbering_continuous(self) -> set[int]:
        """The levels below the top (2 to 4, by their form's face: （一） 1. （1）) whose
        numbers run on through the document rather than restart under each heading
        above, as most of the numbers the text gives do; a number that fits neither
        is said at its line."""
        running: set[int] = set()
        for level in (SECTION, ARTICLE, 2, 3, 4):
            written = [h for h in self.headings if h.level == level and h.written]
            counted = list(itertools.accumulate(written, _counted, initial=0))[1:]
            restart = sum(h.written == h.index for h in written)
            if sum(h.written == n for n, h in zip(counted, written, strict=True)) > restart:
                running.add(level)
            for n, h in zip(counted, written, strict=True):
                wanted = n if level in running else h.index
                if h.written != wanted:
                    how = "run on through the document" if level in running else "restart"
                    self.warn(
                        h.line,
                        f"numbered {h.written} but docgen prints "
                        f"{_number_form(h.form, wanted)} ({h.form} {how}, as most of this "
                        "document's do)",
                        h.path,
                    )
        return running

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


# --- 附件 that follow the document in the same file ------------------------------------

# A 附件's label on a line of its own (§8.2): 附件, 附件1, 附件一, 附件：.
_ATTACHMENT_LABEL = re.compile(
    r"^附\s*件\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?\s*([:：])?$"
)
# The 附件说明 (§7.3.4): 附件：1.名称, then 2.名称 … on the lines below (or 附件：名称).
_ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*[:：]\s*(.*)$")
_NOTE_ITEM = re.compile(r"^([0-9０-９]{1,2})\s*[.．、]\s*(\S.*)$")
# The documents a 印发 or 转发 通知 names: 《…规定》.
_NAMED = re.compile(r"《([^《》]{2,100})》")
# A line that issues what it names: 现将《…》印发给你们, 关于印发《…》的通知.
_ISSUES = re.compile(r"印发|转发|发布")
TITLE_LINES = 4  # a title over more lines than this is no title


@dataclass
class _Piece:
    """The text of one 附件: its lines without the label; `listed`: labelled 附件N or
    named in the 附件说明 (a 附件), else the document a 印发 or 转发 通知 issues."""

    lines: list[Line]
    listed: bool
    begins: Line  # its first line: its label, or its title
    title_lines: int = 1  # the lines its title takes (a name the document gives, over two)
    name: str = ""  # with no title line (title_lines 0): the name the document gives it


@dataclass
class Split:
    """A file's text cut where its 附件 begin."""

    main: list[Line]
    pieces: list[_Piece] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # the 附件说明's, in order
    note_line: Line | None = None


def _take_attendance(lines: list[Line]) -> dict[str, str]:
    """A 纪要's 出席, 请假 and 列席 lines at the end of `lines`, taken out of it."""
    found: dict[str, str] = {}
    end = len(lines)
    while end > 1 and (match := _ATTENDANCE.match(_clean(lines[end - 1].text))):
        field = _ATTENDANCE_FIELDS[match[1]]
        if field in found:  # a label twice (or a list over lines): all stay text
            return {}
        found[field] = full_width(match[2])
        end -= 1
    del lines[end:]
    return dict(reversed(found.items()))


def _take_record(lines: list[Line]) -> tuple[list[Line], dict[str, Any]]:
    """The 版记 at the end of the file (after its 附件, on the last page): its 抄送
    and its 印发机关 and 印发日期, and the lines before it."""
    given = lines
    texts = [_clean(line.text) for line in lines]
    end = len(lines)
    while end > 1 and is_record_line(texts[end - 1]):
        end -= 1
    # A 抄送 over several lines: 抄送：A，B， / C。 (up to three lines above the 印发 line)
    for k in range(max(end - 3, 1), end):
        joined = "".join(texts[k:end])
        if texts[k].startswith("抄送") and RECORD_CC.match(joined) and joined.endswith("。"):
            texts[k:end] = [joined]
            lines = [*lines[:k], Line(lines[k].number, joined), *lines[end:]]
            end = k
            break
    record: dict[str, Any] = {}
    for text in texts[end:]:
        if found := RECORD_CC.match(text):
            record["cc"] = [full_width(x) for x in re.split(r"\s*[，,；;]\s*", found[1]) if x]
        elif found := RECORD_PRINTED.match(text):
            try:
                printed = date(int(found[2]), int(found[3]), int(found[4]))
            except ValueError:  # 2月30日: no date; the lines stay text, as given
                return given, {}
            if found[1]:
                record["printer"] = full_width(found[1].strip())
            record["printed"] = printed
    return lines[:end], record


def split_attachments(lines: list[Line]) -> Split:
    """The document and the texts that follow it in the same file as its 附件: each
    begins at a label (附件1) on a line of its own above a title, or, after a 署名 and
    成文日期, at a title the document names (in its 附件说明, or in 《》 as a 印发 or
    转发 通知 does) or one that ends with a 文种; once the 附件 have begun, at a title
    the document names. Text right after the date of a 通知 that issues one document is
    that document, its title line not given. The 附件说明 is taken out of the document's
    text: docgen prints it from the 附件 it carries."""
    note = _attachment_note(_before_date(lines))  # the document's, above its 署名
    noted = note[2] if note else []
    named = [m for line in _before_date(lines) for m in _NAMED.findall(line.text)]
    wanted = {_plain(n) for n in [*noted, *named]}
    listed_names = {_plain(n) for n in noted}
    # The one document the 通知 issues, named beside 印发 or 转发: its text may follow the
    # date without its title line, as web copies give it.
    issues = {
        _plain(m): full_width(m)
        for line in _before_date(lines)
        if _ISSUES.search(line.text)
        for m in _NAMED.findall(line.text)
    }
    untitled = next(iter(issues.values())) if len(issues) == 1 else ""
    starts: list[tuple[int, int, bool, int]] = []  # first line, title's, listed, title's lines
    i = note[1] if note else 1  # line 0 is the document's own label or title
    signed = False  # the line before was a 成文日期 (or the 附注 under one)
    while i < len(lines):
        text = _clean(lines[i].text)
        label = _ATTACHMENT_LABEL.match(text)
        found = None
        if label and (signed or starts or not label.group(2)) and i + 1 < len(lines):
            found = _title_at(lines, i + 1, wanted, any_kind=True)
            if found is None and _title_like(lines[i + 1]):
                found = (1, "")  # a label names its title, whatever it ends with (…报名表)
            if found is not None:
                starts.append((i, i + 1, True, found[0]))
        if found is None and (signed or starts):
            found = _title_at(lines, i, wanted, any_kind=signed)
            if found is not None:
                starts.append((i, i, found[1] in listed_names, found[0]))
        if found is None and signed and not starts and untitled and not _title_like(lines[i]):
            found = (0, _plain(untitled))  # its text at once: no title line
            starts.append((i, i, False, 0))
        if found is not None:
            wanted.discard(found[1])
            i = starts[-1][1] + max(found[0], 1)
            signed = False
            continue
        signed = _date(text) is not None
        if signed and i + 1 < len(lines) and _NOTE.match(_clean(lines[i + 1].text)):
            i += 1  # the 附注 under the date is the document's
        i += 1
    if not starts:
        if note:  # 附件 published apart: the 附件说明 lists them, docgen prints it
            return Split(lines[: note[0]] + lines[note[1] :], [], noted, lines[note[0]])
        return Split(list(lines))
    main = lines[: starts[0][0]]
    names: list[str] = []
    note_line = None
    if note and any(start[2] for start in starts):  # docgen prints it from the 附件
        main = main[: note[0]] + main[note[1] :]
        names, note_line = noted, lines[note[0]]
    ends = [first for first, *_ in starts[1:]] + [len(lines)]
    pieces = [
        _Piece(
            lines[title:end], listed, lines[first], title_lines, untitled if not title_lines else ""
        )
        for (first, title, listed, title_lines), end in zip(starts, ends, strict=True)
    ]
    return Split(main, pieces, names, note_line)


def _attachment_note(lines: list[Line]) -> tuple[int, int, list[str]] | None:
    """The 附件说明: (its first line, the line after it, the names it lists)."""
    for i in range(1, len(lines)):
        found = _ATTACHMENT_NOTE.match(_clean(lines[i].text))
        if found is None:
            continue
        names: list[str] = []
        if first := found.group(1).strip():
            item = _NOTE_ITEM.match(first)
            names.append(item.group(2) if item else first)
        end = i + 1
        while end < len(lines):
            text = _clean(lines[end].text)
            if item := _NOTE_ITEM.match(text):
                names.append(item.group(2).strip())
            elif names and _name_goes_on(lines, end):
                names[-1] += text  # a name a web copy broke where the page wrapped it
            else:
                break
            end += 1
        if names:
            return i, end, names
    return None


NOTE_WRAP = 20  # a 附件说明 name's wrapped rest is short (…事故统计 / 月报)


def _name_goes_on(lines: list[Line], at: int) -> bool:
    """Whether the line at `at`, below an item of the 附件说明, is the rest of its name:
    short, no sentence, no office's name, and followed by the next item, or by the
    last line (the 署名) before the date."""
    text = _clean(lines[at].text)
    if len(text) > NOTE_WRAP or text.endswith(_SENTENCE_END) or _ORGAN.fullmatch(text):
        return False
    after = at + 1
    return after == len(lines) - 1 or (
        after < len(lines) and _NOTE_ITEM.match(_clean(lines[after].text)) is not None
    )


def _before_date(lines: list[Line]) -> list[Line]:
    """The lines before the first 成文日期: the document's own text."""
    for i, line in enumerate(lines):
        if _date(_clean(line.text)) is not None:
            return lines[:i]
    return lines


def _title_at(
    lines: list[Line], i: int, wanted: set[str], any_kind: bool
) -> tuple[int, str] | None:
    """A title over lines[i:i + k]: (k, its plain text if `wanted` holds it, else "" if
    `any_kind` and it ends with a 文种), or None."""
    joined = ""
    kind_at = None
    for k in range(1, TITLE_LINES + 1):
        if i + k > len(lines) or not _title_like(lines[i + k - 1]):
            break
        joined += _plain(lines[i + k - 1].text)
        if joined in wanted:
            return k, joined
        if kind_at is None and _TITLE_KIND.search(simplified(joined)):
            kind_at = k
    return (kind_at, "") if any_kind and kind_at is not None else None


def _plain(text: str) -> str:
    """A name as compared: full- and half-width alike, no spaces, no 《》."""
    return re.sub(r"[\s《》]", "", unicodedata.normalize("NFKC", text))


# A run-in heading (§7.3.3): a short heading ending in 。 (or ：), then its paragraph's
# text in the same line. Longer than this, the first sentence is the text itself.
RUN_IN_MAX = 30
# An article's caption, where a 规定 prints one: 第一条（目的依据）, 第一条【立法目的】.
_CAPTION = re.compile(r"[（(【][^（）()【】。]{1,16}[）)】]\s*")
# A heading that takes no number, on a line of its own: a 规划's 序言, a report's 结束语.
_UNNUMBERED = re.compile(r"(序|前|引)\s*言|结\s*束\s*语|结\s*语")
_RUN_IN = re.compile(rf"^([^。：:]{{1,{RUN_IN_MAX}}}?[。：:])\s*(\S.*)$", re.S)


def _counted(before: int, heading: _Heading) -> int:
    """A heading's number where its form runs on: one more than the last, or 1 again."""
    return 1 if heading.section.get("restart") else before + 1


def _usual_forms(headings: list[_Heading]) -> list[str]:
    """At each level from these headings down, GB/T 9704's form if some of them take it
    (the rest then say theirs), else the form most of them take."""
    order = [form for form, _, _ in LEVEL_FORMS]
    forms = []
    headings = [h for h in headings if h.form]  # a 序言 takes no form
    while headings:
        counts = collections.Counter(h.form for h in headings)
        depth = headings[0].depth
        standard = STANDARD_LEVELS[depth - 1] if depth <= len(STANDARD_LEVELS) else ""
        usual = max(counts, key=lambda f: (counts[f], -order.index(f)))
        forms.append(standard if standard in counts else usual)
        headings = [child for h in headings for child in h.children]
    return forms


def _untitled(section: dict[str, Any]) -> bool:
    """A number on a line of its own, its heading not found yet (a numbered paragraph
    has its text as a run-in body instead)."""
    return not section.get("heading") and not section.get("run_in")


def _names(text: str) -> list[str]:
    """Unit names from 'A、B，C': each short, or none at all (a phrase is no list). A
    collective set off by ， keeps its 、 (市教育局，各区、县级市: one name, 各区、县级市)."""
    names = []
    for group in re.split(r"\s*[，,]\s*", text.strip()):
        if group.startswith("各") and "、" in group and len(group) <= UNIT_MAX:
            names.append(group)
        else:
            names.extend(n for n in _UNIT_SEPARATORS.split(group) if n)
    return names if names and all(len(n) <= UNIT_MAX for n in names) else []


def _without_units(block: Any) -> bool:
    return isinstance(block, str) or (
        isinstance(block, dict) and "text" in block and not block.get("units")
    )


def _split_units(text: str) -> tuple[str, Any]:
    """A paragraph's text and its 责任单位 (a list, or roles and form), or no units."""
    found = _UNITS.search(text)
    if found and found.start() > 0:
        label, lead, separator, support_label, support = found.groups()
        if label == "责任单位" and not support:
            return text[: found.start()], _names(lead) or []
        units: dict[str, Any] = {"lead": _names(lead)}
        if support:
            units["support"] = _names(support)
            if separator in "，,":
                units["separator"] = "，"
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
    """成文日期 in Arabic (2018年12月5日) or Chinese numerals (二〇〇四年八月十二日), or
    written as a school's notice may (2020.4.23, 2020-4-23, 2020/4/23)."""
    if found := _DATE.match(text):
        numbers = [int(n) for n in found.groups()]
    elif found := _DOTTED_DATE.match(text):
        numbers = [int(found.group(k)) for k in (1, 3, 4)]  # 2: the separator
    elif _CN_DATE.match(text):
        parts = re.split("[年月日]", text.translate(_ZEROS))[:3]
        numbers = [parse_numeral(part) or 0 for part in parts]
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


def _number_form(form: str, n: int) -> str:
    from docgen.resolve.numbering import FORMS

    return FORMS[form][0](n)


def _clean(text: str) -> str:
    return text.strip().replace("\ufeff", "")


def _order_mark(text: str) -> bool:
    """A 命令's mark: …令 (上海市人民政府令, 中华人民共和国主席令), not a word that ends so."""
    return text.endswith("令") and not text.endswith(_NOT_ORDERS)


def _officer(line: str) -> dict[str, str]:
    """A 令's officer's line as signer_title and signer (§7.3.5.3), or a name alone."""
    parts = re.split(r"(\s+)", line)
    for cut in range(len(parts) - 2, 0, -2):  # at each space, the last first
        title = "".join(parts[:cut])
        if title[-1] in _TITLE_END and len(re.sub(r"\s", "", title)) > 1:
            # docgen sets the gap between title and name, and a title's letter-spacing
            return {"signer_title": re.sub(r"\s", "", title), "signer": "".join(parts[cut + 1 :])}
    if found := _OFFICER_UNSPACED.match(line):
        return {"signer_title": found.group(1), "signer": found.group(2)}
    return {"signer": line}


def _title_like(line: Line) -> bool:
    text = _clean(line.text)
    return (
        len(text) <= TITLE_MAX
        and not full_width(text).endswith(_SENTENCE_END)  # a 主送 ends with : as with ：
        and _marker(line)[0] is None
        and POINT.match(text) is None
        and read_doc_number(text) is None
        and any(is_cjk(c) for c in text)
    )


def _kind(title: str) -> tuple[str, bool]:
    """The kind a title names: the 文种 it ends with (…的通知 → 通知, …的复函 → 函), a
    进展情况 or 总结 by its words, else a 工作要点 (known only if it says 要点/计划)."""
    title = simplified(title)  # 關於…的報告 is a 报告
    # A site's label after the 文种 (政府工作报告（文字实录）, …的意见（全文）) is not its
    # kind, nor are a 规划's years (…发展规划（2021—2025年）).
    title = re.sub(r"[（(](?:[^（）()]{1,8}|[0-9]{4}年?\s*[—–－-]+\s*[0-9]{4}年?)[）)]$", "", title)
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

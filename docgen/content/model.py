"""The content model: what a YAML file in ``content/`` may say, as typed classes.

No I/O here (``load.py`` reads files). Nothing that can be computed is stored: no
一、（一）1. or 一是 numbers, no 责任单位 brackets. Unknown fields are errors, so a
misspelt key never silently drops text.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    field_validator,
    model_validator,
)

from docgen.chinese import DOC_NUMBER, DOC_NUMBER_FORM
from docgen.content.base import Strict

Compare = Literal["达到", "超过", "不少于", "以上", "左右", "保持", "定性"]
# How a table is set (GB/T 9704 §8): upright (竖排), or turned on the sheet (横排).
Orientation = Literal["portrait", "landscape"]
# YAML 95 and 95.0 alike; finite, and within what a statistic can be (no .nan, 1e308).
NUMBER_LIMIT = 1e15
Number = Annotated[
    float, Field(strict=False, allow_inf_nan=False, ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)
]


class Target(Strict):
    """A measurable target of a 工作要点, tied to the words of its sentence."""

    id: str = Field(min_length=1, description="目标编号，对照表和进展情况引用它 / the target's id")
    says: str = Field(
        min_length=1, description="句中表述目标的原文 / the words of the sentence that state it"
    )
    indicator: str = Field(min_length=1, description="指标 / the indicator")
    compare: Compare = Field(
        description="措辞所含的比较：达到、超过、不少于、以上、左右、保持，或定性 / the comparison"
    )
    value: Number | None = Field(default=None, description="目标值 / the target value")
    unit: str = Field(default="", description="单位，如 %、万人、个 / unit")
    breakdown: dict[str, Number] = Field(
        default={}, description="分项目标，如 城镇: 80 / values by part (城镇, 农村)"
    )


class Restatement(Strict):
    """A 重点任务 sentence that states a 核心目标 again."""

    restates: str = Field(min_length=1, description="所重申目标的编号 / the id it restates")
    says: str = Field(min_length=1, description="句中的原文 / the words that restate it")


class Outcome(Strict):
    """What a 进展情况 reports for a target, tied to the words of its paragraph."""

    target: str = Field(min_length=1, description="对应目标的编号 / the target's id")
    says: str = Field(min_length=1, description="句中报告完成情况的原文 / the reporting words")
    value: Number | None = Field(default=None, description="实际值 / the actual value")
    parts: list[Number] = Field(
        default=[], description="实际值为几项之和时的各项 / parts that add up to the value"
    )
    unit: str = Field(default="", description="单位 / unit")
    breakdown: dict[str, Number] = Field(default={}, description="分项实际值 / values by part")
    note: str = Field(
        default="", description="口径说明，如“累计数，非新增” / why the figure is not like for like"
    )
    comparable: bool = Field(
        default=True, description="false：口径不同，只并列两段文字 / not comparable: texts only"
    )


def _tag_by_key(key: str, tag: str, other: str) -> Any:
    def kind(value: Any) -> str:
        if isinstance(value, dict):
            return tag if key in value else other
        return tag if hasattr(value, key) else other

    return Discriminator(kind)


TargetRef = Annotated[
    Annotated[Target, Tag("target")] | Annotated[Restatement, Tag("restates")],
    _tag_by_key("restates", "restates", "target"),
]


Names = list[Annotated[str, Field(min_length=1)]]


class Units(Strict):
    """Who is responsible for a task, with roles, printed in the form the document uses:
    （牵头单位：A；配合单位：B、C）, （责任科室：A）, （A、B负责）, or a line of its own.
    Names are joined with 、, and one that holds a 、 itself (各区、县级市) is set off
    with ， (GB/T 15834: items that hold 顿号 are separated by 逗号)."""

    lead: Names = Field(min_length=1, description="牵头（或责任）单位 / the lead units")
    support: Names = Field(default=[], description="配合单位 / the units that support")
    label: str | None = Field(
        default=None,
        description="牵头单位的称谓，如 责任单位、责任科室、牵头单位（默认：有配合单位时为"
        "牵头单位，否则为责任单位） / what the lead units are called",
    )
    support_label: str = Field(
        default="配合单位", description="配合单位的称谓 / what the supporting units are called"
    )
    separator: Literal["；", "，"] = Field(
        default="；",
        description="牵头单位与配合单位之间的标点：（牵头单位：A；配合单位：B）或"
        "（牵头单位：A，配合单位：B） / what separates the lead units from those that support",
    )
    form: Literal["括注", "负责", "单列"] = Field(
        default="括注",
        description="括注：（责任单位：A）；负责：（A负责）；单列：另起一行“责任单位：A。” / "
        "bracketed with labels, the national （A负责）, or a line of its own",
    )


class Paragraph(Strict):
    """A paragraph of body text, optionally naming the units responsible for it."""

    text: str = Field(min_length=1, description="段落正文 / paragraph text")
    units: Names | Units = Field(
        default=[],
        description="责任单位：名单即（责任单位：A、B）；或写明牵头、配合与格式 / responsible "
        "units: a list, printed （责任单位：A、B）, or with roles and form",
    )
    targets: list[TargetRef] = Field(default=[], description="本段所定目标 / targets it sets")
    outcomes: list[Outcome] = Field(default=[], description="本段报告的完成情况 / outcomes")


class Point(Strict):
    """One point of an enumeration, with the targets or outcomes it states."""

    text: str = Field(min_length=1, description="内容，不写“一是” / the point, without 一是")
    targets: list[TargetRef] = Field(default=[], description="本条所定目标 / targets it sets")
    outcomes: list[Outcome] = Field(default=[], description="本条报告的完成情况 / outcomes")


def _point_kind(value: Any) -> str:
    return "text" if isinstance(value, str) else "point"


PointItem = Annotated[
    Annotated[str, Tag("text"), Field(min_length=1)] | Annotated[Point, Tag("point")],
    Discriminator(_point_kind),
]


class Points(Strict):
    """An enumeration 一是……二是……; the markers are computed from the order."""

    points: list[PointItem] = Field(
        min_length=1, description="各条内容，不写“一是” / the points, without 一是"
    )
    layout: Literal["inline", "paragraphs"] = Field(
        default="inline",
        description="inline: 一段之内（一是…二是…）; paragraphs: 每条一段 / one paragraph each",
    )


Cell = str | Annotated[int, Field(strict=False)] | Annotated[float, Field(strict=False)]


class TableBlock(Strict):
    """A table in the text (a 任务分工表, say): rows of cells, its header rows repeated
    on every page it runs onto."""

    table: list[list[Cell]] = Field(
        min_length=1, description="表格各行，每行为各格文字 / the rows, each a list of cells"
    )
    header: int = Field(
        default=1, ge=0, description="表头行数，跨页重复 / header rows, repeated on each page"
    )
    caption: str | None = Field(default=None, description="表题 / the table's title")
    orientation: Orientation = Field(
        default="portrait",
        description="portrait：竖排；landscape：横排，另页，表头朝订口（GB/T 9704 第8章） / "
        "landscape: turned on pages of its own, its head to the sheet's left edge",
    )

    @model_validator(mode="after")
    def _rows_alike(self) -> TableBlock:
        widths = {len(row) for row in self.table}
        if len(widths) != 1 or 0 in widths:
            raise ValueError(f"rows of {sorted(widths)} cells: every row needs as many cells")
        if self.header >= len(self.table) and len(self.table) > 1:
            raise ValueError(f"header: {self.header} rows leaves no body in {len(self.table)}")
        return self


def _block_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "points" if "points" in value else "table" if "table" in value else "paragraph"
    if isinstance(value, Strict):
        if isinstance(value, TableBlock):
            return "table"
        return "points" if isinstance(value, Points) else "paragraph"
    return "text"


Block = Annotated[
    Annotated[str, Tag("text"), Field(min_length=1)]
    | Annotated[Paragraph, Tag("paragraph")]
    | Annotated[Points, Tag("points")]
    | Annotated[TableBlock, Tag("table")],
    Discriminator(_block_kind),
]


# The forms a heading's number takes (GB/T 9704 §7.3.3 gives the first, third, fourth
# and fifth; 1、 is common in schools and districts). Each form prints in its own face,
# whatever its depth: 一、黑体 （一）楷体 1. 仿宋 （1）仿宋.
LevelForm = Literal["第一章", "第一节", "第一条", "一、", "（一）", "1.", "1、", "（1）"]
STANDARD_LEVELS: tuple[LevelForm, ...] = ("一、", "（一）", "1.", "（1）")


def _dotted(value: Any) -> Any:
    """YAML reads an unquoted 1. as the number 1.0: in a list of forms it means 1."""
    if isinstance(value, list):
        return ["1." if v == 1 and not isinstance(v, bool) else v for v in value]
    return value


class Section(Strict):
    """A numbered heading with its text and subsections (一、 → （一） → 1. → （1））."""

    heading: str = Field(
        default="",
        description="标题，不写序号；省略则为带序号的段落（须 run_in: true） / heading without "
        "its number; left out, a numbered paragraph (with run_in: true)",
    )
    run_in: bool = Field(
        default=False,
        description="标题后接排正文：正文第一段与标题同段，如“（一）指导思想。以……” / "
        "run-in: the body's first paragraph continues the heading's paragraph",
    )
    restart: bool = Field(
        default=False,
        description="序号从 1 重新开始：一段正文隔开了两组编号（“后勤保障部：”1. 2. 3.，"
        "“学生所在学院：”1. 2.） / its number starts again at 1, as after a paragraph "
        "that begins a new list",
    )
    numbered: bool = Field(
        default=True,
        description="false：标题不编号、不占序号，按同级标题的格式排，如规划的“序言”“前言”、"
        "报告的“结束语” / false: a heading without a number, set as its level's headings "
        "and not counted (a 规划's 序言, a report's 结束语)",
    )
    levels: list[LevelForm] = Field(
        default=[],
        max_length=5,
        description="本标题之下各级的序号形式，自上而下，与全文的 numbering.levels 不同时写，"
        "如某个一、之下直接用 1.：[1.] / the number forms of the levels under this heading, "
        "where they are not the document's",
    )
    body: list[Block] = Field(default=[], description="正文段落 / paragraphs under the heading")
    sections: list[Section] = Field(default=[], description="下一级标题 / subsections")

    @field_validator("levels", mode="before")
    @classmethod
    def _one_dot(cls, value: Any) -> Any:
        return _dotted(value)

    @model_validator(mode="after")
    def _run_in_has_text(self) -> Section:
        if self.run_in and (not self.body or isinstance(self.body[0], TableBlock)):
            raise ValueError(
                "a run-in heading needs its body to begin with text: its first paragraph "
                "runs on after the heading"
            )
        if not self.heading and not self.run_in:
            raise ValueError(
                "a heading needs its text (or, for a numbered paragraph, run_in: true and "
                "no heading)"
            )
        if not self.heading and not self.numbered:
            raise ValueError("a heading without a number needs its text (序言, say)")
        return self


class Numbering(Strict):
    """How the computed numbers run."""

    levels: list[LevelForm] = Field(
        default=list(STANDARD_LEVELS),
        min_length=1,
        max_length=6,
        description="各级标题的序号形式，自上而下；默认 一、（一）1.（1），"
        "如 [一、, 1.] 即一级之下直接用 1.；规定、办法如 [第一章, 第一条, （一）]，"
        "规划如 [第一章, 第一节, 一、, （一）] / the number form of each heading level, top first",
    )

    @field_validator("levels", "continuous", mode="before")
    @classmethod
    def _one_dot(cls, value: Any) -> Any:
        return _dotted(value)

    items: Literal["restart", "continuous"] = Field(
        default="restart",
        description=(
            "三级序号 1. 2. 在每个（一）下重新开始(restart)，或全文连续(continuous) / "
            "whether 1. 2. restart under each （一） or run on through the document"
        ),
    )
    continuous: list[LevelForm] = Field(
        default=[],
        description="序号全文连续、不在上级标题下重新开始的形式，如 [（一）]：（一）至（三十一）"
        "贯穿各个一、；[第一条]：条贯穿各章（规定、办法）；[1.] 同 items: continuous / the "
        "forms whose numbers "
        "run on through the document instead of restarting under each heading above",
    )


# The kinds docgen prints with templates of its own; a workspace adds a kind with a
# template named after it (templates/意见.html.j2).
# The 文种 of the 党政机关公文处理工作条例 (§8), and the documents offices issue with
# them (方案, 规定, 总结 …), as their titles name them. Every kind may carry the parts
# of an issued document (版头, 主送, 附件说明, 署名, 成文日期, 附注, 附件, 版记).
KINDS = (
    "工作要点",
    "进展情况",
    "通知",
    "意见",
    "通报",
    "决定",
    "决议",
    "命令",
    "公报",
    "公告",
    "通告",
    "议案",
    "报告",
    "请示",
    "批复",
    "函",
    "纪要",
    "方案",
    "规定",
    "办法",
    "细则",
    "规则",
    "条例",
    "规划",
    "讲话",
    "总结",
)
# Kinds that are not issued documents themselves: they print no 版头, 主送, 版记.
UNISSUED_KINDS = ("工作要点", "进展情况")
# Kinds printed in chapters and articles (第一章, 第一条), as their import reads them.
ARTICLE_KINDS = ("规定", "办法", "细则", "规则", "条例", "规划")
# A 函 with its 发文机关标志 (the issuer's name, not …文件) is set in 信函格式 (§10.1);
# a 命令 with its mark (…令) in 命令格式 (§10.2).
LETTER_KIND = "函"
ORDER_KIND = "命令"

# Kinds whose mark is their own (…纪要, …令, the issuer's name), never the house's …文件.
OWN_MARK_KINDS = (ORDER_KIND, LETTER_KIND, "纪要")


class Header(Strict):
    """版头 (§7.2): every element optional, printed in the standard's order."""

    copy_number: str | None = Field(
        default=None, pattern=r"^\d{6}$", description="份号，6位数字 / copy number, 6 digits"
    )
    secrecy: str | None = Field(
        default=None, description="密级和保密期限，如 秘密★1年 / classification and term"
    )
    urgency: Literal["特急", "加急"] | None = Field(default=None, description="紧急程度 / urgency")
    issuer_mark: str | None = Field(
        default=None, description="发文机关标志，如 教育部办公厅文件 / the issuer's red mark"
    )
    doc_number: str | int | None = Field(
        default=None,
        description="发文字号，如 教技厅〔2016〕1号；只写序号（如 5）则由 docgen.toml "
        "的机关代字和年份补全 / document number; a bare number is completed from the "
        "house profile's prefix",
    )
    signer: str | None = Field(
        default=None, description="签发人（上行文） / signing officer, for documents sent upward"
    )
    issue: str | None = Field(
        default=None,
        min_length=1,
        description="期号或令号，如 第3期、第12号：纪要、命令在发文字号处印的编号 / the issue "
        "number a 纪要, or the order number a 命令, prints where a document prints its 发文字号",
    )

    @field_validator("doc_number")
    @classmethod
    def _doc_number(cls, value: str | int | None) -> str | int | None:
        if isinstance(value, int):
            if value < 1:
                raise ValueError(f"{value} is not a 发文字号's number (expected 1 or more)")
            return value
        if value is not None and not DOC_NUMBER.fullmatch(value):
            raise ValueError(f"'{value}' is not a 发文字号 ({DOC_NUMBER_FORM})")
        return value

    @model_validator(mode="after")
    def _one_number(self) -> Header:
        if self.issue is not None and self.doc_number is not None:
            raise ValueError("issue and doc_number: the 版头 prints one number, not both")
        return self


class Signature(Strict):
    """署名 and 成文日期 (§7.3.5)."""

    issuer: str | None = Field(default=None, description="发文机关署名 / issuing office")
    date: datetime.date | None = Field(
        default=None, description="成文日期，写作 2016-02-02 / date, as 2016-02-02"
    )
    seal: bool = Field(
        default=False, description="加盖印章（留出印章位置） / sealed: the layout leaves room"
    )
    numerals: Literal["arabic", "chinese"] = Field(
        default="arabic",
        description="成文日期的数字：arabic 即 2016年2月2日（GB/T 9704-2012）；chinese 即 "
        "二〇一六年二月二日（2012年以前的公文，照原样重印） / the date's numerals: Arabic as "
        "the standard says, or Chinese as documents before 2012 printed it",
    )
    signer: str | None = Field(
        default=None,
        min_length=1,
        description="签发人姓名（签名章处，如命令的 龚正） / the signing officer's name, printed "
        "where the signature seal stands (§7.3.5.3), as a 命令 is signed",
    )
    signer_title: str | None = Field(
        default=None,
        min_length=1,
        description="签发人职务，如 市长 / the signing officer's title, two characters left "
        "of the name",
    )

    @model_validator(mode="after")
    def _one_signer(self) -> Signature:
        if self.signer_title is not None and self.signer is None:
            raise ValueError("signer_title without signer: the title stands beside a name")
        if self.signer is not None and self.issuer is not None:
            raise ValueError(
                "issuer and signer: a document is signed by its office (issuer) or by its "
                "signing officer (signer, §7.3.5.3), not both"
            )
        return self


def letter_format(kind: str, mark: str | None) -> bool:
    """A 函 set in 信函格式: its mark is its issuer's name (a …文件 mark is 文件格式)."""
    return kind == LETTER_KIND and bool(mark) and not mark.endswith("文件")


def order_format(kind: str, mark: str | None) -> bool:
    """A 命令 set in 命令格式 (§10.2): one with its mark, …令 or …命令."""
    return kind == ORDER_KIND and bool(mark)


class Attendance(Strict):
    """纪要 (§10.3): who attended, was on leave, sat in; each printed after the text on a
    line of its own, 出席：/请假：/列席： in 黑体, the names in 仿宋."""

    present: str | None = Field(
        default=None, min_length=1, description="出席人员（单位、姓名） / present"
    )
    on_leave: str | None = Field(default=None, min_length=1, description="请假人员 / on leave")
    attending: str | None = Field(default=None, min_length=1, description="列席人员 / sitting in")

    def lines(self) -> list[tuple[str, str]]:
        """(label, names) in the standard's order."""
        labels = (("出席", self.present), ("请假", self.on_leave), ("列席", self.attending))
        return [(label, names) for label, names in labels if names]


class Record(Strict):
    """版记 (§7.4): 抄送, 印发机关 and 印发日期, between rules at the foot of the last page."""

    cc: list[Annotated[str, Field(min_length=1)]] = Field(
        default=[], description="抄送机关 / copied to"
    )
    printer: str | None = Field(default=None, description="印发机关 / printing office")
    printed: datetime.date | None = Field(default=None, description="印发日期 / printing date")


class CrossRef(Strict):
    """A 进展情况's link to its year's 工作要点, for the target-versus-outcome table."""

    plan: str = Field(
        min_length=1, description="工作要点文件，相对本文件 / the plan's file, relative to this one"
    )
    appendix: bool = Field(
        default=False, description="在文末附对照表（附表） / print the table as a 附表 at the end"
    )
    orientation: Orientation = Field(
        default="landscape",
        description="对照表横排（landscape，默认：七栏不挤）或竖排（portrait） / the table "
        "turned on its pages (the default: seven columns need the room) or upright",
    )


class Attached(Strict):
    """An attachment with how its 通知 presents it: as a 附件 (labelled 附件N and listed in
    the 附件说明, under its title or the name given), or as the document a 印发, 转发 or
    批转 通知 issues, printed after it on a new page with neither (as the State Council
    prints them: the issued document is the point of the 通知, not an attachment)."""

    file: str | None = Field(
        default=None,
        min_length=1,
        description="内容文件，相对本文件；不写则只在附件说明中列出 name（附件正文不在手边，如网上"
        "转载略去的附件） / the content file; without one, only its name is listed in the "
        "附件说明 (a 附件 whose text is not at hand, as a web copy leaves it out)",
    )
    name: str | None = Field(
        default=None,
        min_length=1,
        description="附件说明中的名称，与附件标题不同时写 / its name in the 附件说明, where "
        "that is not its title",
    )
    issued: bool = Field(
        default=False,
        description="印发、转发或批转的文件：另页接排于通知之后，不标“附件”、不列附件说明 / "
        "the document the 通知 issues or forwards: on a new page after it, without a 附件 "
        "label or a line in the 附件说明",
    )

    @model_validator(mode="after")
    def _issued_has_no_name(self) -> Attached:
        if self.issued and self.name is not None:
            raise ValueError("an issued document has no line in the 附件说明 to name it in")
        if self.file is None and (self.issued or self.name is None):
            raise ValueError("an attachment without file: has only its name (name:) to print")
        return self


AttachedItem = Annotated[
    Annotated[str, Tag("text"), Field(min_length=1)] | Annotated[Attached, Tag("entry")],
    Discriminator(lambda value: "entry" if isinstance(value, dict | Attached) else "text"),
]


class Document(Strict):
    """One document: a 工作要点 (work plan) or a 进展情况 (progress report)."""

    kind: str = Field(
        min_length=1,
        description="文种：工作要点、进展情况、通知，或 templates/ 中有同名模板的文种 / "
        "document kind: one of docgen's, or one a workspace template adds",
        json_schema_extra={"examples": list(KINDS)},
    )
    year: int | None = Field(
        default=None,
        ge=1949,
        le=2999,
        description="年度（工作要点、进展情况必填） / the year the document is about "
        "(required for a 工作要点 or 进展情况)",
    )
    title: str = Field(min_length=1, description="标题 / title")
    notice_title: str | None = Field(
        default=None, description="印发通知的标题 / title of the 通知 that issues it"
    )
    attachment_label: str | None = Field(
        default=None, description="附件标识，如“附件” / attachment label when published as one"
    )
    subtitle: list[Annotated[str, Field(min_length=1)]] = Field(
        default=[],
        description="题注：标题下居中的楷体行，如（2023年5月10日……会议通过）、——在……会议上"
        "的报告 / lines under the title: when and where it was adopted or delivered",
    )
    numbering: Numbering = Field(
        default=Numbering(), description="序号规则 / how the computed numbers run"
    )
    crossref: CrossRef | None = Field(
        default=None, description="目标对照（进展情况） / compare with the plan's targets"
    )
    header: Header | None = Field(
        default=None, description="版头 / the header of an issued document"
    )
    recipients: str | None = Field(
        default=None, description="主送机关，不含冒号 / addressees, without the colon"
    )
    intro: list[Block] = Field(default=[], description="标题下、一级标题前的段落 / preamble")
    sections: list[Section] = Field(default=[], description="一级标题 / top-level sections")
    attachments: list[AttachedItem] = Field(
        default=[],
        description="附件：内容文件，相对本文件；或写明附件说明中的名称、是否为印发（转发）的"
        "文件 / attached content files, relative to this; or with the name the 附件说明 "
        "gives, or as the document it issues",
    )
    signature: Signature | None = Field(default=None, description="署名和成文日期 / signature")
    attendance: Attendance | None = Field(
        default=None, description="出席、请假、列席人员（纪要） / who attended (minutes)"
    )
    note: str | None = Field(default=None, description="附注，不含括号 / note, without brackets")
    record: Record | None = Field(default=None, description="版记 / the closing record")

    @field_validator("subtitle", mode="before")
    @classmethod
    def _one_line(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value  # subtitle: （…通过）

    @model_validator(mode="after")
    def _plans_have_a_year(self) -> Document:
        if self.year is None and self.kind in UNISSUED_KINDS:
            raise ValueError(f"a {self.kind} needs its year (year: 2027, say)")
        return self

    # Where each field stands in its file (`sections[0].body[1]` → line), set by load(),
    # so that problems found later (a glyph no font has) name their line too.
    _source: Path | None = PrivateAttr(default=None)
    _lines: dict[str, int] = PrivateAttr(default_factory=dict)

    def where(self, field: str) -> tuple[Path | None, int | None]:
        """The file and line of a field path, as far as known."""
        return self._source, self._lines.get(field)

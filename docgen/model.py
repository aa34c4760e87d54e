"""The content model: what a YAML file in ``content/`` may say, as typed classes.

No I/O here (``load.py`` reads files). Nothing that can be computed is stored: no
一、（一）1. or 一是 numbers, no 责任单位 brackets. Unknown fields are errors, so a
misspelt key never silently drops text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, PrivateAttr, Tag


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Paragraph(Strict):
    """A paragraph of body text, optionally naming the units responsible for it."""

    text: str = Field(min_length=1, description="段落正文 / paragraph text")
    units: list[Annotated[str, Field(min_length=1)]] = Field(
        default=[], description="责任单位, printed as （责任单位：A、B） / responsible units"
    )


class Points(Strict):
    """An enumeration 一是……二是……; the markers are computed from the order."""

    points: list[Annotated[str, Field(min_length=1)]] = Field(
        min_length=1, description="各条内容，不写“一是” / the points, without 一是"
    )
    layout: Literal["inline", "paragraphs"] = Field(
        default="inline",
        description="inline: 一段之内（一是…二是…）; paragraphs: 每条一段 / one paragraph each",
    )


def _block_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "points" if "points" in value else "paragraph"
    if isinstance(value, Strict):
        return "points" if isinstance(value, Points) else "paragraph"
    return "text"


Block = Annotated[
    Annotated[str, Tag("text"), Field(min_length=1)]
    | Annotated[Paragraph, Tag("paragraph")]
    | Annotated[Points, Tag("points")],
    Discriminator(_block_kind),
]


class Section(Strict):
    """A numbered heading with its text and subsections (一、 → （一） → 1. → （1））."""

    heading: str = Field(min_length=1, description="标题，不写序号 / heading without its number")
    body: list[Block] = Field(default=[], description="正文段落 / paragraphs under the heading")
    sections: list[Section] = Field(default=[], description="下一级标题 / subsections")


class Numbering(Strict):
    items: Literal["restart", "continuous"] = Field(
        default="restart",
        description=(
            "三级序号 1. 2. 在每个（一）下重新开始(restart)，或全文连续(continuous) / "
            "whether 1. 2. restart under each （一） or run on through the document"
        ),
    )


Kind = Literal["工作要点", "进展情况"]


class Document(Strict):
    """One document: a 工作要点 (work plan) or a 进展情况 (progress report)."""

    kind: Kind = Field(description="文种 / document kind")
    year: int = Field(ge=1949, le=2999, description="年度 / the year the document is about")
    title: str = Field(min_length=1, description="标题 / title")
    notice_title: str | None = Field(
        default=None, description="印发通知的标题 / title of the 通知 that issues it"
    )
    attachment_label: str | None = Field(
        default=None, description="附件标识，如“附件” / attachment label when published as one"
    )
    numbering: Numbering = Field(default=Numbering())
    intro: list[Block] = Field(default=[], description="标题下、一级标题前的段落 / preamble")
    sections: list[Section] = Field(default=[], description="一级标题 / top-level sections")

    # Where each field stands in its file (`sections[0].body[1]` → line), set by load(),
    # so that problems found later (a glyph no font has) name their line too.
    _source: Path | None = PrivateAttr(default=None)
    _lines: dict[str, int] = PrivateAttr(default_factory=dict)

    def where(self, field: str) -> tuple[Path | None, int | None]:
        """The file and line of a field path, as far as known."""
        return self._source, self._lines.get(field)

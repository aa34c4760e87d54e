"""The house profile: a workspace's ``docgen.toml`` → ``Profile``, and its defaults
applied to a document.

An office's own facts (its 发文机关标志, 发文字号 prefix, 署名, 主送, 印发机关, fonts) and
the house-style choices offices differ on are written once here instead of in every
content file. A content file's own value always wins: the profile fills only the fields
a document leaves unset (an explicit ``null`` in the content counts as set).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, ValidationError, field_validator

from docgen.content.base import Strict
from docgen.errors import ContentError

if TYPE_CHECKING:  # the content model is imported where a document is loaded, not here
    from docgen.content.model import Document


class HouseHeader(Strict):
    """版头 defaults."""

    issuer_mark: str | None = Field(
        default=None, description="发文机关标志，如 某某市教育局文件 / the issuer's red mark"
    )
    doc_number_prefix: str | None = Field(
        default=None,
        description="发文字号的机关代字，如 某教：内容写 doc_number: 5 即得 某教〔年份〕5号 / "
        "the 机关代字 a bare number in the content is completed with",
    )

    @field_validator("doc_number_prefix")
    @classmethod
    def _prefix(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[^\s〔〕\[\]()（）第\d]+", value):
            raise ValueError(f"'{value}' is not a 机关代字 (e.g. 教技厅: no 〔〕, 第 or digits)")
        return value


class HouseSignature(Strict):
    """署名 defaults."""

    issuer: str | None = Field(default=None, description="发文机关署名 / issuing office")
    seal: bool | None = Field(default=None, description="加盖印章 / sealed")


class HouseRecord(Strict):
    """版记 defaults."""

    cc: list[Annotated[str, Field(min_length=1)]] | None = Field(
        default=None, description="抄送机关 / copied to"
    )
    printer: str | None = Field(default=None, description="印发机关 / printing office")


class HouseFonts(Strict):
    """Where the office fonts are, and what each role is called on the office's PCs."""

    folder: str | None = Field(
        default=None,
        description="字体文件夹，相对 docgen.toml / a folder of font files, relative to "
        "the profile",
    )
    xiaobiaosong: str | None = Field(default=None, description="小标宋的字体名 / 小标宋 font")
    fangsong: str | None = Field(default=None, description="仿宋的字体名 / 仿宋 font")
    heiti: str | None = Field(default=None, description="黑体的字体名 / 黑体 font")
    kaiti: str | None = Field(default=None, description="楷体的字体名 / 楷体 font")
    songti: str | None = Field(default=None, description="宋体的字体名 / 宋体 font")


class HouseStyle(Strict):
    """House-style choices on which offices differ."""

    docx_margins: Literal["glyph", "standard"] = Field(
        default="standard",
        description="DOCX 页边距：standard（默认）即标准的上 3.7 cm、下 3.5 cm；glyph 使首行"
        "字顶落在 37 mm（页面设置显示上 3.24 cm） / the DOCX's margins: standard (the "
        "default) writes 37 / 35 mm as they are; glyph puts the first line's glyphs at 37 mm",
    )

    level3_bold: bool = Field(
        default=True,
        description="三级标题 1. 加粗（GB/T 9704 §7.3.3 仅规定仿宋，多数机关加粗） / "
        "whether the 1. level is bold",
    )


class Profile(Strict):
    """A workspace's house profile (docgen.toml)."""

    office: str | None = Field(
        default=None, description="本机关名称（文件属性中的作者） / the office (document author)"
    )
    recipients: str | None = Field(
        default=None, description="常用主送机关，不含冒号 / usual addressees, without the colon"
    )
    header: HouseHeader = Field(default=HouseHeader(), description="版头 / header defaults")
    signature: HouseSignature = Field(
        default=HouseSignature(), description="署名 / signature defaults"
    )
    record: HouseRecord = Field(default=HouseRecord(), description="版记 / record defaults")
    fonts: HouseFonts = Field(default=HouseFonts(), description="字体 / fonts")
    style: HouseStyle = Field(default=HouseStyle(), description="版式选择 / house style")


def load_profile(path: Path) -> Profile:
    """Read and validate a docgen.toml; every problem is a ContentError at its line."""
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise ContentError(f"cannot read: {exc.strerror}", path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, column = (int(found[1]), int(found[2])) if found else (None, None)
        problem = re.sub(r"\s*\(at line.*\)$", "", str(exc)) or "invalid TOML"
        raise ContentError(f"TOML syntax: {problem}", path, line, column) from None
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        from docgen.content.load import expected_for, message_for

        errors = []
        for err in exc.errors():
            loc = [str(part) for part in err["loc"]]
            model = _model_at(loc)
            errors.append(
                ContentError(
                    message_for(err),
                    path,
                    toml_line(text, loc),
                    field=".".join(loc) or None,
                    expected=expected_for(err, model),
                )
            )
        errors.sort(key=lambda e: e.line or 0)
        errors[0].more = errors[1:]
        raise errors[0] from None


def _model_at(loc: list[str]) -> Any:
    model: Any = Profile
    for part in loc[:-1]:
        field = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        if field is None:
            break
        model = field.annotation
    return model if hasattr(model, "model_fields") else None


def toml_line(text: str, loc: list[str]) -> int | None:
    """The line a dotted field path stands on in TOML text (its key, or its table's
    header; for a missing key, the table's header)."""
    table: list[str] = []
    best: tuple[int, int] | None = None  # (parts matched, line)
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if header := re.fullmatch(r"\[\s*([^\[\]]+?)\s*\]", line):
            table = [p.strip().strip('"') for p in header[1].split(".")]
            path = table
        elif key := re.match(r'("[^"]*"|[\w.-]+)\s*=', line):
            path = [*table, *(p.strip().strip('"') for p in key[1].split("."))]
        else:
            continue
        matched = 0
        while matched < min(len(path), len(loc)) and path[matched] == loc[matched]:
            matched += 1
        if matched == len(path) and (best is None or matched > best[0]):
            best = (matched, number)
    return best[1] if best else None


def apply(doc: Document, profile: Profile, issued: bool) -> Document:
    """The document with the profile's defaults in every field it left unset. Only a
    document that is issued (it carries the parts of §7: 版头, 主送, 署名, 版记) takes them,
    not a 规定 or 办法 (a 通知 or 令 publishes it); a 函, 命令 or 纪要 not the house's
    发文机关标志 (§10: a 函's is its issuer's name), a 令 not its 主送."""
    from docgen.content.model import (
        ARTICLE_KINDS,
        OWN_MARK_KINDS,
        Header,
        Record,
        Signature,
        order_format,
    )

    if not issued or doc.kind in ARTICLE_KINDS:
        return doc
    update: dict[str, Any] = {}
    own = doc.kind in OWN_MARK_KINDS
    order = order_format(doc.kind, doc.header and doc.header.issuer_mark)
    if "recipients" not in doc.model_fields_set and profile.recipients and not order:
        update["recipients"] = profile.recipients
    parts = {
        "header": (
            doc.header,
            Header,
            # The house's …文件 is no 信函's mark, nor a 纪要's or 命令's.
            {"issuer_mark": None if own else profile.header.issuer_mark},
        ),
        "signature": (
            doc.signature,
            Signature,
            # A document its officer signs (§7.3.5.3) takes no office's name.
            {"issuer": None, "seal": False}
            if doc.signature and doc.signature.signer
            else {"issuer": profile.signature.issuer, "seal": profile.signature.seal},
        ),
        "record": (
            doc.record,
            Record,
            {"cc": profile.record.cc, "printer": profile.record.printer},
        ),
    }
    for name, (part, cls, values) in parts.items():
        if (filled := _defaults(part, cls, values)) is not None:
            update[name] = filled
    return doc.model_copy(update=update) if update else doc


def _defaults(part: Any, cls: type[Strict], values: dict[str, Any]) -> Any:
    """`part` with `values` where it left them unset; None when nothing changes. A
    field the content set, even to null, keeps its value; a part left empty (`header:`
    with every line commented out) takes all the defaults."""
    values = {k: v for k, v in values.items() if v is not None}
    if part is None:
        return cls.model_validate(values) if values else None
    missing = {k: v for k, v in values.items() if k not in part.model_fields_set}
    return part.model_copy(update=missing) if missing else None


def doc_number(number: int, prefix: str | None, year: int | None) -> str | None:
    """A bare number completed with the house's 机关代字 and the year (§7.2.4)."""
    return f"{prefix}〔{year}〕{number}号" if prefix and year else None

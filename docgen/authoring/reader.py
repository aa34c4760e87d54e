"""Read a document as people have it: a file → its paragraphs, in order.

Input: the path of a text file (UTF-8, GB18030/GBK or UTF-16; one paragraph a line) or a
DOCX (Word's or docgen's). Output: ``Line``s, each a paragraph with its line in the text
or its number in the DOCX, and the DOCX's heading style where it has one. A file that
is empty, binary, a PDF, an old .doc or a broken DOCX is a ``ContentError`` in one line.
Tables are reported, not read: a content file holds text.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docgen.content.load import read_bytes
from docgen.errors import ContentError

DOCX_MAGIC = b"PK\x03\x04"
_DOC_MAGIC = b"\xd0\xcf\x11\xe0"  # Word 97–2003 (OLE2)


@dataclass(frozen=True)
class Line:
    """One paragraph of the source: its line in a text, its paragraph number in a DOCX."""

    number: int
    text: str
    heading_level: int | None = None  # a DOCX heading style (Heading 2, 标题 2)


Skipped = list[tuple[int | None, str]]  # (paragraph, what was not read)


def read(path: Path) -> tuple[list[Line], str, Skipped]:
    """The paragraphs of a file, what their numbers count ("line" or "paragraph"), and
    what was skipped."""
    raw = _read(path)
    if raw.startswith(DOCX_MAGIC) or path.suffix.lower() == ".docx":
        return _docx_lines(path, raw)
    return _text_lines(path, raw), "line", []


def _read(path: Path) -> bytes:
    raw = read_bytes(path, "a text or DOCX file")
    if not raw.strip():
        raise ContentError("empty file", path, 1, 1, expected="a document's text, or a DOCX")
    if raw.startswith(_DOC_MAGIC):
        raise ContentError(
            "a Word 97–2003 .doc file", path, expected="a .docx (save it as .docx) or text"
        )
    if raw.startswith(b"%PDF"):
        raise ContentError(
            "a PDF", path, expected="text or a DOCX (copy the PDF's text into a .txt file)"
        )
    return raw


def _text_lines(path: Path, raw: bytes) -> list[Line]:
    text = _decode(path, raw)
    return [Line(n, t) for n, t in enumerate(text.splitlines(), 1) if t.strip()]


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (which reads GBK)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise ContentError("a binary file (it holds NUL bytes)", path, line, expected="text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        bad = re.search(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", text)
        if bad is None:
            return text
        line = text[: bad.start()].count("\n") + 1
        raise ContentError(
            f"a binary file (control character 0x{ord(bad.group()):02x})",
            path,
            line,
            expected="text",
        )
    raise ContentError("not text in UTF-8 or GB18030", path, expected="a text file or a DOCX")


def _docx_lines(path: Path, raw: bytes) -> tuple[list[Line], str, Skipped]:
    """The DOCX's body paragraphs in order; tables are reported, not imported."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise ContentError("not a DOCX (not a zip file)", path, expected="a .docx file") from None
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise ContentError(
            f"not a DOCX ({type(exc).__name__}: {exc})", path, expected="a .docx file"
        ) from None
    lines: list[Line] = []
    skipped: Skipped = []
    appendix_at: int | None = None
    number = 0
    for block in document.iter_inner_content():
        number += 1
        if isinstance(block, Table):
            where = appendix_at or number
            what = "附表 (a table)" if appendix_at else "a table"
            skipped.append(
                (
                    where,
                    f"{what} not imported: a content file holds text; docgen computes the "
                    "对照表 from targets and outcomes",
                )
            )
            continue
        text = block.text.replace("\n", "").strip()
        if not text or appendix_at:
            continue
        if re.fullmatch(r"附表\s*[0-9０-９]*", text) and lines:
            appendix_at = number  # the label of an appended table: what follows is the 附表
            continue
        lines.append(Line(number, text, _style_level(block.style.name if block.style else "")))
    if appendix_at and not any(w == appendix_at for w, _ in skipped):
        skipped.append((appendix_at, "附表 and what follows it not imported"))
    return lines, "paragraph", skipped


def _style_level(name: str) -> int | None:
    found = re.fullmatch(r"(?:Heading|标题)\s*([1-4])", name.strip())
    return int(found.group(1)) if found else None

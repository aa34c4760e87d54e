"""Read a document as people have it: a file → its paragraphs, in order.

Input: the path of a text file (UTF-8, GB18030/GBK or UTF-16; one paragraph a line) or a
DOCX (Word's or docgen's). Output: ``Line``s, each a paragraph with its line in the text
or its number in the DOCX, and the DOCX's heading style where it has one. A file that
is empty, binary, a PDF, an old .doc or a broken DOCX is a ``ContentError`` in one line.
A table comes as its rows of cells; the 版记's table as its lines of text.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen import spec
from docgen.chinese import ends_with_doc_number, is_record_line, read_doc_number
from docgen.content.load import read_bytes
from docgen.errors import ContentError, one_line

DOCX_MAGIC = b"PK\x03\x04"
_DOC_MAGIC = b"\xd0\xcf\x11\xe0"  # Word 97–2003 (OLE2)


@dataclass(frozen=True)
class Line:
    """One paragraph of the source: its line in a text, its paragraph number in a DOCX."""

    number: int
    text: str
    heading_level: int | None = None  # a DOCX heading style (Heading 2, 标题 2)
    cells: tuple[tuple[str, ...], ...] | None = None  # a table's rows, where one stands


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


# What import reads of a DOCX at the most: a real one is a few MB unpacked; a zip bomb
# is refused from its directory, before anything is inflated.
DOCX_UNPACKED_BYTES = 200 * 2**20
DOCX_PARAGRAPHS = 20_000  # a 200-page document has about 6,000
SUBTITLE_STYLE = spec.ELEMENTS["subtitle"].word_style  # docgen's 题注: a line a break


def _check_package(path: Path, raw: bytes) -> None:
    """A DOCX whose parts would unpack past the limits is refused before python-docx
    inflates them; one that is no zip is python-docx's to say."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            parts = package.infolist()
    except zipfile.BadZipFile:
        return
    total = sum(part.file_size for part in parts)
    if total > DOCX_UNPACKED_BYTES:
        raise ContentError(
            f"a DOCX that unpacks to {total:,} bytes",
            path,
            expected=f"a document that unpacks to at most {DOCX_UNPACKED_BYTES:,} bytes",
        )


def _text_lines(path: Path, raw: bytes) -> list[Line]:
    """The text's lines; consecutive lines of TAB-separated cells are one table."""
    text = _decode(path, raw)
    lines: list[Line] = []
    for n, t in enumerate(text.splitlines(), 1):
        if not t.strip():
            continue
        if "\t" in t.strip():
            row = tuple(c.strip() for c in t.strip().split("\t"))
            last = lines[-1] if lines else None
            if last is not None and last.cells and len(last.cells[0]) == len(row):
                lines[-1] = Line(last.number, last.text, cells=(*last.cells, row))
                continue
            lines.append(Line(n, "\t".join(row), cells=(row,)))
            continue
        lines.append(Line(n, t))
    # A table is two rows or more, not begun by a heading's number: a single line with a
    # TAB (一、<TAB>总体要求, as Word's lists copy out) is text.
    return [
        line if _is_table(line) else Line(line.number, line.text.replace("\t", ""))
        for line in lines
    ]


def _is_table(line: Line) -> bool:
    from docgen.chinese import POINT, level_number

    if not line.cells or len(line.cells) < 2:
        return False
    first = line.cells[0][0]
    return level_number(first + "x") is None and POINT.match(first) is None


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

    _check_package(path, raw)
    try:
        document = docx.Document(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise ContentError("not a DOCX (not a zip file)", path, expected="a .docx file") from None
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise ContentError(
            f"not a DOCX ({type(exc).__name__}: {exc})", path, expected="a .docx file"
        ) from None
    # Its styles, numbering or settings elsewhere (an external relationship): docgen
    # reads only what the file holds, and fetches nothing.
    for rel in document.part.rels.values():
        if rel.is_external and not rel.reltype.endswith("/hyperlink"):
            part = rel.reltype.rsplit("/", 1)[-1]
            raise ContentError(
                f"a DOCX whose {part} part is outside the file ({one_line(rel.target_ref)})",
                path,
                expected="a DOCX that holds its own parts",
            )
    paragraphs = len(document.element.body)
    if paragraphs > DOCX_PARAGRAPHS:
        raise ContentError(
            f"a DOCX of {paragraphs:,} paragraphs and tables",
            path,
            expected=f"at most {DOCX_PARAGRAPHS:,}: import it in parts",
        )
    lines: list[Line] = []
    skipped: Skipped = []
    appendix_at: int | None = None
    number = 0
    try:
        numbers = WordNumbering(document)
    except (ValueError, TypeError):  # a numbering part with numbers that are not: none
        numbers = WordNumbering(None)
    for block in document.iter_inner_content():
        number += 1
        if isinstance(block, Table):
            rows = tuple(tuple(c.text.strip() for c in row.cells) for row in block.rows)
            # The 版记 (a table of one column in docgen's DOCX): its lines, wherever it
            # stands (after a 附表 too, at the end of the last page).
            if rows and all(len(set(r)) == 1 and is_record_line(r[0]) for r in rows):
                lines.extend(Line(number, r[0]) for r in rows)
                continue
            if appendix_at:  # docgen's own 对照表: computed from targets and outcomes
                skipped.append(
                    (appendix_at, "附表 (a table) not imported: docgen computes the 对照表")
                )
                continue
            if rows and rows[0]:
                lines.append(Line(number, "", cells=rows))
            continue
        shown = numbers.label(block)  # Word's automatic number, as Word shows it
        style = block.style.name if block.style else ""
        if style == SUBTITLE_STYLE and not appendix_at:  # a 题注's lines, each its own
            lines.extend(Line(number, t.strip()) for t in block.text.split("\n") if t.strip())
            continue
        text = block.text.replace("\n", "").strip()  # a title's lines: one title
        if not text or appendix_at:
            continue
        text = shown + text
        if re.fullmatch(r"附表\s*[0-9０-９]*", text) and lines:
            appendix_at = number  # the label of an appended table: what follows is the 附表
            continue
        lines.append(Line(number, text, _style_level(style)))
    # A 信函's mark stands in page 1's own header (docgen's DOCX, and Word's letters):
    # read when the text starts with a 发文字号 (after a 份号 on its line, or alone).
    first = document.sections[0] if document.sections else None
    if first is not None and first.different_first_page_header_footer and lines:
        mark = "".join(p.text for p in first.first_page_header.paragraphs).strip()
        text = lines[0].text
        if mark and (read_doc_number(text) or ends_with_doc_number(text)):
            lines.insert(0, Line(0, mark))
    if appendix_at and not any(w == appendix_at for w, _ in skipped):
        skipped.append((appendix_at, "附表 and what follows it not imported"))
    return lines, "paragraph", skipped


def _style_level(name: str) -> int | None:
    found = re.fullmatch(r"(?:Heading|标题)\s*([1-4])", name.strip())
    return int(found.group(1)) if found else None


# Word's number formats (ECMA-376 §17.18.59 ST_NumberFormat) that Chinese documents use.
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CHINESE_COUNTING = {
    "chineseCounting",
    "chineseCountingThousand",
    "japaneseCounting",
    "taiwaneseCounting",
}


def _formatted(n: int, fmt: str) -> str:
    from docgen.chinese import chinese_numeral

    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
    ):
        return chinese_numeral(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("bullet", "none"):
        return ""
    return str(n)  # decimal, and what else Word may write


class WordNumbering:
    """Word's automatic numbering (numbering.xml), counted as Word counts it, so that a
    numbered paragraph imports with the number Word shows: each list (w:num) keeps a
    counter a level; a level's number restarts the levels below it."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → ilvl → fmt
        self.counters: dict[str, list[int]] = {}
        if document is None:
            return
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.findall(qn("w:abstractNum")):
            abstract[node.get(qn("w:abstractNumId"))] = self._read_levels(node)
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(ref.get(qn("w:val")) if ref is not None else "", {}))
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start.get(qn("w:val"), "1")))
            self.levels[num.get(qn("w:numId"))] = levels

    def _read_levels(self, node: Any) -> dict[int, tuple[str, str, int]]:
        qn = self._qn
        levels = {}
        for lvl in node.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            text = lvl.find(qn("w:lvlText"))
            start = lvl.find(qn("w:start"))
            levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                fmt.get(qn("w:val")) if fmt is not None else "decimal",
                text.get(qn("w:val")) if text is not None else "",
                int(start.get(qn("w:val"))) if start is not None else 1,
            )
        return levels

    def _num_pr(self, paragraph: Any) -> tuple[str, int] | None:
        """The paragraph's list and level: its own, else its style's (and their bases)."""
        qn = self._qn
        p_pr = paragraph._p.pPr
        num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        style = paragraph.style
        while num_pr is None and style is not None:
            s_pr = style.element.pPr
            num_pr = s_pr.find(qn("w:numPr")) if s_pr is not None else None
            style = style.base_style
        if num_pr is None:
            return None
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        if num_id is None:
            return None
        return num_id.get(qn("w:val")), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0

    def label(self, paragraph: Any) -> str:
        """The number Word shows before the paragraph ("" if none), counted on."""
        try:
            found = self._num_pr(paragraph)
        except (ValueError, TypeError):  # an ilvl that is not a number: no number
            return ""
        if found is None or found[0] not in self.levels or found[0] == "0":
            return ""
        num_id, ilvl = found
        levels = self.levels[num_id]
        if ilvl not in levels or not 0 <= ilvl < 9:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        if counters[ilvl] == 0:
            counters[ilvl] = levels[ilvl][2]
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        text = levels[ilvl][1]
        for level, (fmt, _, start) in levels.items():
            if f"%{level + 1}" in text:
                text = text.replace(f"%{level + 1}", _formatted(counters[level] or start, fmt))
        return text

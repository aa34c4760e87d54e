"""The DOCX package as Word and WPS open it: true properties, the office fonts named
for substitution, and the same bytes for the same input.

python-docx saves what its template holds (a Macintosh Word 2010 file: app.xml of one
page and no words, the time of saving in every zip entry); ``finish`` rewrites those
parts from the document and writes the zip in a fixed order with fixed times.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docgen import chinese

# Every zip entry's time: the zip format's first (1980), not the time of building.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Core properties hold at most 255 characters (Word truncates, python-docx refuses).
MAX_PROPERTY = 255


@dataclass(frozen=True)
class Properties:
    """What docProps/core.xml and app.xml say of a document."""

    title: str
    author: str = ""
    subject: str = ""
    keywords: str = ""
    generator: str = ""
    date: str = ""  # the 成文日期, ISO: the document's creation; none, no date
    pages: int = 0  # as the PDF lays them out; 0: not known, not written
    text: str = ""  # for the word and character counts


def finish(docx: bytes, props: Properties) -> bytes:
    """The saved DOCX with its properties rewritten, in a deterministic zip."""
    parts = _read(docx)
    parts["docProps/core.xml"] = core_xml(props).encode()
    parts["docProps/app.xml"] = app_xml(props).encode()
    return _zip(parts)


def _read(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    """[Content_Types].xml first (some readers sniff it), then the parts by name."""
    out = io.BytesIO()
    order = sorted(parts, key=lambda name: (name != "[Content_Types].xml", name))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in order:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # as on Unix, wherever it is built (Windows says 0)
            z.writestr(info, parts[name])
    return out.getvalue()


def counts(text: str) -> tuple[int, int, int]:
    """Words, characters and characters with spaces, as Word counts them: each Chinese
    character is a word, and so is each run of other letters or digits."""
    # Counted in C, without a list of every match (0.05 s at 200 pages).
    others, chinese_chars = chinese.cjk_pattern().subn(" ", text)
    words = chinese_chars - text.count("\u3000") + len(others.split())
    chars = len("".join(text.split()))  # str.split's white space is re's \s
    return words, chars, len(text.replace("\n", ""))


def core_xml(props: Properties) -> str:
    def field(tag: str, value: str) -> str:
        value = value[:MAX_PROPERTY]
        return f"<{tag}>{escape(value)}</{tag}>" if value else ""

    dates = ""
    if props.date:
        stamp = f"{props.date}T00:00:00Z"
        dates = "".join(
            f'<dcterms:{t} xsi:type="dcterms:W3CDTF">{stamp}</dcterms:{t}>'
            for t in ("created", "modified")
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        "<cp:coreProperties"
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + field("dc:title", props.title)
        + field("dc:subject", props.subject)
        + field("dc:creator", props.author)
        + field("cp:keywords", props.keywords)
        + field("dc:description", props.generator)
        + field("cp:lastModifiedBy", props.author)
        + "<cp:revision>1</cp:revision>"
        + dates
        + "<dc:language>zh-CN</dc:language>"
        + "</cp:coreProperties>"
    )


def app_xml(props: Properties) -> str:
    words, chars, with_spaces = counts(props.text)
    pages = f"<Pages>{props.pages}</Pages>" if props.pages else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties">'
        f"{pages}<Words>{words}</Words><Characters>{chars}</Characters>"
        f"<Application>docgen</Application><DocSecurity>0</DocSecurity>"
        f"<CharactersWithSpaces>{with_spaces}</CharactersWithSpaces>"
        "</Properties>"
    )


# The office fonts as Word and WPS describe them in fontTable.xml (charset 86 = GB2312):
# with these, a PC that lacks 仿宋_GB2312 substitutes a fixed-pitch Chinese face of the
# same PANOSE class (仿宋, then 宋体) rather than a Latin one. Values as Word and WPS
# write them for these fonts; 方正小标宋 has none published, so no PANOSE is claimed.
_PANOSE = {
    "仿宋_GB2312": "02010609030101010101",
    "楷体_GB2312": "02010609030101010101",
    "仿宋": "02010609060101010101",
    "楷体": "02010609060101010101",
    "黑体": "02010609060101010101",
    "宋体": "02010600030101010101",
}
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def font_table_xml(names: list[tuple[str, str | None]]) -> str:
    """fontTable.xml naming each (font, alternative name) pair."""
    entries = []
    for name, alt in dict.fromkeys(names):
        panose = _PANOSE.get(name)
        fixed = panose is not None and panose[6:8] == "09"  # PANOSE proportion: monospaced
        entries.append(
            f'<w:font w:name="{escape(name)}">'
            + (f'<w:altName w:val="{escape(alt)}"/>' if alt else "")
            + (f'<w:panose1 w:val="{panose}"/>' if panose else "")
            + '<w:charset w:val="86"/>'
            + f'<w:family w:val="{"modern" if fixed else "auto"}"/>'
            + f'<w:pitch w:val="{"fixed" if fixed else "variable"}"/>'
            + "</w:font>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:fonts xmlns:w="{W_NS}">{"".join(entries)}</w:fonts>'
    )

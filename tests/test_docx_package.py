"""The DOCX as Word and WPS open it: valid by the Open XML SDK's rules, the same bytes
for the same input on any machine, no prompt and nothing left from python-docx's
template, and text that a reader without a layout engine (pandoc, mammoth) reads
whole: the 出处 page numbers and the 版记 included."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from docx2python import docx2python
from lxml import etree
from openxml_audit import OpenXmlValidator

from docgen.cli import main
from tests.conftest import CONTENT, ROOT, normalise
from tests.pdfpage import libreoffice_pdf, read_pages, unturned

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def content_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every document of content/, built to PDF and DOCX."""
    out = tmp_path_factory.mktemp("content")
    assert main(["build", str(CONTENT), "--out", str(out), "--names", "file"]) == 0
    return out


def docx_files(folder: Path) -> list[Path]:
    found = sorted(folder.rglob("*.docx"))
    assert len(found) >= 5, found
    return found


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def test_every_docx_passes_the_open_xml_sdk_rules(content_out: Path) -> None:
    validator = OpenXmlValidator(max_errors=0, strict=True)
    for path in docx_files(content_out):
        result = validator.validate(path)
        assert result.is_valid, (path.name, [str(e) for e in result.errors])


def test_no_prompt_and_nothing_left_of_the_template(content_out: Path) -> None:
    for path in docx_files(content_out):
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
        assert not {n for n in names if re.search("thumbnail|stylesWithEffects|customXml", n)}
        settings = part(path, "word/settings.xml")
        assert settings.find(f"{W}updateFields") is None  # Word would ask to update fields
        (mode,) = settings.xpath("//w:compatSetting[@w:name='compatibilityMode']", namespaces=NS)
        assert mode.get(f"{W}val") == "15"  # not [兼容模式]
        assert settings.find(f"{W}themeFontLang").get(f"{W}eastAsia") == "zh-CN"
        (rule,) = settings.findall(f"{W}noLineBreaksBefore")
        assert rule.get(f"{W}lang") == "zh-CN" and "。" in rule.get(f"{W}val")
        fonts = {f.get(f"{W}name"): f for f in part(path, "word/fontTable.xml").findall(f"{W}font")}
        fangsong = fonts["仿宋_GB2312"]
        assert fangsong.find(f"{W}charset").get(f"{W}val") == "86"
        assert fangsong.find(f"{W}altName").get(f"{W}val") == "仿宋"
        assert fangsong.find(f"{W}panose1") is not None
        assert {"方正小标宋简体", "黑体", "楷体_GB2312"} <= set(fonts)
        styles = part(path, "word/styles.xml")
        assert not styles.xpath("//w:rFonts[contains(@w:eastAsia, 'MS ')]", namespaces=NS)


NS = {"w": W[1:-1]}


def test_properties_say_what_the_document_is(content_out: Path) -> None:
    """app.xml: docgen, the PDF's page count, the words; core.xml: title and zh-CN."""
    for path in docx_files(content_out):
        pdf = path.with_suffix(".pdf")
        app = part(path, "docProps/app.xml")
        ns = {"e": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}
        assert app.findtext("e:Application", namespaces=ns) == "docgen"
        with pdfplumber.open(pdf) as opened:
            pages = len(opened.pages)
        if app.findtext("e:Pages", namespaces=ns):  # written where the layout was known
            assert int(app.findtext("e:Pages", namespaces=ns)) == pages
        assert int(app.findtext("e:Words", namespaces=ns)) > 100
        core = part(path, "docProps/core.xml")
        dc = {"dc": "http://purl.org/dc/elements/1.1/"}
        assert core.findtext("dc:language", namespaces=dc) == "zh-CN"
        assert core.findtext("dc:title", namespaces=dc)


def test_the_same_input_gives_the_same_bytes(content_out: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert main(["build", str(CONTENT), "--out", str(again), "--names", "file"]) == 0
    for path in docx_files(content_out):
        twin = again / path.relative_to(content_out)
        assert twin.read_bytes() == path.read_bytes(), path.name


def test_the_docx_does_not_depend_on_the_machines_fonts(tmp_path: Path) -> None:
    """Built where Fandol (the stand-ins) is hidden, so every role falls back to Noto:
    the DOCX is byte for byte the same. (Its margins, its 版头's spaces, its 署名's place
    and the rest come from the office fonts' fixed metrics. What it takes from the PDF's
    pages when there is one — the page count, a 版记's page, the 出处 page numbers —
    follows the fonts the PDF is set in: a DOCX alone is built here.)"""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        "<dir>/usr/share/fonts</dir>"
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    outs = {}
    for name, env in (("usual", {}), ("hidden", {"FONTCONFIG_FILE": str(config)})):
        outs[name] = tmp_path / name
        subprocess.run(
            [
                *(sys.executable, "-m", "docgen", "build", "--format", "docx"),
                *("content/2016/gongzuoyaodian.yaml", "content/2016/tongzhi.yaml"),
                *("--out", str(outs[name])),
            ],
            cwd=ROOT,
            env={**os.environ, **env},
            check=True,
            capture_output=True,
            timeout=300,
        )
    hidden_report = subprocess.run(
        [sys.executable, "-m", "docgen", "fonts"],
        cwd=ROOT,
        env={**os.environ, "FONTCONFIG_FILE": str(config)},
        capture_output=True,
        text=True,
    ).stdout
    assert "MISSING" in hidden_report  # the stand-ins really were hidden
    usual = sorted(outs["usual"].rglob("*.docx"))
    assert len(usual) == 2
    for path in usual:
        twin = outs["hidden"] / path.relative_to(outs["usual"])
        assert twin.read_bytes() == path.read_bytes(), path.name


def docx_text(path: Path) -> str:
    """The body's text as docx2python reads it (no layout: as pandoc and mammoth do)."""
    with docx2python(path) as read:
        return read.text if not read.footer else _without(read.text, read.footer)


def _without(text: str, footer: list) -> str:
    flat = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            flat.append(node)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(footer)
    for piece in {p for p in flat if p.strip()}:
        text = text.replace(piece, "")
    return text


def header_rows(path: Path) -> list[str]:
    """The text of a DOCX's table header rows (w:tblHeader)."""
    rows = part(path, "word/document.xml").xpath("//w:tr[w:trPr/w:tblHeader]", namespaces=NS)
    return ["".join(row.xpath(".//w:t/text()", namespaces=NS)) for row in rows]


def pdf_text(path: Path) -> str:
    """The PDF's text less its page numbers (— 1 —); a landscape 附表's pages (§8) read
    turned, as a reader turns the sheet (their page numbers then stand across it)."""

    def text(page: pdfplumber.page.Page) -> str:
        if page.width > page.height:
            page = page.filter(lambda o: o["object_type"] != "char" or o["upright"])
        return page.extract_text() or ""

    with pdfplumber.open(unturned(path)) as pdf:
        pages = [text(page) for page in pdf.pages]
    return "\n".join(re.sub(r"^\s*—\s*\d+\s*—\s*$", "", t, flags=re.M) for t in pages)


def test_a_reader_without_layout_reads_the_pdfs_text(content_out: Path) -> None:
    """docx2python's text of every DOCX has the PDF's characters, 出处 page numbers
    (四、第6页) and the 版记 (抄送, 印发) included: no field left empty, no text box
    dropped. (Character for character: a PDF's table reads line by line across its
    cells, the DOCX's cell by cell.) Up to its first table, in the same order."""
    for path in docx_files(content_out):
        docx_words = normalise(docx_text(path))
        pdf_words = normalise(pdf_text(path.with_suffix(".pdf")))
        assert not Counter(docx_words) - Counter(pdf_words), path.name
        # The PDF prints a table's header row again on each page; Word repeats it too,
        # but its text is in the file once.
        extra = Counter(pdf_words) - Counter(docx_words)
        header = Counter(normalise("".join(header_rows(path))))
        repeats = extra[next(iter(header))] // header[next(iter(header))] if header else 0
        assert extra == Counter({c: n * repeats for c, n in header.items()}), path.name
        head = normalise(docx_text(path).split("序号")[0])
        assert pdf_words.startswith(head), path.name
    report = normalise(docx_text(next(content_out.rglob("jinzhanqingkuang.docx"))))
    assert re.search(r"四、第\d+页", report)
    notice = normalise(docx_text(next(content_out.rglob("examples/tongzhi.docx"))))
    assert "抄送:" in notice and notice.endswith("印发")  # normalised: NFKC


@pytest.fixture(scope="module")
def notice_round_trip(content_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example 通知 (a 版记 on an even page of its own) saved again by LibreOffice
    as DOCX, then laid out: what an office that edits in LibreOffice circulates."""
    out = tmp_path_factory.mktemp("round_trip")
    source = next(content_out.rglob("examples/tongzhi.docx"))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{out / 'profile'}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out / "saved"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    libreoffice_pdf([out / "saved" / "tongzhi.docx"], out, out / "profile")
    return out / "tongzhi.pdf"


def test_a_libreoffice_round_trip_keeps_the_record_on_its_page(
    content_out: Path, notice_round_trip: Path
) -> None:
    ours = read_pages(next(content_out.rglob("examples/tongzhi.pdf")))
    theirs = read_pages(notice_round_trip)
    assert len(theirs) == len(ours) and len(theirs) % 2 == 0
    last = "".join(line.text for line in theirs[-1].lines)
    assert "抄送：" in last and last.endswith("印发")
    assert not any("抄送：" in line.text for page in theirs[:-1] for line in page.lines)


def test_no_line_starts_inside_a_number_in_libreoffice(
    content_out: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """87.6% and 5800 stay whole (the digits carry a Latin language: LibreOffice breaks
    a zh-CN run of digits anywhere)."""
    out = tmp_path_factory.mktemp("numbers")
    docx = docx_files(content_out)
    libreoffice_pdf(docx, out, out / "profile")
    split = []
    for path in docx:
        for page in read_pages(out / f"{path.stem}.pdf"):
            for above, below in zip(page.lines, page.lines[1:], strict=False):
                full = above.right > 180  # a line the next one goes on from
                if full and re.search(r"[0-9.]$", above.text) and re.match(r"[0-9.%]", below.text):
                    split.append((path.stem, page.number, above.text[-6:], below.text[:6]))
    assert not split, split


def test_words_and_characters_are_counted_by_their_definition() -> None:
    """package.counts, counted in C, agrees with its definition written as regexes over
    texts of Chinese, Latin, digits and every kind of white space (U+3000 among them)."""
    import random
    import re

    from docgen.chinese import CHINESE
    from docgen.render.package import counts

    def defined(text: str) -> tuple[int, int, int]:
        words = len(re.findall(f"[{CHINESE}]", text)) - text.count("\u3000")
        words += len(re.findall(rf"[^\s{CHINESE}]+", text))  # a run of other letters
        return words, len(re.findall(r"\S", text)), len(text.replace("\n", ""))

    alphabet = (
        "中文，。、“”—…·（）《》\u3000 \t\n\r\x0b\x0c\xa0\u2003\u2028\u200babcXYZ123.%-é\U00020000"
    )
    rng = random.Random(0)
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert counts(text) == defined(text), repr(text)

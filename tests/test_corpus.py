"""Real published documents of other offices and kinds (tests/corpus/, sources in its
README): each imported, built in both formats, and read back equals its source."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import docx
import pdfplumber
import pytest
import yaml
from openxml_audit import OpenXmlValidator

from docgen.chinese import chinese_date, read_doc_number
from docgen.cli import main
from tests.pdfpage import libreoffice_pdf

CORPUS = Path(__file__).resolve().parent / "corpus"
INDEX = {e["file"]: e for e in yaml.safe_load((CORPUS / "index.yaml").read_text("utf-8"))}

# Documents whose numbering (or, for one, whose title) docgen does not yet keep as
# printed: strict, so that a document that starts to pass must leave this list.
NUMBERING_NOT_KEPT: dict[str, str] = {}


# What docgen prints otherwise than the source, on purpose: (as the source writes it, as
# docgen prints it). GB/T 9704 §7.3.5 writes the 成文日期 with 年月日, Arabic numerals,
# the year in full: a school's 2020.4.23 is read as that date and printed 2020年4月23日,
# as its office would print it (import says so, at the line); a date in Chinese numerals
# has its zero as 〇, where a web copy has the digit 0 or the circle ○. Nothing else is
# changed.
PRINTED_AS_THE_STANDARD = {
    "2020-school-wenan-tongzhi-laodong.txt": [("2020.4.23", "2020年4月23日")],
    "2019-district-changlvfuyi-1-yian-jiedao.txt": [
        ("长绿府议[2019]1号", "长绿府议〔2019〕1号"),
        ("二0一九年一月八日", "二〇一九年一月八日"),
    ],
    "2022-province-hujiaoxinggui-2-tongzhi-yinfa-gangkou-banfa.txt": [
        ("二○二二年一月二十九日", "二〇二二年一月二十九日")
    ],
    "2022-province-hujiaoxinggui-3-tongzhi-yinfa-xinxi-guiding.txt": [
        ("二○二二年二月八日", "二〇二二年二月八日")
    ],
    "2005-gov-guowuyuanling-444-mingling-jinzhi-chuanxiao.txt": [
        ("二○○五年八月二十三日", "二〇〇五年八月二十三日")
    ],
}


def normalise(text: str) -> str:
    """As a reader compares: full- and half-width alike, no white space, no page numbers."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return re.sub(r"—\d+—", "", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every corpus text imported and built (PDF and DOCX, named after its file). The
    附件 whose text follows a document in its file are imported as files of their own
    (`<stem>-fujian1.yaml` …), which the document names; built alone, each is a
    document too."""
    out = tmp_path_factory.mktemp("corpus")
    for source in sorted(CORPUS.glob("*.txt")):
        content = out / f"{source.stem}.yaml"
        assert main(["import", str(source), "--out", str(content)]) == 0, source.name
    assert main(["build", str(out), "--out", str(out), "--names", "file"]) == 0
    return out


@pytest.fixture(scope="module")
def libreoffice(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every corpus DOCX as LibreOffice lays it out: the independent reader."""
    out = tmp_path_factory.mktemp("corpus-lo")
    documents = [built / f"{Path(name).stem}.docx" for name in sorted(INDEX)]
    libreoffice_pdf(documents, out, out / "profile")
    return out


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return normalise("".join(page.extract_text() or "" for page in pdf.pages))


def test_the_corpus_is_varied_and_indexed() -> None:
    files = sorted(p.name for p in CORPUS.glob("*.txt"))
    assert len(files) >= 20 and set(files) == set(INDEX)
    kinds = {entry["kind"] for entry in INDEX.values()}
    assert {"通知", "意见", "函", "通报", "决定", "批复", "议案", "决议", "报告"} <= kinds
    assert "工作要点" in kinds  # a plan not a seed's
    levels = {entry["level"] for entry in INDEX.values()}
    assert {"national", "province", "city", "county", "district", "school"} <= levels
    readme = (CORPUS / "README.md").read_text("utf-8")
    assert all(name in readme for name in files)  # each with its source


def corpus_params(known: dict[str, str]) -> list:
    """Every corpus document, those in `known` expected to fail (strict) for its reason."""
    return [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=known[n])) if n in known else n
        for n in sorted(INDEX)
    ]


@pytest.mark.parametrize("name", corpus_params(NUMBERING_NOT_KEPT))
def test_a_real_document_prints_its_own_words_and_numbers(
    built: Path, libreoffice: Path, name: str
) -> None:
    """Its PDF, its DOCX's text, and its DOCX as LibreOffice lays it out, each read back,
    say the source's words and numbers in the source's order. A document built with
    the 附件 that follow it in the file prints them after it, each on a new page: a 附件
    under the label docgen prints (附件1 …), as these sources print it too, and the
    document a 印发 or 转发 通知 issues with no label, as the State Council prints it; so
    the whole file's text is what is compared."""
    source = (CORPUS / name).read_text("utf-8")
    for written, printed in PRINTED_AS_THE_STANDARD.get(name, []):
        assert written in source
        source = source.replace(written, printed)
    source = normalise(source)
    stem = Path(name).stem
    paragraphs = docx.Document(str(built / f"{stem}.docx")).paragraphs
    printed = {
        "PDF": pdf_text(built / f"{stem}.pdf"),
        "DOCX": normalise("".join(p.text for p in paragraphs)),
        "DOCX in LibreOffice": pdf_text(libreoffice / f"{stem}.pdf"),
    }
    # Web copies print the 发文字号 under the title; docgen sets it in the 版头 above.
    if number := normalise(read_doc_number(INDEX[name].get("doc_number", "")) or ""):
        source = source.replace(number, "", 1)
        for reader, text in printed.items():
            assert text.startswith(number), f"{reader}: {text[:40]}"
            printed[reader] = text[len(number) :]
    for reader, text in printed.items():
        assert text == source, reader


def kind_of(indexed: str) -> str:
    """The kind docgen gives a 文种 as the index names it (复函 and 答复 are 函)."""
    return {"复函": "函", "答复": "函"}.get(indexed, indexed)


def same(a: object, b: object) -> bool:
    return normalise(str(a)) == normalise(str(b))


# Documents whose parts import wrongly, and why (strict: one that starts to pass leaves).
PARTS_WRONG: dict[str, str] = {}


@pytest.mark.parametrize("name", corpus_params(PARTS_WRONG))
def test_a_real_document_imports_with_its_kind_and_parts(built: Path, name: str) -> None:
    """The kind, title, 发文字号, 主送, 署名 and 成文日期 the source prints, in their fields."""
    data = yaml.safe_load((built / f"{Path(name).stem}.yaml").read_text("utf-8"))
    facts = INDEX[name]
    assert data["kind"] == kind_of(facts["kind"])
    assert same(data["title"], facts["title"])
    if "doc_number" in facts:
        assert data["header"]["doc_number"] == read_doc_number(facts["doc_number"])
        assert data["year"] == int(re.search(r"[〔［\[](\d{4})", facts["doc_number"])[1])
    if facts.get("subtitle"):  # 题注: one line, or several
        lines = data["subtitle"] if isinstance(data["subtitle"], list) else [data["subtitle"]]
        assert [normalise(x) for x in lines] == [normalise(x) for x in facts["subtitle"]]
    if facts.get("recipients"):
        assert same(data["recipients"], facts["recipients"])
    if facts.get("date"):
        assert data["signature"]["date"] == facts["date"]
    if facts.get("issuer"):
        assert same(data["signature"]["issuer"], facts["issuer"])
    if facts.get("signer"):  # a 命令's officer: title and name
        signed = data["signature"]
        assert same(signed["signer_title"] + signed["signer"], facts["signer"])
    # The 附件 that follow it in the file: files of their own, in order, each under the
    # name the 附件说明 gives it (its title, unless the entry names it otherwise); one
    # whose text the source leaves out, a name without a file.
    entries = [{"file": e} if isinstance(e, str) else e for e in data.get("attachments", [])]
    files = {
        e["file"]: yaml.safe_load((built / e["file"]).read_text("utf-8"))
        for e in entries
        if "file" in e
    }
    attached = list(files.values())
    names = [e.get("name") or files[e["file"]]["title"] for e in entries]
    assert [normalise(n) for n in names] == [normalise(n) for n in facts.get("attachments", [])]
    # The numbering and headings the index gives are the file's: the document's and
    # its 附件's (the 复函 80's 一、 are its 附件1's).
    documents = [data, *attached]
    forms = [str(f).replace("1.0", "1.") for f in facts.get("numbering", []) if f != "一是"]
    for doc in (d for d in documents if d.get("sections")):  # a cover note has none
        levels = doc.get("numbering", {}).get("levels", ["一、", "（一）", "1.", "（1）"])
        assert levels[: len(forms)] == forms, "the numbering scheme the source prints"
    if facts.get("run_in_headings"):
        assert "run_in: true" in yaml.safe_dump(documents, allow_unicode=True)
    todo = [section for doc in documents for section in doc.get("sections", [])]
    while todo:  # headings are headings, not paragraphs, at every level: one sentence
        section = todo.pop()  # at most, over two lines at most (28 characters a line)
        heading = section.get("heading", "")
        assert len(heading) <= 56 and "。" not in heading[:-1], heading
        todo.extend(section.get("sections", []))


@pytest.mark.parametrize("name", sorted(INDEX))
def test_a_real_documents_docx_imports_back_to_its_content(
    built: Path, tmp_path: Path, name: str
) -> None:
    """An office that keeps its documents as DOCX imports docgen's DOCX of each real
    document to the content it was built from: the same YAML, its 附件 files too (a
    题注's lines each its own, as they were)."""
    stem = Path(name).stem
    assert (
        main(["import", str(built / f"{stem}.docx"), "--out", str(tmp_path / f"{stem}.yaml")]) == 0
    )
    for made in sorted(tmp_path.glob("*.yaml")):
        again = yaml.safe_load(made.read_text("utf-8"))
        assert again == yaml.safe_load((built / made.name).read_text("utf-8")), made.name


def test_every_corpus_docx_opens_cleanly_in_word(built: Path) -> None:
    """The Open XML SDK's rules (openxml-audit, strict) on every corpus DOCX: 通知,
    意见, 函, tables, run-in headings, 版记 — nothing Word would repair."""
    validator = OpenXmlValidator(max_errors=0, strict=True)
    made = sorted(built.glob("*.docx"))  # each corpus document's, and each 附件's alone
    assert {p.stem for p in made} == {p.stem for p in built.glob("*.yaml")}
    assert {f"{Path(name).stem}.docx" for name in INDEX} <= {p.name for p in made}
    for path in made:
        result = validator.validate(path)
        assert result.is_valid, (path.name, [str(e) for e in result.errors][:5])


@pytest.mark.parametrize("name", [n for n in sorted(INDEX) if INDEX[n].get("date")])
def test_the_signature_stands_with_its_attachment_note_and_text(built: Path, name: str) -> None:
    """§7.3.5: the 署名 and 成文日期 never stand alone on a page: their page holds text
    above them, and the whole 附件说明 (a name over two lines is not parted from its
    first line by a page break)."""
    facts = INDEX[name]
    day = facts["date"]
    dates = [f"{day.year}年{day.month}月{day.day}日", chinese_date(day.year, day.month, day.day)]
    with pdfplumber.open(built / f"{Path(name).stem}.pdf") as pdf:
        pages = [normalise(page.extract_text() or "") for page in pdf.pages]
    page = next(k for k, text in enumerate(pages) if any(d in text for d in dates))
    text = pages[page]
    at = min(text.find(d) for d in dates if d in text)
    signed = text.rfind(normalise(facts.get("issuer", "")), 0, at) if facts.get("issuer") else at
    note = text.find("附件:")
    above = text[: note if 0 <= note < signed else signed]
    assert re.sub(r"—\d+—", "", above), f"page {page + 1}: the 署名 alone: {text[:80]}"
    if re.search(r"^附件[:：]", (CORPUS / name).read_text("utf-8"), re.MULTILINE):
        assert 0 <= note < signed, f"page {page + 1}: the 附件说明 parted from the 署名"
        for n in facts.get("attachments", []):
            assert normalise(n) in text[note:signed], f"a name of the 附件说明 parted: {n}"

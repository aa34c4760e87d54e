"""Run-in headings (GB/T 9704 §7.3.3 practice): （一）指导思想。 in the level's face, then
the paragraph's text in the body face, in one paragraph; imported from real texts."""

from __future__ import annotations

from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from docgen.authoring.importer import import_file
from docgen.cli import main
from docgen.content.load import load
from docgen.resolve import resolve

TEXT = """\
示例市2027年教育工作要点
一、总体要求
（一）指导思想。以示例思想为指导，全面推进示例工作。
（二）工作目标。到2027年底，学前教育毛入园率达到95%以上。
二、重点任务
（一）推进学前教育。实施学前教育行动计划。（责任单位：基教科）
（二）加强统筹部署。
继续做好统筹。
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    here = tmp_path_factory.mktemp("run-in")
    (here / "plan.txt").write_text(TEXT, encoding="utf-8")
    assert main(["import", str(here / "plan.txt"), "--out", str(here / "plan.yaml")]) == 0
    assert main(["build", str(here / "plan.yaml"), "--out", str(here), "--names", "file"]) == 0
    return here


def test_import_splits_a_run_in_heading_from_its_text(tmp_path: Path) -> None:
    (tmp_path / "plan.txt").write_text(TEXT, encoding="utf-8")
    data = import_file(tmp_path / "plan.txt").data
    first, _ = data["sections"][0]["sections"]
    assert first == {
        "heading": "指导思想。",
        "run_in": True,
        "body": ["以示例思想为指导，全面推进示例工作。"],
    }
    task, alone = data["sections"][1]["sections"]
    assert task["heading"] == "推进学前教育。" and task["run_in"]
    assert task["body"] == [{"text": "实施学前教育行动计划。", "units": ["基教科"]}]
    # A heading alone on its line stays a heading; its text is the next paragraph.
    assert alone == {"heading": "加强统筹部署。", "body": ["继续做好统筹。"]}


def test_a_run_in_heading_is_one_paragraph_in_two_faces_in_the_pdf(built: Path) -> None:
    with pdfplumber.open(built / "plan.pdf") as pdf:
        chars = pdf.pages[0].chars
    text = "".join(c["text"] for c in chars)
    start = text.index("（一）指导思想。以示例")
    line = chars[start : start + len("（一）指导思想。以示例思想")]
    assert len({round(c["top"]) for c in line}) == 1, "heading and text on one line"
    faces = [c["fontname"].split("+")[-1] for c in line]
    assert set(faces[:8]) == {"FandolKai"}  # （一）指导思想。 in 楷体
    assert set(faces[8:]) == {"FandolFang"}  # the text in 仿宋
    level1 = chars[text.index("一、总体要求")]
    assert line[0]["x0"] == pytest.approx(level1["x0"], abs=0.5)  # indented like a heading
    titles = [*_titles(PdfReader(built / "plan.pdf").outline)]
    assert titles[:3] == [
        (1, "示例市2027年教育工作要点"),
        (2, "一、总体要求"),
        (3, "（一）指导思想。"),
    ]


def _titles(outline: list, depth: int = 1):
    """(depth, title) of a PDF's bookmarks, in order."""
    for item in outline:
        if isinstance(item, list):
            yield from _titles(item, depth + 1)
        else:
            yield depth, item.title


def test_a_run_in_heading_is_a_body_paragraph_with_an_outline_level_in_the_docx(
    built: Path,
) -> None:
    paragraphs = docx.Document(str(built / "plan.docx")).paragraphs
    para = next(p for p in paragraphs if p.text.startswith("（一）指导思想。"))
    assert para.text == "（一）指导思想。以示例思想为指导，全面推进示例工作。"
    assert para.style.name == "Normal"  # a body paragraph: it does not keep with the next
    lead, *rest = para.runs
    assert lead.text == "（一）指导思想。"
    assert lead._r.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    assert all(r._r.rPr is None or r._r.rPr.rFonts is None for r in rest)
    assert para._p.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "1"


def test_run_in_text_carries_its_units_and_counts_for_numbering(built: Path) -> None:
    doc = resolve(load(built / "plan.yaml"))
    headings = [b for b in doc.blocks if getattr(b, "run_in", None)]
    assert [h.lead for h in headings] == [
        "（一）指导思想。",
        "（二）工作目标。",
        "（一）推进学前教育。",
    ]
    assert headings[2].run_in.text == "实施学前教育行动计划。（责任单位：基教科）"

"""责任单位 with roles, in the forms real documents print them: read by import, kept in
the model, printed back the same in both outputs."""

from __future__ import annotations

from pathlib import Path

import docx
import pdfplumber
import pytest

from docgen.authoring.importer import import_file
from docgen.cli import main
from docgen.content.load import load
from tests.conftest import normalise

SOURCE = """\
示例市2027年教育工作要点
一、重点任务
1.推进学前教育。实施学前教育行动计划。（牵头单位：基教科；配合单位：计财科、人事科）
2.加强督导。开展专项督导。（责任科室：督导室）
3.完善经费保障。落实生均拨款制度（财政局、教育局负责）
4.推进信息化。建设智慧校园。
责任单位：电教馆。
5.加强安全。开展安全教育。（责任单位：安全科、基教科）
6.加强合作。开展校地合作（市教育局牵头，各区教育局配合）
"""


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    here = tmp_path_factory.mktemp("units")
    (here / "plan.txt").write_text(SOURCE, encoding="utf-8")
    assert main(["import", str(here / "plan.txt"), "--out", str(here / "plan.yaml")]) == 0
    return here / "plan.yaml"


def test_each_form_is_read_with_its_roles(imported: Path) -> None:
    tasks = import_file(imported.with_suffix(".txt")).data["sections"][0]["sections"]
    units = [task["body"][0]["units"] for task in tasks]
    assert units == [
        {"lead": ["基教科"], "support": ["计财科", "人事科"]},
        {"lead": ["督导室"], "label": "责任科室"},
        {"lead": ["财政局", "教育局"], "form": "负责"},
        {"lead": ["电教馆"], "form": "单列"},
        ["安全科", "基教科"],
        {"lead": ["市教育局"], "support": ["各区教育局"], "form": "负责"},
    ]
    doc = load(imported)  # and the model takes them
    first = doc.sections[0].sections[0].body[0]
    assert first.units.lead == ["基教科"] and first.units.support == ["计财科", "人事科"]


def test_they_print_back_as_the_source_has_them(imported: Path, tmp_path: Path) -> None:
    assert main(["build", str(imported), "--out", str(tmp_path), "--names", "file"]) == 0
    lines = [line for line in SOURCE.splitlines() if line]
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "plan.docx")).paragraphs]
    assert paragraphs == lines
    with pdfplumber.open(tmp_path / "plan.pdf") as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
    assert normalise(text).replace("—1—", "") == normalise("".join(lines))


def test_a_phrase_in_brackets_is_not_taken_for_units(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text(
        "某工作要点\n一、任务\n做好工作（由各校按实际情况安排，确保落实负责）\n", "utf-8"
    )
    body = import_file(tmp_path / "p.txt").data["sections"][0]["body"]
    assert body == ["做好工作（由各校按实际情况安排，确保落实负责）"]

"""docgen new: a starting file that builds as it is and checks clean."""

from __future__ import annotations

import os
from pathlib import Path

import pdfplumber
import pytest

from docgen.authoring.check import check
from docgen.authoring.schema import SCHEMA_FILE
from docgen.cli import main
from docgen.content.load import load
from tests.conftest import ROOT


@pytest.fixture
def in_tmp(tmp_path: Path):
    here = Path.cwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(here)


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("工作要点", "gongzuoyaodian"),
        ("进展情况", "jinzhanqingkuang"),
        ("通知", "tongzhi"),
        ("办法", "banfa"),
        ("命令", "mingling"),
    ],
)
def test_a_new_document_loads_checks_clean_and_builds(
    kind: str, name: str, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", kind, "--year", "2017"]) == 0
    path = Path("content/2017") / f"{name}.yaml"
    assert capsys.readouterr().out.strip() == str(path)
    doc = load(path)
    assert (doc.kind, doc.year) == (kind, 2017)
    assert check([path]).problems == []
    assert main(["build", str(path), "--out", "out", "--names", "file"]) == 0
    assert (in_tmp / "out" / "2017" / f"{name}.pdf").stat().st_size > 0
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SCHEMA_FILE}"  # outside the repo


def test_a_report_beside_its_plan_compares_with_it(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "工作要点", "--year", "2017"]) == 0
    assert main(["new", "进展情况", "--year", "2017"]) == 0
    report = load("content/2017/jinzhanqingkuang.yaml")
    assert report.crossref is not None and report.crossref.plan == "gongzuoyaodian.yaml"
    assert main(["build", "content", "--out", "out", "--names", "file"]) == 0
    # The starting plan's target waits for its outcome: check says where.
    problems = check([Path("content")]).problems
    assert [(p.path.name, p.rule) for p in problems] == [
        ("gongzuoyaodian.yaml", "target-without-outcome")
    ]


def test_a_notice_beside_its_plan_carries_it_as_its_attachment(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "工作要点", "--year", "2017"]) == 0
    assert main(["new", "通知", "--year", "2017"]) == 0
    notice = load("content/2017/tongzhi.yaml")
    assert notice.attachments == ["gongzuoyaodian.yaml"]
    assert main(["build", "content/2017/tongzhi.yaml", "--out", "out", "--names", "file"]) == 0
    assert (in_tmp / "out" / "2017" / "tongzhi.docx").stat().st_size > 0


def test_new_never_overwrites(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = in_tmp / "mine.yaml"
    target.write_text("kept", encoding="utf-8")
    assert main(["new", "工作要点", "--year", "2017", "--out", str(target)]) == 2
    assert "exists" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "kept"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["通告", "--year", "2017"], "unknown kind '通告'"),
        (["工作要点", "--year", "17"], "--year 17"),
    ],
)
def test_new_refuses_in_one_line(
    args: list[str], says: str, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", *args]) == 2
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1
    assert not (in_tmp / "content").exists()


def test_inside_the_repository_the_schema_path_is_relative() -> None:
    from docgen.authoring.schema import modeline

    inside = ROOT / "content" / "2030" / "x.yaml"
    assert modeline(inside) == "# yaml-language-server: $schema=../../schema/docgen.schema.json"


def test_an_order_beside_its_measures_publishes_them(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "办法", "--year", "2017"]) == 0
    assert main(["new", "命令", "--year", "2017"]) == 0
    order = load("content/2017/mingling.yaml")
    assert [(a.file, a.issued) for a in order.attachments] == [("banfa.yaml", True)]
    assert check([Path("content")]).problems == []
    assert main(["build", "content", "--out", "out", "--names", "file"]) == 0
    with pdfplumber.open(in_tmp / "out" / "2017" / "mingling.pdf") as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert "在此写发文机关令" in pages[0] and "在此写某某管理办法" in pages[1]

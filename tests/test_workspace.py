"""Workspaces: docgen init, the house profile (docgen.toml), template overrides, a new
kind by a template alone, and a DOCX build where WeasyPrint cannot run."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from docgen import fonts, spec
from docgen.cli import main
from docgen.record import RECORD_FILE
from tests.conftest import ROOT
from tests.pdfpage import ink_top, libreoffice_pdf, read_pages


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    """A workspace made by `docgen init`, and the current folder inside it."""
    assert main(["init", str(tmp_path / "office"), "--year", "2027"]) == 0
    capsys.readouterr()
    monkeypatch.chdir(tmp_path / "office")
    return tmp_path / "office"


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "".join((page.extract_text() or "").replace("\n", "") for page in pdf.pages)


def test_init_makes_a_workspace_that_builds(office: Path, capsys) -> None:
    for made in ("docgen.toml", ".gitignore", "templates", "schema/docgen.schema.json"):
        assert (office / made).exists(), made
    starter = office / "content" / "2027" / "gongzuoyaodian.yaml"
    first = starter.read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/docgen.schema.json"
    assert "/output/" in (office / ".gitignore").read_text("utf-8").split()
    assert main(["check"]) == 0
    # From a folder deep inside, the workspace's content and output are meant.
    os.chdir(office / "content" / "2027")
    assert main(["build"]) == 0
    made = (office / "output").rglob("*.*")
    built = sorted(p.relative_to(office) for p in made if p.name != RECORD_FILE)
    assert [p.suffix for p in built] == [".docx", ".pdf"]
    assert all(p.parts[:2] == ("output", "2027") for p in built)
    # Running init again keeps every file as it is.
    before = starter.read_text("utf-8")
    assert main(["init", str(office)]) == 0
    assert starter.read_text("utf-8") == before


def test_outside_a_workspace_a_missing_content_folder_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["build", "content"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "content: no such file or folder (expected YAML files or folders)"


PROFILE = """\
office = "示例市教育局"
recipients = "各区县教育局"

[header]
issuer_mark = "示例市教育局文件"
doc_number_prefix = "示教"

[signature]
issuer = "示例市教育局"

[record]
printer = "示例市教育局办公室"

[style]
level3_bold = false
"""

NOTICE = """\
kind: 通知
year: 2027
title: 示例市教育局关于示例事项的通知
header:
  doc_number: 5
{recipients}
intro:
  - 示例正文。
sections:
  - heading: 示例一级标题
    sections:
      - heading: 示例二级标题
        sections:
          - heading: 示例三级标题
            body: [示例段落。]
signature:
  date: 2027-01-05
record:
  printed: 2027-01-06
"""


def test_the_house_profile_fills_what_the_content_leaves_unset(office: Path, capsys) -> None:
    (office / "docgen.toml").write_text(PROFILE, encoding="utf-8")
    notice = office / "content" / "tongzhi.yaml"
    notice.write_text(NOTICE.format(recipients=""), encoding="utf-8")
    own = office / "content" / "own.yaml"
    own.write_text(
        NOTICE.format(recipients="recipients: 局属各单位").replace("示例事项", "另一事项"),
        encoding="utf-8",
    )
    assert main(["build", "--names", "file"]) == 0
    text = docx_text(office / "output" / "tongzhi.docx")
    for said in ("示例市教育局文件", "示教〔2027〕5号", "各区县教育局："):
        assert said in text, said
    styled = {
        p.style.name: p.text
        for p in docx.Document(str(office / "output" / "tongzhi.docx")).paragraphs
    }
    assert styled["署名"] == "示例市教育局"  # the profile's 署名, in its place
    assert "示例市教育局办公室" in pdf_text(office / "output" / "tongzhi.pdf")
    # The content's own value wins.
    own_text = docx_text(office / "output" / "own.docx")
    assert "局属各单位：" in own_text and "各区县教育局" not in own_text
    # The house style: the 1. level not bold, in both outputs.
    style = docx.Document(str(office / "output" / "tongzhi.docx")).styles["Heading 3"]
    assert style.font.bold is False
    heading = next(
        line
        for page in read_pages(office / "output" / "tongzhi.pdf")
        for line in page.lines
        if "示例三级标题" in line.text
    )
    assert not any("Bold" in font for font in heading.fonts)


def test_a_bare_number_without_a_house_prefix_is_an_error_at_its_line(office: Path, capsys) -> None:
    (office / "content" / "tongzhi.yaml").write_text(NOTICE.format(recipients=""), encoding="utf-8")
    assert main(["build", "content/tongzhi.yaml"]) == 2
    err = capsys.readouterr().err
    assert "content/tongzhi.yaml:5:" in err and "header.doc_number: a bare number 5" in err


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[style]\nlevel3_bold = 1\n", "docgen.toml:2:1: style.level3_bold: got a number 1"),
        ("[header]\nissuer = 1\n", "docgen.toml:2:1: header.issuer: unknown field"),
        ('[header]\ndoc_number_prefix = "教〔"\n', "docgen.toml:2:1: header.doc_number_prefix"),
        ("office = \n", "docgen.toml:1:10: TOML syntax: Invalid value"),
    ],
)
def test_a_bad_profile_is_one_line_at_its_place(
    office: Path, capsys, text: str, where: str
) -> None:
    (office / "docgen.toml").write_text(text, encoding="utf-8")
    assert main(["build"]) == 2
    err = capsys.readouterr().err
    assert where in err, err
    assert "Traceback" not in err


def override(office: Path, *lines: str) -> Path:
    """A workspace's plan.html.j2 that prints docgen's own plan and then `lines`."""
    path = office / "templates" / "plan.html.j2"
    text = ['{% extends "base.html.j2" %}', "{% block article %}", "{{ super() }}", *lines]
    path.write_text("\n".join([*text, "{% endblock %}"]) + "\n", encoding="utf-8")
    return path


def test_a_template_override_wins_and_is_listed(office: Path, capsys) -> None:
    override(office, '<p class="note">示例：本机关模板。</p>')
    assert main(["templates"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert "plan.html.j2\toverridden by templates/plan.html.j2" in listed
    assert "notice.html.j2" in listed
    assert main(["build", "--names", "file"]) == 0
    out = office / "output" / "2027"
    assert "示例：本机关模板。" in pdf_text(out / "gongzuoyaodian.pdf")
    assert "示例：本机关模板。" in docx_text(out / "gongzuoyaodian.docx")
    capsys.readouterr()
    assert main(["templates", "--show", "plan.html.j2"]) == 0
    assert capsys.readouterr().out.startswith("{#- 工作要点")


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ('<div class="box">示例</div>', '<div class="box"> is not in docgen\'s vocabulary'),
        ("<p>{{ doc.no_such_field }}</p>", "has no attribute 'no_such_field'"),
        ("{% if %}", "template: Expected an expression"),
    ],
)
def test_an_override_that_breaks_names_its_template_and_line(
    office: Path, capsys, change: str, says: str
) -> None:
    override(office, "<p>示例。</p>", change)
    assert main(["build"]) == 2
    err = capsys.readouterr().err
    assert "templates/plan.html.j2:5: template: " in err, err
    assert says in err
    assert not list((office / "output").rglob("*.*"))


def test_a_new_kind_by_a_template_alone(office: Path, capsys) -> None:
    (office / "templates" / "简报.html.j2").write_text(
        '{% extends "notice.html.j2" %}\n', encoding="utf-8"
    )
    (office / "content" / "yijian.yaml").write_text(
        "kind: 简报\nyear: 2027\ntitle: 示例市教育局工作简报\n"
        "recipients: 各区县教育局\nintro: [示例正文。]\nsignature: {issuer: 示例市教育局}\n",
        encoding="utf-8",
    )
    assert main(["build", "content/yijian.yaml", "--names", "file"]) == 0
    assert "各区县教育局：" in docx_text(office / "output" / "yijian.docx")
    assert main(["templates"]) == 0
    assert "简报.html.j2\tadded by templates/简报.html.j2" in capsys.readouterr().out
    (office / "templates" / "简报.html.j2").unlink()
    assert main(["build", "content/yijian.yaml"]) == 2
    assert "kind: unknown kind '简报'" in capsys.readouterr().err


# A stand-in for WeasyPrint where its libraries are missing: importing it fails as
# WeasyPrint's own import does without Pango, and leaves a mark that it was tried.
NO_WEASYPRINT = """\
import os
open(os.environ["WEASYPRINT_TRIED"], "w").close()
raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object")
"""


def run_without_weasyprint(args: list[str], cwd: Path, shadow: Path) -> subprocess.CompletedProcess:
    (shadow / "weasyprint").mkdir(parents=True, exist_ok=True)
    (shadow / "weasyprint" / "__init__.py").write_text(NO_WEASYPRINT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(shadow), "WEASYPRINT_TRIED": str(shadow / "tried")}
    return subprocess.run(
        [sys.executable, "-m", "docgen", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_docx_build_needs_no_weasyprint(office: Path, tmp_path: Path) -> None:
    shadow = tmp_path / "shadow"
    done = run_without_weasyprint(["build", "--format", "docx"], office, shadow)
    assert done.returncode == 0, done.stderr
    assert not (shadow / "tried").exists(), "a DOCX without a 版记 imported WeasyPrint"
    assert len(list((office / "output").rglob("*.docx"))) == 1
    # A 通知 with a 版记: placed without the PDF's layout, and the user is told.
    examples = ROOT / "content" / "examples"
    done = run_without_weasyprint(
        ["build", str(examples / "tongzhi.yaml"), "--format", "docx", "--out", "x"],
        office,
        shadow,
    )
    assert done.returncode == 0, done.stderr
    assert "WeasyPrint cannot run here" in done.stderr and "Traceback" not in done.stderr
    [made] = (office / "x").glob("*.docx")
    with zipfile.ZipFile(made) as z:
        assert "抄送" in z.read("word/document.xml").decode()
    # A PDF there is one clear line per document, and nothing is written.
    done = run_without_weasyprint(["build", "--out", "y"], office, shadow)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "the PDF needs WeasyPrint, which cannot run here" in lines[0]
    assert "libpango" in lines[0]
    assert not (office / "y").exists() or not list((office / "y").rglob("*.*"))


def test_the_profile_names_the_fonts_and_a_folder_of_them(office: Path, capsys) -> None:
    from docgen import fonts

    kai = fonts.resolve("kaiti").file
    assert kai is not None
    (office / "fonts").mkdir()
    (office / "fonts" / "示例楷体.otf").write_bytes(kai.read_bytes())
    (office / "docgen.toml").write_text(
        '[fonts]\nfolder = "fonts"\nfangsong = "FandolKai"\n', encoding="utf-8"
    )
    assert main(["fonts"]) == 0
    said = capsys.readouterr().out
    # The role named as the office's PCs name it, and found: no stand-in.
    assert "仿宋\tFandolKai\t" in said and "仿宋\tFandolKai\t" in said.split("office font")[0]
    listed = subprocess.run(
        ["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert str(office / "fonts" / "示例楷体.otf") in listed  # the folder is searched
    assert main(["build", "--names", "file"]) == 0
    [pdf] = (office / "output").rglob("*.pdf")
    body = [line for page in read_pages(pdf) for line in page.lines][-1]
    assert body.fonts == {"FandolKai"}, body.fonts
    [made] = (office / "output").rglob("*.docx")
    normal = docx.Document(str(made)).styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "FandolKai"


def test_the_docx_margins_are_a_house_choice(office: Path, capsys) -> None:
    """The default ("standard"): Word's page setup reads the standard's 37 / 35 mm.
    "glyph" moves the text area up so that the first line's glyphs print at 37 mm, by
    the office fonts' fixed metrics: LibreOffice, with its stand-ins, prints them there
    within a millimetre."""
    margins = {}
    for choice in ("glyph", "standard", None):
        (office / "docgen.toml").write_text(
            f'[style]\ndocx_margins = "{choice}"\n' if choice else "", encoding="utf-8"
        )
        out = choice or "default"
        assert main(["build", "--format", "docx", "--out", out]) == 0
        [made] = (office / out).rglob("*.docx")
        section = docx.Document(str(made)).sections[0]
        margins[choice] = (section.top_margin.mm, section.bottom_margin.mm)
    assert margins["standard"] == margins[None] == pytest.approx((37, 35), abs=0.05)
    top, bottom = margins["glyph"]
    assert 32 < top < 33 and bottom == pytest.approx(35, abs=0.05)
    [glyph] = (office / "glyph").rglob("*.docx")
    libreoffice_pdf([glyph], office / "lo", office / "lo-profile")
    # Its first page opens with the 2号 title, set in LibreOffice in a stand-in whose
    # glyphs stand in the line otherwise than the office font's, by as much as their
    # Windows descents differ.
    stand_in = (fonts.vertical("xiaobiaosong")[2] - spec.OFFICE_VERTICAL["xiaobiaosong"][2]) * 22
    assert abs(ink_top(office / "lo" / f"{glyph.stem}.pdf", 1) - 37) <= 1.0 + stand_in * 25.4 / 72


def test_a_letter_takes_no_house_mark_and_an_override_error_is_located(
    office: Path, capsys
) -> None:
    """A 函's own format (§10.1) is not built: it does not take the house's 发文机关标志.
    And an override that fails at run time (not only in Jinja) names its line."""
    (office / "docgen.toml").write_text('[header]\nissuer_mark = "示例市教育局文件"\n', "utf-8")
    (office / "content" / "han.yaml").write_text(
        "kind: 函\ntitle: 示例市教育局关于示例事项的函\nrecipients: 示例单位\n"
        "intro: [示例正文。]\n",
        encoding="utf-8",
    )
    assert main(["build", "content/han.yaml", "--names", "file"]) == 0
    assert "示例市教育局文件" not in docx_text(office / "output" / "han.docx")
    override(office, "<p>{{ doc.year + 1 }}</p>")
    (office / "docgen.toml").write_text("", "utf-8")
    assert main(["build", "content/2027"]) == 0  # its year is set: fine
    (office / "templates" / "notice.html.j2").write_text(
        '{% extends "base.html.j2" %}\n{% block article %}\n<p>{{ doc.year + 1 }}</p>\n'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["build", "content/han.yaml"]) == 2  # a 函 without a year: None + 1
    err = capsys.readouterr().err
    assert "templates/notice.html.j2:3: template: TypeError" in err, err

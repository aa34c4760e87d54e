"""Fonts by role, their report, and characters no font has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from docgen import fonts
from docgen.cli import main

DOC = (
    "kind: 工作要点\nyear: 2016\ntitle: 示例\n"
    "sections:\n  - heading: 工作思路\n    body:\n      - {}\n"
)


def test_every_role_resolves_to_an_installed_file() -> None:
    for role in fonts.ROLES:
        resolved = fonts.resolve(role)
        assert resolved.file is not None and resolved.file.is_file(), role
        metrics = fonts.metrics(role)
        assert metrics is not None and metrics.covers("国"), role


def test_docgen_fonts_lists_role_file_and_stand_in(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fonts"]) == 0
    said = capsys.readouterr().out
    table, _, advice = said.partition("\n\n")  # the roles, then what to do about stand-ins
    lines = table.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["小标宋", "仿宋", "黑体", "楷体", "宋体"]
    assert "[fonts]\n  folder = " in advice
    assert "PDF:" not in advice  # WeasyPrint runs here
    for line in lines:
        _name, _face, file, state = line.split("\t")
        assert Path(file).is_file()
        assert re.fullmatch(r"stand-in for \S+|office font", state), line
    assert "stand-in for 仿宋_GB2312" in lines[1]


def test_fontconfig_file_maps_office_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fonts", "--fontconfig"]) == 0
    xml = capsys.readouterr().out
    assert "<string>仿宋_GB2312</string>" in xml and "<string>FandolFang</string>" in xml
    assert "--" not in xml.split("-->")[0].split("<!--")[-1]  # a well-formed comment


def test_a_character_no_font_has_stops_the_build_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "doc.yaml"
    src.write_text(DOC.format("示例\U000f0000正文。"), encoding="utf-8")
    assert main(["build", str(src), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{src}:7:1: sections[0].body[0]: '\U000f0000' (U+F0000) is in no")
    assert not (tmp_path / "out").exists()


def test_a_character_outside_the_role_font_is_named_with_its_fallback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "doc.yaml"
    src.write_text(DOC.format("示例㐀正文。"), encoding="utf-8")  # U+3400: not in GB2312
    assert main(["build", str(src), "--out", str(tmp_path), "--names", "file"]) == 0
    err = capsys.readouterr().err
    assert f"{src}:7: sections[0].body[0]: '㐀' (U+3400) is not in FandolFang (仿宋)" in err
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "doc.pdf").pages)
    assert "㐀" in text  # printed, from the fallback font, not as a box


def test_bold_fangsong_headings_are_emboldened(built: Path) -> None:
    """FandolFang has no Bold: the 1. headings are drawn filled and stroked."""
    page = PdfReader(built / "gongzuoyaodian.pdf").pages[2]
    assert b"2 Tr" in page.get_contents().get_data()


def test_a_build_says_when_its_pdf_uses_stand_ins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "a.yaml"
    src.write_text("kind: 工作要点\nyear: 2016\ntitle: 示例\n", encoding="utf-8")
    args = ["build", str(src), "--out", str(tmp_path)]
    assert main([*args, "--format", "pdf"]) == 0
    note = capsys.readouterr().err
    # This machine has the open fonts only: each role is named with its stand-in.
    assert note.startswith("docgen: note: the PDF uses open stand-ins")
    for role, spec in fonts.ROLES.items():
        assert f"{spec.name} → {fonts.resolve(role).face.family}" in note
    assert main([*args, "--format", "docx"]) == 0  # no PDF, nothing to say
    assert capsys.readouterr().err == ""
    office = {
        role: fonts.Resolved(role, fonts.Face(s.office[0]), Path("/x"), False)
        for role, s in fonts.ROLES.items()
    }
    monkeypatch.setattr(fonts, "resolve", office.__getitem__)
    assert fonts.stand_in_note() is None


def test_metrics_read_back_from_the_cache_are_the_fonts_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fonts.metrics.cache_clear()
    try:
        measured = fonts.metrics("fangsong")  # from the font, and written down
        assert len(list((tmp_path / "docgen").glob("metrics-*"))) == 1
        fonts.metrics.cache_clear()
        assert fonts.metrics("fangsong") == measured  # read back
        assert measured is not None and measured.advances[ord("国")] == measured.units_per_em
    finally:
        fonts.metrics.cache_clear()

"""The command line: bad input gets one clear line and loses nothing."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from docgen import output
from docgen.cli import main
from docgen.record import RECORD_FILE
from tests.conftest import CONTENT

GOOD = """\
kind: 工作要点
year: 2016
title: 示例工作要点
sections:
  - heading: 工作思路
    body:
      - 示例正文。
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, text: str, name: str = "doc.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BAD = {
    # name: (file text, line, what the message says)
    "yaml syntax": ("kind: 工作要点\nyear: [2016\ntitle: x\n", 3, "YAML syntax"),
    "unknown field": (GOOD.replace("    body:", "    boby:"), 6, "boby: unknown field"),
    "wrong type": (GOOD.replace("year: 2016", "year: 二〇一六"), 2, "year: got text '二〇一六'"),
    "missing field": (
        GOOD.replace("title: 示例工作要点\n", ""),
        1,
        "title: missing required field",
    ),
    "units not a list": (
        GOOD.replace("      - 示例正文。", "      - text: 示例正文。\n        units: 科技司"),
        8,
        "units: got text '科技司' (expected a list)",
    ),
    "unknown kind": (
        GOOD.replace("kind: 工作要点", "kind: 简报"),
        1,
        "kind: unknown kind '简报' (expected one of 工作要点, 进展情况, 通知, 意见,",
    ),
    "empty file": ("", 1, "empty file"),
    "comments only": ("# nothing yet\n", 1, "empty file"),
    "not a mapping": ("- a\n- b\n", 1, "not a mapping"),
    "field given twice": (GOOD + "year: 2017\n", 8, "year: field given twice"),
    "fifth level": (
        GOOD + "    sections:\n      - heading: a\n        sections:\n          - heading: b\n"
        "            sections:\n              - heading: c\n                sections:\n"
        "                  - heading: d\n",
        15,
        "a heading at level 5 (expected at most the 4 levels of numbering.levels",
    ),
    "not utf-8": ("kind: 工作要点\n".encode("gbk").decode("latin-1"), 1, "not UTF-8"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_one_line_with_path_line_and_field(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, line, says = BAD[case]
    path = tmp_path / "doc.yaml"
    if case == "not utf-8":
        path.write_bytes(text.encode("latin-1"))
    else:
        path.write_text(text, encoding="utf-8")
    code, _out, err = run(capsys, "build", str(path), "--out", str(tmp_path / "out"))
    assert code == 2
    first = err.splitlines()[0]
    assert re.match(rf"^{re.escape(str(path))}:{line}:\d+: ", first), err
    assert says in first
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists(), "a failing document must write nothing"


def test_a_missing_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.yaml"
    code, _, err = run(capsys, "build", str(missing), "--out", str(tmp_path))
    assert code == 2
    assert err.strip() == f"{missing}: no such file (expected a YAML content file)"


def test_a_failure_leaves_the_good_output_of_last_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path, GOOD)
    out = tmp_path / "out"
    assert run(capsys, "build", str(src), "--out", str(out), "--names", "file")[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == {"doc.pdf", "doc.docx", RECORD_FILE}  # the record unchanged too
    write(tmp_path, GOOD.replace("year: 2016", "year: x"))
    assert run(capsys, "build", str(src), "--out", str(out), "--names", "file")[0] == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_an_interrupted_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "doc.pdf"
    target.write_bytes(b"old and good")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(output.DocgenError, match="No space left"):
        output.write_atomic(target, b"new")
    assert target.read_bytes() == b"old and good"
    assert list(tmp_path.iterdir()) == [target], "no temporary file is left behind"


def test_build_mirrors_folders_and_names_under_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, _ = run(capsys, "build", str(CONTENT), "--out", str(tmp_path), "--format", "docx")
    assert code == 0
    # Named after each document's title, in the YAML's folder under --out.
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.docx")) == [
        "2016/2016年教育信息化工作要点.docx",
        "2016/2016年教育信息化工作进展情况.docx",
        "2016/教育部办公厅关于印发《2016年教育信息化工作要点》的通知.docx",
        "examples/示例市2026年教育信息化工作要点.docx",
        "examples/示例市人民政府令第1号.docx",
        "examples/示例市教育局2026年第3次局长办公会议纪要.docx",
        "examples/示例市教育局关于印发2026年教育信息化工作要点的通知.docx",
        "examples/示例市教育局关于商请支持示例工作的函.docx",
        "examples/示例市示例管理办法.docx",
    ]
    assert not list(tmp_path.rglob("*.pdf"))


def test_an_unknown_format_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--format", "pdf,odt"])
    assert exit_.value.code == 2
    assert "unknown format odt" in capsys.readouterr().err


@pytest.mark.parametrize("command", [[], ["build"], ["fonts"]])
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert "usage: docgen" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert re.fullmatch(r"docgen \d+\.\d+\.\d+\n", capsys.readouterr().out)


def test_a_build_leaves_the_garbage_collector_as_it_found_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The build sets up with the collector off and freezes what it made; a process that
    # goes on after it (a test run, a tool calling main) must collect as before.
    import gc

    source = write(tmp_path, GOOD)
    code, _, err = run(
        capsys, "build", str(source), "--out", str(tmp_path / "o"), "--format", "docx"
    )
    assert code == 0, err
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0

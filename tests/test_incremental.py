"""Incremental builds: a document is built again when something it was made from
changed (its content files, the templates, the house profile, the fonts, docgen, what
was asked) or its files are not as the build left them, and only then."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.cli import main
from docgen.progress import Progress
from docgen.record import RECORD_FILE

# A workspace of five documents: a plan and the report that compares against it, a
# 通知 and its 附件, and the starter 工作要点 `docgen init` writes (alone).
PLAN = """\
kind: 工作要点
year: 2017
title: 2017年示例工作要点
sections:
  - heading: 核心目标
    body:
      - text: 接入率达到95%。
        targets:
          - {id: 接入率, says: 接入率达到95%, indicator: 接入率, compare: 达到, value: 95,
             unit: "%"}
"""
REPORT = """\
kind: 进展情况
year: 2017
title: 2017年示例工作进展情况
crossref: {plan: plan.yaml, appendix: true}
sections:
  - heading: 基础设施
    body:
      - text: 90%的学校实现网络接入。
        outcomes:
          - {target: 接入率, says: 90%的学校实现网络接入, value: 90, unit: "%"}
"""
NOTICE = """\
kind: 通知
title: 示例市教育局关于印发示例办法的通知
intro:
  - 现将《示例办法》印发给你们。
attachments: [annex.yaml]
"""
ANNEX = """\
kind: 工作要点
year: 2017
title: 示例办法
sections:
  - heading: 总则
    body:
      - 示例正文。
"""
ALL = {"plan", "report", "notice", "annex", "gongzuoyaodian"}
BUILD = ("build", "--format", "docx", "--names", "file")  # DOCX: quick; named after the YAML


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    """A workspace with the five documents, the current folder inside it."""
    assert main(["init", str(tmp_path / "office"), "--year", "2027"]) == 0
    office = tmp_path / "office"
    folder = office / "content" / "2017"
    folder.mkdir()
    for name, text in (("plan", PLAN), ("report", REPORT), ("notice", NOTICE), ("annex", ANNEX)):
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    capsys.readouterr()
    monkeypatch.chdir(office)
    return office


def outputs(office: Path) -> dict[str, tuple[int, int]]:
    """Each output file's (inode, time): a file written again is a new file (written
    beside and renamed over), at a new time."""
    found = {}
    for path in (office / "output").rglob("*.docx"):
        stat = path.stat()
        found[path.stem] = (stat.st_ino, stat.st_mtime_ns)
    return found


def build(office: Path, capsys, *args: str) -> tuple[set[str], str]:
    """`docgen build` (DOCX: quick; files named after their YAML): the documents it
    wrote, as its output says and as the files show, and what it said on stderr."""
    before = outputs(office)
    assert main([*BUILD, *args]) == 0
    out, err = capsys.readouterr()
    said = {Path(line).stem for line in out.splitlines()}
    after = outputs(office)
    changed = {name for name, stat in after.items() if before.get(name) != stat}
    assert said == changed, (said, changed)
    return said, err.strip()


def test_an_unchanged_build_builds_nothing_and_force_builds_all(office: Path, capsys) -> None:
    assert build(office, capsys) == (ALL, "")  # the first: all, and said as before
    assert build(office, capsys) == (set(), "docgen build: 5 up to date")
    assert build(office, capsys, "--force") == (ALL, "")
    assert build(office, capsys, "--quiet") == (set(), "")


@pytest.mark.parametrize(
    ("edited", "rebuilt"),
    [
        ("annex", {"annex", "notice"}),  # an 附件: itself and the 通知 that carries it
        ("plan", {"plan", "report"}),  # a plan: itself and the report its 对照表 compares
        ("report", {"report"}),
        ("notice", {"notice"}),
    ],
)
def test_an_edit_rebuilds_the_document_and_those_that_draw_on_it(
    office: Path, capsys, edited: str, rebuilt: set[str]
) -> None:
    build(office, capsys)
    path = office / "content" / "2017" / f"{edited}.yaml"
    path.write_text(path.read_text("utf-8") + "# 示例：改动。\n", encoding="utf-8")
    built, said = build(office, capsys)
    assert built == rebuilt
    assert said == f"docgen build: {5 - len(rebuilt)} up to date, {len(rebuilt)} built"
    assert build(office, capsys)[0] == set()


def test_a_file_saved_unchanged_is_not_a_change(office: Path, capsys) -> None:
    build(office, capsys)
    path = office / "content" / "2017" / "plan.yaml"
    path.write_text(path.read_text("utf-8"), encoding="utf-8")  # a new time, the same bytes
    os.utime(path, ns=(1, 1))
    assert build(office, capsys)[0] == set()


def test_a_template_override_rebuilds_everything(office: Path, capsys) -> None:
    template = office / "templates" / "plan.html.j2"
    note = '{% extends "base.html.j2" %}{% block article %}{{ super() }}<p>NOTE</p>{% endblock %}'
    template.write_text(note.replace("NOTE", "示例：联系人甲。"), encoding="utf-8")
    build(office, capsys)
    assert build(office, capsys)[0] == set()
    template.write_text(note.replace("NOTE", "示例：联系人乙。"), encoding="utf-8")
    assert build(office, capsys)[0] == ALL
    assert build(office, capsys)[0] == set()
    template.unlink()  # docgen's own again
    assert build(office, capsys)[0] == ALL


def test_the_house_profile_rebuilds_everything(office: Path, capsys) -> None:
    build(office, capsys)
    profile = office / "docgen.toml"
    profile.write_text(
        profile.read_text("utf-8").replace('# office = "某某市教育局"', 'office = "示例市教育局"'),
        encoding="utf-8",
    )
    assert build(office, capsys)[0] == ALL
    assert build(office, capsys)[0] == set()


def test_a_font_added_to_the_workspace_rebuilds_everything(office: Path, capsys) -> None:
    """In a process of its own, as a user runs it: fontconfig's list is read once a
    process."""
    from docgen import fonts

    profile = office / "docgen.toml"
    profile.write_text(
        profile.read_text("utf-8").replace('# folder = "fonts"', 'folder = "fonts"'),
        encoding="utf-8",
    )
    (office / "fonts").mkdir()
    build(office, capsys)
    kai = fonts.resolve("kaiti").file
    assert kai is not None
    shutil.copy(kai, office / "fonts" / "示例楷体.otf")

    def build_apart() -> tuple[set[str], str]:
        done = subprocess.run(
            [sys.executable, "-m", "docgen", *BUILD],
            cwd=office,
            capture_output=True,
            text=True,
            check=True,
        )
        return {Path(line).stem for line in done.stdout.splitlines()}, done.stderr.strip()

    assert build_apart()[0] == ALL
    assert build_apart() == (set(), "docgen build: 5 up to date")


def test_what_was_asked_is_part_of_what_a_file_was_made_from(office: Path, capsys) -> None:
    build(office, capsys)
    assert main(["build", "--format", "docx", "--names", "title"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 5  # named otherwise: written anew
    assert build(office, capsys)[0] == ALL  # its files are not the title-named ones


def test_a_deleted_or_edited_output_is_built_again(office: Path, capsys) -> None:
    build(office, capsys)
    (office / "output" / "2017" / "report.docx").unlink()
    with (office / "output" / "2027" / "gongzuoyaodian.docx").open("ab") as f:
        f.write(b"\0")
    assert build(office, capsys) == (
        {"report", "gongzuoyaodian"},
        "docgen build: 3 up to date, 2 built",
    )


@pytest.mark.parametrize(
    "record",
    [
        b"",
        b"{not json",
        b"\xff\xfe",
        b"[]",
        b'{"format": 1, "docgen": "0.0.0-other", "documents": {}}',
        b'{"format": 999, "docgen": "0.1.0", "documents": {}}',
        b'{"format": 1, "docgen": "0.1.0", "documents": []}',
    ],
)
def test_a_record_that_cannot_be_trusted_means_a_full_build(
    office: Path, capsys, record: bytes
) -> None:
    build(office, capsys)
    (office / "output" / RECORD_FILE).write_bytes(record)
    assert build(office, capsys)[0] == ALL
    assert build(office, capsys)[0] == set()  # and the record is whole again


def test_a_deleted_content_file_leaves_the_record(office: Path, capsys) -> None:
    build(office, capsys)
    (office / "content" / "2017" / "notice.yaml").unlink()
    (office / "content" / "2017" / "annex.yaml").write_text(ANNEX + "# 示例\n", encoding="utf-8")
    assert build(office, capsys) == ({"annex"}, "docgen build: 3 up to date, 1 built")
    record = json.loads((office / "output" / RECORD_FILE).read_text("utf-8"))
    assert sorted(Path(key).stem for key in record["documents"]) == sorted(ALL - {"notice"})


def test_a_damaged_entry_builds_its_document(office: Path, capsys) -> None:
    build(office, capsys)
    path = office / "output" / RECORD_FILE
    record = json.loads(path.read_text("utf-8"))
    [key] = [k for k in record["documents"] if k.endswith("report.yaml")]
    record["documents"][key]["inputs"] = "damaged"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert build(office, capsys)[0] == {"report"}


def test_a_new_document_may_not_take_an_up_to_date_ones_name(office: Path, capsys) -> None:
    assert main(["build", "--format", "docx"]) == 0
    capsys.readouterr()
    made = office / "output" / "2017" / "2017年示例工作要点.docx"
    before = made.read_bytes()
    (office / "content" / "2017" / "copy.yaml").write_text(
        PLAN.replace("接入率达到95%。", "示例：另一份。"), encoding="utf-8"
    )
    assert main(["build", "--format", "docx"]) == 2
    err = capsys.readouterr().err
    assert "plan.yaml has the same title" in err, err
    assert made.read_bytes() == before


def test_an_up_to_date_build_loads_nothing_heavy(office: Path, capsys) -> None:
    """Deciding that nothing needs building imports neither pydantic nor Jinja nor
    WeasyPrint nor python-docx, and starts no PDF server."""
    build(office, capsys)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "docgen", *BUILD],
        cwd=office,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stderr.splitlines()
    assert lines[-1] == "docgen build: 5 up to date"
    imported = {line.rsplit("|", 1)[-1].strip() for line in lines if line.startswith("import")}
    assert "docgen.record" in imported  # the list is read as it should be
    heavy = {"pydantic", "jinja2", "weasyprint", "docx", "yaml", "multiprocessing", "logging"}
    assert not heavy & imported


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_line_is_rewritten_in_place_on_a_terminal_only() -> None:
    screen = Terminal()
    progress = Progress(3, screen)
    progress.show(0, "content/2017/report.yaml")
    progress.show(1, "content/2017/plan.yaml")
    progress.clear()
    written = screen.getvalue()
    assert "\n" not in written
    assert "\rdocgen build: 0/3 content/2017/report.yaml" in written
    assert "\rdocgen build: 1/3 content/2017/plan.yaml" in written
    assert written.endswith("\r" + " " * len("docgen build: 1/3 content/2017/plan.yaml") + "\r")
    for quiet, stream in ((True, Terminal()), (False, io.StringIO())):
        Progress(3, stream, quiet=quiet).show(1, "content/2017/plan.yaml")
        assert stream.getvalue() == ""


def test_a_long_name_is_cut_to_the_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    from docgen import progress as module

    monkeypatch.setattr(module, "_columns", lambda _: 30)
    screen = Terminal()
    Progress(9, screen).show(2, "content/2017/示例示例示例示例示例示例示例示例.yaml")
    line = screen.getvalue().rsplit("\r", 1)[-1]
    assert line.startswith("docgen build: 2/9 content")
    assert line.endswith("…") and module.width(line) <= 29


def test_a_build_on_a_terminal_shows_its_progress(office: Path) -> None:
    import pty

    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "docgen", *BUILD],
            cwd=office,
            stdout=subprocess.PIPE,
            stderr=follower,
            check=True,
        )
        os.close(follower)
        shown = b""
        while chunk := _read(leader):
            shown += chunk
    finally:
        os.close(leader)
    assert len(done.stdout.splitlines()) == 5
    text = shown.decode("utf-8")
    assert "\rdocgen build: 0/5 content/2017/annex.yaml" in text, text
    assert "\rdocgen build: 4/5 content/2027/gongzuoyaodian.yaml" in text, text
    assert text.endswith("\r") and "\n" not in text  # cleared: the terminal's line is empty


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # Linux: the other end is closed
        return b""

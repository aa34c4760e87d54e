"""Input that once slipped through: each case a one-line error or a right result."""

from __future__ import annotations

import os
import time
from pathlib import Path

import jinja2
import pytest

from docgen import fonts
from docgen.cli import main
from docgen.content.load import load
from docgen.render.html import TEMPLATES
from docgen.render.pdf import SafeFetcher
from docgen.render.titles import break_title
from docgen.resolve import resolve
from docgen.resolve.crossref import crossref

HEAD = "kind: 工作要点\nyear: 2016\ntitle: 示例\n"


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        (
            "kind: 通知\nyear: 2016\ntitle: x\nsignature:\n  date: 2016-02-30\n",
            5,
            "'2016-02-30' is not a date",
        ),
        (HEAD + "note: !foo x\n", 4, "could not determine a constructor"),
        (HEAD + "? [a, b]\n: 1\n", 4, "a key that is not a name"),
        (HEAD + "recipients: 各单位\n", 4, "a 工作要点 has no recipients"),
        (HEAD + "attachments: [a.yaml]\n", 4, "a 工作要点 has no attachments"),
    ],
)
def test_bad_yaml_values_are_errors_at_their_line(tmp_path, capsys, text, line, says) -> None:
    src = tmp_path / "d.yaml"
    src.write_text(text, encoding="utf-8")
    assert main(["build", str(src), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{src}:{line}:") and says in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize("server", [True, False], ids=["pdf-server", "one-process"])
def test_an_internal_error_in_one_document_does_not_hide_the_others(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    server: bool,
) -> None:
    from docgen import build
    from docgen.render.server import PdfServer

    if not server:
        monkeypatch.setattr(PdfServer, "available", staticmethod(lambda: False))
    elif not PdfServer.available():
        pytest.skip("one core or no fork")
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(HEAD.replace("示例", name), encoding="utf-8")
    real = build.draft_formats  # the DOCX, drafted in this process

    def broken(html, doc, *rest):
        if doc.title == "a":
            raise RuntimeError("boom")
        return real(html, doc, *rest)

    monkeypatch.setattr(build, "draft_formats", broken)
    code = main(["build", str(tmp_path), "--out", str(tmp_path / "o"), "--names", "file"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "a.yaml: docgen: internal error: RuntimeError: boom" in err
    assert "b.pdf" in out


def test_a_document_that_cannot_be_composed_fails_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the PDF server, the build's process composes each document's lines: an
    error there is that document's, the others are built."""
    from docgen.render import compose
    from docgen.render.server import PdfServer

    if not PdfServer.available():
        pytest.skip("one core or no fork")
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(HEAD.replace("示例", name), encoding="utf-8")
    real = compose.compose

    def broken(html: str) -> str:
        if "<title>a</title>" in html:
            raise RuntimeError("boom")
        return real(html)

    monkeypatch.setattr(compose, "compose", broken)
    code = main(["build", str(tmp_path), "--out", str(tmp_path / "o"), "--names", "file"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "a.yaml: docgen: internal error: RuntimeError: boom" in err
    assert "b.pdf" in out and "a.pdf" not in out and "a.docx" not in out


def _row(tmp_path: Path, target: str, outcome: str):
    (tmp_path / "p.yaml").write_text(
        HEAD + "sections:\n  - heading: 目标\n    body:\n      - text: 目标甲。\n"
        f"        targets:\n          - {{id: t, says: 目标甲, indicator: 甲, {target}}}\n",
        encoding="utf-8",
    )
    (tmp_path / "r.yaml").write_text(
        "kind: 进展情况\nyear: 2016\ntitle: 示例\nsections:\n  - heading: 情况\n"
        "    body:\n      - text: 实际甲。\n"
        f"        outcomes:\n          - {{target: t, says: 实际甲, {outcome}}}\n",
        encoding="utf-8",
    )
    (row,) = crossref(resolve(load(tmp_path / "p.yaml")), resolve(load(tmp_path / "r.yaml")))
    return row


def test_equal_amounts_in_other_magnitudes_are_met_exactly(tmp_path: Path) -> None:
    row = _row(tmp_path, "compare: 达到, value: 0.14, unit: 亿条", "value: 1400, unit: 万条")
    assert (row.status, row.rate) == ("已完成", "100.0%")


def test_parts_reported_against_one_figure_are_not_compared(tmp_path: Path) -> None:
    row = _row(
        tmp_path,
        "compare: 达到, value: 95, unit: '%'",
        "unit: '%', breakdown: {城镇: 96, 农村: 90}",
    )
    assert (row.status, row.rate) == ("定性", "")
    assert "分项不同" in row.note


def test_the_fetcher_refuses_files_outside_whatever_the_scheme_case() -> None:
    fetcher = SafeFetcher((TEMPLATES,))
    for url in ("file:///etc/hostname", "FILE:///etc/hostname", "File:///etc/hostname"):
        with pytest.raises(ValueError, match="does not read"):
            fetcher.fetch(url)
    with pytest.raises(ValueError):
        fetcher.fetch("http://127.0.0.1/")


def test_a_long_title_breaks_quickly() -> None:
    title = "示例市教育局关于进一步加强中小学教育信息化建设与应用工作推动教育现代化" * 2
    start = time.perf_counter()
    lines = break_title(title, fonts.metrics("xiaobiaosong"), 22, 442.2)
    assert time.perf_counter() - start < 0.5 and "".join(lines) == title


def test_preview_refuses_a_port_out_of_range(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["preview", "x.yaml", "--port", "70000"])
    assert exit_.value.code == 2
    assert "is not a port" in capsys.readouterr().err


def test_xlsx_text_is_never_a_formula(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from docgen.render.rows import xlsx_bytes
    from docgen.resolve import Table
    from docgen.resolve.crossref import Row

    table = Table("t", [Row(1, "=1+1", "=cmd()", "x", "", "无数据", "", "", None)])
    (tmp_path / "t.xlsx").write_bytes(xlsx_bytes(table))
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert sheet.cell(2, 2).value == "=1+1" and sheet.cell(2, 2).data_type == "s"


def test_an_unwritable_metrics_cache_only_costs_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "/proc/docgen-no-cache")
    fonts.metrics.cache_clear()
    try:
        assert fonts.metrics("fangsong") is not None
    finally:
        fonts.metrics.cache_clear()


def test_compiled_templates_are_kept_and_an_edit_compiles_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docgen.render import html

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.j2").write_text("第{{ n }}页", encoding="utf-8")

    def render() -> str:  # a new process's environment: nothing compiled in memory
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates), bytecode_cache=html._CompiledTemplates()
        )
        return env.get_template("t.j2").render(n=1)

    assert render() == "第1页"
    assert len(list((tmp_path / "cache" / "docgen" / "templates").iterdir())) == 1
    assert render() == "第1页"  # read back
    (templates / "t.j2").write_text("— {{ n }} —", encoding="utf-8")
    assert render() == "— 1 —"  # not the compiled old text
    # Unwritable: rendered all the same.
    monkeypatch.setenv("XDG_CACHE_HOME", "/proc/docgen-no-cache")
    assert render() == "— 1 —"


def test_rewriting_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    from docgen.output import write_atomic

    target = tmp_path / "mine.yaml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    write_atomic(link, b"new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o600


def test_preview_answers_only_to_its_own_host_name(tmp_path: Path) -> None:
    """A page under another name (DNS rebinding) gets nothing from the preview."""
    import http.client

    from docgen.authoring.preview import PreviewServer

    src = tmp_path / "d.yaml"
    src.write_text(HEAD, encoding="utf-8")
    with PreviewServer(src, 0) as server:
        port = int(server.url.rsplit(":", 1)[1].strip("/"))
        for host, status in ((f"127.0.0.1:{port}", 200), (f"evil.example:{port}", 403)):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/version", headers={"Host": host})
            assert conn.getresponse().status == status, host
            conn.close()


def test_import_keeps_an_existing_file_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import SEEDS

    out = tmp_path / "mine.yaml"
    out.write_text("# edited by hand\n", encoding="utf-8")
    seed = str(SEEDS / "2016-jinzhanqingkuang.txt")
    assert main(["import", seed, "--out", str(out)]) == 2
    assert "exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "# edited by hand\n"
    assert main(["import", seed, "--out", str(out), "--force"]) == 0
    assert "kind: 进展情况" in out.read_text(encoding="utf-8")


def test_two_documents_with_one_title_never_overwrite_each_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(HEAD, encoding="utf-8")
    code = main(["build", str(tmp_path), "--out", str(tmp_path / "o"), "--format", "docx"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out.splitlines() == [str(tmp_path / "o" / "示例.docx")]  # the first, a.yaml
    assert err.startswith(f"{tmp_path / 'b.yaml'}:3:") and "a.yaml has the same title" in err
    assert "--names file" in err


def test_an_exclusive_write_never_replaces_a_file_made_meanwhile(tmp_path: Path) -> None:
    from docgen.errors import DocgenError
    from docgen.output import write_atomic

    target = tmp_path / "plan.yaml"
    target.write_text("mine", encoding="utf-8")  # appeared after the caller looked
    with pytest.raises(DocgenError, match="exists"):
        write_atomic(target, b"new", exclusive=True)
    assert target.read_text(encoding="utf-8") == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]  # no temporary left
    write_atomic(tmp_path / "fresh.yaml", b"new", exclusive=True)
    assert (tmp_path / "fresh.yaml").read_bytes() == b"new"


def test_a_file_named_twice_builds_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.yaml"
    src.write_text(HEAD, encoding="utf-8")
    args = ["build", str(src), str(tmp_path), "--out", str(tmp_path / "o")]
    assert main([*args, "--format", "docx,docx"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [str(tmp_path / "o" / "示例.docx")] and err == ""


def test_a_title_that_leaves_no_file_name_is_named_after_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "dots.yaml"
    src.write_text(HEAD.replace("示例", '"..."'), encoding="utf-8")
    assert main(["build", str(src), "--out", str(tmp_path / "o"), "--format", "docx"]) == 0
    assert capsys.readouterr().out.splitlines() == [str(tmp_path / "o" / "dots.docx")]


def test_files_of_one_name_are_refused_under_names_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "x.yaml").write_text(HEAD, encoding="utf-8")
    (tmp_path / "x.yml").write_text(HEAD.replace("示例", "其他"), encoding="utf-8")
    args = ["build", str(tmp_path), "--out", str(tmp_path / "o"), "--names", "file"]
    assert main([*args, "--format", "docx"]) == 2
    err = capsys.readouterr().err
    assert "has the same file name" in err and "--names file" not in err


def test_an_exclusive_write_where_files_cannot_be_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docgen.errors import DocgenError
    from docgen.output import write_atomic

    def no_links(*_: object) -> None:
        raise PermissionError("no hard links here")

    monkeypatch.setattr(os, "link", no_links)
    write_atomic(tmp_path / "a.yaml", b"new", exclusive=True)
    assert (tmp_path / "a.yaml").read_bytes() == b"new"
    with pytest.raises(DocgenError, match="exists"):
        write_atomic(tmp_path / "a.yaml", b"newer", exclusive=True)
    assert (tmp_path / "a.yaml").read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        (HEAD + "note: !!bool maybe\n", 4, "'maybe' is not a bool"),
        (HEAD + "intro: [!!int abc]\n", 4, "'abc' is not a int"),
        (HEAD + "intro: [!!float abc]\n", 4, "'abc' is not a float"),
        (HEAD + "intro: [!!timestamp notadate]\n", 4, "'notadate' is not a timestamp"),
        (HEAD + 'intro: ["a\\x01b"]\n', 4, "a control character U+0001"),
        (HEAD + 'intro: ["a\\x1b[2Jb"]\n', 4, "a control character U+001B"),
        (
            HEAD + "sections:\n  - heading: 甲\n    body:\n      - text: 乙。\n        targets:\n"
            "          - {id: t, says: 乙, indicator: 乙, compare: 达到, value: .nan}\n",
            9,
            "value: ",
        ),
        (
            HEAD + "sections:\n  - heading: 甲\n    body:\n      - text: 乙。\n        targets:\n"
            "          - {id: t, says: 乙, indicator: 乙, compare: 达到, value: 1e308}\n",
            9,
            "a number up to 1e+15",
        ),
    ],
)
def test_hostile_values_are_one_located_line(tmp_path, capsys, text, line, says) -> None:
    """Tags a value does not fit, control characters no DOCX can hold, numbers that are
    not finite or no statistic (issue: hostile input): one line at the value's place."""
    src = tmp_path / "d.yaml"
    src.write_text(text, encoding="utf-8")
    assert main(["build", str(src), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{src}:{line}:") and says in err, err
    assert "Traceback" not in err and "internal error" not in err
    assert not (tmp_path / "o").exists()


def test_error_text_is_one_line_however_the_content_is(tmp_path, capsys) -> None:
    """Content echoed in an error: newlines and carriage returns shown escaped, a long
    value cut with its length said."""
    kind = "甲\\n\\r" + "乙" * 500  # YAML escapes: a newline and a carriage return
    src = tmp_path / "d.yaml"
    src.write_text(f'kind: "{kind}"\nyear: 2016\ntitle: 示例\n', encoding="utf-8")
    assert main(["build", str(src), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "\r" not in err and "\\n" in err and "characters)" in err


def test_a_pipe_is_not_read_as_content(tmp_path, capsys) -> None:
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert main(["build", str(fifo), "--out", str(tmp_path / "o")]) == 2
    assert "not a regular file" in capsys.readouterr().err


def _laughs(inside_intro: bool) -> str:
    """Nine levels of ten aliases each: a tree of 10⁹ paths in 14 lines."""
    lead = "intro:\n  - " if inside_intro else ""
    lines = [f"{lead}&a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        indent = "  - " if inside_intro else f"a{i}: "
        lines.append(f"{indent}&a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return HEAD + "\n".join(lines if inside_intro else [f"a0: {lines[0]}", *lines[1:]]) + "\n"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (_laughs(False), "unknown field"),
        (_laughs(True), "got a list (expected text)"),
        (HEAD + "intro: &r [*r]\n", "an alias that holds itself"),
        (HEAD + "intro: " + "[" * 500 + "x" + "]" * 500 + "\n", "nested more than 64 deep"),
    ],
)
@pytest.mark.parametrize("command", ["build", "check"])
def test_aliases_and_nesting_end_in_a_located_error_at_once(
    tmp_path, capsys, text: str, says: str, command: str
) -> None:
    """Every node is visited once however many paths lead to it; an alias of itself and
    nesting past 64 are errors at their place, never a hang or a RecursionError."""
    import time

    src = tmp_path / "d.yaml"
    src.write_text(text, encoding="utf-8")
    started = time.monotonic()
    args = [command, str(src)] + (["--out", str(tmp_path / "o")] if command == "build" else [])
    assert main(args) in (1, 2)
    assert time.monotonic() - started < 10
    out = capsys.readouterr()
    said = out.out + out.err
    assert says in said and f"{src}:" in said and "internal error" not in said, said


def test_a_full_disk_on_one_format_leaves_every_earlier_file_as_it_was(
    tmp_path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All of a document's formats are written, or none: a failure writing the DOCX
    (a full disk) leaves the earlier PDF, not a new PDF beside an old DOCX."""
    from docgen import output
    from docgen.errors import DocgenError

    src = tmp_path / "d.yaml"
    src.write_text(HEAD + "intro: [旧的正文。]\n", encoding="utf-8")
    out = tmp_path / "o"
    assert main(["build", str(src), "--out", str(out), "--names", "file"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    src.write_text(HEAD + "intro: [新的正文。]\n", encoding="utf-8")
    stage = output._stage

    def full_disk(target: Path, data: bytes) -> str:
        if target.suffix == ".docx":
            raise DocgenError(f"{target}: cannot write: No space left on device")
        return stage(target, data)

    monkeypatch.setattr(output, "_stage", full_disk)
    assert main(["build", str(src), "--out", str(out), "--names", "file"]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temp file either


def test_long_titles_and_names_build(tmp_path, capsys) -> None:
    """A 300-character title and 署名 build (file name cut to fit, DOCX properties cut to
    255); a 附件 name too long for the file system is an error at its line."""
    title = "示例" * 150
    src = tmp_path / "d.yaml"
    src.write_text(
        f"kind: 通知\ntitle: {title}\nintro: [正文。]\nsignature: {{issuer: {title}}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "o"
    assert main(["build", str(src), "--out", str(out)]) == 0
    [pdf] = out.glob("*.pdf")
    assert len(pdf.name.encode()) <= 255 and pdf.stem == title[: len(pdf.stem)]
    src.write_text(
        HEAD.replace("工作要点", "通知") + f"attachments: [{'长' * 100}.yaml]\n", "utf-8"
    )
    assert main(["build", str(src), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{src}:4:" in err and "attachments[0]" in err and "internal error" not in err, err


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        ("kind: 工作要点\nyear: 2016\ntitle: a\x07b\n", ":3:9:", "U+0007"),  # libyaml's reader
        (HEAD + "intro: [" + "。" * 20_001 + "]\n", ":4:9:", "a text of 20,001 characters"),
        (
            HEAD.replace("工作要点", "通知")
            + "attachments: ["
            + ", ".join(["a.yaml"] * 51)
            + "]\n",
            ":4:14:",
            "51 attachments",
        ),
    ],
)
def test_limits_are_said_at_their_place_before_they_cost(tmp_path, capsys, text, where, says):
    """A raw control character (libyaml gives a byte offset), a paragraph past 20,000
    characters (90 s of layout for 100,000), more than 50 附件: one line each, at once."""
    src = tmp_path / "d.yaml"
    src.write_text(text, encoding="utf-8")
    assert main(["build", str(src), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{src}{where}") and says in err, err
    assert len(err.strip().splitlines()) == 1


def test_ten_thousand_sections_are_numbered() -> None:
    """GB/T 9704's numbers past 9999 (cannot number 10000, before)."""
    from docgen.resolve.numbering import heading_number

    assert heading_number(1, 10_000) == "一万、"
    assert heading_number(2, 10_001) == "（一万零一）"


def test_more_hostile_values_are_located(tmp_path, capsys) -> None:
    """!!int '' (IndexError), a 5,000-digit year (ValueError), a target of 1e-320 (its
    rate not a number), a device as PATH: one line each, never an internal error."""
    cases = {
        "tag.yaml": HEAD + "intro: [!!int '']\n",
        "digits.yaml": HEAD.replace("2016", "9" * 5000),
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert main(["build", str(tmp_path / name), "--out", str(tmp_path / "o")]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"{tmp_path / name}:") and "internal error" not in err, err
        assert len(err.strip().splitlines()) == 1
    assert main(["build", "/dev/zero", "--out", str(tmp_path / "o")]) == 2
    assert "not a regular file" in capsys.readouterr().err
    from tests.resolve.test_crossref import row

    tiny = row(tmp_path, "达到", ("1e-320", "%"), (90, "%"))
    assert (tiny.status, tiny.rate) == ("定性", "") and "目标值过小" in tiny.note


def test_a_report_skeleton_whose_characters_no_font_has_is_not_drafted(tmp_path, capsys) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        HEAD + "sections:\n  - heading: 核心目标\n    body:\n      - text: 达到95%。\n"
        "        targets:\n          - {id: t, says: 达到95%, indicator: \U000f0001指标, "
        "compare: 达到, value: 95, unit: '%'}\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.yaml"
    assert main(["draft", "report", "--from", str(plan), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "would not build" in err and "U+F0001" in err, err
    assert not out.exists()


def test_a_file_or_a_document_too_large_is_refused_before_it_is_read(tmp_path, capsys):
    """A content file past 5 MB, and more than 5,000 headings, each one line."""
    big = tmp_path / "big.yaml"
    big.write_text(HEAD + "note: " + "甲" * (2 * 2**20) + "\n", encoding="utf-8")
    assert main(["build", str(big), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert f"{big}: a file of" in err and "at most 5,242,880" in err, err
    many = tmp_path / "many.yaml"
    many.write_text(HEAD + "sections:\n" + "  - heading: 甲\n" * 5001, encoding="utf-8")
    assert main(["build", str(many), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{many}:5005:") and "more than 5,000 headings" in err, err

"""命令格式 (GB/T 9704-2012 §10.2) and a document its officer signs (§7.3.5.3), measured
on the printed page of the PDF and of the DOCX as LibreOffice lays it out; a 令 read
from its text and from docgen's DOCX."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml

from docgen import spec
from docgen.cli import main
from docgen.units import Mm
from tests.conftest import CONTENT, built_example, imported, imported_text
from tests.pdfpage import read_pages
from tests.test_notice import ink_rows

LINE = spec.LINE_PITCH.mm
TOP = spec.MARGIN_TOP.mm
RIGHT = (spec.MARGIN_LEFT + spec.TEXT_WIDTH).mm
CHAR = spec.CHAR_PITCH.mm


@pytest.fixture(scope="module")
def order(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example 命令, built to PDF and DOCX, and its DOCX through LibreOffice."""
    return built_example(tmp_path_factory.mktemp("order"), "mingling")


def _pdf(order: Path, reader: str) -> Path:
    return order / ("examples" if reader == "PDF" else "lo") / "mingling.pdf"


def _first_line_offset(reader: str) -> float:
    """Where the 版心's first glyphs stand below its top edge: 0 in the PDF; in the DOCX,
    as Word sets a first line (test_notice's header geometry says why)."""
    if reader == "PDF":
        return 0.0
    ascent, _, win_descent = spec.OFFICE_VERTICAL["fangsong"]
    line = Mm(spec.DOCX_LINE_PITCH_TWIPS / 20 * 25.4 / 72)
    return spec.word_first_line_offset(line, spec.BODY_SIZE, ascent, win_descent).mm


@pytest.mark.parametrize("reader", ["PDF", "DOCX in LibreOffice"])
def test_the_order_head_stands_where_the_standard_puts_it(order: Path, reader: str) -> None:
    pdf = _pdf(order, reader)
    ink = ink_rows(pdf, 1)
    # The mark alone in red: a 命令 has no red rule.
    [(mark_top, mark_bottom)] = ink["red"]
    # §10.2: the mark's top 20 mm below the 版心's top edge.
    assert abs(mark_top - (TOP + _first_line_offset(reader) + spec.ORDER_MARK_TOP.mm)) <= 1.0
    lines = read_pages(pdf)[0].lines
    texts = [line.text.replace(" ", "") for line in lines]
    assert texts[0] == "示例市人民政府令"
    # The 令号 centred two lines below the mark (the gap holds two blank lines).
    number = lines[1]
    assert number.text.replace(" ", "") == "第1号"
    middle = (spec.MARGIN_LEFT + spec.TEXT_WIDTH / 2).mm
    assert abs((number.left + number.right) / 2 - middle) <= 0.5
    assert 2 * LINE - 1 <= number.top - mark_bottom <= 2 * LINE + 5, number.top - mark_bottom
    # The text two lines below the 令号: three pitches from its line to the text's.
    text = lines[2]
    assert text.text.startswith("《示例市示例管理办法》")
    # (LibreOffice sets the 令号, off the grid, in its stand-in font, a few mm lower than
    # the office font stands; the text keeps to the grid line Word sets it on.)
    gap = text.top - number.top - 3 * LINE
    assert (abs(gap) <= 0.6) if reader == "PDF" else (-4 <= gap <= 1), gap
    # No title: the mark and 令号 stand in its place.
    assert "示例市人民政府令第1号" not in texts


@pytest.mark.parametrize("reader", ["PDF", "DOCX in LibreOffice"])
def test_the_officer_signs_two_lines_below_the_text_and_dates_a_line_below(
    order: Path, reader: str
) -> None:
    """§7.3.5.3: the name 右空四字, the title two characters left of it; the date 右空四字,
    a blank line below the name; two blank lines between the text and the name."""
    lines = read_pages(_pdf(order, reader))[0].lines
    texts = [re.sub(r"\s", "", line.text) for line in lines]
    signer = lines[texts.index("市长示例")]
    date = lines[texts.index("2026年1月15日")]
    last_text = lines[texts.index("市长示例") - 1]
    assert abs(signer.right - (RIGHT - 4 * CHAR)) <= 0.6, signer.right
    assert abs(date.right - (RIGHT - 4 * CHAR)) <= 0.6, date.right
    # 市长, two characters, 示例: the name's first glyph four pitches after the title's.
    name_left = next(c["x0"] for c in signer.chars if c["text"] == "示") * 25.4 / 72
    assert abs(name_left - signer.left - 4 * CHAR) <= 0.6
    assert abs(signer.top - last_text.top - 3 * LINE) <= 1.0
    assert abs(date.top - signer.top - 2 * LINE) <= 1.0


def test_a_commands_mistakes_are_said_with_their_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = yaml.safe_load((CONTENT / "examples" / "mingling.yaml").read_text("utf-8"))
    cases = [
        (
            {"header": {"issuer_mark": "示例市人民政府令", "doc_number": "示政〔2026〕1号"}},
            "header.doc_number: a 命令 in 命令格式 (§10.2) prints its 令号",
        ),
        (
            {"signature": {**base["signature"], "issuer": "示例市人民政府"}},
            "signature: issuer and signer",
        ),
        (
            {"signature": {"signer_title": "市长", "date": base["signature"]["date"]}},
            "signer_title without signer",
        ),
    ]
    for change, said in cases:
        source = tmp_path / "ling.yaml"
        source.write_text(yaml.safe_dump({**base, **change}, allow_unicode=True), "utf-8")
        assert main(["build", str(source), "--out", str(tmp_path / "o")]) == 2
        err = capsys.readouterr().err
        assert said in err and "Traceback" not in err, err


def test_the_house_signature_is_not_added_to_an_officers(tmp_path: Path) -> None:
    """A workspace's 署名 default (docgen.toml) fills an office's documents, not a 令 its
    officer signs."""
    from docgen.content import load
    from docgen.content.profile import apply, load_profile

    (tmp_path / "docgen.toml").write_text('[signature]\nissuer = "示例市人民政府"\n', "utf-8")
    doc = load.load(CONTENT / "examples" / "mingling.yaml")
    signed = apply(doc, load_profile(tmp_path / "docgen.toml"), issued=True).signature
    assert signed is not None and (signed.issuer, signed.signer) == (None, "示例")


ORDER_TEXT = """示例市人民政府令
第1号
《示例市示例管理办法》已经2026年1月10日市政府第1次常务会议通过，现予公布，自2026年3月1日起施行。
市长　示例
2026年1月15日
示例市示例管理办法
第一条　为了示例，制定本办法。
第二条　本办法自2026年3月1日起施行。
"""


def test_an_order_imports_with_its_head_officer_and_the_rules_it_publishes(
    tmp_path: Path,
) -> None:
    _, data = imported_text(tmp_path, ORDER_TEXT, "ling")
    example = yaml.safe_load((CONTENT / "examples" / "mingling.yaml").read_text("utf-8"))
    for key in ("kind", "title", "header", "intro", "signature"):
        assert data[key] == example[key], key
    assert data["attachments"] == [{"file": "ling-fujian1.yaml", "issued": True}]
    rules = yaml.safe_load((tmp_path / "ling-fujian1.yaml").read_text("utf-8"))
    assert (rules["kind"], rules["title"]) == ("办法", "示例市示例管理办法")
    assert [s["body"][0] for s in rules["sections"]] == [
        "为了示例，制定本办法。",
        "本办法自2026年3月1日起施行。",
    ]
    # Built, and read back from its DOCX: the same content.
    assert main(["build", str(tmp_path / "ling.yaml"), "--out", str(tmp_path)]) == 0
    back = imported(tmp_path, tmp_path / "示例市人民政府令第1号.docx", "back.yaml")
    assert {k: v for k, v in back.items() if k != "attachments"} == {
        k: v for k, v in data.items() if k != "attachments"
    }


def test_a_mark_ending_in_ling_without_a_number_is_no_order(tmp_path: Path) -> None:
    """A title line that ends with 令 (…禁令) above the text is no 命令's mark: only one
    right above its 令号 is."""
    _, data = imported_text(
        tmp_path,
        "示例市关于严格执行示例禁令的通知\n各区：\n示例：请执行。\n示例市人民政府\n2026年1月15日\n",
        "t",
    )
    assert data["kind"] == "通知" and "header" not in data


@pytest.mark.parametrize(
    ("line", "title", "name"),
    [
        ("省 长 王予波", "省长", "王予波"),  # the title letter-spaced, as a repost prints it
        ("总理　李　强", "总理", "李　强"),  # a two-character name spaced
        ("总理温家宝", "总理", "温家宝"),  # no space at all
        # a title in full, with an earlier 理 in it
        ("国家市场监督管理总局局长　示例", "国家市场监督管理总局局长", "示例"),
        ("示例监督管理委员会主任 示例", "示例监督管理委员会主任", "示例"),
    ],
)
def test_an_officers_line_is_read_as_printed(
    tmp_path: Path, line: str, title: str, name: str
) -> None:
    _, data = imported_text(tmp_path, ORDER_TEXT.replace("市长　示例", line), "ling")
    assert (data["signature"]["signer_title"], data["signature"]["signer"]) == (title, name)


def test_a_mark_and_its_number_on_one_line_are_read_apart(tmp_path: Path) -> None:
    """Web copies print 中华人民共和国国务院令第444号 on one line."""
    text = ORDER_TEXT.replace("示例市人民政府令\n第1号\n", "示例市人民政府令 第1号\n")
    _, data = imported_text(tmp_path, text, "ling")
    assert data["header"] == {"issuer_mark": "示例市人民政府令", "issue": "第1号"}
    assert (data["kind"], data["title"]) == ("命令", "示例市人民政府令第1号")


def test_a_first_paragraph_without_a_full_stop_stays_text(tmp_path: Path) -> None:
    """Under the 令号 the text begins: its first line is no title, even without 。."""
    _, data = imported_text(
        tmp_path,
        "示例市人民政府令\n第2号\n根据示例市人民代表大会常务委员会的决定\n"
        "任命示例为示例市示例局局长。\n市长　示例\n2026年1月15日\n",
        "ling",
    )
    assert data["title"] == "示例市人民政府令第2号"
    assert data["intro"] == [
        "根据示例市人民代表大会常务委员会的决定",
        "任命示例为示例市示例局局长。",
    ]


@pytest.mark.parametrize(
    ("head", "mark", "number"),
    [
        ("示例部令\n2016年第57号", "示例部令", "2016年第57号"),  # a 部令's, with its year
        ("示例市人民政府令\n（第2号）", "示例市人民政府令", "（第2号）"),
    ],
)
def test_a_number_with_its_year_or_in_brackets_is_a_ling_hao(
    tmp_path: Path, head: str, mark: str, number: str
) -> None:
    _, data = imported_text(tmp_path, ORDER_TEXT.replace("示例市人民政府令\n第1号", head), "ling")
    assert (data["kind"], data["header"]) == ("命令", {"issuer_mark": mark, "issue": number})


@pytest.mark.parametrize(
    "signature",
    [
        {"signer_title": "中华人民共和国示例部部长", "signer": "示例"},  # the title in full
        {"signer_title": "主席", "signer": "示例·示例"},
        {"signer": "示例"},  # a name alone
    ],
)
def test_an_officers_signature_comes_back_from_the_docx(tmp_path: Path, signature: dict) -> None:
    data = yaml.safe_load((CONTENT / "examples" / "mingling.yaml").read_text("utf-8"))
    del data["attachments"]
    data["signature"] = {**signature, "date": data["signature"]["date"]}
    source = tmp_path / "ling.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["build", str(source), "--out", str(tmp_path), "--names", "file"]) == 0
    assert imported(tmp_path, tmp_path / "ling.docx", "back.yaml")["signature"] == data["signature"]


def test_the_house_gives_a_ling_no_recipients_and_its_rules_no_signature(tmp_path: Path) -> None:
    """A 令 is addressed to no one; the 办法 it publishes is signed by the 令, not by the
    house's 署名 (docgen.toml)."""
    from docgen.content import load
    from docgen.content.profile import apply, load_profile

    (tmp_path / "docgen.toml").write_text(
        'recipients = "各区人民政府"\n[signature]\nissuer = "示例市人民政府"\n', "utf-8"
    )
    house = load_profile(tmp_path / "docgen.toml")
    order = apply(load.load(CONTENT / "examples" / "mingling.yaml"), house, issued=True)
    rules = apply(load.load(CONTENT / "examples" / "mingling-banfa.yaml"), house, issued=True)
    assert order.recipients is None
    assert (rules.recipients, rules.signature) == (None, None)


def test_check_says_what_a_ling_lacks(tmp_path: Path) -> None:
    from docgen.authoring.check import check

    source = tmp_path / "ling.yaml"
    source.write_text(
        "kind: 命令\ntitle: 示例令\nheader:\n  issuer_mark: 示例市人民政府令\nintro:\n  - 示例。\n",
        encoding="utf-8",
    )
    found = sorted((p.line, p.rule, p.message) for p in check([source]).problems)
    assert found == [
        (4, "order-incomplete", "a 令 without its officer's name"),
        (4, "order-incomplete", "a 令 without its 令号"),
        (4, "order-incomplete", "a 令 without its 成文日期"),
    ]


def test_copy_number_secrecy_and_urgency_above_a_ling_push_its_mark_down(tmp_path: Path) -> None:
    """Three lines do not fit in the 20 mm above a 令's mark: the mark stands below them,
    in the PDF as in the DOCX, never over them."""
    from tests.pdfpage import libreoffice_pdf

    data = yaml.safe_load((CONTENT / "examples" / "mingling.yaml").read_text("utf-8"))
    del data["attachments"]
    data["header"] = {"copy_number": "000001", "secrecy": "秘密★1年", "urgency": "特急"} | data[
        "header"
    ]
    source = tmp_path / "ling.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["build", str(source), "--out", str(tmp_path), "--names", "file"]) == 0
    libreoffice_pdf([tmp_path / "ling.docx"], tmp_path / "lo", tmp_path / "profile")
    for pdf in (tmp_path / "ling.pdf", tmp_path / "lo" / "ling.pdf"):
        ink = ink_rows(pdf, 1)
        mark_top = ink["red"][0][0]
        urgency = [run for run in ink["black"] if run[1] < mark_top + 1]
        assert len(urgency) == 3, (pdf, ink["black"][:4], mark_top)  # 份号, 密级, 紧急程度
        assert urgency[-1][1] < mark_top, pdf


@pytest.mark.parametrize(
    ("end", "intro", "signature"),
    [  # a 令 whose line above the date is no officer's: text, or its office's name
        (
            "根据示例市人民代表大会常务委员会的决定：\n任命示例为示例市示例局局长。\n2026年1月15日\n",
            ["根据示例市人民代表大会常务委员会的决定：", "任命示例为示例市示例局局长。"],
            {"date": datetime.date(2026, 1, 15)},
        ),
        (
            "任命示例为示例市示例局局长。\n示例市人民政府\n2026年1月15日\n",
            ["任命示例为示例市示例局局长。"],
            {"issuer": "示例市人民政府", "date": datetime.date(2026, 1, 15)},
        ),
    ],
)
def test_a_lings_last_sentence_or_office_is_no_officer(
    tmp_path: Path, end: str, intro: list[str], signature: dict
) -> None:
    _, data = imported_text(tmp_path, "示例市人民政府令\n第3号\n" + end, "ling")
    assert (data["intro"], data["signature"]) == (intro, signature)


def test_a_title_ending_in_a_word_with_ling_is_no_mark(tmp_path: Path) -> None:
    text = "示例市安全生产口令\n（第2号）\n安全第一，预防为主。\n示例市应急管理局\n2026年1月15日\n"
    assert imported_text(tmp_path, text, "t")[1]["kind"] != "命令"


def test_a_ling_that_begins_with_a_table_sets_it_two_lines_below_its_number(
    tmp_path: Path,
) -> None:
    """The two blank lines under the 令号 stand above a table as above a paragraph, in
    the DOCX as in the PDF, and not again under the table."""
    from tests.pdfpage import libreoffice_pdf

    data = yaml.safe_load((CONTENT / "examples" / "mingling.yaml").read_text("utf-8"))
    del data["attachments"]
    data["intro"] = [{"table": [["项目", "内容"], ["示例甲", "示例乙"]]}, "以上事项，请遵照执行。"]
    source = tmp_path / "ling.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["build", str(source), "--out", str(tmp_path), "--names", "file"]) == 0
    libreoffice_pdf([tmp_path / "ling.docx"], tmp_path / "lo", tmp_path / "profile")
    # (LibreOffice sets the 令号 lower, in its stand-in font: see the test of the head.)
    for pdf, low in ((tmp_path / "ling.pdf", 0.6), (tmp_path / "lo" / "ling.pdf", 5)):
        lines = read_pages(pdf)[0].lines
        texts = [re.sub(r"\s", "", line.text) for line in lines]
        number, table = lines[texts.index("第1号")], lines[texts.index("项目内容")]
        after = lines[texts.index("以上事项，请遵照执行。")]
        assert -low <= table.top - number.top - 3 * LINE <= 1, (pdf, table.top - number.top)
        assert after.top - table.top < 3 * LINE, pdf  # no gap of two lines under the table

"""docgen import: the seed texts and docgen's own DOCX come back as their content."""

from __future__ import annotations

import copy
import random
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pdfplumber
import pytest
import yaml
from docx.oxml.ns import qn
from docx.shared import Mm

from docgen.authoring.importer import import_file
from docgen.authoring.yamlout import dump
from docgen.build import Options, render
from docgen.chinese import full_width
from docgen.cli import main
from docgen.content.load import load
from docgen.errors import ContentError
from docgen.resolve import Heading, resolve
from docgen.resolve.numbering import chinese_numeral
from tests.conftest import CONTENT, SEEDS, imported, imported_text, imported_yaml, normalise
from tests.test_seeds import NUMBERED, docx_text, pdf_body_text

# content file stem → the seed text imported. The 工作要点 seed opens with its 通知's
# title: imported, that is the plan's notice_title (content/2016 keeps it in tongzhi.yaml).
SEED_OF = {
    "gongzuoyaodian": "2016-gongzuoyaodian.txt",
    "jinzhanqingkuang": "2016-jinzhanqingkuang.txt",
}
STEMS = sorted(SEED_OF)
NOTICE_TITLE = "教育部办公厅关于印发《2016年教育信息化工作要点》的通知"


def seed(stem: str) -> str:
    return (SEEDS / SEED_OF[stem]).read_text(encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def text_only(value: Any) -> Any:
    """A content file's data without what the text cannot carry: targets, outcomes and
    the crossref link; a paragraph or point that is then only text is its string."""
    if isinstance(value, dict):
        kept = {
            k: text_only(v)
            for k, v in value.items()
            if k not in ("targets", "outcomes", "crossref")
        }
        return kept["text"] if set(kept) == {"text"} else kept
    if isinstance(value, list):
        return [text_only(v) for v in value]
    return value


@pytest.mark.parametrize("stem", STEMS)
def test_an_imported_seed_builds_back_to_the_seed(stem: str, tmp_path: Path) -> None:
    path = imported_yaml(tmp_path, SEEDS / SEED_OF[stem])
    for fmt, data in render(path, Options(("pdf", "docx")))[1].items():
        (tmp_path / f"out.{fmt}").write_bytes(data)
    assert normalise(docx_text(tmp_path / "out.docx")) == normalise(seed(stem))
    assert normalise(pdf_body_text(tmp_path / "out.pdf")) == normalise(seed(stem))


@pytest.mark.parametrize("stem", STEMS)
def test_an_imported_seed_has_the_structure_of_its_content_file(stem: str, tmp_path: Path) -> None:
    """Numbers became structure as a person wrote it: sections, points, units, and the
    2016 plan's 1. 2. 3. running on across （一）（二）（三）."""
    path = imported_yaml(tmp_path, SEEDS / SEED_OF[stem])
    written = yaml.safe_load((CONTENT / "2016" / f"{stem}.yaml").read_text(encoding="utf-8"))
    imported = yaml.safe_load(path.read_text(encoding="utf-8"))
    if stem == "gongzuoyaodian":
        assert imported.pop("notice_title") == NOTICE_TITLE
    assert imported == text_only(written)


def test_the_plans_items_run_on_and_the_reports_points_are_inline(tmp_path: Path) -> None:
    plan = load(imported_yaml(tmp_path, SEEDS / SEED_OF["gongzuoyaodian"], "plan.yaml"))
    assert plan.numbering.items == "continuous"
    assert plan.notice_title == "教育部办公厅关于印发《2016年教育信息化工作要点》的通知"
    report = load(imported_yaml(tmp_path, SEEDS / SEED_OF["jinzhanqingkuang"], "report.yaml"))
    assert (report.kind, report.year, report.attachment_label) == ("进展情况", 2016, "附件")
    assert len(report.sections) == 9
    assert len(report.sections[3].body[0].points) == 6  # 一是 … 六是 in one paragraph


@pytest.mark.parametrize("stem", STEMS)
def test_the_imported_yaml_types_no_numbers(stem: str, tmp_path: Path) -> None:
    text = imported_yaml(tmp_path, SEEDS / SEED_OF[stem]).read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        value = line.split(":", 1)[-1].strip().lstrip("- ").strip('"')
        assert not NUMBERED.match(value), f"{n}: {line.strip()}"
    assert "责任单位" not in text.split("\n#")[-1]  # units are a field, not text


@pytest.mark.parametrize("stem", STEMS)
def test_a_docx_docgen_built_imports_to_the_same_content(
    stem: str, built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from_docx = imported_yaml(tmp_path, built / f"{stem}.docx", "docx.yaml")
    from_text = imported_yaml(tmp_path, SEEDS / SEED_OF[stem], "text.yaml")
    text_data = yaml.safe_load(from_text.read_text(encoding="utf-8"))
    text_data.pop("notice_title", None)  # built alone, the 工作要点 has no 通知 title
    assert yaml.safe_load(from_docx.read_text(encoding="utf-8")) == text_data
    err = capsys.readouterr().err
    if stem == "jinzhanqingkuang":  # its computed 对照表 is a 附表: not content
        assert "附表 (a table) not imported" in err


VARIANTS = """\
2020年某市教育工作要点
一、总体要求
(一)加强领导。
1、建立机制。
统筹安排全年工作(责任单位:办公室, 财务处)
2．完善制度。
（1）细化分工。
(2) 明确责任。
（二）强化保障
1. 落实经费,按时拨付。
二、重点任务
一是抓落实;二是抓督查。
2.1亿元用于改善办学条件。
"""


def test_markers_in_their_common_variants(tmp_path: Path) -> None:
    source = tmp_path / "variants.txt"
    source.write_text(VARIANTS, encoding="utf-8")
    data = yaml.safe_load(imported_yaml(tmp_path, source).read_text(encoding="utf-8"))
    assert data == {
        "kind": "工作要点",
        "year": 2020,
        "title": "2020年某市教育工作要点",
        "sections": [
            {
                "heading": "总体要求",
                "sections": [
                    {
                        "heading": "加强领导。",
                        "sections": [
                            {
                                "heading": "建立机制。",
                                "body": [
                                    {"text": "统筹安排全年工作", "units": ["办公室", "财务处"]}
                                ],
                            },
                            {
                                "heading": "完善制度。",
                                # Sentences with nothing under them: numbered paragraphs.
                                "sections": [
                                    {"run_in": True, "body": ["细化分工。"]},
                                    {"run_in": True, "body": ["明确责任。"]},
                                ],
                            },
                        ],
                    },
                    {
                        "heading": "强化保障",
                        "sections": [{"run_in": True, "body": ["落实经费，按时拨付。"]}],
                    },
                ],
            },
            {
                "heading": "重点任务",
                "body": [{"points": ["抓落实；", "抓督查。"]}, "2.1亿元用于改善办学条件。"],
            },
        ],
    }


AMBIGUOUS = """\
2020年某市教育工作要点
一、总体要求
正文。
三、重点任务
1.直接在一、之下。
二是没有一是在前。
"""


def test_ambiguous_numbering_is_warned_at_its_line_and_a_scheme_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "ambiguous.txt"
    source.write_text(AMBIGUOUS, encoding="utf-8")
    out = tmp_path / "out.yaml"
    code, _, err = run(capsys, "import", str(source), "--out", str(out))
    assert code == 0
    lines = err.splitlines()
    assert f"{source}:4:1: warning: numbered 3 but it is number 2 here: docgen prints 二、" in lines
    # 1. directly under 一、: the document's own scheme, kept (numbering.levels).
    assert not any("directly under" in line for line in lines)
    assert load(out).numbering.levels == ["一、", "1."]
    assert any(line.startswith(f"{source}:6:1: warning: 二是 with no 一是") for line in lines)
    text = out.read_text(encoding="utf-8")
    assert "# 原文第4行：numbered 3" in text  # the YAML says so too, at the place
    assert load(out).sections[1].sections[0].heading == "直接在一、之下。"


def test_units_after_an_enumeration_stay_text_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "units.txt"
    source.write_text("某工作要点\n一、任务\n一是甲。二是乙。(责任单位:办公室)\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(source))
    assert code == 0
    assert yaml.safe_load(out)["sections"][0]["body"] == [
        {"points": ["甲。", "乙。（责任单位：办公室）"]}
    ]
    assert f"{source}:3:1: warning: （责任单位：…） after 一是" in err


def test_points_one_a_paragraph_are_one_enumeration(tmp_path: Path) -> None:
    source = tmp_path / "points.txt"
    source.write_text("某工作要点\n一、目标\n一是甲。\n二是乙。\n三是丙。\n", encoding="utf-8")
    data = yaml.safe_load(imported_yaml(tmp_path, source).read_text(encoding="utf-8"))
    assert data["sections"][0]["body"] == [
        {"layout": "paragraphs", "points": ["甲。", "乙。", "丙。"]}
    ]


def test_text_without_structure_is_paragraphs_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "plain.txt"
    source.write_text("关于开展调研的说明\n第一段正文。\n\n第二段正文。\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(source))
    assert code == 0
    data = yaml.safe_load(out)
    assert data["title"] == "关于开展调研的说明"
    assert data["intro"] == ["第一段正文。", "第二段正文。"]
    assert "sections" not in data
    assert "no 一、（一）1.（1） headings or 一是 enumerations recognised" in err
    assert "Traceback" not in err


def test_gbk_text_imports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "gbk.txt"
    source.write_bytes(VARIANTS.encode("gbk"))
    code, out, _ = run(capsys, "import", str(source))
    assert code == 0
    assert yaml.safe_load(out)["title"] == "2020年某市教育工作要点"


def test_a_word_docx_with_heading_styles_imports(tmp_path: Path) -> None:
    """A DOCX from Word, its numbers in list numbering (not in the text): the heading
    styles give the levels."""
    document = docx.Document()
    document.add_paragraph("2021年某校信息化工作要点", style="Title")
    document.add_paragraph("工作思路", style="Heading 1")
    document.add_paragraph("以应用为导向。")
    document.add_paragraph("加强统筹", style="Heading 2")
    document.add_paragraph("成立领导小组。（责任单位：校办）")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "表"
    source = tmp_path / "word.docx"
    document.save(str(source))
    done = import_file(source)
    assert done.data["title"] == "2021年某校信息化工作要点"
    assert done.data["sections"] == [
        {
            "heading": "工作思路",
            "body": ["以应用为导向。"],
            "sections": [
                {
                    "heading": "加强统筹",
                    "body": [{"text": "成立领导小组。", "units": ["校办"]}, {"table": [["表"]]}],
                }
            ],
        }
    ]
    assert not any("table" in message for _, message in done.warnings)


def _zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a word document")
    return path


BAD = {
    # name: (file name, bytes, what the one line says)
    "empty": ("empty.txt", b"", "empty file"),
    "blank": ("blank.txt", b" \n\n\t\n", "empty file"),
    "binary": ("data.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a binary file"),
    "text named docx": ("fake.docx", "一、标题\n".encode(), "not a DOCX (not a zip file)"),
    "zip not docx": ("zip.docx", None, "not a DOCX"),
    "word 97": ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "a Word 97"),
    "pdf": ("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_one_clear_line(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, data, says = BAD[case]
    source = tmp_path / name
    if data is None:
        _zip(source)
    else:
        source.write_bytes(data)
    out = tmp_path / "out.yaml"
    code, stdout, err = run(capsys, "import", str(source), "--out", str(out))
    assert code == 2
    assert stdout == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith(f"{source}"), err
    assert says in err
    assert not out.exists()


def test_a_missing_file_and_a_folder_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "nothing.txt"))
    assert (
        code == 2
        and err.strip()
        == f"{tmp_path / 'nothing.txt'}: no such file (expected a text or DOCX file)"
    )
    code, _, err = run(capsys, "import", str(tmp_path))
    assert code == 2 and "is a folder" in err


def test_without_out_the_yaml_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "import", str(SEEDS / SEED_OF["jinzhanqingkuang"]))
    assert code == 0
    assert out.startswith("# 2016年教育信息化工作进展情况 — docgen import 自")
    assert yaml.safe_load(out)["title"] == "2016年教育信息化工作进展情况"
    # Every paragraph, however long, stands whole on one line: no folding.
    lines = out.splitlines()
    paragraphs = [p for p in strings(yaml.safe_load(out)) if len(p) > 100]
    assert max(map(len, paragraphs)) > 300
    for paragraph in paragraphs:
        assert any(paragraph in line for line in lines), paragraph[:20]


def strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("(责任单位:科技司)", "（责任单位：科技司）"),
        ("达到95%,其中10M以上", "达到95%，其中10M以上"),
        ("信息系统(网站)的定级", "信息系统（网站）的定级"),
        ("定制课程(SPOC)5600多门次", "定制课程（SPOC）5600多门次"),
        ("培训;举办", "培训；举办"),
        ('开展"人人通"专项培训', "开展“人人通”专项培训"),
        ("科技司, 财务司", "科技司，财务司"),
        ("数字校园/智慧校园", "数字校园/智慧校园"),
        ("7:30开始,共1,000人", "7:30开始，共1,000人"),
        ("见http://www.moe.gov.cn", "见http://www.moe.gov.cn"),
        ("2.1亿学生", "2.1亿学生"),
    ],
)
def test_half_width_punctuation_in_chinese_text_becomes_full_width(
    typed: str, printed: str
) -> None:
    assert full_width(typed) == printed


def test_seed_half_width_forms_are_gone_from_the_import(tmp_path: Path) -> None:
    text = imported_yaml(tmp_path, SEEDS / SEED_OF["gongzuoyaodian"]).read_text(encoding="utf-8")
    assert "(责任单位:" in seed("gongzuoyaodian")
    for value in strings(yaml.safe_load(text)):
        assert not re.search(r"[\u4e00-\u9fff][,:;()]|[,:;()][\u4e00-\u9fff]", value), value


def test_a_number_on_a_line_of_its_own_takes_the_next_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "split.txt"
    source.write_text("某工作要点\n一、\n总体要求\n正文。\n二、\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(source))
    assert code == 0
    assert yaml.safe_load(out)["sections"] == [
        {"heading": "总体要求", "body": ["正文。"]},
        {"heading": "【待填写：标题】"},  # nothing to take: a visible gap, not a guess
    ]
    assert f"{source}:2:1: warning: a number on a line of its own: line 3 taken" in err
    assert f"{source}:5:1: warning: a number with no heading" in err


def generated_document(rng: random.Random) -> list[str]:
    """A 工作要点 typed as people type them: every marker variant, 1. 2. restarting or
    running on, 责任单位 in either width, 一是 inside paragraphs."""
    words = ["加强统筹", "推进应用", "完善机制", "提升能力", "深化改革"]

    def paragraph() -> str:
        text = f"{rng.choice(words)}{rng.choice([',', '，', '、'])}{rng.choice(words)}。"
        roll = rng.random()
        if roll < 0.3:
            return text + rng.choice(["(责任单位:科技司)", "（责任单位：科技司、财务司）"])
        if roll < 0.5:
            n = rng.randint(2, 4)
            return "".join(
                f"{chinese_numeral(i)}是{rng.choice(words)}，2.1亿元。" for i in range(1, n + 1)
            )
        return text

    lines = [*rng.choice([[], ["附件"]]), "2020年某市教育信息化工作要点"]
    run_on, item = rng.random() < 0.5, 0
    for a in range(1, rng.randint(2, 4)):
        lines.append(f"{chinese_numeral(a)}{rng.choice(['、', '．', '、 '])}{rng.choice(words)}")
        lines += [paragraph()] * rng.randint(0, 1)
        for b in range(1, rng.randint(1, 3)):
            lines.append(
                rng.choice(["（{}）", "({})", "({}) "]).format(chinese_numeral(b)) + "要求。"
            )
            for c in range(1, rng.randint(1, 4)):
                item += 1
                number = item if run_on else c
                lines.append(rng.choice(["{}.", "{}、", "{}．", "{}. "]).format(number) + "任务。")
                lines += [paragraph() for _ in range(rng.randint(0, 2))]
                for d in range(1, rng.randint(1, 3)):
                    lines.append(rng.choice(["（{}）", "({})", "({}) "]).format(d) + "细项")
                    lines += [paragraph()] * rng.randint(0, 1)
    return lines


@pytest.mark.parametrize("seed_value", range(40))
def test_generated_documents_import_without_warnings_and_build_back(
    seed_value: int, tmp_path: Path
) -> None:
    lines = generated_document(random.Random(seed_value))
    source = tmp_path / "generated.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    done = import_file(source)
    assert done.warnings == []
    path = tmp_path / "generated.yaml"
    path.write_text(dump(done.data, done.comments, done.header), encoding="utf-8")
    doc = resolve(load(path))
    printed = [doc.attachment_label or "", doc.title]
    printed += [b.number + b.text if isinstance(b, Heading) else b.text for b in doc.flat()]
    # Marker variants (一． 1、) print in their standard form: compare without them.
    variants = re.compile(r"[、.．,，]")
    assert variants.sub("", normalise("".join(printed))) == variants.sub(
        "", normalise("".join(lines))
    )


def numbers(path: Path) -> list[str]:
    """The numbers a content file's headings print, in order."""
    return [b.number for b in resolve(load(path)).blocks if isinstance(b, Heading)]


def test_a_level_under_one_heading_in_a_form_of_its_own_is_said_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """示例: 1. directly under one 一、 and under （一） in another, run on through the
    document (corpus: the Guangzhou 实施意见): the 一、 says its own form for the level
    under it, and the document prints the source's numbers."""
    source = tmp_path / "mixed.txt"
    source.write_text(
        "2020年某市教育工作要点\n一、总体要求\n1.甲。\n2.乙。\n二、重点任务\n（一）丙。\n"
        "3.丁。\n（二）戊。\n4.己。\n三、保障措施\n5.庚。\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "import", str(source), "--out", str(tmp_path / "mixed.yaml"))
    assert code == 0 and "warning" not in err, err
    doc = load(tmp_path / "mixed.yaml")
    assert doc.numbering.levels == ["一、", "（一）", "1.", "（1）"]  # GB/T 9704's, where used
    assert [s.levels for s in doc.sections] == [["1."], [], ["1."]]
    assert doc.numbering.items == "continuous"
    assert numbers(tmp_path / "mixed.yaml") == [
        "一、", "1.", "2.", "二、", "（一）", "3.", "（二）", "4.", "三、", "5.",
    ]  # fmt: skip


def test_one_after_a_paragraph_restarts_the_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """示例: 1. 2. under a paragraph that names who, then 1. 2. again under the next
    (corpus: 2021-school-wnu-tongzhi-zixishi): the second 1. restarts, and the paragraph
    prints where it stood, after the item before it."""
    source = tmp_path / "restart.txt"
    source.write_text(
        "2021年示例学校工作要点\n一、时间安排\n寒假期间开放。\n二、部门职责\n后勤处：\n1.检查设施。\n"
        "2.打扫教室。\n各学院：\n1.安排专人检查。\n2.加强教育。\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "import", str(source), "--out", str(tmp_path / "r.yaml"))
    assert code == 0 and "warning" not in err, err
    data = yaml.safe_load((tmp_path / "r.yaml").read_text("utf-8"))
    items = data["sections"][1]["sections"]
    assert [item.get("restart", False) for item in items] == [False, False, True, False]
    # 2.打扫教室。 is a numbered paragraph, and 各学院： the paragraph after it.
    assert items[1] == {"run_in": True, "body": ["打扫教室。", "各学院："]}
    assert numbers(tmp_path / "r.yaml") == ["一、", "二、", "1.", "2.", "1.", "2."]


def test_restart_and_levels_in_the_model(tmp_path: Path) -> None:
    """restart: 1 again (a running count too); levels: the forms under a heading, whose
    depth is then checked against them."""
    path = tmp_path / "plan.yaml"
    path.write_text(
        "kind: 工作要点\nyear: 2020\ntitle: 示例工作要点\nnumbering: {items: continuous}\n"
        "sections:\n  - heading: 甲\n    levels: [1.]\n    sections:\n"
        "      - heading: 子一\n      - heading: 子二\n      - {heading: 子三, restart: true}\n"
        "  - heading: 乙\n    sections:\n      - heading: 丙\n        sections:\n"
        "          - heading: 丁\n",
        encoding="utf-8",
    )
    assert numbers(path) == ["一、", "1.", "2.", "1.", "二、", "（一）", "2."]
    path.write_text(
        "kind: 工作要点\nyear: 2020\ntitle: 示例工作要点\nsections:\n  - heading: 甲\n"
        "    levels: [1.]\n    sections:\n      - heading: 乙\n        sections:\n"
        "          - heading: 丙\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}:10:")
    assert "a heading at level 3" in str(caught.value)
    assert "at most the 2 levels of sections[0].levels" in str(caught.value)


def test_an_item_whose_text_starts_with_a_number_follows_the_item_before(
    tmp_path: Path,
) -> None:
    """示例: 11.121人才梯队项目 right after 10.: item 11 (corpus: Guangzhou); 2.1亿元
    after a paragraph stays a paragraph."""
    lines = "".join(f"{n}.示例项目{n}。\n" for n in range(1, 11))
    source = tmp_path / "items.txt"
    source.write_text(
        f"2020年某市工作要点\n一、项目\n{lines}11.121人才梯队项目。\n正文。\n2.1亿元用于示例。\n",
        encoding="utf-8",
    )
    data = yaml.safe_load(imported_yaml(tmp_path, source).read_text("utf-8"))
    items = data["sections"][0]["sections"]
    assert len(items) == 11 and items[10]["heading"] == "121人才梯队项目。"
    assert items[10]["body"] == ["正文。", "2.1亿元用于示例。"]


def test_units_separated_by_commas_and_a_collective_print_as_the_source(
    tmp_path: Path,
) -> None:
    """示例 in the Guangzhou form: roles after ， and 各区、县级市 one name, set off by ，."""
    said = "（牵头单位：示例局，配合单位：示例委、示例办，各区、县级市）"
    source = tmp_path / "units.txt"
    source.write_text(f"2020年某市工作要点\n一、任务\n推进示例工作。{said}\n", encoding="utf-8")
    path = imported_yaml(tmp_path, source)
    data = yaml.safe_load(path.read_text("utf-8"))
    assert data["sections"][0]["body"][0]["units"] == {
        "lead": ["示例局"],
        "separator": "，",
        "support": ["示例委", "示例办", "各区、县级市"],
    }
    paragraphs = [b.text for b in resolve(load(path)).blocks if not isinstance(b, Heading)]
    assert paragraphs == [f"推进示例工作。{said}"]


def test_a_scheme_of_its_own_prints_as_the_source(tmp_path: Path) -> None:
    """一、 then 1、 (a school's): kept, and printed back in those forms and faces."""
    source = tmp_path / "school.txt"
    source.write_text(
        "2020年某校工作要点\n一、教学\n1、备课。\n2、上课。\n二、教研\n1、听课。\n", "utf-8"
    )
    out = imported_yaml(tmp_path, source)
    doc = resolve(load(out))
    assert load(out).numbering.levels == ["一、", "1、"]
    headings = [(h.number, h.style) for h in doc.blocks if hasattr(h, "style")]
    assert headings == [("一、", 1), ("1、", 3), ("2、", 3), ("二、", 1), ("1、", 3)]
    from docgen.render.html import render_html

    html = render_html(doc)
    # 1、备课。 with nothing under it is a numbered paragraph: its number in 1.'s face.
    assert '<span class="lead lead-3">1、</span>备课。</p>' in html


def test_headings_deeper_than_the_scheme_are_an_error_at_their_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(
        "kind: 工作要点\nyear: 2020\ntitle: 某工作要点\nnumbering: {levels: [一、, 1.]}\n"
        "sections:\n  - heading: 甲\n    sections:\n      - heading: 乙\n        sections:\n"
        "          - heading: 丙\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}:10:")
    assert "a heading at level 3" in str(caught.value)


def test_word_automatic_numbering_is_read_as_word_shows_it(tmp_path: Path) -> None:
    from tests.wordlists import numbered_docx

    path = numbered_docx(
        tmp_path / "auto.docx",
        [
            (None, "2027年某区教育工作要点"),
            (1, "总体要求"),
            (None, "正文甲。"),
            (1, "重点任务"),
            (2, "推进学前教育"),
            (3, "扩大普惠资源。"),
            (3, "提高保教质量。"),
            (2, "加强教师队伍"),
            (3, "开展培训。"),
        ],
    )
    data = import_file(path).data
    assert [s["heading"] for s in data["sections"]] == ["总体要求", "重点任务"]
    tasks = data["sections"][1]["sections"]
    assert [t["heading"] for t in tasks] == ["推进学前教育", "加强教师队伍"]
    # Numbered sentences with nothing under them: numbered paragraphs.
    assert [s["body"] for s in tasks[0]["sections"]] == [["扩大普惠资源。"], ["提高保教质量。"]]
    assert "numbering" not in data  # 1. restarts under each （一）, as GB/T 9704 has it
    out = tmp_path / "auto.yaml"
    out.write_text(dump(data, {}, []), encoding="utf-8")
    doc = resolve(load(out))
    numbers = [b.number for b in doc.blocks if isinstance(b, Heading)]
    assert numbers == ["一、", "二、", "（一）", "1.", "2.", "（二）", "1."]


TABLE_TEXT = """\
示例区2027年教育工作要点
一、重点任务分工
各项任务分工如下。
序号\t重点任务\t牵头单位
1\t推进学前教育\t基教科
2\t开展教师培训\t人事科
以上任务请按时完成。
"""


def test_tables_import_from_text_and_docx_and_print_in_both_outputs(tmp_path: Path) -> None:
    """TAB-separated lines in a text and a DOCX's tables become table blocks; built,
    each prints as a table whose header row repeats on every page (DOCX tblHeader)."""
    (tmp_path / "plan.txt").write_text(TABLE_TEXT, encoding="utf-8")
    body = import_file(tmp_path / "plan.txt").data["sections"][0]["body"]
    rows = [
        ["序号", "重点任务", "牵头单位"],
        ["1", "推进学前教育", "基教科"],
        ["2", "开展教师培训", "人事科"],
    ]
    assert body == ["各项任务分工如下。", {"table": rows}, "以上任务请按时完成。"]
    source = docx.Document()
    for line in TABLE_TEXT.splitlines()[:3]:
        source.add_paragraph(line)
    table = source.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    source.add_paragraph("以上任务请按时完成。")
    source.save(str(tmp_path / "plan.docx"))
    assert import_file(tmp_path / "plan.docx").data["sections"][0]["body"] == body
    assert main(["import", str(tmp_path / "plan.txt"), "--out", str(tmp_path / "plan.yaml")]) == 0
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "plan.yaml"), "--out", str(out), "--names", "file"]) == 0
    built = docx.Document(str(out / "plan.docx"))
    [printed] = built.tables
    assert [[c.text for c in row.cells] for row in printed.rows] == rows
    assert printed.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert sum(c.width for c in printed.rows[0].cells) == pytest.approx(Mm(156), rel=0.001)
    import pdfplumber

    with pdfplumber.open(out / "plan.pdf") as pdf:
        [found] = pdf.pages[0].find_tables()
        assert found.extract() == rows


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path, capsys) -> None:
    """A DOCX whose document part would unpack to 300 MB (packed to a few hundred KB) is
    refused from the zip's directory: no memory spent on it."""
    import resource

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as part:
            chunk = b" " * 2**20
            for _ in range(300):
                part.write(chunk)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    code, _, err = run(capsys, "import", str(bomb))
    assert code == 2 and "a DOCX that unpacks to 314,572,8" in err, err
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before  # KiB
    assert grown < 100 * 1024


def test_writing_through_a_loop_of_links_is_one_line(tmp_path: Path, capsys) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    source = tmp_path / "plan.txt"
    source.write_text("2020年某工作要点\n一、总体要求\n正文。\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(source), "--out", str(loop), "--force")
    assert code == 2 and "a loop of symbolic links" in err and "internal error" not in err, err
    code, _, err = run(capsys, "build", str(loop), "--out", str(tmp_path / "o"))
    assert code == 2 and "internal error" not in err, err


def test_a_docx_whose_styles_are_outside_it_is_refused(tmp_path: Path, capsys) -> None:
    """A DOCX whose styles relationship points outside the file: one line, nothing
    fetched (it was an internal error)."""
    made = tmp_path / "made.docx"
    document = docx.Document()
    document.add_paragraph("2020年某工作要点")
    document.save(str(made))
    with zipfile.ZipFile(made) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = re.sub(
        r'Target="styles.xml"',
        'Target="http://example.invalid/styles.xml" TargetMode="External"',
        rels,
    ).encode()
    external = tmp_path / "external.docx"
    with zipfile.ZipFile(external, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    code, _, err = run(capsys, "import", str(external))
    assert code == 2 and "styles part is outside the file" in err, err


def test_a_docx_of_too_many_paragraphs_is_refused_at_once(tmp_path: Path, capsys) -> None:
    """60,000 paragraphs took 40–50 s; past 20,000 import says so before reading them."""
    import time

    big = tmp_path / "big.docx"
    document = docx.Document()
    body = document.element.body
    template = document.add_paragraph("甲。")._p
    for _ in range(20_001):
        body.append(copy.deepcopy(template))
    document.save(str(big))
    started = time.monotonic()
    code, _, err = run(capsys, "import", str(big))
    assert code == 2 and "a DOCX of 20,00" in err and "import it in parts" in err, err
    assert time.monotonic() - started < 20


# --- 附件 that follow the document in the same file ---------------------------------

# 示例: a 通知 whose two 附件 follow it, each under its label; the 附件说明 names the
# second otherwise than its title does.
WITH_ATTACHMENTS = """\
示例市教育局关于开展示例工作的通知
示教〔2024〕3号
各区教育局：
现将示例工作有关事项通知如下，请认真贯彻执行。
附件：1.示例工作方案
2.示例市教育局示例工作报名表
示例市教育局
2024年3月5日
附件1
示例工作方案
一、工作目标
完成示例工作。
二、工作安排
三月完成。
附件2
示例工作报名表
各区于3月20日前报送。
"""


def test_attachments_that_follow_a_notice_become_files_of_their_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "tongzhi.txt"
    source.write_text(WITH_ATTACHMENTS, encoding="utf-8")
    out = tmp_path / "content" / "shili.yaml"
    code, stdout, err = run(capsys, "import", str(source), "--out", str(out))
    assert code == 0, err
    first, second = out.parent / "shili-fujian1.yaml", out.parent / "shili-fujian2.yaml"
    assert stdout.split() == [str(out), str(first), str(second)]
    assert f"wrote {out} and its 2 附件: {first}, {second}" in err
    notice = yaml.safe_load(out.read_text("utf-8"))
    assert notice["attachments"] == [
        "shili-fujian1.yaml",  # the 附件说明 gives its title: no name needed
        {"file": "shili-fujian2.yaml", "name": "示例市教育局示例工作报名表"},
    ]
    # Its own 署名 and 成文日期, not its last 附件's; the 附件说明 is printed from them.
    assert notice["signature"] == {"issuer": "示例市教育局", "date": date(2024, 3, 5)}
    assert notice["intro"] == ["现将示例工作有关事项通知如下，请认真贯彻执行。"]
    plan = yaml.safe_load(first.read_text("utf-8"))
    assert (plan["kind"], plan["title"]) == ("方案", "示例工作方案")
    assert [s["heading"] for s in plan["sections"]] == ["工作目标", "工作安排"]
    form = load(second)
    assert (form.title, form.intro) == ("示例工作报名表", ["各区于3月20日前报送。"])
    # Built, the 通知 prints the file's text: the 附件说明, labels and 附件 as the source.
    docs = render(out, Options(("pdf", "docx")))[1]
    (tmp_path / "out.docx").write_bytes(docs["docx"])
    (tmp_path / "out.pdf").write_bytes(docs["pdf"])
    text = normalise(WITH_ATTACHMENTS.replace("示教〔2024〕3号\n", ""))
    assert normalise(docx_text(tmp_path / "out.docx")) == normalise("示教〔2024〕3号") + text
    assert normalise(pdf_body_text(tmp_path / "out.pdf")) == normalise("示教〔2024〕3号") + text


# 示例: a 印发 通知 and the two 规定 it issues, printed after it with no 附件 label and no
# 附件说明, as the State Council prints them (corpus: 国办发〔2018〕124号).
ISSUING = """\
示例市人民政府办公室关于印发两个示例规定的通知
各区人民政府：
《示例工作规定》和《示例管理规定》已经市政府同意，现印发给你们，请认真贯彻执行。
示例市人民政府办公室
2024年5月6日
（此件公开发布）
示例工作
规定
一、总则
（一）示例工作依本规定开展。
二、附则
（二）本规定自印发之日起施行。
示例管理规定
为加强示例管理，特制定以下规定：
一、管理
（一）示例管理由各区负责。
"""


def printed_words(content: Path, tmp_path: Path) -> str:
    """The words of a content file's PDF, as `normalise` compares them."""
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(render(content, Options(("pdf",)))[1]["pdf"])
    return normalise(pdf_body_text(pdf))


def test_the_documents_a_notice_issues_follow_it_unlabelled(tmp_path: Path) -> None:
    source = tmp_path / "yinfa.txt"
    source.write_text(ISSUING, encoding="utf-8")
    out = imported_yaml(tmp_path, source, "yinfa.yaml")
    notice = load(out)
    assert [(a.file, a.issued) for a in notice.attachments] == [
        ("yinfa-fujian1.yaml", True),
        ("yinfa-fujian2.yaml", True),
    ]
    assert (notice.signature.issuer, notice.note) == ("示例市人民政府办公室", "此件公开发布")
    first, second = load(tmp_path / "yinfa-fujian1.yaml"), load(tmp_path / "yinfa-fujian2.yaml")
    assert first.title == "示例工作规定"  # over two lines in the source
    # （一）（二） run on through the 一、 of a 规定, as the source numbers them.
    assert first.numbering.continuous == ["（一）"]
    # "为……，特制定以下规定：" leads into the text: it is no 主送.
    assert second.recipients is None
    assert second.intro == ["为加强示例管理，特制定以下规定："]
    assert printed_words(out, tmp_path) == normalise(ISSUING)


# 皖政〔2014〕25号 (安徽省人民政府, published at district.ce.cn/newarea/roll/201404/14/
# t20140414_2655694.shtml), the 通知 and the opening of the 规划 it issues, whose title
# runs over two lines and ends with its years, not with a 文种.
ISSUED_PLAN = """皖政〔2014〕25号
安徽省人民政府关于印发安徽省教育信息化
中长期发展规划（2013—2020年）的通知
各市、县人民政府，省政府各部门、各直属机构：
现将《安徽省教育信息化中长期发展规划（2013—2020年）》印发给你们，请遵照执行。
安徽省人民政府
2014年3月28日
安徽省教育信息化中长期发展
规划（2013—2020年）
为贯彻党的十八大和十八届三中全会精神，落实国家和省《中长期教育改革和发展规划纲要（2010—2020年）》、国务院《关于印发“宽带中国”战略及实施方案的通知》（国发〔2013〕31号）和《关于促进信息消费扩大内需的若干意见》（国发〔2013〕32号）、教育部《教育信息化十年发展规划（2011—2020年）》，推进信息技术与教育深度融合，以教育信息化带动教育现代化，制定本规划。
"""


def test_an_issued_title_the_notice_names_is_joined_over_its_lines(tmp_path: Path) -> None:
    source = tmp_path / "wanzheng.txt"
    source.write_text(ISSUED_PLAN, encoding="utf-8")
    out = imported_yaml(tmp_path, source, "wanzheng.yaml")
    notice = load(out)
    assert (
        notice.title == "安徽省人民政府关于印发安徽省教育信息化中长期发展规划（2013—2020年）的通知"
    )
    plan = load(tmp_path / "wanzheng-fujian1.yaml")
    assert plan.title == "安徽省教育信息化中长期发展规划（2013—2020年）"  # the name in 《》
    assert [p[:6] for p in plan.intro] == ["为贯彻党的十"]  # no line of its title left in it
    assert printed_words(out, tmp_path) == normalise(ISSUED_PLAN)


# 京政办发〔2016〕26号 (北京市人民政府办公厅), as a web copy (0798ci.com/policy/70942.html)
# gives it: the 工作要点 it issues follows the date with no title line of its own; its
# text up to the first （一）'s paragraph.
ISSUED_UNTITLED = """京政办发〔2016〕26号
北京市人民政府办公厅关于印发《北京市2016年政务公开工作要点》的通知
各区人民政府，市政府各委、办、局，各市属机构：
《北京市2016年政务公开工作要点》已经市政府同意，现印发给你们，请结合实际认真贯彻落实。
北京市人民政府办公厅
2016年5月28日
2016年是全面建成小康社会决胜阶段的开局之年，也是推进结构性改革的攻坚之年。今年政务公开工作的总体要求是：深入贯彻《中共中央办公厅国务院办公厅印发〈关于全面推进政务公开工作的意见〉的通知》（中办发〔2016〕8号）和《国务院办公厅关于印发2016年政务公开工作要点的通知》（国办发〔2016〕19号）精神，认真落实市第十四届人民代表大会第四次会议审议通过的《政府工作报告》有关要求，以完善政务公开内容和方式为核心，以面向基层、面向群众为重点，强化政务公开顶层设计和统筹协调，创新公开理念、方法、渠道，建立健全协调有力、工作运转顺畅的政务公开工作机制，在信息公开、政策解读、回应关切、公众参与等各环节实现新突破，助力深化改革、经济发展、民生改善和政府建设。
一、围绕深化改革推进公开
（一）进一步推进权力清单和责任清单公开
对权力清单进行动态调整，公布2016年版市政府部门权力清单。根据通用责任清单要求，进一步细化公开各部门行政职权运行各环节对应的责任事项。编制城市应急管理、环境保护、缓解交通拥堵等重点领域专项责任清单。指导各区政府建立健全权力清单和责任清单制度，并做好权力清单、责任清单编制和公开工作。
"""


def test_an_issued_document_without_its_title_line_is_titled_as_the_notice_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "beijing.txt"
    source.write_text(ISSUED_UNTITLED, encoding="utf-8")
    out = imported_yaml(tmp_path, source, "beijing.yaml")
    assert "beijing.txt:7:1: warning: no title line" in capsys.readouterr().err
    notice = load(out)
    assert (notice.signature.issuer, notice.signature.date) == (
        "北京市人民政府办公厅",
        date(2016, 5, 28),
    )
    assert notice.intro == [
        "《北京市2016年政务公开工作要点》已经市政府同意，现印发给你们，请结合实际认真贯彻落实。"
    ]
    plan = load(tmp_path / "beijing-fujian1.yaml")
    assert (plan.kind, plan.title) == ("工作要点", "北京市2016年政务公开工作要点")
    assert [s.heading for s in plan.sections] == ["围绕深化改革推进公开"]
    # Printed, it has the title the source names but does not print above it.
    assert printed_words(out, tmp_path) == normalise(
        ISSUED_UNTITLED.replace("2016年5月28日\n", "2016年5月28日\n北京市2016年政务公开工作要点\n")
    )


def test_an_attachment_note_of_an_issued_document_is_its_own(tmp_path: Path) -> None:
    """示例: the 规定 a 通知 issues lists a 附件 of its own: that 附件说明 is the 规定's
    text, and the 通知 is cut after its own 署名 all the same."""
    text = ISSUING.replace(
        "（一）示例管理由各区负责。\n", "（一）示例管理由各区负责。\n附件：示例登记表\n"
    )
    source = tmp_path / "yinfa.txt"
    source.write_text(text, encoding="utf-8")
    out = imported_yaml(tmp_path, source, "yinfa.yaml")
    assert [a.issued for a in load(out).attachments] == [True, True]
    second = yaml.safe_load((tmp_path / "yinfa-fujian2.yaml").read_text("utf-8"))
    assert second["sections"][0]["sections"][0]["body"][-1] == "附件：示例登记表"


@pytest.mark.parametrize("label", ["附件二", "附件2：", "附 件 2"])
def test_a_label_written_otherwise_begins_an_attachment(label: str, tmp_path: Path) -> None:
    source = tmp_path / "tongzhi.txt"
    source.write_text(WITH_ATTACHMENTS.replace("附件2\n", f"{label}\n"), encoding="utf-8")
    imported_yaml(tmp_path, source, "shili.yaml")
    assert load(tmp_path / "shili-fujian2.yaml").title == "示例工作报名表"


def test_attachments_without_out_are_printed_after_the_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "tongzhi.txt"
    source.write_text(WITH_ATTACHMENTS, encoding="utf-8")
    code, out, err = run(capsys, "import", str(source))
    assert code == 0
    documents = list(yaml.safe_load_all(out))
    assert [d["title"] for d in documents] == [
        "示例市教育局关于开展示例工作的通知",
        "示例工作方案",
        "示例工作报名表",
    ]
    assert "# tongzhi-fujian1.yaml" in out
    assert "2 附件 printed after the document" in err


def test_an_attachment_file_that_exists_keeps_every_file_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "tongzhi.txt"
    source.write_text(WITH_ATTACHMENTS, encoding="utf-8")
    (tmp_path / "shili-fujian2.yaml").write_text("# mine\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(source), "--out", str(tmp_path / "shili.yaml"))
    assert code == 2
    assert "shili-fujian2.yaml exists: not overwritten" in err and "Traceback" not in err
    assert not (tmp_path / "shili.yaml").exists() and not (tmp_path / "shili-fujian1.yaml").exists()
    assert (tmp_path / "shili-fujian2.yaml").read_text("utf-8") == "# mine\n"
    code, _, _ = run(
        capsys, "import", str(source), "--out", str(tmp_path / "shili.yaml"), "--force"
    )
    assert code == 0 and load(tmp_path / "shili-fujian2.yaml").title == "示例工作报名表"


def test_a_plan_keeps_what_follows_it_as_its_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 工作要点 carries no 附件 (a 通知 carries it): a labelled text after it stays its
    own text, and the import says so."""
    source = tmp_path / "plan.txt"
    source.write_text(
        "2020年示例工作要点\n一、任务\n推进示例工作。\n附件1\n示例任务表\n各单位填报。\n", "utf-8"
    )
    code, out, err = run(capsys, "import", str(source))
    assert code == 0 and "---" not in out
    assert yaml.safe_load(out)["sections"][0]["body"] == [
        "推进示例工作。",
        "附件1",
        "示例任务表",
        "各单位填报。",
    ]
    assert f"{source}:4:1: warning: a 工作要点 carries no 附件" in err


def test_a_notice_without_attachments_after_it_keeps_its_attachment_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """附件 published apart (only the 通知 is in the file): the file is one document, its
    附件说明's names are attachments without a file (listed, not printed), said at the
    line; built, the 附件说明 prints as the source has it and no 附件 page follows."""
    source = tmp_path / "alone.txt"
    text = WITH_ATTACHMENTS.split("附件1\n")[0]
    source.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "import", str(source), "--out", str(tmp_path / "alone.yaml"))
    assert code == 0
    assert "whose text is not in the file" in err
    data = yaml.safe_load((tmp_path / "alone.yaml").read_text("utf-8"))
    assert [set(entry) for entry in data["attachments"]] == [{"name"}] * 2
    assert data["signature"]["issuer"] == "示例市教育局"
    assert main(["build", str(tmp_path / "alone.yaml"), "--out", str(tmp_path / "out")]) == 0
    [pdf] = (tmp_path / "out").glob("*.pdf")
    with pdfplumber.open(pdf) as printed:
        pages = [normalise(page.extract_text()) for page in printed.pages]
    number = "示教〔2024〕3号"  # under the title in the source, above it in the 版头
    printed = re.sub(r"—\d+—", "", "".join(pages)).replace(number, "")
    assert printed == normalise(text.replace(number, ""))


@pytest.mark.parametrize("written", ["2020.4.23", "2020-4-23", "2020/04/23", "2020．4．23"])
def test_a_date_written_with_dots_dashes_or_slashes_is_the_date(
    written: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """示例 school notice: its 成文日期 read as a date, and printed as GB/T 9704 §7.3.5
    writes it; import says so at the line."""
    source = tmp_path / "tongzhi.txt"
    source.write_text(f"示例活动通知\n请各班按时参加。\n示例小学\n{written}\n", encoding="utf-8")
    out = tmp_path / "tongzhi.yaml"
    code, _, err = run(capsys, "import", str(source), "--out", str(out))
    assert code == 0
    doc = load(out)
    assert doc.signature.issuer == "示例小学" and doc.signature.date == date(2020, 4, 23)
    assert f"{source}:4:1: warning: 成文日期 {written} read as 2020-04-23" in err
    docx_bytes = render(out, Options(("docx",)))[1]["docx"]
    (tmp_path / "out.docx").write_bytes(docx_bytes)
    assert docx_text(tmp_path / "out.docx").splitlines()[-2:] == ["示例小学", "2020年4月23日"]


@pytest.mark.parametrize("written", ["2020.2.30", "2020.4-23", "20.4.23"])
def test_what_is_no_date_stays_text(written: str, tmp_path: Path) -> None:
    source = tmp_path / "tongzhi.txt"
    source.write_text(f"示例活动通知\n请各班按时参加。\n示例小学\n{written}\n", encoding="utf-8")
    data = yaml.safe_load(imported_yaml(tmp_path, source).read_text("utf-8"))
    assert "signature" not in data
    assert data["intro"][-1] == written


@pytest.mark.parametrize(
    ("ending", "kind"),
    [
        ("意見", "意见"),
        ("決定", "决定"),
        ("報告", "报告"),
        ("請示", "请示"),
        ("通報", "通报"),
        ("批覆", "批复"),
        ("批復", "批复"),
        ("答覆", "函"),
    ],
)
def test_a_title_in_traditional_characters_names_its_kind(
    ending: str, kind: str, tmp_path: Path
) -> None:
    """示例 titles as older or Hong Kong and Taiwan copies print them: the 文种 read as
    its simplified form; the title is kept as written."""
    title = f"示例省人民政府關於示例工作的{ending}"
    source = tmp_path / "t.txt"
    source.write_text(
        f"示例省人民政府關於\n示例工作的{ending}\n示例市人民政府：\n正文。\n", "utf-8"
    )
    data = yaml.safe_load(imported_yaml(tmp_path, source).read_text("utf-8"))
    assert (data["kind"], data["title"]) == (kind, title)
    assert data["recipients"] == "示例市人民政府"


@pytest.mark.parametrize(
    ("written", "read"),
    [("皖政[2001]85號", "皖政〔2001〕85号"), ("(国发[2001]5号)", "国发〔2001〕5号")],
)
def test_a_document_number_written_before_2012_is_read_as_one(
    written: str, read: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "t.txt"
    source.write_text(f"示例省人民政府关于示例工作的通知\n{written}\n各市：\n正文。\n", "utf-8")
    out = tmp_path / "t.yaml"
    code, _, err = run(capsys, "import", str(source), "--out", str(out))
    assert code == 0
    doc = load(out)
    assert (doc.header.doc_number, doc.year) == (read, 2001)
    assert doc.title == "示例省人民政府关于示例工作的通知" and doc.recipients == "各市"
    assert f"{source}:2:1: warning: 发文字号 {written} read as {read}" in err


def test_a_short_numbered_sentence_with_nothing_under_it_is_a_numbered_paragraph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """示例: 1.加强组织领导。 as a whole paragraph, （二）严格考核。 right before （三）: each a
    numbered paragraph (run_in, no heading), its units split off; a heading with text
    or subheadings under it, or without a sentence's end, stays a heading."""
    source = tmp_path / "p.txt"
    source.write_text(
        "2020年示例工作要点\n一、组织保障\n1.加强组织领导。（责任单位：办公室）\n2.完善制度\n"
        "二、考核评价\n（一）严格考核。\n（二）强化督查。\n1.每季度督查一次。\n（三）加强宣传。\n"
        "宣传先进经验。\n",
        encoding="utf-8",
    )
    out = tmp_path / "p.yaml"
    code, _, err = run(capsys, "import", str(source), "--out", str(out))
    assert code == 0 and "warning" not in err, err
    data = yaml.safe_load(out.read_text("utf-8"))
    first, second = data["sections"]
    assert first["sections"] == [
        {"run_in": True, "body": [{"text": "加强组织领导。", "units": ["办公室"]}]},
        {"heading": "完善制度"},  # no sentence: a heading, for docgen check to call empty
    ]
    assert second["sections"][0] == {"run_in": True, "body": ["严格考核。"]}
    assert second["sections"][1]["heading"] == "强化督查。"  # 1. under it
    assert second["sections"][2] == {"heading": "加强宣传。", "body": ["宣传先进经验。"]}
    printed = [b.lead if isinstance(b, Heading) else b.text for b in resolve(load(out)).flat()]
    assert printed[1:4] == ["1.", "加强组织领导。（责任单位：办公室）", "2.完善制度"]


HEADED = """\
000123
机密★5年
加急
示例县教育局文件
示教发〔2019〕7号
示例县教育局
关于做好2019年秋季开学工作的通知
各中小学：
示例：请做好开学准备工作。
示例县教育局
2019年8月20日
（此件不公开）
抄送：示例县人民政府办公室，示例市教育局。
示例县教育局办公室 2019年8月21日印发
"""


def test_a_header_above_the_title_and_a_record_at_the_end_are_their_fields(
    tmp_path: Path,
) -> None:
    """版头 lines (份号, 密级, 紧急程度, 发文机关标志, 发文字号 with 签发人) above a title
    over two lines, and the 版记 at the end, import as header and record, not as
    title or text; built, the document prints each once, in its place."""
    source = tmp_path / "headed.txt"
    source.write_text(HEADED, encoding="utf-8")
    done = import_file(source)
    assert done.warnings == []
    data = done.data
    assert data["title"] == "示例县教育局关于做好2019年秋季开学工作的通知"
    assert data["header"] == {
        "copy_number": "000123",
        "secrecy": "机密★5年",
        "urgency": "加急",
        "issuer_mark": "示例县教育局文件",
        "doc_number": "示教发〔2019〕7号",
    }
    assert data["recipients"] == "各中小学"
    assert data["intro"] == ["示例：请做好开学准备工作。"]
    assert data["signature"] == {"issuer": "示例县教育局", "date": date(2019, 8, 20)}
    assert data["note"] == "此件不公开"
    assert data["record"] == {
        "cc": ["示例县人民政府办公室", "示例市教育局"],
        "printer": "示例县教育局办公室",
        "printed": date(2019, 8, 21),
    }
    path = tmp_path / "headed.yaml"
    path.write_text(dump(done.data, done.comments, done.header), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(path), "--out", str(out), "--names", "file"]) == 0
    with pdfplumber.open(out / "headed.pdf") as pdf:
        printed = normalise("".join(page.extract_text() for page in pdf.pages))
    assert re.sub(r"—\d+—", "", printed) == normalise(HEADED)  # each in its place, once


def test_a_signer_beside_the_number_and_a_number_without_a_mark(tmp_path: Path) -> None:
    source = tmp_path / "up.txt"
    source.write_text(
        "示教〔2020〕3号　　签发人：示例名\n示例局关于示例事项的请示\n示例市人民政府：\n"
        "示例：妥否，请批示。\n示例局\n2020年5月6日\n",
        encoding="utf-8",
    )
    data = import_file(source).data
    assert data["kind"] == "请示"
    assert data["header"] == {"doc_number": "示教〔2020〕3号", "signer": "示例名"}
    assert data["title"] == "示例局关于示例事项的请示"


def test_the_years_of_a_range_in_a_title_are_not_the_documents_year(tmp_path: Path) -> None:
    """关于《…规划（2021-2035年）》的决议 is not a document of 2035: with no 发文字号 or
    date, the year is its 题注's (2023), which is read as the 题注."""
    source = tmp_path / "jueyi.txt"
    source.write_text(
        "示例县人大常委会关于《示例县国土空间总体规划（2021-2035年）》的决议\n"
        "（2023年5月10日示例县人大常委会第九次会议通过）\n示例：会议原则同意《规划》。\n",
        encoding="utf-8",
    )
    done = import_file(source)
    assert done.data["year"] == 2023
    assert done.data["subtitle"] == "（2023年5月10日示例县人大常委会第九次会议通过）"
    assert done.data["intro"] == ["示例：会议原则同意《规划》。"]


# Texts a review found misread (each imports to content that builds).
MISREAD = {
    "attendance in a 通知 stays in its section": (
        "关于召开示例会议的通知\n各区教育局：\n现将有关事项通知如下：\n一、参会人员\n"
        "出席：各区教育局局长。\n列席：各区教育局办公室主任。\n示例市教育局\n2024年3月1日\n",
        lambda d: (
            "attendance" not in d
            and d["sections"][0]["body"]
            == ["出席：各区教育局局长。", "列席：各区教育局办公室主任。"]
        ),
    ),
    "a heading under a 题注 is a heading": (
        "2024年政府工作报告\n——在示例市第十六届人民代表大会第三次会议上\n"
        "一、2023年工作回顾\n过去一年，我们坚持稳中求进。\n二、2024年主要任务\n今年要抓好。\n",
        lambda d: (
            d["subtitle"] == "——在示例市第十六届人民代表大会第三次会议上"
            and d["year"] == 2024
            and [s["heading"] for s in d["sections"]] == ["2023年工作回顾", "2024年主要任务"]
        ),
    ),
    "a mark with 机关 in it": (
        "示例市机关事务管理局文件\n示机管发〔2024〕3号\n示例市机关事务管理局关于节能的通知\n"
        "各科室：\n示例：请贯彻执行。\n示例市机关事务管理局\n2024年3月1日\n",
        lambda d: (
            d["header"]["issuer_mark"] == "示例市机关事务管理局文件"
            and d["title"] == "示例市机关事务管理局关于节能的通知"
        ),
    ),
    "a 发文字号 above a plan stays text": (
        "示教〔2024〕1号\n示例市教育局2024年工作要点\n一、加强党建\n推进党建工作。\n",
        lambda d: "header" not in d and d["intro"] == ["示教〔2024〕1号"],
    ),
    "a 印发 line under a plan stays text": (
        "示例市教育局2024年工作要点\n一、加强党建\n推进党建工作。\n"
        "示例市教育局办公室 2024年1月5日印发\n",
        lambda d: (
            "record" not in d
            and d["sections"][0]["body"][-1] == "示例市教育局办公室 2024年1月5日印发"
        ),
    ),
    "a 印发 date that is no date": (
        "示例市教育局关于示例的通知\n各区教育局：\n示例：请执行。\n示例市教育局\n2024年3月1日\n"
        "示例市教育局办公室 2024年2月30日印发\n",
        lambda d: "record" not in d,
    ),
    "a 函's 签发人 is not kept": (
        "示例县人民政府\n示政函〔2024〕5号    签发人：张三\n示例县人民政府关于申请资金的函\n"
        "示例市财政局：\n示例：请予支持。\n示例县人民政府\n2024年3月1日\n",
        lambda d: (
            d["header"] == {"issuer_mark": "示例县人民政府", "doc_number": "示政函〔2024〕5号"}
        ),
    ),
    "a 抄送 over two lines": (
        "示例市教育局关于示例的通知\n各区教育局：\n示例：请执行。\n示例市教育局\n2024年3月1日\n"
        "抄送：市委办公室，市人大常委会办公室，\n市政协办公室。\n"
        "示例市教育局办公室 2024年3月2日印发\n",
        lambda d: (
            d["record"]["cc"] == ["市委办公室", "市人大常委会办公室", "市政协办公室"]
            and d["signature"]["issuer"] == "示例市教育局"
        ),
    ),
}


@pytest.mark.parametrize("case", sorted(MISREAD))
def test_texts_once_misread(case: str, tmp_path: Path) -> None:
    text, check = MISREAD[case]
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    data = imported(tmp_path, tmp_path / "t.txt", "t.yaml")
    assert check(data), data
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "t.yaml"), "--out", str(out), "--format", "pdf"]) == 0


def test_docgen_letters_and_minutes_with_their_whole_head_import_back(tmp_path: Path) -> None:
    """A 函 with 份号, 密级 and 紧急程度 (份号 and 发文字号 share a line) and a 纪要 (mark
    and 期号) come back from docgen's DOCX with their header."""
    for stem, header in (
        (
            "han",
            {
                "copy_number": "000123",
                "secrecy": "机密★5年",
                "urgency": "特急",
                "issuer_mark": "示例市教育局",
                "doc_number": "示教函〔2026〕5号",
            },
        ),
        ("jiyao", {"issuer_mark": "示例市教育局局长办公会议纪要", "issue": "第3期"}),
    ):
        source = tmp_path / f"{stem}.yaml"
        data = yaml.safe_load((CONTENT / "examples" / f"{stem}.yaml").read_text("utf-8"))
        data["header"] = header
        source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        assert main(["build", str(source), "--out", str(tmp_path), "--names", "file"]) == 0
        back = imported(tmp_path, tmp_path / f"{stem}.docx", f"{stem}-back.yaml")
        assert back["header"] == header
        assert back["title"] == data["title"]


def test_a_first_page_header_is_a_mark_only_above_a_document_number(tmp_path: Path) -> None:
    """Word's own first-page header text (内部资料) is not glued onto the title."""
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "内部资料 注意保存"
    for text in ("示例市教育局关于示例的通知", "各区教育局：", "示例：请执行。"):
        document.add_paragraph(text)
    document.save(str(tmp_path / "t.docx"))
    data = import_file(tmp_path / "t.docx").data
    assert data["title"] == "示例市教育局关于示例的通知"


def test_a_plan_published_alone_keeps_its_signature_and_date(tmp_path: Path) -> None:
    """A 工作要点 put on a website as it stands ends with its office's 署名 and 成文日期
    (as tests/corpus/2018-center-tiyu-gongzuoyaodian-zhiyuan.txt does): they import as
    its signature and print below its text on the right, not as two paragraphs."""
    out, data = imported_text(
        tmp_path,
        "示例市教育局2027年工作要点\n示例前言。\n一、示例重点任务\n示例正文。\n"
        "示例市教育局\n2027年1月5日\n",
    )
    assert data["kind"] == "工作要点"
    assert data["signature"] == {"issuer": "示例市教育局", "date": date(2027, 1, 5)}
    assert data["sections"][0]["body"] == ["示例正文。"]
    assert main(["build", str(out), "--out", str(tmp_path), "--names", "file"]) == 0
    with pdfplumber.open(tmp_path / "imported.pdf") as pdf:
        words = pdf.pages[-1].extract_words()
    issuer, day = (
        next(w for w in words if w["text"] == t) for t in ("示例市教育局", "2027年1月5日")
    )
    middle = pdf.pages[-1].width / 2
    assert middle < issuer["x0"] and middle < day["x0"] and issuer["bottom"] < day["top"]


# A 办法 as they are printed: chapters, articles numbered on through them, items.
_MEASURES = """示例市教育局示例管理办法
第一章 总则
第一条 为规范示例管理，制定本办法。
第二条 本办法适用于本市示例学校。
第二章 管理
第三条 示例学校应当做好下列工作：
（一）示例工作一；
（二）示例工作二。
第四条 本办法自印发之日起施行。
"""


def test_chapters_and_articles_number_as_a_measures_prints_them(tmp_path: Path) -> None:
    """第一章 centred, 第一条 leading its article's paragraph and numbered on through the
    chapters, （一） items under an article: imported as structure, printed as the
    source, and read back from the DOCX to the same content."""
    out, data = imported_text(tmp_path, _MEASURES, "banfa")
    assert data["kind"] == "办法"
    assert data["numbering"] == {"levels": ["第一章", "第一条", "（一）"], "continuous": ["第一条"]}
    chapters = data["sections"]
    assert [c["heading"] for c in chapters] == ["总则", "管理"]
    third = chapters[1]["sections"][0]
    assert third["run_in"] and third["body"] == ["示例学校应当做好下列工作："]
    assert [s["body"] for s in third["sections"]] == [["示例工作一；"], ["示例工作二。"]]
    assert main(["build", str(out), "--out", str(tmp_path), "--names", "file"]) == 0
    with pdfplumber.open(tmp_path / "banfa.pdf") as pdf:
        page = pdf.pages[0]
        lines = page.extract_text_lines()
    texts = [line["text"] for line in lines[:-1]]  # the page number below them
    assert normalise("".join(texts)) == normalise(_MEASURES)  # the source's words and numbers
    document = docx.Document(str(tmp_path / "banfa.docx"))
    paragraphs = {p.text: p for p in document.paragraphs}
    assert "第四条\u3000本办法自印发之日起施行。" in paragraphs  # a full-width space after it
    chapter_style = paragraphs["第二章\u3000管理"].style
    assert chapter_style.name == "章标题"  # in Word's navigation pane, as Heading 1 is
    assert chapter_style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"
    chapter = next(line for line in lines if line["text"].startswith("第二章"))
    middle = (chapter["x0"] + chapter["x1"]) / 2
    assert abs(middle - page.width * (28 + 156 / 2) / 210) < 1  # centred on the 版心
    again = imported_yaml(tmp_path, tmp_path / "banfa.docx", "again.yaml")
    assert yaml.safe_load(again.read_text("utf-8")) == data


def test_a_lesson_is_no_section_without_chapters(tmp_path: Path) -> None:
    """第一节 is a 规划's section only under a 第一章: in a school's notice, 第一节课 is text."""
    _, data = imported_text(
        tmp_path,
        "示例小学关于调整作息时间的通知\n各班级：\n第一节课8:00开始，第二节课8:50开始。\n"
        "示例小学\n2026年9月1日\n",
    )
    assert "sections" not in data
    assert data["intro"] == ["第一节课8:00开始，第二节课8:50开始。"]


# A 规划 as they are printed: a 序言, chapters, sections, then 一、 under a chapter.
_PLAN = """示例市教育信息化发展规划（2021—2025年）
序　言
示例序言正文。
第一章 发展基础
第一节 主要成就
示例正文一。
第二节 面临形势
示例正文二。
第二章 总体要求
一、指导思想
示例正文三。
二、基本原则
示例正文四。
结束语
示例结束语正文。
"""


def test_a_plan_in_chapters_keeps_its_preface_unnumbered(tmp_path: Path) -> None:
    """序言 and 结束语 are headings that take no number (第一章 is the first chapter after
    the 序言), set as the chapters are; 第一节 under 第一章, 一、 under 第二章 (its own
    levels); the kind 规划, not hidden by the years in its title."""
    out, data = imported_text(tmp_path, _PLAN, "guihua")
    assert data["kind"] == "规划" and "year" not in data
    assert data["numbering"] == {"levels": ["第一章", "第一节"]}
    parts = data["sections"]
    assert [(p["heading"], p.get("numbered", True)) for p in parts] == [
        ("序言", False),
        ("发展基础", True),
        ("总体要求", True),
        ("结束语", False),
    ]
    assert parts[2]["levels"] == ["一、"]
    assert main(["build", str(out), "--out", str(tmp_path), "--names", "file"]) == 0
    with pdfplumber.open(tmp_path / "guihua.pdf") as pdf:
        page = pdf.pages[0]
        lines = page.extract_text_lines()
    assert normalise("".join(line["text"] for line in lines[:-1])) == normalise(_PLAN)
    preface = next(line for line in lines if line["text"] == "序言")
    assert abs((preface["x0"] + preface["x1"]) / 2 - page.width * (28 + 78) / 210) < 1
    # The PDF's outline and Word's navigation pane follow the depth: 一、 under 第二章.
    with pdfplumber.open(tmp_path / "guihua.pdf") as pdf:
        outline = [(level, title) for level, title, *_ in pdf.doc.get_outlines()]
    assert outline[5:8] == [(2, "第二章\u3000总体要求"), (3, "一、指导思想"), (3, "二、基本原则")]
    guide = next(
        p
        for p in docx.Document(str(tmp_path / "guihua.docx")).paragraphs
        if p.text == "一、指导思想"
    )
    assert guide._p.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "1"
    again = imported_yaml(tmp_path, tmp_path / "guihua.docx", "again.yaml")
    assert yaml.safe_load(again.read_text("utf-8")) == data


def test_an_articles_caption_is_its_heading(tmp_path: Path) -> None:
    """第一条（目的依据） on a line of its own, its text below (as 上海's 规定 print them,
    tests/corpus/2022-province-hujiaoxinggui-3-…): the caption is the article's heading,
    the text its body; on the same line, the text runs on after the caption."""
    _, data = imported_text(
        tmp_path,
        "示例规定\n第一条（目的依据）\n为规范示例工作，制定本规定。\n"
        "第二条（施行日期）本规定自印发之日起施行。\n",
    )
    assert data["numbering"] == {"levels": ["第一条"]}
    assert data["sections"] == [
        {"heading": "（目的依据）", "body": ["为规范示例工作，制定本规定。"]},
        {"heading": "（施行日期）", "run_in": True, "body": ["本规定自印发之日起施行。"]},
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 第N条 under a 一、 of a 通知 is a sentence, not an article
        (
            "示例市教育局关于做好示例工作的通知\n各学校：\n一、提高认识\n"
            "第一条主线是立德树人，必须贯穿始终。\n第二条要求是安全第一。\n二、工作要求\n"
            "第三节课后开展课后服务。\n",
            [
                {
                    "heading": "提高认识",
                    "body": ["第一条主线是立德树人，必须贯穿始终。", "第二条要求是安全第一。"],
                },
                {"heading": "工作要求", "body": ["第三节课后开展课后服务。"]},
            ],
        ),
        # a 结束语's items stay under it, numbered as written
        (
            "2026年示例工作进展情况\n一、示例工作\n示例正文。\n结束语\n下一步重点做好：\n"
            "1.加强师资队伍建设。\n2.推进学校建设。\n",
            [
                {"heading": "示例工作", "body": ["示例正文。"]},
                {
                    "heading": "结束语",
                    "numbered": False,
                    "levels": ["1."],
                    "body": ["下一步重点做好："],
                    "sections": [
                        {"run_in": True, "body": ["加强师资队伍建设。"]},
                        {"run_in": True, "body": ["推进学校建设。"]},
                    ],
                },
            ],
        ),
    ],
)
def test_what_only_looks_like_chapters_and_articles_keeps_its_place(
    text: str, expected: list, tmp_path: Path
) -> None:
    out, data = imported_text(tmp_path, text)
    assert data["sections"] == expected
    assert main(["build", str(out), "--out", str(tmp_path), "--names", "file"]) == 0
    again = imported_yaml(tmp_path, tmp_path / "imported.docx", "again.yaml")
    assert yaml.safe_load(again.read_text("utf-8")) == data  # a Heading 1 结束语 too


def test_a_chapter_numbered_out_of_turn_is_said_and_a_regulation_may_be_six_deep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """第三章 after 第一章: a warning at the line (not an internal error); 章 节 条 （一） 1.
    builds; a plan published alone may keep its 附注."""
    _, data = imported_text(
        tmp_path,
        "示例管理办法\n第一章　总则\n第一条　示例。\n第三章　附则\n第二条　示例施行。\n",
        "skip",
    )
    assert "numbered 3 but it is number 2 here: docgen prints 第二章" in capsys.readouterr().err
    deep, _ = imported_text(
        tmp_path,
        "示例条例\n第一章 总则\n第一节 一般规定\n第一条 本条例所称设施包括：\n"
        "（一）道路，包括：\n1.主干道；\n2.次干道。\n（二）桥梁。\n",
        "deep",
    )
    noted, data = imported_text(
        tmp_path,
        "示例区教育局2024年工作要点\n一、示例任务\n示例正文。\n示例区教育局\n2024年1月5日\n"
        "（此件公开发布）\n",
        "noted",
    )
    assert data["note"] == "此件公开发布"
    assert main(["build", str(deep), str(noted), "--out", str(tmp_path), "--names", "file"]) == 0


def test_a_speech_keeps_its_date_under_its_title(tmp_path: Path) -> None:
    """A 讲话 printed with its date alone under its title, （2023年12月18日）: its 题注
    (not a paragraph), its kind, its year; 同志们： its 称谓, printed flush left as a 主送
    is; read back from its DOCX the same."""
    out, data = imported_text(
        tmp_path, "在示例工作会议上的讲话\n（2023年12月18日）\n同志们：\n示例正文。\n", "jianghua"
    )
    assert (data["kind"], data["year"], data["subtitle"]) == ("讲话", 2023, "（2023年12月18日）")
    assert (data["recipients"], data["intro"]) == ("同志们", ["示例正文。"])
    assert main(["build", str(out), "--out", str(tmp_path), "--names", "file"]) == 0
    again = imported_yaml(tmp_path, tmp_path / "jianghua.docx", "again.yaml")
    assert yaml.safe_load(again.read_text("utf-8")) == data


def test_a_note_name_a_web_copy_broke_over_two_lines_is_one_name(tmp_path: Path) -> None:
    """附件：… where the copy keeps the page's wrap (…事故统计 / 月报, the last item's rest
    above the 署名; tests/corpus/2024-province-hujiaoan-…): one name each, and neither
    rest a heading or paragraph of the text; a 署名 after the last item stays the 署名."""
    _, data = imported_text(
        tmp_path,
        "示例市教育局关于报送示例材料的通知\n各学校：\n请按附件报送。\n"
        "附件：1．示例统计\n月报\n2．示例制度汇编（电子\n版）\n3．示例名单\n示例市教育局\n2026年3月1日\n",
    )
    assert [a["name"] for a in data["attachments"]] == [
        "示例统计月报",
        "示例制度汇编（电子版）",
        "示例名单",
    ]
    assert data["intro"] == ["请按附件报送。"]
    assert data["signature"]["issuer"] == "示例市教育局"

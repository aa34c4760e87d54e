"""End to end: the 2016 content, built, reads exactly as the seed documents."""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import docx
import pdfplumber
import pytest

from docgen import spec
from tests.conftest import ROOT, SEED_OF, SEEDS, normalise
from tests.pdfpage import is_turned

STEMS = sorted(SEED_OF)


def before_appendix(text: str) -> str:
    """The document's own text: a computed 附表 (the 对照表) follows the seed's end."""
    return text.split("\n附表\n", 1)[0]


def pdf_body_text(path: Path) -> str:
    """The text inside the 版心 of every page: page numbers stand outside it. A 附表 set
    landscape (its pages turned) is not the seed's."""
    top, bottom = spec.MARGIN_TOP.pt - 6, (spec.MARGIN_TOP + spec.TEXT_HEIGHT).pt + 6
    with pdfplumber.open(path) as pdf:
        return before_appendix(
            "\n".join(
                page.crop((0, top, page.width, bottom)).extract_text()
                for page in pdf.pages
                if not is_turned(page)
            )
        )


def docx_text(path: Path) -> str:
    return before_appendix("\n".join(p.text for p in docx.Document(str(path)).paragraphs))


def seed(stem: str) -> str:
    """The seed's text, with what docgen adds by GB/T 9704 for a 通知 that carries a
    附件: the 附件说明 under its text and the 附件 label over the attachment."""
    text = (SEEDS / SEED_OF[stem]).read_text(encoding="utf-8")
    if stem == "tongzhi":
        title = "2016年教育信息化工作要点"
        text = text.replace(f"\n{title}\n", f"\n附件：{title}\n附件\n{title}\n", 1)
    return text


def test_seed_copies_match_the_shared_originals() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("no ../shared/seeds beside this checkout")
    for name in SEED_OF.values():
        assert filecmp.cmp(SEEDS / name, shared / name, shallow=False), name


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_text_is_the_seed(built: Path, stem: str) -> None:
    assert normalise(pdf_body_text(built / f"{stem}.pdf")) == normalise(seed(stem))


@pytest.mark.parametrize("stem", STEMS)
def test_docx_text_is_the_seed(built: Path, stem: str) -> None:
    assert normalise(docx_text(built / f"{stem}.docx")) == normalise(seed(stem))


@pytest.mark.parametrize("stem", STEMS)
def test_libreoffice_reads_the_docx_as_the_seed(libreoffice_pdfs: Path, stem: str) -> None:
    assert normalise(pdf_body_text(libreoffice_pdfs / f"{stem}.pdf")) == normalise(seed(stem))


def test_rendered_punctuation_is_full_width(built: Path) -> None:
    text = docx_text(built / "gongzuoyaodian.docx")
    assert "（责任单位：科技司、财务司、督导办、规划司）" in text
    assert "(" not in text and "," not in text and ":" not in text


def test_headings_carry_computed_numbers_in_seed_order(built: Path) -> None:
    paragraphs = docx.Document(str(built / "gongzuoyaodian.docx")).paragraphs
    heads = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    assert heads == [
        ("Heading 1", "一、工作思路"),
        ("Heading 1", "二、核心目标"),
        ("Heading 1", "三、重点任务"),
        ("Heading 2", "（一）加强教育信息化统筹部署。"),
        ("Heading 3", "1.做好教育信息化统筹规划与指导。"),
        ("Heading 2", "（二）推进教育信息化基础支撑能力建设。"),
        ("Heading 3", "2.加快推进中小学“宽带网络校校通”。"),
        ("Heading 2", "（三）丰富数字教育资源，推进信息化教学应用。"),
        ("Heading 3", "3.全面推进基础教育信息化教学模式普及，扩大优质教育资源覆盖面。"),
        ("Heading 3", "4.大力推进职业教育优质数字教育资源开发与应用。"),
        ("Heading 3", "5.加强高等教育优质数字教育资源开发与应用。"),
    ]


NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、是]|（[一二三四五六七八九十]+）|\d+\.)")


def test_content_types_no_numbers() -> None:
    """Numbers are computed: the YAML holds no 一、 （一） 1. or 一是 of its own."""
    for path in (ROOT / "content").rglob("*.yaml"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            value = line.split(":", 1)[-1].strip().lstrip("- ").strip('"')
            assert not NUMBERED.match(value), f"{path.name}:{n}: {line.strip()}"

"""docgen preview: the PDF's pages in a browser, reloaded as the YAML is saved.

The end-to-end test runs `docgen preview` as a user does and drives Debian's chromium
with Playwright: load the page, edit the YAML, see the change; break the YAML, see the
error with its line; fix it, see the document again.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import lxml.html
import pdfplumber
import pytest

from docgen import spec
from docgen.authoring.preview import Preview
from docgen.build import resolve_file
from docgen.content.load import load
from docgen.render.pages import paginate
from docgen.resolve import resolve
from tests.conftest import CONTENT, ROOT, normalise

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

DOC = """\
kind: 工作要点
year: 2017
title: 2017年示例工作要点
sections:
  - heading: 工作思路
    body:
      - {text}
"""


def pdf_pages(path: Path) -> list[Counter[str]]:
    """The characters inside the 版心 of each PDF page (page numbers stand outside)."""
    top, bottom = spec.MARGIN_TOP.pt - 6, (spec.MARGIN_TOP + spec.TEXT_HEIGHT).pt + 6
    with pdfplumber.open(path) as pdf:
        return [
            Counter(normalise(page.crop((0, top, page.width, bottom)).extract_text()))
            for page in pdf.pages
        ]


@pytest.mark.parametrize("stem", ["gongzuoyaodian", "jinzhanqingkuang", "tongzhi"])
def test_the_preview_has_the_pdfs_pages(built: Path, stem: str) -> None:
    """Page for page, the preview holds the characters the PDF's page holds (a 通知 with
    its 附件 too)."""
    source = CONTENT / "2016" / f"{stem}.yaml"
    pages = paginate(resolve_file(source), source.parent).pages
    shown = [Counter(normalise(lxml.html.fragment_fromstring(p).text_content())) for p in pages]
    printed = pdf_pages(built / f"{stem}.pdf")
    assert len(shown) == len(printed)
    for number, (ours, theirs) in enumerate(zip(shown, printed, strict=True), 1):
        assert ours == theirs, f"page {number}: {ours - theirs} / {theirs - ours}"


def test_a_paragraph_split_by_a_page_break_continues_without_indent() -> None:
    source = CONTENT / "2016" / "gongzuoyaodian.yaml"
    pages = paginate(resolve(load(source)), source.parent).pages
    second = lxml.html.fragment_fromstring(pages[1])
    first_block = second[0]
    assert "cont" in first_block.get("class", "").split()
    assert first_block.get("id") is None  # the id stays with the paragraph's start


def test_the_previews_lines_keep_their_letter_spacing() -> None:
    """A composed line's spacing is a class whose rule the PDF's HTML has in its head:
    the preview, which shows only the pages' articles, carries the rules along."""
    import re

    preview = Preview(CONTENT / "2016" / "jinzhanqingkuang.yaml")
    preview.render()
    _, html = preview.current()
    used = set(re.findall(r'class="ln (?:synthetic-bold )?(ls-\d+)"', html))
    defined = dict(re.findall(r"\.(ls-\d+)\{letter-spacing:(-?[0-9.]+)pt\}", html))
    assert len(used) > 5
    assert used <= defined.keys()
    assert len(set(defined.values())) == len(defined)  # a rule a distinct spacing


def test_an_error_shows_where_and_what_and_a_fix_brings_the_pages_back(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(DOC.format(text="第一稿正文。"), encoding="utf-8")
    preview = Preview(path)
    assert preview.refresh()
    assert not preview.refresh(), "nothing changed: no new render"
    version, html = preview.current()
    assert "第一稿正文" in html and 'class="errors"' not in html
    path.write_text(
        DOC.format(text="第一稿正文。").replace("year: 2017", "year: 二〇一七"), encoding="utf-8"
    )
    assert preview.refresh()
    version2, html = preview.current()
    assert version2 > version
    assert f"{path}:2:7: year: got text" in html
    assert "   2 | year: 二〇一七" in html
    assert "第一稿正文" in html, "the last good pages stay, dimmed"
    path.write_text(DOC.format(text="第二稿正文。"), encoding="utf-8")
    assert preview.refresh()
    _, html = preview.current()
    assert "第二稿正文" in html and 'class="errors"' not in html


def test_a_template_edit_renders_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Saving a template reloads the page: the watcher looks at templates/ too."""
    path = tmp_path / "doc.yaml"
    path.write_text(DOC.format(text="正文。"), encoding="utf-8")
    preview = Preview(path)
    preview.refresh()
    template = ROOT / "docgen" / "templates" / "plan.html.j2"
    assert template in preview.watched()
    seen = dict(preview._seen)
    seen[template] = -1  # as if it had been saved since
    monkeypatch.setattr(preview, "_seen", seen)
    assert preview.refresh()


def test_preview_refuses_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from docgen.cli import main

    assert main(["preview", str(tmp_path / "nope.yaml"), "--port", "0"]) == 2
    assert "no such file" in capsys.readouterr().err


@pytest.fixture
def preview_server(tmp_path: Path):
    """`docgen preview doc.yaml --port 0` as a user runs it; stopped after the test."""
    path = tmp_path / "doc.yaml"
    path.write_text(DOC.format(text="第一稿正文。"), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "docgen.cli", "preview", str(path), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        url = proc.stdout.readline().strip() if proc.stdout else ""
        assert url.startswith("http://127.0.0.1:"), proc.stderr.read() if proc.stderr else ""
        yield url, path
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_browser_page_follows_the_yaml(preview_server: tuple[str, Path]) -> None:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "./run.sh test installs Debian's chromium"
    url, path = preview_server
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url)
            assert page.locator(".page").count() == 1
            assert "第一稿正文" in page.locator(".page").inner_text()
            assert "— 1 —" in page.locator(".page-number").inner_text()

            # Edit: the open page shows the change within a second or two.
            saved = time.monotonic()
            path.write_text(DOC.format(text="第二稿正文。"), encoding="utf-8")
            page.wait_for_function(
                "document.querySelector('.page')?.innerText.includes('第二稿正文')", timeout=2500
            )
            assert time.monotonic() - saved < 2.5

            # Break the YAML: the page says where and what, and the server goes on.
            broken = DOC.format(text="第二稿正文。").replace("    body:", "    boby:")
            path.write_text(broken, encoding="utf-8")
            page.wait_for_selector(".errors", timeout=2500)
            errors = page.locator(".errors").inner_text()
            assert f"{path}:6:5: sections[0].boby: unknown field" in errors
            assert "6 |     boby:" in errors

            # Fix it: the document comes back, with the fix.
            path.write_text(DOC.format(text="第三稿正文。"), encoding="utf-8")
            page.wait_for_function(
                "!document.querySelector('.errors') && "
                "document.querySelector('.page')?.innerText.includes('第三稿正文')",
                timeout=2500,
            )
        finally:
            browser.close()


def test_the_record_page_numbers_and_letter_rules_stand_as_the_pdf_has_them(
    tmp_path: Path,
) -> None:
    """In Chromium as in the PDF: the 版记 at the foot of the 版心 (§7.4; a browser knows
    no float: footnote), on the page the PDF gives it; the page numbers on the pages
    that print them (not a 信函's first page, §10.1; not a blank page, nor the 版记's
    page after it, §7.5); and a 信函's first page with its second red double rule 20 mm
    above the paper's bottom (§10.1)."""
    from playwright.sync_api import sync_playwright

    from tests.test_notice import PLACEMENTS

    line = "示例正文内容示例正文内容示例正文内容示例正文内容示例"  # 28 characters with the indent
    sources = {stem: CONTENT / "examples" / f"{stem}.yaml" for stem in ("tongzhi", "han")}
    numbered = {"tongzhi": [True] * 16, "han": [False, True]}
    for place, (lines, pages) in PLACEMENTS.items():
        sources[place] = tmp_path / f"{place}.yaml"
        sources[place].write_text(
            "kind: 通知\nyear: 2026\ntitle: 示例通知\nintro:\n"
            + "".join(f"  - {line}\n" for _ in range(lines))
            + "record:\n  cc: [示例省教育厅]\n  printer: 示例办公室\n  printed: 2026-03-02\n",
            encoding="utf-8",
        )
        numbered[place] = pages
    px = 96 / 25.4  # CSS pixels a millimetre
    measured = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for name, source in sources.items():
                preview = Preview(source)
                preview.render()
                html = tmp_path / f"{name}.html"
                html.write_text(preview.current()[1], encoding="utf-8")
                page.goto(html.as_uri())
                measured[name] = page.evaluate(
                    """() => {
                      const pages = [...document.querySelectorAll('.page')];
                      const last = pages[pages.length - 1];
                      const record = last.querySelector('div.record').getBoundingClientRect();
                      const rule = getComputedStyle(pages[0], '::after');
                      return {
                        record: record.bottom - last.getBoundingClientRect().top,
                        numbers: pages.map(p => p.querySelector('.page-number') !== null),
                        rule: [rule.content, rule.top, rule.width, rule.borderBottomColor],
                      };
                    }"""
                )
        finally:
            browser.close()
    foot = (spec.MARGIN_TOP + spec.TEXT_HEIGHT).mm * px
    for name in sources:
        assert abs(measured[name]["record"] - foot) < 1, (name, measured[name]["record"], foot)
        assert measured[name]["numbers"] == numbered[name], name
    assert measured["tongzhi"]["rule"][0] == "none"
    content, top, width, colour = measured["han"]["rule"]
    assert content == '""' and colour == "rgb(255, 0, 0)"
    assert abs(float(top[:-2]) - (spec.PAGE_HEIGHT - spec.LETTER_BOTTOM_RULE).mm * px) < 1
    assert abs(float(width[:-2]) - spec.LETTER_RULE_LENGTH.mm * px) < 1

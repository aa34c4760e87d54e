from __future__ import annotations

import ctypes.util
import os
import re
import sys

import pytest

from docgen.render.weasyprint_patches import fast_library_lookup


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the linker cache is Linux's")
def test_lookups_answer_as_the_standard_library_and_are_undone() -> None:
    original = ctypes.util.find_library
    expected = {name: original(name) for name in ("pango-1.0", "harfbuzz", "no-such-lib-0")}
    assert expected["pango-1.0"] and expected["no-such-lib-0"] is None
    with fast_library_lookup():
        assert ctypes.util.find_library is not original
        assert {name: ctypes.util.find_library(name) for name in expected} == expected
    assert ctypes.util.find_library is original


def test_simple_types_are_the_types_cffi_parses() -> None:
    """Built from the declarations or parsed by pycparser, a type text gives the same
    cffi type (one object a type); texts that are not simple still parse."""
    import cffi

    from docgen.render.weasyprint_patches import parse_simple_types_fast

    cdef = """typedef uint32_t hb_codepoint_t; typedef struct _P P;
        typedef struct { int x, y; } Rect; typedef const char *name_t;
        typedef void (*notify_t)(void *);"""
    texts = [
        f"{name}{suffix}"
        for name in (
            "hb_codepoint_t",
            "P",
            "Rect",
            "name_t",
            "notify_t",
            "char",
            "unsigned int",
            "uint32_t",
            "double",
            "size_t",
        )
        for suffix in ("", " *", "*", "[]", "[4]", "[100]")
        if not (name in ("P", "notify_t") and "[" in suffix)  # incomplete / not arrays
        if not (name == "P" and suffix == "")
    ]
    texts += ["unsigned int **", "signed char", "struct _P *", "const char *", "long long"]
    slow, fast = cffi.FFI(), cffi.FFI()
    for ffi in slow, fast:
        ffi.cdef(cdef)
    parse_simple_types_fast(fast)
    for text in texts:
        assert repr(fast.typeof(text)) == repr(slow.typeof(text)), text
    # Built or parsed (a text the fast path leaves to pycparser), one object a type.
    assert fast.typeof("hb_codepoint_t *") is fast.typeof("uint32_t(*)")
    assert fast.typeof("Rect[4]") is fast.typeof("Rect([4])")
    items = [3, 1, 4, 1, 5]
    assert list(fast.new(f"hb_codepoint_t[{len(items)}]", items)) == items
    assert list(fast.new("hb_codepoint_t[4]", (7, 8))) == [7, 8, 0, 0]


def test_weasyprint_renders_without_parsing_a_simple_type() -> None:
    import pycparser

    from docgen.render import pdf

    html = "<html><body><article><p>字数不同的两份文档{}</p></article></body></html>"
    parse = pycparser.CParser.parse
    texts: list[str] = []
    pycparser.CParser.parse = lambda self, text, *a, **k: (
        texts.append(text) or parse(self, text, *a, **k)
    )
    try:  # fonts subset to a new number of glyphs: hb_codepoint_t[N] of a new N
        for text in ("甲", "乙丙丁戊", "己庚辛壬癸子丑"):
            assert pdf.pdf_bytes(html.format(text)).startswith(b"%PDF")
    finally:
        pycparser.CParser.parse = parse
    assert texts == []


def test_a_weasyprint_the_patches_were_not_written_for_is_a_clear_error() -> None:
    """Another major version, or a WeasyPrint without what a patch replaces, stops
    with a message naming the patch: never a silent slow path or a different page."""
    import types

    import weasyprint
    from weasyprint.text import line_break
    from weasyprint.text.ffi import ffi

    from docgen.errors import RenderError
    from docgen.render.weasyprint_patches import WRITTEN_FOR, apply

    assert weasyprint.__version__.startswith(f"{WRITTEN_FOR}.")  # what pyproject pins
    newer = types.SimpleNamespace(__version__=f"{WRITTEN_FOR + 1}.0", HTML=weasyprint.HTML)
    with pytest.raises(RenderError, match=f"written for WeasyPrint {WRITTEN_FOR}"):
        apply(newer, ffi, line_break, "bold", lambda: None)
    moved = types.SimpleNamespace(__version__=f"{WRITTEN_FOR}.9", HTML=weasyprint.HTML)
    with pytest.raises(RenderError, match="tinyhtml5, which docgen's patch LxmlParse"):
        apply(moved, ffi, line_break, "bold", lambda: None)


def test_weasyprint_imports_lighter_and_what_it_defers_still_works() -> None:
    """In a fresh process: docgen's PDF renders without WeasyPrint's HTML stylesheets
    parsed and without fontTools' subsetter and instancer loaded; asked for, each is
    there as before (WeasyPrint's own HTML class numbers its first document's pages)."""
    import subprocess

    script = """
import sys
from docgen.render import pdf
from weasyprint.pdf import fonts
assert pdf.pdf_bytes("<html><body><article><p>示例</p></article></body></html>")[:4] == b"%PDF"
loaded = sorted(m for m in sys.modules if m.startswith("fontTools.varLib") or "otTables" in m)
print("loaded:", loaded)
print("subset:", type(sys.modules["fontTools.subset"]).__name__)  # not run yet
import io, weasyprint.html
from pypdf import PdfReader
print("deferred:", "_arguments" in weasyprint.html.UA_STYLESHEET.__dict__)
numbered = "<style>@page { @bottom-center { content: '第' counter(page) '页' } }</style>"
own = weasyprint.HTML(string=numbered + "<p>x</p><p style='break-before: page'>y</p>")
print("numbers:", [p.extract_text() for p in PdfReader(io.BytesIO(own.write_pdf())).pages])
from fontTools import subset
assert subset.Options().layout_features
import fontTools.varLib.instancer as instancer
assert instancer.instantiateVariableFont is not fonts.instantiateVariableFont
try:
    fonts.instantiateVariableFont(None, {})  # the real function, called through ours
except TypeError as exc:
    print("called:", exc)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "loaded: []" in done.stdout
    assert "subset: _LazyModule" in done.stdout
    assert "deferred: True" in done.stdout
    assert "numbers: ['x\\n第1页', 'y\\n第2页']" in done.stdout
    assert "not iterable" in done.stdout  # the real instancer, given None, fails on it


def test_a_face_has_one_font_description_and_it_is_the_one_weasyprint_makes() -> None:
    """Every line of a face gets the description WeasyPrint would make for it, made
    once; another size, weight or family is another description."""
    from weasyprint.text import fonts, line_break
    from weasyprint.text.ffi import ffi, pango

    from docgen.render import pdf

    html = (
        "<html><body><article><p>正文</p><p>正文二</p><p style='font-weight: bold'>粗</p>"
        "<p style='font-size: 20pt'>大</p><p style='font-family: FandolKai'>楷</p>"
        "</article></body></html>"
    )
    seen = []
    ours = line_break.get_font_description

    def watched(style):
        description = ours(style)
        fresh = fonts.get_font_description(style)  # WeasyPrint's own, made anew
        said = [ffi.string(pango.pango_font_description_to_string(d)) for d in (description, fresh)]
        assert said[0] == said[1]
        seen.append((said[0], description))
        return description

    line_break.get_font_description = watched
    try:
        pdf.pdf_bytes(html)
    finally:
        line_break.get_font_description = ours
    by_face: dict[bytes, set[int]] = {}
    for said, description in seen:
        by_face.setdefault(said, set()).add(id(description))
    assert len(by_face) >= 4  # 仿宋, bold, 20 pt, 楷体 (and the page number's face)
    assert all(len(ids) == 1 for ids in by_face.values())  # one description a face


def test_a_template_may_number_pages_in_any_html5_counter_style() -> None:
    """docgen's user-agent stylesheet carries WeasyPrint's HTML5 counter styles (its
    @counter-style rules), not only the decimal of GB/T 9704's page numbers."""
    import io

    from pypdf import PdfReader

    from docgen.render import pdf

    styles = "upper-roman cjk-decimal lower-alpha".split()
    numbers = " ".join(f"counter(page, {s}) ' '" for s in styles)
    html = (
        f"<html><head><style>@page {{ @top-center {{ content: {numbers} }} }}</style></head>"
        "<body><article><p>甲</p><p style='break-before: page'>乙</p></article></body></html>"
    )
    pages = PdfReader(io.BytesIO(pdf.pdf_bytes(html))).pages
    said = [" ".join(p.extract_text().split()) for p in pages]
    assert said == ["甲 I 一 a — 1 —", "乙 II 二 b — 2 —"]


# Elements with ids beside others without, an id with a style attribute, with a lang,
# an a with a name and an id (the name is its anchor), ids the cascade matches.
_ANCHORED = """<html><head><style>
p { color: #123456 } #d { color: #654321 } #i { -weasy-anchor: "m" }
[id] { margin-top: 3pt } .ln { display: block }
</style></head><body><article>
<p id="a"><span class="ln">甲</span><span class="ln">乙</span></p>
<p id="b"><span class="ln">丙</span></p>
<p><span class="ln">丁</span><a id="c"></a></p>
<p id="d" style="font-size: 20pt"><span class="ln">戊</span></p>
<p id="e" lang="en"><span class="ln">E</span></p>
<p><a id="f" name="g">己</a><a name="h">庚</a></p>
<p id="i">辛</p><p id="j" style='-weasy-anchor: "k"'>壬</p><p id="l" style="color: red">癸</p>
</article></body></html>"""

_STYLES_OF_EACH_ELEMENT = f"""
import json, sys
if sys.argv[1] == "docgen":
    import docgen.render.pdf
import weasyprint
from weasyprint.css import get_all_computed_styles
from weasyprint.css.targets import TargetCollector
html = weasyprint.HTML(string={_ANCHORED!r})
targets = TargetCollector()
style_for = get_all_computed_styles(html, target_collector=targets)
keys = "anchor color font_size margin_top display lang letter_spacing".split()
print(json.dumps([
    [e.tag, e.get("id"), [repr(style_for(e)[k]) for k in keys]]
    for e in html.etree_element.iter()
]))
print(sorted(targets.target_lookup_items))
"""


def test_elements_with_ids_share_styles_and_keep_their_anchors() -> None:
    """Every element's computed style is the one WeasyPrint computes unpatched (its own
    anchor included, every anchor known to the targets), and the lines of two
    paragraphs with ids share one style."""
    import json
    import subprocess

    said = {
        how: subprocess.run(
            [sys.executable, "-c", _STYLES_OF_EACH_ELEMENT, how],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for how in ("plain", "docgen")
    }
    assert said["docgen"] == said["plain"]
    styles, anchors = said["plain"].splitlines()
    by_id = {i: values for _, i, values in json.loads(styles)}
    assert [by_id[i][0] for i in "abcdefijl"] == [repr(a) for a in "abcdegmkl"]
    # f's anchor is its name; a rule and a style attribute win over an id
    assert anchors == "['a', 'b', 'c', 'd', 'e', 'g', 'h', 'k', 'l', 'm']"

    import weasyprint
    from weasyprint.css import get_all_computed_styles

    import docgen.render.pdf  # noqa: F401 - the patches

    html = weasyprint.HTML(string=_ANCHORED)
    style_for = get_all_computed_styles(html)
    tree = {e.get("id"): e for e in html.etree_element.iter("p")}
    lines = [style_for(span) for p in ("a", "b") for span in tree[p]]
    assert len({id(s) for s in lines}) == 1  # alike but for their ids
    assert style_for(tree["a"]) is not style_for(tree["b"])
    assert [style_for(tree[p])["anchor"] for p in "ab"] == ["a", "b"]


# Lines drawn from the layout that laid them out, or made anew: wrapped Chinese, a
# justified Latin paragraph (spaces widened), preformatted lines, an ellipsis, lines
# decorated and spaced, right-to-left text, a line broken after spaces before a newline,
# a clamped line's ellipsis after words broken anywhere.
_LINES = """<html><head><style>
p { margin: 0 } .j { text-align: justify } .e { white-space: nowrap; overflow: hidden;
text-overflow: ellipsis; width: 40mm } .d { text-decoration: underline line-through;
letter-spacing: 1pt; word-spacing: 3pt }
</style></head><body>
<p>加快推进教育信息化工作，宏观战略完成新设计，重点任务取得新突破，深化应用迈上新台阶，融合创新呈现新气象，总体上实现了稳中有进、稳中提质、稳中增效。</p>
<p class="j">The quick brown fox jumps over the lazy dog, again and again, until the line
breaks and the spaces of every line but the last are widened to fill it.</p>
<pre>第一行
  第二行	制表
第三行</pre>
<p class="e">一行放不下的文字会以省略号结尾，一行放不下的文字</p>
<p class="d">下划线 与 删除线 Underline and strike</p>
<p dir="rtl">שלום עולם مرحبا بالعالم</p>
<p style="white-space: pre-wrap; width: 60pt; text-decoration: underline">a{spaces}
b</p>
<p style="width: 60pt; line-clamp: 1; overflow-wrap: anywhere">{letters}</p>
<div style="width: 60pt; line-clamp: 1; word-break: break-all">{letters}</div>
</body></html>""".replace("{spaces}", " " * 25).replace("{letters}", "abcdefghijklm" * 4)

_DRAWN = f"""
import re, sys
import docgen.render.weasyprint_patches as patches
if sys.argv[1] == "unpatched":
    patches.draw_with_the_layout_of_layout = lambda line_break: None
from docgen.render import pdf
out = pdf.pdf_and_record_place({_LINES!r}, composed=True)[0]
sys.stdout.buffer.write(re.sub(rb"/(CreationDate|ModDate) \\(D:[^)]*\\)", b"", out))
"""


# A PDF's bytes without the moments it was made.
_WITHOUT_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:[^)]*\)")


def _patched_and_unpatched(script: str, env: dict[str, str] | None = None) -> dict[str, bytes]:
    """What a script writes run as docgen runs it and with the patch it tests turned off
    (its argument "unpatched"), each in a process of its own."""
    import subprocess

    return {
        how: subprocess.run(
            [sys.executable, "-c", script, how], capture_output=True, check=True, env=env
        ).stdout
        for how in ("patched", "unpatched")
    }


def test_lines_drawn_from_their_layout_are_the_lines_weasyprint_draws() -> None:
    """The PDF is byte for byte the one WeasyPrint makes when it shapes each line anew
    to draw it, for lines it keeps and lines it makes again."""
    drawn = _patched_and_unpatched(_DRAWN)
    assert drawn["patched"].startswith(b"%PDF")
    assert drawn["patched"] == drawn["unpatched"]


def test_a_line_is_shaped_once() -> None:
    """Drawing a composed line reuses the Pango layout that laid it out."""
    from weasyprint.text import line_break

    from docgen.render import pdf

    made = []
    setup = line_break.Layout.setup

    def counted(self, style):
        made.append(self)
        return setup(self, style)

    line_break.Layout.setup = counted
    try:
        pdf.pdf_bytes("<html><body><article><p>" + "正文" * 100 + "</p></article></body></html>")
    finally:
        line_break.Layout.setup = setup
    assert len(made) == len(set(map(id, made)))  # none set up twice: not made anew to draw


_IMPORT_AND_RENDER = """
import re, sys
import pycparser
parses = []
parse = pycparser.CParser.parse
pycparser.CParser.parse = lambda self, *a, **k: (parses.append(1), parse(self, *a, **k))[1]
from docgen.render import pdf
print(len(parses), flush=True)
out = pdf.pdf_bytes("<html><body><article><p>正文</p></article></body></html>")
sys.stdout.buffer.write(re.sub(rb"/(CreationDate|ModDate) \\\\(D:[^)]*\\\\)", b"", out))
"""


def test_cffi_parses_weasyprints_declarations_once_a_machine(tmp_path) -> None:
    """The first process that imports WeasyPrint parses its C declarations and keeps the
    parse; the next reads it (pycparser not run) and makes the same PDF; a kept file
    that cannot be read is parsed anew, and kept again."""
    import os
    import subprocess

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}

    def run() -> tuple[int, bytes]:
        out = subprocess.run(
            [sys.executable, "-c", _IMPORT_AND_RENDER], env=env, capture_output=True, check=True
        ).stdout
        count, _, pdf = out.partition(b"\n")
        return int(count), pdf

    first, made = run()
    (kept,) = (tmp_path / "docgen").glob("cdef-*.pickle")
    second, again = run()
    assert (first, second) == (1, 0)
    assert again == made and made.startswith(b"%PDF")
    kept.write_bytes(b"not a pickle")
    assert run() == (1, made)
    assert kept.read_bytes() != b"not a pickle"


# A face subset (Chinese and Latin), and a face embedded whole (full_fonts).
_FONT_FILES = """
import re, sys
import docgen.render.weasyprint_patches as patches
if sys.argv[1] == "unpatched":
    patches.font_files_copied_when_read = lambda fonts: None
from docgen.render import pdf
latin = '<p style="font-family: Liberation Serif">Text</p>'
for html, full in ((f"<p>正文</p>{latin}", False), (latin, True)):
    document = pdf.layout(f"<html><body><article>{html}</article></body></html>")
    out = document.write_pdf(full_fonts=full)
    sys.stdout.buffer.write(re.sub(rb"/(CreationDate|ModDate) \\\\(D:[^)]*\\\\)", b"", out))
"""


def test_fonts_copied_when_read_are_the_fonts_weasyprint_embeds() -> None:
    """The PDFs are byte for byte WeasyPrint's, with fonts subset and a font whole."""
    made = _patched_and_unpatched(_FONT_FILES)
    assert made["patched"].count(b"%PDF") == 2
    assert made["patched"] == made["unpatched"]


def test_a_pdf_copies_only_its_fonts_subsets(tmp_path, monkeypatch) -> None:
    """No face's whole file (FandolFang's is 7 MB) is copied out of HarfBuzz to be
    subset: only the subsets are (made here: the subsets' cache is empty)."""
    from weasyprint.text.ffi import ffi

    from docgen.render import pdf

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    copied = []
    unpack = ffi.unpack

    def counted(data, length):
        copied.append(length)
        return unpack(data, length)

    ffi.unpack = counted
    try:
        pdf.pdf_bytes("<html><body><article><p>" + "正文" * 10 + "</p></article></body></html>")
    finally:
        del ffi.unpack
    assert copied and max(copied) < 1_000_000


_SUBSETS = """
import re, sys
import docgen.render.weasyprint_patches as patches
if sys.argv[1] == "unpatched":
    patches.subsets_kept_once_a_machine = lambda fonts, version: None
from docgen.render import pdf
for text in ("正文 Text", "正文 Text", "另一段正文"):
    body = f"<h1>标题</h1><h2>{text}</h2><h3>{text}</h3><p>{text}</p>"  # the Fandol faces
    out = pdf.pdf_bytes(f"<html><body><article>{body}</article></body></html>")
    sys.stdout.buffer.write(re.sub(rb"/(CreationDate|ModDate) \\\\(D:[^)]*\\\\)", b"", out))
"""


def test_kept_subsets_are_the_subsets_harfbuzz_makes(tmp_path) -> None:
    """PDFs made with subsets made and kept, then read back, and with another text, are
    byte for byte those made without the cache."""
    made = _patched_and_unpatched(_SUBSETS, {**os.environ, "XDG_CACHE_HOME": str(tmp_path)})
    assert made["patched"].count(b"%PDF") == 3
    assert made["patched"] == made["unpatched"]
    # The title's face once (the same glyphs); 黑体, 楷体 and 仿宋 (one text, the same
    # character ids: their files tell them apart) once for each text.
    assert len(list((tmp_path / "docgen" / "subsets").iterdir())) == 7


def _subset_calls(monkeypatch) -> list[object]:
    """The faces HarfBuzz is asked to subset from now on."""
    import weasyprint.pdf.fonts

    calls: list[object] = []
    subset = weasyprint.pdf.fonts.harfbuzz_subset

    class Counted:
        def __getattr__(self, name):
            if name == "hb_subset_or_fail":
                return lambda face, plan: (
                    calls.append(face),
                    subset.hb_subset_or_fail(face, plan),
                )[1]
            return getattr(subset, name)

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", Counted())
    return calls


def test_a_text_subset_before_takes_its_subsets_from_the_cache(tmp_path, monkeypatch) -> None:
    from docgen.render import pdf

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    html = "<html><body><article><p>正文 Text</p></article></body></html>"
    first = pdf.pdf_and_record_place(html)[0]
    kept = sorted((tmp_path / "docgen" / "subsets").iterdir())
    for path in kept:
        os.utime(path, (0, 0))
    calls = _subset_calls(monkeypatch)
    second = pdf.pdf_and_record_place(html)[0]
    assert calls == []  # none subset again
    assert all(path.stat().st_mtime > 0 for path in kept)  # each read: used now
    assert _WITHOUT_DATES.sub(b"", first) == _WITHOUT_DATES.sub(b"", second)


def test_a_kept_subset_is_written_as_it_was_deflated(tmp_path, monkeypatch) -> None:
    """A face read from the cache is not deflated again: its stream is written as kept
    (the PDFs' bytes are WeasyPrint's: test_kept_subsets_are_the_subsets_harfbuzz_makes)."""
    import zlib

    from docgen.render import pdf

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    html = "<html><body><article><h1>标题</h1><p>正文 Text</p></article></body></html>"
    pdf.pdf_bytes(html)
    deflated: list[bytes] = []
    compressobj = zlib.compressobj

    class Counted:
        def __init__(self, *args, **kwargs):
            self.made = compressobj(*args, **kwargs)

        def compress(self, data):
            deflated.append(bytes(data[:4]))
            return self.made.compress(data)

        def flush(self, *args):
            return self.made.flush(*args)

    monkeypatch.setattr(zlib, "compressobj", Counted)
    pdf.pdf_bytes(html)
    assert deflated  # the pages' streams
    assert not {b"OTTO", b"\0\1\0\0", b"true", b"ttcf"} & set(deflated)  # no font file


def test_a_damaged_kept_subset_is_made_again(tmp_path, monkeypatch) -> None:
    from docgen.render import pdf

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    html = "<html><body><article><p>正文</p></article></body></html>"
    first = pdf.pdf_and_record_place(html)[0]
    for path in (tmp_path / "docgen" / "subsets").iterdir():
        data = path.read_bytes()
        path.write_bytes(data[:-10] + b"\0" * 10)  # its digest no longer checks out
    calls = _subset_calls(monkeypatch)
    second = pdf.pdf_and_record_place(html)[0]
    assert calls  # made again
    assert _WITHOUT_DATES.sub(b"", first) == _WITHOUT_DATES.sub(b"", second)


def test_the_cache_keeps_the_most_recently_used_subsets(tmp_path, monkeypatch) -> None:
    from docgen.render import weasyprint_patches

    monkeypatch.setattr(weasyprint_patches, "SUBSETS_KEPT", 2500)
    for i in range(3):
        old = tmp_path / f"old{i}.font"
        old.write_bytes(b"\0" * 1000)
        os.utime(old, (i + 1, i + 1))  # old0 used longest ago
    weasyprint_patches._keep(tmp_path / "new.font", b"x" * 1000)  # 1032 bytes with its digest
    assert {p.name for p in tmp_path.iterdir()} == {"old2.font", "new.font"}


def _letters_swapped(folder) -> tuple[object, object, str]:
    """Liberation Serif, and a copy whose two letters' outlines are swapped: other glyphs
    under the same table directory and head (a table's checksum is a sum of its words)."""
    import subprocess
    from pathlib import Path

    from fontTools.ttLib import TTFont

    source = Path(
        subprocess.run(
            ["fc-match", "-f", "%{file}", "Liberation Serif:style=Regular"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    font = TTFont(source)
    data = source.read_bytes()
    glyf = font.reader.tables["glyf"].offset
    loca, order = font["loca"], font.getGlyphOrder()
    places = {}  # letter → (offset in glyf, length), 4-byte aligned
    for code, name in font.getBestCmap().items():
        gid = order.index(name)
        at, length = loca[gid], loca[gid + 1] - loca[gid]
        if chr(code).isascii() and chr(code).isalpha() and length and not at % 4 + length % 4:
            places[chr(code)] = (at, length)
    x, y = next((x, y) for x in places for y in places if x < y and places[x][1] == places[y][1])
    (ax, n), (ay, _) = places[x], places[y]
    swapped = bytearray(data)
    swapped[glyf + ax : glyf + ax + n] = data[glyf + ay : glyf + ay + n]
    swapped[glyf + ay : glyf + ay + n] = data[glyf + ax : glyf + ax + n]
    (folder / "a.ttf").write_bytes(data)
    (folder / "b.ttf").write_bytes(bytes(swapped))
    return folder / "a.ttf", folder / "b.ttf", x + y


def test_a_font_edited_under_the_same_checksums_gets_its_own_subset(tmp_path, monkeypatch) -> None:
    """Two fonts with one table directory and head but other outlines: the second's
    PDF is the one it gets with no subset kept, not the first's subset."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    import docgen.render.pdf  # noqa: F401 - the patches

    first, second, letters = _letters_swapped(tmp_path)

    def pdf(font, cache: str) -> bytes:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / cache))
        style = f"@font-face {{ font-family: T; src: url({font.name}) }} p {{ font-family: T }}"
        html = f"<style>{style}</style><p>{letters}</p>"
        document = weasyprint.HTML(string=html, base_url=str(tmp_path))
        return _WITHOUT_DATES.sub(b"", document.write_pdf(font_config=FontConfiguration()))

    assert first.read_bytes()[:12] == second.read_bytes()[:12] != b""
    after_first = (pdf(first, "shared"), pdf(second, "shared"))[1]
    assert after_first == pdf(second, "own")  # made, not taken from the first font's
    assert after_first != pdf(first, "own2")


def test_a_cache_folder_that_cannot_be_written_costs_only_time(tmp_path, monkeypatch) -> None:
    """Subsets that cannot be kept (write_atomic refuses, as on a full disk or a folder
    not writable) or marked used: the PDF is made all the same, and a kept one is read."""
    from docgen import output
    from docgen.errors import DocgenError
    from docgen.render import pdf

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    html = "<html><body><article><p>正文</p></article></body></html>"

    def refuse(*args, **kwargs):
        raise DocgenError("cannot write: Operation not permitted")

    with monkeypatch.context() as patched:
        patched.setattr(output, "write_atomic", refuse)
        assert pdf.pdf_bytes(html).startswith(b"%PDF")
    assert not (tmp_path / "docgen" / "subsets").exists() or not any(
        (tmp_path / "docgen" / "subsets").iterdir()
    )
    pdf.pdf_bytes(html)  # kept now
    calls = _subset_calls(monkeypatch)

    def no_utime(*args, **kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr(os, "utime", no_utime)
    assert pdf.pdf_bytes(html).startswith(b"%PDF")
    assert calls == []  # read, though it could not be marked used


def test_a_fonts_file_is_told_apart_by_its_identity_as_mapped(tmp_path) -> None:
    """The file a face's bytes are mapped from, and its identity: another when the file
    is written in place (same size) or replaced; none for bytes that are no file's."""
    import ctypes
    import mmap
    import time

    from docgen.render.weasyprint_patches import _mapped_file

    path = tmp_path / "font.otf"
    path.write_bytes(b"OTTO" + b"\0" * 8188)
    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        address = ctypes.addressof(ctypes.c_char.from_buffer_copy(b"x"))  # not a file's
        assert _mapped_file(address, 1) is None
        buffer = (ctypes.c_char * 8192).from_buffer_copy(mapped)  # a copy: no file
        assert _mapped_file(ctypes.addressof(buffer), 8192) is None
        start = _address_of(path)
        first = _mapped_file(start, 8192)
        assert first is not None and first[:2] == (str(path), 0)
        assert _mapped_file(start + 4096, 4096)[1] == 4096  # its offset in the file
        time.sleep(0.05)
        with path.open("r+b") as same:  # written in place, the same size
            same.write(b"OTTO" + b"\1" * 8188)
        assert _mapped_file(start, 8192) != first
        other = tmp_path / "other.otf"
        other.write_bytes(b"OTTO" + b"\2" * 8188)
        other.replace(path)  # another file under its name: the mapping is not it
        assert _mapped_file(start, 8192) is None


def _address_of(path) -> int:
    """Where this process maps a file (ctypes takes no read-only mmap's address)."""
    with open("/proc/self/maps", encoding="utf-8") as maps:
        for line in maps:
            if line.rstrip("\n").endswith(str(path)):
                return int(line.split("-")[0], 16)
    raise AssertionError(f"{path} is not mapped")

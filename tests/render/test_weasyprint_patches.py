from __future__ import annotations

import ctypes.util
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


def test_sized_arrays_are_the_same_arrays_without_a_new_type() -> None:
    import cffi

    from docgen.render.weasyprint_patches import parse_sized_arrays_once

    ffi = cffi.FFI()
    ffi.cdef("typedef uint32_t hb_codepoint_t;")
    parse_sized_arrays_once(ffi)
    items = [3, 1, 4, 1, 5]
    array = ffi.new(f"hb_codepoint_t[{len(items)}]", items)
    assert list(array) == items
    assert ffi.typeof(array) is ffi.typeof("hb_codepoint_t[]")
    # Anything else is cffi's own: fewer items than the size pads with zeros.
    assert list(ffi.new("hb_codepoint_t[4]", (7, 8))) == [7, 8, 0, 0]
    assert ffi.new("hb_codepoint_t *")[0] == 0


def test_weasyprint_subsets_fonts_without_parsing_a_type_per_font() -> None:
    import re

    from docgen.render import pdf

    html = "<html><body><article><p>字数不同的两份文档{}</p></article></body></html>"
    for text in ("甲", "乙丙丁戊"):
        assert pdf.pdf_bytes(html.format(text)).startswith(b"%PDF")
    # cffi keeps every type text it parsed: no hb_codepoint_t[N] for any N.
    assert not [t for t in pdf.ffi._parsed_types if re.fullmatch(r"hb_codepoint_t\[\d+\]", t)]


def test_a_weasyprint_the_patches_were_not_written_for_is_a_clear_error() -> None:
    """Another major version, or a WeasyPrint without what a patch replaces, stops
    with a message naming the patch: never a silent slow path or a different page."""
    import types

    import weasyprint
    from weasyprint.text.ffi import ffi

    from docgen.errors import RenderError
    from docgen.render.weasyprint_patches import WRITTEN_FOR, apply

    assert weasyprint.__version__.startswith(f"{WRITTEN_FOR}.")  # what pyproject pins
    newer = types.SimpleNamespace(__version__=f"{WRITTEN_FOR + 1}.0", HTML=weasyprint.HTML)
    with pytest.raises(RenderError, match=f"written for WeasyPrint {WRITTEN_FOR}"):
        apply(newer, ffi, "bold", lambda: None)
    moved = types.SimpleNamespace(__version__=f"{WRITTEN_FOR}.9", HTML=weasyprint.HTML)
    with pytest.raises(RenderError, match="tinyhtml5, which docgen's patch LxmlParse"):
        apply(moved, ffi, "bold", lambda: None)

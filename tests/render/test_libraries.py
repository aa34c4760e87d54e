from __future__ import annotations

import ctypes.util
import sys

import pytest

from docgen.render.libraries import fast_library_lookup


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the linker cache is Linux's")
def test_lookups_answer_as_the_standard_library_and_are_undone() -> None:
    original = ctypes.util.find_library
    expected = {name: original(name) for name in ("pango-1.0", "harfbuzz", "no-such-lib-0")}
    assert expected["pango-1.0"] and expected["no-such-lib-0"] is None
    with fast_library_lookup():
        assert ctypes.util.find_library is not original
        assert {name: ctypes.util.find_library(name) for name in expected} == expected
    assert ctypes.util.find_library is original

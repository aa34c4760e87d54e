"""WeasyPrint's C libraries, found and called without work repeated on every use.

WeasyPrint tries several names for each library (Pango, HarfBuzz, …), one for each
platform; cffi looks up every name that fails with ``ctypes.util.find_library``, which
on Linux runs ldconfig, gcc and ld each time: 0.3 s of every start. Here the linker
cache is read once and answers those look-ups; a system without one keeps the stdlib's.

cffi parses each C type it is given as text the first time it sees that text, against
all of WeasyPrint's declarations: 18 ms a type. WeasyPrint's font subsetting asks for
``hb_codepoint_t[N]`` with each font's own N, so every PDF paid for about ten such
parses (0.3 s for a process's first PDF). ``parse_sized_arrays_once`` asks for ``T[]``
with the same items instead: the same array, its type parsed once.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from typing import Any


@cache
def _linker_cache() -> dict[str, str]:
    """Library file names (libpango-1.0.so.0) by their short name (pango-1.0), from
    ``ldconfig -p``; empty where there is none."""
    for ldconfig in ("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig"):
        try:
            out = subprocess.run(
                [ldconfig, "-p"], capture_output=True, text=True, timeout=5, check=True
            ).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        found: dict[str, str] = {}
        for match in re.finditer(r"^\s+lib(\S+?)\.so\S*\s.*=> (\S+)$", out, re.MULTILINE):
            found.setdefault(match[1], os.path.basename(match[2]))
        return found
    return {}


@contextlib.contextmanager
def fast_library_lookup() -> Iterator[None]:
    """While WeasyPrint loads its libraries, look names up in the linker cache."""
    original = ctypes.util.find_library
    libraries = _linker_cache() if sys.platform.startswith("linux") else {}
    if libraries:
        ctypes.util.find_library = libraries.get  # type: ignore[assignment]
    try:
        yield
    finally:
        ctypes.util.find_library = original


_SIZED_ARRAY = re.compile(r"(\w+)\[(\d+)\]")


def parse_sized_arrays_once(ffi: Any) -> None:
    """Make ``ffi.new("T[N]", items)`` with N items (WeasyPrint's only sized arrays)
    build ``T[]`` from the items: an equal array, whatever N is, without a new parse."""
    new = ffi.new

    def new_array(cdecl: Any, init: Any = None) -> Any:
        if isinstance(cdecl, str) and isinstance(init, list | tuple):
            sized = _SIZED_ARRAY.fullmatch(cdecl)
            if sized and int(sized[2]) == len(init):
                return new(f"{sized[1]}[]", init)
        return new(cdecl, init)

    ffi.new = new_array

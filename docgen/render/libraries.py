"""Finding WeasyPrint's C libraries without a subprocess per guess.

WeasyPrint tries several names for each library (Pango, HarfBuzz, …), one for each
platform; cffi looks up every name that fails with ``ctypes.util.find_library``, which
on Linux runs ldconfig, gcc and ld each time: 0.3 s of every start. Here the linker
cache is read once and answers those look-ups; a system without one keeps the stdlib's.
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

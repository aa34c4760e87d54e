"""Every change docgen makes to WeasyPrint, in one place, each with its reason.

Written for WeasyPrint 70 (``WRITTEN_FOR``; pyproject.toml pins ``weasyprint>=70,<71``).
``apply`` checks, when pdf.py imports WeasyPrint, that the version is that one and that
every function or attribute a patch replaces is still there: a WeasyPrint that moved
them is a clear error naming the patch, never a silent slow path or a wrong page.

For speed:

- ``fast_library_lookup``: WeasyPrint tries several names for each C library (Pango,
  HarfBuzz, …), one per platform; cffi looks up every name that fails with
  ``ctypes.util.find_library``, which on Linux runs ldconfig, gcc and ld each time: 0.3 s
  of every start. The linker cache is read once and answers those look-ups.
- ``cdef_parsed_once_a_machine``: WeasyPrint declares its C functions to cffi as C
  source (16 KB), which cffi parses with pycparser in every process that imports it:
  50 ms. The parse (pycparser's syntax tree) is kept in docgen's cache folder, keyed by
  the source, the names it parses them beside and the versions of Python, cffi and
  pycparser, and read back in 7 ms; cffi builds its types from it as from its own.
- ``parse_simple_types_fast``: cffi parses each C type it is given as text with
  pycparser, the text preceded by a typedef of every name the cdef declared: 10–18 ms a
  type, 0.08 s of a process's first PDF, and one more for each size of array WeasyPrint's
  font subsetting asks for (``hb_codepoint_t[N]``, each font its own N). A type that is
  a declared or primitive name, a pointer to one or an array of them is built from the
  declarations at once: the same cffi type (cffi keeps one object a type).
- ``lighter_import``: importing WeasyPrint parses its three HTML user-agent stylesheets
  (docgen has its own, with the one counter style it uses: ``HtmlWithOwnUserAgent``)
  and imports fontTools' subsetter and variable-font instancer, which it uses only
  without HarfBuzz's subsetter (run.sh installs it) or for variable fonts (the office
  fonts are not): 0.15 s of each process that lays out. While WeasyPrint is imported,
  the stylesheets are made to parse at first use (WeasyPrint's own HTML class parses
  them before it asks for their counter styles), and the modules to load at first use.
- ``one_font_description_a_face``: WeasyPrint makes a Pango font description from the
  style for every line it lays out and every line it draws (family, size, weight …
  set one by one through cffi); the lines of a document use a few faces: one
  description each, made once (Pango copies it into each layout).
- ``share_styles_across_anchors``: WeasyPrint computes one style for elements alike (the
  same parent style, rules and attributes), but an id is an attribute (its anchor) that
  makes an element unlike every other, and then its children too: a paragraph with an
  id had its own style, and so did each of its lines, every property computed again
  (a fifth of a long PDF's time). The anchor is left out of the likeness; the element
  then gets a style of its own with its anchor, which takes every other value from
  the shared one: the same styles, computed once (the PDFs are byte-identical). A rule
  or style attribute that sets an anchor wins over the id's, as in WeasyPrint's cascade.
- ``draw_with_the_layout_of_layout``: WeasyPrint shapes each line twice: when it lays
  the line out, and again when it draws it, in a new Pango layout made from the same
  style and text (the first is dropped in between to save memory): a tenth of a long
  PDF. The layout of a line of one paragraph without justification is kept and drawn:
  it is the layout drawing would make. Pango's single-paragraph mode, which drawing
  sets, is set with each text a layout is given, on for a text with no paragraph break
  (where it changes nothing); the word wrapping drawing has is set back on a kept
  layout (breaking a word anywhere sets character wrapping).
- ``font_files_copied_when_read``: each document's PDF copies the whole file of every
  face it uses out of HarfBuzz into Python (the 2016 report's five: 50 MB) and then
  replaces the copy with the face's subset, never reading it: 30–60 ms a document. A
  face's file is copied when it is read (a font left whole, a variable font), not
  before; the subset as before.
- ``subsets_kept_once_a_machine``: HarfBuzz subsets every face a PDF uses to the glyphs
  it uses: 0.1 s of each 2016 document's PDF, the same every time the text is the same.
  The subset is kept in docgen's cache folder, keyed by the face (the font file
  HarfBuzz maps it from, told apart as build tools tell files apart, by device, inode,
  size and modification and change times; else a SHA-256 of its data), the glyphs,
  the flags and the versions of WeasyPrint and HarfBuzz, with a digest of its bytes
  checked when read; a folder that cannot be written costs only the time; the
  folder keeps the most recently used 128 MB (a 2016 document's: about 1.7 MB).
  With the subset is kept its font stream as pydyf deflates it (at level 9, in each
  PDF: 40 ms of each 2016 document's), written into the PDF as it is.
- ``LxmlParse``: WeasyPrint parses HTML with tinyhtml5, pure Python, 0.35 s for the HTML
  of 200 pages; docgen's HTML is its own, made by lxml, so lxml's C parser gives the
  same tree (the PDFs are byte-identical).
- ``HtmlWithOwnUserAgent``: docgen's user-agent stylesheet (templates/ua.css) and its
  counter styles in place of WeasyPrint's HTML5 ones: the same pages (test_pdf_layout),
  laid out 10–30 % faster.

For the page:

- ``draw_text_with_synthetic_bold``: FandolFang (仿宋) has no Bold, and GB/T 9704's 1.
  headings are bold 仿宋; asked for weight 700, WeasyPrint embeds the face a second time
  and draws it regular. Lines that compose marks are drawn filled and stroked instead,
  as word processors embolden a font that lacks a bold face.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import hashlib
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import math
import os
import re
import subprocess
import sys
import threading
import types
import zlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from docgen.errors import DocgenError, RenderError

WRITTEN_FOR = 70  # WeasyPrint's major version these patches were written and tested for
# Stroke width of synthetic bold, in em: about what Word draws for a font without Bold.
SYNTHETIC_BOLD_STROKE = 0.03


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


_CDEF_CACHE_FORMAT = 1  # bump when what is kept changes, so old files are not read


@contextlib.contextmanager
def cdef_parsed_once_a_machine() -> Iterator[None]:
    """While WeasyPrint is imported, cffi's parse of a C declaration source is read from
    docgen's cache folder, or made and kept there (see the module's docstring). A file
    that cannot be read is parsed anew; one that cannot be written is not kept."""
    import pickle

    import cffi
    import pycparser
    from cffi import cparser

    from docgen.fonts import cache_dir
    from docgen.output import write_atomic

    parse = cparser.Parser._parse

    def kept_parse(self: Any, csource: str) -> Any:
        # The typedef names declared so far change how pycparser reads the source.
        names = sorted(name for name in self._declarations if name.startswith("typedef "))
        key = repr(
            (_CDEF_CACHE_FORMAT, sys.version_info[:2], cffi.__version__, pycparser.__version__)
        )
        digest = hashlib.sha1("\0".join([key, *names, csource]).encode()).hexdigest()
        kept = cache_dir() / f"cdef-{digest[:16]}.pickle"
        with contextlib.suppress(Exception):  # none yet, or not one pickle can read
            return pickle.loads(kept.read_bytes())
        parsed = parse(self, csource)
        with contextlib.suppress(Exception):  # no cache: slower, still right
            write_atomic(kept, pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))
        return parsed

    cparser.Parser._parse = kept_parse
    try:
        yield
    finally:
        cparser.Parser._parse = parse


@contextlib.contextmanager
def lighter_import() -> Iterator[None]:
    """While WeasyPrint is imported, its HTML stylesheets are made to parse and fontTools'
    subsetter and instancer to load at first use (see the module's docstring); modules
    imported already stay as they are."""
    finder = _ParseUserAgentSheetsLater()
    sys.meta_path.insert(0, finder)
    stub = None
    if "fontTools.subset" not in sys.modules:
        import fontTools

        spec = importlib.util.find_spec("fontTools.subset")
        if spec is not None and spec.loader is not None:
            spec.loader = importlib.util.LazyLoader(spec.loader)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)  # lazily: it runs at first attribute
            # On the package too: ``from fontTools import subset`` then takes it as it
            # is (an import through sys.modules would touch it, and load it).
            sys.modules["fontTools.subset"] = fontTools.subset = module  # type: ignore[attr-defined]
    if "fontTools.varLib.instancer" not in sys.modules:
        # ``from … import instantiateVariableFont`` would load a lazy module: a stand-in
        # module for the import, whose function loads the real one when called.
        stub = sys.modules["fontTools.varLib.instancer"] = _loaded_when_called(
            "fontTools.varLib.instancer", "instantiateVariableFont"
        )
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        if stub is not None and sys.modules.get(stub.__name__) is stub:
            del sys.modules[stub.__name__]  # the stand-in served WeasyPrint's import only


def _loaded_when_called(module: str, name: str) -> types.ModuleType:
    """A module whose function `name` imports `module` and calls its own `name`."""
    stub = types.ModuleType(module)

    def call(*args: Any, **kwargs: Any) -> Any:
        if sys.modules.get(module) is stub:
            del sys.modules[module]
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    setattr(stub, name, call)
    return stub


class _ParseUserAgentSheetsLater(importlib.abc.MetaPathFinder):
    """Runs ``weasyprint.html`` with the package's ``CSS`` a class whose instances
    parse when first used: the module makes its stylesheets as it is imported."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != "weasyprint.html":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module: types.ModuleType) -> None:
            package = sys.modules["weasyprint"]
            css = package.CSS
            package.CSS = _parsed_at_first_use(css)
            try:
                run(module)
            finally:
                package.CSS = css

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _parsed_at_first_use(css: type) -> type:
    """A subclass of WeasyPrint's CSS whose instances keep their arguments, and parse
    at the first attribute asked of them (once, whichever thread asks; a parse that
    fails is tried again at the next)."""
    lock = threading.RLock()  # the parse reading an attribute it has not set: no wait

    class ParsedAtFirstUse(css):  # type: ignore[valid-type, misc]
        def __init__(self, **kwargs: Any) -> None:
            self.__dict__["_arguments"] = kwargs

        def __getattr__(self, name: str) -> Any:  # only for attributes not set yet
            with lock:
                if (kwargs := self.__dict__.pop("_arguments", None)) is not None:
                    try:
                        css.__init__(self, **kwargs)
                    except BaseException:
                        self.__dict__["_arguments"] = kwargs
                        raise
            return object.__getattribute__(self, name)  # set by now, or AttributeError

    return ParsedAtFirstUse


def counter_style_rules(weasyprint: Any) -> str:
    """The @counter-style rules of WeasyPrint's HTML5 stylesheet (one a line), for
    docgen's own user-agent stylesheet: the counter styles without the rest."""
    return "".join(
        f"{line}\n" for line in weasyprint.html.UA.splitlines() if line.startswith("@counter-style")
    )


# The types parse_simple_types_fast builds: a name, a pointer to it, an array of it.
_SIMPLE_TYPE = re.compile(r"\s*(\w+(?: \w+)*)\s*(\*|\[(\d*)\])?\s*")
# Primitive names written as cffi writes them (it reorders "int unsigned" and the like:
# those go to its parser).
_PRIMITIVES = frozenset(
    {"char", "int", "unsigned int", "long", "unsigned long", "float", "double", "size_t"}
    | {f"{u}int{n}_t" for u in ("", "u") for n in (8, 16, 32, 64)}
)


def parse_simple_types_fast(ffi: Any) -> None:
    """Answer cffi's parse of a simple type text from its declarations (see the module's
    docstring); any other text goes to cffi's parser."""
    from cffi import model

    parser = ffi._parser
    parse = parser.parse_type

    def parse_type(cdecl: str) -> Any:
        simple = _SIMPLE_TYPE.fullmatch(cdecl)
        if simple is None:
            return parse(cdecl)
        name, suffix, length = simple.groups()
        if (declared := parser._declarations.get(f"typedef {name}")) is not None:
            item, quals = declared
            if isinstance(item, model.RawFunctionType):
                return parse(cdecl)  # a pointer to it is cffi's to make
        elif name in _PRIMITIVES:
            item, quals = model.PrimitiveType(name), 0
        else:
            return parse(cdecl)
        if suffix == "*":
            return model.PointerType(item, quals)
        if suffix:
            return model.ArrayType(item, int(length) if length else None)
        return item

    parser.parse_type = parse_type


# What WeasyPrint's get_font_description reads of a style (text/fonts.py).
_FONT_DESCRIPTION_KEYS = (
    "font_family",
    "font_style",
    "font_stretch",
    "font_weight",
    "font_size",
    "font_variant_caps",
    "font_variation_settings",
)


def one_font_description_a_face(line_break: Any) -> None:
    """Make line_break's font descriptions once a face (see the module's docstring)."""
    make = line_break.get_font_description
    made: dict[tuple[Any, ...], Any] = {}

    def get_font_description(style: Any) -> Any:
        key = tuple(
            tuple(v) if isinstance(v := style[k], list) else v for k in _FONT_DESCRIPTION_KEYS
        )
        if (description := made.get(key)) is None:
            description = made[key] = make(style)
        return description

    line_break.get_font_description = get_font_description


# What Pango takes for the end of a paragraph (and single-paragraph mode shows instead).
_PARAGRAPH_BREAK = re.compile("[\n\r\u2029]")


def draw_with_the_layout_of_layout(line_break: Any) -> None:
    """Draw a line with the Pango layout that laid it out (see the module's docstring)."""
    layout_class = line_break.Layout
    set_text, deactivate, reactivate = (
        layout_class.set_text,
        layout_class.deactivate,
        layout_class.reactivate,
    )
    pango = line_break.pango

    def set_text_of_one_paragraph(self: Any, text: str, justify: bool = False) -> None:
        set_text(self, text, justify)
        # Set for each text: line breaking gives a layout a piece, then the whole.
        one = not _PARAGRAPH_BREAK.search(self.text)
        pango.pango_layout_set_single_paragraph_mode(self.layout, one)

    def kept_for_drawing(self: Any) -> None:
        if self.__dict__.pop("drawn", False) or self.justification_spacing:
            deactivate(self)  # drawn, or to be drawn justified: made anew

    def reactivated(self: Any, style: Any) -> None:
        kept = "layout" in self.__dict__ and style is self.style
        if kept:  # breaking a word may have set character wrapping: drawing has Pango's own
            pango.pango_layout_set_wrap(self.layout, pango.PANGO_WRAP_WORD)
        if not (kept and self.get_first_line()[1] is None):  # one line: drawn as it is
            reactivate(self, style)
        self.drawn = True

    layout_class.set_text = set_text_of_one_paragraph
    layout_class.deactivate = kept_for_drawing
    layout_class.reactivate = reactivated


def share_styles_across_anchors(css: Any) -> None:
    """Let elements with ids share computed styles (see the module's docstring)."""
    find = css.find_style_attributes
    compute = css.StyleFor.__init__
    local = threading.local()  # the anchors of the document being styled, by element

    def find_style_attributes(tree: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        anchors = getattr(local, "anchors", None)
        for rule in find(tree, *args, **kwargs):
            specificity, element, declarations, _ = rule
            # An id's or a name's (a style attribute's weighs (1, 0, 0): it stays).
            anchor = _anchor(declarations) if specificity == (0, 0, 0) else None
            if anchors is not None and anchor is not None:
                anchors[element] = anchor  # the last wins, as in WeasyPrint's cascade
                continue
            yield rule

    def style_for(self: Any, html: Any, sheets: Any, hints: Any, fonts: Any, targets: Any) -> None:
        local.anchors = anchors = {}
        try:
            compute(self, html, sheets, hints, fonts, targets)
        finally:
            del local.anchors
        computed = self._computed_styles
        # The weight WeasyPrint gives an id's anchor: a rule or a style attribute that
        # sets an anchor and weighs as much or more wins over it.
        weight = (css.declaration_precedence("author", False), math.inf, (0, 0, 0))
        for element, anchor in anchors.items():
            alike = computed[element, None]
            if (ruled := alike.cascaded.get("anchor")) is not None and ruled[1] >= weight:
                continue
            own = computed[element, None] = alike.copy()
            own.__class__ = Anchored  # the same fields: a ComputedStyle that asks `alike`
            own.alike, own.specified = alike, alike.specified
            own["anchor"] = anchor  # what WeasyPrint computes from the declaration
            if targets:
                targets.collect_anchor(anchor)

    class Anchored(css.ComputedStyle):  # type: ignore[misc, name-defined]
        """The style of an element with an anchor: every other value is the one of the
        style it shares with elements alike, computed there once."""

        alike: Any

        def __missing__(self, key: str) -> Any:
            value = self[key] = self.alike[key]
            return value

    css.find_style_attributes = find_style_attributes
    css.StyleFor.__init__ = style_for


def font_files_copied_when_read(fonts: Any) -> None:
    """Copy a face's file out of HarfBuzz when it is read (see the module's docstring).
    `fonts` is ``weasyprint.pdf.fonts``: its ``get_hb_object_data`` gives the face's data
    to ``Font.__init__`` and to the subsetter, which stores what it reads in
    ``Font.file_content``."""
    read, harfbuzz = fonts.get_hb_object_data, fonts.harfbuzz

    class FaceData:
        """A face's file, not copied yet (held, the face stays alive until it is)."""

        __slots__ = ("face",)

        def __init__(self, face: Any) -> None:
            self.face = face

        def __bool__(self) -> bool:  # whether the copy would hold anything
            blob = harfbuzz.hb_face_reference_blob(self.face)
            try:
                return harfbuzz.hb_blob_get_length(blob) > 0
            finally:
                harfbuzz.hb_blob_destroy(blob)

    def get_hb_object_data(hb_object: Any, ot_color: Any = None, glyph: Any = None) -> Any:
        if ot_color is None and glyph is None:  # the whole face: later
            return FaceData(hb_object)
        return read(hb_object, ot_color, glyph)

    class FileContent:
        """``Font.file_content``: the bytes, copied at the first read."""

        def __get__(self, font: Any, owner: Any = None) -> Any:
            if font is None:
                return self
            data = font.__dict__["file_content"]
            if isinstance(data, FaceData):
                data = font.__dict__["file_content"] = read(data.face)
            return data

        def __set__(self, font: Any, data: Any) -> None:
            font.__dict__["file_content"] = data

    fonts.get_hb_object_data = get_hb_object_data
    fonts.Font.file_content = FileContent()


_SUBSET_CACHE_FORMAT = 2  # bump when what is kept changes, so old files are not read
SUBSETS_KEPT = 128 * 2**20  # bytes of subsets the cache folder keeps, the newest used


def subsets_kept_once_a_machine(fonts: Any, weasyprint_version: str) -> None:
    """Keep HarfBuzz's subsets of faces in docgen's cache folder (see the module's
    docstring). `fonts` is ``weasyprint.pdf.fonts``."""
    import struct

    from docgen.fonts import cache_dir

    subset, ffi, harfbuzz = fonts.Font._harfbuzz_subset, fonts.ffi, fonts.harfbuzz
    pydyf = fonts.pydyf
    versions = repr(
        (
            _SUBSET_CACHE_FORMAT,
            weasyprint_version,
            _harfbuzz_version(),
            pydyf.__version__,
            zlib.ZLIB_RUNTIME_VERSION,  # the deflated stream's bytes
        )
    )

    def face_identity(face: Any) -> bytes | None:
        """What tells the face's data from any other: the font file HarfBuzz maps it
        from, as a build tool tells files apart (device, inode, size, modification and
        change times: a file written in place changes its change time), else a SHA-256
        of the data (20 ms for NotoSerifCJK's 26 MB). Not the table directory's
        checksums: they are sums, and a font edited without changing them (two glyphs'
        outlines swapped) would get the other's subset. None: no data."""
        blob = harfbuzz.hb_face_reference_blob(face)
        try:
            size = harfbuzz.hb_blob_get_length(blob)
            data = harfbuzz.hb_blob_get_data(blob, ffi.NULL)
            if data == ffi.NULL or not size:
                return None
            index = harfbuzz.hb_face_get_index(face)
            if (file := _mapped_file(int(ffi.cast("size_t", data)), size)) is not None:
                return repr((file, index, size)).encode()
            digest = hashlib.sha256(ffi.buffer(data, size)).digest()
            return digest + struct.pack(">II", index, size)
        finally:
            harfbuzz.hb_blob_destroy(blob)

    def kept_subset(self: Any, to_unicode: Any, hinting: Any) -> None:
        identity = face_identity(self.hb_face)
        if identity is None:
            return subset(self, to_unicode, hinting)
        asked = repr((versions, sorted(to_unicode), bool(hinting), bool(self.missing)))
        key = hashlib.sha256(identity + asked.encode()).hexdigest()
        kept = cache_dir() / "subsets" / f"{key[:32]}.font"
        if (data := _read_kept(kept)) is not None and len(data) > 8:
            size = int.from_bytes(data[:8], "big")
            self.file_content = _KeptFace(data[8 : 8 + size], data[8 + size :])
            return None
        before = self.__dict__.get("file_content")
        subset(self, to_unicode, hinting)
        if self.__dict__.get("file_content") is not before:  # made (else HarfBuzz said why)
            made = self.file_content
            self.file_content = face = _KeptFace(made, _deflate(made))
            _keep(kept, len(face).to_bytes(8, "big") + face + face.deflated)
        return None

    stream_data = pydyf.Stream.data.fget

    def data(self: Any) -> bytes:
        """A kept face's stream deflated as it was kept; any other as pydyf writes it."""
        face = self.stream[0] if len(self.stream) == 1 else None
        if not (self.compress and isinstance(face, _KeptFace)):
            return stream_data(self)
        extra = pydyf.Dictionary(
            {**self.extra, "Filter": "/FlateDecode", "Length": len(face.deflated)}
        )
        return b"\n".join((extra.data, b"stream", face.deflated, b"endstream"))

    fonts.Font._harfbuzz_subset = kept_subset
    pydyf.Stream.data = property(data)


class _KeptFace(bytes):
    """A face's subset, with its font stream as pydyf deflates it (``deflated``)."""

    def __new__(cls, data: bytes, deflated: bytes) -> _KeptFace:
        face = super().__new__(cls, data)
        face.deflated = deflated
        return face

    def __reduce__(self) -> tuple[type, tuple[bytes, bytes]]:  # copied or pickled whole
        return _KeptFace, (bytes(self), self.deflated)


def _deflate(data: bytes) -> bytes:
    """A stream's data as pydyf deflates it (``pydyf.Stream.data``)."""
    compressor = zlib.compressobj(level=9)
    return compressor.compress(data) + compressor.flush()


def _mapped_file(address: int, size: int) -> tuple[Any, ...] | None:
    """The file this process maps `size` bytes of at `address` (Linux's /proc/self/maps):
    its path, the bytes' offset in it, and its device, inode, size, modification and
    change times; None where the bytes are not a file's, or the file was replaced."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            for line in maps:
                span, _, offset, _, inode, *path = line.rstrip("\n").split(maxsplit=5)
                start, end = (int(x, 16) for x in span.split("-"))
                if start <= address < end:
                    if not path or inode == "0" or address + size > end:
                        return None
                    stat = os.stat(path[0])
                    if stat.st_ino != int(inode):  # replaced since it was mapped
                        return None
                    at = int(offset, 16) + address - start
                    times = (stat.st_mtime_ns, stat.st_ctime_ns)
                    return (path[0], at, stat.st_dev, stat.st_ino, stat.st_size, *times)
    except (OSError, ValueError):
        pass
    return None


def _harfbuzz_version() -> str:
    """HarfBuzz's version (WeasyPrint's cffi declares no function that says it), or ""."""
    libraries = _linker_cache() if sys.platform.startswith("linux") else {}
    try:
        library = ctypes.CDLL(libraries.get("harfbuzz", "libharfbuzz.so.0"))
        library.hb_version_string.restype = ctypes.c_char_p
        return library.hb_version_string().decode()
    except (OSError, AttributeError):
        return ""


def _read_kept(path: Path) -> bytes | None:
    """A kept file's data, if its digest checks out; marked used now (kept longest),
    where the folder lets it be."""
    try:
        kept = path.read_bytes()
    except OSError:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)
    digest, data = kept[:32], kept[32:]
    return data if data and hashlib.sha256(data).digest() == digest else None


def _keep(path: Path, data: bytes) -> None:
    """Keep data with its digest; then the folder its newest used SUBSETS_KEPT bytes.
    A cache that cannot be written only costs time."""
    from docgen.output import write_atomic

    with contextlib.suppress(OSError, DocgenError):  # write_atomic says DocgenError
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, hashlib.sha256(data).digest() + data)
        files = sorted(
            (entry.stat().st_mtime_ns, entry.stat().st_size, entry.path)
            for entry in os.scandir(path.parent)
            if entry.name.endswith(".font")
        )
        total = sum(size for _, size, _ in files)
        for _, size, name in files:  # the least recently used first
            if total <= SUBSETS_KEPT:
                break
            with contextlib.suppress(OSError):
                os.remove(name)
            total -= size


def _anchor(declarations: Any) -> str | None:
    """The name of an id's (or a[name]'s) ``-weasy-anchor: "name"`` declaration, which
    WeasyPrint makes for the element alone; None for any other declarations."""
    if len(declarations) != 1 or getattr(declarations[0], "lower_name", "") != "-weasy-anchor":
        return None
    tokens = [t for t in declarations[0].value if t.type != "whitespace"]
    return tokens[0].value if len(tokens) == 1 and tokens[0].type == "string" else None


def _pdf_fonts(weasyprint: Any) -> Any:
    """``weasyprint.pdf.fonts``, or None where WeasyPrint has no such module."""
    return getattr(getattr(weasyprint, "pdf", None), "fonts", None)


class LxmlParse:
    """What WeasyPrint asks of tinyhtml5 (``parse``), done by lxml: the tree of
    ElementTree elements, tags without a namespace."""

    @staticmethod
    def parse(source: Any, **_options: object) -> ElementTree.Element:
        import lxml.etree
        import lxml.html

        tree = lxml.html.document_fromstring(source.read())
        return ElementTree.fromstring(lxml.etree.tostring(tree, encoding="unicode"))


def apply(
    weasyprint: Any, ffi: Any, line_break: Any, synthetic_bold_class: str, user_agent: Any
) -> type:
    """Check the WeasyPrint found (imported with its ``draw`` module and ``lighter_import``),
    install the patches, and return the HTML class that uses `user_agent` (a function
    giving docgen's user-agent stylesheet and the counter styles it defines)."""
    version = weasyprint.__version__
    if int(version.split(".")[0]) != WRITTEN_FOR:
        raise RenderError(
            f"WeasyPrint {version} is installed; docgen's patches to it are written for "
            f"WeasyPrint {WRITTEN_FOR} (pip install 'weasyprint>={WRITTEN_FOR},<{WRITTEN_FOR + 1}')"
        )
    for patch, owner, name in (
        ("LxmlParse", weasyprint, "tinyhtml5"),
        ("draw_text_with_synthetic_bold", getattr(weasyprint, "draw", None), "draw_text"),
        ("HtmlWithOwnUserAgent", weasyprint.HTML, "_ua_stylesheets"),
        ("HtmlWithOwnUserAgent", weasyprint.HTML, "_ua_counter_style"),
        ("HtmlWithOwnUserAgent", getattr(weasyprint, "html", None), "UA"),
        ("lighter_import", getattr(weasyprint, "html", None), "UA_STYLESHEET"),
        ("lighter_import", getattr(weasyprint, "html", None), "UA_FORM_STYLESHEET"),
        ("one_font_description_a_face", line_break, "get_font_description"),
        ("share_styles_across_anchors", getattr(weasyprint, "css", None), "find_style_attributes"),
        ("share_styles_across_anchors", getattr(weasyprint, "css", None), "StyleFor"),
        ("draw_with_the_layout_of_layout", getattr(line_break, "Layout", None), "reactivate"),
        ("draw_with_the_layout_of_layout", getattr(line_break, "Layout", None), "deactivate"),
        ("draw_with_the_layout_of_layout", getattr(line_break, "Layout", None), "set_text"),
        ("font_files_copied_when_read", _pdf_fonts(weasyprint), "get_hb_object_data"),
        ("font_files_copied_when_read", _pdf_fonts(weasyprint), "Font"),
        (
            "subsets_kept_once_a_machine",
            getattr(_pdf_fonts(weasyprint), "Font", None),
            "_harfbuzz_subset",
        ),
        (
            "subsets_kept_once_a_machine",
            getattr(getattr(_pdf_fonts(weasyprint), "pydyf", None), "Stream", None),
            "data",
        ),
        ("parse_simple_types_fast", getattr(ffi, "_parser", None), "parse_type"),
        ("parse_simple_types_fast", getattr(ffi, "_parser", None), "_declarations"),
    ):
        if not hasattr(owner, name):
            raise RenderError(
                f"WeasyPrint {version} has no {getattr(owner, '__name__', owner)}.{name}, "
                f"which docgen's patch {patch} replaces: docgen needs an update"
            )
    parse_simple_types_fast(ffi)
    one_font_description_a_face(line_break)
    share_styles_across_anchors(weasyprint.css)
    draw_with_the_layout_of_layout(line_break)
    font_files_copied_when_read(weasyprint.pdf.fonts)
    subsets_kept_once_a_machine(weasyprint.pdf.fonts, version)
    weasyprint.tinyhtml5 = LxmlParse
    draw_text = weasyprint.draw.draw_text

    def draw_text_with_synthetic_bold(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
        element = getattr(textbox, "element", None)
        if element is None or synthetic_bold_class not in (element.get("class") or "").split():
            return draw_text(stream, textbox, *args, **kwargs)
        style = textbox.style
        stream.push_state()
        stream.set_color(style["color"], stroke=True)
        stream.set_line_width(style["font_size"] * SYNTHETIC_BOLD_STROKE)
        stream.set_text_rendering(2)  # fill, then stroke
        try:
            return draw_text(stream, textbox, *args, **kwargs)
        finally:
            stream.pop_state()

    weasyprint.draw.draw_text = draw_text_with_synthetic_bold

    # WeasyPrint's own HTML asks for the counter styles its stylesheet's parse fills
    # before it asks for the stylesheets: parsed first (see lighter_import).
    counter_styles = weasyprint.HTML._ua_counter_style

    def parse_then_count(self: Any) -> Any:
        for sheet in (weasyprint.html.UA_STYLESHEET, weasyprint.html.UA_FORM_STYLESHEET):
            sheet.matcher  # noqa: B018 - its parse
        return counter_styles(self)

    weasyprint.HTML._ua_counter_style = parse_then_count

    class HtmlWithOwnUserAgent(weasyprint.HTML):
        def _ua_stylesheets(self, *args: object, **kwargs: object) -> list[Any]:
            return [user_agent()[0]]

        def _ua_counter_style(self) -> list[Any]:
            return [user_agent()[1].copy()]

    return HtmlWithOwnUserAgent

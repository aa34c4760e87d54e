"""Fonts by role: the office font a reader's Word has, then open stand-ins.

The DOCX names the office font (``FontRole.office[0]``). The PDF embeds what the role
resolves to on this machine: the first installed face of the role's list, looked up
once per process through fontconfig. ``fontconfig_aliases()`` writes the mapping from
office names to stand-ins, so LibreOffice shows a docgen DOCX in the same faces.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from docgen.errors import DocgenError

BOLD = 700


@dataclass(frozen=True)
class Face:
    family: str
    weight: int = 400


@dataclass(frozen=True)
class FontRole:
    name: str  # the typographic name used in GB/T 9704
    office: tuple[str, ...]  # names an office machine has; the first goes into the DOCX
    stand_ins: tuple[Face, ...]  # open fonts, best first


# The roles GB/T 9704 names. 小标宋 has no open equivalent: a bold Song is the usual
# stand-in. Fandol covers all 6,763 GB2312 characters.
ROLES: dict[str, FontRole] = {
    "xiaobiaosong": FontRole(
        "小标宋", ("方正小标宋简体", "方正小标宋_GBK"), (Face("Noto Serif CJK SC", BOLD),)
    ),
    "fangsong": FontRole("仿宋", ("仿宋_GB2312", "仿宋", "FangSong"), (Face("FandolFang"),)),
    "heiti": FontRole("黑体", ("黑体", "SimHei"), (Face("FandolHei"), Face("Noto Sans CJK SC"))),
    "kaiti": FontRole(
        "楷体",
        ("楷体_GB2312", "楷体", "KaiTi"),
        (Face("FandolKai"), Face("LXGW WenKai"), Face("AR PL UKai CN")),
    ),
    "songti": FontRole("宋体", ("宋体", "SimSun"), (Face("FandolSong"), Face("Noto Serif CJK SC"))),
}


_BUILTIN_ROLES = dict(ROLES)
_MACHINE_CONFIG = os.environ.get("FONTCONFIG_FILE")


def use(folder: Path | None, names: dict[str, str]) -> None:
    """Take a workspace's fonts: a folder of font files besides the installed ones, and
    the name each role has on the office's PCs (written into the DOCX, looked up first
    for the PDF). Call before the fonts are first looked up in this process: Pango
    reads fontconfig's configuration once."""
    ROLES.clear()
    for role, spec in _BUILTIN_ROLES.items():
        name = names.get(role)
        office = (name, *(n for n in spec.office if n != name)) if name else spec.office
        ROLES[role] = FontRole(spec.name, office, spec.stand_ins)
    if folder is not None:
        os.environ["FONTCONFIG_FILE"] = str(_config_with(folder))
    elif _MACHINE_CONFIG is None:
        os.environ.pop("FONTCONFIG_FILE", None)
    else:
        os.environ["FONTCONFIG_FILE"] = _MACHINE_CONFIG
    for cached in (_fc_list, _installed, resolve, metrics):
        cached.cache_clear()


def _machine_config() -> str:
    """The machine's own fontconfig file: FONTCONFIG_FILE's, else the first that exists
    where Linux, Homebrew and MSYS2 (beside WeasyPrint's DLLs) keep it. Only the Linux
    one has been tried here."""
    if _MACHINE_CONFIG:
        return _MACHINE_CONFIG
    places = [Path("/etc/fonts"), Path("/opt/homebrew/etc/fonts"), Path("/usr/local/etc/fonts")]
    places += [
        Path(d).parent / "etc" / "fonts"
        for d in os.environ.get("WEASYPRINT_DLL_DIRECTORIES", "").split(os.pathsep)
        if d
    ]
    found = next((p / "fonts.conf" for p in places if (p / "fonts.conf").is_file()), None)
    return str(found or "/etc/fonts/fonts.conf")


def _config_with(folder: Path) -> Path:
    """A fontconfig file: the machine's configuration plus `folder`."""
    base = _machine_config()
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f'<fontconfig>\n  <include ignore_missing="yes">{escape(base, quote=False)}</include>\n'
        f"  <dir>{escape(str(folder), quote=False)}</dir>\n</fontconfig>\n"
    )
    key = hashlib.sha1(text.encode()).hexdigest()[:16]
    path = cache_dir() / f"fonts-{key}.conf"
    if not path.is_file():
        from docgen.output import write_atomic

        write_atomic(path, text.encode())
    return path


@dataclass(frozen=True)
class Resolved:
    role: str
    face: Face
    file: Path | None  # None: nothing installed, the PDF falls back to fontconfig's choice
    stand_in: bool


@cache
def _fc_list() -> str:
    """Every installed face, a line each: family, weight, file; one fc-list call per
    process (and "" where there is no fontconfig)."""
    if not shutil.which("fc-list"):
        return ""
    return subprocess.run(
        ["fc-list", "--format", "%{family}\t%{weight}\t%{file}\n"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout


@cache
def _installed() -> dict[tuple[str, int], Path]:
    """(family, weight) → file of every installed face."""
    faces: dict[tuple[str, int], Path] = {}
    for line in _fc_list().splitlines():
        families, weight, file = line.split("\t")
        css_weight = BOLD if int(weight.split()[0].strip("[")) >= 200 else 400
        if "Bold" in file:  # the Fandol Bold files declare a regular weight
            css_weight = BOLD
        for family in families.split(","):
            faces.setdefault((family, css_weight), Path(file))
    return faces


@cache
def resolve(role: str) -> Resolved:
    installed = _installed()
    spec = ROLES[role]
    for family in spec.office:
        if (family, 400) in installed:
            return Resolved(role, Face(family), installed[(family, 400)], stand_in=False)
    for face in spec.stand_ins:
        if (face.family, face.weight) in installed:
            return Resolved(role, face, installed[(face.family, face.weight)], stand_in=True)
    return Resolved(role, spec.stand_ins[0], None, stand_in=True)


def fingerprint() -> str:
    """A digest of the fonts a build may set its documents in: every installed face as
    fontconfig lists it (the workspace's font folder among them), each file's size and
    time, and fontconfig's configuration files. A font installed, removed or replaced
    changes it, and a build's record (record.py) rebuilds every document then. Font
    files are large: they are looked at, not read."""
    lines = sorted(_fc_list().splitlines())
    conf = Path(_machine_config())
    files = {Path(line.rsplit("\t", 1)[-1]) for line in lines if "\t" in line}
    files |= {conf, *conf.parent.joinpath("conf.d").glob("*")}
    digest = hashlib.sha256("\n".join(lines).encode())
    digest.update(os.environ.get("FONTCONFIG_FILE", "").encode())
    for file in sorted(files):
        try:
            stat = file.stat()
            digest.update(f"\n{file}\t{stat.st_size}\t{stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(f"\n{file}\t-".encode())
    return digest.hexdigest()


def has_bold(role: str) -> bool:
    """Whether the role's resolved family has a bold face installed."""
    return (resolve(role).face.family, BOLD) in _installed()


def stand_in_note() -> str | None:
    """One line for a build's user when the PDF is set in open stand-ins (the office
    fonts are not installed), naming each; None when every role has its office font."""
    used = []
    for role, spec in ROLES.items():
        r = resolve(role)
        if r.stand_in:
            used.append(f"{spec.name} → {r.face.family if r.file else 'MISSING'}")
    if not used:
        return None
    return (
        "docgen: note: the PDF uses open stand-ins for the office fonts: "
        + ", ".join(used)
        + " (docgen fonts lists them; the DOCX names the office fonts)"
    )


def report() -> str:
    """What `docgen fonts` prints: each role, the face and file, and whether a stand-in."""
    lines = []
    for role, spec in ROLES.items():
        r = resolve(role)
        weight = " Bold" if r.face.weight == BOLD else ""
        if r.file is None:
            state = "MISSING: install it (./run.sh build does)"
        else:
            state = f"stand-in for {spec.office[0]}" if r.stand_in else "office font"
        lines.append(f"{spec.name}\t{r.face.family}{weight}\t{r.file or '-'}\t{state}")
    return "\n".join(lines)


def fontconfig_aliases() -> str:
    """A fontconfig file that maps each office name to its open stand-in.

    It also gives the Fandol Bold files the weight they fail to declare, so that a
    family lookup never takes Bold for regular text.
    """
    rules = []
    for spec in ROLES.values():
        face = spec.stand_ins[0]
        for name in spec.office:
            weight = (
                '\n    <edit name="weight" mode="assign"><const>bold</const></edit>'
                if face.weight == BOLD
                else ""
            )
            rules.append(
                f'  <match target="pattern">\n'
                f'    <test name="family"><string>{escape(name, quote=False)}</string></test>\n'
                f'    <edit name="family" mode="assign" binding="strong">'
                f"<string>{escape(face.family, quote=False)}</string></edit>{weight}\n"
                f"  </match>"
            )
    rules.append(
        '  <match target="scan">\n'
        '    <test name="family"><string>FandolHei</string></test>\n'
        '    <test name="style"><string>Bold</string></test>\n'
        '    <edit name="weight" mode="assign"><const>bold</const></edit>\n'
        "  </match>\n"
        '  <match target="scan">\n'
        '    <test name="family"><string>FandolSong</string></test>\n'
        '    <test name="style"><string>Bold</string></test>\n'
        '    <edit name="weight" mode="assign"><const>bold</const></edit>\n'
        "  </match>"
    )
    body = "\n".join(rules)
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<!-- Written by docgen (docgen fonts, option fontconfig): "
        "office font names to open stand-ins. -->\n"
        f"<fontconfig>\n{body}\n</fontconfig>"
    )


@dataclass(frozen=True)
class Metrics:
    """What line composition needs of a font: coverage, advances, vertical extent."""

    family: str
    units_per_em: int
    ascent: int
    descent: int  # positive, below the baseline
    win_descent: int  # OS/2 usWinDescent: what Word and LibreOffice lay lines out by
    advances: dict[int, int]  # code point → advance width in font units
    dash_middle: int  # the height of the 一字线 (—)'s middle above the baseline

    def covers(self, char: str) -> bool:
        return ord(char) in self.advances

    def units(self, text: str) -> int:
        """Advance of the text in the font's units (characters not covered are counted
        one em wide, as the fallback font's ideographs are)."""
        em = self.units_per_em
        return sum(self.advances.get(ord(c), em) for c in text)

    def width(self, text: str, size: float) -> float:
        """Advance of the text at a size, in the size's unit."""
        return self.units(text) * size / self.units_per_em


_METRICS_FORMAT = 4  # bump when Metrics changes, so old caches are not read


def cache_dir() -> Path:
    """Where docgen keeps what it worked out once: fonts' metrics, compiled templates."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "docgen"


def text_width(metrics: Metrics | None, text: str, size: float) -> float:
    """A text's advance at a size, in the size's unit; one em a character where the
    font (and so its metrics) is missing."""
    return metrics.width(text, size) if metrics else size * len(text)


@cache
def metrics(role: str) -> Metrics | None:
    """The metrics of the font a role resolved to, read once and cached on disk
    (reading a CJK font's tables costs about 0.15 s; the cache a few ms)."""
    resolved = resolve(role)
    if resolved.file is None:
        return None
    stat = resolved.file.stat()
    # marshal: read back in a few ms where JSON took 15 ms a font; its format is
    # Python's own, so the Python version is part of the key.
    python = sys.version_info[:2]
    key = f"{_METRICS_FORMAT}|{python}|{resolved.file}|{stat.st_mtime_ns}|{stat.st_size}"
    key = hashlib.sha1(key.encode()).hexdigest()
    cached = cache_dir() / f"metrics-{key[:16]}.marshal"
    try:
        return Metrics(**marshal.loads(cached.read_bytes()))
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        pass
    from fontTools.ttLib import TTFont

    font = TTFont(resolved.file, lazy=True, fontNumber=_face_index(resolved))
    hmtx = font["hmtx"].metrics
    advances = {cp: hmtx[glyph][0] for cp, glyph in font.getBestCmap().items()}
    hhea = font["hhea"]
    found = Metrics(
        family=resolved.face.family,
        units_per_em=font["head"].unitsPerEm,
        ascent=hhea.ascent,
        descent=abs(hhea.descent),
        win_descent=font["OS/2"].usWinDescent,
        advances=advances,
        dash_middle=_dash_middle(font),
    )
    font.close()
    try:
        from docgen.output import write_atomic

        write_atomic(cached, marshal.dumps(found.__dict__))
    except (OSError, DocgenError):
        pass  # no cache: slower, still right
    return found


def vertical(role: str) -> tuple[float, float, float]:
    """Ascent, descent and Windows descent of a role's font, in em."""
    m = metrics(role)
    if m is None:
        return 0.88, 0.12, 0.12  # the usual CJK em box
    em = m.units_per_em
    return m.ascent / em, m.descent / em, m.win_descent / em


def _dash_middle(font: Any) -> int:
    """Where the 一字线 of a page number (— 1 —) stands: the middle of its glyph."""
    from fontTools.pens.boundsPen import BoundsPen

    glyph = font.getBestCmap().get(0x2014)
    if glyph is None:
        return font["head"].unitsPerEm * 3 // 10
    pen = BoundsPen(font.getGlyphSet())
    font.getGlyphSet()[glyph].draw(pen)
    _, y_min, _, y_max = pen.bounds or (0, 0, 0, 0)
    return (y_min + y_max) // 2


def _face_index(resolved: Resolved) -> int:
    """A .ttc holds several faces; pick the one whose family the role named."""
    if resolved.file is None or resolved.file.suffix.lower() != ".ttc":
        return 0
    from fontTools.ttLib import TTCollection

    for i, face in enumerate(TTCollection(resolved.file, lazy=True).fonts):
        names = {n.toUnicode() for n in face["name"].names if n.nameID in (1, 16)}
        if resolved.face.family in names:
            return i
    return 0

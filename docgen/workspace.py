"""The workspace: an office's folder, found by walking up to its ``docgen.toml``.

A workspace holds ``content/`` (the YAML), ``templates/`` (overrides of docgen's own
templates), ``output/`` (what builds write, not kept in version control) and
``docgen.toml`` (the house profile). Every command works in the workspace it finds
from the current folder, as git does; outside one it works on the paths it is given,
with docgen's defaults.

One workspace is active per process (``activate``): the templates, fonts and house
style it chooses are set up once, before any document is rendered, so that the PDF
server forked afterwards inherits them.
"""

from __future__ import annotations

import contextlib
import sys
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the PDF server imports this module: not the model's pydantic
    from docgen.content.profile import Profile

PROFILE_FILE = "docgen.toml"

# docgen's own templates and stylesheets, inside the package (read as files: WeasyPrint
# and Jinja's bytecode cache want paths, and an installed wheel is always unpacked; so
# found beside this file, without importlib.resources' 8 ms: every command starts here).
BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
SCHEMA_NAME = "docgen.schema.json"


@dataclass(frozen=True)
class Workspace:
    """Where a command works. ``root`` is None outside any workspace.

    Its profile is read (and checked) when first asked for: a build sets up its PDF
    server from the few raw values that shape the pages (``raw``) before it imports
    pydantic, so that the server starts at once."""

    root: Path | None

    @cached_property
    def raw(self) -> dict[str, Any]:
        """docgen.toml as TOML reads it, unchecked ({} if it cannot be read)."""
        if self.root is None:
            return {}
        try:
            return tomllib.loads((self.root / PROFILE_FILE).read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return {}  # `profile` says what is wrong

    @cached_property
    def profile(self) -> Profile:
        """The house profile, checked: a ContentError at its line if it is wrong."""
        from docgen.content.profile import Profile, load_profile

        return load_profile(self.root / PROFILE_FILE) if self.root else Profile()

    @property
    def content(self) -> Path:
        return self.root / "content" if self.root else Path("content")

    @property
    def output(self) -> Path:
        return self.root / "output" if self.root else Path("output")

    @property
    def templates(self) -> Path | None:
        """The folder of template overrides, if the workspace has one."""
        if self.root and (self.root / "templates").is_dir():
            return self.root / "templates"
        return None

    @property
    def schema_file(self) -> Path | None:
        """The workspace's copy of the content schema, which its files' first lines name."""
        return self.root / "schema" / SCHEMA_NAME if self.root else None

    @property
    def font_folder(self) -> Path | None:
        folder = _table(self, "fonts").get("folder")
        if not isinstance(folder, str) or self.root is None:
            return None
        return (self.root / folder).resolve()


def _table(ws: Workspace, name: str) -> dict[str, Any]:
    table = ws.raw.get(name)
    return table if isinstance(table, dict) else {}


def find(start: Path | None = None) -> Workspace:
    """The workspace around `start` (the current folder): the nearest folder upwards
    that holds a docgen.toml."""
    here = (start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / PROFILE_FILE).is_file():
            return Workspace(folder)
    return Workspace(None)


_active: Workspace | None = None
_active_settings: tuple[object, ...] | None = None


def current() -> Workspace:
    """The active workspace (found from the current folder if none was activated)."""
    global _active
    if _active is None:
        activate(find())
    assert _active is not None
    return _active


def activate(workspace: Workspace) -> Workspace:
    """Make `workspace` the one this process works in: its fonts, house style and
    templates apply to every document rendered from now on."""
    global _active, _active_settings
    settings = _settings(workspace)  # as they are now: a file may have come since
    unchanged = _active is not None and settings == _active_settings
    _active, _active_settings = workspace, settings
    if unchanged:
        return workspace
    from docgen import fonts, spec

    fonts.use(workspace.font_folder, _font_names(workspace))
    style = _table(workspace, "style")
    spec.use_house_style(style.get("level3_bold"), style.get("docx_margins"))
    _forget_rendered_setup()
    return workspace


def _settings(ws: Workspace) -> tuple[object, ...]:
    """What of a workspace changes how documents render (not its content defaults)."""
    overrides = sorted(ws.templates.rglob("*.j2")) if ws.templates else []
    # A new override hides a compiled built-in one: Jinja's cache would keep the latter.
    return (overrides, ws.font_folder, repr(_table(ws, "fonts")), repr(_table(ws, "style")))


def _font_names(ws: Workspace) -> dict[str, str]:
    """The name each role has on the office's PCs ([fonts] of docgen.toml)."""
    table = _table(ws, "fonts")
    return {
        role: name
        for role, name in table.items()
        if role != "folder" and isinstance(name, str) and name
    }


def _forget_rendered_setup() -> None:
    """Drop what was set up for the previous workspace (templates, stylesheets, the
    DOCX's styles, which installed font has a character), in the modules that are
    loaded: the next render sets it up anew."""
    for module, names in (
        ("docgen.render.html", ("environment", "stylesheet")),
        ("docgen.render.docx", ("_base_package",)),
        ("docgen.render.pdf", ("_font_config", "_user_agent_stylesheet", "_stylesheet")),
        ("docgen.glyphs", ("installed_font_with",)),
    ):
        loaded = sys.modules.get(module)
        for name in names if loaded else ():
            getattr(loaded, name).cache_clear()  # a missing name is a bug: say it


STARTER = "gongzuoyaodian.yaml"

GITIGNORE = "/output/\n"

PROFILE_TEXT = """\
#:schema ./schema/docgen.toml.schema.json
# docgen.toml — the house profile of this workspace.
# Each value is a default: a content file's own value always wins. Delete the # before a
# line to use it. Errors are reported as docgen.toml:LINE: field: what was expected.

# office = "某某市教育局"                # the office (the documents' author)
# recipients = "各区县教育局，局属各单位"    # 主送机关, without the colon

[header]                                 # 版头 of the documents this office issues
# issuer_mark = "某某市教育局文件"         # 发文机关标志
# doc_number_prefix = "某教"              # 机关代字: `doc_number: 5` prints 某教〔2027〕5号

[signature]                              # 署名
# issuer = "某某市教育局"
# seal = true

[record]                                 # 版记
# cc = ["某某市人民政府办公室"]
# printer = "某某市教育局办公室"

[fonts]
# folder = "fonts"                       # a folder of font files (the office's TTF/OTF)
# fangsong = "仿宋_GB2312"                # the name each role has on the office's PCs
# kaiti = "楷体_GB2312"
# heiti = "黑体"
# xiaobiaosong = "方正小标宋简体"
# songti = "宋体"

[style]
level3_bold = true                       # 1. headings bold (GB/T 9704 says 仿宋; most bold it)
# docx_margins = "glyph"                 # the first line's glyphs print at 37 mm (页面设置
                                         # reads 上 3.24 cm); the default ("standard") 上 3.7
"""

TEMPLATES_README = """\
Templates here override docgen's own of the same name (`docgen templates` lists them).
A template named after a document kind (意见.html.j2) adds that kind.
"""


def init(folder: Path, year: int) -> list[Path]:
    """Make `folder` a workspace: docgen.toml, content/ with a commented starter
    document, an empty templates/, output/ ignored, the content schema. Files that
    exist are kept."""
    from docgen.authoring import new as new_file
    from docgen.authoring.schema import schema_files
    from docgen.output import write_atomic

    folder.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []

    def put(path: Path, text: str) -> None:
        if not path.exists():
            write_atomic(path, text.encode("utf-8"))
            made.append(path)

    put(folder / PROFILE_FILE, PROFILE_TEXT)
    put(folder / ".gitignore", GITIGNORE)
    put(folder / "templates" / "README.md", TEMPLATES_README)
    for name, text in schema_files().items():
        put(folder / "schema" / name, text)
    (folder / "output").mkdir(exist_ok=True)
    workspace = activate(find(folder))
    starter = workspace.content / str(year) / STARTER
    if not starter.exists():
        made.append(new_file.new("工作要点", year, starter))
    return made


def relative(path: Path) -> str:
    """A path as the user would type it from here: relative to the current folder
    when it is below it, else as it is."""
    if path.is_absolute():
        with contextlib.suppress(ValueError):
            return str(path.relative_to(Path.cwd()))
    return str(path)

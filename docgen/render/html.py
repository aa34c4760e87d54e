"""Resolved document → semantic HTML, through one Jinja template per document kind.

The template decides what is printed and in which order, once, for every output. The
GB/T 9704 stylesheet is rendered from ``spec.py`` and the resolved fonts.
"""

from __future__ import annotations

import contextlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup

from docgen import __version__, fonts, spec, workspace
from docgen.chinese import inner_brackets
from docgen.errors import DocgenError
from docgen.render import layout, vocabulary
from docgen.render.titles import break_title

if TYPE_CHECKING:  # the PDF server needs only the stylesheet: not the model's import
    from docgen.resolve import Resolved

TEMPLATES = workspace.BUILTIN_TEMPLATES

# One template per document kind (the kind is the content's `kind:` field); a kind not
# listed prints with the template named after it (a workspace's 意见.html.j2).
KIND_TEMPLATES = {
    "工作要点": "plan.html.j2",
    "进展情况": "report.html.j2",
    "对照表": "crossref.html.j2",
}
# Every other kind of docgen's is an issued document: the 通知's template prints it.
ISSUED_TEMPLATE = "notice.html.j2"


def title_lines(text: str, landscape: bool = False) -> Markup:
    """A title broken into balanced lines (render/titles.py), joined by <br>; on a
    landscape page (§8) its lines run along the 版心's 225 mm."""
    el = spec.ELEMENTS["title"]
    width = spec.LANDSCAPE_TEXT_WIDTH if landscape else spec.TEXT_WIDTH
    lines = break_title(text, fonts.metrics(el.font), el.size.pt, width.pt)
    return Markup("<br>").join(lines)


def lines(texts: list[str]) -> Markup:
    """Lines given one by one (a 题注's), joined by <br>."""
    return Markup("<br>").join(texts)


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates compiled in an earlier run, read back (compiling them all takes 0.1 s
    of a start), each keyed by its source: an edited template compiles again. A cache
    that cannot be written only costs time."""

    def __init__(self) -> None:
        folder = fonts.cache_dir() / "templates"
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def template_name(kind: str) -> str:
    """A kind's template: the workspace's named after it if there is one (a kind it
    adds, or one of docgen's it prints its own way), else docgen's."""
    own = f"{kind}.html.j2"
    overrides = workspace.current().templates
    if overrides and (overrides / own).is_file():
        return own
    return KIND_TEMPLATES.get(kind, ISSUED_TEMPLATE)


def loader() -> jinja2.BaseLoader:
    """The workspace's templates/ first, then docgen's own (read from the package)."""
    builtin = jinja2.PackageLoader("docgen", "templates")
    overrides = workspace.current().templates
    if overrides is None:
        return builtin
    return jinja2.ChoiceLoader([jinja2.FileSystemLoader(overrides), builtin])


def overridden() -> list[str]:
    """The names of docgen's templates the workspace overrides."""
    folder = workspace.current().templates
    if folder is None:
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.j2") if p.is_file())


@cache
def environment() -> jinja2.Environment:
    """Built once per process, so each template is compiled once (or read compiled)."""
    env = jinja2.Environment(
        loader=loader(),
        bytecode_cache=_CompiledTemplates(),
        undefined=jinja2.StrictUndefined,
        # The default extension list misses .html.j2, which would leave text unescaped.
        autoescape=jinja2.select_autoescape(("html.j2",)),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["title_lines"] = title_lines
    env.filters["lines"] = lines
    env.filters["inner_brackets"] = inner_brackets
    return env


def render_html(doc: Resolved, *, inline_css: bool = False) -> str:
    """The document as HTML; with ``inline_css`` it carries its stylesheet (previews)."""
    from docgen.resolve import crossref

    name = template_name(doc.kind)
    try:
        html = (
            environment()
            .get_template(name)
            .render(
                doc=doc,
                meta=metadata(doc),
                layout=layout,
                columns=crossref.COLUMNS,
                css=stylesheet() if inline_css else "",
            )
        )
    except jinja2.TemplateError as exc:
        raise TemplateProblemError.of(exc, name) from None
    except Exception as exc:  # a workspace's template doing arithmetic on a None, say
        if not overridden():
            raise  # docgen's own templates: a bug in docgen
        raise TemplateProblemError.of(exc, name) from None
    # docgen's own templates keep to the vocabulary (the tests say so); overrides are checked
    if overridden() and (stray := vocabulary.stray(html)):
        raise TemplateProblemError.stray(stray, name)
    return html


class TemplateProblemError(DocgenError):
    """A template that cannot render, or writes what the writers do not know, named
    with its file and line."""

    @classmethod
    def of(cls, exc: Exception, name: str) -> TemplateProblemError:
        filename, line = _template_place(exc, name)
        if isinstance(exc, jinja2.TemplateError):
            message = exc.message or type(exc).__name__
        else:
            message = f"{type(exc).__name__}: {exc}"
        return cls(f"{filename}:{line or 1}: template: {message}")

    @classmethod
    def stray(cls, element: tuple[str, str], name: str) -> TemplateProblemError:
        tag, classes = element
        shown = f'<{tag} class="{classes}">' if classes else f"<{tag}>"
        filename, line = _find_in_templates(tag, classes, name)
        return cls(
            f"{filename}:{line or 1}: template: {shown} is not in docgen's vocabulary "
            f"(expected one of: {', '.join(vocabulary.known())})"
        )


def _source_file(name: str) -> str:
    """Where a template's source is, as the user would type it."""
    with contextlib.suppress(jinja2.TemplateNotFound):
        _, filename, _ = environment().loader.get_source(environment(), name)
        if filename:
            return workspace.relative(Path(filename))
    return name


def _template_place(exc: Exception, name: str) -> tuple[str, int | None]:
    """The template file and line an error arose at: a syntax error says; a runtime one
    is found in the traceback, whose frames Jinja rewrites to the templates' lines."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return workspace.relative(Path(exc.filename)) if exc.filename else exc.name or name, (
            exc.lineno
        )
    place: tuple[str, int | None] = (_source_file(name), None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            place = (workspace.relative(Path(filename)), tb.tb_lineno)
        tb = tb.tb_next
    return place


def _find_in_templates(tag: str, classes: str, name: str) -> tuple[str, int | None]:
    """The overriding template and line that write an element (its tag, with its class
    if it has one): the overrides are small, so a search is enough."""
    folder = workspace.current().templates
    assert folder is not None
    wanted = f"<{tag}"
    for relative in [name, *overridden()]:
        path = folder / relative
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if wanted in line and (not classes or classes.split()[0] in line):
                return workspace.relative(path), number
    return _source_file(name), None


def metadata(doc: Resolved) -> list[tuple[str, str]]:
    """The document's properties as HTML meta tags; WeasyPrint writes them into the PDF
    (author = the issuing office, subject, keywords, dates)."""
    source = doc.source
    author = (
        (source.signature.issuer if source.signature else None)
        or (source.record.printer if source.record else None)
        or workspace.current().profile.office
        or ""
    )
    date = source.signature.date if source.signature and source.signature.date else None
    year = str(doc.year) if doc.year else ""
    keywords = [doc.kind, year, *(a.doc.kind for a in doc.attachments if a.doc)]
    meta = [
        ("author", author),
        ("description", f"{year}年{doc.kind}" if year else doc.title),
        ("keywords", ", ".join(dict.fromkeys(k for k in keywords if k))),
        ("generator", f"docgen {__version__}"),
    ]
    if date:
        meta.append(("dcterms.created", date.isoformat()))
    return [(k, v) for k, v in meta if v]


def font_family(role: str) -> str:
    return fonts.resolve(role).face.family


@cache
def stylesheet() -> str:
    """The GB/T 9704 CSS, from the spec and the fonts this machine resolved."""
    return (
        environment()
        .get_template("gbt9704.css.j2")
        .render(
            s=spec,
            body=spec.ELEMENTS["body"],
            pn=spec.ELEMENTS["page_number"],
            elements=[(k, v) for k, v in spec.ELEMENTS.items() if k != "page_number"],
            elements_by_name=spec.ELEMENTS,
            font={name: font_family(el.font) for name, el in spec.ELEMENTS.items()},
            font_weight={
                name: fonts.resolve(el.font).face.weight for name, el in spec.ELEMENTS.items()
            },
            has_bold={name: fonts.has_bold(el.font) for name, el in spec.ELEMENTS.items()},
            letter_spacing=spec.LETTER_SPACING,
            shift=layout.shift(),
            dash=layout.page_number_dash(),
        )
    )

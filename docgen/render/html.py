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

from docgen import __version__, fonts, spec
from docgen.fullwidth import inner_brackets
from docgen.render import layout
from docgen.render.titles import break_title

if TYPE_CHECKING:  # the PDF server needs only the stylesheet: not the model's import
    from docgen.resolve import Resolved

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"

# One template per document kind (the kind is the content's `kind:` field).
KIND_TEMPLATES = {
    "工作要点": "plan.html.j2",
    "进展情况": "report.html.j2",
    "对照表": "crossref.html.j2",
    "通知": "notice.html.j2",
}


def title_lines(text: str) -> Markup:
    """A title broken into balanced lines (render/titles.py), joined by <br>."""
    el = spec.ELEMENTS["title"]
    lines = break_title(text, fonts.metrics(el.font), el.size.pt, spec.TEXT_WIDTH.pt)
    return Markup("<br>").join(lines)


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


@cache
def environment() -> jinja2.Environment:
    """Built once per process, so each template is compiled once (or read compiled)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=_CompiledTemplates(),
        undefined=jinja2.StrictUndefined,
        # The default extension list misses .html.j2, which would leave text unescaped.
        autoescape=jinja2.select_autoescape(("html.j2",)),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["title_lines"] = title_lines
    env.filters["inner_brackets"] = inner_brackets
    return env


def render_html(doc: Resolved, *, inline_css: bool = False) -> str:
    """The document as HTML; with ``inline_css`` it carries its stylesheet (previews)."""
    from docgen.resolve import crossref

    template = environment().get_template(KIND_TEMPLATES[doc.kind])
    return template.render(
        doc=doc,
        meta=metadata(doc),
        layout=layout,
        columns=crossref.COLUMNS,
        css=stylesheet() if inline_css else "",
    )


def metadata(doc: Resolved) -> list[tuple[str, str]]:
    """The document's properties as HTML meta tags; WeasyPrint writes them into the PDF
    (author = the issuing office, subject, keywords, dates)."""
    source = doc.source
    author = (
        (source.signature.issuer if source.signature else None)
        or (source.record.printer if source.record else None)
        or ""
    )
    date = source.signature.date if source.signature and source.signature.date else None
    keywords = [doc.kind, str(doc.year), *(a.doc.kind for a in doc.attachments)]
    meta = [
        ("author", author),
        ("description", f"{doc.year}年{doc.kind}"),
        ("keywords", ", ".join(dict.fromkeys(keywords))),
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

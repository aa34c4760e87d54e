"""Resolved document → semantic HTML, through one Jinja template per document kind.

The template decides what is printed and in which order, once, for every output. The
GB/T 9704 stylesheet is rendered from ``spec.py`` and the resolved fonts.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from docgen import fonts, spec
from docgen.resolve import Resolved, crossref
from docgen.units import Length

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"

# One template per document kind (the kind is the content's `kind:` field).
KIND_TEMPLATES = {
    "工作要点": "plan.html.j2",
    "进展情况": "report.html.j2",
    "对照表": "crossref.html.j2",
}


@cache
def environment() -> jinja2.Environment:
    """Built once per process, so each template is compiled once."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        # The default extension list misses .html.j2, which would leave text unescaped.
        autoescape=jinja2.select_autoescape(("html.j2",)),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(doc: Resolved, *, inline_css: bool = False) -> str:
    """The document as HTML; with ``inline_css`` it carries its stylesheet (previews)."""
    template = environment().get_template(KIND_TEMPLATES[doc.kind])
    return template.render(
        doc=doc, columns=crossref.COLUMNS, css=stylesheet() if inline_css else ""
    )


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
            letter_spacing=spec.LETTER_SPACING,
            shift=_half_leading(),
        )
    )


def _half_leading() -> Length:
    body = spec.ELEMENTS["body"]
    ascent, descent, _ = fonts.vertical(body.font)
    return spec.css_first_line_offset(spec.LINE_PITCH, body.size, ascent, descent)
